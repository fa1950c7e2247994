/* test_resolve.c: merging across articles (graph/resolve.c, graph/merge.c): which names are one
 * entity and which are not, user alias rules, which reports are one event, quote similarity,
 * and results that do not depend on the order articles come in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/factgraph.h"
#include "graph/fg_internal.h"
#include "util.h"

static int ent(factgraph *g, uint32_t doc, const char *name, entity_type type) {
  fact_mention m = {doc, 0, (uint32_t)strlen(name), name};
  entity_input e = {name, type, NULL, &m, 1};
  int id = factgraph_add_entity(g, &e);
  assert_true(id >= 0);
  return id;
}

static int ent_role(factgraph *g, uint32_t doc, const char *name, const char *role) {
  fact_mention m = {doc, 0, (uint32_t)strlen(name), name};
  entity_input e = {name, ENTITY_PERSON, role, &m, 1};
  int id = factgraph_add_entity(g, &e);
  assert_true(id >= 0);
  return id;
}

/* The entity holding the surface form NAME; NULL if none. */
static const fg_entity *holder(const factgraph *g, const char *name) {
  for (size_t i = 0; i < factgraph_entity_count(g); i++) {
    const fg_entity *e = factgraph_entity(g, i);
    for (size_t k = 0; k < e->naliases; k++)
      if (strcmp(e->aliases[k], name) == 0) return e;
  }
  return NULL;
}

static void same(const factgraph *g, const char *a, const char *b) {
  const fg_entity *x = holder(g, a), *y = holder(g, b);
  assert_non_null(x);
  assert_non_null(y);
  if (x != y) fail_msg("'%s' (%s) and '%s' (%s) should be one entity", a, x->id, b, y->id);
}

static void apart(const factgraph *g, const char *a, const char *b) {
  const fg_entity *x = holder(g, a), *y = holder(g, b);
  assert_non_null(x);
  assert_non_null(y);
  if (x == y) fail_msg("'%s' and '%s' should be two entities (%s)", a, b, x->id);
}

static void test_names_that_are_one_entity(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d[6];
  for (int i = 0; i < 6; i++) {
    char id[8];
    snprintf(id, sizeof id, "d%d", i);
    d[i] = factgraph_add_document(g, id, NULL);
  }
  ent(g, d[0], "U.S.", ENTITY_GPE);
  ent(g, d[1], "US", ENTITY_GPE);
  ent(g, d[2], "United States", ENTITY_GPE);
  ent(g, d[0], "Russian Federation", ENTITY_GPE);
  ent(g, d[1], "Russia", ENTITY_GPE);
  ent(g, d[0], "EU", ENTITY_ORG);
  ent(g, d[1], "European Union", ENTITY_ORG);
  /* An acronym, a translation with the words in another order, and a record the extractor
   * mistyped as a person under the very same name. */
  ent(g, d[0], "FN", ENTITY_ORG);
  ent(g, d[1], "Front National", ENTITY_ORG);
  ent(g, d[2], "National Front", ENTITY_ORG);
  ent(g, d[3], "Front National", ENTITY_PERSON);
  ent(g, d[0], "Sherlock Holmes", ENTITY_PERSON);
  ent(g, d[1], "Mr. Holmes", ENTITY_PERSON);
  ent(g, d[2], "HOLMES", ENTITY_PERSON);
  ent(g, d[0], "Jean-Luc Mélenchon", ENTITY_PERSON);
  ent(g, d[1], "Jean-Luc Melenchon", ENTITY_PERSON);
  ent(g, d[2], "Mélenchon", ENTITY_PERSON);
  ent(g, d[3], "J. Melenchon", ENTITY_PERSON);
  ent(g, d[0], "Kremlin", ENTITY_ORG);
  ent(g, d[1], "the Kremlin", ENTITY_LOC);
  ent(g, d[4], "Acme Corp.", ENTITY_ORG);
  ent(g, d[5], "Acme", ENTITY_ORG);
  assert_int_equal(factgraph_finish(g), 0);
  same(g, "U.S.", "US");
  same(g, "US", "United States");
  assert_string_equal(holder(g, "US")->label, "United States");
  same(g, "Russia", "Russian Federation");
  assert_string_equal(holder(g, "Russian Federation")->label, "Russia");
  same(g, "EU", "European Union");
  assert_string_equal(holder(g, "EU")->label, "European Union");
  same(g, "FN", "Front National");
  same(g, "Front National", "National Front");
  assert_int_equal(holder(g, "FN")->type, ENTITY_ORG); /* three ORG records to one PERSON */
  same(g, "Sherlock Holmes", "Mr. Holmes");
  same(g, "Sherlock Holmes", "HOLMES");
  assert_string_equal(holder(g, "HOLMES")->label, "Sherlock Holmes"); /* the fullest name */
  same(g, "Jean-Luc Mélenchon", "Jean-Luc Melenchon");
  same(g, "Jean-Luc Mélenchon", "Mélenchon");
  same(g, "Mélenchon", "J. Melenchon");
  same(g, "Kremlin", "the Kremlin");
  same(g, "Acme", "Acme Corp.");
  assert_int_equal(factgraph_entity_count(g), 8);
  factgraph_free(g);
}

