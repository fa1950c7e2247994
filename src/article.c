/* article.c: reads articles (plain text with optional header lines, news-crawler JSON and
 * JSON Lines) from files, directories and standard input, and finds each one's publication date.
 *
 * Ownership: see article.h. The reader keeps its directory stack, the open JSON Lines stream
 * and a loaded JSON array; every article it fills belongs to the caller. */
#define _DEFAULT_SOURCE /* DT_REG: the type readdir gives */
#include "article.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "article_json.h"
#include "graph/facts.h"
#include "lexicon.h"
#include "util.h"

#define MIB ((size_t)1024 * 1024)
/* A NUL byte or mostly control bytes here means the file is not text. */
#define BINARY_PROBE_BYTES 4096
/* Where a publication date line or dateline may stand: the first lines of the body only, so
 * that a date in a body sentence is never taken for the publication date. */
#define DATE_WINDOW_BYTES 600
#define DATE_WINDOW_LINES 8
#define DATE_LINE_MAX 300
/* Header lines are few and short; bounding them keeps a huge one-line file cheap. */
#define HEADER_MAX_LINES 32
#define HEADER_MAX_BYTES 65536
/* When cutting an oversized article, a paragraph or line break this close to the limit is
 * preferred to cutting mid-line; further back it would throw away too much text. */
#define CUT_BREAK_WINDOW ((size_t)64 * 1024)
#define DIR_MAX_DEPTH 64
/* A JSON Lines file is read through a buffer this large: stdio's own (the file system's
 * block, 4 KB) made a system call for every 4 KB, some 8,000 for 32 MB of articles. */
#define STREAM_BUFFER_BYTES ((size_t)1 << 20)

const char *date_source_name(date_source s) {
  switch (s) {
  case DATE_SOURCE_HEADER: return "header";
  case DATE_SOURCE_TEXT: return "text";
  case DATE_SOURCE_OPTION: return "option";
  case DATE_SOURCE_INFERRED: return "inferred";
  case DATE_SOURCE_NONE: break;
  }
  return "none";
}

void article_release(article *a) {
  if (!a) return;
  free(a->id);
  free(a->file);
  free(a->title);
  free(a->source);
  free(a->url);
  free(a->text);
  *a = (article){0};
}

/* ---- problems ------------------------------------------------------------------------- */

static void problem(article_problem_fn report, void *ctx, const char *file, bool fatal,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem(article_problem_fn report, void *ctx, const char *file, bool fatal,
                    const char *fmt, ...) {
  if (!report) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  report(ctx, file, msg, fatal);
}

/* strerror's text, lower-cased as our messages are. */
static const char *errno_message(int err, char *buf, size_t size) {
  snprintf(buf, size, "%s", strerror(err));
  for (char *p = buf; *p; p++) *p = (char)tolower((unsigned char)*p);
  return buf;
}

/* ---- UTF-8 and Windows-1252 --------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at P (strict: no overlongs, surrogates or values past
 * U+10FFFF), or 0 if the bytes there are not one. */
static size_t utf8_seq_len(const unsigned char *p, const unsigned char *end) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else
    return 0;
  if ((size_t)(end - p) < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return n;
}

/* True if the N bytes are valid UTF-8. TRUNCATED says the bytes were cut from a longer input,
 * so a character cut in half at the very end is not an error. */
static bool utf8_valid(const char *s, size_t n, bool truncated) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    p += ascii_prefix((const char *)p, (size_t)(end - p));
    if (p == end) break;
    if (*p < 0x80) {
      p++;
      continue;
    }
    size_t k = utf8_seq_len(p, end);
    if (k == 0) return truncated && end - p < 4 && (*p & 0xC0) == 0xC0;
    p += k;
  }
  return true;
}

/* Code points of Windows-1252's bytes 0x80-0x9F; the five it leaves undefined become U+FFFD. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/* Converts the bytes that are not valid UTF-8 from Windows-1252, keeping valid UTF-8
 * sequences as they are: a file that is mostly UTF-8 with a few stray bytes keeps its
 * characters, and a pure Windows-1252 file converts completely (its text practically never
 * forms multi-byte UTF-8 sequences). Returns a NUL-terminated malloc'd string. */
static char *cp1252_to_utf8(const char *s, size_t n, size_t *out_len) {
  char *out = xmalloc(n * 3 + 1);
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    size_t k = *p < 0x80 ? 1 : utf8_seq_len(p, end);
    if (k) {
      memcpy(out + o, p, k);
      o += k;
      p += k;
      continue;
    }
    unsigned cp = *p >= 0x80 && *p < 0xA0 ? cp1252_high[*p - 0x80] : *p;
    if (cp < 0x800) {
      out[o++] = (char)(0xC0 | (cp >> 6));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    } else {
      out[o++] = (char)(0xE0 | (cp >> 12));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    }
    p++;
  }
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* Where to cut valid UTF-8 text of length N > LIMIT: just after the last paragraph break
 * near the limit, else the last line break, else the last character boundary. */
static size_t cut_point(const char *s, size_t n, size_t limit) {
  if (n <= limit) return n;
  size_t floor = limit > CUT_BREAK_WINDOW ? limit - CUT_BREAK_WINDOW : 0;
  for (size_t i = limit; i > floor + 1; i--)
    if (s[i - 1] == '\n' && s[i - 2] == '\n') return i;
  for (size_t i = limit; i > floor; i--)
    if (s[i - 1] == '\n') return i;
  size_t i = limit;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return i;
}

static bool is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool all_space(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
  for (; i < n; i++)
    if (!is_space((unsigned char)s[i])) return false;
  return true;
}

static bool looks_binary(const char *s, size_t n) {
  if (n > BINARY_PROBE_BYTES) n = BINARY_PROBE_BYTES;
  size_t control = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0) return true;
    if ((c < 0x20 && !is_space(c) && c != 0x1B) || c == 0x7F) control++;
  }
  return n > 0 && control * 4 > n;
}

/* Makes TEXT (N bytes, possibly the first part of an input of TOTAL bytes) into the article's
 * text: valid UTF-8, at most ARTICLE_MAX_BYTES, NUL-terminated, no NUL bytes inside.
 * Takes ownership of TEXT (malloc'd, with room for one more byte). PREFIX starts messages. */
static char *text_finish(char *text, size_t n, size_t total, size_t *out_len, const char *file,
                         const char *prefix, article_problem_fn report, void *ctx) {
  bool truncated = total > n;
  if (!utf8_valid(text, n, truncated)) {
    size_t m;
    char *conv = cp1252_to_utf8(text, n, &m);
    free(text);
    text = conv;
    n = m;
    problem(report, ctx, file, false, "%snot valid UTF-8; read as Windows-1252", prefix);
  }
  if (n > ARTICLE_MAX_BYTES || truncated) {
    size_t cut = cut_point(text, n, ARTICLE_MAX_BYTES);
    size_t size = total > n ? total : n;
    problem(report, ctx, file, false, "%sarticle is %zu MB; cut at %zu MB", prefix,
            (size + MIB - 1) / MIB, ARTICLE_MAX_BYTES / MIB);
    n = cut;
    char *shrunk = realloc(text, n + 1);
    if (shrunk) text = shrunk;
  }
  /* A NUL beyond the binary probe would end the text early for every C-string consumer;
   * a space keeps all offsets. */
  for (char *p = memchr(text, '\0', n); p; p = memchr(p, '\0', n - (size_t)(p - text))) *p = ' ';
  text[n] = '\0';
  *out_len = n;
  return text;
}

