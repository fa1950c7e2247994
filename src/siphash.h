/* siphash.h: a keyed 128-bit hash (SipHash-2-4 with its 128-bit output) for the tables that
 * remember what a run has seen by a hash alone: the texts of articles (copies.h), their ids
 * (article_ids.h). Under a key drawn at random for each run, two different inputs share a hash
 * with a chance of about one in 2^128, and no one can make two collide on purpose without the
 * key. */
#ifndef STORYLINE_SIPHASH_H
#define STORYLINE_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct hash_key {
  uint64_t k0, k1;
} hash_key;

/* A key from the system's random source (else from the clock and the process id). */
hash_key hash_key_random(void);

/* SipHash-2-4 of IN[0..N) under KEY, its 128-bit result in OUT[0], OUT[1], as the authors'
 * reference implementation computes it. */
void siphash128(hash_key key, const void *in, size_t n, uint64_t out[2]);

#endif
