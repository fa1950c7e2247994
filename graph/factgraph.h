/* factgraph.h: the merged fact graph. The extractor adds articles, entities and events as
 * each article states them; factgraph_finish merges them across articles and orders them;
 * the writers then read the merged entities, events, quotes and relationship edges.
 * igraph is used inside and never shows in this interface.
 *
 * Ownership: the graph copies everything it is given and owns everything it returns; pointers
 * from the read functions stay valid until factgraph_free. Not thread-safe: one writer. */
#ifndef STORYLINE_FACTGRAPH_H
#define STORYLINE_FACTGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"

typedef struct factgraph factgraph;

factgraph *factgraph_new(void);
void factgraph_free(factgraph *g); /* NULL is a no-op */

/* ---- building: call these for each article, then factgraph_finish once ---- */

/* Registers an article; returns its index for fact_mention.doc. DATE may be NULL.
 * (UINT32_MAX once the graph is finished.) Outputs order articles by DOC_ID, not by index. */
uint32_t factgraph_add_document(factgraph *g, const char *doc_id, const char *date);

/* Registers an article that is an exact copy of ORIGINAL (an index from
 * factgraph_add_document or this function): the same text and date. It is given no
 * entities or events of its own; every fact ORIGINAL states is stated by it too, at the same
 * spans, and lists it among its sources (a copy adds no confidence: it is no independent
 * report). If DOC_ID is the id of ORIGINAL or of one of its copies, it is that article given
 * twice: nothing is added, and that article's index is returned. Returns its index, or
 * UINT32_MAX if ORIGINAL is unknown or the graph finished. */
uint32_t factgraph_add_copy(factgraph *g, const char *doc_id, const char *date, uint32_t original);

/* Adds one article's entity; returns its id for event_input participants. Entities with the
 * same canonical name and type are one entity (later merging may join more).
 * Returns -1 if the name is empty; mentions naming an unknown article are dropped. */
int factgraph_add_entity(factgraph *g, const entity_input *e);

/* Adds one article's event. Returns 0, or -1 if a participant id is unknown (also if the
 * type is empty, the evidence mention names an unknown article, or the graph holds 2^32 - 1
 * events already). */
int factgraph_add_event(factgraph *g, const event_input *e);

/* A hint that a text of N bytes at S (a sentence, a name) will soon be added with an event or
 * an entity: the graph asks for where it will look it up, so that the lookups of an
 * article's texts overlap rather than wait one after another. */
void factgraph_prefetch_text(const factgraph *g, const char *s, size_t n);

/* User alias rules (a watch list), applied before resolution. factgraph_add_alias makes
 * every name equal to ALIAS or CANONICAL one entity labelled CANONICAL; TYPE (an entity_type)
 * limits the rule to names of that type, -1 for any. factgraph_forbid_alias keeps ALIAS apart
 * from CANONICAL, or, when CANONICAL is NULL, from every name but its own (no general alias
 * either). Names compare as resolution compares them (case, diacritics, titles). Return 0, or
 * -1 if a name is empty, TYPE is out of range or the graph is finished. */
int factgraph_add_alias(factgraph *g, const char *canonical, const char *alias, int type);
int factgraph_forbid_alias(factgraph *g, const char *canonical, const char *alias);

/* How many threads factgraph_finish may use (default 1; below 1 counts as 1). The result is
 * the same for any number. */
void factgraph_set_jobs(factgraph *g, int jobs);

/* Merges and orders everything; after this, only the read functions may be called.
 * Returns 0, or -1 if igraph failed (the graph is then unusable). */
int factgraph_finish(factgraph *g);
/* factgraph_finish, calling ENTITIES_FINAL(CTX) (unless NULL) as soon as the merged entities
 * are final, before the events are merged: from then on, another thread may read them
 * (factgraph_entity_count, factgraph_entity, and the articles) while this one goes on. It is
 * not called if the merge fails, and the rest of the merge cannot fail once it is. */
int factgraph_finish_staged(factgraph *g, void (*entities_final)(void *ctx), void *ctx);

/* ---- reading, after factgraph_finish ---- */