/* ---- dates -------------------------------------------------------------------------------- */

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return y == 0 || is_leap(y) ? 29 : 28; /* year unknown: Feb 29 may exist */
  return days[m - 1];
}

/* Publication dates outside this range are misreadings, not news. */
static bool date_valid(int y, int m, int d) {
  if (y != 0 && (y < 1800 || y > 2200)) return false;
  if (m < 1 || m > 12) return false;
  if (d == 0) return y != 0;
  return d >= 1 && d <= days_in_month(y, m);
}

static bool is_alpha(int c) { return isalpha((unsigned char)c) != 0; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* Number of digits at P (at most 9 are read into *VAL). */
static size_t scan_digits(const char *p, const char *end, int *val) {
  size_t k = 0;
  int v = 0;
  while (p + k < end && is_digit(p[k])) {
    if (k < 9) v = v * 10 + (p[k] - '0');
    k++;
  }
  *val = v;
  return k;
}

static const char *skip_spaces(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
  /* U+00A0 no-break space, common in dates laid out by web pages */
  if (p + 1 < end && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
    return skip_spaces(p + 2, end);
  return p;
}

/* A month name or abbreviation at P ("March", "Mar", "Sept."); returns the month and sets
 * *AFTER past it, or 0. */
static int scan_month(const char *p, const char *end, const char **after) {
  size_t k = 0;
  while (p + k < end && is_alpha(p[k]) && k < 16) k++;
  if (k < 3 || (p + k < end && is_alpha(p[k]))) return 0;
  const char *v = lexicon_find(lexicon_get("months"), p, k);
  if (!v) return 0;
  int m = atoi(v);
  if (m < 1 || m > 12) return 0;
  p += k;
  if (p < end && *p == '.') p++;
  *after = p;
  return m;
}

/* "st", "nd", "rd", "th" after a day number. */
static const char *skip_ordinal(const char *p, const char *end) {
  if (end - p >= 2 && (span_ieq(p, 2, "st") || span_ieq(p, 2, "nd") || span_ieq(p, 2, "rd") ||
                       span_ieq(p, 2, "th")) &&
      (end - p == 2 || !is_alpha(p[2])))
    return p + 2;
  return p;
}

/* A four-digit year at P (after optional ',' and spaces), not part of a longer number or a
 * time; returns the position after it or NULL. */
static const char *scan_year(const char *p, const char *end, int *year) {
  const char *q = p;
  if (q < end && *q == ',') q++;
  q = skip_spaces(q, end);
  if (q == p && !(q < end && is_digit(*q))) return NULL;
  int y;
  size_t k = scan_digits(q, end, &y);
  if (k != 4) return NULL;
  q += 4;
  if (q < end && (*q == ':' || is_alpha(*q))) return NULL;
  *year = y;
  return q;
}

enum { DATE_NEED_YEAR = 1, DATE_ALLOW_MONTH_ONLY = 2 };

/* A date starting exactly at P; returns the position after it and fills *D, or NULL. */
static const char *scan_date(const char *p, const char *end, civil_date *d, int flags) {
  if (p >= end) return NULL;
  int y = 0, m = 0, day = 0;
  const char *q = p;
  if (is_digit(*q)) {
    int a;
    size_t k = scan_digits(q, end, &a);
    q += k;
    if (k == 4) { /* 2017-03-24, 2017/03/24, 2017-03-24T10:30:00Z */
      char sep = q < end ? *q : 0;
      if (sep != '-' && sep != '/' && sep != '.') return NULL;
      int b, c;
      size_t kb = scan_digits(q + 1, end, &b);
      if (kb < 1 || kb > 2) return NULL;
      q += 1 + kb;
      if (q >= end || *q != sep) {
        if (!(flags & DATE_ALLOW_MONTH_ONLY) || (q < end && is_digit(*q))) return NULL;
        y = a, m = b, day = 0;
      } else {
        size_t kc = scan_digits(q + 1, end, &c);
        if (kc < 1 || kc > 2) return NULL;
        q += 1 + kc;
        y = a, m = b, day = c;
      }
    } else if (k >= 1 && k <= 2) {
      char sep = q < end ? *q : 0;
      int b, c;
      size_t kb, kc;
      if ((sep == '/' || sep == '.' || sep == '-') && (kb = scan_digits(q + 1, end, &b)) >= 1 &&
          kb <= 2 && q + 1 + kb < end && q[1 + kb] == sep &&
          (kc = scan_digits(q + 2 + kb, end, &c)) == 4) {
        q += 2 + kb + 4;
        /* 24/03/2017 or 03/24/2017: a part over 12 can only be the day; when both could be
         * months, day first, as most of the world writes it. */
        y = c;
        if (b > 12 && a <= 12) m = a, day = b;
        else m = b, day = a;
      } else { /* 24 March 2017, 24th of March, 24-Mar-2017, 24 March */
        day = a;
        q = skip_ordinal(q, end);
        const char *r = q;
        if (r < end && *r == '-') r++;
        else {
          r = skip_spaces(r, end);
          if (r == q) return NULL;
          if (end - r >= 3 && span_ieq(r, 2, "of") && r[2] == ' ') r = skip_spaces(r + 3, end);
        }
        m = scan_month(r, end, &q);
        if (!m) return NULL;
        const char *yq = q < end && *q == '-' ? scan_year(q + 1, end, &y) : scan_year(q, end, &y);
        if (yq) q = yq;
        else y = 0;
      }
    } else
      return NULL;
  } else if (is_alpha(*q)) { /* March 24, 2017; Mar 24 2017; March 24; March 2017 */
    m = scan_month(q, end, &q);
    if (!m) return NULL;
    const char *r = skip_spaces(q, end);
    if (r == q && !(q > p && q[-1] == '.')) return NULL;
    int a;
    size_t k = scan_digits(r, end, &a);
    if (k >= 1 && k <= 2) {
      day = a;
      q = skip_ordinal(r + k, end);
      if (q < end && is_alpha(*q)) return NULL;
      const char *yq = scan_year(q, end, &y);
      if (yq) q = yq;
      else y = 0;
    } else if (k == 4 && (flags & DATE_ALLOW_MONTH_ONLY)) {
      y = a, day = 0;
      q = r + 4;
    } else
      return NULL;
  } else
    return NULL;
  if (q < end && is_digit(*q)) return NULL;
  if (y == 0 && (flags & DATE_NEED_YEAR)) return NULL;
  if (!date_valid(y, m, day)) return NULL;
  d->year = y, d->month = m, d->day = day;
  return q;
}

/* A clock time after a date ("10:30", "T10:30:00Z", "at 10:30 AM GMT", "+03:00"); returns the
 * position after it, or P if there is none. */
static const char *skip_time(const char *p, const char *end) {
  const char *q = p;
  if (q < end && *q == 'T') q++;
  else {
    if (q < end && *q == ',') q++;
    q = skip_spaces(q, end);
    if (end - q >= 3 && span_ieq(q, 2, "at") && q[2] == ' ') q = skip_spaces(q + 3, end);
  }
  int v;
  size_t k = scan_digits(q, end, &v);
  if (k < 1 || k > 2 || q + k >= end || q[k] != ':') return p;
  q += k + 1;
  if (scan_digits(q, end, &v) != 2) return p;
  q += 2;
  if (q < end && *q == ':' && scan_digits(q + 1, end, &v) == 2) q += 3;
  if (q < end && *q == '.') {
    q++;
    while (q < end && is_digit(*q)) q++;
  }
  const char *r = skip_spaces(q, end);
  if (end - r >= 4 && (span_ieq(r, 4, "a.m.") || span_ieq(r, 4, "p.m."))) q = r + 4;
  else if (end - r >= 2 && (span_ieq(r, 2, "am") || span_ieq(r, 2, "pm")) &&
           (end - r == 2 || !is_alpha(r[2])))
    q = r + 2;
  r = skip_spaces(q, end);
  if (r < end && *r == 'Z') return r + 1;
  size_t caps = 0; /* a zone: "ET", "GMT", "CEST" */
  while (r + caps < end && caps < 6 && isupper((unsigned char)r[caps])) caps++;
  if (caps >= 2 && caps <= 5 && (r + caps == end || !is_alpha(r[caps]))) r += caps, q = r;
  if (r < end && (*r == '+' || *r == '-') && scan_digits(r + 1, end, &v) >= 2) {
    r++;
    while (r < end && (is_digit(*r) || *r == ':')) r++;
    q = r;
  }
  return q;
}

static const char *lexicon_kind(const char *w, size_t n) {
  return lexicon_find(lexicon_get("article_dateline"), w, n);
}

static bool kind_is(const char *v, const char *kind) { return v && strcmp(v, kind) == 0; }

/* A date at P, or after one leading word (a weekday: "Fri, 24 Mar 2017", "Friday March 24"). */
static const char *scan_date_skipping_weekday(const char *p, const char *end, civil_date *d,
                                              int flags) {
  const char *q = scan_date(p, end, d, flags);
  if (q) return q;
  size_t k = 0;
  while (p + k < end && is_alpha(p[k]) && k < 12) k++;
  if (k < 2 || (p + k < end && is_alpha(p[k]))) return NULL;
  /* "On March 23 - ..." opens a sentence; only a weekday-like word may be skipped */
  if (kind_is(lexicon_kind(p, k), "stop") || kind_is(lexicon_kind(p, k), "label")) return NULL;
  const char *r = p + k;
  if (r < end && *r == '.') r++;
  if (r < end && *r == ',') r++;
  const char *s = skip_spaces(r, end);
  if (s == r && !(r > p && (r[-1] == ',' || r[-1] == '.'))) return NULL;
  return scan_date(s, end, d, flags);
}

bool article_parse_date(const char *s, size_t n, civil_date *d) {
  if (!s || !d) return false;
  const char *end = s + n, *p = s;
  while (p < end && is_space((unsigned char)*p)) p++;
  civil_date got;
  if (!scan_date_skipping_weekday(p, end, &got, DATE_ALLOW_MONTH_ONLY)) return false;
  *d = got;
  return true;
}

/* ---- date lines and datelines ------------------------------------------------------------- */

/* Markdown and list decoration before a date line: "## 24/03/2017", "**March 24**". */
static const char *skip_markup(const char *p, const char *end) {
  while (p < end && (strchr("#*_>| \t", *p) != NULL)) p++;
  return p;
}

/* Nothing but spaces, markup and final punctuation left. */
static bool only_trailer(const char *p, const char *end) {
  for (; p < end; p++)
    if (!strchr(" \t\r*_#|.,;", *p)) return false;
  return true;
}

/* A separator that ends a dateline's date: "—", "–", "-", ".", "(", "/", ":", "|", "•". */
static bool dateline_separator(const char *p, const char *end, bool allow_period) {
  if (p >= end) return true;
  if (strchr("-(/:|", *p)) return true;
  if (*p == '.' && allow_period) return true;
  if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
      ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0xA2))
    return true;
  if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xB7) return true;
  return false;
}

