/* main.c: the storyline command line. The one place that wires the extractor (src/), the
 * fact graph (graph/) and the writers (export/) together: reads the articles, settles their
 * publication dates (undated ones wait for the run's date), analyses them on --jobs threads,
 * feeds the graph in input order, and writes the outputs to temporary names renamed into
 * place. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "aliases.h"
#include "annotate.h"
#include "article.h"
#include "article_ids.h"
#include "article_queue.h"
#include "copies.h"
#include "doc.h"
#include "export/export.h"
#include "graph/factgraph.h"
#include "graph_feed.h"
#include "huge_pages.h"
#include "write_behind.h"

enum exit_code { EXIT_OK = 0, EXIT_SOME_BAD = 1, EXIT_USAGE = 2, EXIT_NOTHING = 3, EXIT_WRITE = 4 };

typedef struct options {
  const char *command;
  const char **inputs;
  size_t ninputs;
  const char *outdir;
  civil_date date; /* --date, year 0 if none */
  timeline_format timeline;
  bool render;
  int jobs; /* --jobs: threads that analyse articles */
  const char *aliases; /* --aliases FILE, or NULL */
} options;

static const char usage[] =
    "usage: storyline build    [--date YYYY-MM-DD] [-o DIR] [--timeline-format plain|timelinejs]\n"
    "                          [--no-render] [--aliases FILE] [--jobs N] INPUT...\n"
    "       storyline annotate [--date YYYY-MM-DD] [--jobs N] INPUT...\n"
    "       storyline --help | --version\n"
    "\n"
    "INPUT is a file (.txt or no extension, .json, .jsonl), a directory (read recursively)\n"
    "or - for standard input.\n"
    "\n"
    "build     writes timeline.csv, graph.dot, graph.graphml, facts.jsonl and graph.svg\n"
    "          into DIR (default storyline-out)\n"
    "annotate  prints each article's sentences, names, dates, events and quotes as JSON Lines\n"
    "\n"
    "  --date YYYY-MM-DD        publication date for articles that give none\n"
    "  -o, --output DIR         output folder for build\n"
    "  --timeline-format F      plain (default) or timelinejs (TimelineJS columns first)\n"
    "  --no-render              do not draw graph.svg\n"
    "  -j, --jobs N             analyse articles on N threads (default: one per core,\n"
    "                           at most 8), merge facts and write outputs on two;\n"
    "                           the outputs are the same whatever N\n"
    "  --aliases FILE           names to merge or keep apart, one rule a line:\n"
    "                           canonical<TAB>alias[<TAB>type], !alias, !canonical<TAB>alias\n"
    "\n"
    "Exit status: 0 success; 1 some input was unusable; 2 bad command line or output folder;\n"
    "3 nothing usable; 4 an output file could not be written.\n";

/* Prints "storyline: WHAT" (and " 'ARG'" when ARG is given) and the usage, and exits 2. */
static void die_usage(const char *what, const char *arg) {
  if (arg) fprintf(stderr, "storyline: %s '%s'\n%s", what, arg, usage);
  else fprintf(stderr, "storyline: %s\n%s", what, usage);
  exit(EXIT_USAGE);
}

static bool parse_iso_date(const char *s, civil_date *d) {
  int y, m, day;
  char tail;
  if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3) return false;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && day == 29 && !leap) return false;
  *d = (civil_date){y, m, day};
  return true;
}

static options parse_args(int argc, char **argv) {
  options o = {.outdir = "storyline-out", .timeline = TIMELINE_PLAIN, .render = true};
  /* as many threads as the machine has cores, by default: the outputs do not depend on it */
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  o.jobs = cores < 1 ? 1 : cores > 8 ? 8 : (int)cores;
  if (argc < 2) die_usage("no command given", NULL);
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    exit(EXIT_OK);
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("storyline %s\n", STORYLINE_VERSION);
    exit(EXIT_OK);
  }
  if (strcmp(cmd, "build") != 0 && strcmp(cmd, "annotate") != 0)
    die_usage("unknown command", cmd);
  o.command = cmd;
  bool build = strcmp(cmd, "build") == 0;
  o.inputs = calloc((size_t)argc, sizeof *o.inputs);
  if (!o.inputs) exit(EXIT_NOTHING);
  bool options_done = false;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!options_done && a[0] == '-' && a[1] != '\0') {
      if (strcmp(a, "--") == 0) {
        options_done = true;
      } else if (strcmp(a, "--date") == 0 || strncmp(a, "--date=", 7) == 0) {
        const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
        if (!v) die_usage("--date needs a value", NULL);
        if (!parse_iso_date(v, &o.date)) die_usage("--date: expected YYYY-MM-DD, got", v);
      } else if (build && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
        if (i + 1 >= argc) die_usage("this option needs a folder:", a);
        o.outdir = argv[++i];
      } else if (build && strcmp(a, "--timeline-format") == 0) {
        if (i + 1 >= argc) die_usage("--timeline-format needs a value", NULL);
        const char *v = argv[++i];
        if (strcmp(v, "timelinejs") == 0) o.timeline = TIMELINE_TIMELINEJS;
        else if (strcmp(v, "plain") == 0 || strcmp(v, "csv") == 0) o.timeline = TIMELINE_PLAIN;
        else die_usage("--timeline-format: expected plain or timelinejs, got", v);
      } else if (build && strcmp(a, "--aliases") == 0) {
        if (i + 1 >= argc) die_usage("--aliases needs a file", NULL);
        o.aliases = argv[++i];
      } else if (build && strcmp(a, "--no-render") == 0) {
        o.render = false;
      } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
        char *end = NULL;
        long j = i + 1 < argc ? strtol(argv[++i], &end, 10) : 0;
        if (!end || *end || j < 1 || j > 64) die_usage("--jobs: expected a number from 1 to 64", NULL);
        o.jobs = (int)j;
      } else if (strcmp(a, "--help") == 0) {
        fputs(usage, stdout);
        exit(EXIT_OK);
      } else {
        die_usage("unknown option", a);
      }
    } else {
      o.inputs[o.ninputs++] = a;
    }
  }
  if (o.ninputs == 0) die_usage("no input given", NULL);
  return o;
}

