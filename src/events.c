/* events.c: events from verb classes (src/lexicon/verbs.tsv): for each trigger word outside
 * quotations, the actor is the named participant before it in its clause, the target the one
 * after it (with "with", "to", "from" and passive "by" taken into account), the place an
 * "in"/"at" place name, the date the sentence's own date expression (else the publication
 * date), amounts of money for loans and funding; negated and hypothetical statements are
 * flagged. Every attributed quote becomes a "say" event. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "names.h"
#include "text.h"

/* The word lists this stage reads, found once: lexicon_get probes a table at each ask, and
 * the rules here ask token by token. */
static struct {
  const lexicon *auxiliaries, *clause_words, *common_words, *currencies, *light_verbs,
      *magnitudes, *modal_verbs, *pronouns, *role_words, *speech_verbs, *verbs;
} lists;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void find_lists(void) {
  lists.auxiliaries = lexicon_get("auxiliaries");
  lists.clause_words = lexicon_get("clause_words");
  lists.common_words = lexicon_get("common_words");
  lists.currencies = lexicon_get("currencies");
  lists.light_verbs = lexicon_get("light_verbs");
  lists.magnitudes = lexicon_get("magnitudes");
  lists.modal_verbs = lexicon_get("modal_verbs");
  lists.pronouns = lexicon_get("pronouns");
  lists.role_words = lexicon_get("role_words");
  lists.speech_verbs = lexicon_get("speech_verbs");
  lists.verbs = lexicon_get("verbs");
}

/* ---- amounts ---- */

static const char *currency_of(const doc *d, size_t i) {
  return doc_token_find(d, i, lists.currencies);
}