static void test_names_that_are_not(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  uint32_t c = factgraph_add_document(g, "c", NULL);
  ent(g, a, "Donald Trump", ENTITY_PERSON);
  ent(g, a, "Trump Tower", ENTITY_LOC);
  ent(g, b, "Ivanka Trump", ENTITY_PERSON);
  /* A surname two people carry, with no context to choose: it joins neither. */
  ent(g, c, "Trump", ENTITY_PERSON);
  /* A company and a person with one name. */
  ent(g, a, "Dell", ENTITY_ORG);
  ent(g, b, "Michael Dell", ENTITY_PERSON);
  /* Two people with one surname and a short form of each: no chain joins them. */
  ent(g, a, "Marine Le Pen", ENTITY_PERSON);
  ent(g, b, "Jean-Marie Le Pen", ENTITY_PERSON);
  ent(g, c, "M. Le Pen", ENTITY_PERSON);
  ent(g, c, "J.-M. Le Pen", ENTITY_PERSON);
  /* Two banks sharing words; two places with one name but different types. */
  ent(g, a, "Bank of France", ENTITY_ORG);
  ent(g, b, "Bank of Italy", ENTITY_ORG);
  ent(g, a, "Washington", ENTITY_GPE);
  ent(g, b, "Washington", ENTITY_PERSON);
  assert_int_equal(factgraph_finish(g), 0);
  apart(g, "Donald Trump", "Trump Tower");
  apart(g, "Donald Trump", "Ivanka Trump");
  apart(g, "Trump", "Donald Trump");
  apart(g, "Trump", "Ivanka Trump");
  apart(g, "Dell", "Michael Dell");
  apart(g, "Marine Le Pen", "Jean-Marie Le Pen");
  same(g, "Marine Le Pen", "M. Le Pen");
  same(g, "Jean-Marie Le Pen", "J.-M. Le Pen");
  apart(g, "Bank of France", "Bank of Italy");
  assert_int_equal(factgraph_entity_count(g), 12);
  factgraph_free(g);
}

/* A surname two people carry joins the one whose company it keeps. */
static void test_context_decides_a_surname(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  uint32_t c = factgraph_add_document(g, "c", NULL);
  ent(g, a, "Daniel Okafor", ENTITY_PERSON);
  ent(g, a, "Lagos", ENTITY_GPE);
  ent(g, a, "Ruth Adeyemi", ENTITY_PERSON);
  ent(g, b, "Grace Okafor", ENTITY_PERSON);
  ent(g, b, "London", ENTITY_GPE);
  ent(g, c, "Okafor", ENTITY_PERSON);
  ent(g, c, "Ruth Adeyemi", ENTITY_PERSON);
  ent(g, c, "Lagos", ENTITY_GPE);
  assert_int_equal(factgraph_finish(g), 0);
  same(g, "Okafor", "Daniel Okafor");
  apart(g, "Okafor", "Grace Okafor");
  factgraph_free(g);

  /* No shared names, but the same role. */
  g = factgraph_new();
  a = factgraph_add_document(g, "a", NULL);
  b = factgraph_add_document(g, "b", NULL);
  c = factgraph_add_document(g, "c", NULL);
  ent_role(g, a, "Daniel Okafor", "Finance Minister");
  ent_role(g, b, "Grace Okafor", "banker");
  ent_role(g, c, "Okafor", "finance minister");
  assert_int_equal(factgraph_finish(g), 0);
  same(g, "Okafor", "Daniel Okafor");
  apart(g, "Okafor", "Grace Okafor");
  factgraph_free(g);
}

static void test_alias_rules(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  ent(g, a, "Islamic State", ENTITY_ORG);
  ent(g, b, "Daesh", ENTITY_ORG);
  ent(g, b, "ISIS", ENTITY_ORG);
  ent(g, a, "Sakartvelo", ENTITY_ORG);
  ent(g, b, "Georgia", ENTITY_GPE);
  ent(g, a, "US", ENTITY_GPE);
  ent(g, b, "United States", ENTITY_GPE);
  ent(g, a, "Vladimir Putin", ENTITY_PERSON);
  ent(g, b, "Putin", ENTITY_PERSON);
  assert_int_equal(factgraph_add_alias(g, "Islamic State", "Daesh", -1), 0);
  assert_int_equal(factgraph_add_alias(g, "ISLAMIC STATE", "ISIS", ENTITY_ORG), 0);
  /* Limited to places: the organisation of that name stays apart. */
  assert_int_equal(factgraph_add_alias(g, "Georgia", "Sakartvelo", ENTITY_GPE), 0);
  assert_int_equal(factgraph_forbid_alias(g, NULL, "US"), 0);
  assert_int_equal(factgraph_forbid_alias(g, "Vladimir Putin", "Putin"), 0);
  /* Refused: empty names, a bad type, a merge without a canonical name. */
  assert_int_equal(factgraph_add_alias(g, "", "x", -1), -1);
  assert_int_equal(factgraph_add_alias(g, "x", " ", -1), -1);
  assert_int_equal(factgraph_add_alias(g, "x", "y", 17), -1);
  assert_int_equal(factgraph_add_alias(g, NULL, "y", -1), -1);
  assert_int_equal(factgraph_finish(g), 0);
  same(g, "Daesh", "ISIS");
  same(g, "Daesh", "Islamic State");
  assert_string_equal(holder(g, "ISIS")->label, "Islamic State");
  apart(g, "Sakartvelo", "Georgia");
  apart(g, "US", "United States");
  apart(g, "Putin", "Vladimir Putin");
  assert_int_equal(factgraph_add_alias(g, "a", "b", -1), -1); /* finished */
  factgraph_free(g);
}

/* ---- events ---- */

static fact_date date_of(int y, int m, int d, date_basis b) {
  fact_date out = {y, m, d, d ? PRECISION_DAY : m ? PRECISION_MONTH : y ? PRECISION_YEAR
                                                                       : PRECISION_UNKNOWN,
                   y ? b : BASIS_NONE};
  return out;
}

