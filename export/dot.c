/* dot.c: the relationship map as Graphviz: graph.dot written by cgraph, graph.svg laid out and
 * drawn in process by gvc. Both draw the same cgraph graph, built once by map_build.
 *
 * The map shows the entities that take part in at least one edge: isolated entities would
 * only scatter unconnected nodes around the picture. GraphML and facts.jsonl keep them all. */
/* dladdr, to find Graphviz's plugin directory next to libgvc. */
#define _GNU_SOURCE
#include "export/export.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cgraph.h>
#include <gvc.h>

#include "export/export_internal.h"

/* Debian's Graphviz (2.42/2.43) declares every string parameter as char * although it never
 * writes through them; this is the one place the const is cast away. */
static char *cg(const char *s) { return (char *)s; }

typedef struct map_attrs {
  Agsym_t *n_label, *n_type, *n_aliases, *n_mentions, *n_sources, *n_shape, *n_fill;
  Agsym_t *e_label, *e_relation, *e_date, *e_event, *e_sources, *e_weight, *e_pen, *e_tip;
} map_attrs;

/* agwrite escapes only '"'; a backslash would start a DOT label escape ("\N", "\n") or, at the
 * end of a value, swallow the closing quote. Doubling it shows it as written. agwrite writes a
 * newline raw inside the quotes; values reach here single-line (the graph collapses names),
 * and any stray line break becomes a space. */
static void set_attr(void *obj, Agsym_t *sym, const char *value, strbuf *tmp) {
  strbuf_reset(tmp);
  for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
    if (*p == '\\') strbuf_addc(tmp, '\\');
    strbuf_addc(tmp, (*p == '\n' || *p == '\r') ? ' ' : (char)*p);
  }
  agxset(obj, sym, cg(tmp->len ? tmp->data : ""));
}

typedef struct type_style {
  const char *shape, *fill;
} type_style;

static type_style style_of(entity_type t) {
  switch (t) {
  case ENTITY_PERSON: return (type_style){"ellipse", "#cfe2f3"};
  case ENTITY_ORG: return (type_style){"box", "#fce5cd"};
  case ENTITY_GPE: return (type_style){"hexagon", "#d9ead3"};
  case ENTITY_LOC: return (type_style){"octagon", "#ead1dc"};
  case ENTITY_OTHER: break;
  }
  return (type_style){"note", "#eeeeee"};
}

static void declare_attrs(Agraph_t *gr, map_attrs *a) {
  agattr(gr, AGRAPH, cg("rankdir"), cg("LR"));
  agattr(gr, AGRAPH, cg("fontname"), cg("Helvetica"));
  agattr(gr, AGNODE, cg("fontname"), cg("Helvetica"));
  agattr(gr, AGNODE, cg("style"), cg("filled"));
  agattr(gr, AGEDGE, cg("fontname"), cg("Helvetica"));
  agattr(gr, AGEDGE, cg("fontsize"), cg("10"));
  /* Attributes every node or edge sets get an empty default, so that agwrite (which omits a
   * value equal to the default) writes them on each node and edge for tools that read them. */
  a->n_label = agattr(gr, AGNODE, cg("label"), cg(""));
  a->n_type = agattr(gr, AGNODE, cg("type"), cg(""));
  a->n_aliases = agattr(gr, AGNODE, cg("aliases"), cg(""));
  a->n_mentions = agattr(gr, AGNODE, cg("mentions"), cg(""));
  a->n_sources = agattr(gr, AGNODE, cg("sources"), cg(""));
  a->n_shape = agattr(gr, AGNODE, cg("shape"), cg(""));
  a->n_fill = agattr(gr, AGNODE, cg("fillcolor"), cg(""));
  a->e_label = agattr(gr, AGEDGE, cg("label"), cg(""));
  a->e_relation = agattr(gr, AGEDGE, cg("relation"), cg(""));
  a->e_date = agattr(gr, AGEDGE, cg("date"), cg(""));
  a->e_event = agattr(gr, AGEDGE, cg("event_id"), cg(""));
  a->e_sources = agattr(gr, AGEDGE, cg("sources"), cg(""));
  a->e_weight = agattr(gr, AGEDGE, cg("weight"), cg(""));
  a->e_pen = agattr(gr, AGEDGE, cg("penwidth"), cg(""));
  a->e_tip = agattr(gr, AGEDGE, cg("tooltip"), cg(""));
}

