/* export_internal.h: pieces the writers share, so every format says the same thing the same
 * way: joined names, amounts, edge labels and pen widths.
 *
 * Ownership: everything is appended to the caller's strbuf; an export_doc_ids is the caller's,
 * released with export_doc_ids_release. */
#ifndef STORYLINE_EXPORT_INTERNAL_H
#define STORYLINE_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "graph/factgraph.h"
#include "util.h"

/* The writers gather their lines in SB and write them some 64 KB at a time (a write call per
 * line costs more than the line): writes SB to OUT once it holds that much, or whatever it
 * holds if ALL, and empties it. False if the write failed. */
bool export_flush(strbuf *sb, FILE *out, bool all);

/* S as an ID of the DOT language, quoted where it must be, exactly as Graphviz's agwrite
 * writes it (cgraph's agcanon): long strings continued on further lines. */
void export_dot_quote(strbuf *sb, const char *s);

/* Labels of entities IDX[0..N), separated by "; ". */
void export_add_labels(strbuf *sb, const factgraph *g, const size_t *idx, size_t n);

/* Every article's id, written once side by side: mentions and events name their articles a
 * million times in a large run, and the graph's copies of the ids lie all over memory. */
typedef struct export_doc_ids {
  strbuf text;   /* the ids as written, one after another */
  size_t *start; /* id I is text.data[start[I] .. start[I + 1]) */
  bool *none;    /* article I has no id (where PUT was NULL) */
  size_t count;
} export_doc_ids;

/* The ids of G's articles into IDS, each written by PUT (facts.jsonl's JSON strings, which
 * write null for none), or as they are where PUT is NULL. Release with
 * export_doc_ids_release. */
void export_doc_ids_init(export_doc_ids *ids, const factgraph *g,
                         void (*put)(strbuf *, const char *));
void export_doc_ids_release(export_doc_ids *ids);

/* Article DOC's id as IDS has it, its length in *N; NULL for no article or no id. */
static inline const char *export_doc_id(const export_doc_ids *ids, uint32_t doc, size_t *n) {
  if (doc >= ids->count || (ids->none && ids->none[doc])) return NULL;
  *n = ids->start[doc + 1] - ids->start[doc];
  return ids->text.data + ids->start[doc];
}

/* Article ids of DOCS[0..N) (IDS made as they are), separated by "; ". */
void export_add_documents(strbuf *sb, const export_doc_ids *ids, const uint32_t *docs, size_t n);

/* An entity's aliases separated by "; ". */
void export_add_aliases(strbuf *sb, const fg_entity *e);

/* "9000000 EUR": whole values without decimals, others as short as exact. */
void export_add_amount(strbuf *sb, const fact_amount *a);

/* The edge label of an event: "met 2020-01-31", or just "met" when undated. */
void export_add_edge_label(strbuf *sb, const fg_event *ev);

/* Asks for the first LINES cache lines of string S (NULL: none) ahead of its use: the writers
 * read strings that lie all over memory, and each read is otherwise a miss in the cache. A
 * line past the string's end is asked for harmlessly (a prefetch never faults). */
static inline void export_prefetch(const char *s, int lines) {
  if (!s) return;
  for (int i = 0; i < lines; i++) __builtin_prefetch(s + 64 * i);
}

/* What writing event EV reads, asked for ahead in three stages, each reading only what an
 * earlier one asked for (a writer calls stage 0 some lines ahead, stage 1 fewer, stage 2 fewer
 * still): 0 its strings and arrays, 1 its participants' and place's records, 2 their names
 * and ids. */
void export_prefetch_event(const factgraph *g, const fg_event *ev, int stage);

#endif
