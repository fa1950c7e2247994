/* dot.c: the relationship map as Graphviz: graph.dot streamed, quoted as cgraph quotes, and
 * graph.svg laid out and drawn in process by gvc from a cgraph graph (map_build). Both take
 * their attributes from the same functions (node_values, edge_values).
 *
 * The map shows the entities that take part in at least one edge: isolated entities would
 * only scatter unconnected nodes around the picture. GraphML and facts.jsonl keep them all. */
/* dladdr, to find Graphviz's plugin directory next to libgvc. */
#define _GNU_SOURCE
#include "export/export.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cgraph.h>
#include <gvc.h>

#include "export/export_internal.h"

/* Debian's Graphviz (2.42/2.43) declares every string parameter as char * although it never
 * writes through them; this is the one place the const is cast away. */
static char *cg(const char *s) { return (char *)s; }

/* What the map says, in the order written: the graph's settings, then each node's and each
 * edge's attributes. Both the DOT writer and the cgraph graph drawn as SVG take them from here,
 * so graph.dot and graph.svg show the same map. */
typedef struct setting {
  const char *name, *value;
} setting;

static const setting graph_settings[] = {{"rankdir", "LR"}, {"fontname", "Helvetica"}};
static const setting node_defaults[] = {{"fontname", "Helvetica"}, {"style", "filled"}};
static const setting edge_defaults[] = {{"fontname", "Helvetica"}, {"fontsize", "10"}};

/* Above this many edges, dot's spline routing and network simplex take minutes (measured:
 * 280 nodes and 600 labelled edges, over 40 s); straight edges and capped iterations bring
 * that under a second, at some cost in looks that a map this size has lost anyway. */
#define MAP_BIG_EDGES 150
static const setting big_map_settings[] = {
    {"splines", "line"}, {"nslimit", "2"}, {"nslimit1", "2"}, {"mclimit", "0.1"}};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { NODE_ATTRS = 7, EDGE_ATTRS = 8 };
static const char *const node_attr_names[NODE_ATTRS] = {"label",   "type",  "aliases",  "mentions",
                                                        "sources", "shape", "fillcolor"};
static const char *const edge_attr_names[EDGE_ATTRS] = {
    "label", "relation", "date", "event_id", "sources", "weight", "penwidth", "tooltip"};

/* The values of one node's or edge's attributes, in the order of the names above, each ended
 * by '\0' in TEXT. */
typedef struct attr_values {
  strbuf text;
  size_t at[EDGE_ATTRS];
  size_t n;
} attr_values;

/* Appends the next value. DOT's quoted strings escape only '"' (the writers do that); a
 * backslash would start a label escape ("\N", "\n") or, at the end of a value, swallow the
 * closing quote, so it is doubled to show as written. Values reach here single-line (the graph
 * collapses names), and any stray line break becomes a space. */
static void values_add(attr_values *v, const char *s) {
  v->at[v->n++] = v->text.len;
  size_t n = strlen(s);
  for (;;) {
    size_t run = plain_prefix4(s, n, '\\', '\n', '\r', '\r'); /* most values have none: one copy */
    strbuf_add(&v->text, s, run);
    s += run, n -= run;
    if (!n) break;
    if (*s == '\\') strbuf_add(&v->text, "\\\\", 2);
    else strbuf_addc(&v->text, ' ');
    s++, n--;
  }
  strbuf_addc(&v->text, '\0');
}

/* A number as a value (no backslash or line break to look for). */
static void values_add_count(attr_values *v, size_t n) {
  v->at[v->n++] = v->text.len;
  strbuf_add_uint(&v->text, n);
  strbuf_addc(&v->text, '\0');
}

static const char *value_at(const attr_values *v, size_t i) { return v->text.data + v->at[i]; }

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

static void node_values(attr_values *v, const fg_entity *e, strbuf *tmp) {
  strbuf_reset(&v->text);
  v->n = 0;
  type_style st = style_of(e->type);
  values_add(v, e->label);
  values_add(v, entity_type_name(e->type));
  strbuf_reset(tmp);
  export_add_aliases(tmp, e);
  values_add(v, tmp->len ? tmp->data : "");
  values_add_count(v, e->nmentions);
  values_add_count(v, e->sources);
  values_add(v, st.shape);
  values_add(v, st.fill);
}

