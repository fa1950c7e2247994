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

/* One pass over S: copies valid code points, replaces invalid bytes, and (when COLLAPSE)
 * squeezes white space and control characters. */
static char *clean(arena *a, const char *s, bool collapse) {
  if (!s) s = "";
  size_t sn = strlen(s);
  if (already_clean(s, sn, collapse)) return arena_strndup(a, s, sn);
  strbuf sb;
  strbuf_init(&sb);
  if (!s) s = "";
  size_t n = strlen(s);
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  bool pending_space = false;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) {
      if (pending_space && sb.len) strbuf_addc(&sb, ' ');
      pending_space = false;
      add_replacement(&sb);
      i++;
      continue;
    }
    if (collapse && is_space_or_control(cp)) {
      pending_space = true;
    } else {
      if (pending_space && sb.len) strbuf_addc(&sb, ' ');
      pending_space = false;
      strbuf_add(&sb, s + i, (size_t)len);
    }
    i += (size_t)len;
  }
  char *out = arena_strndup(a, sb.data ? sb.data : "", sb.len);
  strbuf_release(&sb);
  return out;
}

char *fg_clean_utf8(arena *a, const char *s) { return clean(a, s, false); }

char *fg_collapse(arena *a, const char *s) { return clean(a, s, true); }

char *fg_fold(const char *collapsed) {
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
  utf8proc_uint8_t *dst = NULL;
  const char *src = label;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)label,
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