/* A label such as "Published:" or "Last updated on" at P; returns the position after it. */
static const char *skip_label(const char *p, const char *end) {
  const char *best = NULL, *q = p;
  for (int words = 0; words < 4; words++) {
    const char *w = q;
    while (q < end && is_alpha(*q)) q++;
    if (q == w) break;
    const char *v = lexicon_kind(p, (size_t)(q - p));
    if (kind_is(v, "label")) best = q;
    if (q >= end || *q != ' ') break;
    q++;
  }
  if (!best) return NULL;
  q = best;
  if (q < end && *q == ':') q++;
  else if (!(q < end && *q == ' ')) return NULL;
  return skip_spaces(q, end);
}

/* A line that is a date and little else: "## 24/03/2017", "24 March 2017",
 * "Published: Friday, March 24, 2017 10:30 AM", "March 24, 2017 — ...". */
static bool date_line(const char *p, const char *end, civil_date *d) {
  p = skip_markup(p, end);
  const char *q = skip_label(p, end);
  bool labelled = q != NULL;
  if (!labelled) q = p;
  civil_date got;
  const char *after = scan_date_skipping_weekday(q, end, &got, 0);
  if (!after && labelled) { /* "Updated 10:30 AM, March 24, 2017" */
    const char *t = skip_time(q, end);
    if (t != q) {
      if (t < end && *t == ',') t++;
      after = scan_date_skipping_weekday(skip_spaces(t, end), end, &got, 0);
    }
  }
  if (!after) return false;
  after = skip_time(after, end);
  const char *rest = skip_spaces(after, end);
  if (labelled || only_trailer(rest, end) || dateline_separator(rest, end, false)) {
    *d = got;
    return true;
  }
  return false;
}

/* A dateline: place name(s), a date, a separator: "LIMA, June 5 (Reuters) -",
 * "Lima. June 5. AGENCY —", "WASHINGTON, D.C., March 24, 2017 —". The words before the
 * date must look like a place: capitalised (or lower-case connectors inside a name), few, and
 * not a sentence opener like "On" or "In". */
static bool dateline(const char *p, const char *end, civil_date *d) {
  p = skip_markup(p, end);
  const char *q = p;
  for (int words = 0; words < 6 && q - p < 60; words++) {
    const char *w = q;
    while (q < end) {
      unsigned char c = (unsigned char)*q;
      if (is_alpha(c) || c >= 0x80) q++;
      else if ((c == '-' || c == '\'' || c == '.') && q + 1 < end &&
               (is_alpha(q[1]) || (unsigned char)q[1] >= 0x80) && q > w)
        q++;
      else
        break;
    }
    if (q == w) return false;
    const char *kind = lexicon_kind(w, (size_t)(q - w));
    unsigned char first = (unsigned char)*w;
    bool capital = isupper(first) || first >= 0x80;
    if (capital && kind_is(kind, "stop")) return false;
    if (!capital && (words == 0 || !kind_is(kind, "connector"))) return false;
    /* separators between the place and the date (or between place words) */
    const char *s = q;
    int seps = 0;
    while (s < end && (*s == ',' || *s == '.' || *s == ' ') && seps < 4) s++, seps++;
    if (s == q || s >= end) return false;
    civil_date got;
    const char *after = scan_date(s, end, &got, 0);
    if (after) {
      after = skip_time(after, end);
      after = skip_spaces(after, end);
      if (!dateline_separator(after, end, true)) return false;
      *d = got;
      return true;
    }
    q = s;
  }
  return false;
}

