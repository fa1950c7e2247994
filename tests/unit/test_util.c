/* test_util.c: the shared helpers the merge leans on: sort_on_threads gives qsort's order on
 * two threads, whatever the input's shape, sort_sizes qsort's order of numbers and sort_keyed
 * a stable order by key; run_both (run_both_if) runs both halves; the writers' number
 * formats agree with printf's; lower8 and printable8 agree with a byte at a time; the arena
 * packs its allocations, each aligned as its size needs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

typedef struct item {
  uint32_t key;
  uint32_t seq; /* makes the order strict, as sort_on_threads asks */
} item;

static int cmp_item(const void *a, const void *b) {
  const item *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A comparator that needs its context set on each thread, as the graph's do. */
static _Thread_local const uint32_t *order_of;
static void set_order(const void *ctx) { order_of = ctx; }
static int cmp_by_order(const void *a, const void *b) {
  uint32_t x = order_of[*(const uint32_t *)a], y = order_of[*(const uint32_t *)b];
  return x < y ? -1 : x > y;
}
/* sort_by_key's number for it: the order less its low bits (keys are made on the calling
 * thread, before any setup) */
static const uint32_t *key_order;
static uint64_t coarse_order(const void *a) { return key_order[*(const uint32_t *)a] >> 6; }
/* a key that leaves the upper three quarters of the order to one run */
static uint64_t one_big_run(const void *a) {
  uint32_t o = key_order[*(const uint32_t *)a];
  return o < 1500 ? o : 1500;
}

enum { SHAPE_RANDOM, SHAPE_SORTED, SHAPE_REVERSED, SHAPE_FEW_KEYS, SHAPE_HALVES_APART, NSHAPES };

static void fill(item *v, size_t n, int shape, unsigned *seed) {
  for (size_t i = 0; i < n; i++) {
    uint32_t r = (uint32_t)rand_r(seed);
    uint32_t key = shape == SHAPE_SORTED ? (uint32_t)i
                   : shape == SHAPE_REVERSED ? (uint32_t)(n - i)
                   : shape == SHAPE_FEW_KEYS ? r % 3
                   /* the first half all above the second: one half of the merge runs dry */
                   : shape == SHAPE_HALVES_APART ? (i < n / 2 ? 1000000u + r % 1000 : r % 1000)
                   : r;
    v[i] = (item){key, (uint32_t)i};
  }
}

static uint64_t coarse_key(const void *x) { return ((const item *)x)->key >> 3; }

/* sort_on_threads, sort_by_key and sort_few give qsort's order. */
static void test_sort_on_threads_is_qsort(void **state) {
  (void)state;
  const size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 4095, 4096, 4097, 10001, 65536};
  unsigned seed = 7;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    for (int shape = 0; shape < NSHAPES; shape++) {
      size_t n = sizes[s];
      item *a = malloc((n ? n : 1) * sizeof *a), *b = malloc((n ? n : 1) * sizeof *b);
      assert_non_null(a);
      assert_non_null(b);
      fill(a, n, shape, &seed);
      memcpy(b, a, n * sizeof *a);
      qsort(a, n, sizeof *a, cmp_item);
      for (int jobs = 1; jobs <= 2; jobs++) {
        item *c = malloc((n ? n : 1) * sizeof *c);
        assert_non_null(c);
        memcpy(c, b, n * sizeof *c);
        sort_on_threads(c, n, sizeof *c, cmp_item, jobs, NULL, NULL);
        assert_memory_equal(a, c, n * sizeof *a);
        /* by a number that settles part of the order (the key less its low bits) */
        memcpy(c, b, n * sizeof *c);
        sort_by_key(c, n, sizeof *c, coarse_key, cmp_item, jobs, NULL, NULL);
        assert_memory_equal(a, c, n * sizeof *a);
        memcpy(c, b, n * sizeof *c);
        sort_few(c, n, sizeof *c, cmp_item);
        assert_memory_equal(a, c, n * sizeof *a);
        free(c);
      }
      free(a);
      free(b);
    }
  sort_on_threads(NULL, 0, sizeof(item), cmp_item, 2, NULL, NULL); /* nothing to sort */
}

