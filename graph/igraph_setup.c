/* igraph_setup.c: igraph's global handlers, installed once (see igraph_setup.h). igraph's
 * defaults abort the process on error and print warnings; library code must do neither. */
#include "graph/igraph_setup.h"

#include <stdbool.h>

#include <igraph.h>

void factgraph_igraph_setup(void) {
  static bool done = false;
  if (done) return;
  igraph_set_error_handler(igraph_error_handler_ignore);
  igraph_set_warning_handler(igraph_warning_handler_ignore);
  igraph_set_attribute_table(&igraph_cattribute_table);
  done = true;
}
