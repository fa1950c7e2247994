/* copies.c: exact copies of articles (see copies.h). */
#include "copies.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

typedef struct copy_slot {
  uint64_t h0, h1; /* the text's keyed hash */
  uint64_t body;   /* where the text's body starts (after header lines) */
  int32_t year;
  int16_t month, day;
  long ordinal;    /* -1: empty */
} copy_slot;

struct copy_finder {
  uint64_t k0, k1; /* this run's hash key */
  copy_slot *slots; /* open addressing; the capacity is a power of two */
  size_t cap, n;
};

static uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static uint64_t load_le64(const unsigned char *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

#define SIPROUND                                                                           \
  do {                                                                                     \
    v0 += v1, v1 = rotl(v1, 13), v1 ^= v0, v0 = rotl(v0, 32);                              \
    v2 += v3, v3 = rotl(v3, 16), v3 ^= v2;                                                 \
    v0 += v3, v3 = rotl(v3, 21), v3 ^= v0;                                                 \
    v2 += v1, v1 = rotl(v1, 17), v1 ^= v2, v2 = rotl(v2, 32);                              \
  } while (0)

/* SipHash-2-4 with a 128-bit result, as its authors' reference implementation computes it. */
static void siphash128(const copy_finder *f, const unsigned char *in, size_t n, uint64_t out[2]) {
  uint64_t v0 = 0x736f6d6570736575ULL ^ f->k0, v1 = 0x646f72616e646f6dULL ^ f->k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ f->k0, v3 = 0x7465646279746573ULL ^ f->k1;
  v1 ^= 0xee;
  const unsigned char *end = in + (n - n % 8);
  for (; in != end; in += 8) {
    uint64_t m = load_le64(in);
    v3 ^= m;
    SIPROUND;
    SIPROUND;
    v0 ^= m;
  }
  uint64_t b = (uint64_t)n << 56;
  for (size_t i = n % 8; i-- > 0;) b |= (uint64_t)in[i] << (8 * i);
  v3 ^= b;
  SIPROUND;
  SIPROUND;
  v0 ^= b;
  v2 ^= 0xee;
  for (int i = 0; i < 4; i++) SIPROUND;
  out[0] = v0 ^ v1 ^ v2 ^ v3;
  v1 ^= 0xdd;
  for (int i = 0; i < 4; i++) SIPROUND;
  out[1] = v0 ^ v1 ^ v2 ^ v3;
}

copy_finder *copy_finder_new(void) {
  copy_finder *f = xcalloc(1, sizeof *f);
  uint64_t key[2];
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
    /* no random source: a weaker key still tells different texts apart */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec;
    key[1] = (uint64_t)getpid() * 0xBF58476D1CE4E5B9ULL ^ (uint64_t)(uintptr_t)f;
  }
  f->k0 = key[0];
  f->k1 = key[1];
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

long copy_finder_check(copy_finder *f, const char *text, size_t len, size_t body,
                       civil_date date, long ordinal) {
  if (!f || !text) return -1;
  if (f->n * 2 >= f->cap) grow(f);
  uint64_t h[2];
  siphash128(f, (const unsigned char *)text, len, h);
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
