/* token.c: splits an article into word, number and punctuation tokens, each a byte span,
 * with flags for case, line and paragraph starts, quotes, dashes and abbreviations. */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "doc.h"
#include "lexicon.h"
#include "text.h"

static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

static inline int32_t peek(const doc *d, size_t i, size_t *len) {
  if (i < d->len && (unsigned char)d->text[i] < 0x80) { /* most news text is ASCII */
    *len = 1;
    return (unsigned char)d->text[i];
  }
  int32_t cp = 0;
  *len = i < d->len ? text_decode(d->text + i, d->len - i, &cp) : 0;
  return i < d->len ? cp : 0;
}

static bool starts_url(const char *s, size_t n) {
  if (s[0] != 'h' && s[0] != 'w') return false; /* asked at every token */
  return (n > 7 && memcmp(s, "http://", 7) == 0) || (n > 8 && memcmp(s, "https://", 8) == 0) ||
         (n > 4 && memcmp(s, "www.", 4) == 0);
}

/* The end of the run of lower-case ASCII letters at I: the bulk of nearly every word. Sixteen
 * bytes at a time where there is SSE2 and room. */
static inline size_t lower_run_end(const doc *d, size_t i) {
#ifdef __SSE2__
  const __m128i a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25);
  while (d->len - i >= 16) {
    __m128i y = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(d->text + i)), a);
    unsigned lower = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(y, z), y));
    if (lower != 0xFFFF) return i + (size_t)__builtin_ctz(~lower);
    i += 16;
  }
#endif
  while (i < d->len && (unsigned char)((unsigned char)d->text[i] - 'a') < 26) i++;
  return i;
}

/* Is the text at I a top-level domain ending a word ("ru" in "INTERFAX.RU")? */
static bool ends_with_domain(const doc *d, size_t i) {
  static const char *const tlds[] = {"com", "net", "org", "ru", "ua", "uk", "fr", "de", "eu",
                                     "info", "gov", "pl", NULL};
  size_t n = 0;
  while (i + n < d->len && n < 5 && ((d->text[i + n] | 0x20) >= 'a' && (d->text[i + n] | 0x20) <= 'z'))
    n++;
  if (n < 2 || n > 4) return false;
  if (i + n < d->len && (unsigned char)d->text[i + n] >= 0x80) return false;
  for (const char *const *t = tlds; *t; t++)
    if (span_ieq(d->text + i, n, *t)) return true;
  return false;
}

/* End of a word starting at I: letters and digits, joined by inner apostrophes, hyphens and
 * the dots of initialisms ("U.S.", "al-Assad", "O'Brien"); "'s" is left as its own token. */
static size_t scan_word(const doc *d, size_t i, uint32_t *flags) {
  size_t segment_letters = 0; /* letters since the last inner dot */
  size_t letters = 0, uppers = 0;
  bool first = true, plain = true;
  while (i < d->len) {
    /* a run of lower-case ASCII letters: the bulk of nearly every word */
    size_t run = lower_run_end(d, i);
    if (run > i) {
      letters += run - i;
      segment_letters += run - i;
      first = false;
      i = run;
      continue;
    }
    unsigned char b = (unsigned char)d->text[i];
    if (((b | 32) >= 'a' && (b | 32) <= 'z') || ascii_digit((char)b)) { /* ASCII at once */
      if (ascii_digit((char)b)) {
        plain = false;
      } else {
        letters++;
        segment_letters++;
        if (b <= 'Z') {
          uppers++;
          if (first) *flags |= TOK_CAP;
        }
      }
      first = false;
      i++;
      continue;
    }
    /* other ASCII than an apostrophe, a hyphen or a dot ends the word: most words end so */
    if (b < 0x80 && b != '\'' && b != '-' && b != '.') break;
    size_t n;
    int32_t cp = peek(d, i, &n);
    if (text_is_letter(cp) || (cp < 0x80 && ascii_digit((char)cp))) {
      plain = false;
      if (text_is_letter(cp)) {
        letters++;
        segment_letters++;
        if (text_is_upper(cp)) {
          uppers++;
          if (first) *flags |= TOK_CAP;
        }
      }
      first = false;
      i += n;
      continue;
    }
    size_t n2;
    int32_t next = peek(d, i + n, &n2);
    if ((cp == '\'' || cp == 0x2019) && text_is_letter(next)) {
      size_t n3;
      int32_t after = peek(d, i + n + n2, &n3);
      if ((next == 's' || next == 'S') && !text_is_letter(after)) break; /* possessive */
      i += n;
      plain = false;
      continue;
    }
    if (text_is_dash(cp) && cp != 0x2014 && cp != 0x2013 && text_is_letter(next)) {
      i += n;
      segment_letters = 0;
      plain = false;
      continue;
    }
    if (cp == '.' && segment_letters > 1 && text_is_letter(next) && ends_with_domain(d, i + n)) {
      /* "INTERFAX.RU", "Censor.NET": an outlet's domain name is one word */
      i += n;
      segment_letters = 0;
      plain = false;
      continue;
    }
    if (cp == '.' && segment_letters == 1 && text_is_letter(next)) {
      /* "U.S" inside an initialism; "States.Mr" (missing space) is split instead */
      size_t n3;
      int32_t after = peek(d, i + n + n2, &n3);
      if (!text_is_letter(after)) {
        i += n;
        segment_letters = 0;
        plain = false;
        continue;
      }
    }
    break;
  }
  if (letters >= 2 && uppers == letters) *flags |= TOK_ALLCAPS;
  if (plain) *flags |= TOK_PLAIN;
  return i;
}

