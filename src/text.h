/* text.h: character-level helpers over UTF-8 article text: decoding, character classes,
 * folding for matching (case, diacritics, typographic apostrophes), and page furniture.
 *
 * Ownership: folded text goes into a caller's strbuf; nothing is retained. */
#ifndef STORYLINE_TEXT_H
#define STORYLINE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decodes the character at S[0..N) into *CP; returns its length in bytes (1 for an invalid
 * byte, which decodes as U+FFFD). N must be > 0. */
size_t text_decode(const char *s, size_t n, int32_t *cp);

bool text_is_letter(int32_t cp);   /* letters and combining marks */
bool text_is_upper(int32_t cp);
bool text_is_space(int32_t cp);    /* any Unicode space, including no-break spaces */
bool text_is_quote(int32_t cp);    /* " “ ” „ « » ‹ › ‘ ’ ‚ ' */
bool text_is_dash(int32_t cp);     /* - ‐ ‑ – — ― */

/* Appends S[0..N) to OUT folded for matching: NFKC, lower case, diacritics removed,
 * typographic apostrophes and dashes made ASCII, runs of spaces made one. */
void text_fold(const char *s, size_t n, strbuf *out);

#endif
