/* names.c: finds the names of people, organisations and places: runs of capitalised words,
 * with name particles ("de", "al-", "Le") and odd-cased forms of known first names
 * ("anna De Luca"); titles split off as the person's role; the type from general word lists
 * (countries, cities, institutions, organisation words, first names); short forms
 * ("De Luca", "Berg") and acronyms in brackets joined to the full name in the article. */
#include "names.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text.h"

typedef struct lists {
  const lexicon *titles, *first_names, *common, *countries, *demonyms, *cities, *institutions,
      *org_words, *particles, *verbs, *speech_verbs, *light_verbs, *auxiliaries;
} lists;

static lists load_lists(void) {
  return (lists){lexicon_get("titles"),     lexicon_get("first_names"),  lexicon_get("common_words"),
                 lexicon_get("countries"),  lexicon_get("demonyms"),     lexicon_get("cities"),
                 lexicon_get("institutions"), lexicon_get("org_words"), lexicon_get("particles"),
                 lexicon_get("verbs"),      lexicon_get("speech_verbs"), lexicon_get("light_verbs"),
                 lexicon_get("auxiliaries")};
}

const char *names_demonym_country(const char *word, size_t len) {
  return lexicon_find(lexicon_get("demonyms"), word, len);
}

/* ---- entities and mentions ---- */

static int names_entity_find(doc *d, const char *name, size_t len, entity_type type);

/* Entities are found by their folded key through a hash table: an article can name
 * thousands of them. Keys equal, types may differ; the caller compares types. */
static void entity_index(doc *d, size_t e) {
  if ((d->nentities + 1) * 2 > d->entity_nslots) {
    size_t n = d->entity_nslots ? d->entity_nslots * 2 : 64;
    free(d->entity_slots);
    d->entity_slots = xcalloc(n, sizeof *d->entity_slots);
    d->entity_nslots = n;
    for (size_t i = 0; i < d->nentities; i++)
      if (i != e) entity_index(d, i); /* re-insert the others; E is inserted below */
  }
  size_t s = d->entities[e].key_hash & (d->entity_nslots - 1);
  while (d->entity_slots[s]) s = (s + 1) & (d->entity_nslots - 1);
  d->entity_slots[s] = (uint32_t)e + 1;
}

int names_entity(doc *d, const char *name, size_t len, entity_type type) {
  /* The same name asked again with the same type gets the same answer: entities are only
   * added, and a type only changes from "other", so the entities before the one found, which
   * did not suit then, do not suit now. Only an entity named exactly so is remembered. */
  uint64_t raw = table_hash(name, len);
  /* (the type picks the slot too: "Berg" the person and a bare "Berg" both stay) */
  size_t slot = (size_t)((raw ^ (uint64_t)type * 0x9E3779B97F4A7C15ULL) >> 32) & (NAME_MEMO - 1);
  struct name_memo *memo = &d->name_memo[slot];
  if (memo->entity && memo->hash == raw && memo->len == len && (int)type == memo->type) {
    const doc_entity *e = &d->entities[memo->entity - 1];
    if (memcmp(e->name, name, len) == 0 && e->name[len] == '\0') return (int)memo->entity - 1;
  }
  int found = names_entity_find(d, name, len, type);
  if (strlen(d->entities[found].name) == len && memcmp(d->entities[found].name, name, len) == 0)
    *memo = (struct name_memo){raw, (uint32_t)found + 1, (uint32_t)len, (int)type};
  return found;
}

/* names_entity without the memo. */
static int names_entity_find(doc *d, const char *name, size_t len, entity_type type) {
  /* "Élysée" and "Elysee", "anna De Luca" and "Anna De Luca" are one name */
  strbuf *key = &d->fold;
  strbuf_reset(key);
  text_fold(name, len, key);
  const char *k = key->data ? key->data : "";
  uint32_t h = (uint32_t)table_hash(k, key->len);
  if (d->entity_nslots) {
    for (size_t s = h & (d->entity_nslots - 1); d->entity_slots[s];
         s = (s + 1) & (d->entity_nslots - 1)) {
      doc_entity *e = &d->entities[d->entity_slots[s] - 1];
      if (e->key_hash != h || strcmp(e->key, k) != 0) continue;
      /* "President Berg" typed a person; a later bare "Berg" is the same one */
      if (e->type == ENTITY_OTHER && type != ENTITY_OTHER) e->type = type;
      if (e->type == type || type == ENTITY_OTHER) return (int)(d->entity_slots[s] - 1);
    }
  }
  VEC_RESERVE(d->entities, d->nentities, d->entities_cap);
  doc_entity *e = &d->entities[d->nentities];
  memset(e, 0, sizeof *e);
  e->name = arena_strndup(&d->arena, name, len);
  e->key = arena_strndup(&d->arena, k, key->len);
  e->key_hash = h;
  e->type = type;
  e->org = -1;
  entity_index(d, d->nentities);
  return (int)d->nentities++;
}

