/* test_factgraph.c: the fact graph: entity merging, event merging, ids, order, determinism. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/factgraph.h"
#include "graph/fgtext.h"
#include "util.h"

static int add_entity(factgraph *g, uint32_t doc, const char *name, entity_type type,
                      const char *role, const char *mention, uint32_t start) {
  fact_mention m = {doc, start, start + (uint32_t)strlen(mention), mention};
  entity_input e = {name, type, role, &m, 1};
  return factgraph_add_entity(g, &e);
}

static fact_date day(int y, int m, int d, date_basis b) {
  fact_date out = {y, m, d, PRECISION_DAY, b};
  return out;
}

static int add_event(factgraph *g, uint32_t doc, const char *type, fact_date date, int actor,
                     int target, int place, const char *sentence, uint32_t start,
                     double confidence) {
  event_input e = {0};
  e.type = type;
  e.date = date;
  e.actors = &actor;
  e.nactors = actor >= 0;
  e.targets = &target;
  e.ntargets = target >= 0;
  e.place = place;
  e.mention = (fact_mention){doc, start, start + (uint32_t)strlen(sentence), sentence};
  e.confidence = confidence;
  return factgraph_add_event(g, &e);
}

static const fg_entity *find_entity(const factgraph *g, const char *id) {
  for (size_t i = 0; i < factgraph_entity_count(g); i++)
    if (strcmp(factgraph_entity(g, i)->id, id) == 0) return factgraph_entity(g, i);
  return NULL;
}

static void test_empty_graph(void **state) {
  (void)state;
  factgraph_free(NULL);
  factgraph *g = factgraph_new();
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_entity_count(g), 0);
  assert_int_equal(factgraph_event_count(g), 0);
  assert_int_equal(factgraph_quote_count(g), 0);
  assert_int_equal(factgraph_edge_count(g), 0);
  assert_null(factgraph_entity(g, 0));
  assert_null(factgraph_event(g, 0));
  assert_null(factgraph_document_id(g, 0));
  /* A second finish is harmless; adding afterwards is refused. */
  assert_int_equal(factgraph_finish(g), 0);
  entity_input e = {"Late", ENTITY_PERSON, NULL, NULL, 0};
  assert_int_equal(factgraph_add_entity(g, &e), -1);
  factgraph_free(g);
}

static void test_entities_merge_across_articles(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "article-a", "2017-03-24");
  uint32_t b = factgraph_add_document(g, "article-b", NULL);
  int p1 = add_entity(g, a, "Vladimir  Putin", ENTITY_PERSON, "President", "Putin", 10);
  int p2 = add_entity(g, b, "VLADIMIR PUTIN", ENTITY_PERSON, "President", "Vladimir Putin", 0);
  int p3 = add_entity(g, b, "vladimir putin", ENTITY_PERSON, "leader", "Mr Putin", 40);
  assert_true(p1 >= 0 && p2 >= 0 && p3 >= 0);
  /* Same name, other type: a different entity. */
  int w1 = add_entity(g, a, "Washington", ENTITY_GPE, NULL, "Washington", 30);
  int w2 = add_entity(g, b, "Washington", ENTITY_PERSON, NULL, "Washington", 60);
  assert_true(w1 >= 0 && w2 >= 0);
  assert_int_equal(factgraph_finish(g), 0);

  assert_int_equal(factgraph_entity_count(g), 3);
  const fg_entity *p = find_entity(g, "vladimir_putin");
  assert_non_null(p);
  assert_string_equal(p->label, "Vladimir Putin"); /* mixed case beats all caps and lower */
  assert_int_equal(p->type, ENTITY_PERSON);
  assert_string_equal(p->role, "President");
  assert_int_equal(p->nmentions, 3);
  assert_int_equal(p->sources, 2);
  assert_int_equal(p->naliases, 3);
  assert_string_equal(p->aliases[0], "Mr Putin");
  assert_string_equal(p->aliases[1], "Putin");
  assert_string_equal(p->aliases[2], "Vladimir Putin");
  /* Mentions by article id, then start. */
  assert_int_equal(p->mentions[0].doc, a);
  assert_int_equal(p->mentions[1].doc, b);
  assert_int_equal(p->mentions[1].start, 0);
  assert_int_equal(p->mentions[2].start, 40);

  /* The collision is settled by type order: PERSON keeps the plain slug. */
  const fg_entity *wp = find_entity(g, "washington");
  const fg_entity *wg = find_entity(g, "washington_gpe");
  assert_non_null(wp);
  assert_non_null(wg);
  assert_int_equal(wp->type, ENTITY_PERSON);
  assert_int_equal(wg->type, ENTITY_GPE);
  assert_null(wg->role);
  /* Sorted by id. */
  for (size_t i = 1; i < factgraph_entity_count(g); i++)
    assert_true(strcmp(factgraph_entity(g, i - 1)->id, factgraph_entity(g, i)->id) < 0);
  factgraph_free(g);
}

/* An entity's mentions come sorted by article id, then span, whatever order its reports
 * came in, each span once: reports interleaved within one article, a report's own mentions out
 * of order, articles added out of id order, one span reported twice. */
static void test_mention_order(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t c = factgraph_add_document(g, "c", NULL);
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  const struct {
    uint32_t doc, start[2];
    size_t n;
  } reports[] = {{c, {5, 50}, 2}, {a, {30, 0}, 1}, {c, {20, 60}, 2}, {b, {70, 10}, 2}, {a, {30, 0}, 1}};
  for (size_t r = 0; r < sizeof reports / sizeof reports[0]; r++) {
    fact_mention m[2];
    for (size_t k = 0; k < reports[r].n; k++)
      m[k] = (fact_mention){reports[r].doc, reports[r].start[k], reports[r].start[k] + 4, "Berg"};
    entity_input e = {"Karl Berg", ENTITY_PERSON, NULL, m, reports[r].n};
    assert_true(factgraph_add_entity(g, &e) >= 0);
  }
  assert_int_equal(factgraph_finish(g), 0);
  const fg_entity *berg = find_entity(g, "karl_berg");
  assert_non_null(berg);
  const uint32_t want_doc[] = {a, b, b, c, c, c, c}, want_start[] = {30, 10, 70, 5, 20, 50, 60};
  assert_int_equal(berg->nmentions, 7);
  for (size_t i = 0; i < 7; i++) {
    assert_int_equal(berg->mentions[i].doc, want_doc[i]);
    assert_int_equal(berg->mentions[i].start, want_start[i]);
  }
  assert_int_equal(berg->sources, 3);
  factgraph_free(g);
}