/* wait_for_free_core returns only once no step of run_both runs on two threads: a step
 * whose two halves wait to be let go holds a waiter back until they are. */
typedef struct held_step {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int started;
  bool released, waiter_done;
} held_step;

static void *held_half(void *arg) {
  held_step *h = arg;
  pthread_mutex_lock(&h->lock);
  h->started++;
  pthread_cond_broadcast(&h->changed);
  while (!h->released) pthread_cond_wait(&h->changed, &h->lock);
  pthread_mutex_unlock(&h->lock);
  return NULL;
}

static void *run_held_step(void *arg) {
  run_both(held_half, arg, arg);
  return NULL;
}

static void *free_core_waiter(void *arg) {
  held_step *h = arg;
  wait_for_free_core();
  pthread_mutex_lock(&h->lock);
  h->waiter_done = true;
  pthread_mutex_unlock(&h->lock);
  return NULL;
}

static void test_free_core_waits_for_steps(void **state) {
  (void)state;
  wait_for_free_core(); /* no step runs: returns at once */
  held_step h = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, false, false};
  pthread_t step, waiter;
  assert_int_equal(pthread_create(&step, NULL, run_held_step, &h), 0);
  pthread_mutex_lock(&h.lock);
  while (h.started < 2) pthread_cond_wait(&h.changed, &h.lock);
  pthread_mutex_unlock(&h.lock);
  assert_int_equal(pthread_create(&waiter, NULL, free_core_waiter, &h), 0);
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL); /* time enough for a waiter that does not wait to be done */
  pthread_mutex_lock(&h.lock);
  assert_false(h.waiter_done);
  h.released = true;
  pthread_cond_broadcast(&h.changed);
  pthread_mutex_unlock(&h.lock);
  pthread_join(step, NULL);
  pthread_join(waiter, NULL);
  assert_true(h.waiter_done);
}

static void test_sort_context_on_each_thread(void **state) {
  (void)state;
  enum { N = 20000 };
  uint32_t *order = malloc(N * sizeof *order), *idx = malloc(N * sizeof *idx);
  assert_non_null(order);
  assert_non_null(idx);
  for (uint32_t i = 0; i < N; i++) {
    order[i] = (i * 7919u) % N; /* a permutation: 7919 is prime and does not divide N */
    idx[i] = i;
  }
  order_of = order;
  sort_on_threads(idx, N, sizeof *idx, cmp_by_order, 2, set_order, order);
  for (uint32_t i = 0; i < N; i++) assert_int_equal(order[idx[i]], i);
  /* sort_by_key: the runs of equal keys are sorted on two threads, each set up */
  for (uint32_t i = 0; i < N; i++) idx[i] = N - 1 - i;
  order_of = NULL;
  key_order = order;
  sort_by_key(idx, N, sizeof *idx, coarse_order, cmp_by_order, 2, set_order, order);
  for (uint32_t i = 0; i < N; i++) assert_int_equal(order[idx[i]], i);
  /* fewer than two threads would share: sorted here, and this thread set up too (it crashed
   * where sort_by_key's other thread had made every run and this one sorted a large run) */
  for (uint32_t i = 0; i < 1000; i++) idx[i] = 999 - i;
  uint32_t *small = malloc(1000 * sizeof *small);
  assert_non_null(small);
  for (uint32_t i = 0; i < 1000; i++) small[i] = (i * 7u) % 1000;
  order_of = NULL;
  sort_on_threads(idx, 1000, sizeof *idx, cmp_by_order, 2, set_order, small);
  for (uint32_t i = 0; i < 1000; i++) assert_int_equal(small[idx[i]], i);
  /* and sort_by_key's runs of one piece, one run an eighth or more of it, whichever thread
   * takes the piece */
  enum { ONE_PIECE = 6000 };
  uint32_t *mid = malloc(ONE_PIECE * sizeof *mid);
  assert_non_null(mid);
  for (uint32_t i = 0; i < ONE_PIECE; i++) {
    mid[i] = (i * 7919u) % ONE_PIECE;
    idx[i] = i;
  }
  key_order = mid;
  for (int round = 0; round < 20; round++) {
    order_of = NULL;
    sort_by_key(idx, ONE_PIECE, sizeof *idx, one_big_run, cmp_by_order, 2, set_order, mid);
    for (uint32_t i = 0; i < ONE_PIECE; i++) assert_int_equal(mid[idx[i]], i);
  }
  free(mid);
  free(small);
  free(order);
  free(idx);
}

