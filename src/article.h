/* article.h: reading articles from files, directories and standard input (plain text with
 * optional header lines, news-crawler JSON and JSON Lines), and finding each one's
 * publication date.
 *
 * Ownership: an article owns all its strings; article_release frees them. The reader owns
 * nothing it hands out: each article filled by article_reader_next belongs to the caller. */
#ifndef STORYLINE_ARTICLE_H
#define STORYLINE_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

/* Articles longer than this are cut here (at a UTF-8 boundary) with a warning. */
#define ARTICLE_MAX_BYTES ((size_t)16 * 1024 * 1024)

typedef enum date_source {
  DATE_SOURCE_NONE,
  DATE_SOURCE_HEADER,   /* a Date: header line or a JSON date field */
  DATE_SOURCE_TEXT,     /* a dateline or date line in the text */
  DATE_SOURCE_OPTION,   /* --date */
  DATE_SOURCE_INFERRED, /* from the other articles of the run */
} date_source;

const char *date_source_name(date_source s); /* "header", "text", ... as OUTPUTS.md writes */

/* A calendar date; a part that is not known is 0 (year 0 means no date at all). */
typedef struct civil_date {
  int year, month, day;
} civil_date;

typedef struct article {
  char *id;     /* the JSON id field, else the file name without extension */
  char *file;   /* where it came from, for messages: a path, or "-" */
  char *title;  /* NULL if none */
  char *source; /* outlet, NULL if none */
  char *url;    /* NULL if none */
  char *text;   /* the article text, UTF-8, NUL-terminated; offsets index these bytes */
  size_t len;
  size_t body;  /* offset of the body, after any header lines (0 if none) */
  civil_date date;
  date_source date_source;
} article;

void article_release(article *a);

/* How the reader tells its caller about a problem with one input. FATAL means the input (or
 * that one JSON line) was skipped; otherwise it is a warning and the article was still read.
 * MESSAGE is lower case, problem first, without the file name. */
typedef void (*article_problem_fn)(void *ctx, const char *file, const char *message, bool fatal);

typedef struct article_reader article_reader;

/* Reads INPUTS in order; a directory is read recursively, its files in sorted order (files
 * named .txt, .json, .jsonl or without extension; hidden files are skipped); "-" is standard
 * input. The strings in INPUTS must outlive the reader. */
article_reader *article_reader_new(const char *const *inputs, size_t ninputs,
                                   article_problem_fn report, void *ctx);
/* Fills *A with the next article and returns true, or returns false when all is read. */
bool article_reader_next(article_reader *r, article *a);
void article_reader_free(article_reader *r);

/* Parses one article from memory, as the reader does for a file named NAME (its extension
 * picks the format; a JSON file gives its first object). For tests and fuzzing. Returns false
 * and reports through REPORT if nothing usable is in it. TEXT need not be NUL-terminated. */
bool article_parse_text(const char *name, const char *text, size_t len, article *a,
                        article_problem_fn report, void *ctx);

/* Publication date from the header or from a dateline / date line near the start of the text
 * ("Moscow. March 24.", "## 24/03/2017", "March 24, 2017"). A dateline without a year fills
 * month and day and leaves year 0. Sets a->date and a->date_source. Called by the reader. */
void article_find_date(article *a);

/* Parses a date as written in a Date: header or a JSON date field ("2017-03-24",
 * "2017-03-24T10:30:00Z", "24/03/2017", "March 24, 2017", "Fri, 24 Mar 2017 10:30:00 +0000",
 * "March 2017" with day 0, "March 24" with year 0). The text after the date (a time, a zone)
 * is ignored. Numeric dates are read day first unless the first part cannot be a month.
 * Returns false, leaving *D alone, if S does not start with a date. */
bool article_parse_date(const char *s, size_t n, civil_date *d);

#endif
