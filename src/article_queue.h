/* article_queue.h: articles set aside until later, in a temporary file rather than in memory:
 * build keeps the articles that wait for the run's date here, so that a crawl without dates
 * does not hold all its text at once. When no temporary file can be made or written, the
 * articles wait in memory instead (slower to grow, never lost).
 *
 * Ownership: the queue owns what is pushed; an article popped belongs to the caller
 * (article_release). The temporary file is deleted when the queue is freed, or at exit. */
#ifndef STORYLINE_ARTICLE_QUEUE_H
#define STORYLINE_ARTICLE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "article.h"

typedef struct article_queue article_queue;

article_queue *article_queue_new(void);

/* A queue in F, an empty file open for writing and reading, which it takes (and closes); NULL
 * keeps every article in memory. (article_queue_new gives it a temporary file.) */
article_queue *article_queue_on(FILE *f);
void article_queue_free(article_queue *q); /* NULL is a no-op; releases what was not popped */

/* Takes *A (which is left empty). */
void article_queue_push(article_queue *q, article *a);

/* Fills *A with the next article in the order pushed and returns true, or returns false when
 * there is none left. Pushing after the first pop is not allowed. *LOST counts articles that
 * could not be read back from the temporary file (an I/O error); they are skipped. */
bool article_queue_pop(article_queue *q, article *a, size_t *lost);

/* How many articles were pushed. */
size_t article_queue_count(const article_queue *q);

#endif
