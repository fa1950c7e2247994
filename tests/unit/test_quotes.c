/* Tests of quotes.c: quote spans and their speakers in the common news forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "support.h"

/* Reports a failed table row and goes on, so that one run shows every failing row. */
static int failures;
#define CASE_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); failures++; } while (0)

typedef struct quote_case {
  const char *text;
  const char *quote;   /* the words of the first quote */
  const char *speaker; /* its speaker's canonical name, NULL for none */
  const char *addressee;
  bool indirect;
} quote_case;

static void test_quote_table(void **state) {
  (void)state;
  static const quote_case cases[] = {
      {"\"We will not give up,\" Angela Merkel said.", "We will not give up", "Angela Merkel", NULL, false},
      {"\"We will not give up,\" said Angela Merkel.", "We will not give up", "Angela Merkel", NULL, false},
      {"“We attach great importance to it”, — said the head of state, Vladimir Putin.",
       "We attach great importance to it", "Vladimir Putin", NULL, false},
      {"Vladimir Putin arrived. “We attach great importance to it”, — said the head of state.",
       "We attach great importance to it", "Vladimir Putin", NULL, false},
      {"Emmanuel Macron said: «Nous sommes prêts à tout faire».", "Nous sommes prêts à tout faire", "Emmanuel Macron", NULL, false},
      {"„Wir schaffen das“, sagte Angela Merkel. Angela Merkel said it.", "Wir schaffen das", NULL, NULL, false},
      {"\"You know what happened,\" Marine Le Pen told Vladimir Putin.", "You know what happened", "Marine Le Pen", "Vladimir Putin", false},
      {"\"It is a new world,\" Interfax reported Marine Le Pen as saying.", "It is a new world", "Marine Le Pen", NULL, false},
      {"\"Prices will rise this year,\" according to Christine Lagarde.", "Prices will rise this year", "Christine Lagarde", NULL, false},
      {"Angela Merkel arrived late. She added that “terrorism is a threat to all of us”.", "terrorism is a threat to all of us", "Angela Merkel", NULL, false},
      {"Emmanuel Macron said that France would send more troops.", "France would send more troops", "Emmanuel Macron", NULL, true},
      {"Joe Biden told Xi Jinping that the talks had been useful.", "the talks had been useful", "Joe Biden", "Xi Jinping", true},
      {"The party took a \"chaos\" line.", "chaos", NULL, NULL, false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const quote_case *c = &cases[i];
    analysed x;
    analyse(&x, c->text, 2020, 5, 4);
    if (x.d.nquotes == 0) {
      CASE_FAIL("\"%s\": no quote found", c->text);
      analysed_release(&x);
      continue;
    }
    const doc_quote *q = &x.d.quotes[0];
    const char *words = span_str(&x, q->start, q->end);
    if (strcmp(words, c->quote) != 0) CASE_FAIL("\"%s\": quote \"%s\", expected \"%s\"", c->text, words, c->quote);
    const char *speaker = q->speaker >= 0 ? x.d.entities[q->speaker].name : NULL;
    if ((speaker == NULL) != (c->speaker == NULL) || (speaker && strcmp(speaker, c->speaker) != 0))
      CASE_FAIL("\"%s\": speaker %s, expected %s", c->text, speaker ? speaker : "(none)",
               c->speaker ? c->speaker : "(none)");
    if (c->addressee) {
      if (q->addressee < 0 || strcmp(x.d.entities[q->addressee].name, c->addressee) != 0)
        CASE_FAIL("\"%s\": addressee missing", c->text);
    }
    if (q->indirect != c->indirect) CASE_FAIL("\"%s\": indirect is %d", c->text, q->indirect);
    analysed_release(&x);
  }
  assert_int_equal(failures, 0);
}

static void test_quote_over_paragraphs(void **state) {
  (void)state;
  analysed x;
  analyse(&x,
          "\"We will keep our promises,\" Angela Merkel said.\n\n"
          "\"And we expect the same from our partners in every case.\"\n\n"
          "Officials were \"very pleased\" by the outcome.\n",
          2020, 5, 4);
  assert_int_equal(x.d.nquotes, 3);
  assert_string_equal(x.d.entities[x.d.quotes[1].speaker].name, "Angela Merkel");
  assert_int_equal(x.d.quotes[2].speaker, -1); /* a scare quote carries nobody's words */
  analysed_release(&x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_quote_table),
      cmocka_unit_test(test_quote_over_paragraphs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
