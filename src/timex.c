/* timex.c: a one-pass recognizer for date and time expressions (TimeML TIMEX3 types and
 * values), resolved against the publication date.
 *
 * The text is cut once into light tokens (words, digit runs, punctuation); each word is looked
 * up once in the word lists (time_words, then months for capitalised words). A match is only
 * tried where a token can start a date: a digit run or a word that the lists know. Matching is
 * hand-written pattern code over the tokens, longest pattern first; no regular expressions.
 *
 * Decades and centuries are written as TimeML (and ISO 8601's reduced precision) write them:
 * "the 1990s" is "199", "the 20th century" "19".
 *
 * Without an anchor (year 0), relative expressions keep TIMEX3's unknown digits: "yesterday"
 * gives "XXXX-XX-XX", "last year" "XXXX", "Friday" "XXXX-WXX-5"; vague ones stay
 * "PAST_REF" and so on. Holidays of the time_holidays list resolve to their day ("Good
 * Friday", "Christmas Eve"), but not inside a longer name ("the Good Friday Agreement"); the
 * weekday of other names ("Black Friday", "Cyber Monday") is skipped, since the name (a sale)
 * is meant more often than the day itself.
 *
 * News conventions for what the text leaves open, decided by the nearest tense cue in the
 * clause (will, 'll, going to, due to, expected to... against -ed verbs, was, had; a
 * reporting verb such as "said" only counts next to the date or when nothing else does):
 * - a bare weekday is the latest such day on or before the anchor, or in future text the
 *   next one after it ("on Friday" in a Friday article is that day); a future seen from the
 *   past ("would", "was due to", "had been expected to") takes the one nearest the anchor;
 * - a month or month-day without a year takes the anchor's year, the year before when it lands
 *   more than two months ahead in past text (four months in text without a cue), the year
 *   after when it lies more than two months back in future text (eight without a cue);
 * - "the next day", "two days later", "that year" count from the date last mentioned (also
 *   in an earlier call on the same text, as when a caller goes sentence by sentence), if it is
 *   precise enough, else from the anchor; so does a bare clock time, if that date is near;
 * - results stories: once a quarter that has ended is named ("third-quarter profit"), "the
 *   quarter", "the latest period", "that quarter" are that quarter and "a year ago", "a year
 *   earlier", "year-earlier", "the year-ago period" the same quarter a year back, for a dozen
 *   sentences or so; "the quarter" with none named is the last quarter to have ended. A
 *   quarter with the anchor's own label told in the past ("reported fourth-quarter earnings"
 *   in November) is a fiscal quarter that has ended; once the story moves on to a stretch
 *   ("for the nine months"), "the year-earlier period" is that stretch a year back. */
#include "timex.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "graph/facts.h"
#include "lexicon.h"
#include "util.h"

const char *timex_type_name(timex_type t) {
  switch (t) {
  case TIMEX_DATE: return "DATE";
  case TIMEX_TIME: return "TIME";
  case TIMEX_DURATION: return "DURATION";
  case TIMEX_SET: return "SET";
  }
  return "DATE";
}

void timex_list_init(timex_list *l) {
  l->items = NULL;
  l->count = l->cap = 0;
}

void timex_list_release(timex_list *l) {
  free(l->items);
  timex_list_init(l);
}

/* ---- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) ---- */

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}


/* 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday_of(long z) {
  long r = (z + 3) % 7;
  if (r < 0) r += 7;
  return (int)r + 1;
}

/* ISO 8601 week: the week belongs to the year of its Thursday. */
static void iso_week(long z, int *year, int *week) {
  long thursday = z + (4 - weekday_of(z));
  int y, m, d;
  fact_civil_from_days(thursday, &y, &m, &d);
  *year = y;
  *week = (int)((thursday - fact_days_from_civil(y, 1, 1)) / 7 + 1);
}

static bool valid_date(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static bool year_ok(int y) { return y >= 1 && y <= 9999; }

static void fmt_day(char *b, long z) {
  int y, m, d;
  fact_civil_from_days(z, &y, &m, &d);
  if (!year_ok(y)) {
    snprintf(b, 48, "XXXX-XX-XX");
    return;
  }
  format_ymd(b, y, m, d);
}

static void fmt_week(char *b, long z) {
  int y, w;
  iso_week(z, &y, &w);
  if (!year_ok(y)) {
    snprintf(b, 48, "XXXX-WXX");
    return;
  }
  snprintf(b, 48, "%04d-W%02d", y, w);
}

/* ---- tokens ---- */

enum { TK_WORD, TK_NUM, TK_PUNCT };

enum {
  F_CAP = 1,    /* first letter upper case */
  F_UPPER = 2,  /* every letter upper case (and more than one letter) */
  F_SPACE = 4,  /* whitespace (or the start of the range) before the token */
  F_NL = 8,     /* a line break before the token (or the start of the range) */
  F_URL = 16,   /* inside a URL, e-mail address or similar: never a date */
  F_ASCII = 32, /* a word of ASCII letters only */
};

typedef enum wclass {
  C_NONE,
  C_MONTH,
  C_WEEKDAY,
  C_DEICTIC,
  C_TONIGHT,
  C_UNIT,
  C_NUMBER,
  C_VAGUE,
  C_ORDINAL,
  C_REL,
  C_ANCHORED,
  C_DAYPART,
  C_SEASON,
  C_REF,
  C_MOD,
  C_SIGNAL,
  C_SET,
  C_SETADV,
  C_TIMEWORD,
  C_ZONE,
  C_THE,
  C_FUTURE,
  C_FUTURETO,
  C_PAST,
  C_THAT,
  C_REPORT,
  C_HOLIDAY,
  C_HALF,
  C_WDABBR,
} wclass;

enum unit { U_NONE, U_SEC, U_MIN, U_HOUR, U_DAY, U_WEEK, U_FORTNIGHT, U_MONTH, U_QUARTER,
            U_YEAR, U_DECADE, U_CENTURY, U_WEEKEND };

enum mod { MOD_START = 1, MOD_BEFORE, MOD_END, MOD_AFTER, MOD_MID };
enum signal { SIG_AGO = 1, SIG_BEFORE, SIG_AFTER };
enum ref { REF_PRESENT = 1, REF_PAST, REF_FUTURE };

typedef struct tok {
  uint32_t s, e;
  uint8_t kind, cls, flags, ndig;
  int32_t arg;  /* NUM: its value (-1 if longer than 9 digits); word: the class argument */
  uint8_t sub;  /* word: a second argument (rel: 'p' for past/coming) */
  char code[3]; /* daypart / season code */
} tok;

typedef struct ctx {
  const char *text;
  tok *t;
  size_t n, cap;
  civil_date anchor;
  bool have_day, have_month, have_year;
  long anchor_z;
  bool have_last;  /* a date was just mentioned: its first day and precision */
  long last_z;
  int last_prec;   /* 1 year, 2 month, 3 day */
  /* The reporting quarter just mentioned ("third-quarter profit"): business news then says
   * "the quarter", "a year earlier", "the year-ago period" of that quarter. */
  bool have_q;
  long last_q;     /* year * 4 + quarter - 1 */
  uint32_t q_end;  /* byte offset where that mention ended */
  /* A stretch of months the story moved on to ("for the nine months"): "the year-earlier
   * period" is then the same stretch a year back, a duration as long. */
  bool have_stretch;
  char stretch[8]; /* its value: "P9M" */
  uint32_t stretch_end;
  size_t prev_end; /* the token after the expression found last (0: none yet) */
  timex_word_lookup lookup; /* the caller's word ids, if it lends them (timex_find_known) */
  void *lookup_ctx;
} ctx;

static const lexicon *lx_words, *lx_months, *lx_holidays;
/* time_words entry I read by classify_value: made once by timex_load, as the lists are */
static tok *word_classes;
/* By word id (lexicon_word): the word's time_words entry (-1: none) and its month (0: none),
 * so that a token is classified with the one lookup of its word */
static int32_t *class_of_word;
static uint8_t *month_of_word;

static int parse_int(const char *p, const char **endp) {
  int sign = 1, v = 0;
  if (*p == '-') sign = -1, p++;
  else if (*p == '+') p++;
  while (*p >= '0' && *p <= '9' && v < 100000) v = v * 10 + (*p++ - '0');
  if (endp) *endp = p;
  return sign * v;
}

static int unit_code(const char *s) {
  if (!strcmp(s, "S")) return U_SEC;
  if (!strcmp(s, "MIN")) return U_MIN;
  if (!strcmp(s, "H")) return U_HOUR;
  if (!strcmp(s, "D")) return U_DAY;
  if (!strcmp(s, "W")) return U_WEEK;
  if (!strcmp(s, "F")) return U_FORTNIGHT;
  if (!strcmp(s, "M")) return U_MONTH;
  if (!strcmp(s, "Q")) return U_QUARTER;
  if (!strcmp(s, "Y")) return U_YEAR;
  if (!strcmp(s, "DE")) return U_DECADE;
  if (!strcmp(s, "CE")) return U_CENTURY;
  if (!strcmp(s, "WE")) return U_WEEKEND;
  return U_NONE;
}

/* Reads a time_words value "class<TAB>arg" into the token. */
static void classify_value(tok *k, const char *v) {
  const char *tab = strchr(v, '\t');
  size_t cl = tab ? (size_t)(tab - v) : strlen(v);
  const char *a = tab ? tab + 1 : "";
  static const struct { const char *name; wclass c; } names[] = {
      {"weekday", C_WEEKDAY}, {"deictic", C_DEICTIC}, {"tonight", C_TONIGHT},
      {"unit", C_UNIT},       {"number", C_NUMBER},   {"vague", C_VAGUE},
      {"ordinal", C_ORDINAL}, {"rel", C_REL},         {"anchored", C_ANCHORED},
      {"daypart", C_DAYPART}, {"season", C_SEASON},   {"ref", C_REF},
      {"mod", C_MOD},         {"signal", C_SIGNAL},   {"set", C_SET},
      {"setadv", C_SETADV},   {"timeword", C_TIMEWORD}, {"zone", C_ZONE},
      {"the", C_THE},         {"future", C_FUTURE},   {"futureto", C_FUTURETO},
      {"past", C_PAST},       {"that", C_THAT},       {"report", C_REPORT},   {"holiday", C_HOLIDAY},   {"half", C_HALF},       {"wdabbr", C_WDABBR},
  };
  k->cls = C_NONE;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen(names[i].name) == cl && !strncmp(names[i].name, v, cl)) {
      k->cls = (uint8_t)names[i].c;
      break;
    }
  switch (k->cls) {
  case C_UNIT:
  case C_SETADV: k->arg = unit_code(a); break;
  case C_DAYPART:
  case C_SEASON:
    k->code[0] = a[0];
    k->code[1] = a[0] ? a[1] : 0;
    k->code[2] = 0;
    break;
  case C_REF:
    k->arg = !strcmp(a, "PRESENT_REF") ? REF_PRESENT : !strcmp(a, "PAST_REF") ? REF_PAST : REF_FUTURE;
    break;
  case C_MOD:
    k->arg = !strcmp(a, "START")    ? MOD_START
             : !strcmp(a, "BEFORE") ? MOD_BEFORE
             : !strcmp(a, "END")    ? MOD_END
             : !strcmp(a, "AFTER")  ? MOD_AFTER
                                    : MOD_MID;
    break;
  case C_SIGNAL:
    k->arg = !strcmp(a, "AGO") ? SIG_AGO : !strcmp(a, "BEFORE") ? SIG_BEFORE : SIG_AFTER;
    break;
  default: {
    const char *end;
    k->arg = parse_int(a, &end);
    k->sub = (uint8_t)*end;
  }
  }
}

static void classify_word(ctx *c, tok *k) {
  size_t len = k->e - k->s;
  if (!(k->flags & F_ASCII) || len > 12) return;
  long word = c->lookup ? c->lookup(c->lookup_ctx, k->s, k->e) : -2;
  if (word == -2) {
    uint32_t hash;
    word = lexicon_word_hash(c->text + k->s, len, &hash);
  }
  if (word < 0) return; /* in no list */
  long i = class_of_word[word];
  if (i >= 0) { /* classify_value of the entry, done once by timex_load */
    const tok *t = &word_classes[i];
    k->cls = t->cls;
    k->arg = t->arg;
    k->sub = t->sub;
    memcpy(k->code, t->code, sizeof k->code);
    if (k->cls != C_NONE) return;
  }
  /* Month names only count capitalised: "may" and "march" are verbs far more often. */
  int m = month_of_word[word];
  if ((k->flags & (F_CAP | F_UPPER)) && len >= 3 && m) {
    k->cls = C_MONTH;
    k->arg = m;
    /* an abbreviation: shorter than the full name ("Sept", "Jan") */
    k->sub = (uint8_t)(len <= 4 && m != 5 && m != 6 && m != 7 ? 1 : 0);
  }
}

static bool is_alpha(unsigned char ch) { return (ch | 32) >= 'a' && (ch | 32) <= 'z'; }
static bool is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }
static bool is_space(unsigned char ch) {
  /* (asked of every byte of the text read: one bit test for the six) */
  const uint64_t spaces = 1ull << ' ' | 1ull << '\t' | 1ull << '\n' | 1ull << '\r' | 1ull << '\f' |
                          1ull << '\v';
  return ch < 64 && (spaces >> ch & 1);
}

/* Length of the UTF-8 sequence at P (1 for an invalid byte), never past END. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
  size_t n = *p < 0xC2 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : *p < 0xF5 ? 4 : 1;
  if ((size_t)(end - p) < n) return 1;
  for (size_t i = 1; i < n; i++)
    if ((p[i] & 0xC0) != 0x80) return 1;
  return n;
}

/* The end of the run of ASCII letters at P (before END); *LOWER is set if one is lower case.
 * Sixteen bytes at a time where there is SSE2 and room: a word's letters are most of the text
 * read. */
static inline const unsigned char *letter_run_end(const unsigned char *p, const unsigned char *end,
                                                  bool *lower) {
#ifdef __SSE2__
  const __m128i a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25), case_bit = _mm_set1_epi8(32);
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i lo = _mm_sub_epi8(x, a);                           /* 0..25: lower case */
    __m128i any = _mm_sub_epi8(_mm_or_si128(x, case_bit), a); /* 0..25: a letter */
    unsigned is_lower = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(lo, z), lo));
    unsigned is_letter = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(any, z), any));
    if (is_letter != 0xFFFF) {
      unsigned run = (unsigned)__builtin_ctz(~is_letter);
      if (is_lower & ((1u << run) - 1)) *lower = true;
      return p + run;
    }
    if (is_lower) *lower = true;
    p += 16;
  }
#endif
  for (; p < end && is_alpha(*p); p++)
    if (*p >= 'a') *lower = true;
  return p;
}

/* A whitespace-separated chunk that is a URL, an e-mail address or a file path holds no date. */
static bool chunk_is_url(const char *s, size_t n) {
  if (n >= 4 && (s[0] == 'w' || s[0] == 'W') && (!strncmp(s, "www.", 4) || !strncmp(s, "WWW.", 4)))
    return true;
  for (size_t i = 0; i + 1 < n; i++) { /* one pass */
    if (s[i] == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/') return true;
    if (s[i] == '@' && i > 0 && is_alpha((unsigned char)s[i + 1])) return true;
  }
  return false;
}

static void tokenize(ctx *c, size_t start, size_t end) {
  const unsigned char *base = (const unsigned char *)c->text;
  /* room for a token every four bytes (news text has one every five or six) from the start:
   * a stretch is read once, and growing the array by doubling cost more than reading it */
  c->cap = (end - start) / 4 + 16;
  c->t = xmalloc(c->cap * sizeof *c->t);
  size_t p = start;
  uint8_t pending = F_SPACE | F_NL;
  while (p < end) {
    unsigned char ch = base[p];
    if (is_space(ch)) {
      pending |= F_SPACE;
      if (ch == '\n') pending |= F_NL;
      p++;
      continue;
    }
    if (ch == 0xC2 && p + 1 < end && base[p + 1] == 0xA0) { /* no-break space */
      pending |= F_SPACE;
      p += 2;
      continue;
    }
    /* one whitespace-delimited chunk, token by token (no token runs past a space: none of its
     * bytes is one); only a chunk with a ':', an '@' or a leading 'w' can be a URL or an
     * address, whose tokens are then marked */
    size_t chunk = p, first = c->n;
    bool maybe_url = ch == 'w' || ch == 'W';
    while (p < end && !is_space(base[p]) && !(base[p] == 0xC2 && p + 1 < end && base[p + 1] == 0xA0)) {
      /* built where it will stay: one built on the stack and copied in stalled on the copy */
      VEC_RESERVE(c->t, c->n, c->cap);
      tok *k = &c->t[c->n++];
      memset(k, 0, sizeof *k);
      k->s = (uint32_t)p;
      k->flags = pending;
      pending = 0;
      ch = base[p];
      if (is_digit(ch)) {
        k->kind = TK_NUM;
        long v = 0;
        size_t nd = 0;
        while (p < end && is_digit(base[p])) {
          if (nd < 9) v = v * 10 + (base[p] - '0');
          nd++;
          p++;
        }
        k->ndig = (uint8_t)(nd > 255 ? 255 : nd);
        k->arg = nd > 9 ? -1 : (int32_t)v;
      } else if (is_alpha(ch) || (ch >= 0xC3 && ch != 0xE2)) {
        /* a word: ASCII letters and non-ASCII letters; the E2 block (dashes, curly quotes,
         * the euro sign) is punctuation */
        bool ascii = true, lower = false;
        size_t letters = 0;
        while (p < end) {
          unsigned char b = base[p];
          if (is_alpha(b)) {
            size_t run = (size_t)(letter_run_end(base + p, base + end, &lower) - (base + p));
            letters += run;
            p += run;
          } else if (b >= 0xC3 && b != 0xE2) {
            ascii = false;
            p += utf8_len(base + p, base + end);
          } else {
            break;
          }
        }
        k->kind = TK_WORD;
        unsigned char f = base[k->s];
        if (f >= 'A' && f <= 'Z') k->flags |= F_CAP;
        if (!lower && letters > 1) k->flags |= F_UPPER;
        if (ascii) k->flags |= F_ASCII;
      } else {
        k->kind = TK_PUNCT;
        if (ch == ':' || ch == '@') maybe_url = true;
        p += ch >= 0x80 ? utf8_len(base + p, base + end) : 1;
      }
      k->e = (uint32_t)p;
      if (k->kind == TK_WORD) classify_word(c, k);
    }
    if (maybe_url && chunk_is_url(c->text + chunk, p - chunk))
      for (size_t i = first; i < c->n; i++) c->t[i].flags |= F_URL;
  }
}

/* ---- token helpers ---- */

static bool tk_punct(const ctx *c, size_t i, char ch) {
  return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].e - c->t[i].s == 1 &&
         c->text[c->t[i].s] == ch;
}

/* Is token I the word W (ASCII case aside)? Asked of most tokens for many words: the test of
 * the length, inline where the compiler knows the length of a literal W (tk_is passes
 * strlen(W)), turns most away before the letters are compared. */
static __attribute__((noinline)) bool letters_ieq(const char *s, size_t n, const char *w) {
  return span_ieq(s, n, w);
}
static inline __attribute__((always_inline)) bool tk_is_n(const ctx *c, size_t i, const char *w,
                                                          size_t wn) {
  return i < c->n && c->t[i].kind == TK_WORD && c->t[i].e - c->t[i].s == wn &&
         letters_ieq(c->text + c->t[i].s, wn, w);
}
#define tk_is(c, i, w) tk_is_n(c, i, w, strlen(w))

/* Is token I one of the N words W? */
static bool tk_in(const ctx *c, size_t i, const char *const *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (tk_is(c, i, w[k])) return true;
  return false;
}
#define TK_IN(c, i, words) tk_in(c, i, words, sizeof(words) / sizeof((words)[0]))

static bool tk_cls(const ctx *c, size_t i, wclass cl) { return i < c->n && c->t[i].cls == cl; }

static bool tk_num(const ctx *c, size_t i) { return i < c->n && c->t[i].kind == TK_NUM; }

/* Token I follows the previous one with no space in between. */
static bool tk_adj(const ctx *c, size_t i) { return i < c->n && !(c->t[i].flags & F_SPACE); }