/* Parses "9", "9.7", "1,200" into *V; returns the length of the numeric part. */
static size_t parse_number(const char *s, size_t n, double *v) {
  char buf[64];
  size_t k = 0, i = 0;
  for (; i < n && k + 1 < sizeof buf; i++) {
    if (s[i] >= '0' && s[i] <= '9') buf[k++] = s[i];
    else if (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') buf[k++] = '.';
    else if (s[i] == ',' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') continue;
    else break;
  }
  buf[k] = '\0';
  *v = k ? strtod(buf, NULL) : 0;
  return i;
}

static double magnitude(const char *s, size_t n) {
  const char *v = lexicon_find(lists.magnitudes, s, n);
  return v ? strtod(v, NULL) : 0;
}

/* An amount starting at token I: "€9m", "$9.7 million", "9 million euros", "£7.8m";
 * returns the number of tokens used (0 if none). */
static size_t amount_at(doc *d, size_t i, size_t end, fact_amount *a) {
  const char *cur = NULL;
  size_t k = i;
  if ((d->tokens[i].flags & TOK_PUNCT) || (d->tokens[i].flags & TOK_ALLCAPS)) {
    cur = currency_of(d, i); /* "€", "$", "USD" */
    if (!cur) return 0;
    k++;
  }
  if (k >= end || !(d->tokens[k].flags & TOK_NUMBER)) return 0;
  if (!cur && k == i && i > 0 && currency_of(d, i - 1)) return 0; /* counted from the symbol */
  const token *num = &d->tokens[k];
  double value;
  size_t used = parse_number(d->text + num->start, token_len(num), &value);
  double factor = 1;
  if (used < token_len(num)) { /* "9m", "1.2bn" */
    factor = magnitude(d->text + num->start + used, token_len(num) - used);
    if (factor == 0) return 0; /* "70km": not money */
  }
  k++;
  if (factor == 1 && k < end && (d->tokens[k].flags & TOK_WORD)) {
    double f = magnitude(d->text + d->tokens[k].start, token_len(&d->tokens[k]));
    if (f > 0) {
      factor = f;
      k++;
    }
  }
  if (!cur && k < end && (d->tokens[k].flags & TOK_WORD)) {
    cur = currency_of(d, k); /* "9 million euros" */
    if (cur) k++;
  }
  if (!cur) return 0;
  a->value = round(value * factor * 100) / 100;
  snprintf(a->currency, sizeof a->currency, "%s", cur);
  a->text = arena_strndup(&d->arena, d->text + d->tokens[i].start,
                          d->tokens[k - 1].end - d->tokens[i].start);
  return k - i;
}

static void find_amounts(doc *d, size_t first, size_t end, doc_event *ev) {
  for (size_t i = first; i < end && ev->namounts < DOC_MAX_AMOUNTS; i++) {
    fact_amount a;
    size_t n = amount_at(d, i, end, &a);
    if (n) {
      ev->amounts[ev->namounts++] = a;
      i += n - 1;
    }
  }
}

/* ---- participants ---- */

static bool is_place(const doc *d, int e) {
  entity_type t = d->entities[e].type;
  return t == ENTITY_GPE || t == ENTITY_LOC;
}

static bool is_agent(const doc *d, int e) {
  entity_type t = d->entities[e].type;
  return t == ENTITY_PERSON || t == ENTITY_ORG || t == ENTITY_GPE;
}

static void add_unique(int *list, int *n, int e) {
  for (int k = 0; k < *n; k++)
    if (list[k] == e) return;
  if (*n < DOC_MAX_ROLE) list[(*n)++] = e;
}

static bool clause_break(const doc *d, size_t i);

static bool speech_verb_at(const doc *d, size_t i) {
  return (d->tokens[i].flags & TOK_WORD) &&
         doc_token_in(d, i, lists.speech_verbs);
}

/* Who acts in an event named by a noun: the subject of a light verb before it ("Berg held a
 * meeting", "took a €5m (£4.3m) loan"), or its possessor ("De Luca's visit", "her meeting").
 * Returns the token index to look for the subject before, or SIZE_MAX if the noun has no
 * actor (then only a "by" phrase can give one). */
static size_t noun_subject_anchor(const doc *d, size_t first, size_t trig, int *possessor) {
  const lexicon *light = lists.light_verbs;
  const lexicon *verbs = lists.verbs;
  *possessor = -1;
  if (trig > first) {
    size_t p = trig - 1;
    if (p > first && !(d->tokens[p].flags & (TOK_POSSESSIVE | TOK_PUNCT)) &&
        doc_mention_at_token(d, p) < 0 && !(d->tokens[p].flags & TOK_CAP))
      p--; /* one adjective: "her fourth visit" is too far, "her recent visit" is not */
    if (d->tokens[p].flags & TOK_POSSESSIVE) {
      int m = p > first ? doc_mention_at_token(d, p - 1) : -1;
      if (m >= 0) *possessor = d->mentions[m].entity;
    } else {
      int m = doc_mention_at_token(d, p);
      if (m >= 0 && d->mentions[m].kind == MENTION_PRONOUN) *possessor = d->mentions[m].entity;
    }
    if (*possessor >= 0) return SIZE_MAX;
  }
  for (size_t k = trig; k > first && k + 9 > trig; k--) {
    size_t i = k - 1;
    const token *t = &d->tokens[i];
    if (t->flags & TOK_WORD) {
      if (doc_token_in(d, i, light)) return i;
      static const char *const preps[] = {"to", "of", "in", "on", "for", "with", "at", "by",
                                          "from", "about", "against", "into", NULL};
      for (const char *const *p = preps; *p; p++)
        if (doc_token_is(d, i, *p)) return SIZE_MAX; /* "roots to the backing": too far */
      if ((t->flags & TOK_CAP) || doc_mention_at_token(d, i) >= 0 ||
          doc_token_in(d, i, verbs) || clause_break(d, i))
        return SIZE_MAX;
    } else if (t->flags & TOK_TERMINAL) {
      return SIZE_MAX;
    }
  }
  return SIZE_MAX;
}

/* Does token I end a clause for the purpose of finding participants? */
static bool clause_break(const doc *d, size_t i) {
  const token *t = &d->tokens[i];
  if (t->flags & TOK_TERMINAL) return true;
  char c = d->text[t->start];
  if (c == ';' || c == '(' || c == ')') return true;
  return (t->flags & TOK_WORD) && doc_token_in(d, i, lists.clause_words);
}

/* Collects the agents named before token TRIG in its clause: "Berg and De Luca met". */
/* If token K is the "who"/"which" opening ", who ..." after a name, that name's mention. */
static int relative_antecedent(const doc *d, size_t first, size_t k) {
  if (!(doc_token_is(d, k, "who") || doc_token_is(d, k, "which")) || k < first + 2) return -1;
  if (d->text[d->tokens[k - 1].start] != ',') return -1;
  int m = doc_mention_at_token(d, k - 2);
  return m >= 0 && d->mentions[m].tok_end == k - 1 ? m : -1;
}

/* Does entity E act through what it owns at token HEAD? A country or organisation through
 * its ministries and forces ("China's foreign ministry accused"), a leader through a
 * government ("Meloni's government signed"). A person's party is not the person. */
static bool acts_through(const doc *d, int e, size_t head) {
  entity_type t = d->entities[e].type;
  if (t == ENTITY_GPE || t == ENTITY_ORG) return true;
  for (size_t k = head; k < head + 3 && k < d->ntokens; k++)
    if (doc_token_is(d, k, "government") || doc_token_is(d, k, "administration") ||
        doc_token_is(d, k, "cabinet"))
      return true;
  return false;
}

/* For "X's party" at token HEAD: the organisation X belongs to in this article, or -1. */
static int party_of(const doc *d, int e, size_t head) {
  if (d->entities[e].org < 0) return -1;
  return doc_token_is(d, head, "party") || doc_token_is(d, head, "movement") ||
                 doc_token_is(d, head, "organisation") || doc_token_is(d, head, "organization")
             ? d->entities[e].org
             : -1;
}

/* Is the name at mention M the object of a preposition, and so no subject? "In Paris,", "at
 * the U.S. embassy", "in Nairobi, Kenya, and Dar es Salaam, Tanzania,". Not "of": "officials
 * of X and Y began talks" are X's and Y's, and "President Karl Berg of Norway" is Berg; nor
 * "for X to meet", where X is the subject of the verb. */
static bool object_of_preposition(const doc *d, size_t first, int m) {
  static const char *const preps[] = {"in", "at", "from", "to", "for", "with", "on", "by", "into",
                                      "about", "against", "near", "across", "through", "under",
                                      "over", "during", "between", "among", "around", "outside",
                                      "inside", "throughout", "toward", "towards", "via",
                                      "without", "within", "beyond", "including", NULL};
  size_t f = d->mentions[m].tok_first;
  if (doc_token_is(d, d->mentions[m].tok_end, "to")) return false;
  /* a place in a list of places, "City, Country" (the city perhaps unknown): step back to
   * the first one */
  while (f >= first + 2) {
    size_t k = f - 1;
    if (doc_token_is(d, k, "and") && k > first && d->text[d->tokens[k - 1].start] == ',') k--;
    if (d->text[d->tokens[k].start] != ',' && !doc_token_is(d, k, "and")) break;
    int p = k > first ? doc_mention_at_token(d, k - 1) : -1;
    if (p < 0 || d->mentions[p].tok_end != k ||
        !(is_place(d, d->mentions[m].entity) || is_place(d, d->mentions[p].entity)))
      break;
    m = p;
    f = d->mentions[p].tok_first;
  }
  if (f > first && (doc_token_is(d, f - 1, "the") || doc_token_is(d, f - 1, "a") ||
                    doc_token_is(d, f - 1, "an")))
    f--; /* "at the U.S. embassy" */
  if (f <= first) return false;
  for (const char *const *p = preps; *p; p++)
    if (doc_token_is(d, f - 1, *p)) return true;
  return false;
}

static void actors_before(const doc *d, size_t first, size_t trig, int *out, int *n) {
  size_t k = trig;
  bool in_list = false, saw_and = false;
  size_t words = 0; /* words passed without a name: the subject is near its verb */
  while (k > first) {
    k--;
    if ((d->tokens[k].flags & TOK_WORD) && ++words > 8 && *n == 0) break;
    /* "the Front National (FN) received": step over the acronym in brackets */
    if (d->text[d->tokens[k].start] == ')' && k >= first + 2 && d->text[d->tokens[k - 2].start] == '(' &&
        doc_mention_at_token(d, k - 1) >= 0) {
      k -= 2;
      continue;
    }
    /* "Joe Biden, who visited Kyiv": the relative pronoun stands for the name before it */
    int rel = relative_antecedent(d, first, k);
    if (rel >= 0 && *n == 0) {
      if (is_agent(d, d->mentions[rel].entity)) add_unique(out, n, d->mentions[rel].entity);
      break;
    }
    if (clause_break(d, k) || (d->tokens[k].flags & TOK_IN_QUOTE)) break;
    int m = doc_mention_at_token(d, k);
    if (m >= 0) {
      int e = d->mentions[m].entity;
      k = d->mentions[m].tok_first;
      if (!is_agent(d, e)) {
        if (*n) break;
        continue;
      }
      /* (a name right before a trigger in -s is a noun's modifier: "on EU sanctions") */
      const token *tt = &d->tokens[trig];
      bool modifier = d->mentions[m].tok_end == trig && d->text[tt->end - 1] == 's';
      if (!modifier && object_of_preposition(d, first, m)) {
        /* "the meeting with Macron and Scholz": the names listed so far were in it too */
        if (*n && !in_list) break;
        *n = 0;
        in_list = saw_and = false;
        continue;
      }
      /* the head of "X's party" is not X; skip possessors, but a country speaks and acts
       * through its institutions: "China's foreign ministry accused" */
      size_t after = d->mentions[m].tok_end;
      if (after < d->ntokens && (d->tokens[after].flags & TOK_POSSESSIVE) && after + 1 < trig &&
          doc_mention_at_token(d, after + 1) < 0 && party_of(d, e, after + 1) >= 0) {
        /* "De Luca's party took a loan": the party the article says she leads */
        e = party_of(d, e, after + 1);
      } else if (after < d->ntokens && (d->tokens[after].flags & TOK_POSSESSIVE) && after + 1 < trig &&
          doc_mention_at_token(d, after + 1) < 0 && !acts_through(d, e, after + 1)) {
        if (*n) break;
        continue;
      }
      if (*n && !in_list) break;
      add_unique(out, n, e);
      in_list = false;
      /* "President Karl Berg of Norway held", "Leonid Kuchma of Ukraine and Boris
       * Yeltsin of Russia signed": the head is before "of" */
      size_t f = d->mentions[m].tok_first;
      if (f >= 2 && f - 2 >= first && doc_token_is(d, f - 1, "of")) {
        int head = doc_mention_at_token(d, f - 2);
        if (head >= 0 && is_agent(d, d->mentions[head].entity)) {
          out[*n - 1] = d->mentions[head].entity;
          k = d->mentions[head].tok_first;
        }
      }
      continue;
    }
    /* "A, B and C met": commas join names only in a list that ends with "and"; without
     * one the comma sets off an apposition ("The president of Brazil, Lula, met") */
    if (*n && doc_token_is(d, k, "and")) {
      in_list = saw_and = true;
      continue;
    }
    if (*n && saw_and && d->text[d->tokens[k].start] == ',') {
      in_list = true;
      continue;
    }
    if (*n) break;
    if (d->text[d->tokens[k].start] == ',') {
      /* "Biden, who visited Kyiv in 2023, met": jump over the relative clause */
      for (size_t w = k; w > first && w + 25 > k; w--) {
        if (d->tokens[w - 1].flags & TOK_TERMINAL) break;
        if (relative_antecedent(d, first, w - 1) >= 0) {
          k = w - 1; /* the loop steps onto the comma before "who" */
          break;
        }
      }
      continue;
    }
  }
  /* collected from the verb backwards: put them in text order */
  for (int a = 0, b = *n - 1; a < b; a++, b--) {
    int t = out[a];
    out[a] = out[b];
    out[b] = t;
  }
}

static bool is_modal(const doc *d, size_t i) {
  return doc_token_in(d, i, lists.modal_verbs);
}

/* Is token I a verb of the event classes (lower case, listed as a verb)? */
static bool verb_trigger_at(const doc *d, size_t i) {
  const token *t = &d->tokens[i];
  if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP)) return false;
  const char *v = doc_token_find(d, i, lists.verbs);
  char pos[4];
  return v && lexicon_field(v, 1, pos, sizeof pos) && (pos[0] == 'v' || pos[0] == 'V');
}