static void test_slugs_and_bad_text(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  assert_true(add_entity(g, a, "Jean-Luc Mélenchon", ENTITY_PERSON, NULL, "Mélenchon", 0) >= 0);
  assert_true(add_entity(g, a, "Zoë \xff Ünal", ENTITY_PERSON, NULL, "Z\xc3", 20) >= 0);
  assert_true(add_entity(g, a, "Владимир", ENTITY_PERSON, NULL, "Владимир", 40) >= 0);
  /* Two people with one slug and one type (first names differ, so resolution keeps them
   * apart): the second in byte order gets _2. */
  assert_true(add_entity(g, a, "\u03a9 Smith", ENTITY_PERSON, NULL, "\u03a9 Smith", 60) >= 0);
  assert_true(add_entity(g, a, "\u03a8 Smith", ENTITY_PERSON, NULL, "\u03a8 Smith", 70) >= 0);
  /* invalid bytes amid runs of ASCII (read eight bytes at a time) */
  assert_true(add_entity(g, a, "Paul Okafor", ENTITY_PERSON, NULL, "Paul Okafor \xff of Lagos \xfe", 80) >= 0);
  entity_input empty = {"  \t ", ENTITY_PERSON, NULL, NULL, 0};
  assert_int_equal(factgraph_add_entity(g, &empty), -1);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_entity_count(g), 6);
  const fg_entity *okafor = find_entity(g, "paul_okafor");
  assert_non_null(okafor);
  assert_string_equal(okafor->mentions[0].text, "Paul Okafor \xef\xbf\xbd of Lagos \xef\xbf\xbd");
  assert_string_equal(find_entity(g, "smith")->label, "\u03a8 Smith");
  assert_string_equal(find_entity(g, "smith_2")->label, "\u03a9 Smith");
  assert_non_null(find_entity(g, "jean_luc_melenchon"));
  const fg_entity *z = find_entity(g, "zoe_unal");
  assert_non_null(z);
  assert_string_equal(z->label, "Zoë \xef\xbf\xbd Ünal"); /* invalid byte replaced */
  assert_string_equal(z->aliases[0], "Z\xef\xbf\xbd");
  /* No ASCII left: an id from the type and a hash, still ASCII. */
  const fg_entity *c = NULL;
  for (size_t i = 0; i < factgraph_entity_count(g); i++)
    if (strcmp(factgraph_entity(g, i)->label, "Владимир") == 0) c = factgraph_entity(g, i);
  assert_non_null(c);
  assert_memory_equal(c->id, "person_", 7);
  assert_int_equal(strlen(c->id), 15);
  factgraph_free(g);
}

static void test_events_merge(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  uint32_t b = factgraph_add_document(g, "b", NULL);
  int bank_a = add_entity(g, a, "First Czech-Russian Bank", ENTITY_ORG, NULL, "the bank", 0);
  int fn_a = add_entity(g, a, "National Front", ENTITY_ORG, NULL, "National Front", 20);
  int bank_b = add_entity(g, b, "First Czech-Russian Bank", ENTITY_ORG, NULL, "FCRB", 5);
  int fn_b = add_entity(g, b, "National Front", ENTITY_ORG, NULL, "the party", 30);

  fact_date y2014 = {2014, 0, 0, PRECISION_YEAR, BASIS_TEXT};
  fact_amount am_a = {9000000, "EUR", "€9m"};
  fact_amount am_b[2] = {{9400000, "EUR", "€9.4m"}, {9000000, "EUR", "9 million euros"}};
  event_input e = {0};
  e.type = "loan";
  e.date = y2014;
  e.actors = &bank_a;
  e.nactors = 1;
  e.targets = &fn_a;
  e.ntargets = 1;
  e.place = -1;
  e.amounts = &am_a;
  e.namounts = 1;
  e.mention = (fact_mention){a, 100, 140, "The bank lent the party €9m in 2014."};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  e.actors = &bank_b;
  e.targets = &fn_b;
  e.amounts = am_b;
  e.namounts = 2;
  e.mention = (fact_mention){b, 50, 90, "FCRB loaned €9.4m to the party in 2014."};
  e.confidence = 0.6;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  /* Unknown participant. */
  int bogus = 99;
  e.actors = &bogus;
  assert_int_equal(factgraph_add_event(g, &e), -1);

  /* A negated meeting: kept, but no edge. Also an undated say and a dated say. */
  int put = add_entity(g, a, "Vladimir Putin", ENTITY_PERSON, NULL, "Putin", 200);
  int mos = add_entity(g, a, "Moscow", ENTITY_GPE, NULL, "Moscow", 220);
  event_input n = {0};
  n.type = "meet";
  n.date = day(2017, 3, 24, BASIS_PUBLICATION);
  n.actors = &put;
  n.nactors = 1;
  n.targets = &fn_a;
  n.ntargets = 1;
  n.place = mos;
  n.negated = true;
  n.mention = (fact_mention){a, 200, 260, "Putin did not meet the party in Moscow."};
  n.confidence = 0.7;
  assert_int_equal(factgraph_add_event(g, &n), 0);
  n.negated = false;
  n.mention = (fact_mention){a, 300, 340, "Putin met the party in Moscow."};
  assert_int_equal(factgraph_add_event(g, &n), 0);
  event_input s = {0};
  s.type = "say";
  s.actors = &put;
  s.nactors = 1;
  s.place = -1;
  s.quote = "We  respect\nthe choice";
  s.mention = (fact_mention){a, 400, 440, "\"We respect the choice,\" Putin said."};
  s.confidence = 1.0;
  assert_int_equal(factgraph_add_event(g, &s), 0);
  assert_int_equal(factgraph_finish(g), 0);

  assert_int_equal(factgraph_event_count(g), 4);
  const fg_event *loan = factgraph_event(g, 0); /* 2014 is oldest */
  assert_string_equal(loan->type, "loan");
  assert_int_equal(loan->nmentions, 2);
  assert_int_equal(loan->ndocs, 2);
  assert_int_equal(loan->date.precision, PRECISION_YEAR);
  assert_int_equal(loan->date.year, 2014);
  assert_int_equal(loan->ndates, 1);
  /* Both figures side by side; the one reported twice first, with its first wording. */
  assert_int_equal(loan->namounts, 2);
  assert_true(loan->amounts[0].value == 9000000);
  assert_string_equal(loan->amounts[0].text, "€9m");
  assert_true(loan->amounts[1].value == 9400000);
  assert_string_equal(loan->amounts[1].currency, "EUR");
  /* 1 - 0.5 * 0.4 */
  assert_true(loan->confidence > 0.799 && loan->confidence < 0.801);
  assert_string_equal(loan->evidence, "FCRB loaned €9.4m to the party in 2014.");
  assert_string_equal(loan->headline, "First Czech-Russian Bank lent National Front");
  assert_string_equal(factgraph_event_verb(loan), "lent");
  assert_memory_equal(loan->id, "ev_", 3);
  assert_int_equal(strlen(loan->id), 15);

  /* Same day: meet before... both meets are 2017-03-24; ties by type then id. */
  const fg_event *m1 = factgraph_event(g, 1), *m2 = factgraph_event(g, 2);
  assert_string_equal(m1->type, "meet");
  assert_string_equal(m2->type, "meet");
  assert_true(strcmp(m1->id, m2->id) < 0);
  const fg_event *neg = m1->negated ? m1 : m2, *pos = m1->negated ? m2 : m1;
  assert_true(neg->negated);
  assert_false(pos->negated);
  assert_string_equal(pos->headline, "Vladimir Putin met National Front in Moscow");
  assert_string_equal(neg->headline, "Vladimir Putin did not meet National Front in Moscow");
  assert_int_equal(pos->date.basis, BASIS_PUBLICATION);

  const fg_event *say = factgraph_event(g, 3); /* undated last */
  assert_string_equal(say->type, "say");
  assert_int_equal(say->date.precision, PRECISION_UNKNOWN);
  assert_int_equal(say->ndates, 0);
  assert_string_equal(say->quote, "We respect the choice");
  assert_string_equal(say->headline, "Vladimir Putin said");
  assert_true(say->confidence <= 0.99 && say->confidence > 0.98); /* capped */

  assert_int_equal(factgraph_quote_count(g), 1);
  const fg_quote *q = factgraph_quote(g, 0);
  assert_int_equal(q->event, 3);
  assert_ptr_equal(factgraph_event(g, q->event), say); /* whose words and spans it has */
  assert_string_equal(factgraph_entity(g, (size_t)q->speaker)->label, "Vladimir Putin");
  assert_string_equal(q->id + 2, say->id + 3);

  /* Edges: the loan and the positive meeting; the negated one and the say give none. */
  assert_int_equal(factgraph_edge_count(g), 2);
  const fg_edge *e0 = factgraph_edge(g, 0), *e1 = factgraph_edge(g, 1);
  assert_int_equal(e0->event, 0);
  assert_string_equal(factgraph_entity(g, e0->from)->id, "first_czech_russian_bank");
  assert_string_equal(factgraph_entity(g, e0->to)->id, "national_front");
  assert_ptr_equal(factgraph_event(g, e1->event), pos);
  factgraph_free(g);
}