static bool tk_apostrophe(const ctx *c, size_t i) {
  if (i >= c->n || c->t[i].kind != TK_PUNCT) return false;
  const char *s = c->text + c->t[i].s;
  size_t n = c->t[i].e - c->t[i].s;
  return (n == 1 && s[0] == '\'') || (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
}

static bool tk_currency(const ctx *c, size_t i) {
  if (i >= c->n || c->t[i].kind != TK_PUNCT) return false;
  const char *s = c->text + c->t[i].s;
  size_t n = c->t[i].e - c->t[i].s;
  return (n == 1 && (s[0] == '$' || s[0] == '#')) || (n == 2 && !memcmp(s, "\xC2\xA3", 2)) ||
         (n == 2 && !memcmp(s, "\xC2\xA5", 2)) || (n == 3 && !memcmp(s, "\xE2\x82\xAC", 3));
}

/* The number at I stands alone: not glued to a longer number, an amount or a code
 * ("$2014", "1,500", "7.8", "555-2014", "70km"). */
static bool num_isolated(const ctx *c, size_t i, size_t last) {
  if (i > 0 && tk_adj(c, i)) {
    const tok *p = &c->t[i - 1];
    if (p->kind != TK_PUNCT) return false;
    if (tk_currency(c, i - 1)) return false;
    char ch = c->text[p->s];
    if ((ch == '.' || ch == ',' || ch == '-' || ch == '/' || ch == ':' || ch == '+') && i >= 2 &&
        tk_adj(c, i - 1) && c->t[i - 2].kind == TK_NUM)
      return false;
  }
  if (last + 1 < c->n && tk_adj(c, last + 1)) {
    const tok *nx = &c->t[last + 1];
    if (nx->kind == TK_NUM) return false;
    if (nx->kind == TK_WORD) return false; /* "70km", "7m"; suffixes are handled by callers */
    char ch = c->text[nx->s];
    if ((ch == '.' || ch == ',' || ch == '-' || ch == '/' || ch == ':') && tk_num(c, last + 2) &&
        tk_adj(c, last + 2))
      return false;
    if (ch == '%') return false;
  }
  return true;
}

/* ---- tense ---- */

/* TENSE_NEAR: a future seen from the past ("was due to", "had been expected to"): the day
 * may lie on either side of the anchor, so the nearest one is meant. */
enum tense { TENSE_UNKNOWN, TENSE_PAST, TENSE_FUTURE, TENSE_REPORT, TENSE_NEAR };

/* A quotation mark: the tense inside a quote is not the tense of the words around it. */
static bool tk_quote(const ctx *c, size_t i) {
  if (i >= c->n || c->t[i].kind != TK_PUNCT) return false;
  const char *s = c->text + c->t[i].s;
  size_t n = c->t[i].e - c->t[i].s;
  /* ``typewriter'' quotes as news wires write them */
  if (n == 1 && (s[0] == '`' || (s[0] == '\'' && ((tk_punct(c, i + 1, '\'') && tk_adj(c, i + 1)) ||
                                                  (i > 0 && tk_punct(c, i - 1, '\'') && tk_adj(c, i))))))
    return true;
  return (n == 1 && s[0] == '"') ||
         (n == 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x9D", 3))) ||
         (n == 2 && (!memcmp(s, "\xC2\xAB", 2) || !memcmp(s, "\xC2\xBB", 2)));
}

/* A full stop ends a sentence unless it closes an abbreviation or an initial ("a.m.",
 * "J. Smith", "Sen. Jones") or sits inside a number. */
static bool sentence_end(const ctx *c, size_t i) {
  if (tk_quote(c, i)) return true;
  if (tk_punct(c, i, '!') || tk_punct(c, i, '?') || tk_punct(c, i, ';')) return true;
  if (!tk_punct(c, i, '.')) return false;
  if (i + 1 < c->n && !(c->t[i + 1].flags & F_SPACE)) return false;
  if (i == 0) return true;
  const tok *p = &c->t[i - 1];
  if (p->kind == TK_WORD) {
    size_t n = p->e - p->s;
    if (n == 1) return false;
    if (n <= 4 && (p->flags & F_CAP) && !(p->flags & F_UPPER) && p->cls != C_WEEKDAY) {
      static const char *const abbr[] = {"mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov",
                                         "gen", "col", "lt", "sgt", "jan", "feb", "mar", "apr",
                                         "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                         "inc", "co", "corp", "ltd", "jr", "sr", "no", "vs"};
      for (size_t k = 0; k < sizeof abbr / sizeof abbr[0]; k++)
        if (span_ieq(c->text + p->s, n, abbr[k])) return false;
    }
  }
  return true;
}

static int token_tense(const ctx *c, size_t i) {
  const tok *k = &c->t[i];
  if (k->kind != TK_WORD) return TENSE_UNKNOWN;
  if (k->cls == C_FUTURE) return TENSE_FUTURE;
  /* "would": a future seen from the past ("said he would leave on Thursday": the Thursday
   * nearest the anchor, on either side), but not "would have" */
  if (tk_is(c, i, "would") && !tk_is(c, i + 1, "have")) return TENSE_NEAR;
  /* "as early as Tuesday", "as soon as next week" */
  if ((tk_is(c, i, "early") || tk_is(c, i, "soon")) && i > 0 && tk_is(c, i - 1, "as") && tk_is(c, i + 1, "as"))
    return TENSE_FUTURE;
  if (k->cls == C_FUTURETO && tk_is(c, i + 1, "to")) {
    if (i >= 1 && (tk_is(c, i - 1, "was") || tk_is(c, i - 1, "were") || tk_is(c, i - 1, "had") ||
                   (tk_is(c, i - 1, "been") && i >= 2 && tk_is(c, i - 2, "had"))))
      return TENSE_NEAR;
    return TENSE_FUTURE;
  }
  /* "planning for the summit in April", "preparing for Sunday's vote": ahead */
  if ((tk_is(c, i, "planning") || tk_is(c, i, "preparing") || tk_is(c, i, "prepares") ||
       tk_is(c, i, "prepare")) && tk_is(c, i + 1, "for"))
    return TENSE_FUTURE;
  /* "was to leave on Friday"; "planned to leave Thursday", "planned a rally on Saturday": a
   * plan told in the past is for a day near the anchor, on either side */
  if ((tk_is(c, i, "was") || tk_is(c, i, "were")) &&
      (tk_is(c, i + 1, "to") || tk_cls(c, i + 1, C_FUTURETO) || tk_cls(c, i + 1, C_FUTURE)))
    return TENSE_NEAR;
  if (tk_is(c, i, "planned") && !(i > 0 && (tk_is(c, i - 1, "had") || tk_is(c, i - 1, "as") ||
                                            tk_is(c, i - 1, "previously"))))
    return TENSE_NEAR;
  /* "next week", "next three months"; not "next to the embassy" */
  if (k->cls == C_REL && k->arg == 1 && k->sub != 'p') {
    size_t j = i + 1;
    if (j < c->n && (c->t[j].kind == TK_NUM || c->t[j].cls == C_NUMBER || c->t[j].cls == C_VAGUE)) j++;
    if (j < c->n && (c->t[j].cls == C_UNIT || c->t[j].cls == C_WEEKDAY || c->t[j].cls == C_MONTH ||
                     c->t[j].cls == C_SEASON || c->t[j].cls == C_HOLIDAY || c->t[j].cls == C_DAYPART))
      return TENSE_FUTURE;
  }
  if (k->cls == C_DEICTIC && k->arg == 1) return TENSE_FUTURE;
  if (k->cls == C_DEICTIC && k->arg == -1) return TENSE_PAST;
  if (k->cls == C_REPORT) return TENSE_REPORT;
  if (k->cls == C_SIGNAL && k->arg == SIG_AGO) return TENSE_PAST;
  size_t n = k->e - k->s;
  const char *w = c->text + k->s;
  /* -ed, but not "succeed", "exceed", "proceed", "need" (while "agreed", "freed",
   * "guaranteed" are past) */
  bool past = k->cls == C_PAST ||
              (n >= 5 && !(k->flags & F_CAP) && w[n - 2] == 'e' && w[n - 1] == 'd' && k->cls == C_NONE &&
               !(w[n - 3] == 'e' && w[n - 4] != 'r' && w[n - 4] != 't'));
  if (!past) return TENSE_UNKNOWN;
  if (k->cls != C_PAST && i > 0) {
    /* an adjective, not a verb: "a still unspecified date", "the revised plan" */
    if (tk_is(c, i - 1, "a") || tk_is(c, i - 1, "an") || tk_is(c, i - 1, "the") || tk_is(c, i - 1, "still"))
      return TENSE_UNKNOWN;
    /* a participle after a noun with no auxiliary, "markets untouched by the crisis", "a
     * coalition backed by Paris": it describes, it does not set the clause's tense */
    if (tk_is(c, i + 1, "by") && c->t[i - 1].kind == TK_WORD && c->t[i - 1].cls == C_NONE &&
        !tk_is(c, i - 1, "be") && !tk_is(c, i - 1, "been") && !tk_is(c, i - 1, "being") &&
        !tk_is(c, i - 1, "has") && !tk_is(c, i - 1, "have") && !tk_is(c, i - 1, "not") &&
        !tk_is(c, i - 1, "also") && !tk_is(c, i - 1, "later") && !tk_is(c, i - 1, "then"))
      return TENSE_UNKNOWN;
  }
  /* a participle after a future auxiliary: "will be held", "is to be signed" */
  for (size_t d = 1; d <= 3 && d <= i; d++) {
    if (sentence_end(c, i - d)) break;
    const tok *p = &c->t[i - d];
    if (p->cls == C_FUTURE || (p->cls == C_FUTURETO && tk_is(c, i - d + 1, "to")))
      return TENSE_FUTURE;
    /* "would be paid": a future seen from the past */
    if (tk_is(c, i - d, "would") && !tk_is(c, i - d + 1, "have")) return TENSE_NEAR;
  }
  return TENSE_PAST;
}

/* The tense of the clause around tokens [first, last): the nearest cue in the sentence wins.
 * A reporting verb ("said") is past only next to the date ("said on Friday"); further away
 * it frames a quote and counts only when nothing else does. */
static int tense_around_of(const ctx *c, size_t first, size_t last, bool reports);

static int tense_around(const ctx *c, size_t first, size_t last) {
  return tense_around_of(c, first, last, true);
}

/* A reporting verb that tells of a deed rather than framing words: "reported a loss",
 * "announced a decline" (not "reported that ..."). */
static bool report_is_deed(const ctx *c, size_t i) {
  return (tk_is(c, i, "reported") || tk_is(c, i, "announced")) && !tk_is(c, i + 1, "that");
}

/* Does one of the N words W come in the 12 tokens before token I, within its sentence? */
static bool clause_before_has(const ctx *c, size_t i, const char *const *w, size_t n) {
  for (size_t d = 1; d <= 12 && d <= i; d++) {
    if (sentence_end(c, i - d)) return false;
    if (tk_in(c, i - d, w, n)) return true;
  }
  return false;
}

/* A date a deadline was moved to: "extended the loans through January", "postponed until
 * Tuesday", "the offer was extended to Nov. 16". Moving a deadline puts it later, so the date
 * lies ahead whatever the tense of the telling. */
static bool deadline_moved_to(const ctx *c, size_t first) {
  static const char *const preps[] = {"until", "till", "through", "to"};
  static const char *const moves[] = {"extend", "extended", "extends", "extending",
                                      "postpone", "postponed", "postpones", "postponing",
                                      "defer", "deferred", "defers", "deferring"};
  return first >= 2 && TK_IN(c, first - 1, preps) &&
         clause_before_has(c, first - 1, moves, sizeof moves / sizeof moves[0]);
}

/* The same, with REPORTS false taking no tense from reporting verbs that frame what is said
 * ("said it expects fourth-quarter profit to fall" has none; "reported a decline" is past). */
static int tense_around_of(const ctx *c, size_t first, size_t last, bool reports) {
  if (deadline_moved_to(c, first)) return TENSE_FUTURE;
  bool reported = false;
  for (size_t d = 1; d <= 14; d++) {
    int before = TENSE_UNKNOWN, after = TENSE_UNKNOWN;
    if (first >= d) {
      size_t i = first - d;
      bool blocked = false;
      for (size_t j = i + 1; j < first; j++)
        if (sentence_end(c, j)) blocked = true;
      if (!blocked && !sentence_end(c, i)) before = token_tense(c, i);
      if (!reports && before == TENSE_REPORT && report_is_deed(c, i)) before = TENSE_PAST;
    }
    size_t j = last + d - 1;
    if (j < c->n) {
      bool blocked = false;
      for (size_t k = last; k < j; k++)
        if (sentence_end(c, k)) blocked = true;
      if (!blocked) after = token_tense(c, j);
    }
    if (before == TENSE_REPORT || after == TENSE_REPORT) {
      if (reports && d <= 2 && before != TENSE_FUTURE && after != TENSE_FUTURE) return TENSE_PAST;
      reported = true;
      if (before == TENSE_REPORT) before = TENSE_UNKNOWN;
      if (after == TENSE_REPORT) after = TENSE_UNKNOWN;
    }
    if (before == TENSE_FUTURE || after == TENSE_FUTURE) return TENSE_FUTURE;
    if (before != TENSE_UNKNOWN) return before;
    if (after != TENSE_UNKNOWN) return after;
  }
  return reported && reports ? TENSE_PAST : TENSE_UNKNOWN;
}

/* ---- candidates ---- */

typedef struct cand {
  size_t first, last; /* tokens [first, last) */
  timex_type type;
  char value[48];
  bool relative;
  bool echo; /* the value repeats the reporting quarter (or a year before it): no new period */
} cand;

static void set_value(cand *m, timex_type type, bool relative, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void set_value(cand *m, timex_type type, bool relative, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->value, sizeof m->value, fmt, ap);
  va_end(ap);
  m->type = type;
  m->relative = relative;
}

/* set_value with the date Y-MO-D as format_ymd writes it ("%04d-%02d-%02d", or shorter where D,
 * then MO, is 0): most values are dates, and printf cost more than the rest of their making. */
static void set_date(cand *m, timex_type type, bool relative, int y, int mo, int d) {
  format_ymd(m->value, y, mo, d);
  m->type = type;
  m->relative = relative;
}

static const char *unit_letter(int u) {
  switch (u) {
  case U_SEC: return "S";
  case U_MIN: return "M";
  case U_HOUR: return "H";
  case U_DAY: return "D";
  case U_WEEK: return "W";
  case U_FORTNIGHT: return "W";
  case U_MONTH: return "M";
  case U_QUARTER: return "Q";
  case U_YEAR: return "Y";
  case U_DECADE: return "DE";
  case U_CENTURY: return "CE";
  case U_WEEKEND: return "WE";
  }
  return "D";
}

/* A duration of N units (N < 0: an unknown number). */
static void duration_value(char *b, int n, int u) {
  bool timepart = u == U_SEC || u == U_MIN || u == U_HOUR;
  const char *t = timepart ? "T" : "";
  if (n < 0) {
    snprintf(b, 48, "P%sX%s", t, u == U_WEEKEND ? "D" : unit_letter(u));
    return;
  }
  long v = n;
  const char *l = unit_letter(u);
  switch (u) {
  case U_FORTNIGHT: v *= 2; break;
  case U_QUARTER: break; /* "P2Q", as TimeBank writes quarters */
  case U_DECADE: v *= 10, l = "Y"; break;
  case U_CENTURY: v *= 100, l = "Y"; break;
  case U_WEEKEND: v *= 2, l = "D"; break;
  }
  snprintf(b, 48, "P%s%ld%s", t, v, l);
}

/* The candidate is a length of time: N units, or one of no stated length for N < 0 ("PXY"). */
static void set_duration(cand *m, int n, int u) {
  duration_value(m->value, n, u);
  m->type = TIMEX_DURATION;
  m->relative = false;
}

/* A duration of N and a half units, with the half in the next smaller unit ("2 1/2 years" is
 * P2Y6M). */
static bool duration_half_value(char *b, int n, int u) {
  if (n < 0) return false;
  switch (u) {
  case U_CENTURY: snprintf(b, 48, "P%dY", n * 100 + 50); return true;
  case U_DECADE: snprintf(b, 48, "P%dY", n * 10 + 5); return true;
  case U_YEAR: snprintf(b, 48, n ? "P%dY6M" : "P6M", n); return true;
  case U_QUARTER: snprintf(b, 48, "P%dM15D", n * 3 + 1); return true;
  case U_MONTH: snprintf(b, 48, n ? "P%dM15D" : "P15D", n); return true;
  case U_FORTNIGHT: snprintf(b, 48, "P%dD", n * 14 + 7); return true;
  case U_WEEK: snprintf(b, 48, "P%dDT12H", n * 7 + 3); return true;
  case U_DAY: snprintf(b, 48, n ? "P%dDT12H" : "PT12H", n); return true;
  case U_HOUR: snprintf(b, 48, n ? "PT%dH30M" : "PT30M", n); return true;
  case U_MIN: snprintf(b, 48, n ? "PT%dM30S" : "PT30S", n); return true;
  }
  return false;
}

/* The value of the period of unit U containing day Z shifted by K periods. */
static bool period_value(char *b, long z, int k, int u) {
  int y, m, d;
  fact_civil_from_days(z, &y, &m, &d);
  switch (u) {
  case U_DAY: fmt_day(b, z + k); return true;
  case U_WEEK: fmt_week(b, z + 7L * k); return true;
  case U_FORTNIGHT: fmt_week(b, z + 14L * k); return true;
  case U_WEEKEND: {
    fmt_week(b, z + 7L * k);
    size_t l = strlen(b);
    snprintf(b + l, 48 - l, "-WE");
    return true;
  }
  case U_MONTH: {
    long mm = (long)y * 12 + (m - 1) + k;
    if (!year_ok((int)(mm / 12))) return false;
    snprintf(b, 48, "%04ld-%02ld", mm / 12, mm % 12 + 1);
    return true;
  }
  case U_QUARTER: {
    long q = (long)y * 4 + (m - 1) / 3 + k;
    if (!year_ok((int)(q / 4))) return false;
    snprintf(b, 48, "%04ld-Q%ld", q / 4, q % 4 + 1);
    return true;
  }
  case U_YEAR:
    if (!year_ok(y + k)) return false;
    snprintf(b, 48, "%04d", y + k);
    return true;
  case U_DECADE: {
    long dd = y / 10 + k;
    if (dd < 1 || dd > 999) return false;
    snprintf(b, 48, "%03ld", dd);
    return true;
  }
  case U_CENTURY: {
    long cc = y / 100 + k;
    if (cc < 1 || cc > 99) return false;
    snprintf(b, 48, "%02ld", cc);
    return true;
  }
  }
  return false;
}

/* The unknown-digit form of a period value, for text without an anchor. */
static const char *period_unknown(int u) {
  switch (u) {
  case U_DAY: return "XXXX-XX-XX";
  case U_WEEK:
  case U_FORTNIGHT: return "XXXX-WXX";
  case U_WEEKEND: return "XXXX-WXX-WE";
  case U_MONTH: return "XXXX-XX";
  case U_QUARTER: return "XXXX-QX";
  case U_YEAR: return "XXXX";
  case U_DECADE: return "XXX";
  case U_CENTURY: return "XX";
  }
  return "XXXX-XX-XX";
}

static bool anchor_for_unit(const ctx *c, int u) {
  switch (u) {
  case U_YEAR:
  case U_DECADE:
  case U_CENTURY: return c->have_year;
  case U_MONTH:
  case U_QUARTER: return c->have_month;
  default: return c->have_day;
  }
}

/* Z for period arithmetic at unit U: the anchor day, or its month's first day when only
 * month or year are known. */
static long anchor_z_for(const ctx *c) {
  if (c->have_day) return c->anchor_z;
  if (c->have_month) return fact_days_from_civil(c->anchor.year, c->anchor.month, 1);
  return fact_days_from_civil(c->anchor.year, 1, 1);
}

/* A date just mentioned is precise enough to count UNIT from: "two days later" needs a day,
 * "a year later" a year. */
static bool last_ok(const ctx *c, int u) {
  if (!c->have_last) return false;
  switch (u) {
  case U_YEAR:
  case U_DECADE:
  case U_CENTURY: return c->last_prec >= 1;
  case U_MONTH:
  case U_QUARTER: return c->last_prec >= 2;
  default: return c->last_prec >= 3;
  }
}

/* How far (in bytes) a quarter just mentioned still names the period a results story is
 * about: a dozen sentences or so. Past that, "a year ago" means a year again. */
#define QUARTER_REACH 2000

/* A quarter was mentioned shortly before token I. */
static bool quarter_in_sight(const ctx *c, size_t i) {
  return c->have_q && i < c->n && c->t[i].s >= c->q_end && c->t[i].s - c->q_end <= QUARTER_REACH;
}

/* The quarter a results story reports on, for "the quarter", "the latest period": the one
 * just mentioned; else the last whole quarter before the anchor in past text (results come
 * out after the quarter ends), the anchor's own in future text. */
static bool reporting_quarter(const ctx *c, size_t i, bool future, long *q) {
  if (quarter_in_sight(c, i)) {
    *q = c->last_q;
    return true;
  }
  if (!c->have_month) return false;
  *q = (long)c->anchor.year * 4 + (c->anchor.month - 1) / 3 - (future ? 0 : 1);
  return true;
}

static bool quarter_value(char *b, long q) {
  if (q < 4 || !year_ok((int)(q / 4))) return false;
  snprintf(b, 48, "%04ld-Q%ld", q / 4, q % 4 + 1);
  return true;
}

/* The day Z in a TIME value with a part of the day. */
static void daypart_value(cand *m, bool known, long z, const char *code) {
  if (known) {
    fmt_day(m->value, z);
    size_t l = strlen(m->value);
    snprintf(m->value + l, sizeof m->value - l, "T%s", code);
  } else {
    snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", code);
  }
  m->type = TIMEX_TIME;
  m->relative = known;
}

/* ---- numbers and quantities ---- */

/* A day-of-month number at I (1-31), with an optional ordinal suffix ("23rd"); returns the
 * token after it or 0. */
static size_t day_number(const ctx *c, size_t i, int *day) {
  if (!tk_num(c, i) || c->t[i].ndig > 2 || c->t[i].arg < 1 || c->t[i].arg > 31) return 0;
  size_t j = i + 1;
  if (j < c->n && tk_adj(c, j) && c->t[j].kind == TK_WORD &&
      (tk_is(c, j, "st") || tk_is(c, j, "nd") || tk_is(c, j, "rd") || tk_is(c, j, "th")))
    j++;
  /* "March 3-5": the range starts on the first day */
  bool range = j == i + 1 && tk_punct(c, j, '-') && tk_adj(c, j) && tk_num(c, j + 1) && tk_adj(c, j + 1) &&
               c->t[j + 1].ndig <= 2 && c->t[j + 1].arg > c->t[i].arg && c->t[j + 1].arg <= 31 &&
               !(j + 2 < c->n && tk_adj(c, j + 2) && c->t[j + 2].kind != TK_PUNCT) &&
               !(tk_punct(c, j + 2, '-') && tk_adj(c, j + 2));
  if (!range && !num_isolated(c, i, j - 1)) return 0;
  if (range && i > 0 && tk_adj(c, i) && c->t[i - 1].kind != TK_PUNCT) return 0;
  *day = c->t[i].arg;
  return range ? j + 2 : j;
}

static bool year_number(const ctx *c, size_t i, int *year) {
  if (!tk_num(c, i) || c->t[i].ndig != 4) return false;
  int y = c->t[i].arg;
  if (y < 1000 || y > 2100) return false;
  if (!num_isolated(c, i, i)) return false;
  *year = y;
  return true;
}

/* A count at I: digits, number words ("twenty-five", "a", "an"), or a vague count ("a few",
 * "several", "a couple of"), N < 0 for vague. Returns the token after it, or 0. */
static size_t quantity_one(const ctx *c, size_t i, int *n);

/* A count, or a range of counts before a unit ("two to three weeks", "12 or 18 months"):
 * the range spans both ends and counts from the lower one. */
static size_t quantity(const ctx *c, size_t i, int *n) {
  size_t j = quantity_one(c, i, n);
  if (j && *n > 0 && (tk_is(c, j, "to") || tk_is(c, j, "or")) && !tk_is(c, j + 1, "a") &&
      !tk_is(c, j + 1, "an")) {
    int hi;
    size_t k = quantity_one(c, j + 1, &hi);
    if (k && hi > *n && tk_cls(c, k, C_UNIT)) return k;
  }
  return j;
}

static size_t quantity_one(const ctx *c, size_t i, int *n) {
  if (i >= c->n) return 0;
  const tok *k = &c->t[i];
  if (k->kind == TK_NUM) {
    if (k->ndig > 4 || !num_isolated(c, i, i)) {
      /* "3-day": a hyphen before the unit word is fine */
      if (!(k->ndig <= 4 && tk_punct(c, i + 1, '-') && tk_adj(c, i + 1) && tk_cls(c, i + 2, C_UNIT) &&
            tk_adj(c, i + 2) && !(i > 0 && tk_adj(c, i) && c->t[i - 1].kind != TK_PUNCT)))
        return 0;
    }
    if (i > 0 && tk_currency(c, i - 1)) return 0;
    /* "the 1988 quarter", "a 2015 week": a year, not a count */
    if (k->ndig == 4 && k->arg >= 1000 && k->arg <= 2100 && i + 1 < c->n &&
        c->t[i + 1].kind == TK_WORD && c->text[c->t[i + 1].e - 1] != 's')
      return 0;
    *n = k->arg;
    return i + 1;
  }
  if (k->cls == C_VAGUE) {
    /* "a couple of years" is two, as TimeBank counts it; "a few" has no count */
    *n = tk_is(c, i, "couple") ? 2 : -1;
    size_t j = i + 1;
    if (tk_is(c, i, "couple") && tk_is(c, j, "of")) j++;
    return j;
  }
  if (k->cls == C_NUMBER) {
    if (k->arg == 1 && (tk_is(c, i, "a") || tk_is(c, i, "an"))) {
      if (tk_cls(c, i + 1, C_VAGUE) && (tk_is(c, i + 1, "few") || tk_is(c, i + 1, "couple"))) {
        *n = tk_is(c, i + 1, "couple") ? 2 : -1;
        size_t j = i + 2;
        if (tk_is(c, i + 1, "couple") && tk_is(c, j, "of")) j++;
        return j;
      }
      *n = 1;
      return i + 1;
    }
    int v = k->arg;
    size_t j = i + 1;
    if (v >= 20 && v < 100 && v % 10 == 0 && tk_punct(c, j, '-') && tk_adj(c, j) &&
        tk_cls(c, j + 1, C_NUMBER) && tk_adj(c, j + 1) && c->t[j + 1].arg < 10 &&
        !tk_is(c, j + 1, "a") && !tk_is(c, j + 1, "an")) {
      v += c->t[j + 1].arg;
      j += 2;
    } else if (v >= 20 && v < 100 && v % 10 == 0 && tk_cls(c, j, C_NUMBER) && c->t[j].arg >= 1 &&
               c->t[j].arg < 10 && !tk_is(c, j, "a") && !tk_is(c, j, "an") && tk_cls(c, j + 1, C_UNIT)) {
      v += c->t[j].arg; /* "twenty four hours", as transcripts write it */
      j++;
    }
    *n = v;
    return j;
  }
  return 0;
}

static bool count_noun_after(const ctx *c, size_t i, bool plurals);

/* A number from one to ninety-nine in words at I ("six", "ninety-six"); returns the token
 * after it, or 0. */
static size_t number_words(const ctx *c, size_t i, int *n) {
  if (!tk_cls(c, i, C_NUMBER) || tk_is(c, i, "a") || tk_is(c, i, "an") || c->t[i].arg < 1 ||
      c->t[i].arg > 99)
    return 0;
  int v = c->t[i].arg;
  size_t j = i + 1;
  if (v >= 20 && v % 10 == 0 && tk_punct(c, j, '-') && tk_adj(c, j) && tk_cls(c, j + 1, C_NUMBER) &&
      tk_adj(c, j + 1) && c->t[j + 1].arg >= 1 && c->t[j + 1].arg <= 9 && !tk_is(c, j + 1, "a") &&
      !tk_is(c, j + 1, "an")) {
    v += c->t[j + 1].arg;
    j += 2;
  }
  *n = v;
  return j;
}

/* A year in words, as broadcast transcripts write them: "nineteen ninety-six", "twenty ten";
 * with TWO_THOUSAND also "two thousand", "two thousand and five" (only where the words around
 * say it is a year: "two thousand" is a count more often). Returns the token after it, or 0. */
static size_t spelled_year(const ctx *c, size_t i, bool two_thousand, int *year) {
  if (!tk_cls(c, i, C_NUMBER)) return 0;
  int a = c->t[i].arg, rest = 0;
  size_t j = i + 1, after;
  if (a == 2 && tk_is(c, i, "two") && tk_is(c, j, "thousand")) {
    if (!two_thousand) return 0;
    j++;
    size_t k = tk_is(c, j, "and") ? j + 1 : j;
    if ((after = number_words(c, k, &rest))) j = after;
    else rest = 0;
  } else {
    /* 1500 to 2099: "eleven thirty", "twelve fifteen" are times of day */
    if (a < 15 || a > 20 || tk_punct(c, j, '-')) return 0;
    if (!(after = number_words(c, j, &rest)) || rest < 10) return 0;
    j = after;
    a *= 100;
  }
  if (tk_cls(c, j, C_UNIT) || count_noun_after(c, j, false) || (tk_punct(c, j, '-') && tk_adj(c, j)))
    return 0;
  *year = a == 2 ? 2000 + rest : a + rest;
  return j;
}

/* ---- the patterns ---- */

/* Year for a month-day without one: the anchor's, moved back (or forward) a year when that
 * lands too far after (before) the anchor for the tense of the text. */
static int infer_year(ctx *c, size_t first, size_t last, int month, int day) {
  int y = c->anchor.year;
  if (!c->have_month) return y;
  int d = day ? day : 15;
  int am = c->anchor.month, ad = c->anchor.day ? c->anchor.day : 15;
  long diff = fact_days_from_civil(y, month, d <= days_in_month(y, month) ? d : 28) -
              fact_days_from_civil(y, am, ad <= days_in_month(y, am) ? ad : 28);
  /* "since May" looks back: the last one; so does "the quarter ended Oct. 31": a period that
   * has ended did so on or before the anchor */
  if (first > 0 && (tk_is(c, first - 1, "since") || tk_is(c, first - 1, "ended")))
    return diff > 0 ? y - 1 : y;
  int tense = tense_around(c, first, last);
  if (tense == TENSE_NEAR) tense = TENSE_UNKNOWN;
  /* "created an office, effective Feb. 1": when a change takes effect, which the tense of the
   * announcement does not place */
  if (first > 0 && tk_is(c, first - 1, "effective")) tense = TENSE_UNKNOWN;
  /* a past-tense clause rarely speaks of a date two months ahead; an unmarked one is taken
   * to lie within eight months back or four ahead (news looks back more often than ahead:
   * in TimeBank, unmarked months up to ten months back are common, past four ahead rare) */
  if (tense == TENSE_PAST && diff > 61) return y - 1;
  if (tense == TENSE_FUTURE && diff < -61) return y + 1;
  if (tense == TENSE_UNKNOWN && diff > 122) return y - 1;
  if (tense == TENSE_UNKNOWN && diff < -244) return y + 1;
  return y;
}

static void date_value(ctx *c, cand *m, int y, int mo, int d, bool inferred) {
  if (y) {
    set_date(m, TIMEX_DATE, inferred, y, mo, d);
    c->have_last = true;
    c->last_prec = d ? 3 : mo ? 2 : 1;
    c->last_z = fact_days_from_civil(y, mo ? mo : 1, d ? d : 1);
  } else if (d) {
    set_value(m, TIMEX_DATE, false, "XXXX-%02d-%02d", mo, d);
  } else {
    set_value(m, TIMEX_DATE, false, "XXXX-%02d", mo);
  }
}

/* Words before a bare month or year that make it a date: "in May", "since 2011". */
static bool date_context_before(const ctx *c, size_t i) {
  if (i == 0) return false;
  static const char *const preps[] = {"in",    "since", "by",      "until",  "till",   "from",
                                      "during", "before", "after",  "through", "of",    "to",
                                      "between", "and",  "or",      "throughout", "around", "circa",
                                      "for",   "early", "late",    "mid",    "end",    "beginning",
                                      "spring", "summer", "autumn", "fall",   "winter", "year",
                                      "fiscal", "last",  "next",    "this",   "each",   "every",
                                      "on",    "at",    "against", "over",   "within", "into",
                                      "post",  "pre",   "than",    "as"};
  const tok *p = &c->t[i - 1];
  if (p->kind != TK_WORD) return false;
  for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++)
    if (span_ieq(c->text + p->s, p->e - p->s, preps[k])) return true;
  return false;
}

/* Words after a number that make it a count, not a year: "1500 people", "2000 km". With
 * PLURALS, any plural noun does ("2000 homes"). */
static bool count_noun_after(const ctx *c, size_t i, bool plurals) {
  if (i >= c->n || c->t[i].kind != TK_WORD) return false;
  const tok *k = &c->t[i];
  if (k->flags & F_CAP) return false;
  const char *w = c->text + k->s;
  size_t n = k->e - k->s;
  static const char *const nouns[] = {"people", "men",    "women",  "children", "police", "staff",
                                      "million", "billion", "trillion", "thousand", "m",     "bn",
                                      "k",      "km",     "kg",     "percent",  "per",    "mph",
                                      "feet",   "foot",   "metres", "meters",   "miles",  "euros",
                                      "dollars", "pounds", "times",  "more",     "fewer",  "other",
                                      "new",    "of"};
  for (size_t j = 0; j < sizeof nouns / sizeof nouns[0]; j++)
    if (span_ieq(w, n, nouns[j])) return true;
  /* a plural noun right after: "2000 homes" (but not "2014's") */
  if (plurals && n >= 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
      k->cls == C_NONE)
    return true;
  return false;
}

static bool match_at(ctx *c, size_t i, cand *m, int depth);
static bool match_day_month(ctx *c, size_t i, cand *m);
static bool match_time(ctx *c, size_t i, cand *m);
static bool match_that(ctx *c, size_t i, cand *m);
static bool match_part(ctx *c, size_t i, cand *m, int year, bool year_relative);

/* Month [day][,] [year] / month year / month alone after a preposition. */
static bool match_month(ctx *c, size_t i, cand *m, bool need_context) {
  const tok *k = &c->t[i];
  if (k->cls != C_MONTH) return false;
  int mo = k->arg;
  size_t j = i + 1;
  if (k->sub && tk_punct(c, j, '.') && tk_adj(c, j)) j++;
  int day = 0, year = 0;
  size_t after = day_number(c, j, &day);
  if (after && !(tk_punct(c, after, ':') && tk_num(c, after + 1) && tk_adj(c, after + 1))) {
    size_t y = after;
    if (tk_punct(c, y, ',')) y++;
    if (year_number(c, y, &year)) {
      after = y + 1;
    } else {
      year = 0;
    }
    if (year && !valid_date(year, mo, day)) return false;
    if (!year && day > days_in_month(2000, mo)) return false;
    m->first = i;
    m->last = after;
    if (year) {
      date_value(c, m, year, mo, day, false);
    } else if (c->have_year) {
      int y2 = infer_year(c, i, after, mo, day);
      if (!valid_date(y2, mo, day)) return false; /* Feb 29 of a common year */
      date_value(c, m, y2, mo, day, true);
    } else {
      date_value(c, m, 0, mo, day, false);
    }
    return true;
  }
  size_t y = j;
  if (tk_punct(c, y, ',') && tk_num(c, y + 1)) y++;
  else if (tk_is(c, y, "of") && tk_num(c, y + 1)) y++;
  if (year_number(c, y, &year)) {
    m->first = i;
    m->last = y + 1;
    date_value(c, m, year, mo, 0, false);
    return true;
  }
  size_t sy = spelled_year(c, tk_is(c, j, "of") ? j + 1 : j, true, &year);
  if (sy && !k->sub) { /* "January nineteen ninety-seven" */
    m->first = i;
    m->last = sy;
    date_value(c, m, year, mo, 0, false);
    return true;
  }
  if (k->sub) return false; /* a lone abbreviation is too weak */
  /* "January this year", "March last year" */
  if (tk_cls(c, j, C_REL) && c->t[j].sub != 'p' && tk_is(c, j + 1, "year") && c->have_year) {
    int yy = c->anchor.year + c->t[j].arg;
    if (!year_ok(yy)) return false;
    m->first = i;
    m->last = j + 2;
    date_value(c, m, yy, mo, 0, false);
    m->relative = true;
    return true;
  }
  if (need_context && !date_context_before(c, i)) {
    /* "the October slaying", "a June agreement": a month before a noun */
    bool det = i > 0 && (tk_is(c, i - 1, "the") || tk_is(c, i - 1, "a") || tk_is(c, i - 1, "an") ||
                         tk_is(c, i - 1, "its") || tk_is(c, i - 1, "their") || tk_is(c, i - 1, "his") ||
                         tk_is(c, i - 1, "her"));
    const tok *nx = j < c->n ? &c->t[j] : NULL;
    static const char *const preps[] = {"on", "to", "for", "of", "in", "through", "from", "against",
                                        "and", "or", "was", "is", "will", "by", "at", "with"};
    bool noun_after = nx && nx->kind == TK_WORD && !(nx->flags & (F_CAP | F_UPPER)) && tk_adj(c, j) == false;
    for (size_t q = 0; noun_after && q < sizeof preps / sizeof preps[0]; q++)
      if (tk_is(c, j, preps[q])) noun_after = false;
    if (!det || !noun_after) return false;
  }
  if (need_context) {
    /* a month name that is a person's ("talks with May", "May said"): a verb after it, unless a
     * preposition of time before it says otherwise ("the rate in January was 7%"); for "May",
     * the commonest such name, any but a preposition of time before it */
    bool time_prep = i > 0 && (tk_is(c, i - 1, "in") || tk_is(c, i - 1, "since") ||
                               tk_is(c, i - 1, "until") || tk_is(c, i - 1, "till") ||
                               tk_is(c, i - 1, "during") || tk_is(c, i - 1, "early") ||
                               tk_is(c, i - 1, "late") || tk_is(c, i - 1, "mid") ||
                               tk_is(c, i - 1, "through") || tk_is(c, i - 1, "throughout") ||
                               /* "the turnover for October is": "for" is also "votes for May" */
                               (tk_is(c, i - 1, "for") && (mo < 4 || mo > 6)));
    static const char *const verbs[] = {"said", "says", "told", "has", "had", "is", "was", "will",
                                        "would", "who", "wants", "added", "insisted", "urged",
                                        "called", "met", "faces", "faced"};
    for (size_t q = 0; q < sizeof verbs / sizeof verbs[0] && !time_prep; q++)
      if (tk_is(c, j, verbs[q])) return false;
    /* "May's government"; but "December's figures" (April, May and June are given names) */
    if (tk_apostrophe(c, j) && mo >= 4 && mo <= 6) return false;
    if (mo == 5 && !time_prep && !tk_is(c, i - 1, "of") && !tk_is(c, i - 1, "by")) return false;
  }
  m->first = i;
  m->last = j;
  if (c->have_year)
    date_value(c, m, infer_year(c, i, j, mo, 0), mo, 0, true);
  else
    date_value(c, m, 0, mo, 0, false);
  return true;
}

/* Weekday WD counted from the day Z, which becomes the date last mentioned: DIRECTION > 0 the
 * next one, strictly after ("the following Monday"); < 0 the last one, strictly before ("the
 * previous Friday"); 0 on or before; 2 the nearest, the day before Z on a tie. */
static void weekday_from(ctx *c, cand *m, int wd, int direction, long z) {
  int zwd = weekday_of(z);
  int back = (zwd - wd + 7) % 7, ahead = (wd - zwd + 7) % 7;
  if (direction == 2) z = ahead < back ? z + ahead : z - back;
  else if (direction > 0) z += ahead ? ahead : 7;
  else if (direction < 0) z -= back ? back : 7;
  else z -= back;
  fmt_day(m->value, z);
  m->type = TIMEX_DATE;
  m->relative = true;
  c->have_last = true, c->last_prec = 3;
  c->last_z = z;
}

/* Weekday: on or before the anchor in past text, after it in future text. */
static void weekday_value(ctx *c, cand *m, int wd, int direction) {
  if (!c->have_day) {
    set_value(m, TIMEX_DATE, false, "XXXX-WXX-%d", wd);
    return;
  }
  weekday_from(c, m, wd, direction, c->anchor_z);
}

/* A weekday at I; DIRECTION as weekday_value's, or 0 for the tense of the clause, or 3 for
 * that of a deadline ("until 9 a.m. Tuesday"). */
static bool match_weekday(ctx *c, size_t i, cand *m, int direction) {
  const tok *k = &c->t[i];
  if (k->cls != C_WEEKDAY || !(k->flags & (F_CAP | F_UPPER))) return false;
  if (i > 0 && (tk_is(c, i - 1, "good") || tk_is(c, i - 1, "black") || tk_is(c, i - 1, "holy") ||
                tk_is(c, i - 1, "cyber") || tk_is(c, i - 1, "bloody") || tk_is(c, i - 1, "ash") ||
                tk_is(c, i - 1, "super") || tk_is(c, i - 1, "easter") || tk_is(c, i - 1, "palm")))
    return false;
  int wd = k->arg;
  size_t j = i + 1;
  /* "until Tuesday": a deadline, ahead unless the clause is told in the past ("until Thursday,
   * they had not called") */
  bool until = i > 0 && (tk_is(c, i - 1, "until") || tk_is(c, i - 1, "till"));
  if (direction == 3) until = true, direction = 0;
  if (c->text[k->e - 1] == 's' || c->text[k->e - 1] == 'S') { /* "on Mondays": a set */
    m->first = i;
    m->last = j;
    set_value(m, TIMEX_SET, false, "XXXX-WXX-%d", wd);
    if (tk_cls(c, j, C_DAYPART)) {
      size_t l = strlen(m->value);
      snprintf(m->value + l, sizeof m->value - l, "T%s", c->t[j].code);
      m->last = j + 1;
    }
    return true;
  }
  /* "on Monday and Tuesday nights": Monday nights too, a set */
  if ((tk_is(c, j, "and") || tk_is(c, j, "or")) && tk_cls(c, j + 1, C_WEEKDAY) &&
      tk_cls(c, j + 2, C_DAYPART) && c->text[c->t[j + 2].e - 1] == 's') {
    m->first = i;
    m->last = j;
    set_value(m, TIMEX_SET, false, "XXXX-WXX-%dT%s", wd, c->t[j + 2].code);
    return true;
  }
  /* "Friday, March 24, 2017", "Friday 24 March": the explicit date wins */
  size_t d = j;
  if (tk_punct(c, d, ',')) d++;
  if (direction == 0 && d < c->n) {
    cand inner;
    memset(&inner, 0, sizeof inner);
    bool ok = tk_cls(c, d, C_MONTH) ? match_month(c, d, &inner, false)
              : tk_num(c, d)        ? match_day_month(c, d, &inner)
                                    : false;
    if (ok && strlen(inner.value) == 10) {
      *m = inner;
      m->first = i;
      return true;
    }
  }
  m->first = i;
  m->last = j;
  if (direction == 0 && !c->have_day) {
    set_value(m, TIMEX_DATE, false, "XXXX-WXX-%d", wd);
  } else if (direction == 0) {
    int tense = tense_around(c, i, j);
    if (until && tense == TENSE_UNKNOWN) tense = TENSE_FUTURE;
    weekday_value(c, m, wd, tense == TENSE_FUTURE ? 1 : tense == TENSE_NEAR ? 2 : 0);
  } else {
    weekday_value(c, m, wd, direction);
  }
  /* "Friday at 9 a.m." */
  if (strlen(m->value) == 10 && tk_is(c, j, "at") && j + 1 < c->n &&
      (tk_num(c, j + 1) || tk_cls(c, j + 1, C_TIMEWORD))) {
    cand t;
    memset(&t, 0, sizeof t);
    if (match_time(c, j + 1, &t) && strlen(t.value) >= 10) {
      memcpy(t.value, m->value, 10);
      t.first = i;
      t.relative = m->relative;
      *m = t;
      return true;
    }
  }
  /* "Friday morning"; "Tuesday nights" is a set */
  if (tk_cls(c, j, C_DAYPART) && c->text[c->t[j].e - 1] == 's') {
    m->first = i;
    m->last = j + 1;
    set_value(m, TIMEX_SET, false, "XXXX-WXX-%dT%s", wd, c->t[j].code);
    return true;
  }
  if (tk_cls(c, j, C_DAYPART)) {
    long z = 0;
    bool known = c->have_day && m->relative;
    if (known) z = c->last_z;
    daypart_value(m, known, z, c->t[j].code);
    m->last = j + 1;
  }
  return true;
}

/* A noun for people or for the state of things in general, after which "today's" means the
 * present age, not the day: "today's youth", "by today's standards", "in today's world". */
static bool generic_noun_at(const ctx *c, size_t i) {
  static const char *const nouns[] = {"world",    "society",  "youth",    "young",    "generation",
                                      "generations", "children", "kids",  "teenagers", "students",
                                      "parents",  "families", "standards", "dollars", "terms",
                                      "economy",  "culture",  "technology", "age",    "era"};
  if (i >= c->n || c->t[i].kind != TK_WORD || (c->t[i].flags & F_CAP)) return false;
  for (size_t q = 0; q < sizeof nouns / sizeof nouns[0]; q++)
    if (tk_is(c, i, nouns[q])) return true;
  return false;
}

/* "today" or "tomorrow" at I said of an age rather than of a day: "today's youth", "the
 * leaders of tomorrow" ("many of today's protesters" may still be the day's). */
static bool deictic_generic(const ctx *c, size_t i) {
  const tok *k = &c->t[i];
  if (k->cls != C_DEICTIC || k->arg < 0) return false;
  if (tk_apostrophe(c, i + 1) && tk_adj(c, i + 1) && tk_is(c, i + 2, "s") && tk_adj(c, i + 2)) {
    return generic_noun_at(c, i + 3);
  }
  /* "the people of tomorrow", "the world of tomorrow": a noun phrase ends with it */
  if (k->arg == 1 && i >= 2 && tk_is(c, i - 1, "of") && c->t[i - 2].kind == TK_WORD &&
      c->t[i - 2].cls == C_NONE && !(c->t[i - 2].flags & F_CAP) &&
      !(i + 1 < c->n && c->t[i + 1].kind == TK_WORD))
    return true;
  return false;
}

/* today / yesterday / tomorrow [morning], tonight */
static bool match_deictic(ctx *c, size_t i, cand *m) {
  const tok *k = &c->t[i];
  /* "USA Today", "VOA Today": a title after an acronym */
  if ((k->flags & F_CAP) && i > 0 && c->t[i - 1].kind == TK_WORD && (c->t[i - 1].flags & F_UPPER) &&
      !(k->flags & F_NL))
    return false;
  if (deictic_generic(c, i)) return false;
  m->first = i;
  m->last = i + 1;
  if (k->cls == C_TONIGHT) {
    daypart_value(m, c->have_day, c->anchor_z, "NI");
    return true;
  }
  int off = k->arg;
  if (tk_cls(c, i + 1, C_DAYPART)) {
    daypart_value(m, c->have_day, c->anchor_z + off, c->t[i + 1].code);
    m->last = i + 2;
    return true;
  }
  if (c->have_day) {
    fmt_day(m->value, c->anchor_z + off);
    m->type = TIMEX_DATE;
    m->relative = true;
    c->have_last = true, c->last_prec = 3;
    c->last_z = c->anchor_z + off;
  } else {
    set_value(m, TIMEX_DATE, false, "XXXX-XX-XX");
  }
  return true;
}

/* Season CODE relative to the anchor: DIR 0 the one of the anchor's year, -1 the last one
 * before the current season, 1 the next one. Winter counts with the year it starts in. */
static void season_value(ctx *c, cand *m, const char *code, int dir) {
  if (!c->have_month) {
    set_value(m, TIMEX_DATE, false, "XXXX-%s", code);
    return;
  }
  int start = code[0] == 'S' && code[1] == 'P' ? 3 : code[0] == 'S' ? 6 : code[0] == 'F' ? 9 : 12;
  int y = c->anchor.year, am = c->anchor.month;
  int cur_start = am >= 12 ? 12 : am >= 9 ? 9 : am >= 6 ? 6 : am >= 3 ? 3 : 0;
  int cur_year = y;
  if (cur_start == 0) cur_start = 12, cur_year = y - 1;
  long cur = (long)cur_year * 12 + cur_start;
  long want = (long)y * 12 + start;
  if (dir == 0) {
    if (start == 12 && am <= 2) want = (long)(y - 1) * 12 + 12;
  } else if (dir < 0) {
    while (want >= cur) want -= 12;
  } else {
    while (want <= cur) want += 12;
    while (want - 12 > cur) want -= 12;
  }
  long wy = (want - 1) / 12;
  set_value(m, TIMEX_DATE, true, "%04ld-%s", wy, code);
}

/* A season without last/this/next: "in the spring", "the fall of 2014", "summer 2016". */
static bool match_season(ctx *c, size_t i, cand *m) {
  const tok *k = &c->t[i];
  int y;
  m->first = i;
  if (tk_is(c, i + 1, "of") && year_number(c, i + 2, &y)) {
    m->last = i + 3;
    set_value(m, TIMEX_DATE, false, "%04d-%s", y, k->code);
    return true;
  }
  size_t sy = tk_is(c, i + 1, "of") ? spelled_year(c, i + 2, true, &y) : 0;
  if (sy) { /* "the winter of nineteen ninety-four" */
    m->last = sy;
    set_value(m, TIMEX_DATE, false, "%04d-%s", y, k->code);
    return true;
  }
  bool context = i > 0 && (tk_is(c, i - 1, "in") || tk_is(c, i - 1, "the") || tk_is(c, i - 1, "during") ||
                           tk_is(c, i - 1, "this") || tk_is(c, i - 1, "by") || tk_is(c, i - 1, "until") ||
                           tk_is(c, i - 1, "since") || tk_cls(c, i - 1, C_MOD));
  if (year_number(c, i + 1, &y) && (context || (k->flags & F_CAP))) {
    m->last = i + 2;
    set_value(m, TIMEX_DATE, false, "%04d-%s", y, k->code);
    return true;
  }
  /* "the fall of the wall", "prices fall" */
  if (!context || tk_is(c, i + 1, "of") || (tk_is(c, i, "fall") && !tk_is(c, i - 1, "in") && !tk_is(c, i - 1, "the")))
    return false;
  if (i + 1 < c->n && c->t[i + 1].kind == TK_WORD && !(c->t[i + 1].flags & F_CAP) &&
      c->t[i + 1].cls == C_NONE && !tk_is(c, i + 1, "and") && !tk_is(c, i + 1, "or"))
    return false; /* "summer camp", "the spring offensive" */
  m->last = i + 1;
  season_value(c, m, k->code, 0);
  return true;
}

/* Western Easter Sunday of year Y (the anonymous Gregorian computus). */
static long easter_z(int y) {
  int a = y % 19, b = y / 100, cc = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = cc / 4, k = cc % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return fact_days_from_civil(y, month, day);
}

/* The day a holiday RULE (see time_holidays.tsv) names in year Y; false if it names none. */
static bool holiday_z(const char *rule, int y, long *z) {
  if (!year_ok(y)) return false;
  if (!strncmp(rule, "easter", 6)) {
    *z = easter_z(y) + parse_int(rule + 6, NULL);
    return true;
  }
  if (!strncmp(rule, "nth:", 4)) {
    const char *p = rule + 4;
    int n = parse_int(p, &p);
    if (*p++ != ':') return false;
    int wd = parse_int(p, &p);
    if (*p++ != ':') return false;
    int mo = parse_int(p, NULL);
    if (mo < 1 || mo > 12 || wd < 1 || wd > 7 || n == 0 || n > 5 || n < -1) return false;
    if (n > 0) {
      long first = fact_days_from_civil(y, mo, 1);
      *z = first + (wd - weekday_of(first) + 7) % 7 + 7L * (n - 1);
    } else {
      long last = fact_days_from_civil(y, mo, days_in_month(y, mo));
      *z = last - (weekday_of(last) - wd + 7) % 7;
    }
    return true;
  }
  int mo = parse_int(rule, NULL);
  int d = strlen(rule) >= 5 ? parse_int(rule + 3, NULL) : 0;
  if (!valid_date(y, mo, d)) return false;
  *z = fact_days_from_civil(y, mo, d);
  return true;
}

/* A holiday name at I ("Christmas", "New Year's Eve", "Good Friday"); DIR as for last /
 * this / next (2: no such word, the tense decides). */
static bool match_holiday_day(ctx *c, size_t i, cand *m, int dir);

/* A holiday, and "Easter week", "Christmas week": the week with that day. */
static bool match_holiday(ctx *c, size_t i, cand *m, int dir) {
  if (!match_holiday_day(c, i, m, dir)) return false;
  civil_date d;
  if (tk_is(c, m->last, "week") && !(c->t[m->last].flags & F_CAP) && strlen(m->value) == 10 &&
      timex_value_to_date(m->value, &d) && d.day) {
    fmt_week(m->value, fact_days_from_civil(d.year, d.month, d.day));
    m->last++;
  }
  return true;
}

static bool match_holiday_day(ctx *c, size_t i, cand *m, int dir) {
  if (!lx_holidays || !(c->t[i].flags & (F_CAP | F_UPPER))) return false;
  if (i > 0 && (tk_is(c, i - 1, "a") || tk_is(c, i - 1, "an"))) return false; /* "a Christmas tree" */
  char key[64];
  size_t klen = 0, best_last = 0;
  const char *rule = NULL;
  for (size_t j = i; j < c->n && j < i + 5; j++) {
    const tok *k = &c->t[j];
    size_t len = k->e - k->s;
    if (k->kind == TK_WORD) {
      if (!(k->flags & (F_CAP | F_UPPER)) && !(j > i && tk_apostrophe(c, j - 1))) break;
      if (klen + len + 2 >= sizeof key) break;
      if (j > i && !tk_apostrophe(c, j - 1)) key[klen++] = ' ';
      memcpy(key + klen, c->text + k->s, len);
      klen += len;
    } else if (tk_apostrophe(c, j) && j > i && tk_adj(c, j) && tk_is(c, j + 1, "s")) {
      key[klen++] = '\'';
      continue;
    } else {
      break;
    }
    const char *v = lexicon_find(lx_holidays, key, klen);
    if (v) {
      rule = v;
      best_last = j + 1;
    }
  }
  if (!rule) return false;
  size_t j = best_last;
  /* a name that goes on ("Good Friday Agreement", "Christmas Island") is not the day */
  if (j < c->n && c->t[j].kind == TK_WORD && (c->t[j].flags & (F_CAP | F_UPPER))) return false;
  m->first = i;
  m->last = j;
  long z;
  int y;
  if (year_number(c, j, &y) || (tk_punct(c, j, ',') && year_number(c, j + 1, &y))) {
    m->last = tk_punct(c, j, ',') ? j + 2 : j + 1;
    if (!holiday_z(rule, y, &z)) return false;
    fmt_day(m->value, z);
    m->type = TIMEX_DATE;
    return true;
  }
  if (!c->have_day) {
    if (!strncmp(rule, "easter", 6) || !strncmp(rule, "nth:", 4)) return false;
    set_value(m, TIMEX_DATE, false, "XXXX-%.5s", rule);
    return true;
  }
  y = c->anchor.year;
  if (!holiday_z(rule, y, &z)) return false;
  long diff = z - c->anchor_z;
  if (dir == 2) {
    int tense = tense_around(c, i, j);
    if (tense == TENSE_NEAR) tense = TENSE_UNKNOWN;
    if ((tense == TENSE_PAST && diff > 61) || (tense == TENSE_UNKNOWN && diff > 183)) y--;
    else if ((tense == TENSE_FUTURE && diff < -61) || (tense == TENSE_UNKNOWN && diff < -183)) y++;
  } else if (dir < 0 && diff >= 0) {
    y--;
  } else if (dir > 0 && diff <= 0) {
    y++;
  }
  if (!holiday_z(rule, y, &z)) return false;
  fmt_day(m->value, z);
  m->type = TIMEX_DATE;
  m->relative = true;
  c->have_last = true, c->last_prec = 3;
  c->last_z = z;
  return true;
}

/* last / this / next + week, month, year, weekend, weekday, month name, season, part of day;
 * last / past / next + count + unit (a duration). WITH_THE: "the" came before. */
static bool match_rel(ctx *c, size_t i, cand *m, bool with_the) {
  const tok *k = &c->t[i];
  int dir = k->arg;
  bool stretch = k->sub == 'p'; /* "past", "coming" */
  size_t j = i + 1;
  if (j >= c->n) return false;
  m->first = i;
  /* "at this moment", "until this crucial moment": the present ("this moment changed his life"
   * may be any moment the story tells) */
  if (k->cls == C_REL && dir == 0 && tk_is(c, i, "this") && i > 0 &&
      (tk_is(c, i - 1, "at") || tk_is(c, i - 1, "for") || tk_is(c, i - 1, "until") ||
       tk_is(c, i - 1, "till") || tk_is(c, i - 1, "from"))) {
    size_t e = tk_is(c, j, "moment") ? j
               : c->t[j].kind == TK_WORD && c->t[j].cls == C_NONE && !(c->t[j].flags & F_CAP) &&
                       tk_is(c, j + 1, "moment")
                   ? j + 1
                   : 0;
    if (e) {
      m->last = e + 1;
      set_value(m, TIMEX_DATE, false, "PRESENT_REF");
      return true;
    }
  }
  /* "twice as high a dividend this year as last": the unit left out is the one named before */
  if (k->cls == C_REL && dir == -1 && !stretch && i > 0 &&
      (tk_is(c, i - 1, "as") || tk_is(c, i - 1, "than")) && c->t[j].kind == TK_PUNCT &&
      !tk_apostrophe(c, j) && !tk_punct(c, j, '-')) {
    for (size_t b = i - 1; b > 0 && b + 14 > i; b--) {
      if (sentence_end(c, b - 1)) break;
      if (tk_is(c, b - 1, "this") && tk_cls(c, b, C_UNIT) && c->text[c->t[b].e - 1] != 's' &&
          (c->t[b].arg == U_WEEK || c->t[b].arg == U_MONTH || c->t[b].arg == U_QUARTER ||
           c->t[b].arg == U_YEAR)) {
        int unit = c->t[b].arg;
        m->last = i + 1;
        if (!anchor_for_unit(c, unit)) {
          set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
          return true;
        }
        if (!period_value(m->value, anchor_z_for(c), -1, unit)) return false;
        m->type = TIMEX_DATE;
        m->relative = true;
        return true;
      }
    }
  }
  /* "this past spring", "this coming Sunday": the last or next one */
  if (k->cls == C_REL && dir == 0 && tk_cls(c, j, C_REL) && c->t[j].sub == 'p' &&
      (tk_cls(c, j + 1, C_WEEKDAY) || tk_cls(c, j + 1, C_SEASON) || tk_cls(c, j + 1, C_MONTH) ||
       tk_cls(c, j + 1, C_HOLIDAY) ||
       (tk_cls(c, j + 1, C_UNIT) && c->text[c->t[j + 1].e - 1] != 's'))) {
    dir = c->t[j].arg;
    j++;
  }
  /* "the current fiscal year", "next fiscal year": a company's year, named as a year */
  if (tk_is(c, j, "fiscal") && (tk_is(c, j + 1, "year") || tk_is(c, j + 1, "quarter"))) j++;
  const tok *nx = &c->t[j];
  /* "This Week", "Next Year" capitalised after a lower-case word ("on ABC's This Week"): a
   * title (a programme, a book); a title-case headline capitalises the word before too */
  if ((k->flags & F_CAP) && (nx->flags & F_CAP) && !(k->flags & F_UPPER) && i > 0 && !with_the &&
      c->t[i - 1].kind == TK_WORD && !(c->t[i - 1].flags & F_CAP) && !(k->flags & F_NL))
    return false;
  if (k->cls == C_ANCHORED) {
    /* "the following Monday": after the day just mentioned */
    if (with_the && dir != 0 && nx->cls == C_WEEKDAY && (nx->flags & (F_CAP | F_UPPER)) &&
        (last_ok(c, U_DAY) || c->have_day)) {
      m->last = j + 1;
      weekday_from(c, m, nx->arg, dir, last_ok(c, U_DAY) ? c->last_z : c->anchor_z);
      return true;
    }
    /* "the following day", "the same week": from the date just mentioned */
    if (!with_the || nx->cls != C_UNIT || c->text[nx->e - 1] == 's') return false;
    int unit = nx->arg;
    if (unit == U_SEC || unit == U_MIN || unit == U_HOUR || unit == U_WEEKEND) return false;
    m->last = j + 1;
    if (!last_ok(c, unit) && !anchor_for_unit(c, unit)) {
      set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
      return true;
    }
    long z = last_ok(c, unit) ? c->last_z : anchor_z_for(c);
    if (!period_value(m->value, z, dir, unit)) return false;
    m->type = TIMEX_DATE;
    m->relative = true;
    if (unit == U_DAY) c->last_z = z + dir, c->have_last = true, c->last_prec = 3;
    return true;
  }
  /* count + unit: a duration ("the past two years", "next three months") */
  int q;
  size_t u = quantity(c, j, &q);
  if (u && (q != 1 || !tk_is(c, j, "a")) && tk_cls(c, u, C_UNIT) && c->t[u].arg != U_WEEKEND) {
    if (dir == 0) return false;
    m->last = u + 1;
    set_duration(m, q, c->t[u].arg);
    return true;
  }
  if (nx->cls == C_UNIT) {
    int unit = nx->arg;
    size_t len = nx->e - nx->s;
    /* "centuries" is the plural of "century" */
    bool plural = unit == U_CENTURY ? len > 7 : c->text[nx->e - 1] == 's';
    m->last = j + 1;
    if (plural) { /* "past years", "the coming months" */
      if (dir == 0) return false;
      set_duration(m, -1, unit);
      return true;
    }
    if (unit == U_SEC || unit == U_MIN || unit == U_HOUR) {
      if (dir == 0) return false;
      set_duration(m, 1, unit);
      return true;
    }
    if (unit == U_DAY) {
      /* "the next day", "the previous day": the day after a date just mentioned */
      if (dir == 0 || stretch || !with_the) return false;
      if (last_ok(c, U_DAY) || c->have_day) {
        long base = last_ok(c, U_DAY) ? c->last_z : c->anchor_z;
        fmt_day(m->value, base + dir);
        m->type = TIMEX_DATE;
        m->relative = true;
        c->have_last = true, c->last_prec = 3;
        c->last_z = base + dir;
      } else {
        set_value(m, TIMEX_DATE, false, "XXXX-XX-XX");
      }
      return true;
    }
    if (stretch || (with_the && dir != 0 && unit != U_WEEKEND)) {
      /* "the past week", "the last year": a stretch ending now */
      set_duration(m, 1, unit);
      return true;
    }
    /* "This quarter's loss includes ..." right after a results story named its quarter: that
     * quarter, the one the figures are for ("this quarter" alone may be the one under way) */
    if (unit == U_QUARTER && dir == 0 && quarter_in_sight(c, i) && tk_apostrophe(c, j + 1) &&
        tk_is(c, j + 2, "s") && tk_adj(c, j + 2) && tense_around(c, i, j + 1) != TENSE_FUTURE &&
        quarter_value(m->value, c->last_q)) {
      m->type = TIMEX_DATE;
      m->relative = true;
      m->echo = true;
      return true;
    }
    if (!anchor_for_unit(c, unit)) {
      set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
      return true;
    }
    if (!period_value(m->value, anchor_z_for(c), dir, unit)) return false;
    m->type = TIMEX_DATE;
    m->relative = true;
    /* "this year's third quarter", "next year's first half" */
    if (unit == U_YEAR && tk_apostrophe(c, j + 1) && tk_is(c, j + 2, "s") && tk_adj(c, j + 2)) {
      size_t first = m->first;
      cand part;
      memset(&part, 0, sizeof part);
      if (match_part(c, j + 3, &part, c->anchor.year + dir, true)) {
        *m = part;
        m->first = first;
      } else if ((tk_is(c, j + 3, "quarter") || tk_is(c, j + 3, "period")) && quarter_in_sight(c, i) &&
                 quarter_value(m->value, (long)(c->anchor.year + dir) * 4 + c->last_q % 4)) {
        m->last = j + 4; /* "last year's quarter": the quarter just named, that year */
        m->echo = true;
      }
    }
    return true;
  }
  if (stretch) return false;
  if (nx->cls == C_WEEKDAY && (nx->flags & (F_CAP | F_UPPER))) {
    m->last = j + 1;
    int wd = nx->arg;
    if (!c->have_day) {
      set_value(m, TIMEX_DATE, false, "XXXX-WXX-%d", wd);
    } else if (with_the && dir != 0 && last_ok(c, U_DAY)) {
      /* "the previous Friday", "the next Monday": from the day just mentioned */
      weekday_from(c, m, wd, dir, c->last_z);
    } else if (dir == 0) { /* "this Friday": the one in the anchor's week */
      long z = c->anchor_z - (weekday_of(c->anchor_z) - 1) + (wd - 1);
      fmt_day(m->value, z);
      m->type = TIMEX_DATE;
      m->relative = true;
      c->have_last = true, c->last_prec = 3;
      c->last_z = z;
    } else {
      weekday_value(c, m, wd, dir);
    }
    if (tk_cls(c, j + 1, C_DAYPART)) {
      daypart_value(m, c->have_day, c->last_z, c->t[j + 1].code);
      m->last = j + 2;
    }
    return true;
  }
  if (nx->cls == C_MONTH && !nx->sub) {
    m->last = j + 1;
    int mo = nx->arg;
    if (!c->have_month) {
      set_value(m, TIMEX_DATE, false, "XXXX-%02d", mo);
      return true;
    }
    int y = c->anchor.year, am = c->anchor.month;
    /* "crashed last February" in March: the month just gone is "last month", so "last"
     * before its name reaches back a year (not "this past February") */
    bool just_gone = mo == am - 1 && tk_is(c, i, "last") && j == i + 1;
    if (dir < 0) y = mo < am && !just_gone ? y : y - 1;
    else if (dir > 0) y = mo > am ? y : y + 1;
    set_value(m, TIMEX_DATE, true, "%04d-%02d", y, mo);
    return true;
  }
  if (nx->cls == C_SEASON) {
    m->last = j + 1;
    season_value(c, m, nx->code, dir);
    return true;
  }
  if ((nx->cls == C_HOLIDAY || (nx->cls == C_MONTH && nx->arg == 5)) && match_holiday(c, j, m, dir)) {
    m->first = i;
    return true;
  }
  if (nx->cls == C_DAYPART) {
    m->last = j + 1;
    if (dir == 0) {
      daypart_value(m, c->have_day, c->anchor_z, nx->code);
      return true;
    }
    if (dir < 0 && tk_is(c, j, "night") && !with_the) {
      daypart_value(m, c->have_day, c->anchor_z - 1, "NI");
      return true;
    }
    if (with_the && !stretch) { /* "the next morning": after the date just mentioned */
      bool known = last_ok(c, U_DAY) || c->have_day;
      long z = (last_ok(c, U_DAY) ? c->last_z : c->anchor_z) + dir;
      daypart_value(m, known, z, nx->code);
      return true;
    }
    return false;
  }
  return false;
}

/* count + unit [ago | later | earlier]: "three days ago", "two weeks", "a 3-day visit" */
static bool match_quantity(ctx *c, size_t i, cand *m) {
  int q;
  size_t u;
  bool half = false;
  if (tk_cls(c, i, C_HALF)) { /* "half an hour", "half a century" */
    if (!tk_is(c, i + 1, "a") && !tk_is(c, i + 1, "an")) return false;
    q = 0, half = true, u = i + 2;
  } else {
    u = quantity(c, i, &q);
    if (!u) return false;
    if (q >= 0 && tk_num(c, u) && c->t[u].arg == 1 && tk_punct(c, u + 1, '/') && tk_adj(c, u + 1) &&
        tk_num(c, u + 2) && c->t[u + 2].arg == 2 && tk_adj(c, u + 2) && !tk_adj(c, u)) {
      half = true, u += 3; /* "5 1/2 hours" */
    } else if (q > 0 && tk_is(c, u, "and") && tk_is(c, u + 1, "a") && tk_is(c, u + 2, "half")) {
      half = true, u += 3; /* "two and a half years" */
    } else if (q == 1 && u == i + 1 && tk_is(c, i, "a") && tk_cls(c, u, C_HALF)) {
      q = 0, half = true, u++; /* "a half hour" */
    }
  }
  /* "two more weeks", "an additional year": still a length of time; so are "eight trading
   * days", "five business days" */
  if (!half &&
      (tk_is(c, u, "more") || tk_is(c, u, "additional") || tk_is(c, u, "extra") ||
       tk_is(c, u, "further") ||
       ((tk_is(c, u, "trading") || tk_is(c, u, "business") || tk_is(c, u, "working") ||
         tk_is(c, u, "calendar")) &&
        tk_cls(c, u + 1, C_UNIT) && c->t[u + 1].arg == U_DAY)) &&
      tk_cls(c, u + 1, C_UNIT) && !(c->t[u + 1].flags & F_CAP)) {
    bool workdays = !tk_is(c, u, "more") && !tk_is(c, u, "additional") && !tk_is(c, u, "extra") &&
                    !tk_is(c, u, "further") && !tk_is(c, u, "calendar");
    u++;
    if (workdays && q > 0) {
      /* a count of trading days is a length, but no calendar date: "eight trading days later"
       * is not eight days after anything */
      m->first = i;
      m->last = u + 1;
      set_duration(m, q, U_DAY);
      return true;
    }
  }
  bool hyphen = false;
  if (tk_punct(c, u, '-') && tk_adj(c, u) && tk_cls(c, u + 1, C_UNIT) && tk_adj(c, u + 1)) u++, hyphen = true;
  if (!tk_cls(c, u, C_UNIT)) return false;
  int unit = c->t[u].arg;
  /* fractions: "three-quarters of", "a quarter of the vote"; but a vague count is no fraction
   * ("after several quarters of losses") */
  if (unit == U_QUARTER && q >= 0 &&
      (tk_is(c, u + 1, "of") || (hyphen && c->text[c->t[u].e - 1] == 's')))
    return false;
  if (unit == U_WEEKEND) return false;
  if (q == 0 && !half) return false;
  /* "an hour and a half", "a year and a half" */
  if (!half && q > 0 && tk_is(c, u + 1, "and") && tk_is(c, u + 2, "a") && tk_is(c, u + 3, "half")) {
    half = true;
    u += 3;
  }
  if (half) {
    /* halves are amounts of time; "a year and a half ago" counts in months */
    size_t after = u + 1;
    if (tk_cls(c, after, C_SIGNAL) && c->t[after].arg == SIG_AGO && (unit == U_YEAR || unit == U_DECADE)) {
      m->first = i;
      m->last = after + 1;
      if (!anchor_for_unit(c, U_MONTH)) {
        set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit == U_YEAR ? U_MONTH : U_YEAR));
        return true;
      }
      bool ok = unit == U_YEAR ? period_value(m->value, anchor_z_for(c), -(q * 12 + 6), U_MONTH)
                               : period_value(m->value, anchor_z_for(c), -(q * 10 + 5), U_YEAR);
      if (!ok) return false;
      m->type = TIMEX_DATE;
      m->relative = true;
      return true;
    }
    if (!duration_half_value(m->value, q, unit)) return false;
    m->first = i;
    m->last = u + 1;
    m->type = TIMEX_DURATION;
    m->relative = false;
    return true;
  }
  /* "a day" inside "once a day", "twice a year", "$5 a day" or "four flights a week" is a
   * frequency */
  bool counted_noun = i >= 2 && c->t[i - 1].kind == TK_WORD && !(c->t[i - 1].flags & F_CAP) &&
                      c->text[c->t[i - 1].e - 1] == 's' &&
                      (tk_num(c, i - 2) || (tk_cls(c, i - 2, C_NUMBER) && !tk_is(c, i - 2, "a")));
  if (tk_is(c, i, "a") && u == i + 1 && i > 0 && !tk_cls(c, u + 1, C_SIGNAL) &&
      !tk_cls(c, u + 1, C_MOD) &&
      (tk_is(c, i - 1, "once") || tk_is(c, i - 1, "twice") || tk_is(c, i - 1, "times") ||
       tk_num(c, i - 1) || tk_is(c, i - 1, "million") || tk_is(c, i - 1, "billion") || counted_noun)) {
    m->first = i;
    m->last = u + 1;
    duration_value(m->value, 1, unit);
    m->type = TIMEX_SET;
    m->relative = false;
    return true;
  }
  /* "a two-week-long strike" */
  if (tk_punct(c, u + 1, '-') && tk_adj(c, u + 1) && tk_is(c, u + 2, "long") && tk_adj(c, u + 2)) {
    m->first = u == i + 1 && (tk_is(c, i, "a") || tk_is(c, i, "an")) ? u : i; /* a day-long */
    m->last = u + 3;
    set_duration(m, q, unit);
    return true;
  }
  /* "a second bomb", "a second term": the ordinal, not a time */
  if (unit == U_SEC && u == i + 1 && (tk_is(c, i, "a") || tk_is(c, i, "one")) && u + 1 < c->n &&
      c->t[u + 1].kind == TK_WORD && c->t[u + 1].cls != C_SIGNAL && c->t[u + 1].cls != C_MOD)
    return false;
  /* "a year-earlier loss": the adjective is a date of its own (match_unit) */
  if (unit == U_YEAR && tk_punct(c, u + 1, '-') && tk_adj(c, u + 1) && tk_adj(c, u + 2) &&
      (tk_is(c, u + 2, "earlier") || tk_is(c, u + 2, "ago")))
    return false;
  /* "he may one day run": some time ahead, not a day long */
  if (unit == U_DAY && u == i + 1 && tk_is(c, i, "one") && i > 0 && !tk_cls(c, u + 1, C_SIGNAL) &&
      !tk_cls(c, u + 1, C_MOD) &&
      (tk_cls(c, i - 1, C_FUTURE) || tk_is(c, i - 1, "would") || tk_is(c, i - 1, "could") ||
       tk_is(c, i - 1, "may") || tk_is(c, i - 1, "might") || tk_is(c, i - 1, "can") ||
       tk_is(c, i - 1, "should") || tk_is(c, i - 1, "he") || tk_is(c, i - 1, "she") ||
       tk_is(c, i - 1, "they") || tk_is(c, i - 1, "we") || tk_is(c, i - 1, "i") || tk_is(c, i - 1, "you"))) {
    m->first = i;
    m->last = u + 1;
    set_value(m, TIMEX_DATE, false, "FUTURE_REF");
    return true;
  }
  /* ages are not times: "a 6-year-old", "45 years old" */
  if (tk_is(c, u + 1, "old") || (tk_punct(c, u + 1, '-') && tk_is(c, u + 2, "old"))) return false;
  m->first = i;
  size_t after = u + 1;
  /* "a week or so ago" */
  if (tk_is(c, after, "or") && tk_is(c, after + 1, "so") && tk_cls(c, after + 2, C_SIGNAL)) after += 2;
  if (tk_cls(c, after, C_SIGNAL) && c->t[after].arg == SIG_AGO) {
    m->last = after + 1;
    if (q < 0 || unit == U_SEC || unit == U_MIN || unit == U_HOUR) {
      set_value(m, TIMEX_DATE, false, "PAST_REF");
      m->relative = true;
      return true;
    }
    /* "up from $10 million a year ago" after third-quarter results: that quarter a year back */
    if (unit == U_YEAR && q > 0 && quarter_in_sight(c, i) && quarter_value(m->value, c->last_q - 4L * q)) {
      m->type = TIMEX_DATE;
      m->relative = true;
      m->echo = true;
      return true;
    }
    if (!anchor_for_unit(c, unit)) {
      set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
      return true;
    }
    long z = anchor_z_for(c);
    /* "a decade ago" is a year, not the whole decade */
    if (unit == U_DECADE || unit == U_CENTURY) {
      int y, mo, d;
      fact_civil_from_days(z, &y, &mo, &d);
      y -= q * (unit == U_DECADE ? 10 : 100);
      if (!year_ok(y)) return false;
      set_date(m, TIMEX_DATE, true, y, 0, 0);
      return true;
    }
    if (!period_value(m->value, z, -q, unit)) return false;
    m->type = TIMEX_DATE;
    m->relative = true;
    if (unit == U_DAY) {
      c->have_last = true, c->last_prec = 3;
      c->last_z = z - q;
    }
    return true;
  }
  if (tk_cls(c, after, C_MOD) && (c->t[after].arg == MOD_AFTER || c->t[after].arg == MOD_BEFORE) &&
      (tk_is(c, after, "later") || tk_is(c, after, "earlier")) && q > 0 && unit >= U_DAY &&
      unit != U_WEEKEND) {
    /* "two days later": from the date just mentioned, else from the anchor */
    int sign = tk_is(c, after, "later") ? 1 : -1;
    m->last = after + 1;
    if (unit == U_YEAR && quarter_in_sight(c, i) && quarter_value(m->value, c->last_q + sign * 4L * q)) {
      m->type = TIMEX_DATE;
      m->relative = true;
      m->echo = true;
      return true;
    }
    if (!last_ok(c, unit) && !anchor_for_unit(c, unit)) {
      set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
      return true;
    }
    long z = last_ok(c, unit) ? c->last_z : anchor_z_for(c);
    if (!period_value(m->value, z, sign * q, unit)) return false;
    m->type = TIMEX_DATE;
    m->relative = true;
    if (unit == U_DAY) {
      c->have_last = true, c->last_prec = 3;
      c->last_z = z + sign * q;
    }
    return true;
  }
  m->last = u + 1;
  /* "a three-year period", "a one-year term": the noun names the stretch itself */
  if (hyphen && (tk_is(c, u + 1, "period") || tk_is(c, u + 1, "term") || tk_is(c, u + 1, "span") ||
                 tk_is(c, u + 1, "stretch"))) {
    m->last = u + 2;
    if (i > 0 && (tk_is(c, i - 1, "a") || tk_is(c, i - 1, "an"))) m->first = i - 1;
  }
  set_duration(m, q, unit);
  return true;
}

