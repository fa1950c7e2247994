/* facts.c: names for the fact model's enums and the ISO form of a date (see facts.h).
 * Owned by the graph module; the extractor and the writers only call these. */
#include "graph/facts.h"

#include <stdio.h>
#include <strings.h>

const char *entity_type_name(entity_type t) {
  switch (t) {
  case ENTITY_PERSON: return "PERSON";
  case ENTITY_ORG: return "ORG";
  case ENTITY_GPE: return "GPE";
  case ENTITY_LOC: return "LOC";
  case ENTITY_OTHER: break;
  }
  return "MISC";
}

bool entity_type_parse(const char *s, entity_type *out) {
  if (!s) return false;
  for (int t = ENTITY_PERSON; t <= ENTITY_OTHER; t++)
    if (strcasecmp(s, entity_type_name((entity_type)t)) == 0) {
      *out = (entity_type)t;
      return true;
    }
  if (strcasecmp(s, "OTHER") == 0) {
    *out = ENTITY_OTHER;
    return true;
  }
  return false;
}

const char *date_precision_name(date_precision p) {
  switch (p) {
  case PRECISION_YEAR: return "year";
  case PRECISION_MONTH: return "month";
  case PRECISION_DAY: return "day";
  case PRECISION_UNKNOWN: break;
  }
  return "unknown";
}

const char *date_basis_name(date_basis b) {
  switch (b) {
  case BASIS_TEXT: return "text";
  case BASIS_PUBLICATION: return "publication";
  case BASIS_NONE: break;
  }
  return "none";
}

void fact_date_format(const fact_date *d, char *out) {
  out[0] = '\0';
  /* Callers may hand in anything; a part out of range drops the date to the coarser precision
   * rather than printing a malformed or overlong string. */
  if (!d || d->year < 0 || d->year > 9999) return;
  date_precision p = d->precision;
  if (p >= PRECISION_MONTH && (d->month < 1 || d->month > 12)) p = PRECISION_YEAR;
  if (p == PRECISION_DAY && (d->day < 1 || d->day > 31)) p = PRECISION_MONTH;
  switch (p) {
  case PRECISION_DAY: snprintf(out, 11, "%04d-%02d-%02d", d->year, d->month, d->day); break;
  case PRECISION_MONTH: snprintf(out, 11, "%04d-%02d", d->year, d->month); break;
  case PRECISION_YEAR: snprintf(out, 11, "%04d", d->year); break;
  case PRECISION_UNKNOWN: break;
  }
}