static void test_headlines(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  int x = add_entity(g, a, "Ana Lima", ENTITY_PERSON, NULL, "Ana", 0);
  int y = add_entity(g, a, "Rui Costa", ENTITY_PERSON, NULL, "Rui", 10);
  int z = add_entity(g, a, "Eva Melo", ENTITY_PERSON, NULL, "Eva", 20);
  int c = add_entity(g, a, "Porto", ENTITY_GPE, NULL, "Porto", 30);
  fact_date d1 = day(2020, 1, 1, BASIS_TEXT), d2 = day(2020, 1, 2, BASIS_TEXT);
  fact_date d3 = day(2020, 1, 3, BASIS_TEXT), d4 = day(2020, 1, 4, BASIS_TEXT);
  /* No actor: a noun phrase. */
  assert_int_equal(add_event(g, a, "attack", d1, -1, c, -1, "Porto was attacked.", 0, 0.5), 0);
  /* Unknown type: the type itself. */
  assert_int_equal(add_event(g, a, "annex", d2, x, c, -1, "Ana annexed Porto.", 40, 0.5), 0);
  /* Several actors and targets, one of them on both sides. */
  int actors[2] = {x, y}, targets[3] = {z, x, c};
  event_input e = {0};
  e.type = "meet";
  e.date = d3;
  e.actors = actors;
  e.nactors = 2;
  e.targets = targets;
  e.ntargets = 3;
  e.place = c;
  e.hypothetical = true;
  e.mention = (fact_mention){a, 80, 120, "Ana and Rui may meet Eva, Ana and Porto in Porto."};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  assert_int_equal(add_event(g, a, "say", d4, x, y, -1, "Ana told Rui.", 140, 0.5), 0);
  int named = add_entity(g, a, "Porto", ENTITY_PERSON, NULL, "Porto", 160);
  fact_date d5 = day(2020, 1, 5, BASIS_TEXT);
  assert_int_equal(add_event(g, a, "visit", d5, named, z, c, "Porto visited Eva in Porto.", 160,
                             0.5), 0);
  assert_int_equal(factgraph_finish(g), 0);
  assert_string_equal(factgraph_event(g, 0)->headline, "attack on Porto");
  assert_string_equal(factgraph_event(g, 1)->headline, "Ana Lima annex Porto");
  assert_string_equal(factgraph_event_verb(factgraph_event(g, 1)), "annex");
  const fg_event *m = factgraph_event(g, 2);
  /* Targets in id order; the place is also a target, so " in Porto" is not repeated. */
  assert_string_equal(m->headline, "Ana Lima and Rui Costa may meet Eva Melo and Porto");
  assert_int_equal(m->ntargets, 2);
  assert_string_equal(factgraph_event(g, 3)->headline, "Ana Lima told Rui Costa");
  assert_string_equal(factgraph_event_verb(factgraph_event(g, 3)), "told");
  /* A person named like the city is another entity: the city is still said (the place is
   * left out only when it is a participant, not when a participant has its name). */
  const fg_event *v = factgraph_event(g, 4);
  assert_string_equal(v->headline, "Porto visited Eva Melo in Porto");
  assert_int_not_equal(v->actors[0], v->place);
  /* The hypothetical meeting gives no edge; the attack has no actor. */
  assert_int_equal(factgraph_edge_count(g), 3);
  factgraph_free(g);
}

/* Many participants: a headline names three and counts the rest. */
static void test_headline_of_many(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", NULL);
  static const char *const names[] = {"Ana Lima", "Rui Costa", "Eva Melo",
                                      "Luis Reis", "Rita Neves", "Tiago Sousa"};
  int ids[6];
  for (int i = 0; i < 6; i++)
    ids[i] = add_entity(g, a, names[i], ENTITY_PERSON, NULL, names[i], 20 * (uint32_t)i);
  event_input e = {0};
  e.type = "meet";
  e.date = day(2020, 1, 1, BASIS_TEXT);
  e.actors = ids;
  e.nactors = 5;
  e.targets = &ids[5];
  e.ntargets = 1;
  e.place = -1;
  e.mention = (fact_mention){a, 200, 260, "Ana, Rui, Eva, Luis and Rita met Tiago."};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  assert_int_equal(factgraph_finish(g), 0);
  /* (actors in id order) */
  assert_string_equal(factgraph_event(g, 0)->headline,
                      "Ana Lima and Eva Melo and Luis Reis and 2 others met Tiago Sousa");
  assert_int_equal(factgraph_event(g, 0)->nactors, 5);
  factgraph_free(g);
}

