/* copies.h: finds the articles of a run that are exact copies of an earlier one: the same
 * text, byte for byte, with its body at the same place (after the same header lines), and the
 * same publication date: all that the analysis of an article reads. A crawl holds many (one wire story
 * carried word for word by many sites); an exact copy's analysis would be the original's, so
 * build analyses the text once and credits the copy with every fact of the original.
 *
 * Texts are compared by a keyed 128-bit hash (siphash.h) under a key drawn at random for each
 * run: two different texts are taken for one with a chance of about one in 2^128 per pair, and
 * no one can make a text that collides on purpose without the key. Nothing of the text is
 * kept: a 40-byte slot per article, in a table at most half full.
 *
 * Ownership: the finder owns its table; it keeps no pointer to the texts it is shown. */
#ifndef STORYLINE_COPIES_H
#define STORYLINE_COPIES_H

#include <stddef.h>
#include <stdint.h>

#include "article.h" /* civil_date */

typedef struct copy_finder copy_finder;

copy_finder *copy_finder_new(void);
void copy_finder_free(copy_finder *f); /* NULL is a no-op */

/* The article numbered ORDINAL (numbers rise in the order articles are shown) has the text
 * TEXT[0..LEN), whose body starts at BODY, and the date DATE. Returns the number of the first
 * article shown with the same text, body and date, or -1 (and remembers this one) if there
 * was none. */
long copy_finder_check(copy_finder *f, const char *text, size_t len, size_t body,
                       civil_date date, long ordinal);

/* The same in two steps, for a caller that has more use for the text's hash (build gives it
 * to the id keeper too: the text is then read once): the hash of TEXT[0..LEN) under the
 * finder's key, and copy_finder_check with that hash for the text. */
void copy_finder_text_hash(const copy_finder *f, const char *text, size_t len, uint64_t out[2]);
long copy_finder_check_hashed(copy_finder *f, const uint64_t text_hash[2], size_t body,
                              civil_date date, long ordinal);

#endif
