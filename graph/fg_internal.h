/* fg_internal.h: the records the fact graph keeps before factgraph_finish, shared by the
 * graph module's files (factgraph.c stores them, resolve.c clusters the entity records).
 *
 * Ownership: every string and array here lives in the graph's arena. */
#ifndef STORYLINE_GRAPH_FG_INTERNAL_H
#define STORYLINE_GRAPH_FG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "graph/facts.h"

/* One article's entity as handed in by factgraph_add_entity. */
typedef struct fg_entity_record {
  char *name;           /* collapsed, valid UTF-8 */
  char *key;            /* fg_fold(name): the comparison key */
  entity_type type;
  char *role;           /* collapsed, or NULL */
  fact_mention *mentions;
  size_t nmentions;
} fg_entity_record;

/* Clusters the entity records into merged entities: CLUSTER_OF[i] receives the cluster of
 * record I, numbered 0..*NCLUSTERS-1. Records with the same key and type are one entity.
 * Returns 0, or -1 if igraph failed. */
int fg_resolve_entities(const fg_entity_record *recs, size_t n, size_t *cluster_of,
                        size_t *nclusters);

#endif
