/* test_write_behind.c: a file written behind the writer holds every byte it was given, in
 * order, across the windows whose writeback is started and dropped; where no writeback can be
 * started it is written plainly; a write that fails is an error of the stream. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "write_behind.h"

/* Byte K of the test data: no period that a window's size could hide. */
static char byte_at(size_t k) { return (char)((k * 2654435761u) >> 13); }

/* Writes TOTAL bytes to F in pieces of growing, odd sizes (stdio gathers them). */
static void write_pattern(FILE *f, size_t total) {
  static char piece[70001];
  size_t k = 0, n = 1;
  while (k < total) {
    size_t len = n < total - k ? n : total - k;
    for (size_t i = 0; i < len; i++) piece[i] = byte_at(k + i);
    assert_int_equal(fwrite(piece, 1, len, f), len);
    k += len;
    n = n * 3 + 7;
    if (n > sizeof piece) n = n % sizeof piece + 1;
  }
}

/* 80 MiB: the writeback of the first 32 is started at 32, of the next at 64, when the first
 * is also dropped from the cache. The file reads back whole. */
static void test_large_file_reads_back(void **state) {
  (void)state;
  const char *tmp = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/storyline-write-behind-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  const size_t total = (size_t)80 << 20;
  FILE *f = write_behind_open(path);
  assert_non_null(f);
  setvbuf(f, NULL, _IOFBF, (size_t)1 << 20); /* as build writes its outputs */
  write_pattern(f, total);
  assert_int_equal(fflush(f), 0);
  assert_false(ferror(f));
  assert_int_equal(fclose(f), 0);

  FILE *in = fopen(path, "rb");
  assert_non_null(in);
  char *buf = xmalloc((size_t)1 << 20);
  size_t k = 0, n;
  while ((n = fread(buf, 1, (size_t)1 << 20, in)) > 0) {
    for (size_t i = 0; i < n; i++)
      if (buf[i] != byte_at(k + i)) fail_msg("byte %zu differs", k + i);
    k += n;
  }
  assert_int_equal(k, total);
  fclose(in);
  free(buf);
  unlink(path);
}

/* /dev/null takes no writeback: it is written plainly, past several windows. */
static void test_no_writeback_is_plain(void **state) {
  (void)state;
  FILE *f = write_behind_open("/dev/null");
  if (!f) fail_msg("/dev/null: %s", strerror(errno));
  write_pattern(f, (size_t)70 << 20);
  assert_int_equal(fflush(f), 0);
  assert_int_equal(fclose(f), 0);
}

/* A full disk: the write fails, the stream says so, with the system's reason. */
static void test_full_disk_is_an_error(void **state) {
  (void)state;
  FILE *f = write_behind_open("/dev/full");
  if (!f) fail_msg("/dev/full: %s", strerror(errno));
  assert_int_equal(fwrite("a few bytes", 1, 11, f), 11); /* (held in the stream's buffer) */
  errno = 0;
  bool failed = fflush(f) != 0 || ferror(f);
  int err = errno;
  assert_true(failed);
  assert_int_equal(err, ENOSPC);
  fclose(f);
}

/* A folder that does not exist: no stream, and errno says why. */
static void test_cannot_create(void **state) {
  (void)state;
  errno = 0;
  assert_null(write_behind_open("/nonexistent-storyline-folder/out.tmp"));
  assert_int_equal(errno, ENOENT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_large_file_reads_back),
      cmocka_unit_test(test_no_writeback_is_plain),
      cmocka_unit_test(test_full_disk_is_an_error),
      cmocka_unit_test(test_cannot_create),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