/* hh:mm [am|pm] [zone], h am/pm, noon, midnight */
static size_t ampm(const ctx *c, size_t i, int *pm) {
  if (i >= c->n || c->t[i].kind != TK_WORD) return 0;
  if (tk_is(c, i, "am") || tk_is(c, i, "pm")) {
    *pm = tk_is(c, i, "pm");
    return i + 1;
  }
  if ((tk_is(c, i, "a") || tk_is(c, i, "p")) && tk_punct(c, i + 1, '.') && tk_adj(c, i + 1) &&
      tk_is(c, i + 2, "m") && tk_adj(c, i + 2)) {
    *pm = tk_is(c, i, "p");
    size_t j = i + 3;
    if (tk_punct(c, j, '.') && tk_adj(c, j)) j++;
    return j;
  }
  return 0;
}

/* The day a bare clock time or part of the day is on: the day the story just named ("blasts
 * on Friday... at 10:35 a.m."), if that day is within the week of the anchor; else the
 * anchor's. Needs c->have_day. */
static long day_in_view(const ctx *c) {
  bool near = c->have_last && c->last_prec == 3 && labs(c->last_z - c->anchor_z) <= 7;
  return near ? c->last_z : c->anchor_z;
}

static void time_value(ctx *c, cand *m, int h, int mi, int zone, bool has_zone) {
  char date[16];
  if (c->have_day) {
    long z = day_in_view(c);
    int y, mo, d;
    fact_civil_from_days(z, &y, &mo, &d);
    format_ymd(date, y, mo, d);
  } else {
    snprintf(date, sizeof date, "XXXX-XX-XX");
  }
  if (has_zone)
    set_value(m, TIMEX_TIME, c->have_day, "%sT%02d:%02d%s%02d", date, h, mi, zone < 0 ? "-" : "+",
              zone < 0 ? -zone : zone);
  else
    set_value(m, TIMEX_TIME, c->have_day, "%sT%02d:%02d", date, h, mi);
}

