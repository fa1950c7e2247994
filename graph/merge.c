/* merge.c: which event records report the same event. Two reports are one event when the
 * type and polarity match, the participants overlap (after entity resolution) or one report
 * has none, the dates are compatible and the places do not conflict; two "say" reports also
 * need the same speaker and words close enough to be two translations of one statement, or
 * one a fragment of the other. Pairs are accepted best first into clusters whose dates and
 * places must all stay compatible, so an undated report cannot chain two meetings on
 * different days. Quotes are compared as word sets: see fg_quote_similarity. */
#include "graph/fg_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "graph/fgtext.h"
#include "util.h"

/* A date that only comes from an article's publication date is compatible with a date
 * within this many days: reports appear a day or two after the fact. */
#define PUBLICATION_SLACK_DAYS 3
/* Two quotes at least this similar (see words_similarity) are one statement. Measured on the
 * quotes of samples/ that several outlets carry in different translations and on the merge
 * test corpus: the same statements scored 0.50-0.66 (0.88 for a one-word change), different
 * statements of one speaker at most 0.36 (a short one sharing half its words); 0.43 is the
 * middle of the gap. tests/unit/test_resolve.c keeps the cases. */
#define QUOTE_MATCH 0.43
/* Events in a block larger than this are compared with this many neighbours in key order
 * only, so no input makes merging quadratic. */
#define BLOCK_WINDOW 64
#define QUOTE_STEM 5

/* ---- dates ---- */

/* Does the coarser date C contain the finer (or equal) date F? */
static bool date_contains(const fact_date *c, const fact_date *f) {
  if (c->precision > f->precision) return false;
  if (c->year != f->year) return false;
  if (c->precision >= PRECISION_MONTH && c->month != f->month) return false;
  if (c->precision >= PRECISION_DAY && c->day != f->day) return false;
  return true;
}

/* A date as one number in the order views come in: coarser before finer ("2017" < "2017-03"
 * < "2017-03-24"), missing parts as 0; unknown dates first. */
static long date_rank(const fact_date *d) {
  if (d->precision == PRECISION_UNKNOWN) return -1;
  return d->year * 10000L + (d->precision >= PRECISION_MONTH ? d->month * 100L : 0) +
         (d->precision == PRECISION_DAY ? d->day : 0);
}

/* The highest date_rank of a date compatible with A (dates_compatible, counting the
 * publication slack whatever the basis; past a month's 25th, generously into the next month),
 * or LONG_MAX if every date is. Views past it in date order can be skipped. */
static long last_compatible_rank(const fact_date *a) {
  if (a->precision == PRECISION_UNKNOWN) return LONG_MAX;
  if (a->precision == PRECISION_YEAR) return a->year * 10000L + 1231;
  if (a->precision == PRECISION_MONTH) return a->year * 10000L + a->month * 100L + 31;
  if (a->day + PUBLICATION_SLACK_DAYS <= 28) return date_rank(a) + PUBLICATION_SLACK_DAYS;
  return a->month == 12 ? (a->year + 1) * 10000L + 100 + PUBLICATION_SLACK_DAYS
                        : a->year * 10000L + (a->month + 1) * 100L + PUBLICATION_SLACK_DAYS;
}

static bool dates_compatible(const fact_date *a, const fact_date *b) {
  if (a->precision == PRECISION_UNKNOWN || b->precision == PRECISION_UNKNOWN) return true;
  if (date_contains(a, b) || date_contains(b, a)) return true;
  if ((a->basis == BASIS_PUBLICATION || b->basis == BASIS_PUBLICATION) &&
      a->precision == PRECISION_DAY && b->precision == PRECISION_DAY) {
    /* a few days apart can only be within one month or across a month's (or year's) end */
    int months = (a->year - b->year) * 12 + (a->month - b->month);
    if (months > 1 || months < -1) return false;
    long d = fact_days_from_civil(a->year, a->month, a->day) - fact_days_from_civil(b->year, b->month, b->day);
    if (d < 0) d = -d;
    return d <= PUBLICATION_SLACK_DAYS;
  }
  return false;
}

/* ---- quotes ---- */

/* A sketch of a set of hashes: how many fall in each of SKETCH_BINS bins (by their top bits).
 * Two sets have at most the sum over the bins of the smaller count in common, so the sketches
 * of two quotes tell most pairs that are too far apart without their words being compared. */
#define SKETCH_BINS 64
typedef struct hash_sketch {
  unsigned char count[SKETCH_BINS];
} hash_sketch;

typedef struct quote_words {
  uint64_t *seq; /* word hashes in order */
  size_t nseq;
  uint64_t *set; /* sorted, distinct */
  size_t nset;
  uint64_t *pairs; /* hashes of neighbouring words, sorted, distinct */
  size_t npairs;
  bool sketched; /* (false where a bin would count past 255) */
  hash_sketch set_sketch, pair_sketch;
} quote_words;

/* The sketch of the N hashes H into *S; false if a bin would count more than a byte holds. */
static bool sketch_of(const uint64_t *h, size_t n, hash_sketch *s) {
  unsigned count[SKETCH_BINS] = {0};
  for (size_t i = 0; i < n; i++) count[h[i] >> 58]++;
  for (size_t b = 0; b < SKETCH_BINS; b++) {
    if (count[b] > 255) return false;
    s->count[b] = (unsigned char)count[b];
  }
  return true;
}

/* The most hashes the sets sketched by A and B can have in common. */
static size_t sketch_common_bound(const hash_sketch *a, const hash_sketch *b) {
#ifdef __SSE2__
  __m128i sum = _mm_setzero_si128();
  for (size_t k = 0; k < SKETCH_BINS; k += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(a->count + k));
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(b->count + k));
    sum = _mm_add_epi64(sum, _mm_sad_epu8(_mm_min_epu8(x, y), _mm_setzero_si128()));
  }
  return (size_t)_mm_cvtsi128_si64(sum) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
#else
  size_t common = 0;
  for (size_t k = 0; k < SKETCH_BINS; k++)
    common += a->count[k] < b->count[k] ? a->count[k] : b->count[k];
  return common;
#endif
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static size_t sorted_distinct(uint64_t *v, size_t n) {
  if (!n) return 0;
  if (n <= 48) { /* most quotes: insertion sort, without a call per comparison */
    for (size_t i = 1; i < n; i++) {
      uint64_t x = v[i];
      size_t j = i;
      for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
      v[j] = x;
    }
  } else {
    qsort(v, n, sizeof *v, cmp_u64);
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!k || v[k - 1] != v[i]) v[k++] = v[i];
  return k;
}

/* The length of the punctuation character at Q[I], or 0: ASCII other than letters and
 * digits, U+2000-U+206F (quotation marks, dashes, the typographic apostrophe), guillemets. */
static size_t punct_len(const char *q, size_t n, size_t i) {
  unsigned char c = (unsigned char)q[i];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 0;
  if (c < 0x80) return 1;
  if (c == 0xE2 && i + 2 < n && (unsigned char)q[i + 1] == 0x80) return 3;
  if (c == 0xC2 && i + 1 < n &&
      ((unsigned char)q[i + 1] == 0xAB || (unsigned char)q[i + 1] == 0xBB))
    return 2;
  return 0;
}

