/* test_copies.c: which articles are exact copies of an earlier one (copies.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "copies.h"

static civil_date day(int y, int m, int d) { return (civil_date){y, m, d}; }

static void test_same_text_and_date(void **state) {
  (void)state;
  copy_finder *f = copy_finder_new();
  const char *a = "Putin met Le Pen in Moscow on Friday.";
  char b[64];
  strcpy(b, a); /* equal bytes at another address */
  assert_int_equal(copy_finder_check(f, a, strlen(a), 0, day(2017, 3, 24), 0), -1);
  assert_int_equal(copy_finder_check(f, b, strlen(b), 0, day(2017, 3, 24), 1), 0);
  /* another date: "on Friday" is another day, so no copy */
  assert_int_equal(copy_finder_check(f, b, strlen(b), 0, day(2017, 3, 31), 2), -1);
  assert_int_equal(copy_finder_check(f, b, strlen(b), 0, day(2017, 3, 31), 3), 2);
  /* no date at all is a date like any other */
  assert_int_equal(copy_finder_check(f, a, strlen(a), 0, day(0, 0, 0), 4), -1);
  assert_int_equal(copy_finder_check(f, a, strlen(a), 0, day(0, 0, 0), 5), 4);
  /* one byte more, one byte less, one byte changed: other texts */
  assert_int_equal(copy_finder_check(f, a, strlen(a) - 1, 0, day(2017, 3, 24), 6), -1);
  b[0] = 'p';
  assert_int_equal(copy_finder_check(f, b, strlen(b), 0, day(2017, 3, 24), 7), -1);
  /* the length counts, not a NUL: bytes after one are compared too */
  const char z1[] = "a\0b", z2[] = "a\0c";
  assert_int_equal(copy_finder_check(f, z1, 3, 0, day(2017, 3, 24), 8), -1);
  assert_int_equal(copy_finder_check(f, z2, 3, 0, day(2017, 3, 24), 9), -1);
  assert_int_equal(copy_finder_check(f, z2, 3, 0, day(2017, 3, 24), 10), 9);
  assert_int_equal(copy_finder_check(f, "", 0, 0, day(2017, 3, 24), 11), -1);
  assert_int_equal(copy_finder_check(f, "", 0, 0, day(2017, 3, 24), 12), 11);
  /* the same bytes with the body elsewhere (header lines read as such, or not): no copy */
  const char *h = "Title: Talks\n\nPutin met Le Pen.";
  assert_int_equal(copy_finder_check(f, h, strlen(h), 14, day(2017, 3, 24), 13), -1);
  assert_int_equal(copy_finder_check(f, h, strlen(h), 0, day(2017, 3, 24), 14), -1);
  assert_int_equal(copy_finder_check(f, h, strlen(h), 14, day(2017, 3, 24), 15), 13);
  copy_finder_free(f);
  copy_finder_free(NULL);
}

/* Many texts of one length, each shown twice (the table grows many times): every second
 * showing is found, with the first one's number, and nothing else is. */
static void test_many(void **state) {
  (void)state;
  copy_finder *f = copy_finder_new();
  enum { N = 20000 };
  char buf[64];
  long ordinal = 0;
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < N; i++) {
      snprintf(buf, sizeof buf, "article body number %06d, every one different", i);
      long got = copy_finder_check(f, buf, strlen(buf), 0, day(2020, 1, 1 + i % 28), ordinal++);
      assert_int_equal(got, round == 0 ? -1 : i);
    }
  copy_finder_free(f);
}

/* The two steps (copy_finder_text_hash, copy_finder_check_hashed) are copy_finder_check:
 * mixed in one finder, they find the same copies. */
static void test_hashed_is_the_same(void **state) {
  (void)state;
  copy_finder *f = copy_finder_new();
  const char *a = "Putin met Le Pen in Moscow on Friday.", *b = "Le Pen visited the Kremlin.";
  uint64_t ha[2], hb[2];
  copy_finder_text_hash(f, a, strlen(a), ha);
  copy_finder_text_hash(f, b, strlen(b), hb);
  assert_int_equal(copy_finder_check_hashed(f, ha, 0, day(2017, 3, 24), 0), -1);
  assert_int_equal(copy_finder_check(f, a, strlen(a), 0, day(2017, 3, 24), 1), 0);
  assert_int_equal(copy_finder_check(f, b, strlen(b), 0, day(2017, 3, 24), 2), -1);
  assert_int_equal(copy_finder_check_hashed(f, hb, 0, day(2017, 3, 24), 3), 2);
  assert_int_equal(copy_finder_check_hashed(f, hb, 7, day(2017, 3, 24), 4), -1); /* body */
  copy_finder_free(f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_text_and_date),
      cmocka_unit_test(test_many),
      cmocka_unit_test(test_hashed_is_the_same),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
