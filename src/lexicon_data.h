/* lexicon_data.h: the word lists as the build embeds them (see cmake/embed_lexicon.cmake).
 * Only lexicon.c reads these; everyone else asks lexicon.h. */
#ifndef STORYLINE_LEXICON_DATA_H
#define STORYLINE_LEXICON_DATA_H
#include <stddef.h>

typedef struct lexicon_blob {
  const char *name; /* file name without .tsv */
  const char *data; /* the file's bytes, NUL-terminated */
  size_t size;
} lexicon_blob;

extern const lexicon_blob lexicon_blobs[];
extern const size_t lexicon_blob_count;

#endif
