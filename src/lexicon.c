/* lexicon.c: parses the embedded word lists into hash tables once, on first use. */
#include "lexicon.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_data.h"
#include "util.h"

/* A key's shape: the low five bits of its first two bytes (for a letter: the letter, whatever
 * its case) and its length (15 or more counted as 15): a few instructions, and most words
 * looked up have a shape no key of a list has. */
#define SHAPE_BITS (32 * 32 * 16)

static inline unsigned shape_of(const char *key, size_t len) {
  unsigned a = (unsigned char)key[0] & 31u, b = len > 1 ? (unsigned char)key[1] & 31u : 0;
  return a << 9 | b << 4 | (unsigned)(len < 15 ? len : 15);
}

struct lexicon {
  const char *name;
  unsigned number; /* its place among the lists (lexicon_number) */
  uint32_t name_hash;
  char **keys;   /* lower-cased */
  char **values;
  size_t count, cap;
  uint32_t *slots; /* open addressing: index+1 into keys, 0 = empty */
  size_t nslots;
  /* the word prefixes of multi-word keys ("secretary", "secretary of" for "secretary of
   * state"), as a set built the same way */
  char **prefixes;
  size_t nprefixes, prefixes_cap;
  uint32_t *pslots;
  size_t npslots;
  /* which (first two characters, length) a key has: most words looked up are in no list, and
   * this answers "absent" for most of them without hashing (see shape_of) */
  uint64_t shapes[SHAPE_BITS / 64];
  uint64_t prefix_shapes[SHAPE_BITS / 64]; /* the same for the prefixes */
};

static lexicon *lexicons;
static size_t nlexicons;
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;
/* Set once the lists are loaded: the lookups asked for every word of every article test it
 * with a plain load, and call pthread_once only before (lexicon_ensure). */
static atomic_bool lexicon_loaded;

/* Every one-word key of every list, once: a word's id says which lists hold it and with what
 * value, so a document looks each of its words up once (lexicon_word), not once per list.
 * Word W's lists are word_lists[word_first[W] .. word_first[W + 1]), by list number. */
typedef struct word_list {
  uint32_t list;
  const char *value;
} word_list;
static char **words; /* the lists' own key strings */
static size_t nwords;
/* Open addressing over the words. A slot holds what tells most words apart without reading
 * the word itself, which would be another trip to memory for each word of a text: the first
 * eight bytes (load_head, in lower case), the hash, and the length. A word of eight bytes or
 * fewer is matched on the slot alone. */
typedef struct word_slot {
  uint64_t head;
  uint32_t hash;
  uint32_t id_len; /* (id + 1) << 8 | the length (255 for 255 or more); 0 = empty (the lists
                    * hold some thousands of words: an id fits in 24 bits) */
} word_slot;
static word_slot *word_slots;
static size_t nword_slots;
static uint32_t *word_first;
static word_list *word_lists;
static uint32_t *word_mask; /* bit L: list L holds the word (lists past 31 have no bit) */

/* ASCII lower case without a locale call: lookups run for nearly every word (lower8, in
 * util.h, does eight bytes at once). */
static inline unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c | 0x20 : c; }

/* The case-folded hash of every table here. Eight bytes a step (lower8), so that a word costs
 * a few multiplications whatever its length, not one per byte in a chain. */
#define HASH_K 0x9E3779B97F4A7C15ULL
static uint32_t hash_lower(const char *s, size_t n) {
  uint64_t h = (uint64_t)n * HASH_K;
  for (; n > 8; s += 8, n -= 8) {
    h = (h ^ lower8(load_head(s, 8))) * HASH_K;
    h ^= h >> 32;
  }
  if (n) h = (h ^ lower8(load_head(s, n))) * HASH_K;
  return (uint32_t)(h >> 32);
}

/* hash_lower of a key of N bytes, 1 to 8, whose lower8(load_head) is HEAD. */
static inline uint32_t hash_short(uint64_t head, size_t n) {
  return (uint32_t)((((uint64_t)n * HASH_K) ^ head) * HASH_K >> 32);
}

/* Builds an open-addressing table over KEYS (lower case): index+1 per slot, 0 = empty; the
 * first of equal keys wins. */
