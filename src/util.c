/* util.c: checked allocation, arenas, string buffers and the byte scans of plain text (see
 * util.h). */
#define _GNU_SOURCE /* mkostemp */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifdef __SSE2__
/* The T bytes at P (T < 16) in the low bytes of a vector, the others zero, read without going
 * past P + T: the end of a string, where a byte loop spent more than the sixteen-byte steps
 * before it. Fewer than eight are load_head's; past eight, the last eight bytes are loaded
 * (overlapping the first eight) and shifted down to the bytes after them. */
static inline __m128i load_short(const char *p, size_t t) {
  uint64_t lo = t ? load_head(p, t < 8 ? t : 8) : 0, hi = 0;
  if (t > 8) {
    memcpy(&hi, p + t - 8, 8);
    hi >>= 8 * (16 - t); /* P[8 .. T), in its low bytes */
  }
  return _mm_set_epi64x((long long)hi, (long long)lo);
}

/* Copies the T bytes at P (T < 16) to DST as load_short reads them. */
static inline void copy_short(char *dst, const char *p, size_t t) {
  if (t >= 8) {
    memcpy(dst, p, 8);
    memcpy(dst + t - 8, p + t - 8, 8);
  } else if (t >= 4) {
    memcpy(dst, p, 4);
    memcpy(dst + t - 4, p + t - 4, 4);
  } else if (t) {
    dst[0] = p[0];
    dst[t / 2] = p[t / 2];
    dst[t - 1] = p[t - 1];
  }
}

/* The bits of a sixteen-byte mask that stand for the first T bytes. */
static inline unsigned first_bytes(unsigned mask, size_t t) { return mask & ((1u << t) - 1); }
#endif

size_t ascii_prefix(const char *s, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  for (; n - i >= 16; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    unsigned mask = (unsigned)_mm_movemask_epi8(x); /* the high bits */
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
#endif
  for (; n - i >= 8; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if (x & 0x8080808080808080ULL) break;
  }
  while (i < n && (unsigned char)s[i] < 0x80) i++;
  return i;
}

size_t collapsed_prefix(const char *s, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i space = _mm_set1_epi8(' '), del = _mm_set1_epi8(0x7F);
  const __m128i control = _mm_set1_epi8(0x1f);
  for (; n - i >= 17; i += 16) { /* (17: the byte after each is read too) */
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
    __m128i odd = _mm_and_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(next, space));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(x, del));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(_mm_min_epu8(x, control), x)); /* x <= 0x1f */
    unsigned mask = (unsigned)(_mm_movemask_epi8(odd) | _mm_movemask_epi8(x)); /* or >= 0x80 */
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
#endif
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c >= 0x7F || (c == ' ' && i + 1 < n && s[i + 1] == ' ')) break;
  }
  return i;
}

#ifndef __SSE2__
/* Does the 8-byte word X hold a byte that is special inside a JSON string: a control
 * character, '"' or '\\'? (The classic "has a byte less than n" and "has a zero byte" word
 * tricks; exact for "any". Bytes of 0x80 and above do not count.) json_plain_prefix uses it
 * where SSE2 is not there. */
static bool word_has_json_special(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
  uint64_t control = (x - ones * 0x20) & ~x & highs;
  uint64_t zero_q = (quote - ones) & ~quote & highs, zero_b = (bslash - ones) & ~bslash & highs;
  return (control | zero_q | zero_b) != 0;
}
#endif

#ifdef __SSE2__
/* A bit for each of the sixteen bytes X that is special inside a JSON string: a control
 * character, '"' or '\\'. */
static inline unsigned json_special_mask(__m128i x) {
  const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
  const __m128i control = _mm_set1_epi8(0x1f);
  __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash));
  special = _mm_or_si128(special, _mm_cmpeq_epi8(_mm_min_epu8(x, control), x)); /* x <= 0x1f */
  return (unsigned)_mm_movemask_epi8(special);
}
#endif