/* doc_sentence_at(D, OFFSET), tried first at the last mention's sentence and the next one:
 * mentions mostly come in text order. */
static size_t sentence_near(const doc *d, uint32_t offset) {
  if (d->nmentions) {
    size_t h = d->mentions[d->nmentions - 1].sentence;
    for (size_t s = h; s < h + 2 && s < d->nsentences; s++)
      if (d->sentences[s].end > offset && (s == 0 || d->sentences[s - 1].end <= offset)) return s;
  }
  return doc_sentence_at(d, offset);
}

void names_add_mention(doc *d, int e, size_t first, size_t end, int kind) {
  doc_mention m = {d->tokens[first].start, d->tokens[end - 1].end, (uint32_t)first,
                   (uint32_t)end,         0,                       e, kind};
  m.sentence = (uint32_t)sentence_near(d, m.start);
  if (d->nmentions == 0 || d->mentions[d->nmentions - 1].start <= m.start) {
    VEC_RESERVE(d->mentions, d->nmentions, d->mentions_cap);
    d->mentions[d->nmentions++] = m;
  } else { /* out of order: merged in after the stage (doc_merge_mentions) */
    VEC_RESERVE(d->pending, d->npending, d->pending_cap);
    d->pending[d->npending++] = m;
  }
  d->entities[e].nmentions++;
  for (size_t k = first; k < end; k++) d->tokens[k].flags |= TOK_MENTIONED;
  free(d->tok_mention); /* the index no longer holds */
  d->tok_mention = NULL;
}

/* ---- token tests ---- */

static bool tok_cap(const doc *d, size_t i) {
  const token *t = &d->tokens[i];
  return (t->flags & TOK_WORD) && (t->flags & (TOK_CAP | TOK_ALLCAPS)) &&
         !(t->flags & TOK_POSSESSIVE);
}

/* "al-Assad", "el-Sisi", "bin-Talal": a particle joined by a hyphen to a capitalised name. */
static bool tok_particle_name(const doc *d, const lists *l, size_t i) {
  const token *t = &d->tokens[i];
  if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP)) return false;
  const char *w = d->text + t->start;
  const char *dash = memchr(w, '-', token_len(t));
  if (!dash || dash + 1 >= d->text + t->end || !isupper((unsigned char)dash[1])) return false;
  return lexicon_has(l->particles, w, (size_t)(dash - w));
}

static bool tok_in(const doc *d, size_t i, const lexicon *lx) {
  const token *t = &d->tokens[i];
  size_t n = token_len(t);
  /* "Mr." is listed as "mr" */
  if ((t->flags & TOK_ABBREV) && n > 1 && !memchr(d->text + t->start, '.', n - 1))
    return lexicon_has(lx, d->text + t->start, n - 1);
  return doc_token_in(d, i, lx);
}

static bool tok_in_date(const doc *d, size_t i, size_t *date_cursor) {
  const token *t = &d->tokens[i];
  while (*date_cursor < d->dates.count && d->dates.items[*date_cursor].end <= t->start)
    (*date_cursor)++;
  return *date_cursor < d->dates.count && d->dates.items[*date_cursor].start < t->end;
}

/* Is token I a lower-case first name starting an odd-cased name ("anna De Luca")? */
static bool odd_cased_first_name(const doc *d, const lists *l, size_t i, size_t end) {
  const token *t = &d->tokens[i];
  if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP) || i + 1 >= end || !tok_cap(d, i + 1))
    return false;
  const char *v = doc_token_find(d, i, l->first_names);
  return v && !strstr(v, "word") && !tok_in(d, i, l->common);
}

