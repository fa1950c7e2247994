/* article_queue.c: articles set aside in a temporary file (see article_queue.h).
 *
 * The file holds one record per article, written and read by this file only: each string as
 * its length plus one (0 for none) and its bytes, then the body offset, the date and where the
 * date came from. An article whose record could not be written (a full disk) waits in memory,
 * and so does every later one. */
#include "article_queue.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

struct article_queue {
  FILE *f;              /* NULL: no temporary file could be made */
  bool full;            /* a record could not be written: later articles wait in memory */
  unsigned char *where; /* per article, in push order: 1 in the file, 0 in memory */
  size_t n, cap, next;
  char *buffer;         /* F's buffer (stdio's own where NULL), freed after F is closed */
  article *mem; /* those in memory, in push order */
  size_t nmem, capmem, nextmem;
  bool reading;
};

article_queue *article_queue_on(FILE *f) {
  article_queue *q = xcalloc(1, sizeof *q);
  q->f = f;
  return q;
}

/* The temporary file's buffer: a record is flushed as a whole, and read back, in one system
 * call or a few, not one per 4 KB (stdio's own buffer). */
enum { QUEUE_BUFFER_BYTES = 256 * 1024 };

article_queue *article_queue_new(void) {
  int fd = temp_file();
  FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
  if (fd >= 0 && !f) close(fd);
  article_queue *q = article_queue_on(f);
  if (f) {
    q->buffer = xmalloc(QUEUE_BUFFER_BYTES);
    setvbuf(f, q->buffer, _IOFBF, QUEUE_BUFFER_BYTES);
  }
  return q;
}

void article_queue_free(article_queue *q) {
  if (!q) return;
  if (q->f) fclose(q->f);
  free(q->buffer);
  for (size_t i = q->nextmem; i < q->nmem; i++) article_release(&q->mem[i]);
  free(q->mem);
  free(q->where);
  free(q);
}

size_t article_queue_count(const article_queue *q) { return q ? q->n : 0; }

static bool put_u64(FILE *f, uint64_t v) { return fwrite(&v, sizeof v, 1, f) == 1; }

static bool put_str(FILE *f, const char *s, size_t n) {
  if (!s) return put_u64(f, 0);
  return put_u64(f, (uint64_t)n + 1) && (n == 0 || fwrite(s, 1, n, f) == n);
}

static bool put_cstr(FILE *f, const char *s) { return put_str(f, s, s ? strlen(s) : 0); }

static bool put_article(FILE *f, const article *a) {
  int32_t date[4] = {a->date.year, a->date.month, a->date.day, (int32_t)a->date_source};
  return put_cstr(f, a->id) && put_cstr(f, a->file) && put_cstr(f, a->title) &&
         put_cstr(f, a->source) && put_cstr(f, a->url) && put_str(f, a->text, a->len) &&
         put_u64(f, a->body) && fwrite(date, sizeof date, 1, f) == 1 && fflush(f) == 0;
}

void article_queue_push(article_queue *q, article *a) {
  if (q->reading) abort(); /* a programming error, see article_queue.h */
  VEC_RESERVE(q->where, q->n, q->cap);
  if (q->f && !q->full) {
    if (put_article(q->f, a)) {
      q->where[q->n++] = 1;
      article_release(a);
      return;
    }
    /* the file ends in a part of this record: the records before it are whole and are read
     * back, no more are written */
    q->full = true;
  }
  q->where[q->n++] = 0;
  VEC_RESERVE(q->mem, q->nmem, q->capmem);
  q->mem[q->nmem++] = *a;
  *a = (article){0};
}

static bool get_u64(FILE *f, uint64_t *v) { return fread(v, sizeof *v, 1, f) == 1; }

/* A string written by put_str into *S (malloc'd, NUL-terminated; NULL for none), its length
 * into *N if N. */
static bool get_str(FILE *f, char **s, size_t *n) {
  uint64_t len;
  *s = NULL;
  if (!get_u64(f, &len)) return false;
  if (len == 0) return true;
  if (len - 1 > SIZE_MAX - 1) return false;
  char *b = xmalloc((size_t)len);
  if (len > 1 && fread(b, 1, (size_t)len - 1, f) != (size_t)len - 1) {
    free(b);
    return false;
  }
  b[len - 1] = '\0';
  *s = b;
  if (n) *n = (size_t)len - 1;
  return true;
}

static bool get_article(FILE *f, article *a) {
  *a = (article){0};
  uint64_t body;
  int32_t date[4];
  bool ok = get_str(f, &a->id, NULL) && get_str(f, &a->file, NULL) &&
            get_str(f, &a->title, NULL) && get_str(f, &a->source, NULL) &&
            get_str(f, &a->url, NULL) && get_str(f, &a->text, &a->len) && a->text &&
            get_u64(f, &body) && fread(date, sizeof date, 1, f) == 1;
  if (!ok) {
    article_release(a);
    return false;
  }
  a->body = (size_t)body;
  a->date = (civil_date){date[0], date[1], date[2]};
  a->date_source = (date_source)date[3];
  return true;
}

bool article_queue_pop(article_queue *q, article *a, size_t *lost) {
  if (!q->reading) {
    q->reading = true;
    if (q->f && fseek(q->f, 0, SEEK_SET) != 0) {
      fclose(q->f);
      q->f = NULL;
    }
  }
  while (q->next < q->n) {
    if (q->where[q->next++] == 0) {
      *a = q->mem[q->nextmem++];
      return true;
    }
    if (q->f && get_article(q->f, a)) return true;
    /* unreadable: this one and (the records being in order) every later one in the file */
    if (q->f) {
      fclose(q->f);
      q->f = NULL;
    }
    (*lost)++;
  }
  return false;
}