static bool match_weekday(ctx *c, size_t i, cand *m, int direction);

/* "9 a.m. Friday", "noon on Thursday", "3 p.m. yesterday": the day replaces the anchor's. */
static void time_attach_day(ctx *c, cand *m) {
  size_t j = m->last;
  if (tk_is(c, j, "on")) j++;
  else if (tk_punct(c, j, ',') && (tk_cls(c, j + 1, C_MONTH) || tk_cls(c, j + 1, C_WEEKDAY)))
    j++; /* "5 p.m. EST, Nov. 6" */
  cand d;
  memset(&d, 0, sizeof d);
  bool ok = false;
  /* "until 9 a.m. Tuesday": the deadline reading of the weekday (match_weekday) */
  bool until = m->first > 0 && (tk_is(c, m->first - 1, "until") || tk_is(c, m->first - 1, "till"));
  if (tk_cls(c, j, C_WEEKDAY)) ok = match_weekday(c, j, &d, until ? 3 : 0);
  else if (tk_cls(c, j, C_DEICTIC)) ok = match_deictic(c, j, &d);
  else if (tk_cls(c, j, C_MONTH)) ok = match_month(c, j, &d, false);
  if (!ok || d.type != TIMEX_DATE || strlen(d.value) != 10 || strlen(m->value) < 10) return;
  memcpy(m->value, d.value, 10);
  m->last = d.last;
  m->relative = d.relative;
}

