/* test_spill.c: a store of texts gives back every text it took, byte for byte: kept in
 * memory while small, in its temporary file once larger, and in memory again, whole, where
 * no file can be made or written; texts let go of (fg_spill_forget) read the same again; a
 * store made at once and filled out of order holds what was put where. No file is left behind
 * in the folder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph/spill.h"
#include "util.h"

/* Text number I: its length varies from 0 to a few hundred bytes, and its bytes with I. */
static size_t text_of(size_t i, char *buf) {
  size_t n = (i * 7919) % 301;
  for (size_t k = 0; k < n; k++) buf[k] = (char)('!' + (i * 31 + k * 17) % 90);
  return n;
}

/* Adds texts until the store holds at least BYTES; returns how many, their offsets in *AT. */
static size_t fill(fg_spill *s, uint64_t bytes, uint64_t **at) {
  char buf[400];
  size_t n = 0, cap = 1024;
  *at = xmalloc(cap * sizeof **at);
  while (s->size < bytes) {
    if (n == cap) *at = xrealloc(*at, (cap *= 2) * sizeof **at);
    size_t len = text_of(n, buf);
    (*at)[n++] = fg_spill_add(s, buf, len);
  }
  return n;
}

static void check_texts(const char *base, const uint64_t *at, size_t n) {
  char buf[400];
  for (size_t i = 0; i < n; i++) {
    size_t len = text_of(i, buf);
    assert_int_equal(strlen(base + at[i]), len);
    assert_memory_equal(base + at[i], buf, len);
  }
}

/* A fresh folder for the store's file, as TMPDIR. */
static char folder[64];
static void use_fresh_folder(void) {
  snprintf(folder, sizeof folder, "/tmp/test_spill.XXXXXX");
  assert_non_null(mkdtemp(folder));
  setenv("TMPDIR", folder, 1);
}

/* The folder holds nothing (the store's file was unlinked when made); then it goes. */
static void folder_left_empty(void) {
  DIR *d = opendir(folder);
  assert_non_null(d);
  struct dirent *e;
  size_t files = 0;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) files++;
  closedir(d);
  assert_int_equal(files, 0);
  assert_int_equal(rmdir(folder), 0);
}

static void test_small_store_stays_in_memory(void **state) {
  (void)state;
  use_fresh_folder();
  fg_spill s;
  fg_spill_init(&s);
  uint64_t *at;
  size_t n = fill(&s, SPILL_BUFFER / 2, &at);
  assert_false(fg_spill_in_file(&s));
  const char *base = fg_spill_map(&s);
  assert_ptr_equal(fg_spill_map(&s), base);
  check_texts(base, at, n);
  fg_spill_forget(&s, 0, s.size); /* (nothing to let go of) */
  check_texts(base, at, n);
  fg_spill_release(&s);
  free(at);
  folder_left_empty();
}

static void test_large_store_goes_to_a_file(void **state) {
  (void)state;
  use_fresh_folder();
  fg_spill s;
  fg_spill_init(&s);
  uint64_t *at;
  size_t n = fill(&s, 5 * (uint64_t)SPILL_BUFFER + 12345, &at);
  assert_true(fg_spill_in_file(&s));
  folder_left_empty(); /* (already: the file has no name) */
  const char *base = fg_spill_map(&s);
  check_texts(base, at, n);
  /* let go of all, then of a middle part with uneven ends: the same texts read again */
  fg_spill_forget(&s, 0, s.size);
  check_texts(base, at, n);
  fg_spill_forget(&s, 4097, 3 * (uint64_t)SPILL_BUFFER + 5);
  check_texts(base, at, n);
  fg_spill_release(&s);
  free(at);
}

static void test_no_folder_keeps_texts_in_memory(void **state) {
  (void)state;
  setenv("TMPDIR", "/nonexistent/storyline-test", 1);
  fg_spill s;
  fg_spill_init(&s);
  uint64_t *at;
  size_t n = fill(&s, 3 * (uint64_t)SPILL_BUFFER, &at); /* (says so on stderr once) */
  assert_false(fg_spill_in_file(&s));
  assert_true(s.in_memory);
  check_texts(fg_spill_map(&s), at, n);
  fg_spill_release(&s);
  free(at);
}

/* A file that cannot grow past a limit (as a full disk): the texts written before it come
 * back into memory, and every text is still there. */
static void test_failed_write_brings_the_texts_back(void **state) {
  (void)state;
  use_fresh_folder();
  struct rlimit old;
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  struct rlimit lim = {2 * SPILL_BUFFER + 100, old.rlim_max};
  signal(SIGXFSZ, SIG_IGN); /* (the write then fails with EFBIG) */
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
  fg_spill s;
  fg_spill_init(&s);
  uint64_t *at;
  size_t n = fill(&s, 4 * (uint64_t)SPILL_BUFFER, &at);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
  signal(SIGXFSZ, SIG_DFL);
  assert_false(fg_spill_in_file(&s));
  check_texts(fg_spill_map(&s), at, n);
  fg_spill_release(&s);
  free(at);
  folder_left_empty();
}

/* fg_spill_make and fg_spill_put, in a file and in memory: pieces put out of order. */
static void made_and_put(uint64_t size, bool in_file) {
  fg_spill s;
  fg_spill_init(&s);
  char *want = xmalloc(size);
  for (uint64_t k = 0; k < size; k++) want[k] = (char)(k * 131 + k / 4096);
  const char *base = fg_spill_make(&s, size);
  assert_int_equal(fg_spill_in_file(&s), in_file);
  uint64_t piece = size / 3 + 1;
  for (int p = 2; p >= 0; p--) {
    uint64_t lo = (uint64_t)p * piece, hi = lo + piece < size ? lo + piece : size;
    if (lo < hi) fg_spill_put(&s, lo, want + lo, (size_t)(hi - lo));
  }
  assert_memory_equal(base, want, size);
  fg_spill_forget(&s, 0, size);
  assert_memory_equal(base, want, size);
  fg_spill_release(&s);
  free(want);
}

static void test_made_at_once(void **state) {
  (void)state;
  use_fresh_folder();
  made_and_put(3 * (uint64_t)SPILL_BUFFER + 7, true);
  made_and_put(1000, false);
  made_and_put(0, false);
  folder_left_empty();
  setenv("TMPDIR", "/nonexistent/storyline-test", 1);
  made_and_put(3 * (uint64_t)SPILL_BUFFER + 7, false);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_small_store_stays_in_memory),
      cmocka_unit_test(test_large_store_goes_to_a_file),
      cmocka_unit_test(test_no_folder_keeps_texts_in_memory),
      cmocka_unit_test(test_failed_write_brings_the_texts_back),
      cmocka_unit_test(test_made_at_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
