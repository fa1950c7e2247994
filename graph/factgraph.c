/* factgraph.c: the fact graph (see factgraph.h): stores what the extractor hands in, then
 * factgraph_finish clusters the entity records (resolve.c, igraph), merges the events, and
 * lays out the read-only results in a stable order that does not depend on the order the
 * articles were added in. Text helpers are in fgtext.c, the English phrases in phrases.c. */
#include "graph/factgraph.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/fg_internal.h"
#include "graph/fgtext.h"
#include "graph/phrases.h"
#include "graph/spill.h"
#include "util.h"

/* Merged confidence never claims certainty: several reports make a fact likelier, not sure. */
#define FG_CONFIDENCE_CAP 0.99
/* How many of an entity's mentions before one factgraph_add_entity looks at for the very
 * same text (graph_feed shares an entity's repeated names: MENTION_LOOKBACK). */
#define SAME_TEXT_LOOKBACK 4

typedef struct fg_document {
  char *id;
  char *date; /* NULL if none */
  uint32_t copy_of;   /* the article this one is an exact copy of (factgraph_add_copy), or
                       * UINT32_MAX */
  uint32_t next_copy; /* an original's first copy, a copy's next one, or UINT32_MAX */
} fg_document;

/* One article's event as handed in; participants are entity record indexes. (The fields are
 * ordered to leave no padding: there is one record per report, and reports are many.) */
typedef struct fg_event_record {
  const char *type; /* interned: one copy per type */
  int *actors;
  int *targets;
  fact_amount *amounts;
  const char *quote; /* collapsed, or NULL */
  uint32_t doc, start, end; /* the evidence span (the mention, but for its text) */
  int place;
  uint64_t sentence; /* the mention's text: where it is in the graph's SENTENCES */
  double confidence;
  fact_date date;
  uint32_t nactors, ntargets, namounts; /* (factgraph_add_event keeps them below INT_MAX) */
  bool quote_indirect, negated, hypothetical;
} fg_event_record;

struct factgraph {
  arena mem; /* every string and array the graph keeps, inputs and results */
  /* the entity records' mention arrays, which no output reads (the merged entities copy
   * them): released with the records as soon as the entities are built, before the events
   * need memory */
  arena recmem;
  fg_document *docs;
  size_t ndocs, capdocs;
  fg_entity_record *recs;
  size_t nrecs, caprecs;
  /* the event records (fg_event_record), one after another as they are added, in a
   * temporary file (spill.h): read once, as finish_events prepares the events */
  fg_spill records;
  size_t nevrecs;
  fg_alias_rule *rules;
  size_t nrules, caprules;
  /* event types, kept once */
  char **types;
  size_t ntypes, captypes;
  /* The reports' sentences (their mentions' texts), which only the outputs read, in a
   * temporary file (spill.h) as they come; each once in a row: the events of one sentence
   * come one after another, and LAST_SENTENCE is the last one as it was handed in, for the
   * span LAST_SPAN (the last of SENTENCE_AT says where). Once the events are final,
   * EVENT_TEXTS has them again in the order the writers read them (order_event_texts), and
   * SENTENCES goes. */
  fg_spill sentences;
  uint64_t *sentence_at; /* where each sentence begins, and (once finishing) the end */
  size_t nsentences, capsentences;
  strbuf last_sentence;
  fact_mention last_span; /* the span of that sentence (its text unused) */
  strbuf sentence_scratch; /* where a sentence being cleaned is built */
  fg_spill event_texts;
  /* EVENT_TEXTS is in windows, in event order: window I from WINDOW_START[I] (and
   * WINDOW_START[NWINDOWS] its end); EVENT_WINDOW[E], the window of event E's first text */
  uint64_t *window_start;
  size_t nwindows;
  uint32_t *event_window;
  /* the writers reading the sentences (factgraph_text_reader_open) and how far each has come;
   * the reading functions are const, and this changes behind them, under READERS_LOCK */
  pthread_mutex_t readers_lock;
  size_t reader_at[FG_TEXT_READERS];
  bool reader_open[FG_TEXT_READERS];
  /* the merged entities' mentions, in entity order (spill_entity_mentions), entity I's from
   * ENTITY_MENTION_AT[I] */
  fg_spill entity_mentions;
  uint64_t *entity_mention_at;
  /* the one copy of every text the records keep but the sentences (names, keys, roles, the
   * entities' mention texts, quotes, amounts), in MEM: records of one entity in many articles
   * share its name and key (equal keys are equal pointers), and a quote repeated by many
   * articles is kept once */
  fg_pool texts;
  bool finished, failed;
  int jobs; /* threads factgraph_finish may use */
  /* the entities lie in the byte order of their ids, and no id is empty or holds a byte at or
   * below ',' (ids_in_order): then entities and lists of them compare as their indexes do
   * (cmp_id_lists, key_cmp) */
  bool ids_ordered;
  size_t *doc_rank; /* position of each document when sorted by id: the order outputs use */
  /* the copies of each article, once finishing: COPY_LIST[COPY_START[d]..COPY_START[d + 1]);
   * both NULL when the run has no copy */
  uint32_t *copy_start, *copy_list;

  fg_entity *entities;
  size_t nentities;
  fg_event **event_pieces; /* the events, EVENT_PIECE to a piece (event_at) */
  size_t nevents;
  fg_quote *quotes;
  size_t nquotes;
  fg_edge *edges;
  size_t nedges;
};

/* The events lie in pieces of this many, each just under an arena block (ARENA_BLOCK_SIZE,
 * 64 KB, with room for the headers), as the reports' preparations do (PREP_PIECE): the events
 * are built in the pieces that the preparations they are built from give back
 * (finish_events). One array of them would be mapped afresh, beside the preparations, when
 * the run's memory is at its peak. */
enum { EVENT_PIECE = (64 * 1024 - 64) / sizeof(fg_event) };

static inline fg_event *event_at(const factgraph *g, size_t i) {
  return &g->event_pieces[i / EVENT_PIECE][i % EVENT_PIECE];
}

static void *event_at_of(void *g, size_t i) { return event_at(g, i); } /* (permute_in_place) */

factgraph *factgraph_new(void) {
  factgraph *g = xcalloc(1, sizeof *g);
  arena_init(&g->mem);
  arena_init(&g->recmem);
  fg_pool_init(&g->texts);
  fg_spill_init(&g->records);
  fg_spill_init(&g->sentences);
  fg_spill_init(&g->event_texts);
  fg_spill_init(&g->entity_mentions);
  pthread_mutex_init(&g->readers_lock, NULL);
  strbuf_init(&g->last_sentence);
  strbuf_init(&g->sentence_scratch);
  g->jobs = 1;
  return g;
}

void factgraph_set_jobs(factgraph *g, int jobs) {
  if (g) g->jobs = jobs < 1 ? 1 : jobs;
}

void factgraph_free(factgraph *g) {
  if (!g) return;
  arena_release(&g->mem);
  arena_release(&g->recmem);
  free(g->docs);
  free(g->recs);
  fg_spill_release(&g->records);
  free(g->rules);
  free(g->types);
  fg_pool_release(&g->texts);
  fg_spill_release(&g->sentences);
  fg_spill_release(&g->event_texts);
  fg_spill_release(&g->entity_mentions);
  free(g->entity_mention_at);
  strbuf_release(&g->last_sentence);
  strbuf_release(&g->sentence_scratch);
  free(g->window_start);
  free(g->event_window);
  pthread_mutex_destroy(&g->readers_lock);
  free(g->sentence_at);
  for (size_t k = 0; k < (g->nevents + EVENT_PIECE - 1) / EVENT_PIECE; k++)
    free(g->event_pieces[k]);
  free(g->event_pieces);
  free(g->doc_rank);
  free(g->copy_start);
  free(g->copy_list);
  free(g);
}

/* ---- building ---- */

/* Adds a document whose id is ID (collapsed, in the arena), or its index if ID is NULL. */
static uint32_t add_document(factgraph *g, char *id, const char *date) {
  if (g->ndocs >= UINT32_MAX - 1) return UINT32_MAX;
  VEC_RESERVE(g->docs, g->ndocs, g->capdocs);
  fg_document *d = &g->docs[g->ndocs];
  if (id) {
    d->id = id;
  } else {
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", g->ndocs);
    d->id = arena_strndup(&g->mem, buf, strlen(buf));
  }
  d->date = date && *date ? fg_collapse(&g->mem, date) : NULL;
  d->copy_of = d->next_copy = UINT32_MAX;
  return (uint32_t)g->ndocs++;
}

uint32_t factgraph_add_document(factgraph *g, const char *doc_id, const char *date) {
  if (!g || g->finished) return UINT32_MAX;
  return add_document(g, doc_id && *doc_id ? fg_collapse(&g->mem, doc_id) : NULL, date);
}

uint32_t factgraph_add_copy(factgraph *g, const char *doc_id, const char *date, uint32_t original) {
  if (!g || g->finished || original >= g->ndocs) return UINT32_MAX;
  if (g->docs[original].copy_of != UINT32_MAX) original = g->docs[original].copy_of;
  char *id = doc_id && *doc_id ? fg_collapse(&g->mem, doc_id) : NULL;
  if (id) /* the same article again, its id too: one article */
    for (uint32_t c = original; c != UINT32_MAX; c = g->docs[c].next_copy)
      if (strcmp(id, g->docs[c].id) == 0) return c;
  uint32_t d = add_document(g, id, date);
  if (d != UINT32_MAX) {
    g->docs[d].copy_of = original;
    g->docs[d].next_copy = g->docs[original].next_copy;
    g->docs[original].next_copy = d;
  }
  return d;
}

/* Copies mention IN into OUT, its text cleaned and pooled, or CLEAN where the caller has that
 * already (NULL: not); false if IN names no article of the graph or a backward span. */
static bool copy_mention(factgraph *g, const fact_mention *in, fact_mention *out,
                         const char *clean) {
  if (in->doc >= g->ndocs || in->start > in->end) return false;
  out->doc = in->doc;
  out->start = in->start;
  out->end = in->end;
  out->text = clean ? clean : fg_pool_clean(&g->texts, &g->mem, in->text, false);
  return true;
}

int factgraph_add_entity(factgraph *g, const entity_input *e) {
  if (!g || !e || g->finished || g->nrecs >= INT_MAX) return -1;
  const char *name = fg_pool_clean(&g->texts, &g->mem, e->name, true);
  if (!*name) return -1;
  VEC_RESERVE(g->recs, g->nrecs, g->caprecs);
  fg_entity_record *r = &g->recs[g->nrecs];
  memset(r, 0, sizeof *r);
  r->name = name;
  char *key = fg_fold(name);
  r->key = fg_pool_add(&g->texts, &g->mem, key, strlen(key));
  free(key);
  r->type = (unsigned)e->type <= ENTITY_OTHER ? e->type : ENTITY_OTHER;
  if (e->role) {
    r->role = fg_pool_clean(&g->texts, &g->mem, e->role, true);
    if (!*r->role) r->role = NULL;
  }
  if (e->mentions && e->nmentions) {
    if (e->nmentions > SIZE_MAX / sizeof(fact_mention)) return -1;
    r->mentions = arena_take(&g->recmem, e->nmentions * sizeof *r->mentions);
    for (size_t i = 0; i < e->nmentions; i++) {
      const fact_mention *in = &e->mentions[i];
      /* a text the caller passed for one of the last mentions (the same string, as
       * graph_feed passes an entity's repeated names) is cleaned once */
      const char *same = NULL;
      if (r->nmentions == i) /* (no mention refused: output J is input J's) */
        for (size_t j = i; !same && j > 0 && i - j < SAME_TEXT_LOOKBACK; j--)
          if (e->mentions[j - 1].text == in->text) same = r->mentions[j - 1].text;
      if (copy_mention(g, in, &r->mentions[r->nmentions], same)) r->nmentions++;
    }
  }
  return (int)g->nrecs++;
}

static bool valid_record_id(const factgraph *g, int id) { return id >= 0 && (size_t)id < g->nrecs; }

/* Keeps only parts the precision covers, and drops to a coarser precision when a part is out
 * of range, so equal dates compare equal and always format. */
static fact_date clean_date(fact_date d) {
  fact_date out = {0};
  date_precision p = d.precision;
  if (p != PRECISION_YEAR && p != PRECISION_MONTH && p != PRECISION_DAY) p = PRECISION_UNKNOWN;
  if (p != PRECISION_UNKNOWN && (d.year < 0 || d.year > 9999)) p = PRECISION_UNKNOWN;
  if (p >= PRECISION_MONTH && (d.month < 1 || d.month > 12)) p = PRECISION_YEAR;
  if (p == PRECISION_DAY && (d.day < 1 || d.day > 31)) p = PRECISION_MONTH;
  out.precision = p;
  if (p >= PRECISION_YEAR) out.year = d.year;
  if (p >= PRECISION_MONTH) out.month = d.month;
  if (p >= PRECISION_DAY) out.day = d.day;
  if (p == PRECISION_UNKNOWN)
    out.basis = BASIS_NONE;
  else
    out.basis = d.basis == BASIS_PUBLICATION ? BASIS_PUBLICATION : BASIS_TEXT;
  return out;
}

static int *copy_ids(factgraph *g, const int *ids, size_t n) {
  if (!n) return NULL;
  int *out = arena_take(&g->mem, n * sizeof *out);
  memcpy(out, ids, n * sizeof *out);
  return out;
}

/* The graph's one copy of event type TYPE (collapsed), or NULL if it is empty. */
static const char *intern_type(factgraph *g, const char *type) {
  for (size_t i = 0; i < g->ntypes; i++)
    if (strcmp(g->types[i], type) == 0) return g->types[i];
  char *t = fg_collapse(&g->mem, type);
  if (!*t) return NULL;
  for (size_t i = 0; i < g->ntypes; i++)
    if (strcmp(g->types[i], t) == 0) return g->types[i];
  VEC_RESERVE(g->types, g->ntypes, g->captypes);
  g->types[g->ntypes++] = t;
  return t;
}

