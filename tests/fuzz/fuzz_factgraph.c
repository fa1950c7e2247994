/* fuzz_factgraph.c: several articles through the extractor into the fact graph, merged, and
 * every export but the drawing written to memory. The input is split into articles at form
 * feeds (at most FUZZ_MAX_DOCS) and each is fed as the CLI feeds it (graph_feed_doc). */
#include <jansson.h>

#include "export/export.h"
#include "fuzz.h"
#include "graph/factgraph.h"
#include "graph_feed.h"

#define FUZZ_MAX_DOCS 4

static void feed(factgraph *g, const article *a) {
  doc d;
  doc_init(&d, a);
  doc_analyze(&d);
  fuzz_check_doc(&d);
  graph_feed_doc(g, &d);
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
