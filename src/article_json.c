/* article_json.c: a fast first reading of one news-crawler JSON object (see article_json.h).
 *
 * Every rule below is jansson's (RFC 8259 as jansson 2.14 applies it with no decoding flags)
 * or stricter: where jansson would accept something this reader is unsure of, it gives up and
 * jansson reads the text. Giving up is always safe; accepting what jansson rejects is not. */
#include "article_json.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

enum {
  MAX_DEPTH = 32,  /* deeper nesting goes to jansson (its limit is 2048) */
  MAX_NUMBER = 18, /* longer numbers go to jansson, which knows when they overflow */
};

typedef struct scanner {
  const unsigned char *p, *end;
  strbuf decoded; /* the last wanted string that had escapes, decoded */
} scanner;

static void skip_space(scanner *s) {
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static bool next_is(scanner *s, unsigned char c) { return s->p < s->end && *s->p == c; }

/* The length of the UTF-8 sequence of a non-ASCII character at P, or 0 if it is not one:
 * overlong forms, surrogates and values above U+10FFFF are not (jansson's utf8_check_full). */
static size_t utf8_length(const unsigned char *p, const unsigned char *end) {
  unsigned c = p[0], v, min;
  size_t n;
  if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07, min = 0x10000;
  else return 0;
  if ((size_t)(end - p) < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (p[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  return n;
}

static bool hex4(const unsigned char *p, const unsigned char *end, unsigned *out) {
  if (end - p < 4) return false;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = p[i], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    v = v << 4 | d;
  }
  *out = v;
  return true;
}

static void add_utf8(strbuf *sb, unsigned u) {
  char b[4];
  size_t n;
  if (u < 0x80) b[0] = (char)u, n = 1;
  else if (u < 0x800) b[0] = (char)(0xC0 | u >> 6), b[1] = (char)(0x80 | (u & 0x3F)), n = 2;
  else if (u < 0x10000)
    b[0] = (char)(0xE0 | u >> 12), b[1] = (char)(0x80 | (u >> 6 & 0x3F)),
    b[2] = (char)(0x80 | (u & 0x3F)), n = 3;
  else
    b[0] = (char)(0xF0 | u >> 18), b[1] = (char)(0x80 | (u >> 12 & 0x3F)),
    b[2] = (char)(0x80 | (u >> 6 & 0x3F)), b[3] = (char)(0x80 | (u & 0x3F)), n = 4;
  strbuf_add(sb, b, n);
}

/* Reads the string at s->p (its opening quote). With VALUE set, *VALUE and *LEN are its
 * decoded bytes: a slice of the input when it has no escapes, else s->decoded. */
static bool scan_string(scanner *s, const char **value, size_t *len) {
  const unsigned char *start = s->p + 1, *p = start, *end = s->end, *run = start;
  bool escaped = false;
  if (value) strbuf_reset(&s->decoded);
  for (;;) {
    /* plain ASCII in wide steps: article texts are long and mostly plain */
    p += json_plain_prefix((const char *)p, (size_t)(end - p), true);
    if (p >= end) return false;
    unsigned c = *p;
    if (c == '"') break;
    if (c < 0x20) return false; /* a raw control character */
    if (c >= 0x80) {
      size_t k = utf8_length(p, end);
      if (!k) return false;
      p += k;
      continue;
    }
    if (c != '\\') {
      p++;
      continue;
    }
    if (value) strbuf_add(&s->decoded, (const char *)run, (size_t)(p - run));
    escaped = true;
    if (end - p < 2) return false;
    char plain;
    switch (p[1]) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': {
        unsigned u, low;
        if (!hex4(p + 2, end, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF)) return false;
        p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) { /* a surrogate pair, or jansson's error */
          if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &low) ||
              low < 0xDC00 || low > 0xDFFF)
            return false;
          p += 6;
          u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        }
        if (value) add_utf8(&s->decoded, u);
        run = p;
        continue;
      }
      default: return false;
    }
    if (value) strbuf_addc(&s->decoded, plain);
    p += 2;
    run = p;
  }
  if (value) {
    if (escaped) {
      strbuf_add(&s->decoded, (const char *)run, (size_t)(p - run));
      *value = s->decoded.data;
      *len = s->decoded.len;
    } else {
      *value = (const char *)start;
      *len = (size_t)(p - start);
    }
  }
  s->p = p + 1;
  return true;
}

