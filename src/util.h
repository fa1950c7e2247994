/* util.h: small helpers every module shares: checked allocation, a bump arena for one
 * article's scratch data, growable arrays and a growable byte buffer, the scans that skip
 * plain text many bytes at a time (ascii_prefix, json_plain_prefix), and the little the
 * merge needs to use two threads (run_both, sort_on_threads).
 *
 * Ownership: an arena owns everything allocated from it until arena_release; a strbuf owns its
 * data until strbuf_release (or strbuf_detach hands it to the caller, who frees it).
 * Allocation failure aborts the process: running out of memory is not an input problem that
 * a caller could report and survive, and every caller checking NULL would hide real errors. */
#ifndef STORYLINE_UTIL_H
#define STORYLINE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
/* xcalloc for a table that is read before it is written (a hash table, probed for a key before
 * the key is put): the zeros are written at once. calloc leaves a large block's zeros to the
 * kernel, which maps each page to its one shared page of zeros when the page is first read,
 * and copies it when the page is then written: with more than one thread, each such copy makes
 * the kernel interrupt the other cores to flush their address caches. Written at once, each
 * page costs one fault and no interruption. */
void *xcalloc_written(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow a malloc'd array so that index n is writable: VEC_RESERVE(items, n, cap). */
#define VEC_RESERVE(ptr, n, cap)                                            \
  do {                                                                      \
    if ((size_t)(n) >= (size_t)(cap)) {                                     \
      size_t vec_new_cap_ = (cap) ? (size_t)(cap) * 2 : 16;                 \
      while (vec_new_cap_ <= (size_t)(n)) vec_new_cap_ *= 2;                \
      (ptr) = xrealloc((ptr), vec_new_cap_ * sizeof *(ptr));                \
      (cap) = vec_new_cap_;                                                 \
    }                                                                       \
  } while (0)

/* A bump allocator: many small allocations, one release. */
typedef struct arena_block arena_block;
typedef struct arena {
  arena_block *head;
} arena;

void arena_init(arena *a);
void arena_release(arena *a);
/* N zeroed bytes, aligned for an array of any type that fills them exactly (N a multiple of
 * the type's size): no more than that, so that strings and small arrays lie packed. */
void *arena_alloc(arena *a, size_t n);
/* arena_alloc without the zeroing, for memory the caller fills at once (its bytes are
 * undefined until written). */
void *arena_take(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n); /* NUL-terminated copy */
/* Moves everything FROM holds into A (then A owns it; FROM is left empty): a thread's arena
 * joining a shared one. */
void arena_absorb(arena *a, arena *from);

/* The malloc'd array A of NA elements of SIZE bytes with the NB elements at B after them
 * (reallocated: A is not to be used after). For the two shares' results of work cut in two. */
void *append_array(void *a, size_t na, const void *b, size_t nb, size_t size);

/* How many values two ascending arrays of distinct values have in common. */
size_t sorted_common(const size_t *a, size_t na, const size_t *b, size_t nb);

/* Runs FN(A) on this thread and FN(B) on another at the same time (both here, one after the
 * other, if no thread can be started); returns when both are done. */
void run_both(void *(*fn)(void *), void *a, void *b);
/* run_both when THREADS, else FN(A) then FN(B) here: for work cut into two shares, whose
 * second may be empty (then THREADS is false and FN(B) does nothing). */
void run_both_if(bool threads, void *(*fn)(void *), void *a, void *b);
/* FA(A) on this thread and FB(B) on another at the same time when THREADS, else one after
 * the other here: for two steps that touch nothing in common. */
void run_two(bool threads, void *(*fa)(void *), void *a, void *(*fb)(void *), void *b);
/* Waits until no step of run_two (and of the functions above and below built on it) is
 * running on two threads: for work of a third thread that should take only a core those
 * steps leave free, in pieces short enough to wait between. */
void wait_for_free_core(void);
/* FN(ARG, LO, HI) over [0, N) in pieces of CHUNK, which two threads take in turn as each is
 * done with its last (ARG A here, B on another thread; without THREADS, A here takes all):
 * for work whose pieces cost unevenly, which a cut made once in advance leaves one thread
 * waiting for the other. FN must not mind which thread does which piece. */
void run_both_chunked(bool threads, void (*fn)(void *arg, size_t lo, size_t hi), void *a,
                      void *b, size_t n, size_t chunk);

/* qsort(BASE, N, SIZE, CMP) on up to JOBS threads (two at most): the halves are sorted at the
 * same time, then merged. CMP must be a strict order (0 only for an element and itself), so
 * that the result is the one sorted order whatever JOBS. A comparator that reads a context
 * through a _Thread_local variable gets SETUP(CTX) called first on each sorting thread. */
void sort_on_threads(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
                     int jobs, void (*setup)(const void *ctx), const void *ctx);

/* qsort for the few: insertion (stable) for up to 16 elements of up to 64 bytes, where qsort's
 * setup costs more than the sort; qsort beyond. */
void sort_few(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* A number to sort by and what it stands for. */
typedef struct sort_item {
  uint64_t key;
  size_t value;
} sort_item;

/* Sorts the N numbers V ascending, as qsort with a numeric comparison would, without a call
 * per comparison: insertion for a few, else sort_keyed, in time linear in N whatever the
 * input. */
void sort_sizes(size_t *v, size_t n);

/* Sorts the N items V by key, ascending; items of equal key keep their order (stable). A
 * radix sort eight or eleven bits a pass, over only the bits in which keys differ: time linear
 * in N, and no call per comparison. For sorts whose order is mostly settled by one number: sort by
 * it here, then finish each run of equal keys with a comparison. */
void sort_keyed(sort_item *v, size_t n);

/* Sorts the N elements of SIZE bytes at BASE by KEY, a number per element, ascending;
 * elements of equal number keep their order (stable): sort_by_key with no CMP. Sorts by
 * several numbers are several of these, the last by the first number. */
void sort_stable_by_key(void *base, size_t n, size_t size, uint64_t (*key)(const void *elem));

/* A number that orders as the doubles X do (-0 as 0, no NaN): keys for sort_keyed. */
uint64_t double_key(double x);

/* Sorts the N elements of SIZE bytes at BASE as CMP orders them (sort_on_threads' terms: a
 * strict order, SETUP(CTX) on each sorting thread), given KEY, a number per element that
 * orders as CMP does wherever two elements' numbers differ: first by the numbers in linear
 * time (sort_keyed), then each run of equal numbers by CMP. Much faster than a comparison sort
 * where the numbers settle most of the order. With no CMP, elements of equal number keep
 * their order. */
void sort_by_key(void *base, size_t n, size_t size, uint64_t (*key)(const void *elem),
                 int (*cmp)(const void *, const void *), int jobs,
                 void (*setup)(const void *ctx), const void *ctx);

/* A growable byte buffer, always NUL-terminated. */
typedef struct strbuf {
  char *data;
  size_t len, cap;
} strbuf;

void strbuf_init(strbuf *sb);
void strbuf_release(strbuf *sb);
void strbuf_reset(strbuf *sb);
/* Makes room for EXTRA more bytes and the terminating NUL. */
void strbuf_grow(strbuf *sb, size_t extra);
/* (inline: the writers append millions of short pieces) */
static inline void strbuf_add(strbuf *sb, const char *s, size_t n) {
  if (sb->len + n + 1 > sb->cap) strbuf_grow(sb, n);
  if (n) memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = '\0';
}
static inline void strbuf_adds(strbuf *sb, const char *s) { strbuf_add(sb, s, strlen(s)); }
static inline void strbuf_addc(strbuf *sb, char c) {
  if (sb->len + 2 > sb->cap) strbuf_grow(sb, 1);
  sb->data[sb->len++] = c;
  sb->data[sb->len] = '\0';
}
/* Ends SB at P, where writing into room made by strbuf_grow stopped (for writers that fill
 * that room themselves, a piece at a time, without a check each). */
static inline void strbuf_end_at(strbuf *sb, char *p) {
  sb->len = (size_t)(p - sb->data);
  sb->data[sb->len] = '\0';
}
void strbuf_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The writers' numbers without printf's cost (a row has several): V in decimal (at P, which
 * has room for 20 bytes, returning its end; or added to SB); V with two decimals, exactly as
 * "%.2f" writes it. */
static inline char *uint_to(char *p, uint64_t v) {
  static const uint64_t powers[20] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL,
                                      1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
                                      10000000000ULL, 100000000000ULL, 1000000000000ULL,
                                      10000000000000ULL, 100000000000000ULL,
                                      1000000000000000ULL, 10000000000000000ULL,
                                      100000000000000000ULL, 1000000000000000000ULL,
                                      10000000000000000000ULL};
  static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                              "25262728293031323334353637383940414243444546474849"
                              "50515253545556575859606162636465666768697071727374"
                              "75767778798081828384858687888990919293949596979899";
  size_t len = 1; /* the digits are counted, then written from the last, two at a time */
  while (len < 20 && v >= powers[len]) len++;
  char *end = p + len;
  while (v >= 100) {
    uint64_t q = v / 100;
    end -= 2;
    memcpy(end, pairs + 2 * (v - q * 100), 2);
    v = q;
  }
  if (v >= 10) memcpy(end - 2, pairs + 2 * v, 2);
  else end[-1] = (char)('0' + v);
  return p + len;
}
void strbuf_add_uint(strbuf *sb, uint64_t v);
void strbuf_add_2dp(strbuf *sb, double v);
char *strbuf_detach(strbuf *sb); /* caller frees; sb is left empty */

/* Writes the date Y-MO-D into B (room for 16 bytes) as snprintf's "%04d-%02d-%02d" would, or
 * "%04d-%02d" where D is 0, or "%04d" where MO is 0 too; returns its length. A date is
 * formatted for every expression found and every article fed to the graph, and snprintf cost
 * 1% of a run: years 0..9999 with months and days 0..99 are written digit by digit, any
 * other through snprintf. */
size_t format_ymd(char *b, int y, int mo, int d);

/* A fast hash of the N bytes at S, eight at a time, for tables in memory: never for what is
 * written out, as it may change from one version to the next. */
uint64_t table_hash(const char *s, size_t n);

/* ASCII lower case for the eight bytes of X at once: a byte 'A'..'Z' gains its 0x20 bit,
 * every other byte (non-ASCII ones too) stays. */
static inline uint64_t lower8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t low7 = x & ~highs;
  uint64_t from_a = low7 + ones * (0x80 - 'A');     /* high bit: the byte is 'A' or above */
  uint64_t past_z = low7 + ones * (0x80 - 'Z' - 1); /* high bit: the byte is above 'Z' */
  return x | ((from_a & ~past_z & ~x & highs) >> 2);
}

