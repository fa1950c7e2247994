/* test_article.c: the article reader (formats, headers, ids, problems, directories, size and
 * encoding limits) and the publication date (header, JSON fields, date lines, datelines). */
#define _DEFAULT_SOURCE /* syscall(): capget and capset, for test_unreadable_file */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "io_count.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------------------------ */

#define MAX_PROBLEMS 32

typedef struct problems {
  char file[MAX_PROBLEMS][512];
  char message[MAX_PROBLEMS][256];
  bool fatal[MAX_PROBLEMS];
  int count;
} problems;

static void collect(void *ctx, const char *file, const char *message, bool fatal) {
  problems *p = ctx;
  if (p->count >= MAX_PROBLEMS) return;
  snprintf(p->file[p->count], sizeof p->file[0], "%s", file);
  snprintf(p->message[p->count], sizeof p->message[0], "%s", message);
  p->fatal[p->count] = fatal;
  p->count++;
}

static char tmpdir[256];

static int make_tmpdir(void **state) {
  (void)state;
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/test_article_XXXXXX", base && *base ? base : "/tmp");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static void rm_rf(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char sub[1024];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        rm_rf(sub);
      }
      closedir(d);
    }
    rmdir(path);
  } else
    unlink(path);
}

static int remove_tmpdir(void **state) {
  (void)state;
  rm_rf(tmpdir);
  return 0;
}

/* Path of REL inside the temporary directory (static buffer rotation: a few at a time). */
static const char *tpath(const char *rel) {
  static char bufs[8][1024];
  static int next;
  char *b = bufs[next++ % 8];
  snprintf(b, sizeof bufs[0], "%s/%s", tmpdir, rel);
  return b;
}

static void write_bytes(const char *rel, const char *data, size_t n) {
  char path[1024];
  snprintf(path, sizeof path, "%s", tpath(rel));
  /* create parent directories */
  for (char *s = strchr(path + strlen(tmpdir) + 1, '/'); s; s = strchr(s + 1, '/')) {
    *s = '\0';
    mkdir(path, 0700);
    *s = '/';
  }
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static void write_file(const char *rel, const char *text) { write_bytes(rel, text, strlen(text)); }

/* Reads all articles of the inputs into OUT (at most MAX); returns how many. */
static size_t read_all(const char *const *inputs, size_t n, article *out, size_t max,
                       problems *probs) {
  article_reader *r = article_reader_new(inputs, n, collect, probs);
  size_t count = 0;
  article a;
  while (article_reader_next(r, &a)) {
    if (count < max) out[count++] = a;
    else article_release(&a);
  }
  article_reader_free(r);
  return count;
}

static void release_all(article *a, size_t n) {
  for (size_t i = 0; i < n; i++) article_release(&a[i]);
}

static bool has_problem(const problems *p, const char *message, bool fatal) {
  for (int i = 0; i < p->count; i++)
    if (strcmp(p->message[i], message) == 0 && p->fatal[i] == fatal) return true;
  return false;
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- plain text --------------------------------------------------------------------------- */

static void test_plain_header(void **state) {
  (void)state;
  const char *text = "Title: Harbour reopens\nDate: 2019-06-05\nSource: Coast Times\n"
                     "URL: https://example.org/a\n\nThe harbour reopened on Tuesday.\n";
  write_file("harbour.txt", text);
  const char *in[] = {tpath("harbour.txt")};
  article a[2];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 2, &p), 1);
  assert_int_equal(p.count, 0);
  assert_string_equal(a[0].id, "harbour");
  assert_string_equal(a[0].file, in[0]);
  assert_string_equal(a[0].title, "Harbour reopens");
  assert_string_equal(a[0].source, "Coast Times");
  assert_string_equal(a[0].url, "https://example.org/a");
  assert_int_equal(a[0].len, strlen(text));
  assert_memory_equal(a[0].text, text, strlen(text)); /* the whole file: offsets index it */
  assert_int_equal(a[0].body, strstr(text, "The harbour") - text);
  assert_int_equal(a[0].date.year, 2019);
  assert_int_equal(a[0].date.month, 6);
  assert_int_equal(a[0].date.day, 5);
  assert_int_equal(a[0].date_source, DATE_SOURCE_HEADER);
  release_all(a, 1);
}