size_t json_plain_prefix(const char *s, size_t n, bool ascii_only) {
  size_t i = 0;
#ifdef __SSE2__
  for (; n - i >= 16; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    unsigned mask = json_special_mask(x);
    if (ascii_only) mask |= (unsigned)_mm_movemask_epi8(x); /* the high bits */
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
  if (i == n) return n;
  __m128i x = load_short(s + i, n - i);
  unsigned mask = json_special_mask(x);
  if (ascii_only) mask |= (unsigned)_mm_movemask_epi8(x);
  mask = first_bytes(mask, n - i);
  return mask ? i + (size_t)__builtin_ctz(mask) : n;
#else
  const uint64_t highs = ascii_only ? 0x8080808080808080ULL : 0;
  for (; n - i >= 8; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if ((x & highs) || word_has_json_special(x)) break;
  }
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == '"' || c == '\\' || (ascii_only && c >= 0x80)) break;
  }
  return i;
#endif
}

size_t json_copy_plain(char *dst, const char *s, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  for (; n - i >= 16; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    _mm_storeu_si128((__m128i *)(void *)(dst + i), x); /* (bytes past the prefix are left over) */
    unsigned mask = json_special_mask(x);
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
  if (i == n) return n;
  copy_short(dst + i, s + i, n - i);
  unsigned mask = first_bytes(json_special_mask(load_short(s + i, n - i)), n - i);
  return mask ? i + (size_t)__builtin_ctz(mask) : n;
#else
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == '"' || c == '\\') break;
    dst[i] = (char)c;
  }
  return i;
#endif
}

size_t plain_prefix4(const char *s, size_t n, char a, char b, char c, char d) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
  const __m128i vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  for (; n - i >= 16; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb));
    special = _mm_or_si128(special, _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    unsigned mask = (unsigned)_mm_movemask_epi8(special);
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
  if (i == n) return n;
  __m128i x = load_short(s + i, n - i);
  __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb));
  special = _mm_or_si128(special, _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
  unsigned mask = first_bytes((unsigned)_mm_movemask_epi8(special), n - i);
  return mask ? i + (size_t)__builtin_ctz(mask) : n;
#else
  while (i < n && s[i] != a && s[i] != b && s[i] != c && s[i] != d) i++;
  return i;
#endif
}

size_t csv_plain_prefix(const char *s, size_t n) { return plain_prefix4(s, n, '"', ',', '\r', '\n'); }

#ifdef __SSE2__
/* A bit for each of the sixteen bytes X that XML text does not hold as it is: '&', '<', '>',
 * '"', '\'' and control characters other than tab, line feed and carriage return. */
static inline unsigned xml_special_mask(__m128i x) {
  __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('&')),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('<')));
  special = _mm_or_si128(special, _mm_cmpeq_epi8(x, _mm_set1_epi8('>')));
  special = _mm_or_si128(special, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
  special = _mm_or_si128(special, _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
  __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x); /* x <= 0x1f */
  __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
  special = _mm_or_si128(special, _mm_andnot_si128(allowed, control));
  return (unsigned)_mm_movemask_epi8(special);
}
#endif

