/* copies.c: exact copies of articles (see copies.h). */
#include "copies.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siphash.h"
#include "util.h"

typedef struct copy_slot {
  uint64_t h0, h1; /* the text's keyed hash */
  uint64_t body;   /* where the text's body starts (after header lines) */
  int32_t year;
  int16_t month, day;
  long ordinal;    /* -1: empty */
} copy_slot;

struct copy_finder {
  hash_key key;     /* this run's */
  copy_slot *slots; /* open addressing; the capacity is a power of two */
  size_t cap, n;
};

copy_finder *copy_finder_new(void) {
  copy_finder *f = xcalloc(1, sizeof *f);
  f->key = hash_key_random();
  return f;
}

void copy_finder_free(copy_finder *f) {
  if (!f) return;
  free(f->slots);
  free(f);
}

static void grow(copy_finder *f) {
  size_t cap = f->cap ? f->cap * 2 : 1024;
  copy_slot *slots = xmalloc(cap * sizeof *slots);
  for (size_t i = 0; i < cap; i++) slots[i].ordinal = -1;
  for (size_t i = 0; i < f->cap; i++) {
    if (f->slots[i].ordinal < 0) continue;
    size_t k = f->slots[i].h0 & (cap - 1);
    while (slots[k].ordinal >= 0) k = (k + 1) & (cap - 1);
    slots[k] = f->slots[i];
  }
  free(f->slots);
  f->slots = slots;
  f->cap = cap;
}

void copy_finder_text_hash(const copy_finder *f, const char *text, size_t len, uint64_t out[2]) {
  siphash128(f->key, text ? text : "", text ? len : 0, out);
}

long copy_finder_check(copy_finder *f, const char *text, size_t len, size_t body,
                       civil_date date, long ordinal) {
  if (!f || !text) return -1;
  uint64_t h[2];
  copy_finder_text_hash(f, text, len, h);
  return copy_finder_check_hashed(f, h, body, date, ordinal);
}

long copy_finder_check_hashed(copy_finder *f, const uint64_t h[2], size_t body, civil_date date,
                              long ordinal) {
  if (!f || !h) return -1;
  if (f->n * 2 >= f->cap) grow(f);
  size_t k = h[0] & (f->cap - 1);
  for (; f->slots[k].ordinal >= 0; k = (k + 1) & (f->cap - 1)) {
    const copy_slot *s = &f->slots[k];
    if (s->h0 == h[0] && s->h1 == h[1] && s->body == body && s->year == date.year &&
        s->month == date.month && s->day == date.day)
      return s->ordinal;
  }
  f->slots[k] = (copy_slot){h[0], h[1], body, date.year, (int16_t)date.month,
                            (int16_t)date.day, ordinal};
  f->n++;
  return -1;
}