/* Writes an all-capitals word longer than an acronym in title case: "WASHINGTON" from a
 * dateline is "Washington"; "NATO" stays. ASCII letters only; others are left as they are. */
static void title_case_shouting(char *w, size_t n) {
  if (n <= 4) return;
  for (size_t i = 0; i < n; i++)
    if (islower((unsigned char)w[i])) return;
  for (size_t i = 1; i < n; i++)
    if (isupper((unsigned char)w[i]) && isalpha((unsigned char)w[i - 1])) w[i] = (char)tolower((unsigned char)w[i]);
}

/* Joins tokens [first, end) into a name, one space between words, no space around inner
 * hyphens; capitalises the first letter of an odd-cased first name. */
static size_t join_name(const doc *d, size_t first, size_t end, char *out, size_t outsize) {
  size_t n = 0;
  for (size_t i = first; i < end && n + 2 < outsize; i++) {
    const token *t = &d->tokens[i];
    if (i > first && (t->flags & TOK_SPACE_BEFORE)) out[n++] = ' ';
    size_t len = token_len(t);
    if (n + len + 1 >= outsize) break;
    memcpy(out + n, d->text + t->start, len);
    if (i == first && islower((unsigned char)out[n])) out[n] = (char)toupper((unsigned char)out[n]);
    title_case_shouting(out + n, len);
    n += len;
  }
  out[n] = '\0';
  return n;
}

/* The longest title at tokens [i, end) (up to three words); returns its length in tokens and
 * its lexicon value in *value. */
static size_t match_title(const doc *d, const lists *l, size_t i, size_t end, const char **value) {
  char key[96];
  size_t best = 0;
  size_t n = 0;
  for (size_t k = i; k < end && k < i + 3; k++) {
    const token *t = &d->tokens[k];
    if (!(t->flags & TOK_WORD)) break;
    size_t len = token_len(t);
    if (n + len + 2 >= sizeof key) break;
    /* the first word is read where it stands: most runs start no title of several words,
     * and then no key is built */
    const char *words = d->text + t->start;
    if (k > i) {
      if (k == i + 1) memcpy(key, d->text + d->tokens[i].start, n);
      key[n++] = ' ';
      memcpy(key + n, d->text + t->start, len);
      words = key;
    }
    n += len;
    const char *v = k == i ? doc_token_find(d, i, l->titles) : lexicon_find(l->titles, words, n);
    if (!v && (t->flags & TOK_ABBREV)) v = lexicon_find(l->titles, words, n - 1);
    if (v) {
      best = k - i + 1;
      *value = v;
    }
    if (!lexicon_has_prefix(l->titles, words, n)) break; /* no longer title starts so */
  }
  return best;
}

/* ---- typing ---- */

static entity_type type_from_code(const char *code) {
  if (strncmp(code, "GPE", 3) == 0) return ENTITY_GPE;
  if (strncmp(code, "LOC", 3) == 0) return ENTITY_LOC;
  if (strncmp(code, "ORG", 3) == 0) return ENTITY_ORG;
  if (strncmp(code, "PERSON", 6) == 0) return ENTITY_PERSON;
  return ENTITY_OTHER;
}

/* Looks NAME up in the gazetteers; fills the canonical form and returns true if listed. */
static bool gazetteer(const lists *l, const char *name, size_t len, entity_type *type,
                      char *canon, size_t canonsize) {
  const char *v = lexicon_find(l->countries, name, len);
  if (v) {
    *type = ENTITY_GPE;
    snprintf(canon, canonsize, "%s", v);
    return true;
  }
  const lexicon *both[2] = {l->cities, l->institutions};
  for (int k = 0; k < 2; k++) {
    v = lexicon_find(both[k], name, len);
    if (v) {
      char field[96];
      *type = lexicon_field(v, 0, field, sizeof field) ? type_from_code(field) : ENTITY_OTHER;
      if (lexicon_field(v, 1, field, sizeof field) && field[0])
        snprintf(canon, canonsize, "%s", field);
      else
        snprintf(canon, canonsize, "%.*s", (int)len, name);
      return true;
    }
  }
  return false;
}

