/* test_export.c: the writers: exact CSV headers and quoting, DOT accepted by dot without a
 * warning, GraphML read by networkx, JSON Lines parsed by jansson (and the same made by several
 * threads), SVG drawn, empty graphs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cgraph.h>

#include "export/export.h"
#include "export/export_internal.h"
#include "util.h"

static const char PLAIN_HEADER[] =
    "event_id,date,date_precision,date_basis,event,actor,target,place,amount,quote,headline,"
    "sources,documents,evidence,confidence";
static const char JS_HEADER[] =
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

static const char TRICKY[] = "He said \"no, never\",\nthen left; a\\b.";

static int add_entity(factgraph *g, uint32_t doc, const char *name, entity_type type,
                      uint32_t start) {
  fact_mention m = {doc, start, start + (uint32_t)strlen(name), name};
  entity_input e = {name, type, NULL, &m, 1};
  return factgraph_add_entity(g, &e);
}

/* Two articles: a meeting both report, a loan with two figures, a say with a tricky quote,
 * a negated visit, and an entity with no relation at all. */
static factgraph *small_graph(bool reversed) {
  factgraph *g = factgraph_new();
  uint32_t docs[2];
  if (reversed) {
    docs[1] = factgraph_add_document(g, "art-2", NULL);
    docs[0] = factgraph_add_document(g, "art-1", "2017-03-24");
  } else {
    docs[0] = factgraph_add_document(g, "art-1", "2017-03-24");
    docs[1] = factgraph_add_document(g, "art-2", NULL);
  }
  for (int k = 0; k < 2; k++) {
    int kk = reversed ? 1 - k : k;
    uint32_t d = docs[kk];
    int p = add_entity(g, d, "Ana Lima", ENTITY_PERSON, 0);
    int q = add_entity(g, d, "Back\\Slash \"Corp\"", ENTITY_ORG, 20);
    int c = add_entity(g, d, "Porto", ENTITY_GPE, 40);
    int lone = add_entity(g, d, "Lonely Lake", ENTITY_LOC, 60);
    (void)lone;
    event_input e = {0};
    e.type = "meet";
    e.date = (fact_date){2017, 3, 24, PRECISION_DAY, BASIS_TEXT};
    e.actors = &p;
    e.nactors = 1;
    e.targets = &q;
    e.ntargets = 1;
    e.place = c;
    e.mention = (fact_mention){d, 100, 130, "Ana Lima met the company in Porto."};
    e.confidence = 0.6;
    assert_int_equal(factgraph_add_event(g, &e), 0);
    fact_amount am = {kk ? 9400000 : 9000000, "EUR", kk ? "€9.4m" : "€9m"};
    e.type = "loan";
    e.date = (fact_date){2014, 9, 0, PRECISION_MONTH, BASIS_TEXT};
    e.actors = &q;
    e.targets = &p;
    e.place = -1;
    e.amounts = &am;
    e.namounts = 1;
    e.mention = (fact_mention){d, 200, 230, "The company lent her money, in 2014."};
    assert_int_equal(factgraph_add_event(g, &e), 0);
    if (kk == 0) {
      event_input s = {0};
      s.type = "say";
      s.actors = &p;
      s.nactors = 1;
      s.place = -1;
      s.quote = TRICKY;
      s.mention = (fact_mention){d, 300, 340, TRICKY};
      s.confidence = 0.9;
      assert_int_equal(factgraph_add_event(g, &s), 0);
      event_input v = {0};
      v.type = "visit";
      v.actors = &p;
      v.nactors = 1;
      v.targets = &c;
      v.ntargets = 1;
      v.place = -1;
      v.negated = true;
      v.mention = (fact_mention){d, 400, 430, "She did not visit Porto."};
      v.confidence = 0.5;
      assert_int_equal(factgraph_add_event(g, &v), 0);
    }
  }
  assert_int_equal(factgraph_finish(g), 0);
  return g;
}

typedef int (*writer)(const factgraph *, FILE *);

static char *slurp(FILE *f) {
  rewind(f);
  strbuf sb;
  strbuf_init(&sb);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) strbuf_add(&sb, buf, n);
  return strbuf_detach(&sb);
}

static char *write_to_string(writer w, const factgraph *g) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(w(g, f), 0);
  char *s = slurp(f);
  fclose(f);
  return s;
}

static int write_plain(const factgraph *g, FILE *f) {
  return export_timeline(g, TIMELINE_PLAIN, f);
}
static int write_js(const factgraph *g, FILE *f) {
  return export_timeline(g, TIMELINE_TIMELINEJS, f);
}
static int write_svg(const factgraph *g, FILE *f) { return export_svg(g, EXPORT_SVG_MAX_NODES, f); }

/* A small RFC 4180 reader: the rows of S as fields, for checking what the writer wrote. */
typedef struct csv_table {
  char ***rows;
  size_t *ncols;
  size_t nrows;
} csv_table;

