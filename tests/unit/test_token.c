/* Tests of token.c and sentence.c: token and sentence boundaries as byte spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdio.h>

#include "support.h"

/* Reports a failed table row and goes on, so that one run shows every failing row. */
static int failures;
#define CASE_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); failures++; } while (0)
#include "util.h"

/* Tokens of TEXT joined with '|'. */
static void tokens_of(const char *text, strbuf *out) {
  analysed x;
  analyse(&x, text, 0, 0, 0);
  for (size_t i = 0; i < x.d.ntokens; i++) {
    if (i) strbuf_addc(out, '|');
    strbuf_adds(out, span_str(&x, x.d.tokens[i].start, x.d.tokens[i].end));
  }
  analysed_release(&x);
}

static void test_tokens(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"Mr. Putin met Dr. Smith.", "Mr.|Putin|met|Dr.|Smith|."},
      {"the U.S. and the E.U.", "the|U.S.|and|the|E.U."},
      {"a 9.7% rise, 1,200 people", "a|9.7|%|rise|,|1,200|people"},
      {"took a €9m (£7.8m) loan", "took|a|€|9m|(|£|7.8m|)|loan"},
      {"Le Pen's party", "Le|Pen|'s|party"},
      {"Le Pen’s party", "Le|Pen|’s|party"},
      {"the United States.Mr Putin", "the|United|States|.|Mr|Putin"},
      {"al-Assad and far-right", "al-Assad|and|far-right"},
      {"see https://example.com/a?b=1, then", "see|https://example.com/a?b=1|,|then"},
      {"on 24/03/2017 at 10:30", "on|24/03/2017|at|10:30"},
      {"J. R. R. Tolkien", "J.|R.|R.|Tolkien"},
      /* lower-case runs of sixteen letters and more, ending at every kind of byte and at the
       * end of the text */
      {"internationalisation, counterrevolutionaries' antidisestablishmentarianism",
       "internationalisation|,|counterrevolutionaries|'|antidisestablishmentarianism"},
      {"abcdefghijklmnopq{rstuvwxyzabcdefghijklmnopQrs9tuvwxyz", "abcdefghijklmnopq|{|rstuvwxyzabcdefghijklmnopQrs9tuvwxyz"},
      {"zzzzzzzzzzzzzzz\xC3\xA9zzzzzzzzzzzzzzzzzzzzzzzzzzzzz`aaaaaaaaaaaaaaaa",
       "zzzzzzzzzzzzzzz\xC3\xA9zzzzzzzzzzzzzzzzzzzzzzzzzzzzz|`|aaaaaaaaaaaaaaaa"},
      {"INTERFAX.RU — Moscow", "INTERFAX.RU|—|Moscow"},
      {"“We attach,” — said", "“|We|attach|,|”|—|said"},
      {"don't O'Brien", "don't|O'Brien"},
      {"in the 1990s", "in|the|1990s"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    strbuf got;
    strbuf_init(&got);
    tokens_of(cases[i][0], &got);
    if (strcmp(got.data, cases[i][1]) != 0)
      CASE_FAIL("tokens of \"%s\": got \"%s\", expected \"%s\"", cases[i][0], got.data, cases[i][1]);
    strbuf_release(&got);
  }
  assert_int_equal(failures, 0);
}

/* Each token carries its first eight bytes in lower case, as lower_head reads them from the
 * token alone (tokens of every length, in mixed case, up to the last byte of the text), and
 * doc_token_is compares on them: a word matches its tokens in any case, and no other. */
static void test_token_heads(void **state) {
  (void)state;
  static const char *const texts[] = {
      "A an THE Of said Minister INTERNATIONALISATION al-Assad x",
      "Internationalisation", "ab", "Q", "Eight888 Nine99999 Seven77",
  };
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
    analysed x;
    analyse(&x, texts[t], 0, 0, 0);
    assert_true(x.d.ntokens > 0);
    for (size_t i = 0; i < x.d.ntokens; i++) {
      const token *k = &x.d.tokens[i];
      const char *w = x.d.text + k->start;
      assert_true(x.d.tok_head[i] == lower_head(w, token_len(k)));
      char lower[64], upper[64];
      size_t n = token_len(k) < sizeof lower - 1 ? token_len(k) : sizeof lower - 1;
      for (size_t c = 0; c < n; c++) {
        lower[c] = (char)tolower((unsigned char)w[c]);
        upper[c] = (char)toupper((unsigned char)w[c]);
      }
      lower[n] = upper[n] = '\0';
      assert_true(doc_token_is(&x.d, i, lower));
      assert_true(doc_token_is(&x.d, i, upper));
      upper[n - 1] = upper[n - 1] == 'Z' ? 'Y' : 'Z'; /* one letter off, the last */
      assert_false(doc_token_is(&x.d, i, upper));
      lower[n - 1] = '\0'; /* one letter short */
      assert_false(n > 1 && doc_token_is(&x.d, i, lower));
    }
    analysed_release(&x);
  }
}

