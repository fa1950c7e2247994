/* sentence.c: groups tokens into sentences: at final punctuation followed by a new sentence,
 * at line breaks (unless the text is hard-wrapped), never after an abbreviation like "Mr.";
 * a line without final punctuation is a headline. */
#include <string.h>

#include "doc.h"
#include "lexicon.h"

/* Hard-wrapped text (lines broken at a fixed width inside sentences) is read with single line
 * breaks as spaces. We call a text wrapped when most of its lines are of similar length and
 * many of them end without final punctuation. */
static bool text_is_hard_wrapped(const doc *d) {
  size_t lines = 0, long_open = 0;
  size_t line_start = d->art ? d->art->body : 0;
  while (line_start <= d->len) {
    const char *nl = line_start < d->len ? memchr(d->text + line_start, '\n', d->len - line_start)
                                         : NULL;
    size_t i = nl ? (size_t)(nl - d->text) : d->len; /* the line's end */
    size_t n = i - line_start;
    if (n > 0) {
      lines++;
      char last = d->text[i - 1];
      if (n >= 50 && n <= 100 && last != '.' && last != '"' && last != '?' && last != '!' &&
          last != ':')
        long_open++;
    }
    line_start = i + 1;
  }
  return lines >= 6 && long_open * 2 >= lines;
}

static void push(doc *d, size_t first, size_t end, uint32_t flags) {
  if (end <= first) return;
  VEC_RESERVE(d->sentences, d->nsentences, d->sentences_cap);
  d->sentences[d->nsentences++] =
      (sentence){d->tokens[first].start, d->tokens[end - 1].end, (uint32_t)first, (uint32_t)end,
                 flags};
}

static bool is_closing(const doc *d, size_t i) {
  const token *t = &d->tokens[i];
  if (t->flags & TOK_QUOTE) return true;
  char c = d->text[t->start];
  return c == ')' || c == ']';
}

/* A text without full stops (a list, a table, garbage) is cut every this many tokens: the
 * stages after this one scan a sentence once per quote, date or event in it, so its length
 * must be bounded. Real sentences are far shorter. */
enum { SENTENCE_MAX_TOKENS = 250 };

void sentence_split(doc *d) {
  bool wrapped = d->hard_wrapped = text_is_hard_wrapped(d);
  size_t first = 0;
  for (size_t i = 0; i < d->ntokens; i++) {
    const token *t = &d->tokens[i];
    bool last = i + 1 == d->ntokens;
    const token *next = last ? NULL : &d->tokens[i + 1];
    bool line_break = next && (next->flags & (wrapped ? TOK_PARA_START : TOK_LINE_START));
    bool end = last || line_break || i + 1 - first >= SENTENCE_MAX_TOKENS;
    if (!end && (t->flags & TOK_TERMINAL)) {
      /* swallow closing quotes and brackets that belong to this sentence */
      size_t j = i + 1;
      while (j < d->ntokens && is_closing(d, j) && !(d->tokens[j].flags & TOK_SPACE_BEFORE) &&
             !(d->tokens[j].flags & TOK_LINE_START))
        j++;
      const token *after = j < d->ntokens ? &d->tokens[j] : NULL;
      if (!after || (after->flags & (TOK_CAP | TOK_QUOTE | TOK_NUMBER | TOK_LINE_START)) ||
          !(after->flags & TOK_WORD)) {
        /* "...the United States.Mr Berg": no space, but a capital starts a new sentence */
        if (after && (after->flags & TOK_PUNCT) && !(after->flags & TOK_QUOTE) &&
            !(after->flags & TOK_LINE_START))
          continue; /* "?!" or "..." run: wait for its end */
        i = j - 1;
        end = true;
        line_break = after && (after->flags & TOK_LINE_START);
      }
    } else if (!end && (t->flags & TOK_ABBREV) && next && (next->flags & TOK_PARA_START)) {
      end = true;
    }
    if (!end) continue;
    uint32_t flags = 0;
    bool line_start = d->tokens[first].flags & TOK_LINE_START;
    bool closes_line = last || line_break;
    if (line_start && closes_line && !(d->tokens[i].flags & TOK_TERMINAL) &&
        !is_closing(d, i) && d->tokens[i].end - d->tokens[first].start < 300)
      flags |= SENT_HEADLINE;
    push(d, first, i + 1, flags);
    first = i + 1;
  }
}