static bool match_time(ctx *c, size_t i, cand *m) {
  const tok *k = &c->t[i];
  int h = -1, mi = 0;
  size_t j;
  if (k->cls == C_TIMEWORD) {
    m->first = i;
    m->last = i + 1;
    time_value(c, m, k->arg, 0, 0, false);
    time_attach_day(c, m);
    return true;
  }
  if (k->kind != TK_NUM || k->ndig > 2) return false;
  if (i > 0 && tk_adj(c, i) &&
      (c->t[i - 1].kind != TK_PUNCT || tk_currency(c, i - 1) || tk_punct(c, i - 1, '.') ||
       tk_punct(c, i - 1, ':') || tk_punct(c, i - 1, '-') || tk_punct(c, i - 1, '/')))
    return false;
  h = k->arg;
  j = i + 1;
  bool colon = false;
  if (tk_punct(c, j, ':') && tk_adj(c, j) && tk_num(c, j + 1) && tk_adj(c, j + 1) &&
      c->t[j + 1].ndig == 2 && c->t[j + 1].arg < 60) {
    mi = c->t[j + 1].arg;
    j += 2;
    colon = true;
    if (tk_punct(c, j, ':') && tk_adj(c, j) && tk_num(c, j + 1) && c->t[j + 1].ndig == 2) j += 2;
    if (tk_punct(c, j, ':') || (tk_punct(c, j, '.') && tk_num(c, j + 1) && tk_adj(c, j + 1)))
      return false;
  }
  int pm = -1;
  size_t a = ampm(c, j, &pm);
  if (a) {
    if (h < 1 || h > 12) return false;
    if (pm && h != 12) h += 12;
    if (!pm && h == 12) h = 0;
    j = a;
  } else if (h >= 1 && h <= 12 && !tk_num(c, j) &&
             ((tk_is(c, j, "in") && tk_is(c, j + 1, "the") && tk_cls(c, j + 2, C_DAYPART) &&
               c->text[c->t[j + 2].e - 1] != 's' && !tk_is(c, j + 2, "night")) ||
              (tk_is(c, j, "at") && tk_is(c, j + 1, "night")))) {
    /* "4 in the morning", "3 in the afternoon", "10 at night" */
    const char *part = tk_is(c, j, "at") ? "NI" : c->t[j + 2].code;
    if (strcmp(part, "MO") == 0) {
      if (h == 12) h = 0;
    } else if (strcmp(part, "NI") != 0 || h >= 6) {
      if (h != 12) h += 12;
    } else if (h == 12) {
      h = 0; /* "12 at night" */
    }
    j += tk_is(c, j, "at") ? 2 : 3;
  } else if (!colon || h > 23 || tk_num(c, j)) {
    return false;
  }
  int zone = 0;
  bool has_zone = false;
  if (tk_cls(c, j, C_ZONE) && (c->t[j].flags & F_UPPER)) {
    zone = c->t[j].arg;
    has_zone = zone != 99; /* "ET": the offset depends on the season */
    j++;
  }
  m->first = i;
  m->last = j;
  time_value(c, m, h, mi, zone, has_zone);
  time_attach_day(c, m);
  return true;
}

/* Numeric dates: 2017-03-24, 2017/03/24, 24/03/2017, 24.03.2017, 03/24/2017. */
static bool match_numeric_date(ctx *c, size_t i, cand *m) {
  const tok *a = &c->t[i];
  if (i + 4 >= c->n) return false;
  if (!tk_num(c, i + 2) || !tk_num(c, i + 4)) return false;
  if (!tk_adj(c, i + 1) || !tk_adj(c, i + 2) || !tk_adj(c, i + 3) || !tk_adj(c, i + 4)) return false;
  const tok *s1 = &c->t[i + 1], *s2 = &c->t[i + 3];
  if (s1->kind != TK_PUNCT || s2->kind != TK_PUNCT || s1->e - s1->s != 1 || s2->e - s2->s != 1)
    return false;
  char sep = c->text[s1->s];
  if (sep != c->text[s2->s] || (sep != '-' && sep != '/' && sep != '.')) return false;
  const tok *b = &c->t[i + 2], *d = &c->t[i + 4];
  /* not glued into a longer code: "1-2-3-4", "10.2.2014.5" */
  if (i > 0 && tk_adj(c, i) && c->t[i - 1].kind != TK_PUNCT) return false;
  if (i > 0 && tk_adj(c, i) && (tk_punct(c, i - 1, '-') || tk_punct(c, i - 1, '/') ||
                                tk_punct(c, i - 1, '.') || tk_currency(c, i - 1)))
    return false;
  size_t last = i + 4;
  if (last + 1 < c->n && tk_adj(c, last + 1)) {
    const tok *nx = &c->t[last + 1];
    if (nx->kind == TK_NUM) return false;
    if (nx->kind == TK_WORD && !(tk_is(c, last + 1, "T") && tk_num(c, last + 2))) return false;
    char ch = c->text[nx->s];
    if ((ch == '-' || ch == '/' || ch == '.' || ch == ':') && tk_num(c, last + 2) && tk_adj(c, last + 2))
      return false;
  }
  int y, mo, dd;
  if (a->ndig == 4 && b->ndig <= 2 && d->ndig <= 2) {
    y = a->arg, mo = b->arg, dd = d->arg;
  } else if (a->ndig <= 2 && b->ndig <= 2 && d->ndig == 4) {
    y = d->arg;
    int x = a->arg, z = b->arg;
    if (x > 12 && z <= 12) {
      dd = x, mo = z;
    } else if (z > 12 && x <= 12) {
      mo = x, dd = z;
    } else if (sep == '/' && c->have_day && valid_date(y, x, z) && valid_date(y, z, x) &&
               labs(fact_days_from_civil(y, x, z) - c->anchor_z) < 366) {
      /* ambiguous near the publication date: take the nearer reading */
      long d1 = labs(fact_days_from_civil(y, z, x) - c->anchor_z);
      long d2 = labs(fact_days_from_civil(y, x, z) - c->anchor_z);
      if (d1 <= d2) dd = x, mo = z;
      else mo = x, dd = z;
    } else {
      dd = x, mo = z; /* day first, as most of the world writes it */
    }
  } else if (sep == '/' && a->ndig <= 2 && b->ndig <= 2 && d->ndig == 2) {
    /* "24/03/17": a two-digit year is the latest one not more than a year ahead */
    int ceiling = (c->have_year ? c->anchor.year : 2030) + 1;
    y = 2000 + d->arg;
    if (y > ceiling) y -= 100;
    int x = a->arg, z = b->arg;
    if (x > 12 && z <= 12) dd = x, mo = z;
    else if (z > 12 && x <= 12) mo = x, dd = z;
    else if (c->have_day && valid_date(y, x, z) && valid_date(y, z, x) &&
             labs(fact_days_from_civil(y, x, z) - c->anchor_z) < 366 &&
             labs(fact_days_from_civil(y, x, z) - c->anchor_z) < labs(fact_days_from_civil(y, z, x) - c->anchor_z))
      mo = x, dd = z;
    else dd = x, mo = z;
  } else {
    return false;
  }
  if (y < 1000 || y > 2100 || !valid_date(y, mo, dd)) return false;
  m->first = i;
  m->last = last + 1;
  date_value(c, m, y, mo, dd, false);
  /* ISO date and time: 2017-03-24T09:30 */
  if (tk_is(c, last + 1, "T") && tk_adj(c, last + 1) && tk_num(c, last + 2) && tk_adj(c, last + 2) &&
      c->t[last + 2].ndig == 2 && c->t[last + 2].arg < 24 && tk_punct(c, last + 3, ':') &&
      tk_num(c, last + 4) && c->t[last + 4].ndig == 2 && c->t[last + 4].arg < 60) {
    size_t l = strlen(m->value);
    snprintf(m->value + l, sizeof m->value - l, "T%02d:%02d", c->t[last + 2].arg, c->t[last + 4].arg);
    m->type = TIMEX_TIME;
    m->last = last + 5;
    size_t k = last + 5;
    if (tk_punct(c, k, ':') && tk_adj(c, k) && tk_num(c, k + 1) && tk_adj(c, k + 1) && c->t[k + 1].ndig == 2 &&
        c->t[k + 1].arg < 61) {
      l = strlen(m->value);
      snprintf(m->value + l, sizeof m->value - l, ":%02d", c->t[k + 1].arg);
      k += 2;
      m->last = k;
    }
    if (tk_is(c, k, "Z") && tk_adj(c, k)) {
      l = strlen(m->value);
      snprintf(m->value + l, sizeof m->value - l, "Z");
      m->last = k + 1;
    }
  }
  return true;
}

/* Day month [year]: "23 April 2017", "23rd of April", "24 March". */
static bool match_day_month(ctx *c, size_t i, cand *m) {
  int day;
  size_t j = day_number(c, i, &day);
  if (!j) return false;
  if (tk_is(c, j, "of")) j++;
  if (j >= c->n || c->t[j].kind != TK_WORD) return false;
  int mo = 0;
  bool abbrev = false;
  if (c->t[j].cls == C_MONTH) {
    mo = c->t[j].arg;
    abbrev = c->t[j].sub;
  } else if ((c->t[j].flags & F_ASCII) && c->t[j].e - c->t[j].s <= 9) {
    const char *v = lexicon_find(lx_months, c->text + c->t[j].s, c->t[j].e - c->t[j].s);
    if (v) {
      mo = parse_int(v, NULL);
      size_t len = c->t[j].e - c->t[j].s;
      abbrev = len <= 4 && mo != 5 && mo != 6 && mo != 7;
    }
  }
  if (mo < 1 || mo > 12) return false;
  j++;
  if (abbrev && tk_punct(c, j, '.') && tk_adj(c, j)) j++;
  int year = 0;
  size_t y = j;
  if (tk_punct(c, y, ',')) y++;
  if (year_number(c, y, &year)) {
    j = y + 1;
  } else {
    year = 0;
  }
  if (year && !valid_date(year, mo, day)) return false;
  if (!year && day > days_in_month(2000, mo)) return false;
  m->first = i;
  m->last = j;
  if (year) {
    date_value(c, m, year, mo, day, false);
  } else if (c->have_year) {
    int y2 = infer_year(c, i, j, mo, day);
    if (!valid_date(y2, mo, day)) return false;
    date_value(c, m, y2, mo, day, true);
  } else {
    date_value(c, m, 0, mo, day, false);
  }
  return true;
}

/* A year alone: 4 digits in a plausible range where the words around make it a year. */
/* A possessive at I: "his", "its", "whose", the "s" of "the company's". */
static bool possessive_at(const ctx *c, size_t i) {
  return tk_is(c, i, "his") || tk_is(c, i, "her") || tk_is(c, i, "its") || tk_is(c, i, "their") ||
         tk_is(c, i, "our") || tk_is(c, i, "whose") ||
         (tk_is(c, i, "s") && i >= 1 && tk_apostrophe(c, i - 1));
}

/* An article or a possessive at I, which a year may follow as an adjective ("the 2016
 * election", "his 2014 annexation"). */
static bool determiner_at(const ctx *c, size_t i) {
  return tk_is(c, i, "the") || tk_is(c, i, "a") || tk_is(c, i, "an") || possessive_at(c, i);
}

static bool match_year(ctx *c, size_t i, cand *m, bool forced) {
  int y;
  /* "1990s" */
  if (tk_num(c, i) && c->t[i].ndig == 4 && c->t[i].arg >= 1000 && c->t[i].arg <= 2100 &&
      c->t[i].arg % 10 == 0 && tk_is(c, i + 1, "s") && tk_adj(c, i + 1) &&
      !(i > 0 && tk_adj(c, i) && c->t[i - 1].kind != TK_PUNCT) && !tk_currency(c, i - 1) &&
      !(i + 2 < c->n && tk_adj(c, i + 2) && c->t[i + 2].kind != TK_PUNCT)) {
    m->first = i;
    m->last = i + 2;
    /* "the 1800s" is a century; "the 2000s" the decade, as people use them */
    if (c->t[i].arg % 100 == 0 && c->t[i].arg < 2000)
      set_value(m, TIMEX_DATE, false, "%02d", c->t[i].arg / 100);
    else
      set_value(m, TIMEX_DATE, false, "%03d", c->t[i].arg / 10);
    return true;
  }
  /* "2014-2016": both ends are years, whatever the words around */
  bool range = false;
  if (tk_num(c, i) && c->t[i].ndig == 4 && c->t[i].arg >= 1000 && c->t[i].arg <= 2100) {
    int a = c->t[i].arg;
    if (tk_punct(c, i + 1, '-') && tk_adj(c, i + 1) && tk_num(c, i + 2) && tk_adj(c, i + 2) &&
        ((c->t[i + 2].ndig == 4 && c->t[i + 2].arg > a && c->t[i + 2].arg <= 2100) ||
         (c->t[i + 2].ndig == 2 && c->t[i + 2].arg == (a + 1) % 100)) &&
        !(i + 3 < c->n && tk_adj(c, i + 3) && (c->t[i + 3].kind == TK_NUM || tk_punct(c, i + 3, '-'))) &&
        !(i > 0 && tk_adj(c, i) && (c->t[i - 1].kind != TK_PUNCT || tk_currency(c, i - 1) ||
                                    tk_punct(c, i - 1, '-'))))
      range = true;
    else if (i >= 2 && tk_punct(c, i - 1, '-') && tk_adj(c, i) && tk_adj(c, i - 1) && tk_num(c, i - 2) &&
             c->t[i - 2].ndig == 4 && c->t[i - 2].arg < a && c->t[i - 2].arg >= 1000 &&
             !(i >= 3 && tk_adj(c, i - 2) && c->t[i - 3].kind != TK_WORD) &&
             !(i + 1 < c->n && tk_adj(c, i + 1) && (c->t[i + 1].kind != TK_PUNCT || tk_punct(c, i + 1, '-'))))
      range = true;
  }
  if (range) {
    m->first = i;
    m->last = i + 1;
    set_date(m, TIMEX_DATE, false, c->t[i].arg, 0, 0);
    return true;
  }
  if (!year_number(c, i, &y)) return false;
  if (i > 0 && tk_currency(c, i - 1)) return false;
  /* after a possessive, a plural noun is what the year qualifies: "its 2016 results" */
  bool possessive = i > 0 && possessive_at(c, i - 1);
  /* "fiscal 1989 sales": a company's year whatever follows; so is "the post-1959 politics",
   * "pre-1990 rules" */
  bool fiscal = i > 0 && tk_is(c, i - 1, "fiscal");
  bool prefixed = i >= 2 && tk_punct(c, i - 1, '-') && tk_adj(c, i) && tk_adj(c, i - 1) &&
                  (tk_is(c, i - 2, "post") || tk_is(c, i - 2, "pre"));
  if (!fiscal && !prefixed && count_noun_after(c, i + 1, !possessive)) return false;
  bool ok = forced || fiscal || prefixed || date_context_before(c, i);
  if (!ok && i >= 2 && (tk_is(c, i - 1, "and") || tk_is(c, i - 1, "to") || tk_punct(c, i - 1, '-')) &&
      tk_num(c, i - 2) && c->t[i - 2].ndig == 4)
    ok = true;
  /* "his 2014 annexation", "the 2016 election", "a 1996 law", "the company's 1989 results" */
  if (!ok && i > 0 && y >= 1900 &&
      (determiner_at(c, i - 1) || tk_is(c, i - 1, "that") || tk_is(c, i - 1, "this") ||
       tk_is(c, i - 1, "both") || tk_is(c, i - 1, "due")) &&
      i + 1 < c->n && c->t[i + 1].kind == TK_WORD && !(c->t[i + 1].flags & F_UPPER))
    ok = true;
  /* one word more between them, before a singular noun: "his unsuccessful 1996 campaign", "the
   * disputed 2000 election" (but "its remaining 2000 workers" counts) */
  if (!ok && i >= 2 && y >= 1900 && c->t[i - 1].kind == TK_WORD && c->t[i - 1].cls == C_NONE &&
      !(c->t[i - 1].flags & (F_CAP | F_UPPER)) && tk_adj(c, i) == false &&
      determiner_at(c, i - 2) &&
      i + 1 < c->n && c->t[i + 1].kind == TK_WORD && c->t[i + 1].cls == C_NONE &&
      !(c->t[i + 1].flags & (F_CAP | F_UPPER)) && c->text[c->t[i + 1].e - 1] != 's')
    ok = true;
  /* a list of years: "in 1994, 1995 and 1997" */
  if (!ok && i >= 2 && tk_punct(c, i - 1, ',') && tk_num(c, i - 2) && c->t[i - 2].ndig == 4 &&
      c->t[i - 2].arg >= 1000 && c->t[i - 2].arg <= 2100)
    ok = true;
  /* a year on a line of its own, as under a headline */
  if (!ok && (c->t[i].flags & F_NL) && (i + 1 >= c->n || (c->t[i + 1].flags & F_NL))) ok = true;
  /* "2014 was", at the start of a sentence */
  if (!ok && i + 1 < c->n && (i == 0 || sentence_end(c, i - 1) || (c->t[i].flags & F_NL)) &&
      (tk_is(c, i + 1, "was") || tk_is(c, i + 1, "is") || tk_is(c, i + 1, "will") ||
       tk_is(c, i + 1, "saw") || tk_is(c, i + 1, "has")))
    ok = true;
  if (!ok) return false;
  m->first = i;
  m->last = i + 1;
  set_date(m, TIMEX_DATE, false, y, 0, 0);
  c->have_last = true;
  c->last_prec = 1;
  c->last_z = fact_days_from_civil(y, 1, 1);
  return true;
}