/* ---- problems with inputs ---- */

typedef struct problems {
  size_t fatal, warnings;
  bool quiet; /* the second reading repeats the first one's problems: say them once */
} problems;

static void report_problem(void *ctx, const char *file, const char *message, bool fatal) {
  problems *p = ctx;
  if (fatal) p->fatal++;
  else p->warnings++;
  if (!p->quiet) fprintf(stderr, "storyline: %s: %s\n", file, message);
}

/* Gives A, as read, an id that no other article of the run has (article_ids.h), and says so
 * when the id had to change. TEXT_HASH: A's text hashed (copy_finder_text_hash), or NULL. */
static void settle_id(id_keeper *ids, problems *p, article *a, const uint64_t text_hash[2]) {
  char *id = id_keeper_claim_hashed(ids, a, text_hash);
  if (!id) return;
  strbuf msg;
  strbuf_init(&msg);
  strbuf_addf(&msg, "the id \"%s\" is already another article's: this one is \"%s\" in the outputs",
              a->id, id);
  report_problem(p, a->file, msg.data, false);
  strbuf_release(&msg);
  free(a->id);
  a->id = id;
}

/* ---- publication dates ---- */

/* The dates the run's articles give, to date those that give none. */
typedef struct date_census {
  civil_date *dates;
  size_t count, cap;
  bool has_stdin;
} date_census;

static int civil_cmp(const void *a, const void *b) {
  const civil_date *x = a, *y = b;
  if (x->year != y->year) return x->year - y->year;
  if (x->month != y->month) return x->month - y->month;
  return x->day - y->day;
}

/* The most common full date of the run (ties: the latest), or year 0 if there is none. */
static civil_date census_mode(date_census *c) {
  civil_date best = {0, 0, 0};
  if (c->count == 0) return best;
  qsort(c->dates, c->count, sizeof *c->dates, civil_cmp);
  size_t best_run = 0;
  for (size_t i = 0; i < c->count;) {
    size_t j = i;
    while (j < c->count && civil_cmp(&c->dates[i], &c->dates[j]) == 0) j++;
    if (j - i >= best_run) {
      best_run = j - i;
      best = c->dates[i];
    }
    i = j;
  }
  return best;
}

static bool full_date(const civil_date *d) { return d->year && d->month && d->day; }

/* Completes an article's date by the order of OUTPUTS.md: its own (header, then text), then
 * --date, then the run's date. A dateline without a year ("Moscow. March 24.") takes the year
 * of --date or of the run, the one before if that would put it months after the reference. */
static void settle_date(article *a, const options *o, civil_date inferred) {
  if (full_date(&a->date)) return;
  if (a->date_source == DATE_SOURCE_TEXT && a->date.month && a->date.day && !a->date.year) {
    civil_date ref = o->date.year ? o->date : inferred;
    if (ref.year) {
      a->date.year = ref.year;
      if (a->date.month > ref.month + 6) a->date.year--;
      return;
    }
  }
  if (o->date.year) {
    a->date = o->date;
    a->date_source = DATE_SOURCE_OPTION;
  } else if (inferred.year) {
    a->date = inferred;
    a->date_source = DATE_SOURCE_INFERRED;
  } else {
    a->date = (civil_date){0, 0, 0};
    a->date_source = DATE_SOURCE_NONE;
  }
}

/* First reading: every input's problems are reported, and the dates counted. Articles from
 * standard input cannot be read twice, so they are kept in KEPT. */
