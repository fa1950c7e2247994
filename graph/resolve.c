/* resolve.c: which entity records name the same entity, across articles. Records with one
 * key and type form a name; names become candidates for each other through normalised keys
 * (case, diacritics, titles, general aliases such as "U.S." and "United States"), a shared
 * surname, an acronym, or the same words in another order; each candidate pair is scored on
 * name agreement, type and shared context. Pairs are accepted best first into clusters that
 * must stay consistent as a whole (no two people with different first names, no two different
 * multi-word organisations), so no chain of pairs joins two different people; the accepted
 * pairs are the edges of an igraph same-as graph whose connected components are the entities.
 * User rules (factgraph_add_alias) are applied first: forced pairs, and forbidden ones. */
#include "graph/fg_internal.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "graph/fgtext.h"
#include "graph/igraph_setup.h"
#include "util.h"

/* ---- general knowledge: titles, generic company words, other names of places ---- */

/* Words before a person's name that are not part of it. */
static const char *const TITLES[] = {
    "mr", "mrs", "ms", "miss", "mx", "mme", "mlle", "madame", "monsieur", "dr", "prof",
    "professor", "sir", "dame", "lord", "lady", "president", "premier", "chancellor", "minister",
    "prime", "foreign", "defence", "defense", "finance", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "general",
    "gen", "colonel", "col", "captain", "capt", "commander", "king", "queen", "prince",
    "princess", "pope", "sheikh", "judge", "justice", "secretary", "ambassador", "chairman",
    "chairwoman", "leader", "deputy", "vice", "former", "candidate", "spokesman", "spokeswoman",
    "st", "saint", "rev", "reverend", "father", "sister", "brother", "herr", "frau", "senor",
    "senora", "don", "dona", "comrade", "chief", "director", "ceo", "mp", "mep", NULL};
/* After a person's name. */
static const char *const SUFFIXES[] = {"jr", "sr", "ii", "iii", "iv", NULL};
/* After an organisation's name: the same company with or without its legal form. */
static const char *const ORG_SUFFIXES[] = {"inc", "ltd", "llc", "corp", "corporation", "co",
                                           "plc", "gmbh", "ag", "sa", "company", "limited",
                                           NULL};
/* Left out of acronyms: "Bank of England" is BoE, not BOFE. */
static const char *const ACRONYM_SKIP[] = {"of", "the", "and", "for", "de", "du", "des", "la",
                                           "le", "les", "et", "und", "der", "die", "das", "del",
                                           "di", "y", "e", "a", "an", "in", "on", NULL};

/* Other names of countries and international bodies, as normalised words. The first form is
 * the display name; the others are what texts also call it. General knowledge only. */
typedef struct alias_entry {
  const char *display;
  const char *forms[8];
} alias_entry;

static const alias_entry GENERAL_ALIASES[] = {
    {"United States", {"united states", "us", "usa", "united states of america", "u s a",
                       "american", "the united states", NULL}},
    {"United Kingdom", {"united kingdom", "uk", "britain", "great britain", "british",
                        "united kingdom of great britain and northern ireland", NULL}},
    {"Russia", {"russia", "russian federation", "russian", NULL}},
    {"European Union", {"european union", "eu", NULL}},
    {"United Nations", {"united nations", "un", NULL}},
    {"NATO", {"nato", "north atlantic treaty organization", "north atlantic treaty organisation",
              "otan", NULL}},
    {"China", {"china", "prc", "people republic of china", "peoples republic of china",
               "chinese", NULL}},
    {"North Korea", {"north korea", "dprk", "democratic people republic of korea", NULL}},
    {"South Korea", {"south korea", "republic of korea", "rok", NULL}},
    {"United Arab Emirates", {"united arab emirates", "uae", NULL}},
    {"Netherlands", {"netherlands", "holland", "dutch", NULL}},
    {"Czech Republic", {"czech republic", "czechia", NULL}},
    {"Myanmar", {"myanmar", "burma", NULL}},
    {"Ivory Coast", {"ivory coast", "cote d ivoire", "cote divoire", NULL}},
    {"Iran", {"iran", "islamic republic of iran", "iranian", NULL}},
    {"Syria", {"syria", "syrian arab republic", "syrian", NULL}},
    {"Turkey", {"turkey", "turkiye", "turkish", NULL}},
    {"Democratic Republic of the Congo", {"democratic republic of the congo", "drc",
                                          "dr congo", NULL}},
    {"France", {"france", "french republic", "french", NULL}},
    {"Germany", {"germany", "federal republic of germany", "german", NULL}},
    {"Ukraine", {"ukraine", "ukrainian", NULL}},
    {"Italy", {"italy", "italian", NULL}},
    {"Spain", {"spain", "spanish", NULL}},
    {"Japan", {"japan", "japanese", NULL}},
    {"India", {"india", "indian", NULL}},
    {"Israel", {"israel", "israeli", NULL}},
    {"Poland", {"poland", "polish", NULL}},
    {"Canada", {"canada", "canadian", NULL}},
    {"Mexico", {"mexico", "mexican", NULL}},
    {"Brazil", {"brazil", "brazilian", NULL}},
};
#define NGENERAL (sizeof GENERAL_ALIASES / sizeof GENERAL_ALIASES[0])

static bool in_list(const char *const *list, const char *w) {
  for (size_t i = 0; list[i]; i++) /* (the first letter turns most away without a call) */
    if (list[i][0] == w[0] && strcmp(list[i], w) == 0) return true;
  return false;
}

/* ---- normalised names ---- */

#define MAX_WORDS 32 /* longer "names" are sentences; their first words decide */

typedef struct words {
  char *buf;             /* the words, NUL-separated */
  const char *w[MAX_WORDS];
  uint32_t id[MAX_WORDS]; /* a name node's: each word's number, equal words' equal (names_run) */
  size_t n;
} words;

/* Splits NAME into plain words: folded, diacritics off, punctuation as separators, a
 * possessive 's dropped, leading titles and a leading "the" dropped, runs of single letters
 * joined for names that are not people ("U.S." is "us"). */
