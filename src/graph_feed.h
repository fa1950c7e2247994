/* graph_feed.h: the one bridge from an article's analysis (doc.h) to the fact graph
 * (graph/factgraph.h), used by the CLI and the fuzz targets.
 *
 * Ownership: the strings handed to the graph are copied by it; scratch copies of spans are
 * made in the doc's arena and go with the doc. */
#ifndef STORYLINE_GRAPH_FEED_H
#define STORYLINE_GRAPH_FEED_H

#include "doc.h"
#include "graph/factgraph.h"

/* Registers D's article and adds its entities and events to G; returns the article's index
 * in G (factgraph_add_document). */
uint32_t graph_feed_doc(factgraph *g, doc *d);

/* Registers A, an exact copy of the article ORIGINAL (an index graph_feed_doc returned), which
 * is not analysed: it states the original's facts (factgraph_add_copy). Returns its index. */
uint32_t graph_feed_copy(factgraph *g, const article *a, uint32_t original);

#endif
