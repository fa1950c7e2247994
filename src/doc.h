/* doc.h: one article's analysis, stage by stage: tokens, sentences, dates, names, quotes and
 * events, every one a byte span into the article's text. doc_analyze runs the stages in order;
 * each stage reads what the earlier ones wrote.
 *
 * Ownership: a doc borrows its article (which must outlive it) and owns every array and string
 * below; doc_release frees them all. Names and roles live in the doc's arena. */
#ifndef STORYLINE_DOC_H
#define STORYLINE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "article.h"
#include "graph/facts.h"
#include "lexicon.h"
#include "timex.h"
#include "util.h"

enum token_flags {
  TOK_WORD = 1u << 0,        /* letters, maybe with inner ' - . ("al-Assad", "U.S.") */
  TOK_NUMBER = 1u << 1,      /* starts with a digit: "9.7", "24/03/2017", "9m", "1990s" */
  TOK_PUNCT = 1u << 2,       /* one punctuation or symbol character */
  TOK_CAP = 1u << 3,         /* first letter upper case */
  TOK_ALLCAPS = 1u << 4,     /* at least two letters, all upper case */
  TOK_LINE_START = 1u << 5,  /* first token of a line */
  TOK_PARA_START = 1u << 6,  /* first token after a blank line, or of the text */
  TOK_SPACE_BEFORE = 1u << 7,
  TOK_QUOTE = 1u << 8,       /* a quotation mark */
  TOK_URL = 1u << 9,
  TOK_ABBREV = 1u << 10,     /* ends with a dot that is part of it: "Mr.", "U.S." */
  TOK_DASH = 1u << 11,       /* - – — */
  TOK_POSSESSIVE = 1u << 12, /* "'s" or "’s" split off a word */
  TOK_TERMINAL = 1u << 13,   /* . ! ? … */
  TOK_IN_QUOTE = 1u << 14,   /* inside quotation marks (set by quotes_find) */
  TOK_MENTIONED = 1u << 15,  /* some mention was added over it (names_add_mention): without
                                it doc_mention_at_token need not search */
  TOK_PLAIN = 1u << 16,      /* a word of ASCII letters only */
};

typedef struct token {
  uint32_t start, end;
  uint32_t flags;
} token;

enum sentence_flags {
  SENT_HEADLINE = 1u << 0,  /* a line of its own without final punctuation */
  SENT_FURNITURE = 1u << 1, /* page furniture: "Read more", share lines, captions, source URLs */
};

typedef struct sentence {
  uint32_t start, end;         /* bytes */
  uint32_t tok_first, tok_end; /* tokens [first, end) */
  uint32_t flags;
} sentence;

enum mention_kind { MENTION_NAME, MENTION_PRONOUN, MENTION_DESCRIPTION };
enum gender { GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE, GENDER_PLURAL };

/* A person, organisation or place as this article knows it. */
typedef struct doc_entity {
  const char *name;   /* canonical within the article, titles removed */
  const char *key;    /* NAME folded for matching (text_fold): case, accents, apostrophes */
  uint32_t key_hash;  /* KEY's, for names.c's index of the entities */
  entity_type type;
  const char *role;   /* "President", "Foreign Minister"; NULL if none */
  int gender;
  int org;            /* the organisation a person belongs to ("CP leader De Luca"), or -1 */
  uint32_t nmentions;
} doc_entity;

/* One span that refers to an entity: a name, a pronoun or a description ("the head of state"). */
typedef struct doc_mention {
  uint32_t start, end;
  uint32_t tok_first, tok_end;
  uint32_t sentence;
  int entity;         /* index into doc.entities */
  int kind;           /* enum mention_kind */
} doc_mention;

/* A quotation, direct ("...") or reported ("said that ..."). */
typedef struct doc_quote {
  uint32_t start, end; /* the words, without quote marks */
  uint32_t tok_first, tok_end;
  uint32_t sentence;   /* where the speaker was found (or the quote's first sentence) */
  int speaker;         /* entity index, or -1 */
  int addressee;       /* entity index, or -1 ("told De Luca") */
  bool indirect;
  float confidence;
} doc_quote;

#define DOC_MAX_ROLE 4
#define DOC_MAX_AMOUNTS 4

typedef struct doc_event {
  uint32_t start, end;       /* the trigger word(s) */
  uint32_t sentence;
  const char *type;          /* "meet", "say", "loan"...: a static string */
  int actors[DOC_MAX_ROLE];  /* entity indexes */
  int nactors;
  int targets[DOC_MAX_ROLE];
  int ntargets;
  int place;                 /* entity index or -1 */
  int timex;                 /* index into doc.dates or -1 */
  fact_date date;
  fact_amount amounts[DOC_MAX_AMOUNTS]; /* text in the doc's arena */
  int namounts;
  int quote;                 /* index into doc.quotes or -1 */
  bool negated, hypothetical;
  float confidence;
} doc_event;

/* Slots of a document's memo of names_entity's answers (a power of two). */
enum { NAME_MEMO = 128 };

