/* test_article_json.c: the fast JSON reader agrees with jansson on every text it reads, reads the
 * usual crawler objects itself, and leaves every doubtful text to jansson. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "article_json.h"

static const char *const keys[] = {"maintext", "title", "id", "date_publish", "source", NULL};

/* Checks that whenever article_json_scan reads TEXT, jansson reads it too, into the same string
 * values for KEYS (and no string where the fast reader kept none); returns whether it read. */
static bool scan_agrees(const char *text, size_t n) {
  json_t *fast = article_json_scan(text, n, keys);
  if (!fast) return false;
  json_error_t err;
  json_t *full = json_loadb(text, n, 0, &err);
  if (!full) fail_msg("jansson rejects what the fast reader read: %s (%s)", text, err.text);
  assert_true(json_is_object(full));
  for (const char *const *k = keys; *k; k++) {
    json_t *a = json_object_get(fast, *k), *b = json_object_get(full, *k);
    if (a) {
      assert_true(json_is_string(a) && json_is_string(b));
      assert_int_equal(json_string_length(a), json_string_length(b));
      assert_memory_equal(json_string_value(a), json_string_value(b), json_string_length(a));
    } else {
      /* what it leaves out, the reader of articles ignores: no value, null, bool or array */
      assert_true(!b || json_is_null(b) || json_is_boolean(b) || json_is_array(b));
    }
  }
  json_decref(full);
  json_decref(fast);
  return true;
}

static bool reads(const char *text) { return scan_agrees(text, strlen(text)); }

static void test_reads_crawler_objects(void **state) {
  (void)state;
  assert_true(reads("{\"title\": \"A\", \"maintext\": \"Body text.\\nMore.\", \"id\": \"x1\"}"));
  assert_true(reads("  {}  \n"));
  assert_true(reads("{\"authors\": [\"A B\", \"C\"], \"date_download\": \"2024-01-01 00:00:00\", "
                    "\"date_modify\": null, \"date_publish\": \"2017-03-24 10:00:00\", "
                    "\"image_url\": null, \"language\": \"en\", \"localpath\": null, "
                    "\"maintext\": \"Text\", \"nested\": {\"a\": [1, 2.5, -0, true, false, "
                    "{\"b\": {}}], \"c\": []}, \"n\": 12345678}"));
  /* escapes, decoded as jansson does */
  assert_true(reads("{\"maintext\": \"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\u20AC\"}"));
  assert_true(reads("{\"maintext\": \"emoji \\ud83d\\ude00 end\"}"));
  /* UTF-8 of every length, raw */
  assert_true(reads("{\"maintext\": \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x7f\"}"));
  /* a repeated key: the last value counts, also when it is not a string */
  assert_true(reads("{\"title\": \"first\", \"title\": \"second\"}"));
  assert_true(reads("{\"title\": \"first\", \"title\": null}"));
  assert_true(reads("{\"title\": \"first\", \"title\": [\"x\"]}"));
  /* long plain runs (the sixteen- and eight-byte steps) with an escape, a character of two
   * bytes or a byte that is no UTF-8 at every offset, and strings ending at every length */
  for (size_t at = 0; at < 48; at++) {
    char buf[128];
    char body[52];
    memset(body, 'a', sizeof body);
    body[sizeof body - 1] = '\0';
    memcpy(body + at, "\\n", 2);
    snprintf(buf, sizeof buf, "{\"maintext\": \"%s\"}", body);
    assert_true(reads(buf));
    memcpy(body + at, "\xc3\xa9", 2);
    snprintf(buf, sizeof buf, "{\"maintext\": \"%s\"}", body);
    assert_true(reads(buf));
    body[at] = '\xff'; /* not UTF-8: left to jansson, which rejects it */
    snprintf(buf, sizeof buf, "{\"maintext\": \"%s\"}", body);
    assert_false(reads(buf));
    body[at] = '\0';
    snprintf(buf, sizeof buf, "{\"maintext\": \"%s\"}", body);
    assert_true(reads(buf));
  }
}

/* What the fast reader leaves to jansson: each either malformed (jansson reports it) or a value
 * it does not make itself. */
static void test_leaves_doubtful_texts(void **state) {
  (void)state;
  static const char *const doubtful[] = {
      "",
      "   ",
      "[{\"maintext\": \"x\"}]",      /* an array of articles */
      "{\"maintext\": \"x\"} x",      /* text after the object */
      "{\"maintext\": \"x\"",         /* unclosed */
      "{\"maintext\": \"x}",          /* unclosed string */
      "{\"maintext\" \"x\"}",         /* no colon */
      "{\"maintext\": \"x\",}",       /* trailing comma */
      "{maintext: \"x\"}",            /* bare key */
      "{\"a\": 01}",                  /* leading zero */
      "{\"a\": 1.}",                  /* no fraction digits */
      "{\"a\": -}",                   /* no digits */
      "{\"a\": 1e400}",               /* exponents: overflow is jansson's call */
      "{\"a\": 1234567890123456789012}", /* too long an integer */
      "{\"a\": tru}",                 /* broken literal */
      "{\"a\": nullx}",               /* literal run on */
      "{\"maintext\": \"a\tb\"}",     /* a raw control character */
      "{\"maintext\": \"\\u0000\"}",  /* NUL */
      "{\"maintext\": \"\\ud83d\"}",  /* lone high surrogate */
      "{\"maintext\": \"\\ude00\"}",  /* lone low surrogate */
      "{\"maintext\": \"\\ud83d\\u0041\"}", /* high surrogate, then no low one */
      "{\"maintext\": \"\\x\"}",      /* unknown escape */
      "{\"maintext\": \"\\u12G4\"}",  /* bad hex */
      "{\"maintext\": \"\xc0\x80\"}", /* overlong NUL */
      "{\"maintext\": \"\xed\xa0\x80\"}", /* a surrogate in UTF-8 */
      "{\"maintext\": \"\xf5\x80\x80\x80\"}", /* above U+10FFFF */
      "{\"maintext\": \"caf\xe9\"}",  /* Windows-1252: jansson and the caller convert it */
      "{\"id\": 42}",                 /* a number the reader uses */
      "{\"source\": {\"name\": \"Wire\"}}", /* an object the reader uses */
      "{\"date_publish\": -1}",
      "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      "\xef\xbb\xbf{\"maintext\": \"x\"}", /* a byte order mark */
  };
  for (size_t i = 0; i < sizeof doubtful / sizeof doubtful[0]; i++) {
    json_t *j = article_json_scan(doubtful[i], strlen(doubtful[i]), keys);
    if (j) fail_msg("read a doubtful text: %s", doubtful[i]);
  }
  /* a NUL byte inside the text */
  static const char nul[] = "{\"maintext\": \"a\0b\"}";
  assert_null(article_json_scan(nul, sizeof nul - 1, keys));
}

/* Every cut of a good object: each prefix is malformed, and the fast reader never reads one. */
static void test_every_prefix(void **state) {
  (void)state;
  const char *good = "{\"title\": \"T\\u00e9\", \"maintext\": \"caf\xc3\xa9 \\ud83d\\ude00\", "
                     "\"x\": [1, -2.5, {\"y\": null}], \"id\": \"a\"}";
  size_t n = strlen(good);
  assert_true(scan_agrees(good, n));
  for (size_t cut = 0; cut < n; cut++) assert_false(scan_agrees(good, cut));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reads_crawler_objects),
      cmocka_unit_test(test_leaves_doubtful_texts),
      cmocka_unit_test(test_every_prefix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