static size_t first_pass(const options *o, problems *p, date_census *c, article **kept,
                         size_t *nkept) {
  size_t n = 0, cap = 0;
  article_reader *r = article_reader_new(o->inputs, o->ninputs, report_problem, p);
  article a;
  while (article_reader_next(r, &a)) {
    n++;
    if (full_date(&a.date)) {
      VEC_RESERVE(c->dates, c->count, c->cap);
      c->dates[c->count++] = a.date;
    }
    if (strcmp(a.file, "-") == 0) {
      VEC_RESERVE(*kept, *nkept, cap);
      (*kept)[(*nkept)++] = a;
    } else {
      article_release(&a);
    }
  }
  article_reader_free(r);
  return n;
}

/* ---- the extraction path ---- */

/* Articles are analysed on --jobs threads, and the results used in input order by the one
 * thread that owns the graph or standard output (the main thread), so that the outputs do not
 * depend on the number of threads. The articles in flight sit in a ring of RING_ARTICLES
 * slots: the main thread puts each article it reads at the ring's tail; the threads, started
 * once, take the oldest article no one has taken yet; the main thread hands on the head's as
 * soon as it is done, then frees its slot. When the ring is full, or holds RING_BYTES of text,
 * the main thread waits for the head, analysing articles itself meanwhile rather than sleep.
 * With one job, each article is analysed and handed on as it is pushed: one article's
 * working memory at a time.
 *
 * (Articles used to be analysed in batches of 64, each on threads of its own, and waited for
 * batch by batch: at 64 MB of news with --jobs 2, the two cores were 90% busy during the
 * analysis, and this ring keeps them 95% busy: 1.54 -> 1.44 s.) */
enum { RING_ARTICLES = 128, MAX_JOBS = 64 };
#define RING_BYTES ((size_t)64 * 1024 * 1024)

/* Hands on an analysed article; COPY_OF >= 0 says it is an exact copy of the article pushed
 * as number COPY_OF (counting from 0), and then D was not analysed. */
typedef int (*doc_fn)(void *ctx, doc *d, long copy_of);

typedef struct slot {
  article art;
  doc d;
  long copy_of; /* see doc_fn */
  bool done;    /* analysed (under the runner's lock) */
  int by;       /* the thread that analysed it (an index of runner.workers), -1: the main one */
} slot;

struct runner;

/* A thread of the runner's. The working memory of the articles it analysed is released by it,
 * not by the main thread that hands them on: memory freed by another thread than the one that
 * took it moves between malloc's per-thread arenas, and at 64 MB with --jobs 2 malloc and free
 * took 4.3% of the processor time instead of 2.5% with one job. */
typedef struct worker {
  struct runner *r;
  int index;
  doc *spent; /* analyses handed on, to be released by this thread (under the runner's lock) */
  size_t nspent, capspent;
} worker;

typedef struct runner {
  slot ring[RING_ARTICLES]; /* article number K is in ring[K % RING_ARTICLES] */
  size_t head;              /* the oldest article not handed on */
  size_t next;              /* the oldest article no thread has taken */
  size_t tail;              /* the number the next article pushed gets */
  size_t bytes;             /* text of articles head .. tail - 1 */
  pthread_mutex_t lock;     /* over next, tail, bytes, closing and the slots' DONE */
  pthread_cond_t work;      /* an article to take, or closing */
  pthread_cond_t head_done; /* the head's article is done */
  bool closing;             /* no more articles: the threads end */
  pthread_t threads[MAX_JOBS];
  worker workers[MAX_JOBS];
  int started; /* threads running */
  int jobs;
  doc_fn fn;
  void *ctx;
  long done;   /* articles handed to FN */
  bool failed; /* FN failed: stop */
} runner;

static void analyse(slot *s) {
  doc_init(&s->d, &s->art);
  if (s->copy_of < 0) doc_analyze(&s->d);
}

/* Takes the next article if there is one and analyses it on thread BY (see slot), the lock
 * held on entry and exit (not during the analysis). False if there was none. (Copies, done
 * when pushed, are passed over, and may have been handed on already.) */
static bool analyse_next(runner *r, int by) {
  if (r->next < r->head) r->next = r->head;
  while (r->next < r->tail && r->ring[r->next % RING_ARTICLES].done) r->next++;
  if (r->next == r->tail) return false;
  size_t k = r->next++;
  slot *s = &r->ring[k % RING_ARTICLES];
  pthread_mutex_unlock(&r->lock);
  analyse(s);
  pthread_mutex_lock(&r->lock);
  s->done = true;
  s->by = by;
  if (k == r->head) pthread_cond_signal(&r->head_done);
  return true;
}

/* Releases the analyses W has been given back, the lock held on entry and exit (not while
 * releasing). False if there were none. */
static bool release_spent(runner *r, worker *w) {
  if (!w->nspent) return false;
  doc *spent = w->spent;
  size_t n = w->nspent;
  w->spent = NULL;
  w->nspent = w->capspent = 0;
  pthread_mutex_unlock(&r->lock);
  for (size_t i = 0; i < n; i++) doc_release(&spent[i]);
  free(spent);
  pthread_mutex_lock(&r->lock);
  return true;
}

