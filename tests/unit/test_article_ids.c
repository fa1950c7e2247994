/* test_article_ids.c: one id for one article (article_ids.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_ids.h"
#include "copies.h"

/* When set, the text hashes come from this copy finder (id_keeper_claim_hashed, as build
 * does); else the keeper hashes the texts itself (id_keeper_claim). Every test runs both ways
 * and must give the same answers. */
static copy_finder *hasher;

static int with_hashes(void **state) {
  (void)state;
  hasher = copy_finder_new();
  return 0;
}

static int without_hashes(void **state) {
  (void)state;
  copy_finder_free(hasher);
  hasher = NULL;
  return 0;
}

static char *claim_id(id_keeper *k, const article *a) {
  if (!hasher) return id_keeper_claim(k, a);
  uint64_t h[2];
  copy_finder_text_hash(hasher, a->text, a->len, h);
  return id_keeper_claim_hashed(k, a, h);
}

/* An article as the reader makes it, with the strings the keeper looks at. */
static article art(const char *id, const char *text, int y, int m, int d) {
  article a;
  memset(&a, 0, sizeof a);
  a.id = (char *)id;
  a.text = (char *)text;
  a.len = strlen(text);
  a.date = (civil_date){y, m, d};
  a.date_source = y ? DATE_SOURCE_HEADER : DATE_SOURCE_NONE;
  return a;
}

/* Claims the id of A and returns what the article is called: its own id, or the new one
 * (kept in NAME). */
static const char *claim(id_keeper *k, article a, char name[64]) {
  char *got = claim_id(k, &a);
  snprintf(name, 64, "%s", got ? got : a.id);
  free(got);
  return name;
}

static void test_taken_ids(void **state) {
  (void)state;
  id_keeper *k = id_keeper_new();
  char n[64];
  const char *x = "Putin met Le Pen in Moscow.", *y = "Le Pen visited the Kremlin.";
  const char *z = "A third story.";
  assert_string_equal(claim(k, art("story", x, 2017, 3, 24), n), "story");
  assert_string_equal(claim(k, art("other", y, 2017, 3, 24), n), "other");
  /* the same article again (a file named twice): the same id, no rename */
  assert_null(claim_id(k, &(article){.id = "story", .text = (char *)x, .len = strlen(x),
                                            .date = {2017, 3, 24}, .date_source = DATE_SOURCE_HEADER}));
  /* another text under a taken id: the first free suffix, in the order asked */
  assert_string_equal(claim(k, art("story", y, 2017, 3, 24), n), "story#2");
  assert_string_equal(claim(k, art("story", z, 2017, 3, 24), n), "story#3");
  /* ... and each of them given again keeps the id it got */
  assert_string_equal(claim(k, art("story", y, 2017, 3, 24), n), "story#2");
  assert_string_equal(claim(k, art("story", z, 2017, 3, 24), n), "story#3");
  assert_string_equal(claim(k, art("story", x, 2017, 3, 24), n), "story");
  /* the same text with another date, body or date source is another article */
  assert_string_equal(claim(k, art("story", x, 2017, 3, 25), n), "story#4");
  article later = art("story", x, 2017, 3, 24);
  later.body = 5;
  assert_string_equal(claim(k, later, n), "story#5");
  later = art("story", x, 2017, 3, 24);
  later.date_source = DATE_SOURCE_TEXT;
  assert_string_equal(claim(k, later, n), "story#6");
  /* an id that a rename would give, taken first by an article of its own, is passed over; and
   * an article that comes with a given name's id is yet another article */
  assert_string_equal(claim(k, art("memo#2", x, 2017, 3, 24), n), "memo#2");
  assert_string_equal(claim(k, art("memo", y, 2017, 3, 24), n), "memo");
  assert_string_equal(claim(k, art("memo", z, 2017, 3, 24), n), "memo#3");
  assert_string_equal(claim(k, art("memo#3", y, 2017, 3, 24), n), "memo#3#2");
  id_keeper_free(k);
  id_keeper_free(NULL);
}

/* A crawl that gives every article one id (the tables grow many times): every article gets
 * its own, and each given again gets the same one back. */
static void test_many(void **state) {
  (void)state;
  id_keeper *k = id_keeper_new();
  enum { N = 5000 };
  char text[64], name[64];
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < N; i++) {
      snprintf(text, sizeof text, "article body number %06d", i);
      claim(k, art("page", text, 2020, 1, 1), name);
      if (i == 0) assert_string_equal(name, "page");
      else {
        char want[64];
        snprintf(want, sizeof want, "page#%d", i + 1);
        assert_string_equal(name, want);
      }
    }
  id_keeper_free(k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_taken_ids),
      cmocka_unit_test(test_many),
      cmocka_unit_test_setup_teardown(test_taken_ids, with_hashes, without_hashes),
      cmocka_unit_test_setup_teardown(test_many, with_hashes, without_hashes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
