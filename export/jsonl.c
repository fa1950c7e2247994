/* jsonl.c: facts.jsonl, one JSON object per line: every entity, then every event, then every
 * quote, each with its mentions and their provenance. Keys come in a fixed order, so the file
 * is stable.
 *
 * Written by hand into one buffer per line rather than built as jansson trees: this file is
 * the largest output (every mention carries its sentence), and building and dumping trees was
 * over a quarter of a whole build's time. The strings come from the graph, which keeps them
 * valid UTF-8; the writer escapes what JSON requires and nothing else. With a share, other
 * threads make chunks of lines while one writes, in order (export.h). */
#include "export/export.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"

/* ---- a minimal JSON writer over a strbuf ---- */

/* The most bytes the JSON string of N bytes takes: every byte escaped as \u00XX, and quotes. */
#define JSON_STRING_MAX(n) (6 * (n) + 2)

/* S (N bytes) as a JSON string at P, which has room for JSON_STRING_MAX(N); returns its end. */
static char *string_at(char *p, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  *p++ = '"';
  const char *end = s + n;
  while (s < end) {
    /* the plain bytes up to the next to escape, found and copied in one pass */
    size_t plain = json_copy_plain(p, s, (size_t)(end - s));
    p += plain;
    s += plain;
    if (s == end) break;
    unsigned char c = (unsigned char)*s++;
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      default: {
        const char esc[5] = {'u', '0', '0', hex[c >> 4], hex[c & 15]};
        memcpy(p, esc, 5);
        p += 5;
      }
    }
  }
  *p++ = '"';
  return p;
}

static void put_str(strbuf *sb, const char *s) {
  size_t n = strlen(s);
  strbuf_grow(sb, JSON_STRING_MAX(n));
  strbuf_end_at(sb, string_at(sb->data + sb->len, s, n));
}

static void put_str_or_null(strbuf *sb, const char *s) {
  if (s) put_str(sb, s);
  else strbuf_add(sb, "null", 4);
}

/* A number as short as it is exact: whole values without decimals. */
static void put_number(strbuf *sb, double v) {
  if (!isfinite(v)) {
    strbuf_add(sb, "null", 4);
  } else if (v == floor(v) && fabs(v) < 9e15) {
    if (v < 0) strbuf_addc(sb, '-');
    strbuf_add_uint(sb, (uint64_t)fabs(v));
  } else {
    strbuf_addf(sb, "%.15g", v);
  }
}

static void put_bool(strbuf *sb, bool v) { strbuf_adds(sb, v ? "true" : "false"); }

/* Starts member KEY (a string literal with nothing to escape) of an object; FIRST says
 * whether it is the object's first. */
#define put_key(sb, key, first) put_key_quoted(sb, "\"" key "\":", sizeof("\"" key "\":") - 1, first)
static inline void put_key_quoted(strbuf *sb, const char *quoted, size_t n, bool first) {
  if (!first) strbuf_addc(sb, ',');
  strbuf_add(sb, quoted, n);
}

/* ---- the facts ---- */

/* Article DOC's id as JSON ("null" for no article), its length in *N. */
static const char *doc_id_text(const export_doc_ids *ids, uint32_t doc, size_t *n) {
  const char *id = export_doc_id(ids, doc, n);
  if (id) return id;
  *n = 4;
  return "null";
}

static void doc_id_json(strbuf *sb, const export_doc_ids *ids, uint32_t doc) {
  size_t n;
  const char *id = doc_id_text(ids, doc, &n);
  strbuf_add(sb, id, n);
}

/* Copies the literal L (a string constant) to P and moves P past it. */
#define COPY_LITERAL(p, l) (memcpy((p), (l), sizeof(l) - 1), (p) += sizeof(l) - 1)

/* Mentions are most of the file: each is written in room made once for the most it can take,
 * not piece by piece. */