/* The rank of interned TYPE among the graph's types by name, once factgraph_finish has sorted
 * them (g->ntypes if it is none of them). */
static size_t type_rank(const factgraph *g, const char *type) {
  size_t r = 0;
  while (r < g->ntypes && g->types[r] != type) r++;
  return r;
}

void factgraph_prefetch_text(const factgraph *g, const char *s, size_t n) {
  if (g && s && !g->finished) fg_pool_prefetch(&g->texts, s, n);
}

int factgraph_add_event(factgraph *g, const event_input *e) {
  /* (a report's index fits 32 bits: event_prep's order) */
  if (!g || !e || g->finished || g->nevrecs >= UINT32_MAX) return -1;
  if ((e->nactors && !e->actors) || (e->ntargets && !e->targets)) return -1;
  if (e->nactors > INT_MAX || e->ntargets > INT_MAX || e->namounts > INT_MAX ||
      (e->namounts && !e->amounts))
    return -1;
  for (size_t i = 0; i < e->nactors; i++)
    if (!valid_record_id(g, e->actors[i])) return -1;
  for (size_t i = 0; i < e->ntargets; i++)
    if (!valid_record_id(g, e->targets[i])) return -1;
  if (e->place != -1 && !valid_record_id(g, e->place)) return -1;
  const char *type = intern_type(g, e->type ? e->type : "");
  if (!type) return -1;
  const fact_mention *m = &e->mention, *last = &g->last_span; /* (if NSENTENCES) */
  if (m->doc >= g->ndocs || m->start > m->end) return -1;
  const char *said = m->text ? m->text : "";
  if (!(g->nsentences && m->doc == last->doc && m->start == last->start && m->end == last->end &&
        strcmp(said, g->last_sentence.data) == 0)) {
    size_t n;
    const char *clean = fg_clean_view(said, false, &g->sentence_scratch, &n);
    VEC_RESERVE(g->sentence_at, g->nsentences, g->capsentences);
    g->sentence_at[g->nsentences++] = fg_spill_add(&g->sentences, clean, n);
    strbuf_reset(&g->last_sentence);
    strbuf_adds(&g->last_sentence, said);
    g->last_span = *m;
  }

  fg_event_record rec, *r = &rec;
  memset(r, 0, sizeof *r); /* (the padding too: the bytes go to a file) */
  r->type = type;
  r->date = clean_date(e->date);
  r->actors = copy_ids(g, e->actors, e->nactors);
  r->nactors = (uint32_t)e->nactors;
  r->targets = copy_ids(g, e->targets, e->ntargets);
  r->ntargets = (uint32_t)e->ntargets;
  r->place = e->place;
  if (e->namounts) {
    r->amounts = arena_alloc(&g->mem, e->namounts * sizeof *r->amounts);
    for (size_t i = 0; i < e->namounts; i++) {
      const fact_amount *a = &e->amounts[i];
      if (!isfinite(a->value)) continue;
      fact_amount *o = &r->amounts[r->namounts++];
      o->value = a->value;
      /* Only three ASCII letters make a currency code. */
      size_t k = 0;
      for (; k < 3; k++) {
        char c = a->currency[k];
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        o->currency[k] = c;
      }
      if (k != 3) memset(o->currency, 0, sizeof o->currency);
      o->text = fg_pool_clean(&g->texts, &g->mem, a->text, false);
    }
  }
  if (e->quote) {
    r->quote = fg_pool_clean(&g->texts, &g->mem, e->quote, true);
    if (!*r->quote) r->quote = NULL;
  }
  r->quote_indirect = e->quote_indirect;
  r->negated = e->negated;
  r->hypothetical = e->hypothetical;
  r->doc = m->doc;
  r->start = m->start;
  r->end = m->end;
  r->sentence = g->sentence_at[g->nsentences - 1];
  double c = e->confidence;
  r->confidence = isnan(c) || c < 0 ? 0 : c > 1 ? 1 : c;
  fg_spill_append(&g->records, r, sizeof *r);
  g->nevrecs++;
  return 0;
}

static int add_rule(factgraph *g, const char *canonical, const char *alias, int type,
                    bool forbid) {
  if (!g || g->finished || !alias || type < -1 || type > ENTITY_OTHER) return -1;
  char *a = fg_collapse(&g->mem, alias);
  char *c = canonical ? fg_collapse(&g->mem, canonical) : NULL;
  if (!*a || (c && !*c) || (!c && !forbid)) return -1;
  VEC_RESERVE(g->rules, g->nrules, g->caprules);
  g->rules[g->nrules++] = (fg_alias_rule){c, a, type, forbid};
  return 0;
}

int factgraph_add_alias(factgraph *g, const char *canonical, const char *alias, int type) {
  if (!canonical) return -1;
  return add_rule(g, canonical, alias, type, false);
}

int factgraph_forbid_alias(factgraph *g, const char *canonical, const char *alias) {
  return add_rule(g, canonical, alias, -1, true);
}

/* ---- shared orderings ---- */

/* qsort has no context argument in C17: the graph being sorted, per thread (factgraph_finish
 * may build events on several). */
static _Thread_local const factgraph *sort_graph;

static int cmp_mention_in(const factgraph *g, const fact_mention *x, const fact_mention *y) {
  size_t rx = g->doc_rank[x->doc], ry = g->doc_rank[y->doc];
  if (rx != ry) return rx < ry ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  /* (one text is one pointer but in the rare case: reports' sentences lie in a temporary
   * file, whose pages are best left unread until the outputs are written) */
  return x->text == y->text ? 0 : strcmp(x->text, y->text);
}

static void set_sort_graph(const void *g) { sort_graph = g; }

/* Lists the copies of each article (COPY_START, COPY_LIST), if there are any. */
static void index_copies(factgraph *g) {
  size_t ncopies = 0;
  for (size_t i = 0; i < g->ndocs; i++) ncopies += g->docs[i].copy_of != UINT32_MAX;
  if (!ncopies) return;
  uint32_t *start = xcalloc(g->ndocs + 1, sizeof *start);
  for (size_t i = 0; i < g->ndocs; i++)
    if (g->docs[i].copy_of != UINT32_MAX) start[g->docs[i].copy_of + 1]++;
  for (size_t i = 0; i < g->ndocs; i++) start[i + 1] += start[i];
  uint32_t *fill = xmalloc((g->ndocs + 1) * sizeof *fill);
  memcpy(fill, start, (g->ndocs + 1) * sizeof *fill);
  uint32_t *list = xmalloc(ncopies * sizeof *list);
  for (size_t i = 0; i < g->ndocs; i++)
    if (g->docs[i].copy_of != UINT32_MAX) list[fill[g->docs[i].copy_of]++] = (uint32_t)i;
  free(fill);
  g->copy_start = start;
  g->copy_list = list;
}

/* How many mentions M[0..N) make with the copies of their articles saying them too. */
static size_t with_copies(const factgraph *g, const fact_mention *m, size_t n) {
  if (!g->copy_start) return n;
  size_t total = n;
  for (size_t i = 0; i < n; i++) total += g->copy_start[m[i].doc + 1] - g->copy_start[m[i].doc];
  return total;
}

/* Writes the copies' mentions of M[0..N) at M[N...] (room for with_copies(M, N)): the same
 * span in each copy, which is the same text. */
static void add_copy_mentions(const factgraph *g, fact_mention *m, size_t n) {
  if (!g->copy_start) return;
  size_t k = n;
  for (size_t i = 0; i < n; i++)
    for (uint32_t c = g->copy_start[m[i].doc]; c < g->copy_start[m[i].doc + 1]; c++) {
      m[k] = m[i];
      m[k++].doc = g->copy_list[c];
    }
}

/* Sorts M[0..N) by cmp_mention_in. They come as runs already in order (each record's
 * mentions are in text order), so the runs are merged, two by two, rather than sorted anew. */
static void merge_mention_runs(const factgraph *g, fact_mention *m, size_t n) {
  size_t *run = xmalloc((n + 1) * sizeof *run), nruns = 0; /* where each run starts */
  for (size_t i = 0; i < n; i++)
    if (i == 0 || cmp_mention_in(g, &m[i - 1], &m[i]) > 0) run[nruns++] = i;
  run[nruns] = n;
  fact_mention *tmp = xmalloc(n * sizeof *tmp), *from = m, *to = tmp;
  while (nruns > 1) {
    size_t kept = 0;
    for (size_t r = 0; r < nruns; r += 2) {
      size_t a = run[r], mid = r + 1 < nruns ? run[r + 1] : n, end = r + 1 < nruns ? run[r + 2] : n;
      size_t i = a, j = mid, k = a;
      while (i < mid && j < end) /* (the left run first of equals: stable) */
        to[k++] = cmp_mention_in(g, &from[j], &from[i]) < 0 ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < end) to[k++] = from[j++];
      run[kept++] = a;
    }
    run[kept] = n;
    nruns = kept;
    fact_mention *t = from;
    from = to;
    to = t;
  }
  if (from != m) memcpy(m, from, n * sizeof *m);
  free(tmp);
  free(run);
}

/* Sorts mentions by article id, then span, and drops repeats of the same span. */
static size_t sort_mentions(const factgraph *g, fact_mention *m, size_t n) {
  if (n < 2) return n;
  merge_mention_runs(g, m, n);
  size_t k = 1;
  for (size_t i = 1; i < n; i++) {
    const fact_mention *p = &m[k - 1];
    if (m[i].doc == p->doc && m[i].start == p->start && m[i].end == p->end) continue;
    m[k++] = m[i];
  }
  return k;
}

static int cmp_doc_index(const void *a, const void *b) {
  const factgraph *g = sort_graph;
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  int c = strcmp(g->docs[x].id, g->docs[y].id);
  if (c) return c;
  return x < y ? -1 : x > y;
}

static void rank_documents(factgraph *g) {
  g->doc_rank = xcalloc(g->ndocs ? g->ndocs : 1, sizeof *g->doc_rank);
  uint32_t *order = xmalloc((g->ndocs ? g->ndocs : 1) * sizeof *order);
  for (size_t i = 0; i < g->ndocs; i++) order[i] = (uint32_t)i;
  sort_graph = g;
  qsort(order, g->ndocs, sizeof *order, cmp_doc_index);
  sort_graph = NULL;
  for (size_t i = 0; i < g->ndocs; i++) g->doc_rank[order[i]] = i;
  free(order);
}

/* The distinct documents of mentions already sorted by sort_mentions. */
static uint32_t *mention_docs(arena *mem, const fact_mention *m, size_t n, size_t *ndocs) {
  *ndocs = 0;
  if (!n) return NULL;
  uint32_t *docs = arena_take(mem, n * sizeof *docs);
  for (size_t i = 0; i < n; i++)
    if (*ndocs == 0 || docs[*ndocs - 1] != m[i].doc) docs[(*ndocs)++] = m[i].doc;
  return docs;
}

static int cmp_ptr(const void *a, const void *b) {
  uintptr_t x = (uintptr_t) * (const char *const *)a, y = (uintptr_t) * (const char *const *)b;
  return x < y ? -1 : x > y;
}

static int cmp_str_ptr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The best of N strings: by casing rank (when BY_CASING), then frequency, then length, then
 * byte order. Returns NULL for N == 0. Sorts S in place. */
static const char *pick_best(const char **s, size_t n, bool by_casing) {
  if (!n) return NULL;
  qsort(s, n, sizeof *s, cmp_str_ptr);
  const char *best = NULL;
  size_t best_count = 0, best_len = 0;
  int best_case = -1;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && strcmp(s[i], s[j]) == 0) j++;
    size_t count = j - i, len = strlen(s[i]);
    int casing = by_casing ? fg_casing_rank(s[i]) : 0;
    /* Runs come in byte order, so on a full tie the first one seen stays. */
    bool better = !best || casing > best_case ||
                  (casing == best_case &&
                   (count > best_count || (count == best_count && len > best_len)));
    if (better) {
      best = s[i];
      best_count = count;
      best_len = len;
      best_case = casing;
    }
    i = j;
  }
  return best;
}

/* ---- a small set of strings, for unique ids ---- */

typedef struct strset {
  const char **slots;
  size_t cap;
} strset;

static void strset_init(strset *s, size_t expected) {
  s->cap = 16;
  while (s->cap < expected * 2 + 16) s->cap *= 2;
  s->slots = xcalloc_written(s->cap, sizeof *s->slots);
}

static bool strset_has_or_add(strset *s, const char *str, bool add) {
  size_t mask = s->cap - 1, i = (size_t)fg_hash(str, strlen(str)) & mask;
  while (s->slots[i]) {
    if (strcmp(s->slots[i], str) == 0) return true;
    i = (i + 1) & mask;
  }
  if (add) s->slots[i] = str;
  return false;
}

/* ---- entities ---- */

typedef struct entity_draft {
  fg_entity e;
  const char *key;
  char *slug;
  size_t cluster; /* which cluster it came from, carried through the sorts */
  /* how many of E's mentions are the articles' own (E.NMENTIONS counts the copies' too; the
   * mentions themselves are made again by spill_entity_mentions); FIRST, the first of all */
  size_t own;
  fact_mention first;
} entity_draft;

static int cmp_draft_slug(const void *a, const void *b) {
  const entity_draft *x = a, *y = b;
  int c = strcmp(x->slug, y->slug);
  if (c) return c;
  if (x->e.type != y->e.type) return x->e.type < y->e.type ? -1 : 1;
  if ((c = strcmp(x->e.label, y->e.label))) return c;
  if ((c = strcmp(x->key, y->key))) return c;
  /* Only reachable once resolution can keep two entities with one name apart. */
  if (x->own && y->own) return cmp_mention_in(sort_graph, &x->first, &y->first);
  return (x->own > 0) - (y->own > 0);
}

static int cmp_draft_id(const void *a, const void *b) {
  return strcmp(((const entity_draft *)a)->e.id, ((const entity_draft *)b)->e.id);
}

static void lower_ascii(char *s) {
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z') *s = (char)(*s - 'A' + 'a');
}

