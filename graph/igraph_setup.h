/* igraph_setup.h: the one-time igraph configuration shared by the graph module and the GraphML
 * writer: an error handler that returns instead of aborting, silent warnings, and the C
 * attribute table. Callable any number of times; not thread-safe (like the graph). */
#ifndef STORYLINE_GRAPH_IGRAPH_SETUP_H
#define STORYLINE_GRAPH_IGRAPH_SETUP_H

void factgraph_igraph_setup(void);

#endif