static void mentions_json(strbuf *sb, const export_doc_ids *ids, const fact_mention *m,
                          size_t n) {
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < n; i++) {
    if (i + 4 < n) export_prefetch(m[i + 4].text, 4); /* (record_prefetch asked for the first) */
    const char *text = m[i].text ? m[i].text : "";
    size_t tn = strlen(text);
    size_t idn;
    const char *id = doc_id_text(ids, m[i].doc, &idn);
    /* (the keys and two numbers take under 64 bytes) */
    strbuf_grow(sb, 64 + idn + JSON_STRING_MAX(tn));
    char *p = sb->data + sb->len;
    if (i) *p++ = ',';
    COPY_LITERAL(p, "{\"doc\":");
    memcpy(p, id, idn);
    p += idn;
    COPY_LITERAL(p, ",\"start\":");
    p = uint_to(p, m[i].start);
    COPY_LITERAL(p, ",\"end\":");
    p = uint_to(p, m[i].end);
    COPY_LITERAL(p, ",\"text\":");
    p = string_at(p, text, tn);
    *p++ = '}';
    strbuf_end_at(sb, p);
  }
  strbuf_addc(sb, ']');
}

static void labels_json(strbuf *sb, const factgraph *g, const size_t *idx, size_t n, bool ids) {
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) strbuf_addc(sb, ',');
    const fg_entity *e = factgraph_entity(g, idx[i]);
    put_str_or_null(sb, e ? (ids ? e->id : e->label) : NULL);
  }
  strbuf_addc(sb, ']');
}

static void documents_json(strbuf *sb, const export_doc_ids *ids, const uint32_t *docs,
                           size_t n) {
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < n; i++) {
    if (i) strbuf_addc(sb, ',');
    doc_id_json(sb, ids, docs[i]);
  }
  strbuf_addc(sb, ']');
}

static void date_json(strbuf *sb, const fact_date *d) {
  char s[11];
  fact_date_format(d, s);
  put_str_or_null(sb, s[0] ? s : NULL);
}

static void entity_json(strbuf *sb, const export_doc_ids *ids, const fg_entity *e) {
  strbuf_addc(sb, '{');
  put_key(sb, "kind", true);
  put_str(sb, "entity");
  put_key(sb, "id", false);
  put_str(sb, e->id);
  put_key(sb, "label", false);
  put_str(sb, e->label);
  put_key(sb, "type", false);
  put_str(sb, entity_type_name(e->type));
  put_key(sb, "role", false);
  put_str_or_null(sb, e->role);
  put_key(sb, "aliases", false);
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < e->naliases; i++) {
    if (i) strbuf_addc(sb, ',');
    put_str(sb, e->aliases[i]);
  }
  strbuf_addc(sb, ']');
  put_key(sb, "sources", false);
  strbuf_add_uint(sb, e->sources);
  put_key(sb, "mentions", false);
  mentions_json(sb, ids, e->mentions, e->nmentions);
  strbuf_addc(sb, '}');
}

