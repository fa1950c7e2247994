/* fuzz_article.c: the article readers on arbitrary bytes, as a plain text file, a JSON Lines
 * file, a JSON file and a file without extension; then the date parser on the same bytes. */
#include "fuzz.h"

static void check_article(const article *a) {
  FUZZ_CHECK(a->id != NULL && a->text != NULL);
  FUZZ_CHECK(a->text[a->len] == '\0');
  FUZZ_CHECK(a->body <= a->len);
  FUZZ_CHECK(a->date.month >= 0 && a->date.month <= 12);
  FUZZ_CHECK(a->date.day >= 0 && a->date.day <= 31);
  FUZZ_CHECK(date_source_name(a->date_source) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"fuzz.txt", "fuzz.jsonl", "fuzz.json", "fuzz", "-"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    article a;
    if (article_parse_text(names[i], (const char *)data, size, &a, fuzz_ignore_problem, NULL))
      check_article(&a);
    article_release(&a);
  }
  civil_date d = {0, 0, 0};
  if (article_parse_date((const char *)data, size, &d)) {
    FUZZ_CHECK(d.month >= 0 && d.month <= 12);
    FUZZ_CHECK(d.day >= 0 && d.day <= 31);
  }
  return 0;
}
