/* jsonl.c: facts.jsonl, one JSON object per line (jansson): every entity, then every event,
 * then every quote, each with its mentions and their provenance. Keys keep the order they are
 * added in, so the file is stable. */
#include "export/export.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <jansson.h>
#include <stdlib.h>

#include "export/export_internal.h"

/* jansson's setters "steal" the new value and fail on NULL; building through these keeps one
 * failure flag instead of a check per call. */
typedef struct builder {
  bool failed;
} builder;

static void put(builder *b, json_t *obj, const char *key, json_t *value) {
  if (!value || json_object_set_new(obj, key, value) != 0) b->failed = true;
}

static void push(builder *b, json_t *arr, json_t *value) {
  if (!value || json_array_append_new(arr, value) != 0) b->failed = true;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *number(double v) {
  if (v == floor(v) && fabs(v) < 9e15) return json_integer((json_int_t)v);
  return isfinite(v) ? json_real(v) : json_null();
}

static json_t *mentions_json(builder *b, const factgraph *g, const fact_mention *m, size_t n) {
  json_t *arr = json_array();
  if (!arr) return NULL;
  for (size_t i = 0; i < n; i++) {
    json_t *o = json_object();
    if (!o) {
      b->failed = true;
      break;
    }
    const char *doc = factgraph_document_id(g, m[i].doc);
    put(b, o, "doc", str_or_null(doc));
    put(b, o, "start", json_integer(m[i].start));
    put(b, o, "end", json_integer(m[i].end));
    put(b, o, "text", json_string(m[i].text ? m[i].text : ""));
    push(b, arr, o);
  }
  return arr;
}

static json_t *labels_json(builder *b, const factgraph *g, const size_t *idx, size_t n,
                           bool ids) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < n; i++) {
    const fg_entity *e = factgraph_entity(g, idx[i]);
    push(b, arr, e ? json_string(ids ? e->id : e->label) : json_null());
  }
  return arr;
}

static json_t *documents_json(builder *b, const factgraph *g, const uint32_t *docs, size_t n) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < n; i++)
    push(b, arr, str_or_null(factgraph_document_id(g, docs[i])));
  return arr;
}

static json_t *date_json(const fact_date *d) {
  char s[11];
  fact_date_format(d, s);
  return s[0] ? json_string(s) : json_null();
}

static json_t *entity_json(builder *b, const factgraph *g, const fg_entity *e) {
  json_t *o = json_object();
  if (!o) return NULL;
  put(b, o, "kind", json_string("entity"));
  put(b, o, "id", json_string(e->id));
  put(b, o, "label", json_string(e->label));
  put(b, o, "type", json_string(entity_type_name(e->type)));
  put(b, o, "role", str_or_null(e->role));
  json_t *aliases = json_array();
  for (size_t i = 0; aliases && i < e->naliases; i++) push(b, aliases, json_string(e->aliases[i]));
  put(b, o, "aliases", aliases);
  put(b, o, "sources", json_integer((json_int_t)e->sources));
  put(b, o, "mentions", mentions_json(b, g, e->mentions, e->nmentions));
  return o;
}