static void *add_one(void *arg) {
  ++*(int *)arg;
  return NULL;
}

static int cmp_size_value(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Number I of N of one of NUMBER_SHAPES shapes of input for the radix sorts: small, spanning
 * every byte, all equal, sorted, reversed, two bands with the top bit set, five values in one
 * byte, only the top byte (reversed), two bytes and the top bit, only bytes' top bits. */
enum { NUMBER_SHAPES = 10 };
static uint64_t shaped_number(int shape, size_t i, size_t n, uint64_t *seed) {
  *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
  uint64_t r = *seed >> 7;
  switch (shape) {
    case 0: return r % 1000;
    case 1: return r ^ (r << 40);
    case 2: return 42;
    case 3: return i * 300;
    case 4: return (n - i) * 65537;
    case 5: return i % 3 ? 5 : UINT64_MAX - i % 7;
    case 6: return (r % 5) << 40;
    case 7: return (uint64_t)(n - i) << 56 | 3;
    case 8: return (r & 0xFF00FF) | 1ULL << 63;
    default: return (r & 1) << 7 | (r & 2) << 22;
  }
}

/* sort_sizes orders as qsort does, few numbers and many, of every shape. */
static void test_sort_sizes_is_qsort(void **state) {
  (void)state;
  static const size_t sizes[] = {0, 1, 2, 24, 25, 100, 257, 5000};
  uint64_t seed = 42;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    for (int shape = 0; shape < NUMBER_SHAPES; shape++) {
      size_t n = sizes[s];
      size_t *v = malloc((n ? n : 1) * sizeof *v), *w = malloc((n ? n : 1) * sizeof *w);
      for (size_t i = 0; i < n; i++) v[i] = (size_t)shaped_number(shape, i, n, &seed);
      memcpy(w, v, n * sizeof *v);
      if (n) qsort(w, n, sizeof *w, cmp_size_value);
      sort_sizes(v, n);
      if (n) assert_memory_equal(v, w, n * sizeof *v);
      free(v);
      free(w);
    }
}

static int cmp_item_stable(const void *a, const void *b) {
  const sort_item *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->value < y->value ? -1 : x->value > y->value; /* (the values are the input order) */
}

/* Runs CHECK(N, SHAPE, SEED) for the radix sorts' inputs: N items of every shape, for sizes
 * from none to one past the sorts' eleven-bit passes. */
static void each_sort_input(uint64_t seed, void (*check)(size_t n, int shape, uint64_t *seed)) {
  static const size_t sizes[] = {0, 1, 2, 3, 300, 20000};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    for (int shape = 0; shape < NUMBER_SHAPES; shape++) check(sizes[s], shape, &seed);
}

/* sort_keyed orders by key as qsort does, and keeps the input order of equal keys, for keys
 * of every shape. */
static void check_sort_keyed(size_t n, int shape, uint64_t *seed) {
  sort_item *v = malloc((n ? n : 1) * sizeof *v), *w = malloc((n ? n : 1) * sizeof *w);
  for (size_t i = 0; i < n; i++) v[i] = (sort_item){shaped_number(shape, i, n, seed), i};
  memcpy(w, v, n * sizeof *v);
  if (n) qsort(w, n, sizeof *w, cmp_item_stable);
  sort_keyed(v, n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(v[i].key, w[i].key);
    assert_int_equal(v[i].value, w[i].value);
  }
  free(v);
  free(w);
}

static void test_sort_keyed_is_stable(void **state) {
  (void)state;
  each_sort_input(7, check_sort_keyed);
}

/* sort_stable_by_key: elements (larger than a key) in the order of their numbers, those of
 * equal number in the order they came; two such sorts order by two numbers. */
typedef struct keyed_elem {
  uint64_t major, minor;
  size_t at; /* where it came */
  char pad[8];
} keyed_elem;

static uint64_t elem_major(const void *e) { return ((const keyed_elem *)e)->major; }
static uint64_t elem_minor(const void *e) { return ((const keyed_elem *)e)->minor; }

static int cmp_major_minor_at(const void *a, const void *b) {
  const keyed_elem *x = a, *y = b;
  if (x->major != y->major) return x->major < y->major ? -1 : 1;
  if (x->minor != y->minor) return x->minor < y->minor ? -1 : 1;
  return x->at < y->at ? -1 : x->at > y->at;
}

static void check_sort_stable_by_key(size_t n, int shape, uint64_t *seed) {
  keyed_elem *v = calloc(n ? n : 1, sizeof *v), *w = calloc(n ? n : 1, sizeof *w);
  for (size_t i = 0; i < n; i++)
    v[i] = (keyed_elem){shaped_number(shape, i, n, seed) % 5, shaped_number(shape, n - i, n, seed),
                        i, {0}};
  memcpy(w, v, n * sizeof *v);
  if (n) qsort(w, n, sizeof *w, cmp_major_minor_at);
  sort_stable_by_key(v, n, sizeof *v, elem_minor);
  sort_stable_by_key(v, n, sizeof *v, elem_major);
  for (size_t i = 0; i < n; i++) assert_memory_equal(&v[i], &w[i], sizeof v[i]);
  free(v);
  free(w);
}

static void test_sort_stable_by_key(void **state) {
  (void)state;
  each_sort_input(11, check_sort_stable_by_key);
}

/* double_key orders as the doubles do, -0 as 0. */
static void test_double_key(void **state) {
  (void)state;
  const double xs[] = {-INFINITY, -1e300, -2.5, -1,   -1e-300, -0.0,  0.0,
                       1e-300,    0.5,    1,    1.25, 3,       1e300, INFINITY};
  size_t n = sizeof xs / sizeof xs[0];
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      bool lt = xs[i] < xs[j], eq = xs[i] == xs[j];
      assert_int_equal(double_key(xs[i]) < double_key(xs[j]), lt);
      assert_int_equal(double_key(xs[i]) == double_key(xs[j]), eq);
    }
}

