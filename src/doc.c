/* doc.c: the per-article analysis driver (doc.h): runs the stages in order, finds dates per
 * sentence, and holds the small lookups the stages share. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void doc_init(doc *d, const article *a) {
  memset(d, 0, sizeof *d);
  d->art = a;
  d->text = a->text;
  d->len = a->len;
  arena_init(&d->arena);
  timex_list_init(&d->dates);
}

void doc_release(doc *d) {
  free(d->tokens);
  free(d->tok_hash);
  free(d->tok_word);
  free(d->tok_lists);
  free(d->tok_head);
  free(d->sentences);
  timex_list_release(&d->dates);
  free(d->date_sentence);
  free(d->entities);
  free(d->mentions);
  free(d->pending);
  free(d->tok_mention);
  free(d->entity_slots);
  strbuf_release(&d->fold);
  free(d->quotes);
  free(d->events);
  arena_release(&d->arena);
  memset(d, 0, sizeof *d);
}

/* Could tokens [first, end) hold a date expression: a digit, or a word timex_word_may_anchor
 * takes? Most stretches of news text hold neither; the date recognizer need not read them. */
static bool may_hold_date(const doc *d, size_t first, size_t end) {
  for (size_t i = first; i < end; i++) {
    const token *t = &d->tokens[i];
    if (t->flags & TOK_PUNCT) continue;
    const char *w = d->text + t->start;
    if ((t->flags & TOK_PLAIN) ? timex_word_may_anchor(w, token_len(t), d->tok_hash[i])
                               : timex_text_may_anchor(w, token_len(t)))
      return true;
  }
  return false;
}

/* The word ids token_split found, lent to timex_find_known: spans are asked for in text
 * order, so a cursor walks the tokens once. */
typedef struct word_cursor {
  const doc *d;
  size_t i, end; /* the next token to look at, and the end of the stretch */
} word_cursor;

static long known_word(void *arg, uint32_t start, uint32_t end) {
  word_cursor *c = arg;
  const token *t = c->d->tokens;
  while (c->i < c->end && t[c->i].start < start) c->i++;
  if (c->i < c->end && t[c->i].start == start && t[c->i].end == end) return c->d->tok_word[c->i];
  return -2;
}

void doc_find_dates(doc *d) {
  civil_date anchor = d->art->date;
  if (anchor.month == 0 || anchor.day == 0) anchor = (civil_date){0, 0, 0};
  /* a new text: no date carries over from the last one read here (its memory may even lie at
   * the same address) */
  timex_forget();
  size_t cap = 0;
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    if (se->flags & SENT_FURNITURE) continue;
    size_t before = d->dates.count;
    /* quoted words and the narrative around them each have their own tense ("'We will
     * win,' she said on Monday": that Monday is past), so each stretch is read apart */
    size_t i = se->tok_first;
    while (i < se->tok_end) {
      uint32_t quoted = d->tokens[i].flags & TOK_IN_QUOTE;
      size_t j = i + 1;
      while (j < se->tok_end && (d->tokens[j].flags & TOK_IN_QUOTE) == quoted) j++;
      if (may_hold_date(d, i, j)) {
        word_cursor cursor = {d, i, j};
        timex_find_known(d->text, d->tokens[i].start, d->tokens[j - 1].end, anchor,
                         d->tok_word ? known_word : NULL, &cursor, &d->dates);
      }
      i = j;
    }
    for (size_t k = before; k < d->dates.count; k++) {
      VEC_RESERVE(d->date_sentence, k, cap);
      d->date_sentence[k] = (uint32_t)s;
    }
  }
}

void doc_analyze(doc *d) {
  token_split(d);
  sentence_split(d);
  text_mark_furniture(d);
  quotes_find(d);
  doc_find_dates(d);
  names_find(d);
  coref_resolve(d);
  doc_index_mentions(d); /* no stage after this one adds mentions */
  quotes_attribute(d);
  events_find(d);
}

const char *doc_token_value(const doc *d, size_t i, const lexicon *lx) {
  const token *t = &d->tokens[i];
  if (!d->tok_word) return lexicon_find(lx, d->text + t->start, token_len(t));
  return lexicon_word_value(lx, d->tok_word[i]);
}

size_t doc_sentence_at(const doc *d, uint32_t offset) {
  size_t lo = 0, hi = d->nsentences;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->sentences[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < d->nsentences ? lo : (d->nsentences ? d->nsentences - 1 : 0);
}

bool doc_after_preposition(const doc *d, size_t first) {
  static const char *const preps[] = {"with", "at", "of", "to", "from", "for", "by", "in", "on",
                                      "about", "against", "between", NULL};
  for (const char *const *p = preps; *p && first > 0; p++)
    if (doc_token_is(d, first - 1, *p)) return true;
  return false;
}

void doc_merge_mentions(doc *d) {
  if (d->npending == 0) return;
  /* a stage adds its mentions in text order, so this sort is nearly free */
  for (size_t i = 1; i < d->npending; i++) {
    doc_mention m = d->pending[i];
    size_t j = i;
    while (j > 0 && d->pending[j - 1].start > m.start) {
      d->pending[j] = d->pending[j - 1];
      j--;
    }
    d->pending[j] = m;
  }
  size_t total = d->nmentions + d->npending;
  doc_mention *merged = xmalloc(total * sizeof *merged);
  size_t a = 0, b = 0, k = 0;
  while (a < d->nmentions || b < d->npending) {
    if (b == d->npending || (a < d->nmentions && d->mentions[a].start <= d->pending[b].start))
      merged[k++] = d->mentions[a++];
    else
      merged[k++] = d->pending[b++];
  }
  free(d->mentions);
  d->mentions = merged;
  d->nmentions = d->mentions_cap = total;
  d->npending = 0;
}

int doc_mention_search(const doc *d, size_t i) {
  size_t lo = 0, hi = d->nmentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->mentions[mid].tok_end <= i) lo = mid + 1;
    else hi = mid;
  }
  if (lo < d->nmentions && d->mentions[lo].tok_first <= i && i < d->mentions[lo].tok_end)
    return (int)lo;
  return -1;
}

void doc_index_mentions(doc *d) {
  free(d->tok_mention);
  d->tok_mention = NULL;
  int *index = xmalloc((d->ntokens ? d->ntokens : 1) * sizeof *index);
  /* doc_mention_search for every token in one walk: the first mention ending after token I
   * only moves forward as I does */
  size_t m = 0;
  for (size_t i = 0; i < d->ntokens; i++) {
    while (m < d->nmentions && d->mentions[m].tok_end <= i) m++;
    bool covered = (d->tokens[i].flags & TOK_MENTIONED) && m < d->nmentions &&
                   d->mentions[m].tok_first <= i;
    index[i] = covered ? (int)m : -1;
  }
  d->tok_mention = index;
}