static csv_table parse_csv(const char *s) {
  csv_table t = {0};
  strbuf field;
  strbuf_init(&field);
  char **row = NULL;
  size_t ncol = 0;
  const char *p = s;
  while (*p) {
    strbuf_reset(&field);
    if (*p == '"') {
      p++;
      for (;;) {
        assert_true(*p != '\0'); /* unterminated quote */
        if (*p == '"' && p[1] == '"') {
          strbuf_addc(&field, '"');
          p += 2;
        } else if (*p == '"') {
          p++;
          break;
        } else {
          strbuf_addc(&field, *p++);
        }
      }
    } else {
      while (*p && *p != ',' && *p != '\r' && *p != '\n') strbuf_addc(&field, *p++);
    }
    row = realloc(row, (ncol + 1) * sizeof *row);
    row[ncol++] = xstrdup(field.data ? field.data : "");
    if (*p == ',') {
      p++;
      continue;
    }
    assert_true(p[0] == '\r' && p[1] == '\n'); /* rows end with CRLF */
    p += 2;
    t.rows = realloc(t.rows, (t.nrows + 1) * sizeof *t.rows);
    t.ncols = realloc(t.ncols, (t.nrows + 1) * sizeof *t.ncols);
    t.rows[t.nrows] = row;
    t.ncols[t.nrows++] = ncol;
    row = NULL;
    ncol = 0;
  }
  assert_null(row);
  strbuf_release(&field);
  return t;
}

static void free_csv(csv_table *t) {
  for (size_t r = 0; r < t->nrows; r++) {
    for (size_t c = 0; c < t->ncols[r]; c++) free(t->rows[r][c]);
    free(t->rows[r]);
  }
  free(t->rows);
  free(t->ncols);
}

static size_t column(const csv_table *t, const char *name) {
  for (size_t c = 0; c < t->ncols[0]; c++)
    if (strcmp(t->rows[0][c], name) == 0) return c;
  fail_msg("no column %s", name);
  return 0;
}

static void test_timeline_plain(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *csv = write_to_string(write_plain, g);
  assert_memory_equal(csv, PLAIN_HEADER, strlen(PLAIN_HEADER));
  assert_memory_equal(csv + strlen(PLAIN_HEADER), "\r\n", 2);
  csv_table t = parse_csv(csv);
  assert_int_equal(t.nrows, 4); /* header, loan, meet, say; the negated visit is left out */
  for (size_t r = 0; r < t.nrows; r++) assert_int_equal(t.ncols[r], 15);
  char **loan = t.rows[1], **meet = t.rows[2], **say = t.rows[3];
  assert_string_equal(loan[column(&t, "event")], "loan");
  assert_string_equal(loan[column(&t, "date")], "2014-09");
  assert_string_equal(loan[column(&t, "date_precision")], "month");
  assert_string_equal(loan[column(&t, "amount")], "9000000 EUR; 9400000 EUR");
  assert_string_equal(loan[column(&t, "actor")], "Back\\Slash \"Corp\"");
  assert_string_equal(loan[column(&t, "sources")], "2");
  assert_string_equal(loan[column(&t, "documents")], "art-1; art-2");
  assert_string_equal(loan[column(&t, "confidence")], "0.84");
  assert_string_equal(meet[column(&t, "date")], "2017-03-24");
  assert_string_equal(meet[column(&t, "date_basis")], "text");
  assert_string_equal(meet[column(&t, "place")], "Porto");
  assert_string_equal(meet[column(&t, "headline")], "Ana Lima met Back\\Slash \"Corp\" in Porto");
  assert_string_equal(meet[column(&t, "event_id")], factgraph_event(g, 1)->id);
  /* Quotes, commas, newlines and backslashes survive the round trip. */
  assert_string_equal(say[column(&t, "evidence")], TRICKY);
  assert_string_equal(say[column(&t, "quote")], "He said \"no, never\", then left; a\\b.");
  assert_string_equal(say[column(&t, "date")], "");
  assert_string_equal(say[column(&t, "date_precision")], "unknown");
  assert_string_equal(say[column(&t, "date_basis")], "none");
  assert_string_equal(say[column(&t, "headline")], "Ana Lima said");
  free_csv(&t);
  free(csv);
  factgraph_free(g);
}

static void test_timeline_timelinejs(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *csv = write_to_string(write_js, g);
  assert_memory_equal(csv, JS_HEADER, strlen(JS_HEADER));
  assert_memory_equal(csv + strlen(JS_HEADER), ",event_id,", 10);
  csv_table t = parse_csv(csv);
  assert_int_equal(t.nrows, 4);
  assert_int_equal(t.ncols[0], 33);
  assert_string_equal(t.rows[1][0], "2014");
  assert_string_equal(t.rows[1][1], "9");
  assert_string_equal(t.rows[1][2], "");
  assert_string_equal(t.rows[2][2], "24");
  assert_string_equal(t.rows[2][8], "2017-03-24");
  assert_string_equal(t.rows[2][9], "Ana Lima met Back\\Slash \"Corp\" in Porto");
  assert_string_equal(t.rows[2][10], "Ana Lima met the company in Porto.");
  assert_string_equal(t.rows[2][16], "meet");
  assert_string_equal(t.rows[3][0], ""); /* undated say */
  assert_string_equal(t.rows[3][18], factgraph_event(g, 2)->id);
  free_csv(&t);
  free(csv);
  factgraph_free(g);
}