/* Reports that agree two by two make one event only if they agree as a whole: "A lent" joins
 * "A lent to X" or "A lent to Y", not both into one loan to X and Y. */
static void test_no_chain_through_a_vague_report(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t d[3];
  int a[3], x = -1, y = -1;
  fact_date when = day(2020, 1, 1, BASIS_TEXT);
  for (int i = 0; i < 3; i++) {
    char id[8];
    snprintf(id, sizeof id, "d%d", i);
    d[i] = factgraph_add_document(g, id, "2020-01-02");
    a[i] = add_entity(g, d[i], "Harbor Bank", ENTITY_ORG, NULL, "Harbor Bank", 0);
  }
  x = add_entity(g, d[0], "Civic Party", ENTITY_ORG, NULL, "Civic Party", 30);
  y = add_entity(g, d[2], "Farm Union", ENTITY_ORG, NULL, "Farm Union", 30);
  assert_int_equal(add_event(g, d[0], "loan", when, a[0], x, -1,
                             "Harbor Bank lent money to Civic Party.", 0, 0.8), 0);
  assert_int_equal(add_event(g, d[1], "loan", when, a[1], -1, -1, "Harbor Bank lent money.", 0,
                             0.8), 0);
  assert_int_equal(add_event(g, d[2], "loan", when, a[2], y, -1,
                             "Harbor Bank lent money to Farm Union.", 0, 0.8), 0);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_event_count(g), 2);
  size_t with_two = 0;
  for (size_t i = 0; i < 2; i++) {
    const fg_event *ev = factgraph_event(g, i);
    assert_int_equal(ev->ntargets, 1);
    with_two += ev->ndocs == 2;
  }
  assert_int_equal(with_two, 1); /* the vague report joined one of them */
  factgraph_free(g);
}

static void test_hostile_input(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, NULL, NULL); /* no id: its index stands in */
  assert_string_equal(factgraph_document_id(g, a), "0");
  assert_null(factgraph_document_date(g, a));
  assert_int_equal(factgraph_add_entity(g, NULL), -1);
  entity_input noname = {NULL, ENTITY_PERSON, NULL, NULL, 3};
  assert_int_equal(factgraph_add_entity(g, &noname), -1);
  fact_mention bad[2] = {{7, 0, 1, "x"}, {a, 5, 2, NULL}}; /* unknown article, reversed span */
  entity_input e = {"Odd\x01Name\xc3", (entity_type)42, "", bad, 2};
  int x = factgraph_add_entity(g, &e);
  assert_true(x >= 0);
  event_input ev = {0};
  assert_int_equal(factgraph_add_event(g, &ev), -1); /* no type */
  ev.type = "meet";
  ev.place = -1;
  ev.nactors = 1; /* but no array */
  assert_int_equal(factgraph_add_event(g, &ev), -1);
  ev.actors = &x;
  ev.place = -7;
  assert_int_equal(factgraph_add_event(g, &ev), -1);
  ev.place = -1;
  ev.mention = (fact_mention){9, 0, 0, NULL};
  assert_int_equal(factgraph_add_event(g, &ev), -1); /* unknown article */
  ev.mention = (fact_mention){a, 0, 0, NULL};
  ev.date = (fact_date){123456, 77, -3, (date_precision)9, (date_basis)5};
  ev.confidence = NAN;
  fact_amount am[2] = {{INFINITY, "\xe2\x82\xac", NULL}, {12.5, "eu", "12,5"}};
  ev.amounts = am;
  ev.namounts = 2;
  assert_int_equal(factgraph_add_event(g, &ev), 0);
  ev.date = (fact_date){2017, 13, 40, PRECISION_DAY, BASIS_TEXT};
  ev.negated = true; /* else the undated report would join this one */
  assert_int_equal(factgraph_add_event(g, &ev), 0);
  assert_int_equal(factgraph_finish(g), 0);

  const fg_entity *o = factgraph_entity(g, 0);
  assert_string_equal(o->label, "Odd Name\xef\xbf\xbd");
  assert_string_equal(o->id, "odd_name");
  assert_int_equal(o->type, ENTITY_OTHER);
  assert_null(o->role);
  assert_int_equal(o->nmentions, 0);
  assert_int_equal(o->naliases, 1); /* the label stands in */
  assert_int_equal(factgraph_event_count(g), 2);
  const fg_event *y = factgraph_event(g, 0); /* 2017 (month and day were out of range) */
  char d[11];
  fact_date_format(&y->date, d);
  assert_string_equal(d, "2017");
  assert_int_equal(y->date.precision, PRECISION_YEAR);
  const fg_event *u = factgraph_event(g, 1);
  assert_int_equal(u->date.precision, PRECISION_UNKNOWN);
  assert_int_equal(u->date.basis, BASIS_NONE);
  assert_true(u->confidence == 0);
  assert_int_equal(u->namounts, 1); /* the infinite one is dropped */
  assert_string_equal(u->amounts[0].currency, ""); /* "eu" is no ISO code */
  assert_string_equal(u->evidence, "");
  /* fact_date_format survives anything. */
  fact_date weird = {-5, 99, 99, PRECISION_DAY, BASIS_TEXT};
  fact_date_format(&weird, d);
  assert_string_equal(d, "");
  assert_string_equal(entity_type_name((entity_type)99), "MISC");
  assert_string_equal(date_precision_name((date_precision)99), "unknown");
  assert_string_equal(date_basis_name((date_basis)99), "none");
  factgraph_free(g);
}

/* Everything a reader can see, with documents named by id, as one string. */
/* An exact copy of an article states its facts at the same spans: it is listed among their
 * sources, without adding confidence. */
