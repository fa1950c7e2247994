/* common.c: text the writers share (see export_internal.h). */
#include "export/export_internal.h"

#include <math.h>

void export_add_labels(strbuf *sb, const factgraph *g, const size_t *idx, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const fg_entity *e = factgraph_entity(g, idx[i]);
    if (!e) continue;
    if (i) strbuf_adds(sb, "; ");
    strbuf_adds(sb, e->label);
  }
}

void export_add_documents(strbuf *sb, const factgraph *g, const uint32_t *docs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const char *id = factgraph_document_id(g, docs[i]);
    if (!id) continue;
    if (i) strbuf_adds(sb, "; ");
    strbuf_adds(sb, id);
  }
}

void export_add_aliases(strbuf *sb, const fg_entity *e) {
  for (size_t i = 0; i < e->naliases; i++) {
    if (i) strbuf_adds(sb, "; ");
    strbuf_adds(sb, e->aliases[i]);
  }
}

void export_add_amount(strbuf *sb, const fact_amount *a) {
  if (a->value == floor(a->value) && fabs(a->value) < 1e15)
    strbuf_addf(sb, "%.0f", a->value);
  else
    strbuf_addf(sb, "%.15g", a->value);
  if (a->currency[0]) strbuf_addf(sb, " %.3s", a->currency);
}

void export_add_edge_label(strbuf *sb, const fg_event *ev) {
  char date[11];
  fact_date_format(&ev->date, date);
  strbuf_adds(sb, factgraph_event_verb(ev));
  if (date[0]) {
    strbuf_addc(sb, ' ');
    strbuf_adds(sb, date);
  }
}
