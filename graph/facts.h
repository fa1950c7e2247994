/* facts.h: the fact model shared by the extractor (src/), the fact graph (graph/) and the
 * writers (export/): entity types, dates with precision and basis, amounts, and the mention
 * records the extractor hands in. Plain data; no functions but names for enums.
 *
 * Ownership: records passed to the factgraph are borrowed for the call only; the graph copies
 * everything it keeps. */
#ifndef STORYLINE_FACTS_H
#define STORYLINE_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum entity_type {
  ENTITY_PERSON,
  ENTITY_ORG,
  ENTITY_GPE, /* countries, cities, states: places with a government */
  ENTITY_LOC, /* other places: regions, buildings, landmarks */
  ENTITY_OTHER,
} entity_type;

const char *entity_type_name(entity_type t); /* "PERSON", "ORG", "GPE", "LOC", "MISC" */

/* The type named S (as entity_type_name writes it, any case; "OTHER" too). Returns false
 * for anything else. */
bool entity_type_parse(const char *s, entity_type *out);

typedef enum date_precision {
  PRECISION_UNKNOWN,
  PRECISION_YEAR,
  PRECISION_MONTH,
  PRECISION_DAY,
} date_precision;

const char *date_precision_name(date_precision p); /* "unknown", "year", "month", "day" */

typedef enum date_basis {
  BASIS_NONE,        /* no date at all */
  BASIS_TEXT,        /* a date expression in the evidence */
  BASIS_PUBLICATION, /* fell back to the article's publication date */
} date_basis;

const char *date_basis_name(date_basis b); /* "none", "text", "publication" */

/* An event's date. Parts finer than the precision are 0. */
typedef struct fact_date {
  int year, month, day;
  date_precision precision;
  date_basis basis;
} fact_date;

/* Days since 1970-01-01 of a proleptic Gregorian date (any int year), and back: the civil
 * calendar arithmetic every module uses (after H. Hinnant's days_from_civil). */
long fact_days_from_civil(int year, int month, int day);
void fact_civil_from_days(long days, int *year, int *month, int *day);

/* Writes the ISO form at the date's precision ("2017-03-24", "2017-03", "2017", or "") into
 * OUT, which holds at least 11 bytes. */
void fact_date_format(const fact_date *d, char *out);

/* An amount of money. */
typedef struct fact_amount {
  double value;      /* in units of the currency: 9000000 for "€9m" */
  char currency[4];  /* ISO 4217: "EUR", "USD", "GBP"; "" if unknown */
  const char *text;  /* the words as written: "€9m" */
} fact_amount;

/* One place in one article where a fact is stated. */
typedef struct fact_mention {
  uint32_t doc;        /* article index, from factgraph_add_document */
  uint32_t start, end; /* byte span in that article's text, end exclusive */
  const char *text;    /* the span's bytes, NUL-terminated */
} fact_mention;

/* An entity as one article knows it: a name and every span that refers to it there. */
typedef struct entity_input {
  const char *name;       /* canonical within the article: "Anna De Luca" */
  entity_type type;
  const char *role;       /* "President", "Foreign Minister"; NULL if none */
  const fact_mention *mentions;
  size_t nmentions;
} entity_input;

/* An event as one article states it. Participants are entity ids returned by
 * factgraph_add_entity for the same article. */
typedef struct event_input {
  const char *type;            /* "meet", "say", "loan", ... */
  fact_date date;
  const int *actors;
  size_t nactors;
  const int *targets;
  size_t ntargets;
  int place;                   /* entity id or -1 */
  const fact_amount *amounts;
  size_t namounts;
  const char *quote;           /* for "say": the quoted or reported words; else NULL */
  bool quote_indirect;         /* reported speech rather than a direct quote */
  bool negated;                /* "did not discuss": kept in facts.jsonl, off the timeline */
  bool hypothetical;           /* "may meet", "whether she will meet": likewise */
  fact_mention mention;        /* the evidence: the sentence that states it */
  double confidence;           /* 0..1 */
} event_input;

#endif