static json_t *event_json(builder *b, const factgraph *g, const fg_event *ev) {
  json_t *o = json_object();
  if (!o) return NULL;
  put(b, o, "kind", json_string("event"));
  put(b, o, "id", json_string(ev->id));
  put(b, o, "type", json_string(ev->type));
  put(b, o, "date", date_json(&ev->date));
  put(b, o, "date_precision", json_string(date_precision_name(ev->date.precision)));
  put(b, o, "date_basis", json_string(date_basis_name(ev->date.basis)));
  json_t *dates = json_array();
  for (size_t i = 0; dates && i < ev->ndates; i++) push(b, dates, date_json(&ev->dates[i]));
  put(b, o, "dates", dates);
  put(b, o, "actors", labels_json(b, g, ev->actors, ev->nactors, false));
  put(b, o, "actor_ids", labels_json(b, g, ev->actors, ev->nactors, true));
  put(b, o, "targets", labels_json(b, g, ev->targets, ev->ntargets, false));
  put(b, o, "target_ids", labels_json(b, g, ev->targets, ev->ntargets, true));
  const fg_entity *place = ev->place >= 0 ? factgraph_entity(g, (size_t)ev->place) : NULL;
  put(b, o, "place", str_or_null(place ? place->label : NULL));
  put(b, o, "place_id", str_or_null(place ? place->id : NULL));
  json_t *amounts = json_array();
  for (size_t i = 0; amounts && i < ev->namounts; i++) {
    const fact_amount *a = &ev->amounts[i];
    json_t *ao = json_object();
    if (!ao) {
      b->failed = true;
      break;
    }
    put(b, ao, "value", number(a->value));
    put(b, ao, "currency", a->currency[0] ? json_stringn(a->currency, strnlen(a->currency, 3))
                                          : json_null());
    put(b, ao, "text", str_or_null(a->text));
    push(b, amounts, ao);
  }
  put(b, o, "amounts", amounts);
  put(b, o, "quote", str_or_null(ev->quote));
  put(b, o, "indirect", json_boolean(ev->quote_indirect));
  put(b, o, "negated", json_boolean(ev->negated));
  put(b, o, "hypothetical", json_boolean(ev->hypothetical));
  put(b, o, "headline", json_string(ev->headline));
  put(b, o, "evidence", str_or_null(ev->evidence));
  /* Two decimals, as in the timeline: more would pretend to a precision it does not have. */
  put(b, o, "confidence", json_real(round(ev->confidence * 100.0) / 100.0));
  put(b, o, "sources", json_integer((json_int_t)ev->ndocs));
  put(b, o, "documents", documents_json(b, g, ev->docs, ev->ndocs));
  put(b, o, "mentions", mentions_json(b, g, ev->mentions, ev->nmentions));
  return o;
}

static json_t *quote_json(builder *b, const factgraph *g, const fg_quote *q) {
  json_t *o = json_object();
  if (!o) return NULL;
  const fg_entity *sp = q->speaker >= 0 ? factgraph_entity(g, (size_t)q->speaker) : NULL;
  const fg_event *ev = factgraph_event(g, q->event);
  put(b, o, "kind", json_string("quote"));
  put(b, o, "id", json_string(q->id));
  put(b, o, "text", json_string(q->text ? q->text : ""));
  put(b, o, "speaker", str_or_null(sp ? sp->label : NULL));
  put(b, o, "speaker_id", str_or_null(sp ? sp->id : NULL));
  put(b, o, "event_id", str_or_null(ev ? ev->id : NULL));
  put(b, o, "indirect", json_boolean(q->indirect));
  put(b, o, "sources", json_integer((json_int_t)q->ndocs));
  put(b, o, "documents", documents_json(b, g, q->docs, q->ndocs));
  put(b, o, "mentions", mentions_json(b, g, q->mentions, q->nmentions));
  return o;
}

static bool write_line(builder *b, json_t *o, FILE *out) {
  /* Dumped into memory and written at once: json_dumpf makes one locked stdio call per
   * token, which was a third of a whole build's time. 15 significant digits: 0.8 prints as
   * 0.8, not 0.80000000000000004. */
  char *line = o && !b->failed
                   ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
                   : NULL;
  size_t n = line ? strlen(line) : 0;
  bool ok = line && fwrite(line, 1, n, out) == n && fputc('\n', out) != EOF;
  free(line);
  json_decref(o);
  return ok;
}

int export_jsonl(const factgraph *g, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  builder b = {false};
  bool ok = true;
  for (size_t i = 0; ok && i < factgraph_entity_count(g); i++)
    ok = write_line(&b, entity_json(&b, g, factgraph_entity(g, i)), out);
  for (size_t i = 0; ok && i < factgraph_event_count(g); i++)
    ok = write_line(&b, event_json(&b, g, factgraph_event(g, i)), out);
  for (size_t i = 0; ok && i < factgraph_quote_count(g); i++)
    ok = write_line(&b, quote_json(&b, g, factgraph_quote(g, i)), out);
  if (fflush(out) == EOF || ferror(out)) ok = false;
  return ok ? 0 : -1;
}