/* Writes S to a fresh file in /tmp and returns its name (caller unlinks and frees). */
static char *temp_file_with(const char *s, const char *suffix) {
  char name[64];
  snprintf(name, sizeof name, "/tmp/storyline-test-%s-XXXXXX", suffix + 1);
  int fd = mkstemp(name);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(s, f);
  fclose(f);
  return xstrdup(name);
}

/* Runs dot on the DOT text; asserts success and an empty stderr. */
static void assert_dot_draws(const char *dot) {
  char *in = temp_file_with(dot, ".dot");
  char *err = temp_file_with("", ".err");
  char cmd[256];
  snprintf(cmd, sizeof cmd, "dot -Tsvg %s >/dev/null 2>%s", in, err);
  assert_int_equal(system(cmd), 0);
  FILE *f = fopen(err, "r");
  assert_non_null(f);
  char *msg = slurp(f);
  fclose(f);
  if (msg[0]) fail_msg("dot said: %s", msg);
  free(msg);
  unlink(in);
  unlink(err);
  free(in);
  free(err);
}

/* Runs TOOL (a printf format taking the program's file, then the data's) on DATA with
 * PROGRAM, each written to a temporary file with its suffix; returns what it prints, stdout and
 * stderr (caller frees). */
static char *tool_says(const char *tool, const char *program, const char *prog_suffix,
                       const char *data, const char *data_suffix) {
  char *prog = temp_file_with(program, prog_suffix);
  char *in = temp_file_with(data, data_suffix);
  char cmd[512];
  snprintf(cmd, sizeof cmd, tool, prog, in);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  char *out = slurp(p);
  assert_int_equal(pclose(p), 0);
  unlink(in);
  unlink(prog);
  free(in);
  free(prog);
  return out;
}

/* Reads the DOT text with Graphviz's gvpr (cgraph's own parser); returns what PROGRAM prints. */
static char *gvpr_reads(const char *dot, const char *program) {
  return tool_says("gvpr -f %s %s 2>&1", program, ".g", dot, ".dot");
}

/* VALUE as a DOT attribute holds it: backslashes doubled (so that dot shows them as written). */
static void dot_value(strbuf *sb, const char *value) {
  strbuf_reset(sb);
  for (const char *p = value; *p; p++) {
    if (*p == '\\') strbuf_addc(sb, '\\');
    strbuf_addc(sb, *p);
  }
}

static void test_dot(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *dot = write_to_string(export_dot, g);
  assert_non_null(strstr(dot, "digraph storyline"));
  assert_non_null(strstr(dot, "ana_lima"));
  assert_non_null(strstr(dot, "back_slash_corp"));
  assert_null(strstr(dot, "lonely_lake")); /* no relation: not on the map */
  assert_non_null(strstr(dot, "Back\\\\Slash \\\"Corp\\\""));
  assert_non_null(strstr(dot, "met 2017-03-24"));
  assert_non_null(strstr(dot, "lent 2014-09"));
  assert_null(strstr(dot, "visit")); /* negated */
  assert_non_null(strstr(dot, "penwidth=1.75"));
  assert_dot_draws(dot);
  free(dot);
  factgraph_free(g);
}

/* Names that are DOT keywords, start with a digit, or carry quotes and backslashes. */
static void test_dot_awkward_names(void **state) {
  (void)state;
  static const char *names[] = {"Graph", "Node", "42nd Street Club", "Edge\\", "Strict \"X\""};
  factgraph *g = factgraph_new();
  uint32_t d = factgraph_add_document(g, "doc", NULL);
  int ids[5];
  for (int i = 0; i < 5; i++)
    ids[i] = add_entity(g, d, names[i], i == 2 ? ENTITY_ORG : ENTITY_OTHER, (uint32_t)i * 10);
  event_input e = {0};
  e.type = "a\\\"b";
  e.actors = &ids[0];
  e.nactors = 1;
  e.targets = &ids[1];
  e.ntargets = 4;
  e.place = -1;
  e.mention = (fact_mention){d, 100, 110, "Line one\nline two"};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  /* Thousands of surface forms: a quoted string longer than dot's 16 KB scanner buffer. */
  fact_mention *many = calloc(3000, sizeof *many);
  char (*texts)[16] = calloc(3000, sizeof *texts);
  for (uint32_t i = 0; i < 3000; i++) {
    snprintf(texts[i], sizeof texts[i], "Grâph %u", i);
    many[i] = (fact_mention){d, 1000 + i, 1001 + i, texts[i]};
  }
  entity_input big = {"Graph", ENTITY_OTHER, NULL, many, 3000};
  assert_true(factgraph_add_entity(g, &big) >= 0);
  free(many);
  free(texts);
  assert_int_equal(factgraph_finish(g), 0);
  assert_string_equal(factgraph_entity(g, 2)->id, "graph");
  assert_int_equal(factgraph_entity(g, 2)->naliases, 3001);
  char *dot = write_to_string(export_dot, g);
  assert_dot_draws(dot);
  /* Read back by cgraph's parser, every node has its id, label and aliases as written (the
   * 3001 aliases of "Graph" make a string that the writer breaks over lines). */
  char *read = gvpr_reads(dot, "N { printf(\"%s|%s|%s\\n\", name, $.label, $.aliases); }");
  strbuf want, label, aliases, joined;
  strbuf_init(&want);
  strbuf_init(&label);
  strbuf_init(&aliases);
  strbuf_init(&joined);
  for (size_t i = 0; i < factgraph_entity_count(g); i++) {
    const fg_entity *en = factgraph_entity(g, i);
    dot_value(&label, en->label);
    strbuf_reset(&joined);
    for (size_t k = 0; k < en->naliases; k++) {
      if (k) strbuf_adds(&joined, "; ");
      strbuf_adds(&joined, en->aliases[k]);
    }
    dot_value(&aliases, joined.data);
    strbuf_reset(&want);
    strbuf_addf(&want, "%s|%s|%s\n", en->id, label.data, aliases.data);
    if (!strstr(read, want.data)) fail_msg("gvpr did not read back %.200s", want.data);
  }
  assert_int_equal(factgraph_entity_count(g), 5);
  strbuf_release(&want);
  strbuf_release(&label);
  strbuf_release(&aliases);
  strbuf_release(&joined);
  free(read);
  char *svg = write_to_string(write_svg, g);
  assert_non_null(strstr(svg, "</svg>"));
  free(svg);
  free(dot);
  factgraph_free(g);
}