static void event_json(strbuf *sb, const factgraph *g, const export_doc_ids *ids,
                       const fg_event *ev) {
  strbuf_addc(sb, '{');
  put_key(sb, "kind", true);
  put_str(sb, "event");
  put_key(sb, "id", false);
  put_str(sb, ev->id);
  put_key(sb, "type", false);
  put_str(sb, ev->type);
  put_key(sb, "date", false);
  date_json(sb, &ev->date);
  put_key(sb, "date_precision", false);
  put_str(sb, date_precision_name(ev->date.precision));
  put_key(sb, "date_basis", false);
  put_str(sb, date_basis_name(ev->date.basis));
  put_key(sb, "dates", false);
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < ev->ndates; i++) {
    if (i) strbuf_addc(sb, ',');
    date_json(sb, &ev->dates[i]);
  }
  strbuf_addc(sb, ']');
  put_key(sb, "actors", false);
  labels_json(sb, g, ev->actors, ev->nactors, false);
  put_key(sb, "actor_ids", false);
  labels_json(sb, g, ev->actors, ev->nactors, true);
  put_key(sb, "targets", false);
  labels_json(sb, g, ev->targets, ev->ntargets, false);
  put_key(sb, "target_ids", false);
  labels_json(sb, g, ev->targets, ev->ntargets, true);
  const fg_entity *place = ev->place >= 0 ? factgraph_entity(g, (size_t)ev->place) : NULL;
  put_key(sb, "place", false);
  put_str_or_null(sb, place ? place->label : NULL);
  put_key(sb, "place_id", false);
  put_str_or_null(sb, place ? place->id : NULL);
  put_key(sb, "amounts", false);
  strbuf_addc(sb, '[');
  for (size_t i = 0; i < ev->namounts; i++) {
    const fact_amount *a = &ev->amounts[i];
    char currency[4];
    memcpy(currency, a->currency, 3);
    currency[3] = '\0';
    strbuf_adds(sb, i ? ",{" : "{");
    put_key(sb, "value", true);
    put_number(sb, a->value);
    put_key(sb, "currency", false);
    put_str_or_null(sb, currency[0] ? currency : NULL);
    put_key(sb, "text", false);
    put_str_or_null(sb, a->text);
    strbuf_addc(sb, '}');
  }
  strbuf_addc(sb, ']');
  put_key(sb, "quote", false);
  put_str_or_null(sb, ev->quote);
  put_key(sb, "indirect", false);
  put_bool(sb, ev->quote_indirect);
  put_key(sb, "negated", false);
  put_bool(sb, ev->negated);
  put_key(sb, "hypothetical", false);
  put_bool(sb, ev->hypothetical);
  put_key(sb, "headline", false);
  put_str_or_null(sb, ev->headline);
  put_key(sb, "evidence", false);
  put_str_or_null(sb, ev->evidence);
  /* Two decimals, as in the timeline: more would pretend to a precision it does not have. */
  put_key(sb, "confidence", false);
  strbuf_add_2dp(sb, isfinite(ev->confidence) ? ev->confidence : 0.0);
  put_key(sb, "sources", false);
  strbuf_add_uint(sb, ev->ndocs);
  put_key(sb, "documents", false);
  documents_json(sb, ids, ev->docs, ev->ndocs);
  put_key(sb, "mentions", false);
  mentions_json(sb, ids, ev->mentions, ev->nmentions);
  strbuf_addc(sb, '}');
}

static void quote_json(strbuf *sb, const factgraph *g, const export_doc_ids *ids,
                       const fg_quote *q) {
  const fg_entity *sp = q->speaker >= 0 ? factgraph_entity(g, (size_t)q->speaker) : NULL;
  const fg_event *ev = factgraph_event(g, q->event); /* (a quote always has its event) */
  strbuf_addc(sb, '{');
  put_key(sb, "kind", true);
  put_str(sb, "quote");
  put_key(sb, "id", false);
  put_str(sb, q->id);
  put_key(sb, "text", false);
  put_str(sb, ev->quote ? ev->quote : "");
  put_key(sb, "speaker", false);
  put_str_or_null(sb, sp ? sp->label : NULL);
  put_key(sb, "speaker_id", false);
  put_str_or_null(sb, sp ? sp->id : NULL);
  put_key(sb, "event_id", false);
  put_str(sb, ev->id);
  put_key(sb, "indirect", false);
  put_bool(sb, ev->quote_indirect);
  put_key(sb, "sources", false);
  strbuf_add_uint(sb, ev->ndocs);
  put_key(sb, "documents", false);
  documents_json(sb, ids, ev->docs, ev->ndocs);
  put_key(sb, "mentions", false);
  mentions_json(sb, ids, ev->mentions, ev->nmentions);
  strbuf_addc(sb, '}');
}

/* Line I of the file: the entities first, then the events, then the quotes. (An entity's line
 * reads nothing but the entities: see export_jsonl_staged.) */