static void *runner_thread(void *arg) {
  worker *w = arg;
  runner *r = w->r;
  pthread_mutex_lock(&r->lock);
  for (;;) {
    if (release_spent(r, w)) continue;
    if (analyse_next(r, w->index)) continue;
    if (r->closing) break;
    pthread_cond_wait(&r->work, &r->lock);
  }
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

/* Hands on the article in slot S to FN and frees the slot: its analysis at once if the main
 * thread made it, else back to the thread that made it, which releases it (worker). */
static void hand_on(runner *r, slot *s) {
  if (!r->failed) {
    if (r->fn(r->ctx, &s->d, s->copy_of) != 0) r->failed = true;
    else r->done++;
  }
  article_release(&s->art);
  if (s->by < 0) {
    doc_release(&s->d);
    return;
  }
  worker *w = &r->workers[s->by];
  pthread_mutex_lock(&r->lock);
  VEC_RESERVE(w->spent, w->nspent, w->capspent);
  w->spent[w->nspent++] = s->d;
  pthread_mutex_unlock(&r->lock);
  memset(&s->d, 0, sizeof s->d);
}

/* Hands on the done articles at the head of the ring, in order; with WAIT, at least one if the
 * ring holds any (analysing others while the head's is not done). */
static void hand_on_done(runner *r, bool wait) {
  pthread_mutex_lock(&r->lock);
  while (r->head < r->tail) {
    slot *s = &r->ring[r->head % RING_ARTICLES];
    if (!s->done) {
      if (!wait) break;
      if (!analyse_next(r, -1)) pthread_cond_wait(&r->head_done, &r->lock);
      continue;
    }
    pthread_mutex_unlock(&r->lock);
    size_t len = s->art.len;
    hand_on(r, s);
    pthread_mutex_lock(&r->lock);
    s->done = false;
    r->bytes -= len;
    r->head++;
    wait = false;
  }
  pthread_mutex_unlock(&r->lock);
}

/* Takes the article (its contents now belong to the runner); COPY_OF as doc_fn has it. */
static void runner_push(runner *r, article *a, long copy_of) {
  if (r->started == 0) { /* one job (or no thread could be made): here and now */
    slot *s = &r->ring[0];
    s->art = *a;
    s->copy_of = copy_of;
    s->by = -1;
    memset(a, 0, sizeof *a);
    analyse(s);
    hand_on(r, s);
    return;
  }
  while (r->tail - r->head == RING_ARTICLES ||
         (r->tail > r->head && r->bytes + a->len > RING_BYTES))
    hand_on_done(r, true);
  slot *s = &r->ring[r->tail % RING_ARTICLES];
  s->art = *a;
  s->copy_of = copy_of;
  memset(a, 0, sizeof *a);
  /* A copy is not analysed: it is made ready here, not handed to a thread, whose waking up
   * would cost more than the copy itself (with 4 outlets carrying each article, waking the
   * threads for the copies took a sixth of the processor time). */
  bool copy = copy_of >= 0;
  if (copy) analyse(s);
  pthread_mutex_lock(&r->lock);
  r->tail++;
  r->bytes += s->art.len;
  if (copy) {
    s->done = true;
    s->by = -1;
  } else {
    pthread_cond_signal(&r->work);
  }
  pthread_mutex_unlock(&r->lock);
  hand_on_done(r, false);
}

/* Analyses and hands on every article pushed so far. */
static void runner_flush(runner *r) {
  while (r->head < r->tail) hand_on_done(r, true);
}

static runner *runner_new(int jobs, doc_fn fn, void *ctx) {
  runner *r = xcalloc(1, sizeof *r);
  r->jobs = jobs;
  r->fn = fn;
  r->ctx = ctx;
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->work, NULL);
  pthread_cond_init(&r->head_done, NULL);
  if (jobs > 1)
    for (int t = 0; t < jobs && t < MAX_JOBS; t++) {
      worker *w = &r->workers[r->started];
      w->r = r;
      w->index = r->started;
      if (pthread_create(&r->threads[r->started], NULL, runner_thread, w) == 0) r->started++;
    }
  return r;
}

/* Ends the threads (after runner_flush) and frees R. */
static void runner_free(runner *r) {
  pthread_mutex_lock(&r->lock);
  r->closing = true;
  pthread_cond_broadcast(&r->work);
  pthread_mutex_unlock(&r->lock);
  for (int t = 0; t < r->started; t++) pthread_join(r->threads[t], NULL);
  for (int t = 0; t < r->started; t++) { /* (none should be left: a thread ends after it) */
    worker *w = &r->workers[t];
    for (size_t i = 0; i < w->nspent; i++) doc_release(&w->spent[i]);
    free(w->spent);
  }
  pthread_cond_destroy(&r->work);
  pthread_cond_destroy(&r->head_done);
  pthread_mutex_destroy(&r->lock);
  free(r);
}

/* Reads every article again, in input order (standard input's from KEPT), settles its date
 * and id and hands it to the runner. P is told of the ids that had to change. */
