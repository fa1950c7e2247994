/* article_json.h: a fast first reading of one news-crawler JSON object.
 *
 * Crawlers write one flat object per article, most of its bytes in one long string (the text).
 * jansson reads such a line at about 100 MB/s, building every value; article_json_scan checks
 * the whole text and keeps only the few fields storyline reads, several times faster.
 *
 * It accepts only what jansson (the full parser, in article.c) accepts too, and gives the same
 * values; anything else (a syntax error, bytes that are not UTF-8, a \u0000, numbers, nested
 * objects or very deep arrays under a wanted key) makes it answer NULL, and the caller hands
 * the text to jansson, which accepts it or says what is wrong. So it changes speed, never
 * results or messages. */
#ifndef STORYLINE_ARTICLE_JSON_H
#define STORYLINE_ARTICLE_JSON_H

#include <jansson.h>
#include <stddef.h>

/* A new jansson object (the caller owns it) holding the string values of those of KEYS (a
 * NULL-terminated list) that the JSON object text S[0..N) has, or NULL as said above. */
json_t *article_json_scan(const char *s, size_t n, const char *const *keys);

#endif