typedef struct ev_spec {
  const char *type;
  fact_date date;
  int actor, target, place;
  const char *quote;
  bool negated;
} ev_spec;

static void add_ev(factgraph *g, uint32_t doc, ev_spec s, const fact_amount *am, size_t nam,
                   uint32_t start) {
  event_input e = {0};
  e.type = s.type;
  e.date = s.date;
  e.actors = &s.actor;
  e.nactors = s.actor >= 0;
  e.targets = &s.target;
  e.ntargets = s.target >= 0;
  e.place = s.place;
  e.quote = s.quote;
  e.negated = s.negated;
  e.amounts = am;
  e.namounts = nam;
  e.mention = (fact_mention){doc, start, start + 10, "evidence"};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
}

static const fg_event *find_event(const factgraph *g, const char *type, size_t nth) {
  for (size_t i = 0; i < factgraph_event_count(g); i++)
    if (strcmp(factgraph_event(g, i)->type, type) == 0 && nth-- == 0) return factgraph_event(g, i);
  return NULL;
}

static size_t count_events(const factgraph *g, const char *type) {
  size_t n = 0;
  for (size_t i = 0; i < factgraph_event_count(g); i++)
    n += strcmp(factgraph_event(g, i)->type, type) == 0;
  return n;
}

/* One loan reported in euros by an article that names no participant, and in dollars by one
 * that does: one event, both amounts side by side, both sources. */
static void test_loan_in_two_currencies(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", "2017-03-24");
  uint32_t b = factgraph_add_document(g, "b", "2017-03-25");
  int bank = ent(g, b, "First Czech-Russian Bank", ENTITY_ORG);
  int party = ent(g, b, "National Front", ENTITY_ORG);
  fact_amount eur[2] = {{9000000, "EUR", "€9m"}, {7800000, "GBP", "£7.8m"}};
  fact_amount usd = {9700000, "USD", "$9.7 million"};
  add_ev(g, a, (ev_spec){"loan", date_of(2014, 0, 0, BASIS_TEXT), -1, -1, -1, NULL, false}, eur,
         2, 0);
  add_ev(g, b, (ev_spec){"loan", date_of(2014, 0, 0, BASIS_TEXT), bank, party, -1, NULL, false},
         &usd, 1, 0);
  /* Another year: another loan. */
  add_ev(g, b, (ev_spec){"loan", date_of(2016, 0, 0, BASIS_TEXT), bank, party, -1, NULL, false},
         NULL, 0, 50);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(count_events(g, "loan"), 2);
  const fg_event *l = find_event(g, "loan", 0);
  assert_int_equal(l->date.year, 2014);
  assert_int_equal(l->ndocs, 2);
  assert_int_equal(l->namounts, 3);
  assert_int_equal(l->nactors, 1);
  assert_int_equal(l->ntargets, 1);
  bool have_eur = false, have_usd = false;
  for (size_t i = 0; i < l->namounts; i++) {
    have_eur |= strcmp(l->amounts[i].currency, "EUR") == 0;
    have_usd |= strcmp(l->amounts[i].currency, "USD") == 0;
  }
  assert_true(have_eur && have_usd);
  factgraph_free(g);
}

static void test_meetings(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d[5];
  for (int i = 0; i < 5; i++) {
    char id[8];
    snprintf(id, sizeof id, "m%d", i);
    d[i] = factgraph_add_document(g, id, "2017-03-25");
  }
  int p[5], l[5], mos[5], krem[5], par[5], mac[5];
  for (int i = 0; i < 5; i++) {
    p[i] = ent(g, d[i], "Vladimir Putin", ENTITY_PERSON);
    l[i] = ent(g, d[i], "Marine Le Pen", ENTITY_PERSON);
    mos[i] = ent(g, d[i], "Moscow", ENTITY_GPE);
    krem[i] = ent(g, d[i], "Kremlin", ENTITY_ORG);
    par[i] = ent(g, d[i], "Paris", ENTITY_GPE);
    mac[i] = ent(g, d[i], "Emmanuel Macron", ENTITY_PERSON);
  }
  fact_date fri = date_of(2017, 3, 24, BASIS_TEXT);
  /* One meeting: in Moscow, in the Kremlin (a building in the city: no conflict), with the
   * roles swapped, and dated only by a publication a day later; also reported as "in March"
   * (coarser, containing it). */
  add_ev(g, d[0], (ev_spec){"meet", fri, p[0], l[0], mos[0], NULL, false}, NULL, 0, 0);
  add_ev(g, d[1], (ev_spec){"meet", fri, p[1], l[1], krem[1], NULL, false}, NULL, 0, 0);
  add_ev(g, d[2], (ev_spec){"meet", date_of(2017, 3, 25, BASIS_PUBLICATION), l[2], p[2], -1,
                            NULL, false},
         NULL, 0, 0);
  add_ev(g, d[3], (ev_spec){"meet", date_of(2017, 3, 0, BASIS_TEXT), p[3], l[3], -1, NULL, false},
         NULL, 0, 0);
  /* Another meeting of the same two, a month earlier, in Paris; and an undated report that
   * could be either but must not chain them. */
  add_ev(g, d[4], (ev_spec){"meet", date_of(2017, 2, 14, BASIS_TEXT), p[4], l[4], par[4], NULL,
                            false},
         NULL, 0, 0);
  add_ev(g, d[4], (ev_spec){"meet", date_of(0, 0, 0, BASIS_NONE), p[4], l[4], -1, NULL, false},
         NULL, 0, 40);
  /* Same day, same actor, another guest: another meeting. A meeting in Paris on the same day:
   * the places conflict. One that did not happen: another fact. */
  add_ev(g, d[0], (ev_spec){"meet", fri, p[0], mac[0], -1, NULL, false}, NULL, 0, 80);
  add_ev(g, d[1], (ev_spec){"meet", fri, p[1], l[1], par[1], NULL, false}, NULL, 0, 80);
  add_ev(g, d[2], (ev_spec){"meet", fri, p[2], l[2], -1, NULL, true}, NULL, 0, 80);
  /* Published a week later with no date of its own: too far to be Friday's meeting. */
  add_ev(g, d[3], (ev_spec){"meet", date_of(2017, 3, 31, BASIS_PUBLICATION), p[3], l[3], -1,
                            NULL, false},
         NULL, 0, 80);
  assert_int_equal(factgraph_finish(g), 0);

  const fg_event *friday = NULL;
  for (size_t i = 0; i < factgraph_event_count(g); i++) {
    const fg_event *e = factgraph_event(g, i);
    if (strcmp(e->type, "meet") == 0 && e->ndocs == 4) friday = e;
  }
  assert_non_null(friday);
  assert_int_equal(friday->date.day, 24);
  assert_int_equal(friday->nactors, 1);
  assert_int_equal(friday->ntargets, 1);
  assert_string_equal(factgraph_entity(g, friday->actors[0])->label, "Vladimir Putin");
  assert_string_equal(factgraph_entity(g, friday->place)->label, "Moscow");
  /* Every date the reports give is kept: the day, the month, the publication date. */
  assert_int_equal(friday->ndates, 3);
  /* Friday's meeting, the Paris one of February (with or without the undated report), the
   * one with Macron, the Paris one of Friday, the negated one, the one a week later. */
  size_t n = count_events(g, "meet");
  assert_true(n == 6 || n == 7);
  const fg_event *first = find_event(g, "meet", 0);
  assert_int_equal(first->date.month, 2);
  factgraph_free(g);
}

