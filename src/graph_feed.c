/* graph_feed.c: hands one analysed article to the fact graph: its named entities with
 * their name mentions, and the events among them with the sentence that states each. */
#include "graph_feed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Which entities go into the graph: those named (not only by pronouns) and either typed or
 * taking part in an event. A lone unknown capitalised word is too often no name at all, but
 * "attacked Rafah" makes Rafah worth a node. */
static void mark_graph_worthy(const doc *d, bool *worthy) {
  for (size_t e = 0; e < d->nentities; e++)
    worthy[e] = d->entities[e].nmentions > 0 && d->entities[e].type != ENTITY_OTHER;
  for (size_t k = 0; k < d->nevents; k++) {
    const doc_event *ev = &d->events[k];
    for (int i = 0; i < ev->nactors; i++) worthy[ev->actors[i]] = true;
    for (int i = 0; i < ev->ntargets; i++) worthy[ev->targets[i]] = true;
  }
}

/* A's date as the graph keeps it ("2017-03-24") in OUT, or NULL if it has no full date. */
static const char *doc_date(const article *a, char out[16]) {
  if (!a->date.year || !a->date.month || !a->date.day) return NULL;
  format_ymd(out, a->date.year, a->date.month, a->date.day);
  return out;
}

uint32_t graph_feed_copy(factgraph *g, const article *a, uint32_t original) {
  char date[16];
  return factgraph_add_copy(g, a->id, doc_date(a, date), original);
}

/* How many of an entity's mentions before one are compared with it for the same text. */
#define MENTION_LOOKBACK 4

uint32_t graph_feed_doc(factgraph *g, doc *d) {
  const article *a = d->art;
  char date[16];
  uint32_t docid = factgraph_add_document(g, a->id, doc_date(a, date));

  int *gid = xmalloc((d->nentities + 1) * sizeof *gid);
  bool *worthy = xmalloc(d->nentities + 1);
  mark_graph_worthy(d, worthy);
  /* the name mentions of each entity, grouped once (not one pass over all per entity) */
  size_t *first = xcalloc(d->nentities + 1, sizeof *first);
  for (size_t m = 0; m < d->nmentions; m++)
    if (d->mentions[m].kind == MENTION_NAME) first[d->mentions[m].entity + 1]++;
  for (size_t e = 0; e < d->nentities; e++) first[e + 1] += first[e];
  fact_mention *ms = xmalloc((d->nmentions + 1) * sizeof *ms);
  size_t *fill = xmalloc((d->nentities + 1) * sizeof *fill);
  memcpy(fill, first, d->nentities * sizeof *fill);
  for (size_t m = 0; m < d->nmentions; m++) {
    const doc_mention *dm = &d->mentions[m];
    if (dm->kind != MENTION_NAME) continue;
    /* An entity is mostly named the same way through an article: a text that one of its last
     * few mentions had is shared, not copied (and the graph then cleans it once). */
    size_t at = fill[dm->entity]++, len = dm->end - dm->start;
    const char *text = NULL;
    for (size_t j = at; !text && j > first[dm->entity] && at - j < MENTION_LOOKBACK; j--)
      if (ms[j - 1].end - ms[j - 1].start == len && !memcmp(ms[j - 1].text, d->text + dm->start, len))
        text = ms[j - 1].text;
    if (!text) text = arena_strndup(&d->arena, d->text + dm->start, len);
    ms[at] = (fact_mention){docid, dm->start, dm->end, text};
  }
  for (size_t e = 0; e < d->nentities; e++) {
    gid[e] = -1;
    size_t n = first[e + 1] - first[e];
    if (!worthy[e] || n == 0) continue;
    entity_input in = {d->entities[e].name, d->entities[e].type, d->entities[e].role, ms + first[e], n};
    gid[e] = factgraph_add_entity(g, &in);
  }
  free(fill);
  free(first);
  free(worthy);
  /* (the sentences are looked up in the graph's large table of texts, a miss in memory for
   * each: asked for all at once, they arrive together) */
  for (size_t k = 0; k < d->nevents; k++) {
    const sentence *se = &d->sentences[d->events[k].sentence];
    if (k == 0 || d->events[k - 1].sentence != d->events[k].sentence)
      factgraph_prefetch_text(g, d->text + se->start, se->end - se->start);
  }
  for (size_t k = 0; k < d->nevents; k++) {
    const doc_event *ev = &d->events[k];
    int actors[DOC_MAX_ROLE], targets[DOC_MAX_ROLE];
    size_t na = 0, nt = 0;
    for (int i = 0; i < ev->nactors; i++)
      if (gid[ev->actors[i]] >= 0) actors[na++] = gid[ev->actors[i]];
    for (int i = 0; i < ev->ntargets; i++)
      if (gid[ev->targets[i]] >= 0) targets[nt++] = gid[ev->targets[i]];
    if (na + nt == 0) continue;
    const sentence *se = &d->sentences[ev->sentence];
    const char *quote = NULL;
    bool indirect = false;
    if (ev->quote >= 0) {
      const doc_quote *q = &d->quotes[ev->quote];
      quote = arena_strndup(&d->arena, d->text + q->start, q->end - q->start);
      indirect = q->indirect;
    }
    event_input in = {
        .type = ev->type,
        .date = ev->date,
        .actors = actors,
        .nactors = na,
        .targets = targets,
        .ntargets = nt,
        .place = ev->place >= 0 ? gid[ev->place] : -1,
        .amounts = ev->amounts,
        .namounts = (size_t)ev->namounts,
        .quote = quote,
        .quote_indirect = indirect,
        .negated = ev->negated,
        .hypothetical = ev->hypothetical,
        .mention = {docid, se->start, se->end,
                    arena_strndup(&d->arena, d->text + se->start, se->end - se->start)},
        .confidence = ev->confidence,
    };
    factgraph_add_event(g, &in);
  }
  free(ms);
  free(gid);
  return docid;
}
