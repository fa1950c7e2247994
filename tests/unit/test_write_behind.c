/* test_write_behind.c: a file written behind the writer holds every byte it was given, in
 * order: written directly, across its chunks and their aligned and unaligned ends; written
 * through the cache, across the windows whose writeback is started and dropped; where no
 * writeback can be started, plainly. A write that fails is an error of the stream, whether
 * the writer or the file's thread meets it. */
#define _GNU_SOURCE /* O_DIRECT */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "util.h"
#include "write_behind.h"

/* Byte K of the test data: no period that a window's size could hide. */
static char byte_at(size_t k) { return (char)((k * 2654435761u) >> 13); }

/* Writes TOTAL bytes to F in pieces of growing, odd sizes (stdio gathers them): true, or
 * false at the first piece not all written. */
static bool write_pattern(FILE *f, size_t total) {
  static char piece[70001];
  size_t k = 0, n = 1;
  while (k < total) {
    size_t len = n < total - k ? n : total - k;
    for (size_t i = 0; i < len; i++) piece[i] = byte_at(k + i);
    if (fwrite(piece, 1, len, f) != len) return false;
    k += len;
    n = n * 3 + 7;
    if (n > sizeof piece) n = n % sizeof piece + 1;
  }
  return true;
}

/* A new empty file in TMPDIR (or /tmp); its path into PATH. */
static void temp_path(char *path, size_t size) {
  const char *tmp = getenv("TMPDIR");
  snprintf(path, size, "%s/storyline-write-behind-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
}

/* Writes TOTAL bytes of the pattern to PATH through write_behind_open. */
static void write_file(const char *path, size_t total) {
  FILE *f = write_behind_open(path);
  assert_non_null(f);
  assert_true(write_pattern(f, total));
  assert_int_equal(fflush(f), 0);
  assert_false(ferror(f));
  assert_int_equal(fclose(f), 0);
}

/* PATH holds the first TOTAL bytes of the pattern, and nothing more. */
static void assert_reads_back(const char *path, size_t total) {
  FILE *in = fopen(path, "rb");
  assert_non_null(in);
  char *buf = xmalloc((size_t)1 << 20);
  size_t k = 0, n;
  while ((n = fread(buf, 1, (size_t)1 << 20, in)) > 0) {
    for (size_t i = 0; i < n; i++)
      if (buf[i] != byte_at(k + i)) fail_msg("byte %zu of %zu differs", k + i, total);
    k += n;
  }
  assert_int_equal(k, total);
  fclose(in);
  free(buf);
}

/* 80 MiB: written directly, 80 chunks through a ring of three; written behind, the writeback
 * of the first 32 is started at 32, of the next at 64, when the first is also dropped from
 * the cache. The file reads back whole. */
static void test_large_file_reads_back(void **state) {
  (void)state;
  char path[4096];
  temp_path(path, sizeof path);
  const size_t total = (size_t)80 << 20;
  write_file(path, total);
  assert_reads_back(path, total);
  unlink(path);
}

/* The ends a direct file can have: nothing, less than a block, a block and a bit, a chunk
 * and a bit, a whole number of chunks, several times round the ring with a tail. */
static void test_every_end_reads_back(void **state) {
  (void)state;
  const size_t mib = (size_t)1 << 20;
  const size_t sizes[] = {0, 1, 4095, 4096, 4097, 12289, mib - 1, mib, mib + 1, 3 * mib,
                          7 * mib + 4096 * 5 + 77};
  char path[4096];
  temp_path(path, sizeof path);
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    write_file(path, sizes[i]);
    assert_reads_back(path, sizes[i]);
  }
  unlink(path);
}

/* Written directly, a file's pages never enter the page cache: of 16 MiB, at most the last
 * page (written through the cache) is there afterwards. Skipped where the test folder takes
 * no O_DIRECT, and on tmpfs, where the cache is the file. */
static void test_direct_file_skips_the_cache(void **state) {
  (void)state;
  char path[4096];
  temp_path(path, sizeof path);
  int probe = open(path, O_WRONLY | O_DIRECT);
  struct statfs fs;
  bool direct = probe >= 0 && fstatfs(probe, &fs) == 0 && fs.f_type != 0x01021994 /* tmpfs */;
  if (probe >= 0) close(probe);
  if (!direct) {
    unlink(path);
    skip();
  }
  const size_t total = ((size_t)16 << 20) + 100;
  write_file(path, total);
  int fd = open(path, O_RDONLY);
  assert_true(fd >= 0);
  void *map = mmap(NULL, total, PROT_READ, MAP_SHARED, fd, 0);
  assert_true(map != MAP_FAILED);
  size_t pages = (total + 4095) / 4096;
  unsigned char *resident = xmalloc(pages);
  assert_int_equal(mincore(map, total, resident), 0);
  size_t cached = 0;
  for (size_t i = 0; i < pages; i++) cached += resident[i] & 1;
  assert_in_range(cached, 0, 1);
  free(resident);
  munmap(map, total);
  close(fd);
  unlink(path);
}

/* A file that may not grow past 2 MiB (RLIMIT_FSIZE): the write that passes it fails with
 * EFBIG, met by the file's thread when written directly. The stream says so, at the latest
 * when closed, with the system's reason. */
static void test_failed_write_is_an_error(void **state) {
  (void)state;
  char path[4096];
  temp_path(path, sizeof path);
  struct rlimit old;
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  struct rlimit small = {(rlim_t)2 << 20, old.rlim_max};
  void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
  FILE *f = write_behind_open(path);
  assert_non_null(f);
  errno = 0;
  bool failed = !write_pattern(f, (size_t)8 << 20) || fflush(f) != 0 || ferror(f);
  int err = errno;
  if (fclose(f) != 0 && !failed) {
    failed = true;
    err = errno;
  }
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
  signal(SIGXFSZ, old_handler);
  assert_true(failed);
  assert_int_equal(err, EFBIG);
  unlink(path);
}

/* /dev/null takes no writeback: it is written plainly, past several windows. */
static void test_no_writeback_is_plain(void **state) {
  (void)state;
  FILE *f = write_behind_open("/dev/null");
  if (!f) fail_msg("/dev/null: %s", strerror(errno));
  assert_true(write_pattern(f, (size_t)70 << 20));
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
      cmocka_unit_test(test_every_end_reads_back),
      cmocka_unit_test(test_direct_file_skips_the_cache),
      cmocka_unit_test(test_failed_write_is_an_error),
      cmocka_unit_test(test_no_writeback_is_plain),
      cmocka_unit_test(test_full_disk_is_an_error),
      cmocka_unit_test(test_cannot_create),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