/* Gives each entity an id unique among all, decided in sorted order: the slug; then, for
 * another type than the slug's first holder, slug_<type>; then slug_2, slug_3... */
static void assign_entity_ids(factgraph *g, entity_draft *d, size_t n) {
  sort_graph = g;
  qsort(d, n, sizeof *d, cmp_draft_slug);
  sort_graph = NULL;
  strset used;
  strset_init(&used, n);
  strbuf sb;
  strbuf_init(&sb);
  for (size_t i = 0; i < n; i++) {
    strbuf_reset(&sb);
    strbuf_adds(&sb, d[i].slug);
    bool same_type_before = i > 0 && strcmp(d[i - 1].slug, d[i].slug) == 0 &&
                            d[i - 1].e.type == d[i].e.type;
    if (strset_has_or_add(&used, sb.data, false)) {
      if (same_type_before) {
        strbuf_adds(&sb, "_2");
      } else {
        strbuf_addf(&sb, "_%s", entity_type_name(d[i].e.type));
        lower_ascii(sb.data);
      }
      for (size_t k = 2; strset_has_or_add(&used, sb.data, false) && k < n + 3; k++) {
        strbuf_reset(&sb);
        strbuf_addf(&sb, "%s_%zu", d[i].slug, k);
      }
    }
    d[i].e.id = arena_strndup(&g->mem, sb.data, sb.len);
    strset_has_or_add(&used, d[i].e.id, true);
  }
  strbuf_release(&sb);
  free(used.slots);
}

/* Is NAME written as names are: mixed case, or an acronym in capitals? */
static bool well_formed(const char *name) {
  int c = fg_casing_rank(name);
  return c == 2 || (c == 1 && strlen(name) <= 8 && !strchr(name, ' '));
}

/* A name and how many records give it. */
typedef struct name_run {
  const char *name;
  size_t count;
} name_run;

static int cmp_name_run(const void *a, const void *b) {
  return strcmp(((const name_run *)a)->name, ((const name_run *)b)->name);
}

/* The canonical name of a cluster: the fullest well-formed name (most words once titles are
 * off), then the better cased, the more often reported, the shorter (no title), the first in
 * byte order. */
static const char *pick_label(const char **names, size_t n, entity_type type) {
  /* The records of an entity mostly give a few names, each one pooled copy: they are counted
   * by address first, and only those runs are sorted by their letters. */
  sort_few(names, n, sizeof *names, cmp_ptr);
  name_run *runs = xmalloc((n ? n : 1) * sizeof *runs);
  size_t nruns = 0;
  for (size_t i = 0; i < n; i++) {
    if (nruns && runs[nruns - 1].name == names[i]) runs[nruns - 1].count++;
    else runs[nruns++] = (name_run){names[i], 1};
  }
  sort_few(runs, nruns, sizeof *runs, cmp_name_run);
  const char *best = NULL;
  size_t best_words = 0, best_count = 0, best_len = 0;
  int best_case = -1;
  bool best_wf = false;
  for (size_t i = 0; i < nruns;) {
    size_t j = i + 1, count = runs[i].count;
    for (; j < nruns && strcmp(runs[i].name, runs[j].name) == 0; j++) count += runs[j].count;
    const char *name = runs[i].name;
    size_t len = strlen(name);
    bool wf = well_formed(name);
    size_t words = fg_name_words(name, type);
    int casing = fg_casing_rank(name);
    int c = 0;
    if (!best) c = 1;
    else if (wf != best_wf) c = wf ? 1 : -1;
    else if (words != best_words) c = words > best_words ? 1 : -1;
    else if (casing != best_case) c = casing > best_case ? 1 : -1;
    else if (count != best_count) c = count > best_count ? 1 : -1;
    else if (len != best_len) c = len < best_len ? 1 : -1;
    if (c > 0) {
      best = name;
      best_words = words;
      best_count = count;
      best_len = len;
      best_case = casing;
      best_wf = wf;
    }
    i = j;
  }
  free(runs);
  return best;
}

/* The articles' own mentions of the entity records MEMBERS[0..N), sorted, each once, in *BUF
 * (of *CAP, grown as needed); returns how many. */
static size_t own_mentions(const factgraph *g, const size_t *members, size_t n,
                           fact_mention **buf, size_t *cap) {
  size_t all = 0;
  for (size_t i = 0; i < n; i++) all += g->recs[members[i]].nmentions;
  if (all > *cap) {
    *cap = all;
    *buf = xrealloc(*buf, all * sizeof **buf);
  }
  fact_mention *m = *buf;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const fg_entity_record *r = &g->recs[members[i]];
    if (r->nmentions) memcpy(m + k, r->mentions, r->nmentions * sizeof *m);
    k += r->nmentions;
  }
  return sort_mentions(g, m, all);
}

/* Fills D (one per cluster) from the records MEMBERS[0..N) of a cluster, allocating from MEM
 * (the graph's arena, or a thread's that joins it), but for its entity's mentions' array,
 * which spill_entity_mentions makes again as it writes them (SCRATCH: a buffer to reuse, of
 * *CAP): the mentions are as many as the records', and keeping them until then kept as much
 * memory once more. LABEL, if not NULL, is the name a rule or the general table gives it. */
static void build_entity(const factgraph *g, arena *mem, fact_mention **scratch, size_t *cap,
                         entity_draft *d, const size_t *members, size_t n, const char *label) {
  fg_entity *e = &d->e;
  const char **names = xmalloc(n * sizeof *names);
  const char **roles = xmalloc(n * sizeof *roles);
  size_t nroles = 0;
  for (size_t i = 0; i < n; i++) {
    const fg_entity_record *r = &g->recs[members[i]];
    names[i] = r->name;
    if (r->role) roles[nroles++] = r->role;
  }
  e->role = pick_best(roles, nroles, false);
  /* Resolution joins different records, and their order must not decide: the most common
   * type wins (ties: the first in enum order), the smallest key stands for the cluster. */
  size_t type_count[ENTITY_OTHER + 1] = {0};
  for (size_t i = 0; i < n; i++) type_count[g->recs[members[i]].type]++;
  e->type = ENTITY_PERSON;
  for (int t = ENTITY_PERSON; t <= ENTITY_OTHER; t++)
    if (type_count[t] > type_count[e->type]) e->type = (entity_type)t;
  e->label = label ? label : pick_label(names, n, e->type);
  d->key = g->recs[members[0]].key;
  for (size_t i = 1; i < n; i++)
    if (strcmp(g->recs[members[i]].key, d->key) < 0) d->key = g->recs[members[i]].key;
  free(names);
  free(roles);

  /* The articles' own mentions only: the copies' (the same spans in each copy) are counted
   * here, and written out with them by spill_entity_mentions (a run of many outlets would
   * otherwise hold them all at once). */
  d->own = own_mentions(g, members, n, scratch, cap);
  const fact_mention *m = *scratch;
  e->mentions = NULL;
  e->nmentions = with_copies(g, m, d->own);
  size_t ndocs = 0; /* (the mentions are sorted: an article's are neighbours) */
  for (size_t i = 0; i < d->own; i++)
    if (!i || m[i].doc != m[i - 1].doc) ndocs += with_copies(g, &m[i], 1);
  e->sources = ndocs;
  /* the first of them all, with the copies' */
  if (d->own) d->first = m[0];
  for (size_t i = 0; g->copy_start && i < d->own; i++)
    for (uint32_t c = g->copy_start[m[i].doc]; c < g->copy_start[m[i].doc + 1]; c++) {
      fact_mention copy = m[i];
      copy.doc = g->copy_list[c];
      if (cmp_mention_in(g, &copy, &d->first) < 0) d->first = copy;
    }

  /* Aliases: surface forms, white space collapsed; the label stands in when there is none.
   * The mentions' distinct texts are found first, so that one copy is made per surface form
   * (equal texts mostly share one pointer, so pointers are sorted before strings). */
  const char **raw = xmalloc((d->own ? d->own : 1) * sizeof *raw);
  size_t nraw = 0;
  for (size_t i = 0; i < d->own; i++) /* an article's repeats are neighbours */
    if (!nraw || m[i].text != raw[nraw - 1]) raw[nraw++] = m[i].text;
  sort_few(raw, nraw, sizeof *raw, cmp_ptr);
  size_t nptr = 0;
  for (size_t i = 0; i < nraw; i++)
    if (!nptr || raw[i] != raw[nptr - 1]) raw[nptr++] = raw[i];
  nraw = nptr;
  sort_few(raw, nraw, sizeof *raw, cmp_str_ptr);
  size_t ndistinct = 0;
  for (size_t i = 0; i < nraw; i++)
    if (!ndistinct || strcmp(raw[i], raw[ndistinct - 1]) != 0) raw[ndistinct++] = raw[i];
  nraw = ndistinct;
  char **al = arena_alloc(mem, (nraw ? nraw : 1) * sizeof *al);
  size_t nal = 0;
  for (size_t i = 0; i < nraw; i++) {
    char *t = fg_collapse(mem, raw[i]);
    if (*t) al[nal++] = t;
  }
  free(raw);
  if (!nal) al[nal++] = (char *)e->label;
  sort_few(al, nal, sizeof *al, cmp_str_ptr);
  size_t u = 1;
  for (size_t i = 1; i < nal; i++)
    if (strcmp(al[i], al[u - 1]) != 0) al[u++] = al[i];
  e->aliases = (const char *const *)al;
  e->naliases = u;

  d->slug = fg_slug(e->label);
  if (!*d->slug) {
    /* Nothing ASCII in the name (another script): a stable id from the key instead. */
    free(d->slug);
    char buf[64];
    snprintf(buf, sizeof buf, "%s_%08" PRIx32, entity_type_name(e->type),
             (uint32_t)(fg_hash(d->key, strlen(d->key)) & 0xffffffffu));
    lower_ascii(buf);
    d->slug = xstrdup(buf);
  }
}

/* One thread's share of building entities: the clusters it takes (run_both_chunked), allocating
 * from an arena of its own. */
typedef struct entities_part {
  const factgraph *g;
  entity_draft *d;
  const size_t *members, *start;
  const char **labels;
  arena mem;
  fact_mention *scratch; /* the mentions of the entity being built */
  size_t capscratch;
} entities_part;

/* Clusters a thread takes at a time. */
enum { ENTITIES_CHUNK = 256 };

static void entities_range(void *arg, size_t lo, size_t hi) {
  entities_part *pt = arg;
  for (size_t c = lo; c < hi; c++) {
    build_entity(pt->g, &pt->mem, &pt->scratch, &pt->capscratch, &pt->d[c],
                 pt->members + pt->start[c], pt->start[c + 1] - pt->start[c], pt->labels[c]);
    pt->d[c].cluster = c;
  }
}

/* Are the entities in the byte order of their ids, none empty or with a byte at or below ','?
 * Then the ids joined by "," compare, list against list, as the entities' indexes do: the end
 * of an id sorts before any byte that could continue it, as the end of a list does. */
static bool ids_in_order(const factgraph *g) {
  for (size_t i = 0; i < g->nentities; i++) {
    if (!g->entities[i].id[0]) return false; /* (an empty id would tie with no place) */
    for (const char *c = g->entities[i].id; *c; c++)
      if ((unsigned char)*c <= ',') return false;
    if (i && strcmp(g->entities[i - 1].id, g->entities[i].id) >= 0) return false;
  }
  return true;
}

/* The merged entities' mentions, which only facts.jsonl reads (in entity order), go to
 * ENTITY_MENTIONS (spill.h) in that order: entity I's are made again from the records of its
 * cluster CLUSTER[I] (MEMBERS[START[c]..START[c + 1]), as build_entity made them), with their
 * copies'. With many articles they are many, and the events are yet to be merged: no more
 * than one entity's are held at a time. */
static void spill_entity_mentions(factgraph *g, const size_t *cluster, const size_t *members,
                                  const size_t *start) {
  uint64_t size = 0;
  for (size_t i = 0; i < g->nentities; i++) size += g->entities[i].nmentions * sizeof(fact_mention);
  g->entity_mention_at = xmalloc((g->nentities + 1) * sizeof *g->entity_mention_at);
  const char *base = fg_spill_make(&g->entity_mentions, size);
  strbuf out; /* (written a piece at a time) */
  strbuf_init(&out);
  fact_mention *all = NULL; /* an entity's, with the copies' */
  size_t capall = 0;
  uint64_t at = 0, written = 0;
  for (size_t i = 0; i < g->nentities; i++) {
    fg_entity *e = &g->entities[i];
    size_t bytes = e->nmentions * sizeof *e->mentions;
    g->entity_mention_at[i] = at;
    size_t c = cluster[i];
    size_t own = own_mentions(g, members + start[c], start[c + 1] - start[c], &all, &capall);
    if (own < e->nmentions) {
      if (e->nmentions > capall) {
        capall = e->nmentions;
        all = xrealloc(all, capall * sizeof *all);
      }
      add_copy_mentions(g, all, own);
      sort_mentions(g, all, e->nmentions); /* (none alike: a copy states no mention itself) */
    }
    for (size_t k = 0; k < e->nmentions; k++) { /* (their padding zeroed: no stray bytes out) */
      fact_mention m;
      memset(&m, 0, sizeof m);
      m.doc = all[k].doc;
      m.start = all[k].start;
      m.end = all[k].end;
      m.text = all[k].text;
      strbuf_add(&out, (const char *)&m, sizeof m);
    }
    e->mentions = bytes ? (const fact_mention *)(base + at) : NULL;
    at += bytes;
    if (out.len >= SPILL_BUFFER || i + 1 == g->nentities) {
      fg_spill_put(&g->entity_mentions, written, out.data, out.len);
      written += out.len;
      strbuf_reset(&out);
    }
  }
  g->entity_mention_at[g->nentities] = at;
  strbuf_release(&out);
  free(all);
}

/* Clusters the records, builds the merged entities in id order, and maps each record to its
 * entity index (REC_ENTITY). */
