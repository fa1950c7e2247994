/* article_ids.c: one id for one article (see article_ids.h). */
#include "article_ids.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "siphash.h"
#include "util.h"

/* A slot of a table keyed by a 128-bit hash; used false is an empty slot. */
typedef struct id_slot {
  uint64_t h0, h1;
  uint64_t f0, f1; /* ids: the article that holds the id, as hashed by article_hash */
  long value;      /* ids: the suffix to try next; renames: the suffix given */
  bool used;
} id_slot;

typedef struct id_table {
  id_slot *slots; /* open addressing; the capacity is a power of two */
  size_t cap, n;
} id_table;

struct id_keeper {
  hash_key key;
  id_table ids;     /* every id held, by the hash of the id */
  id_table renames; /* the suffix an article got for an id it could not keep, by the hash of both */
};

id_keeper *id_keeper_new(void) {
  id_keeper *k = xcalloc(1, sizeof *k);
  k->key = hash_key_random();
  return k;
}

void id_keeper_free(id_keeper *k) {
  if (!k) return;
  free(k->ids.slots);
  free(k->renames.slots);
  free(k);
}

static id_slot *slot_for(id_table *t, const uint64_t h[2]) {
  size_t i = h[0] & (t->cap - 1);
  while (t->slots[i].used && !(t->slots[i].h0 == h[0] && t->slots[i].h1 == h[1]))
    i = (i + 1) & (t->cap - 1);
  return &t->slots[i];
}

/* The slot of hash H: its entry, or the empty slot where it would go. Grows the table first
 * if it is half full, so a slot found stays valid until the next call. */
static id_slot *table_find(id_table *t, const uint64_t h[2]) {
  if (t->n * 2 >= t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    id_table grown = {xcalloc_written(cap, sizeof *grown.slots), cap, t->n};
    for (size_t i = 0; i < t->cap; i++)
      if (t->slots[i].used) *slot_for(&grown, (uint64_t[2]){t->slots[i].h0, t->slots[i].h1}) = t->slots[i];
    free(t->slots);
    *t = grown;
  }
  return slot_for(t, h);
}

static void table_put(id_table *t, id_slot *s, const uint64_t h[2], const uint64_t f[2], long value) {
  *s = (id_slot){h[0], h[1], f[0], f[1], value, true};
  t->n++;
}

/* What makes an article the same article: its text, where its body starts and its date and
 * the date's source as read (the same file named twice has them all the same). The text is
 * hashed here unless the caller gives its hash (TEXT_HASH). */
static void article_hash(const id_keeper *k, const article *a, const uint64_t text_hash[2],
                         uint64_t out[2]) {
  uint64_t parts[6];
  if (text_hash) {
    parts[0] = text_hash[0];
    parts[1] = text_hash[1];
  } else {
    siphash128(k->key, a->text, a->len, parts);
  }
  parts[2] = a->body;
  parts[3] = (uint64_t)(uint32_t)a->date.year;
  parts[4] = (uint64_t)(uint32_t)a->date.month << 32 | (uint32_t)a->date.day;
  parts[5] = (uint64_t)a->date_source;
  siphash128(k->key, parts, sizeof parts, out);
}

static char *suffixed(const char *id, long suffix) {
  size_t size = strlen(id) + 24;
  char *name = xmalloc(size);
  snprintf(name, size, "%s#%ld", id, suffix);
  return name;
}

char *id_keeper_claim(id_keeper *k, const article *a) { return id_keeper_claim_hashed(k, a, NULL); }

char *id_keeper_claim_hashed(id_keeper *k, const article *a, const uint64_t text_hash[2]) {
  if (!k || !a || !a->id || !a->text) return NULL;
  const char *id = a->id;
  uint64_t h[2], f[2];
  siphash128(k->key, id, strlen(id), h);
  article_hash(k, a, text_hash, f);
  id_slot *held = table_find(&k->ids, h);
  if (!held->used) {
    table_put(&k->ids, held, h, f, 2);
    return NULL;
  }
  if (held->f0 == f[0] && held->f1 == f[1]) return NULL; /* the same article again */

  /* Has this article been here before? The id and the article, hashed together. */
  uint64_t both[4] = {h[0], h[1], f[0], f[1]}, hb[2];
  siphash128(k->key, both, sizeof both, hb);
  id_slot *renamed = table_find(&k->renames, hb);
  if (renamed->used) return suffixed(id, renamed->value);

  /* Another article: the first free suffix after those given for this id. */
  for (long next = held->value;; next++) {
    char *name = suffixed(id, next);
    uint64_t hn[2];
    siphash128(k->key, name, strlen(name), hn);
    id_slot *s = table_find(&k->ids, hn);
    if (!s->used) {
      table_put(&k->ids, s, hn, f, 2);
      table_find(&k->ids, h)->value = next + 1; /* (HELD may have moved) */
      table_put(&k->renames, renamed, hb, f, next);
      return name;
    }
    free(name);
  }
}