/* A byline that ends in a date: "By A. Writer, June 5, 2019", "By A. Writer - 5 June 2019". */
static bool byline_date(const char *p, const char *end, civil_date *d) {
  p = skip_markup(p, end);
  if (end - p < 4 || end - p > 160 || memcmp(p, "By ", 3) != 0) return false;
  for (const char *q = p + 3; q < end; q++) {
    unsigned char c = (unsigned char)*q; /* , - | and the last bytes of — – · */
    if (c != ',' && c != '-' && c != '|' && c != 0x94 && c != 0x93 && c != 0xB7)
      continue;
    civil_date got;
    const char *s = skip_spaces(q + 1, end);
    const char *after = scan_date_skipping_weekday(s, end, &got, 0);
    if (after && only_trailer(skip_spaces(skip_time(after, end), end), end)) {
      *d = got;
      return true;
    }
  }
  return false;
}

/* The publication date written near the start of TEXT (the body of an article). */
static bool text_find_date(const char *text, size_t len, civil_date *d) {
  const char *p = text, *end = text + len;
  const char *window = text + (len < DATE_WINDOW_BYTES ? len : DATE_WINDOW_BYTES);
  int lines = 0;
  while (p < window && lines < DATE_WINDOW_LINES) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    const char *line_end = eol - p > DATE_LINE_MAX ? p + DATE_LINE_MAX : eol;
    while (line_end > p && (line_end[-1] == '\r' || line_end[-1] == ' ')) line_end--;
    if (!all_space(p, (size_t)(line_end - p))) {
      lines++;
      if (date_line(p, line_end, d) || dateline(p, line_end, d)) return true;
      if (byline_date(p, line_end, d)) return true;
      /* "By A. Writer | March 24, 2017 | 10:30": a date as one field of a byline */
      for (const char *bar = memchr(p, '|', (size_t)(line_end - p)); bar;
           bar = memchr(bar + 1, '|', (size_t)(line_end - bar - 1))) {
        const char *seg_end = memchr(bar + 1, '|', (size_t)(line_end - bar - 1));
        if (!seg_end) seg_end = line_end;
        const char *s = skip_spaces(bar + 1, seg_end);
        civil_date got;
        const char *after = scan_date_skipping_weekday(s, seg_end, &got, 0);
        if (after && only_trailer(skip_time(after, seg_end), seg_end)) {
          *d = got;
          return true;
        }
      }
    }
    p = eol + 1;
  }
  return false;
}

/* ---- header lines ------------------------------------------------------------------------- */

typedef struct span {
  const char *s;
  size_t n;
} span;

typedef struct header_fields {
  span title, date, source, url;
  size_t body;
} header_fields;

/* Reads the header lines (Title:, Date:, Source:, URL:) at the start of TEXT; sets H->body to
 * the offset after them and the blank line that follows. */
static void header_parse(const char *text, size_t len, header_fields *h) {
  *h = (header_fields){0};
  size_t start = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  h->body = start;
  const char *p = text + start, *end = text + len;
  int headers = 0;
  for (int lines = 0; lines < HEADER_MAX_LINES && p < end; lines++) {
    size_t room = (size_t)(end - p);
    if (room > HEADER_MAX_BYTES) room = HEADER_MAX_BYTES;
    const char *eol = memchr(p, '\n', room);
    if (!eol) {
      if ((size_t)(end - p) > HEADER_MAX_BYTES) break;
      eol = end;
    }
    const char *le = eol;
    while (le > p && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t')) le--;
    const char *next = eol < end ? eol + 1 : end;
    if (le == p) { /* blank line */
      if (headers) {
        h->body = (size_t)(next - text);
        return;
      }
      p = next; /* blank lines before a header */
      continue;
    }
    const char *k = p;
    while (k < le && is_alpha(*k)) k++;
    const char *colon = skip_spaces(k, le);
    span *field = NULL;
    if (colon < le && *colon == ':') {
      size_t kn = (size_t)(k - p);
      if (span_ieq(p, kn, "title")) field = &h->title;
      else if (span_ieq(p, kn, "date")) field = &h->date;
      else if (span_ieq(p, kn, "source")) field = &h->source;
      else if (span_ieq(p, kn, "url")) field = &h->url;
    }
    if (!field) {
      /* The header ends without its blank line: be lenient, the body starts here. */
      if (headers) h->body = (size_t)(p - text);
      return;
    }
    const char *v = skip_spaces(colon + 1, le);
    if (!field->s) *field = (span){v, (size_t)(le - v)};
    headers++;
    p = next;
  }
  if (headers && p >= end) h->body = len;
}

static char *span_dup(span s) { return s.s && s.n ? xstrndup(s.s, s.n) : NULL; }

void article_find_date(article *a) {
  if (!a) return;
  /* A date from JSON metadata was set by the reader; the text cannot overrule it. */
  if (a->date_source == DATE_SOURCE_HEADER && a->date.month) return;
  a->date = (civil_date){0};
  a->date_source = DATE_SOURCE_NONE;
  if (!a->text) return;
  size_t body = a->body <= a->len ? a->body : a->len;
  if (body > 0) {
    header_fields h;
    header_parse(a->text, body, &h);
    if (h.date.s && article_parse_date(h.date.s, h.date.n, &a->date)) {
      a->date_source = DATE_SOURCE_HEADER;
      return;
    }
  }
  if (text_find_date(a->text + body, a->len - body, &a->date)) a->date_source = DATE_SOURCE_TEXT;
  else a->date = (civil_date){0};
}

/* ---- building articles -------------------------------------------------------------------- */

/* The file name without directory and extension: the article id of a plain file. */
static char *base_name(const char *path) {
  if (strcmp(path, "-") == 0) return xstrdup("stdin");
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  const char *dot = strrchr(b, '.');
  size_t n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
  if (n == 0) return xstrdup(path);
  return xstrndup(b, n);
}

static const char *extension(const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  const char *dot = strrchr(b, '.');
  return dot && dot > b ? dot + 1 : "";
}

typedef enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_OTHER } format;

static format format_of(const char *path) {
  const char *e = extension(path);
  if (!*e || strcasecmp(e, "txt") == 0) return FORMAT_TEXT;
  if (strcasecmp(e, "json") == 0) return FORMAT_JSON;
  if (strcasecmp(e, "jsonl") == 0) return FORMAT_JSONL;
  return FORMAT_OTHER;
}

/* Builds a plain-text article from TEXT (N bytes of an input of TOTAL bytes; malloc'd with a
 * spare byte; taken over). */
static bool article_from_plain(char *text, size_t n, size_t total, const char *file,
                               const char *id, article *a, article_problem_fn report, void *ctx) {
  *a = (article){0};
  if (all_space(text, n)) {
    free(text);
    problem(report, ctx, file, true, "empty file");
    return false;
  }
  if (looks_binary(text, n)) {
    free(text);
    problem(report, ctx, file, true, "binary file, not an article");
    return false;
  }
  size_t len;
  text = text_finish(text, n, total, &len, file, "", report, ctx);
  header_fields h;
  header_parse(text, len, &h);
  if (all_space(text + h.body, len - h.body)) {
    free(text);
    problem(report, ctx, file, true, "no article text");
    return false;
  }
  a->text = text;
  a->len = len;
  a->body = h.body;
  a->title = span_dup(h.title);
  a->source = span_dup(h.source);
  a->url = span_dup(h.url);
  a->file = xstrdup(file);
  a->id = xstrdup(id);
  article_find_date(a);
  return true;
}