static void sentences_of(const char *text, strbuf *out) {
  analysed x;
  analyse(&x, text, 0, 0, 0);
  for (size_t i = 0; i < x.d.nsentences; i++) {
    if (i) strbuf_addc(out, '|');
    strbuf_adds(out, span_str(&x, x.d.sentences[i].start, x.d.sentences[i].end));
  }
  analysed_release(&x);
}

static void test_sentences(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"Mr. Putin met Dr. Smith. They talked.", "Mr. Putin met Dr. Smith.|They talked."},
      {"Headline without stop\n\nBody starts here. And goes on.",
       "Headline without stop|Body starts here.|And goes on."},
      {"It rose 9.7 percent. Then fell.", "It rose 9.7 percent.|Then fell."},
      {"in the United States.Mr Putin said so.", "in the United States.|Mr Putin said so."},
      {"\"We will win.\" He said it twice.", "\"We will win.\"|He said it twice."},
      {"Is it true? Yes! Fine.", "Is it true?|Yes!|Fine."},
      {"A line\nAnother line", "A line|Another line"},
      {"She met the U.S. envoy on Friday.", "She met the U.S. envoy on Friday."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    strbuf got;
    strbuf_init(&got);
    sentences_of(cases[i][0], &got);
    if (strcmp(got.data, cases[i][1]) != 0)
      CASE_FAIL("sentences of \"%s\": got \"%s\", expected \"%s\"", cases[i][0], got.data,
               cases[i][1]);
    strbuf_release(&got);
  }
  assert_int_equal(failures, 0);
}

static void test_headline_and_furniture(void **state) {
  (void)state;
  analysed x;
  analyse(&x,
          "Leaders meet in Rome\n\nThe two leaders met on Monday.\n\nRead more: Other story here\n\n"
          "Source: https://example.com/story\n\nAngela Merkel with Emmanuel Macron.\n",
          2020, 1, 1);
  assert_int_equal(x.d.nsentences, 5);
  assert_true(x.d.sentences[0].flags & SENT_HEADLINE);
  assert_false(x.d.sentences[1].flags & (SENT_HEADLINE | SENT_FURNITURE));
  assert_true(x.d.sentences[2].flags & SENT_FURNITURE); /* Read more */
  assert_true(x.d.sentences[3].flags & SENT_FURNITURE); /* Source: URL */
  assert_true(x.d.sentences[4].flags & SENT_FURNITURE); /* a caption without a verb */
  analysed_release(&x);
}

/* Text broken into lines of 50-100 bytes inside its sentences is hard-wrapped: a single line
 * break is a space there, and only a blank line ends a paragraph. Short lines, or lines that
 * end their sentences, keep each line break. */
static void test_hard_wrapped(void **state) {
  (void)state;
  static const char wrapped[] =
      "The finance ministers of the two countries met in the capital on\n"
      "Tuesday to discuss the loan that the central bank had approved in\n"
      "March. They agreed on a schedule of payments that would begin next\n"
      "year and run for a decade, officials from both governments said in\n"
      "a joint statement released after the talks had ended late at night\n"
      "in the old parliament building near the river, where the delegates\n"
      "had gathered.\n"
      "\n"
      "A second paragraph follows here.\n";
  analysed x;
  analyse(&x, wrapped, 2020, 1, 1);
  assert_true(x.d.hard_wrapped);
  assert_int_equal(x.d.nsentences, 3);
  assert_string_equal(span_str(&x, x.d.sentences[0].start, x.d.sentences[0].end),
                      "The finance ministers of the two countries met in the capital on\n"
                      "Tuesday to discuss the loan that the central bank had approved in\n"
                      "March.");
  assert_string_equal(span_str(&x, x.d.sentences[2].start, x.d.sentences[2].end),
                      "A second paragraph follows here.");
  analysed_release(&x);

  /* the same words, one sentence a line: each line is read as it stands */
  static const char lines[] =
      "The finance ministers of the two countries met in the capital on Tuesday.\n"
      "They discussed the loan that the central bank had approved in March.\n"
      "They agreed on a schedule of payments that would begin next year.\n"
      "Officials from both governments said so in a joint statement.\n"
      "The talks had ended late at night in the old parliament building.\n"
      "The delegates had gathered there near the river\n"
      "A last line.\n";
  analyse(&x, lines, 2020, 1, 1);
  assert_false(x.d.hard_wrapped);
  assert_int_equal(x.d.nsentences, 7);
  analysed_release(&x);
}

static void test_hostile_text(void **state) {
  (void)state;
  /* invalid bytes, lone marks, a NUL-free run of punctuation: no crash, spans in bounds */
  static const char *const texts[] = {"\xff\xfe\x80 abc", "\"\"\"\"", "....!!!???", "“", "'s",
                                      "a\xe2\x80", "Mr.", "U.S"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    analysed x;
    analyse(&x, texts[i], 2020, 1, 1);
    for (size_t t = 0; t < x.d.ntokens; t++) {
      assert_true(x.d.tokens[t].start < x.d.tokens[t].end);
      assert_true(x.d.tokens[t].end <= x.d.len);
    }
    analysed_release(&x);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tokens),
      cmocka_unit_test(test_token_heads),
      cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_headline_and_furniture),
      cmocka_unit_test(test_hard_wrapped),
      cmocka_unit_test(test_hostile_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
