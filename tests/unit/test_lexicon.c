/* Tests of lexicon.c: every one-word key of the lists is found as a word, whatever its ASCII
 * case and wherever it lies in memory, with the hash the lists use; words that differ from a
 * key by a byte, or are a key cut short or made longer, are not taken for it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "util.h"

/* Lists of every kind of key: short and long words, capitals, digits, non-ASCII letters. */
static const char *const lists[] = {"months", "countries", "cities", "first_names", "verbs",
                                    "abbreviations", "common_words", "titles", "demonyms",
                                    "speech_verbs", "time_words", "currencies"};

/* The word TEXT (N bytes) looked up from a buffer of exactly N bytes, so that a read past its
 * end is one the sanitizers see; *HASH receives its hash. */
static long word_at_end(const char *text, size_t n, uint32_t *hash) {
  char *copy = malloc(n ? n : 1);
  assert_non_null(copy);
  memcpy(copy, text, n);
  long w = lexicon_word_hash(copy, n, hash);
  assert_int_equal(*hash, lexicon_hash(copy, n));
  uint32_t headed_hash; /* (as token_split asks, with the head it has) */
  assert_int_equal(lexicon_word_headed(copy, n, lower_head(copy, n), &headed_hash), w);
  assert_true(headed_hash == *hash);
  assert_int_equal(w, lexicon_word(copy, n, *hash));
  free(copy);
  return w;
}

static void upper_ascii(char *s) {
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
}

static void test_every_key_is_a_word(void **state) {
  (void)state;
  size_t checked = 0, long_ones = 0;
  char buf[512];
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
    const lexicon *lx = lexicon_get(lists[l]);
    assert_non_null(lx);
    for (size_t i = 0; i < lexicon_size(lx); i++) {
      const char *key = lexicon_key(lx, i);
      size_t n = strlen(key);
      if (strchr(key, ' ') || n + 2 > sizeof buf) continue;
      uint32_t h;
      long w = word_at_end(key, n, &h);
      assert_true(w >= 0);
      if (lexicon_number(lx) < 32) assert_true(lexicon_word_lists(w) >> lexicon_number(lx) & 1);
      /* the value the list gives (the first of equal keys) */
      assert_string_equal(lexicon_word_value(lx, w), lexicon_find(lx, key, n));
      /* the same word in capitals */
      memcpy(buf, key, n + 1);
      upper_ascii(buf);
      uint32_t hu;
      assert_int_equal(word_at_end(buf, n, &hu), w);
      assert_int_equal(hu, h);
      /* one byte longer, one shorter, any one byte changed: another word or none */
      memcpy(buf, key, n);
      buf[n] = 'q';
      assert_int_not_equal(word_at_end(buf, n + 1, &hu), w);
      if (n > 1) assert_int_not_equal(word_at_end(key, n - 1, &hu), w);
      for (size_t p = 0; p < n; p++) {
        memcpy(buf, key, n);
        buf[p] = buf[p] == '#' ? '%' : '#';
        assert_int_not_equal(word_at_end(buf, n, &hu), w);
      }
      checked++;
      if (n > 8) long_ones++;
    }
  }
  /* the lists are there, with words past the eight bytes a slot holds */
  assert_true(checked > 1000);
  assert_true(long_ones > 100);
}

static void test_absent_words(void **state) {
  (void)state;
  static const char *const absent[] = {"xq", "zzzzzzz", "qwertyuiopasdfgh", "3", "\xC3\xA9q"};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++) {
    uint32_t h;
    assert_int_equal(word_at_end(absent[i], strlen(absent[i]), &h), -1);
  }
  uint32_t h;
  assert_int_equal(lexicon_word_hash("", 0, &h), -1);
  assert_int_equal(lexicon_word_headed("", 0, lower_head("", 0), &h), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_key_is_a_word),
      cmocka_unit_test(test_absent_words),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