static void test_roles_matter(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  int x = ent(g, a, "Marine Le Pen", ENTITY_PERSON), y = ent(g, a, "Vladimir Putin", ENTITY_PERSON);
  int z = ent(g, b, "Marine Le Pen", ENTITY_PERSON), w = ent(g, b, "Donald Trump", ENTITY_PERSON);
  fact_date d = date_of(2017, 3, 24, BASIS_TEXT);
  add_ev(g, a, (ev_spec){"support", d, x, y, -1, NULL, false}, NULL, 0, 0); /* she supports him */
  add_ev(g, b, (ev_spec){"support", d, w, z, -1, NULL, false}, NULL, 0, 0); /* he supports her */
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(count_events(g, "support"), 2);
  factgraph_free(g);
}

/* ---- quotes ---- */

/* Quotes that several outlets carry in different translations, and statements of the same
 * speaker that are not the same: the cases the QUOTE_MATCH threshold was measured on. */
static void test_quote_similarity(void **state) {
  (void)state;
  static const char *const same_pairs[][2] = {
      {"We attach great importance to our relations with France, while we try to maintain good "
       "relations with both representatives of the authorities and the opposition",
       "We attach a lot of importance to our relations with France, trying to maintain smooth "
       "relations with both the acting power and the opposition representatives"},
      {"We do not want to influence events in any way, but we retain the right to meet with all "
       "the different political forces",
       "We don't want to influence in any way the events going on, but reserve our right to "
       "communicate with all representatives of the country's political forces"},
      {"I know that you represent a European political force that is growing quickly.",
       "I know that you represent quite a fast-developing spectrum of European political forces"},
      /* A fragment joins the quote it comes from. */
      {"great importance", "We attach great importance to our relations with France"},
  };
  static const char *const other_pairs[][2] = {
      {"We attach great importance to our relations with France",
       "We don't want to influence in any way the events going on in France"},
      {"Russia will not influence the presidential elections in France",
       "Russia had no intention of meddling in the French elections"},
      {"continues to fight terrorism in Syria",
       "I've pleaded at every level for cooperation between our countries in the fight against "
       "terrorism"},
      {"We will build the northern grid together", "We will not wait for the grid to build itself"},
  };
  for (size_t i = 0; i < sizeof same_pairs / sizeof same_pairs[0]; i++) {
    double s = fg_quote_similarity(same_pairs[i][0], same_pairs[i][1]);
    if (s < 0.5) fail_msg("same statement scored %.3f: %s", s, same_pairs[i][0]);
  }
  for (size_t i = 0; i < sizeof other_pairs / sizeof other_pairs[0]; i++) {
    double s = fg_quote_similarity(other_pairs[i][0], other_pairs[i][1]);
    if (s >= 0.5) fail_msg("different statements scored %.3f: %s", s, other_pairs[i][0]);
  }
  assert_true(fg_quote_similarity("", "anything") == 0);
  assert_true(fg_quote_similarity("\xff\xfe", "\xe2\x80\x9c") == 0);
}

/* The merge's quick answer (bounds from sketches of the words first) is the full
 * similarity's, for quotes near and far: random sentences over a small vocabulary, runs of one
 * another, with words repeated, long enough to fill the sketches' bins. */