static int finish_entities(factgraph *g, size_t *rec_entity) {
  size_t n = g->nrecs, ncl = 0;
  size_t *cluster_of = xmalloc((n ? n : 1) * sizeof *cluster_of);
  const char **labels = NULL;
  if (fg_resolve_entities(g->recs, n, g->rules, g->nrules, g->jobs, cluster_of, &ncl,
                          &labels) != 0) {
    free(cluster_of);
    return -1;
  }
  /* Group record indexes by cluster (counting sort keeps each cluster's records in order). */
  size_t *start = xcalloc(ncl + 1, sizeof *start);
  size_t *members = xmalloc((n ? n : 1) * sizeof *members);
  for (size_t i = 0; i < n; i++) start[cluster_of[i] + 1]++;
  for (size_t c = 0; c < ncl; c++) start[c + 1] += start[c];
  size_t *fill = xmalloc((ncl ? ncl : 1) * sizeof *fill);
  memcpy(fill, start, (ncl ? ncl : 1) * sizeof *fill);
  for (size_t i = 0; i < n; i++) members[fill[cluster_of[i]]++] = i;
  free(fill);

  entity_draft *d = xcalloc(ncl ? ncl : 1, sizeof *d);
  /* With two threads, each takes pieces of the clusters in turn (a few clusters have most
   * of the records). */
  entities_part parts[2] = {{g, d, members, start, labels, {0}, NULL, 0},
                            {g, d, members, start, labels, {0}, NULL, 0}};
  run_both_chunked(g->jobs > 1 && ncl >= 2 * ENTITIES_CHUNK, entities_range, &parts[0],
                   &parts[1], ncl, ENTITIES_CHUNK);
  for (size_t k = 0; k < 2; k++) arena_absorb(&g->mem, &parts[k].mem);
  assign_entity_ids(g, d, ncl);
  sort_on_threads(d, ncl, sizeof *d, cmp_draft_id, g->jobs, NULL, NULL); /* (ids are distinct) */

  size_t *cluster_draft = xmalloc((ncl ? ncl : 1) * sizeof *cluster_draft);
  size_t *entity_cluster = xmalloc((ncl ? ncl : 1) * sizeof *entity_cluster);
  g->entities = arena_alloc(&g->mem, (ncl ? ncl : 1) * sizeof *g->entities);
  for (size_t i = 0; i < ncl; i++) {
    g->entities[i] = d[i].e;
    entity_cluster[i] = d[i].cluster;
    cluster_draft[d[i].cluster] = i;
    free(d[i].slug);
  }
  g->nentities = ncl;
  spill_entity_mentions(g, entity_cluster, members, start);
  free(entity_cluster);
  for (size_t k = 0; k < 2; k++) free(parts[k].scratch);
  g->ids_ordered = ids_in_order(g);
  for (size_t i = 0; i < n; i++) rec_entity[i] = cluster_draft[cluster_of[i]];
  free(d);
  free(labels);
  free(cluster_draft);
  free(members);
  free(start);
  free(cluster_of);
  return 0;
}

/* ---- events ---- */

/* An event record with its participants mapped to merged entities: what merge.c reads of it
 * (VIEW) and what building its event reads besides, so that the records can go before the
 * events are built. */
typedef struct event_prep {
  fg_event_view view; /* the participants as merged entities, type, date, place, say's words */
  fact_mention mention;
  const char *quote; /* the record's words, whatever its type */
  const fact_amount *amounts;
  double confidence;
  uint32_t namounts;
  char date[11];     /* fact_date_format of the record's date, for the key */
  uint8_t type_rank; /* type_rank of its type, where the graph has at most 255 types */
  bool quote_indirect;
  uint32_t order; /* the record's index: the order the reports were added in */
} event_prep;

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Entity indexes of record ids, sorted, distinct, allocated from MEM. */
static size_t *map_participants(arena *mem, const size_t *rec_entity, const int *ids, size_t n,
                                size_t *out_n) {
  size_t *out = arena_take(mem, (n ? n : 1) * sizeof *out);
  for (size_t i = 0; i < n; i++) out[i] = rec_entity[ids[i]];
  sort_sizes(out, n);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!k || out[k - 1] != out[i]) out[k++] = out[i];
  *out_n = k;
  return out;
}

static bool is_say(const char *type) { return strcmp(type, "say") == 0; }

/* ---- the merge key ----
 * The key orders the reports for the merge, and an event's id is made of its first report's
 * key. The key is the string: type, date, the actors' ids joined by ",", the targets' ids, the
 * place's id, a say's quote, each ended by \x1f, then "0" or "1" for negated and for
 * hypothetical ("met" and "did not meet" are different facts). It is never built: key_cmp
 * compares two keys as strcmp would compare the strings, key_hash is fg_hash of the string.
 * (Cleaned text never holds a control character, so a field that is a prefix of another's
 * sorts first, as its \x1f would.) */

static const char *place_id(const factgraph *g, const event_prep *p) {
  return p->view.place >= 0 ? g->entities[p->view.place].id : "";
}

static const char *key_quote(const event_prep *p) { return p->view.quote ? p->view.quote : ""; }

/* The bytes of entity IDS' ids joined by ",", one at a time (ids_next). */
typedef struct id_stream {
  const factgraph *g;
  const size_t *ids;
  size_t n, k;
  const char *s; /* the rest of id K */
} id_stream;

static id_stream ids_open(const factgraph *g, const size_t *ids, size_t n) {
  return (id_stream){g, ids, n, 0, n ? g->entities[ids[0]].id : ""};
}

/* The next byte, or -1 at the end. */
static int ids_next(id_stream *st) {
  if (*st->s) return (unsigned char)*st->s++;
  if (st->k + 1 >= st->n) return -1;
  st->s = st->g->entities[st->ids[++st->k]].id;
  return ',';
}

/* Two lists of entities as strcmp compares their ids joined by ",". */
static int cmp_id_lists(const factgraph *g, const size_t *a, size_t na, const size_t *b,
                        size_t nb) {
  if (na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0)) return 0;
  if (g->ids_ordered) {
    for (size_t i = 0; i < na && i < nb; i++)
      if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return na < nb ? -1 : na > nb;
  }
  id_stream x = ids_open(g, a, na), y = ids_open(g, b, nb);
  for (;;) {
    int cx = ids_next(&x), cy = ids_next(&y);
    if (cx != cy) return cx < cy ? -1 : 1;
    if (cx < 0) return 0;
  }
}

static int key_cmp(const factgraph *g, const event_prep *x, const event_prep *y) {
  int c;
  if (x->view.type != y->view.type) { /* (interned: another pointer is another type) */
    if (g->ntypes <= 255) return x->type_rank < y->type_rank ? -1 : 1;
    return strcmp(x->view.type, y->view.type);
  }
  if ((c = strcmp(x->date, y->date))) return c;
  if ((c = cmp_id_lists(g, x->view.actors, x->view.nactors, y->view.actors, y->view.nactors)))
    return c;
  if ((c = cmp_id_lists(g, x->view.targets, x->view.ntargets, y->view.targets, y->view.ntargets)))
    return c;
  if (x->view.place != y->view.place) {
    /* (no place, "", before any; with ordered ids, a place's index is its id's rank) */
    if (!g->ids_ordered) c = strcmp(place_id(g, x), place_id(g, y));
    else c = x->view.place < y->view.place ? -1 : 1;
    if (c) return c;
  }
  /* (the graph keeps one copy of a repeated quote) */
  if (x->view.quote != y->view.quote && (c = strcmp(key_quote(x), key_quote(y)))) return c;
  if (x->view.negated != y->view.negated) return x->view.negated ? 1 : -1;
  if (x->view.hypothetical != y->view.hypothetical) return x->view.hypothetical ? 1 : -1;
  return 0;
}

static uint64_t hash_field(uint64_t h, const char *s) {
  h = fg_hash_more(h, s, strlen(s));
  return fg_hash_more(h, "\x1f", 1);
}

static uint64_t hash_ids(uint64_t h, const factgraph *g, const size_t *ids, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i) h = fg_hash_more(h, ",", 1);
    const char *id = g->entities[ids[i]].id;
    h = fg_hash_more(h, id, strlen(id));
  }
  return fg_hash_more(h, "\x1f", 1);
}

static uint64_t key_hash(const factgraph *g, const event_prep *p) {
  uint64_t h = hash_field(FG_HASH_START, p->view.type);
  h = hash_field(h, p->date);
  h = hash_ids(h, g, p->view.actors, p->view.nactors);
  h = hash_ids(h, g, p->view.targets, p->view.ntargets);
  h = hash_field(h, place_id(g, p));
  h = hash_field(h, key_quote(p));
  return fg_hash_more(h, p->view.negated ? (p->view.hypothetical ? "11" : "10")
                                         : (p->view.hypothetical ? "01" : "00"), 2);
}

static int cmp_prep(const void *a, const void *b) {
  const event_prep *x = *(const event_prep *const *)a, *y = *(const event_prep *const *)b;
  int c = key_cmp(sort_graph, x, y);
  if (c) return c;
  if ((c = cmp_mention_in(sort_graph, &x->mention, &y->mention))) return c;
  if (x->confidence != y->confidence) return x->confidence > y->confidence ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* A report in the sort of finish_events, with the start of its key_cmp key as three numbers
 * that order as the key does (where they differ, the key differs the same way; where they
 * are equal, cmp_prep decides). HEAD: the type's rank, the date, the first actor; NEXT: the
 * second actor, then the first target where there are at most two actors; TAIL: the place
 * and the quote's first bytes (prep_tail). A participant
 * counts as its index + 1 (0 for none: a shorter list first), where an entity's index orders
 * as its id (cmp_id_lists); indexes past 2^32 - 3 are all alike, left to cmp_prep. */
typedef struct prep_order {
  uint64_t head, next, tail;
  const event_prep *p;
} prep_order;

static uint64_t participant_key(const size_t *ids, size_t n, size_t k) {
  if (k >= n) return 0;
  return ids[k] < (size_t)UINT32_MAX - 2 ? ids[k] + 1 : (uint64_t)UINT32_MAX - 1;
}

/* fact_date_format's "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a number below 2^24 that orders
 * as strcmp orders them: the year + 1, then the month, then the day, each 0 where absent. */
static uint64_t date_key(const char *date) {
  if (!date[0]) return 0;
  uint64_t y = (uint64_t)(date[0] - '0') * 1000 + (uint64_t)(date[1] - '0') * 100 +
               (uint64_t)(date[2] - '0') * 10 + (uint64_t)(date[3] - '0');
  uint64_t m = date[4] == '-' ? (uint64_t)(date[5] - '0') * 10 + (uint64_t)(date[6] - '0') : 0;
  uint64_t d = m && date[7] == '-' ? (uint64_t)(date[8] - '0') * 10 + (uint64_t)(date[9] - '0') : 0;
  return (y + 1) << 9 | m << 5 | d;
}

/* TAIL, which orders reports of equal HEAD and NEXT: cmp_prep's comparisons of their places
 * and quotes were most of the sort's time (a speaker says many things on one day). Where
 * HEAD and NEXT hold the whole of a report's participants (at most two actors and one target,
 * each with its own number), the top bit is 0, then the place's index + 1 in 23 bits (all
 * ones for any larger), then the first five bytes of the quote where the place's number is
 * exact; else the top bit is 1 and the rest 0. Of reports with equal HEAD and NEXT, one whose
 * participants are whole has a shorter list than one whose are not (which has two targets or
 * more), so comes first; the rest orders as key_cmp does, where tails differ. */
static uint64_t prep_tail(const fg_event_view *v) {
  bool whole = v->nactors <= 2 && v->ntargets <= 1;
  for (size_t k = 0; whole && k < v->nactors; k++) whole = v->actors[k] < (size_t)UINT32_MAX - 2;
  if (whole && v->ntargets) whole = v->targets[0] < (size_t)UINT32_MAX - 2;
  if (!whole) return (uint64_t)1 << 63;
  enum { PLACE_BITS = 23, QUOTE_BYTES = 5 };
  uint64_t most = ((uint64_t)1 << PLACE_BITS) - 1;
  uint64_t place = v->place < 0 ? 0 : (uint64_t)v->place + 1 < most ? (uint64_t)v->place + 1 : most;
  uint64_t quote = 0;
  if (place < most && v->quote)
    for (size_t k = 0; k < QUOTE_BYTES && v->quote[k]; k++)
      quote |= (uint64_t)(unsigned char)v->quote[k] << (8 * (QUOTE_BYTES - 1 - k));
  return place << (8 * QUOTE_BYTES) | quote;
}

static prep_order prep_order_of(const factgraph *g, const event_prep *p) {
  prep_order o = {0, 0, 0, p};
  if (g->ntypes > 255) return o; /* types compared by name (key_cmp): no head */
  o.head = (uint64_t)p->type_rank << 56 | date_key(p->date) << 32;
  if (!g->ids_ordered) return o;
  const fg_event_view *v = &p->view;
  o.head |= participant_key(v->actors, v->nactors, 0);
  /* (a third actor comes before any target: with one, only cmp_prep can tell) */
  o.next = participant_key(v->actors, v->nactors, 1) << 32 |
           (v->nactors > 2 ? UINT32_MAX : participant_key(v->targets, v->ntargets, 0));
  o.tail = prep_tail(v);
  return o;
}

static uint64_t prep_head(const void *o) { return ((const prep_order *)o)->head; }

static int cmp_prep_order(const void *a, const void *b) {
  const prep_order *x = a, *y = b;
  if (x->head != y->head) return x->head < y->head ? -1 : 1;
  if (x->next != y->next) return x->next < y->next ? -1 : 1;
  if (x->tail != y->tail) return x->tail < y->tail ? -1 : 1;
  return cmp_prep(&x->p, &y->p);
}

typedef struct date_cand {
  fact_date d;
  size_t count;
} date_cand;

static int basis_rank(date_basis b) { return b == BASIS_TEXT ? 2 : b == BASIS_PUBLICATION ? 1 : 0; }

static int cmp_date_value(const fact_date *x, const fact_date *y) {
  if (x->year != y->year) return x->year < y->year ? -1 : 1;
  if (x->month != y->month) return x->month < y->month ? -1 : 1;
  if (x->day != y->day) return x->day < y->day ? -1 : 1;
  return 0;
}

/* The chosen date first: a date the text states over the publication date, then the finer,
 * then the more often reported, then the earlier. */
static int cmp_date_cand(const void *a, const void *b) {
  const date_cand *x = a, *y = b;
  int bx = basis_rank(x->d.basis), by = basis_rank(y->d.basis);
  if (bx != by) return bx > by ? -1 : 1;
  if (x->d.precision != y->d.precision) return x->d.precision > y->d.precision ? -1 : 1;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return cmp_date_value(&x->d, &y->d);
}

static void merge_dates(arena *mem, fg_event *ev, const event_prep *const *m, size_t n) {
  /* (most events are a report or a few: no allocation, no qsort; the candidates are distinct,
   * so any sort orders them alike) */
  date_cand few[16];
  date_cand *c = n <= 16 ? few : xmalloc(n * sizeof *c);
  size_t nc = 0;
  for (size_t i = 0; i < n; i++) {
    fact_date d = m[i]->view.date;
    if (d.precision == PRECISION_UNKNOWN) continue;
    size_t j = 0;
    while (j < nc && !(c[j].d.precision == d.precision && cmp_date_value(&c[j].d, &d) == 0)) j++;
    if (j == nc) {
      c[nc].d = d;
      c[nc++].count = 0;
    }
    c[j].count++;
    if (basis_rank(d.basis) > basis_rank(c[j].d.basis)) c[j].d.basis = d.basis;
  }
  sort_few(c, nc, sizeof *c, cmp_date_cand);
  fact_date *dates = nc ? arena_alloc(mem, nc * sizeof *dates) : NULL;
  for (size_t i = 0; i < nc; i++) dates[i] = c[i].d;
  ev->dates = dates;
  ev->ndates = (uint32_t)nc; /* (at most one per report) */
  if (nc) {
    ev->date = dates[0];
  } else {
    memset(&ev->date, 0, sizeof ev->date);
    ev->date.basis = BASIS_NONE;
  }
  if (c != few) free(c);
}

typedef struct amount_cand {
  fact_amount a;
  size_t count; /* reports of this figure (on the first of a run) */
  size_t seq;   /* order of report: members come in article order */
} amount_cand;

static int cmp_amount_value(const void *a, const void *b) {
  const amount_cand *x = a, *y = b;
  if (x->a.value != y->a.value) return x->a.value < y->a.value ? -1 : 1;
  int c = strcmp(x->a.currency, y->a.currency);
  if (c) return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The most reported figure first, then by value and currency. */
static int cmp_amount_cand(const void *a, const void *b) {
  const amount_cand *x = a, *y = b;
  if (x->count != y->count) return x->count > y->count ? -1 : 1;
  return cmp_amount_value(a, b);
}

static void merge_amounts(arena *mem, fg_event *ev, const event_prep *const *m, size_t n) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += m[i]->namounts;
  ev->amounts = NULL;
  ev->namounts = 0;
  if (!total) return;
  amount_cand few[16]; /* (no two candidates compare equal: any sort orders them alike) */
  amount_cand *c = total <= 16 ? few : xmalloc(total * sizeof *c);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < m[i]->namounts; j++, k++)
      c[k] = (amount_cand){m[i]->amounts[j], 0, k};
  /* Sorting makes equal figures neighbours; each keeps the wording of its first report. */
  sort_few(c, total, sizeof *c, cmp_amount_value);
  size_t nc = 0;
  for (size_t i = 0; i < total;) {
    size_t j = i + 1;
    while (j < total && c[j].a.value == c[i].a.value &&
           strcmp(c[j].a.currency, c[i].a.currency) == 0)
      j++;
    c[nc] = c[i];
    c[nc++].count = j - i;
    i = j;
  }
  sort_few(c, nc, sizeof *c, cmp_amount_cand);
  fact_amount *out = arena_alloc(mem, nc * sizeof *out);
  for (size_t i = 0; i < nc; i++) out[i] = c[i].a;
  ev->amounts = out;
  ev->namounts = (uint32_t)nc;
  if (c != few) free(c);
}