static const char *text_field(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  const char *s = json_is_string(v) ? json_string_value(v) : NULL;
  return s && !all_space(s, strlen(s)) ? s : NULL;
}

/* The first of KEYS whose value is a non-blank string. */
static json_t *first_text_field(json_t *obj, const char *const *keys) {
  for (; *keys; keys++) {
    json_t *v = json_object_get(obj, *keys);
    if (json_is_string(v) && !all_space(json_string_value(v), json_string_length(v))) return v;
  }
  return NULL;
}

static char *trimmed_copy(const char *s) {
  while (is_space((unsigned char)*s)) s++;
  size_t n = strlen(s);
  while (n && is_space((unsigned char)s[n - 1])) n--;
  return xstrndup(s, n);
}

/* Every key article_from_json reads: article_json_scan keeps these alone. */
static const char *const article_json_keys[] = {
    "maintext", "text", "content", "body", "id", "title", "url", "source_domain", "source",
    "date_publish", "date", "date_published", "published_at", "publishedAt", NULL};

/* Builds an article from one JSON object. IDX (1-based) is its line or array index, used for
 * ids when the file holds several articles (MULTI); PREFIX ("line 3: ") starts messages. */
static bool article_from_json(json_t *obj, const char *file, const char *name, size_t idx,
                              bool multi, const char *prefix, article *a,
                              article_problem_fn report, void *ctx) {
  *a = (article){0};
  if (!json_is_object(obj)) {
    problem(report, ctx, file, true, "%snot a JSON object", prefix);
    return false;
  }
  static const char *const text_keys[] = {"maintext", "text", "content", "body", NULL};
  json_t *tv = first_text_field(obj, text_keys);
  if (!tv) {
    problem(report, ctx, file, true, "%sno article text", prefix);
    return false;
  }
  size_t n = json_string_length(tv);
  size_t take = n > ARTICLE_MAX_BYTES ? ARTICLE_MAX_BYTES + 4 : n;
  char *text = xmalloc(take + 1);
  memcpy(text, json_string_value(tv), take);
  a->text = text_finish(text, take, n, &a->len, file, prefix, report, ctx);
  a->body = 0;
  a->file = xstrdup(file);

  json_t *idv = json_object_get(obj, "id");
  if (json_is_string(idv) && json_string_length(idv) > 0 &&
      !all_space(json_string_value(idv), json_string_length(idv)))
    a->id = trimmed_copy(json_string_value(idv));
  else if (json_is_integer(idv)) {
    char buf[32];
    snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(idv));
    a->id = xstrdup(buf);
  } else if (multi) {
    strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb, "%s-%zu", name, idx);
    a->id = strbuf_detach(&sb);
  } else
    a->id = xstrdup(name);

  const char *s;
  if ((s = text_field(obj, "title"))) a->title = trimmed_copy(s);
  if ((s = text_field(obj, "url"))) a->url = trimmed_copy(s);
  if ((s = text_field(obj, "source_domain")) || (s = text_field(obj, "source")))
    a->source = trimmed_copy(s);
  else {
    json_t *src = json_object_get(obj, "source"); /* {"id": ..., "name": "..."} */
    if (json_is_object(src) && (s = text_field(src, "name"))) a->source = trimmed_copy(s);
  }

  static const char *const date_keys[] = {"date_publish", "date", "date_published",
                                          "published_at", "publishedAt", NULL};
  for (const char *const *k = date_keys; *k; k++) {
    json_t *dv = json_object_get(obj, *k);
    civil_date d;
    if (json_is_string(dv) &&
        article_parse_date(json_string_value(dv), json_string_length(dv), &d)) {
      a->date = d;
      a->date_source = DATE_SOURCE_HEADER;
      break;
    }
    if (json_is_integer(dv) || json_is_real(dv)) {
      /* a Unix timestamp, in seconds or (crawlers in JavaScript) milliseconds */
      double t = json_number_value(dv);
      if (t > 1e11) t /= 1000;
      if (t > -5e9 && t < 7e9) {
        fact_civil_from_days((long)(t / 86400 - (t < 0 ? 1 : 0)), &d.year, &d.month, &d.day);
        if (date_valid(d.year, d.month, d.day)) {
          a->date = d;
          a->date_source = DATE_SOURCE_HEADER;
          break;
        }
      }
    }
  }
  article_find_date(a);
  return true;
}

/* Parses one JSON text; bytes that are not UTF-8 are read as Windows-1252 (with a warning),
 * since crawlers do write such files. */
static json_t *parse_json_object(const char *s, size_t n, json_error_t *err, const char *file,
                          const char *prefix, article_problem_fn report, void *ctx) {
  json_t *j = article_json_scan(s, n, article_json_keys);
  if (j) return j;
  j = json_loadb(s, n, 0, err);
  if (j || json_error_code(err) != json_error_invalid_utf8) return j;
  size_t m;
  char *conv = cp1252_to_utf8(s, n, &m);
  json_error_t err2;
  j = json_loadb(conv, m, 0, &err2);
  free(conv);
  if (j) problem(report, ctx, file, false, "%snot valid UTF-8; read as Windows-1252", prefix);
  return j;
}

static void report_malformed(const json_error_t *err, size_t line, const char *file,
                             article_problem_fn report, void *ctx) {
  problem(report, ctx, file, true, "line %zu: malformed JSON: %s", line, err->text);
}

/* A JSON object or array in memory: the article of its first usable object. */
static bool parse_json_text(const char *name, const char *text, size_t len, article *a,
                            article_problem_fn report, void *ctx) {
  if (all_space(text, len)) {
    problem(report, ctx, name, true, "empty file");
    return false;
  }
  json_error_t err;
  json_t *j = parse_json_object(text, len, &err, name, "", report, ctx);
  if (!j) {
    report_malformed(&err, (size_t)(err.line > 0 ? err.line : 1), name, report, ctx);
    return false;
  }
  char *base = base_name(name);
  bool ok = false;
  if (json_is_array(j)) {
    size_t n = json_array_size(j);
    for (size_t i = 0; i < n && !ok; i++) {
      char prefix[48];
      snprintf(prefix, sizeof prefix, "item %zu: ", i + 1);
      ok = article_from_json(json_array_get(j, i), name, base, i + 1, n > 1, prefix, a, report,
                             ctx);
    }
    if (n == 0) problem(report, ctx, name, true, "no articles in file");
  } else
    ok = article_from_json(j, name, base, 1, false, "", a, report, ctx);
  free(base);
  json_decref(j);
  return ok;
}