static void test_plain_header_any_case_and_order(void **state) {
  (void)state;
  const char *text = "url: https://example.org/b\r\nTITLE: Bridge closed\r\n\r\nBody line.\r\n";
  article a;
  problems p = {0};
  assert_true(article_parse_text("dir/bridge.txt", text, strlen(text), &a, collect, &p));
  assert_string_equal(a.title, "Bridge closed");
  assert_string_equal(a.url, "https://example.org/b");
  assert_null(a.source);
  assert_int_equal(a.body, strstr(text, "Body") - text);
  assert_string_equal(a.id, "bridge");
  assert_int_equal(a.date_source, DATE_SOURCE_NONE);
  assert_string_equal(date_source_name(a.date_source), "none");
  article_release(&a);
}

static void test_plain_without_header(void **state) {
  (void)state;
  const char *text = "A plain story.\n\nTitle: not a header here\n";
  write_file("story", text); /* no extension */
  const char *in[] = {tpath("story")};
  article a[2];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 2, &p), 1);
  assert_int_equal(p.count, 0);
  assert_string_equal(a[0].id, "story");
  assert_null(a[0].title);
  assert_int_equal(a[0].body, 0);
  assert_string_equal(a[0].text, text);
  release_all(a, 1);
}

static void test_plain_bom_and_header_only(void **state) {
  (void)state;
  const char *bom = "\xEF\xBB\xBFTitle: T\n\nText.";
  article a;
  problems p = {0};
  assert_true(article_parse_text("b.txt", bom, strlen(bom), &a, collect, &p));
  assert_string_equal(a.title, "T");
  assert_int_equal(a.body, strlen(bom) - 5);
  article_release(&a);
  const char *only = "Title: Nothing follows\n\n";
  assert_false(article_parse_text("c.txt", only, strlen(only), &a, collect, &p));
  assert_true(has_problem(&p, "no article text", true));
}

/* ---- JSON ----------------------------------------------------------------------------------- */

static void test_jsonl_fields_ids_and_malformed_line(void **state) {
  (void)state;
  const char *text =
      "{\"id\": \"x1\", \"title\": \"First\", \"maintext\": \"Text one.\", "
      "\"date_publish\": \"2019-06-05 10:30:00\", \"source_domain\": \"example.org\", "
      "\"url\": \"https://example.org/1\"}\n"
      "{\"title\": \"broken\", \"maintext\": \n"
      "\n"
      "{\"title\": \"Third\", \"text\": \"Text three.\", \"date\": \"2018-01-31T08:00:00Z\", "
      "\"source\": \"Example\"}\n"
      "{\"title\": \"No text\", \"maintext\": null}\n"
      "{\"maintext\": \"Text six.\", \"id\": 42}\n";
  write_file("feed.jsonl", text);
  const char *in[] = {tpath("feed.jsonl")};
  article a[8];
  problems p = {0};
  size_t n = read_all(in, 1, a, 8, &p);
  assert_int_equal(n, 3);
  assert_string_equal(a[0].id, "x1");
  assert_string_equal(a[0].title, "First");
  assert_string_equal(a[0].text, "Text one."); /* the title is kept apart */
  assert_int_equal(a[0].len, 9);
  assert_int_equal(a[0].body, 0);
  assert_string_equal(a[0].source, "example.org");
  assert_string_equal(a[0].url, "https://example.org/1");
  assert_int_equal(a[0].date.year, 2019);
  assert_int_equal(a[0].date.month, 6);
  assert_int_equal(a[0].date.day, 5);
  assert_int_equal(a[0].date_source, DATE_SOURCE_HEADER);
  assert_string_equal(a[1].id, "feed-4"); /* line number: ids stay unique */
  assert_string_equal(a[1].text, "Text three.");
  assert_string_equal(a[1].source, "Example");
  assert_int_equal(a[1].date.year, 2018);
  assert_int_equal(a[1].date.month, 1);
  assert_int_equal(a[1].date.day, 31);
  assert_string_equal(a[2].id, "42");
  assert_int_equal(a[2].date_source, DATE_SOURCE_NONE);
  assert_int_equal(p.count, 2);
  assert_true(starts_with(p.message[0], "line 2: malformed JSON: "));
  assert_true(strlen(p.message[0]) > strlen("line 2: malformed JSON: "));
  assert_true(p.fatal[0]);
  assert_string_equal(p.file[0], in[0]);
  assert_string_equal(p.message[1], "line 5: no article text");
  assert_true(p.fatal[1]);
  release_all(a, n);
}

static void test_jsonl_single_line_uses_file_name(void **state) {
  (void)state;
  write_file("one.jsonl", "\n{\"maintext\": \"Only one.\"}\n\n");
  const char *in[] = {tpath("one.jsonl")};
  article a[2];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 2, &p), 1);
  assert_string_equal(a[0].id, "one");
  assert_int_equal(p.count, 0);
  release_all(a, 1);
}