/* lower8 and printable8 agree with a byte at a time: every byte value at every place among
 * bytes of every kind. */
static void test_eight_bytes_at_once(void **state) {
  (void)state;
  static const unsigned char fillers[] = {'a', 'Z', ' ', 0x7F, 0xC3, '~', '!', 0};
  for (size_t f = 0; f < sizeof fillers; f++)
    for (int b = 0; b < 256; b++)
      for (int at = 0; at < 8; at++) {
        unsigned char bytes[8], lowered[8];
        memset(bytes, fillers[f], 8);
        bytes[at] = (unsigned char)b;
        bool printable = true;
        for (int k = 0; k < 8; k++) {
          printable = printable && bytes[k] > ' ' && bytes[k] < 0x7F;
          lowered[k] = bytes[k] >= 'A' && bytes[k] <= 'Z' ? bytes[k] | 0x20 : bytes[k];
        }
        uint64_t x, want;
        memcpy(&x, bytes, 8);
        memcpy(&want, lowered, 8);
        assert_int_equal(lower8(x), want);
        assert_int_equal(printable8(x), printable);
      }
}

/* The prefixes the text scanners find sixteen bytes at a time are the ones a byte at a time
 * finds (and json_copy_plain copies its own): every byte value, alone or twice in a row, at
 * every place of strings of many lengths, among bytes of every kind (across the end of a
 * block of sixteen too). */
static size_t ascii_prefix_slow(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] < 0x80) i++;
  return i;
}
static size_t collapsed_prefix_slow(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] >= 0x20 && s[i] < 0x7F && !(s[i] == ' ' && i + 1 < n && s[i + 1] == ' '))
    i++;
  return i;
}
static size_t json_plain_prefix_slow(const unsigned char *s, size_t n, bool ascii_only) {
  size_t i = 0;
  while (i < n && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' && !(ascii_only && s[i] >= 0x80))
    i++;
  return i;
}

static size_t csv_plain_prefix_slow(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != '"' && s[i] != ',' && s[i] != '\r' && s[i] != '\n') i++;
  return i;
}

