/* text.c: UTF-8 character classes and folding (text.h), and the page-furniture stage: lines
 * that are navigation, sharing prompts, source links or captions rather than reporting. */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "lexicon.h"

size_t text_decode(const char *s, size_t n, int32_t *cp) {
  unsigned char c = (unsigned char)s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  utf8proc_int32_t v;
  utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &v);
  if (len <= 0) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = v;
  return (size_t)len;
}

bool text_is_letter(int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

bool text_is_upper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool text_is_space(int32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  if (cp == 0x200B || cp == 0xFEFF) return true; /* zero-width space, stray BOM */
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

bool text_is_quote(int32_t cp) {
  switch (cp) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2039: case 0x203A: case 0x2018: case 0x2019: case 0x201A:
      return true;
    default:
      return false;
  }
}

bool text_is_dash(int32_t cp) {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

void text_fold(const char *s, size_t n, strbuf *out) {
  bool space = false;
  size_t i = 0;
  while (i < n) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80 && b > ' ' && b != 0x7F) { /* ASCII folds to itself in lower case */
      size_t run = i + 1; /* the whole run of such bytes at once: most names are all ASCII */
      while (n - run >= 8) { /* eight at a time */
        uint64_t x;
        memcpy(&x, s + run, 8);
        if (!printable8(x)) break;
        run += 8;
      }
      while (run < n && (unsigned char)s[run] > ' ' && (unsigned char)s[run] < 0x7F) run++;
      strbuf_grow(out, run - i + 1);
      if (space) {
        out->data[out->len++] = ' ';
        space = false;
      }
      for (; run - i >= 8; i += 8, out->len += 8) { /* eight at a time */
        uint64_t x;
        memcpy(&x, s + i, 8);
        x = lower8(x);
        memcpy(out->data + out->len, &x, 8);
      }
      for (; i < run; i++) {
        unsigned char c = (unsigned char)s[i];
        out->data[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      }
      out->data[out->len] = '\0';
      continue;
    }
    int32_t cp;
    i += text_decode(s + i, n - i, &cp);
    if (text_is_space(cp)) {
      space = out->len > 0;
      continue;
    }
    if (cp == 0x2019 || cp == 0x2018) cp = '\'';
    else if (text_is_dash(cp)) cp = '-';
    utf8proc_int32_t buf[8];
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, buf, 8,
        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, NULL);
    if (m <= 0 || m > 8) continue;
    if (space) {
      strbuf_addc(out, ' ');
      space = false;
    }
    for (utf8proc_ssize_t k = 0; k < m; k++) {
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t el = utf8proc_encode_char(buf[k], enc);
      strbuf_add(out, (const char *)enc, (size_t)el);
    }
  }
}

/* ---- page furniture ---- */

/* Does the line hold a lower-case word that is not a function word? A caption ("De Luca with
 * Berg.") is names joined by small words; a sentence has content words. */
static bool line_has_content_word(const doc *d, size_t first, size_t end) {
  const lexicon *common = lexicon_get("common_words");
  for (size_t i = first; i < end; i++) {
    const token *t = &d->tokens[i];
    if ((t->flags & TOK_WORD) && !(t->flags & (TOK_CAP | TOK_POSSESSIVE)) &&
        !doc_token_in(d, i, common))
      return true;
  }
  return false;
}

/* Words that show a line states something rather than labels a picture. */
static bool line_has_verb_cue(const doc *d, size_t first, size_t end) {
  const lexicon *verbs = lexicon_get("verbs");
  const lexicon *aux = lexicon_get("auxiliaries");
  for (size_t i = first; i < end; i++) {
    const token *t = &d->tokens[i];
    if (!(t->flags & TOK_WORD)) continue;
    const char *w = d->text + t->start;
    size_t n = token_len(t);
    if (doc_token_in(d, i, verbs) || doc_token_in(d, i, aux)) return true;
    if (n > 4 && !(t->flags & TOK_CAP) &&
        (span_ieq(w + n - 2, 2, "ed") || span_ieq(w + n - 3, 3, "ing")))
      return true;
  }
  return false;
}

/* Does the line starting at token FIRST open with a furniture phrase ("Read more", "Share")? */
static bool line_starts_furniture(const doc *d, size_t first, size_t end) {
  const lexicon *lx = lexicon_get("furniture");
  strbuf key;
  strbuf_init(&key);
  bool hit = false;
  for (size_t i = first; i < end && i < first + 4 && !hit; i++) {
    if (i > first) strbuf_addc(&key, ' ');
    const token *t = &d->tokens[i];
    if (!(t->flags & (TOK_WORD | TOK_NUMBER))) break;
    strbuf_add(&key, d->text + t->start, token_len(t));
    hit = lexicon_has(lx, key.data, key.len);
  }
  strbuf_release(&key);
  return hit;
}

void text_mark_furniture(doc *d) {
  size_t s = 0;
  while (s < d->nsentences) {
    /* a line is the run of sentences up to the next line start */
    size_t e = s + 1;
    while (e < d->nsentences && !(d->tokens[d->sentences[e].tok_first].flags & TOK_LINE_START))
      e++;
    size_t first = d->sentences[s].tok_first, end = d->sentences[e - 1].tok_end;
    size_t words = 0, urls = 0;
    bool quote = false;
    for (size_t i = first; i < end; i++) {
      uint32_t f = d->tokens[i].flags;
      if (f & TOK_URL) urls++;
      else if (f & (TOK_WORD | TOK_NUMBER)) words++;
      if (f & TOK_QUOTE) quote = true;
    }
    bool furniture = false;
    if (line_starts_furniture(d, first, end)) furniture = true;
    else if (urls > 0 && words <= 4) furniture = true; /* "Source: https://..." in any language */
    else if (words > 0 && words <= 12 && !quote && !line_has_verb_cue(d, first, end) &&
             !line_has_content_word(d, first, end) &&
             (d->tokens[end - 1].flags & TOK_TERMINAL) &&
             !(d->sentences[s].flags & SENT_HEADLINE))
      furniture = true; /* a short line without a verb ending in a full stop: a caption */
    if (furniture) {
      for (size_t k = s; k < e; k++) d->sentences[k].flags |= SENT_FURNITURE;
    } else if (e - s >= 2) {
      /* "...a military presence.Anna De Luca, the candidate" : a caption or byline
       * glued to the end of a paragraph, without a verb or a full stop */
      const sentence *last = &d->sentences[e - 1];
      const token *lt = &d->tokens[last->tok_end - 1];
      if (!(lt->flags & (TOK_TERMINAL | TOK_QUOTE)) && d->text[lt->start] != ')' &&
          !line_has_verb_cue(d, last->tok_first, last->tok_end))
        d->sentences[e - 1].flags |= SENT_FURNITURE;
    }
    s = e;
  }
}