/* A JSON Lines file is read in large pieces, not in stdio's 4 KB: 2 MB of articles in a few
 * reads (512 with 4 KB), and every article whole. */
static void test_jsonl_read_in_large_pieces(void **state) {
  (void)state;
  enum { LINES = 400, WORDS = 800 };
  strbuf sb;
  strbuf_init(&sb);
  for (int i = 0; i < LINES; i++) {
    strbuf_addf(&sb, "{\"id\": \"a%d\", \"maintext\": \"", i);
    for (int w = 0; w < WORDS; w++) strbuf_adds(&sb, "word ");
    strbuf_adds(&sb, "end.\"}\n");
  }
  write_bytes("big.jsonl", sb.data, sb.len);
  strbuf_release(&sb);
  const char *inputs[] = {tpath("big.jsonl")};
  problems probs = {0};
  article_reader *r = article_reader_new(inputs, 1, collect, &probs);
  long before = io_count("syscr");
  size_t count = 0;
  article a;
  while (article_reader_next(r, &a)) {
    assert_int_equal(a.len, WORDS * 5 + 4);
    count++;
    article_release(&a);
  }
  long reads = io_count("syscr") - before;
  article_reader_free(r);
  assert_int_equal(count, LINES);
  assert_int_equal(probs.count, 0);
  if (reads > 16) fail_msg("%ld reads for %d KB", reads, LINES * (WORDS * 5 + 40) / 1024);
}

static void test_json_object_and_array(void **state) {
  (void)state;
  write_file("single.json", "{\"title\": \"S\", \"maintext\": \"Single text.\", "
                            "\"date_publish\": \"Fri, 07 Jun 2019 10:30:00 +0000\"}");
  write_file("many.json", "[{\"maintext\": \"A.\"}, 5, {\"text\": \"C.\", \"id\": \"c\"}, "
                          "{\"maintext\": \"D.\", \"date_publish\": 1559728800}]");
  const char *in[] = {tpath("single.json"), tpath("many.json")};
  article a[8];
  problems p = {0};
  size_t n = read_all(in, 2, a, 8, &p);
  assert_int_equal(n, 4);
  assert_string_equal(a[0].id, "single");
  assert_string_equal(a[0].title, "S");
  assert_int_equal(a[0].date.year, 2019);
  assert_int_equal(a[0].date.month, 6);
  assert_int_equal(a[0].date.day, 7);
  assert_string_equal(a[1].id, "many-1");
  assert_string_equal(a[1].text, "A.");
  assert_string_equal(a[2].id, "c");
  assert_string_equal(a[3].id, "many-4");
  /* a Unix timestamp: 2019-06-05T10:00:00Z */
  assert_int_equal(a[3].date.year, 2019);
  assert_int_equal(a[3].date.month, 6);
  assert_int_equal(a[3].date.day, 5);
  assert_int_equal(p.count, 1);
  assert_string_equal(p.message[0], "item 2: not a JSON object");
  release_all(a, n);
}

static void test_json_malformed_file(void **state) {
  (void)state;
  article a;
  problems p = {0};
  const char *bad = "{\"maintext\": \"x\",\n \"title\": }";
  assert_false(article_parse_text("bad.json", bad, strlen(bad), &a, collect, &p));
  assert_int_equal(p.count, 1);
  assert_true(starts_with(p.message[0], "line 2: malformed JSON: "));
  /* a date only in the text of a JSON article is still found */
  const char *j = "{\"maintext\": \"LIMA, June 5 (Agency) - Text.\"}";
  assert_true(article_parse_text("j.json", j, strlen(j), &a, collect, &p));
  assert_int_equal(a.date_source, DATE_SOURCE_TEXT);
  assert_int_equal(a.date.month, 6);
  assert_int_equal(a.date.day, 5);
  assert_int_equal(a.date.year, 0);
  article_release(&a);
}

static void test_stdin_name_in_memory(void **state) {
  (void)state;
  article a;
  problems p = {0};
  const char *plain = "  Just text from a pipe.\n";
  assert_true(article_parse_text("-", plain, strlen(plain), &a, collect, &p));
  assert_string_equal(a.id, "stdin");
  assert_string_equal(a.file, "-");
  article_release(&a);
  const char *lines = "\n {\"maintext\": \"a\"}\n{\"maintext\": \"b\"}\n";
  assert_true(article_parse_text("-", lines, strlen(lines), &a, collect, &p));
  assert_string_equal(a.id, "stdin-2");
  assert_string_equal(a.text, "a");
  article_release(&a);
  assert_int_equal(p.count, 0);
}