static void record_json(strbuf *sb, const factgraph *g, const export_doc_ids *ids, size_t i) {
  size_t nentities = factgraph_entity_count(g);
  if (i < nentities) {
    entity_json(sb, ids, factgraph_entity(g, i));
  } else {
    size_t nevents = factgraph_event_count(g);
    if (i - nentities < nevents) event_json(sb, g, ids, factgraph_event(g, i - nentities));
    else quote_json(sb, g, ids, factgraph_quote(g, i - nentities - nevents));
  }
  strbuf_addc(sb, '\n');
}

/* The strings of a line lie all over memory (sentences kept as the articles came in, labels,
 * ids): reading each is a miss in the cache, which is most of the cost of writing the file.
 * The lines are made in order, so what line I reads is asked for a few lines ahead, in three
 * stages, each reading only what an earlier one asked for: STAGE 0 the record's own strings
 * and its arrays, STAGE 1 the mentions' texts and the records of the entities it names,
 * STAGE 2 their names (export_prefetch_event). */
#define PREFETCH_AHEAD 16
static void record_prefetch(const factgraph *g, size_t i, int stage) {
  size_t nentities = factgraph_entity_count(g);
  const fact_mention *m;
  size_t nm;
  size_t nevents = i < nentities ? 0 : factgraph_event_count(g);
  if (i < nentities) {
    const fg_entity *e = factgraph_entity(g, i);
    m = e->mentions, nm = e->nmentions;
    if (stage == 0) export_prefetch(e->label, 1);
  } else if (i - nentities < nevents) {
    const fg_event *ev = factgraph_event(g, i - nentities);
    m = ev->mentions, nm = ev->nmentions;
    export_prefetch_event(g, ev, stage);
  } else if (i - nentities - nevents < factgraph_quote_count(g)) {
    /* (a quote's words and spans are its event's: the event is asked for at stage 0, what
     * it points to at 1, and its spans a stage later than a record's own) */
    const fg_quote *q = factgraph_quote(g, i - nentities - nevents);
    const fg_event *ev = factgraph_event(g, q->event);
    const fg_entity *sp = q->speaker >= 0 ? factgraph_entity(g, (size_t)q->speaker) : NULL;
    if (stage == 0) {
      export_prefetch(q->id, 1);
      __builtin_prefetch(ev);
      __builtin_prefetch(sp);
      return;
    }
    if (stage == 1) {
      export_prefetch(ev->id, 1);
      export_prefetch(ev->quote, 4);
      if (sp) export_prefetch(sp->label, 1), export_prefetch(sp->id, 1);
    }
    m = ev->mentions, nm = ev->nmentions;
    stage--;
  } else {
    return;
  }
  if (stage == 0) __builtin_prefetch(m);
  else if (stage == 1)
    for (size_t k = 0; k < nm && k < 4; k++) export_prefetch(m[k].text, 4);
}

/* Asks for what the lines after line I (up to line LIMIT) read, stage by stage
 * (record_prefetch). */
static void prefetch_ahead(const factgraph *g, size_t i, size_t limit) {
  for (int stage = 0; stage < 3; stage++)
    if (i + (PREFETCH_AHEAD >> stage) < limit)
      record_prefetch(g, i + (PREFETCH_AHEAD >> stage), stage);
}

/* Lets the graph's memory of what the lines before LAST read go (factgraph_forget_entity_mentions,
 * factgraph_text_reader_at with the file's READER): the entities' mentions, the events'
 * sentences, and the quotes' their events' again. Called every FORGET_EVERY lines, but every
 * FORGET_ENTITIES_EVERY lines of entities: a call that lets memory go costs the kernel a flush
 * of every core's address cache, but an entity line reads hundreds of mentions on average (24
 * bytes each) and thousands where outlets carry the same news (4096 entity lines read 35 MB
 * of them with four outlets). */