/* A big map gets the cheap layout settings (dot would take minutes otherwise). */
/* export_dot_quote writes what cgraph's agcanon writes (and so agwrite), byte for byte: every
 * string of one or two bytes; the words of the language in any case; numbers and near-numbers;
 * and strings of random bytes, up to 600 long, from alphabets that mix ID bytes with spaces,
 * quotes, backslashes, dots, dashes and bytes past ASCII, so that long ones are continued on
 * further lines at every kind of place. */
static void expect_dot_quote(strbuf *sb, const char *s) {
  strbuf_reset(sb);
  export_dot_quote(sb, s);
  const char *want = agcanon((char *)s, 0);
  if (strcmp(sb->data, want) != 0) fail_msg("[%s]: [%s], agcanon [%s]", s, sb->data, want);
}

static void test_dot_quote_as_agcanon(void **state) {
  (void)state;
  strbuf sb;
  strbuf_init(&sb);
  char s[640];
  for (int a = 1; a < 256; a++) {
    s[0] = (char)a, s[1] = '\0';
    expect_dot_quote(&sb, s);
    for (int b = 1; b < 256; b++) {
      s[1] = (char)b, s[2] = '\0';
      expect_dot_quote(&sb, s);
    }
  }
  static const char *const fixed[] = {"", "node", "NODE", "Edge", "strict", "graph", "digraph",
                                      "subGraph", "nodes", "-", ".", "-.", "-1", "-1.5", "1.5.",
                                      "..", "1-", "--1", "0x1F", "1e5", ".5", "5.", "_", "a_b",
                                      "ev_003492d76909", "a\"b\\c", "\\\"", "\xc3\xa9t\xc3\xa9"};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) expect_dot_quote(&sb, fixed[i]);
  static const char *const alphabets[] = {"ab", "ab ", "a \"\\", "a1.-", "0123456789.-", "aZ9_ .,;:!?",
                                          "a\xc3\xa9 -", "ab\n\t", "a b\\\"-.(){}[]<>"};
  uint64_t seed = 99;
  for (int round = 0; round < 20000; round++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    char every[256]; /* a fifth of the rounds: any byte but NUL */
    for (int b = 1; b < 256; b++) every[b - 1] = (char)b;
    every[255] = '\0';
    const char *alpha = round % 5 == 4 ? every
                                       : alphabets[(seed >> 33) % (sizeof alphabets / sizeof alphabets[0])];
    size_t na = strlen(alpha);
    size_t len = round < 10000 ? (seed >> 40) % 40 : 100 + (seed >> 40) % 500;
    for (size_t i = 0; i < len; i++) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      s[i] = alpha[(seed >> 33) % na];
    }
    s[len] = '\0';
    expect_dot_quote(&sb, s);
  }
  strbuf_release(&sb);
}

static void test_dot_big_map(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d = factgraph_add_document(g, "doc", NULL);
  int ids[20];
  for (int i = 0; i < 20; i++) {
    char name[32];
    snprintf(name, sizeof name, "Person %c", 'A' + i);
    ids[i] = add_entity(g, d, name, ENTITY_PERSON, (uint32_t)i * 10);
  }
  for (int i = 0; i < 200; i++) {
    event_input e = {0};
    e.type = "meet";
    e.date = (fact_date){2000 + i / 20, 1 + i % 12, 1, PRECISION_DAY, BASIS_TEXT};
    e.actors = &ids[i % 20];
    e.nactors = 1;
    e.targets = &ids[(i * 7 + 3) % 20];
    e.ntargets = 1;
    e.place = -1;
    e.mention = (fact_mention){d, 1000 + (uint32_t)i, 1001 + (uint32_t)i, "x"};
    e.confidence = 0.5;
    assert_int_equal(factgraph_add_event(g, &e), 0);
  }
  assert_int_equal(factgraph_finish(g), 0);
  assert_true(factgraph_edge_count(g) > 150);
  char *dot = write_to_string(export_dot, g);
  assert_non_null(strstr(dot, "splines=line"));
  free(dot);
  factgraph_free(g);
}

