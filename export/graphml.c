/* graphml.c: graph.graphml: every entity is a node (isolated ones too, unlike the drawn map),
 * every relationship edge an edge, with all attributes.
 *
 * Written here rather than through igraph's writer, in the layout that writer uses (keys
 * named v_<attribute> and e_<attribute>, counts as doubles): igraph formats each value with
 * printf and copies each string to escape it, which made this file the slowest output (a
 * quarter of the writing time on the bench corpus; now a sixteenth). */
#include "export/export.h"

#include <errno.h>
#include <stdint.h>

#include "export/export_internal.h"

/* The attributes, in the order the keys are declared and each element lists its data. */
static const char *const NODE_KEYS[][2] = {{"id", "string"},      {"label", "string"},
                                           {"type", "string"},    {"aliases", "string"},
                                           {"mentions", "double"}, {"sources", "double"},
                                           {"role", "string"}};
static const char *const EDGE_KEYS[][2] = {{"label", "string"},    {"relation", "string"},
                                           {"date", "string"},     {"event_id", "string"},
                                           {"sources", "double"},  {"weight", "double"},
                                           {"headline", "string"}};

/* S as XML character data: the five special characters as entities; a control character
 * XML 1.0 forbids (below a space, but tab, line feed and carriage return) as U+FFFD, should
 * one ever get past the graph's cleaning. */
static void add_escaped(strbuf *sb, const char *s) {
  size_t n = strlen(s);
  for (;;) {
    size_t run = xml_plain_prefix(s, n); /* (most values have nothing to escape: one copy) */
    strbuf_add(sb, s, run);
    if (run == n) break;
    const char *ent;
    switch (s[run]) {
    case '&': ent = "&amp;"; break;
    case '<': ent = "&lt;"; break;
    case '>': ent = "&gt;"; break;
    case '"': ent = "&quot;"; break;
    case '\'': ent = "&apos;"; break;
    default: ent = "\xEF\xBF\xBD"; /* a control character XML has no place for */
    }
    strbuf_adds(sb, ent);
    s += run + 1;
    n -= run + 1;
  }
}

/* <data key="PREFIX_NAME">VALUE</data> on its own line. */
static void add_string(strbuf *sb, const char *prefix, const char *name, const char *value) {
  strbuf_adds(sb, "      <data key=\"");
  strbuf_adds(sb, prefix);
  strbuf_adds(sb, name);
  strbuf_add(sb, "\">", 2);
  add_escaped(sb, value ? value : "");
  strbuf_adds(sb, "</data>\n");
}

static void add_count(strbuf *sb, const char *prefix, const char *name, uint64_t value) {
  strbuf_adds(sb, "      <data key=\"");
  strbuf_adds(sb, prefix);
  strbuf_adds(sb, name);
  strbuf_add(sb, "\">", 2);
  strbuf_add_uint(sb, value);
  strbuf_adds(sb, "</data>\n");
}

static void add_keys(strbuf *sb, const char *const keys[][2], size_t n, const char *prefix,
                     const char *element) {
  for (size_t k = 0; k < n; k++) {
    strbuf_adds(sb, "  <key id=\"");
    strbuf_adds(sb, prefix);
    strbuf_adds(sb, keys[k][0]);
    strbuf_adds(sb, "\" for=\"");
    strbuf_adds(sb, element);
    strbuf_adds(sb, "\" attr.name=\"");
    strbuf_adds(sb, keys[k][0]);
    strbuf_adds(sb, "\" attr.type=\"");
    strbuf_adds(sb, keys[k][1]);
    strbuf_adds(sb, "\"/>\n");
  }
}

int export_graphml(const factgraph *g, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  strbuf sb, tmp;
  strbuf_init(&sb);
  strbuf_init(&tmp);
  bool ok = true;
  strbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                   "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns\n"
                   "         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                   "<!-- Created by storyline -->\n");
  add_keys(&sb, NODE_KEYS, sizeof NODE_KEYS / sizeof NODE_KEYS[0], "v_", "node");
  add_keys(&sb, EDGE_KEYS, sizeof EDGE_KEYS / sizeof EDGE_KEYS[0], "e_", "edge");
  strbuf_adds(&sb, "  <graph id=\"G\" edgedefault=\"directed\">\n");
  for (size_t i = 0; i < factgraph_entity_count(g) && ok; i++) {
    const fg_entity *e = factgraph_entity(g, i);
    strbuf_adds(&sb, "    <node id=\"n");
    strbuf_add_uint(&sb, i);
    strbuf_add(&sb, "\">\n", 3);
    add_string(&sb, "v_", "id", e->id);
    add_string(&sb, "v_", "label", e->label);
    add_string(&sb, "v_", "type", entity_type_name(e->type));
    strbuf_reset(&tmp);
    export_add_aliases(&tmp, e);
    add_string(&sb, "v_", "aliases", tmp.len ? tmp.data : "");
    add_count(&sb, "v_", "mentions", e->nmentions);
    add_count(&sb, "v_", "sources", e->sources);
    add_string(&sb, "v_", "role", e->role);
    strbuf_adds(&sb, "    </node>\n");
    ok = export_flush(&sb, out, false);
  }
  for (size_t i = 0; i < factgraph_edge_count(g) && ok; i++) {
    const fg_edge *edge = factgraph_edge(g, i);
    const fg_event *ev = factgraph_event(g, edge->event);
    strbuf_adds(&sb, "    <edge source=\"n");
    strbuf_add_uint(&sb, edge->from);
    strbuf_adds(&sb, "\" target=\"n");
    strbuf_add_uint(&sb, edge->to);
    strbuf_add(&sb, "\">\n", 3);
    strbuf_reset(&tmp);
    export_add_edge_label(&tmp, ev);
    add_string(&sb, "e_", "label", tmp.data);
    add_string(&sb, "e_", "relation", ev->type);
    char date[11];
    fact_date_format(&ev->date, date);
    add_string(&sb, "e_", "date", date);
    add_string(&sb, "e_", "event_id", ev->id);
    add_count(&sb, "e_", "sources", ev->ndocs);
    add_count(&sb, "e_", "weight", ev->ndocs);
    add_string(&sb, "e_", "headline", ev->headline);
    strbuf_adds(&sb, "    </edge>\n");
    ok = export_flush(&sb, out, false);
  }
  if (ok) {
    strbuf_adds(&sb, "  </graph>\n</graphml>\n");
    ok = export_flush(&sb, out, true);
  }
  strbuf_release(&sb);
  strbuf_release(&tmp);
  if (!ok || fflush(out) == EOF || ferror(out)) return -1;
  return 0;
}
