/* fuzz_article.c: the article readers on arbitrary bytes, as a plain text file, a JSON Lines
 * file, a JSON file and a file without extension; the fast JSON reader against jansson; then
 * the date parser on the same bytes. */
#include "fuzz.h"

#include <jansson.h>

#include "article_json.h"

/* Wherever the fast JSON reader reads a text, jansson reads the same strings from it. */
static void check_fast_json(const char *text, size_t n) {
  static const char *const keys[] = {"maintext", "title", "id", "date", "a", "", NULL};
  json_t *fast = article_json_scan(text, n, keys);
  if (!fast) return;
  json_t *full = json_loadb(text, n, 0, NULL);
  FUZZ_CHECK(full != NULL && json_is_object(full));
  for (const char *const *k = keys; *k; k++) {
    json_t *a = json_object_get(fast, *k), *b = json_object_get(full, *k);
    if (a)
      FUZZ_CHECK(json_is_string(b) && json_string_length(a) == json_string_length(b) &&
                 memcmp(json_string_value(a), json_string_value(b), json_string_length(a)) == 0);
    else
      FUZZ_CHECK(!b || json_is_null(b) || json_is_boolean(b) || json_is_array(b));
  }
  json_decref(full);
  json_decref(fast);
}

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
  check_fast_json((const char *)data, size);
  civil_date d = {0, 0, 0};
  if (article_parse_date((const char *)data, size, &d)) {
    FUZZ_CHECK(d.month >= 0 && d.month <= 12);
    FUZZ_CHECK(d.day >= 0 && d.day <= 31);
  }
  return 0;
}