static void test_quote_bounds_agree(void **state) {
  (void)state;
  static const char *const vocab[] = {
      "the", "minister", "said", "we", "will", "not", "accept", "any", "deal", "that",
      "harms", "our", "farmers", "and", "workers", "border", "talks", "continue", "next",
      "week", "in", "capital", "with", "partners", "trade", "energy", "prices", "rise",
      "people", "deserve", "better", "answers", "from", "government", "don't", "can't",
  };
  enum { NV = sizeof vocab / sizeof vocab[0], LONGEST = 160 };
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  char a[LONGEST * 12], b[LONGEST * 12];
  static const double thresholds[] = {0.2, 0.43, 0.6, 0.9};
  size_t agreed = 0, reached = 0;
  for (int round = 0; round < 3000; round++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    size_t na = 1 + x % LONGEST, nb = 1 + (x >> 12) % LONGEST, vn = 4 + (x >> 24) % (NV - 4);
    size_t alen = 0, blen = 0;
    for (size_t i = 0; i < na; i++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      alen += (size_t)sprintf(a + alen, i ? " %s" : "%s", vocab[x % vn]);
    }
    if (round % 4 == 0) { /* a run of A's words */
      size_t from = (x >> 20) % na, len = 1 + (x >> 30) % (na - from);
      const char *p = a;
      for (size_t w = 0; w < from; w++) p = strchr(p, ' ') + 1;
      const char *q = p;
      for (size_t w = 0; w < len && q; w++) q = strchr(q + 1, ' ');
      blen = q ? (size_t)(q - p) : strlen(p);
      memcpy(b, p, blen);
      b[blen] = '\0';
    } else {
      for (size_t i = 0; i < nb; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* half the time, mostly A's words in A's order */
        const char *w = round % 2 && i < na && x % 4 ? NULL : vocab[x % vn];
        if (!w) {
          const char *p = a;
          for (size_t k = 0; k < i; k++) p = strchr(p, ' ') + 1;
          size_t n = strcspn(p, " ");
          blen += (size_t)sprintf(b + blen, i ? " %.*s" : "%.*s", (int)n, p);
        } else {
          blen += (size_t)sprintf(b + blen, i ? " %s" : "%s", w);
        }
      }
    }
    double s = fg_quote_similarity(a, b);
    for (size_t t = 0; t < sizeof thresholds / sizeof thresholds[0]; t++) {
      bool quick = fg_quote_similarity_reaches(a, b, thresholds[t]);
      if (quick != (s >= thresholds[t]))
        fail_msg("similarity %.3f, at least %.2f answered %d: \"%s\" / \"%s\"", s,
                 thresholds[t], quick, a, b);
      agreed++;
      reached += quick;
    }
  }
  /* both answers came up many times */
  assert_true(reached > agreed / 10 && reached < agreed - agreed / 10);
}

/* The merge's quick count of shared participants (list by list, for views whose actors and
 * targets are disjoint) answers as the count over merged lists does, with the same score,
 * for random views of up to three actors and three targets among six entities, in types
 * where one speaker, either role, or the same role counts. */
static void test_participants_quick_count(void **state) {
  (void)state;
  static const char *const types[] = {"say", "meet", "support"};
  uint64_t x = 0x2545F4914F6CDD1DULL;
  size_t agreed = 0, allowed = 0;
  for (int round = 0; round < 20000; round++) {
    size_t ids[2][2][3], n[2][2];
    for (int v = 0; v < 2; v++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      unsigned role = (unsigned)(x >> 8); /* each entity: no role, actor or target */
      n[v][0] = n[v][1] = 0;
      for (size_t e = 0; e < 6; e++, role /= 3)
        if (role % 3 && n[v][role % 3 - 1] < 3) ids[v][role % 3 - 1][n[v][role % 3 - 1]++] = e;
    }
    fg_event_view a = {.actors = ids[0][0], .nactors = n[0][0], .targets = ids[0][1],
                       .ntargets = n[0][1], .place = -1};
    fg_event_view b = {.actors = ids[1][0], .nactors = n[1][0], .targets = ids[1][1],
                       .ntargets = n[1][1], .place = -1};
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
      double slow_score, quick_score;
      bool slow = fg_participants_agree(&a, &b, types[t], false, &slow_score);
      bool quick = fg_participants_agree(&a, &b, types[t], true, &quick_score);
      assert_int_equal(slow, quick);
      if (slow) assert_true(slow_score == quick_score);
      agreed++;
      allowed += slow;
    }
  }
  assert_true(allowed > agreed / 10 && allowed < agreed - agreed / 10);
}

static void test_quotes_merge(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d[3];
  int sp[3], other;
  for (int i = 0; i < 3; i++) {
    char id[8];
    snprintf(id, sizeof id, "q%d", i);
    d[i] = factgraph_add_document(g, id, "2017-03-24");
    sp[i] = ent(g, d[i], "Vladimir Putin", ENTITY_PERSON);
  }
  other = ent(g, d[2], "Dmitry Peskov", ENTITY_PERSON);
  fact_date pub = date_of(2017, 3, 24, BASIS_PUBLICATION);
  add_ev(g, d[0], (ev_spec){"say", pub, sp[0], -1, -1,
                            "We attach great importance to our relations with France", false},
         NULL, 0, 0);
  add_ev(g, d[1], (ev_spec){"say", pub, sp[1], -1, -1,
                            "We attach a lot of importance to our relations with France", false},
         NULL, 0, 0);
  add_ev(g, d[2], (ev_spec){"say", pub, sp[2], -1, -1, "great importance", false}, NULL, 0, 0);
  /* Another statement in the same article: never the same quote. */
  add_ev(g, d[2], (ev_spec){"say", pub, sp[2], -1, -1, "We attach great weight to France", false},
         NULL, 0, 40);
  /* The same words from another speaker: another quote. */
  add_ev(g, d[2], (ev_spec){"say", pub, other, -1, -1,
                            "We attach great importance to our relations with France", false},
         NULL, 0, 80);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_quote_count(g), 3);
  const fg_quote *big = NULL;
  for (size_t i = 0; i < factgraph_quote_count(g); i++)
    if (factgraph_event(g, factgraph_quote(g, i)->event)->ndocs == 3) big = factgraph_quote(g, i);
  assert_non_null(big);
  /* The fullest words stand for the quote. */
  assert_string_equal(factgraph_event(g, big->event)->quote,
                      "We attach a lot of importance to our relations with France");
  assert_string_equal(factgraph_entity(g, (size_t)big->speaker)->label, "Vladimir Putin");
  factgraph_free(g);
}