/* Is the byte run before S an apostrophe (ASCII or U+2019)? */
static bool after_apostrophe(const char *q, size_t s) {
  if (s >= 1 && q[s - 1] == '\'') return true;
  return s >= 3 && (unsigned char)q[s - 3] == 0xE2 && (unsigned char)q[s - 2] == 0x80 &&
         (unsigned char)q[s - 1] == 0x99;
}

/* Words of a quote, lower case, cut to QUOTE_STEM bytes so that "relations" and "relation",
 * "develop" and "developing" agree; "don't" reads as "do not". Bounded: at most
 * QUOTE_MAX_WORDS words count. */
#define QUOTE_MAX_WORDS 4096
static void quote_words_of(const char *q, quote_words *out) {
  memset(out, 0, sizeof *out);
  if (!q) return;
  size_t n = strlen(q), cap = 0;
  char prev[QUOTE_STEM + 1];
  size_t prevlen = 0, prevfull = 0;
  for (size_t i = 0; i < n && out->nseq < QUOTE_MAX_WORDS;) {
    size_t pl = punct_len(q, n, i);
    if (pl) {
      i += pl;
      continue;
    }
    char buf[QUOTE_STEM + 1];
    size_t k = 0, s = i;
    while (i < n && !punct_len(q, n, i)) {
      unsigned char d = (unsigned char)q[i];
      if (k < QUOTE_STEM) buf[k++] = (char)(d >= 'A' && d <= 'Z' ? d - 'A' + 'a' : d);
      i++;
    }
    size_t full = i - s;
    if (full == 1 && buf[0] == 't' && after_apostrophe(q, s) && out->nseq) {
      /* "don't": the n belongs to the "not"; the word before is "do". */
      if (prevfull <= QUOTE_STEM && prevlen > 1 && prev[prevlen - 1] == 'n')
        out->seq[out->nseq - 1] = fg_hash(prev, prevlen - 1);
      memcpy(buf, "not", 3);
      k = 3;
      full = 3;
    }
    VEC_RESERVE(out->seq, out->nseq, cap);
    out->seq[out->nseq++] = fg_hash(buf, k);
    memcpy(prev, buf, k);
    prevlen = k;
    prevfull = full;
  }
  if (!out->nseq) return;
  out->set = xmalloc(out->nseq * sizeof *out->set);
  memcpy(out->set, out->seq, out->nseq * sizeof *out->set);
  out->nset = sorted_distinct(out->set, out->nseq);
  if (out->nseq > 1) {
    out->pairs = xmalloc((out->nseq - 1) * sizeof *out->pairs);
    for (size_t i = 0; i + 1 < out->nseq; i++)
      out->pairs[i] = out->seq[i] * 1099511628211ULL ^ (out->seq[i + 1] + 0x9e3779b97f4a7c15ULL);
    out->npairs = sorted_distinct(out->pairs, out->nseq - 1);
  }
  out->sketched = sketch_of(out->set, out->nset, &out->set_sketch) &&
                  sketch_of(out->pairs, out->npairs, &out->pair_sketch);
}

static void quote_words_free(quote_words *w) {
  free(w->seq);
  free(w->set);
  free(w->pairs);
}

/* Is S's word sequence a run of L's? A rolling hash over L's windows, so that a long quote
 * costs its length, not the product of the two lengths; a hash match is checked in full. */
static bool is_run_of(const quote_words *s, const quote_words *l) {
  size_t m = s->nseq;
  if (m < 2 || m > l->nseq) return false;
  const uint64_t B = 1099511628211ULL;
  uint64_t hs = 0, hl = 0, top = 1;
  for (size_t i = 0; i < m; i++) {
    hs = hs * B + s->seq[i];
    hl = hl * B + l->seq[i];
    if (i) top *= B;
  }
  for (size_t i = 0;; i++) {
    if (hs == hl && memcmp(l->seq + i, s->seq, m * sizeof *s->seq) == 0) return true;
    if (i + m >= l->nseq) return false;
    hl = (hl - l->seq[i] * top) * B + l->seq[i + m];
  }
}