static size_t scan_number(const doc *d, size_t i) {
  while (i < d->len) {
    char c = d->text[i];
    if (ascii_digit(c)) {
      i++;
    } else if ((c == '.' || c == ',' || c == ':' || c == '/') && i + 1 < d->len &&
               ascii_digit(d->text[i + 1])) {
      i++;
    } else {
      size_t n;
      int32_t cp = peek(d, i, &n);
      if (!text_is_letter(cp)) break;
      i += n; /* unit or suffix: "9m", "70km", "2nd", "1990s" */
    }
  }
  return i;
}

/* Should the dot after the word [start, end) stay part of it ("Mr.", "U.S.", "J.")? */
static bool keeps_dot(const doc *d, size_t start, size_t end, uint32_t flags) {
  size_t n = end - start;
  const char *w = d->text + start;
  if (n == 1 && (flags & TOK_CAP)) return true;               /* an initial */
  if (memchr(w, '.', n)) return true;                          /* U.S -> U.S. */
  return lexicon_has(lexicon_get("abbreviations"), w, n);
}

static void push(doc *d, size_t start, size_t end, uint32_t flags) {
  VEC_RESERVE(d->tokens, d->ntokens, d->tokens_cap);
  d->tokens[d->ntokens++] = (token){(uint32_t)start, (uint32_t)end, flags};
}

void token_split(doc *d) {
  size_t i = d->art ? d->art->body : 0;
  if (i > d->len) i = d->len;
  /* room for a token every five bytes (news text has one every five or six), so that the
   * array is seldom grown and copied */
  if (!d->tokens) {
    d->tokens_cap = (d->len - i) / 5 + 16;
    d->tokens = xmalloc(d->tokens_cap * sizeof *d->tokens);
  }
  unsigned newlines = 2; /* the text start counts as a paragraph start */
  bool space = true;
  while (i < d->len) {
    if (d->text[i] == ' ') { /* (the most common byte) */
      space = true;
      i++;
      continue;
    }
    size_t n;
    int32_t cp = peek(d, i, &n);
    if (text_is_space(cp)) {
      if (cp == '\n') newlines++;
      space = true;
      i += n;
      continue;
    }
    uint32_t flags = 0;
    if (newlines >= 1) flags |= TOK_LINE_START;
    if (newlines >= 2) flags |= TOK_PARA_START;
    if (space) flags |= TOK_SPACE_BEFORE;
    newlines = 0;
    space = false;
    size_t start = i, end;
    if (starts_url(d->text + i, d->len - i)) {
      end = i;
      while (end < d->len && !text_is_space((unsigned char)d->text[end]) && d->text[end] != '"')
        end++;
      while (end > i && strchr(".,;:)!?", d->text[end - 1])) end--;
      flags |= TOK_URL;
    } else if (cp < 0x80 && ascii_digit((char)cp)) {
      end = scan_number(d, i);
      flags |= TOK_NUMBER;
    } else if (text_is_letter(cp)) {
      end = scan_word(d, i, &flags);
      flags |= TOK_WORD;
      if (end < d->len && d->text[end] == '.' && keeps_dot(d, start, end, flags)) {
        end++;
        flags |= TOK_ABBREV;
        flags &= ~(uint32_t)TOK_PLAIN;
      }
    } else if ((cp == '\'' || cp == 0x2019) && d->ntokens > 0 &&
               d->tokens[d->ntokens - 1].end == i && (d->tokens[d->ntokens - 1].flags & TOK_WORD)) {
      size_t n2;
      int32_t next = peek(d, i + n, &n2);
      if (next == 's' || next == 'S') {
        end = i + n + n2;
        flags |= TOK_WORD | TOK_POSSESSIVE;
      } else {
        end = i + n;
        flags |= TOK_PUNCT | TOK_QUOTE;
      }
    } else {
      end = i + n;
      flags |= TOK_PUNCT;
      if (text_is_quote(cp)) flags |= TOK_QUOTE;
      if (text_is_dash(cp)) flags |= TOK_DASH;
      if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) flags |= TOK_TERMINAL;
    }
    if (end <= start) end = start + (n ? n : 1); /* always advance */
    if (end > d->len) end = d->len;
    push(d, start, end, flags);
    i = end;
  }
  size_t n = d->ntokens ? d->ntokens : 1;
  d->tok_hash = xmalloc(n * sizeof *d->tok_hash);
  d->tok_word = xmalloc(n * sizeof *d->tok_word);
  d->tok_lists = xmalloc(n * sizeof *d->tok_lists);
  d->tok_head = xmalloc(n * sizeof *d->tok_head);
  for (size_t k = 0; k < d->ntokens; k++) {
    const char *w = d->text + d->tokens[k].start;
    size_t len = token_len(&d->tokens[k]);
    /* a token's head in one load where eight bytes of text follow its start (the bytes past
     * its end cleared): no branch on its length, which varies from token to token */
    uint64_t head;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (d->tokens[k].start + 8 <= d->len) {
      memcpy(&head, w, 8);
      if (len < 8) head &= ((uint64_t)1 << (8 * len)) - 1;
      head = lower8(head);
    } else
#endif
    {
      head = lower_head(w, len);
    }
    d->tok_head[k] = head;
    d->tok_word[k] = (int32_t)lexicon_word_headed(w, len, head, &d->tok_hash[k]);
    d->tok_lists[k] = lexicon_word_lists(d->tok_word[k]);
  }
}
