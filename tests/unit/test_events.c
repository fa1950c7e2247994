/* Tests of events.c: event types, actor and target, place, date and its basis, amounts,
 * negation and hypotheticals. */
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

typedef struct event_case {
  const char *text;
  const char *type;
  const char *actor;  /* first actor's name, "" for none */
  const char *target; /* first target's name, "" for none */
  const char *date;   /* ISO date expected */
  date_basis basis;
  bool negated, hypothetical;
} event_case;

static const char *first_name(const analysed *x, const int *ids, int n) {
  return n ? x->d.entities[ids[0]].name : "";
}

static void test_event_table(void **state) {
  (void)state;
  static const event_case cases[] = {
      {"Angela Merkel met Emmanuel Macron in Paris on Friday.", "meet", "Angela Merkel", "Emmanuel Macron", "2020-05-01", BASIS_TEXT, false, false},
      {"Angela Merkel held a meeting with Emmanuel Macron.", "meet", "Angela Merkel", "Emmanuel Macron", "2020-05-04", BASIS_PUBLICATION, false, false},
      {"Angela Merkel and Emmanuel Macron met in Berlin.", "meet", "Angela Merkel", "", "2020-05-04", BASIS_PUBLICATION, false, false},
      {"In 2014, the National Front received a $9.7 million loan from Russian bank FCRB.", "loan", "FCRB", "National Front", "2014", BASIS_TEXT, false, false},
      {"The World Bank lent Greece money last year.", "loan", "World Bank", "Greece", "2019", BASIS_TEXT, false, false},
      {"Kabul was attacked by the Taliban on Monday.", "attack", "Taliban", "Kabul", "2020-05-04", BASIS_TEXT, false, false},
      {"Joe Biden visited Kyiv on Tuesday.", "visit", "Joe Biden", "Kyiv", "2020-04-28", BASIS_TEXT, false, false},
      {"Angela Merkel did not meet Emmanuel Macron.", "meet", "Angela Merkel", "Emmanuel Macron", "2020-05-04", BASIS_PUBLICATION, true, false},
      {"It is not clear whether Angela Merkel will meet Emmanuel Macron.", "meet", "Angela Merkel", "Emmanuel Macron", "2020-05-04", BASIS_PUBLICATION, false, true},
      {"The European Union imposed sanctions on Russia in 2014.", "sanction", "European Union", "Russia", "2014", BASIS_TEXT, false, false},
      {"Vladimir Putin of Russia held talks with Xi Jinping.", "meet", "Vladimir Putin", "Xi Jinping", "2020-05-04", BASIS_PUBLICATION, false, false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const event_case *c = &cases[i];
    analysed x;
    analyse(&x, c->text, 2020, 5, 4); /* a Monday */
    const doc_event *ev = NULL;
    for (size_t k = 0; k < x.d.nevents && !ev; k++)
      if (strcmp(x.d.events[k].type, c->type) == 0) ev = &x.d.events[k];
    if (!ev) {
      CASE_FAIL("\"%s\": no %s event", c->text, c->type);
      analysed_release(&x);
      continue;
    }
    const char *actor = first_name(&x, ev->actors, ev->nactors);
    const char *target = first_name(&x, ev->targets, ev->ntargets);
    char date[16];
    fact_date_format(&ev->date, date);
    if (strcmp(actor, c->actor) != 0 || strcmp(target, c->target) != 0 || strcmp(date, c->date) != 0 ||
        ev->date.basis != c->basis || ev->negated != c->negated || ev->hypothetical != c->hypothetical)
      CASE_FAIL("\"%s\": got %s(%s -> %s) %s/%s neg=%d hyp=%d", c->text, ev->type, actor, target, date,
               date_basis_name(ev->date.basis), ev->negated, ev->hypothetical);
    analysed_release(&x);
  }
  assert_int_equal(failures, 0);
}

static void test_amounts(void **state) {
  (void)state;
  analysed x;
  analyse(&x, "The party took a €9m (£7.8m) loan from Gazprom Bank in 2014.", 2017, 3, 24);
  const doc_event *ev = NULL;
  for (size_t k = 0; k < x.d.nevents; k++)
    if (strcmp(x.d.events[k].type, "loan") == 0) ev = &x.d.events[k];
  assert_non_null(ev);
  assert_int_equal(ev->namounts, 2);
  assert_true(ev->amounts[0].value == 9000000.0);
  assert_string_equal(ev->amounts[0].currency, "EUR");
  assert_string_equal(ev->amounts[0].text, "€9m");
  assert_true(ev->amounts[1].value == 7800000.0);
  assert_string_equal(ev->amounts[1].currency, "GBP");
  assert_string_equal(x.d.entities[ev->actors[0]].name, "Gazprom Bank");
  analysed_release(&x);
}

static void test_say_events(void **state) {
  (void)state;
  analysed x;
  analyse(&x, "\"We will win,\" Angela Merkel told Emmanuel Macron on Monday.", 2020, 5, 6);
  const doc_event *ev = NULL;
  for (size_t k = 0; k < x.d.nevents; k++)
    if (strcmp(x.d.events[k].type, "say") == 0) ev = &x.d.events[k];
  assert_non_null(ev);
  assert_string_equal(x.d.entities[ev->actors[0]].name, "Angela Merkel");
  assert_string_equal(x.d.entities[ev->targets[0]].name, "Emmanuel Macron");
  char date[16];
  fact_date_format(&ev->date, date);
  assert_string_equal(date, "2020-05-04");
  assert_int_equal(ev->quote, 0);
  analysed_release(&x);
}

/* The date of the say event of TEXT (published on Y-M-D) and its basis, as "DATE/basis". */
static void say_date(const char *text, int y, int m, int d, char *out, size_t n) {
  analysed x;
  analyse(&x, text, y, m, d);
  const doc_event *ev = NULL;
  for (size_t k = 0; k < x.d.nevents; k++)
    if (strcmp(x.d.events[k].type, "say") == 0) ev = &x.d.events[k];
  assert_non_null(ev);
  char date[16];
  fact_date_format(&ev->date, date);
  snprintf(out, n, "%s/%s", date, date_basis_name(ev->date.basis));
  analysed_release(&x);
}

/* A say event takes the date of its saying: not one inside what is said, and, told in the
 * past after a lead that dates the story, the lead's day. */
static void test_say_dates(void **state) {
  (void)state;
  char got[64];
  say_date("Angela Merkel said on Friday that prices will rise next year.", 2020, 5, 4, got,
           sizeof got);
  assert_string_equal(got, "2020-05-01/text");
  say_date("Angela Merkel said that prices will rise next year.", 2020, 5, 4, got, sizeof got);
  assert_string_equal(got, "2020-05-04/publication");
  say_date("NATO admitted Poland and Hungary on Friday.\n\n"
           "\"It is a great day,\" Bronislaw Geremek said.", 1999, 3, 13, got, sizeof got);
  assert_string_equal(got, "1999-03-12/text");
  /* the present tense: news of the publication day */
  say_date("NATO admitted Poland and Hungary on Friday.\n\n"
           "\"It is a great day,\" Bronislaw Geremek says.", 1999, 3, 13, got, sizeof got);
  assert_string_equal(got, "1999-03-13/publication");
  /* a lead told in the perfect is news of the day: its second sentence's date is background */
  say_date("The FBI has released one of two men.\n\nThe men were named on Thursday.\n\n"
           "\"We are interviewing them,\" Paul Moskal said.", 1998, 11, 21, got, sizeof got);
  assert_string_equal(got, "1998-11-21/publication");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_event_table),
      cmocka_unit_test(test_amounts),
      cmocka_unit_test(test_say_events),
      cmocka_unit_test(test_say_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