/* The ordinal at I ("third", "3rd", and "second", which time_words lists as a unit), or 0. */
static int ordinal_at(const ctx *c, size_t i) {
  return tk_cls(c, i, C_ORDINAL) ? c->t[i].arg : tk_is(c, i, "second") ? 2 : 0;
}

/* An ordinal quarter or half at I ("third quarter", "first-half", and with PLURAL set
 * "fourth quarters"); returns the token after it or 0. */
static size_t part_words(const ctx *c, size_t i, int *n, bool *half, bool *plural) {
  *plural = false;
  int ord = ordinal_at(c, i);
  if (!ord && tk_is(c, i, "last") && tk_is(c, i + 1, "half")) ord = 2;
  if (!ord) return 0;
  size_t j = i + 1;
  if (tk_punct(c, j, '-') && tk_adj(c, j) && tk_adj(c, j + 1)) j++;
  *plural = tk_is(c, j, "quarters") || tk_is(c, j, "halves");
  if (tk_is(c, j, "quarter") || tk_is(c, j, "quarters")) {
    if (ord < 1 || ord > 4) return 0;
    *half = false;
  } else if (tk_is(c, j, "half") || tk_is(c, j, "halves")) {
    if (ord < 1 || ord > 2) return 0;
    *half = true;
  } else {
    return 0;
  }
  *n = ord;
  return j + 1;
}

/* The same, one quarter or half only. */
static size_t part_word(const ctx *c, size_t i, int *n, bool *half) {
  bool plural;
  size_t j = part_words(c, i, n, half, &plural);
  return plural ? 0 : j;
}

/* A habit told in the clause before token I: "is usually conducted in the fourth quarter". */
static bool habitual_before(const ctx *c, size_t i) {
  static const char *const habits[] = {"usually", "typically", "normally", "traditionally",
                                       "generally"};
  return clause_before_has(c, i, habits, sizeof habits / sizeof habits[0]);
}

/* "the third quarter", "first-quarter", "the first half of 2016"; YEAR > 0 when the year was
 * already given ("the 1988 third quarter", "this year's first half"). */
static bool match_part(ctx *c, size_t i, cand *m, int year, bool year_relative) {
  int n;
  bool half, plural = false;
  size_t j = part_words(c, i, &n, &half, &plural);
  /* "the second and fourth quarters": the first ordinal shares the unit named after the other */
  if (!j && (tk_is(c, i + 1, "and") || tk_is(c, i + 1, "or")) &&
      part_words(c, i + 2, &n, &half, &plural) && plural) {
    n = ordinal_at(c, i);
    if (n < 1 || n > (half ? 2 : 4)) return false;
    j = i + 1;
  }
  if (!j) return false;
  /* quarters that recur: "business is usually conducted in the second and fourth quarters" */
  if (plural && habitual_before(c, i)) {
    m->first = i;
    m->last = j;
    set_value(m, TIMEX_SET, false, "XXXX-%c%d", half ? 'H' : 'Q', n);
    return true;
  }
  int y2;
  if (tk_is(c, j, "of") && year_number(c, j + 1, &y2)) {
    year = y2;
    year_relative = false;
    j += 2;
  }
  /* "the first half" alone is as often a match as a year */
  if (half && !year) return false;
  m->first = i;
  m->last = j;
  char letter = half ? 'H' : 'Q';
  if (!year) {
    if (!c->have_month) {
      set_value(m, TIMEX_DATE, false, "XXXX-%c%d", letter, n);
      return true;
    }
    year = c->anchor.year;
    int cur = half ? (c->anchor.month - 1) / 6 + 1 : (c->anchor.month - 1) / 3 + 1;
    if (n > cur && tense_around(c, i, j) != TENSE_FUTURE) year--;
    year_relative = true;
  }
  if (!year_ok(year)) return false;
  set_value(m, TIMEX_DATE, year_relative, "%04d-%c%d", year, letter, n);
  return true;
}

/* The weekend nearest the anchor in the tense of the text: the last one in past text (the
 * current one on a Saturday or Sunday), the next one in future text. */
static void weekend_value(ctx *c, cand *m, size_t first, size_t last) {
  if (!c->have_day) {
    set_value(m, TIMEX_DATE, false, "XXXX-WXX-WE");
    return;
  }
  int wd = weekday_of(c->anchor_z);
  long sat;
  if (wd >= 6) sat = c->anchor_z - (wd - 6);
  else if (tense_around(c, first, last) == TENSE_FUTURE) sat = c->anchor_z + (6 - wd);
  else sat = c->anchor_z - (wd + 1);
  fmt_week(m->value, sat);
  size_t l = strlen(m->value);
  snprintf(m->value + l, sizeof m->value - l, "-WE");
  m->type = TIMEX_DATE;
  m->relative = true;
}

/* each / every + [count] unit, weekday, part of the day or month; daily, weekly... */
static bool match_set(ctx *c, size_t i, cand *m) {
  const tok *k = &c->t[i];
  m->first = i;
  if (k->cls == C_SETADV) {
    m->last = i + 1;
    duration_value(m->value, 1, k->arg);
    m->type = TIMEX_SET;
    return true;
  }
  size_t j = i + 1;
  if (j >= c->n) return false;
  int q = 1;
  size_t u = quantity(c, j, &q);
  if (u && q > 0 && tk_cls(c, u, C_UNIT)) j = u;
  else q = 1;
  const tok *nx = &c->t[j];
  m->last = j + 1;
  m->type = TIMEX_SET;
  if (nx->cls == C_UNIT && nx->arg != U_WEEKEND) {
    duration_value(m->value, q, nx->arg);
    return true;
  }
  if (q != 1 || j != i + 1) return false;
  if (nx->cls == C_UNIT) {
    snprintf(m->value, sizeof m->value, "XXXX-WXX-WE");
    return true;
  }
  if (nx->cls == C_WEEKDAY) {
    snprintf(m->value, sizeof m->value, "XXXX-WXX-%d", nx->arg);
    if (tk_cls(c, j + 1, C_DAYPART)) {
      size_t l = strlen(m->value);
      snprintf(m->value + l, sizeof m->value - l, "T%s", c->t[j + 1].code);
      m->last = j + 2;
    }
    return true;
  }
  if (nx->cls == C_DAYPART) {
    snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", nx->code);
    return true;
  }
  if (nx->cls == C_MONTH && !nx->sub) {
    snprintf(m->value, sizeof m->value, "XXXX-%02d", nx->arg);
    return true;
  }
  if (nx->cls == C_SEASON) {
    snprintf(m->value, sizeof m->value, "XXXX-%s", nx->code);
    return true;
  }
  return false;
}

/* early / late / mid / earlier / later + a date: "early June", "mid-2016", "late Friday",
 * "earlier this year". The value is the date's; TIMEX3's mod attribute has no field here. */
static bool match_mod(ctx *c, size_t i, cand *m, int depth) {
  size_t j = i + 1;
  bool hyphen = false;
  if (tk_punct(c, j, '-') && tk_adj(c, j) && tk_adj(c, j + 1)) j++, hyphen = true;
  if (j >= c->n) return false;
  bool comparative = tk_is(c, i, "earlier") || tk_is(c, i, "later");
  const tok *nx = &c->t[j];
  bool ok = false;
  /* "at a later date", "at some later date": some time ahead (or before, "an earlier date") */
  if (comparative && !hyphen && i > 0 &&
      (tk_is(c, i - 1, "a") || tk_is(c, i - 1, "an") || tk_is(c, i - 1, "some")) &&
      tk_is(c, j, "date")) {
    m->first = i - 1;
    m->last = j + 1;
    set_value(m, TIMEX_DATE, false, tk_is(c, i, "later") ? "FUTURE_REF" : "PAST_REF");
    return true;
  }
  /* "earlier in the year", "later in the day": the period of the date in view */
  if (comparative && !hyphen && tk_is(c, j, "in") && tk_cls(c, j + 1, C_THE) && tk_cls(c, j + 2, C_UNIT) &&
      c->text[c->t[j + 2].e - 1] != 's' &&
      (c->t[j + 2].arg == U_DAY || c->t[j + 2].arg == U_WEEK || c->t[j + 2].arg == U_MONTH ||
       c->t[j + 2].arg == U_YEAR)) {
    int unit = c->t[j + 2].arg;
    m->first = i;
    m->last = j + 3;
    m->type = TIMEX_DATE;
    m->relative = true;
    if (last_ok(c, unit) ? period_value(m->value, c->last_z, 0, unit)
                         : anchor_for_unit(c, unit) && period_value(m->value, anchor_z_for(c), 0, unit))
      return true;
    set_value(m, TIMEX_DATE, false, "%s", period_unknown(unit));
    return true;
  }
  /* "mid-afternoon", "late morning", "early evening yesterday": that part of the day in view,
   * or of the day named after it; not "late night television", "early morning raids" */
  if (!comparative && nx->cls == C_DAYPART && c->text[nx->e - 1] != 's' &&
      (!hyphen || tk_is(c, i, "mid")) &&
      !(j + 1 < c->n && c->t[j + 1].kind == TK_WORD && c->t[j + 1].cls == C_NONE &&
        !(c->t[j + 1].flags & (F_CAP | F_UPPER)) && !tk_is(c, j + 1, "and") &&
        !tk_is(c, j + 1, "on") && !tk_is(c, j + 1, "of"))) {
    m->first = i;
    m->last = j + 1;
    daypart_value(m, c->have_day, c->have_day ? day_in_view(c) : 0, nx->code);
    time_attach_day(c, m);
    return true;
  }
  if (nx->cls == C_REL && nx->sub != 'p') {
    ok = match_rel(c, j, m, false) && m->type != TIMEX_DURATION;
  } else if (comparative) {
    ok = ((nx->cls == C_DEICTIC || nx->cls == C_TONIGHT) && match_deictic(c, j, m)) ||
         (nx->cls == C_THAT && match_that(c, j, m));
  } else if (nx->kind == TK_NUM) {
    ok = match_year(c, j, m, true) || (!hyphen && match_day_month(c, j, m));
  } else if (nx->cls == C_MONTH) {
    ok = match_month(c, j, m, false);
  } else if (nx->cls == C_SEASON) {
    ok = match_season(c, j, m);
  } else if (nx->cls == C_WEEKDAY || nx->cls == C_DEICTIC || nx->cls == C_TONIGHT ||
             nx->cls == C_ORDINAL || tk_is(c, j, "second")) {
    ok = match_at(c, j, m, depth + 1) && m->type != TIMEX_DURATION;
  } else if (tk_is(c, j, "next") || tk_is(c, j, "last") || tk_is(c, j, "this")) {
    ok = match_rel(c, j, m, false) && m->type != TIMEX_DURATION;
  }
  if (!ok || m->first != j) return false;
  m->first = i;
  return true;
}

/* "year-earlier profit", "a year-ago loss": the same period a year back, the quarter a
 * results story is about when one was just mentioned. M->first and m->last are set. */
static void year_back_value(ctx *c, size_t i, cand *m) {
  m->type = TIMEX_DATE;
  if (quarter_in_sight(c, i) && quarter_value(m->value, c->last_q - 4)) {
    m->relative = true;
    m->echo = true;
    return;
  }
  if (c->have_year && year_ok(c->anchor.year - 1)) {
    set_date(m, TIMEX_DATE, true, c->anchor.year - 1, 0, 0);
    return;
  }
  set_value(m, TIMEX_DATE, false, "XXXX");
}

/* The period words of results stories after "the" at I: "the quarter", "the latest quarter",
 * "the latest period", "the year-ago quarter", "the comparable year-earlier period", "the
 * 1988 period" (a quarter just mentioned, of another year); "the year ended June 30" (a
 * fiscal year: a duration), "the full year", "for the year," (the anchor's). */
static bool match_results_period(ctx *c, size_t i, cand *m) {
  size_t j = i + 1, p = j;
  bool latest = false, back = false, comparable = false;
  int yr = 0;
  if (tk_is(c, p, "latest")) latest = true, p++;
  else if (tk_is(c, p, "most") && tk_is(c, p + 1, "recent")) latest = true, p += 2;
  if (!latest && (tk_is(c, p, "comparable") || tk_is(c, p, "corresponding") || tk_is(c, p, "same")))
    comparable = true, p++;
  if (tk_is(c, p, "year") && tk_punct(c, p + 1, '-') && tk_adj(c, p + 1) && tk_adj(c, p + 2) &&
      (tk_is(c, p + 2, "earlier") || tk_is(c, p + 2, "ago"))) {
    back = true;
    p += 3;
    /* "the year-earlier nine months": a stretch as long as the one reported, a year back */
    int n;
    size_t u = quantity(c, p, &n);
    if (u && n > 0 && tk_cls(c, u, C_UNIT) && (c->t[u].arg == U_MONTH || c->t[u].arg == U_WEEK) &&
        !(tk_punct(c, u + 1, '-') && tk_adj(c, u + 1))) {
      m->first = i;
      m->last = u + 1;
      set_duration(m, n, c->t[u].arg);
      return true;
    }
  } else if (!latest && !comparable && tk_num(c, p) && c->t[p].ndig == 4 && c->t[p].arg >= 1000 &&
             c->t[p].arg <= 2100 && !tk_adj(c, p + 1)) {
    yr = c->t[p].arg;
    p++;
  }
  if (tk_is(c, p, "fiscal")) p++;
  /* "the corresponding period last year", "the same quarter a year ago", "the quarter a year
   * ago" */
  size_t tail = p + 1;
  if (!back && !yr && !latest && (tk_is(c, p, "quarter") || tk_is(c, p, "period"))) {
    if (tk_is(c, p + 1, "last") && tk_is(c, p + 2, "year")) tail = p + 3, back = true;
    else if (tk_is(c, p + 1, "a") && tk_is(c, p + 2, "year") &&
             (tk_is(c, p + 3, "ago") || tk_is(c, p + 3, "earlier")))
      tail = p + 4, back = true;
  }
  if (comparable && !back) return false;
  bool noun_ends = !(tk_punct(c, p + 1, '-') && tk_adj(c, p + 1)) && !tk_is(c, p + 1, "of");
  bool quarter = tk_is(c, p, "quarter") && !(c->t[p].flags & F_CAP);
  bool period = tk_is(c, p, "period") && (latest || back || yr);
  /* "For the nine months, net rose. In the year-earlier period, ...": that stretch */
  if (period && back && noun_ends && c->have_stretch && !quarter_in_sight(c, i) &&
      c->t[i].s >= c->stretch_end && c->t[i].s - c->stretch_end <= QUARTER_REACH) {
    m->first = i;
    m->last = tail;
    set_value(m, TIMEX_DURATION, false, "%s", c->stretch);
    return true;
  }
  if ((quarter || period) && noun_ends) {
    if (yr && !quarter_in_sight(c, i)) return false; /* "the 1988 quarter": which one? */
    m->first = i;
    m->last = tail;
    m->type = TIMEX_DATE;
    m->relative = true;
    m->echo = back || quarter_in_sight(c, i);
    long q;
    if (yr) {
      q = (long)yr * 4 + c->last_q % 4;
    } else if (!reporting_quarter(c, i, tense_around(c, i, p + 1) == TENSE_FUTURE, &q)) {
      set_value(m, TIMEX_DATE, false, "XXXX-QX");
      return true;
    }
    if (back) q -= 4;
    if (!quarter_value(m->value, q)) set_value(m, TIMEX_DATE, false, "XXXX-QX");
    return true;
  }
  /* "the latest fiscal year": the last one to have ended, as "the latest quarter" is */
  if (latest && tk_is(c, p, "year") && noun_ends && !tk_apostrophe(c, p + 1)) {
    m->first = i;
    m->last = p + 1;
    if (!c->have_year || !year_ok(c->anchor.year - 1)) {
      set_value(m, TIMEX_DATE, false, "XXXX");
      return true;
    }
    set_date(m, TIMEX_DATE, true, c->anchor.year - 1, 0, 0);
    return true;
  }
  if (latest || back || comparable || yr) return false;
  /* "the year ended Sept. 30", "the fiscal year ending in June": a year's accounts */
  p = j;
  if (tk_is(c, p, "fiscal")) p++;
  if (tk_is(c, p, "year") && (tk_is(c, p + 1, "ended") || tk_is(c, p + 1, "ending"))) {
    m->first = i;
    m->last = p + 1;
    set_value(m, TIMEX_DURATION, false, "P1Y");
    return true;
  }
  /* "the full year", "for the year, profit rose", "lower earnings for the fiscal year", "the
   * first nine months of the year", "a high for the year of $42": the year being reported, the
   * anchor's (not "the year before", "the year of the flood") */
  bool full = tk_is(c, j, "full") && tk_is(c, j + 1, "year");
  p = tk_is(c, j, "fiscal") ? j + 1 : j;
  bool for_year = i > 0 && (tk_is(c, i - 1, "for") || tk_is(c, i - 1, "of")) &&
                  tk_is(c, p, "year") &&
                  (tk_punct(c, p + 1, ',') || tk_punct(c, p + 1, '.') || tk_punct(c, p + 1, ';') ||
                   (tk_is(c, p + 1, "of") && (tk_currency(c, p + 2) || tk_num(c, p + 2))));
  if (!full && !for_year) return false;
  if (full) p = j + 1;
  if (tk_punct(c, p + 1, '-') || tk_apostrophe(c, p + 1)) return false;
  m->first = i;
  m->last = p + 1;
  if (!c->have_year) {
    set_value(m, TIMEX_DATE, false, "XXXX");
    return true;
  }
  set_date(m, TIMEX_DATE, true, c->anchor.year, 0, 0);
  return true;
}