static void test_copies(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", "2017-03-24");
  uint32_t b = factgraph_add_document(g, "b", "2017-03-24");
  int x = add_entity(g, a, "Vladimir Putin", ENTITY_PERSON, NULL, "Putin", 0);
  int y = add_entity(g, a, "Marine Le Pen", ENTITY_PERSON, NULL, "Le Pen", 10);
  assert_int_equal(add_event(g, a, "meet", day(2017, 3, 24, BASIS_TEXT), x, y, -1,
                             "Putin met Le Pen.", 0, 0.6), 0);
  assert_int_not_equal(add_entity(g, b, "Marine Le Pen", ENTITY_PERSON, NULL, "Le Pen", 5), -1);
  uint32_t c = factgraph_add_copy(g, "c", "2017-03-24", a);
  uint32_t c0 = factgraph_add_copy(g, "0", "2017-03-24", c); /* a copy of the copy: of a */
  assert_int_not_equal(c, UINT32_MAX);
  assert_int_not_equal(c0, UINT32_MAX);
  assert_int_equal(factgraph_add_copy(g, "x", NULL, 99), UINT32_MAX);
  /* the original or a copy given again, its id too: the same article, nothing added */
  assert_int_equal(factgraph_add_copy(g, "a", "2017-03-24", a), a);
  assert_int_equal(factgraph_add_copy(g, " c ", "2017-03-24", c0), c);
  assert_int_equal(factgraph_document_count(g), 4);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_add_copy(g, "y", NULL, a), UINT32_MAX);

  assert_int_equal(factgraph_event_count(g), 1);
  const fg_event *ev = factgraph_event(g, 0);
  assert_int_equal(ev->ndocs, 3);
  assert_int_equal(ev->nmentions, 3);
  const char *want[] = {"0", "a", "c"}; /* in order of article id */
  for (size_t i = 0; i < 3; i++) {
    assert_string_equal(factgraph_document_id(g, ev->mentions[i].doc), want[i]);
    assert_int_equal(ev->mentions[i].start, 0);
    assert_string_equal(ev->mentions[i].text, "Putin met Le Pen.");
  }
  assert_true(ev->confidence > 0.599 && ev->confidence < 0.601);

  const fg_entity *lp = find_entity(g, "marine_le_pen");
  assert_non_null(lp);
  assert_int_equal(lp->sources, 4);
  assert_int_equal(lp->nmentions, 4);
  for (size_t i = 0; i < lp->nmentions; i++) {
    const char *doc = factgraph_document_id(g, lp->mentions[i].doc);
    assert_int_equal(lp->mentions[i].start, strcmp(doc, "b") == 0 ? 5 : 10);
  }
  factgraph_free(g);
}

/* Copies of two articles that report one event in different words, one of which reports a
 * second event: each mention keeps the words of its own report, whichever article it is in
 * (the copies' texts are not stored again but found through the mentions they copy). */
static void test_copies_keep_each_report_text(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "m", "2017-03-24");
  uint32_t b = factgraph_add_document(g, "n", "2017-03-24");
  int x = add_entity(g, a, "Vladimir Putin", ENTITY_PERSON, NULL, "Putin", 0);
  int y = add_entity(g, a, "Marine Le Pen", ENTITY_PERSON, NULL, "Le Pen", 10);
  int x2 = add_entity(g, b, "Vladimir Putin", ENTITY_PERSON, NULL, "Putin", 4);
  int y2 = add_entity(g, b, "Marine Le Pen", ENTITY_PERSON, NULL, "Le Pen", 20);
  assert_int_equal(add_event(g, a, "meet", day(2017, 3, 24, BASIS_TEXT), x, y, -1,
                             "Putin met Le Pen.", 0, 0.6), 0);
  assert_int_equal(add_event(g, a, "visit", day(2017, 3, 24, BASIS_TEXT), y, -1, -1,
                             "Le Pen visited, Putin said.", 40, 0.6), 0);
  assert_int_equal(add_event(g, b, "meet", day(2017, 3, 24, BASIS_TEXT), x2, y2, -1,
                             "Yesterday Putin received Le Pen.", 0, 0.6), 0);
  const char *copy_of_a[] = {"z", "a", "q"}, *copy_of_b[] = {"b", "y"};
  for (size_t i = 0; i < 3; i++)
    assert_int_not_equal(factgraph_add_copy(g, copy_of_a[i], "2017-03-24", a), UINT32_MAX);
  for (size_t i = 0; i < 2; i++)
    assert_int_not_equal(factgraph_add_copy(g, copy_of_b[i], "2017-03-24", b), UINT32_MAX);
  assert_int_equal(factgraph_finish(g), 0);

  assert_int_equal(factgraph_event_count(g), 2);
  size_t seen = 0;
  for (size_t i = 0; i < factgraph_event_count(g); i++) {
    const fg_event *ev = factgraph_event(g, i);
    bool meet = strcmp(ev->type, "meet") == 0;
    assert_int_equal(ev->nmentions, meet ? 7 : 4);
    assert_int_equal(ev->ndocs, meet ? 7 : 4);
    for (size_t k = 0; k < ev->nmentions; k++) {
      const char *doc = factgraph_document_id(g, ev->mentions[k].doc);
      bool from_b = strchr("nby", doc[0]) != NULL;
      const char *want = !meet ? "Le Pen visited, Putin said."
                         : from_b ? "Yesterday Putin received Le Pen."
                                  : "Putin met Le Pen.";
      assert_false(!meet && from_b);
      assert_string_equal(ev->mentions[k].text, want);
      assert_int_equal(ev->mentions[k].start, !meet ? 40 : 0);
      seen++;
    }
    assert_non_null(ev->evidence);
    bool evidence_found = false;
    for (size_t k = 0; k < ev->nmentions; k++)
      evidence_found |= strcmp(ev->evidence, ev->mentions[k].text) == 0;
    assert_true(evidence_found);
  }
  assert_int_equal(seen, 11);
  factgraph_free(g);
}

static char *dump(const factgraph *g) {
  strbuf sb;
  strbuf_init(&sb);
  for (size_t i = 0; i < factgraph_entity_count(g); i++) {
    const fg_entity *e = factgraph_entity(g, i);
    strbuf_addf(&sb, "E %s|%s|%d|%s|%zu|", e->id, e->label, e->type, e->role ? e->role : "-",
                e->sources);
    for (size_t k = 0; k < e->naliases; k++) strbuf_addf(&sb, "%s,", e->aliases[k]);
    for (size_t k = 0; k < e->nmentions; k++)
      strbuf_addf(&sb, "[%s %u %u %s]", factgraph_document_id(g, e->mentions[k].doc),
                  e->mentions[k].start, e->mentions[k].end, e->mentions[k].text);
    strbuf_addc(&sb, '\n');
  }
  for (size_t i = 0; i < factgraph_event_count(g); i++) {
    const fg_event *e = factgraph_event(g, i);
    char d[11];
    fact_date_format(&e->date, d);
    strbuf_addf(&sb, "V %s|%s|%s|%d|%s|%s|%.6f|%ld|", e->id, e->type, d, e->date.basis,
                e->headline, e->evidence, e->confidence, e->place);
    for (size_t k = 0; k < e->nactors; k++) strbuf_addf(&sb, "a%zu,", e->actors[k]);
    for (size_t k = 0; k < e->ntargets; k++) strbuf_addf(&sb, "t%zu,", e->targets[k]);
    for (size_t k = 0; k < e->namounts; k++)
      strbuf_addf(&sb, "%.2f %s %s,", e->amounts[k].value, e->amounts[k].currency,
                  e->amounts[k].text);
    for (size_t k = 0; k < e->ndocs; k++)
      strbuf_addf(&sb, "%s,", factgraph_document_id(g, e->docs[k]));
    for (size_t k = 0; k < e->nmentions; k++)
      strbuf_addf(&sb, "[%s %u]", factgraph_document_id(g, e->mentions[k].doc),
                  e->mentions[k].start);
    strbuf_addc(&sb, '\n');
  }
  for (size_t i = 0; i < factgraph_edge_count(g); i++) {
    const fg_edge *e = factgraph_edge(g, i);
    strbuf_addf(&sb, "G %zu %zu %zu\n", e->from, e->to, e->event);
  }
  for (size_t i = 0; i < factgraph_quote_count(g); i++) {
    const fg_quote *q = factgraph_quote(g, i);
    strbuf_addf(&sb, "Q %s %s %ld %zu\n", q->id, factgraph_event(g, q->event)->quote, q->speaker,
                q->event);
  }
  return strbuf_detach(&sb);
}

