/* annotate.c: the JSON Lines output of `storyline annotate` (jansson). */
#include "annotate.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *span_text(const doc *d, uint32_t start, uint32_t end) {
  return json_stringn(d->text + start, end - start);
}

static json_t *names_of(const doc *d, const int *ids, int n) {
  json_t *a = json_array();
  for (int k = 0; k < n; k++) json_array_append_new(a, json_string(d->entities[ids[k]].name));
  return a;
}

static const char *mention_kind_name(int kind) {
  return kind == MENTION_PRONOUN ? "pronoun" : kind == MENTION_DESCRIPTION ? "description" : "name";
}

int annotate_write(const doc *d, FILE *out) {
  const article *a = d->art;
  json_t *o = json_object();
  json_object_set_new(o, "id", json_string(a->id));
  if (a->date.year && a->date.month && a->date.day) {
    char date[16];
    snprintf(date, sizeof date, "%04d-%02d-%02d", a->date.year, a->date.month, a->date.day);
    json_object_set_new(o, "date", json_string(date));
  } else {
    json_object_set_new(o, "date", json_null());
  }
  json_object_set_new(o, "date_source", json_string(date_source_name(a->date_source)));

  json_t *sentences = json_array();
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    json_t *pair = json_pack("[II]", (json_int_t)se->start, (json_int_t)se->end);
    json_array_append_new(sentences, pair);
  }
  json_object_set_new(o, "sentences", sentences);

  json_t *entities = json_array();
  for (size_t m = 0; m < d->nmentions; m++) {
    const doc_mention *dm = &d->mentions[m];
    const doc_entity *e = &d->entities[dm->entity];
    json_t *x = json_object();
    json_object_set_new(x, "start", json_integer(dm->start));
    json_object_set_new(x, "end", json_integer(dm->end));
    json_object_set_new(x, "text", span_text(d, dm->start, dm->end));
    json_object_set_new(x, "type", json_string(entity_type_name(e->type)));
    json_object_set_new(x, "entity", json_string(e->name));
    json_object_set_new(x, "mention", json_string(mention_kind_name(dm->kind)));
    if (e->role) json_object_set_new(x, "role", json_string(e->role));
    json_array_append_new(entities, x);
  }
  json_object_set_new(o, "entities", entities);

  json_t *dates = json_array();
  for (size_t k = 0; k < d->dates.count; k++) {
    const timex *t = &d->dates.items[k];
    json_t *x = json_object();
    json_object_set_new(x, "start", json_integer(t->start));
    json_object_set_new(x, "end", json_integer(t->end));
    json_object_set_new(x, "text", span_text(d, t->start, t->end));
    json_object_set_new(x, "type", json_string(timex_type_name(t->type)));
    json_object_set_new(x, "value", json_string(t->value));
    json_array_append_new(dates, x);
  }
  json_object_set_new(o, "dates", dates);

  json_t *events = json_array();
  for (size_t k = 0; k < d->nevents; k++) {
    const doc_event *ev = &d->events[k];
    char date[16];
    fact_date_format(&ev->date, date);
    json_t *x = json_object();
    json_object_set_new(x, "start", json_integer(ev->start));
    json_object_set_new(x, "end", json_integer(ev->end));
    json_object_set_new(x, "event", json_string(ev->type));
    json_object_set_new(x, "actor", names_of(d, ev->actors, ev->nactors));
    json_object_set_new(x, "target", names_of(d, ev->targets, ev->ntargets));
    json_object_set_new(x, "date", date[0] ? json_string(date) : json_null());
    json_object_set_new(x, "date_basis", json_string(date_basis_name(ev->date.basis)));
    if (ev->place >= 0) json_object_set_new(x, "place", json_string(d->entities[ev->place].name));
    if (ev->namounts) {
      json_t *am = json_array();
      for (int i = 0; i < ev->namounts; i++)
        json_array_append_new(am, json_pack("{s:f,s:s,s:s}", "value", ev->amounts[i].value,
                                            "currency", ev->amounts[i].currency, "text",
                                            ev->amounts[i].text));
      json_object_set_new(x, "amounts", am);
    }
    if (ev->negated) json_object_set_new(x, "negated", json_true());
    if (ev->hypothetical) json_object_set_new(x, "hypothetical", json_true());
    json_object_set_new(x, "confidence", json_real((double)(int)(ev->confidence * 100 + 0.5) / 100));
    json_array_append_new(events, x);
  }
  json_object_set_new(o, "events", events);

  json_t *quotes = json_array();
  for (size_t k = 0; k < d->nquotes; k++) {
    const doc_quote *q = &d->quotes[k];
    json_t *x = json_object();
    json_object_set_new(x, "start", json_integer(q->start));
    json_object_set_new(x, "end", json_integer(q->end));
    json_object_set_new(x, "text", span_text(d, q->start, q->end));
    json_object_set_new(x, "speaker", q->speaker >= 0 ? json_string(d->entities[q->speaker].name)
                                                      : json_null());
    if (q->addressee >= 0)
      json_object_set_new(x, "addressee", json_string(d->entities[q->addressee].name));
    if (q->indirect) json_object_set_new(x, "indirect", json_true());
    json_array_append_new(quotes, x);
  }
  json_object_set_new(o, "quotes", quotes);

  /* one write per article: json_dumpf makes a stdio call per token */
  char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!line) return -1;
  size_t n = strlen(line);
  int rc = fwrite(line, 1, n, out) == n && fputc('\n', out) != EOF ? 0 : -1;
  free(line);
  return rc;
}
