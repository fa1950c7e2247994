/* fg_internal.h: the records the fact graph keeps before factgraph_finish, shared by the
 * graph module's files (factgraph.c stores them, resolve.c clusters the entity records,
 * merge.c clusters the event records).
 *
 * Ownership: every string and array here lives in the graph's arena, except where a function
 * below says the caller frees. */
#ifndef STORYLINE_GRAPH_FG_INTERNAL_H
#define STORYLINE_GRAPH_FG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/facts.h"

/* One article's entity as handed in by factgraph_add_entity. */
typedef struct fg_entity_record {
  const char *name;     /* collapsed, valid UTF-8 */
  const char *key;      /* fg_fold(name): the comparison key */
  entity_type type;
  const char *role;     /* collapsed, or NULL */
  fact_mention *mentions;
  size_t nmentions;
} fg_entity_record;

/* A user's alias rule (factgraph_add_alias, factgraph_forbid_alias). */
typedef struct fg_alias_rule {
  char *canonical; /* collapsed display name; NULL for "!alias", which names one form only */
  char *alias;     /* collapsed */
  int type;        /* an entity_type, or -1 for any */
  bool forbid;     /* never merge ALIAS (with CANONICAL, or with anything of another name) */
} fg_alias_rule;

/* Clusters the entity records into merged entities: CLUSTER_OF[i] receives the cluster of
 * record I, numbered 0..*NCLUSTERS-1, and *LABELS a malloc'd array (caller frees the array,
 * not the strings) of one forced canonical name per cluster or NULL: a user rule's canonical
 * name, or a general table's name for a country or body. Records with the same key and type
 * are always one entity. JOBS threads may share the work (the result is the same for any
 * number). Returns 0, or -1 if igraph failed. */
int fg_resolve_entities(const fg_entity_record *recs, size_t n, const fg_alias_rule *rules,
                        size_t nrules, int jobs, size_t *cluster_of, size_t *nclusters,
                        const char ***labels);

/* The number of words of NAME once titles ("Mr", "President") and a leading "the" are
 * removed: how full a name is, for choosing the canonical one. */
size_t fg_name_words(const char *name, entity_type type);

/* How many pairs a block of N entries makes when each entry is paired with at most the
 * WINDOW entries after it: the work of scoring the block, to share it between threads. */
static inline size_t fg_window_pairs(size_t n, size_t window) {
  if (n < 2) return 0;
  size_t m = n - 1; /* the most pairs one entry makes */
  if (m <= window) return m * n / 2;
  return window * (window + 1) / 2 + window * (m - window);
}

/* What merge.c needs to know of one event record, with its participants already mapped to
 * merged entities (sorted, distinct). */
typedef struct fg_event_view {
  /* (the pointers first and the small fields last leave no padding inside: there is one
   * view per report) */
  const char *type;
  const size_t *actors;
  const size_t *targets;
  const char *quote; /* for "say", or NULL */
  long place;        /* entity index or -1 */
  uint32_t nactors, ntargets;
  fact_date date;
  entity_type place_type; /* when place >= 0 */
  uint32_t doc;           /* the article's rank in id order */
  bool negated, hypothetical;
} fg_event_view;

/* Clusters event views into merged events (see merge.c for the rules): CLUSTER_OF[i] receives
 * the cluster of view *V[i], numbered 0..*NCLUSTERS-1 in order of each cluster's first view.
 * The result depends only on the views' order, which the caller makes independent of input
 * order; JOBS threads (two at most) may share the work, with the same result for any number.
 * (Pointers, so that the views can stay inside the caller's larger records.) */
void fg_merge_events(const fg_event_view *const *v, size_t n, int jobs, size_t *cluster_of,
                     size_t *nclusters);

/* The similarity of two quotes, 0..1: the mean of the Dice coefficients of their word sets
 * (words cut to five letters) and of their sets of neighbouring word pairs; 1 when the
 * shorter is a run of the longer's words (a fragment). */
double fg_quote_similarity(const char *a, const char *b);
/* Does fg_quote_similarity(A, B) reach AT_LEAST? Answered as the merge answers it, most often
 * from bounds before the words are compared (for the tests: the same answer either way). */
bool fg_quote_similarity_reaches(const char *a, const char *b, double at_least);
/* Do the participants of views A and B, of type TYPE, allow one event (*SCORE: their
 * overlap)? Counted as the merge counts them: over their merged lists, or (QUICK, for views
 * whose actors and targets are disjoint, as the graph makes them) list by list. For the
 * tests: the same answer either way. */
bool fg_participants_agree(const fg_event_view *a, const fg_event_view *b, const char *type,
                           bool quick, double *score);

#endif
