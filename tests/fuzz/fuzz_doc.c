/* fuzz_doc.c: the whole extractor (tokens, sentences, furniture, quotes, dates, names,
 * coreference, events) on an article made from arbitrary bytes, with the date the article
 * gives, with none, and with a fixed one; every span must lie in the text. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  article a;
  if (!article_parse_text("fuzz.txt", (const char *)data, size, &a, fuzz_ignore_problem, NULL)) {
    article_release(&a);
    return 0;
  }
  const civil_date own = a.date;
  const date_source own_source = a.date_source;
  for (int round = 0; round < 3; round++) {
    if (round == 1) {
      a.date = (civil_date){0, 0, 0};
      a.date_source = DATE_SOURCE_NONE;
    } else if (round == 2) {
      a.date = (civil_date){2017, 3, 24};
      a.date_source = DATE_SOURCE_OPTION;
    }
    doc d;
    doc_init(&d, &a);
    doc_analyze(&d);
    fuzz_check_doc(&d);
    doc_release(&d);
  }
  a.date = own;
  a.date_source = own_source;
  article_release(&a);
  return 0;
}