/* Non-blank lines of JSON Lines text in memory: the first good article. */
static bool parse_jsonl_text(const char *name, const char *text, size_t len, article *a,
                             article_problem_fn report, void *ctx) {
  const char *p = text, *end = text + len;
  size_t nonblank = 0;
  for (const char *q = text; q < end;) {
    const char *eol = memchr(q, '\n', (size_t)(end - q));
    if (!eol) eol = end;
    if (!all_space(q, (size_t)(eol - q))) nonblank++;
    if (nonblank > 1) break;
    q = eol + 1;
  }
  if (nonblank == 0) {
    problem(report, ctx, name, true, "empty file");
    return false;
  }
  char *base = base_name(name);
  bool ok = false;
  for (size_t line = 1; p < end && !ok; line++) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    if (!all_space(p, (size_t)(eol - p))) {
      char prefix[48];
      snprintf(prefix, sizeof prefix, "line %zu: ", line);
      json_error_t err;
      json_t *j = parse_json_object(p, (size_t)(eol - p), &err, name, prefix, report, ctx);
      if (!j) report_malformed(&err, line, name, report, ctx);
      else {
        ok = article_from_json(j, name, base, line, nonblank > 1, prefix, a, report, ctx);
        json_decref(j);
      }
    }
    p = eol + 1;
  }
  free(base);
  return ok;
}

static const char *first_nonblank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_space((unsigned char)s[i])) return s + i;
  return NULL;
}

bool article_parse_text(const char *name, const char *text, size_t len, article *a,
                        article_problem_fn report, void *ctx) {
  if (!a) return false;
  *a = (article){0};
  if (!name) name = "-";
  if (!text) len = 0;
  format f = format_of(name);
  if (strcmp(name, "-") == 0) {
    const char *c = text ? first_nonblank(text, len) : NULL;
    f = c && *c == '{' ? FORMAT_JSONL : FORMAT_TEXT;
  }
  if (f == FORMAT_JSON) return parse_json_text(name, text ? text : "", len, a, report, ctx);
  if (f == FORMAT_JSONL) return parse_jsonl_text(name, text ? text : "", len, a, report, ctx);
  size_t take = len > ARTICLE_MAX_BYTES ? ARTICLE_MAX_BYTES + 4 : len;
  char *copy = xmalloc(take + 1);
  if (take) memcpy(copy, text, take);
  char *id = base_name(name);
  bool ok = article_from_plain(copy, take, len, name, id, a, report, ctx);
  free(id);
  return ok;
}

/* ---- reading files ------------------------------------------------------------------------ */

/* Up to N bytes of F into B: from its descriptor if DIRECT, else through stdio. Returns how
 * many (fewer only at its end), or SIZE_MAX on a read error, errno set. */
static size_t read_some(FILE *f, bool direct, char *b, size_t n) {
  if (!direct) {
    size_t got = fread(b, 1, n, f);
    if (got < n && ferror(f)) {
      if (!errno) errno = EIO;
      return SIZE_MAX;
    }
    return got;
  }
  for (;;) {
    ssize_t got = read(fileno(f), b, n);
    if (got >= 0) return (size_t)got;
    if (errno != EINTR) return SIZE_MAX;
  }
}

/* Reads F into a malloc'd buffer (with a spare byte): at most CAP bytes are kept, the rest is
 * only counted into *TOTAL (or taken from the file size), so a huge input costs CAP memory.
 * Returns false with errno set on a read error. A regular file's room is its size and a byte
 * more, so that the read falling short there ends it without another read. FRESH: nothing has
 * been read from F yet, and a regular file is then read past stdio (its buffer is still
 * empty): article files are thousands, and a read and a stat less each counts. */
static bool read_capped(FILE *f, bool fresh, size_t cap, char **buf, size_t *len,
                        size_t *total) {
  struct stat st;
  bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0;
  bool direct = fresh && regular;
  size_t size = 0, alloc = 65536;
  if (regular && (uintmax_t)st.st_size < alloc) alloc = (size_t)st.st_size + 2;
  if (alloc > cap + 1) alloc = cap + 1;
  char *b = xmalloc(alloc);
  while (size < cap) {
    if (size + 1 >= alloc) {
      alloc = alloc * 2 > cap + 1 ? cap + 1 : alloc * 2;
      b = xrealloc(b, alloc);
    }
    size_t want = alloc - 1 - size;
    size_t got = read_some(f, direct, b + size, want);
    if (got == SIZE_MAX) {
      int e = errno;
      free(b);
      errno = e;
      return false;
    }
    size += got;
    if (got < want) break;
  }
  size_t all = size;
  if (size == cap) {
    if (regular && (uintmax_t)st.st_size > size) {
      all = (size_t)st.st_size;
    } else {
      char sink[65536];
      size_t got;
      while ((got = read_some(f, direct, sink, sizeof sink)) > 0 && got != SIZE_MAX) all += got;
    }
  }
  *buf = b;
  *len = size;
  *total = all;
  return true;
}

/* A directory's entry: its name, and its type as the directory gave it (DT_REG, DT_DIR...;
 * DT_UNKNOWN where the file system does not say): a regular file needs no stat to be known. */
typedef struct dir_entry {
  char *name;
  unsigned char type;
  int fd; /* the file opened by the read-ahead (prefetch_after), or -1 */
} dir_entry;

/* One directory being walked: its entries in byte order of their names. */
typedef struct dir_frame {
  char *path;
  dir_entry *names;
  size_t count, next;
  size_t asked; /* names before this one have been asked for ahead (prefetch_after) */
  dev_t dev;
  ino_t ino;
} dir_frame;

struct article_reader {
  const char *const *inputs;
  size_t ninputs, next_input;
  size_t inputs_asked; /* inputs before this one have been asked for ahead (or are read) */
  article_problem_fn report;
  void *ctx;
  /* directory walk of one input */
  dir_frame *frames;
  size_t nframes, frames_cap;
  const char *root;
  size_t root_files;
  /* JSON Lines stream */
  FILE *stream;
  bool stream_owned; /* false for stdin */
  char *stream_buffer; /* STREAM_BUFFER_BYTES for the files' streams, or NULL */
  size_t held;         /* files the read-ahead holds open for the walk (prefetch_after) */
  char *stream_file, *stream_name;
  size_t line, nonblank;
  char *linebuf;
  size_t linecap;
  /* JSON array of a .json file */
  json_t *array;
  size_t array_next;
  char *array_file, *array_name;
};

article_reader *article_reader_new(const char *const *inputs, size_t ninputs,
                                   article_problem_fn report, void *ctx) {
  article_reader *r = xcalloc(1, sizeof *r);
  r->inputs = inputs;
  r->ninputs = inputs ? ninputs : 0;
  r->report = report;
  r->ctx = ctx;
  return r;
}

static void frame_free(article_reader *r, dir_frame *f) {
  for (size_t i = 0; i < f->count; i++) {
    free(f->names[i].name);
    if (f->names[i].fd >= 0) { /* (asked for, never read) */
      close(f->names[i].fd);
      r->held--;
    }
  }
  free(f->names);
  free(f->path);
}

static void stream_close(article_reader *r) {
  if (r->stream && r->stream_owned) fclose(r->stream);
  r->stream = NULL;
  free(r->stream_file);
  free(r->stream_name);
  r->stream_file = r->stream_name = NULL;
  free(r->linebuf);
  r->linebuf = NULL;
  r->linecap = 0;
}

static void array_close(article_reader *r) {
  json_decref(r->array);
  r->array = NULL;
  free(r->array_file);
  free(r->array_name);
  r->array_file = r->array_name = NULL;
}