/* Collects the participants after token TRIG up to the clause end; a "by" phrase gives the
 * agent of a passive verb, "in"/"at" a place, "from" the source. */
typedef struct after_roles {
  int objects[DOC_MAX_ROLE];
  int nobjects;
  int between[DOC_MAX_ROLE]; /* "talks between X and Y" */
  int nbetween;
  int by[DOC_MAX_ROLE];
  int nby;
  int from[DOC_MAX_ROLE];
  int nfrom;
  int place;
} after_roles;

static void roles_after(const doc *d, size_t trig, size_t end, after_roles *r) {
  memset(r, 0, sizeof *r);
  r->place = -1;
  enum { OBJECT, BY, FROM, IN, TO, BETWEEN, OTHER } slot = OBJECT;
  const lexicon *role_words = lists.role_words;
  size_t words_since = 0;
  for (size_t k = trig + 1; k < end && k < trig + 25; k++) {
    if (clause_break(d, k) || (d->tokens[k].flags & TOK_IN_QUOTE)) break;
    if (doc_token_is(d, k, "that") || speech_verb_at(d, k) || is_modal(d, k)) break;
    /* "met X yesterday and will meet Y": a second verb starts its own event */
    if (doc_token_is(d, k, "and") && k + 1 < end && (is_modal(d, k + 1) || verb_trigger_at(d, k + 1)))
      break;
    int m = doc_mention_at_token(d, k);
    if (m >= 0) {
      int e = d->mentions[m].entity;
      k = d->mentions[m].tok_end - 1;
      if (k + 1 < end && (d->tokens[k + 1].flags & TOK_POSSESSIVE)) {
        /* "did not support Sweden's bid": the possessor is what the verb is about */
        if (slot == OBJECT && !r->nobjects && words_since == 0 && is_agent(d, e))
          add_unique(r->objects, &r->nobjects, e);
        continue;
      }
      if (slot == BETWEEN && is_agent(d, e)) {
        add_unique(r->between, &r->nbetween, e);
      } else if (slot == TO && r->place < 0 && (is_place(d, e) || d->entities[e].type == ENTITY_ORG)) {
        r->place = e; /* "welcomed X to the White House" */
      } else if (slot == IN && is_place(d, e)) {
        if (r->place < 0) r->place = e;
      } else if (slot == IN && d->entities[e].type == ENTITY_ORG && r->place < 0) {
        r->place = e; /* "in the Kremlin" */
      } else if (slot == BY && is_agent(d, e)) {
        add_unique(r->by, &r->nby, e);
      } else if (slot == FROM && is_agent(d, e)) {
        add_unique(r->from, &r->nfrom, e);
      } else if (slot == OBJECT && (is_agent(d, e) || is_place(d, e) ||
                                    (d->entities[e].type == ENTITY_OTHER && words_since == 0))) {
        add_unique(r->objects, &r->nobjects, e); /* "attacked Rafah": a name the lists lack */
      }
      words_since = 0;
      continue;
    }
    const token *t = &d->tokens[k];
    if (!(t->flags & TOK_WORD)) {
      if (d->text[t->start] == ',') {
        if (slot == OBJECT && r->nobjects) slot = OTHER;
      }
      continue;
    }
    const char *role = doc_token_find(d, k, role_words);
    if (!role) {
      if (++words_since > 6) slot = OTHER;
    } else if (!strcmp(role, "and")) {
      continue; /* "by X and Y": the same role goes on */
    } else if (!strcmp(role, "by")) {
      slot = BY;
    } else if (!strcmp(role, "from")) {
      slot = FROM;
    } else if (!strcmp(role, "between")) {
      slot = BETWEEN;
    } else if (!strcmp(role, "in")) {
      slot = IN;
    } else if (!strcmp(role, "to") && r->nobjects) {
      slot = TO;
    } else if (!strcmp(role, "to") || !strcmp(role, "with")) {
      slot = slot == OTHER ? OTHER : OBJECT;
    } else if (!strcmp(role, "against")) {
      slot = slot == OBJECT && !r->nobjects && words_since == 0 ? OBJECT : OTHER;
    } else if (!strcmp(role, "of")) {
      slot = slot == OBJECT && !r->nobjects ? OBJECT : OTHER;
    }
  }
}

