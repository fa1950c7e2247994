/* support.h: helpers for the extractor's unit tests: run the whole analysis on a string as a
 * plain-text article with a given publication date. Header-only; include after cmocka. */
#ifndef STORYLINE_TEST_SUPPORT_H
#define STORYLINE_TEST_SUPPORT_H

#include <string.h>

#include "article.h"
#include "doc.h"

typedef struct analysed {
  article art;
  doc d;
} analysed;

static void support_ignore_problem(void *ctx, const char *file, const char *message, bool fatal) {
  (void)ctx, (void)file, (void)message, (void)fatal;
}

/* Analyses TEXT as an article published on YEAR-MONTH-DAY (year 0: undated). */
static inline void analyse(analysed *x, const char *text, int year, int month, int day) {
  memset(x, 0, sizeof *x);
  bool ok = article_parse_text("test.txt", text, strlen(text), &x->art, support_ignore_problem, NULL);
  assert_true(ok);
  if (year) {
    x->art.date = (civil_date){year, month, day};
    x->art.date_source = DATE_SOURCE_OPTION;
  }
  doc_init(&x->d, &x->art);
  doc_analyze(&x->d);
}

static inline void analysed_release(analysed *x) {
  doc_release(&x->d);
  article_release(&x->art);
}

/* Writes the span's text into a static buffer, for messages and comparisons. */
static inline const char *span_str(const analysed *x, uint32_t start, uint32_t end) {
  static char buf[512];
  size_t n = end - start < sizeof buf - 1 ? end - start : sizeof buf - 1;
  memcpy(buf, x->d.text + start, n);
  buf[n] = '\0';
  return buf;
}

#endif