static size_t xml_plain_prefix_slow(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != '&' && s[i] != '<' && s[i] != '>' && s[i] != '"' && s[i] != '\'' &&
         (s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

static size_t backslash_or_break_slow(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] != '\\' && s[i] != '\n' && s[i] != '\r') i++;
  return i;
}

static void test_prefix_scanners(void **state) {
  (void)state;
  static const unsigned char fillers[] = {'a', ' ', '~', 0xC3};
  for (size_t f = 0; f < sizeof fillers; f++)
    for (size_t n = 0; n <= 40; n++) { /* every length of a string's last bytes after 16s */
      /* exactly N bytes on the heap: a scan that reads past them fails under ASan */
      unsigned char *buf = malloc(n ? n : 1);
      assert_non_null(buf);
      for (size_t at = 0; at < n || (n == 0 && at == 0); at++)
        for (int b = 0; b < 512; b++) { /* from 256 on: the byte twice, at AT and after */
          memset(buf, fillers[f], n);
          if (n) buf[at] = (unsigned char)b;
          if (n && b >= 256 && at + 1 < n) buf[at + 1] = (unsigned char)b;
          const char *s = (const char *)buf;
          assert_int_equal(ascii_prefix(s, n), ascii_prefix_slow(buf, n));
          assert_int_equal(collapsed_prefix(s, n), collapsed_prefix_slow(buf, n));
          for (int ascii = 0; ascii < 2; ascii++)
            assert_int_equal(json_plain_prefix(s, n, ascii), json_plain_prefix_slow(buf, n, ascii));
          assert_int_equal(csv_plain_prefix(s, n), csv_plain_prefix_slow(buf, n));
          assert_int_equal(xml_plain_prefix(s, n), xml_plain_prefix_slow(buf, n));
          assert_int_equal(plain_prefix4(s, n, '\\', '\n', '\r', '\r'), backslash_or_break_slow(buf, n));
          char copy[48];
          size_t plain = json_copy_plain(copy, s, n);
          assert_int_equal(plain, json_plain_prefix_slow(buf, n, false));
          assert_memory_equal(copy, s, plain);
          if (n == 0) break;
        }
      free(buf);
    }
}

static void test_run_both(void **state) {
  (void)state;
  int a = 0, b = 0;
  run_both(add_one, &a, &b);
  assert_int_equal(a, 1);
  assert_int_equal(b, 1);
  run_both_if(true, add_one, &a, &b);
  run_both_if(false, add_one, &a, &b);
  assert_int_equal(a, 3);
  assert_int_equal(b, 3);
}

/* run_both_chunked: every index is done once, by one thread or the other, whatever the
 * piece size (dividing N or not, larger than N, none). */
typedef struct chunk_log {
  unsigned char *done; /* how often each index was done */
  size_t pieces;
} chunk_log;

static void mark_range(void *arg, size_t lo, size_t hi) {
  chunk_log *log = arg;
  for (size_t i = lo; i < hi; i++) log->done[i]++;
  log->pieces++;
}

static void test_run_both_chunked(void **state) {
  (void)state;
  static const size_t ns[] = {0, 1, 7, 1000, 4096, 100003};
  static const size_t chunks[] = {1, 3, 256, 5000};
  for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
      for (int threads = 0; threads < 2; threads++) {
        size_t n = ns[i];
        unsigned char *done = calloc(n + 1, 1); /* (each thread marks its own indexes) */
        chunk_log a = {done, 0}, b = {done, 0};
        run_both_chunked(threads, mark_range, &a, &b, n, chunks[c]);
        for (size_t k = 0; k < n; k++) assert_int_equal(done[k], 1);
        assert_int_equal(a.pieces + b.pieces, (n + chunks[c] - 1) / chunks[c]);
        if (!threads) assert_int_equal(b.pieces, 0);
        free(done);
      }
}