static void edge_values(attr_values *v, const fg_event *ev, strbuf *tmp) {
  strbuf_reset(&v->text);
  v->n = 0;
  strbuf_reset(tmp);
  export_add_edge_label(tmp, ev);
  values_add(v, tmp->len ? tmp->data : "");
  values_add(v, ev->type);
  char date[11];
  fact_date_format(&ev->date, date);
  values_add(v, date);
  values_add(v, ev->id);
  values_add_count(v, ev->ndocs);
  values_add_count(v, ev->ndocs);
  /* One more report, a visibly thicker line; capped so a much-reported event stays a line. */
  double pen = 1.0 + 0.75 * (double)(ev->ndocs ? ev->ndocs - 1 : 0);
  if (pen > 6.0) pen = 6.0;
  v->at[v->n++] = v->text.len;
  strbuf_add_2dp(&v->text, pen); /* "%.2f" */
  strbuf_addc(&v->text, '\0');
  values_add(v, ev->headline);
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

/* ---- graph.dot, written as it goes ---------------------------------------------------------
 * The file is streamed rather than built as a cgraph graph and written by agwrite: on a large
 * map, building, writing and freeing that graph took superlinear time (3.1 s of a 22 s run on
 * 256 MB) and held every string once more. Strings are quoted as agwrite quotes them (cgraph's
 * agcanon), so any DOT reader reads the file as agwrite's, by export_dot_quote: agcanon's call
 * per string and byte-by-byte tests were three quarters of the file's time (test_export
 * checks that the two agree, byte for byte). */

/* What a byte is to DOT's quoting, as bits: DOT_ID, a byte of an unquoted ID (letters,
 * digits, '_' and any byte past ASCII); DOT_WORD, a byte a quoted string is not cut before
 * (letters, digits, '.', '-' and any byte past ASCII), nor after (these or a backslash). */
enum { DOT_ID = 1, DOT_WORD = 2 };
static unsigned char dot_class(unsigned char c) {
  bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return (unsigned char)((alnum || c == '_' || c >= 0x80 ? DOT_ID : 0) |
                         (alnum || c == '.' || c == '-' || c >= 0x80 ? DOT_WORD : 0));
}

static unsigned char dot_classes[256];
static pthread_once_t dot_classes_once = PTHREAD_ONCE_INIT;
static void dot_classes_make(void) {
  for (int c = 0; c < 256; c++) dot_classes[c] = dot_class((unsigned char)c);
}

/* Is S (N bytes) one of the words of the language, in any case ("node", "Graph")? */
static bool dot_keyword(const char *s, size_t n) {
  static const char *const keywords[] = {"node", "edge", "strict", "graph", "digraph", "subgraph"};
  if (n < 4 || n > 8) return false;
  for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
    if (strlen(keywords[k]) == n && strcasecmp(keywords[k], s) == 0) return true;
  return false;
}

/* Past this many bytes on a line, a quoted string is continued on the next ("\" and a line
 * break) where a byte that is not part of an ID is followed by one that is. */
#define DOT_LINE 128

/* Is S (N bytes) a number as DOT reads one: an optional '-' first, then digits with at most
 * one '.'? */
static bool dot_number(const char *s, size_t n) {
  size_t dots = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '-' ? i > 0 : c == '.' ? dots++ > 0 : c < '0' || c > '9') return false;
  }
  return true;
}