typedef struct event_draft {
  fg_event *e;   /* the event (event_at), once built */
  const event_prep *first; /* the first report, whose key the id is made of; gone once the
                            * event is built (its memory then holds events) */
  uint64_t hash;            /* of the key: the 48 bits the id spells in hex */
  uint64_t order;           /* cmp_event_order's key up to the id (set_order_key) */
} event_draft;

typedef struct role_vote {
  size_t entity;
  size_t as_actor, as_target;
} role_vote;

static int cmp_role_vote(const void *a, const void *b) {
  size_t x = ((const role_vote *)a)->entity, y = ((const role_vote *)b)->entity;
  return x < y ? -1 : x > y;
}

typedef struct place_vote {
  long place;
  uint32_t doc;
} place_vote;

static int cmp_place_vote(const void *a, const void *b) {
  const place_vote *x = a, *y = b;
  if (x->place != y->place) return x->place < y->place ? -1 : 1;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static bool has_id(const size_t *ids, size_t n, size_t x) {
  return n && bsearch(&x, ids, n, sizeof *ids, cmp_size) != NULL;
}

/* Is the entity of vote V an actor: more reports make it one than a target (a tie: as the
 * first report, FIRST, has it, else an actor)? */
static bool acts(const role_vote *v, const event_prep *first) {
  return v->as_actor > v->as_target ||
         (v->as_actor == v->as_target &&
          !has_id(first->view.targets, first->view.ntargets, v->entity));
}

/* Every entity any report names takes part, as an actor or a target (acts). */
static void merge_participants(const factgraph *g, arena *mem, fg_event *ev,
                               const event_prep *const *m, size_t n) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += m[i]->view.nactors + m[i]->view.ntargets;
  /* (most events are one report with a participant or two: no allocation, no qsort) */
  role_vote few[16];
  role_vote *v = total <= 16 ? few : xmalloc(total * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const fg_event_view *w = &m[i]->view;
    for (size_t a = 0; a < w->nactors; a++) v[k++] = (role_vote){w->actors[a], 1, 0};
    for (size_t t = 0; t < w->ntargets; t++) v[k++] = (role_vote){w->targets[t], 0, 1};
  }
  sort_few(v, total, sizeof *v, cmp_role_vote);
  size_t u = 0;
  for (size_t i = 0; i < total; i++) {
    if (u && v[u - 1].entity == v[i].entity) {
      v[u - 1].as_actor += v[i].as_actor;
      v[u - 1].as_target += v[i].as_target;
    } else {
      v[u++] = v[i];
    }
  }
  /* (the actors, then the targets, in one array of U) */
  size_t na = 0, nt = 0;
  for (size_t i = 0; i < u; i++) na += acts(&v[i], m[0]);
  size_t *actors = arena_take(mem, (u ? u : 1) * sizeof *actors), *targets = actors + na;
  for (size_t i = 0, a = 0; i < u; i++) {
    if (acts(&v[i], m[0])) actors[a++] = v[i].entity;
    else targets[nt++] = v[i].entity;
  }
  if (v != few) free(v);
  ev->actors = actors;
  ev->nactors = (uint32_t)na;
  ev->targets = targets;
  ev->ntargets = (uint32_t)nt;

  /* The place most articles give; on a tie a place with a government ("Moscow" reads better
   * in a headline than "Kremlin"), then the smaller index. */
  ev->place = -1;
  place_vote few_places[16];
  place_vote *pv = n <= 16 ? few_places : xmalloc(n * sizeof *pv);
  size_t npv = 0;
  for (size_t i = 0; i < n; i++)
    if (m[i]->view.place >= 0) pv[npv++] = (place_vote){m[i]->view.place, m[i]->mention.doc};
  sort_few(pv, npv, sizeof *pv, cmp_place_vote);
  size_t best_count = 0;
  for (size_t i = 0; i < npv;) {
    size_t j = i, count = 0;
    for (; j < npv && pv[j].place == pv[i].place; j++)
      if (j == i || pv[j].doc != pv[j - 1].doc) count++;
    long p = pv[i].place;
    bool better = ev->place < 0 || count > best_count;
    if (!better && count == best_count) {
      bool gp = g->entities[p].type == ENTITY_GPE, gb = g->entities[ev->place].type == ENTITY_GPE;
      better = gp && !gb;
    }
    if (better) {
      ev->place = p;
      best_count = count;
    }
    i = j;
  }
  if (pv != few_places) free(pv);
}

/* Builds the event of reports M[0..N) into D, allocating from MEM (the graph's arena, or one
 * of a thread's that joins it); the headline is made in SCRATCH, the caller's. */
static void build_event(const factgraph *g, arena *mem, strbuf *scratch, event_draft *d,
                        const event_prep *const *m, size_t n) {
  fg_event *ev = d->e;
  const event_prep *first = m[0];
  ev->type = first->view.type;
  merge_participants(g, mem, ev, m, n);
  ev->negated = first->view.negated;
  ev->hypothetical = first->view.hypothetical;

  merge_dates(mem, ev, m, n);
  merge_amounts(mem, ev, m, n);

  /* Several independent reports: the chance that all of them are wrong is the product of
   * their error chances (an optimistic independence assumption, hence the cap). */
  double wrong = 1.0;
  size_t best = 0;
  bool all_indirect = true;
  for (size_t i = 0; i < n; i++) {
    wrong *= 1.0 - m[i]->confidence;
    if (m[i]->confidence > m[best]->confidence) best = i;
    if (m[i]->quote && !m[i]->quote_indirect) all_indirect = false;
  }
  ev->confidence = 1.0 - wrong;
  if (ev->confidence > FG_CONFIDENCE_CAP) ev->confidence = FG_CONFIDENCE_CAP;
  ev->evidence = m[best]->mention.text;
  /* A say shows its fullest words: a direct quote over reported speech, then the longest
   * (a fragment joins the quote it is part of); another type keeps the best report's words. */
  ev->quote = m[best]->quote;
  if (is_say(ev->type)) {
    size_t q = best; /* the report whose words ev->quote holds (equal words share a pointer) */
    size_t lb = ev->quote ? strlen(ev->quote) : 0;
    for (size_t i = 0; i < n; i++) {
      const event_prep *r = m[i];
      if (!r->quote) continue;
      if (r->quote == ev->quote) { /* the same words: only the direct report of them wins */
        if (!r->quote_indirect && m[q]->quote_indirect) q = i;
        continue;
      }
      if (!ev->quote) {
        ev->quote = r->quote;
        lb = strlen(ev->quote);
        q = i;
        continue;
      }
      bool di = !r->quote_indirect, db = !m[q]->quote_indirect;
      size_t li = strlen(r->quote);
      if (di != db ? di : li != lb ? li > lb : strcmp(r->quote, ev->quote) < 0) {
        ev->quote = r->quote;
        lb = li;
        q = i;
      }
    }
  }
  if (!ev->quote)
    for (size_t i = 0; i < n && !ev->quote; i++) ev->quote = m[i]->quote;
  ev->quote_indirect = ev->quote && all_indirect;

  size_t all = 0; /* with the copies' (who credit the event but add no confidence) */
  for (size_t i = 0; i < n; i++) all += with_copies(g, &m[i]->mention, 1);
  fact_mention *mentions = arena_take(mem, all * sizeof *mentions);
  for (size_t i = 0; i < n; i++) mentions[i] = m[i]->mention;
  add_copy_mentions(g, mentions, n);
  /* (the counts are 32 bits: more mentions than that, 96 GB of them, would not fit) */
  ev->nmentions = (uint32_t)sort_mentions(g, mentions, all);
  ev->mentions = mentions;
  size_t ndocs;
  ev->docs = mention_docs(mem, mentions, ev->nmentions, &ndocs);
  ev->ndocs = (uint32_t)ndocs;

  char id[32];
  uint64_t h = d->hash; /* (id_suffixes) */
  static const char hex[] = "0123456789abcdef"; /* "ev_%012" PRIx64, without printf */
  memcpy(id, "ev_", 3);
  for (int i = 0; i < 12; i++) id[3 + i] = hex[(h >> (44 - 4 * i)) & 15];
  id[15] = '\0';
  ev->id = arena_strndup(mem, id, 15);

  const char *few_names[16];
  size_t nnames = ev->nactors + ev->ntargets;
  const char **names = nnames <= 16 ? few_names : xmalloc(nnames * sizeof *names);
  for (size_t i = 0; i < ev->nactors; i++) names[i] = g->entities[ev->actors[i]].label;
  for (size_t i = 0; i < ev->ntargets; i++)
    names[ev->nactors + i] = g->entities[ev->targets[i]].label;
  const char *place = NULL;
  if (ev->place >= 0) {
    bool participant = false;
    for (size_t i = 0; i < ev->nactors; i++)
      if (ev->actors[i] == (size_t)ev->place) participant = true;
    for (size_t i = 0; i < ev->ntargets; i++)
      if (ev->targets[i] == (size_t)ev->place) participant = true;
    /* "A visited B in B" says nothing more than "A visited B". */
    if (!participant) place = g->entities[ev->place].label;
  }
  strbuf_reset(scratch);
  fg_headline(scratch, ev->type, names, ev->nactors, names + ev->nactors, ev->ntargets, place,
              ev->negated, ev->hypothetical);
  ev->headline = arena_strndup(mem, scratch->data ? scratch->data : "", scratch->len);
  if (names != few_names) free(names);
}

/* Two drafts through pointers, by id (ids of one length in hex: the order of their hashes),
 * then key, then cluster. */
static int cmp_draft_event_id(const void *a, const void *b) {
  const event_draft *x = *(const event_draft *const *)a, *y = *(const event_draft *const *)b;
  if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
  int c = key_cmp(sort_graph, x->first, y->first);
  if (c) return c;
  return x < y ? -1 : x > y; /* cluster order (the drafts are in it) */
}