/* append_array: the second share's results after the first's, whichever is empty. */
static void test_append_array(void **state) {
  (void)state;
  int b[3] = {4, 5, 6};
  int *a = append_array(NULL, 0, b, 3, sizeof *a); /* onto nothing */
  assert_non_null(a);
  a = append_array(a, 3, b, 0, sizeof *a); /* nothing onto something */
  a = append_array(a, 3, b, 2, sizeof *a);
  const int want[] = {4, 5, 6, 4, 5};
  assert_memory_equal(a, want, sizeof want);
  free(a);
  assert_null(append_array(NULL, 0, NULL, 0, sizeof(int)));
}

/* strbuf_add_uint and strbuf_add_2dp write what printf's "%llu" and "%.2f" write, ties and
 * values a hair off them included (0.125 is a tie printf breaks to even; 0.285 is stored just
 * below its tie). */
static void test_numbers_as_printf(void **state) {
  (void)state;
  const double fixed[] = {0,    0.005,  0.015, 0.125,     0.135,      0.285, 0.5,
                          0.995, 0.999999, 1,   1.005,    2.675,      0.8,   0.1 + 0.2,
                          99.995, 123456.785, -0.5, 1e12, 0.0049999999999999999};
  char want[64];
  strbuf sb;
  strbuf_init(&sb);
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
    strbuf_reset(&sb);
    strbuf_add_2dp(&sb, fixed[i]);
    snprintf(want, sizeof want, "%.2f", fixed[i]);
    assert_string_equal(sb.data, want);
  }
  for (uint32_t k = 0; k <= 200000; k++) { /* every step of 1/200,000 from 0 to 1 */
    double v = k / 200000.0;
    strbuf_reset(&sb);
    strbuf_add_2dp(&sb, v);
    snprintf(want, sizeof want, "%.2f", v);
    assert_string_equal(sb.data, want);
  }
  const uint64_t ints[] = {0, 7, 10, 99, 12345, UINT32_MAX, UINT64_MAX};
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    strbuf_reset(&sb);
    strbuf_add_uint(&sb, ints[i]);
    snprintf(want, sizeof want, "%llu", (unsigned long long)ints[i]);
    assert_string_equal(sb.data, want);
  }
  /* every number up to 100,000, each power of ten and its neighbours, and random ones of
   * every length */
  uint64_t x = 88172645463325252ULL, p10 = 1;
  for (uint64_t k = 0; k < 100000 + 3 * 20 + 20000; k++) {
    uint64_t v = k;
    if (k >= 100000 && k < 100000 + 3 * 20) {
      size_t step = (size_t)(k - 100000);
      if (step % 3 == 0 && step) p10 *= 10;
      v = p10 + (uint64_t)(step % 3) - 1;
    } else if (k >= 100000 + 3 * 20) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      v = x >> (x % 64);
    }
    strbuf_reset(&sb);
    strbuf_add_uint(&sb, v);
    snprintf(want, sizeof want, "%llu", (unsigned long long)v);
    assert_string_equal(sb.data, want);
  }
  strbuf_release(&sb);
}

/* format_ymd writes what snprintf writes, for dates it writes digit by digit and for those it
 * hands to snprintf (years out of 0..9999, months or days out of 0..99). */
/* xcalloc_written's zeros are its own: a block that held other bytes (the one just freed,
 * which malloc hands out again) comes back all zeros, small or large. */
static void test_calloc_written_is_zeros(void **state) {
  (void)state;
  static const size_t sizes[] = {1, 24, 1000, (size_t)3 << 20};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    size_t n = sizes[k];
    unsigned char *used = xmalloc(n * 4);
    memset(used, 0xAB, n * 4);
    free(used);
    unsigned char *z = xcalloc_written(n, 4);
    for (size_t i = 0; i < n * 4; i++)
      if (z[i]) fail_msg("byte %zu of %zu is %d", i, n * 4, z[i]);
    free(z);
  }
}