/* ---- directories ---------------------------------------------------------------------------- */

static void test_directory_sorted_recursive_hidden_skipped(void **state) {
  (void)state;
  write_file("corpus/b.txt", "bee");
  write_file("corpus/a.txt", "ay");
  write_file("corpus/B.txt", "capital bee"); /* 'B' < 'a' in byte order */
  write_file("corpus/c", "see");
  write_file("corpus/sub/d.jsonl", "{\"maintext\": \"dee\"}\n{\"maintext\": \"dee two\"}\n");
  write_file("corpus/sub/e.json", "{\"maintext\": \"ee\"}");
  write_file("corpus/notes.md", "skipped");
  write_file("corpus/.hidden.txt", "skipped");
  write_file("corpus/.git/f.txt", "skipped");
  write_file("corpus/zz/.x.txt", "skipped");
  const char *in[] = {tpath("corpus")};
  article a[16];
  problems p = {0};
  size_t n = read_all(in, 1, a, 16, &p);
  assert_int_equal(n, 7);
  const char *want[] = {"capital bee", "ay", "bee", "see", "dee", "dee two", "ee"};
  const char *ids[] = {"B", "a", "b", "c", "d-1", "d-2", "e"};
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(a[i].text, want[i]);
    assert_string_equal(a[i].id, ids[i]);
  }
  char sub[1024];
  snprintf(sub, sizeof sub, "%s/sub/e.json", tpath("corpus"));
  assert_string_equal(a[6].file, sub);
  assert_int_equal(p.count, 0); /* an empty subdirectory (zz) is no problem */
  release_all(a, n);
}

/* How many files this process has open. */
static int open_files(void) {
  DIR *d = opendir("/proc/self/fd");
  assert_non_null(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) n += e->d_name[0] != '.';
  closedir(d);
  return n - 1; /* (the directory being read) */
}

/* The read-ahead holds files open for the walk, a few at most however deep the folders nest,
 * and none once the reader is freed, read to the end or not; every article comes, in order.
 * (Each folder has files before its subfolder "m" and after: those after are asked for, and
 * held, before the walk goes down.) */
static void test_walk_holds_few_files(void **state) {
  (void)state;
  enum { DEPTH = 8, HALF = 10, ALL = DEPTH * 2 * HALF };
  char rel[512] = "deep";
  for (int level = 0; level < DEPTH; level++) {
    for (int i = 0; i < 2 * HALF; i++) {
      char name[600], text[64];
      snprintf(name, sizeof name, "%s/%c%02d.txt", rel, i < HALF ? 'a' : 'n', i);
      snprintf(text, sizeof text, "Article %d of level %d.", i, level);
      write_file(name, text);
    }
    strcat(rel, "/m");
  }
  /* the order of the walk: down through the files before, up through the files after */
  char want[ALL][64];
  for (int k = 0; k < ALL / 2; k++) {
    snprintf(want[k], sizeof want[k], "Article %d of level %d.", k % HALF, k / HALF);
    int level = DEPTH - 1 - k / HALF;
    snprintf(want[ALL / 2 + k], sizeof want[0], "Article %d of level %d.", HALF + k % HALF, level);
  }
  const char *in[] = {tpath("deep")};
  int before = open_files(), most = before;
  for (int stop = 0; stop < 2; stop++) {
    problems p = {0};
    article_reader *r = article_reader_new(in, 1, collect, &p);
    article a;
    int count = 0;
    while ((stop == 0 || count < ALL / 3) && article_reader_next(r, &a)) {
      assert_true(count < ALL);
      assert_string_equal(a.text, want[count]);
      article_release(&a);
      count++;
      int now = open_files();
      if (now > most) most = now;
    }
    article_reader_free(r);
    assert_int_equal(count, stop == 0 ? ALL : ALL / 3);
    assert_int_equal(p.count, 0);
    assert_int_equal(open_files(), before);
  }
  if (most > before + 16) fail_msg("%d files open at most (%d before)", most, before);
}

static void test_directory_without_articles(void **state) {
  (void)state;
  write_file("nothing/readme.md", "not an article");
  write_file("nothing/.hidden.txt", "hidden");
  mkdir(tpath("nothing/empty"), 0700);
  const char *in[] = {tpath("nothing")};
  article a[2];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 2, &p), 0);
  assert_int_equal(p.count, 1);
  assert_string_equal(p.message[0], "no articles in directory");
  assert_string_equal(p.file[0], in[0]);
  assert_true(p.fatal[0]);
}

/* ---- problems ------------------------------------------------------------------------------- */