typedef struct candidate {
  size_t first, end;      /* tokens of the name proper */
  size_t title_first;     /* first token of a title before it (== first if none) */
  const char *title;      /* lexicon value of that title, or NULL */
  bool sentence_start;
  bool acronym_follows;   /* "Front National (FN)": named like an organisation */
} candidate;

/* Gender from a title's lexicon value ("m\thonorific"). */
static int title_gender(const char *value) {
  if (!value) return GENDER_UNKNOWN;
  return value[0] == 'm' ? GENDER_MALE : value[0] == 'f' ? GENDER_FEMALE : GENDER_UNKNOWN;
}

static bool title_is_office(const char *value) { return value && strstr(value, "office"); }

/* Does a verb of speech or an auxiliary follow at token I ("Berg said", "Berg could")? What
 * stands before it acts and speaks: most often a person. */
static bool agent_follows(const doc *d, const lists *l, size_t i) {
  const token *t = &d->tokens[i];
  if (!(t->flags & TOK_WORD) || (t->flags & TOK_CAP)) return false;
  return doc_token_in(d, i, l->speech_verbs) || doc_token_in(d, i, l->auxiliaries);
}

/* Adds the entity for candidate C; returns its index or -1 if it names nothing. */
static int add_candidate(doc *d, const lists *l, const candidate *c) {
  size_t first = c->first, end = c->end;
  char name[256];
  size_t len = join_name(d, first, end, name, sizeof name);
  if (len == 0) return -1;
  entity_type type = ENTITY_OTHER;
  char canon[256];
  bool listed = gazetteer(l, name, len, &type, canon, sizeof canon);
  if (!listed) {
    memcpy(canon, name, len + 1); /* len < sizeof name == sizeof canon */
    const char *ow = doc_token_find(d, end - 1, l->org_words);
    /* "Ministry of Energy", "Bank of England": the head before "of" names the kind */
    for (size_t k = first + 1; !ow && k + 1 < end; k++)
      if (doc_token_is(d, k, "of"))
        ow = doc_token_find(d, k - 1, l->org_words);
    const char *fn = doc_token_find(d, first, l->first_names);
    if (ow && end - first > 1) type = type_from_code(ow);
    else if (fn && end - first > 1) type = ENTITY_PERSON;
    else if (c->acronym_follows) type = ENTITY_ORG;
    else if (c->title) type = ENTITY_PERSON;
    else if (end - first == 1 && (d->tokens[first].flags & TOK_ALLCAPS) &&
             token_len(&d->tokens[first]) <= 6)
      type = ENTITY_ORG;
    else if (end - first >= 2) type = ENTITY_PERSON;
    else if (first > 0 && !c->sentence_start &&
             (doc_token_is(d, first - 1, "in") || doc_token_is(d, first - 1, "at") ||
              doc_token_is(d, first - 1, "near") || doc_token_is(d, first - 1, "outside")))
      type = ENTITY_LOC; /* "in Sochi": a place the lists do not know */
    else if (end < d->ntokens && !c->sentence_start && agent_follows(d, l, end))
      type = ENTITY_PERSON; /* "doubted that Berg could deliver", "Vasquez has promised" */
    else type = ENTITY_OTHER; /* a lone unknown word: typed later if it is a short form */
  }
  int e = names_entity(d, canon, strlen(canon), type);
  if (c->title) {
    int g = title_gender(c->title);
    if (g) d->entities[e].gender = g;
    if (title_is_office(c->title) && !d->entities[e].role) {
      const token *a = &d->tokens[c->title_first];
      const token *b = &d->tokens[c->first - 1];
      char role[96];
      size_t rn = (size_t)(b->end - a->start) < sizeof role - 1 ? b->end - a->start : sizeof role - 1;
      memcpy(role, d->text + a->start, rn);
      role[rn] = '\0';
      if (islower((unsigned char)role[0])) role[0] = (char)toupper((unsigned char)role[0]);
      d->entities[e].role = arena_strndup(&d->arena, role, rn);
    }
  }
  if (type == ENTITY_PERSON && !d->entities[e].gender) {
    const char *fn = doc_token_find(d, first, l->first_names);
    if (fn) d->entities[e].gender = fn[0] == 'f' ? GENDER_FEMALE : GENDER_MALE;
  }
  names_add_mention(d, e, first, end, MENTION_NAME);
  return e;
}

