/* article_ids.h: one id for one article. The outputs name an article by its id (OUTPUTS.md: the
 * JSON id field, else the file name without its extension), so two different articles of a
 * run must not share one; yet they may come with the same id: two folders that each hold a
 * story.txt, a crawl that reuses its ids. In the order the articles are read, the first one
 * keeps the id; a later one that is another article takes the first free one of ID#2, ID#3,
 * ... and its caller warns. An article given again (the same id, text, body and date as
 * read: a file named twice) is the same article and keeps the id it had.
 *
 * Ids and texts are remembered by keyed 128-bit hashes (siphash.h): 48 bytes per id, in tables
 * at most half full; nothing of the id or the text itself is kept.
 *
 * Ownership: the keeper owns its tables; it keeps no pointer to the ids it is shown. */
#ifndef STORYLINE_ARTICLE_IDS_H
#define STORYLINE_ARTICLE_IDS_H

#include <stdint.h>

#include "article.h"

typedef struct id_keeper id_keeper;

id_keeper *id_keeper_new(void);
void id_keeper_free(id_keeper *k); /* NULL is a no-op */

/* Article A, as read (before its date is settled), asks for its id. Returns NULL if it keeps
 * A->id, else the id it takes instead: a new string the caller frees. */
char *id_keeper_claim(id_keeper *k, const article *a);

/* The same for a caller that has a keyed 128-bit hash of A's text already (TEXT_HASH, as
 * copy_finder_text_hash gives it: siphash.h under a key of this run), which then stands for
 * the text. A caller uses one or the other for all its articles. */
char *id_keeper_claim_hashed(id_keeper *k, const article *a, const uint64_t text_hash[2]);

#endif