static void test_missing_empty_binary(void **state) {
  (void)state;
  write_file("empty.txt", "");
  write_file("blank.txt", " \n\t\r\n  ");
  write_bytes("nul.txt", "abc\0def", 7);
  write_file("controls.txt", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f text");
  write_file("good.txt", "Still read.");
  const char *in[] = {tpath("missing.txt"), tpath("empty.txt"), tpath("blank.txt"),
                      tpath("nul.txt"),     tpath("controls.txt"), tpath("good.txt")};
  article a[4];
  problems p = {0};
  size_t n = read_all(in, 6, a, 4, &p);
  assert_int_equal(n, 1);
  assert_string_equal(a[0].text, "Still read.");
  assert_int_equal(p.count, 5);
  assert_string_equal(p.message[0], "no such file or directory");
  assert_string_equal(p.file[0], in[0]);
  assert_string_equal(p.message[1], "empty file");
  assert_string_equal(p.message[2], "empty file");
  assert_string_equal(p.message[3], "binary file, not an article");
  assert_string_equal(p.message[4], "binary file, not an article");
  for (int i = 0; i < 5; i++) assert_true(p.fatal[i]);
  release_all(a, n);
}

/* Root reads every file whatever its mode: for the test below, a process running as root
 * lays down (and then takes up again) the two capabilities that let it. Returns false if the
 * kernel refused. */
static bool obey_file_modes(bool obey) {
  static struct __user_cap_data_struct saved[2];
  struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
  if (!obey) return syscall(SYS_capset, &h, saved) == 0;
  if (syscall(SYS_capget, &h, saved) != 0) return false;
  struct __user_cap_data_struct d[2] = {saved[0], saved[1]};
  d[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
  return syscall(SYS_capset, &h, d) == 0;
}

static void test_unreadable_file(void **state) {
  (void)state;
  write_file("secret.txt", "text");
  chmod(tpath("secret.txt"), 0);
  bool root = geteuid() == 0;
  if (root) assert_true(obey_file_modes(true));
  const char *in[] = {tpath("secret.txt")};
  article a[1];
  problems p = {0};
  int n = read_all(in, 1, a, 1, &p);
  if (root) assert_true(obey_file_modes(false));
  assert_int_equal(n, 0);
  assert_string_equal(p.message[0], "permission denied");
}

static void test_windows_1252(void **state) {
  (void)state;
  write_file("cp.txt", "He said \x93hello\x94 at the caf\xE9 \x96 twice.");
  const char *in[] = {tpath("cp.txt")};
  article a[1];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 1, &p), 1);
  assert_string_equal(a[0].text, "He said \xE2\x80\x9Chello\xE2\x80\x9D at the caf\xC3\xA9 "
                                 "\xE2\x80\x93 twice.");
  assert_int_equal(a[0].len, strlen(a[0].text));
  assert_int_equal(p.count, 1);
  assert_string_equal(p.message[0], "not valid UTF-8; read as Windows-1252");
  assert_false(p.fatal[0]);
  release_all(a, 1);
  /* the same bytes inside a JSON line */
  const char *j = "{\"maintext\": \"caf\xE9\"}\n";
  problems q = {0};
  article b;
  assert_true(article_parse_text("w.jsonl", j, strlen(j), &b, collect, &q));
  assert_string_equal(b.text, "caf\xC3\xA9");
  assert_string_equal(q.message[0], "line 1: not valid UTF-8; read as Windows-1252");
  article_release(&b);
  /* the validator reads ASCII eight bytes at a time: one stray byte (a Windows-1252 dash)
   * after a valid UTF-8 letter and a long ASCII run, first in its block of eight; and a text
   * that is valid throughout */
  const char *late = "Le caf\xC3\xA9 est ouvert depuis longtemps, dit le patron, et \x96 comme hiver.";
  problems r = {0};
  article c;
  assert_true(article_parse_text("late.txt", late, strlen(late), &c, collect, &r));
  assert_string_equal(c.text, "Le caf\xC3\xA9 est ouvert depuis longtemps, dit le patron, "
                              "et \xE2\x80\x93 comme hiver.");
  assert_int_equal(r.count, 1);
  article_release(&c);
  const char *fine = "Le caf\xC3\xA9 est ouvert depuis longtemps, dit le patron, \xC3\xA9t\xC3\xA9.";
  problems f = {0};
  assert_true(article_parse_text("fine.txt", fine, strlen(fine), &c, collect, &f));
  assert_string_equal(c.text, fine);
  assert_int_equal(f.count, 0);
  article_release(&c);
}