static bool all_declared(const map_attrs *a) {
  Agsym_t *const syms[] = {a->n_label,    a->n_type,    a->n_aliases, a->n_mentions,
                           a->n_sources,  a->n_shape,   a->n_fill,    a->e_label,
                           a->e_relation, a->e_date,    a->e_event,   a->e_sources,
                           a->e_weight,   a->e_pen,     a->e_tip};
  for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
    if (!syms[i]) return false;
  return true;
}

static Agnode_t *add_node(Agraph_t *gr, const map_attrs *a, const fg_entity *e, strbuf *tmp) {
  Agnode_t *n = agnode(gr, cg(e->id), 1);
  if (!n) return NULL;
  type_style st = style_of(e->type);
  set_attr(n, a->n_label, e->label, tmp);
  set_attr(n, a->n_type, entity_type_name(e->type), tmp);
  strbuf val;
  strbuf_init(&val);
  export_add_aliases(&val, e);
  set_attr(n, a->n_aliases, val.len ? val.data : "", tmp);
  strbuf_reset(&val);
  strbuf_addf(&val, "%zu", e->nmentions);
  set_attr(n, a->n_mentions, val.data, tmp);
  strbuf_reset(&val);
  strbuf_addf(&val, "%zu", e->sources);
  set_attr(n, a->n_sources, val.data, tmp);
  strbuf_release(&val);
  set_attr(n, a->n_shape, st.shape, tmp);
  set_attr(n, a->n_fill, st.fill, tmp);
  return n;
}

static bool add_edge(Agraph_t *gr, const map_attrs *a, Agnode_t *from, Agnode_t *to,
                     const fg_event *ev, strbuf *tmp) {
  /* Anonymous edges: a non-strict graph keeps one edge per event between the same pair. */
  Agedge_t *e = agedge(gr, from, to, NULL, 1);
  if (!e) return false;
  strbuf val;
  strbuf_init(&val);
  export_add_edge_label(&val, ev);
  set_attr(e, a->e_label, val.data, tmp);
  set_attr(e, a->e_relation, ev->type, tmp);
  char date[11];
  fact_date_format(&ev->date, date);
  set_attr(e, a->e_date, date, tmp);
  set_attr(e, a->e_event, ev->id, tmp);
  strbuf_reset(&val);
  strbuf_addf(&val, "%zu", ev->ndocs);
  set_attr(e, a->e_sources, val.data, tmp);
  set_attr(e, a->e_weight, val.data, tmp);
  /* One more report, a visibly thicker line; capped so a much-reported event stays a line. */
  double pen = 1.0 + 0.75 * (double)(ev->ndocs ? ev->ndocs - 1 : 0);
  if (pen > 6.0) pen = 6.0;
  strbuf_reset(&val);
  strbuf_addf(&val, "%.2f", pen);
  set_attr(e, a->e_pen, val.data, tmp);
  set_attr(e, a->e_tip, ev->headline, tmp);
  strbuf_release(&val);
  return true;
}

/* Marks the entities that take part in an edge; returns how many there are. */
static size_t mark_linked(const factgraph *g, bool *linked) {
  size_t count = 0;
  for (size_t i = 0; i < factgraph_edge_count(g); i++) {
    const fg_edge *e = factgraph_edge(g, i);
    count += !linked[e->from];
    linked[e->from] = true;
    count += !linked[e->to];
    linked[e->to] = true;
  }
  return count;
}

/* Above this many edges, dot's spline routing and network simplex take minutes (measured:
 * 280 nodes and 600 labelled edges, over 40 s); straight edges and capped iterations bring
 * that under a second, at some cost in looks that a map this size has lost anyway. */
#define MAP_BIG_EDGES 150