/* Adds article K of a small three-article story. */
static void add_article(factgraph *g, int k) {
  static const char *ids[] = {"lemonde", "reuters", "bbc"};
  uint32_t d = factgraph_add_document(g, ids[k], NULL);
  int a = add_entity(g, d, k == 1 ? "MARINE LE PEN" : "Marine Le Pen", ENTITY_PERSON,
                     k == 2 ? "candidate" : "leader", k ? "Le Pen" : "Marine Le Pen", 10);
  int b = add_entity(g, d, "Vladimir Putin", ENTITY_PERSON, "President", "Putin", 30);
  int m = add_entity(g, d, "Moscow", ENTITY_GPE, NULL, "Moscow", 50);
  int x = add_entity(g, d, k == 0 ? "Kremlin" : "Le Pen", k == 0 ? ENTITY_ORG : ENTITY_ORG,
                     NULL, "X", 70);
  add_event(g, d, "meet", day(2017, 3, 24, k == 1 ? BASIS_PUBLICATION : BASIS_TEXT), b, a, m,
            "Putin met Le Pen in Moscow.", 100 + (uint32_t)k, 0.5 + 0.1 * k);
  add_event(g, d, "visit", day(2017, 3, 24, BASIS_TEXT), a, m, -1, "She visited Moscow.",
            200, 0.6);
  add_event(g, d, k == 2 ? "criticize" : "accuse", (fact_date){0}, a, x, -1, "She accused X.",
            300, 0.4);
  fact_amount am = {k + 1.5, "usd", "some dollars"};
  event_input e = {0};
  e.type = "fund";
  e.date = (fact_date){2016, 5, 0, PRECISION_MONTH, BASIS_TEXT};
  e.actors = &x;
  e.nactors = 1;
  e.targets = &a;
  e.ntargets = 1;
  e.place = -1;
  e.amounts = &am;
  e.namounts = 1;
  e.mention = (fact_mention){d, 400, 420, "X funded her."};
  e.confidence = 0.3;
  factgraph_add_event(g, &e);
}

/* Two reports of one meeting, one dated by its article (publication) and a few days from the
 * other's date, are one event, also across a month's and a year's end; further apart, two. */
static size_t meetings_of(int y1, int m1, int d1, int y2, int m2, int d2) {
  factgraph *g = factgraph_new();
  uint32_t docs[2] = {factgraph_add_document(g, "a1", NULL), factgraph_add_document(g, "a2", NULL)};
  fact_date dates[2] = {day(y1, m1, d1, BASIS_PUBLICATION), day(y2, m2, d2, BASIS_TEXT)};
  for (int k = 0; k < 2; k++) {
    int a = add_entity(g, docs[k], "Karl Berg", ENTITY_PERSON, NULL, "Karl Berg", 0);
    int b = add_entity(g, docs[k], "Anna De Luca", ENTITY_PERSON, NULL, "Anna De Luca", 20);
    add_event(g, docs[k], "meet", dates[k], a, b, -1, "Karl Berg met Anna De Luca.", 0, 0.6);
  }
  assert_int_equal(factgraph_finish(g), 0);
  size_t n = factgraph_event_count(g);
  factgraph_free(g);
  return n;
}

static void test_publication_slack_across_month_end(void **state) {
  (void)state;
  assert_int_equal(meetings_of(2017, 3, 24, 2017, 3, 26), 1);
  assert_int_equal(meetings_of(2017, 3, 30, 2017, 4, 1), 1);
  assert_int_equal(meetings_of(2017, 4, 1, 2017, 3, 30), 1);
  assert_int_equal(meetings_of(2017, 12, 30, 2018, 1, 2), 1);
  assert_int_equal(meetings_of(2017, 3, 24, 2017, 3, 30), 2);
  assert_int_equal(meetings_of(2017, 3, 30, 2017, 4, 5), 2);
}

static void test_deterministic_whatever_the_order(void **state) {
  (void)state;
  static const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}};
  char *first = NULL;
  for (size_t o = 0; o < 3; o++) {
    factgraph *g = factgraph_new();
    for (int k = 0; k < 3; k++) add_article(g, orders[o][k]);
    assert_int_equal(factgraph_finish(g), 0);
    char *d = dump(g);
    if (!first) {
      first = d;
      /* "Le Pen" the ORG and "Marine Le Pen" differ; Kremlin is separate. */
      assert_int_equal(factgraph_entity_count(g), 5);
      assert_non_null(find_entity(g, "marine_le_pen"));
      assert_string_equal(find_entity(g, "marine_le_pen")->label, "Marine Le Pen");
      assert_string_equal(find_entity(g, "marine_le_pen")->role, "leader");
      /* Two funds in May 2016 (different funders), then meet and visit, then undated. */
      assert_int_equal(factgraph_event_count(g), 7);
      assert_string_equal(factgraph_event(g, 0)->type, "fund");
      assert_string_equal(factgraph_event(g, 1)->type, "fund");
      assert_string_equal(factgraph_event(g, 3)->type, "visit");
      assert_int_equal(factgraph_event(g, 6)->date.precision, PRECISION_UNKNOWN);
      const fg_event *meet = factgraph_event(g, 2);
      assert_string_equal(meet->type, "meet");
      assert_int_equal(meet->ndocs, 3);
      assert_int_equal(meet->date.basis, BASIS_TEXT);
      assert_string_equal(factgraph_document_id(g, meet->docs[0]), "bbc");
      assert_string_equal(meet->evidence, "Putin met Le Pen in Moscow.");
      assert_int_equal(meet->mentions[0].start, 102); /* bbc, the best-confidence report */
      const fg_event *fund = factgraph_event(g, 0);
      if (fund->ndocs == 1) fund = factgraph_event(g, 1);
      assert_int_equal(fund->namounts, 2); /* 2.5 and 3.5 USD, side by side */
      assert_int_equal(fund->ndocs, 2);
      assert_string_equal(fund->amounts[0].currency, "USD");
    } else {
      assert_string_equal(d, first);
      free(d);
    }
    factgraph_free(g);
  }
  free(first);
}