/* An event whose id takes a suffix: its cluster and the number. */
typedef struct id_suffix {
  size_t cluster, k;
} id_suffix;

/* Ids are 48 bits of a hash; should two keys ever share one, the later key in byte order
 * gets a suffix. Sets each draft's HASH (of its FIRST report's key) and returns the drafts
 * that take a suffix (*N of them: nearly always none), for add_id_suffixes once the events
 * are built. The drafts whose hash another has too are found through a table of the hashes,
 * and only they are put in that order. */
static id_suffix *id_suffixes(const factgraph *g, event_draft *d, size_t nd, size_t *n) {
  for (size_t i = 0; i < nd; i++) d[i].hash = key_hash(g, d[i].first) & 0xffffffffffffULL;
  size_t cap = 16;
  while (cap < 2 * nd) cap *= 2;
  size_t *slot = xcalloc_written(cap, sizeof *slot); /* the first draft with a hash, + 1 */
  bool *shared = xcalloc(nd ? nd : 1, sizeof *shared);
  size_t nshared = 0;
  /* (the table is larger than the caches: each draft's slot is asked for a few drafts ahead) */
  enum { AHEAD = 8 };
  for (size_t i = 0; i < nd; i++) {
    if (i + AHEAD < nd)
      __builtin_prefetch(&slot[(size_t)(d[i + AHEAD].hash * 0x9E3779B97F4A7C15ULL >> 32) & (cap - 1)]);
    uint64_t h = d[i].hash * 0x9E3779B97F4A7C15ULL;
    size_t k = (size_t)(h >> 32) & (cap - 1);
    while (slot[k] && d[slot[k] - 1].hash != d[i].hash) k = (k + 1) & (cap - 1);
    if (!slot[k]) {
      slot[k] = i + 1;
      continue;
    }
    nshared += !shared[slot[k] - 1] + 1;
    shared[slot[k] - 1] = shared[i] = true;
  }
  free(slot);
  event_draft **s = xmalloc((nshared ? nshared : 1) * sizeof *s);
  size_t m = 0;
  for (size_t i = 0; i < nd; i++)
    if (shared[i]) s[m++] = &d[i];
  free(shared);
  sort_graph = g;
  qsort(s, m, sizeof *s, cmp_draft_event_id);
  sort_graph = NULL;
  id_suffix *out = xmalloc((m ? m : 1) * sizeof *out);
  *n = 0;
  for (size_t i = 1, k = 2; i < m; i++) {
    if (s[i]->hash != s[i - 1]->hash) { /* the same hash, the same 15-character id */
      k = 2;
      continue;
    }
    out[(*n)++] = (id_suffix){(size_t)(s[i] - d), k++};
  }
  free(s);
  return out;
}

static void add_id_suffixes(factgraph *g, const id_suffix *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    fg_event *ev = event_at(g, x[i].cluster);
    char id[48];
    snprintf(id, sizeof id, "%.15s_%zu", ev->id, x[i].k);
    ev->id = arena_strndup(&g->mem, id, strlen(id));
  }
}

/* Oldest first, coarser dates before finer ones of the same period, undated last; then by
 * type and id. */
static int cmp_event_order(const void *a, const void *b) {
  const fg_event *x = ((const event_draft *)a)->e, *y = ((const event_draft *)b)->e;
  bool dx = x->date.precision != PRECISION_UNKNOWN, dy = y->date.precision != PRECISION_UNKNOWN;
  if (dx != dy) return dx ? -1 : 1;
  int c = cmp_date_value(&x->date, &y->date);
  if (c) return c;
  if ((c = strcmp(x->type, y->type))) return c;
  return strcmp(x->id, y->id);
}

/* The same order from the drafts alone, which sorting hundreds of thousands of events reads
 * far faster than the events: the ORDER keys, then the ids' hex digits (the hash), then the
 * ids themselves (only a suffixed id shares its hash). */
static int cmp_event_order_key(const void *a, const void *b) {
  const event_draft *x = a, *y = b;
  if (x->order != y->order) return x->order < y->order ? -1 : 1;
  if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
  return strcmp(x->e->id, y->e->id);
}

/* The number sort_by_key sorts the drafts by: ORDER (41 bits), then the top 23 bits of the
 * hash (48 bits), so that only events of one date and type whose ids begin alike are left to
 * cmp_event_order_key (a day's events of one type are hundreds). */
static uint64_t draft_order(const void *d) {
  const event_draft *x = d;
  return x->order << 23 | (x->hash & (((uint64_t)1 << 48) - 1)) >> 25;
}

/* Puts N elements of SIZE bytes in a new order where they are, following each cycle of the
 * permutation rather than copying them all: element K becomes the one at FROM[K] (FROM is
 * used up). AT(CTX, I) is where element I lies (the graph's arrays lie in pieces). */
static void permute_in_place(uint32_t *from, size_t n, size_t size, void *(*at)(void *, size_t),
                             void *ctx) {
  char *first = xmalloc(size);
  for (size_t k = 0; k < n; k++) {
    if (from[k] == k || from[k] == UINT32_MAX) continue;
    memcpy(first, at(ctx, k), size);
    size_t i = k;
    while (from[i] != k) {
      size_t next = from[i];
      memcpy(at(ctx, i), at(ctx, next), size);
      from[i] = UINT32_MAX;
      i = next;
    }
    memcpy(at(ctx, i), first, size);
    from[i] = UINT32_MAX;
  }
  free(first);
}

/* The drafts for event_order's comparisons. */
static const event_draft *order_drafts;
static int cmp_item_event_order(const void *a, const void *b) {
  return cmp_event_order_key(&order_drafts[((const sort_item *)a)->value],
                             &order_drafts[((const sort_item *)b)->value]);
}
static int cmp_index_event_order(const void *a, const void *b) {
  return cmp_event_order(&order_drafts[*(const size_t *)a], &order_drafts[*(const size_t *)b]);
}

/* The order of the events (cmp_event_order): the drafts' indexes in that order, in an array
 * the caller frees; the drafts stay where they are. With every ORDER key set (KEYS_FIT), the
 * keys (draft_order) are sorted with the indexes, and only runs of equal keys compared. (ND
 * is below 2^32: there are fewer reports.) */
static uint32_t *event_order(const event_draft *d, size_t nd, bool keys_fit) {
  uint32_t *order = xmalloc((nd ? nd : 1) * sizeof *order);
  order_drafts = d;
  if (!keys_fit) {
    size_t *index = xmalloc((nd ? nd : 1) * sizeof *index);
    for (size_t i = 0; i < nd; i++) index[i] = i;
    if (nd > 1) qsort(index, nd, sizeof *index, cmp_index_event_order);
    for (size_t i = 0; i < nd; i++) order[i] = (uint32_t)index[i];
    free(index);
    order_drafts = NULL;
    return order;
  }
  sort_item *by = xmalloc((nd ? nd : 1) * sizeof *by);
  for (size_t i = 0; i < nd; i++) by[i] = (sort_item){draft_order(&d[i]), i};
  sort_keyed(by, nd);
  for (size_t i = 0, j; i < nd; i = j) {
    for (j = i + 1; j < nd && by[j].key == by[i].key;) j++;
    if (j - i > 1) sort_few(by + i, j - i, sizeof *by, cmp_item_event_order);
  }
  order_drafts = NULL;
  for (size_t i = 0; i < nd; i++) order[i] = (uint32_t)by[i].value;
  free(by);
  return order;
}

/* Sets the draft's ORDER: undated, year, month, day and RANK, its type's rank, packed so
 * that comparing keys compares them in that order. False, leaving the key unused, where a
 * value does not fit (a year outside 0-65535, more than 255 types). */
static bool set_order_key(const factgraph *g, event_draft *d, size_t rank) {
  const fact_date *t = &d->e->date;
  d->order = (uint64_t)(t->precision == PRECISION_UNKNOWN) << 40 | (uint64_t)t->year << 24 |
             (uint64_t)t->month << 16 | (uint64_t)t->day << 8 | rank;
  return g->ntypes <= 255 && rank < g->ntypes && t->year >= 0 && t->year <= 65535 &&
         t->month >= 0 && t->month <= 15 && t->day >= 0 && t->day <= 31;
}

/* One thread's share of the events' preparation: the reports it takes (run_both_chunked) get
 * their participants as merged entities (allocated from MEM) and their view. */
typedef struct prep_share {
  const factgraph *g;
  const fg_event_record *records; /* (mapped from the graph's RECORDS) */
  const size_t *rec_entity;
  event_prep **p; /* the preparations, in pieces of PREP_PIECE */
  prep_order *keyed; /* each report's place in the sort (prep_order_of) */
  arena mem;
} prep_share;

/* Reports a thread takes at a time. */
enum { PREP_CHUNK = 1024 };
/* The preparations lie in pieces of this many: a run's reports are many, and a single array
 * would be mapped afresh, while a piece just under an arena block (ARENA_BLOCK_SIZE, 64 KB,
 * with room for the headers) fits where a block of the entity records' arena was freed. */
enum { PREP_PIECE = (64 * 1024 - 64) / sizeof(event_prep) };

/* Preparation I of the pieces P (permute_in_place). */
static void *prep_at(void *p, size_t i) {
  return &((event_prep **)p)[i / PREP_PIECE][i % PREP_PIECE];
}

static void prep_range(void *arg, size_t lo, size_t hi) {
  prep_share *sh = arg;
  const factgraph *g = sh->g;
  for (size_t i = lo; i < hi; i++) {
    const fg_event_record *r = &sh->records[i];
    event_prep *p = &sh->p[i / PREP_PIECE][i % PREP_PIECE];
    p->order = (uint32_t)i;
    p->mention = (fact_mention){r->doc, r->start, r->end, g->sentences.map + r->sentence};
    p->quote = r->quote;
    p->amounts = r->amounts;
    p->namounts = r->namounts;
    p->confidence = r->confidence;
    p->quote_indirect = r->quote_indirect;
    p->type_rank = (uint8_t)type_rank(g, r->type);
    size_t na, nt;
    size_t *actors = map_participants(&sh->mem, sh->rec_entity, r->actors, r->nactors, &na);
    size_t *targets = map_participants(&sh->mem, sh->rec_entity, r->targets, r->ntargets, &nt);
    /* An entity is actor or target, not both ("A called A and B" is "A called B"). */
    size_t k = 0;
    for (size_t t = 0; t < nt; t++)
      if (!bsearch(&targets[t], actors, na, sizeof *actors, cmp_size)) targets[k++] = targets[t];
    long place = r->place >= 0 ? (long)sh->rec_entity[r->place] : -1;
    p->view = (fg_event_view){
        .type = r->type,
        .negated = r->negated,
        .hypothetical = r->hypothetical,
        .date = r->date,
        .actors = actors,
        .nactors = (uint32_t)na,
        .targets = targets,
        .ntargets = (uint32_t)k,
        .place = place,
        .place_type = place >= 0 ? g->entities[place].type : ENTITY_OTHER,
        .quote = is_say(r->type) ? r->quote : NULL,
        .doc = (uint32_t)g->doc_rank[r->doc],
    };
    fact_date_format(&r->date, p->date);
    sh->keyed[i] = prep_order_of(g, p);
  }
  /* (read once: their pages leave the process's memory as they are read, not all at the end) */
  fg_spill_forget(&g->records, lo * sizeof *sh->records, hi * sizeof *sh->records);
}

/* One thread's share of the events' building: the clusters it takes (run_both_chunked),
 * whose reports are MEMBERS[START[c] .. START[c + 1]), become EVS[c] with DRAFTS[c],
 * allocated from MEM. */
typedef struct build_share {
  const factgraph *g;
  const event_prep *const *members;
  const size_t *start;
  fg_event **event_pieces; /* where the events go: piece K made by the thread building it */
  event_draft *drafts;
  /* the preparations (in pieces of PREP_PIECE), in cluster order, and how many of each piece
   * are still to be built from: the thread that builds from the last frees the piece */
  event_prep **preps;
  atomic_size_t *left;
  arena mem;
  strbuf scratch; /* where build_event makes headlines */
  bool keys_fit;  /* every draft it made has its ORDER (set_order_key) */
} build_share;

/* Clusters a thread takes at a time: a piece of events. */
enum { BUILD_CHUNK = EVENT_PIECE };

/* The preparations [LO, HI) have served: the pieces that no other cluster needs go. */
static void preps_served(build_share *sh, size_t lo, size_t hi) {
  for (size_t k = lo / PREP_PIECE; lo < hi; k++) {
    size_t end = (k + 1) * PREP_PIECE < hi ? (k + 1) * PREP_PIECE : hi;
    if (atomic_fetch_sub(&sh->left[k], end - lo) == end - lo) {
      free(sh->preps[k]);
      sh->preps[k] = NULL; /* (no other thread reads it: none of it is left to build) */
    }
    lo = end;
  }
}

static void build_range(void *arg, size_t lo, size_t hi) {
  build_share *sh = arg;
  fg_event *events = sh->event_pieces[lo / EVENT_PIECE] =
      xcalloc(EVENT_PIECE, sizeof *events); /* (the chunk is that piece) */
  /* The reports come in cluster order; their participants lie anywhere in the arenas: those
   * the next clusters read are fetched while this one is built. */
  enum { AHEAD = 4 };
  for (size_t c = lo; c < hi; c++) {
    if (c + AHEAD < hi)
      for (size_t k = sh->start[c + AHEAD]; k < sh->start[c + AHEAD + 1]; k++) {
        const event_prep *p = sh->members[k];
        /* (the participants, which merge_participants reads first) */
        if (p->view.nactors) __builtin_prefetch(p->view.actors);
        if (p->view.ntargets) __builtin_prefetch(p->view.targets);
      }
    sh->drafts[c].e = &events[c - lo];
    build_event(sh->g, &sh->mem, &sh->scratch, &sh->drafts[c], sh->members + sh->start[c],
                sh->start[c + 1] - sh->start[c]);
    /* (the event's type is its first report's) */
    if (!set_order_key(sh->g, &sh->drafts[c], sh->members[sh->start[c]]->type_rank))
      sh->keys_fit = false;
    sh->drafts[c].first = NULL;
  }
  preps_served(sh, sh->start[lo], sh->start[hi]);
}

