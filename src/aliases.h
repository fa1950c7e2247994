/* aliases.h: the --aliases file, a user's watch list of names to merge or keep apart. Read
 * here (graph/ reads no files) and handed to the fact graph as rules before resolution.
 *
 * Format: UTF-8 text, one rule a line; empty lines and lines starting with '#' are skipped.
 *   canonical<TAB>alias[<TAB>type]   merge ALIAS into CANONICAL (TYPE: PERSON, ORG, GPE, LOC
 *                                    or MISC limits the rule to names of that type)
 *   !alias                           never merge ALIAS with another name
 *   !canonical<TAB>alias             never merge these two
 * Ownership: nothing is kept; the graph copies what it is given. */
#ifndef STORYLINE_ALIASES_H
#define STORYLINE_ALIASES_H

#include <stddef.h>

#include "graph/factgraph.h"

/* Reads PATH and adds its rules to G. Returns the number of rules, or -1 with what is wrong
 * in ERR (at most ERRLEN bytes), e.g. "line 3: unknown type 'PERSONN'". Nothing is added
 * when the file has an error. */
long aliases_load(factgraph *g, const char *path, char *err, size_t errlen);

#endif