static void each_article(const options *o, civil_date inferred, article *kept, size_t nkept,
                         problems *p, runner *run) {
  problems quiet = {0, 0, true};
  id_keeper *ids = id_keeper_new();
  size_t next_kept = 0;
  for (size_t i = 0; i < o->ninputs && !run->failed; i++) {
    if (strcmp(o->inputs[i], "-") == 0) { /* the first reading consumed it: use the copies */
      for (; next_kept < nkept; next_kept++) {
        settle_id(ids, p, &kept[next_kept], NULL);
        settle_date(&kept[next_kept], o, inferred);
        runner_push(run, &kept[next_kept], -1);
      }
      continue;
    }
    article_reader *r = article_reader_new(&o->inputs[i], 1, report_problem, &quiet);
    article a;
    while (!run->failed && article_reader_next(r, &a)) {
      settle_id(ids, p, &a, NULL);
      settle_date(&a, o, inferred);
      runner_push(run, &a, -1);
    }
    article_reader_free(r);
  }
  runner_flush(run);
  id_keeper_free(ids);
}

static int annotate_one(void *ctx, doc *d, long copy_of) {
  (void)ctx;
  (void)copy_of; /* annotate finds no copies: each article is written as it is */
  int rc = annotate_write(d, stdout);
  if (rc != 0) fprintf(stderr, "storyline: standard output: %s\n", strerror(errno));
  return rc;
}

/* What build feeds the graph with: each article pushed, in order, with its index in the
 * graph (so that a copy can name its original's). */
typedef struct graph_feed_ctx {
  factgraph *g;
  uint32_t *doc_of; /* by the number an article was pushed as */
  size_t n, cap;
  size_t copies;    /* articles that were exact copies of another */
  size_t repeats;   /* articles given again (the same id and text): counted once */
} graph_feed_ctx;

static int feed_graph(void *ctx, doc *d, long copy_of) {
  graph_feed_ctx *f = ctx;
  uint32_t docid;
  if (copy_of >= 0 && (size_t)copy_of < f->n) {
    size_t before = factgraph_document_count(f->g);
    docid = graph_feed_copy(f->g, d->art, f->doc_of[copy_of]);
    if (factgraph_document_count(f->g) > before) f->copies++;
    else f->repeats++;
  } else {
    docid = graph_feed_doc(f->g, d);
  }
  VEC_RESERVE(f->doc_of, f->n, f->cap);
  f->doc_of[f->n++] = docid;
  return 0;
}

/* Pushes A, which build has settled the date of, naming the earlier article it is an exact
 * copy of, if any (COPIES numbers the articles in the order pushed). TEXT_HASH: A's text
 * hashed by COPIES. */
static void push_checked(runner *run, copy_finder *copies, long *pushed, article *a,
                         const uint64_t text_hash[2]) {
  long of = a->text ? copy_finder_check_hashed(copies, text_hash, a->body, a->date, *pushed) : -1;
  (*pushed)++;
  runner_push(run, a, of);
}

/* Does build analyse A as soon as it is read? Yes if its date is its own (or --date gives
 * one); else it needs the run's date, known only when every input has been read. */
static bool dated_now(const article *a, const options *o) {
  return full_date(&a->date) || o->date.year;
}

/* build reads each input once, and an article dated now goes on to be analysed at once. The
 * others wait for the run's date, known only when every input has been read: in a temporary
 * file, not in memory (article_queue.h). Each text is hashed once for both the id keeper and
 * the copy finder (again when it comes back from the temporary file). */
static void feed_all(const options *o, problems *p, runner *run) {
  copy_finder *copies = copy_finder_new();
  id_keeper *ids = id_keeper_new();
  long pushed = 0;
  date_census census = {0};
  article_queue *waiting = article_queue_new();
  article_reader *r = article_reader_new(o->inputs, o->ninputs, report_problem, p);
  article a;
  uint64_t text_hash[2];
  while (article_reader_next(r, &a)) {
    copy_finder_text_hash(copies, a.text, a.len, text_hash);
    settle_id(ids, p, &a, text_hash);
    if (full_date(&a.date)) {
      VEC_RESERVE(census.dates, census.count, census.cap);
      census.dates[census.count++] = a.date;
    }
    if (dated_now(&a, o)) {
      settle_date(&a, o, (civil_date){0, 0, 0});
      push_checked(run, copies, &pushed, &a, text_hash);
    } else {
      article_queue_push(waiting, &a);
    }
  }
  article_reader_free(r);
  civil_date inferred = census_mode(&census);
  free(census.dates);
  size_t lost = 0;
  while (!run->failed && article_queue_pop(waiting, &a, &lost)) {
    settle_date(&a, o, inferred);
    copy_finder_text_hash(copies, a.text, a.len, text_hash);
    push_checked(run, copies, &pushed, &a, text_hash);
  }
  if (lost) {
    fprintf(stderr, "storyline: temporary file: %zu article%s without a date could not be read back\n",
            lost, lost == 1 ? "" : "s");
    p->fatal += lost;
  }
  article_queue_free(waiting);
  runner_flush(run);
  copy_finder_free(copies);
  id_keeper_free(ids);
}