typedef struct fg_entity {
  const char *id;          /* stable ASCII id: "karl_berg" */
  const char *label;       /* canonical name */
  entity_type type;
  const char *role;        /* most frequent role, or NULL */
  const char *const *aliases; /* every surface form seen, sorted, distinct */
  size_t naliases;
  const fact_mention *mentions; /* sorted by article id, then start */
  size_t nmentions;
  size_t sources;          /* distinct articles */
} fg_entity;

/* (One per merged event, and they are many: the counts are 32 bits, as the graph's reports
 * are fewer than 2^32, and the fields are ordered to leave no padding.) */
typedef struct fg_event {
  const char *id;          /* stable id, also on edges and in facts.jsonl */
  const char *type;
  const fact_date *dates;  /* every distinct date the mentions give, chosen one first */
  const size_t *actors;    /* entity indexes, see factgraph_entity */
  const size_t *targets;
  const fact_amount *amounts; /* every distinct amount reported */
  const char *quote;       /* for "say", else NULL */
  const char *headline;    /* "Karl Berg met Anna De Luca in Oslo" */
  const char *evidence;    /* one supporting sentence, verbatim */
  const fact_mention *mentions; /* the evidence span of each report */
  const uint32_t *docs;    /* distinct article indexes, in order of article id */
  uint32_t ndates, nactors, ntargets, namounts, nmentions, ndocs; /* of the arrays above */
  long place;              /* entity index or -1 */
  double confidence;
  fact_date date;          /* the chosen date */
  bool quote_indirect;
  bool negated;
  bool hypothetical;
} fg_event;

/* A quote: a merged "say" event that carries quoted words. Its words, whether they are
 * reported speech, its articles and its spans are the event's (quote, quote_indirect, docs,
 * mentions): there is one quote per such event, and they are many, so a quote does not keep a
 * copy of them. */
typedef struct fg_quote {
  const char *id;
  long speaker;            /* entity index or -1 (the event's first actor) */
  size_t event;            /* index of its say event */
} fg_quote;

/* A relationship edge: one per actor-target pair of an event (a say without a target gives
 * none). */
typedef struct fg_edge {
  size_t from, to;         /* entity indexes */
  size_t event;            /* event index */
} fg_edge;

size_t factgraph_document_count(const factgraph *g);
const char *factgraph_document_id(const factgraph *g, uint32_t doc);
const char *factgraph_document_date(const factgraph *g, uint32_t doc); /* NULL if none */

size_t factgraph_entity_count(const factgraph *g);
const fg_entity *factgraph_entity(const factgraph *g, size_t i);   /* sorted by id */

size_t factgraph_event_count(const factgraph *g);
/* oldest first, undated last; one at a time (the events lie in pieces, not in one array) */
const fg_event *factgraph_event(const factgraph *g, size_t i);

size_t factgraph_quote_count(const factgraph *g);
const fg_quote *factgraph_quote(const factgraph *g, size_t i);

size_t factgraph_edge_count(const factgraph *g);
const fg_edge *factgraph_edge(const factgraph *g, size_t i);       /* in event order */

/* The entities' mentions and the events' sentences (their evidence and their mentions' texts)
 * grow with the input: they are kept in temporary files, which the reading functions show as
 * memory (see graph/spill.h), in the order of the entities and events. What a writer has read
 * of them stays in memory until it says it is done with it; these say so. They are only
 * hints: everything stays readable (read again, it comes back). Any thread may call them.
 *
 * A writer that has written the entities before DONE, in order, and will not read their
 * mentions again soon: */
void factgraph_forget_entity_mentions(const factgraph *g, size_t done);
/* The events' sentences are read by several writers at once, each at its own pace, so each
 * opens a reader (a number, or -1 if FG_TEXT_READERS are open: then it just says nothing),
 * says how far it has come in event order (the events before DONE are written), and closes it
 * when done. What a reader has left behind leaves memory, but where another reader is. */
#define FG_TEXT_READERS 8
int factgraph_text_reader_open(const factgraph *g);
void factgraph_text_reader_at(const factgraph *g, int reader, size_t done);
void factgraph_text_reader_close(const factgraph *g, int reader);

/* The event's past-tense verb phrase for labels: "met", "told" (a say with a target), "said";
 * the type itself for a type the graph has no phrase for. Owned by the graph module. */
const char *factgraph_event_verb(const fg_event *ev);

#endif
