/* test_article_queue.c: articles set aside in a temporary file come back whole, in order; the
 * file is written and read in large pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_queue.h"
#include "io_count.h"
#include "util.h"

/* The length of article I's text (make). */
static size_t make_len(int i) { return i == 7 ? 0 : (size_t)i * 1000 + 3; }

static article make(int i) {
  article a = {0};
  char buf[64];
  snprintf(buf, sizeof buf, "doc-%d", i);
  a.id = xstrdup(buf);
  a.file = xstrdup(i % 2 ? "-" : "feeds/a.jsonl");
  a.title = i % 3 ? xstrdup("A title") : NULL;
  a.source = i % 5 ? NULL : xstrdup("");
  a.url = NULL;
  /* texts of growing size, with a NUL byte inside and one empty */
  a.len = make_len(i);
  a.text = xmalloc(a.len + 1);
  for (size_t k = 0; k < a.len; k++) a.text[k] = (char)('a' + (k + (size_t)i) % 26);
  if (a.len > 10) a.text[5] = '\0';
  a.text[a.len] = '\0';
  a.body = (size_t)i;
  a.date = (civil_date){i % 4 ? 2017 : 0, i % 4 ? 3 : 0, i % 4 ? 24 : 0};
  a.date_source = (date_source)(i % 3);
  return a;
}

static void same(const char *x, const char *y) {
  if (!x || !y) assert_ptr_equal(x, y);
  else assert_string_equal(x, y);
}

/* Pushes N articles into Q and checks that they come back whole, in order. */
static void round_trip(article_queue *q) {
  enum { N = 40 };
  for (int i = 0; i < N; i++) {
    article a = make(i);
    article_queue_push(q, &a);
    assert_null(a.text); /* taken */
  }
  assert_int_equal(article_queue_count(q), N);
  size_t lost = 0;
  article got;
  for (int i = 0; i < N; i++) {
    assert_true(article_queue_pop(q, &got, &lost));
    article want = make(i);
    same(got.id, want.id);
    same(got.file, want.file);
    same(got.title, want.title);
    same(got.source, want.source);
    same(got.url, want.url);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.text, want.text, want.len + 1);
    assert_int_equal(got.body, want.body);
    assert_int_equal(got.date.year, want.date.year);
    assert_int_equal(got.date.day, want.date.day);
    assert_int_equal(got.date_source, want.date_source);
    article_release(&got);
    article_release(&want);
  }
  assert_false(article_queue_pop(q, &got, &lost));
  assert_int_equal(lost, 0);
  article_queue_free(q);
}

static void test_round_trip(void **state) {
  (void)state;
  round_trip(article_queue_new());
}

/* No file: every article waits in memory. */
static void test_in_memory(void **state) {
  (void)state;
  round_trip(article_queue_on(NULL));
}

/* A file that fills up: the articles written before are read back from it, the one that did
 * not fit and every later one wait in memory, and the order holds. */
static void test_file_fills_up(void **state) {
  (void)state;
  static char room[60000];
  FILE *f = fmemopen(room, sizeof room, "w+");
  assert_non_null(f);
  round_trip(article_queue_on(f));
  FILE *full = fopen("/dev/full", "w+");
  if (full) round_trip(article_queue_on(full)); /* the first record fails */
}

/* What is never popped is released with the queue (valgrind and ASan check it). */
static void test_free_unpopped(void **state) {
  (void)state;
  article_queue *q = article_queue_new();
  for (int i = 0; i < 3; i++) {
    article a = make(i);
    article_queue_push(q, &a);
  }
  size_t lost = 0;
  article got;
  assert_true(article_queue_pop(q, &got, &lost));
  article_release(&got);
  article_queue_free(q);
  article_queue_free(NULL);
}

/* The temporary file is written and read in large pieces: a write per article pushed (each is
 * flushed whole, to know it is on file), not one per 4 KB, and a few reads for them all
 * (with stdio's own 4 KB buffer, these 800 KB took 106 writes). */
static void test_file_in_large_pieces(void **state) {
  (void)state;
  enum { N = 40 };
  article_queue *q = article_queue_new();
  long before = io_count("syscw");
  for (int i = 0; i < N; i++) {
    article a = make(i);
    article_queue_push(q, &a);
  }
  long writes = io_count("syscw") - before;
  if (writes > N + 2) fail_msg("%ld writes for %d articles", writes, N);
  before = io_count("syscr");
  size_t lost = 0;
  article got;
  for (int i = 0; i < N; i++) {
    assert_true(article_queue_pop(q, &got, &lost));
    assert_int_equal(got.len, make_len(i));
    article_release(&got);
  }
  long reads = io_count("syscr") - before;
  if (reads > 16) fail_msg("%ld reads for %d articles", reads, N);
  assert_int_equal(lost, 0);
  article_queue_free(q);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_in_memory),
      cmocka_unit_test(test_file_fills_up),
      cmocka_unit_test(test_free_unpopped),
      cmocka_unit_test(test_file_in_large_pieces),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