typedef struct doc {
  const article *art;
  const char *text;
  size_t len;
  bool hard_wrapped;         /* lines are broken inside sentences: paragraphs are blank-line
                                separated (set by sentence_split) */
  arena arena;
  token *tokens;
  size_t ntokens, tokens_cap;
  uint32_t *tok_hash;        /* each token's lexicon_hash (set by token_split) */
  int32_t *tok_word;         /* each token's lexicon_word id, -1 if in no list (token_split) */
  uint32_t *tok_lists;       /* and its lexicon_word_lists */
  uint64_t *tok_head;        /* and its lower_head (token_split) */
  sentence *sentences;
  size_t nsentences, sentences_cap;
  timex_list dates;
  uint32_t *date_sentence;   /* sentence index of each date */
  doc_entity *entities;
  size_t nentities, entities_cap;
  doc_mention *mentions;     /* in text order */
  size_t nmentions, mentions_cap;
  doc_mention *pending;      /* added out of order by a stage; merged in by doc_merge_mentions */
  size_t npending, pending_cap;
  int *tok_mention;          /* doc_mention_at_token for every token, once the mentions are
                                final (doc_index_mentions); NULL while they may change */
  uint32_t *entity_slots;    /* hash of entity keys (names.c): index+1, 0 = empty */
  size_t entity_nslots;
  strbuf fold;               /* where names_entity folds a name into its key */
  /* names_entity's last answers, by the hash of the name asked (NAME_MEMO slots): an article
   * names the same people and places again and again */
  struct name_memo {
    uint64_t hash;   /* table_hash of the name */
    uint32_t entity; /* index + 1; 0: empty */
    uint32_t len;
    int type;        /* the type asked for */
  } name_memo[NAME_MEMO];
  doc_quote *quotes;
  size_t nquotes, quotes_cap;
  doc_event *events;
  size_t nevents, events_cap;
} doc;

void doc_init(doc *d, const article *a);
void doc_release(doc *d);

/* Runs every stage on the article. */
void doc_analyze(doc *d);

/* The stages, in the order doc_analyze runs them (each in its own module). */
void token_split(doc *d);       /* token.c */
void sentence_split(doc *d);    /* sentence.c */
void text_mark_furniture(doc *d); /* text.c */
void quotes_find(doc *d);       /* quotes.c: quoted passages, marks tokens TOK_IN_QUOTE */
void doc_find_dates(doc *d);    /* doc.c: timex_find over each sentence */
void names_find(doc *d);        /* names.c: names, titles, types, aliases */
void coref_resolve(doc *d);     /* coref.c: pronouns and descriptions */
void quotes_attribute(doc *d);  /* quotes.c: speakers, and reported speech */
void events_find(doc *d);       /* events.c */

/* Helpers shared by the stages. */
static inline size_t token_len(const token *t) { return t->end - t->start; }
/* Is token I the word WORD (ASCII case-insensitive)? False past the last token. */
static inline bool doc_token_is(const doc *d, size_t i, const char *word) {
  if (i >= d->ntokens) return false;
  /* asked of most tokens for many words: the first letter turns most away, then the length
   * and the first eight letters in lower case (constants for a literal WORD) are compared
   * with the token's at once */
  uint64_t head = d->tok_head[i];
  unsigned char b = (unsigned char)word[0];
  if (b >= 'A' && b <= 'Z') b |= 0x20;
  if ((unsigned char)head != b) return false;
  const token *t = &d->tokens[i];
  size_t n = strlen(word);
  if (n != token_len(t) || head != lower_head(word, n)) return false;
  return n <= 8 || span_ieq(d->text + t->start + 8, n - 8, word + 8);
}
/* Does token I start a paragraph? A line in most news text, a block after a blank line in
 * hard-wrapped text. */
static inline bool doc_paragraph_start(const doc *d, size_t i) {
  return d->tokens[i].flags & (d->hard_wrapped ? TOK_PARA_START : TOK_LINE_START);
}
/* Token I's text looked up in LX (lexicon_find), from the word id and set of lists token_split
 * gave the token: the stages ask the same lists about the same words again and again, and
 * most answers are "absent", which that set gives at once. */
const char *doc_token_value(const doc *d, size_t i, const lexicon *lx); /* (the rest of it) */
/* Does token I's set of lists say LX holds it: 1 or 0; -1 where the set cannot say (no word
 * ids yet, or LX numbered 32 or more) and the value must be looked up. */
static inline int doc_token_listed(const doc *d, size_t i, const lexicon *lx) {
  unsigned list = lexicon_number(lx);
  if (!d->tok_word || list >= 32) return -1;
  return (int)(d->tok_lists[i] >> list & 1u);
}
static inline const char *doc_token_find(const doc *d, size_t i, const lexicon *lx) {
  if (!lx || i >= d->ntokens || doc_token_listed(d, i, lx) == 0) return NULL; /* (most asks) */
  return doc_token_value(d, i, lx);
}
/* Is token I's text in LX? doc_token_find without fetching the value. */
static inline bool doc_token_in(const doc *d, size_t i, const lexicon *lx) {
  if (!lx || i >= d->ntokens) return false;
  int listed = doc_token_listed(d, i, lx);
  return listed >= 0 ? listed == 1 : doc_token_value(d, i, lx) != NULL;
}
/* Index of the sentence holding byte OFFSET (binary search). */
size_t doc_sentence_at(const doc *d, uint32_t offset);
/* Does a preposition stand just before token FIRST ("with Berg", "at the meeting of")? A
 * name there is an object, not a subject. */
bool doc_after_preposition(const doc *d, size_t first);
/* Merges the mentions a stage added out of text order into d->mentions. */
void doc_merge_mentions(doc *d);
/* The mention index covering token I, or -1 (inline for the common answers: asked of nearly
 * every token by several stages). */
int doc_mention_search(const doc *d, size_t i);
static inline int doc_mention_at_token(const doc *d, size_t i) {
  if (i >= d->ntokens || !(d->tokens[i].flags & TOK_MENTIONED)) return -1;
  return d->tok_mention ? d->tok_mention[i] : doc_mention_search(d, i);
}
/* Answers doc_mention_at_token for every token at once from now on (until a mention is
 * added); doc_analyze calls it when the last stage that adds mentions is done. */
void doc_index_mentions(doc *d);

#endif
