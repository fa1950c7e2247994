/* huge_pages.c: storyline starting itself again with glibc's huge-page tunables (see
 * huge_pages.h). */
#include "huge_pages.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#if defined(__linux__) && defined(__GLIBC__) && !defined(SANITIZED)
#define HUGE_PAGE_RESTART 1
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
static const char *const HUGE_PAGES[] = {"glibc.malloc.hugetlb=1",
                                         "glibc.malloc.top_pad=67108864",
                                         "glibc.malloc.mmap_threshold=33554432", NULL};

/* Is the kernel's setting for huge pages "madvise" (given to those who ask)? */
static bool huge_pages_on_request(void) {
  FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (!f) return false;
  char line[128];
  bool yes = fgets(line, sizeof line, f) && strstr(line, "[madvise]");
  fclose(f);
  return yes;
}

static bool under_valgrind(void) {
#ifdef RUNNING_ON_VALGRIND
  if (RUNNING_ON_VALGRIND) return true;
#endif
  const char *preload = getenv("LD_PRELOAD"); /* (valgrind preloads its own libraries) */
  return preload && strstr(preload, "vgpreload");
}

/* Does the tunables list LIST name the tunable of SETTING ("name=value")? */
static bool names_tunable(const char *list, const char *setting) {
  size_t n = strcspn(setting, "=");
  for (const char *p = list; p && *p;) {
    if (strncmp(p, setting, n) == 0 && p[n] == '=') return true;
    p = strchr(p, ':');
    if (p) p++; /* the next "name=value" */
  }
  return false;
}
#endif

void huge_pages_restart(char **argv) {
#ifdef HUGE_PAGE_RESTART
  const char *old = getenv("GLIBC_TUNABLES");
  if (names_tunable(old, HUGE_PAGES[0]) || under_valgrind() || !huge_pages_on_request()) return;
  char *kept = old ? xstrdup(old) : NULL;
  strbuf value;
  strbuf_init(&value);
  if (old) strbuf_adds(&value, old);
  for (const char *const *t = HUGE_PAGES; *t; t++) {
    if (names_tunable(old, *t)) continue;
    if (value.len) strbuf_addc(&value, ':');
    strbuf_adds(&value, *t);
  }
  if (setenv("GLIBC_TUNABLES", value.data, 1) == 0) {
    execv("/proc/self/exe", argv);
    /* (still here: it could not start; the environment is put back as it was) */
    if (kept) setenv("GLIBC_TUNABLES", kept, 1);
    else unsetenv("GLIBC_TUNABLES");
  }
  strbuf_release(&value);
  free(kept);
#else
  (void)argv;
#endif
}