/* An event's id is "ev_" and 48 bits of the FNV-1a hash of its key, as hex: type, date,
 * actor ids, target ids, place id and a say's quote, each ended by \x1f, then the negated and
 * hypothetical flags. Ids are a promise to users (they link timeline, graph and facts across
 * runs), so the exact values are checked against that recipe. */
static void expect_id(const fg_event *ev, const char *key, size_t keylen) {
  char want[16];
  uint64_t h = fg_hash(key, keylen) & 0xffffffffffffULL;
  snprintf(want, sizeof want, "ev_%012llx", (unsigned long long)h);
  assert_string_equal(ev->id, want);
}

/* Two quotes of 12 hex digits whose say events, from the key state START before the quote,
 * get one id: the 48 bits an id shows, equal for different keys. Found by Brent's cycle
 * search over x -> the id bits of the key with quote hex(x) (about 2^24 steps to a cycle:
 * a second or so, and no memory), where the step into the cycle is reached from two
 * different quotes. (FNV-1a after the quote, "\x1f" and the flags, is one-to-one on those
 * bits: equal bits after the quote are equal ids.) */
#define ID_BITS 0xffffffffffffULL
static uint64_t quote_step(uint64_t start, uint64_t x, char out[13]) {
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < 12; i++) out[i] = hex[(x >> (44 - 4 * i)) & 15];
  out[12] = '\0';
  return fg_hash_more(start, out, 12) & ID_BITS;
}

static void colliding_quotes(uint64_t start, char a[13], char b[13]) {
  for (uint64_t x0 = 1;; x0++) {
    size_t power = 1, lambda = 1;
    uint64_t tortoise = x0, hare = quote_step(start, x0, a);
    while (tortoise != hare) {
      if (power == lambda) {
        tortoise = hare;
        power *= 2;
        lambda = 0;
      }
      hare = quote_step(start, hare, a);
      lambda++;
    }
    /* the first step into the cycle: from X0 and from LAMBDA steps on, in step */
    tortoise = hare = x0;
    for (size_t i = 0; i < lambda; i++) hare = quote_step(start, hare, a);
    uint64_t before_t = 0, before_h = 0;
    bool moved = false;
    while (tortoise != hare) {
      before_t = tortoise, before_h = hare;
      tortoise = quote_step(start, tortoise, a);
      hare = quote_step(start, hare, a);
      moved = true;
    }
    if (!moved) continue; /* X0 was on the cycle: nothing leads into it from outside */
    assert_int_equal(quote_step(start, before_t, a), quote_step(start, before_h, b));
    assert_string_not_equal(a, b);
    return;
  }
}

/* Should two events' keys ever share the 48 bits of an id (expected once in about 16 million
 * events), the later key in byte order gets "_2": ids stay distinct, and stay the same
 * whatever order the reports come in. Quotes follow their events' ids. */
static void test_event_ids_that_share_a_hash(void **state) {
  (void)state;
  static const char before_quote[] = "say\x1f" "2017-03-24\x1f" "anna_berg\x1f" "\x1f" "\x1f";
  char qa[13], qb[13];
  colliding_quotes(fg_hash(before_quote, sizeof before_quote - 1), qa, qb);
  const char *first = strcmp(qa, qb) < 0 ? qa : qb, *later = first == qa ? qb : qa;
  char *ids[2][2]; /* [round][0: FIRST's event, 1: LATER's] */
  for (int round = 0; round < 2; round++) {
    factgraph *g = factgraph_new();
    uint32_t a = factgraph_add_document(g, "a", "2017-03-25");
    int anna = add_entity(g, a, "Anna Berg", ENTITY_PERSON, NULL, "Anna Berg", 0);
    for (int k = 0; k < 2; k++) {
      event_input s = {0};
      s.type = "say";
      s.date = day(2017, 3, 24, BASIS_TEXT);
      s.actors = &anna;
      s.nactors = 1;
      s.place = -1;
      s.quote = (k == 0) == (round == 0) ? first : later; /* the second round: the other order */
      s.mention = (fact_mention){a, 100 + 50 * (uint32_t)k, 140 + 50 * (uint32_t)k,
                                 "Anna Berg said a number."};
      s.confidence = 0.9;
      assert_int_equal(factgraph_add_event(g, &s), 0);
    }
    assert_int_equal(factgraph_finish(g), 0);
    assert_int_equal(factgraph_event_count(g), 2);
    assert_int_equal(factgraph_quote_count(g), 2);
    for (size_t i = 0; i < 2; i++) {
      const fg_event *ev = factgraph_event(g, i);
      ids[round][strcmp(ev->quote, first) == 0 ? 0 : 1] = strdup(ev->id);
    }
    for (size_t i = 0; i < 2; i++) { /* "q_" and what follows "ev_" */
      const fg_quote *q = factgraph_quote(g, i);
      assert_string_equal(q->id + 2, factgraph_event(g, q->event)->id + 3);
    }
    factgraph_free(g);
  }
  static const char key_end[] = "\x1f" "00";
  char want[16];
  uint64_t h = fg_hash_more(fg_hash_more(fg_hash(before_quote, sizeof before_quote - 1), first,
                                         12),
                            key_end, sizeof key_end - 1) &
               ID_BITS;
  snprintf(want, sizeof want, "ev_%012llx", (unsigned long long)h);
  char want2[20];
  snprintf(want2, sizeof want2, "%s_2", want);
  for (int round = 0; round < 2; round++) {
    assert_string_equal(ids[round][0], want);
    assert_string_equal(ids[round][1], want2);
    free(ids[round][0]);
    free(ids[round][1]);
  }
}