/* The first N bytes of S (N from 1 to 8) as a number, the bytes past N zero; on a
 * little-endian machine, loaded in at most two steps that read no byte past S + N. */
static inline uint64_t load_head(const char *s, size_t n) {
  uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n >= 8) {
    memcpy(&v, s, 8);
  } else if (n >= 4) {
    uint32_t lo, hi; /* they overlap; the bytes they share agree */
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    v = lo | (uint64_t)hi << (8 * (n - 4));
  } else {
    v = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
        (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
  }
#else
  for (size_t i = 0; i < n && i < 8; i++) v |= (uint64_t)(unsigned char)s[i] << (8 * i);
#endif
  return v;
}

/* A word's first eight bytes (fewer if it is shorter) in ASCII lower case, as one number:
 * the tokens carry theirs, so that a token is compared with a word in one step. */
static inline uint64_t lower_head(const char *s, size_t n) {
  return n ? lower8(load_head(s, n < 8 ? n : 8)) : 0;
}

/* Are the eight bytes of X all printable ASCII, '!' to '~' (no space, control or non-ASCII
 * byte)? */
static inline bool printable8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  /* a byte below '!' borrows into its high bit; one of 0x7F or above has it, or gains it */
  return !((((x - ones * '!') & ~x) | x | (x + ones)) & highs);
}

