/* spill.c: texts kept in a temporary file (see spill.h). */
#define _GNU_SOURCE /* madvise */
#include "graph/spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

/* The exit status where a file's texts can be neither written nor had back (a failing disk):
 * that of an output that cannot be written (OUTPUTS.md). */
#define SPILL_EXIT 4

void fg_spill_init(fg_spill *s) {
  memset(s, 0, sizeof *s);
  s->fd = -1;
}

void fg_spill_release(fg_spill *s) {
  if (!s) return;
  if (s->mapped_file) munmap(s->map, s->size);
  if (s->fd >= 0) close(s->fd);
  free(s->buf);
  fg_spill_init(s);
}

bool fg_spill_in_file(const fg_spill *s) { return s->fd >= 0; } /* (in memory: closed) */

/* Keeps every text in memory from now on, after saying why (WHAT failed with ERR; the first
 * time only): the texts already written come back from the file, which then goes. */
static void keep_in_memory(fg_spill *s, const char *what, int err) {
  static atomic_bool said; /* (once a run: its stores all meet the same folder) */
  if (!atomic_exchange(&said, true))
    fprintf(stderr, "storyline: warning: %s: %s: %s; keeping texts in memory\n", temp_dir(), what,
            strerror(err));
  s->in_memory = true;
  if (s->fd < 0) return;
  uint64_t written = s->size - s->nbuf;
  if (written) {
    char *all = xmalloc(written + s->nbuf + 1);
    for (uint64_t done = 0; done < written;) {
      ssize_t r = pread(s->fd, all + done, written - done, (off_t)done);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) { /* what was written cannot be had back: nothing can go on without it */
        fprintf(stderr, "storyline: %s: cannot read back a temporary file: %s\n", temp_dir(),
                r < 0 ? strerror(errno) : "it is shorter than written");
        exit(SPILL_EXIT);
      }
      done += (uint64_t)r;
    }
    if (s->nbuf) memcpy(all + written, s->buf, s->nbuf);
    free(s->buf);
    s->buf = all;
    s->nbuf += written;
    s->capbuf = s->nbuf + 1;
  }
  close(s->fd);
  s->fd = -1;
}

/* Makes the store's file; false if the texts are now kept in memory instead. */
static bool make_file(fg_spill *s) {
  s->fd = temp_file();
  if (s->fd < 0) keep_in_memory(s, "cannot make a temporary file", errno);
  return s->fd >= 0;
}

/* Writes the buffer to the file (made now if need be) and empties it; false if the texts
 * are now kept in memory instead. */
static bool write_out(fg_spill *s) {
  if (s->fd < 0 && !make_file(s)) return false;
  int err = write_fully(s->fd, s->buf, s->nbuf, -1);
  if (err) {
    /* (the file's first SIZE - NBUF bytes are whole, and the buffer still holds the rest,
     * whatever part of it was written) */
    keep_in_memory(s, "cannot write a temporary file", err);
    return false;
  }
  s->nbuf = 0;
  return true;
}

/* Room for N more bytes in the buffer. */
static void reserve(fg_spill *s, size_t n) {
  if (s->nbuf + n <= s->capbuf) return;
  size_t cap = s->capbuf ? s->capbuf : 4096;
  while (cap < s->nbuf + n) cap *= 2;
  s->buf = xrealloc(s->buf, cap);
  s->capbuf = cap;
}

/* Adds the N bytes at BYTES, and a NUL if NUL. */
static uint64_t add(fg_spill *s, const void *bytes, size_t n, bool nul) {
  uint64_t at = s->size;
  reserve(s, n + nul);
  memcpy(s->buf + s->nbuf, bytes, n);
  if (nul) s->buf[s->nbuf + n] = '\0';
  s->nbuf += n + nul;
  s->size += n + nul;
  if (!s->in_memory && s->nbuf >= SPILL_BUFFER) write_out(s);
  return at;
}

uint64_t fg_spill_add(fg_spill *s, const char *text, size_t n) { return add(s, text, n, true); }

uint64_t fg_spill_append(fg_spill *s, const void *bytes, size_t n) {
  return add(s, bytes, n, false);
}

const char *fg_spill_map(fg_spill *s) {
  if (s->map) return s->map;
  if (s->fd >= 0 && !s->in_memory && write_out(s)) {
    void *m = mmap(NULL, s->size, PROT_READ, MAP_SHARED, s->fd, 0);
    if (m != MAP_FAILED) {
      free(s->buf);
      s->buf = NULL;
      s->nbuf = s->capbuf = 0;
      s->map = m;
      s->mapped_file = true;
      return s->map;
    }
    keep_in_memory(s, "cannot map a temporary file", errno);
  }
  if (!s->buf) {
    s->buf = xmalloc(1);
    s->capbuf = 1;
  }
  s->map = s->buf;
  return s->map;
}

const char *fg_spill_make(fg_spill *s, uint64_t size) {
  if (size >= SPILL_BUFFER && make_file(s)) {
    int err = posix_fallocate(s->fd, 0, (off_t)size);
    void *m = err ? MAP_FAILED : mmap(NULL, size, PROT_READ, MAP_SHARED, s->fd, 0);
    if (m != MAP_FAILED) {
      s->size = size;
      s->map = m;
      s->mapped_file = true;
      return s->map;
    }
    if (!err) err = errno;
    close(s->fd); /* (nothing was written yet: nothing to read back) */
    s->fd = -1;
    keep_in_memory(s, err == ENOSPC ? "no room for a temporary file" : "cannot use a temporary file",
                   err);
  }
  s->size = size;
  s->in_memory = true;
  s->buf = xmalloc(size ? size : 1);
  s->capbuf = size ? size : 1;
  s->map = s->buf;
  return s->map;
}

void fg_spill_put(fg_spill *s, uint64_t at, const char *bytes, size_t n) {
  if (!n) return;
  if (!s->mapped_file) {
    memcpy(s->buf + at, bytes, n);
    return;
  }
  int err = write_fully(s->fd, bytes, n, (int64_t)at);
  if (err) { /* its room was reserved: only a failing disk gets here */
    fprintf(stderr, "storyline: %s: cannot write a temporary file: %s\n", temp_dir(),
            strerror(err));
    exit(SPILL_EXIT);
  }
}

void fg_spill_forget(const fg_spill *s, uint64_t from, uint64_t to) {
  if (!s->mapped_file) return;
  uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
  if (to > s->size) to = s->size;
  from = (from + page - 1) / page * page;
  /* the last page may be cut: nothing past the end is ever read */
  to = to == s->size ? (to + page - 1) / page * page : to / page * page;
  if (to > from) madvise(s->map + from, to - from, MADV_DONTNEED);
}