/* ---- order ---- */

static void add_story(factgraph *g, int k) {
  static const char *ids[] = {"s0", "s1", "s2", "s3"};
  static const char *names[] = {"Vladimir Putin", "Putin", "President Putin", "V. Putin"};
  uint32_t d = factgraph_add_document(g, ids[k], "2017-03-24");
  int p = ent(g, d, names[k], ENTITY_PERSON);
  int l = ent(g, d, k % 2 ? "Le Pen" : "Marine Le Pen", ENTITY_PERSON);
  int f = ent(g, d, k % 2 ? "FN" : "Front National", ENTITY_ORG);
  int t = ent(g, d, k == 3 ? "Ivanka Trump" : "Donald Trump", ENTITY_PERSON);
  ent(g, d, "Trump", ENTITY_PERSON);
  fact_amount am = {9000000.0 + k, "EUR", "money"};
  if (k % 2) memcpy(am.currency, "USD", 4);
  add_ev(g, d, (ev_spec){"meet", date_of(2017, 3, k == 2 ? 0 : 24, BASIS_TEXT), p, l, -1, NULL,
                         false},
         NULL, 0, 0);
  add_ev(g, d, (ev_spec){"loan", date_of(2014, 0, 0, BASIS_TEXT), -1, f, -1, NULL, false}, &am, 1,
         20);
  add_ev(g, d, (ev_spec){"say", date_of(2017, 3, 24, BASIS_PUBLICATION), p, -1, -1,
                         k % 2 ? "We respect the choice of the French people"
                               : "We respect the choice of the French",
                         false},
         NULL, 0, 40);
  add_ev(g, d, (ev_spec){"support", date_of(2016, 0, 0, BASIS_TEXT), l, t, -1, NULL, false}, NULL,
         0, 60);
}

static char *dump(const factgraph *g) {
  strbuf sb;
  strbuf_init(&sb);
  for (size_t i = 0; i < factgraph_entity_count(g); i++) {
    const fg_entity *e = factgraph_entity(g, i);
    strbuf_addf(&sb, "E %s %s %d %zu:", e->id, e->label, e->type, e->sources);
    for (size_t k = 0; k < e->naliases; k++) strbuf_addf(&sb, "%s,", e->aliases[k]);
    strbuf_addc(&sb, '\n');
  }
  for (size_t i = 0; i < factgraph_event_count(g); i++) {
    const fg_event *e = factgraph_event(g, i);
    strbuf_addf(&sb, "V %s %s %s %u %u %u %s\n", e->id, e->type, e->headline, e->ndocs,
                e->ndates, e->namounts, e->quote ? e->quote : "-");
  }
  return strbuf_detach(&sb);
}

static void test_any_order_same_result(void **state) {
  (void)state;
  static const int orders[][4] = {{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}};
  char *first = NULL;
  for (size_t o = 0; o < 4; o++) {
    factgraph *g = factgraph_new();
    for (int k = 0; k < 4; k++) add_story(g, orders[o][k]);
    assert_int_equal(factgraph_finish(g), 0);
    char *d = dump(g);
    if (!first) {
      first = d;
      same(g, "Putin", "Vladimir Putin");
      same(g, "President Putin", "V. Putin");
      same(g, "FN", "Front National");
      apart(g, "Donald Trump", "Ivanka Trump");
      assert_int_equal(count_events(g, "loan"), 1);
      assert_int_equal(find_event(g, "loan", 0)->namounts, 4);
      assert_int_equal(count_events(g, "meet"), 1);
      assert_int_equal(count_events(g, "say"), 1);
    } else {
      if (strcmp(d, first) != 0) fail_msg("order %zu differs:\n%s\nvs\n%s", o, d, first);
      free(d);
    }
    factgraph_free(g);
  }
  free(first);
}