void export_dot_quote(strbuf *sb, const char *s) {
  if (!*s) {
    strbuf_add(sb, "\"\"", 2);
    return;
  }
  pthread_once(&dot_classes_once, dot_classes_make);
  const unsigned char *cls = dot_classes;
  size_t n = strlen(s);
  if (n <= DOT_LINE && !memchr(s, '"', n)) {
    /* Most strings: too short to be continued on another line, nothing to escape; only
     * whether they are quoted is to be found (as the loop below finds it). */
    bool quote;
    if ((s[0] >= '0' && s[0] <= '9') || s[0] == '.' || s[0] == '-') {
      quote = !dot_number(s, n);
    } else {
      size_t i = 0;
      while (i < n && (cls[(unsigned char)s[i]] & DOT_ID)) i++;
      quote = i < n;
    }
    if (quote || (n == 1 && (s[0] == '.' || s[0] == '-')) || dot_keyword(s, n)) {
      strbuf_grow(sb, n + 2);
      char *p = sb->data + sb->len;
      *p++ = '"';
      memcpy(p, s, n);
      p += n;
      *p++ = '"';
      strbuf_end_at(sb, p);
    } else {
      strbuf_add(sb, s, n);
    }
    return;
  }
  /* the quoted form: at most a backslash before each byte, three for each line, the quotes */
  strbuf_grow(sb, 2 * n + 2 * (n / DOT_LINE + 1) + 2);
  char *p = sb->data + sb->len;
  *p++ = '"';
  const unsigned char *u = (const unsigned char *)s;
  unsigned char c = *u++;
  /* a number: an optional '-' first, digits with at most one '.' */
  bool number = (c >= '0' && c <= '9') || c == '.' || c == '-', quote = false, pending = false;
  size_t count = 0, dots = 0;
  while (c) {
    if (c == '"') {
      *p++ = '\\';
      quote = true;
    } else if (number) {
      if ((c == '-' && count) || (c == '.' && dots++) || (c != '-' && c != '.' && (c < '0' || c > '9'))) {
        number = false;
        quote = true;
      }
    } else if (!(cls[c] & DOT_ID)) {
      quote = true;
    }
    *p++ = (char)c;
    c = *u++;
    count++;
    if (!c) break;
    bool may_break = !((cls[(unsigned char)p[-1]] & DOT_WORD) || p[-1] == '\\') && (cls[c] & DOT_WORD);
    if (pending && may_break) {
      *p++ = '\\';
      *p++ = '\n';
      quote = true;
      pending = false;
      count = 0;
    } else if (count >= DOT_LINE) {
      if (may_break) {
        *p++ = '\\';
        *p++ = '\n';
        quote = true;
        count = 0;
      } else {
        pending = true;
      }
    }
  }
  *p++ = '"';
  /* a lone "." or "-", and a word of the language ("node", "Graph"), are quoted too */
  if (quote || (count == 1 && (s[0] == '.' || s[0] == '-')) || dot_keyword(s, n)) {
    strbuf_end_at(sb, p);
  } else {
    strbuf_add(sb, s, n); /* (over the quoted form, which is not kept) */
  }
}

static void put_settings(FILE *out, const char *kind, const setting *s, size_t n) {
  strbuf sb;
  strbuf_init(&sb);
  strbuf_addf(&sb, "\t%s [", kind);
  for (size_t i = 0; i < n; i++) {
    if (i) strbuf_adds(&sb, ", ");
    export_dot_quote(&sb, s[i].name);
    strbuf_addc(&sb, '=');
    export_dot_quote(&sb, s[i].value);
  }
  strbuf_adds(&sb, "];\n");
  fwrite(sb.data, 1, sb.len, out);
  strbuf_release(&sb);
}

/* A statement's attributes, ending the statement in SB (begun by the caller), which is
 * written once it holds 64 KB (export_flush: a write per statement cost more than its
 * making). */
static void put_attrs(FILE *out, strbuf *sb, const char *const *names, const attr_values *v) {
  strbuf_adds(sb, "\t[");
  for (size_t i = 0; i < v->n; i++) {
    if (i) strbuf_adds(sb, ",\n\t\t");
    strbuf_adds(sb, names[i]);
    strbuf_addc(sb, '=');
    export_dot_quote(sb, value_at(v, i));
  }
  strbuf_adds(sb, "];\n");
  export_flush(sb, out, false);
}

