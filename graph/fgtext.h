/* fgtext.h: text helpers internal to the graph module: every string the graph keeps is made
 * valid UTF-8 here, names are collapsed and case-folded for comparison, ids are slugged.
 *
 * Ownership: functions taking an arena allocate from it; the others return malloc'd strings
 * the caller frees. */
#ifndef STORYLINE_GRAPH_FGTEXT_H
#define STORYLINE_GRAPH_FGTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* A copy of S (up to its NUL) with every invalid UTF-8 sequence replaced by U+FFFD. */
char *fg_clean_utf8(arena *a, const char *s);

/* Like fg_clean_utf8, and also every run of white space or control characters becomes one
 * space, leading and trailing ones dropped: the form of names, roles, aliases and quotes. */
char *fg_collapse(arena *a, const char *s);

/* The clean form of S (NULL: "") as fg_clean_utf8 (COLLAPSE false) or fg_collapse makes it,
 * without a copy: S itself when it is clean already, else built in SB. *N receives its length.
 * Valid until SB changes. */
const char *fg_clean_view(const char *s, bool collapse, strbuf *sb, size_t *n);

/* The comparison key of a collapsed name: Unicode case folding, NFC. Caller frees. */
char *fg_fold(const char *collapsed);

/* The plain comparison form of S: case folded, compatibility forms and diacritics removed
 * ("Enchaîné" and "ENCHAINE" agree). Caller frees. */
char *fg_fold_plain(const char *s);

/* An ASCII id for LABEL: lower case, diacritics stripped, other characters to '_', no
 * leading, trailing or doubled '_'. Empty if nothing ASCII remains. Caller frees. */
char *fg_slug(const char *label);

/* For sorts that compare strings with strcmp: the next COUNT bytes (at most 8) of S from
 * byte *AT as one number, big-endian, zeros past the end of S; *AT moves past them (never
 * past the end). Numbers made so from two strings at the same *AT compare as strcmp compares
 * those bytes, so a sort can compare the numbers first and the strings only where they tie. */
uint64_t fg_order_bytes(const char *s, size_t *at, size_t count);

/* A text pool: one copy of each distinct text, so that the many records that repeat a
 * name, a quote or a sentence share it (and equal texts in the pool are equal pointers).
 * The texts live in the arena the caller passes (always the same one); the pool owns only
 * its table. Not thread-safe. */
struct fg_pool_slot;
typedef struct fg_pool {
  struct fg_pool_slot *slots; /* open addressing; the capacity is a power of two */
  size_t cap, n;
  struct fg_pool_slot *recent; /* the texts last added or found, by hash (POOL_RECENT) */
  strbuf scratch; /* where a text being cleaned is built */
} fg_pool;

void fg_pool_init(fg_pool *p);
void fg_pool_release(fg_pool *p); /* the table; the texts stay in their arena */

/* The pool's copy of the N bytes at S (which hold no NUL), added if new. */
const char *fg_pool_add(fg_pool *p, arena *a, const char *s, size_t n);

/* Asks for the slot of the N bytes at S in the large table, to be added soon: a lookup there
 * is a miss in memory, which this lets overlap with other work. Only a hint. */
void fg_pool_prefetch(const fg_pool *p, const char *s, size_t n);

/* The pool's copy of fg_clean_utf8(S) (COLLAPSE false) or fg_collapse(S) (COLLAPSE true). */
const char *fg_pool_clean(fg_pool *p, arena *a, const char *s, bool collapse);

/* 64-bit FNV-1a: stable across runs and machines, used for event ids. fg_hash_more goes on
 * from hash H of the bytes before (FG_HASH_START for none), so that a string can be hashed
 * in pieces: fg_hash(s, n) == fg_hash_more(FG_HASH_START, s, n). */
#define FG_HASH_START 14695981039346656037ULL
uint64_t fg_hash(const char *s, size_t n);
uint64_t fg_hash_more(uint64_t h, const char *s, size_t n);

/* Does S contain an upper-case and a lower-case letter (2), only upper-case letters (1), or no
 * upper-case letter (0)? Ranks the casing of a name. */
int fg_casing_rank(const char *s);

#endif