static void test_svg(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *svg = write_to_string(write_svg, g);
  assert_true(strncmp(svg, "<?xml", 5) == 0 || strncmp(svg, "<svg", 4) == 0);
  assert_non_null(strstr(svg, "</svg>"));
  assert_non_null(strstr(svg, "Ana Lima"));
  free(svg);
  /* Too many nodes for a picture: nothing written. */
  FILE *f = tmpfile();
  assert_int_equal(export_svg(g, 1, f), 1);
  assert_int_equal(ftell(f), 0);
  fclose(f);
  factgraph_free(g);
}

/* Runs a Python snippet on the GraphML text with networkx; returns what it prints. */
static char *networkx_says(const char *graphml, const char *script) {
  return tool_says("/usr/bin/python3 %s %s 2>&1", script, ".py", graphml, ".graphml");
}

static const char NX_SCRIPT[] =
    "import sys, networkx as nx\n"
    "g = nx.read_graphml(sys.argv[1])\n"
    "print(g.number_of_nodes(), g.number_of_edges(), g.is_directed())\n"
    "for n, d in sorted(g.nodes(data=True), key=lambda x: x[1]['id']):\n"
    "    print(d['id'], d['label'], d['type'], d['aliases'], int(d['mentions']),\n"
    "          int(d['sources']))\n"
    "for u, v, d in sorted(g.edges(data=True), key=lambda x: x[2]['event_id']):\n"
    "    print(g.nodes[u]['id'], g.nodes[v]['id'], d['label'], d['relation'], d['date'],\n"
    "          d['event_id'][:3], int(d['sources']), int(d['weight']))\n";

static void test_graphml(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *xml = write_to_string(export_graphml, g);
  char *out = networkx_says(xml, NX_SCRIPT);
  const char *loan_first = strcmp(factgraph_event(g, 0)->id, factgraph_event(g, 1)->id) < 0
                               ? "back_slash_corp ana_lima lent 2014-09 loan 2014-09 ev_ 2 2\n"
                                 "ana_lima back_slash_corp met 2017-03-24 meet 2017-03-24 ev_ 2 2\n"
                               : "ana_lima back_slash_corp met 2017-03-24 meet 2017-03-24 ev_ 2 2\n"
                                 "back_slash_corp ana_lima lent 2014-09 loan 2014-09 ev_ 2 2\n";
  strbuf want;
  strbuf_init(&want);
  strbuf_adds(&want, "4 2 True\n"
                     "ana_lima Ana Lima PERSON Ana Lima 2 2\n"
                     "back_slash_corp Back\\Slash \"Corp\" ORG Back\\Slash \"Corp\" 2 2\n"
                     "lonely_lake Lonely Lake LOC Lonely Lake 2 2\n"
                     "porto Porto GPE Porto 2 2\n");
  strbuf_adds(&want, loan_first);
  assert_string_equal(out, want.data);
  strbuf_release(&want);
  free(out);
  free(xml);
  factgraph_free(g);
}

/* XML's special characters come back as written; no control character, which XML cannot
 * carry, reaches the file (the graph keeps none). */
static void test_graphml_escapes(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d = factgraph_add_document(g, "doc", NULL);
  int a = add_entity(g, d, "Tom & Jerry's <Club>", ENTITY_ORG, 0);
  int b = add_entity(g, d, "\"Quoted\" > Ltd", ENTITY_ORG, 40);
  event_input e = {0};
  e.type = "odd\x01type";
  e.actors = &a;
  e.nactors = 1;
  e.targets = &b;
  e.ntargets = 1;
  e.place = -1;
  e.mention = (fact_mention){d, 100, 110, "Line one\nline two"};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  assert_int_equal(factgraph_finish(g), 0);
  char *xml = write_to_string(export_graphml, g);
  assert_null(strchr(xml, '\x01'));
  char *out = networkx_says(xml, "import sys, networkx as nx\n"
                                 "g = nx.read_graphml(sys.argv[1])\n"
                                 "for n, d in sorted(g.nodes(data=True)):\n"
                                 "    print(d['label'])\n"
                                 "for u, v, d in g.edges(data=True):\n"
                                 "    print(ascii(d['relation']))\n");
  assert_string_equal(out, "\"Quoted\" > Ltd\nTom & Jerry's <Club>\n'odd type'\n");
  free(out);
  free(xml);
  factgraph_free(g);
}

