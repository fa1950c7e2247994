/* lexicon.h: the general word lists (src/lexicon/ files, compiled into the binary) as
 * read-only lookup tables: months, titles, countries, verb classes, first names...
 *
 * A list is lines of `key<TAB>value`; the value may be empty or hold more tab-separated fields;
 * `#` starts a comment line. Keys are matched without regard to ASCII case; a multi-word key is
 * written with single spaces. The tables are built once, on first use (thread-safe), and live
 * until the process ends: callers never free what these functions return. */
#ifndef STORYLINE_LEXICON_H
#define STORYLINE_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lexicon lexicon;

/* The list named NAME (its file name without .tsv), or NULL if there is none. NAME must be a
 * string literal (or any string that never changes): the answer is remembered by its address.
 * Each ask still probes a small table: a stage that asks for every token finds its lists once
 * (see events.c, names.c). */
const lexicon *lexicon_get(const char *name);

/* The value stored for KEY (LEN bytes), "" for a key without value, NULL if KEY is absent. */
const char *lexicon_find(const lexicon *lx, const char *key, size_t len);

static inline bool lexicon_has(const lexicon *lx, const char *key, size_t len) {
  return lexicon_find(lx, key, len) != NULL;
}

/* Does some multi-word key start with WORDS and a space ("secretary of" for "secretary of
 * state")? Tells a caller building a key word by word when to stop. */
bool lexicon_has_prefix(const lexicon *lx, const char *words, size_t len);

/* For callers that look the same word up in many lists (doc_token_find): the hash of KEY as
 * every list computes it (ASCII case folded); the id of the one-word key KEY (LEN bytes, that
 * HASH) across all lists, or -1 if no list has it; the lists that hold word WORD as bits
 * (bit N: the list numbered N, lexicon_number; a list numbered 32 or more has no bit); and
 * the value list LX gives that word, NULL if it has none: lexicon_find(LX, KEY, LEN) for the
 * price of a short scan. */
uint32_t lexicon_hash(const char *key, size_t len);
long lexicon_word(const char *key, size_t len, uint32_t hash);
/* lexicon_word that works out the hash too, into *HASH: one reading of a short word for both. */
long lexicon_word_hash(const char *key, size_t len, uint32_t *hash);
/* lexicon_word_hash for a caller that has the word's lower_head (util.h) already: HEAD. */
long lexicon_word_headed(const char *key, size_t len, uint64_t head, uint32_t *hash);
/* How many words there are: word ids run from 0 to this, for tables indexed by word. */
size_t lexicon_word_count(void);
uint32_t lexicon_word_lists(long word);
unsigned lexicon_number(const lexicon *lx);
const char *lexicon_word_value(const lexicon *lx, long word);

/* Number of entries, and the Ith entry's key and value (in file order), for iteration;
 * lexicon_find_index is lexicon_find that answers with that I (-1 if KEY is absent), for
 * callers that keep something of their own per entry. */
long lexicon_find_index(const lexicon *lx, const char *key, size_t len);
size_t lexicon_size(const lexicon *lx);
const char *lexicon_key(const lexicon *lx, size_t i);
const char *lexicon_value(const lexicon *lx, size_t i);

/* Field FIELD (0-based) of a tab-separated VALUE copied into OUT (at most OUTSIZE-1 bytes);
 * returns false if the value has no such field. */
bool lexicon_field(const char *value, int field, char *out, size_t outsize);

#endif