/* The map as a cgraph graph, or NULL if cgraph failed. The caller agclose()s it. */
static Agraph_t *map_build(const factgraph *g) {
  Agraph_t *gr = agopen(cg("storyline"), Agdirected, NULL);
  if (!gr) return NULL;
  map_attrs a;
  declare_attrs(gr, &a);
  if (!all_declared(&a)) {
    agclose(gr);
    return NULL;
  }
  if (factgraph_edge_count(g) > MAP_BIG_EDGES) {
    agattr(gr, AGRAPH, cg("splines"), cg("line"));
    agattr(gr, AGRAPH, cg("nslimit"), cg("2"));
    agattr(gr, AGRAPH, cg("nslimit1"), cg("2"));
    agattr(gr, AGRAPH, cg("mclimit"), cg("0.1"));
  }
  size_t n = factgraph_entity_count(g);
  Agnode_t **nodes = xcalloc(n ? n : 1, sizeof *nodes);
  bool *linked = xcalloc(n ? n : 1, sizeof *linked);
  strbuf tmp;
  strbuf_init(&tmp);
  bool ok = true;
  /* Nodes in entity (id) order, then edges in event order: the file is stable. */
  mark_linked(g, linked);
  for (size_t i = 0; i < n && ok; i++)
    if (linked[i]) ok = (nodes[i] = add_node(gr, &a, factgraph_entity(g, i), &tmp)) != NULL;
  for (size_t i = 0; i < factgraph_edge_count(g) && ok; i++) {
    const fg_edge *e = factgraph_edge(g, i);
    ok = add_edge(gr, &a, nodes[e->from], nodes[e->to], factgraph_event(g, e->event), &tmp);
  }
  strbuf_release(&tmp);
  free(nodes);
  free(linked);
  if (!ok) {
    agclose(gr);
    return NULL;
  }
  return gr;
}

int export_dot(const factgraph *g, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  Agraph_t *gr = map_build(g);
  if (!gr) return -1;
  int rc = agwrite(gr, out);
  agclose(gr);
  if (rc != 0 || fflush(out) == EOF || ferror(out)) return -1;
  return 0;
}

/* A Graphviz context for drawing SVG in process. gvContext() would load every plugin in
 * Graphviz's config file, among them the pango text layout, which leaks (in libgvplugin_pango,
 * pango and fontconfig caches) on every layout. Loading just the core renderers and the dot
 * layout avoids that, and measures text with Graphviz's built-in font metrics, so the picture
 * is the same on every machine. The two plugin libraries stay loaded for the life of the
 * process: the dot layout keeps work buffers in static variables, which would become leaks if
 * the library were unloaded. Falls back to gvContext() if the plugins are not found. */
static lt_symlist_t *svg_builtins(void) {
  static lt_symlist_t builtins[3];
  static bool tried = false;
  if (tried) return builtins[0].address ? builtins : NULL;
  tried = true;
  Dl_info info;
  if (!dladdr((void *)gvContext, &info) || !info.dli_fname) return NULL;
  const char *slash = strrchr(info.dli_fname, '/');
  int dirlen = slash ? (int)(slash - info.dli_fname) : 0;
  char path[4096];
  void *sym[2] = {NULL, NULL};
  const char *libs[2] = {"libgvplugin_core.so.6", "libgvplugin_dot_layout.so.6"};
  const char *names[2] = {"gvplugin_core_LTX_library", "gvplugin_dot_layout_LTX_library"};
  for (int i = 0; i < 2; i++) {
    int n = snprintf(path, sizeof path, "%.*s/graphviz/%s", dirlen, info.dli_fname, libs[i]);
    if (n < 0 || (size_t)n >= sizeof path) return NULL;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) return NULL;
    sym[i] = dlsym(h, names[i]);
    if (!sym[i]) return NULL;
  }
  builtins[0] = (lt_symlist_t){names[0], sym[0]};
  builtins[1] = (lt_symlist_t){names[1], sym[1]};
  builtins[2] = (lt_symlist_t){NULL, NULL};
  return builtins;
}

static GVC_t *svg_context(void) {
  lt_symlist_t *builtins = svg_builtins();
  GVC_t *gvc = builtins ? gvContextPlugins(builtins, 0) : NULL;
  return gvc ? gvc : gvContext();
}

int export_svg(const factgraph *g, size_t max_nodes, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  size_t n = factgraph_entity_count(g);
  bool *linked = xcalloc(n ? n : 1, sizeof *linked);
  size_t nodes = mark_linked(g, linked);
  free(linked);
  if (nodes > max_nodes) return 1;
  Agraph_t *gr = map_build(g);
  if (!gr) return -1;
  GVC_t *gvc = svg_context();
  if (!gvc) {
    agclose(gr);
    return -1;
  }
  int rc = gvLayout(gvc, gr, "dot");
  if (rc == 0) {
    rc = gvRender(gvc, gr, "svg", out);
    gvFreeLayout(gvc, gr);
  }
  agclose(gr);
  gvFreeContext(gvc);
  if (rc != 0 || fflush(out) == EOF || ferror(out)) return -1;
  return 0;
}