/* ---- modality ---- */

static bool negated_before(const doc *d, size_t first, size_t trig) {
  for (size_t k = trig; k > first && k + 4 > trig; k--) {
    size_t i = k - 1;
    if (clause_break(d, i)) break;
    if (doc_token_is(d, i, "not") || doc_token_is(d, i, "never") || doc_token_is(d, i, "no") ||
        doc_token_is(d, i, "n't") || doc_token_is(d, i, "without"))
      return true;
    const token *t = &d->tokens[i];
    size_t n = token_len(t);
    if (n > 3 && span_ieq(d->text + t->end - 3, 3, "n't")) return true;
  }
  return false;
}

static bool hypothetical_before(const doc *d, size_t first, size_t trig) {
  static const char *const cues[] = {"whether", "if", "may", "might", "could", "would", "should",
                                     "to", "can", "unless", "planned", "plans", "expected", "will",
                                     "shall", "'ll", "going", NULL};
  for (size_t k = trig; k > first && k + 8 > trig; k--) {
    size_t i = k - 1;
    for (const char *const *c = cues; *c; c++) {
      if (!doc_token_is(d, i, *c)) continue;
      /* "to" only right before the verb: "the right to meet", "unable to meet" */
      if (strcmp(*c, "to") == 0 && i + 1 != trig && !(i + 2 == trig && doc_token_is(d, i + 1, "be")))
        continue;
      return true;
    }
    if (clause_break(d, i)) break;
  }
  return false;
}

/* A participle after a common noun: "citizens detained in China", "sanctions imposed on
 * Russia". Its subject is that noun, not a name further back. */
static bool reduced_relative(const doc *d, size_t first, size_t trig) {
  const token *t = &d->tokens[trig];
  if (trig == first || token_len(t) < 4 || !span_ieq(d->text + t->end - 2, 2, "ed")) return false;
  const token *p = &d->tokens[trig - 1];
  if (!(p->flags & TOK_WORD) || (p->flags & (TOK_CAP | TOK_POSSESSIVE))) return false;
  if (doc_mention_at_token(d, trig - 1) >= 0) return false;
  size_t n = token_len(p);
  if (n > 2 && span_ieq(d->text + p->end - 2, 2, "ly")) return false; /* "openly backed" */
  if (doc_token_in(d, trig - 1, lists.common_words) ||
      doc_token_in(d, trig - 1, lists.auxiliaries))
    return false;
  /* "citizens detained in China" has no object; "states supported new sanctions" does */
  if (trig + 1 >= d->ntokens) return true;
  static const char *const preps[] = {"in", "by", "on", "at", "for", "to", "from", "during", "over",
                                      "after", "since", "under", "near", NULL};
  for (const char *const *q = preps; *q; q++)
    if (doc_token_is(d, trig + 1, *q)) return true;
  return !(d->tokens[trig + 1].flags & TOK_WORD) && !(d->tokens[trig + 1].flags & TOK_NUMBER);
}