static uint32_t *hash_keys(char *const *keys, size_t count, size_t *nslots_out) {
  size_t nslots = 16;
  while (nslots < count * 2 + 1) nslots *= 2;
  uint32_t *slots = xcalloc(nslots, sizeof *slots);
  for (size_t i = 0; i < count; i++) {
    size_t s = hash_lower(keys[i], strlen(keys[i])) & (nslots - 1);
    bool dup = false;
    while (slots[s]) {
      if (strcmp(keys[slots[s] - 1], keys[i]) == 0) {
        dup = true;
        break;
      }
      s = (s + 1) & (nslots - 1);
    }
    if (!dup) slots[s] = (uint32_t)i + 1;
  }
  *nslots_out = nslots;
  return slots;
}

static void lexicon_index(lexicon *lx) {
  lx->slots = hash_keys(lx->keys, lx->count, &lx->nslots);
  for (size_t i = 0; i < lx->count; i++) {
    unsigned sh = shape_of(lx->keys[i], strlen(lx->keys[i]));
    lx->shapes[sh / 64] |= (uint64_t)1 << (sh % 64);
  }
  for (size_t i = 0; i < lx->count; i++)
    for (const char *sp = strchr(lx->keys[i], ' '); sp; sp = strchr(sp + 1, ' ')) {
      VEC_RESERVE(lx->prefixes, lx->nprefixes, lx->prefixes_cap);
      lx->prefixes[lx->nprefixes++] = xstrndup(lx->keys[i], (size_t)(sp - lx->keys[i]));
    }
  lx->pslots = hash_keys(lx->prefixes, lx->nprefixes, &lx->npslots);
  for (size_t i = 0; i < lx->nprefixes; i++) {
    unsigned sh = shape_of(lx->prefixes[i], strlen(lx->prefixes[i]));
    lx->prefix_shapes[sh / 64] |= (uint64_t)1 << (sh % 64);
  }
}

static void lexicon_parse(lexicon *lx, const lexicon_blob *blob) {
  lx->name = blob->name;
  lx->name_hash = hash_lower(blob->name, strlen(blob->name));
  const char *p = blob->data, *end = blob->data + blob->size;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    const char *line_end = eol;
    if (line_end > p && line_end[-1] == '\r') line_end--;
    if (line_end > p && *p != '#') {
      const char *tab = memchr(p, '\t', (size_t)(line_end - p));
      const char *kend = tab ? tab : line_end;
      while (kend > p && kend[-1] == ' ') kend--;
      if (kend > p) {
        VEC_RESERVE(lx->keys, lx->count, lx->cap);
        lx->values = xrealloc(lx->values, lx->cap * sizeof *lx->values);
        char *key = xstrndup(p, (size_t)(kend - p));
        for (char *k = key; *k; k++) *k = (char)tolower((unsigned char)*k);
        lx->keys[lx->count] = key;
        lx->values[lx->count] =
            tab ? xstrndup(tab + 1, (size_t)(line_end - tab - 1)) : xstrdup("");
        lx->count++;
      }
    }
    p = eol + 1;
  }
  lexicon_index(lx);
}

static long probe(char *const *keys, const uint32_t *slots, size_t nslots, const char *key,
                  size_t len, uint32_t hash);

/* The id of the word KEY (LEN bytes, at least one; HASH its hash_lower; HEAD its first eight
 * bytes, lower8(load_head)), or -1. */
static long word_probe(const char *key, size_t len, uint32_t hash, uint64_t head) {
  uint32_t short_len = (uint32_t)(len < 255 ? len : 255);
  for (size_t s = hash & (nword_slots - 1); word_slots[s].id_len; s = (s + 1) & (nword_slots - 1)) {
    const word_slot *w = &word_slots[s];
    if (w->hash != hash || w->head != head || (w->id_len & 255) != short_len) continue;
    size_t id = (w->id_len >> 8) - 1;
    if (len <= 8) return (long)id;
    const char *k = words[id] + 8; /* the rest, past the head */
    size_t j = 0;
    while (j < len - 8 && k[j] && (unsigned char)k[j] == lower((unsigned char)key[8 + j])) j++;
    if (j == len - 8 && k[j] == '\0') return (long)id;
  }
  return -1;
}