/* ---- writing outputs ---- */

typedef int (*writer_fn)(const factgraph *g, void *arg, FILE *out);

static int write_timeline(const factgraph *g, void *arg, FILE *out) {
  return export_timeline(g, *(timeline_format *)arg, out);
}
static int write_dot(const factgraph *g, void *arg, FILE *out) { (void)arg; return export_dot(g, out); }
static int write_graphml(const factgraph *g, void *arg, FILE *out) {
  (void)arg;
  return export_graphml(g, out);
}
/* ARG: the share other threads help through, or NULL */
static int write_jsonl(const factgraph *g, void *arg, FILE *out) {
  return export_jsonl_shared(g, out, arg);
}
static int write_svg(const factgraph *g, void *arg, FILE *out) {
  (void)arg;
  return export_svg(g, EXPORT_SVG_MAX_NODES, out);
}

/* Writes DIR/NAME through a temporary file renamed into place, so that an interrupted run
 * leaves the old file or none; its contents go to disk behind the writer (write_behind.h).
 * Returns the writer's result (0, 1 for "skipped"), or -1. */
static int write_output(const char *dir, const char *name, writer_fn fn, const factgraph *g,
                        void *arg) {
  char path[PATH_MAX], tmp[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
  FILE *f = write_behind_open(tmp);
  if (!f) {
    fprintf(stderr, "storyline: %s: %s\n", path, strerror(errno));
    return -1;
  }
  int rc = fn(g, arg, f);
  int err = errno;
  if (fflush(f) != 0 || ferror(f)) {
    err = errno;
    rc = -1;
  }
  if (fclose(f) != 0 && rc >= 0) {
    err = errno;
    rc = -1;
  }
  if (rc == 0 && rename(tmp, path) != 0) {
    err = errno;
    rc = -1;
  }
  if (rc != 0) unlink(tmp);
  if (rc < 0) fprintf(stderr, "storyline: %s: cannot write: %s\n", path, strerror(err ? err : EIO));
  return rc;
}

/* One output to write; a NULL name ends a list of them. */
typedef struct write_job {
  const char *name;
  writer_fn fn;
  void *arg;
  int rc;
  double seconds; /* how long writing it took */
} write_job;

/* Outputs that threads take one at a time, each the next that no thread has taken. */
typedef struct write_list {
  const char *outdir;
  const factgraph *g;
  write_job *jobs;
  atomic_size_t next;     /* the index of the next job to take */
  jsonl_share *then_help; /* once none is left to take, a thread helps with facts.jsonl */
} write_list;

static double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The processor time the process has used so far, all threads, user and system. */
static double cpu_seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Writes the outputs of the list that no other thread has taken. */
static void take_jobs(write_list *l) {
  size_t n = 0;
  while (l->jobs[n].name) n++;
  for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < n;) {
    write_job *j = &l->jobs[i];
    double start = seconds_now();
    j->rc = write_output(l->outdir, j->name, j->fn, l->g, j->arg);
    j->seconds = seconds_now() - start;
  }
}

static void *write_all(void *arg) {
  write_list *l = arg;
  take_jobs(l);
  if (l->then_help) export_jsonl_help(l->then_help);
  return NULL;
}

/* facts.jsonl begun while the graph is still merged (with --jobs 2 and more): the entities
 * are merged first, and their lines, a quarter of the file, are written by a thread of their
 * own while the events are merged, in the moments that merge leaves a core free. */
typedef enum merge_stage {
  MERGE_FAILED = -1,
  MERGE_ENTITIES,
  MERGE_EVENTS,
  MERGE_DONE
} merge_stage;
typedef struct early_jsonl {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  merge_stage stage;
  jsonl_share *share;
  double waited; /* seconds the writer spent waiting for the merge (its end, or a free core) */
} early_jsonl;

static void set_stage(early_jsonl *e, merge_stage stage) {
  pthread_mutex_lock(&e->lock);
  e->stage = stage;
  pthread_cond_broadcast(&e->changed);
  pthread_mutex_unlock(&e->lock);
}

static void entities_final(void *arg) { set_stage(arg, MERGE_EVENTS); }

/* Waits until the merge reaches STAGE or fails; true if it reached it. */
static bool wait_stage(early_jsonl *e, merge_stage stage) {
  double start = seconds_now();
  pthread_mutex_lock(&e->lock);
  while (e->stage != MERGE_FAILED && e->stage < stage) pthread_cond_wait(&e->changed, &e->lock);
  bool reached = e->stage != MERGE_FAILED;
  e->waited += seconds_now() - start;
  pthread_mutex_unlock(&e->lock);
  return reached;
}

