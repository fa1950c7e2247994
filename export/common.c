/* common.c: text the writers share (see export_internal.h). */
#include "export/export_internal.h"

#include <math.h>
#include <stdlib.h>

bool export_flush(strbuf *sb, FILE *out, bool all) {
  if (!all && sb->len < ((size_t)1 << 16)) return true;
  bool ok = sb->len == 0 || fwrite(sb->data, 1, sb->len, out) == sb->len;
  strbuf_reset(sb);
  return ok;
}

void export_add_labels(strbuf *sb, const factgraph *g, const size_t *idx, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const fg_entity *e = factgraph_entity(g, idx[i]);
    if (!e) continue;
    if (i) strbuf_adds(sb, "; ");
    strbuf_adds(sb, e->label);
  }
}

void export_doc_ids_init(export_doc_ids *ids, const factgraph *g,
                         void (*put)(strbuf *, const char *)) {
  strbuf_init(&ids->text);
  ids->count = factgraph_document_count(g);
  ids->start = xmalloc((ids->count + 1) * sizeof *ids->start);
  ids->none = put ? NULL : xcalloc(ids->count ? ids->count : 1, sizeof *ids->none);
  for (size_t i = 0; i < ids->count; i++) {
    ids->start[i] = ids->text.len;
    const char *id = factgraph_document_id(g, (uint32_t)i);
    if (put) put(&ids->text, id);
    else if (id) strbuf_adds(&ids->text, id);
    else ids->none[i] = true;
  }
  ids->start[ids->count] = ids->text.len;
}

void export_doc_ids_release(export_doc_ids *ids) {
  strbuf_release(&ids->text);
  free(ids->start);
  free(ids->none);
}

void export_add_documents(strbuf *sb, const export_doc_ids *ids, const uint32_t *docs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    size_t len;
    const char *id = export_doc_id(ids, docs[i], &len);
    if (!id) continue;
    if (i) strbuf_add(sb, "; ", 2);
    strbuf_add(sb, id, len);
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

static void prefetch_entities(const factgraph *g, const size_t *idx, size_t n, int stage) {
  for (size_t k = 0; k < n && k < 4; k++) {
    const fg_entity *e = factgraph_entity(g, idx[k]);
    if (stage == 1) __builtin_prefetch(e);
    else if (e) export_prefetch(e->label, 1), export_prefetch(e->id, 1);
  }
}

void export_prefetch_event(const factgraph *g, const fg_event *ev, int stage) {
  if (!ev) return;
  if (stage == 0) {
    export_prefetch(ev->id, 1);
    export_prefetch(ev->headline, 2);
    export_prefetch(ev->evidence, 4);
    export_prefetch(ev->quote, 4);
    __builtin_prefetch(ev->actors);
    __builtin_prefetch(ev->targets);
    return;
  }
  prefetch_entities(g, ev->actors, ev->nactors, stage);
  prefetch_entities(g, ev->targets, ev->ntargets, stage);
  if (ev->place >= 0) {
    size_t place = (size_t)ev->place;
    prefetch_entities(g, &place, 1, stage);
  }
}
