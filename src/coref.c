/* coref.c: coreference within one article: personal pronouns join the nearest person of
 * compatible gender mentioned before them (outside quotations), and descriptions such as
 * "the head of state" or "the candidate" join the person who holds that role, or the person in
 * apposition ("the candidate ..., Anna De Luca"), or the nearest person before them. */
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "names.h"

/* How many sentences back a pronoun or description may look for its person. */
enum { COREF_WINDOW = 6 };

/* The word lists this stage reads, found once: lexicon_get probes a table at each ask, and
 * the rules here ask token by token. */
static struct {
  const lexicon *demonyms, *descriptions, *pronouns;
} lists;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void find_lists(void) {
  lists.demonyms = lexicon_get("demonyms");
  lists.descriptions = lexicon_get("descriptions");
  lists.pronouns = lexicon_get("pronouns");
}

static bool compatible(const doc_entity *e, int gender) {
  if (e->type != ENTITY_PERSON) return false;
  return gender == GENDER_UNKNOWN || e->gender == GENDER_UNKNOWN || e->gender == gender;
}

/* Index of the first mention that starts at or after token I. */
static size_t mention_after(const doc *d, size_t i) {
  size_t lo = 0, hi = d->nmentions;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->mentions[mid].tok_first < i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The person a pronoun (or a description) at token I of sentence S refers to, or -1. In its
 * own sentence the nearest compatible person before it ("De Luca told Berg that she"); in
 * an earlier sentence the first compatible person, its likely subject ("Xi said ...
 * \"...,\" he said"). With ROLE, a person holding that role wins. */
static int antecedent(const doc *d, size_t i, size_t s, int gender, const char *role) {
  int fallback = -1;
  int sentence_pick = -1, unknown_pick = -1;
  bool sentence_pick_pp = false;
  size_t current = SIZE_MAX;
  /* walk back over the article's mentions and the ones this stage has added (pending, in
   * text order, all before token I) as one sequence */
  size_t m = mention_after(d, i), p = d->npending;
  while (m > 0 || p > 0) {
    const doc_mention *dm;
    if (p > 0 && (m == 0 || d->pending[p - 1].start > d->mentions[m - 1].start))
      dm = &d->pending[--p];
    else
      dm = &d->mentions[--m];
    if (dm->sentence != current) {
      if (sentence_pick >= 0) return sentence_pick; /* the earlier sentence's first person */
      current = dm->sentence;
    }
    if (dm->sentence + COREF_WINDOW < s) break;
    if (d->tokens[dm->tok_first].flags & TOK_IN_QUOTE) continue;
    const doc_entity *e = &d->entities[dm->entity];
    if (!compatible(e, gender)) continue;
    if (role) {
      if (e->role && str_icontains(e->role, role)) return dm->entity;
      if (fallback < 0) fallback = dm->entity;
      continue;
    }
    if (dm->sentence == s) return dm->entity;
    /* further back than the sentence before, a person of the pronoun's known gender beats
     * one of unknown gender ("President Berg ... six paragraphs ... her meeting") */
    if (dm->sentence + 1 < s && gender != GENDER_UNKNOWN && e->gender != gender) {
      if (unknown_pick < 0) unknown_pick = dm->entity;
      continue;
    }
    /* keeps moving left: the first in the sentence that is no prepositional object
     * ("Before her meeting with Berg, De Luca spoke" : De Luca) */
    if (!doc_after_preposition(d, dm->tok_first) || sentence_pick < 0 || sentence_pick_pp)
      sentence_pick = dm->entity, sentence_pick_pp = doc_after_preposition(d, dm->tok_first);
  }
  if (sentence_pick >= 0) return sentence_pick;
  if (!role && unknown_pick >= 0) return unknown_pick;
  if (role) {
    /* anyone in the article who holds the role */
    for (size_t e = 0; e < d->nentities; e++)
      if (d->entities[e].nmentions && d->entities[e].type == ENTITY_PERSON &&
          d->entities[e].role && str_icontains(d->entities[e].role, role))
        return (int)e;
  }
  return fallback;
}

/* Length in tokens of a description starting at token I ("head of state", "Russian
 * President"), skipping demonyms; 0 if none. *ROLE gets the role it stands for. */
static size_t match_description(const doc *d, size_t i, size_t end, const char **role,
                                size_t *key_first) {
  const lexicon *descs = lists.descriptions;
  const lexicon *demonyms = lists.demonyms;
  size_t k = i;
  while (k < end && (d->tokens[k].flags & TOK_WORD) &&
         doc_token_in(d, k, demonyms))
    k++;
  *key_first = k;
  char key[96];
  size_t n = 0, best = 0;
  for (size_t j = k; j < end && j < k + 3; j++) {
    const token *t = &d->tokens[j];
    if (!(t->flags & TOK_WORD) || (t->flags & TOK_POSSESSIVE)) break;
    size_t len = token_len(t);
    if (n + len + 2 >= sizeof key) break;
    if (j > k) key[n++] = ' ';
    memcpy(key + n, d->text + t->start, len);
    n += len;
    const char *v = lexicon_find(descs, key, n);
    if (v) {
      best = j - i + 1;
      *role = strcmp(v, "-") == 0 ? NULL : v;
    }
  }
  return best;
}

/* "Before her meeting with Berg, De Luca spoke": in a clause fronted by a subordinator, a
 * pronoun may point forward to the main clause's subject. Returns that person, or -1. */
static int cataphora(const doc *d, const sentence *se, size_t i, int gender) {
  static const char *const openers[] = {"before", "after", "when", "while", "as", "although",
                                        "though", "during", "despite", "since", "until", "upon",
                                        "on", "in", NULL};
  bool fronted = false;
  for (const char *const *o = openers; *o && !fronted; o++) fronted = doc_token_is(d, se->tok_first, *o);
  if (!fronted) return -1;
  size_t comma = i;
  while (comma < se->tok_end && d->text[d->tokens[comma].start] != ',') comma++;
  if (comma + 1 >= se->tok_end) return -1;
  int m = doc_mention_at_token(d, comma + 1);
  if (m < 0 || d->mentions[m].tok_first != comma + 1) return -1;
  const doc_entity *e = &d->entities[d->mentions[m].entity];
  return d->mentions[m].kind == MENTION_NAME && e->type == ENTITY_PERSON &&
                 (e->gender == gender || e->gender == GENDER_UNKNOWN)
             ? d->mentions[m].entity
             : -1;
}

void coref_resolve(doc *d) {
  pthread_once(&lists_once, find_lists);
  const lexicon *pronouns = lists.pronouns;
  /* the first mention that ends after the token read: asked of every word, the answer of
   * doc_mention_at_token walked forward rather than searched for (the mentions this stage
   * adds are either past it or wait until the stage is done) */
  size_t next_mention = 0;
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    if (se->flags & SENT_FURNITURE) continue;
    for (size_t i = se->tok_first; i < se->tok_end; i++) {
      const token *t = &d->tokens[i];
      if (!(t->flags & TOK_WORD) || (t->flags & TOK_IN_QUOTE)) continue;
      while (next_mention < d->nmentions && d->mentions[next_mention].tok_end <= i) next_mention++;
      if ((t->flags & TOK_MENTIONED) && next_mention < d->nmentions &&
          d->mentions[next_mention].tok_first <= i)
        continue; /* in a mention */
      const char *pv = doc_token_find(d, i, pronouns);
      if (pv) {
        int gender = pv[0] == 'm' ? GENDER_MALE : pv[0] == 'f' ? GENDER_FEMALE : GENDER_PLURAL;
        if (gender == GENDER_PLURAL) continue; /* groups: not resolved yet */
        int e = cataphora(d, se, i, gender);
        if (e < 0) e = antecedent(d, i, s, gender, NULL);
        if (e >= 0) names_add_mention(d, e, i, i + 1, MENTION_PRONOUN);
        continue;
      }
      if (!doc_token_is(d, i, "the")) continue;
      const char *role = NULL;
      size_t key_first = 0;
      size_t n = match_description(d, i + 1, se->tok_end, &role, &key_first);
      if (!n) continue;
      size_t end = i + 1 + n;
      /* the description must end there: "the President Karl Berg" is a name */
      if (end < se->tok_end && doc_mention_at_token(d, end) >= 0 &&
          !(d->tokens[end].flags & TOK_PUNCT))
        continue;
      bool overlaps = false;
      for (size_t k = i; k < end; k++) overlaps |= doc_mention_at_token(d, k) >= 0;
      if (overlaps) continue;
      int e = -1;
      /* apposition: "the candidate for the French presidency, Anna De Luca" */
      for (size_t k = end; k < se->tok_end && k < end + 10; k++) {
        if (d->text[d->tokens[k].start] == ',' && k + 1 < se->tok_end) {
          int m = doc_mention_at_token(d, k + 1);
          if (m >= 0 && d->mentions[m].tok_first == k + 1 && d->mentions[m].kind == MENTION_NAME &&
              d->entities[d->mentions[m].entity].type == ENTITY_PERSON) {
            e = d->mentions[m].entity;
            /* the apposition tells the person's role, for later descriptions */
            doc_entity *pe = &d->entities[e];
            if (!pe->role && role) {
              char *r = arena_strndup(&d->arena, d->text + d->tokens[key_first].start,
                                      d->tokens[end - 1].end - d->tokens[key_first].start);
              if (r[0] >= 'a' && r[0] <= 'z') r[0] = (char)(r[0] - 'a' + 'A');
              pe->role = r;
            }
          }
          break;
        }
      }
      if (e < 0) e = antecedent(d, i, s, GENDER_UNKNOWN, role);
      if (e >= 0) {
        names_add_mention(d, e, i, end, MENTION_DESCRIPTION);
        i = end - 1;
      }
    }
  }
  doc_merge_mentions(d);
}
