/* resolve.c: which entity records name the same entity. The records are the vertices of a
 * same-as graph; a same-as edge joins two records judged to be one entity; the merged entities
 * are the graph's connected components. Today the judgement is "same folded name and same
 * type"; cross-article resolution adds scored edges here (and must keep a transitive chain
 * from joining two different people, e.g. by checking a component before accepting an edge). */
#include "graph/fg_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "graph/igraph_setup.h"
#include "util.h"

static const fg_entity_record *sort_recs; /* qsort has no context argument in C17 */

static int cmp_record_index(const void *a, const void *b) {
  const fg_entity_record *x = &sort_recs[*(const size_t *)a];
  const fg_entity_record *y = &sort_recs[*(const size_t *)b];
  if (x->type != y->type) return x->type < y->type ? -1 : 1;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  size_t i = *(const size_t *)a, j = *(const size_t *)b;
  return i < j ? -1 : i > j;
}

int fg_resolve_entities(const fg_entity_record *recs, size_t n, size_t *cluster_of,
                        size_t *nclusters) {
  factgraph_igraph_setup();
  *nclusters = 0;
  if (n == 0) return 0;
  if (n > (size_t)IGRAPH_INTEGER_MAX / 4) return -1;

  /* Sorting by (type, key) makes equal records neighbours: a chain of n-1 edges per group
   * connects it, instead of all pairs. */
  size_t *order = xmalloc(n * sizeof *order);
  for (size_t i = 0; i < n; i++) order[i] = i;
  sort_recs = recs;
  qsort(order, n, sizeof *order, cmp_record_index);
  sort_recs = NULL;

  int rc = -1;
  igraph_vector_int_t edges, membership;
  igraph_t graph;
  bool have_edges = false, have_membership = false, have_graph = false;
  if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) goto done;
  have_edges = true;
  for (size_t k = 1; k < n; k++) {
    const fg_entity_record *a = &recs[order[k - 1]], *b = &recs[order[k]];
    if (a->type != b->type || strcmp(a->key, b->key) != 0) continue;
    if (igraph_vector_int_push_back(&edges, (igraph_integer_t)order[k - 1]) != IGRAPH_SUCCESS ||
        igraph_vector_int_push_back(&edges, (igraph_integer_t)order[k]) != IGRAPH_SUCCESS)
      goto done;
  }
  if (igraph_create(&graph, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS)
    goto done;
  have_graph = true;
  if (igraph_vector_int_init(&membership, 0) != IGRAPH_SUCCESS) goto done;
  have_membership = true;
  igraph_integer_t ncomp = 0;
  if (igraph_connected_components(&graph, &membership, NULL, &ncomp, IGRAPH_WEAK) !=
      IGRAPH_SUCCESS)
    goto done;
  if (igraph_vector_int_size(&membership) != (igraph_integer_t)n || ncomp < 0) goto done;
  for (size_t i = 0; i < n; i++) {
    igraph_integer_t m = VECTOR(membership)[i];
    if (m < 0 || m >= ncomp) goto done;
    cluster_of[i] = (size_t)m;
  }
  *nclusters = (size_t)ncomp;
  rc = 0;
done:
  if (have_membership) igraph_vector_int_destroy(&membership);
  if (have_graph) igraph_destroy(&graph);
  if (have_edges) igraph_vector_int_destroy(&edges);
  free(order);
  return rc;
}
