/* io_count.h: how many read or write system calls this process has made so far, as the
 * kernel counts them (/proc/self/io), for tests that check a file is read or written in large
 * pieces. Header-only; include after cmocka. */
#ifndef STORYLINE_TEST_IO_COUNT_H
#define STORYLINE_TEST_IO_COUNT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The counter FIELD ("syscr": reads, "syscw": writes) of /proc/self/io; the test fails if
 * the kernel does not give it. (Reading the file is itself a read or two.) */
static inline long io_count(const char *field) {
  FILE *f = fopen("/proc/self/io", "r");
  assert_non_null(f);
  char line[128];
  long value = -1;
  size_t n = strlen(field);
  while (fgets(line, sizeof line, f))
    if (strncmp(line, field, n) == 0 && line[n] == ':') value = strtol(line + n + 1, NULL, 10);
  fclose(f);
  assert_true(value >= 0);
  return value;
}

#endif