/* export_jsonl_staged's waits: for a core the merge leaves free, or for the merge's end. */
static bool jsonl_waits(void *arg, jsonl_wait what) {
  early_jsonl *e = arg;
  if (what == JSONL_WAIT_REST) return wait_stage(e, MERGE_DONE);
  double start = seconds_now();
  wait_for_free_core();
  pthread_mutex_lock(&e->lock);
  e->waited += seconds_now() - start;
  pthread_mutex_unlock(&e->lock);
  return true;
}

/* ARG: the early_jsonl. 1 (no file) if the merge failed. */
static int write_jsonl_early(const factgraph *g, void *arg, FILE *out) {
  early_jsonl *e = arg;
  if (!wait_stage(e, MERGE_EVENTS)) return 1;
  return export_jsonl_staged(g, out, e->share, jsonl_waits, e);
}

/* What the thread that writes facts.jsonl does: its own list, then what is left of the
 * other. */
typedef struct jsonl_work {
  write_list *own, *then;
  early_jsonl *early;
} jsonl_work;

/* The thread that writes facts.jsonl: its list, then the share closed for the helpers, then
 * (if the merge succeeded) the other list's outputs that the other thread has not taken. */
static void *jsonl_thread(void *arg) {
  jsonl_work *w = arg;
  write_all(w->own);
  w->own->jobs[0].seconds -= w->early->waited; /* (the time it made lines and wrote them) */
  export_jsonl_share_close(w->early->share);
  if (wait_stage(w->early, MERGE_DONE)) take_jobs(w->then);
  return NULL;
}

static bool prepare_outdir(const char *dir) {
  struct stat st;
  if (stat(dir, &st) != 0) {
    if (mkdir(dir, 0777) != 0) {
      fprintf(stderr, "storyline: %s: cannot create output folder: %s\n", dir, strerror(errno));
      return false;
    }
  } else if (!S_ISDIR(st.st_mode)) {
    fprintf(stderr, "storyline: %s: output path is not a folder\n", dir);
    return false;
  }
  if (access(dir, W_OK | X_OK) != 0) {
    fprintf(stderr, "storyline: %s: output folder is not writable: %s\n", dir, strerror(errno));
    return false;
  }
  return true;
}

/* ---- commands ---- */

static int finish_status(const problems *p, long processed) {
  if (processed <= 0) {
    fprintf(stderr, "storyline: nothing usable in the input\n");
    return EXIT_NOTHING;
  }
  return p->fatal ? EXIT_SOME_BAD : EXIT_OK;
}

