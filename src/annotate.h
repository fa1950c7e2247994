/* annotate.h: writes one article's analysis as the JSON object of `storyline annotate`
 * (OUTPUTS.md): sentences, entity mentions, dates, events and quotes with byte spans.
 *
 * Ownership: reads the doc only. */
#ifndef STORYLINE_ANNOTATE_H
#define STORYLINE_ANNOTATE_H

#include <stdio.h>

#include "doc.h"

/* Writes D as one line of JSON to OUT; returns 0, or -1 if writing failed. */
int annotate_write(const doc *d, FILE *out);

#endif