/* Many people with one surname, odd names, huge quotes: bounded work, no merge of people. */
static void test_hostile_and_large(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  enum { NPEOPLE = 3000, NQUOTES = 12 };
  uint32_t docs[NQUOTES];
  for (int i = 0; i < NQUOTES; i++) {
    char id[16];
    snprintf(id, sizeof id, "h%02d", i);
    docs[i] = factgraph_add_document(g, id, "2020-01-01");
  }
  for (int i = 0; i < NPEOPLE; i++) {
    char name[32];
    snprintf(name, sizeof name, "%c%c%cz Smith", 'A' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676);
    ent(g, docs[i % NQUOTES], name, ENTITY_PERSON);
  }
  ent(g, docs[0], "Smith", ENTITY_PERSON);
  ent(g, docs[1], "Smith", ENTITY_ORG);
  ent(g, docs[2], "...", ENTITY_PERSON);
  ent(g, docs[3], "'s", ENTITY_ORG);
  ent(g, docs[4], "\xff\xfe \xc3", ENTITY_GPE);
  strbuf big;
  strbuf_init(&big);
  for (int i = 0; i < 100; i++) strbuf_addf(&big, "Word%d ", i);
  ent(g, docs[5], big.data, ENTITY_PERSON);
  ent(g, docs[6], big.data, ENTITY_ORG);
  /* Quotes of some 20000 words, nearly all one word: the fragment check must stay linear. */
  strbuf_reset(&big);
  for (int i = 0; i < 20000; i++) strbuf_adds(&big, "la ");
  int speaker[NQUOTES];
  for (int i = 0; i < NQUOTES; i++) {
    speaker[i] = ent(g, docs[i], "Ann Speaker", ENTITY_PERSON);
    if (i % 2) strbuf_adds(&big, "x ");
    add_ev(g, docs[i], (ev_spec){"say", date_of(2020, 1, 1, BASIS_PUBLICATION), speaker[i], -1, -1,
                                 big.data, false},
           NULL, 0, 0);
  }
  strbuf_release(&big);
  assert_int_equal(factgraph_finish(g), 0);
  /* Every Smith with a first name apart; the bare surname joins none of 3000 rivals. */
  size_t smiths = 0;
  for (size_t i = 0; i < factgraph_entity_count(g); i++)
    if (strstr(factgraph_entity(g, i)->label, "Smith")) {
      smiths++;
      if (factgraph_entity(g, i)->naliases > 1)
        fail_msg("%s merged with %s", factgraph_entity(g, i)->aliases[0],
                 factgraph_entity(g, i)->aliases[1]);
    }
  assert_int_equal(smiths, NPEOPLE + 2);
  assert_true(factgraph_quote_count(g) >= 1);
  factgraph_free(g);
}

/* fg_window_pairs, which shares the scoring between threads, counts what the scoring loops
 * do: each entry with at most WINDOW entries after it. */
static void test_window_pairs(void **state) {
  (void)state;
  const size_t windows[] = {1, 3, 64};
  for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++)
    for (size_t n = 0; n < 200; n++) {
      size_t pairs = 0;
      for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n && j <= i + windows[w]; j++) pairs++;
      assert_int_equal(fg_window_pairs(n, windows[w]), pairs);
    }
}

/* With two threads, fg_merge_events cuts the views in two where no pair joins the sides and
 * walks each side's pairs on a thread of its own: the clusters must be those of one walk,
 * whose order of joins matters (a cluster that took one date refuses another). Many reports
 * of a few types, participants, dates and places, in type order (where a cut exists) and
 * shuffled (where none may). */
static int cmp_view_type(const void *a, const void *b) {
  const fg_event_view *x = *(const fg_event_view *const *)a, *y = *(const fg_event_view *const *)b;
  return strcmp(x->type, y->type);
}

static void test_two_walks_are_one(void **state) {
  (void)state;
  enum { N = 3000, PEOPLE = 12 };
  static const char *types[] = {"attack", "meet", "say", "visit"};
  static const char *quotes[] = {"we will not give up the fight for our country",
                                 "we will never give up the fight for our country",
                                 "the talks were useful and open", "nothing was agreed today"};
  static size_t people[PEOPLE];
  for (size_t i = 0; i < PEOPLE; i++) people[i] = i;
  fg_event_view *views = calloc(N, sizeof *views);
  const fg_event_view **v = calloc(N, sizeof *v);
  size_t *one = calloc(N, sizeof *one), *two = calloc(N, sizeof *two);
  assert_non_null(views);
  assert_non_null(v);
  assert_non_null(one);
  assert_non_null(two);
  uint64_t seed = 42;
  for (size_t i = 0; i < N; i++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t r = seed >> 16;
    fg_event_view *x = &views[i];
    x->type = types[r % 4];
    x->negated = r % 53 == 0;
    size_t a = (r >> 4) % (PEOPLE - 1);
    x->actors = &people[a];
    x->nactors = 1;
    if ((r >> 10) % 3) { /* a target: the next person */
      x->targets = &people[a + 1];
      x->ntargets = 1;
    }
    /* one of two days, or only the year (days that differ cannot be one event), and one of
     * two places or none: whether a report joins one cluster or another depends on which
     * pair came first */
    const fact_date day = {2017, 3, 20 + (int)((r >> 14) % 2), PRECISION_DAY, BASIS_TEXT};
    const fact_date year = {2017, 0, 0, PRECISION_YEAR, BASIS_TEXT};
    x->date = (r >> 12) % 2 ? day : year;
    x->place = (r >> 18) % 2 ? -1 : (long)(PEOPLE + (r >> 20) % 2);
    x->place_type = ENTITY_GPE;
    if (strcmp(x->type, "say") == 0) x->quote = quotes[(r >> 22) % 4];
    x->doc = (uint32_t)((r >> 24) % 500);
    v[i] = x;
  }
  /* in type order, then shuffled (the one walk and the two see the views in one order) */
  qsort(v, N, sizeof *v, cmp_view_type);
  for (int round = 0; round < 2; round++) {
    size_t n1 = 0, n2 = 0;
    fg_merge_events(v, N, 1, one, &n1);
    fg_merge_events(v, N, 2, two, &n2);
    assert_true(n1 < N / 2); /* (many reports joined: the walk had work) */
    assert_int_equal(n1, n2);
    assert_memory_equal(one, two, N * sizeof *one);
    for (size_t i = N - 1; i > 0; i--) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      size_t j = (size_t)((seed >> 33) % (i + 1));
      const fg_event_view *t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
  }
  free(views);
  free(v);
  free(one);
  free(two);
}

