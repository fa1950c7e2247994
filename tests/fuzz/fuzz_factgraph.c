/* fuzz_factgraph.c: several articles through the extractor into the fact graph, merged, and
 * every export but the drawing written to memory. The input is split into articles at form
 * feeds (at most FUZZ_MAX_DOCS) and each is fed as the CLI feeds it (graph_feed_doc), into two
 * graphs: one merged on one thread, one on two, whose exports must be the same bytes. The
 * first article also gets an exact copy (factgraph_add_copy), as build gives one. */
#include <jansson.h>

#include "export/export.h"
#include "fuzz.h"
#include "graph/factgraph.h"
#include "graph_feed.h"

#define FUZZ_MAX_DOCS 4

/* Returns the article's index in the graphs (the same in both). */
static uint32_t feed(factgraph *const g[2], const article *a) {
  doc d;
  doc_init(&d, a);
  doc_analyze(&d);
  fuzz_check_doc(&d);
  uint32_t id = graph_feed_doc(g[0], &d);
  FUZZ_CHECK(graph_feed_doc(g[1], &d) == id);
  doc_release(&d);
  return id;
}

typedef int (*export_fn)(const factgraph *g, FILE *out);
static int timeline_plain(const factgraph *g, FILE *out) {
  return export_timeline(g, TIMELINE_PLAIN, out);
}
static int timeline_js(const factgraph *g, FILE *out) {
  return export_timeline(g, TIMELINE_TIMELINEJS, out);
}

/* Runs one writer into memory: *BUF (caller frees), *LEN. */
static void write_one(const factgraph *g, export_fn fn, char **buf, size_t *len) {
  *buf = NULL;
  *len = 0;
  FILE *f = open_memstream(buf, len);
  FUZZ_CHECK(f != NULL);
  FUZZ_CHECK(fn(g, f) == 0);
  FUZZ_CHECK(fclose(f) == 0);
}

/* facts.jsonl must be valid JSON, line by line. */
static void check_jsonl(const char *buf, size_t len) {
  for (size_t at = 0; at < len;) {
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  factgraph *g[2] = {factgraph_new(), factgraph_new()};
  FUZZ_CHECK(g[0] != NULL && g[1] != NULL);
  factgraph_set_jobs(g[1], 2);
  size_t at = 0;
  uint32_t first = UINT32_MAX;
  for (int k = 0; k < FUZZ_MAX_DOCS && at <= size; k++) {
    const char *ff = k + 1 < FUZZ_MAX_DOCS && at < size ? memchr(text + at, '\f', size - at) : NULL;
    size_t n = ff ? (size_t)(ff - (text + at)) : size - at;
    char name[16];
    snprintf(name, sizeof name, "doc%d.txt", k);
    article a;
    if (article_parse_text(name, text + at, n, &a, fuzz_ignore_problem, NULL)) {
      uint32_t id = feed(g, &a);
      if (first == UINT32_MAX) first = id;
    }
    article_release(&a);
    if (!ff) break;
    at += n + 1;
  }
  if (first != UINT32_MAX)
    for (int k = 0; k < 2; k++) FUZZ_CHECK(factgraph_add_copy(g[k], "copy", NULL, first) != UINT32_MAX);
  int finished = factgraph_finish(g[0]);
  FUZZ_CHECK(factgraph_finish(g[1]) == finished);
  if (finished == 0) {
    const export_fn fns[] = {timeline_plain, timeline_js, export_dot, export_graphml, export_jsonl};
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
      char *one, *two;
      size_t n1, n2;
      write_one(g[0], fns[k], &one, &n1);
      write_one(g[1], fns[k], &two, &n2);
      if (fns[k] == export_jsonl) check_jsonl(one, n1);
      /* the merge on two threads gives the same facts */
      FUZZ_CHECK(n1 == n2 && memcmp(one, two, n1) == 0);
      free(one);
      free(two);
    }
  }
  factgraph_free(g[0]);
  factgraph_free(g[1]);
  return 0;
}