/* A passive verb: "was attacked", "has been accused". */
static bool passive_before(const doc *d, size_t trig) {
  if (trig == 0) return false;
  static const char *const aux[] = {"was", "were", "is", "are", "been", "be", "being", NULL};
  for (size_t k = trig; k > 0 && k + 3 > trig; k--)
    for (const char *const *a = aux; *a; a++)
      if (doc_token_is(d, k - 1, *a)) return true;
  return false;
}

/* ---- dates ---- */

/* Index of the token that starts at or after byte OFFSET. */
static size_t token_at(const doc *d, uint32_t offset) {
  size_t lo = 0, hi = d->ntokens;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* "X attacked Y, officials said Friday", "..., the paper reported on Friday": a date right
 * after a verb of saying that comes after the trigger TRIG dates the saying, not the event.
 * TT is the date's first token. */
static bool dates_the_report(const doc *d, size_t trig, size_t tt) {
  if (tt <= trig + 1) return false;
  size_t v = tt - 1;
  if (doc_token_is(d, v, "on") && v > trig + 1) v--;
  return v > trig && (doc_token_in(d, v, lists.speech_verbs) ||
                      doc_token_is(d, v, "reported") || doc_token_is(d, v, "reports"));
}

/* Is the event at trigger TRIG told as past ("attacked", "has invited", "had signed")? Only
 * the regular forms in -ed and the perfect are read: enough to refuse it a date to come. */
static bool told_as_past(const doc *d, size_t first, size_t trig, const doc_event *ev) {
  if (ev->hypothetical) return false;
  const token *t = &d->tokens[trig];
  if (token_len(t) > 3 && span_ieq(d->text + t->end - 2, 2, "ed")) {
    /* not "will be signed", "is expected to be signed", "are scheduled": a passive or an
     * adjective after a present or future "be" */
    for (size_t k = trig; k > first && k + 3 > trig; k--)
      if (doc_token_is(d, k - 1, "be") || doc_token_is(d, k - 1, "is") ||
          doc_token_is(d, k - 1, "are") || doc_token_is(d, k - 1, "being"))
        return false;
    return true;
  }
  return trig > first && (doc_token_is(d, trig - 1, "has") || doc_token_is(d, trig - 1, "have") ||
                          doc_token_is(d, trig - 1, "had"));
}

/* Does CD lie after the publication date P, at CD's own precision? */
static bool after_publication(const civil_date *cd, const civil_date *p) {
  if (!p->year || !p->month || !p->day) return false;
  if (cd->year != p->year) return cd->year > p->year;
  if (!cd->month || cd->month != p->month) return cd->month > p->month;
  return cd->day > p->day;
}

/* The date for an event whose trigger is at token TRIG of sentence S: the date expression of
 * the sentence nearest the trigger that names a calendar date; else the publication date.
 * Not a date inside the event's own quote (what the speaker tells of), nor one that dates a
 * report of the event, nor a date to come for an event told as past. */
static void event_date(const doc *d, size_t s, size_t trig, doc_event *ev) {
  ev->timex = -1;
  size_t best_dist = SIZE_MAX;
  const doc_quote *own = ev->quote >= 0 ? &d->quotes[ev->quote] : NULL;
  bool past = !own && told_as_past(d, d->sentences[s].tok_first, trig, ev);
  /* the dates are in text order, so the sentence's own are found by bisection: a scan of all
   * the article's dates per event would be quadratic in the article */
  size_t k = 0, kend = d->dates.count;
  while (k < kend) {
    size_t mid = k + (kend - k) / 2;
    if (d->date_sentence[mid] < s) k = mid + 1;
    else kend = mid;
  }
  for (; k < d->dates.count && d->date_sentence[k] == s; k++) {
    const timex *tx = &d->dates.items[k];
    if (tx->type != TIMEX_DATE) continue;
    uint32_t at = d->tokens[trig].start;
    if ((tx->start > at ? tx->start - at : at - tx->end) >= best_dist) continue;
    /* "just yesterday" inside a quote dates what the speaker tells of: the token holding the
     * date's start is marked as quoted (quotes_find marks the words of every direct quote) */
    size_t in = token_at(d, tx->start + 1);
    if (in > 0 && d->tokens[in - 1].end > tx->start && (d->tokens[in - 1].flags & TOK_IN_QUOTE))
      continue;
    /* "said that prices will rise next year": what is said, not when */
    if (own && tx->start >= own->start && tx->end <= own->end) continue;
    /* "since 2011", "until May": the bound of a period, not the date of this event */
    size_t tt = token_at(d, tx->start);
    if (!own && tx->start > at && dates_the_report(d, trig, tt)) continue;
    if (tt > 0 && (doc_token_is(d, tt - 1, "since") || doc_token_is(d, tt - 1, "until") ||
                   doc_token_is(d, tt - 1, "till") || doc_token_is(d, tt - 1, "by") ||
                   doc_token_is(d, tt - 1, "before") || doc_token_is(d, tt - 1, "after")))
      continue;
    civil_date cd;
    if (!timex_value_to_date(tx->value, &cd) || cd.year == 0) continue;
    /* "has invited them to a ceremony on March 12": a date to come is not when an event told
     * as past happened; only for dates read against the publication date ("March 12",
     * "Friday"): a year the text gives ("in March 2021") stands whatever that date is */
    if (past && tx->relative && after_publication(&cd, &d->art->date)) continue;
    size_t dist = tx->start > at ? tx->start - at : at - tx->end;
    /* a date across a comma often belongs to another clause ("Biden, who visited Kyiv in
     * 2023, met Zelensky last year") */
    uint32_t lo = tx->start > at ? at : tx->end, hi = tx->start > at ? tx->start : at;
    for (size_t c = token_at(d, lo); c < d->ntokens && d->tokens[c].start < hi && dist < best_dist; c++)
      if (d->text[d->tokens[c].start] == ',') dist += 1000;
      else if (doc_token_is(d, c, "and") || doc_token_is(d, c, "but")) dist += 500;
    if (dist < best_dist) {
      best_dist = dist;
      ev->timex = (int)k;
      ev->date = (fact_date){cd.year, cd.month, cd.day,
                             cd.day ? PRECISION_DAY : cd.month ? PRECISION_MONTH : PRECISION_YEAR,
                             BASIS_TEXT};
    }
  }
  if (ev->timex >= 0) return;
  const civil_date *pd = &d->art->date;
  if (pd->year && pd->month && pd->day)
    ev->date = (fact_date){pd->year, pd->month, pd->day, PRECISION_DAY, BASIS_PUBLICATION};
  else
    ev->date = (fact_date){0, 0, 0, PRECISION_UNKNOWN, BASIS_NONE};
}

/* ---- events ---- */

static doc_event *new_event(doc *d, const char *type, size_t s, size_t trig) {
  VEC_RESERVE(d->events, d->nevents, d->events_cap);
  doc_event *ev = &d->events[d->nevents++];
  memset(ev, 0, sizeof *ev);
  ev->type = type;
  ev->sentence = (uint32_t)s;
  ev->start = d->tokens[trig].start;
  ev->end = d->tokens[trig].end;
  ev->place = -1;
  ev->quote = -1;
  ev->timex = -1;
  return ev;
}

/* Is a participant found through a pronoun or description rather than a name? */
static bool indirect_participant(const doc *d, size_t first, size_t end, int e) {
  for (size_t k = first; k < end; k++) {
    int m = doc_mention_at_token(d, k);
    if (m >= 0 && d->mentions[m].entity == e) return d->mentions[m].kind != MENTION_NAME;
  }
  return false;
}

/* Is the verb form at token I used as a noun? "the backing of", "her support", "a surprise
 * visit", "new sanctions"; a form in -ed stays a verb ("forces attacked"). */
static bool used_as_noun(const doc *d, size_t first, size_t i) {
  if (i == first) return false;
  const token *prev = &d->tokens[i - 1];
  if (doc_token_is(d, i - 1, "the") || doc_token_is(d, i - 1, "a") || doc_token_is(d, i - 1, "an") ||
      (prev->flags & TOK_POSSESSIVE))
    return true;
  int m = doc_mention_at_token(d, i - 1);
  if (m >= 0)
    return d->mentions[m].kind == MENTION_PRONOUN && !doc_token_is(d, i - 1, "he") &&
           !doc_token_is(d, i - 1, "she");
  const token *t = &d->tokens[i];
  if (span_ieq(d->text + t->end - 2, 2, "ed")) return false;
  /* an adjective or noun before it: "state visit", "drone strike" */
  size_t n = token_len(prev);
  static const char *const verbal[] = {"to", "not", "also", "then", "never", "later", "and", "or",
                                       "who", "which", "that", "they", "we", "you", "i", "it",
                                       "jointly", "did", "does", "do", NULL};
  for (const char *const *w = verbal; *w; w++)
    if (doc_token_is(d, i - 1, *w)) return false;
  return (prev->flags & TOK_WORD) && !(prev->flags & TOK_CAP) && n > 2 &&
         !span_ieq(d->text + prev->end - 2, 2, "ly") && !is_modal(d, i - 1) &&
         !doc_token_in(d, i - 1, lists.auxiliaries) &&
         !doc_token_in(d, i - 1, lists.pronouns);
}

/* The light verb governing a loan noun tells who lends: "received / took a loan from X"
 * (the subject borrows), "granted / approved a loan to Y" (the subject lends). */
static bool subject_borrows(const doc *d, size_t anchor) {
  static const char *const borrow[] = {"receive", "received", "receives", "receiving", "take",
                                       "took", "taken", "takes", "taking", "get", "got", "gets",
                                       "obtain", "obtained", "secure", "secured", "seek", "sought",
                                       "request", "requested", "accept", "accepted", "have", "has",
                                       "had", NULL};
  for (const char *const *b = borrow; *b; b++)
    if (doc_token_is(d, anchor, *b)) return true;
  return false;
}

/* "met X and will meet Y", "met X and then visited Y": a verb coordinated with the one before
 * shares its subject. */
static bool coordinated_verb(const doc *d, size_t first, size_t i) {
  size_t k = i;
  while (k > first && k + 4 > i) {
    k--;
    if (doc_token_is(d, k, "and") || doc_token_is(d, k, "but")) return true;
    const token *t = &d->tokens[k];
    if (!(t->flags & TOK_WORD)) return false;
    size_t n = token_len(t);
    if (!is_modal(d, k) && !doc_token_is(d, k, "then") && !doc_token_is(d, k, "later") &&
        !(n > 2 && span_ieq(d->text + t->end - 2, 2, "ly")))
      return false;
  }
  return false;
}

static void events_from_triggers(doc *d, size_t s) {
  const sentence *se = &d->sentences[s];
  const lexicon *verbs = lists.verbs;
  int last_actors[DOC_MAX_ROLE] = {0}, nlast = 0; /* the previous verb's subject, for coordination */
  for (size_t i = se->tok_first; i < se->tok_end; i++) {
    const token *t = &d->tokens[i];
    if (!(t->flags & TOK_WORD) || (t->flags & TOK_IN_QUOTE)) continue;
    if ((t->flags & TOK_CAP) && i != se->tok_first) continue; /* "Talks between" opens a sentence */
    if (doc_mention_at_token(d, i) >= 0) continue;
    const char *v = doc_token_find(d, i, verbs);
    if (!v) continue;
    char type[32], pos[4];
    lexicon_field(v, 0, type, sizeof type);
    lexicon_field(v, 1, pos, sizeof pos);
    bool noun = pos[0] == 'n' || used_as_noun(d, se->tok_first, i);
    /* "signs of weakness", "pension funds", "the Kabul bomb was": a noun that names no event */
    if (pos[0] == 'V' && (noun || doc_token_in(d, i + 1, lists.auxiliaries))) continue;
    bool ing = token_len(t) > 4 && span_ieq(d->text + t->end - 3, 3, "ing");
    /* "accused Israel of killing": what someone is accused of, not an event stated */
    if (ing && i > se->tok_first && (doc_token_is(d, i - 1, "of") || doc_token_is(d, i - 1, "for")))
      continue;
    /* a loan is stated by its noun: "received a loan from", "took a €9m loan" */
    bool loan = strcmp(type, "loan") == 0;
    if (strcmp(type, "meet") == 0 && !noun) {
      bool loan_follows = false;
      for (size_t k = i + 1; k < se->tok_end && k < i + 8; k++) {
        const char *w = doc_token_find(d, k, verbs);
        if (w && strncmp(w, "loan", 4) == 0) loan_follows = true;
      }
      if (loan_follows) continue;
    }
    int actors[DOC_MAX_ROLE], nactors = 0;
    size_t anchor = SIZE_MAX;
    after_roles r;
    int patient = -1; /* "Kopp's arrest", "her killing": the possessor underwent it */
    if (noun) {
      int possessor;
      anchor = noun_subject_anchor(d, se->tok_first, i, &possessor);
      bool undergone = strcmp(type, "arrest") == 0 || strcmp(type, "kill") == 0 ||
                       strcmp(type, "appoint") == 0;
      if (possessor >= 0 && undergone && d->entities[possessor].type == ENTITY_PERSON)
        patient = possessor;
      else if (possessor >= 0 && is_agent(d, possessor)) add_unique(actors, &nactors, possessor);
      else if (anchor != SIZE_MAX) actors_before(d, se->tok_first, anchor, actors, &nactors);
    } else if (ing && i > se->tok_first && d->text[d->tokens[i - 1].start] == ',') {
      /* ", killing three people": the subject is the main clause's, often not a name */
    } else if (coordinated_verb(d, se->tok_first, i) && nlast) {
      memcpy(actors, last_actors, sizeof actors);
      nactors = nlast;
    } else if (!reduced_relative(d, se->tok_first, i)) {
      actors_before(d, se->tok_first, i, actors, &nactors);
    }
    roles_after(d, i, se->tok_end, &r);
    if (noun && nactors == 0 && r.nbetween) /* "talks between Israel and Hamas" */
      for (int k = 0; k < r.nbetween; k++) add_unique(actors, &nactors, r.between[k]);
    int targets[DOC_MAX_ROLE], ntargets = 0;
    if (patient >= 0) add_unique(targets, &ntargets, patient);
    if (loan) {
      /* lender lends to borrower: "X lent Y", "Y received a loan from X", "X approved a
       * loan to Y" */
      if (noun && (anchor == SIZE_MAX || subject_borrows(d, anchor))) {
        for (int k = 0; k < nactors; k++) add_unique(targets, &ntargets, actors[k]);
        nactors = 0;
        for (int k = 0; k < r.nfrom; k++) add_unique(actors, &nactors, r.from[k]);
      } else {
        for (int k = 0; k < r.nobjects; k++) add_unique(targets, &ntargets, r.objects[k]);
      }
    } else if (!noun && passive_before(d, i)) {
      for (int k = 0; k < nactors; k++) add_unique(targets, &ntargets, actors[k]);
      nactors = 0;
      for (int k = 0; k < r.nby; k++) add_unique(actors, &nactors, r.by[k]);
    } else {
      for (int k = 0; k < r.nobjects; k++) add_unique(targets, &ntargets, r.objects[k]);
      if (!nactors && noun && r.nby) /* "an attack by X on Y" */
        for (int k = 0; k < r.nby; k++) add_unique(actors, &nactors, r.by[k]);
    }
    if (!noun && nactors) {
      memcpy(last_actors, actors, sizeof actors);
      nlast = nactors;
    }
    /* a visit's target is the place visited: "arrived in Moscow", "visited Kyiv" */
    int place = r.place;
    if (strcmp(type, "visit") == 0 && ntargets == 0 && place >= 0) {
      targets[ntargets++] = place;
      place = -1;
    }
    /* nobody meets themselves: "De Luca will meet Berg during her visit" */
    for (int k = 0; k < ntargets;) {
      bool dup = false;
      for (int a = 0; a < nactors; a++) dup |= targets[k] == actors[a];
      if (dup) targets[k] = targets[--ntargets];
      else k++;
    }
    if (nactors + ntargets == 0) continue;
    if (strcmp(type, "visit") == 0 && ntargets == 0) continue; /* "arrived late" */
    if (strcmp(type, "meet") == 0 && nactors + ntargets < 2) continue; /* met whom? */
    if (strcmp(type, "meet") == 0 && noun && ntargets == 0 && nactors < 2) continue; /* "the meeting" */
    if (!loan && noun && nactors == 0 && patient < 0)
      continue; /* "the meeting with Berg": nobody holds it */
    doc_event *ev = new_event(d, NULL, s, i);
    ev->type = arena_strndup(&d->arena, type, strlen(type));
    memcpy(ev->actors, actors, sizeof actors);
    ev->nactors = nactors;
    memcpy(ev->targets, targets, sizeof targets);
    ev->ntargets = ntargets;
    ev->place = place;
    ev->negated = negated_before(d, se->tok_first, i);
    ev->hypothetical = hypothetical_before(d, se->tok_first, i) ||
                       d->text[d->tokens[se->tok_end - 1].start] == '?'; /* "Did X meet Y?" */
    event_date(d, s, i, ev);
    if (loan || strcmp(type, "fund") == 0 || strcmp(type, "sanction") == 0)
      find_amounts(d, se->tok_first, se->tok_end, ev);
    float c = 0.9f;
    if (noun) c -= 0.1f;
    if (nactors == 0 || ntargets == 0) c -= 0.15f;
    for (int k = 0; k < nactors; k++)
      if (indirect_participant(d, se->tok_first, i, actors[k])) c -= 0.15f;
    if (ev->date.basis != BASIS_TEXT) c -= 0.1f;
    ev->confidence = c < 0.2f ? 0.2f : c;
    if (noun) i++; /* "meeting with" handled */
  }
}

static void events_from_quotes(doc *d) {
  for (size_t q = 0; q < d->nquotes; q++) {
    const doc_quote *dq = &d->quotes[q];
    if (dq->speaker < 0) continue;
    size_t s = dq->sentence;
    doc_event *ev = new_event(d, NULL, s, d->sentences[s].tok_first);
    ev->type = "say";
    ev->start = dq->start;
    ev->end = dq->end;
    ev->actors[0] = dq->speaker;
    ev->nactors = 1;
    if (dq->addressee >= 0 && dq->addressee != dq->speaker) {
      ev->targets[0] = dq->addressee;
      ev->ntargets = 1;
    }
    ev->quote = (int)q;
    event_date(d, s, d->sentences[s].tok_first, ev);
    float c = dq->confidence > 0 ? dq->confidence : 0.8f;
    if (ev->date.basis != BASIS_TEXT) c -= 0.1f;
    ev->confidence = c;
  }
}

/* ---- the story's day ---- */

/* Does sentence S tell its news in the perfect ("The FBI has interviewed ...")? */
static bool perfect_in(const doc *d, size_t s) {
  for (size_t k = d->sentences[s].tok_first; k < d->sentences[s].tok_end; k++)
    if ((doc_token_is(d, k, "has") || doc_token_is(d, k, "have")) &&
        !(d->tokens[k].flags & TOK_IN_QUOTE))
      return true;
  return false;
}

/* News opens with its main event and its day ("NATO admitted Poland on Friday", "..., the
 * minister said yesterday") and tells the rest of that day without repeating the date. The
 * lead's day: the first date of the article's first sentence, or of its second if the first
 * has none and is not news of the day itself (told in the perfect), that names a single day
 * in the week before publication (not inside a quote); -1 if there is none. */
static int lead_day(const doc *d, size_t *lead) {
  const civil_date *p = &d->art->date;
  if (!p->year || !p->month || !p->day) return -1;
  long pub = fact_days_from_civil(p->year, p->month, p->day);
  size_t seen = 0, first = 0;
  for (size_t s = 0; s < d->nsentences && seen < 2; s++) {
    if (d->sentences[s].flags & SENT_FURNITURE) continue;
    if (seen++ == 0) first = s;
    else if (perfect_in(d, first)) break;
    for (size_t k = 0; k < d->dates.count; k++) {
      if (d->date_sentence[k] != s) continue;
      const timex *tx = &d->dates.items[k];
      civil_date cd;
      if (tx->type != TIMEX_DATE || !timex_value_to_date(tx->value, &cd) || !cd.day) continue;
      size_t in = token_at(d, tx->start);
      if (in < d->ntokens && (d->tokens[in].flags & TOK_IN_QUOTE)) continue;
      long day = fact_days_from_civil(cd.year, cd.month, cd.day);
      *lead = s;
      return day < pub && day >= pub - 7 ? (int)k : -1;
    }
  }
  return -1;
}

/* Is the say event EV told in the simple past ("X said", "told", "added")? Not the perfect
 * ("has said": news of the publication day, "had suggested": before the story's day) nor the
 * present ("says"). Its verb of saying is the first in its sentence outside the quote. */
static bool said_in_past(const doc *d, const doc_event *ev) {
  if (ev->hypothetical || ev->negated) return false;
  const doc_quote *q = ev->quote >= 0 ? &d->quotes[ev->quote] : NULL;
  const sentence *se = &d->sentences[ev->sentence];
  for (size_t k = se->tok_first; k < se->tok_end; k++) {
    if (q && d->tokens[k].start >= q->start && d->tokens[k].end <= q->end) continue;
    if (!doc_token_in(d, k, lists.speech_verbs)) continue;
    if (k > se->tok_first && (doc_token_is(d, k - 1, "has") || doc_token_is(d, k - 1, "have") ||
                              doc_token_is(d, k - 1, "had")))
      return false;
    return doc_token_is(d, k, "said") || doc_token_is(d, k, "told") ||
           (token_len(&d->tokens[k]) > 3 && span_ieq(d->text + d->tokens[k].end - 2, 2, "ed"));
  }
  return false;
}

/* What is said in the simple past after the lead, without a date of its own, takes the
 * lead's day: the quotes of a story are mostly of its day. Other events are not moved: after
 * the lead come background facts too ("Twelve Americans were killed in the bombing"), told
 * in the same tense. (The lead's own events keep the publication date: "X attacked Y, the
 * army said on Tuesday" says when it was told, not when it was.) */
static void date_from_lead(doc *d) {
  size_t lead = 0;
  int k = lead_day(d, &lead);
  if (k < 0) return;
  civil_date cd;
  if (!timex_value_to_date(d->dates.items[k].value, &cd)) return;
  for (size_t i = 0; i < d->nevents; i++) {
    doc_event *ev = &d->events[i];
    if (strcmp(ev->type, "say") != 0 || ev->sentence <= lead ||
        ev->date.basis != BASIS_PUBLICATION || !said_in_past(d, ev))
      continue;
    ev->timex = k;
    ev->date = (fact_date){cd.year, cd.month, cd.day, PRECISION_DAY, BASIS_TEXT};
  }
}

void events_find(doc *d) {
  pthread_once(&lists_once, find_lists);
  for (size_t s = 0; s < d->nsentences; s++) {
    if (d->sentences[s].flags & SENT_FURNITURE) continue;
    events_from_triggers(d, s);
  }
  events_from_quotes(d);
  date_from_lead(d);
}
