/* aliases.c: reads the --aliases TSV file (see aliases.h) strictly: a watch list with a typo
 * should fail loudly rather than merge the wrong names. */
#include "aliases.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Bounds against a wrong file given by mistake (a video, a database dump). */
#define ALIASES_MAX_LINE 4096
#define ALIASES_MAX_RULES 1000000

typedef struct rule {
  char *canonical; /* NULL for "!alias" */
  char *alias;
  int type;
  bool forbid;
} rule;

static bool valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!len || i + len > n || (len == 2 && c < 0xC2)) return false;
    for (size_t k = 1; k < len; k++)
      if ((s[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

/* Trims spaces around a field in place. */
static char *trim(char *s) {
  while (*s == ' ') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) s[--n] = '\0';
  return s;
}

/* Parses one line (NUL-terminated, no newline) into R. Returns NULL, or what is wrong. */
static const char *parse_line(char *line, rule *r, char *why, size_t whylen) {
  memset(r, 0, sizeof *r);
  r->type = -1;
  char *fields[3];
  size_t nf = 0;
  char *p = line;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (nf == 3) return "too many fields (expected canonical<TAB>alias<TAB>type)";
    fields[nf++] = p;
    if (!tab) break;
    *tab = '\0';
    p = tab + 1;
  }
  for (size_t i = 0; i < nf; i++) fields[i] = trim(fields[i]);
  if (fields[0][0] == '!') {
    r->forbid = true;
    fields[0] = trim(fields[0] + 1);
    if (nf > 2) return "a ! line has one or two names (!alias or !canonical<TAB>alias)";
    if (!*fields[0] || (nf == 2 && !*fields[1])) return "empty name";
    if (nf == 1) {
      r->alias = fields[0];
    } else {
      r->canonical = fields[0];
      r->alias = fields[1];
    }
    return NULL;
  }
  if (nf < 2) return "expected canonical<TAB>alias<TAB>type";
  if (!*fields[0] || !*fields[1]) return "empty name";
  r->canonical = fields[0];
  r->alias = fields[1];
  if (nf == 3 && *fields[2]) {
    entity_type t;
    if (!entity_type_parse(fields[2], &t)) {
      snprintf(why, whylen, "unknown type '%.40s' (expected PERSON, ORG, GPE, LOC or MISC)",
               fields[2]);
      return why;
    }
    r->type = (int)t;
  }
  return NULL;
}

long aliases_load(factgraph *g, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "cannot read aliases: %s", strerror(errno));
    return -1;
  }
  rule *rules = NULL;
  char **lines = NULL;
  size_t nrules = 0, cap = 0, nlines = 0, caplines = 0;
  char *line = NULL;
  size_t linecap = 0, lineno = 0;
  long result = 0;
  char why[128];
  ssize_t len;
  while ((len = getline(&line, &linecap, f)) >= 0) {
    lineno++;
    if (len > ALIASES_MAX_LINE) {
      snprintf(err, errlen, "line %zu: longer than %d bytes", lineno, ALIASES_MAX_LINE);
      result = -1;
      break;
    }
    if (memchr(line, '\0', (size_t)len)) {
      snprintf(err, errlen, "line %zu: contains a NUL byte", lineno);
      result = -1;
      break;
    }
    if (!valid_utf8((const unsigned char *)line, (size_t)len)) {
      snprintf(err, errlen, "line %zu: not valid UTF-8", lineno);
      result = -1;
      break;
    }
    if (len && line[len - 1] == '\n') line[--len] = '\0';
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    /* A byte order mark at the start is no part of the first name. */
    char *s = line;
    if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
    char *t = s;
    while (*t == ' ' || *t == '\t') t++;
    if (!*t || *t == '#') continue;
    if (nrules >= ALIASES_MAX_RULES) {
      snprintf(err, errlen, "line %zu: more than %d rules", lineno, ALIASES_MAX_RULES);
      result = -1;
      break;
    }
    char *copy = xstrdup(s);
    VEC_RESERVE(lines, nlines, caplines);
    lines[nlines++] = copy;
    VEC_RESERVE(rules, nrules, cap);
    const char *bad = parse_line(copy, &rules[nrules], why, sizeof why);
    if (bad) {
      snprintf(err, errlen, "line %zu: %s", lineno, bad);
      result = -1;
      break;
    }
    nrules++;
  }
  if (result == 0 && ferror(f)) {
    snprintf(err, errlen, "cannot read aliases: %s", strerror(errno ? errno : EIO));
    result = -1;
  }
  fclose(f);
  free(line);
  for (size_t i = 0; result == 0 && i < nrules; i++) {
    const rule *r = &rules[i];
    int rc = r->forbid ? factgraph_forbid_alias(g, r->canonical, r->alias)
                       : factgraph_add_alias(g, r->canonical, r->alias, r->type);
    if (rc != 0) {
      snprintf(err, errlen, "the fact graph refused rule %zu", i + 1);
      result = -1;
    }
  }
  if (result == 0) result = (long)nrules;
  for (size_t i = 0; i < nlines; i++) free(lines[i]);
  free(lines);
  free(rules);
  return result;
}
