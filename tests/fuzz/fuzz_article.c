/* fuzz_article.c: the article readers on arbitrary bytes, as a plain text file, a JSON Lines
 * file, a JSON file and a file without extension, each article read also set aside in an
 * article queue and taken back; the fast JSON reader against jansson; then the date parser on
 * the same bytes. */
#include "fuzz.h"

#include <jansson.h>

#include "article_json.h"
#include "article_queue.h"

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

static bool same_str(const char *x, const char *y) {
  return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* *A set aside in a queue (in a file in memory, or in memory when the file is too small for
 * it) comes back the same; takes *A. */
static void check_queued(article *a) {
  article want = {xstrdup(a->id), NULL, a->title ? xstrdup(a->title) : NULL, NULL, NULL,
                  xmalloc(a->len + 1), a->len, a->body, a->date, a->date_source};
  memcpy(want.text, a->text, a->len + 1);
  article_queue *q = article_queue_on(fmemopen(NULL, a->len + 1024, "w+"));
  article_queue_push(q, a);
  article got;
  size_t lost = 0;
  FUZZ_CHECK(article_queue_pop(q, &got, &lost) && lost == 0);
  FUZZ_CHECK(same_str(got.id, want.id) && same_str(got.title, want.title));
  FUZZ_CHECK(got.len == want.len && memcmp(got.text, want.text, want.len + 1) == 0);
  FUZZ_CHECK(got.body == want.body && got.date.year == want.date.year &&
             got.date.month == want.date.month && got.date.day == want.date.day &&
             got.date_source == want.date_source);
  article_release(&got);
  FUZZ_CHECK(!article_queue_pop(q, &got, &lost));
  article_release(&want);
  article_queue_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"fuzz.txt", "fuzz.jsonl", "fuzz.json", "fuzz", "-"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    article a;
    if (article_parse_text(names[i], (const char *)data, size, &a, fuzz_ignore_problem, NULL)) {
      check_article(&a);
      check_queued(&a);
    }
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
