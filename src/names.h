/* names.h: helpers of the name finder shared with coreference and events: the entity a token
 * span names, and adding entities and mentions to a doc.
 *
 * Ownership: strings passed in are copied into the doc's arena. */
#ifndef STORYLINE_NAMES_H
#define STORYLINE_NAMES_H

#include "doc.h"

/* Finds the entity with canonical NAME and TYPE in D, or adds it; returns its index. */
int names_entity(doc *d, const char *name, size_t len, entity_type type);

/* Adds a mention of entity E over tokens [first, end), keeping d->mentions in text order. */
void names_add_mention(doc *d, int e, size_t first, size_t end, int kind);

/* The country a demonym names ("Russian" -> "Russia"), or NULL. */
const char *names_demonym_country(const char *word, size_t len);

#endif