#define FORGET_EVERY 4096
#define FORGET_ENTITIES_EVERY 256
/* Whether to forget_texts after line LAST, the N-th of its run of lines. */
static bool forget_due(const factgraph *g, size_t n, size_t last) {
  return n % FORGET_EVERY == 0 ||
         (n % FORGET_ENTITIES_EVERY == 0 && last <= factgraph_entity_count(g));
}
static void forget_texts(const factgraph *g, int reader, size_t last) {
  size_t nentities = factgraph_entity_count(g), nevents = factgraph_event_count(g);
  factgraph_forget_entity_mentions(g, last < nentities ? last : nentities);
  if (last <= nentities) return;
  if (last - nentities <= nevents) factgraph_text_reader_at(g, reader, last - nentities);
  else /* (the quotes, of events in event order: up to the last one's) */
    factgraph_text_reader_at(g, reader, factgraph_quote(g, last - nentities - nevents - 1)->event + 1);
}

/* Lines FIRST .. LAST into SB, their strings asked for ahead, but for no line from LIMIT on. */
static void records_json(strbuf *sb, const factgraph *g, const export_doc_ids *ids, size_t first,
                         size_t last, size_t limit) {
  for (int stage = 0; stage < 3; stage++)
    for (size_t i = first; i < last && i < first + (PREFETCH_AHEAD >> stage); i++)
      record_prefetch(g, i, stage);
  for (size_t i = first; i < last; i++) {
    prefetch_ahead(g, i, limit);
    record_json(sb, g, ids, i);
  }
}

static size_t record_count(const factgraph *g) {
  return factgraph_entity_count(g) + factgraph_event_count(g) + factgraph_quote_count(g);
}

int export_jsonl(const factgraph *g, FILE *out) {
  return export_jsonl_staged(g, out, NULL, NULL, NULL);
}

/* ---- several threads on one file ---- */

/* The lines are made in chunks of this many (a few hundred kilobytes of a large run): small
 * enough that a thread's buffer stays small and the threads take turns often, large enough
 * that taking turns costs nothing. */
#define CHUNK_RECORDS 256

typedef enum share_state { SHARE_WAITING, SHARE_OPEN, SHARE_CLOSED } share_state;

struct jsonl_share {
  pthread_mutex_t lock;
  pthread_cond_t changed;   /* the state, or the chunk whose turn it is to be written */
  share_state state;
  const factgraph *g;       /* while open: the file being made */
  FILE *out;
  const export_doc_ids *ids;
  size_t first;             /* the first line the chunks make (the lines before are written) */
  size_t records, chunks;
  size_t next_chunk;        /* the first chunk nobody has taken */
  size_t next_written;      /* the chunk whose turn it is to be written */
  int reader;               /* the file's reader of the events' sentences */
  bool failed;              /* a write failed: the chunks left are not made */
};

jsonl_share *export_jsonl_share_new(void) {
  jsonl_share *s = xcalloc(1, sizeof *s);
  pthread_mutex_init(&s->lock, NULL);
  pthread_cond_init(&s->changed, NULL);
  return s;
}

void export_jsonl_share_free(jsonl_share *s) {
  if (!s) return;
  pthread_mutex_destroy(&s->lock);
  pthread_cond_destroy(&s->changed);
  free(s);
}

void export_jsonl_share_close(jsonl_share *s) {
  pthread_mutex_lock(&s->lock);
  s->state = SHARE_CLOSED;
  pthread_cond_broadcast(&s->changed);
  pthread_mutex_unlock(&s->lock);
}

/* Takes chunks until none is left: makes each in SB, waits for its turn, writes it. Called
 * with the lock held; returns with it held. */
static void take_chunks(jsonl_share *s, strbuf *sb) {
  while (!s->failed && s->next_chunk < s->chunks) {
    size_t chunk = s->next_chunk++;
    pthread_mutex_unlock(&s->lock);
    size_t first = s->first + chunk * CHUNK_RECORDS;
    size_t last = first + CHUNK_RECORDS < s->records ? first + CHUNK_RECORDS : s->records;
    strbuf_reset(sb);
    records_json(sb, s->g, s->ids, first, last, s->records);
    /* (the lines up to this chunk's end: chunks before it still being made read again what
     * they need) */
    if (forget_due(s->g, last - s->first, last)) forget_texts(s->g, s->reader, last);
    pthread_mutex_lock(&s->lock);
    while (s->next_written != chunk) pthread_cond_wait(&s->changed, &s->lock);
    bool skip = s->failed;
    pthread_mutex_unlock(&s->lock);
    /* the chunks before this one are written and the next waits for it: the file is ours */
    bool ok = !skip && fwrite(sb->data, 1, sb->len, s->out) == sb->len;
    pthread_mutex_lock(&s->lock);
    if (!ok) s->failed = true;
    s->next_written++;
    pthread_cond_broadcast(&s->changed);
  }
}