/* How many values the ascending arrays A and B of distinct values have in common. */
static size_t common_count(const uint64_t *a, size_t na, const uint64_t *b, size_t nb) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < na && j < nb;) {
    if (a[i] == b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return common;
}

/* The Dice coefficient of two sets of NA and NB values with COMMON in common. */
static double dice_of(size_t common, size_t na, size_t nb) {
  return na && nb ? 2.0 * (double)common / (double)(na + nb) : 0;
}

/* Shared words say the same thing is talked about; shared neighbouring words that it is said
 * the same way. Translations of one statement share both; two statements of one speaker on
 * one subject share words only. With AT_LEAST, returns -1 as soon as the similarity is
 * known to fall below it (then it may be less than that). */
static double words_similarity_at_least(const quote_words *a, const quote_words *b,
                                        double at_least) {
  if (!a->nset || !b->nset) return 0;
  const quote_words *s = a->nseq <= b->nseq ? a : b, *l = s == a ? b : a;
  if (at_least > 0 && a->sketched && b->sketched) {
    /* What the sketches allow at most (the similarity grows with what is in common), where it
     * cannot be a run of the other's words (which counts as the same words). */
    size_t words = sketch_common_bound(&a->set_sketch, &b->set_sketch);
    size_t pairs = sketch_common_bound(&a->pair_sketch, &b->pair_sketch);
    size_t fewer = a->npairs < b->npairs ? a->npairs : b->npairs;
    size_t most = a->nset < b->nset ? a->nset : b->nset;
    if (words > most) words = most;
    if (words < s->nset &&
        (dice_of(words, a->nset, b->nset) + dice_of(pairs < fewer ? pairs : fewer, a->npairs,
                                                     b->npairs)) / 2 < at_least)
      return -1;
  }
  size_t common = common_count(a->set, a->nset, b->set, b->nset);
  /* a run of the other's words has every one of its words among the other's */
  if (common == s->nset && is_run_of(s, l)) return 1;
  double set = dice_of(common, a->nset, b->nset);
  /* the pairs' part is at most what the smaller set of pairs would give all in common */
  size_t fewer = a->npairs < b->npairs ? a->npairs : b->npairs;
  if ((set + dice_of(fewer, a->npairs, b->npairs)) / 2 < at_least) return -1;
  return (set + dice_of(common_count(a->pairs, a->npairs, b->pairs, b->npairs), a->npairs,
                        b->npairs)) / 2;
}

static double words_similarity(const quote_words *a, const quote_words *b) {
  return words_similarity_at_least(a, b, 0);
}

double fg_quote_similarity(const char *a, const char *b) {
  quote_words x, y;
  quote_words_of(a, &x);
  quote_words_of(b, &y);
  double s = words_similarity(&x, &y);
  quote_words_free(&x);
  quote_words_free(&y);
  return s;
}

bool fg_quote_similarity_reaches(const char *a, const char *b, double at_least) {
  quote_words x, y;
  quote_words_of(a, &x);
  quote_words_of(b, &y);
  bool reaches = words_similarity_at_least(&x, &y, at_least) >= at_least;
  quote_words_free(&x);
  quote_words_free(&y);
  return reaches;
}

/* ---- participants ---- */

static bool is_say(const char *type) { return strcmp(type, "say") == 0; }

/* Types come interned from the graph, so equal types are mostly one pointer. */
static inline int cmp_type(const char *a, const char *b) { return a == b ? 0 : strcmp(a, b); }

/* Types where "A met B" and "B met A" are one fact. */
static bool is_symmetric(const char *type) {
  static const char *const SYM[] = {"meet", "discuss", "negotiate", "agree", "sign", NULL};
  for (size_t i = 0; SYM[i]; i++)
    if (strcmp(type, SYM[i]) == 0) return true;
  return false;
}

/* All participants, sorted, distinct, into OUT (NA + NT slots). */
static size_t all_participants(const fg_event_view *v, size_t *out) {
  size_t n = 0, i = 0, j = 0;
  while (i < v->nactors || j < v->ntargets) {
    size_t x;
    if (j >= v->ntargets || (i < v->nactors && v->actors[i] <= v->targets[j])) {
      x = v->actors[i++];
    } else {
      x = v->targets[j++];
    }
    if (!n || out[n - 1] != x) out[n++] = x;
  }
  return n;
}

/* What a view's type asks of the merge (see view_kind); make_blocks adds what it sees of the
 * view: KIND_ALONE, no participants (score_share pairs it with its neighbours of its type);
 * KIND_DISJOINT, no entity both actor and target (as the graph makes them: then
 * participants_agree counts without merging the lists). */
enum { KIND_SAY = 1, KIND_SYMMETRIC = 2, KIND_ALONE = 4, KIND_DISJOINT = 8 };

static unsigned char view_kind(const fg_event_view *v) {
  return (unsigned char)((is_say(v->type) ? KIND_SAY : 0) |
                         (is_symmetric(v->type) ? KIND_SYMMETRIC : 0));
}

/* Do the participants of A and B (of one type, whose view_kind is KIND) allow one event?
 * *SCORE receives their overlap, 0..1. */
static bool participants_agree(const fg_event_view *a, const fg_event_view *b, unsigned kind,
                               double *score) {
  *score = 0;
  if (kind & KIND_SAY) {
    /* One statement has one speaker. */
    if (!a->nactors || !b->nactors) return false;
    if (!sorted_common(a->actors, a->nactors, b->actors, b->nactors)) return false;
  }
  /* on the stack for the usual few participants: this runs for every candidate pair */
  size_t sa[16], sb[16];
  size_t *pa = a->nactors + a->ntargets <= 16 ? sa : xmalloc((a->nactors + a->ntargets) * sizeof *pa);
  size_t *pb = b->nactors + b->ntargets <= 16 ? sb : xmalloc((b->nactors + b->ntargets) * sizeof *pb);
  size_t na = all_participants(a, pa), nb = all_participants(b, pb);
  bool ok = true;
  if (na && nb) {
    size_t common = sorted_common(pa, na, pb, nb);
    size_t need = na < nb ? na : nb;
    if (need > 2) need = 2;
    /* Where roles matter, only an entity in the same role counts: "X supported A" and "A
     * supported Y" share A, but not as one fact. */
    size_t same = common;
    if (!(kind & KIND_SYMMETRIC))
      same = sorted_common(a->actors, a->nactors, b->actors, b->nactors) +
             sorted_common(a->targets, a->ntargets, b->targets, b->ntargets);
    /* "A met B" and "A met C" share A, but are two meetings. */
    if (same < need) ok = false;
    *score = (double)common / (double)(na + nb - common);
  }
  if (pa != sa) free(pa);
  if (pb != sb) free(pb);
  return ok;
}

/* How many values the short ascending lists A and B (distinct values) have in common: most
 * lists of participants hold one or two. */
static inline size_t few_common(const size_t *a, size_t na, const size_t *b, size_t nb) {
  if (na == 1 || nb == 1) {
    const size_t *one = na == 1 ? a : b, *many = na == 1 ? b : a;
    size_t n = na == 1 ? nb : na;
    for (size_t k = 0; k < n; k++)
      if (many[k] == *one) return 1;
    return 0;
  }
  return na && nb ? sorted_common(a, na, b, nb) : 0;
}

/* participants_agree for views whose actors and targets are disjoint (KIND_DISJOINT): all of
 * one's participants are its actors and targets side by side, and what two views share is
 * what their actors and targets share, four short lists taken two by two. */
static bool participants_agree_disjoint(const fg_event_view *a, const fg_event_view *b,
                                        unsigned kind, double *score) {
  *score = 0;
  size_t actors = few_common(a->actors, a->nactors, b->actors, b->nactors);
  if ((kind & KIND_SAY) && (!a->nactors || !b->nactors || !actors)) return false;
  size_t na = a->nactors + a->ntargets, nb = b->nactors + b->ntargets;
  if (!na || !nb) return true;
  size_t need = na < nb ? na : nb;
  if (need > 2) need = 2;
  size_t same = actors + few_common(a->targets, a->ntargets, b->targets, b->ntargets);
  if (!(kind & KIND_SYMMETRIC) && same < need) return false;
  size_t common = same + few_common(a->actors, a->nactors, b->targets, b->ntargets) +
                  few_common(a->targets, a->ntargets, b->actors, b->nactors);
  if ((kind & KIND_SYMMETRIC) && common < need) return false;
  *score = (double)common / (double)(na + nb - common);
  return true;
}

bool fg_participants_agree(const fg_event_view *a, const fg_event_view *b, const char *type,
                           bool quick, double *score) {
  fg_event_view typed = *a;
  typed.type = type;
  unsigned kind = view_kind(&typed);
  return quick ? participants_agree_disjoint(a, b, kind, score)
               : participants_agree(a, b, kind, score);
}

/* Two different places with a government (two cities, a city and another country) are a
 * conflict; a building or region and a city are not: "the Kremlin" is in "Moscow". */
static bool places_conflict(long pa, entity_type ta, long pb, entity_type tb) {
  return pa >= 0 && pb >= 0 && pa != pb && ta == ENTITY_GPE && tb == ENTITY_GPE;
}

/* ---- pairs and clusters ---- */

typedef struct merger {
  const fg_event_view *const *v;
  size_t n;
  /* the words of each distinct quote some pair compares (QOF[i]: view I's quote's index, for
   * such views only; views whose quote is the same string share it) */
  quote_words *qw;
  uint32_t *qof;
  const char **quotes; /* each index's string */
  unsigned char *kind; /* each view's view_kind */
} merger;

typedef struct epair {
  uint32_t a, b; /* view indexes (fg_merge_events takes fewer than 2^32 views) */
  double score;
} epair;

/* Can views I and J be one event, as far as all but their quotes' words tell? *PS receives
 * the participants' overlap; *QUOTED is set when the two are says with quotes, whose words
 * must still be close enough (pair_score). */
static bool pair_allowed(const merger *m, size_t i, size_t j, double *ps, bool *quoted) {
  const fg_event_view *a = m->v[i], *b = m->v[j];
  *quoted = false;
  if (cmp_type(a->type, b->type) != 0 || a->negated != b->negated ||
      a->hypothetical != b->hypothetical)
    return false;
  if (!dates_compatible(&a->date, &b->date)) return false;
  if (places_conflict(a->place, a->place_type, b->place, b->place_type)) return false;
  bool disjoint = m->kind[i] & m->kind[j] & KIND_DISJOINT;
  if (!(disjoint ? participants_agree_disjoint(a, b, m->kind[i], ps)
                 : participants_agree(a, b, m->kind[i], ps)))
    return false;
  if (m->kind[i] & KIND_SAY) {
    if ((a->quote == NULL) != (b->quote == NULL)) return false;
    if (a->quote) {
      /* One article's two quotes are two statements, unless they are the same words. */
      if (a->doc == b->doc && strcmp(a->quote, b->quote) != 0) return false;
      *quoted = true;
    }
  }
  return true;
}

/* The score of an allowed pair into *P, from the participants' overlap PS and, if QUOTED,
 * the similarity of the quotes' words, which must reach QUOTE_MATCH (else false). */
static bool pair_score(const merger *m, size_t i, size_t j, double ps, bool quoted, epair *p) {
  const fg_event_view *a = m->v[i], *b = m->v[j];
  double s = ps;
  if (quoted) {
    /* (most pairs compared fall short: many are told so before their pairs of words are) */
    double q = words_similarity_at_least(&m->qw[m->qof[i]], &m->qw[m->qof[j]], QUOTE_MATCH);
    if (q < QUOTE_MATCH) return false;
    s += q;
  }
  if (a->date.precision != PRECISION_UNKNOWN && a->date.precision == b->date.precision &&
      a->date.year == b->date.year && a->date.month == b->date.month && a->date.day == b->date.day)
    s += 0.5;
  if (a->place >= 0 && a->place == b->place) s += 0.2;
  p->a = (uint32_t)i;
  p->b = (uint32_t)j;
  p->score = s;
  return true;
}

/* The pairs are joined in order of score, highest first, then of a, then of b: sorted by
 * (a, b), then stably by score (sort_stable_by_key: a large run has millions of pairs, and
 * these sorts take no comparisons). */
static uint64_t pair_key_ab(const void *p) {
  const epair *e = p;
  return (uint64_t)e->a << 32 | e->b;
}

static uint64_t pair_key_score(const void *p) { return ~double_key(((const epair *)p)->score); }

/* What a cluster must keep consistent: its distinct dates and places, its say reports'
 * articles, and its participants (sorted, distinct: the union of its members' actors, and of
 * their targets). */
typedef struct efacets {
  fact_date *dates;
  size_t ndates, capdates;
  size_t *actors, *targets;
  size_t nactors, ntargets;
  long *places;
  entity_type *place_types;
  size_t nplaces, capplaces;
  uint32_t *docs; /* sorted, distinct */
  size_t ndocs, capdocs;
} efacets;

/* The clusters of views, a union-find: a view's cluster is its root's. A root's facets are
 * made when its cluster first meets another (most views stay alone), in a pool: the
 * union-find itself stays small (eight bytes a view) and quick to walk. */
typedef struct ecluster {
  uint32_t parent;
  uint32_t facets; /* a root's: its facets' index in the pool + 1; 0 before they are made */
} ecluster;

typedef struct eclusters {
  ecluster *c;
  efacets *pool;
  size_t npool, cappool;
} eclusters;

static size_t eroot(ecluster *c, size_t x) {
  size_t r = x;
  while (c[r].parent != r) r = c[r].parent;
  while (c[x].parent != r) {
    size_t next = c[x].parent;
    c[x].parent = (uint32_t)r;
    x = next;
  }
  return r;
}

/* Caps on what a cluster remembers, so that checks stay cheap: a cluster with more distinct
 * dates, places or participants than this takes no more members. */
#define MAX_CLUSTER_FACETS 64

/* Can clusters X and Y be one event (their views of kind KIND; SAY: quoted says, which one
 * article states once)? Each pair that joins two clusters agrees by itself, and so must the
 * clusters as wholes: their participants as those of two reports (participants_agree).
 * Otherwise a report that names only A ("A loaned money") joins "A loaned to X" to "A loaned
 * to Y", and, over a large corpus, chains of them made events of dozens of participants
 * (up to 134 over 256 MB of news, whose relations then filled gigabytes of graph.dot). */
static bool clusters_compatible(const efacets *x, const efacets *y, bool say, unsigned kind) {
  if (x->ndates + y->ndates > MAX_CLUSTER_FACETS || x->nplaces + y->nplaces > MAX_CLUSTER_FACETS)
    return false;
  size_t actors = x->nactors + y->nactors - sorted_common(x->actors, x->nactors, y->actors, y->nactors);
  size_t targets =
      x->ntargets + y->ntargets - sorted_common(x->targets, x->ntargets, y->targets, y->ntargets);
  if (actors + targets > MAX_CLUSTER_FACETS) return false;
  fg_event_view a = {.actors = x->actors, .nactors = (uint32_t)x->nactors,
                     .targets = x->targets, .ntargets = (uint32_t)x->ntargets};
  fg_event_view b = {.actors = y->actors, .nactors = (uint32_t)y->nactors,
                     .targets = y->targets, .ntargets = (uint32_t)y->ntargets};
  double score;
  if (!participants_agree(&a, &b, kind, &score)) return false;
  for (size_t i = 0; i < x->ndates; i++)
    for (size_t j = 0; j < y->ndates; j++)
      if (!dates_compatible(&x->dates[i], &y->dates[j])) return false;
  for (size_t i = 0; i < x->nplaces; i++)
    for (size_t j = 0; j < y->nplaces; j++)
      if (places_conflict(x->places[i], x->place_types[i], y->places[j], y->place_types[j]))
        return false;
  if (say)
    for (size_t i = 0, j = 0; i < x->ndocs && j < y->ndocs;) {
      if (x->docs[i] == y->docs[j]) return false;
      if (x->docs[i] < y->docs[j]) i++;
      else j++;
    }
  return true;
}

/* Gives the root R of a lone view V's cluster the view's facets, if it has none yet. Done
 * when the cluster first meets another, not for every view: most views stay alone. */
static void make_facets(eclusters *cs, size_t r, const fg_event_view *v) {
  if (cs->c[r].facets) return;
  VEC_RESERVE(cs->pool, cs->npool, cs->cappool);
  efacets *c = &cs->pool[cs->npool++];
  memset(c, 0, sizeof *c);
  cs->c[r].facets = (uint32_t)cs->npool;
  if (v->date.precision != PRECISION_UNKNOWN) {
    c->dates = xmalloc(sizeof *c->dates);
    c->capdates = 1;
    c->dates[c->ndates++] = v->date;
  }
  /* (a view's lists are sorted and distinct) */
  c->nactors = v->nactors;
  c->actors = xmalloc((v->nactors ? v->nactors : 1) * sizeof *c->actors);
  if (v->nactors) memcpy(c->actors, v->actors, v->nactors * sizeof *c->actors);
  c->ntargets = v->ntargets;
  c->targets = xmalloc((v->ntargets ? v->ntargets : 1) * sizeof *c->targets);
  if (v->ntargets) memcpy(c->targets, v->targets, v->ntargets * sizeof *c->targets);
  if (v->place >= 0) {
    c->places = xmalloc(sizeof *c->places);
    c->place_types = xmalloc(sizeof *c->place_types);
    c->capplaces = 1;
    c->place_types[0] = v->place_type;
    c->places[c->nplaces++] = v->place;
  }
  c->docs = xmalloc(sizeof *c->docs);
  c->capdocs = 1;
  c->docs[c->ndocs++] = v->doc;
}

static bool same_date(const fact_date *a, const fact_date *b) {
  return a->precision == b->precision && a->basis == b->basis && a->year == b->year &&
         a->month == b->month && a->day == b->day;
}

/* The union of the sorted, distinct lists *A (*NA, allocated) and B into *A. */
static void unite(size_t **a, size_t *na, const size_t *b, size_t nb) {
  if (!nb) return;
  size_t *m = xmalloc((*na + nb) * sizeof *m), k = 0, i = 0, j = 0;
  while (i < *na || j < nb) {
    size_t x = j >= nb || (i < *na && (*a)[i] <= b[j]) ? (*a)[i++] : b[j++];
    if (!k || m[k - 1] != x) m[k++] = x;
  }
  free(*a);
  *a = m;
  *na = k;
}

static void absorb(efacets *into, efacets *from) {
  unite(&into->actors, &into->nactors, from->actors, from->nactors);
  unite(&into->targets, &into->ntargets, from->targets, from->ntargets);
  for (size_t i = 0; i < from->ndates; i++) {
    bool have = false;
    for (size_t j = 0; j < into->ndates && !have; j++)
      have = same_date(&into->dates[j], &from->dates[i]);
    if (have) continue;
    VEC_RESERVE(into->dates, into->ndates, into->capdates);
    into->dates[into->ndates++] = from->dates[i];
  }
  for (size_t i = 0; i < from->nplaces; i++) {
    bool have = false;
    for (size_t j = 0; j < into->nplaces && !have; j++) have = into->places[j] == from->places[i];
    if (have) continue;
    size_t cap = into->capplaces;
    VEC_RESERVE(into->places, into->nplaces, into->capplaces);
    if (cap != into->capplaces)
      into->place_types = xrealloc(into->place_types, into->capplaces * sizeof *into->place_types);
    into->place_types[into->nplaces] = from->place_types[i];
    into->places[into->nplaces++] = from->places[i];
  }
  if (from->ndocs) {
    /* Merge the two sorted lists. */
    size_t cap = into->ndocs + from->ndocs;
    uint32_t *m = xmalloc(cap * sizeof *m);
    size_t k = 0, i = 0, j = 0;
    while (i < into->ndocs || j < from->ndocs) {
      uint32_t d;
      if (j >= from->ndocs || (i < into->ndocs && into->docs[i] <= from->docs[j])) d = into->docs[i++];
      else d = from->docs[j++];
      if (!k || m[k - 1] != d) m[k++] = d;
    }
    free(into->docs);
    into->docs = m;
    into->ndocs = k;
    into->capdocs = cap;
  }
  free(from->dates);
  free(from->places);
  free(from->place_types);
  free(from->docs);
  free(from->actors);
  free(from->targets);
  from->actors = from->targets = NULL;
  from->nactors = from->ntargets = 0;
  from->dates = NULL;
  from->places = NULL;
  from->place_types = NULL;
  from->docs = NULL;
  from->ndates = from->nplaces = from->ndocs = 0;
}

/* The facets of root R, once made (make_facets). */
static efacets *facets_of(const eclusters *cs, size_t r) { return &cs->pool[cs->c[r].facets - 1]; }

/* Joins the clusters of roots RA and RB, both with their facets made: the lower is the root. */
static void ejoin(eclusters *cs, size_t ra, size_t rb) {
  if (rb < ra) {
    size_t t = ra;
    ra = rb;
    rb = t;
  }
  cs->c[rb].parent = (uint32_t)ra;
  absorb(facets_of(cs, ra), facets_of(cs, rb));
}

/* ---- blocks ---- */

/* A view's entry in a block: a block is the entries of one participant WHO (-1: none), flags
 * (negated 1, hypothetical 2) and type; the view's date_rank is beside it, read for every pair
 * a block makes. Entries are many (one per participant of a view) and, while they are sorted,
 * held twice at once, as the merge's memory peaks: 16 bytes, with the type as its number in
 * byte order (type_numbers). */
typedef struct eblock {
  uint32_t item;  /* the view */
  int32_t rank;   /* date_rank of its date */
  int32_t who;    /* an entity index (below INT32_MAX: make_blocks checks) or -1 */
  uint32_t typed; /* the type's number (below 2^30: checked) << 2 | the flags */
} eblock;

static int cmp_eblock(const void *x, const void *y) {
  const eblock *a = x, *b = y;
  if (a->who != b->who) return a->who < b->who ? -1 : 1;
  if ((a->typed & 3) != (b->typed & 3)) return (a->typed & 3) < (b->typed & 3) ? -1 : 1;
  if (a->typed != b->typed) return a->typed < b->typed ? -1 : 1;
  return a->item < b->item ? -1 : a->item > b->item;
}

/* An entry's participant and flags as one number: WHO from -1, four FLAGS. */
static size_t block_key(const eblock *b) {
  return (size_t)((int64_t)b->who + 1) * 4 + (b->typed & 3);
}

static bool same_block(const eblock *a, const eblock *b) {
  return a->who == b->who && a->typed == b->typed;
}

static void add_block(eblock **bl, size_t *n, size_t *cap, const fg_event_view *v, size_t i,
                      uint32_t type, int32_t rank, int32_t who) {
  VEC_RESERVE(*bl, *n, *cap);
  (*bl)[(*n)++] = (eblock){(uint32_t)i, rank, who,
                           type << 2 | (v->negated ? 1u : 0u) | (v->hypothetical ? 2u : 0u)};
}

/* The views' types as numbers in their byte order (equal names, one number), for the
 * blocks' entries: TYPES holds each distinct pointer once, in address order, NUMBER[k] the
 * number of TYPES[k]. */
typedef struct type_numbers {
  const char **types;
  uint32_t *number;
  size_t n;
} type_numbers;

static int cmp_address(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)*(const char *const *)a, y = (uintptr_t)*(const char *const *)b;
  return x < y ? -1 : x > y;
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void type_numbers_make(type_numbers *t, const fg_event_view *const *v, size_t n) {
  /* (each run of one pointer once: the views come mostly in type order) */
  size_t cap = 16, k = 0;
  const char **all = xmalloc(cap * sizeof *all);
  for (size_t i = 0; i < n; i++)
    if (!i || v[i]->type != v[i - 1]->type) {
      VEC_RESERVE(all, k, cap);
      all[k++] = v[i]->type;
    }
  qsort(all, k, sizeof *all, cmp_address);
  size_t m = 0;
  for (size_t i = 0; i < k; i++)
    if (!m || all[m - 1] != all[i]) all[m++] = all[i];
  const char **by_name = xmalloc((m ? m : 1) * sizeof *by_name);
  memcpy(by_name, all, m * sizeof *all);
  qsort(by_name, m, sizeof *by_name, cmp_name);
  t->types = all;
  t->n = m;
  t->number = xmalloc((m ? m : 1) * sizeof *t->number);
  for (size_t i = 0, num = 0; i < m; i++) {
    if (i && strcmp(by_name[i], by_name[i - 1]) != 0) num++;
    const char **at = bsearch(&by_name[i], all, m, sizeof *all, cmp_address);
    t->number[at - all] = (uint32_t)num;
  }
  free(by_name);
}

static uint32_t type_number(const type_numbers *t, const char *type) {
  const char **at = bsearch(&type, t->types, t->n, sizeof *t->types, cmp_address);
  return t->number[at - t->types];
}

/* One thread's share of the blocks: views [LO, HI) get their kind and their entries in BL,
 * in item order. */
typedef struct block_share {
  merger *m;
  const type_numbers *types;
  size_t lo, hi;
  eblock *bl;
  size_t n, cap;
  long top;        /* the largest WHO of the entries (-1 if none has one) */
  bool type_order; /* the views LO - 1 .. HI - 1 come in order of type */
  bool too_many;   /* a participant's index does not fit an entry (INT32_MAX or more) */
} block_share;

static void *make_blocks(void *arg) {
  block_share *sh = arg;
  /* The views lie anywhere in memory, in type order: each is asked for a few ahead, and the
   * kind of a type is found once for each run of it (types are interned: one pointer). */
  enum { AHEAD = 8 };
  const char *kind_type = sh->lo ? sh->m->v[sh->lo - 1]->type : NULL;
  unsigned char kind = 0;
  uint32_t type = 0;
  bool kind_known = false;
  sh->top = -1;
  sh->type_order = true;
  for (size_t i = sh->lo; i < sh->hi; i++) {
    if (i + AHEAD < sh->hi) __builtin_prefetch(sh->m->v[i + AHEAD]);
    if (i + AHEAD / 2 < sh->hi) {
      const fg_event_view *ahead = sh->m->v[i + AHEAD / 2];
      if (ahead->nactors) __builtin_prefetch(ahead->actors);
      if (ahead->ntargets) __builtin_prefetch(ahead->targets);
    }
    const fg_event_view *e = sh->m->v[i];
    if (!kind_known || e->type != kind_type) {
      if (kind_type && cmp_type(kind_type, e->type) > 0) sh->type_order = false;
      kind_type = e->type;
      kind = view_kind(e);
      type = type_number(sh->types, e->type);
      kind_known = true;
    }
    sh->m->kind[i] = (unsigned char)(kind | (e->nactors || e->ntargets ? 0 : KIND_ALONE) |
                                     (sorted_common(e->actors, e->nactors, e->targets,
                                                    e->ntargets) ? 0 : KIND_DISJOINT));
    int32_t rank = (int32_t)date_rank(&e->date);
    size_t added = 0;
    for (size_t k = 0; k < e->nactors; k++, added++) {
      if (e->actors[k] >= INT32_MAX) sh->too_many = true;
      add_block(&sh->bl, &sh->n, &sh->cap, e, i, type, rank, (int32_t)e->actors[k]);
    }
    if (!(kind & KIND_SAY))
      for (size_t k = 0; k < e->ntargets; k++, added++) {
        if (e->targets[k] >= INT32_MAX) sh->too_many = true;
        add_block(&sh->bl, &sh->n, &sh->cap, e, i, type, rank, (int32_t)e->targets[k]);
      }
    if (!added) add_block(&sh->bl, &sh->n, &sh->cap, e, i, type, rank, -1);
  }
  for (size_t k = 0; k < sh->n; k++)
    if (sh->bl[k].who > sh->top) sh->top = sh->bl[k].who;
  return NULL;
}

/* One share's part of sort_blocks' counting sort: its entries counted by key (AT), then
 * each put in OUT where the next of its key goes (AT, by then made the places). */
typedef struct place_share {
  const block_share *bs;
  size_t *at;
  eblock *out;
} place_share;

static void *count_entries(void *arg) {
  place_share *p = arg;
  for (size_t i = 0; i < p->bs->n; i++) p->at[block_key(&p->bs->bl[i])]++;
  return NULL;
}

static void *place_entries(void *arg) {
  place_share *p = arg;
  for (size_t i = 0; i < p->bs->n; i++) p->out[p->at[block_key(&p->bs->bl[i])]++] = p->bs->bl[i];
  return NULL;
}

/* The entries of both shares in one array, as cmp_eblock orders them; *N receives their
 * number. They come in item order (the first share's items before the second's), and views
 * come sorted by type: then a stable counting sort on participant and flags is the whole
 * sort, in time linear in their number. Where the shares found the types out of order, or the
 * participants' numbers too large for a count each, a full sort keeps any order of views
 * correct. */
static eblock *sort_blocks(const block_share bs[2], int jobs, size_t *n) {
  *n = bs[0].n + bs[1].n;
  long top = bs[0].top > bs[1].top ? bs[0].top : bs[1].top;
  size_t nkeys = ((size_t)(top + 2)) * 4; /* the block_key values */
  if (!bs[0].type_order || !bs[1].type_order || nkeys / 8 >= *n) {
    eblock *bl = append_array(bs[0].bl, bs[0].n, bs[1].bl, bs[1].n, sizeof *bl);
    free(bs[1].bl);
    sort_on_threads(bl, *n, sizeof *bl, cmp_eblock, jobs, NULL, NULL);
    return bl;
  }
  /* each share's entries counted and placed by a thread of its own (the second share's
   * entries of a key after the first's) */
  eblock *out = xmalloc((*n ? *n : 1) * sizeof *out);
  place_share ps[2] = {{&bs[0], xcalloc(nkeys, sizeof(size_t)), out},
                       {&bs[1], xcalloc(nkeys, sizeof(size_t)), out}};
  bool two = jobs > 1;
  run_both_if(two, count_entries, &ps[0], &ps[1]);
  for (size_t c = 0, at = 0; c < nkeys; c++)
    for (int k = 0; k < 2; k++) {
      size_t count = ps[k].at[c];
      ps[k].at[c] = at;
      at += count;
    }
  run_both_if(two, place_entries, &ps[0], &ps[1]);
  for (int k = 0; k < 2; k++) {
    free(ps[k].at);
    free(bs[k].bl);
  }
  return out;
}

/* One thread's share of the candidate pairs: the blocks [LO, HI) (runs of BL, starting at
 * BSTART[k]) and, if ALONE, the events without participants. Pairs of quotes wait in QUOTED
 * (with their score so far) until the words of every quote compared are made. */
typedef struct pair_share {
  const merger *m;
  const eblock *bl;
  const size_t *bstart;
  size_t lo, hi;
  bool alone;
  epair *pairs, *quoted;
  size_t np, cap, nq, capq;
} pair_share;

static void share_add(pair_share *sh, size_t i, size_t j) {
  double ps;
  bool quoted;
  if (!pair_allowed(sh->m, i, j, &ps, &quoted)) return;
  if (quoted) {
    VEC_RESERVE(sh->quoted, sh->nq, sh->capq);
    sh->quoted[sh->nq++] = (epair){(uint32_t)i, (uint32_t)j, ps};
    return;
  }
  VEC_RESERVE(sh->pairs, sh->np, sh->cap);
  pair_score(sh->m, i, j, ps, false, &sh->pairs[sh->np++]);
}

/* Scores the share's waiting pairs of quotes, now that their words are made; then sorts the
 * share's pairs as they are joined (pair_before), each share on its own thread. */
static void *score_quoted(void *arg) {
  pair_share *sh = arg;
  for (size_t k = 0; k < sh->nq; k++) {
    epair p;
    if (!pair_score(sh->m, sh->quoted[k].a, sh->quoted[k].b, sh->quoted[k].score, true, &p))
      continue;
    VEC_RESERVE(sh->pairs, sh->np, sh->cap);
    sh->pairs[sh->np++] = p;
  }
  free(sh->quoted);
  sh->quoted = NULL;
  sort_stable_by_key(sh->pairs, sh->np, sizeof *sh->pairs, pair_key_ab);
  sort_stable_by_key(sh->pairs, sh->np, sizeof *sh->pairs, pair_key_score); /* (a, b) kept */
  return NULL;
}

/* Does pair X come before pair Y as they are joined: higher score first, then A, then B? */
static bool pair_before(const epair *x, const epair *y) {
  uint64_t kx = pair_key_score(x), ky = pair_key_score(y);
  return kx != ky ? kx < ky : pair_key_ab(x) < pair_key_ab(y);
}

/* The pairs of both shares, each list sorted (score_quoted), in one list sorted so, a pair
 * found twice (two views that share two participants are in two blocks) once: it has the
 * same score both times, so its copies are neighbours. *N receives the number. */
static epair *merge_pair_lists(const pair_share sh[2], size_t *n) {
  epair *out = xmalloc((sh[0].np + sh[1].np ? sh[0].np + sh[1].np : 1) * sizeof *out);
  size_t i = 0, j = 0, k = 0;
  while (i < sh[0].np || j < sh[1].np) {
    bool first = j >= sh[1].np || (i < sh[0].np && !pair_before(&sh[1].pairs[j], &sh[0].pairs[i]));
    const epair *p = first ? &sh[0].pairs[i++] : &sh[1].pairs[j++];
    if (!k || out[k - 1].a != p->a || out[k - 1].b != p->b) out[k++] = *p;
  }
  *n = k;
  return out;
}

/* Makes the words of the quotes [LO, HI). */
typedef struct words_range {
  merger *m;
  size_t lo, hi;
} words_range;

static void *quote_words_range(void *arg) {
  words_range *w = arg;
  for (size_t q = w->lo; q < w->hi; q++) quote_words_of(w->m->quotes[q], &w->m->qw[q]);
  return NULL;
}

/* Numbers the distinct quote strings of the NNEED views that NEED them, in order of first
 * view (QOF, QUOTES); returns how many. Equal strings are mostly one pointer (the graph keeps
 * one copy of each text), so they are told apart by address: two copies of one text only
 * cost their words twice. */
static size_t number_quotes(const fg_event_view *const *v, size_t n, const bool *need,
                            size_t nneed, uint32_t *qof, const char **quotes) {
  size_t cap = 16;
  while (cap < 2 * nneed) cap *= 2;
  uint32_t *slot = xmalloc(cap * sizeof *slot); /* a quote's index + 1, 0 = empty */
  memset(slot, 0, cap * sizeof *slot);
  size_t nq = 0;
  for (size_t i = 0; i < n; i++) {
    const char *q = v[i]->quote;
    if (!need[i] || !q) continue;
    uint64_t h = (uint64_t)(uintptr_t)q * 0x9E3779B97F4A7C15ULL;
    size_t k = (size_t)(h >> 32) & (cap - 1);
    while (slot[k] && quotes[slot[k] - 1] != q) k = (k + 1) & (cap - 1);
    if (!slot[k]) {
      quotes[nq] = q;
      slot[k] = (uint32_t)++nq;
    }
    qof[i] = slot[k] - 1;
  }
  free(slot);
  return nq;
}

/* How far ahead score_share asks for the views its pairs read. */
enum { PAIR_AHEAD = 8 };

static void *score_share(void *arg) {
  pair_share *sh = arg;
  const fg_event_view *const *v = sh->m->v;
  size_t n = sh->m->n;
  /* An event without participants may join any of its type with a compatible date. Views
   * come sorted by type, then date, so those are its neighbours in view order. */
  const unsigned char *kind = sh->m->kind;
  for (size_t i = 0; sh->alone && i < n; i++) {
    if (!(kind[i] & KIND_ALONE)) continue;
    size_t lo = i > BLOCK_WINDOW ? i - BLOCK_WINDOW : 0;
    for (size_t j = lo; j < n && j <= i + BLOCK_WINDOW; j++) {
      if (j == i || cmp_type(v[j]->type, v[i]->type) != 0) continue;
      if ((kind[j] & KIND_ALONE) && j < i) continue; /* that pair is seen from j */
      share_add(sh, i < j ? i : j, i < j ? j : i);
    }
  }
  for (size_t k = sh->lo; k < sh->hi; k++) {
    const eblock *bl = sh->bl;
    size_t s = sh->bstart[k], e = sh->bstart[k + 1];
    /* The graph hands views in date order within a type; then, past the last date compatible
     * with a view, no later one is. (Checked, so that any order stays correct.) */
    bool by_date = true;
    for (size_t q = s + 1; q < e && by_date; q++) by_date = bl[q - 1].rank <= bl[q].rank;
    for (size_t i = s; i < e; i++) {
      /* (the views lie anywhere: what the pairs ahead read is asked for) */
      size_t ahead = i + BLOCK_WINDOW + PAIR_AHEAD;
      if (ahead < e) __builtin_prefetch(v[bl[ahead].item]);
      if (ahead - PAIR_AHEAD / 2 < e) {
        const fg_event_view *w = v[bl[ahead - PAIR_AHEAD / 2].item];
        if (w->nactors) __builtin_prefetch(w->actors);
        if (w->ntargets) __builtin_prefetch(w->targets);
      }
      long last = by_date ? last_compatible_rank(&v[bl[i].item]->date) : LONG_MAX;
      for (size_t j = i + 1; j < e && j <= i + BLOCK_WINDOW; j++) {
        if (bl[j].rank > last) break;
        share_add(sh, bl[i].item, bl[j].item);
      }
    }
  }
  return NULL;
}

/* One thread's part of the walk over the pairs: those of views [LO, HI), in order, join
 * clusters in C (shared: the other thread's views are elsewhere in it), their facets in a
 * pool of the thread's own, freed at the end. */
typedef struct walk_share {
  const merger *m;
  const epair *pairs;
  size_t np;
  ecluster *c;
  size_t lo, hi;
} walk_share;

static void *walk_pairs(void *arg) {
  walk_share *w = arg;
  const merger *m = w->m;
  const fg_event_view *const *v = m->v;
  const epair *pairs = w->pairs;
  ecluster *c = w->c;
  eclusters cs = {c, NULL, 0, 0};
  /* The pairs go in order of score, their views in no order: what a pair reads is fetched a
   * few pairs ahead. */
  enum { AHEAD = 8 };
  for (size_t k = 0; k < w->np; k++) {
    if (k + AHEAD < w->np && pairs[k + AHEAD].a >= w->lo && pairs[k + AHEAD].a < w->hi) {
      const epair *ahead = &pairs[k + AHEAD];
      __builtin_prefetch(&c[ahead->a]);
      __builtin_prefetch(&c[ahead->b]);
      __builtin_prefetch(v[ahead->a]);
      __builtin_prefetch(v[ahead->b]);
      __builtin_prefetch(&m->kind[ahead->a]);
    }
    if (pairs[k].a < w->lo || pairs[k].a >= w->hi) continue;
    size_t ra = eroot(c, pairs[k].a), rb = eroot(c, pairs[k].b);
    if (ra == rb) continue;
    const fg_event_view *a = v[pairs[k].a], *b = v[pairs[k].b];
    /* The same words in one article (a pull quote) are one report, not a conflict. */
    bool dup = a->quote && b->quote && a->doc == b->doc && strcmp(a->quote, b->quote) == 0;
    make_facets(&cs, ra, v[ra]);
    make_facets(&cs, rb, v[rb]);
    bool say = (m->kind[pairs[k].a] & KIND_SAY) && a->quote && !dup;
    unsigned kind = m->kind[pairs[k].a] & (KIND_SAY | KIND_SYMMETRIC);
    if (!clusters_compatible(facets_of(&cs, ra), facets_of(&cs, rb), say, kind)) continue;
    ejoin(&cs, ra, rb);
  }
  for (size_t i = 0; i < cs.npool; i++) {
    free(cs.pool[i].actors);
    free(cs.pool[i].targets);
    free(cs.pool[i].dates);
    free(cs.pool[i].places);
    free(cs.pool[i].place_types);
    free(cs.pool[i].docs);
  }
  free(cs.pool);
  return NULL;
}

/* Where to cut the N views in two for two walks (walk_share): a view index with no pair
 * between a view before it and one at or after it, where about half the pairs are before;
 * 0 if no cut leaves pairs on both sides. */
static size_t walk_cut(const epair *pairs, size_t np, size_t n) {
  /* per view: how many pairs have it as their lower view, and the highest view + 1 they reach */
  uint32_t *count = xcalloc(n, sizeof *count), *reach = xcalloc(n, sizeof *reach);
  for (size_t k = 0; k < np; k++) {
    uint32_t lo = pairs[k].a < pairs[k].b ? pairs[k].a : pairs[k].b;
    uint32_t hi = pairs[k].a < pairs[k].b ? pairs[k].b : pairs[k].a;
    count[lo]++;
    if (hi + 1 > reach[lo]) reach[lo] = hi + 1;
  }
  size_t best = 0, best_gap = np, before = 0, far = 0;
  for (size_t i = 0; i < n; i++) {
    /* a cut at I: the views before it reach no further than I */
    if (i > 0 && far <= i && before > 0 && before < np) {
      size_t gap = before > np / 2 ? before - np / 2 : np / 2 - before;
      if (gap < best_gap) {
        best_gap = gap;
        best = i;
      }
    }
    before += count[i];
    if (reach[i] > far) far = reach[i];
  }
  free(count);
  free(reach);
  return best;
}

void fg_merge_events(const fg_event_view *const *v, size_t n, int jobs, size_t *cluster_of,
                     size_t *nclusters) {
  *nclusters = 0;
  if (!n) return;
  if (n > UINT32_MAX) { /* beyond what pairs index: every view its own event */
    for (size_t i = 0; i < n; i++) cluster_of[i] = i;
    *nclusters = n;
    return;
  }
  bool two = jobs > 1;
  merger m = {v, n, NULL, NULL, NULL, xmalloc(n)};

  /* Blocks: events of one type and polarity sharing a participant (a say: its speaker); made
   * in two shares of the views, one list after the other (sorted next). */
  type_numbers types;
  type_numbers_make(&types, v, n);
  block_share bs[2] = {{&m, &types, 0, two ? n / 2 : n, NULL, 0, 0, -1, true, false},
                       {&m, &types, two ? n / 2 : n, n, NULL, 0, 0, -1, true, false}};
  run_both_if(bs[1].lo < n, make_blocks, &bs[0], &bs[1]);
  free(types.types);
  free(types.number);
  /* (not from the graph: its entities and types are fewer) */
  if (bs[0].too_many || bs[1].too_many || types.n >= (size_t)1 << 30) {
    free(bs[0].bl);
    free(bs[1].bl);
    free(m.kind);
    for (size_t i = 0; i < n; i++) cluster_of[i] = i;
    *nclusters = n;
    return;
  }
  size_t nbl;
  eblock *bl = sort_blocks(bs, jobs, &nbl);
  size_t *bstart = xmalloc((nbl + 1) * sizeof *bstart), nb = 0;
  for (size_t s = 0; s < nbl;) {
    size_t e = s + 1;
    while (e < nbl && same_block(&bl[e], &bl[s])) e++;
    bstart[nb++] = s;
    s = e;
  }
  bstart[nb] = nbl;
  /* Two shares cut where about half the pairs to score are before: the two lists, one after
   * the other, hold the pairs one share would find (their order does not matter: they are
   * sorted next). */
  size_t cut = nb;
  if (two) {
    size_t total = 0, done = 0;
    for (size_t k = 0; k < nb; k++)
      total += fg_window_pairs(bstart[k + 1] - bstart[k], BLOCK_WINDOW);
    for (cut = 0; cut < nb && done < total / 2; cut++)
      done += fg_window_pairs(bstart[cut + 1] - bstart[cut], BLOCK_WINDOW);
  }
  pair_share sh[2] = {{.m = &m, .bl = bl, .bstart = bstart, .lo = 0, .hi = cut, .alone = true},
                      {.m = &m, .bl = bl, .bstart = bstart, .lo = cut, .hi = nb, .alone = false}};
  run_both_if(cut < nb, score_share, &sh[0], &sh[1]);
  free(bl);
  free(bstart);
  /* The words of the quotes that some pair compares (most are never compared: their
   * speaker says nothing else), in two shares of about as many quotes; then those pairs. */
  bool *need = xcalloc(n, sizeof *need);
  size_t nneed = 0;
  for (int k = 0; k < 2; k++)
    for (size_t q = 0; q < sh[k].nq; q++) {
      nneed += !need[sh[k].quoted[q].a] + !need[sh[k].quoted[q].b];
      need[sh[k].quoted[q].a] = need[sh[k].quoted[q].b] = true;
    }
  m.qof = xmalloc(n * sizeof *m.qof); /* (n > 0 here) */
  m.quotes = xmalloc((nneed ? nneed : 1) * sizeof *m.quotes);
  size_t nquotes = number_quotes(v, n, need, nneed, m.qof, m.quotes);
  free(need);
  m.qw = xcalloc(nquotes ? nquotes : 1, sizeof *m.qw);
  size_t wcut = two ? nquotes / 2 : nquotes;
  words_range w[2] = {{&m, 0, wcut}, {&m, wcut, nquotes}};
  run_both_if(wcut < nquotes, quote_words_range, &w[0], &w[1]);
  run_both_if(two, score_quoted, &sh[0], &sh[1]);
  size_t np;
  epair *pairs = merge_pair_lists(sh, &np);
  free(sh[0].pairs);
  free(sh[1].pairs);
  /* the quotes' words served the scores; the clusters need memory more */
  for (size_t q = 0; q < nquotes; q++) quote_words_free(&m.qw[q]);
  free(m.qw);
  free(m.qof);
  free(m.quotes);

  /* The walk over the pairs in order of score: each joins two clusters if what they hold
   * agrees (clusters_compatible), so the order matters. Pairs join views of one type and
   * the views are in order of type: with two threads, the views are cut in two where no pair
   * joins one side to the other, and each thread walks the pairs of its side, in order,
   * which makes the joins one walk would. */
  ecluster *c = xmalloc(n * sizeof *c);
  for (size_t i = 0; i < n; i++) c[i] = (ecluster){(uint32_t)i, 0};
  size_t vcut = two ? walk_cut(pairs, np, n) : 0;
  size_t mid = vcut ? vcut : n;
  walk_share walk[2] = {{&m, pairs, np, c, 0, mid}, {&m, pairs, np, c, mid, n}};
  run_both_if(vcut > 0, walk_pairs, &walk[0], &walk[1]);
  free(pairs);
  free(m.kind);

  /* Number clusters in order of their first view. */
  size_t *num = xmalloc(n * sizeof *num);
  for (size_t i = 0; i < n; i++) num[i] = SIZE_MAX;
  for (size_t i = 0; i < n; i++) {
    size_t r = eroot(c, i);
    if (num[r] == SIZE_MAX) num[r] = (*nclusters)++;
    cluster_of[i] = num[r];
  }
  free(num);
  free(c);
}
