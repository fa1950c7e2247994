/* write_behind.c: a file whose contents go to disk behind the writer (see write_behind.h),
 * made as a stdio stream over our own write function (glibc's fopencookie). */
#define _GNU_SOURCE /* fopencookie, sync_file_range */
#include "write_behind.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* Writeback is started for every WINDOW bytes written; the window before is then waited for
 * and dropped. */
#define WINDOW ((off_t)32 << 20)

typedef struct behind {
  int fd;
  off_t written; /* bytes written so far */
  off_t started; /* bytes [0, STARTED) have had their writeback started */
  off_t dropped; /* bytes [0, DROPPED) are written back and out of the cache */
  bool hints;    /* false once sync_file_range has failed: the file is then written plainly */
} behind;

static void write_behind(behind *b) {
  if (!b->hints || b->written - b->started < WINDOW) return;
  if (sync_file_range(b->fd, b->started, b->written - b->started, SYNC_FILE_RANGE_WRITE) != 0) {
    b->hints = false; /* (ESPIPE, EINVAL: no writeback to start here) */
    return;
  }
  if (b->started > b->dropped) {
    off_t n = b->started - b->dropped;
    if (sync_file_range(b->fd, b->dropped, n,
                        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                            SYNC_FILE_RANGE_WAIT_AFTER) == 0)
      (void)posix_fadvise(b->fd, b->dropped, n, POSIX_FADV_DONTNEED);
    b->dropped = b->started;
  }
  b->started = b->written;
}

/* stdio's write function: all of BUF, else 0 with errno set (a short count is an error). */
static ssize_t behind_write(void *cookie, const char *buf, size_t size) {
  behind *b = cookie;
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(b->fd, buf + done, size - done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) errno = EIO; /* (nothing written, and no reason given: not to loop on it) */
      return 0;
    }
    done += (size_t)n;
    b->written += n;
  }
  write_behind(b);
  return (ssize_t)size;
}

static int behind_close(void *cookie) {
  behind *b = cookie;
  int rc = close(b->fd);
  free(b);
  return rc;
}

FILE *write_behind_open(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return NULL;
  behind *b = malloc(sizeof *b);
  if (!b) {
    close(fd);
    errno = ENOMEM;
    return NULL;
  }
  *b = (behind){fd, 0, 0, 0, true};
  cookie_io_functions_t io = {NULL, behind_write, NULL, behind_close};
  FILE *f = fopencookie(b, "w", io);
  if (!f) {
    int err = errno;
    close(fd);
    free(b);
    errno = err;
  }
  return f;
}
