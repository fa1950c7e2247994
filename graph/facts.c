/* facts.c: names for the fact model's enums and the ISO form of a date (see facts.h).
 * Owned by the graph module; the extractor and the writers only call these. */
#include "graph/facts.h"

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
  if (p == PRECISION_UNKNOWN) return;
  /* "%04d-%02d-%02d" by hand: dates are formatted for every event in every output */
  int y = d->year;
  out[0] = (char)('0' + y / 1000);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  size_t n = 4;
  if (p >= PRECISION_MONTH) {
    out[n++] = '-';
    out[n++] = (char)('0' + d->month / 10);
    out[n++] = (char)('0' + d->month % 10);
  }
  if (p == PRECISION_DAY) {
    out[n++] = '-';
    out[n++] = (char)('0' + d->day / 10);
    out[n++] = (char)('0' + d->day % 10);
  }
  out[n] = '\0';
}

long fact_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void fact_civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}