static void index_words(void) {
  size_t total = 0;
  for (size_t l = 0; l < nlexicons; l++) total += lexicons[l].count;
  nword_slots = 16;
  while (nword_slots < total * 2 + 1) nword_slots *= 2;
  word_slots = xcalloc(nword_slots, sizeof *word_slots);
  words = xmalloc((total ? total : 1) * sizeof *words);
  /* first as (word, list, value) triples in list order, then grouped by word */
  uint32_t *word_of = xmalloc((total ? total : 1) * sizeof *word_of);
  word_list *found = xmalloc((total ? total : 1) * sizeof *found);
  size_t nfound = 0;
  for (size_t l = 0; l < nlexicons; l++) {
    const lexicon *lx = &lexicons[l];
    for (size_t i = 0; i < lx->count; i++) {
      const char *key = lx->keys[i];
      size_t len = strlen(key);
      uint32_t h = hash_lower(key, len);
      /* a key with a space is no one word; of equal keys in a list, the first counts */
      if (strchr(key, ' ') || probe(lx->keys, lx->slots, lx->nslots, key, len, h) != (long)i)
        continue;
      uint64_t head = lower8(load_head(key, len < 8 ? len : 8));
      long w = word_probe(key, len, h, head);
      if (w < 0) {
        size_t s = h & (nword_slots - 1);
        while (word_slots[s].id_len) s = (s + 1) & (nword_slots - 1);
        words[nwords] = lx->keys[i];
        word_slots[s] = (word_slot){head, h,
                                    (uint32_t)(nwords + 1) << 8 | (uint32_t)(len < 255 ? len : 255)};
        w = (long)nwords++;
      }
      word_of[nfound] = (uint32_t)w;
      found[nfound++] = (word_list){(uint32_t)l, lx->values[i]};
    }
  }
  word_first = xcalloc(nwords + 1, sizeof *word_first);
  for (size_t k = 0; k < nfound; k++) word_first[word_of[k] + 1]++;
  for (size_t w = 0; w < nwords; w++) word_first[w + 1] += word_first[w];
  word_lists = xmalloc((nfound ? nfound : 1) * sizeof *word_lists);
  uint32_t *next = xmalloc((nwords + 1) * sizeof *next);
  memcpy(next, word_first, (nwords + 1) * sizeof *next);
  for (size_t k = 0; k < nfound; k++) word_lists[next[word_of[k]]++] = found[k];
  word_mask = xcalloc(nwords ? nwords : 1, sizeof *word_mask);
  for (size_t k = 0; k < nfound; k++)
    if (found[k].list < 32) word_mask[word_of[k]] |= 1u << found[k].list;
  free(next);
  free(found);
  free(word_of);
}

static void lexicon_load_all(void) {
  nlexicons = lexicon_blob_count;
  lexicons = xcalloc(nlexicons, sizeof *lexicons);
  for (size_t i = 0; i < nlexicons; i++) {
    lexicon_parse(&lexicons[i], &lexicon_blobs[i]);
    lexicons[i].number = (unsigned)i;
  }
  index_words();
  atomic_store_explicit(&lexicon_loaded, true, memory_order_release);
}

static inline void lexicon_ensure(void) {
  if (!atomic_load_explicit(&lexicon_loaded, memory_order_acquire))
    pthread_once(&lexicon_once, lexicon_load_all);
}

static const lexicon *lexicon_by_name(const char *name) {
  uint32_t h = hash_lower(name, strlen(name));
  for (size_t i = 0; i < nlexicons; i++)
    if (lexicons[i].name_hash == h && strcmp(lexicons[i].name, name) == 0) return &lexicons[i];
  return NULL;
}

/* lexicon_get is called in inner loops (millions of times a run) with a string literal: each
 * thread keeps a table of the names it was given, by the name's address (see lexicon.h), and
 * the lists they name. The table is larger than the number of places that name a list, so it
 * never fills and two names never take each other's place. A thread that has an entry has
 * loaded the lists already. */
enum { SEEN_SLOTS = 128 };
static _Thread_local struct {
  const char *name;
  const lexicon *lx;
} seen[SEEN_SLOTS];

/* lexicon_get for a name this thread has no entry for: the entry goes in SLOT (none if
 * SLOT is SEEN_SLOTS). Kept out of line, so that a name seen before costs a few
 * instructions. */
static __attribute__((noinline)) const lexicon *lexicon_look_up(const char *name, size_t slot) {
  pthread_once(&lexicon_once, lexicon_load_all);
  const lexicon *lx = lexicon_by_name(name);
  if (lx && slot < SEEN_SLOTS) {
    seen[slot].name = name;
    seen[slot].lx = lx;
  }
  return lx;
}

