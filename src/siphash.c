/* siphash.c: SipHash-2-4, 128-bit output (see siphash.h). */
#include "siphash.h"

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

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

void siphash128(hash_key key, const void *data, size_t n, uint64_t out[2]) {
  const unsigned char *in = data;
  uint64_t v0 = 0x736f6d6570736575ULL ^ key.k0, v1 = 0x646f72616e646f6dULL ^ key.k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ key.k0, v3 = 0x7465646279746573ULL ^ key.k1;
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

hash_key hash_key_random(void) {
  uint64_t key[2];
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
    /* no random source: a weaker key still tells different inputs apart */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec;
    key[1] = (uint64_t)getpid() * 0xBF58476D1CE4E5B9ULL ^ (uint64_t)(uintptr_t)&ts;
  }
  return (hash_key){key[0], key[1]};
}