static void test_event_ids_are_stable(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", "2017-03-25");
  int putin = add_entity(g, a, "Vladimir Putin", ENTITY_PERSON, NULL, "Vladimir Putin", 0);
  int lepen = add_entity(g, a, "Marine Le Pen", ENTITY_PERSON, NULL, "Marine Le Pen", 20);
  int fn = add_entity(g, a, "National Front", ENTITY_ORG, NULL, "National Front", 40);
  int moscow = add_entity(g, a, "Moscow", ENTITY_GPE, NULL, "Moscow", 60);
  assert_int_equal(add_event(g, a, "meet", day(2017, 3, 24, BASIS_TEXT), putin, lepen, moscow,
                             "Putin met Le Pen in Moscow on Friday.", 100, 0.9),
                   0);
  event_input e = {0};
  e.type = "support";
  int actors[2] = {putin, lepen};
  e.actors = actors;
  e.nactors = 2;
  e.targets = &fn;
  e.ntargets = 1;
  e.place = -1;
  e.negated = true;
  e.mention = (fact_mention){a, 200, 240, "Putin and Le Pen did not back the party."};
  e.confidence = 0.5;
  assert_int_equal(factgraph_add_event(g, &e), 0);
  event_input s = {0};
  s.type = "say";
  s.actors = &putin;
  s.nactors = 1;
  s.place = -1;
  s.quote = "We  respect\nthe choice";
  s.mention = (fact_mention){a, 300, 340, "\"We respect the choice,\" Putin said."};
  s.confidence = 1.0;
  assert_int_equal(factgraph_add_event(g, &s), 0);
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_event_count(g), 3);

  static const char meet[] =
      "meet\x1f" "2017-03-24\x1f" "vladimir_putin\x1f" "marine_le_pen\x1f" "moscow\x1f" "\x1f" "00";
  /* actors in id order, joined by "," */
  static const char support[] = "support\x1f" "\x1f" "marine_le_pen,vladimir_putin\x1f"
                                "national_front\x1f" "\x1f" "\x1f" "10";
  static const char say[] =
      "say\x1f" "\x1f" "vladimir_putin\x1f" "\x1f" "\x1f" "We respect the choice\x1f" "00";
  for (size_t i = 0; i < 3; i++) {
    const fg_event *ev = factgraph_event(g, i);
    if (strcmp(ev->type, "meet") == 0) expect_id(ev, meet, sizeof meet - 1);
    else if (strcmp(ev->type, "support") == 0) expect_id(ev, support, sizeof support - 1);
    else expect_id(ev, say, sizeof say - 1);
  }
  factgraph_free(g);
}

/* More than 255 event types: the events are ordered by comparing them (set_order_key packs a
 * type's rank in 8 bits), oldest first, then by type and id, as with fewer types. */
static void test_order_with_many_types(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", "2017-03-25");
  int putin = add_entity(g, a, "Vladimir Putin", ENTITY_PERSON, NULL, "Vladimir Putin", 0);
  enum { TYPES = 300 };
  for (int t = 0; t < TYPES; t++) {
    char type[16];
    snprintf(type, sizeof type, "t%03d", (t * 7) % TYPES); /* added out of order */
    fact_date date = day(2017, 3, 23 + t % 2, BASIS_TEXT);
    assert_int_equal(add_event(g, a, type, date, putin, -1, -1, "Putin did it.",
                               100 + 20 * (uint32_t)t, 0.5),
                     0);
  }
  assert_int_equal(factgraph_finish(g), 0);
  assert_int_equal(factgraph_event_count(g), TYPES);
  for (size_t i = 0; i + 1 < TYPES; i++) {
    const fg_event *x = factgraph_event(g, i), *y = factgraph_event(g, i + 1);
    assert_true(x->date.day <= y->date.day);
    if (x->date.day == y->date.day) assert_true(strcmp(x->type, y->type) < 0);
  }
  assert_int_equal(factgraph_event(g, 0)->date.day, 23);
  assert_string_equal(factgraph_event(g, 0)->type, "t000");
  assert_string_equal(factgraph_event(g, TYPES - 1)->type, "t299");
  factgraph_free(g);
}

/* One sentence states one meeting twice, and another sentence comes between the two (so the
 * graph keeps the sentence twice): the event has the span once, and its evidence, the surer
 * report's, is that sentence. Then the writers' readers of the sentences: as many as
 * FG_TEXT_READERS at once, and telling how far they have come changes nothing read. */
static void test_repeated_span_and_readers(void **state) {
  (void)state;
  factgraph *g = factgraph_new();
  uint32_t a = factgraph_add_document(g, "a", "2020-05-02");
  int x = add_entity(g, a, "Karl Berg", ENTITY_PERSON, NULL, "Karl Berg", 0);
  int y = add_entity(g, a, "Anna De Luca", ENTITY_PERSON, NULL, "Anna De Luca", 14);
  const char *met = "Karl Berg met Anna De Luca on Friday.";
  const char *other = "It rained.";
  assert_int_equal(add_event(g, a, "meet", day(2020, 5, 1, BASIS_TEXT), x, y, -1, met, 0, 0.6), 0);
  assert_int_equal(add_event(g, a, "visit", day(2020, 5, 1, BASIS_TEXT), x, -1, -1, other, 40, 0.5), 0);
  assert_int_equal(add_event(g, a, "meet", day(2020, 5, 1, BASIS_TEXT), x, y, -1, met, 0, 0.9), 0);
  assert_int_equal(factgraph_finish(g), 0);
  const fg_event *meet = NULL;
  for (size_t i = 0; i < factgraph_event_count(g); i++)
    if (strcmp(factgraph_event(g, i)->type, "meet") == 0) meet = factgraph_event(g, i);
  assert_non_null(meet);
  assert_int_equal(meet->nmentions, 1);
  assert_string_equal(meet->mentions[0].text, met);
  assert_string_equal(meet->evidence, met);
  assert_true(fabs(meet->confidence - (1 - 0.4 * 0.1)) < 1e-9);

  int r[FG_TEXT_READERS];
  for (int i = 0; i < FG_TEXT_READERS; i++) {
    r[i] = factgraph_text_reader_open(g);
    assert_true(r[i] >= 0);
  }
  assert_int_equal(factgraph_text_reader_open(g), -1); /* all open */
  factgraph_text_reader_at(g, -1, 1);                  /* (none: nothing) */
  factgraph_text_reader_at(g, r[0], factgraph_event_count(g));
  factgraph_text_reader_close(g, r[0]);
  assert_int_equal(factgraph_text_reader_open(g), r[0]); /* free again */
  for (int i = 0; i < FG_TEXT_READERS; i++) factgraph_text_reader_close(g, r[i]);
  factgraph_forget_entity_mentions(g, factgraph_entity_count(g));
  assert_string_equal(meet->evidence, met);
  assert_string_equal(find_entity(g, "karl_berg")->mentions[0].text, "Karl Berg");
  factgraph_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_graph),
      cmocka_unit_test(test_event_ids_are_stable),
      cmocka_unit_test(test_event_ids_that_share_a_hash),
      cmocka_unit_test(test_entities_merge_across_articles),
      cmocka_unit_test(test_mention_order),
      cmocka_unit_test(test_slugs_and_bad_text),
      cmocka_unit_test(test_events_merge),
      cmocka_unit_test(test_headlines),
      cmocka_unit_test(test_headline_of_many),
      cmocka_unit_test(test_no_chain_through_a_vague_report),
      cmocka_unit_test(test_copies),
      cmocka_unit_test(test_copies_keep_each_report_text),
      cmocka_unit_test(test_hostile_input),
      cmocka_unit_test(test_deterministic_whatever_the_order),
      cmocka_unit_test(test_publication_slack_across_month_end),
      cmocka_unit_test(test_repeated_span_and_readers),
      cmocka_unit_test(test_order_with_many_types),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
