/* graphml.c: graph.graphml through igraph's GraphML writer: every entity is a node (isolated
 * ones too, unlike the drawn map), every relationship edge an edge, with all attributes.
 * The one export file that includes <igraph.h>. */
#include "export/export.h"

#include <errno.h>
#include <stdlib.h>

#include <igraph.h>

#include "export/export_internal.h"
#include "graph/igraph_setup.h"

#define OK(call)                                                                             \
  do {                                                                                       \
    if ((call) != IGRAPH_SUCCESS) goto fail;                                                 \
  } while (0)

static igraph_error_t set_node_attrs(igraph_t *gr, const factgraph *g, strbuf *sb) {
  for (size_t i = 0; i < factgraph_entity_count(g); i++) {
    const fg_entity *e = factgraph_entity(g, i);
    igraph_integer_t v = (igraph_integer_t)i;
    IGRAPH_CHECK(igraph_cattribute_VAS_set(gr, "id", v, e->id));
    IGRAPH_CHECK(igraph_cattribute_VAS_set(gr, "label", v, e->label));
    IGRAPH_CHECK(igraph_cattribute_VAS_set(gr, "type", v, entity_type_name(e->type)));
    strbuf_reset(sb);
    export_add_aliases(sb, e);
    IGRAPH_CHECK(igraph_cattribute_VAS_set(gr, "aliases", v, sb->len ? sb->data : ""));
    IGRAPH_CHECK(igraph_cattribute_VAN_set(gr, "mentions", v, (igraph_real_t)e->nmentions));
    IGRAPH_CHECK(igraph_cattribute_VAN_set(gr, "sources", v, (igraph_real_t)e->sources));
    IGRAPH_CHECK(igraph_cattribute_VAS_set(gr, "role", v, e->role ? e->role : ""));
  }
  return IGRAPH_SUCCESS;
}

static igraph_error_t set_edge_attrs(igraph_t *gr, const factgraph *g, strbuf *sb) {
  for (size_t i = 0; i < factgraph_edge_count(g); i++) {
    const fg_event *ev = factgraph_event(g, factgraph_edge(g, i)->event);
    igraph_integer_t e = (igraph_integer_t)i;
    char date[11];
    fact_date_format(&ev->date, date);
    strbuf_reset(sb);
    export_add_edge_label(sb, ev);
    IGRAPH_CHECK(igraph_cattribute_EAS_set(gr, "label", e, sb->data));
    IGRAPH_CHECK(igraph_cattribute_EAS_set(gr, "relation", e, ev->type));
    IGRAPH_CHECK(igraph_cattribute_EAS_set(gr, "date", e, date));
    IGRAPH_CHECK(igraph_cattribute_EAS_set(gr, "event_id", e, ev->id));
    IGRAPH_CHECK(igraph_cattribute_EAN_set(gr, "sources", e, (igraph_real_t)ev->ndocs));
    IGRAPH_CHECK(igraph_cattribute_EAN_set(gr, "weight", e, (igraph_real_t)ev->ndocs));
    IGRAPH_CHECK(igraph_cattribute_EAS_set(gr, "headline", e, ev->headline));
  }
  return IGRAPH_SUCCESS;
}

int export_graphml(const factgraph *g, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  factgraph_igraph_setup();
  size_t n = factgraph_entity_count(g), m = factgraph_edge_count(g);
  if (n > (size_t)IGRAPH_INTEGER_MAX / 2 || m > (size_t)IGRAPH_INTEGER_MAX / 4) return -1;
  igraph_t gr;
  igraph_vector_int_t edges;
  bool have_graph = false, have_edges = false;
  strbuf sb;
  strbuf_init(&sb);
  OK(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)));
  have_edges = true;
  for (size_t i = 0; i < m; i++) {
    const fg_edge *e = factgraph_edge(g, i);
    VECTOR(edges)[2 * i] = (igraph_integer_t)e->from;
    VECTOR(edges)[2 * i + 1] = (igraph_integer_t)e->to;
  }
  OK(igraph_empty(&gr, (igraph_integer_t)n, IGRAPH_DIRECTED));
  have_graph = true;
  OK(igraph_add_edges(&gr, &edges, NULL));
  OK(set_node_attrs(&gr, g, &sb));
  OK(set_edge_attrs(&gr, g, &sb));
  OK(igraph_write_graph_graphml(&gr, out, /* prefixattr */ true));
  igraph_destroy(&gr);
  igraph_vector_int_destroy(&edges);
  strbuf_release(&sb);
  if (fflush(out) == EOF || ferror(out)) return -1;
  return 0;
fail:
  if (have_graph) igraph_destroy(&gr);
  if (have_edges) igraph_vector_int_destroy(&edges);
  strbuf_release(&sb);
  return -1;
}
