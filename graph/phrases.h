/* phrases.h: how an event type reads in English (internal to the graph module): the
 * past-tense phrase for headlines and edge labels, the base form after "did not" / "may".
 *
 * Ownership: the table is static; fg_headline appends to the caller's buffer. */
#ifndef STORYLINE_GRAPH_PHRASES_H
#define STORYLINE_GRAPH_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The past-tense phrase of TYPE, with or without an object ("told" / "said"); TYPE itself
 * when the type is not in the table. */
const char *fg_phrase_past(const char *type, bool with_target);

/* Appends a headline: "A and B met C in P"; "A did not meet C"; "A may meet C"; more than
 * four actors or targets, "A and B and C and 2 others". PLACE may be NULL. */
void fg_headline(strbuf *sb, const char *type, const char *const *actors, size_t nactors,
                 const char *const *targets, size_t ntargets, const char *place, bool negated,
                 bool hypothetical);

#endif