/* Phrases that start with "the". */
static bool match_the(ctx *c, size_t i, cand *m, int depth) {
  size_t j = i + 1;
  if (j >= c->n) return false;
  const tok *nx = &c->t[j];
  if (match_results_period(c, i, m)) return true;
  if ((nx->cls == C_REL || nx->cls == C_ANCHORED) && match_rel(c, j, m, true)) {
    m->first = i;
    return true;
  }
  /* "the year 2000", "the year two thousand" */
  if (tk_is(c, j, "year")) {
    int y;
    size_t e = year_number(c, j + 1, &y) ? j + 2 : spelled_year(c, j + 1, true, &y);
    if (e) {
      m->first = i;
      m->last = e;
      date_value(c, m, y, 0, 0, false);
      return true;
    }
  }
  /* "the fiscal first quarter", "the 1988 third quarter", "the third quarter of 1990" */
  size_t p = j;
  if (tk_is(c, p, "fiscal")) p++;
  if (p > j && tk_punct(c, p, '-') && tk_adj(c, p) && tk_adj(c, p + 1)) p++; /* "fiscal-first" */
  int y = 0;
  if (tk_num(c, p) && year_number(c, p, &y) && part_word(c, p + 1, &(int){0}, &(bool){false})) p++;
  else y = 0;
  /* "the year-earlier third quarter" */
  bool year_before = false;
  if (!y && tk_is(c, p, "year") && tk_punct(c, p + 1, '-') && tk_adj(c, p + 1) &&
      (tk_is(c, p + 2, "earlier") || tk_is(c, p + 2, "ago")) && tk_adj(c, p + 2) && c->have_year) {
    year_before = true;
    p += 3;
  }
  if ((!tk_is(c, p, "last") || tk_is(c, p + 1, "half")) &&
      match_part(c, p, m, year_before ? c->anchor.year - 1 : y, year_before)) {
    /* a hyphenated "third-quarter" is an adjective: "the" belongs to the noun after it
     * ("the fiscal second-quarter loss" keeps "fiscal") */
    bool adjective = m->last >= 3 && tk_punct(c, m->last - 2, '-') && tk_adj(c, m->last - 2);
    /* so does "the second and fourth quarters": "the" is the whole phrase's, not "second"'s */
    bool shared = m->last == p + 1 && (tk_is(c, m->last, "and") || tk_is(c, m->last, "or"));
    m->first = (adjective || shared) && !y && !year_before ? j : i;
    /* "the second quarter ended Oct. 31": the year the quarter ended in */
    cand end;
    memset(&end, 0, sizeof end);
    if (!y && !year_before && !adjective && m->relative && strlen(m->value) == 7 &&
        (tk_is(c, m->last, "ended") || tk_is(c, m->last, "ending")) &&
        tk_cls(c, m->last + 1, C_MONTH) &&
        match_month(c, m->last + 1, &end, false) && is_digit((unsigned char)end.value[0])) {
      memcpy(m->value, end.value, 4);
      m->relative = end.relative;
    }
    return true;
  }
  /* "the first two quarters of 1990": the year's first half */
  {
    int y2;
    if (tk_is(c, j, "first") && tk_is(c, j + 1, "two") && tk_is(c, j + 2, "quarters") &&
        tk_is(c, j + 3, "of") && year_number(c, j + 4, &y2)) {
      m->first = i;
      m->last = j + 5;
      set_value(m, TIMEX_DATE, false, "%04d-H1", y2);
      return true;
    }
  }
  /* "the first nine months", "the four days": a duration */
  p = j;
  if (tk_is(c, p, "first") || tk_is(c, p, "latest")) p++;
  if (p < c->n && (c->t[p].kind == TK_NUM || c->t[p].cls == C_NUMBER || c->t[p].cls == C_VAGUE) &&
      !tk_is(c, p, "a") && !tk_is(c, p, "an") && match_quantity(c, p, m) &&
      m->type == TIMEX_DURATION && m->first == p) {
    /* "the 30-day grace period", "the two day rally": the duration is an adjective and "the"
     * belongs to the noun after it */
    size_t u = m->last - 1;
    bool adjective = (u >= 1 && tk_punct(c, u - 1, '-') && tk_adj(c, u)) ||
                     (c->t[u].cls == C_UNIT && c->text[c->t[u].e - 1] != 's' && c->t[u].arg != U_CENTURY &&
                      !(c->t[p].arg == 1 && p + 1 == u) && u + 1 < c->n && c->t[u + 1].kind == TK_WORD);
    if (adjective && p == j) return false;
    m->first = i;
    return true;
  }
  /* "the first hours of the war", "the early years": a stretch of no stated length; not "the
   * early hours of Thursday morning" (a part of that day) */
  if ((tk_is(c, j, "first") || tk_is(c, j, "early") || tk_is(c, j, "opening") ||
       tk_is(c, j, "final")) &&
      tk_cls(c, j + 1, C_UNIT) && c->text[c->t[j + 1].e - 1] == 's' &&
      !(c->t[j + 1].flags & F_CAP) &&
      c->t[j + 1].arg != U_WEEKEND && c->t[j + 1].arg != U_SEC &&
      !(tk_is(c, j + 2, "of") && j + 3 < c->n &&
        (c->t[j + 3].kind == TK_NUM || c->t[j + 3].cls == C_WEEKDAY || c->t[j + 3].cls == C_MONTH ||
         c->t[j + 3].cls == C_DEICTIC || c->t[j + 3].cls == C_REL))) {
    m->first = i;
    m->last = j + 2;
    set_duration(m, -1, c->t[j + 1].arg);
    return true;
  }
  /* "today is the eighth day of the operation", "it's the second day of an offensive": the day
   * the copula speaks of, the anchor */
  if (c->have_day &&
      ((i >= 2 && tk_is(c, i - 1, "is")) ||
       (i >= 3 && tk_is(c, i - 1, "s") && tk_apostrophe(c, i - 2)))) {
    size_t subj = tk_is(c, i - 1, "is") ? i - 2 : i - 3;
    static const char *const ords[] = {"first", "second", "third", "fourth", "fifth", "sixth",
                                       "seventh", "eighth", "ninth", "tenth"};
    bool ordinal = false;
    for (size_t q = 0; q < sizeof ords / sizeof ords[0]; q++)
      if (tk_is(c, j, ords[q])) ordinal = true;
    int nth;
    if (!ordinal && day_number(c, j, &nth) == j + 2) ordinal = true;
    if (ordinal && (tk_is(c, subj, "today") || tk_is(c, subj, "it") || tk_is(c, subj, "this")) &&
        tk_is(c, j + (tk_num(c, j) ? 2 : 1), "day") && tk_is(c, j + (tk_num(c, j) ? 3 : 2), "of")) {
      m->first = i;
      m->last = j + (tk_num(c, j) ? 3 : 2);
      fmt_day(m->value, c->anchor_z);
      m->type = TIMEX_DATE;
      m->relative = true;
      return true;
    }
  }
  /* "the 20th century", "the 1800s" */
  int ord;
  size_t after_ord = day_number(c, j, &ord);
  if (after_ord && after_ord == j + 2 && tk_is(c, after_ord, "century") && ord >= 1 && ord <= 30) {
    m->first = i;
    m->last = after_ord + 1;
    set_value(m, TIMEX_DATE, false, "%02d", ord - 1);
    return true;
  }
  /* "placed orders in the morning" after Friday was named: that part of the day in view, in a
   * clause told in the past or future (a habit, "trading opens in the morning", has no day) */
  if (nx->cls == C_DAYPART && c->text[nx->e - 1] != 's' && i > 0 &&
      (tk_is(c, i - 1, "in") || tk_is(c, i - 1, "during")) && !tk_is(c, j + 1, "of") &&
      !(j + 1 < c->n && c->t[j + 1].kind == TK_WORD && c->t[j + 1].cls == C_NONE &&
        !(c->t[j + 1].flags & F_CAP) && !tk_is(c, j + 1, "and") && !tk_is(c, j + 1, "to")) &&
      c->have_day && c->have_last && c->last_prec == 3 && labs(c->last_z - c->anchor_z) <= 7) {
    int tense = tense_around(c, i, j + 1);
    if (tense == TENSE_PAST || tense == TENSE_FUTURE) {
      m->first = i;
      m->last = j + 1;
      daypart_value(m, true, c->last_z, nx->code);
      return true;
    }
  }
  /* "the nineties" */
  static const char *const decades[] = {"twenties", "thirties", "forties", "fifties",
                                        "sixties", "seventies", "eighties", "nineties"};
  for (int d = 0; d < 8; d++)
    if (tk_is(c, j, decades[d])) {
      m->first = i;
      m->last = j + 1;
      set_value(m, TIMEX_DATE, false, "19%d", d + 2);
      return true;
    }
  /* "the day before yesterday", "the day after tomorrow"; "the day before" a date just
   * mentioned */
  if (tk_is(c, j, "day") && tk_cls(c, j + 1, C_SIGNAL) && c->t[j + 1].arg != SIG_AGO) {
    int sign = c->t[j + 1].arg == SIG_BEFORE ? -1 : 1;
    long base;
    size_t last = j + 2;
    bool known;
    if (tk_cls(c, j + 2, C_DEICTIC)) {
      known = c->have_day;
      base = c->anchor_z + c->t[j + 2].arg;
      last = j + 3;
    } else if (j + 2 >= c->n || c->t[j + 2].kind != TK_WORD || tk_is(c, j + 2, "and")) {
      known = last_ok(c, U_DAY);
      base = c->last_z;
    } else {
      /* "the day before last Tuesday's hearing": the day before a date */
      cand d;
      memset(&d, 0, sizeof d);
      civil_date day;
      if ((tk_cls(c, j + 2, C_WEEKDAY) || tk_cls(c, j + 2, C_REL) || tk_cls(c, j + 2, C_MONTH)) &&
          match_at(c, j + 2, &d, depth + 1) && d.first == j + 2 && d.type == TIMEX_DATE &&
          strlen(d.value) == 10 && timex_value_to_date(d.value, &day) && day.day) {
        known = true;
        base = fact_days_from_civil(day.year, day.month, day.day);
        last = d.last;
      } else if (i >= 2 && tk_punct(c, i - 1, ',') && c->prev_end == i - 1 && last_ok(c, U_DAY)) {
        /* "after Oct. 12, the day before the plunge": the date just named, told again */
        m->first = i;
        m->last = j + 1;
        fmt_day(m->value, c->last_z);
        m->type = TIMEX_DATE;
        m->relative = true;
        return true;
      } else {
        return false; /* "the day after the vote": an event, not a date */
      }
    }
    m->first = i;
    m->last = last;
    if (!known) {
      set_value(m, TIMEX_DATE, false, "XXXX-XX-XX");
      return true;
    }
    fmt_day(m->value, base + sign);
    m->type = TIMEX_DATE;
    m->relative = true;
    c->have_last = true, c->last_prec = 3;
    c->last_z = base + sign;
    return true;
  }
  /* "the weeks ahead", "the days to come" */
  if (nx->cls == C_UNIT && c->text[nx->e - 1] == 's' && nx->arg != U_WEEKEND &&
      (tk_is(c, j + 1, "ahead") || (tk_is(c, j + 1, "to") && tk_is(c, j + 2, "come")))) {
    m->first = i;
    m->last = tk_is(c, j + 1, "ahead") ? j + 2 : j + 3;
    set_duration(m, -1, nx->arg);
    return true;
  }
  /* "in the years that followed", "the months since the war": a stretch of no stated length
   * after a point the story names */
  if (nx->cls == C_UNIT && c->text[nx->e - 1] == 's' && nx->arg != U_WEEKEND &&
      (((tk_is(c, j + 1, "that") || tk_is(c, j + 1, "which")) && tk_is(c, j + 2, "followed")) ||
       tk_is(c, j + 1, "since"))) {
    m->first = i;
    m->last = j + 1;
    set_duration(m, -1, nx->arg);
    return true;
  }
  /* "the weekend" */
  if (nx->cls == C_UNIT && nx->arg == U_WEEKEND && nx->e - nx->s == 7) {
    m->first = i;
    m->last = j + 1;
    weekend_value(c, m, i, j + 1);
    return true;
  }
  /* "the week of March 6" */
  if (tk_is(c, j, "week") && tk_is(c, j + 1, "of") && j + 2 < c->n) {
    cand inner;
    memset(&inner, 0, sizeof inner);
    bool ok = tk_cls(c, j + 2, C_MONTH) ? match_month(c, j + 2, &inner, false)
              : tk_num(c, j + 2)        ? match_day_month(c, j + 2, &inner)
                                        : false;
    civil_date d;
    if (ok && strlen(inner.value) == 10 && timex_value_to_date(inner.value, &d)) {
      m->first = i;
      m->last = inner.last;
      fmt_week(m->value, fact_days_from_civil(d.year, d.month, d.day));
      m->type = TIMEX_DATE;
      m->relative = inner.relative;
      return true;
    }
  }
  /* "the early 1980s", "the mid-1990s" */
  if (nx->cls == C_MOD && match_mod(c, j, m, depth)) {
    m->first = i;
    return true;
  }
  /* "the end of 2014", "the beginning of next year", "the middle of October" */
  if ((tk_is(c, j, "end") || tk_is(c, j, "beginning") || tk_is(c, j, "start") ||
       tk_is(c, j, "middle")) &&
      tk_is(c, j + 1, "of") && j + 2 < c->n) {
    size_t q = j + 2;
    bool ok = false;
    if (tk_num(c, q)) ok = match_year(c, q, m, true);
    else if (tk_cls(c, q, C_MONTH)) ok = match_month(c, q, m, false);
    else if (tk_cls(c, q, C_THE) && tk_cls(c, q + 1, C_UNIT) && c->text[c->t[q + 1].e - 1] != 's' &&
             (c->t[q + 1].arg == U_YEAR || c->t[q + 1].arg == U_MONTH || c->t[q + 1].arg == U_WEEK)) {
      /* "the end of the year": the anchor's */
      int unit = c->t[q + 1].arg;
      if (anchor_for_unit(c, unit)) ok = period_value(m->value, anchor_z_for(c), 0, unit);
      else ok = snprintf(m->value, sizeof m->value, "%s", period_unknown(unit)) > 0;
      m->first = q;
      m->last = q + 2;
      m->type = TIMEX_DATE;
      m->relative = anchor_for_unit(c, unit);
    } else if (tk_cls(c, q, C_REL) || tk_cls(c, q, C_THE) || tk_cls(c, q, C_THAT))
      ok = match_at(c, q, m, depth + 1);
    if (ok && m->first == q && m->type != TIMEX_DURATION) {
      m->first = i;
      return true;
    }
    return false;
  }
  /* "over the years", "through the decades": a stretch of time of no stated length */
  if (i > 0 && (tk_is(c, i - 1, "over") || tk_is(c, i - 1, "through") ||
                tk_is(c, i - 1, "throughout") || tk_is(c, i - 1, "across")) &&
      tk_cls(c, i + 1, C_UNIT) && c->text[c->t[i + 1].e - 1] == 's' &&
      !(c->t[i + 1].flags & F_CAP) && c->t[i + 1].arg != U_WEEKEND && c->t[i + 1].arg != U_SEC && c->t[i + 1].arg != U_MIN &&
      !(i + 2 < c->n && c->t[i + 2].kind == TK_WORD && !(c->t[i + 2].flags & (F_CAP | F_UPPER)) &&
        c->t[i + 2].cls == C_NONE && !tk_is(c, i + 2, "and") && !tk_is(c, i + 2, "that") &&
        !tk_is(c, i + 2, "he") && !tk_is(c, i + 2, "she") && !tk_is(c, i + 2, "it") &&
        !tk_is(c, i + 2, "they") && !tk_is(c, i + 2, "we") && !tk_is(c, i + 2, "many") &&
        !tk_is(c, i + 2, "there"))) {
    m->first = i;
    m->last = i + 2;
    set_duration(m, -1, c->t[i + 1].arg);
    return true;
  }
  /* "the future", "the near future", "in the past" as nouns: not "future plans"; "in the near
   * term", "over the long term" */
  j = i + 1;
  if (tk_is(c, j, "near") || tk_is(c, j, "distant")) j++;
  bool fut = tk_cls(c, j, C_REF) && c->t[j].arg == REF_FUTURE;
  bool past = j == i + 1 && tk_is(c, j, "past") && i > 0 && tk_is(c, i - 1, "in");
  bool prep = i > 0 && (tk_is(c, i - 1, "in") || tk_is(c, i - 1, "into") || tk_is(c, i - 1, "for"));
  if (!fut && !past && i > 0 && (prep || tk_is(c, i - 1, "over") || tk_is(c, i - 1, "of")) &&
      (tk_is(c, i + 1, "near") || tk_is(c, i + 1, "short") || tk_is(c, i + 1, "long")) &&
      tk_is(c, i + 2, "term") && tk_adj(c, i + 2) == false) {
    j = i + 2;
    fut = true;
  }
  if (!fut && !past) return false;
  /* after "in", "into", "for" the noun phrase ends here whatever follows ("in the future is
   * yet to be seen"), except "the future of ..."; a clause may follow ("the future that awaits
   * him") */
  if (j + 1 < c->n && c->t[j + 1].kind == TK_WORD && !tk_is(c, j + 1, "and") &&
      !tk_is(c, j + 1, "or") && !tk_is(c, j + 1, "but") && !tk_is(c, j + 1, "as") &&
      !tk_is(c, j + 1, "that") && !tk_is(c, j + 1, "which") && !(prep && !tk_is(c, j + 1, "of")))
    return false;
  m->first = i;
  m->last = j + 1;
  set_value(m, TIMEX_DATE, false, fut ? "FUTURE_REF" : "PAST_REF");
  return true;
}

/* A unit word alone: "for years" (a duration of unknown length), "in recent years". */
static bool match_unit(ctx *c, size_t i, cand *m) {
  const tok *k = &c->t[i];
  if (tk_is(c, i, "second")) return match_part(c, i, m, 0, false);
  size_t len = k->e - k->s;
  bool plural = c->text[k->e - 1] == 's' && len > 3;
  /* "day-long", "decades-long", "a week-long visit" */
  if (tk_punct(c, i + 1, '-') && tk_adj(c, i + 1) && tk_is(c, i + 2, "long") && tk_adj(c, i + 2) &&
      k->arg != U_WEEKEND && !(i > 0 && tk_adj(c, i) && c->t[i - 1].kind != TK_WORD)) {
    m->first = i;
    m->last = i + 3;
    set_duration(m, plural ? -1 : 1, k->arg);
    return true;
  }
  /* "year-earlier profit", "year-ago results" */
  if (k->arg == U_YEAR && !plural && tk_punct(c, i + 1, '-') && tk_adj(c, i + 1) && tk_adj(c, i + 2) &&
      (tk_is(c, i + 2, "earlier") || tk_is(c, i + 2, "ago")) && !(i > 0 && tk_adj(c, i))) {
    m->first = i;
    m->last = i + 3;
    year_back_value(c, i, m);
    return true;
  }
  /* "by year-end", "around year end", "by year's end": the end of the anchor's year (TIMEX3
   * writes the year, with mod END); "since year-end" looks back to the last one */
  if (k->arg == U_YEAR && !plural && !(k->flags & F_CAP && i > 0 && !sentence_end(c, i - 1))) {
    size_t e = 0;
    if (tk_punct(c, i + 1, '-') && tk_adj(c, i + 1) && tk_adj(c, i + 2) && tk_is(c, i + 2, "end")) e = i + 3;
    else if (tk_is(c, i + 1, "end") && !tk_adj(c, i + 1)) e = i + 2;
    else if (tk_apostrophe(c, i + 1) && tk_adj(c, i + 1) && tk_is(c, i + 2, "s") && tk_adj(c, i + 2) &&
             tk_is(c, i + 3, "end"))
      e = i + 4;
    static const char *const preps[] = {"by", "at", "around", "before", "until", "till", "through",
                                        "since", "after", "near", "toward", "towards", "from"};
    bool prep = false;
    for (size_t p = 0; i > 0 && p < sizeof preps / sizeof preps[0]; p++)
      if (tk_is(c, i - 1, preps[p])) prep = true;
    if (e && prep && !(e < c->n && c->t[e].kind == TK_WORD && c->t[e].cls == C_NONE && !(c->t[e].flags & F_CAP) &&
                       !tk_is(c, e, "and") && !tk_is(c, e, "or"))) {
      m->first = i;
      m->last = e;
      if (!c->have_year) {
        set_value(m, TIMEX_DATE, false, "XXXX");
        return true;
      }
      int y = c->anchor.year - (tk_is(c, i - 1, "since") ? 1 : 0);
      set_date(m, TIMEX_DATE, true, y, 0, 0);
      return true;
    }
  }
  if (!plural || k->arg == U_WEEKEND || i == 0) return false;
  if (tk_cls(c, i + 1, C_SIGNAL) && c->t[i + 1].arg == SIG_AGO) { /* "months ago" */
    m->first = i;
    m->last = i + 2;
    set_value(m, TIMEX_DATE, false, "PAST_REF");
    return true;
  }
  if (tk_is(c, i - 1, "these") && k->arg == U_DAY) { /* "these days" */
    m->first = i - 1;
    m->last = i + 1;
    set_value(m, TIMEX_DATE, false, "PRESENT_REF");
    return true;
  }
  if (tk_is(c, i - 1, "recent")) { /* "in recent years": a stretch up to now, as TimeBank has it */
    m->first = i - 1;
    m->last = i + 1;
    set_duration(m, -1, k->arg);
    return true;
  }
  /* "for the first time in years", "the highest level in decades": the stretch since it last
   * happened, of no stated length */
  static const char *const marks[] = {"time", "first", "highest", "lowest", "biggest", "largest",
                                      "smallest", "longest", "worst", "best", "strongest",
                                      "weakest", "sharpest", "steepest", "level", "levels"};
  bool since_last = i >= 2 && tk_is(c, i - 1, "in") && TK_IN(c, i - 2, marks);
  if (!(tk_is(c, i - 1, "for") || tk_is(c, i - 1, "over") || tk_is(c, i - 1, "within") ||
        tk_is(c, i - 1, "after") || tk_is(c, i - 1, "took") || tk_is(c, i - 1, "take") ||
        tk_is(c, i - 1, "lasted") || since_last))
    return false;
  /* "for days to come" is fine; "for years of war" too */
  m->first = i;
  m->last = i + 1;
  set_duration(m, -1, k->arg);
  return true;
}

/* "that year", "that same day": the period of the date just mentioned. */
static bool match_that(ctx *c, size_t i, cand *m) {
  size_t j = i + 1;
  if (tk_is(c, j, "same")) j++;
  if (!tk_cls(c, j, C_UNIT)) return false;
  int unit = c->t[j].arg;
  /* "that quarter": the one a results story just named */
  if (unit == U_QUARTER && quarter_in_sight(c, i) && tk_is(c, j, "quarter") &&
      quarter_value(m->value, c->last_q)) {
    m->first = i;
    m->last = j + 1;
    m->type = TIMEX_DATE;
    m->relative = true;
    m->echo = true;
    return true;
  }
  if (c->text[c->t[j].e - 1] == 's' || unit == U_SEC || unit == U_MIN || unit == U_HOUR ||
      unit == U_WEEKEND || !last_ok(c, unit))
    return false;
  if (!period_value(m->value, c->last_z, 0, unit)) return false;
  m->first = i;
  m->last = j + 1;
  m->type = TIMEX_DATE;
  m->relative = true;
  return true;
}

/* "Fri, 24 Mar 2017": a weekday abbreviation only counts before a full date. */
static bool match_weekday_abbr(ctx *c, size_t i, cand *m) {
  if (!(c->t[i].flags & (F_CAP | F_UPPER))) return false;
  size_t j = i + 1;
  if (tk_punct(c, j, '.') && tk_adj(c, j)) j++;
  if (tk_punct(c, j, ',')) j++;
  bool ok = tk_cls(c, j, C_MONTH) ? match_month(c, j, m, false) : tk_num(c, j) && match_day_month(c, j, m);
  if (!ok || strlen(m->value) != 10 || m->first != j) return false;
  /* and only if it names the date's weekday ("The Sun, 24 March 2017" is a newspaper) */
  civil_date d;
  if (!timex_value_to_date(m->value, &d) ||
      weekday_of(fact_days_from_civil(d.year, d.month, d.day)) != c->t[i].arg)
    return false;
  m->first = i;
  return true;
}

static bool match_one(ctx *c, size_t i, cand *m, int depth);

/* Tries every pattern that can start at token I; DEPTH stops runaway nesting. A full date
 * followed by a time of day becomes one TIME: "24 March 2017, 09:15 GMT". */
static bool match_at(ctx *c, size_t i, cand *m, int depth) {
  if (!match_one(c, i, m, depth)) return false;
  if (m->type != TIMEX_DATE || strlen(m->value) != 10 || strchr(m->value, 'X')) return true;
  size_t j = m->last;
  if (tk_punct(c, j, ',')) j++;
  if (tk_is(c, j, "at")) j++;
  if (!tk_num(c, j)) return true;
  cand t;
  memset(&t, 0, sizeof t);
  if (!match_time(c, j, &t) || strlen(t.value) < 10 || t.first != j) return true;
  memcpy(t.value, m->value, 10);
  t.first = m->first;
  t.relative = m->relative;
  *m = t;
  return true;
}

static bool match_one(ctx *c, size_t i, cand *m, int depth) {
  if (i >= c->n || depth > 3) return false;
  const tok *k = &c->t[i];
  if (k->flags & F_URL) return false;
  memset(m, 0, sizeof *m);
  if (k->kind == TK_NUM) {
    /* "a 20th century democrat", "the fabled 11th century temple" (after "the" alone, see
     * match_the) */
    int ord;
    size_t after_ord = day_number(c, i, &ord);
    if (after_ord == i + 2 && tk_is(c, after_ord, "century") && ord >= 1 && ord <= 30) {
      m->first = i;
      m->last = after_ord + 1;
      set_value(m, TIMEX_DATE, false, "%02d", ord - 1);
      return true;
    }
    if (match_numeric_date(c, i, m)) return true;
    if (match_time(c, i, m)) return true;
    if (match_day_month(c, i, m)) return true;
    if (match_year(c, i, m, false)) return true;
    if (match_quantity(c, i, m)) return true;
    return false;
  }
  if (tk_apostrophe(c, i)) {
    /* "the '90s" */
    if (tk_num(c, i + 1) && tk_adj(c, i + 1) && c->t[i + 1].ndig == 2 && c->t[i + 1].arg % 10 == 0 &&
        tk_is(c, i + 2, "s") && tk_adj(c, i + 2) &&
        !(i + 3 < c->n && tk_adj(c, i + 3) && c->t[i + 3].kind != TK_PUNCT)) {
      int dd = c->t[i + 1].arg;
      m->first = i;
      m->last = i + 3;
      set_value(m, TIMEX_DATE, false, "%d%d", dd >= 30 ? 19 : 20, dd / 10);
      return true;
    }
    return false;
  }
  if (k->kind != TK_WORD) return false;
  switch ((wclass)k->cls) {
  case C_MONTH: return (k->arg == 5 && match_holiday(c, i, m, 2)) || match_month(c, i, m, true);
  case C_WEEKDAY: return match_weekday(c, i, m, 0);
  case C_DEICTIC:
  case C_TONIGHT: return match_deictic(c, i, m);
  case C_REL:
    if (match_rel(c, i, m, false)) return true;
    /* the adjective "current" ("current market conditions", "his current wife"): not the
     * noun (an electric current), nor "current account" (a balance), nor "then current" */
    if (tk_is(c, i, "current") && i + 1 < c->n && c->t[i + 1].kind == TK_WORD &&
        !(c->t[i + 1].flags & F_CAP) && c->t[i + 1].cls == C_NONE && !tk_is(c, i + 1, "account") &&
        !tk_is(c, i + 1, "accounts") && !tk_is(c, i + 1, "and") && !tk_is(c, i + 1, "or") &&
        !tk_is(c, i + 1, "of") &&
        !(i > 0 && (tk_is(c, i - 1, "then") || tk_is(c, i - 1, "electric") || tk_is(c, i - 1, "ocean")))) {
      m->first = i;
      m->last = i + 1;
      set_value(m, TIMEX_DATE, false, "PRESENT_REF");
      return true;
    }
    return false;
  case C_NUMBER: {
    int y;
    /* "to stay for a fairly lengthy period", "over a long period of time": a stretch of no
     * stated length */
    if ((tk_is(c, i, "a") || tk_is(c, i, "an")) && i > 0 &&
        (tk_is(c, i - 1, "for") || tk_is(c, i - 1, "over") || tk_is(c, i - 1, "during") ||
         tk_is(c, i - 1, "within") || tk_is(c, i - 1, "after"))) {
      size_t j = i + 1;
      if (tk_is(c, j, "fairly") || tk_is(c, j, "very") || tk_is(c, j, "relatively") ||
          tk_is(c, j, "rather"))
        j++;
      if ((tk_is(c, j, "long") || tk_is(c, j, "lengthy") || tk_is(c, j, "extended") ||
           tk_is(c, j, "prolonged") || tk_is(c, j, "short") || tk_is(c, j, "brief")) &&
          tk_is(c, j + 1, "period")) {
        m->first = i;
        m->last = tk_is(c, j + 2, "of") && tk_is(c, j + 3, "time") ? j + 4 : j + 2;
        set_value(m, TIMEX_DURATION, false, "PXX");
        return true;
      }
    }
    size_t e = spelled_year(c, i, false, &y);
    if (e) {
      m->first = i;
      m->last = e;
      date_value(c, m, y, 0, 0, false);
      return true;
    }
    return match_quantity(c, i, m);
  }
  case C_VAGUE: return match_quantity(c, i, m);
  case C_TIMEWORD: return match_time(c, i, m);
  case C_REF:
    if (k->arg == REF_FUTURE) {
      /* only as "the future" (match_the), or before a plural unit: "in future quarters" */
      if (!tk_cls(c, i + 1, C_UNIT) || tk_adj(c, i + 1) || c->text[c->t[i + 1].e - 1] != 's' ||
          c->t[i + 1].arg == U_WEEKEND || (c->t[i + 1].flags & F_CAP))
        return false;
      m->first = i;
      m->last = i + 2;
      set_value(m, TIMEX_DATE, false, "FUTURE_REF");
      return true;
    }
    m->first = i;
    m->last = i + 1;
    set_value(m, TIMEX_DATE, false, "%s",
              k->arg == REF_PRESENT ? "PRESENT_REF" : k->arg == REF_PAST ? "PAST_REF" : "FUTURE_REF");
    return true;
  case C_THE: return match_the(c, i, m, depth);
  case C_MOD: return match_mod(c, i, m, depth);
  case C_SET:
  case C_SETADV: return match_set(c, i, m);
  case C_ORDINAL: return match_part(c, i, m, 0, false);
  case C_UNIT: return match_unit(c, i, m);
  case C_SEASON: return match_season(c, i, m);
  case C_THAT: return match_that(c, i, m);
  case C_HOLIDAY: return match_holiday(c, i, m, 2);
  case C_HALF: return match_quantity(c, i, m);
  case C_WDABBR: return match_weekday_abbr(c, i, m);
  default: return false;
  }
}

