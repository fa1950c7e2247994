/* timeline.c: timeline.csv (RFC 4180), plain or with TimelineJS's columns first. libcsv quotes
 * a field; the separators and CRLF line ends are written here. */
#include "export/export.h"

#include <errno.h>
#include <string.h>

#include <csv.h>

#include "export/export_internal.h"

static const char *const PLAIN_COLUMNS[] = {
    "event_id", "date",   "date_precision", "date_basis", "event",     "actor",
    "target",   "place",  "amount",         "quote",      "headline",  "sources",
    "documents", "evidence", "confidence",
};

static const char *const TIMELINEJS_COLUMNS[] = {
    "Year",       "Month",     "Day",          "Time",           "End Year",
    "End Month",  "End Day",   "End Time",     "Display Date",   "Headline",
    "Text",       "Media",     "Media Credit", "Media Caption",  "Media Thumbnail",
    "Type",       "Group",     "Background",
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* The rows being built: their bytes, gathered and written some at a time; the first write
 * error. */
typedef struct row {
  FILE *out;
  size_t nfields;
  bool failed;
  strbuf line;
} row;

static void put_field(row *r, const char *s) {
  if (r->nfields++) strbuf_addc(&r->line, ',');
  /* Quote only where RFC 4180 needs it, so plain fields stay readable. A scan sixteen bytes
   * at a time finds the first byte that needs it: most fields have none. */
  size_t n = strlen(s), plain = csv_plain_prefix(s, n);
  if (plain == n) {
    strbuf_add(&r->line, s, n);
  } else if (memchr(s + plain, '"', n - plain)) {
    /* (room for the worst case, every byte a doubled quote, so libcsv writes it in one go) */
    strbuf_grow(&r->line, 2 * n + 2);
    size_t need = csv_write(r->line.data + r->line.len, 2 * n + 2, s, n);
    r->line.len += need;
    r->line.data[r->line.len] = '\0';
  } else {
    /* no quote inside: what csv_write writes is the field between two quotes (a sentence with
     * commas, most evidence), copied at once rather than byte by byte */
    strbuf_addc(&r->line, '"');
    strbuf_add(&r->line, s, n);
    strbuf_addc(&r->line, '"');
  }
}

static void put_int(row *r, int v, bool present) {
  char buf[16] = "";
  if (present) snprintf(buf, sizeof buf, "%d", v);
  put_field(r, buf);
}

/* Writes the rows gathered (export_flush). */
static void write_rows(row *r, bool all) {
  if (!export_flush(&r->line, r->out, all)) r->failed = true;
}

static void end_row(row *r) {
  strbuf_add(&r->line, "\r\n", 2);
  r->nfields = 0;
  write_rows(r, false);
}

static void put_plain_columns(row *r, const factgraph *g, const export_doc_ids *ids,
                              const fg_event *ev, strbuf *sb) {
  char date[11];
  fact_date_format(&ev->date, date);
  put_field(r, ev->id);
  put_field(r, date);
  put_field(r, date_precision_name(ev->date.precision));
  put_field(r, date_basis_name(ev->date.basis));
  put_field(r, ev->type);
  strbuf_reset(sb);
  export_add_labels(sb, g, ev->actors, ev->nactors);
  put_field(r, sb->len ? sb->data : "");
  strbuf_reset(sb);
  export_add_labels(sb, g, ev->targets, ev->ntargets);
  put_field(r, sb->len ? sb->data : "");
  const fg_entity *place = ev->place >= 0 ? factgraph_entity(g, (size_t)ev->place) : NULL;
  put_field(r, place ? place->label : "");
  strbuf_reset(sb);
  for (size_t i = 0; i < ev->namounts; i++) {
    if (i) strbuf_adds(sb, "; ");
    export_add_amount(sb, &ev->amounts[i]);
  }
  put_field(r, sb->len ? sb->data : "");
  put_field(r, ev->quote ? ev->quote : "");
  put_field(r, ev->headline);
  strbuf_reset(sb);
  strbuf_add_uint(sb, ev->ndocs);
  put_field(r, sb->data);
  strbuf_reset(sb);
  export_add_documents(sb, ids, ev->docs, ev->ndocs);
  put_field(r, sb->len ? sb->data : "");
  put_field(r, ev->evidence ? ev->evidence : "");
  strbuf_reset(sb);
  strbuf_add_2dp(sb, ev->confidence);
  put_field(r, sb->data);
}

static void put_timelinejs_columns(row *r, const fg_event *ev) {
  const fact_date *d = &ev->date;
  char date[11];
  fact_date_format(d, date);
  put_int(r, d->year, d->precision >= PRECISION_YEAR);
  put_int(r, d->month, d->precision >= PRECISION_MONTH);
  put_int(r, d->day, d->precision >= PRECISION_DAY);
  for (int i = 0; i < 5; i++) put_field(r, ""); /* Time, End Year, End Month, End Day, End Time */
  put_field(r, date);
  put_field(r, ev->headline);
  /* The quoted words say more than the sentence around them. */
  put_field(r, ev->quote ? ev->quote : ev->evidence ? ev->evidence : "");
  for (int i = 0; i < 5; i++) put_field(r, ""); /* Media, Credit, Caption, Thumbnail, Type */
  put_field(r, ev->type);
  put_field(r, ""); /* Background */
}

/* An event's strings lie all over memory: reading each is a miss in the cache. They are asked
 * for some rows ahead (export_prefetch_event), so that they are there when the row is made. */
#define PREFETCH_AHEAD 16
/* Rows made between two calls of factgraph_text_reader_at. */
#define FORGET_EVERY 4096
static void prefetch_ahead(const factgraph *g, size_t i) {
  export_prefetch_event(g, factgraph_event(g, i + PREFETCH_AHEAD), 0);
  export_prefetch_event(g, factgraph_event(g, i + PREFETCH_AHEAD / 2), 1);
  export_prefetch_event(g, factgraph_event(g, i + PREFETCH_AHEAD / 4), 2);
}

int export_timeline(const factgraph *g, timeline_format format, FILE *out) {
  if (!out) {
    errno = EINVAL;
    return -1;
  }
  row r = {out, 0, false, {NULL, 0, 0}};
  bool js = format == TIMELINE_TIMELINEJS;
  if (js)
    for (size_t i = 0; i < NCOLS(TIMELINEJS_COLUMNS); i++) put_field(&r, TIMELINEJS_COLUMNS[i]);
  for (size_t i = 0; i < NCOLS(PLAIN_COLUMNS); i++) put_field(&r, PLAIN_COLUMNS[i]);
  end_row(&r);
  strbuf sb;
  strbuf_init(&sb);
  export_doc_ids ids;
  export_doc_ids_init(&ids, g, NULL);
  int reader = factgraph_text_reader_open(g);
  for (size_t i = 0; i < factgraph_event_count(g) && !r.failed; i++) {
    /* (the sentences of the rows made: see factgraph_text_reader_open) */
    if (i && i % FORGET_EVERY == 0) factgraph_text_reader_at(g, reader, i);
    prefetch_ahead(g, i);
    const fg_event *ev = factgraph_event(g, i);
    if (ev->negated || ev->hypothetical) continue;
    if (js) put_timelinejs_columns(&r, ev);
    put_plain_columns(&r, g, &ids, ev, &sb);
    end_row(&r);
  }
  factgraph_text_reader_close(g, reader);
  export_doc_ids_release(&ids);
  strbuf_release(&sb);
  write_rows(&r, true);
  strbuf_release(&r.line);
  if (fflush(out) == EOF || ferror(out)) r.failed = true;
  return r.failed ? -1 : 0;
}