static bool valid_utf8_end(const char *s, size_t n) {
  /* the last character is complete */
  size_t i = n;
  int back = 0;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && back < 4) i--, back++;
  if (i == 0) return back == 0;
  unsigned char lead = (unsigned char)s[i - 1];
  int need = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
  return need == back;
}

static void test_oversized_cut_at_line_break(void **state) {
  (void)state;
  size_t line = 1000, lines = 18 * 1024 + 300; /* about 18 MB in lines of 1000 bytes */
  char *big = xmalloc(line * lines);
  for (size_t i = 0; i < lines; i++) {
    memset(big + i * line, 'a' + (int)(i % 26), line - 1);
    big[i * line + line - 1] = '\n';
  }
  write_bytes("big.txt", big, line * lines);
  free(big);
  const char *in[] = {tpath("big.txt")};
  article a[1];
  problems p = {0};
  assert_int_equal(read_all(in, 1, a, 1, &p), 1);
  assert_true(a[0].len <= ARTICLE_MAX_BYTES);
  assert_true(a[0].len > ARTICLE_MAX_BYTES - 2000);
  assert_int_equal(a[0].text[a[0].len - 1], '\n');
  assert_int_equal(a[0].len % line, 0);
  assert_int_equal(strlen(a[0].text), a[0].len);
  assert_int_equal(p.count, 1);
  assert_string_equal(p.message[0], "article is 18 MB; cut at 16 MB");
  assert_false(p.fatal[0]);
  release_all(a, 1);
}

static void test_oversized_single_line_utf8(void **state) {
  (void)state;
  /* 40 MiB on one line of two-byte characters and an odd start: the cut must not split one */
  size_t n = 40 * 1024 * 1024 + 1;
  char *big = xmalloc(n);
  big[0] = 'x';
  for (size_t i = 1; i + 1 < n; i += 2) big[i] = (char)0xC3, big[i + 1] = (char)0xA9;
  write_bytes("line.txt", big, n);
  const char *in[] = {tpath("line.txt")};
  article a[1];
  problems p = {0};
  clock_t t0 = clock();
  assert_int_equal(read_all(in, 1, a, 1, &p), 1);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_true(secs < 10.0);
  assert_true(a[0].len <= ARTICLE_MAX_BYTES);
  assert_true(a[0].len >= ARTICLE_MAX_BYTES - 4);
  assert_true(valid_utf8_end(a[0].text, a[0].len));
  assert_int_equal(p.count, 1);
  assert_string_equal(p.message[0], "article is 41 MB; cut at 16 MB");
  release_all(a, 1);
  /* the same from memory, as JSON */
  problems q = {0};
  article b;
  strbuf sb;
  strbuf_init(&sb);
  strbuf_adds(&sb, "{\"maintext\": \"");
  strbuf_add(&sb, big, 20 * 1024 * 1024 + 1);
  strbuf_adds(&sb, "\"}");
  assert_true(article_parse_text("big.json", sb.data, sb.len, &b, collect, &q));
  assert_true(b.len <= ARTICLE_MAX_BYTES);
  assert_true(valid_utf8_end(b.text, b.len));
  assert_string_equal(q.message[0], "article is 21 MB; cut at 16 MB");
  article_release(&b);
  strbuf_release(&sb);
  free(big);
}

/* ---- dates ---------------------------------------------------------------------------------- */

typedef struct date_case {
  const char *text;
  int year, month, day; /* all 0: no date */
} date_case;