int export_dot(const factgraph *g, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  strbuf tmp;
  strbuf_init(&tmp);
  attr_values v;
  strbuf_init(&v.text);
  fputs("digraph storyline {\n", out);
  put_settings(out, "graph", graph_settings, COUNT(graph_settings));
  if (factgraph_edge_count(g) > MAP_BIG_EDGES)
    put_settings(out, "graph", big_map_settings, COUNT(big_map_settings));
  put_settings(out, "node", node_defaults, COUNT(node_defaults));
  put_settings(out, "edge", edge_defaults, COUNT(edge_defaults));
  /* Nodes in entity (id) order, then edges in event order: the file is stable. */
  size_t n = factgraph_entity_count(g);
  bool *linked = xcalloc(n ? n : 1, sizeof *linked);
  mark_linked(g, linked);
  strbuf line;
  strbuf_init(&line);
  for (size_t i = 0; i < n; i++) {
    if (!linked[i]) continue;
    const fg_entity *e = factgraph_entity(g, i);
    strbuf_addc(&line, '\t');
    export_dot_quote(&line, e->id);
    node_values(&v, e, &tmp);
    put_attrs(out, &line, node_attr_names, &v);
  }
  for (size_t i = 0; i < factgraph_edge_count(g); i++) {
    const fg_edge *e = factgraph_edge(g, i);
    strbuf_addc(&line, '\t');
    export_dot_quote(&line, factgraph_entity(g, e->from)->id);
    strbuf_adds(&line, " -> ");
    export_dot_quote(&line, factgraph_entity(g, e->to)->id);
    edge_values(&v, factgraph_event(g, e->event), &tmp);
    put_attrs(out, &line, edge_attr_names, &v);
  }
  export_flush(&line, out, true);
  fputs("}\n", out);
  strbuf_release(&line);
  free(linked);
  strbuf_release(&v.text);
  strbuf_release(&tmp);
  if (fflush(out) == EOF || ferror(out)) return -1;
  return 0;
}

/* ---- graph.svg: the same map as a cgraph graph, laid out by dot ----------------------------- */

static bool set_all(Agraph_t *gr, int kind, const setting *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!agattr(gr, kind, cg(s[i].name), cg(s[i].value))) return false;
  return true;
}

/* Declares NAMES with an empty default; SYMS gets their symbols. */
static bool declare(Agraph_t *gr, int kind, const char *const *names, size_t n, Agsym_t **syms) {
  for (size_t i = 0; i < n; i++)
    if (!(syms[i] = agattr(gr, kind, cg(names[i]), cg("")))) return false;
  return true;
}

static void set_values(void *obj, Agsym_t *const *syms, const attr_values *v) {
  for (size_t i = 0; i < v->n; i++) agxset(obj, syms[i], cg(value_at(v, i)));
}

/* The map as a cgraph graph, or NULL if cgraph failed. The caller agclose()s it. */
static Agraph_t *map_build(const factgraph *g) {
  Agraph_t *gr = agopen(cg("storyline"), Agdirected, NULL);
  if (!gr) return NULL;
  Agsym_t *nsyms[NODE_ATTRS], *esyms[EDGE_ATTRS];
  bool ok = set_all(gr, AGRAPH, graph_settings, COUNT(graph_settings)) &&
            set_all(gr, AGNODE, node_defaults, COUNT(node_defaults)) &&
            set_all(gr, AGEDGE, edge_defaults, COUNT(edge_defaults)) &&
            declare(gr, AGNODE, node_attr_names, NODE_ATTRS, nsyms) &&
            declare(gr, AGEDGE, edge_attr_names, EDGE_ATTRS, esyms);
  if (ok && factgraph_edge_count(g) > MAP_BIG_EDGES)
    ok = set_all(gr, AGRAPH, big_map_settings, COUNT(big_map_settings));
  size_t n = factgraph_entity_count(g);
  Agnode_t **nodes = xcalloc(n ? n : 1, sizeof *nodes);
  bool *linked = xcalloc(n ? n : 1, sizeof *linked);
  strbuf tmp;
  strbuf_init(&tmp);
  attr_values v;
  strbuf_init(&v.text);
  mark_linked(g, linked);
  for (size_t i = 0; i < n && ok; i++) {
    if (!linked[i]) continue;
    const fg_entity *e = factgraph_entity(g, i);
    ok = (nodes[i] = agnode(gr, cg(e->id), 1)) != NULL;
    if (!ok) break;
    node_values(&v, e, &tmp);
    set_values(nodes[i], nsyms, &v);
  }
  for (size_t i = 0; i < factgraph_edge_count(g) && ok; i++) {
    const fg_edge *fe = factgraph_edge(g, i);
    /* Anonymous edges: a non-strict graph keeps one edge per event between the same pair. */
    Agedge_t *e = agedge(gr, nodes[fe->from], nodes[fe->to], NULL, 1);
    ok = e != NULL;
    if (!ok) break;
    edge_values(&v, factgraph_event(g, fe->event), &tmp);
    set_values(e, esyms, &v);
  }
  strbuf_release(&v.text);
  strbuf_release(&tmp);
  free(nodes);
  free(linked);
  if (!ok) {
    agclose(gr);
    return NULL;
  }
  return gr;
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
