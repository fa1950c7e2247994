/* timex.h: finding date and time expressions in text and resolving them to TimeML TIMEX3
 * types and values against an anchor (the article's publication date).
 *
 * Ownership: a timex_list owns its items; timex_list_release frees them. */
#ifndef STORYLINE_TIMEX_H
#define STORYLINE_TIMEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "article.h" /* civil_date */

typedef enum timex_type { TIMEX_DATE, TIMEX_TIME, TIMEX_DURATION, TIMEX_SET } timex_type;

const char *timex_type_name(timex_type t); /* "DATE", "TIME", "DURATION", "SET" */

typedef struct timex {
  uint32_t start, end; /* byte span in the text, end exclusive: the whole expression */
  timex_type type;
  char value[48];      /* TIMEX3 value: "2017-03-24", "2017-W12", "XXXX-03-24", "P3D", "PAST_REF" */
  bool relative;       /* the value was computed from the anchor */
} timex;

typedef struct timex_list {
  timex *items;
  size_t count, cap;
} timex_list;

void timex_list_init(timex_list *l);
void timex_list_release(timex_list *l);

/* Appends to OUT every date expression in TEXT[start, end) (one sentence or one stretch of
 * text; offsets in OUT index TEXT). Relative expressions resolve against ANCHOR; with no
 * anchor (year 0) they keep TIMEX3's unknown digits ("XXXX-03-24") or stay relative
 * ("PAST_REF"). Whether a bare weekday or month means the last or the next one follows the
 * tense of the text around it. Items come out in text order and never overlap. */
void timex_find(const char *text, size_t start, size_t end, civil_date anchor, timex_list *out);

/* The lexicon_word id of the word at bytes [START, END) of the text, as a caller that has
 * looked its words up already knows it: -1 for a word in no list, -2 if the caller does not
 * know that span. Asked with START rising. */
typedef long (*timex_word_lookup)(void *ctx, uint32_t start, uint32_t end);

/* timex_find, taking the ids of the words LOOKUP knows from it rather than looking them up
 * again (doc_find_dates lends the ids token_split found): the same items. */
void timex_find_known(const char *text, size_t start, size_t end, civil_date anchor,
                      timex_word_lookup lookup, void *lookup_ctx, timex_list *out);

/* Can the word W (N bytes, ASCII letters) help make a date expression? A word of time (a
 * month, a weekday, "today", "week", "morning", "spring", "now", "daily", "noon", a holiday,
 * "half"), a relative one ("last", "this", "current", "past"), a number that opens a year in
 * words ("nineteen", "two thousand"), or one of the few other words an expression holds
 * without any of these ("the latest period", "the nineties", "a later date"). Every expression
 * timex_find finds has a digit or such a word, so a caller may skip a stretch of text without
 * either (doc_find_dates does: most of a news text). HASH is lexicon_hash(W, N). */
bool timex_word_may_anchor(const char *w, size_t n, uint32_t hash);
/* The same of a stretch of text S (N bytes): does it hold a digit, or a run of ASCII letters
 * that timex_word_may_anchor takes ("mid-2016", "year-earlier", "Sept.")? */
bool timex_text_may_anchor(const char *s, size_t n);

/* Forgets the date last mentioned, which timex_find carries from one call to the next while
 * the calls walk forward through one text ("two days later" after "on March 3"). A caller
 * about to read a new text calls it first. */
void timex_forget(void);

/* The calendar date a DATE value names, at its precision: "2017-03-24" gives day precision,
 * "2017-03" month, "2017" year. Returns false for values that name no calendar date
 * (durations, "PAST_REF", "2017-W12", values with X digits...). Week, quarter and season values
 * may map to their year. */
bool timex_value_to_date(const char *value, civil_date *date);

#endif