/* Is the sentence written in title case ("De Luca Calls For Closer Ties")? Then
 * capitals say nothing about names. */
static bool title_case(const doc *d, const sentence *s) {
  if (!(s->flags & SENT_HEADLINE)) return false; /* only headlines are written so */
  size_t words = 0, caps = 0;
  for (size_t i = s->tok_first; i < s->tok_end; i++) {
    const token *t = &d->tokens[i];
    if (!(t->flags & TOK_WORD) || token_len(t) < 4) continue;
    words++;
    caps += (t->flags & TOK_CAP) != 0;
  }
  return words >= 4 && caps * 10 >= words * 8;
}

/* In a title-case line, a capitalised word that is an ordinary English word is no name. */
static bool ordinary_word(const doc *d, const lists *l, size_t i) {
  return tok_in(d, i, l->common) || tok_in(d, i, l->verbs) || tok_in(d, i, l->speech_verbs) ||
         tok_in(d, i, l->light_verbs) || tok_in(d, i, l->auxiliaries);
}

/* The end of a dateline opening a paragraph ("NEWARK, N.J. _", "MOSCOW (AP) —", "KYIV, Feb 19
 * (Reuters) -"): where the place is written in capitals and a dash or underscore follows
 * within a few words. Returns FIRST if there is none. Its names are a place of filing, not
 * of the story. */
static size_t dateline_end(const doc *d, size_t first, size_t end) {
  if (!(d->tokens[first].flags & TOK_ALLCAPS) || !doc_paragraph_start(d, first)) return first;
  for (size_t k = first + 1; k < end && k < first + 12; k++) {
    const token *t = &d->tokens[k];
    if ((t->flags & TOK_DASH) || d->text[t->start] == '_') return k + 1;
    if (t->flags & TOK_TERMINAL) return first;
  }
  return first;
}