static void test_jsonl(void **state) {
  (void)state;
  factgraph *g = small_graph(false);
  char *text = write_to_string(export_jsonl, g);
  /* Reals print short. */
  assert_non_null(strstr(text, "\"confidence\":0.84,"));
  size_t kinds[3] = {0};
  char *save = NULL;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    json_error_t err;
    json_t *o = json_loads(line, 0, &err);
    if (!o) fail_msg("bad JSON line: %s (%s)", line, err.text);
    const char *kind = json_string_value(json_object_get(o, "kind"));
    assert_non_null(kind);
    assert_true(json_is_array(json_object_get(o, "mentions")));
    if (strcmp(kind, "entity") == 0) {
      kinds[0]++;
      assert_non_null(json_string_value(json_object_get(o, "id")));
      assert_true(json_is_array(json_object_get(o, "aliases")));
    } else if (strcmp(kind, "event") == 0) {
      kinds[1]++;
      const char *type = json_string_value(json_object_get(o, "type"));
      if (strcmp(type, "loan") == 0) {
        json_t *am = json_object_get(o, "amounts");
        assert_int_equal(json_array_size(am), 2);
        assert_int_equal(json_integer_value(json_object_get(json_array_get(am, 0), "value")),
                         9000000);
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(am, 1), "currency")), "EUR");
        json_t *m0 = json_array_get(json_object_get(o, "mentions"), 0);
        assert_string_equal(json_string_value(json_object_get(m0, "doc")), "art-1");
        assert_int_equal(json_integer_value(json_object_get(m0, "start")), 200);
        assert_string_equal(json_string_value(json_object_get(o, "date")), "2014-09");
        assert_int_equal(json_integer_value(json_object_get(o, "sources")), 2);
      }
      if (strcmp(type, "visit") == 0) assert_true(json_is_true(json_object_get(o, "negated")));
      if (strcmp(type, "say") == 0) assert_true(json_is_null(json_object_get(o, "date")));
    } else if (strcmp(kind, "quote") == 0) {
      kinds[2]++;
      assert_string_equal(json_string_value(json_object_get(o, "speaker_id")), "ana_lima");
      assert_string_equal(json_string_value(json_object_get(o, "text")),
                          "He said \"no, never\", then left; a\\b.");
    } else {
      fail_msg("unknown kind %s", kind);
    }
    json_decref(o);
  }
  assert_int_equal(kinds[0], 4);
  assert_int_equal(kinds[1], 4);
  assert_int_equal(kinds[2], 1);
  /* Entities first, keys in a fixed order. */
  assert_memory_equal(text, "{\"kind\":\"entity\",\"id\":\"ana_lima\",\"label\":", 41);
  free(text);
  factgraph_free(g);
}

/* facts.jsonl passes plain bytes sixteen, then eight at a time: a character to escape at any
 * offset (in the first and second block of sixteen, the block of eight and the rest), and at
 * the ends, must come back exactly. */
static void test_jsonl_escapes_at_every_offset(void **state) {
  (void)state;
  static const char specials[] = {'"', '\\', '\n', '\t', '\x01', '\x1f'};
  factgraph *g = factgraph_new();
  uint32_t doc = factgraph_add_document(g, "art-1", NULL);
  enum { LEN = 16 + 16 + 8 + 3 };
  char texts[sizeof specials][LEN][LEN + 1];
  fact_mention m[sizeof specials * LEN];
  size_t n = 0;
  for (size_t k = 0; k < sizeof specials; k++)
    for (size_t at = 0; at < LEN; at++) {
      memset(texts[k][at], 'a' + (int)(at % 26), LEN);
      texts[k][at][LEN] = '\0';
      texts[k][at][at] = specials[k];
      m[n] = (fact_mention){doc, (uint32_t)(n * 100), (uint32_t)(n * 100 + LEN), texts[k][at]};
      n++;
    }
  entity_input e = {"Ana Lima", ENTITY_PERSON, NULL, m, n};
  assert_true(factgraph_add_entity(g, &e) >= 0);
  assert_int_equal(factgraph_finish(g), 0);
  char *text = write_to_string(export_jsonl, g);
  json_error_t err;
  json_t *o = json_loads(text, JSON_DISABLE_EOF_CHECK, &err);
  if (!o) fail_msg("bad JSON: %s", err.text);
  json_t *ms = json_object_get(o, "mentions");
  assert_int_equal(json_array_size(ms), n);
  for (size_t i = 0; i < n; i++) {
    json_t *mi = json_array_get(ms, i); /* in order of start */
    assert_string_equal(json_string_value(json_object_get(mi, "text")), m[i].text);
  }
  json_decref(o);
  free(text);
  factgraph_free(g);
}

