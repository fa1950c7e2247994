/* fuzz.h: what the libFuzzer targets share: the entry point, a reader that stays quiet, and
 * invariant checks that turn a wrong span into a crash the fuzzer can report.
 *
 * Header-only; each target defines LLVMFuzzerTestOneInput. replay.c drives the same targets
 * without libFuzzer, so `make test` replays tests/fuzz/regressions with gcc. */
#ifndef STORYLINE_FUZZ_H
#define STORYLINE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_ignore_problem(void *ctx, const char *file, const char *message,
                                       bool fatal) {
  (void)ctx, (void)file, (void)message, (void)fatal;
}

/* abort() with a message, so that libFuzzer saves the input and the replay test fails. */
#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);       \
      abort();                                                                            \
    }                                                                                     \
  } while (0)

/* Publication dates to resolve against: none, an ordinary day, a leap day, the ends of the
 * calendar the code must survive. */
static const civil_date fuzz_anchors[] = {
    {0, 0, 0}, {2017, 3, 24}, {2016, 2, 29}, {1, 1, 1}, {9999, 12, 31},
};
#define FUZZ_NANCHORS (sizeof fuzz_anchors / sizeof fuzz_anchors[0])

/* Every span the analysis hands out lies inside the text, and the arrays are ordered as doc.h
 * says. */
static inline void fuzz_check_doc(const doc *d) {
  for (size_t i = 0; i < d->ntokens; i++) {
    const token *t = &d->tokens[i];
    FUZZ_CHECK(t->start < t->end && t->end <= d->len);
    if (i) FUZZ_CHECK(d->tokens[i - 1].end <= t->start);
  }
  for (size_t i = 0; i < d->nsentences; i++) {
    const sentence *s = &d->sentences[i];
    FUZZ_CHECK(s->start <= s->end && s->end <= d->len);
    FUZZ_CHECK(s->tok_first <= s->tok_end && s->tok_end <= d->ntokens);
    if (i) FUZZ_CHECK(d->sentences[i - 1].end <= s->start);
    if (i) FUZZ_CHECK(d->sentences[i - 1].tok_end <= s->tok_first);
  }
  /* dates in text order, each in its sentence: events.c bisects them by sentence */
  for (size_t i = 0; i < d->dates.count; i++) {
    const timex *x = &d->dates.items[i];
    FUZZ_CHECK(x->start < x->end && x->end <= d->len);
    FUZZ_CHECK(memchr(x->value, '\0', sizeof x->value) != NULL);
    FUZZ_CHECK(d->date_sentence[i] < d->nsentences);
    const sentence *s = &d->sentences[d->date_sentence[i]];
    FUZZ_CHECK(s->start <= x->start && x->end <= s->end);
    if (i) FUZZ_CHECK(d->dates.items[i - 1].end <= x->start);
    if (i) FUZZ_CHECK(d->date_sentence[i - 1] <= d->date_sentence[i]);
  }
  for (size_t i = 0; i < d->nmentions; i++) {
    const doc_mention *m = &d->mentions[i];
    FUZZ_CHECK(m->start < m->end && m->end <= d->len);
    FUZZ_CHECK(m->entity >= 0 && (size_t)m->entity < d->nentities);
    FUZZ_CHECK(m->tok_first <= m->tok_end && m->tok_end <= d->ntokens);
    FUZZ_CHECK(m->sentence < d->nsentences);
    if (i) FUZZ_CHECK(d->mentions[i - 1].start <= m->start); /* text order */
  }
  for (size_t i = 0; i < d->nentities; i++) FUZZ_CHECK(d->entities[i].name != NULL);
  for (size_t i = 0; i < d->nquotes; i++) {
    const doc_quote *q = &d->quotes[i];
    FUZZ_CHECK(q->start <= q->end && q->end <= d->len);
    FUZZ_CHECK(q->tok_first <= q->tok_end && q->tok_end <= d->ntokens);
    FUZZ_CHECK(q->sentence < d->nsentences);
    FUZZ_CHECK(q->speaker < 0 || (size_t)q->speaker < d->nentities);
    FUZZ_CHECK(q->addressee < 0 || (size_t)q->addressee < d->nentities);
  }
  for (size_t i = 0; i < d->nevents; i++) {
    const doc_event *e = &d->events[i];
    FUZZ_CHECK(e->start <= e->end && e->end <= d->len);
    FUZZ_CHECK(e->sentence < d->nsentences);
    FUZZ_CHECK(e->type != NULL);
    FUZZ_CHECK(e->nactors >= 0 && e->nactors <= DOC_MAX_ROLE);
    FUZZ_CHECK(e->ntargets >= 0 && e->ntargets <= DOC_MAX_ROLE);
    for (int k = 0; k < e->nactors; k++)
      FUZZ_CHECK(e->actors[k] >= 0 && (size_t)e->actors[k] < d->nentities);
    for (int k = 0; k < e->ntargets; k++)
      FUZZ_CHECK(e->targets[k] >= 0 && (size_t)e->targets[k] < d->nentities);
    FUZZ_CHECK(e->place < 0 || (size_t)e->place < d->nentities);
    FUZZ_CHECK(e->timex < 0 || (size_t)e->timex < d->dates.count);
    FUZZ_CHECK(e->quote < 0 || (size_t)e->quote < d->nquotes);
    FUZZ_CHECK(e->namounts >= 0 && e->namounts <= DOC_MAX_AMOUNTS);
  }
}

#endif