/* How many tokens before FIRST (not before FLOOR) qualify an amount of time: "more than",
 * "up to", "no more than", "nearly" (TIMEX3 keeps them in the expression, with a mod). "about",
 * "over" or "only" stay outside, as TimeBank annotates them. */
static size_t quantifier_before(const ctx *c, size_t first, size_t floor) {
  static const char *const two[][2] = {{"more", "than"}, {"less", "than"}, {"fewer", "than"},
                                       {"up", "to"},     {"at", "least"},  {"at", "most"}};
  if (first >= floor + 1 && (tk_is(c, first - 1, "nearly") || tk_is(c, first - 1, "almost")))
    return 1;
  if (first >= floor + 2)
    for (size_t k = 0; k < sizeof two / sizeof two[0]; k++)
      if (tk_is(c, first - 2, two[k][0]) && tk_is(c, first - 1, two[k][1])) {
        if (first >= floor + 3 && tk_is(c, first - 3, "no")) return 3;
        return 2;
      }
  return 0;
}

/* A name that reads like a time: a programme or film title opened by a quotation mark with
 * a time word capitalised inside it (ABC's "This Week", CBS's "60 Minutes"), and the idiom
 * "high noon". */
static bool title_words(const ctx *c, const cand *m) {
  /* the text right before the expression (a sentence may start after the quotation mark) */
  uint32_t s = c->t[m->first].s;
  const unsigned char *t = (const unsigned char *)c->text;
  bool quoted = (s >= 1 && (t[s - 1] == '"' || t[s - 1] == '`')) || (s >= 2 && t[s - 1] == '\'' && t[s - 2] == '\'') ||
                (s >= 3 && t[s - 3] == 0xE2 && t[s - 2] == 0x80 && t[s - 1] == 0x9C);
  if (quoted)
    for (size_t j = m->first + 1; j < m->last; j++)
      if ((c->t[j].cls == C_UNIT || c->t[j].cls == C_TIMEWORD || c->t[j].cls == C_DAYPART) &&
          (c->t[j].flags & F_CAP) && !(c->t[j].flags & F_UPPER))
        return true;
  return m->last == m->first + 1 && tk_is(c, m->first, "noon") && m->first > 0 &&
         tk_is(c, m->first - 1, "high");
}

static pthread_once_t timex_once = PTHREAD_ONCE_INIT;
/* Set once timex_load is done: timex_word_may_anchor, asked for every word of the text read,
 * tests it with a plain load and calls pthread_once only before (timex_ensure). */
static atomic_bool timex_loaded;

/* The words timex_word_may_anchor takes, in a table of their lexicon_hash (open addressing):
 * built once from the classes of time_words that name or place a time, the month names
 * (capitalised, as classify_word reads them), and the words the patterns compare by their
 * letters: "two thousand" (spelled_year), "at this moment" (match_rel), "the same period"
 * (match_results_period), "the nineties" (match_the), "a later date" (match_mod). More words
 * than fit leave every word taken. */
#define ANCHOR_SLOTS 2048
static struct anchor_word {
  const char *key;
  uint32_t hash;
  uint32_t len;
  bool capital; /* only capitalised */
} anchors[ANCHOR_SLOTS];
static size_t nanchors;
static bool anchors_overflow;

static void add_anchor(const char *key, bool capital) {
  if (nanchors >= ANCHOR_SLOTS / 2) {
    anchors_overflow = true;
    return;
  }
  size_t n = strlen(key);
  uint32_t h = lexicon_hash(key, n);
  size_t s = h & (ANCHOR_SLOTS - 1);
  while (anchors[s].key) s = (s + 1) & (ANCHOR_SLOTS - 1);
  anchors[s] = (struct anchor_word){key, h, (uint32_t)n, capital};
  nanchors++;
}

static void timex_load(void) {
  lx_words = lexicon_get("time_words");
  lx_months = lexicon_get("months");
  lx_holidays = lexicon_get("time_holidays");
  /* time_words first: a word both there and among the months needs no capital */
  word_classes = xcalloc(lexicon_size(lx_words) + 1, sizeof *word_classes);
  for (size_t i = 0; lx_words && i < lexicon_size(lx_words); i++) {
    classify_value(&word_classes[i], lexicon_value(lx_words, i));
    tok k = word_classes[i];
    switch ((wclass)k.cls) {
    case C_WEEKDAY: case C_DEICTIC: case C_TONIGHT: case C_UNIT: case C_DAYPART: case C_SEASON:
    case C_REF: case C_SETADV: case C_TIMEWORD: case C_HALF: case C_WDABBR: case C_ZONE:
      add_anchor(lexicon_key(lx_words, i), false);
      break;
    case C_HOLIDAY: {
      /* a holiday's first word, if it is a holiday's whole name ("Christmas", "Easter"); the
       * others' names hold a word that is taken ("New Year's Day", "Good Friday") */
      const char *key = lexicon_key(lx_words, i);
      if (lexicon_find(lx_holidays, key, strlen(key))) add_anchor(key, false);
      break;
    }
    case C_REL:
      /* "this", "last", "next", "previous" name a time only with the word after them ("last
       * week", "next Monday", "at this moment"), which lets the stretch be read itself; a
       * stretch ("the past", "the coming") and "current" (the adjective) stand alone. Most
       * stretches of news that hold "this" hold no date: they are not read. */
      if (k.sub == 'p' || !strcmp(lexicon_key(lx_words, i), "current"))
        add_anchor(lexicon_key(lx_words, i), false);
      break;
    case C_NUMBER: /* the first word of a year in words: "nineteen ninety" */
      if (k.arg >= 15 && k.arg <= 20) add_anchor(lexicon_key(lx_words, i), false);
      break;
    default: break;
    }
  }
  for (size_t i = 0; lx_months && i < lexicon_size(lx_months); i++)
    add_anchor(lexicon_key(lx_months, i), true);
  /* the tables by word: the first entry of a word in each list, as lexicon_find takes it */
  size_t nwords = lexicon_word_count();
  class_of_word = xmalloc((nwords ? nwords : 1) * sizeof *class_of_word);
  month_of_word = xcalloc(nwords ? nwords : 1, sizeof *month_of_word);
  for (size_t w = 0; w < nwords; w++) class_of_word[w] = -1;
  for (size_t i = lx_words ? lexicon_size(lx_words) : 0; i-- > 0;) {
    const char *key = lexicon_key(lx_words, i);
    long w = lexicon_word(key, strlen(key), lexicon_hash(key, strlen(key)));
    if (w >= 0) class_of_word[w] = (int32_t)i; /* (backwards: the first entry stays) */
  }
  for (size_t i = 0; lx_months && i < lexicon_size(lx_months); i++) {
    const char *key = lexicon_key(lx_months, i);
    long w = lexicon_word(key, strlen(key), lexicon_hash(key, strlen(key)));
    const char *v = w >= 0 ? lexicon_word_value(lx_months, w) : NULL;
    int m = v ? parse_int(v, NULL) : 0;
    if (w >= 0 && m >= 1 && m <= 12) month_of_word[w] = (uint8_t)m;
  }
  static const char *const others[] = {"thousand", "moment",    "period",   "term",     "date",
                                       "twenties", "thirties",  "forties",  "fifties",  "sixties",
                                       "seventies", "eighties", "nineties"};
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) add_anchor(others[i], false);
  atomic_store_explicit(&timex_loaded, true, memory_order_release);
}

static inline void timex_ensure(void) {
  if (!atomic_load_explicit(&timex_loaded, memory_order_acquire))
    pthread_once(&timex_once, timex_load);
}

/* "April 24 and 25": after the date M that ends in its day, the second day is a date of the
 * same month, added to OUT; returns the token after it, or 0. Not "May 3 and 4 people", nor
 * "June 3 and 14, 2001" (the year of both comes after). */
static size_t second_day(ctx *c, const cand *m, timex_list *out) {
  if (m->type != TIMEX_DATE || strlen(m->value) != 10 || !is_digit((unsigned char)m->value[0]) ||
      c->t[m->last - 1].kind != TK_NUM || !(tk_is(c, m->last, "and") || tk_is(c, m->last, "or")))
    return 0;
  int day;
  size_t d = day_number(c, m->last + 1, &day);
  if (!d || (tk_punct(c, d, ',') && tk_num(c, d + 1))) return 0;
  if (d < c->n && (c->t[d].kind == TK_NUM || tk_cls(c, d, C_MONTH) ||
                   (c->t[d].kind == TK_WORD && !tk_is(c, d, "and") &&
                    !(c->t[d].flags & (F_CAP | F_UPPER)))))
    return 0;
  int y = (int)parse_int(m->value, NULL), mo = (m->value[5] - '0') * 10 + (m->value[6] - '0');
  if (!valid_date(y, mo, day)) return 0;
  VEC_RESERVE(out->items, out->count, out->cap);
  timex *x = &out->items[out->count++];
  memset(x, 0, sizeof *x);
  x->start = c->t[m->last + 1].s;
  x->end = c->t[d - 1].e;
  x->type = TIMEX_DATE;
  format_ymd(x->value, y, mo, day);
  x->relative = m->relative;
  c->have_last = true, c->last_prec = 3;
  c->last_z = fact_days_from_civil(y, mo, day);
  return d;
}

/* A caller that feeds one article sentence by sentence keeps "the next day" working: the date
 * last mentioned carries over while the calls walk forward through the same text. */
static _Thread_local struct {
  const char *text;
  size_t end;
  civil_date anchor;
  bool have;
  long z;
  int prec;
  bool have_q;
  long last_q;
  uint32_t q_end;
  bool have_stretch;
  char stretch[8];
  uint32_t stretch_end;
} memo;

void timex_forget(void) { memset(&memo, 0, sizeof memo); }

static void find_range(const char *text, size_t start, size_t end, civil_date anchor,
                       timex_word_lookup lookup, void *lookup_ctx, timex_list *out) {
  ctx c;
  memset(&c, 0, sizeof c);
  c.text = text;
  c.lookup = lookup;
  c.lookup_ctx = lookup_ctx;
  c.anchor = anchor;
  c.have_year = year_ok(anchor.year);
  c.have_month = c.have_year && anchor.month >= 1 && anchor.month <= 12;
  c.have_day = c.have_month && valid_date(anchor.year, anchor.month, anchor.day);
  if (c.have_day) c.anchor_z = fact_days_from_civil(anchor.year, anchor.month, anchor.day);
  tokenize(&c, start, end);
  if (memo.text == text && memo.end <= start && memo.anchor.year == anchor.year &&
      memo.anchor.month == anchor.month && memo.anchor.day == anchor.day && memo.have) {
    c.have_last = true;
    c.last_z = memo.z;
    c.last_prec = memo.prec;
  }
  if (memo.text == text && memo.end <= start && memo.anchor.year == anchor.year &&
      memo.anchor.month == anchor.month && memo.anchor.day == anchor.day && memo.have_q) {
    c.have_q = true;
    c.last_q = memo.last_q;
    c.q_end = memo.q_end;
  }
  if (memo.text == text && memo.end <= start && memo.anchor.year == anchor.year &&
      memo.anchor.month == anchor.month && memo.anchor.day == anchor.day && memo.have_stretch) {
    c.have_stretch = true;
    memcpy(c.stretch, memo.stretch, sizeof c.stretch);
    c.stretch_end = memo.stretch_end;
  }
  size_t free_from = 0; /* first token not yet inside an expression */
  for (size_t i = 0; i < c.n;) {
    const tok *k = &c.t[i];
    bool trigger = k->kind == TK_NUM || tk_apostrophe(&c, i) || (k->kind == TK_WORD && k->cls != C_NONE &&
                                         k->cls != C_FUTURE && k->cls != C_FUTURETO &&
                                         k->cls != C_PAST);
    cand m;
    if (trigger && match_at(&c, i, &m, 0) && m.last > m.first && m.first >= free_from &&
        m.last <= c.n && !title_words(&c, &m)) {
      /* words before that belong to the expression: "fiscal 1989", "right now", "the 1990s" */
      if (m.first > free_from && m.first == i &&
          ((tk_is(&c, i - 1, "fiscal") && k->kind == TK_NUM) ||
           (tk_is(&c, i - 1, "right") && tk_is(&c, i, "now")) ||
           (tk_is(&c, i - 1, "the") && k->cls == C_SEASON) ||
           (tk_is(&c, i - 1, "the") && (k->kind == TK_NUM || tk_apostrophe(&c, i)) &&
            strlen(m.value) <= 3 && is_digit((unsigned char)m.value[0]))))
        m.first--;
      if (m.first == i && (m.type == TIMEX_DURATION || (tk_num(&c, i) || tk_cls(&c, i, C_NUMBER) ||
                                                         tk_cls(&c, i, C_VAGUE))))
        m.first -= quantifier_before(&c, m.first, free_from);
      /* "the next two years or so", "in 1990 or so": the approximation is part of it */
      if (tk_is(&c, m.last, "or") && tk_is(&c, m.last + 1, "so") && !tk_adj(&c, m.last)) m.last += 2;
      VEC_RESERVE(out->items, out->count, out->cap);
      timex *x = &out->items[out->count++];
      memset(x, 0, sizeof *x);
      x->start = c.t[m.first].s;
      x->end = c.t[m.last - 1].e;
      x->type = m.type;
      memcpy(x->value, m.value, sizeof x->value);
      x->value[sizeof x->value - 1] = '\0';
      x->relative = m.relative;
      /* a quarter sets the reporting period; a stretch of months or years ("the nine months",
       * "the past two years") moves the story off it */
      long q = m.type == TIMEX_DATE && strlen(m.value) == 7 && m.value[4] == '-' && m.value[5] == 'Q' &&
                       m.value[6] >= '1' && m.value[6] <= '4' && is_digit((unsigned char)m.value[0])
                   ? (long)parse_int(m.value, NULL) * 4 + (m.value[6] - '1')
                   : -1;
      if (m.echo) {
        /* the same period again: the story is still on it, so its reach counts from here */
        if (c.have_q) c.q_end = x->end;
      } else if (q >= 0) {
        /* results are reported for a quarter that has ended: the one in progress or one ahead
         * ("expects the fourth quarter to be weak") is a forecast, not the story's period */
        /* an earlier quarter of the same year named while a later one is in view ("after a
         * flat second quarter") is background: the story's period stays the later one */
        bool fiscal = (m.first > 0 && tk_is(&c, m.first - 1, "fiscal")) || tk_is(&c, m.first, "fiscal") ||
                      tk_is(&c, m.first + 1, "fiscal");
        bool background =
            !fiscal && quarter_in_sight(&c, m.first) && q < c.last_q && q / 4 == c.last_q / 4;
        long current = (long)c.anchor.year * 4 + (c.anchor.month - 1) / 3;
        /* a quarter named with the anchor's own label in a past-tense clause ("reported a decline
         * in fourth-quarter earnings" in November) is a fiscal quarter that has ended */
        bool ended_now = q == current && tense_around_of(&c, m.first, m.last, false) == TENSE_PAST;
        if (!background && (!c.have_month || q < current || ended_now)) {
          c.have_q = true;
          c.last_q = q;
          c.q_end = x->end;
        }
      } else if (m.type == TIMEX_DURATION && m.value[0] && tk_cls(&c, m.first, C_THE) &&
                 (m.value[strlen(m.value) - 1] == 'M' || m.value[strlen(m.value) - 1] == 'Y')) {
        c.have_q = false;
        if (strlen(m.value) < sizeof c.stretch) {
          c.have_stretch = true;
          memcpy(c.stretch, m.value, strlen(m.value) + 1);
          c.stretch_end = x->end;
        }
      }
      i = m.last;
      free_from = m.last;
      size_t after = second_day(&c, &m, out);
      if (after) i = free_from = after;
      c.prev_end = i;
    } else {
      i++;
    }
  }
  free(c.t);
  memo.text = text;
  memo.end = end;
  memo.anchor = anchor;
  memo.have = c.have_last;
  memo.z = c.last_z;
  memo.prec = c.last_prec;
  memo.have_q = c.have_q;
  memo.last_q = c.last_q;
  memo.q_end = c.q_end;
  memo.have_stretch = c.have_stretch;
  memcpy(memo.stretch, c.stretch, sizeof memo.stretch);
  memo.stretch_end = c.stretch_end;
}

bool timex_word_may_anchor(const char *w, size_t n, uint32_t hash) {
  if (!w || n == 0) return false;
  timex_ensure();
  if (anchors_overflow) return true;
  for (size_t s = hash & (ANCHOR_SLOTS - 1); anchors[s].key; s = (s + 1) & (ANCHOR_SLOTS - 1))
    if (anchors[s].hash == hash && anchors[s].len == n && span_ieq(w, n, anchors[s].key))
      return !anchors[s].capital || (w[0] >= 'A' && w[0] <= 'Z');
  return false;
}

bool timex_text_may_anchor(const char *s, size_t n) {
  if (!s) return false;
  size_t run = 0; /* letters before K */
  for (size_t k = 0; k <= n; k++) {
    unsigned char c = k < n ? (unsigned char)s[k] : ' ';
    if (is_digit(c)) return true;
    if (is_alpha(c)) {
      run++;
      continue;
    }
    if (run && timex_word_may_anchor(s + k - run, run, lexicon_hash(s + k - run, run))) return true;
    run = 0;
  }
  return false;
}

/* Long stretches are cut into pieces at a paragraph or line break, so that the token array
 * stays small however large (or hostile) the input. */
#define TIMEX_CHUNK ((size_t)1 << 18)

static size_t chunk_cut(const char *text, size_t start, size_t limit) {
  size_t floor = limit - TIMEX_CHUNK / 4;
  for (size_t p = limit; p > floor && p > start + 1; p--)
    if (text[p - 1] == '\n' && text[p - 2] == '\n') return p;
  for (size_t p = limit; p > floor && p > start; p--)
    if (text[p - 1] == '\n') return p;
  for (size_t p = limit; p > floor && p > start; p--)
    if (is_space((unsigned char)text[p - 1])) return p;
  return limit;
}

void timex_find_known(const char *text, size_t start, size_t end, civil_date anchor,
                      timex_word_lookup lookup, void *lookup_ctx, timex_list *out) {
  if (!text || !out || end <= start || end > UINT32_MAX) return;
  timex_ensure();
  while (end - start > TIMEX_CHUNK) {
    size_t cut = chunk_cut(text, start, start + TIMEX_CHUNK);
    find_range(text, start, cut, anchor, lookup, lookup_ctx, out);
    start = cut;
  }
  find_range(text, start, end, anchor, lookup, lookup_ctx, out);
}

void timex_find(const char *text, size_t start, size_t end, civil_date anchor, timex_list *out) {
  timex_find_known(text, start, end, anchor, NULL, NULL, out);
}

bool timex_value_to_date(const char *value, civil_date *date) {
  if (!value || !date) return false;
  const char *p = value;
  for (int i = 0; i < 4; i++)
    if (!is_digit((unsigned char)p[i])) return false;
  int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  if (y < 1) return false;
  p += 4;
  civil_date d = {y, 0, 0};
  if (*p == '\0') {
    *date = d;
    return true;
  }
  if (*p != '-') return false;
  p++;
  if (p[0] == 'W' || p[0] == 'Q' || p[0] == 'H' || (p[0] >= 'A' && p[0] <= 'Z')) {
    /* weeks, quarters, halves and seasons fall back to their year; a week (or its weekend)
     * that lies within one month names that month */
    if (strchr(p, 'X')) return false;
    if (p[0] == 'W' && is_digit((unsigned char)p[1]) && is_digit((unsigned char)p[2]) &&
        (p[3] == '\0' || !strcmp(p + 3, "-WE"))) {
      int w = (p[1] - '0') * 10 + (p[2] - '0');
      long jan4 = fact_days_from_civil(y, 1, 4);
      long monday = jan4 - (weekday_of(jan4) - 1) + 7L * (w - 1);
      long first = p[3] ? monday + 5 : monday, last = monday + 6;
      int wy, ww, y1, m1, d1, y2, m2, d2;
      iso_week(monday, &wy, &ww);
      fact_civil_from_days(first, &y1, &m1, &d1);
      fact_civil_from_days(last, &y2, &m2, &d2);
      if (w >= 1 && wy == y && ww == w && y1 == y2 && m1 == m2 && year_ok(y1)) {
        *date = (civil_date){y1, m1, 0};
        return true;
      }
    }
    *date = d;
    return true;
  }
  if (!is_digit((unsigned char)p[0]) || !is_digit((unsigned char)p[1])) return false;
  d.month = (p[0] - '0') * 10 + (p[1] - '0');
  if (d.month < 1 || d.month > 12) return false;
  p += 2;
  if (*p == '\0') {
    *date = d;
    return true;
  }
  if (*p != '-') return false;
  p++;
  if (!is_digit((unsigned char)p[0]) || !is_digit((unsigned char)p[1])) return false;
  d.day = (p[0] - '0') * 10 + (p[1] - '0');
  if (!valid_date(d.year, d.month, d.day)) return false;
  p += 2;
  if (*p != '\0' && *p != 'T') return false;
  *date = d;
  return true;
}