size_t xml_plain_prefix(const char *s, size_t n) {
  size_t i = 0;
#ifdef __SSE2__
  for (; n - i >= 16; i += 16) {
    unsigned mask = xml_special_mask(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
    if (mask) return i + (size_t)__builtin_ctz(mask);
  }
  if (i == n) return n;
  unsigned mask = first_bytes(xml_special_mask(load_short(s + i, n - i)), n - i);
  return mask ? i + (size_t)__builtin_ctz(mask) : n;
#else
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ||
        (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
      break;
  }
  return i;
#endif
}

static void out_of_memory(size_t n) {
  fprintf(stderr, "storyline: out of memory (%zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) out_of_memory(count * size);
  return p;
}

void *xcalloc_written(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
  void *p = xmalloc(count * size);
  memset(p, 0, count * size);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory(n);
  return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Arena blocks are at least this big; a larger request gets a block of its own. */
enum { ARENA_BLOCK_SIZE = 64 * 1024 };

struct arena_block {
  arena_block *next;
  size_t used, size;
  max_align_t data[];
};

void arena_init(arena *a) { a->head = NULL; }

void arena_release(arena *a) {
  arena_block *b = a->head;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

/* An array of N bytes, of whatever type, is aligned enough at the largest power of two that
 * divides N (a type's alignment divides its size, which divides N), and never needs more than
 * max_align_t's: strings and small arrays lie packed, none rounded up to a whole max_align_t. */
static size_t alignment_of(size_t n) {
  size_t low = n & (~n + 1); /* the lowest bit set */
  return low == 0 || low > _Alignof(max_align_t) ? _Alignof(max_align_t) : low;
}

void *arena_take(arena *a, size_t n) {
  size_t align = alignment_of(n);
  arena_block *b = a->head;
  size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
  if (!b || at > b->size || b->size - at < n) {
    size_t size = n > ARENA_BLOCK_SIZE ? n : ARENA_BLOCK_SIZE;
    b = xmalloc(sizeof *b + size);
    b->size = size;
    b->next = a->head;
    a->head = b;
    at = 0;
  }
  b->used = at + n;
  return (char *)b->data + at;
}

void *arena_alloc(arena *a, size_t n) {
  void *p = arena_take(a, n);
  memset(p, 0, n);
  return p;
}

void arena_absorb(arena *a, arena *from) {
  if (!from->head) return;
  arena_block *tail = from->head;
  while (tail->next) tail = tail->next;
  /* FROM's blocks go after A's first, so that A goes on allocating where it was */
  if (a->head) {
    tail->next = a->head->next;
    a->head->next = from->head;
  } else {
    a->head = from->head;
  }
  from->head = NULL;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
  char *p = arena_take(a, n + 1); /* (every byte is written next) */
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* Below this many elements a second thread costs more than it saves. */
enum { SORT_THREAD_MIN = 4096 };

typedef struct sort_half {
  void *base;
  size_t n, size;
  int (*cmp)(const void *, const void *);
  void (*setup)(const void *);
  const void *ctx;
} sort_half;

static void *sort_half_run(void *arg) {
  sort_half *h = arg;
  if (h->setup) h->setup(h->ctx);
  qsort(h->base, h->n, h->size, h->cmp);
  return NULL;
}

/* One end of the merge of two sorted runs [A, AE) and [B, BE) (B follows A): COUNT elements
 * of the merged order into OUT, the first ones (taken from the fronts) or, if BACK, the last
 * ones (from the backs). On ties the element of A comes first, as in a one-pass merge. */
typedef struct merge_end {
  const char *a, *ae, *b, *be;
  char *out;
  size_t count, size;
  int (*cmp)(const void *, const void *);
  void (*setup)(const void *);
  const void *ctx;
  bool back;
} merge_end;

static void *merge_end_run(void *arg) {
  merge_end *m = arg;
  if (m->setup) m->setup(m->ctx);
  size_t size = m->size;
  if (!m->back) {
    const char *x = m->a, *y = m->b;
    char *out = m->out;
    for (size_t k = 0; k < m->count; k++, out += size) {
      bool take_y = x >= m->ae || (y < m->be && m->cmp(y, x) < 0);
      const char **from = take_y ? &y : &x;
      memcpy(out, *from, size);
      *from += size;
    }
  } else {
    const char *x = m->ae, *y = m->be; /* one past the last of each left */
    char *out = m->out + m->count * size;
    for (size_t k = 0; k < m->count; k++) {
      bool take_x = y <= m->b || (x > m->a && m->cmp(y - size, x - size) < 0);
      const char **from = take_x ? &x : &y;
      *from -= size;
      out -= size;
      memcpy(out, *from, size);
    }
  }
  return NULL;
}

void *append_array(void *a, size_t na, const void *b, size_t nb, size_t size) {
  if (!nb) return a;
  if (nb > SIZE_MAX / size - na) abort(); /* more than memory can hold */
  a = xrealloc(a, (na + nb) * size);
  memcpy((char *)a + na * size, b, nb * size);
  return a;
}

size_t sorted_common(const size_t *a, size_t na, const size_t *b, size_t nb) {
  size_t c = 0;
  for (size_t i = 0, j = 0; i < na && j < nb;) {
    if (a[i] == b[j]) {
      c++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return c;
}

/* The steps of run_two running on two threads now, for wait_for_free_core. */
static pthread_mutex_t steps_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t steps_ended = PTHREAD_COND_INITIALIZER;
static int steps_on_two;

static void count_step(int change) {
  pthread_mutex_lock(&steps_lock);
  steps_on_two += change;
  if (!steps_on_two) pthread_cond_broadcast(&steps_ended);
  pthread_mutex_unlock(&steps_lock);
}

void run_two(bool threads, void *(*fa)(void *), void *a, void *(*fb)(void *), void *b) {
  pthread_t t;
  bool threaded = threads && pthread_create(&t, NULL, fb, b) == 0;
  if (threaded) count_step(1);
  fa(a);
  if (threaded) {
    pthread_join(t, NULL);
    count_step(-1);
  } else {
    fb(b);
  }
}

void wait_for_free_core(void) {
  pthread_mutex_lock(&steps_lock);
  while (steps_on_two) pthread_cond_wait(&steps_ended, &steps_lock);
  pthread_mutex_unlock(&steps_lock);
}

void run_both(void *(*fn)(void *), void *a, void *b) { run_two(true, fn, a, fn, b); }

typedef struct chunked {
  void (*fn)(void *arg, size_t lo, size_t hi);
  void *arg;
  atomic_size_t *next; /* the first piece no thread has taken */
  size_t n, chunk;
} chunked;

static void *chunked_run(void *arg) {
  chunked *c = arg;
  for (;;) {
    size_t lo = atomic_fetch_add(c->next, c->chunk);
    if (lo >= c->n) break;
    c->fn(c->arg, lo, c->n - lo < c->chunk ? c->n : lo + c->chunk);
  }
  return NULL;
}

void run_both_chunked(bool threads, void (*fn)(void *arg, size_t lo, size_t hi), void *a,
                      void *b, size_t n, size_t chunk) {
  atomic_size_t next;
  atomic_init(&next, 0);
  chunked ca = {fn, a, &next, n, chunk ? chunk : 1}, cb = ca;
  cb.arg = b;
  if (threads) run_both(chunked_run, &ca, &cb);
  else chunked_run(&ca);
}

void run_both_if(bool threads, void *(*fn)(void *), void *a, void *b) {
  run_two(threads, fn, a, fn, b);
}

void sort_on_threads(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
                     int jobs, void (*setup)(const void *ctx), const void *ctx) {
  if (n < 2) return; /* (BASE may then be NULL, which qsort does not allow) */
  if (jobs < 2 || n < SORT_THREAD_MIN) {
    /* (this thread sorts: it is set up too, whatever it did before; sort_by_key sorts a large
     * run here after two threads made the runs, one of which may have been the other) */
    if (setup) setup(ctx);
    qsort(base, n, size, cmp);
    return;
  }
  size_t half = n / 2;
  char *b = base;
  sort_half first = {b, half, size, cmp, setup, ctx};
  sort_half second = {b + half * size, n - half, size, cmp, setup, ctx};
  run_both(sort_half_run, &first, &second);
  /* merge the halves through a copy: the first half of the result from the fronts, the rest
   * from the backs, at the same time */
  char *tmp = xmalloc(n * size);
  merge_end front = {b, b + half * size, b + half * size, b + n * size, tmp, half, size, cmp,
                     setup, ctx, false};
  merge_end back = front;
  back.out = tmp + half * size;
  back.count = n - half;
  back.back = true;
  run_both(merge_end_run, &front, &back);
  memcpy(b, tmp, n * size);
  free(tmp);
}

void sort_few(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  enum { FEW = 16, LARGEST = 64 };
  if (n < 2) return;
  if (n > FEW || size > LARGEST) {
    qsort(base, n, size, cmp);
    return;
  }
  char *b = base, held[LARGEST];
  for (size_t i = 1; i < n; i++) {
    size_t j = i;
    while (j > 0 && cmp(b + (j - 1) * size, b + i * size) > 0) j--;
    if (j == i) continue;
    memcpy(held, b + i * size, size);
    memmove(b + (j + 1) * size, b + j * size, (i - j) * size);
    memcpy(b + j * size, held, size);
  }
}

void sort_sizes(size_t *v, size_t n) {
  if (n <= 24) {
    for (size_t i = 1; i < n; i++) {
      size_t x = v[i], j = i;
      for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
      v[j] = x;
    }
    return;
  }
  sort_item *items = xmalloc(n * sizeof *items);
  for (size_t i = 0; i < n; i++) items[i] = (sort_item){v[i], 0};
  sort_keyed(items, n);
  for (size_t i = 0; i < n; i++) v[i] = (size_t)items[i].key;
  free(items);
}

/* sort_keyed's digits: eight bits each for a few items, eleven for many (a count of 2048 per
 * digit, 16 KB, still in the nearest cache), so that 64-bit keys take six passes over many
 * items at most, and fewer where they differ in fewer bits. */
enum { MANY_KEYS = 8192, MAX_DIGITS = 8 };

/* The digits of a radix sort of N keys in which the bits DIFFER differ: each starts at the
 * lowest such bit that no digit before it covers (bits alike in every key leave the order as
 * it is), so digits start a digit's bits or more apart and there are eight at most. Returns
 * how many, with their SHIFT and the digits' BITS. */
static unsigned radix_digits(uint64_t differ, size_t n, unsigned shift[MAX_DIGITS],
                             unsigned *bits) {
  *bits = n >= MANY_KEYS ? 11 : 8;
  uint64_t mask = ((uint64_t)1 << *bits) - 1;
  unsigned ndigits = 0;
  for (uint64_t rest = differ; rest; ndigits++) {
    shift[ndigits] = (unsigned)__builtin_ctzll(rest);
    rest &= ~(mask << shift[ndigits]);
  }
  return ndigits;
}

/* One thread's part of a pass of a radix sort on two threads: the items [LO, HI) of SRC,
 * counted by the value of their digit at SHIFT (COUNT), then moved to DST, each where the
 * next item of its value goes (COUNT, made the places: after the other part's items of that
 * value if this part is the second). */
typedef struct radix_part {
  size_t lo, hi;
  unsigned shift;
  size_t mask;
  size_t *count;
  const sort_item *src;
  sort_item *dst;
} radix_part;

static void *radix_count(void *arg) {
  radix_part *p = arg;
  memset(p->count, 0, (p->mask + 1) * sizeof *p->count);
  for (size_t i = p->lo; i < p->hi; i++) p->count[p->src[i].key >> p->shift & p->mask]++;
  return NULL;
}

static void *radix_move(void *arg) {
  radix_part *p = arg;
  size_t *at = p->count, mask = p->mask;
  unsigned sh = p->shift;
  const sort_item *src = p->src;
  sort_item *dst = p->dst;
  for (size_t i = p->lo; i < p->hi; i++) dst[at[src[i].key >> sh & mask]++] = src[i];
  return NULL;
}

/* sort_keyed, on two threads when THREADS: in each pass, each counts and moves half of the
 * items, the second half's items of a value placed after the first half's (the order of a
 * pass on one thread). */
static void sort_keyed_on(sort_item *v, size_t n, bool threads) {
  if (n < 2) return;
  uint64_t any = 0, all = ~(uint64_t)0; /* bits some key has; bits every key has */
  for (size_t i = 0; i < n; i++) {
    any |= v[i].key;
    all &= v[i].key;
  }
  unsigned shift[MAX_DIGITS], bits;
  unsigned ndigits = radix_digits(any & ~all, n, shift, &bits);
  if (!ndigits) return;
  size_t values = (size_t)1 << bits, mask = values - 1;
  sort_item *tmp = xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
  if (threads) {
    size_t *count = xmalloc(2 * values * sizeof *count);
    radix_part part[2] = {{0, n / 2, 0, mask, count, NULL, NULL},
                          {n / 2, n, 0, mask, count + values, NULL, NULL}};
    for (unsigned d = 0; d < ndigits; d++) {
      for (size_t k = 0; k < 2; k++) {
        part[k].shift = shift[d];
        part[k].src = src;
        part[k].dst = dst;
      }
      run_both(radix_count, &part[0], &part[1]);
      for (size_t b = 0, at = 0; b < values; b++)
        for (size_t k = 0; k < 2; k++) {
          size_t c = part[k].count[b];
          part[k].count[b] = at;
          at += c;
        }
      run_both(radix_move, &part[0], &part[1]);
      sort_item *t = src;
      src = dst;
      dst = t;
    }
    free(count);
  } else {
    /* every digit's counts in one reading (they do not depend on the order), then the starts
     * (on the stack for a few items: sort_sizes sorts many short lists) */
    size_t few[MAX_DIGITS * 256];
    size_t *start = bits == 8 ? few : xmalloc(ndigits * values * sizeof *start);
    memset(start, 0, ndigits * values * sizeof *start); /* digit D's at START + D * VALUES */
    for (size_t i = 0; i < n; i++)
      for (unsigned d = 0; d < ndigits; d++) start[d * values + (v[i].key >> shift[d] & mask)]++;
    for (unsigned d = 0; d < ndigits; d++)
      for (size_t b = 0, at = 0; b < values; b++) {
        size_t c = start[d * values + b];
        start[d * values + b] = at;
        at += c;
      }
    for (unsigned d = 0; d < ndigits; d++) {
      radix_part all = {0, n, shift[d], mask, start + d * values, src, dst};
      radix_move(&all);
      sort_item *t = src;
      src = dst;
      dst = t;
    }
    if (start != few) free(start);
  }
  if (src != v) memcpy(v, src, n * sizeof *v);
  free(tmp);
}

void sort_keyed(sort_item *v, size_t n) { sort_keyed_on(v, n, false); }

/* sort_by_key's work after the sort of the keys: the elements put in the order of their keys,
 * then each run of equal keys sorted. */
typedef struct key_runs {
  const char *from;        /* the elements in their first order */
  char *to;                /* the result */
  const sort_item *by_key; /* the elements' keys, sorted, and where each element was */
  size_t n, size;
  int (*cmp)(const void *, const void *);
  size_t large; /* a run this long is left to sort on two threads once the rest is done */
  void (*setup)(const void *ctx);
  const void *ctx;
} key_runs;

/* Pieces of the elements that two threads take in turn (run_both_chunked): the runs cost
 * unevenly, and a cut made in advance left one thread waiting for the other. */
enum { KEY_RUNS_CHUNK = 8192 };

/* The runs that begin in [LO, HI): their elements put in order and sorted (those of a large
 * run only put in order). */
static void key_runs_range(void *arg, size_t lo, size_t hi) {
  key_runs *k = arg;
  size_t size = k->size;
  const sort_item *by = k->by_key;
  if (!k->cmp) { /* equal keys stay in their first order */
    for (size_t i = lo; i < hi; i++) memcpy(k->to + i * size, k->from + by[i].value * size, size);
    return;
  }
  if (k->setup) k->setup(k->ctx); /* (for the runs sorted on this thread) */
  size_t i = lo;
  while (i > 0 && i < hi && by[i].key == by[i - 1].key) i++; /* (the piece before has them) */
  for (size_t j; i < hi; i = j) {
    memcpy(k->to + i * size, k->from + by[i].value * size, size);
    for (j = i + 1; j < k->n && by[j].key == by[i].key; j++)
      memcpy(k->to + j * size, k->from + by[j].value * size, size);
    if (j - i > 1 && j - i < k->large) sort_few(k->to + i * size, j - i, size, k->cmp);
  }
}

void sort_stable_by_key(void *base, size_t n, size_t size, uint64_t (*key)(const void *elem)) {
  sort_by_key(base, n, size, key, NULL, 1, NULL, NULL);
}

uint64_t double_key(double x) {
  if (x == 0) x = 0.0; /* -0 */
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return bits >> 63 ? ~bits : bits | (1ULL << 63);
}

void sort_by_key(void *base, size_t n, size_t size, uint64_t (*key)(const void *elem),
                 int (*cmp)(const void *, const void *), int jobs,
                 void (*setup)(const void *ctx), const void *ctx) {
  if (n < 2) return;
  char *b = base;
  bool two = jobs > 1 && n >= SORT_THREAD_MIN;
  sort_item *by_key = xmalloc(n * sizeof *by_key);
  for (size_t i = 0; i < n; i++) by_key[i] = (sort_item){key(b + i * size), i};
  sort_keyed_on(by_key, n, two);
  char *in_order = xmalloc(n * size);
  /* A run of an eighth of the elements or more is sorted on its own, on two threads. */
  key_runs k = {b, in_order, by_key, n, size, cmp, two ? n / 8 : SIZE_MAX, setup, ctx};
  run_both_chunked(two, key_runs_range, &k, &k, n, KEY_RUNS_CHUNK);
  if (cmp && two)
    for (size_t i = 0, j; i < n; i = j) {
      for (j = i + 1; j < n && by_key[j].key == by_key[i].key;) j++;
      if (j - i >= k.large)
        sort_on_threads(in_order + i * size, j - i, size, cmp, jobs, setup, ctx);
    }
  memcpy(b, in_order, n * size);
  free(in_order);
  free(by_key);
}

uint64_t table_hash(const char *s, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  memcpy(&w, s, n);
  h = (h ^ w) * 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

void strbuf_init(strbuf *sb) {
  sb->data = NULL;
  sb->len = sb->cap = 0;
}

void strbuf_release(strbuf *sb) {
  free(sb->data);
  strbuf_init(sb);
}

void strbuf_grow(strbuf *sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap) return;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < sb->len + extra + 1) cap *= 2;
  sb->data = xrealloc(sb->data, cap);
  sb->cap = cap;
}

void strbuf_reset(strbuf *sb) {
  sb->len = 0;
  if (sb->data) sb->data[0] = '\0';
}


void strbuf_addf(strbuf *sb, const char *fmt, ...) {
  /* formatted straight into the free space, and again only if it did not fit */
  strbuf_grow(sb, 32);
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
  va_end(ap);
  if (n <= 0) {
    sb->data[sb->len] = '\0';
    return;
  }
  if ((size_t)n >= sb->cap - sb->len) {
    strbuf_grow(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  sb->len += (size_t)n;
}

void strbuf_add_uint(strbuf *sb, uint64_t v) {
  char buf[20];
  strbuf_add(sb, buf, (size_t)(uint_to(buf, v) - buf));
}

size_t format_ymd(char *b, int y, int mo, int d) {
  int parts = d ? 3 : mo ? 2 : 1;
  if (y < 0 || y > 9999 || mo < 0 || mo > 99 || d < 0 || d > 99) {
    int n = parts == 3   ? snprintf(b, 16, "%04d-%02d-%02d", y, mo, d)
            : parts == 2 ? snprintf(b, 16, "%04d-%02d", y, mo)
                         : snprintf(b, 16, "%04d", y);
    return n < 0 ? 0 : (size_t)n < 16 ? (size_t)n : 15;
  }
  b[0] = (char)('0' + y / 1000);
  b[1] = (char)('0' + y / 100 % 10);
  b[2] = (char)('0' + y / 10 % 10);
  b[3] = (char)('0' + y % 10);
  size_t n = 4;
  int rest[2] = {mo, d};
  for (int k = 0; k + 1 < parts; k++) {
    b[n++] = '-';
    b[n++] = (char)('0' + rest[k] / 10);
    b[n++] = (char)('0' + rest[k] % 10);
  }
  b[n] = '\0';
  return n;
}

void strbuf_add_2dp(strbuf *sb, double v) {
  /* V x 100 is off by an ulp at most: rounded to the nearest integer, it is "%.2f"'s digits
   * unless it lies within a hair of a half, where printf looks at V's exact binary value */
  if (v >= 0 && v < 1e9) {
    double x = v * 100.0, whole = floor(x), frac = x - whole;
    if (fabs(frac - 0.5) > 1e-6) {
      uint64_t c = (uint64_t)whole + (frac > 0.5);
      strbuf_add_uint(sb, c / 100);
      char dec[3] = {'.', (char)('0' + c / 10 % 10), (char)('0' + c % 10)};
      strbuf_add(sb, dec, 3);
      return;
    }
  }
  strbuf_addf(sb, "%.2f", v);
}

char *strbuf_detach(strbuf *sb) {
  char *p = sb->data ? sb->data : xstrdup("");
  strbuf_init(sb);
  return p;
}


bool str_icontains(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = haystack; *p; p++)
    if (strncasecmp(p, needle, n) == 0) return true;
  return n == 0;
}

/* ---- files ---- */

int write_fully(int fd, const char *buf, size_t size, int64_t offset) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = offset < 0 ? write(fd, buf + done, size - done)
                           : pwrite(fd, buf + done, size - done, (off_t)offset + (off_t)done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return n == 0 ? EIO : errno; /* (nothing written, and no reason given: not to loop) */
    }
    done += (size_t)n;
  }
  return 0;
}

const char *temp_dir(void) {
  const char *d = getenv("TMPDIR");
  return d && *d ? d : "/tmp";
}

int temp_file(void) {
  const char *dir = temp_dir();
  size_t n = strlen(dir) + sizeof "/storyline-XXXXXX";
  char *path = xmalloc(n);
  snprintf(path, n, "%s/storyline-XXXXXX", dir);
  int fd = mkostemp(path, O_CLOEXEC);
  int err = errno;
  if (fd >= 0) unlink(path);
  free(path);
  errno = err;
  return fd;
}