/* Scans one sentence for candidates. */
static void scan_sentence(doc *d, const lists *l, const sentence *s, size_t *date_cursor) {
  size_t i = dateline_end(d, s->tok_first, s->tok_end);
  bool titled = title_case(d, s);
  while (i < s->tok_end) {
    /* A name starts with a capital, or is a first name written in lower case before one
     * (odd_cased_first_name): every other token is passed over at once (most are). */
    if (!(d->tokens[i].flags & (TOK_CAP | TOK_ALLCAPS)) &&
        !(i + 1 < s->tok_end && tok_cap(d, i + 1))) {
      i++;
      continue;
    }
    if (titled && ordinary_word(d, l, i)) {
      i++;
      continue;
    }
    /* "MPs", "NGOs": the plural of an acronym is a common noun */
    if (token_len(&d->tokens[i]) >= 3 && d->text[d->tokens[i].end - 1] == 's' &&
        isupper((unsigned char)d->text[d->tokens[i].end - 2]) &&
        isupper((unsigned char)d->text[d->tokens[i].start])) {
      i++;
      continue;
    }
    /* "Moscow-based", "Kremlin-backed", "EU-funded": adjectives made from names */
    const token *ti = &d->tokens[i];
    /* (a plain word is letters only: no dash to look for) */
    const char *dash = (ti->flags & TOK_WORD) && !(ti->flags & TOK_PLAIN)
                           ? memchr(d->text + ti->start, '-', token_len(ti))
                           : NULL;
    if (dash && !isupper((unsigned char)dash[1]) && dash[1] != '\0' &&
        (size_t)(dash + 1 - d->text) < ti->end) {
      i++;
      continue;
    }
    bool start_ok = tok_cap(d, i) || odd_cased_first_name(d, l, i, s->tok_end);
    if (!start_ok || tok_in_date(d, i, date_cursor)) {
      i++;
      continue;
    }
    /* extend over capitalised words and inner particles */
    size_t j = i + 1;
    while (j < s->tok_end) {
      if (tok_in_date(d, j, date_cursor)) break;
      if (titled && ordinary_word(d, l, j)) break;
      if ((tok_cap(d, j) || tok_particle_name(d, l, j)) && !(d->tokens[j].flags & TOK_LINE_START)) {
        j++;
        continue;
      }
      /* "de Saint-Just", "bin Salman", "von der Leyen": particles between capitalised words */
      size_t p = j;
      while (p < s->tok_end && p < j + 3 && tok_in(d, p, l->particles) &&
             !(d->tokens[p].flags & TOK_CAP))
        p++;
      if (p > j && p < s->tok_end && tok_cap(d, p)) {
        j = p + 1;
        continue;
      }
      /* "Bank of England", "House of Representatives", "Secretary of State" */
      if (doc_token_is(d, j, "of") && j + 1 < s->tok_end && tok_cap(d, j + 1) &&
          (tok_in(d, j - 1, l->org_words) || tok_in(d, j - 1, l->titles))) {
        j += 2;
        continue;
      }
      break;
    }
    candidate c = {i, j, i, NULL, false, false};
    const token *ft = &d->tokens[i];
    c.sentence_start = i == s->tok_first ||
                       (d->tokens[i - 1].flags & (TOK_QUOTE | TOK_DASH)) ||
                       (d->tokens[i - 1].flags & TOK_TERMINAL) || (ft->flags & TOK_LINE_START);
    /* split off what opens the run but is no part of the name: a common word opening a
     * sentence ("However", "The"), titles and demonyms ("Norwegian President Karl Berg"),
     * a country before a title ("US President Donald Trump") */
    for (bool changed = true; changed && c.first < c.end;) {
      changed = false;
      const char *tv = NULL;
      size_t tn = match_title(d, l, c.first, c.end, &tv);
      if (tn && tn < c.end - c.first) {
        if (!c.title) c.title_first = c.first;
        c.title = tv;
        c.first += tn;
        changed = true;
      } else if ((c.sentence_start || c.end - c.first == 1) && tok_in(d, c.first, l->common)) {
        c.first++;
        c.title_first = c.first;
        c.sentence_start = false;
        changed = true;
      } else if (c.end - c.first > 1 && tok_in(d, c.first, l->demonyms) &&
                 !tok_in(d, c.end - 1, l->org_words) && /* "European Investment Bank" */
                 !gazetteer(l, d->text + d->tokens[c.first].start,
                            d->tokens[c.end - 1].end - d->tokens[c.first].start,
                            &(entity_type){0}, (char[8]){0}, 8)) {
        c.first++;
        c.title_first = c.first;
        c.sentence_start = false;
        changed = true;
      } else if (c.end - c.first > 2 &&
                 doc_token_in(d, c.first, l->countries) &&
                 match_title(d, l, c.first + 1, c.end, &tv)) {
        c.first++;
        c.title_first = c.first;
        c.sentence_start = false;
        changed = true;
      }
    }
    /* a demonym closing the run is an adjective of what follows: "Six Russian military men" */
    while (c.end - c.first > 1 && tok_in(d, c.end - 1, l->demonyms)) c.end--;
    /* a lower-case title just before: "spokesman Dmitry Peskov" */
    if (!c.title && i > s->tok_first) {
      for (size_t back = 1; back <= 3 && back <= i - s->tok_first; back++) {
        const char *tv = NULL;
        if (match_title(d, l, i - back, i, &tv) == back && tv && title_is_office(tv) &&
            !(d->tokens[i - back].flags & TOK_CAP)) {
          c.title = tv;
          c.title_first = i - back;
        }
      }
    }
    /* a lone demonym or title is no name, nor a word that names an event opening a
     * sentence ("Talks between ...") */
    bool empty = c.first >= c.end;
    if (!empty && c.end - c.first == 1 && c.sentence_start &&
        tok_in(d, c.first, l->verbs))
      empty = true;
    if (!empty && c.end - c.first == 1 &&
        (tok_in(d, c.first, l->demonyms) || tok_in(d, c.first, l->titles)))
      empty = true;
    if (!empty) {
      /* "Front National (FN)": the acronym in brackets is the same entity */
      size_t k = c.end;
      c.acronym_follows = k + 2 < s->tok_end && d->text[d->tokens[k].start] == '(' &&
                          (d->tokens[k + 1].flags & TOK_ALLCAPS) &&
                          d->text[d->tokens[k + 2].start] == ')';
      int e = add_candidate(d, l, &c);
      if (e >= 0 && c.acronym_follows) {
        names_add_mention(d, e, k + 1, k + 2, MENTION_NAME);
        j = k + 3;
      }
    }
    i = j;
  }
}

/* ---- short forms ---- */