const lexicon *lexicon_get(const char *name) {
  /* open addressing from a multiplicative hash of the address: literals lie close together */
  size_t slot = (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ULL) >> 57);
  for (size_t probes = 0; probes < SEEN_SLOTS; probes++, slot = (slot + 1) % SEEN_SLOTS) {
    if (seen[slot].name == name) return seen[slot].lx;
    if (!seen[slot].name) return lexicon_look_up(name, slot);
  }
  return lexicon_look_up(name, SEEN_SLOTS);
}

/* The index of KEY in KEYS through SLOTS (hash_keys), or -1. */
static long probe(char *const *keys, const uint32_t *slots, size_t nslots, const char *key,
                  size_t len, uint32_t hash) {
  size_t s = hash & (nslots - 1);
  while (slots[s]) {
    size_t i = slots[s] - 1;
    const char *k = keys[i];
    size_t j = 0;
    while (j < len && k[j] && (unsigned char)k[j] == lower((unsigned char)key[j])) j++;
    if (j == len && k[j] == '\0') return (long)i;
    s = (s + 1) & (nslots - 1);
  }
  return -1;
}

/* Could LX hold KEY? False for most absent words, without hashing them. */
static inline bool maybe_listed(const lexicon *lx, const char *key, size_t len) {
  unsigned sh = shape_of(key, len);
  return lx->shapes[sh / 64] >> (sh % 64) & 1;
}

bool lexicon_has_prefix(const lexicon *lx, const char *words, size_t len) {
  if (!lx || len == 0 || lx->nprefixes == 0) return false;
  unsigned sh = shape_of(words, len);
  if (!(lx->prefix_shapes[sh / 64] >> (sh % 64) & 1)) return false; /* (most asks) */
  return probe(lx->prefixes, lx->pslots, lx->npslots, words, len, hash_lower(words, len)) >= 0;
}

long lexicon_find_index(const lexicon *lx, const char *key, size_t len) {
  if (!lx || len == 0 || !maybe_listed(lx, key, len)) return -1;
  return probe(lx->keys, lx->slots, lx->nslots, key, len, hash_lower(key, len));
}

const char *lexicon_find(const lexicon *lx, const char *key, size_t len) {
  long i = lexicon_find_index(lx, key, len);
  return i < 0 ? NULL : lx->values[i];
}

uint32_t lexicon_hash(const char *key, size_t len) { return hash_lower(key, len); }

long lexicon_word(const char *key, size_t len, uint32_t hash) {
  lexicon_ensure();
  if (len == 0) return -1;
  return word_probe(key, len, hash, lower_head(key, len));
}

long lexicon_word_headed(const char *key, size_t len, uint64_t head, uint32_t *hash) {
  lexicon_ensure();
  if (len == 0) {
    *hash = hash_lower(key, 0);
    return -1;
  }
  /* one load for the hash and the slots both: hash_lower of at most eight bytes */
  *hash = len > 8 ? hash_lower(key, len) : hash_short(head, len);
  return word_probe(key, len, *hash, head);
}

long lexicon_word_hash(const char *key, size_t len, uint32_t *hash) {
  return lexicon_word_headed(key, len, lower_head(key, len), hash);
}

size_t lexicon_word_count(void) {
  lexicon_ensure();
  return nwords;
}

uint32_t lexicon_word_lists(long word) {
  return word < 0 || (size_t)word >= nwords ? 0 : word_mask[word];
}

unsigned lexicon_number(const lexicon *lx) { return lx->number; }

const char *lexicon_word_value(const lexicon *lx, long word) {
  if (!lx || word < 0 || (size_t)word >= nwords) return NULL;
  uint32_t list = lx->number;
  for (uint32_t k = word_first[word]; k < word_first[word + 1]; k++)
    if (word_lists[k].list >= list) return word_lists[k].list == list ? word_lists[k].value : NULL;
  return NULL;
}

size_t lexicon_size(const lexicon *lx) { return lx ? lx->count : 0; }
const char *lexicon_key(const lexicon *lx, size_t i) { return lx->keys[i]; }
const char *lexicon_value(const lexicon *lx, size_t i) { return lx->values[i]; }

bool lexicon_field(const char *value, int field, char *out, size_t outsize) {
  const char *p = value;
  for (int f = 0; f < field; f++) {
    p = strchr(p, '\t');
    if (!p) return false;
    p++;
  }
  size_t n = strcspn(p, "\t");
  if (n >= outsize) n = outsize - 1;
  memcpy(out, p, n);
  out[n] = '\0';
  return true;
}