/* A graph of many lines: entities, events between them, and say events with quotes. */
/* Many entities, events and quotes in one article; FINISH: merged (else the caller merges). */
static factgraph *many_facts_graph_to(bool finish) {
  factgraph *g = factgraph_new();
  uint32_t d = factgraph_add_document(g, "doc", "2020-01-01");
  enum { PEOPLE = 150, EVENTS = 1200 };
  int ids[PEOPLE];
  for (int i = 0; i < PEOPLE; i++) {
    char name[32];
    snprintf(name, sizeof name, "Person %c%c", 'A' + i % 26, 'a' + i / 26);
    ids[i] = add_entity(g, d, name, ENTITY_PERSON, (uint32_t)i * 10);
  }
  for (int i = 0; i < EVENTS; i++) {
    char sentence[96];
    snprintf(sentence, sizeof sentence, "Sentence number %d, with \"quotes\" to escape.", i);
    event_input e = {0};
    e.type = i % 3 ? "meet" : "say";
    e.date = (fact_date){2000 + i % 20, 1 + i % 12, 1 + i % 28, PRECISION_DAY, BASIS_TEXT};
    e.actors = &ids[i % PEOPLE];
    e.nactors = 1;
    e.targets = &ids[(i * 7 + 3) % PEOPLE];
    e.ntargets = i % 3 ? 1 : 0;
    e.place = -1;
    if (i % 3 == 0) e.quote = sentence;
    e.mention = (fact_mention){d, 5000 + (uint32_t)i * 100, 5050 + (uint32_t)i * 100, sentence};
    e.confidence = 0.5;
    assert_int_equal(factgraph_add_event(g, &e), 0);
  }
  if (finish) assert_int_equal(factgraph_finish(g), 0);
  return g;
}

static factgraph *many_facts_graph(void) { return many_facts_graph_to(true); }

typedef struct jsonl_helpers {
  jsonl_share *share;
  pthread_t threads[3];
  int count;
} jsonl_helpers;

static void *help_with_jsonl(void *arg) {
  export_jsonl_help(arg);
  return NULL;
}

/* facts.jsonl made with helper threads is the file one thread makes, byte for byte; the
 * helpers start before the file is opened (they wait for it), and one that comes after the
 * file is done returns at once. */
static void test_jsonl_shared(void **state) {
  (void)state;
  factgraph *g = many_facts_graph();
  assert_true(factgraph_entity_count(g) + factgraph_event_count(g) + factgraph_quote_count(g) >
              1500);
  char *alone = write_to_string(export_jsonl, g);
  for (int helpers = 1; helpers <= 3; helpers++) {
    jsonl_helpers h = {export_jsonl_share_new(), {0}, 0};
    for (int t = 0; t < helpers; t++)
      assert_int_equal(pthread_create(&h.threads[h.count++], NULL, help_with_jsonl, h.share), 0);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(export_jsonl_shared(g, f, h.share), 0);
    export_jsonl_share_close(h.share);
    for (int t = 0; t < h.count; t++) pthread_join(h.threads[t], NULL);
    export_jsonl_help(h.share); /* too late: nothing left to do */
    char *shared = slurp(f);
    fclose(f);
    assert_string_equal(shared, alone);
    free(shared);
    export_jsonl_share_free(h.share);
  }
  free(alone);
  factgraph_free(g);
}

/* A stream that cannot be written: -1, and no helper is left waiting. So is a share closed
 * without a file ever being opened (the caller could not create it). */
static void test_jsonl_shared_failures(void **state) {
  (void)state;
  factgraph *g = many_facts_graph();
  jsonl_helpers h = {export_jsonl_share_new(), {0}, 0};
  for (int t = 0; t < 2; t++)
    assert_int_equal(pthread_create(&h.threads[h.count++], NULL, help_with_jsonl, h.share), 0);
  FILE *f = fopen("/dev/null", "r");
  assert_non_null(f);
  assert_int_equal(export_jsonl_shared(g, f, h.share), -1);
  export_jsonl_share_close(h.share);
  for (int t = 0; t < h.count; t++) pthread_join(h.threads[t], NULL);
  fclose(f);
  export_jsonl_share_free(h.share);

  jsonl_helpers never = {export_jsonl_share_new(), {0}, 0};
  assert_int_equal(pthread_create(&never.threads[never.count++], NULL, help_with_jsonl, never.share), 0);
  export_jsonl_share_close(never.share);
  pthread_join(never.threads[0], NULL);
  export_jsonl_share_free(never.share);
  factgraph_free(g);
}

/* facts.jsonl begun during the merge (export_jsonl_staged, as build --jobs 2 does): a writer
 * thread waits for the entities (factgraph_finish_staged), writes their lines, waits for the
 * rest, and writes it, with a helper or without. */
typedef struct staged_run {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int stage; /* 0 merging, 1 entities final, 2 all final, -1 the merge failed */
  bool asked; /* the writer has written the entities' lines and asks for the rest */
  factgraph *g;
  FILE *out;
  jsonl_share *share;
  int rc;
} staged_run;

static void staged_set(staged_run *r, int stage) {
  pthread_mutex_lock(&r->lock);
  r->stage = stage;
  pthread_cond_broadcast(&r->changed);
  pthread_mutex_unlock(&r->lock);
}

static int staged_wait(staged_run *r, int stage) {
  pthread_mutex_lock(&r->lock);
  while (r->stage >= 0 && r->stage < stage) pthread_cond_wait(&r->changed, &r->lock);
  int reached = r->stage;
  pthread_mutex_unlock(&r->lock);
  return reached;
}

static void staged_entities_final(void *arg) { staged_set(arg, 1); }
static bool staged_waits(void *arg, jsonl_wait what) {
  staged_run *r = arg;
  if (what == JSONL_WAIT_CORE) { /* (no merge on two threads here: a core is free) */
    wait_for_free_core();
    return true;
  }
  pthread_mutex_lock(&r->lock);
  r->asked = true;
  pthread_cond_broadcast(&r->changed);
  pthread_mutex_unlock(&r->lock);
  return staged_wait(r, 2) == 2;
}

