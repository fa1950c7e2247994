/* fgtext.c: UTF-8 cleaning, white-space collapse, case folding and slugs for the graph
 * module (see fgtext.h). utf8proc does the Unicode work. */
#include "graph/fgtext.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void add_replacement(strbuf *sb) { strbuf_add(sb, "\xEF\xBF\xBD", 3); }

static bool is_space_or_control(utf8proc_int32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return true;
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
         cp == 0x200B || cp == 0xFEFF;
}

/* Is S already clean: valid UTF-8 and, when COLLAPSE, single spaces only between words and
 * no other space or control character? Most strings are, and copying them whole is far
 * cheaper than rebuilding them code point by code point. */
static bool already_clean(const char *s, size_t n, bool collapse) {
  if (collapse && n && (s[0] == ' ' || s[n - 1] == ' ')) return false;
  for (size_t i = 0; i < n;) {
    /* (any ASCII byte will do; when collapsing, any printable one but a second space) */
    i += collapse ? collapsed_prefix(s + i, n - i) : ascii_prefix(s + i, n - i);
    if (i == n) break;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) {
        if (collapse) return false;
      } else if (collapse && c == ' ' && i + 1 < n && s[i + 1] == ' ') {
        return false;
      }
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0 || (collapse && is_space_or_control(cp))) return false;
    i += (size_t)len;
  }
  return true;
}

/* (one pass: valid code points copied, invalid bytes replaced and, when COLLAPSE, white space
 * and control characters squeezed) */
const char *fg_clean_view(const char *s, bool collapse, strbuf *sb, size_t *n_out) {
  if (!s) s = "";
  size_t n = strlen(s);
  *n_out = n;
  if (already_clean(s, n, collapse)) return s;
  strbuf_reset(sb);
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  bool pending_space = false;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) {
      if (pending_space && sb->len) strbuf_addc(sb, ' ');
      pending_space = false;
      add_replacement(sb);
      i++;
      continue;
    }
    if (collapse && is_space_or_control(cp)) {
      pending_space = true;
    } else {
      if (pending_space && sb->len) strbuf_addc(sb, ' ');
      pending_space = false;
      strbuf_add(sb, s + i, (size_t)len);
    }
    i += (size_t)len;
  }
  *n_out = sb->len;
  return sb->data ? sb->data : "";
}

static char *clean(arena *a, const char *s, bool collapse) {
  strbuf sb;
  strbuf_init(&sb);
  size_t n;
  const char *v = fg_clean_view(s, collapse, &sb, &n);
  char *out = arena_strndup(a, v, n);
  strbuf_release(&sb);
  return out;
}

char *fg_clean_utf8(arena *a, const char *s) { return clean(a, s, false); }

char *fg_collapse(arena *a, const char *s) { return clean(a, s, true); }

/* For ASCII text every folding below is lower case, and utf8proc's two passes over each
 * character are the graph's costliest string work: a lower-case copy of S if S is ASCII,
 * else NULL. */
static char *ascii_folded(const char *s) {
  size_t n = 0;
  while (s[n]) {
    if ((unsigned char)s[n] >= 0x80) return NULL;
    n++;
  }
  char *out = xmalloc(n + 1);
  for (size_t i = 0; i <= n; i++)
    out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
  return out;
}

char *fg_fold(const char *collapsed) {
  char *ascii = ascii_folded(collapsed);
  if (ascii) return ascii;
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)collapsed,
                                    (utf8proc_ssize_t)strlen(collapsed), &dst,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  if (r >= 0 && dst) {
    char *out = xstrdup((const char *)dst);
    free(dst);
    return out;
  }
  free(dst);
  /* Unreachable for cleaned input; ASCII folding keeps the key usable anyway. */
  char *out = xstrdup(collapsed);
  for (char *q = out; *q; q++)
    if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
  return out;
}

char *fg_fold_plain(const char *s) {
  char *ascii = ascii_folded(s);
  if (ascii) return ascii;
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &dst,
                                    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                        UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (r >= 0 && dst) {
    char *out = xstrdup((const char *)dst);
    free(dst);
    return out;
  }
  free(dst);
  return fg_fold(s);
}