/* Does the entity name END with the words of SHORT? ("Anna De Luca" ends with "De Luca") */
static bool name_ends_with(const char *name, const char *shortname) {
  size_t n = strlen(name), m = strlen(shortname);
  if (m >= n) return false;
  return name[n - m - 1] == ' ' && strcasecmp(name + n - m, shortname) == 0;
}

/* Does the name START with the one word SHORT that is no given name? Family names come first
 * in Chinese, Korean, Hungarian names: "Xi" is "Xi Jinping". */
static bool name_starts_with_family(const lists *l, const char *name, const char *shortname) {
  size_t m = strlen(shortname);
  if (strchr(shortname, ' ') || strncasecmp(name, shortname, m) != 0 || name[m] != ' ')
    return false;
  return !lexicon_has(l->first_names, shortname, m);
}

/* The full names a short form may abbreviate are looked up by a case-folded hash of their
 * last words and of their first word, not by comparing every pair of entities: an article
 * listing thousands of names would take minutes. */
typedef struct short_key {
  uint64_t hash;
  size_t entity;
} short_key;

static uint64_t fold_hash(const char *s, size_t n) {
  uint64_t h = 14695981039346656037u; /* FNV-1a over the bytes as strcasecmp compares them */
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 1099511628211u;
  return h;
}

static int short_key_cmp(const void *a, const void *b) {
  const short_key *x = a, *y = b;
  if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Joins short forms to the full name they abbreviate within the article: "Berg" to
 * "Karl Berg", "De Luca" to "Anna De Luca". A short form that fits two different full
 * names joins the one mentioned last before it. Entities left without mentions are dropped. */
static void join_short_forms(doc *d, const lists *l) {
  int *target = xmalloc(d->nentities * sizeof *target);
  /* every person's name by its last words ("De Luca", "Luca"), and by its first word */
  short_key *keys = NULL;
  size_t nkeys = 0, keys_cap = 0;
  for (size_t f = 0; f < d->nentities; f++) {
    if (d->entities[f].type != ENTITY_PERSON) continue;
    const char *name = d->entities[f].name;
    size_t n = strlen(name);
    bool first_word = true;
    for (size_t p = 0; p < n; p++) {
      if (name[p] != ' ') continue;
      VEC_RESERVE(keys, nkeys, keys_cap);
      keys[nkeys++] = (short_key){fold_hash(name + p + 1, n - p - 1), f};
      if (first_word) {
        VEC_RESERVE(keys, nkeys, keys_cap);
        keys[nkeys++] = (short_key){fold_hash(name, p), f};
        first_word = false;
      }
    }
  }
  if (nkeys) qsort(keys, nkeys, sizeof *keys, short_key_cmp);
  for (size_t e = 0; e < d->nentities; e++) {
    target[e] = -1;
    const doc_entity *se = &d->entities[e];
    if (se->type != ENTITY_PERSON && se->type != ENTITY_OTHER) continue;
    /* several full names may fit ("De Luca": Anna or Gian-Piero): take the one the article
     * names most often, the first of them on a tie */
    int found = -1;
    uint64_t h = fold_hash(se->name, strlen(se->name));
    size_t k = 0, kend = nkeys;
    while (k < kend) {
      size_t mid = k + (kend - k) / 2;
      if (keys[mid].hash < h) k = mid + 1;
      else kend = mid;
    }
    for (; k < nkeys && keys[k].hash == h; k++) {
      size_t f = keys[k].entity;
      if (f == e || (found >= 0 && (size_t)found == f)) continue;
      if ((name_ends_with(d->entities[f].name, se->name) ||
           name_starts_with_family(l, d->entities[f].name, se->name)) &&
          (found < 0 || d->entities[f].nmentions > d->entities[found].nmentions ||
           (d->entities[f].nmentions == d->entities[found].nmentions && f < (size_t)found)))
        found = (int)f;
    }
    target[e] = found;
  }
  free(keys);
  for (size_t m = 0; m < d->nmentions; m++) {
    int e = d->mentions[m].entity;
    if (target[e] < 0) continue;
    d->entities[e].nmentions--;
    d->mentions[m].entity = target[e];
    d->entities[target[e]].nmentions++;
    doc_entity *full = &d->entities[target[e]];
    if (!full->role) full->role = d->entities[e].role;
    if (!full->gender) full->gender = d->entities[e].gender;
  }
  free(target);
}

/* ---- organisations described by their kind, and people's organisations ---- */

/* Lower-case nouns that name a kind of organisation: "a Moscow-based bank". */
static bool kind_noun(const doc *d, size_t i) {
  static const char *const kinds[] = {"bank", "lender", "company", "firm", "group", "fund",
                                      "agency", "party", "militia", "charity", "insurer",
                                      "broker", "conglomerate", "producer", "manufacturer", NULL};
  for (const char *const *k = kinds; *k; k++)
    if (doc_token_is(d, i, *k)) return true;
  return false;
}

/* "a Moscow-based bank", "a Cypriot lender": an organisation the article does not name but
 * places. It becomes an entity named by its description ("Moscow-based bank"), so that the
 * facts about it are kept. A bare "a bank" says too little to be a node. */
static void find_described_organisations(doc *d, const lists *l) {
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    if (se->flags & SENT_FURNITURE) continue;
    for (size_t i = se->tok_first; i + 2 < se->tok_end; i++) {
      /* (asked of every token: most are longer than "an") */
      if (token_len(&d->tokens[i]) > 2 || (!doc_token_is(d, i, "a") && !doc_token_is(d, i, "an")))
        continue;
      size_t k = i + 1;
      bool placed = false;
      while (k < se->tok_end && k < i + 4 && !kind_noun(d, k) && (d->tokens[k].flags & TOK_WORD) &&
             doc_mention_at_token(d, k) < 0) {
        const token *t = &d->tokens[k];
        const char *w = d->text + t->start;
        size_t n = token_len(t);
        if ((n > 6 && span_ieq(w + n - 6, 6, "-based")) || tok_in(d, k, l->demonyms)) placed = true;
        k++;
      }
      if (!placed || k >= se->tok_end || !kind_noun(d, k) || k == i + 1) continue;
      if (k + 1 < se->tok_end && tok_cap(d, k + 1)) continue; /* "a Russian bank, FCRB": named */
      char name[128];
      size_t len = d->tokens[k].end - d->tokens[i + 1].start;
      if (len >= sizeof name) continue;
      memcpy(name, d->text + d->tokens[i + 1].start, len);
      name[len] = '\0';
      int e = names_entity(d, name, len, ENTITY_ORG);
      names_add_mention(d, e, i + 1, k + 1, MENTION_DESCRIPTION);
      i = k;
    }
  }
}