int main(int argc, char **argv) {
  huge_pages_restart(argv);
  options o = parse_args(argc, argv);
  bool build = strcmp(o.command, "build") == 0;
  if (build && !prepare_outdir(o.outdir)) {
    free(o.inputs);
    return EXIT_USAGE;
  }

  problems p = {0, 0, false};
  int status;
  if (!build) {
    /* annotate keeps the input order, so it reads twice: first for the run's date */
    date_census census = {0};
    article *kept = NULL;
    size_t nkept = 0;
    first_pass(&o, &p, &census, &kept, &nkept);
    civil_date inferred = census_mode(&census);
    free(census.dates);
    runner *run = runner_new(o.jobs, annotate_one, NULL);
    each_article(&o, inferred, kept, nkept, &p, run);
    status = run->failed ? EXIT_WRITE : finish_status(&p, run->done);
    runner_free(run);
    for (size_t i = 0; i < nkept; i++) article_release(&kept[i]);
    free(kept);
  } else {
    factgraph *g = factgraph_new();
    factgraph_set_jobs(g, o.jobs);
    char err[256];
    if (o.aliases && aliases_load(g, o.aliases, err, sizeof err) < 0) {
      fprintf(stderr, "storyline: %s: %s\n", o.aliases, err);
      factgraph_free(g);
      free(o.inputs);
      return EXIT_USAGE;
    }
    /* STORYLINE_TIMINGS=1 prints where a build's time went (for profiling; see README) */
    const char *timings = getenv("STORYLINE_TIMINGS");
    double started = seconds_now(), started_cpu = cpu_seconds_now();
    graph_feed_ctx feed = {g, NULL, 0, 0, 0, 0};
    runner *run = runner_new(o.jobs, feed_graph, &feed);
    feed_all(&o, &p, run);
    long n = run->done;
    runner_free(run);
    free(feed.doc_of);
    status = finish_status(&p, n);
    double analysed = seconds_now(), analysed_cpu = cpu_seconds_now();
    if (n > 0) {
      /* With threads to spare, the outputs are written in two lists side by side: the graph
       * is only read, and the two lists use no library in common (facts.jsonl: our own JSON;
       * timeline.csv: libcsv, graph.graphml: our own XML, graph.dot: cgraph's quoting).
       * facts.jsonl, the largest file, is begun by a thread of its own during the merge
       * (early_jsonl); the other list is written once the merge is done, by this thread and,
       * once facts.jsonl is written, by that one too; this thread then helps make the lines
       * of facts.jsonl if some are left. */
      jsonl_share *share = o.jobs > 1 ? export_jsonl_share_new() : NULL;
      early_jsonl early = {.stage = MERGE_ENTITIES, .share = share};
      pthread_mutex_init(&early.lock, NULL);
      pthread_cond_init(&early.changed, NULL);
      write_job here[] = {{"facts.jsonl", write_jsonl_early, &early, 0, 0},
                          {NULL, NULL, NULL, 0, 0}};
      write_list here_list = {o.outdir, g, here, 0, NULL};
      write_job side[] = {{"timeline.csv", write_timeline, &o.timeline, 0, 0},
                          {"graph.graphml", write_graphml, NULL, 0, 0},
                          {"graph.dot", write_dot, NULL, 0, 0},
                          {NULL, NULL, NULL, 0, 0}};
      write_list side_list = {o.outdir, g, side, 0, share};
      jsonl_work work = {&here_list, &side_list, &early};
      pthread_t early_thread;
      bool threaded = share && pthread_create(&early_thread, NULL, jsonl_thread, &work) == 0;
      if (!threaded) here[0] = (write_job){"facts.jsonl", write_jsonl, share, 0, 0};
      int merged = factgraph_finish_staged(g, threaded ? entities_final : NULL, &early);
      if (threaded) set_stage(&early, merged == 0 ? MERGE_DONE : MERGE_FAILED);
      double merge_done = seconds_now(), merge_done_cpu = cpu_seconds_now();
      if (merged != 0) {
        if (threaded) pthread_join(early_thread, NULL);
        fprintf(stderr, "storyline: merging the facts failed\n");
        status = EXIT_WRITE;
      } else {
        if (threaded) {
          write_all(&side_list);
          pthread_join(early_thread, NULL);
        } else {
          write_all(&here_list);
          if (share) export_jsonl_share_close(share);
          write_all(&side_list);
        }
        int failed = 0;
        for (size_t i = 0; i < 3; i++) failed |= side[i].rc < 0;
        failed |= here[0].rc < 0;
        if (timings && *timings) /* the outputs in the order OUTPUTS.md lists them */
          fprintf(stderr,
                  "storyline: timings: reading and analysing %.2f s, merging %.2f s, writing %.2f s "
                  "(%s %.2f, %s %.2f, %s %.2f, %s %.2f; --jobs %d); processor time %.2f, "
                  "%.2f, %.2f s\n",
                  analysed - started, merge_done - analysed, seconds_now() - merge_done,
                  side[0].name, side[0].seconds, side[2].name, side[2].seconds, here[0].name,
                  here[0].seconds, side[1].name, side[1].seconds, o.jobs,
                  analysed_cpu - started_cpu, merge_done_cpu - analysed_cpu,
                  cpu_seconds_now() - merge_done_cpu);
        bool drew = false;
        if (o.render) {
          int svg = write_output(o.outdir, "graph.svg", write_svg, g, NULL);
          if (svg == 1)
            fprintf(stderr, "storyline: graph.svg skipped: the map has more than %d nodes to draw; "
                            "open graph.graphml in Gephi or Cytoscape instead\n",
                    EXPORT_SVG_MAX_NODES);
          failed |= svg < 0;
          drew = svg == 0;
        }
        if (!drew) {
          /* a picture of an earlier run would sit beside the new data as if it showed it */
          char path[PATH_MAX];
          snprintf(path, sizeof path, "%s/graph.svg", o.outdir);
          if (unlink(path) != 0 && errno != ENOENT)
            fprintf(stderr, "storyline: %s: cannot remove the old picture: %s\n", path, strerror(errno));
        }
        if (failed) {
          status = EXIT_WRITE;
        } else {
          size_t shown = 0;
          for (size_t i = 0; i < factgraph_event_count(g); i++) {
            const fg_event *ev = factgraph_event(g, i);
            shown += !ev->negated && !ev->hypothetical;
          }
          char copies[160] = "", repeats[80] = "";
          if (feed.repeats)
            snprintf(repeats, sizeof repeats, "%zu of them given more than once, counted once",
                     feed.repeats);
          if (feed.copies)
            snprintf(copies, sizeof copies, " (%zu of them %s, analysed once%s%s)", feed.copies,
                     feed.copies == 1 ? "an exact copy of another" : "exact copies of others",
                     feed.repeats ? "; " : "", repeats);
          else if (feed.repeats)
            snprintf(copies, sizeof copies, " (%s)", repeats);
          printf("storyline: read %ld article%s%s; wrote %s/: timeline.csv (%zu events), graph.dot "
                 "and graph.graphml (%zu entities, %zu relations), facts.jsonl%s\n",
                 n, n == 1 ? "" : "s", copies, o.outdir, shown, factgraph_entity_count(g),
                 factgraph_edge_count(g), drew ? ", graph.svg" : "");
        }
      }
      export_jsonl_share_free(share);
      pthread_mutex_destroy(&early.lock);
      pthread_cond_destroy(&early.changed);
    }
    factgraph_free(g);
  }
  free(o.inputs);
  return status;
}
