/* fuzz_annotate.c: the annotate path (read, analyse, write the JSON line) on arbitrary bytes
 * read as a .txt and as a .jsonl file; what it writes must be one line of valid JSON. */
#include <jansson.h>

#include "annotate.h"
#include "fuzz.h"

static void annotate_one(const article *a) {
  doc d;
  doc_init(&d, a);
  doc_analyze(&d);
  fuzz_check_doc(&d);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  FUZZ_CHECK(f != NULL);
  FUZZ_CHECK(annotate_write(&d, f) == 0);
  FUZZ_CHECK(fclose(f) == 0);
  FUZZ_CHECK(len > 0 && buf[len - 1] == '\n');
  FUZZ_CHECK(memchr(buf, '\n', len) == buf + len - 1);
  json_error_t err;
  json_t *j = json_loadb(buf, len, JSON_ALLOW_NUL, &err);
  if (!j) fprintf(stderr, "annotate wrote invalid JSON: %s at %d\n", err.text, err.position);
  FUZZ_CHECK(j != NULL && json_is_object(j));
  json_decref(j);
  free(buf);
  doc_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"fuzz.txt", "fuzz.jsonl"};
  for (size_t i = 0; i < 2; i++) {
    article a;
    if (article_parse_text(names[i], (const char *)data, size, &a, fuzz_ignore_problem, NULL))
      annotate_one(&a);
    article_release(&a);
  }
  return 0;
}