/* How many bytes at the start of S[0..N) are ASCII: sixteen at a time where there is SSE2
 * (every x86-64), else eight. Most news text is. */
size_t ascii_prefix(const char *s, size_t n);
/* The length of the longest prefix of S (N bytes) of printable ASCII with no two spaces in a
 * row: what collapsing white space leaves as it is (the graph's names and quotes). */
size_t collapsed_prefix(const char *s, size_t n);

/* How many bytes at the start of S[0..N) stand in a JSON string as they are: none is a
 * control character, '"' or '\\', nor, when ASCII_ONLY, a byte of 0x80 or above. Text is long
 * and mostly plain: sixteen bytes at a time where there is SSE2 (every x86-64), else eight. */
size_t json_plain_prefix(const char *s, size_t n, bool ascii_only);
/* json_plain_prefix(S, N, false), copied to DST (room for N bytes) while it is found: the
 * writers' one pass over a string. Returns its length. */
size_t json_copy_plain(char *dst, const char *s, size_t n);
/* How many bytes at the start of S[0..N) are none of A, B, C and D: sixteen at a time where
 * there is SSE2 (repeat a byte for fewer than four). */
size_t plain_prefix4(const char *s, size_t n, char a, char b, char c, char d);
/* How many bytes at the start of S[0..N) a CSV field holds without quotes (RFC 4180): none
 * is '"', ',', CR or LF. */
size_t csv_plain_prefix(const char *s, size_t n);
/* How many bytes at the start of S[0..N) XML text holds as they are: none is '&', '<', '>',
 * '"', '\'' or a control character other than tab, line feed and carriage return. */
size_t xml_plain_prefix(const char *s, size_t n);

/* Case-insensitive ASCII comparison of a span against a NUL-terminated word (inline: the
 * stages call it for nearly every token). */
static inline bool span_ieq(const char *s, size_t n, const char *word) {
  for (size_t i = 0; i < n; i++) {
    unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
    if (b == 0) return false;
    if (a >= 'A' && a <= 'Z') a |= 0x20;
    if (b >= 'A' && b <= 'Z') b |= 0x20;
    if (a != b) return false;
  }
  return word[n] == '\0';
}

/* Does HAYSTACK contain NEEDLE, ignoring ASCII case? */
bool str_icontains(const char *haystack, const char *needle);

/* ---- files ---- */

/* Writes all of BUF at OFFSET (or at the file's end if OFFSET < 0), again where a write was
 * interrupted or partial: 0, else errno (EIO where nothing was written and no reason given). */
int write_fully(int fd, const char *buf, size_t size, int64_t offset);

/* The folder for temporary files: $TMPDIR, else /tmp. */
const char *temp_dir(void);

/* An unnamed temporary file in temp_dir(), open for reading and writing (not inherited by
 * children): unlinked as soon as made, so it goes when closed, however the process ends.
 * Its descriptor, or -1 with errno set. */
int temp_file(void);

#endif
