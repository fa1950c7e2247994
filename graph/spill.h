/* spill.h: texts kept in a temporary file rather than in memory. The graph keeps there, for
 * its outputs only, each report's sentence (the evidence and the text of every mention in
 * facts.jsonl) and each entity's mentions, and, until the events are merged, the reports
 * themselves: they grow with the input, while the rest of the graph grows with the distinct
 * facts. A store takes texts (or any bytes) and, once mapped,
 * hands out plain pointers into a read-only mapping of its file. The kernel keeps what it can
 * of the file in its page cache and writes the rest to disk; the pages a reader touched count
 * in the process's memory until fg_spill_forget lets them go (read again, they come back from
 * the cache or the disk, so a pointer never goes stale).
 *
 * The first SPILL_BUFFER bytes stay in memory, so a small run makes no file. Where no file can
 * be made or written (TMPDIR unwritable, disk full), the store says so once on stderr and
 * keeps its texts in memory instead: a run never fails for want of a temporary file. (Only a
 * disk that fails after its room was reserved stops the run, with exit status 4, as an output
 * that cannot be written does.) The file is unlinked as soon as it is made: nothing is left
 * behind, even by a killed run. It lies in $TMPDIR, else /tmp.
 *
 * Ownership: the store owns its file, mapping and buffer; pointers from fg_spill_map stay
 * valid until fg_spill_release. One thread adds; after fg_spill_map, any thread may read and
 * call fg_spill_forget. */
#ifndef STORYLINE_GRAPH_SPILL_H
#define STORYLINE_GRAPH_SPILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes kept in memory before the texts go to a file, and written to it at a time. */
#define SPILL_BUFFER (1024 * 1024)

typedef struct fg_spill {
  int fd;          /* the unlinked temporary file, or -1 (none yet, or none possible) */
  bool in_memory;  /* no file could be used: every text is in BUF */
  char *buf;       /* the texts not yet written to the file (in memory: all of them) */
  size_t nbuf, capbuf;
  uint64_t size;   /* bytes added */
  char *map;       /* after fg_spill_map: where byte 0 is (the file's mapping, or BUF) */
  bool mapped_file; /* MAP is a mapping of the file */
} fg_spill;

void fg_spill_init(fg_spill *s);
void fg_spill_release(fg_spill *s); /* closes and so deletes the file */

/* Adds the N bytes at S and a NUL; returns where they start, for fg_spill_map's pointer.
 * Only before fg_spill_map. */
uint64_t fg_spill_add(fg_spill *s, const char *text, size_t n);

/* Adds the N bytes at BYTES as they are, with no NUL: records of one size, which the store
 * then holds as an array (fg_spill_map's pointer is page-aligned). Only before fg_spill_map. */
uint64_t fg_spill_append(fg_spill *s, const void *bytes, size_t n);

/* For a store that nothing was added to: makes it SIZE bytes at once, to be filled with
 * fg_spill_put in any order (the file's space is reserved now, so that no write fails for want
 * of it), and maps it; returns what fg_spill_map would. A byte is readable once put. */
const char *fg_spill_make(fg_spill *s, uint64_t size);
void fg_spill_put(fg_spill *s, uint64_t at, const char *bytes, size_t n);

/* Ends the adding; returns where byte 0 of the store is readable (a text added at offset K is
 * the NUL-terminated string at the result + K) until fg_spill_release. Called again, the same
 * pointer. */
const char *fg_spill_map(fg_spill *s);

/* A hint that the bytes [FROM, TO) will not be read again soon: the whole pages among them
 * leave the process's memory (they stay readable). Nothing for a store in memory. */
void fg_spill_forget(const fg_spill *s, uint64_t from, uint64_t to);

/* Is the store in a file (false: in memory, for now or for good)? For tests and notes. */
bool fg_spill_in_file(const fg_spill *s);

#endif