static bool is_digit(const scanner *s) { return s->p < s->end && *s->p >= '0' && *s->p <= '9'; }

/* -?(0|[1-9][0-9]*)(.[0-9]+)?, at most MAX_NUMBER bytes; exponents go to jansson. */
static bool scan_number(scanner *s) {
  const unsigned char *start = s->p;
  if (next_is(s, '-')) s->p++;
  if (!is_digit(s)) return false;
  if (*s->p++ != '0')
    while (is_digit(s)) s->p++;
  if (next_is(s, '.')) {
    s->p++;
    if (!is_digit(s)) return false;
    while (is_digit(s)) s->p++;
  }
  if (is_digit(s) || next_is(s, 'e') || next_is(s, 'E')) return false;
  return s->p - start <= MAX_NUMBER;
}

static bool scan_word(scanner *s, const char *word, size_t n) {
  if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0) return false;
  s->p += n;
  return true;
}

static bool skip_value(scanner *s, int depth);

/* Skips an object or array at s->p (its opening bracket), checking it. */
static bool skip_container(scanner *s, int depth) {
  bool object = *s->p == '{';
  unsigned char close = object ? '}' : ']';
  if (depth > MAX_DEPTH) return false;
  s->p++;
  skip_space(s);
  if (next_is(s, close)) {
    s->p++;
    return true;
  }
  for (;;) {
    if (object) {
      if (!next_is(s, '"') || !scan_string(s, NULL, NULL)) return false;
      skip_space(s);
      if (!next_is(s, ':')) return false;
      s->p++;
      skip_space(s);
    }
    if (!skip_value(s, depth + 1)) return false;
    skip_space(s);
    if (next_is(s, close)) {
      s->p++;
      return true;
    }
    if (!next_is(s, ',')) return false;
    s->p++;
    skip_space(s);
  }
}

static bool skip_value(scanner *s, int depth) {
  if (s->p >= s->end) return false;
  switch (*s->p) {
    case '"': return scan_string(s, NULL, NULL);
    case '{':
    case '[': return skip_container(s, depth);
    case 't': return scan_word(s, "true", 4);
    case 'f': return scan_word(s, "false", 5);
    case 'n': return scan_word(s, "null", 4);
    default: return scan_number(s);
  }
}

/* The index in KEYS of the key KEY[0..N), or -1. */
static int key_index(const char *const *keys, const char *key, size_t n) {
  for (int i = 0; keys[i]; i++)
    if (strlen(keys[i]) == n && memcmp(keys[i], key, n) == 0) return i;
  return -1;
}

json_t *article_json_scan(const char *text, size_t n, const char *const *keys) {
  scanner s = {(const unsigned char *)text, (const unsigned char *)text + n, {0}};
  strbuf_init(&s.decoded);
  json_t *obj = json_object();
  bool ok = false;
  skip_space(&s);
  if (!next_is(&s, '{')) goto done;
  s.p++;
  skip_space(&s);
  if (next_is(&s, '}')) s.p++;
  else
    for (;;) {
      const char *key, *value;
      size_t klen, vlen;
      if (!next_is(&s, '"') || !scan_string(&s, &key, &klen)) goto done;
      int want = key_index(keys, key, klen);
      skip_space(&s);
      if (!next_is(&s, ':')) goto done;
      s.p++;
      skip_space(&s);
      if (want < 0) {
        if (!skip_value(&s, 2)) goto done;
      } else if (next_is(&s, '"')) {
        if (!scan_string(&s, &value, &vlen)) goto done;
        json_object_set_new(obj, keys[want], json_stringn_nocheck(value, vlen));
      } else if (next_is(&s, '{') || next_is(&s, '-') || is_digit(&s)) {
        goto done; /* a value the reader of articles may use: jansson makes it */
      } else {
        /* null, true, false or an array, which the reader of articles ignores; as in jansson,
         * a repeated key's last value counts */
        if (!skip_value(&s, 2)) goto done;
        json_object_del(obj, keys[want]);
      }
      skip_space(&s);
      if (next_is(&s, '}')) {
        s.p++;
        break;
      }
      if (!next_is(&s, ',')) goto done;
      s.p++;
      skip_space(&s);
    }
  skip_space(&s);
  ok = s.p == s.end;
done:
  strbuf_release(&s.decoded);
  if (!ok) {
    json_decref(obj);
    return NULL;
  }
  return obj;
}