static void *staged_writer(void *arg) {
  staged_run *r = arg;
  r->rc = staged_wait(r, 1) >= 1 ? export_jsonl_staged(r->g, r->out, r->share, staged_waits, r)
                                 : 1;
  if (r->share) export_jsonl_share_close(r->share);
  return NULL;
}

static void test_jsonl_staged(void **state) {
  (void)state;
  factgraph *whole = many_facts_graph();
  char *alone = write_to_string(export_jsonl, whole);
  size_t nentities = factgraph_entity_count(whole);
  factgraph_free(whole);
  for (int run = 0; run < 3; run++) { /* 0: alone, 1: with a helper, 2: the merge "fails" */
    staged_run r = {.g = many_facts_graph_to(false), .out = tmpfile(),
                    .share = run == 1 ? export_jsonl_share_new() : NULL};
    assert_non_null(r.out);
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.changed, NULL);
    pthread_t writer, helper;
    assert_int_equal(pthread_create(&writer, NULL, staged_writer, &r), 0);
    assert_int_equal(factgraph_finish_staged(r.g, staged_entities_final, &r), 0);
    if (run == 2) { /* (once the entities' lines are written) */
      pthread_mutex_lock(&r.lock);
      while (!r.asked) pthread_cond_wait(&r.changed, &r.lock);
      pthread_mutex_unlock(&r.lock);
    }
    staged_set(&r, run == 2 ? -1 : 2);
    if (r.share) assert_int_equal(pthread_create(&helper, NULL, help_with_jsonl, r.share), 0);
    pthread_join(writer, NULL);
    if (r.share) pthread_join(helper, NULL);
    char *text = slurp(r.out);
    if (run < 2) {
      assert_int_equal(r.rc, 0);
      assert_string_equal(text, alone);
    } else { /* the entities' lines only */
      assert_int_equal(r.rc, 1);
      size_t lines = 0;
      for (const char *p = text; *p; p = strchr(p, '\n') + 1, lines++)
        assert_true(strncmp(p, "{\"kind\":\"entity\",", 17) == 0);
      assert_int_equal(lines, nentities);
      assert_true(strncmp(alone, text, strlen(text)) == 0);
    }
    free(text);
    fclose(r.out);
    export_jsonl_share_free(r.share);
    pthread_mutex_destroy(&r.lock);
    pthread_cond_destroy(&r.changed);
    factgraph_free(r.g);
  }
  free(alone);
}

static void test_same_output_whatever_the_order(void **state) {
  (void)state;
  writer writers[] = {write_plain, write_js, export_dot, export_graphml, export_jsonl};
  factgraph *a = small_graph(false), *b = small_graph(true);
  for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
    char *x = write_to_string(writers[i], a), *y = write_to_string(writers[i], b);
    if (strcmp(x, y) != 0) {
      size_t k = 0;
      while (x[k] == y[k]) k++;
      fail_msg("writer %zu differs at %zu: ...%.80s... vs ...%.80s...", i, k, x + k, y + k);
    }
    free(x);
    free(y);
  }
  factgraph_free(a);
  factgraph_free(b);
}

static void test_empty_graph(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  assert_int_equal(factgraph_finish(g), 0);
  char *csv = write_to_string(write_plain, g);
  assert_string_equal(csv + strlen(PLAIN_HEADER), "\r\n");
  free(csv);
  char *js = write_to_string(write_js, g);
  assert_int_equal(strlen(js), strlen(JS_HEADER) + 1 + strlen(PLAIN_HEADER) + 2);
  free(js);
  char *dot = write_to_string(export_dot, g);
  assert_dot_draws(dot);
  free(dot);
  char *svg = write_to_string(write_svg, g);
  assert_non_null(strstr(svg, "<svg"));
  free(svg);
  char *xml = write_to_string(export_graphml, g);
  char *out = networkx_says(xml, NX_SCRIPT);
  assert_string_equal(out, "0 0 True\n");
  free(out);
  free(xml);
  char *jl = write_to_string(export_jsonl, g);
  assert_string_equal(jl, "");
  free(jl);
  factgraph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_timeline_plain),
      cmocka_unit_test(test_timeline_timelinejs),
      cmocka_unit_test(test_dot),
      cmocka_unit_test(test_dot_awkward_names),
      cmocka_unit_test(test_dot_big_map),
      cmocka_unit_test(test_dot_quote_as_agcanon),
      cmocka_unit_test(test_svg),
      cmocka_unit_test(test_graphml),
      cmocka_unit_test(test_graphml_escapes),
      cmocka_unit_test(test_jsonl),
      cmocka_unit_test(test_jsonl_escapes_at_every_offset),
      cmocka_unit_test(test_jsonl_shared),
      cmocka_unit_test(test_jsonl_shared_failures),
      cmocka_unit_test(test_jsonl_staged),
      cmocka_unit_test(test_same_output_whatever_the_order),
      cmocka_unit_test(test_empty_graph),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