/* order_event_texts: one use of a sentence by the events (a mention's text, or an evidence
 * that is none of its event's mentions' texts): where the text is in SENTENCES, and the use's
 * number K, counted in event order. */
typedef struct text_use {
  uint64_t at, k;
} text_use;

static uint64_t text_use_at(const void *u) { return ((const text_use *)u)->at; }

/* A sentence the events use: in SENTENCES at AT, and in EVENT_TEXTS at TO. */
typedef struct used_text {
  uint64_t at, to;
} used_text;

/* The length of the text at AT in SENTENCES, through *C, the index in SENTENCE_AT of a text at
 * or before it (it only moves on: the texts are asked for in the order of SENTENCES). */
static size_t sentence_length(const factgraph *g, uint64_t at, size_t *c) {
  while (g->sentence_at[*c] < at) ++*c; /* (each is a text that was added) */
  return (size_t)(g->sentence_at[*c + 1] - at - 1);
}

/* The index in EV's mentions of the mention that mention J copies: the same span and text in
 * the article that J's article is a copy of (add_copy_mentions); SIZE_MAX if J's article is
 * no copy, or that mention is not there. (The mentions are in cmp_mention_in order.) */
static size_t copied_mention(const factgraph *g, const fg_event *ev, size_t j) {
  const fact_mention *m = ev->mentions, *c = &m[j];
  if (!g->copy_start || g->docs[c->doc].copy_of == UINT32_MAX) return SIZE_MAX;
  uint32_t orig = g->docs[c->doc].copy_of;
  fact_mention key = {.doc = orig, .start = c->start, .end = c->end, .text = c->text};
  size_t lo = 0, hi = ev->nmentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cmp_mention_in(g, &m[mid], &key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < ev->nmentions && m[lo].doc == orig && m[lo].start == c->start &&
                 m[lo].end == c->end && m[lo].text == c->text
             ? lo
             : SIZE_MAX;
}

/* How many of EV's mentions' texts are their own: all but those of copies (copied_mention),
 * which are the texts of the mentions they copy. */
static size_t own_text_uses(const factgraph *g, const fg_event *ev) {
  size_t n = ev->nmentions;
  if (g->copy_start)
    for (size_t j = 0; j < ev->nmentions; j++) n -= copied_mention(g, ev, j) != SIZE_MAX;
  return n;
}

/* The sentences again, in EVENT_TEXTS, in windows of about a TEXT_WINDOWS-th of the whole
 * (1 MB at least): each in the window of the first event that uses it, the windows in event
 * order. The writers go through the events in their order and so read that file a window at a
 * time, letting go of the windows behind them (factgraph_text_reader_at); in the order the
 * reports came, each event's texts would lie all over the file, and reading them would map
 * every page of it. Which window each text goes to is found from the uses sorted, without
 * reading a text; then SENTENCES is read once from front to back (and let go of every
 * SENTENCES_HELD bytes), each text put after the texts before it of its window (so a window
 * holds its texts in the order of SENTENCES). The mentions and evidence then point there, and
 * SENTENCES goes. */
enum { SENTENCES_HELD = 4 << 20, TEXT_WINDOWS = 64, WINDOW_BUFFER = 128 << 10 };
/* (TEXT_OF marks a text's first use with this bit) */
#define FIRST_USE ((size_t)1 << (sizeof(size_t) * CHAR_BIT - 1))
static void order_event_texts(factgraph *g) {
  const char *base = g->sentences.map;
  size_t nev = g->nevents, nu = 0;
  /* the use an event's evidence is: one of its mentions (J), or one more use after them (the
   * evidence is a report's sentence, but sorting the mentions may have kept another report's
   * copy of the same span and words), or none */
  enum { EVIDENCE_APART = UINT32_MAX - 1, EVIDENCE_NONE = UINT32_MAX };
  uint32_t *evidence_j = xmalloc((nev ? nev : 1) * sizeof *evidence_j);
  for (size_t i = 0; i < nev; i++) {
    const fg_event *ev = event_at(g, i);
    size_t j = 0;
    while (j < ev->nmentions && j < EVIDENCE_APART && ev->mentions[j].text != ev->evidence) j++;
    evidence_j[i] = !ev->evidence                            ? EVIDENCE_NONE
                    : j < ev->nmentions && j < EVIDENCE_APART ? (uint32_t)j
                                                              : EVIDENCE_APART;
    nu += own_text_uses(g, ev) + (evidence_j[i] == EVIDENCE_APART);
  }
  text_use *u = xmalloc((nu ? nu : 1) * sizeof *u);
  for (size_t i = 0, k = 0; i < nev; i++) {
    const fg_event *ev = event_at(g, i);
    for (size_t j = 0; j < ev->nmentions; j++)
      if (copied_mention(g, ev, j) == SIZE_MAX) {
        u[k] = (text_use){(uint64_t)(ev->mentions[j].text - base), k};
        k++;
      }
    if (evidence_j[i] == EVIDENCE_APART) {
      u[k] = (text_use){(uint64_t)(ev->evidence - base), k};
      k++;
    }
  }
  sort_stable_by_key(u, nu, sizeof *u, text_use_at); /* (and by K where AT is equal) */

  /* The texts used, in the order of SENTENCES (TO their length for now), and which one each
   * use is. */
  size_t nt = 0;
  for (size_t i = 0; i < nu; i++) nt += !i || u[i].at != u[i - 1].at;
  used_text *t = xmalloc((nt ? nt : 1) * sizeof *t);
  size_t *text_of = xmalloc((nu ? nu : 1) * sizeof *text_of);
  nt = 0;
  for (size_t i = 0, c = 0; i < nu; i++) {
    bool first = !nt || t[nt - 1].at != u[i].at;
    if (first) {
      t[nt] = (used_text){u[i].at, sentence_length(g, u[i].at, &c)};
      nt++;
    }
    text_of[u[i].k] = (nt - 1) | (first ? FIRST_USE : 0);
  }
  free(u);

  /* Which window of EVENT_TEXTS each goes to: windows of about W bytes, filled in the order
   * of first uses, the events' order (TO the window for now). EVENT_WINDOW[i]: the window of
   * event I's first text of its own (or the window before, if it has none). */
  uint64_t whole = 0;
  for (size_t x = 0; x < nt; x++) whole += t[x].to + 1;
  uint64_t w = whole / TEXT_WINDOWS;
  w = w < (1 << 20) ? (1 << 20) : w;
  uint64_t *window_start = NULL; /* (then, once counted, where each begins) */
  size_t nwindows = 0, capwindows = 0;
  g->event_window = xmalloc((nev ? nev : 1) * sizeof *g->event_window);
  for (size_t i = 0, k = 0; i < nev; i++) {
    size_t uses = own_text_uses(g, event_at(g, i)) + (evidence_j[i] == EVIDENCE_APART);
    for (size_t end = k + uses; k < end; k++) {
      if (!(text_of[k] & FIRST_USE)) continue;
      used_text *x = &t[text_of[k] & ~FIRST_USE];
      if (!nwindows || (window_start[nwindows - 1] && window_start[nwindows - 1] + x->to + 1 > w)) {
        VEC_RESERVE(window_start, nwindows, capwindows);
        window_start[nwindows++] = 0;
      }
      window_start[nwindows - 1] += x->to + 1;
      x->to = nwindows - 1;
    }
    g->event_window[i] = (uint32_t)(nwindows ? nwindows - 1 : 0);
  }
  VEC_RESERVE(window_start, nwindows, capwindows); /* (and the end) */
  uint64_t size = 0;
  for (size_t v = 0; v < nwindows; v++) {
    uint64_t bytes = window_start[v];
    window_start[v] = size;
    size += bytes;
  }
  window_start[nwindows] = size;
  g->window_start = window_start;
  g->nwindows = nwindows;

  /* One pass over SENTENCES from front to back (let go of every SENTENCES_HELD bytes): each
   * text goes to its window's buffer, where it follows the window's texts before it in that
   * order, and a full buffer is written out. */
  fg_spill_make(&g->event_texts, size);
  char **buf = xmalloc((nwindows ? nwindows : 1) * sizeof *buf);
  uint64_t *filled = xcalloc(nwindows ? nwindows : 1, sizeof *filled); /* of each window */
  size_t *nbuf = xcalloc(nwindows ? nwindows : 1, sizeof *nbuf);
  for (size_t v = 0; v < nwindows; v++) buf[v] = xmalloc(WINDOW_BUFFER);
  uint64_t held = 0; /* SENTENCES from here on may be in memory */
  for (size_t x = 0, c = 0; x < nt; x++) {
    size_t v = (size_t)t[x].to;
    const char *from = base + t[x].at;
    size_t left = sentence_length(g, t[x].at, &c) + 1;
    t[x].to = window_start[v] + filled[v] + nbuf[v];
    while (left) { /* (a text longer than the buffer goes through it a piece at a time) */
      size_t n = left < WINDOW_BUFFER - nbuf[v] ? left : WINDOW_BUFFER - nbuf[v];
      memcpy(buf[v] + nbuf[v], from, n);
      nbuf[v] += n, from += n, left -= n;
      if (nbuf[v] == WINDOW_BUFFER) {
        fg_spill_put(&g->event_texts, window_start[v] + filled[v], buf[v], nbuf[v]);
        filled[v] += nbuf[v];
        nbuf[v] = 0;
      }
    }
    if (t[x].at - held >= SENTENCES_HELD) {
      fg_spill_forget(&g->sentences, held, t[x].at);
      held = t[x].at;
    }
  }
  for (size_t v = 0; v < nwindows; v++) {
    fg_spill_put(&g->event_texts, window_start[v] + filled[v], buf[v], nbuf[v]);
    free(buf[v]);
  }
  free(buf);
  free(filled);
  free(nbuf);

  const char *to = fg_spill_map(&g->event_texts);
  size_t *copied = NULL, capcopied = 0; /* an event's copied_mention, each mention's */
  for (size_t i = 0, k = 0; i < nev; i++) {
    fg_event *ev = event_at(g, i);
    fact_mention *m = (fact_mention *)ev->mentions; /* (the graph's own) */
    if (g->copy_start) { /* (before any of the event's texts moves) */
      if (ev->nmentions > capcopied) {
        capcopied = ev->nmentions;
        copied = xrealloc(copied, capcopied * sizeof *copied);
      }
      for (size_t j = 0; j < ev->nmentions; j++) copied[j] = copied_mention(g, ev, j);
    }
    for (size_t j = 0; j < ev->nmentions; j++)
      if (!g->copy_start || copied[j] == SIZE_MAX) m[j].text = to + t[text_of[k++] & ~FIRST_USE].to;
    if (g->copy_start)
      for (size_t j = 0; j < ev->nmentions; j++)
        if (copied[j] != SIZE_MAX) m[j].text = m[copied[j]].text;
    if (evidence_j[i] == EVIDENCE_APART) ev->evidence = to + t[text_of[k++] & ~FIRST_USE].to;
    else if (evidence_j[i] != EVIDENCE_NONE) ev->evidence = m[evidence_j[i]].text;
  }
  free(copied);
  free(text_of);
  free(evidence_j);
  free(t);
  fg_spill_release(&g->sentences);
  free(g->sentence_at);
  g->sentence_at = NULL;
}

static void finish_events(factgraph *g, const size_t *rec_entity) {
  size_t n = g->nevrecs;
  bool two = g->jobs > 1;
  /* (the reports' mentions point there until order_event_texts) */
  VEC_RESERVE(g->sentence_at, g->nsentences, g->capsentences);
  g->sentence_at[g->nsentences] = g->sentences.size; /* (the end of the last) */
  fg_spill_map(&g->sentences);
  /* the types in byte order, so that comparing ranks compares names (type_rank) */
  if (g->ntypes > 1) qsort(g->types, g->ntypes, sizeof *g->types, cmp_str_ptr);
  size_t npieces = (n + PREP_PIECE - 1) / PREP_PIECE;
  event_prep **p = xmalloc((npieces ? npieces : 1) * sizeof *p);
  for (size_t k = 0; k < npieces; k++) p[k] = xmalloc(PREP_PIECE * sizeof **p);
  /* the reports' participants and keys, in one arena per share, released at the end */
  /* (the reports are large and many: sorted as pointers, each with the start of its key,
   * first by the heads in linear time, then each run of equal heads, mostly a few) */
  prep_order *keyed = xmalloc((n ? n : 1) * sizeof *keyed);
  const fg_event_record *records = (const fg_event_record *)(const void *)fg_spill_map(&g->records);
  prep_share prep[2] = {{g, records, rec_entity, p, keyed, {0}},
                        {g, records, rec_entity, p, keyed, {0}}};
  for (size_t k = 0; k < 2; k++) arena_init(&prep[k].mem);
  run_both_chunked(two && n >= 2 * PREP_CHUNK, prep_range, &prep[0], &prep[1], n, PREP_CHUNK);
  /* The records have served: the preparations hold what the events need of them (their
   * arrays and texts are in the arena), and their file goes. */
  fg_spill_release(&g->records);
  g->nevrecs = 0;
  sort_by_key(keyed, n, sizeof *keyed, prep_head, cmp_prep_order, g->jobs, set_sort_graph, g);
  sort_graph = NULL;
  const event_prep **sorted = xmalloc((n ? n : 1) * sizeof *sorted);
  for (size_t i = 0; i < n; i++) sorted[i] = keyed[i].p;
  free(keyed);

  const fg_event_view **views = xmalloc((n ? n : 1) * sizeof *views);
  for (size_t i = 0; i < n; i++) views[i] = &sorted[i]->view;
  size_t *cluster_of = xmalloc((n ? n : 1) * sizeof *cluster_of), nd = 0;
  fg_merge_events(views, n, g->jobs, cluster_of, &nd);
  free(views);
  /* Members of each cluster in view order (counting sort). */
  size_t *start = xcalloc(nd + 1, sizeof *start);
  for (size_t i = 0; i < n; i++) start[cluster_of[i] + 1]++;
  for (size_t c = 0; c < nd; c++) start[c + 1] += start[c];
  size_t *fill = xmalloc((nd ? nd : 1) * sizeof *fill);
  memcpy(fill, start, (nd ? nd : 1) * sizeof *fill);
  const event_prep **members = xmalloc((n ? n : 1) * sizeof *members);
  for (size_t i = 0; i < n; i++) members[fill[cluster_of[i]]++] = sorted[i];
  free(fill);
  free(cluster_of);
  free(sorted);
  /* The preparations are put in that order where they are (following each cycle of the
   * permutation), so that a cluster's lie together and the events, built in cluster order,
   * free them piece by piece as they go: the events take the pieces the preparations give back,
   * and the memory they share is never held twice. */
  uint32_t *from = xmalloc((n ? n : 1) * sizeof *from); /* (n < UINT32_MAX: add_event) */
  for (size_t k = 0; k < n; k++) from[k] = members[k]->order;
  permute_in_place(from, n, sizeof **p, prep_at, p);
  free(from);
  for (size_t k = 0; k < n; k++) members[k] = &p[k / PREP_PIECE][k % PREP_PIECE];
  /* The drafts carry what ordering the events needs; their ids are settled while the
   * reports they are made of are there. */
  event_draft *d = xcalloc(nd ? nd : 1, sizeof *d);
  for (size_t c = 0; c < nd; c++) d[c].first = members[start[c]];
  size_t nsuffixes;
  id_suffix *suffixes = id_suffixes(g, d, nd, &nsuffixes);
  atomic_size_t *left = xmalloc((npieces ? npieces : 1) * sizeof *left);
  for (size_t k = 0; k < npieces; k++)
    atomic_init(&left[k], k + 1 < npieces ? (size_t)PREP_PIECE : n - k * PREP_PIECE);
  size_t nevent_pieces = (nd + EVENT_PIECE - 1) / EVENT_PIECE;
  g->event_pieces = xcalloc(nevent_pieces ? nevent_pieces : 1, sizeof *g->event_pieces);
  /* (the clusters in pieces the two threads take in turn: their costs vary too much for a
   * cut made in advance, which left one thread waiting a seventh of the time) */
  build_share build[2] = {{g, members, start, g->event_pieces, d, p, left, {0}, {0}, true},
                          {g, members, start, g->event_pieces, d, p, left, {0}, {0}, true}};
  for (size_t k = 0; k < 2; k++) strbuf_init(&build[k].scratch);
  run_both_chunked(two && nd >= 2 * BUILD_CHUNK, build_range, &build[0], &build[1], nd,
                   BUILD_CHUNK);
  g->nevents = nd;
  for (size_t k = 0; k < 2; k++) {
    arena_absorb(&g->mem, &build[k].mem);
    strbuf_release(&build[k].scratch);
  }
  free(members);
  free(start);
  free(left);
  /* the reports have served: the events hold what they need (every piece is gone but where
   * there was no cluster to build) */
  for (size_t k = 0; k < npieces; k++) free(p[k]);
  free(p);
  for (size_t k = 0; k < 2; k++) arena_release(&prep[k].mem);
  add_id_suffixes(g, suffixes, nsuffixes);
  free(suffixes);

  /* Put the events in their order where they are. */
  uint32_t *at_order = event_order(d, nd, build[0].keys_fit && build[1].keys_fit);
  free(d);
  permute_in_place(at_order, nd, sizeof(fg_event), event_at_of, g);
  free(at_order);
  order_event_texts(g);
}

/* One share of the quotes and edges: the events [LO, HI), whose quotes go from QUOTE0 and
 * edges from EDGE0 in the graph's arrays (counted first: NQ, NE). SAY: the graph's copy of
 * the type "say" (types are interned), or NULL. */
typedef struct qe_share {
  factgraph *g;
  const char *say;
  size_t lo, hi;
  size_t nq, ne, id_bytes;
  size_t quote0, edge0;
  char *ids; /* the quotes' ids, "q_" and the event's hash, one after another */
} qe_share;

static bool has_quote(const qe_share *sh, const fg_event *ev) {
  return sh->say && ev->type == sh->say && ev->quote;
}

static void *count_quotes_and_edges(void *arg) {
  qe_share *sh = arg;
  for (size_t i = sh->lo; i < sh->hi; i++) {
    const fg_event *ev = event_at(sh->g, i);
    if (has_quote(sh, ev)) {
      sh->nq++;
      sh->id_bytes += strlen(ev->id); /* "q_" and the hash, as long as "ev_" and the hash */
    }
    if (!ev->negated && !ev->hypothetical) sh->ne += ev->nactors * ev->ntargets;
  }
  return NULL;
}

static void *make_quotes_and_edges(void *arg) {
  qe_share *sh = arg;
  factgraph *g = sh->g;
  size_t nq = sh->quote0, ne = sh->edge0;
  char *id = sh->ids;
  for (size_t i = sh->lo; i < sh->hi; i++) {
    const fg_event *ev = event_at(g, i);
    if (has_quote(sh, ev)) {
      fg_quote *q = &g->quotes[nq++];
      /* The quote shares its event's hash: "ev_xxx" gives "q_xxx" (without printf: there
       * is one per quote). */
      size_t len = strlen(ev->id + 3);
      memcpy(id, "q_", 2);
      memcpy(id + 2, ev->id + 3, len + 1);
      q->id = id;
      id += len + 3;
      q->speaker = ev->nactors ? (long)ev->actors[0] : -1;
      q->event = i;
    }
    if (ev->negated || ev->hypothetical) continue;
    for (size_t a = 0; a < ev->nactors; a++)
      for (size_t t = 0; t < ev->ntargets; t++) {
        if (ev->actors[a] == ev->targets[t]) continue;
        fg_edge *e = &g->edges[ne++];
        e->from = ev->actors[a];
        e->to = ev->targets[t];
        e->event = i;
      }
  }
  sh->ne = ne - sh->edge0; /* (an actor that is also a target gives no edge) */
  return NULL;
}

/* The quotes (one per say event with quoted words) and the edges (one per actor and target
 * of an event neither denied nor hypothetical), in event order; with two jobs, each thread
 * makes those of half the events. */
static void finish_quotes_and_edges(factgraph *g) {
  const char *say = NULL;
  for (size_t t = 0; t < g->ntypes && !say; t++)
    if (is_say(g->types[t])) say = g->types[t];
  bool two = g->jobs > 1 && g->nevents >= 2;
  size_t half = two ? g->nevents / 2 : g->nevents;
  qe_share sh[2] = {{g, say, 0, half, 0, 0, 0, 0, 0, NULL},
                    {g, say, half, g->nevents, 0, 0, 0, 0, 0, NULL}};
  run_both_if(two, count_quotes_and_edges, &sh[0], &sh[1]);
  size_t nq = sh[0].nq + sh[1].nq, ne = sh[0].ne + sh[1].ne;
  g->quotes = arena_alloc(&g->mem, (nq ? nq : 1) * sizeof *g->quotes);
  g->edges = arena_alloc(&g->mem, (ne ? ne : 1) * sizeof *g->edges);
  for (int k = 0; k < 2; k++) sh[k].ids = arena_alloc(&g->mem, sh[k].id_bytes ? sh[k].id_bytes : 1);
  sh[1].quote0 = sh[0].nq;
  sh[1].edge0 = sh[0].ne;
  run_both_if(two, make_quotes_and_edges, &sh[0], &sh[1]);
  g->nquotes = nq;
  /* the second share's edges follow the first's own, which may be fewer than counted */
  if (sh[0].ne < sh[1].edge0)
    memmove(&g->edges[sh[0].ne], &g->edges[sh[1].edge0], sh[1].ne * sizeof *g->edges);
  g->nedges = sh[0].ne + sh[1].ne;
}

int factgraph_finish(factgraph *g) { return factgraph_finish_staged(g, NULL, NULL); }

int factgraph_finish_staged(factgraph *g, void (*entities_final)(void *ctx), void *ctx) {
  if (!g) return -1;
  if (g->finished) return g->failed ? -1 : 0;
  g->finished = true;
  fg_pool_release(&g->texts); /* no text is added from now on; the texts stay in MEM */
  rank_documents(g);
  index_copies(g);
  size_t *rec_entity = xmalloc((g->nrecs ? g->nrecs : 1) * sizeof *rec_entity);
  if (finish_entities(g, rec_entity) != 0) {
    free(rec_entity);
    g->failed = true;
    g->nentities = 0;
    return -1;
  }
  /* The entities are final: their lines may be written (on a core the rest leaves free)
   * while the entity records go. Those have served (the entities copied their mentions, and
   * events know their entities through REC_ENTITY); the event records serve next. What the
   * outputs read is in the arena. */
  if (entities_final) entities_final(ctx);
  free(g->recs);
  g->recs = NULL;
  g->nrecs = g->caprecs = 0;
  arena_release(&g->recmem);
  finish_events(g, rec_entity); /* (which releases the event records) */
  free(rec_entity);
  finish_quotes_and_edges(g);
  return 0;
}

/* ---- reading ---- */

void factgraph_forget_entity_mentions(const factgraph *g, size_t done) {
  if (!g || !g->entity_mention_at) return;
  if (done > g->nentities) done = g->nentities;
  fg_spill_forget(&g->entity_mentions, 0, g->entity_mention_at[done]);
}

int factgraph_text_reader_open(const factgraph *cg) {
  factgraph *g = (factgraph *)cg; /* (its readers only: see READERS_LOCK) */
  if (!g || !g->finished) return -1;
  pthread_mutex_lock(&g->readers_lock);
  int r = 0;
  while (r < FG_TEXT_READERS && g->reader_open[r]) r++;
  if (r < FG_TEXT_READERS) {
    g->reader_open[r] = true;
    g->reader_at[r] = 0;
  }
  pthread_mutex_unlock(&g->readers_lock);
  return r < FG_TEXT_READERS ? r : -1;
}

/* The window of EVENT_TEXTS that the first text of event DONE is in (NWINDOWS past the last). */
static size_t window_of(const factgraph *g, size_t done) {
  return done >= g->nevents ? g->nwindows : g->event_window[done];
}

/* Lets the windows of EVENT_TEXTS behind reader R go, all but the one just behind it (a reader
 * of several threads is not all at one place; none is spared for a reader that is DONE) and
 * those another open reader is in or next to: each reader so finds in memory what it reads,
 * whatever the others' pace, and what it has left behind goes (also the pages that its later
 * events read of earlier windows). Under READERS_LOCK. */
static void forget_behind(factgraph *g, int r, bool done) {
  if (!g->event_window) return;
  size_t behind = window_of(g, g->reader_at[r]);
  if (!done) behind = behind >= 1 ? behind - 1 : 0; /* windows [0, BEHIND) */
  size_t run = 0; /* the first window of a run that may go */
  for (size_t v = 0; v <= behind; v++) {
    bool kept = v == behind;
    for (int o = 0; o < FG_TEXT_READERS && !kept; o++) {
      if (o == r || !g->reader_open[o]) continue;
      size_t w = window_of(g, g->reader_at[o]);
      kept = v + 1 >= w && v <= w + 1;
    }
    if (!kept) continue;
    if (run < v) fg_spill_forget(&g->event_texts, g->window_start[run], g->window_start[v]);
    run = v + 1;
  }
}

void factgraph_text_reader_at(const factgraph *cg, int reader, size_t done) {
  factgraph *g = (factgraph *)cg;
  if (!g || reader < 0 || reader >= FG_TEXT_READERS) return;
  pthread_mutex_lock(&g->readers_lock);
  if (g->reader_open[reader]) {
    g->reader_at[reader] = done;
    forget_behind(g, reader, false);
  }
  pthread_mutex_unlock(&g->readers_lock);
}

void factgraph_text_reader_close(const factgraph *cg, int reader) {
  factgraph *g = (factgraph *)cg;
  if (!g || reader < 0 || reader >= FG_TEXT_READERS) return;
  pthread_mutex_lock(&g->readers_lock);
  if (g->reader_open[reader]) {
    g->reader_at[reader] = g->nevents; /* (all of it behind) */
    forget_behind(g, reader, true);
  }
  g->reader_open[reader] = false;
  pthread_mutex_unlock(&g->readers_lock);
}

size_t factgraph_document_count(const factgraph *g) { return g ? g->ndocs : 0; }

const char *factgraph_document_id(const factgraph *g, uint32_t doc) {
  return g && doc < g->ndocs ? g->docs[doc].id : NULL;
}

const char *factgraph_document_date(const factgraph *g, uint32_t doc) {
  return g && doc < g->ndocs ? g->docs[doc].date : NULL;
}

size_t factgraph_entity_count(const factgraph *g) { return g ? g->nentities : 0; }

const fg_entity *factgraph_entity(const factgraph *g, size_t i) {
  return g && i < g->nentities ? &g->entities[i] : NULL;
}

size_t factgraph_event_count(const factgraph *g) { return g ? g->nevents : 0; }

const fg_event *factgraph_event(const factgraph *g, size_t i) {
  return g && i < g->nevents ? event_at(g, i) : NULL;
}

size_t factgraph_quote_count(const factgraph *g) { return g ? g->nquotes : 0; }

const fg_quote *factgraph_quote(const factgraph *g, size_t i) {
  return g && i < g->nquotes ? &g->quotes[i] : NULL;
}

size_t factgraph_edge_count(const factgraph *g) { return g ? g->nedges : 0; }

const fg_edge *factgraph_edge(const factgraph *g, size_t i) {
  return g && i < g->nedges ? &g->edges[i] : NULL;
}

const char *factgraph_event_verb(const fg_event *ev) {
  if (!ev) return "";
  return fg_phrase_past(ev->type, ev->ntargets > 0);
}