/* "Civic Party (CP) leader De Luca", "Civic Party candidate De Luca", "the Civic Party
 * treasurer, Wallerand de Saint-Just": an organisation's name, an office, then the person. */
static void find_affiliations(doc *d, const lists *l) {
  for (size_t m = 0; m < d->nmentions; m++) {
    doc_mention *pm = &d->mentions[m];
    doc_entity *pe = &d->entities[pm->entity];
    if (pe->type != ENTITY_PERSON || pe->org >= 0 || pm->kind != MENTION_NAME) continue;
    size_t k = pm->tok_first;
    if (k > 0 && d->text[d->tokens[k - 1].start] == ',') k--; /* "treasurer, Name" */
    const char *tv = NULL;
    size_t back;
    for (back = 1; back <= 3 && back <= k; back++)
      if (match_title(d, l, k - back, k, &tv) == back) break;
    if (back > 3 || back > k || !tv) continue;
    size_t before = k - back;
    if (before > 0 && d->text[d->tokens[before - 1].start] == ')' && before >= 3)
      before -= 3; /* "(FN)" */
    int om = before > 0 ? doc_mention_at_token(d, before - 1) : -1;
    if (om >= 0 && d->entities[d->mentions[om].entity].type == ENTITY_ORG)
      pe->org = d->mentions[om].entity;
  }
}

void names_find(doc *d) {
  lists l = load_lists();
  size_t date_cursor = 0;
  for (size_t s = 0; s < d->nsentences; s++) {
    if (d->sentences[s].flags & SENT_FURNITURE) continue;
    scan_sentence(d, &l, &d->sentences[s], &date_cursor);
  }
  join_short_forms(d, &l);
  find_described_organisations(d, &l);
  doc_merge_mentions(d);
  find_affiliations(d, &l);
}
