/* fuzz_timex.c: timex_find on arbitrary bytes (not NUL-terminated: the copy is exactly SIZE
 * bytes, so reading past the end is caught), against each of a few anchors. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size ? size : 1);
  if (!text) return 0;
  if (size) memcpy(text, data, size);
  for (size_t k = 0; k < FUZZ_NANCHORS; k++) {
    timex_list l;
    timex_list_init(&l);
    timex_find(text, 0, size, fuzz_anchors[k], &l);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < l.count; i++) {
      const timex *x = &l.items[i];
      FUZZ_CHECK(x->start < x->end && x->end <= size);
      FUZZ_CHECK(x->start >= prev_end); /* text order, no overlap */
      prev_end = x->end;
      FUZZ_CHECK(memchr(x->value, '\0', sizeof x->value) != NULL);
      FUZZ_CHECK(timex_type_name(x->type) != NULL);
      civil_date d;
      if (timex_value_to_date(x->value, &d)) FUZZ_CHECK(d.month >= 0 && d.month <= 12);
    }
    timex_list_release(&l);
  }
  free(text);
  return 0;
}