static void test_parse_date_formats(void **state) {
  (void)state;
  static const date_case cases[] = {
      {"2019-06-05", 2019, 6, 5},
      {"2019-06-05 10:30:00", 2019, 6, 5},
      {"2019-06-05T10:30:00Z", 2019, 6, 5},
      {"2019-06-05T10:30:00+03:00", 2019, 6, 5},
      {"2019/6/5", 2019, 6, 5},
      {"05/06/2019", 2019, 6, 5},  /* both could be months: day first */
      {"06/25/2019", 2019, 6, 25}, /* 25 cannot be a month: month first */
      {"25/06/2019", 2019, 6, 25},
      {"05.06.2019", 2019, 6, 5},
      {"June 5, 2019", 2019, 6, 5},
      {"5 June 2019", 2019, 6, 5},
      {"Jun 5 2019", 2019, 6, 5},
      {"Jun. 5, 2019", 2019, 6, 5},
      {"5th of June 2019", 2019, 6, 5},
      {"June 5th, 2019", 2019, 6, 5},
      {"05-Jun-2019", 2019, 6, 5},
      {"Wed, 05 Jun 2019 10:30:00 +0000", 2019, 6, 5},
      {"Wednesday, June 5, 2019", 2019, 6, 5},
      {"  June 5", 0, 6, 5},
      {"June 2019", 2019, 6, 0},
      {"2019-06", 2019, 6, 0},
      {"2020-02-29", 2020, 2, 29},
      {"2019-02-29", 0, 0, 0},
      {"2019-02-30", 0, 0, 0},
      {"31/04/2019", 0, 0, 0},
      {"13/13/2019", 0, 0, 0},
      {"yesterday", 0, 0, 0},
      {"5 days ago", 0, 0, 0},
      {"", 0, 0, 0},
      {"June 32, 2019", 0, 0, 0},
      {"20190605", 0, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    civil_date d = {-1, -1, -1};
    bool ok = article_parse_date(cases[i].text, strlen(cases[i].text), &d);
    if (cases[i].month == 0) {
      if (ok) fail_msg("'%s' gave %d-%d-%d", cases[i].text, d.year, d.month, d.day);
      continue;
    }
    if (!ok || d.year != cases[i].year || d.month != cases[i].month || d.day != cases[i].day)
      fail_msg("'%s': ok %d, %d-%d-%d", cases[i].text, ok, d.year, d.month, d.day);
  }
}

/* Publication date found in an article's text: | text | source | expected date | */
typedef struct text_case {
  const char *text;
  date_source source;
  int year, month, day;
} text_case;

static void test_text_dates(void **state) {
  (void)state;
  static const text_case cases[] = {
      {"LIMA, June 5 (Reuters) - The minister resigned.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"LIMA, June 5, 2019 (Reuters) - The minister resigned.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Lima. June 5. AGENCY.COM \xE2\x80\x94 The minister resigned.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"Headline here\n\nLima. June 5. AGENCY \xE2\x80\x94 Text.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"SAN JOSE, Costa Rica, 5 June 2019 \xE2\x80\x93 Text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"WASHINGTON, D.C., June 5 -- Text.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"RIO DE JANEIRO, June 5 /Agency/. Text.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"Rio de Janeiro, June 5 (Agency) - Text.", DATE_SOURCE_TEXT, 0, 6, 5},
      {"Title line\n\n## 05/06/2019\n\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title line\n5 June 2019\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title line\nJune 5, 2019 10:30 AM\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title line\n**Wednesday, June 5, 2019**\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Published: 05.06.2019 10:30\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Published on June 5, 2019 by A. Writer\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Last updated: Wed 5 Jun 2019 10.30 BST\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"By A. Writer | June 5, 2019 | 10:30\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title\nUpdated 10:30 AM, June 5, 2019\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title\nJune 5, 2019 10:30 AM ET\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title\nBy A. Writer, June 5, 2019\nThe text.", DATE_SOURCE_TEXT, 2019, 6, 5},
      {"Title\nBy A. Writer \xE2\x80\x94 Wednesday 5 June 2019 10:30\nThe text.", DATE_SOURCE_TEXT,
       2019, 6, 5},
      {"By the time the port closed, June 4 was gone.", DATE_SOURCE_NONE, 0, 0, 0},
      /* dates in sentences are events, not the publication date */
      {"On June 4, the minister said the port would close.", DATE_SOURCE_NONE, 0, 0, 0},
      {"The minister said on June 4, 2019 that the port would close.", DATE_SOURCE_NONE, 0, 0, 0},
      {"In June 2019 - a month of storms - the port closed.", DATE_SOURCE_NONE, 0, 0, 0},
      {"Since June 4 - when it closed - the port has been idle.", DATE_SOURCE_NONE, 0, 0, 0},
      {"June 4 was the day the port closed, the minister said.", DATE_SOURCE_NONE, 0, 0, 0},
      {"June 4, the minister said, was the worst day.", DATE_SOURCE_NONE, 0, 0, 0},
      {"The port closed.\nThe minister, June 4 - yes - said so.", DATE_SOURCE_NONE, 0, 0, 0},
      {"Lima, June 31 (Agency) - Text.", DATE_SOURCE_NONE, 0, 0, 0},
      /* too far down: only the first lines may carry the publication date */
      {"One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nSeven.\nEight.\nNine.\n5 June 2019\n",
       DATE_SOURCE_NONE, 0, 0, 0},
      /* the header's date comes first */
      {"Date: 2019-06-07\n\nLIMA, June 5 (Agency) - Text.", DATE_SOURCE_HEADER, 2019, 6, 7},
      {"Date: sometime\n\nLIMA, June 5 (Agency) - Text.", DATE_SOURCE_TEXT, 0, 6, 5},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    article a;
    problems p = {0};
    assert_true(article_parse_text("t.txt", cases[i].text, strlen(cases[i].text), &a, collect, &p));
    if (a.date_source != cases[i].source || a.date.year != cases[i].year ||
        a.date.month != cases[i].month || a.date.day != cases[i].day)
      fail_msg("case %zu '%s': %s %d-%d-%d", i, cases[i].text, date_source_name(a.date_source),
               a.date.year, a.date.month, a.date.day);
    article_release(&a);
  }
}

static void test_date_source_names(void **state) {
  (void)state;
  assert_string_equal(date_source_name(DATE_SOURCE_NONE), "none");
  assert_string_equal(date_source_name(DATE_SOURCE_HEADER), "header");
  assert_string_equal(date_source_name(DATE_SOURCE_TEXT), "text");
  assert_string_equal(date_source_name(DATE_SOURCE_OPTION), "option");
  assert_string_equal(date_source_name(DATE_SOURCE_INFERRED), "inferred");
}

static void test_samples(void **state) {
  (void)state;
  const char *root = getenv("STORYLINE_SOURCE_DIR");
  if (!root) skip();
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/samples/putin-lepen", root);
  const char *in[] = {dir};
  article a[8];
  problems p = {0};
  size_t n = read_all(in, 1, a, 8, &p);
  assert_int_equal(n, 5);
  assert_int_equal(p.count, 0);
  assert_string_equal(a[0].id, "000_303344584d7a5557");
  assert_int_equal(a[0].date_source, DATE_SOURCE_TEXT);
  assert_int_equal(a[0].date.year, 0);
  assert_int_equal(a[0].date.month, 3);
  assert_int_equal(a[0].date.day, 24);
  assert_int_equal(a[1].date_source, DATE_SOURCE_TEXT);
  assert_int_equal(a[1].date.year, 2017);
  assert_int_equal(a[1].date.month, 3);
  assert_int_equal(a[1].date.day, 24);
  for (int i = 2; i < 5; i++) {
    assert_int_equal(a[i].date_source, DATE_SOURCE_NONE);
    assert_int_equal(a[i].date.month, 0);
  }
  for (size_t i = 0; i < n; i++) {
    assert_null(a[i].title);
    assert_int_equal(a[i].body, 0);
    assert_int_equal(strlen(a[i].text), a[i].len);
  }
  release_all(a, n);
}

static void test_garbage_does_not_crash(void **state) {
  (void)state;
  /* every prefix of a tricky text, in every format */
  const char *text = "Title: x\nDate: 29/02/2019\n\nLIMA, June 5, 20\xE2\x80\x94 "
                     "{\"maintext\": \"\xC3\x28\" 12:3 Jun 5th of";
  const char *names[] = {"g.txt", "g.json", "g.jsonl", "-"};
  size_t n = strlen(text);
  for (size_t k = 0; k < 4; k++)
    for (size_t len = 0; len <= n; len++) {
      article a;
      if (article_parse_text(names[k], text, len, &a, NULL, NULL)) {
        assert_int_equal(strlen(a.text), a.len);
        assert_true(a.body <= a.len);
        article_release(&a);
      }
    }
  article_release(NULL);
  article_find_date(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_header),
      cmocka_unit_test(test_plain_header_any_case_and_order),
      cmocka_unit_test(test_plain_without_header),
      cmocka_unit_test(test_plain_bom_and_header_only),
      cmocka_unit_test(test_jsonl_fields_ids_and_malformed_line),
      cmocka_unit_test(test_jsonl_single_line_uses_file_name),
      cmocka_unit_test(test_jsonl_read_in_large_pieces),
      cmocka_unit_test(test_json_object_and_array),
      cmocka_unit_test(test_json_malformed_file),
      cmocka_unit_test(test_stdin_name_in_memory),
      cmocka_unit_test(test_directory_sorted_recursive_hidden_skipped),
      cmocka_unit_test(test_walk_holds_few_files),
      cmocka_unit_test(test_directory_without_articles),
      cmocka_unit_test(test_missing_empty_binary),
      cmocka_unit_test(test_unreadable_file),
      cmocka_unit_test(test_windows_1252),
      cmocka_unit_test(test_oversized_cut_at_line_break),
      cmocka_unit_test(test_oversized_single_line_utf8),
      cmocka_unit_test(test_parse_date_formats),
      cmocka_unit_test(test_text_dates),
      cmocka_unit_test(test_date_source_names),
      cmocka_unit_test(test_samples),
      cmocka_unit_test(test_garbage_does_not_crash),
  };
  return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
