/* test_fgtext.c: the graph's text helpers: cleaning and collapsing text, and the text pool
 * that keeps one copy of each distinct text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/fgtext.h"
#include "util.h"

static void test_clean_and_collapse(void **state) {
  (void)state;
  arena a;
  arena_init(&a);
  assert_string_equal(fg_clean_utf8(&a, "caf\xC3\xA9  ok"), "caf\xC3\xA9  ok");
  /* an invalid byte becomes U+FFFD; white space is kept as it is */
  assert_string_equal(fg_clean_utf8(&a, "a\xFF b"), "a\xEF\xBF\xBD b");
  assert_string_equal(fg_collapse(&a, "  Anna \t\n De\xC2\xA0Luca  "), "Anna De Luca");
  assert_string_equal(fg_collapse(&a, "\n\t "), "");
  assert_string_equal(fg_collapse(&a, NULL), "");
  arena_release(&a);
}

static void test_pool_keeps_one_copy(void **state) {
  (void)state;
  arena a;
  arena_init(&a);
  fg_pool p;
  fg_pool_init(&p);
  char buf[64];
  strcpy(buf, "Anna De Luca");
  const char *x = fg_pool_clean(&p, &a, buf, true);
  strcpy(buf, "  Anna   De Luca "); /* the same text once collapsed */
  const char *y = fg_pool_clean(&p, &a, buf, true);
  assert_ptr_equal(x, y);
  assert_ptr_not_equal(x, buf);
  assert_string_equal(x, "Anna De Luca");
  /* not collapsed, the spaces stay and make another text */
  const char *z = fg_pool_clean(&p, &a, buf, false);
  assert_ptr_not_equal(z, x);
  assert_string_equal(z, "  Anna   De Luca ");
  /* a prefix, a longer text and the empty text are texts of their own */
  const char *pre = fg_pool_add(&p, &a, "Anna", 4);
  const char *longer = fg_pool_add(&p, &a, "Anna De Luca!", 13);
  const char *empty = fg_pool_add(&p, &a, "", 0);
  assert_string_equal(pre, "Anna");
  assert_string_equal(longer, "Anna De Luca!");
  assert_string_equal(empty, "");
  assert_ptr_not_equal(pre, x);
  assert_ptr_not_equal(longer, x);
  assert_ptr_equal(fg_pool_add(&p, &a, "Anna De Luca", 12), x);
  assert_ptr_equal(fg_pool_clean(&p, &a, "", true), empty);
  /* invalid UTF-8 is cleaned before it is looked up */
  assert_ptr_equal(fg_pool_clean(&p, &a, "x\xFF", false), fg_pool_add(&p, &a, "x\xEF\xBF\xBD", 4));
  assert_int_equal(p.n, 6);
  fg_pool_release(&p);
  arena_release(&a);
}

/* Many texts, all of one length and differing in one byte (the table grows many times, and
 * every text must still be found, once). */
static void test_pool_many(void **state) {
  (void)state;
  arena a;
  arena_init(&a);
  fg_pool p;
  fg_pool_init(&p);
  enum { N = 50000 };
  const char **first = malloc(N * sizeof *first);
  char buf[32];
  for (int i = 0; i < N; i++) {
    snprintf(buf, sizeof buf, "quote number %08d", i);
    first[i] = fg_pool_add(&p, &a, buf, strlen(buf));
    assert_string_equal(first[i], buf);
  }
  assert_int_equal(p.n, N);
  for (int i = N; i-- > 0;) {
    snprintf(buf, sizeof buf, "quote number %08d", i);
    assert_ptr_equal(fg_pool_clean(&p, &a, buf, false), first[i]);
  }
  /* texts asked for again soon (found among the recent ones), between others */
  size_t prefixes = 0; /* new texts: each text but its last digit (I / 10 rises with I) */
  for (int i = 1; i < N; i += 7) {
    snprintf(buf, sizeof buf, "quote number %08d", i);
    size_t n = strlen(buf);
    assert_ptr_equal(fg_pool_add(&p, &a, buf, n), first[i]);
    if (i == 1 || (i - 7) / 10 != i / 10) prefixes++;
    const char *pre = fg_pool_add(&p, &a, buf, n - 1);
    assert_int_equal(strlen(pre), n - 1);
    assert_memory_equal(pre, buf, n - 1);
    assert_ptr_equal(fg_pool_add(&p, &a, buf, n), first[i]);
    assert_ptr_equal(fg_pool_add(&p, &a, buf, n - 1), pre);
    snprintf(buf, sizeof buf, "quote number %08d", i - 1);
    assert_ptr_equal(fg_pool_add(&p, &a, buf, n), first[i - 1]);
  }
  assert_int_equal(p.n, N + prefixes);
  free(first);
  fg_pool_release(&p);
  arena_release(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean_and_collapse),
      cmocka_unit_test(test_pool_keeps_one_copy),
      cmocka_unit_test(test_pool_many),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