/* fg_merge_events groups views into blocks by participant, flags and type before it
 * compares them. The graph hands the views sorted by type, and the blocks are then made in
 * linear time; views out of type order must still find their blocks. */
static void test_blocks_in_any_type_order(void **state) {
  (void)state;
  const fact_date day = {2017, 3, 24, PRECISION_DAY, BASIS_TEXT};
  const size_t one[] = {1}, three[] = {3};
  /* two reports of one meeting, one naming the guest and one not: they share only entity
   * 1, whose block also holds the attack and the denial */
  const fg_event_view meet_a = {.type = "meet",
                                .date = day, .actors = one, .nactors = 1, .targets = three,
                                .ntargets = 1, .place = -1, .doc = 0};
  const fg_event_view meet_b = {.type = "meet",
                                .date = day, .actors = one, .nactors = 1, .targets = NULL,
                                .ntargets = 0, .place = -1, .doc = 1};
  const fg_event_view attack = {.type = "attack",
                                .date = day, .actors = one, .nactors = 1, .targets = three,
                                .ntargets = 1, .place = -1, .doc = 2};
  const fg_event_view denied = {.type = "meet", .negated = true,
                                .date = day, .actors = one, .nactors = 1, .targets = three,
                                .ntargets = 1, .place = -1, .doc = 3};
  /* in type order ("attack" < "meet"), and with the attack between the meetings */
  const fg_event_view *sorted[] = {&attack, &meet_a, &meet_b, &denied};
  const fg_event_view *mixed[] = {&meet_a, &attack, &denied, &meet_b};
  const fg_event_view *const *orders[] = {sorted, mixed};
  for (int jobs = 1; jobs <= 2; jobs++)
    for (size_t o = 0; o < 2; o++) {
      const fg_event_view *const *v = orders[o];
      size_t cluster_of[4], n = 0, a = 4, b = 4, at = 4, no = 4;
      fg_merge_events(v, 4, jobs, cluster_of, &n);
      for (size_t i = 0; i < 4; i++) {
        if (v[i] == &meet_a) a = cluster_of[i];
        if (v[i] == &meet_b) b = cluster_of[i];
        if (v[i] == &attack) at = cluster_of[i];
        if (v[i] == &denied) no = cluster_of[i];
      }
      assert_int_equal(n, 3);
      assert_int_equal(a, b); /* one meeting, with its guest named or not */
      assert_int_not_equal(a, at);
      assert_int_not_equal(a, no); /* a meeting denied is not the meeting */
    }
}

/* Records with the same key and type are one entity, also when the keys are equal strings
 * at different addresses (the graph's keys are pooled, one address per text, but
 * fg_resolve_entities does not count on it), among thousands of other names. */
static void test_equal_keys_anywhere(void **state) {
  (void)state;
  enum { NAMES = 3000, N = 3 * NAMES };
  fg_entity_record *recs = calloc(N, sizeof *recs);
  char **own = calloc(N, sizeof *own);
  static const char *const first[] = {"anna", "karl", "mira", "oskar", "vera", "jonas"};
  for (size_t i = 0; i < N; i++) {
    size_t name = (i * 7919) % NAMES; /* each name three times, NAMES records apart */
    char buf[64];
    snprintf(buf, sizeof buf, "%s zq%zux", first[name % 6], name);
    own[i] = strdup(buf); /* a copy of its own: equal keys at different addresses */
    recs[i].name = recs[i].key = own[i];
    recs[i].type = ENTITY_PERSON;
  }
  for (int jobs = 1; jobs <= 2; jobs++) {
    size_t *cluster_of = malloc(N * sizeof *cluster_of), nclusters = 0;
    const char **labels = NULL;
    assert_int_equal(fg_resolve_entities(recs, N, NULL, 0, jobs, cluster_of, &nclusters, &labels), 0);
    assert_int_equal(nclusters, NAMES); /* (every surname is another) */
    for (size_t i = 0; i < NAMES; i++) { /* records I, I + NAMES and I + 2 NAMES: one name */
      assert_string_equal(recs[i].key, recs[i + NAMES].key);
      assert_int_equal(cluster_of[i], cluster_of[i + NAMES]);
      assert_int_equal(cluster_of[i], cluster_of[i + 2 * NAMES]);
    }
    free(cluster_of);
    free(labels);
  }
  for (size_t i = 0; i < N; i++) free(own[i]);
  free(own);
  free(recs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_names_that_are_one_entity),
      cmocka_unit_test(test_names_that_are_not),
      cmocka_unit_test(test_context_decides_a_surname),
      cmocka_unit_test(test_alias_rules),
      cmocka_unit_test(test_loan_in_two_currencies),
      cmocka_unit_test(test_meetings),
      cmocka_unit_test(test_roles_matter),
      cmocka_unit_test(test_quote_similarity),
      cmocka_unit_test(test_quotes_merge),
      cmocka_unit_test(test_any_order_same_result),
      cmocka_unit_test(test_hostile_and_large),
      cmocka_unit_test(test_window_pairs),
      cmocka_unit_test(test_quote_bounds_agree),
      cmocka_unit_test(test_participants_quick_count),
      cmocka_unit_test(test_blocks_in_any_type_order),
      cmocka_unit_test(test_two_walks_are_one),
      cmocka_unit_test(test_equal_keys_anywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