void article_reader_free(article_reader *r) {
  if (!r) return;
  stream_close(r);
  array_close(r);
  for (size_t i = 0; i < r->nframes; i++) frame_free(r, &r->frames[i]);
  free(r->frames);
  free(r->stream_buffer); /* (after stream_close: stdio is done with it) */
  free(r);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

static bool accepted_name(const char *name) {
  if (name[0] == '.') return false;
  format f = format_of(name);
  return f == FORMAT_TEXT || f == FORMAT_JSON || f == FORMAT_JSONL;
}

static void push_dir(article_reader *r, const char *path, const struct stat *st) {
  if (r->nframes >= DIR_MAX_DEPTH) {
    problem(r->report, r->ctx, path, true, "directories nested too deeply");
    return;
  }
  for (size_t i = 0; i < r->nframes; i++)
    if (r->frames[i].dev == st->st_dev && r->frames[i].ino == st->st_ino) return; /* a loop */
  DIR *dir = opendir(path);
  if (!dir) {
    char buf[128];
    problem(r->report, r->ctx, path, true, "%s", errno_message(errno, buf, sizeof buf));
    return;
  }
  dir_frame f = {.path = xstrdup(path), .dev = st->st_dev, .ino = st->st_ino};
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.') continue;
    VEC_RESERVE(f.names, f.count, cap);
    f.names[f.count++] = (dir_entry){xstrdup(e->d_name), e->d_type, -1};
  }
  closedir(dir);
  if (f.count) qsort(f.names, f.count, sizeof *f.names, cmp_names);
  VEC_RESERVE(r->frames, r->nframes, r->frames_cap);
  r->frames[r->nframes++] = f;
}

/* Reading ahead. A crawl on disk is many files, and read one at a time each waits for the
 * disk: at 64 MB of news in 5,600 files, 0.6 s of a 5 s run when none was in the page
 * cache. So the walk asks the kernel to start reading the next PREFETCH_FILES article files
 * of a folder (their first PREFETCH_BYTES; the kernel's own read-ahead goes on from there)
 * while the articles before are analysed. Only regular files are asked for, opened without
 * waiting: a FIFO or device with an article's name is never opened here. */
enum { PREFETCH_FILES = 16 };
#define PREFETCH_BYTES ((off_t)8 << 20)

/* (REGULAR: the directory says PATH is a regular file, which needs no stat then; the length
 * asked for may pass the file's end, which the kernel ignores) Returns the file opened, for
 * the caller to read or close, or -1. */
static int prefetch_path(const char *path, bool regular) {
  struct stat st;
  if (strcmp(path, "-") == 0) return -1;
  if (!regular && (stat(path, &st) != 0 || !S_ISREG(st.st_mode))) return -1;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return -1;
  (void)posix_fadvise(fd, 0, PREFETCH_BYTES, POSIX_FADV_WILLNEED);
  return fd;
}

/* Asks for the article files of F after the one just taken, up to PREFETCH_FILES ahead. Each
 * stays open until it is read (walk_next hands it on: an open and a close fewer per file),
 * while R holds fewer than PREFETCH_FILES so (folders nested deep would hold more). */
static void prefetch_after(article_reader *r, dir_frame *f) {
  if (f->asked < f->next) f->asked = f->next;
  size_t dir_len = strlen(f->path);
  bool slash = dir_len && f->path[dir_len - 1] == '/';
  for (; f->asked < f->count && f->asked < f->next + PREFETCH_FILES; f->asked++) {
    char path[PATH_MAX];
    const char *name = f->names[f->asked].name;
    int n = snprintf(path, sizeof path, "%s%s%s", f->path, slash ? "" : "/", name);
    if (!accepted_name(name) || n <= 0 || (size_t)n >= sizeof path) continue;
    int fd = prefetch_path(path, f->names[f->asked].type == DT_REG);
    if (fd >= 0 && r->held < PREFETCH_FILES) {
      f->names[f->asked].fd = fd;
      r->held++;
    } else if (fd >= 0) {
      close(fd);
    }
  }
}

/* The path in SB of ENTRY of F, the walk's next article file, and in *FD the file if the
 * read-ahead holds it open (then the caller's), else -1; the files after it are asked for. */
static char *take_entry(article_reader *r, dir_frame *f, dir_entry *entry, int *fd,
                        strbuf *sb) {
  r->root_files++;
  *fd = entry->fd;
  if (entry->fd >= 0) r->held--;
  entry->fd = -1;
  prefetch_after(r, f);
  return strbuf_detach(sb);
}

/* The next article file of the directory walk (malloc'd path), or NULL when it is done; *FD
 * receives the file if the read-ahead opened it (the caller's to close), else -1. */
static char *walk_next(article_reader *r, int *fd) {
  *fd = -1;
  while (r->nframes) {
    dir_frame *f = &r->frames[r->nframes - 1];
    if (f->next == f->count) {
      frame_free(r, f);
      r->nframes--;
      continue;
    }
    dir_entry *entry = &f->names[f->next++];
    const char *name = entry->name;
    strbuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, f->path);
    if (sb.len && sb.data[sb.len - 1] != '/') strbuf_addc(&sb, '/');
    strbuf_adds(&sb, name);
    /* a regular file, as the directory says: an article file, with no stat (the files are
     * thousands); anything else is looked at */
    if (entry->type == DT_REG && accepted_name(name)) return take_entry(r, f, entry, fd, &sb);
    struct stat st;
    if (stat(sb.data, &st) != 0) {
      char buf[128];
      problem(r->report, r->ctx, sb.data, true, "%s", errno_message(errno, buf, sizeof buf));
      strbuf_release(&sb);
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      push_dir(r, sb.data, &st); /* may move r->frames: f is not used after this */
      strbuf_release(&sb);
      continue;
    }
    if (S_ISREG(st.st_mode) && accepted_name(name)) return take_entry(r, f, entry, fd, &sb);
    strbuf_release(&sb);
  }
  return NULL;
}

/* Starts a JSON Lines stream; LINES newlines were already consumed before it. */
static void stream_open(article_reader *r, FILE *f, bool owned, const char *file, size_t lines) {
  r->stream = f;
  r->stream_owned = owned;
  r->stream_file = xstrdup(file);
  r->stream_name = base_name(file);
  r->line = lines;
  r->nonblank = 0;
}

/* True if F holds more than white space from here on (consumed white space is counted into
 * *LINES as newlines; the first other byte is put back). */
static bool stream_has_more(FILE *f, size_t *lines) {
  int c;
  while ((c = getc(f)) != EOF) {
    if (c == '\n') (*lines)++;
    else if (!is_space(c)) {
      ungetc(c, f);
      return true;
    }
  }
  return false;
}