char *fg_slug(const char *label) {
  /* (the loop below lowers ASCII letters: only other text needs utf8proc) */
  utf8proc_uint8_t *dst = NULL;
  const char *src = label;
  bool ascii = true;
  for (const char *q = label; *q && ascii; q++) ascii = (unsigned char)*q < 0x80;
  utf8proc_ssize_t r = ascii ? 0
                             : utf8proc_map((const utf8proc_uint8_t *)label,
                                            (utf8proc_ssize_t)strlen(label), &dst,
                                            UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (r >= 0 && dst) src = (const char *)dst;
  size_t n = strlen(src);
  char *out = xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)src[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out[k++] = (char)c;
    } else if (k && out[k - 1] != '_') {
      out[k++] = '_';
    }
  }
  while (k && out[k - 1] == '_') k--;
  out[k] = '\0';
  free(dst);
  return out;
}

uint64_t fg_hash_more(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t fg_hash(const char *s, size_t n) { return fg_hash_more(FG_HASH_START, s, n); }

int fg_casing_rank(const char *s) {
  bool upper = false, lower = false;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t n = strlen(s), i = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) {
      i++;
      continue;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) upper = true;
    if (c == UTF8PROC_CATEGORY_LL) lower = true;
    i += (size_t)len;
  }
  return upper && lower ? 2 : upper ? 1 : 0;
}

uint64_t fg_order_bytes(const char *s, size_t *at, size_t count) {
  uint64_t v = 0;
  for (size_t k = 0; k < count && k < 8; k++) {
    unsigned char c = (unsigned char)s[*at];
    v = v << 8 | c;
    if (c) (*at)++;
  }
  return v;
}

/* ---- the text pool ---- */

struct fg_pool_slot {
  const char *s; /* NULL: empty */
  uint32_t hash; /* the low bits of the text's hash, to skip most comparisons */
  uint32_t len;  /* its length, capped: a cheaper test before the bytes */
};

/* Texts come back soon and often: a name through an article, a sentence for each of its
 * events, the names of a story in every article of it. A small table of the texts last
 * added or found, which stays in the cache, answers those without a trip to the large table
 * (a lookup there is a miss in memory). */
#define POOL_RECENT 2048

void fg_pool_init(fg_pool *p) {
  memset(p, 0, sizeof *p);
  p->recent = xcalloc(POOL_RECENT, sizeof *p->recent);
  strbuf_init(&p->scratch);
}

void fg_pool_release(fg_pool *p) {
  free(p->slots);
  free(p->recent);
  strbuf_release(&p->scratch);
  memset(p, 0, sizeof *p);
}

static void pool_grow(fg_pool *p) {
  size_t cap = p->cap ? p->cap * 2 : 1024;
  struct fg_pool_slot *slots = xcalloc_written(cap, sizeof *slots);
  for (size_t i = 0; i < p->cap; i++) {
    const struct fg_pool_slot *o = &p->slots[i];
    if (!o->s) continue;
    /* the stored hash bits are the low ones, which is all a slot index uses */
    size_t k = o->hash & (cap - 1);
    while (slots[k].s) k = (k + 1) & (cap - 1);
    slots[k] = *o;
  }
  free(p->slots);
  p->slots = slots;
  p->cap = cap;
}

static bool slot_holds(const struct fg_pool_slot *o, uint32_t h, uint32_t len, const char *s,
                       size_t n) {
  return o->s && o->hash == h && o->len == len && memcmp(o->s, s, n) == 0 && o->s[n] == '\0';
}

const char *fg_pool_add(fg_pool *p, arena *a, const char *s, size_t n) {
  if (p->n * 2 >= p->cap) pool_grow(p);
  uint64_t full = table_hash(s, n); /* (not for outputs: fg_hash is stable) */
  uint32_t h = (uint32_t)full;
  uint32_t len = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
  struct fg_pool_slot *r = &p->recent[(full >> 32) & (POOL_RECENT - 1)];
  if (slot_holds(r, h, len, s, n)) return r->s;
  size_t k = h & (p->cap - 1);
  for (; p->slots[k].s; k = (k + 1) & (p->cap - 1))
    if (slot_holds(&p->slots[k], h, len, s, n)) {
      *r = p->slots[k];
      return r->s;
    }
  p->n++;
  p->slots[k] = (struct fg_pool_slot){arena_strndup(a, s, n), h, len};
  *r = p->slots[k];
  return r->s;
}

void fg_pool_prefetch(const fg_pool *p, const char *s, size_t n) {
  if (p->cap) __builtin_prefetch(&p->slots[table_hash(s, n) & (p->cap - 1)]);
}

const char *fg_pool_clean(fg_pool *p, arena *a, const char *s, bool collapse) {
  size_t n;
  const char *v = fg_clean_view(s, collapse, &p->scratch, &n);
  return fg_pool_add(p, a, v, n);
}