static void words_of(const char *name, entity_type type, words *out) {
  char *plain = fg_fold_plain(name);
  size_t len = strlen(plain);
  out->buf = xmalloc(len + 1);
  out->n = 0;
  char *dst = out->buf;
  size_t i = 0;
  const char *raw[MAX_WORDS];
  size_t nraw = 0;
  while (i < len && nraw < MAX_WORDS) {
    unsigned char c = (unsigned char)plain[i];
    bool wordch = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!wordch) {
      i++;
      continue;
    }
    size_t s = i;
    while (i < len) {
      unsigned char d = (unsigned char)plain[i];
      if (!((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9') || d >= 0x80)) break;
      i++;
    }
    /* "Trump's": the s after an apostrophe is no word of the name. */
    if (i - s == 1 && plain[s] == 's' && s > 0 && plain[s - 1] == '\'') continue;
    memcpy(dst, plain + s, i - s);
    dst[i - s] = '\0';
    raw[nraw++] = dst;
    dst += i - s + 1;
  }
  free(plain);
  size_t b = 0, e = nraw;
  if (type == ENTITY_PERSON) {
    while (e - b > 1 && in_list(TITLES, raw[b])) b++;
    while (e - b > 1 && in_list(SUFFIXES, raw[e - 1])) e--;
  } else if (type == ENTITY_ORG) {
    while (e - b > 1 && in_list(ORG_SUFFIXES, raw[e - 1])) e--;
  }
  if (e - b > 1 && strcmp(raw[b], "the") == 0) b++;
  bool all_single = true;
  for (size_t k = b; k < e; k++)
    if (strlen(raw[k]) != 1) all_single = false;
  bool join = type != ENTITY_PERSON || all_single;
  for (size_t k = b; k < e; k++) {
    if (join && strlen(raw[k]) == 1 && k + 1 < e && strlen(raw[k + 1]) == 1) {
      /* A run of single letters: glue them in place ("u" "s" -> "us"). */
      char *start = (char *)raw[k];
      size_t m = 1;
      while (k + 1 < e && strlen(raw[k + 1]) == 1) {
        start[m++] = raw[k + 1][0];
        k++;
      }
      start[m] = '\0';
      out->w[out->n++] = start;
      continue;
    }
    out->w[out->n++] = raw[k];
  }
}

static char *join_words(const char *const *w, size_t n) {
  strbuf sb;
  strbuf_init(&sb);
  for (size_t i = 0; i < n; i++) {
    if (i) strbuf_addc(&sb, ' ');
    strbuf_adds(&sb, w[i]);
  }
  char *s = strbuf_detach(&sb);
  return s ? s : xstrdup("");
}

/* The normalised form of NAME as TYPE: its words joined by single spaces. Caller frees. */
static char *norm_name(const char *name, entity_type type) {
  words w;
  words_of(name, type, &w);
  char *s = join_words(w.w, w.n);
  free(w.buf);
  return s;
}

size_t fg_name_words(const char *name, entity_type type) {
  if (!name) return 0;
  words w;
  words_of(name, type, &w);
  size_t n = w.n;
  free(w.buf);
  return n;
}

/* ---- a string -> index map (open addressing; keys are borrowed) ---- */

typedef struct strmap {
  const char **keys;
  size_t *vals;
  size_t cap, n;
} strmap;

static void strmap_init(strmap *m, size_t expected) {
  m->cap = 64;
  while (m->cap < expected * 2 + 64) m->cap *= 2;
  m->keys = xcalloc_written(m->cap, sizeof *m->keys);
  m->vals = xcalloc_written(m->cap, sizeof *m->vals);
  m->n = 0;
}

static void strmap_free(strmap *m) {
  free(m->keys);
  free(m->vals);
}

/* Returns the slot of KEY (present or where it would go). */
static size_t strmap_slot(const strmap *m, const char *key) {
  size_t mask = m->cap - 1, i = (size_t)fg_hash(key, strlen(key)) & mask;
  while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & mask;
  return i;
}

static bool strmap_get(const strmap *m, const char *key, size_t *val) {
  size_t i = strmap_slot(m, key);
  if (!m->keys[i]) return false;
  *val = m->vals[i];
  return true;
}

static void strmap_put(strmap *m, const char *key, size_t val) {
  if ((m->n + 1) * 2 > m->cap) {
    strmap bigger;
    bigger.cap = m->cap * 2;
    bigger.keys = xcalloc_written(bigger.cap, sizeof *bigger.keys);
    bigger.vals = xcalloc_written(bigger.cap, sizeof *bigger.vals);
    bigger.n = m->n;
    for (size_t i = 0; i < m->cap; i++)
      if (m->keys[i]) {
        size_t j = strmap_slot(&bigger, m->keys[i]);
        bigger.keys[j] = m->keys[i];
        bigger.vals[j] = m->vals[i];
      }
    strmap_free(m);
    *m = bigger;
  }
  size_t i = strmap_slot(m, key);
  if (!m->keys[i]) m->n++;
  m->keys[i] = key;
  m->vals[i] = val;
}

/* ---- names: the distinct (type, key) of the records ---- */

typedef struct name_node {
  size_t rec;         /* a representative record */
  entity_type type;
  char *raw;          /* normalised words, before aliases */
  char *nkey;         /* after the user's and the general aliases: the exact-match key */
  words w;            /* words of raw */
  const char *label;  /* forced display name, or NULL */
  bool isolated;      /* "!alias": merges only with the very same name */
  long group;         /* user rule group it was forced into, or -1 */
  char *role;         /* the role its records give most often, folded; or NULL */
  size_t *tags;       /* forbid-pair tags: rule index * 2 + side */
  size_t ntags;
  uint32_t *docs;     /* distinct documents, sorted */
  size_t ndocs;
  size_t kid;         /* an id of nkey: equal keys, equal ids */
  size_t rid;         /* an id of raw, the same way */
  size_t *nbrs;       /* key ids of the names met in the same documents, sorted; on demand */
  size_t nnbrs;
  atomic_int nbrs_state; /* NBRS_NONE, NBRS_MAKING (by one thread), NBRS_MADE */
} name_node;

enum { NBRS_NONE, NBRS_MAKING, NBRS_MADE };

/* ---- the records' names ----
 * The resolver's names are the distinct (type, key) of the records, numbered in order of
 * (type, key by strcmp). Keys come from the graph's text pool, so equal keys are one pointer,
 * and the distinct (type, key) pairs are far fewer than the records (a name recurs in every
 * article of a story). So the records are grouped by (type, key pointer) in one pass, and
 * only the groups sorted: no sort of the records themselves. Groups whose keys are equal
 * strings at two addresses are one name all the same. */
typedef struct name_group {
  uint64_t head, next; /* the type and the key's first fifteen bytes (fg_order_bytes) */
  const char *key;
  entity_type type;
  size_t count; /* its records */
  size_t index; /* its number in order of first record */
} name_group;

static int cmp_name_group(const void *a, const void *b) {
  const name_group *x = a, *y = b;
  if (x->head != y->head) return x->head < y->head ? -1 : 1;
  if (x->next != y->next) return x->next < y->next ? -1 : 1;
  int c = x->key == y->key ? 0 : strcmp(x->key, y->key);
  if (c) return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* A group's place in the table of groups by (type, key pointer). */
typedef struct group_slot {
  const char *key; /* NULL: empty */
  uint32_t type;
  uint32_t group;
} group_slot;

static size_t group_slot_of(const group_slot *slots, size_t cap, const char *key, uint32_t type) {
  uint64_t h = ((uint64_t)(uintptr_t)key ^ type) * 0x9E3779B97F4A7C15ULL;
  size_t k = (size_t)(h >> 32) & (cap - 1);
  while (slots[k].key && (slots[k].key != key || slots[k].type != type)) k = (k + 1) & (cap - 1);
  return k;
}

/* The names of the N records RECS: REC_NODE[i] receives record I's name's number; returns the
 * number of names, and in *FIRST (the caller frees) each name's first record. */
static size_t name_records(const fg_entity_record *recs, size_t n, size_t *rec_node,
                           size_t **first) {
  size_t cap = 1024, ngroups = 0, capgroups = 0;
  group_slot *slots = xcalloc_written(cap, sizeof *slots);
  name_group *groups = NULL;
  uint32_t *group_of = xmalloc((n ? n : 1) * sizeof *group_of);
  for (size_t i = 0; i < n; i++) {
    uint32_t type = (uint32_t)recs[i].type;
    size_t k = group_slot_of(slots, cap, recs[i].key, type);
    if (!slots[k].key) {
      VEC_RESERVE(groups, ngroups, capgroups);
      size_t at = 0;
      /* (the types are few: below 2^8) */
      groups[ngroups] = (name_group){(uint64_t)type << 56 | fg_order_bytes(recs[i].key, &at, 7),
                                     fg_order_bytes(recs[i].key, &at, 8), recs[i].key,
                                     recs[i].type, 0, ngroups};
      slots[k] = (group_slot){recs[i].key, type, (uint32_t)ngroups++};
      if (ngroups * 2 >= cap) { /* grow: the groups move to a table twice the size */
        group_slot *bigger = xcalloc_written(cap * 2, sizeof *bigger);
        for (size_t j = 0; j < cap; j++)
          if (slots[j].key)
            bigger[group_slot_of(bigger, cap * 2, slots[j].key, slots[j].type)] = slots[j];
        free(slots);
        slots = bigger;
        cap *= 2;
        k = group_slot_of(slots, cap, recs[i].key, type);
      }
    }
    group_of[i] = slots[k].group;
    groups[slots[k].group].count++;
  }
  free(slots);
  if (ngroups) qsort(groups, ngroups, sizeof *groups, cmp_name_group);
  /* each group's name (groups of one name share it) and each name's next place in the order */
  uint32_t *name_of = xmalloc((ngroups ? ngroups : 1) * sizeof *name_of);
  size_t *next = xmalloc((ngroups ? ngroups : 1) * sizeof *next);
  size_t names = 0, placed = 0;
  for (size_t g = 0; g < ngroups; g++) {
    const name_group *x = &groups[g], *p = g ? &groups[g - 1] : NULL;
    if (!p || p->type != x->type || (p->key != x->key && strcmp(p->key, x->key) != 0))
      next[names++] = placed;
    name_of[x->index] = (uint32_t)(names - 1);
    placed += x->count;
  }
  free(groups);
  free(next);
  *first = xmalloc((names ? names : 1) * sizeof **first);
  for (size_t k = 0; k < names; k++) (*first)[k] = SIZE_MAX;
  for (size_t i = 0; i < n; i++) {
    size_t name = name_of[group_of[i]];
    rec_node[i] = name;
    if ((*first)[name] == SIZE_MAX) (*first)[name] = i;
  }
  free(name_of);
  free(group_of);
  return names;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static size_t uniq_size(size_t *v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!k || v[k - 1] != v[i]) v[k++] = v[i];
  return k;
}

/* ---- comparing two names ---- */

static bool is_person(const name_node *x) { return x->type == ENTITY_PERSON; }

/* Do word I of A and word J of B agree: the same, or one the initial of the other? */
static bool word_agrees(const words *a, size_t i, const words *b, size_t j) {
  const char *x = a->w[i], *y = b->w[j];
  return a->id[i] == b->id[j] || (x[0] && !x[1] && x[0] == y[0]) || (y[0] && !y[1] && y[0] == x[0]);
}

static bool is_tail(const name_node *a, const name_node *b);

/* Can the shorter person name be the longer? A surname alone ("Trump", "De Luca") can be any
 * name ending in it. Otherwise last words equal, first names agreeing (same, or one the
 * initial of the other), and every middle word of the shorter among the longer's, in order.
 * "Donald Trump" and "Ivanka Trump" cannot; "A. De Luca" and "G.-P. De Luca" cannot. */
static bool person_names_agree(const name_node *a, const name_node *b) {
  const words *s = &a->w, *l = &b->w;
  if (s->n > l->n) {
    const words *t = s;
    s = l;
    l = t;
  }
  if (!s->n || !l->n) return false;
  if (is_tail(a, b)) return true;
  if (s->n == 1) return s->id[0] == l->id[l->n - 1];
  if (s->id[s->n - 1] != l->id[l->n - 1]) return false;
  if (!word_agrees(s, 0, l, 0)) return false;
  size_t j = l->n - 1;
  for (size_t i = s->n - 1; i-- > 1;) {
    bool found = false;
    while (j-- > 1) {
      if (word_agrees(s, i, l, j)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/* Is the shorter name's word list a tail of the longer's ("De Luca" of "Anna De Luca")? */
static bool is_tail(const name_node *a, const name_node *b) {
  const words *s = &a->w, *l = &b->w;
  if (s->n > l->n) {
    const words *t = s;
    s = l;
    l = t;
  }
  if (!s->n || s->n == l->n) return false;
  /* An initial is a first name: "A. De Luca" is no bare surname. */
  if (strlen(s->w[0]) == 1) return false;
  for (size_t i = 0; i < s->n; i++)
    if (s->id[s->n - 1 - i] != l->id[l->n - 1 - i]) return false;
  return true;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The same words in any order ("National Front", "Front National"). */
static bool same_word_bag(const name_node *a, const name_node *b) {
  if (a->w.n != b->w.n || a->w.n < 2) return false;
  const char *x[MAX_WORDS], *y[MAX_WORDS];
  memcpy(x, a->w.w, a->w.n * sizeof *x);
  memcpy(y, b->w.w, b->w.n * sizeof *y);
  qsort(x, a->w.n, sizeof *x, cmp_cstr);
  qsort(y, b->w.n, sizeof *y, cmp_cstr);
  for (size_t i = 0; i < a->w.n; i++)
    if (strcmp(x[i], y[i]) != 0) return false;
  return true;
}

/* The initials of a name's words, small words left out; "" for a one-word name. */
static void initials(const name_node *x, char *out, size_t cap) {
  size_t k = 0;
  out[0] = '\0';
  if (x->w.n < 2) return;
  for (size_t i = 0; i < x->w.n && k + 1 < cap; i++)
    if (!in_list(ACRONYM_SKIP, x->w.w[i])) out[k++] = x->w.w[i][0];
  out[k] = '\0';
}

static bool is_acronym_of(const name_node *shortn, const name_node *longn) {
  if (shortn->w.n != 1 || longn->w.n < 2) return false;
  size_t len = strlen(shortn->w.w[0]);
  if (len < 2 || len > 8) return false;
  char ini[MAX_WORDS + 1];
  initials(longn, ini, sizeof ini);
  return strcmp(ini, shortn->w.w[0]) == 0;
}

/* Multi-word names of things other than people: the same words, or one's words all among the
 * other's, or one the acronym of the other. Keeps "Bank of France" and "Bank of Italy" apart
 * even when each is joined to a shared short form. */
static bool thing_names_agree(const name_node *a, const name_node *b) {
  if (a->w.n < 2 || b->w.n < 2) return true;
  if (same_word_bag(a, b)) return true;
  const name_node *s = a->w.n <= b->w.n ? a : b, *l = s == a ? b : a;
  for (size_t i = 0; i < s->w.n; i++) {
    bool found = false;
    for (size_t j = 0; j < l->w.n && !found; j++) found = s->w.id[i] == l->w.id[j];
    if (!found) return false;
  }
  return true;
}

/* Could X and Y be one entity, whatever joined them? The test every pair of a cluster must
 * pass, so that no chain of likely pairs joins two different people or bodies. */
static bool names_compatible(const name_node *x, const name_node *y) {
  if (x->kid == y->kid) return true; /* (the same nkey) */
  if (x->group >= 0 && x->group == y->group) return true;
  if (is_person(x) && is_person(y)) return person_names_agree(x, y);
  if (!is_person(x) && !is_person(y)) return thing_names_agree(x, y);
  return true; /* a person and a thing are only ever joined under one exact name */
}

static bool tags_conflict(const name_node *x, const name_node *y) {
  for (size_t i = 0; i < x->ntags; i++)
    for (size_t j = 0; j < y->ntags; j++)
      if (x->tags[i] / 2 == y->tags[j] / 2 && x->tags[i] != y->tags[j]) return true;
  return false;
}

/* ---- context: the names each name appears with ---- */

#define MAX_NEIGHBOURS 512

typedef struct resolver {
  name_node *nodes;
  size_t nnodes;
  size_t **doc_nodes; /* per document: the names it holds */
  size_t *ndoc_nodes;
  size_t ndocs;
} resolver;

/* Makes name I's neighbours once; pairs are scored on two threads, and a thread that finds
 * the other making them waits (they take microseconds). */
static void neighbours(resolver *r, size_t i) {
  name_node *x = &r->nodes[i];
  if (atomic_load_explicit(&x->nbrs_state, memory_order_acquire) == NBRS_MADE) return;
  int none = NBRS_NONE;
  if (!atomic_compare_exchange_strong(&x->nbrs_state, &none, NBRS_MAKING)) {
    while (atomic_load_explicit(&x->nbrs_state, memory_order_acquire) != NBRS_MADE)
      sched_yield();
    return;
  }
  size_t cap = 0;
  for (size_t d = 0; d < x->ndocs && x->nnbrs < MAX_NEIGHBOURS; d++) {
    uint32_t doc = x->docs[d];
    for (size_t k = 0; k < r->ndoc_nodes[doc] && x->nnbrs < MAX_NEIGHBOURS; k++) {
      size_t o = r->doc_nodes[doc][k];
      if (o == i) continue;
      VEC_RESERVE(x->nbrs, x->nnbrs, cap);
      /* The other name's exact key stands for it: "Moscow" in two articles is one
       * neighbour even before resolution. */
      x->nbrs[x->nnbrs++] = r->nodes[o].kid;
    }
  }
  sort_sizes(x->nbrs, x->nnbrs);
  x->nnbrs = uniq_size(x->nbrs, x->nnbrs);
  atomic_store_explicit(&x->nbrs_state, NBRS_MADE, memory_order_release);
}

/* The share of the smaller neighbourhood that the two names have in common, comparing
 * neighbours by their exact keys. */
static double shared_context(resolver *r, size_t a, size_t b) {
  neighbours(r, a);
  neighbours(r, b);
  const name_node *x = &r->nodes[a], *y = &r->nodes[b];
  if (!x->nnbrs || !y->nnbrs) return 0;
  size_t common = sorted_common(x->nbrs, x->nnbrs, y->nbrs, y->nnbrs);
  size_t small = x->nnbrs < y->nnbrs ? x->nnbrs : y->nnbrs;
  return (double)common / (double)small;
}

/* ---- candidate pairs and their scores ---- */

enum pair_kind { PAIR_FORCED, PAIR_EXACT, PAIR_BAG, PAIR_ACRONYM, PAIR_PERSON, PAIR_SURNAME };

typedef struct pair {
  size_t a, b; /* a < b */
  double score;
  int kind;
} pair;

static bool types_agree(const name_node *x, const name_node *y, bool exact) {
  if (x->type == y->type || x->type == ENTITY_OTHER || y->type == ENTITY_OTHER) return true;
  if (!exact) return false;
  /* One exact name typed two ways: an organisation and its building ("Kremlin"), a place
   * and its government; a person only when the name has several words (a one-word name is
   * too often a surname and a company, "Dell"). */
  if (is_person(x) || is_person(y)) return x->w.n >= 2;
  return true;
}

/* Scores the pair, or returns false if the names cannot be one entity. */
static bool score_pair(resolver *r, size_t ia, size_t ib, pair *p) {
  const name_node *a = &r->nodes[ia], *b = &r->nodes[ib];
  p->a = ia < ib ? ia : ib;
  p->b = ia < ib ? ib : ia;
  if (a->group >= 0 && a->group == b->group) {
    p->kind = PAIR_FORCED;
    p->score = 3;
    return true;
  }
  bool exact_raw = a->rid == b->rid;
  if ((a->isolated || b->isolated) && !exact_raw) return false;
  if (!a->w.n || !b->w.n) return false;
  bool exact = a->kid == b->kid;
  if (!types_agree(a, b, exact)) return false;
  double s;
  if (exact) {
    p->kind = PAIR_EXACT;
    s = 1.0;
  } else if (is_person(a) && is_person(b)) {
    if (!person_names_agree(a, b)) return false;
    if (is_tail(a, b)) {
      p->kind = PAIR_SURNAME;
      s = 0.6;
    } else {
      p->kind = PAIR_PERSON;
      s = 0.8;
    }
  } else if (!is_person(a) && !is_person(b) && same_word_bag(a, b)) {
    p->kind = PAIR_BAG;
    s = 0.9;
  } else if (!is_person(a) && !is_person(b) && (is_acronym_of(a, b) || is_acronym_of(b, a))) {
    p->kind = PAIR_ACRONYM;
    s = 0.7;
  } else {
    return false;
  }
  if (a->type == b->type) s += 0.1;
  /* Context only matters where the name alone leaves doubt. */
  if (p->kind == PAIR_SURNAME || p->kind == PAIR_PERSON || p->kind == PAIR_ACRONYM) {
    s += 0.3 * shared_context(r, ia, ib);
    if (a->role && b->role && strcmp(a->role, b->role) == 0) s += 0.1;
  }
  p->score = s;
  return true;
}

static int cmp_pair(const void *x, const void *y) {
  const pair *a = x, *b = y;
  if (a->kind == PAIR_FORCED || b->kind == PAIR_FORCED) {
    if (a->kind != b->kind) return a->kind == PAIR_FORCED ? -1 : 1;
  }
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  if (a->a != b->a) return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b;
}

static int cmp_pair_ab(const void *x, const void *y) {
  const pair *a = x, *b = y;
  if (a->a != b->a) return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b;
}

/* cmp_pair's order as stable sorts by numbers, the last by the first (sort_stable_by_key):
 * (a, b), then the score, highest first, then forced pairs first. */
static uint64_t pair_key_ab(const void *p) {
  const pair *x = p;
  return (uint64_t)x->a << 32 | x->b;
}
static uint64_t pair_key_score(const void *p) { return ~double_key(((const pair *)p)->score); }
static uint64_t pair_key_forced(const void *p) { return ((const pair *)p)->kind != PAIR_FORCED; }

/* Blocks: names sharing a blocking key are compared pairwise. A block larger than this
 * compares each name with the next BLOCK_WINDOW only, so no input makes it quadratic. */
#define BLOCK_WINDOW 256

typedef struct block {
  size_t *items;
  size_t n, cap;
} block;

typedef struct blocks {
  strmap map;
  block *b;
  size_t n, cap;
  char **keys; /* owned */
  size_t nkeys, capkeys;
} blocks;

static void blocks_add(blocks *bl, const char *prefix, const char *key, size_t node) {
  strbuf sb;
  strbuf_init(&sb);
  strbuf_adds(&sb, prefix);
  strbuf_adds(&sb, key);
  char *k = strbuf_detach(&sb);
  if (!k) return;
  size_t idx;
  if (strmap_get(&bl->map, k, &idx)) {
    free(k);
  } else {
    VEC_RESERVE(bl->b, bl->n, bl->cap);
    idx = bl->n++;
    memset(&bl->b[idx], 0, sizeof bl->b[idx]);
    VEC_RESERVE(bl->keys, bl->nkeys, bl->capkeys);
    bl->keys[bl->nkeys++] = k;
    strmap_put(&bl->map, k, idx);
  }
  block *b = &bl->b[idx];
  if (b->n && b->items[b->n - 1] == node) return;
  VEC_RESERVE(b->items, b->n, b->cap);
  b->items[b->n++] = node;
}

static void add_blocks(blocks *bl, const name_node *x, size_t i) {
  blocks_add(bl, "E\x1f", x->nkey, i);
  if (x->group >= 0) {
    char g[32];
    snprintf(g, sizeof g, "%ld", x->group);
    blocks_add(bl, "G\x1f", g, i);
  }
  if (!x->w.n) return;
  if (is_person(x)) {
    blocks_add(bl, "S\x1f", x->w.w[x->w.n - 1], i);
    return;
  }
  if (x->w.n >= 2) {
    const char *sorted[MAX_WORDS];
    memcpy(sorted, x->w.w, x->w.n * sizeof *sorted);
    qsort(sorted, x->w.n, sizeof *sorted, cmp_cstr);
    char *bag = join_words(sorted, x->w.n);
    blocks_add(bl, "B\x1f", bag, i);
    free(bag);
    char ini[MAX_WORDS + 1];
    initials(x, ini, sizeof ini);
    if (strlen(ini) >= 2) blocks_add(bl, "A\x1f", ini, i);
  } else {
    size_t len = strlen(x->w.w[0]);
    if (len >= 2 && len <= 8) blocks_add(bl, "A\x1f", x->w.w[0], i);
  }
}

/* ---- clusters: union-find with member lists ---- */

typedef struct clusters {
  size_t *parent;
  size_t **members;
  size_t *nmembers, *capmembers;
} clusters;

static size_t find_root(clusters *c, size_t x) {
  size_t r = x;
  while (c->parent[r] != r) r = c->parent[r];
  while (c->parent[x] != r) {
    size_t next = c->parent[x];
    c->parent[x] = r;
    x = next;
  }
  return r;
}

/* A union whose check would cost more than this many name comparisons is refused. */
#define MAX_CHECK 4000000

static bool can_join(const resolver *r, clusters *c, size_t ra, size_t rb, bool forced) {
  if ((double)c->nmembers[ra] * (double)c->nmembers[rb] > MAX_CHECK) return false;
  for (size_t i = 0; i < c->nmembers[ra]; i++)
    for (size_t j = 0; j < c->nmembers[rb]; j++) {
      const name_node *x = &r->nodes[c->members[ra][i]], *y = &r->nodes[c->members[rb][j]];
      if (tags_conflict(x, y)) return false;
      if (!forced && !names_compatible(x, y)) return false;
    }
  return true;
}

static void join(clusters *c, size_t ra, size_t rb) {
  /* The lower root stays, so the result does not depend on which side came first. */
  if (rb < ra) {
    size_t t = ra;
    ra = rb;
    rb = t;
  }
  c->parent[rb] = ra;
  for (size_t i = 0; i < c->nmembers[rb]; i++) {
    VEC_RESERVE(c->members[ra], c->nmembers[ra], c->capmembers[ra]);
    c->members[ra][c->nmembers[ra]++] = c->members[rb][i];
  }
  free(c->members[rb]);
  c->members[rb] = NULL;
  c->nmembers[rb] = 0;
}

/* ---- user rules ---- */

static void apply_rules(resolver *r, const fg_alias_rule *rules, size_t nrules) {
  if (!nrules) return;
  /* Each rule's two names, normalised as each type would be, looked up by "type|form" so a
   * long watch list costs one lookup per name. NEXT chains the rules sharing a form. */
  size_t nforms = nrules * 2 * (ENTITY_OTHER + 1);
  char **forms = xcalloc(nforms, sizeof *forms);
  size_t *next = xmalloc(nforms * sizeof *next);
  strmap map;
  strmap_init(&map, nforms);
  for (size_t k = 0; k < nrules; k++)
    for (int t = ENTITY_PERSON; t <= ENTITY_OTHER; t++) {
      if (rules[k].type >= 0 && rules[k].type != t) continue;
      for (int side = 0; side < 2; side++) {
        const char *name = side ? rules[k].canonical : rules[k].alias;
        if (!name) continue;
        size_t f = (k * (ENTITY_OTHER + 1) + (size_t)t) * 2 + (size_t)side;
        char *nm = norm_name(name, (entity_type)t);
        strbuf sb;
        strbuf_init(&sb);
        strbuf_addf(&sb, "%d|%s", t, nm);
        free(nm);
        forms[f] = strbuf_detach(&sb);
        size_t head;
        next[f] = strmap_get(&map, forms[f], &head) ? head : SIZE_MAX;
        strmap_put(&map, forms[f], f);
      }
    }
  /* Groups: one per distinct canonical name. */
  strmap groups;
  strmap_init(&groups, nrules);
  char **gkeys = xmalloc(nrules * sizeof *gkeys);
  size_t ngroups = 0;
  long *rule_group = xmalloc(nrules * sizeof *rule_group);
  /* A group is named as its first rule writes it ("Islamic State", not a later "ISLAMIC
   * STATE"). */
  const char **group_label = xmalloc(nrules * sizeof *group_label);
  for (size_t k = 0; k < nrules; k++) {
    rule_group[k] = -1;
    if (rules[k].forbid || !rules[k].canonical) continue;
    char *g = norm_name(rules[k].canonical, ENTITY_OTHER);
    size_t gi;
    if (strmap_get(&groups, g, &gi)) {
      free(g);
    } else {
      gi = ngroups;
      group_label[gi] = rules[k].canonical;
      gkeys[ngroups++] = g;
      strmap_put(&groups, g, gi);
    }
    rule_group[k] = (long)gi;
  }
  strbuf key;
  strbuf_init(&key);
  size_t *hits = NULL, nhits = 0, caphits = 0;
  for (size_t i = 0; i < r->nnodes; i++) {
    name_node *x = &r->nodes[i];
    strbuf_reset(&key);
    strbuf_addf(&key, "%d|%s", (int)x->type, x->raw);
    size_t f;
    nhits = 0;
    if (strmap_get(&map, key.data, &f))
      for (size_t guard = 0; f != SIZE_MAX && guard < nforms; guard++, f = next[f]) {
        VEC_RESERVE(hits, nhits, caphits);
        hits[nhits++] = f;
      }
    /* In rule order, whatever order the map chained them in. */
    sort_sizes(hits, nhits);
    for (size_t h = 0; h < nhits; h++) {
      size_t k = hits[h] / 2 / (ENTITY_OTHER + 1);
      bool is_alias = hits[h] % 2 == 0;
      const fg_alias_rule *ru = &rules[k];
      if (ru->forbid) {
        if (!ru->canonical) {
          x->isolated = true;
          free(x->nkey);
          x->nkey = xstrdup(x->raw);
        } else {
          x->tags = xrealloc(x->tags, (x->ntags + 1) * sizeof *x->tags);
          x->tags[x->ntags++] = k * 2 + (is_alias ? 0 : 1);
        }
      } else if (x->group < 0 && !x->isolated) {
        x->group = rule_group[k];
        x->label = group_label[x->group];
        free(x->nkey);
        /* The canonical form as this type normalises it: rule names and names of the text
         * meet on one key. */
        x->nkey = xstrdup(strchr(forms[(k * (ENTITY_OTHER + 1) + x->type) * 2 + 1], '|') + 1);
      }
    }
  }
  free(hits);
  strbuf_release(&key);
  for (size_t f = 0; f < nforms; f++) free(forms[f]);
  free(forms);
  free(next);
  strmap_free(&map);
  for (size_t i = 0; i < ngroups; i++) free(gkeys[i]);
  free(gkeys);
  free(rule_group);
  free(group_label);
  strmap_free(&groups);
}

/* The general table: maps a name's words to the display name's, for places and bodies. */
static void apply_general_aliases(name_node *x) {
  if (is_person(x) || x->isolated || x->group >= 0) return;
  for (size_t i = 0; i < NGENERAL; i++)
    for (size_t f = 0; GENERAL_ALIASES[i].forms[f]; f++)
      if (strcmp(GENERAL_ALIASES[i].forms[f], x->raw) == 0) {
        free(x->nkey);
        x->nkey = xstrdup(GENERAL_ALIASES[i].forms[0]);
        x->label = GENERAL_ALIASES[i].display;
        return;
      }
}

/* ---- roles: "Finance Minister" in two articles is context too ---- */

typedef struct role_ref {
  size_t node;
  char *role;
} role_ref;

static int cmp_role_ref(const void *a, const void *b) {
  const role_ref *x = a, *y = b;
  if (x->node != y->node) return x->node < y->node ? -1 : 1;
  return strcmp(x->role, y->role);
}

/* Each name's most frequent role (ties: the first in byte order), so the choice does not
 * depend on record order. */
static void node_roles(resolver *r, const fg_entity_record *recs, size_t n,
                       const size_t *rec_node) {
  role_ref *refs = xmalloc((n ? n : 1) * sizeof *refs);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (recs[i].role && *recs[i].role) refs[k++] = (role_ref){rec_node[i], fg_fold_plain(recs[i].role)};
  if (k > 1) qsort(refs, k, sizeof *refs, cmp_role_ref);
  size_t best_run = 0;
  for (size_t i = 0; i < k;) {
    size_t j = i + 1;
    while (j < k && refs[j].node == refs[i].node && strcmp(refs[j].role, refs[i].role) == 0) j++;
    name_node *x = &r->nodes[refs[i].node];
    if (!x->role || j - i > best_run) {
      free(x->role);
      x->role = xstrdup(refs[i].role);
      best_run = j - i;
    }
    if (j < k && refs[j].node != refs[i].node) best_run = 0;
    i = j;
  }
  for (size_t i = 0; i < k; i++) free(refs[i].role);
  free(refs);
}

/* ---- the whole resolution ---- */

static int components(size_t nnodes, const pair *acc, size_t nacc, size_t *comp,
                      size_t *ncomp) {
  int rc = -1;
  igraph_vector_int_t edges, membership;
  igraph_t graph;
  bool have_edges = false, have_membership = false, have_graph = false;
  if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) goto done;
  have_edges = true;
  for (size_t k = 0; k < nacc; k++)
    if (igraph_vector_int_push_back(&edges, (igraph_integer_t)acc[k].a) != IGRAPH_SUCCESS ||
        igraph_vector_int_push_back(&edges, (igraph_integer_t)acc[k].b) != IGRAPH_SUCCESS)
      goto done;
  if (igraph_create(&graph, &edges, (igraph_integer_t)nnodes, IGRAPH_UNDIRECTED) !=
      IGRAPH_SUCCESS)
    goto done;
  have_graph = true;
  if (igraph_vector_int_init(&membership, 0) != IGRAPH_SUCCESS) goto done;
  have_membership = true;
  igraph_integer_t nc = 0;
  if (igraph_connected_components(&graph, &membership, NULL, &nc, IGRAPH_WEAK) !=
      IGRAPH_SUCCESS)
    goto done;
  if (igraph_vector_int_size(&membership) != (igraph_integer_t)nnodes || nc < 0) goto done;
  for (size_t i = 0; i < nnodes; i++) {
    igraph_integer_t m = VECTOR(membership)[i];
    if (m < 0 || m >= nc) goto done;
    comp[i] = (size_t)m;
  }
  *ncomp = (size_t)nc;
  rc = 0;
done:
  if (have_membership) igraph_vector_int_destroy(&membership);
  if (have_graph) igraph_destroy(&graph);
  if (have_edges) igraph_vector_int_destroy(&edges);
  return rc;
}

/* A shorter person name that two different people could carry ("Trump" beside "Donald Trump"
 * and "Ivanka Trump") joins one of them only if its context clearly prefers it. */
#define AMBIGUITY_MARGIN 0.1

typedef struct short_ref {
  size_t shortn, longn, pair;
} short_ref;

static int cmp_short_ref(const void *a, const void *b) {
  const short_ref *x = a, *y = b;
  if (x->shortn != y->shortn) return x->shortn < y->shortn ? -1 : 1;
  return x->pair < y->pair ? -1 : x->pair > y->pair;
}

static size_t drop_ambiguous(const resolver *r, pair *p, size_t np) {
  /* The person pairs, grouped by their shorter name. */
  short_ref *refs = xmalloc((np ? 2 * np : 1) * sizeof *refs);
  size_t nrefs = 0;
  for (size_t i = 0; i < np; i++) {
    if (p[i].kind != PAIR_SURNAME && p[i].kind != PAIR_PERSON) continue;
    size_t na = r->nodes[p[i].a].w.n, nb = r->nodes[p[i].b].w.n;
    /* Names of one length ("A. De Luca", "Anna De Luca") are each the other's short form. */
    if (na <= nb) refs[nrefs++] = (short_ref){p[i].a, p[i].b, i};
    if (nb <= na) refs[nrefs++] = (short_ref){p[i].b, p[i].a, i};
  }
  qsort(refs, nrefs, sizeof *refs, cmp_short_ref);
  bool *drop = xcalloc(np ? np : 1, sizeof *drop);
  for (size_t s = 0; s < nrefs;) {
    size_t e = s + 1;
    while (e < nrefs && refs[e].shortn == refs[s].shortn) e++;
    /* Bounded: a name with more candidates than BLOCK_WINDOW is too ambiguous to join any. */
    for (size_t i = s; i < e; i++) {
      if (e - s > BLOCK_WINDOW) {
        drop[refs[i].pair] = true;
        continue;
      }
      for (size_t j = s; j < e; j++) {
        if (i == j || drop[refs[i].pair]) continue;
        const pair *pi = &p[refs[i].pair], *pj = &p[refs[j].pair];
        if (names_compatible(&r->nodes[refs[j].longn], &r->nodes[refs[i].longn])) continue;
        /* A rival the short name could also be: keep this pair only if clearly better. */
        if (pj->score > pi->score - AMBIGUITY_MARGIN) drop[refs[i].pair] = true;
      }
    }
    s = e;
  }
  free(refs);
  size_t k = 0;
  for (size_t i = 0; i < np; i++)
    if (!drop[i]) p[k++] = p[i];
  free(drop);
  return k;
}

/* Scores the candidate pairs of blocks [LO, HI) into PAIRS, in block order. */
typedef struct score_share {
  resolver *r;
  const blocks *bl;
  size_t lo, hi;
  pair *pairs;
  size_t npairs;
} score_share;

static void *score_blocks(void *arg) {
  score_share *sh = arg;
  size_t cap = 0;
  for (size_t b = sh->lo; b < sh->hi; b++) {
    const block *blk = &sh->bl->b[b];
    for (size_t i = 0; i < blk->n; i++)
      for (size_t j = i + 1; j < blk->n && j <= i + BLOCK_WINDOW; j++) {
        pair p;
        if (!score_pair(sh->r, blk->items[i], blk->items[j], &p)) continue;
        VEC_RESERVE(sh->pairs, sh->npairs, cap);
        sh->pairs[sh->npairs++] = p;
      }
  }
  return NULL;
}

/* One share of the work on the name nodes [LO, HI). */
typedef struct node_share {
  resolver *r;
  const fg_entity_record *recs;
  size_t lo, hi;
} node_share;

/* The nodes' words and normalised names. */
static void *node_words(void *arg) {
  node_share *sh = arg;
  for (size_t i = sh->lo; i < sh->hi; i++) {
    name_node *x = &sh->r->nodes[i];
    words_of(sh->recs[x->rec].name, x->type, &x->w);
    x->raw = join_words(x->w.w, x->w.n);
    x->nkey = xstrdup(x->raw);
  }
  return NULL;
}

/* The nodes' documents, sorted and distinct. */
static void *node_docs(void *arg) {
  node_share *sh = arg;
  for (size_t i = sh->lo; i < sh->hi; i++) {
    name_node *x = &sh->r->nodes[i];
    /* (they come in the order the records were added, mostly that of the documents) */
    size_t d = 1;
    while (d < x->ndocs && x->docs[d - 1] <= x->docs[d]) d++;
    if (d < x->ndocs) qsort(x->docs, x->ndocs, sizeof *x->docs, cmp_u32);
    size_t k = 0;
    for (size_t d = 0; d < x->ndocs; d++)
      if (!k || x->docs[k - 1] != x->docs[d]) x->docs[k++] = x->docs[d];
    x->ndocs = k;
  }
  return NULL;
}

/* What the names need before their pairs are scored, in two chains of steps that may run
 * side by side (they fill different fields of the names): their roles, rules, keys and
 * blocks (names_run); their documents and each document's names (docs_run). */
typedef struct names_task {
  resolver *r;
  const fg_entity_record *recs;
  size_t n;
  const size_t *rec_node; /* each record's name */
  const fg_alias_rule *rules;
  size_t nrules;
  blocks *bl;
} names_task;

/* The number of TEXT in M: the texts in the order first seen, from 0. */
static size_t text_id(strmap *m, const char *text) {
  size_t id;
  if (!strmap_get(m, text, &id)) {
    id = m->n;
    strmap_put(m, text, id);
  }
  return id;
}

static void *names_run(void *arg) {
  names_task *t = arg;
  resolver *r = t->r;
  node_roles(r, t->recs, t->n, t->rec_node);
  apply_rules(r, t->rules, t->nrules);
  for (size_t i = 0; i < r->nnodes; i++) apply_general_aliases(&r->nodes[i]);
  /* (the pairs compare names and their words by these ids, not by their letters) */
  strmap kids, rids, wids;
  strmap_init(&kids, r->nnodes);
  strmap_init(&rids, r->nnodes);
  strmap_init(&wids, 2 * r->nnodes);
  for (size_t i = 0; i < r->nnodes; i++) {
    name_node *x = &r->nodes[i];
    x->kid = text_id(&kids, x->nkey);
    x->rid = text_id(&rids, x->raw);
    for (size_t k = 0; k < x->w.n; k++) x->w.id[k] = (uint32_t)text_id(&wids, x->w.w[k]);
  }
  strmap_free(&kids);
  strmap_free(&rids);
  strmap_free(&wids);
  /* the blocks candidate pairs come from */
  strmap_init(&t->bl->map, r->nnodes * 4);
  for (size_t i = 0; i < r->nnodes; i++) add_blocks(t->bl, &r->nodes[i], i);
  return NULL;
}

static void *docs_run(void *arg) {
  names_task *t = arg;
  resolver *r = t->r;
  /* each name's documents, then sorted and made distinct (node_docs) */
  size_t *dcount = xcalloc(r->nnodes, sizeof *dcount);
  for (size_t i = 0; i < t->n; i++) dcount[t->rec_node[i]] += t->recs[i].nmentions;
  for (size_t i = 0; i < r->nnodes; i++)
    r->nodes[i].docs = xmalloc((dcount[i] ? dcount[i] : 1) * sizeof *r->nodes[i].docs);
  uint32_t maxdoc = 0;
  for (size_t i = 0; i < t->n; i++) {
    name_node *x = &r->nodes[t->rec_node[i]];
    for (size_t m = 0; m < t->recs[i].nmentions; m++) {
      uint32_t doc = t->recs[i].mentions[m].doc;
      x->docs[x->ndocs++] = doc;
      if (doc > maxdoc) maxdoc = doc;
    }
  }
  free(dcount);
  r->ndocs = (size_t)maxdoc + 1;
  node_share all = {r, t->recs, 0, r->nnodes};
  node_docs(&all);
  /* each document's names */
  r->doc_nodes = xcalloc(r->ndocs, sizeof *r->doc_nodes);
  r->ndoc_nodes = xcalloc(r->ndocs, sizeof *r->ndoc_nodes);
  size_t *doccap = xcalloc(r->ndocs, sizeof *doccap);
  for (size_t i = 0; i < r->nnodes; i++) {
    name_node *x = &r->nodes[i];
    for (size_t d = 0; d < x->ndocs; d++) {
      uint32_t doc = x->docs[d];
      VEC_RESERVE(r->doc_nodes[doc], r->ndoc_nodes[doc], doccap[doc]);
      r->doc_nodes[doc][r->ndoc_nodes[doc]++] = i;
    }
  }
  free(doccap);
  return NULL;
}

int fg_resolve_entities(const fg_entity_record *recs, size_t n, const fg_alias_rule *rules,
                        size_t nrules, int jobs, size_t *cluster_of, size_t *nclusters,
                        const char ***labels) {
  factgraph_igraph_setup();
  *nclusters = 0;
  *labels = NULL;
  if (n == 0) return 0;
  if (n > (size_t)IGRAPH_INTEGER_MAX / 4) return -1;

  /* Names: the records' distinct (type, key), in that order, each with its first record. */
  size_t *rec_node = xmalloc(n * sizeof *rec_node), *first;
  resolver r = {0};
  r.nnodes = name_records(recs, n, rec_node, &first);
  r.nodes = xcalloc(r.nnodes, sizeof *r.nodes);
  for (size_t k = 0; k < r.nnodes; k++) {
    name_node *x = &r.nodes[k];
    x->rec = first[k];
    x->type = recs[first[k]].type;
    x->group = -1;
  }
  free(first);
  node_share words[2] = {{&r, recs, 0, jobs > 1 ? r.nnodes / 2 : r.nnodes},
                         {&r, recs, jobs > 1 ? r.nnodes / 2 : r.nnodes, r.nnodes}};
  run_both_if(words[1].lo < words[1].hi, node_words, &words[0], &words[1]);
  blocks bl = {0};
  names_task task = {&r, recs, n, rec_node, rules, nrules, &bl};
  run_two(jobs > 1, names_run, &task, docs_run, &task);

  /* With two threads, the blocks are cut where about half the pairs to score are before; the
   * two lists, one after the other, are the one list a single thread makes. */
  score_share shares[2] = {{&r, &bl, 0, bl.n, NULL, 0}, {&r, &bl, bl.n, bl.n, NULL, 0}};
  if (jobs > 1) {
    size_t total = 0, done = 0, cut = 0;
    for (size_t b = 0; b < bl.n; b++) total += fg_window_pairs(bl.b[b].n, BLOCK_WINDOW);
    while (cut < bl.n && done < total / 2)
      done += fg_window_pairs(bl.b[cut++].n, BLOCK_WINDOW);
    shares[0].hi = shares[1].lo = cut;
  }
  run_both_if(shares[1].lo < bl.n, score_blocks, &shares[0], &shares[1]);
  pair *pairs = append_array(shares[0].pairs, shares[0].npairs, shares[1].pairs,
                             shares[1].npairs, sizeof *pairs);
  size_t npairs = shares[0].npairs + shares[1].npairs;
  free(shares[1].pairs);
  for (size_t b = 0; b < bl.n; b++) free(bl.b[b].items);
  free(bl.b);
  for (size_t k = 0; k < bl.nkeys; k++) free(bl.keys[k]);
  free(bl.keys);
  strmap_free(&bl.map);
  /* One pair can come from several blocks: keep one. (Pairs of the same two names are
   * scored the same, so are equal in every field: in whatever order they come, the one kept
   * is the same.) */
  /* (by numbers, not comparisons, where node indexes fit 32 bits: see pair_key_ab) */
  bool keyed = r.nnodes <= UINT32_MAX;
  if (keyed) sort_stable_by_key(pairs, npairs, sizeof *pairs, pair_key_ab);
  else sort_on_threads(pairs, npairs, sizeof *pairs, cmp_pair_ab, jobs, NULL, NULL);
  size_t u = 0;
  for (size_t k = 0; k < npairs; k++)
    if (!u || pairs[u - 1].a != pairs[k].a || pairs[u - 1].b != pairs[k].b) pairs[u++] = pairs[k];
  npairs = drop_ambiguous(&r, pairs, u); /* (which keeps their order) */
  if (keyed) {
    sort_stable_by_key(pairs, npairs, sizeof *pairs, pair_key_score);
    sort_stable_by_key(pairs, npairs, sizeof *pairs, pair_key_forced);
  } else {
    sort_on_threads(pairs, npairs, sizeof *pairs, cmp_pair, jobs, NULL, NULL);
  }

  /* Best pairs first, each accepted only if its two clusters stay consistent. */
  clusters c;
  c.parent = xmalloc(r.nnodes * sizeof *c.parent);
  c.members = xcalloc(r.nnodes, sizeof *c.members);
  c.nmembers = xcalloc(r.nnodes, sizeof *c.nmembers);
  c.capmembers = xcalloc(r.nnodes, sizeof *c.capmembers);
  for (size_t i = 0; i < r.nnodes; i++) {
    c.parent[i] = i;
    VEC_RESERVE(c.members[i], c.nmembers[i], c.capmembers[i]);
    c.members[i][c.nmembers[i]++] = i;
  }
  size_t nacc = 0;
  for (size_t k = 0; k < npairs; k++) {
    size_t ra = find_root(&c, pairs[k].a), rb = find_root(&c, pairs[k].b);
    if (ra == rb) continue;
    if (!can_join(&r, &c, ra, rb, pairs[k].kind == PAIR_FORCED)) continue;
    join(&c, ra, rb);
    pairs[nacc++] = pairs[k];
  }

  size_t *comp = xmalloc(r.nnodes * sizeof *comp);
  size_t ncomp = 0;
  int rc = components(r.nnodes, pairs, nacc, comp, &ncomp);
  if (rc == 0) {
    for (size_t i = 0; i < n; i++) cluster_of[i] = comp[rec_node[i]];
    *nclusters = ncomp;
    const char **lab = xcalloc(ncomp ? ncomp : 1, sizeof *lab);
    const char **user = xcalloc(ncomp ? ncomp : 1, sizeof *user);
    /* A user's name beats the general table's; among several, the smallest, so the choice
     * does not depend on order. */
    for (size_t i = 0; i < r.nnodes; i++) {
      const name_node *x = &r.nodes[i];
      if (!x->label) continue;
      const char **l = x->group >= 0 ? &user[comp[i]] : &lab[comp[i]];
      if (!*l || strcmp(x->label, *l) < 0) *l = x->label;
    }
    for (size_t k = 0; k < ncomp; k++)
      if (user[k]) lab[k] = user[k];
    free(user);
    *labels = lab;
  }

  free(comp);
  for (size_t i = 0; i < r.nnodes; i++) free(c.members[i]);
  free(c.members);
  free(c.nmembers);
  free(c.capmembers);
  free(c.parent);
  free(pairs);
  for (size_t i = 0; i < r.nnodes; i++) {
    name_node *x = &r.nodes[i];
    free(x->raw);
    free(x->nkey);
    free(x->role);
    free(x->w.buf);
    free(x->tags);
    free(x->docs);
    free(x->nbrs);
  }
  free(r.nodes);
  for (size_t d = 0; d < r.ndocs; d++) free(r.doc_nodes[d]);
  free(r.doc_nodes);
  free(r.ndoc_nodes);
  free(rec_node);
  return rc;
}