void export_jsonl_help(jsonl_share *s) {
  strbuf sb;
  strbuf_init(&sb);
  pthread_mutex_lock(&s->lock);
  while (s->state == SHARE_WAITING) pthread_cond_wait(&s->changed, &s->lock);
  if (s->state == SHARE_OPEN) take_chunks(s, &sb);
  pthread_mutex_unlock(&s->lock);
  strbuf_release(&sb);
}

int export_jsonl_shared(const factgraph *g, FILE *out, jsonl_share *share) {
  return export_jsonl_staged(g, out, share, NULL, NULL);
}

int export_jsonl_staged(const factgraph *g, FILE *out, jsonl_share *share,
                        bool (*wait)(void *ctx, jsonl_wait what), void *ctx) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  export_doc_ids ids;
  export_doc_ids_init(&ids, g, put_str_or_null);
  strbuf sb;
  strbuf_init(&sb);
  bool ok = true;
  size_t first = 0; /* the first line not written yet */
  if (wait) {
    /* The entities' lines while the graph's events are still being merged: they read
     * nothing else (record_json), and nothing past the last entity is asked for ahead. Each
     * piece waits for a core the merge leaves free: taken from a step of the merge on two
     * threads, the core would slow the merge more than the piece gains. */
    size_t nentities = factgraph_entity_count(g);
    for (; ok && first < nentities; first += CHUNK_RECORDS) {
      wait(ctx, JSONL_WAIT_CORE);
      size_t last = first + CHUNK_RECORDS < nentities ? first + CHUNK_RECORDS : nentities;
      strbuf_reset(&sb);
      records_json(&sb, g, &ids, first, last, nentities);
      ok = export_flush(&sb, out, true);
      forget_texts(g, -1, last);
    }
    first = nentities;
    if (!wait(ctx, JSONL_WAIT_REST)) { /* the graph was not finished: no file */
      export_doc_ids_release(&ids);
      strbuf_release(&sb);
      return 1;
    }
  }
  size_t records = record_count(g);
  int reader = factgraph_text_reader_open(g);
  if (share) {
    pthread_mutex_lock(&share->lock);
    share->g = g;
    share->out = out;
    share->ids = &ids;
    share->first = first;
    share->records = records;
    share->chunks = (records - first + CHUNK_RECORDS - 1) / CHUNK_RECORDS;
    if (!ok) share->chunks = 0;
    share->next_chunk = share->next_written = 0;
    share->reader = reader;
    share->failed = false;
    share->state = SHARE_OPEN;
    pthread_cond_broadcast(&share->changed);
    take_chunks(share, &sb);
    /* a helper may still be making or writing the last chunks it took */
    while (share->next_written < share->next_chunk)
      pthread_cond_wait(&share->changed, &share->lock);
    ok = ok && !share->failed;
    share->state = SHARE_CLOSED;
    pthread_cond_broadcast(&share->changed);
    pthread_mutex_unlock(&share->lock);
  } else {
    for (size_t i = first; ok && i < records; i++) {
      prefetch_ahead(g, i, records);
      record_json(&sb, g, &ids, i);
      ok = export_flush(&sb, out, i + 1 == records);
      if (forget_due(g, i + 1 - first, i + 1)) forget_texts(g, reader, i + 1);
    }
  }
  factgraph_text_reader_close(g, reader);
  export_doc_ids_release(&ids);
  strbuf_release(&sb);
  if (fflush(out) == EOF || ferror(out)) ok = false;
  return ok ? 0 : -1;
}