static bool stream_next(article_reader *r, article *a) {
  /* Each pass consumes one line; getline ends the loop at end of file. */
  for (;;) {
    ssize_t n = getline(&r->linebuf, &r->linecap, r->stream);
    if (n < 0) {
      if (ferror(r->stream)) {
        char buf[128];
        problem(r->report, r->ctx, r->stream_file, true, "%s",
                errno_message(errno ? errno : EIO, buf, sizeof buf));
      } else if (r->nonblank == 0)
        problem(r->report, r->ctx, r->stream_file, true, "empty file");
      stream_close(r);
      return false;
    }
    r->line++;
    size_t line = r->line;
    if (all_space(r->linebuf, (size_t)n)) continue;
    r->nonblank++;
    char prefix[48];
    snprintf(prefix, sizeof prefix, "line %zu: ", line);
    json_error_t err;
    json_t *j = parse_json_object(r->linebuf, (size_t)n, &err, r->stream_file, prefix, r->report, r->ctx);
    /* A huge line's buffer is not kept for the short lines that usually follow. */
    if (r->linecap > MIB) {
      free(r->linebuf);
      r->linebuf = NULL;
      r->linecap = 0;
    }
    if (!j) {
      report_malformed(&err, line, r->stream_file, r->report, r->ctx);
      continue;
    }
    bool multi = r->nonblank > 1;
    if (!multi) {
      size_t extra = 0;
      multi = stream_has_more(r->stream, &extra);
      r->line += extra;
    }
    bool ok = article_from_json(j, r->stream_file, r->stream_name, line, multi, prefix, a,
                                r->report, r->ctx);
    json_decref(j);
    if (ok) return true;
  }
}

static bool array_next(article_reader *r, article *a) {
  size_t n = json_array_size(r->array);
  while (r->array_next < n) {
    size_t i = r->array_next++;
    char prefix[48];
    snprintf(prefix, sizeof prefix, "item %zu: ", i + 1);
    if (article_from_json(json_array_get(r->array, i), r->array_file, r->array_name, i + 1, n > 1,
                          prefix, a, r->report, r->ctx))
      return true;
  }
  array_close(r);
  return false;
}

/* Reads the file PATH; returns true if it gave an article now (a stream or array may hold
 * more for later calls). */
static bool open_file(article_reader *r, const char *path, FILE *f, article *a) {
  char buf[128];
  format fmt = format_of(path);
  if (fmt == FORMAT_JSONL) {
    /* (nothing is read yet; one stream is open at a time, so they share one buffer) */
    if (!r->stream_buffer) r->stream_buffer = xmalloc(STREAM_BUFFER_BYTES);
    setvbuf(f, r->stream_buffer, _IOFBF, STREAM_BUFFER_BYTES);
    stream_open(r, f, true, path, 0);
    return false;
  }
  char *text;
  size_t len, total;
  bool ok = read_capped(f, true, fmt == FORMAT_JSON ? (size_t)1 << 30 : ARTICLE_MAX_BYTES + 4,
                        &text, &len, &total);
  int e = errno;
  fclose(f);
  if (!ok) {
    problem(r->report, r->ctx, path, true, "%s", errno_message(e, buf, sizeof buf));
    return false;
  }
  if (fmt == FORMAT_JSON) {
    if (total > len) {
      free(text);
      problem(r->report, r->ctx, path, true, "JSON file too large; use JSON Lines");
      return false;
    }
    if (all_space(text, len)) {
      free(text);
      problem(r->report, r->ctx, path, true, "empty file");
      return false;
    }
    json_error_t err;
    json_t *j = parse_json_object(text, len, &err, path, "", r->report, r->ctx);
    free(text);
    if (!j) {
      report_malformed(&err, (size_t)(err.line > 0 ? err.line : 1), path, r->report, r->ctx);
      return false;
    }
    char *name = base_name(path);
    if (json_is_array(j)) {
      if (json_array_size(j) == 0) problem(r->report, r->ctx, path, true, "no articles in file");
      r->array = j;
      r->array_next = 0;
      r->array_file = xstrdup(path);
      r->array_name = name;
      return array_next(r, a);
    }
    ok = article_from_json(j, path, name, 1, false, "", a, r->report, r->ctx);
    json_decref(j);
    free(name);
    return ok;
  }
  char *id = base_name(path);
  ok = article_from_plain(text, len, total, path, id, a, r->report, r->ctx);
  free(id);
  return ok;
}

/* Reads the article file PATH, already open as FD if that is not -1 (taken: closed here). */
static bool open_path(article_reader *r, const char *path, int fd, article *a) {
  char buf[128];
  FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!f && fd >= 0) close(fd);
  if (!f) f = fopen(path, "rb");
  if (!f) {
    problem(r->report, r->ctx, path, true, "%s", errno_message(errno, buf, sizeof buf));
    return false;
  }
  return open_file(r, path, f, a);
}

/* Standard input: JSON Lines if its first non-blank byte is '{', else one plain article. */
static bool open_stdin(article_reader *r, article *a) {
  strbuf lead;
  strbuf_init(&lead);
  size_t lines = 0;
  int c;
  while ((c = getc(stdin)) != EOF && is_space(c)) {
    if (c == '\n') lines++;
    if (lead.len < 4096) strbuf_addc(&lead, (char)c);
  }
  if (c == '{') {
    ungetc(c, stdin);
    strbuf_release(&lead);
    stream_open(r, stdin, false, "-", lines);
    return false;
  }
  if (c != EOF) strbuf_addc(&lead, (char)c);
  char *rest;
  size_t len, total;
  size_t cap = ARTICLE_MAX_BYTES + 4;
  if (!read_capped(stdin, false, cap > lead.len ? cap - lead.len : 0, &rest, &len, &total)) {
    char buf[128];
    problem(r->report, r->ctx, "-", true, "%s", errno_message(errno, buf, sizeof buf));
    strbuf_release(&lead);
    return false;
  }
  strbuf_add(&lead, rest, len);
  free(rest);
  total += lead.len - len;
  size_t n = lead.len;
  char *text = strbuf_detach(&lead);
  return article_from_plain(text, n, total, "-", "stdin", a, r->report, r->ctx);
}

static bool open_input(article_reader *r, const char *input, article *a) {
  if (strcmp(input, "-") == 0) return open_stdin(r, a);
  struct stat st;
  if (stat(input, &st) != 0) {
    char buf[128];
    problem(r->report, r->ctx, input, true, "%s", errno_message(errno, buf, sizeof buf));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    r->root = input;
    r->root_files = 0;
    push_dir(r, input, &st);
    if (r->nframes == 0) r->root = NULL; /* could not be opened; already reported */
    return false;
  }
  return open_path(r, input, -1, a);
}

bool article_reader_next(article_reader *r, article *a) {
  if (!r || !a) return false;
  *a = (article){0};
  /* Every pass consumes a line, an array item, a directory entry or an input. */
  for (;;) {
    if (r->stream) {
      if (stream_next(r, a)) return true;
      continue;
    }
    if (r->array) {
      if (array_next(r, a)) return true;
      continue;
    }
    if (r->root) {
      int fd;
      char *path = walk_next(r, &fd);
      if (path) {
        bool ok = open_path(r, path, fd, a);
        free(path);
        if (ok) return true;
        continue;
      }
      if (r->root_files == 0) problem(r->report, r->ctx, r->root, true, "no articles in directory");
      r->root = NULL;
      continue;
    }
    if (r->next_input >= r->ninputs) return false;
    /* inputs named one by one (a shell's *.txt) are read ahead too */
    if (r->inputs_asked <= r->next_input) r->inputs_asked = r->next_input + 1;
    for (; r->inputs_asked < r->ninputs && r->inputs_asked <= r->next_input + PREFETCH_FILES;
         r->inputs_asked++) {
      int fd = prefetch_path(r->inputs[r->inputs_asked], false);
      if (fd >= 0) close(fd);
    }
    if (open_input(r, r->inputs[r->next_input++], a)) return true;
  }
}
