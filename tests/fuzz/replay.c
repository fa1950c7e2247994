/* replay.c: runs a fuzz target's LLVMFuzzerTestOneInput once on each file named on the command
 * line (a folder: on each regular file in it, sorted), without libFuzzer. This is how `make
 * test` replays tests/fuzz/regressions and tests/fuzz/seeds with gcc, plain and under ASan. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: %s: cannot open\n", path);
    return 1;
  }
  size_t cap = 1 << 16, len = 0, got;
  uint8_t *buf = malloc(cap);
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  int bad = ferror(f) || !buf;
  fclose(f);
  if (bad) {
    fprintf(stderr, "replay: %s: cannot read\n", path);
    free(buf);
    return 1;
  }
  fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
  /* an exact-size copy, so that reading one byte past the input is caught under ASan */
  uint8_t *exact = malloc(len ? len : 1);
  if (len) memcpy(exact, buf, len);
  free(buf);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  int failed = 0;
  size_t files = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
      failed = 1;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      failed |= run_file(argv[i]);
      files++;
      continue;
    }
    DIR *dir = opendir(argv[i]);
    if (!dir) {
      failed = 1;
      continue;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
      if (e->d_name[0] == '.') continue;
      if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
      names[n++] = strdup(e->d_name);
    }
    closedir(dir);
    if (n) qsort(names, n, sizeof *names, by_name);
    for (size_t k = 0; k < n; k++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
      if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        failed |= run_file(path);
        files++;
      }
      free(names[k]);
    }
    free(names);
  }
  printf("replayed %zu inputs\n", files);
  return failed;
}
