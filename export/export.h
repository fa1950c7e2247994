/* export.h: the writers. Each reads the finished fact graph and writes one output format to
 * a stream the caller opened (the CLI writes to a temporary name and renames on success).
 * Each returns 0 on success and -1 if writing failed (errno says why where it can).
 *
 * Ownership: nothing is retained; the graph is only read. */
#ifndef STORYLINE_EXPORT_H
#define STORYLINE_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "graph/factgraph.h"

typedef enum timeline_format {
  TIMELINE_PLAIN,      /* the columns of OUTPUTS.md */
  TIMELINE_TIMELINEJS, /* TimelineJS's 18 columns first, then the same columns */
} timeline_format;

/* timeline.csv: one row per event that is neither negated nor hypothetical (libcsv). */
int export_timeline(const factgraph *g, timeline_format format, FILE *out);

/* graph.dot: the relationship map, streamed; strings quoted by cgraph (agstrcanon). */
int export_dot(const factgraph *g, FILE *out);

/* graph.graphml: the same graph with every attribute. */
int export_graphml(const factgraph *g, FILE *out);

/* facts.jsonl: every entity, event and quote with its mentions (written directly). */
int export_jsonl(const factgraph *g, FILE *out);

/* facts.jsonl made by several threads at once, the same bytes: the lines are made in chunks
 * by whichever thread is free and written in their order. One thread writes the file with
 * export_jsonl_shared(g, out, SHARE); others may join it at any time with
 * export_jsonl_help(SHARE), which waits for the file to be opened, takes chunks until none is
 * left, and returns (at once if the file is already done). Whoever opened the share calls
 * export_jsonl_share_close when it is done with the file, written or not, so that no helper
 * waits for a file that will never be opened. The caller owns the share (share_new/free). */
typedef struct jsonl_share jsonl_share;
jsonl_share *export_jsonl_share_new(void);
void export_jsonl_share_free(jsonl_share *share);
int export_jsonl_shared(const factgraph *g, FILE *out, jsonl_share *share);
/* What export_jsonl_staged waits for, through its caller. */
typedef enum jsonl_wait {
  JSONL_WAIT_CORE, /* a core the merge leaves free (see wait_for_free_core) */
  JSONL_WAIT_REST  /* the rest of the graph final */
} jsonl_wait;
/* export_jsonl_shared begun before the graph is finished, once its entities are final
 * (factgraph_finish_staged): their lines are written in pieces, each once WAIT(CTX,
 * JSONL_WAIT_CORE) returns; then WAIT(CTX, JSONL_WAIT_REST) is called, which returns when
 * the rest of the graph is final too: true, and the rest is written as export_jsonl_shared
 * writes it; false (the merge failed), and 1 is returned at once, the file unfinished. */
int export_jsonl_staged(const factgraph *g, FILE *out, jsonl_share *share,
                        bool (*wait)(void *ctx, jsonl_wait what), void *ctx);
void export_jsonl_help(jsonl_share *share);
void export_jsonl_share_close(jsonl_share *share);

/* graph.svg drawn in process with Graphviz's layout (gvc). Returns 1 without writing when the
 * graph has more than MAX_NODES nodes (too big to read as a picture). */
#define EXPORT_SVG_MAX_NODES 300
int export_svg(const factgraph *g, size_t max_nodes, FILE *out);

#endif
