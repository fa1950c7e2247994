/* Tests of names.c and coref.c: names found with their type, canonical form and role, short
 * forms and pronouns joined to the full name. */
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

/* The entity that the mention covering TEXT's first occurrence of SURFACE refers to. */
static const doc_entity *entity_of(const analysed *x, const char *surface) {
  const char *at = strstr(x->d.text, surface);
  if (!at) return NULL;
  uint32_t off = (uint32_t)(at - x->d.text);
  for (size_t m = 0; m < x->d.nmentions; m++)
    if (x->d.mentions[m].start <= off && off < x->d.mentions[m].end)
      return &x->d.entities[x->d.mentions[m].entity];
  return NULL;
}

typedef struct name_case {
  const char *text;
  const char *surface;  /* a piece of the text */
  const char *entity;   /* the canonical name it should refer to; NULL: no entity */
  entity_type type;
  const char *role;     /* expected role or NULL (not checked) */
} name_case;

static void test_names_table(void **state) {
  (void)state;
  static const name_case cases[] = {
      {"Russian President Vladimir Putin spoke.", "Vladimir", "Vladimir Putin", ENTITY_PERSON, "President"},
      {"Foreign Minister Sergei Lavrov said so.", "Lavrov", "Sergei Lavrov", ENTITY_PERSON, "Foreign Minister"},
      {"US President Donald Trump arrived.", "Donald", "Donald Trump", ENTITY_PERSON, "President"},
      {"The spokesman Dmitry Peskov told reporters.", "Peskov", "Dmitry Peskov", ENTITY_PERSON, "Spokesman"},
      {"She met marine Le Pen on Friday.", "marine", "Marine Le Pen", ENTITY_PERSON, NULL},
      {"The treasurer, Wallerand de Saint-Just, said no.", "Wallerand", "Wallerand de Saint-Just", ENTITY_PERSON, NULL},
      {"Angela Merkel arrived. Later Merkel left.", "Merkel left", "Angela Merkel", ENTITY_PERSON, NULL},
      {"Ms Le Pen arrived in Moscow.", "Le Pen", "Le Pen", ENTITY_PERSON, NULL},
      {"Talks in the Russian Federation began.", "Russian Federation", "Russia", ENTITY_GPE, NULL},
      {"Officials from the U.S. came.", "U.S.", "United States", ENTITY_GPE, NULL},
      {"The Front National (FN) won. The FN said so.", "FN)", "Front National", ENTITY_ORG, NULL},
      {"He flew to Berlin yesterday.", "Berlin", "Berlin", ENTITY_GPE, NULL},
      {"The World Bank lent money.", "World Bank", "World Bank", ENTITY_ORG, NULL},
      {"They met at Trump Tower in New York.", "Trump Tower", "Trump Tower", ENTITY_LOC, NULL},
      {"However, nothing happened.", "However", NULL, ENTITY_OTHER, NULL},
      {"Read more about it here.", "Read", NULL, ENTITY_OTHER, NULL},
      {"Six Russian soldiers died.", "Six", NULL, ENTITY_OTHER, NULL},
      {"A loan from Russian bank FCRB followed.", "FCRB", "FCRB", ENTITY_ORG, NULL},
      {"Bashar al-Assad spoke.", "Bashar", "Bashar al-Assad", ENTITY_PERSON, NULL},
      {"The Kremlin denied it.", "Kremlin", "Kremlin", ENTITY_ORG, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const name_case *c = &cases[i];
    analysed x;
    analyse(&x, c->text, 2020, 5, 4);
    const doc_entity *e = entity_of(&x, c->surface);
    if (!c->entity) {
      if (e) CASE_FAIL("\"%s\": \"%s\" should name nothing, got %s", c->text, c->surface, e->name);
    } else {
      if (!e) {
        CASE_FAIL("\"%s\": no entity at \"%s\"", c->text, c->surface);
      } else if (strcmp(e->name, c->entity) != 0 || e->type != c->type)
        CASE_FAIL("\"%s\": got %s/%s, expected %s/%s", c->text, e->name, entity_type_name(e->type),
                 c->entity, entity_type_name(c->type));
      else if (c->role && (!e->role || strcmp(e->role, c->role) != 0))
        CASE_FAIL("\"%s\": role %s, expected %s", c->text, e->role ? e->role : "(none)", c->role);
    }
    analysed_release(&x);
  }
  assert_int_equal(failures, 0);
}

static void test_pronouns_and_descriptions(void **state) {
  (void)state;
  analysed x;
  analyse(&x,
          "Russian President Vladimir Putin met the candidate for the French presidency, "
          "Marine Le Pen. He said little. She thanked him. Later the head of state left, and "
          "the candidate stayed.",
          2017, 3, 24);
  const doc_entity *he = entity_of(&x, "He said");
  const doc_entity *she = entity_of(&x, "She thanked");
  const doc_entity *hos = entity_of(&x, "the head of state");
  const doc_entity *cand = entity_of(&x, "the candidate stayed");
  assert_non_null(he);
  assert_string_equal(he->name, "Vladimir Putin");
  assert_non_null(she);
  assert_string_equal(she->name, "Marine Le Pen");
  assert_non_null(hos);
  assert_string_equal(hos->name, "Vladimir Putin");
  assert_non_null(cand);
  assert_string_equal(cand->name, "Marine Le Pen");
  analysed_release(&x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_table),
      cmocka_unit_test(test_pronouns_and_descriptions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
