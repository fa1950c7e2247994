/* fuzz_factgraph.c: several articles through the extractor into the fact graph, merged, and
 * every export but the drawing written to memory. The input is split into articles at form
 * feeds (at most FUZZ_MAX_DOCS); feeding the graph follows src/main.c's feed_graph. */
#include <jansson.h>

#include "export/export.h"
#include "fuzz.h"
#include "graph/factgraph.h"

#define FUZZ_MAX_DOCS 4

static void feed(factgraph *g, const article *a) {
  doc d;
  doc_init(&d, a);
  doc_analyze(&d);
  fuzz_check_doc(&d);
  char date[16] = "";
  if (a->date.year && a->date.month && a->date.day)
    snprintf(date, sizeof date, "%04d-%02d-%02d", a->date.year, a->date.month, a->date.day);
  uint32_t docid = factgraph_add_document(g, a->id, date[0] ? date : NULL);
  int *gid = malloc((d.nentities + 1) * sizeof *gid);
  fact_mention *ms = malloc((d.nmentions + 1) * sizeof *ms);
  FUZZ_CHECK(gid && ms);
  for (size_t e = 0; e < d.nentities; e++) {
    gid[e] = -1;
    if (d.entities[e].nmentions == 0 || d.entities[e].type == ENTITY_OTHER) continue;
    size_t n = 0;
    for (size_t m = 0; m < d.nmentions; m++) {
      const doc_mention *dm = &d.mentions[m];
      if (dm->entity != (int)e || dm->kind != MENTION_NAME) continue;
      ms[n++] = (fact_mention){docid, dm->start, dm->end,
                               arena_strndup(&d.arena, d.text + dm->start, dm->end - dm->start)};
    }
    if (n == 0) continue;
    entity_input in = {d.entities[e].name, d.entities[e].type, d.entities[e].role, ms, n};
    gid[e] = factgraph_add_entity(g, &in);
  }
  for (size_t k = 0; k < d.nevents; k++) {
    const doc_event *ev = &d.events[k];
    int actors[DOC_MAX_ROLE], targets[DOC_MAX_ROLE];
    size_t na = 0, nt = 0;
    for (int i = 0; i < ev->nactors; i++)
      if (gid[ev->actors[i]] >= 0) actors[na++] = gid[ev->actors[i]];
    for (int i = 0; i < ev->ntargets; i++)
      if (gid[ev->targets[i]] >= 0) targets[nt++] = gid[ev->targets[i]];
    if (na + nt == 0) continue;
    const sentence *se = &d.sentences[ev->sentence];
    const char *quote = NULL;
    bool indirect = false;
    if (ev->quote >= 0) {
      const doc_quote *q = &d.quotes[ev->quote];
      quote = arena_strndup(&d.arena, d.text + q->start, q->end - q->start);
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
                    arena_strndup(&d.arena, d.text + se->start, se->end - se->start)},
        .confidence = ev->confidence,
    };
    FUZZ_CHECK(factgraph_add_event(g, &in) == 0);
  }
  free(ms);
  free(gid);
  doc_release(&d);
}

typedef int (*export_fn)(const factgraph *g, FILE *out);
static int timeline_plain(const factgraph *g, FILE *out) {
  return export_timeline(g, TIMELINE_PLAIN, out);
}
static int timeline_js(const factgraph *g, FILE *out) {
  return export_timeline(g, TIMELINE_TIMELINEJS, out);
}

/* Runs one writer into memory; facts.jsonl must be valid JSON, line by line. */
static void write_one(const factgraph *g, export_fn fn, bool jsonl) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  FUZZ_CHECK(f != NULL);
  FUZZ_CHECK(fn(g, f) == 0);
  FUZZ_CHECK(fclose(f) == 0);
  for (size_t at = 0; jsonl && at < len;) {
    const char *nl = memchr(buf + at, '\n', len - at);
    FUZZ_CHECK(nl != NULL);
    size_t n = (size_t)(nl - (buf + at));
    json_error_t err;
    json_t *j = json_loadb(buf + at, n, JSON_ALLOW_NUL, &err);
    if (!j) fprintf(stderr, "facts.jsonl: invalid JSON: %s\n", err.text);
    FUZZ_CHECK(j != NULL);
    json_decref(j);
    at += n + 1;
  }
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  factgraph *g = factgraph_new();
  FUZZ_CHECK(g != NULL);
  size_t at = 0;
  for (int k = 0; k < FUZZ_MAX_DOCS && at <= size; k++) {
    const char *ff = k + 1 < FUZZ_MAX_DOCS && at < size ? memchr(text + at, '\f', size - at) : NULL;
    size_t n = ff ? (size_t)(ff - (text + at)) : size - at;
    char name[16];
    snprintf(name, sizeof name, "doc%d.txt", k);
    article a;
    if (article_parse_text(name, text + at, n, &a, fuzz_ignore_problem, NULL)) feed(g, &a);
    article_release(&a);
    if (!ff) break;
    at += n + 1;
  }
  if (factgraph_finish(g) == 0) {
    write_one(g, timeline_plain, false);
    write_one(g, timeline_js, false);
    write_one(g, export_dot, false);
    write_one(g, export_graphml, false);
    write_one(g, export_jsonl, true);
  }
  factgraph_free(g);
  return 0;
}