static void test_format_ymd(void **state) {
  (void)state;
  const int years[] = {-12345, -1, 0, 1, 9, 99, 999, 1999, 2017, 9999, 10000, 123456, INT32_MAX};
  const int parts[] = {-5, 0, 1, 9, 10, 12, 31, 99, 100, 1000};
  size_t ny = sizeof years / sizeof years[0], np = sizeof parts / sizeof parts[0];
  char got[16], want[16];
  for (size_t a = 0; a < ny; a++)
    for (size_t b = 0; b < np; b++)
      for (size_t c = 0; c < np; c++) {
        int y = years[a], mo = parts[b], d = parts[c];
        if (d) snprintf(want, sizeof want, "%04d-%02d-%02d", y, mo, d);
        else if (mo) snprintf(want, sizeof want, "%04d-%02d", y, mo);
        else snprintf(want, sizeof want, "%04d", y);
        size_t n = format_ymd(got, y, mo, d);
        assert_string_equal(got, want);
        assert_int_equal(n, strlen(want));
      }
  for (int y = 0; y <= 9999; y++) { /* every year of every digit-by-digit date */
    snprintf(want, sizeof want, "%04d-%02d-%02d", y, y % 13, y % 32);
    if (y % 32 == 0) snprintf(want, sizeof want, y % 13 ? "%04d-%02d" : "%04d", y, y % 13);
    format_ymd(got, y, y % 13, y % 32);
    assert_string_equal(got, want);
  }
}

/* The arena packs: an allocation is aligned for an array of any type that fills it (to the
 * largest power of two dividing its size, at most max_align_t's), no more, so strings lie
 * byte after byte; every byte of every allocation stays its own; a request larger than a
 * block gets one of its own. */
static void test_arena_packs_and_aligns(void **state) {
  (void)state;
  arena a;
  arena_init(&a);
  char *s1 = arena_strndup(&a, "abc", 3), *s2 = arena_strndup(&a, "de", 2);
  assert_ptr_equal(s2, s1 + 4); /* "abc" and its NUL, then "de" */
  assert_string_equal(s1, "abc");
  assert_string_equal(s2, "de");
  static const size_t sizes[] = {1, 2, 3, 4, 6, 8, 12, 16, 24, 40, 48, 100, 7, 1 << 20, 5};
  unsigned char *got[sizeof sizes / sizeof *sizes];
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    size_t n = sizes[k], need = n & (~n + 1);
    if (need > _Alignof(max_align_t)) need = _Alignof(max_align_t);
    got[k] = k % 2 ? arena_alloc(&a, n) : arena_take(&a, n);
    assert_int_equal((uintptr_t)got[k] % need, 0);
    if (k % 2)
      for (size_t i = 0; i < n; i++) assert_int_equal(got[k][i], 0);
    memset(got[k], (int)k + 1, n);
  }
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
    for (size_t i = 0; i < sizes[k]; i++) assert_int_equal(got[k][i], k + 1);
  /* a double after a string: aligned for doubles */
  arena_strndup(&a, "x", 1);
  double *d = arena_alloc(&a, 3 * sizeof *d);
  assert_int_equal((uintptr_t)d % _Alignof(double), 0);
  assert_string_equal(s1, "abc");
  arena_release(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sort_on_threads_is_qsort),
      cmocka_unit_test(test_sort_context_on_each_thread),
      cmocka_unit_test(test_sort_sizes_is_qsort),
      cmocka_unit_test(test_free_core_waits_for_steps),
      cmocka_unit_test(test_sort_keyed_is_stable),
      cmocka_unit_test(test_sort_stable_by_key),
      cmocka_unit_test(test_double_key),
      cmocka_unit_test(test_eight_bytes_at_once),
      cmocka_unit_test(test_prefix_scanners),
      cmocka_unit_test(test_run_both),
      cmocka_unit_test(test_run_both_chunked),
      cmocka_unit_test(test_append_array),
      cmocka_unit_test(test_numbers_as_printf),
      cmocka_unit_test(test_calloc_written_is_zeros),
      cmocka_unit_test(test_format_ymd),
      cmocka_unit_test(test_arena_packs_and_aligns),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
