/* quotes.c: quotations and who said them. quotes_find pairs quotation marks (straight,
 * typographic, « », „ “; a quote left open at a paragraph end stops there, as news does for
 * quotes that run over paragraphs); quotes_attribute finds each speaker from the words around
 * the quote ("X said", "said X", "— said the head of state", "X told Y", "according to X",
 * "reported X as saying", "X said: “...”"), carries a speaker over to the next paragraph of the
 * same statement, and adds reported speech ("X said that ...") as indirect quotes. */
#include <pthread.h>
#include <string.h>

#include "lexicon.h"
#include "names.h"
#include "text.h"

/* The word lists this stage reads, found once: lexicon_get probes a table at each ask, and
 * the rules here ask token by token. */
static struct {
  const lexicon *speech_verbs;
} lists;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void find_lists(void) {
  lists.speech_verbs = lexicon_get("speech_verbs");
}

static int32_t tok_char(const doc *d, size_t i) {
  int32_t cp;
  text_decode(d->text + d->tokens[i].start, token_len(&d->tokens[i]), &cp);
  return cp;
}

static bool is_double_open(int32_t c) { return c == 0x201C || c == 0x00AB || c == 0x201E || c == 0x2039; }
static bool is_double_close(int32_t c) { return c == 0x201D || c == 0x00BB || c == 0x203A; }
static bool is_single(int32_t c) { return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A; }

/* Quotes longer than this many tokens are taken for a stray mark. */
enum { QUOTE_MAX_TOKENS = 1500 };

static void add_quote(doc *d, size_t first, size_t end, bool indirect) {
  /* trim marks, commas and dashes at the edges: the words only */
  while (first < end && (d->tokens[first].flags & (TOK_QUOTE | TOK_DASH))) first++;
  while (end > first) {
    const token *t = &d->tokens[end - 1];
    char c = d->text[t->start];
    if ((t->flags & (TOK_QUOTE | TOK_DASH)) || c == ',' || c == ';' || c == ':') end--;
    else break;
  }
  size_t words = 0;
  for (size_t i = first; i < end; i++) words += (d->tokens[i].flags & (TOK_WORD | TOK_NUMBER)) != 0;
  if (words == 0) return;
  if (!indirect)
    for (size_t i = first; i < end; i++) d->tokens[i].flags |= TOK_IN_QUOTE;
  VEC_RESERVE(d->quotes, d->nquotes, d->quotes_cap);
  doc_quote *q = &d->quotes[d->nquotes++];
  memset(q, 0, sizeof *q);
  q->start = d->tokens[first].start;
  q->end = d->tokens[end - 1].end;
  q->tok_first = (uint32_t)first;
  q->tok_end = (uint32_t)end;
  q->sentence = (uint32_t)doc_sentence_at(d, q->start);
  q->speaker = q->addressee = -1;
  q->indirect = indirect;
}

static bool in_furniture(const doc *d, size_t tok) {
  return d->sentences[doc_sentence_at(d, d->tokens[tok].start)].flags & SENT_FURNITURE;
}

void quotes_find(doc *d) {
  pthread_once(&lists_once, find_lists);
  size_t open = SIZE_MAX;
  int32_t open_char = 0;
  for (size_t i = 0; i < d->ntokens; i++) {
    const token *t = &d->tokens[i];
    bool para_start = doc_paragraph_start(d, i);
    if (open != SIZE_MAX && (para_start || i - open > QUOTE_MAX_TOKENS)) {
      if (!para_start) {
        open = SIZE_MAX; /* a stray mark, not a quote */
      } else {
        if (!in_furniture(d, open)) add_quote(d, open + 1, i, false);
        open = SIZE_MAX;
      }
    }
    if (!(t->flags & TOK_QUOTE)) continue;
    int32_t c = tok_char(d, i);
    if (is_single(c)) continue;
    bool opens = is_double_open(c) || (c == '"' && open == SIZE_MAX);
    bool closes = is_double_close(c) || (c == '"' && open != SIZE_MAX) ||
                  (c == 0x201C && open_char == 0x201E);
    if (open != SIZE_MAX && closes) {
      if (!in_furniture(d, open)) add_quote(d, open + 1, i, false);
      open = SIZE_MAX;
    } else if (opens) {
      if (open != SIZE_MAX && !in_furniture(d, open)) add_quote(d, open + 1, i, false);
      open = i;
      open_char = c;
    }
  }
  if (open != SIZE_MAX && !in_furniture(d, open)) add_quote(d, open + 1, d->ntokens, false);
  /* single marks pair only within a sentence: 'Strategic Cooperation' */
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    if (se->flags & SENT_FURNITURE) continue;
    size_t sopen = SIZE_MAX;
    for (size_t i = se->tok_first; i < se->tok_end; i++) {
      if (!(d->tokens[i].flags & TOK_QUOTE) || !is_single(tok_char(d, i))) continue;
      if (d->tokens[i].flags & TOK_IN_QUOTE) continue;
      if (sopen == SIZE_MAX) {
        sopen = i;
      } else {
        add_quote(d, sopen + 1, i, false);
        sopen = SIZE_MAX;
      }
    }
  }
  /* keep the quotes in text order */
  for (size_t i = 1; i < d->nquotes; i++) {
    doc_quote q = d->quotes[i];
    size_t j = i;
    while (j > 0 && d->quotes[j - 1].start > q.start) {
      d->quotes[j] = d->quotes[j - 1];
      j--;
    }
    d->quotes[j] = q;
  }
}

/* ---- attribution ---- */

static size_t quote_words(const doc *d, const doc_quote *q) {
  size_t n = 0;
  for (size_t i = q->tok_first; i < q->tok_end; i++) n += (d->tokens[i].flags & TOK_WORD) != 0;
  return n;
}

static const char *speech_verb(const doc *d, size_t i) {
  if (i >= d->ntokens || !(d->tokens[i].flags & TOK_WORD)) return NULL;
  return doc_token_find(d, i, lists.speech_verbs);
}

/* The mention that starts exactly at token I (outside quotes), or -1. */
static int mention_starting(const doc *d, size_t i) {
  int m = doc_mention_at_token(d, i);
  return m >= 0 && d->mentions[m].tok_first == i ? m : -1;
}

/* The mention that ends exactly at token I (exclusive end), or -1. */
static int mention_ending(const doc *d, size_t i) {
  if (i == 0) return -1;
  int m = doc_mention_at_token(d, i - 1);
  return m >= 0 && d->mentions[m].tok_end == i ? m : -1;
}

static bool usable_speaker(const doc *d, int m) {
  if (m < 0) return false;
  const doc_entity *e = &d->entities[d->mentions[m].entity];
  return e->type == ENTITY_PERSON || e->type == ENTITY_ORG || e->type == ENTITY_GPE;
}

static bool skippable(const doc *d, size_t i) {
  const token *t = &d->tokens[i];
  if (t->flags & (TOK_DASH | TOK_QUOTE)) return true;
  char c = d->text[t->start];
  return c == ',' || c == ':';
}

/* Speaker after the closing mark at token CLOSE: "..., said X", "..., X said", "X told Y". */
/* The mention starting at token I or a few words later, past a title or role in front of a
 * name ("Prime Minister Benjamin Netanyahu", "Chinese foreign ministry spokesman Wang Wenbin",
 * "the European Parliament"); -1 if another kind of word comes first. */
static int mention_near(const doc *d, size_t i, size_t limit) {
  for (size_t k = i; k < limit && k < i + 6; k++) {
    int m = mention_starting(d, k);
    if (m >= 0) return m;
    const token *t = &d->tokens[k];
    if (!(t->flags & TOK_WORD) || speech_verb(d, k) || (t->flags & TOK_IN_QUOTE)) return -1;
  }
  return -1;
}

/* The end of mention M, past an apposition that names the same person: "the German
 * chancellor, Olaf Scholz, told". */
static size_t past_apposition(const doc *d, int m, size_t limit) {
  size_t k = d->mentions[m].tok_end;
  if (k + 2 < limit && d->text[d->tokens[k].start] == ',') {
    int a = mention_starting(d, k + 1);
    if (a >= 0 && d->mentions[a].entity == d->mentions[m].entity &&
        d->mentions[a].tok_end < limit && d->text[d->tokens[d->mentions[a].tok_end].start] == ',')
      return d->mentions[a].tok_end + 1;
  }
  return k;
}

/* Speaker after the closing mark at token CLOSE: "..., said X", "..., X said", "X told Y". */
static bool speaker_after(const doc *d, size_t close, size_t limit, doc_quote *q) {
  size_t j = close;
  while (j < limit && j < close + 3 && skippable(d, j)) j++;
  if (j >= limit) return false;
  const char *v = speech_verb(d, j);
  if (v) { /* "said X", "— said the head of state", "continued De Luca" */
    int m = mention_near(d, j + 1, limit);
    if (usable_speaker(d, m)) {
      q->speaker = d->mentions[m].entity;
      return true;
    }
    return false;
  }
  int m = mention_near(d, j, limit);
  if (!usable_speaker(d, m)) return false;
  size_t after = past_apposition(d, m, limit);
  size_t k = after;
  /* "X also said", "X has said", "X on Sunday said" */
  while (k < limit && k < after + 3 && !speech_verb(d, k) && (d->tokens[k].flags & TOK_WORD) &&
         token_len(&d->tokens[k]) <= 6)
    k++;
  v = speech_verb(d, k);
  if (!v) return false;
  q->speaker = d->mentions[m].entity;
  if (v[0]) { /* a verb that takes the hearer: "told Berg", "told the European Parliament" */
    int a = mention_near(d, k + 1, limit);
    if (a >= 0) q->addressee = d->mentions[a].entity;
  }
  return true;
}

/* "reported X as saying", "according to X", anywhere in the sentence after the quote. */
static bool speaker_by_phrase(const doc *d, size_t from, size_t limit, doc_quote *q) {
  for (size_t k = from; k + 1 < limit; k++) {
    if (doc_token_is(d, k, "as") && doc_token_is(d, k + 1, "saying")) {
      int m = mention_ending(d, k);
      if (usable_speaker(d, m)) {
        q->speaker = d->mentions[m].entity;
        return true;
      }
    }
    if (doc_token_is(d, k, "according") && doc_token_is(d, k + 1, "to")) {
      int m = mention_starting(d, k + 2);
      if (usable_speaker(d, m)) {
        q->speaker = d->mentions[m].entity;
        return true;
      }
    }
  }
  return false;
}

/* The subject of the sentence from token FIRST: its first speaker-like mention outside
 * quotes and prepositional phrases. */
static int sentence_subject(const doc *d, size_t first, size_t end) {
  for (size_t k = first; k < end; k++) {
    if (d->tokens[k].flags & TOK_IN_QUOTE) continue;
    int m = mention_starting(d, k);
    if (usable_speaker(d, m) && !doc_after_preposition(d, d->mentions[m].tok_first)) return m;
  }
  return -1;
}

static bool is_participle_after_comma(const doc *d, size_t v) {
  const token *t = &d->tokens[v];
  return v > 0 && token_len(t) > 4 && span_ieq(d->text + t->end - 3, 3, "ing") &&
         d->text[d->tokens[v - 1].start] == ',';
}

/* Who speaks through the speech verb at token V of a sentence starting at FIRST: for ",
 * calling them ..." the sentence's subject; otherwise the nearest name, pronoun or
 * description before the verb that is not inside a quote or a prepositional phrase. */
static int speaker_of_verb(const doc *d, size_t first, size_t v) {
  if (is_participle_after_comma(d, v)) return sentence_subject(d, first, v);
  for (size_t b = v; b > first && b + 10 > v; b--) {
    int m = mention_ending(d, b);
    if (usable_speaker(d, m) && !doc_after_preposition(d, d->mentions[m].tok_first) &&
        !(d->tokens[b - 1].flags & TOK_IN_QUOTE))
      return m;
  }
  return -1;
}

/* Speaker before the opening mark: "X said: “...”", "She added that “...”", "X stressed the
 * “great importance”". */
static bool speaker_before(const doc *d, size_t open, size_t sentence_first, doc_quote *q) {
  size_t k = open;
  size_t skipped = 0;
  while (k > sentence_first && skipped < 6) {
    k--;
    const char *v = speech_verb(d, k);
    if (v) {
      int m = speaker_of_verb(d, sentence_first, k);
      if (m < 0) return false;
      q->speaker = d->mentions[m].entity;
      if (v[0]) {
        int a = mention_near(d, k + 1, open);
        if (a >= 0 && a != m) q->addressee = d->mentions[a].entity;
      }
      return true;
    }
    if (d->tokens[k].flags & TOK_IN_QUOTE) return false;
    skipped++;
  }
  return false;
}

/* Does the paragraph before the quote opening at OPEN end with a sentence that introduces
 * speech (a speech verb outside quotes, e.g. "Berg underlined the need to unite.")? */
static bool opens_statement_paragraph(const doc *d, size_t open) {
  const sentence *ps = &d->sentences[doc_sentence_at(d, d->tokens[open - 1].start)];
  if (d->tokens[open - 1].flags & (TOK_QUOTE | TOK_IN_QUOTE)) return false;
  for (size_t k = ps->tok_first; k < ps->tok_end; k++)
    if (!(d->tokens[k].flags & TOK_IN_QUOTE) && speech_verb(d, k)) return true;
  return false;
}

/* Paragraph numbers of tokens asked for in increasing order, counted once over the text. */
typedef struct para_cursor {
  size_t tok, para;
} para_cursor;

static size_t paragraph_of(const doc *d, para_cursor *c, size_t tok) {
  for (; c->tok <= tok && c->tok < d->ntokens; c->tok++)
    c->para += doc_paragraph_start(d, c->tok);
  return c->para;
}

/* The token after a date expression that starts at token I, with its "on" ("said on Friday
 * that", "said last week that"), or I if no date starts there. */
static size_t after_date(const doc *d, size_t i, size_t end) {
  size_t k = i < end && doc_token_is(d, i, "on") ? i + 1 : i;
  if (k >= end) return i;
  uint32_t at = d->tokens[k].start;
  size_t lo = 0, hi = d->dates.count; /* the dates are in text order */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->dates.items[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  if (lo == d->dates.count || d->dates.items[lo].start != at) return i;
  while (k < end && d->tokens[k].end <= d->dates.items[lo].end) k++;
  return k;
}

/* "X said that CLAUSE": reported speech, one indirect quote per verb. */
static void find_reported_speech(doc *d) {
  for (size_t s = 0; s < d->nsentences; s++) {
    const sentence *se = &d->sentences[s];
    if (se->flags & SENT_FURNITURE) continue;
    for (size_t v = se->tok_first; v < se->tok_end; v++) {
      if ((d->tokens[v].flags & TOK_IN_QUOTE) || !speech_verb(d, v)) continue;
      size_t that = v + 1;
      int addressee = -1;
      int am = mention_near(d, that, se->tok_end);
      if (am >= 0 && (d->mentions[am].tok_first == v + 1 ||
                      (d->mentions[am].tok_first == v + 2 && doc_token_is(d, v + 1, "the")))) {
        addressee = d->mentions[am].entity;
        that = d->mentions[am].tok_end;
        /* "warned NATO allies that": a word or two after the hearer's name */
        for (size_t k = that; k < that + 2 && k < se->tok_end; k++)
          if (doc_token_is(d, k + 1, "that") && (d->tokens[k].flags & TOK_WORD)) that = k + 1;
      } else if (strcmp(speech_verb(d, v), "tells") == 0 && !doc_token_is(d, that, "that")) {
        /* "told reporters that", "told the court on Monday that": a hearer without a name */
        size_t h = doc_token_is(d, that, "the") ? that + 1 : that;
        if (h < se->tok_end && (d->tokens[h].flags & TOK_WORD) && !(d->tokens[h].flags & TOK_CAP))
          that = h + 1;
      }
      if (!doc_token_is(d, that, "that")) that = after_date(d, that, se->tok_end);
      if (!doc_token_is(d, that, "that") || that + 1 >= se->tok_end) continue;
      if (d->tokens[that + 1].flags & TOK_QUOTE) continue; /* a direct quote follows */
      int sm = speaker_of_verb(d, se->tok_first, v);
      int speaker = sm >= 0 ? d->mentions[sm].entity : -1;
      if (speaker < 0) continue;
      size_t end = se->tok_end;
      while (end > that + 1 && (d->tokens[end - 1].flags & (TOK_TERMINAL | TOK_QUOTE))) end--;
      size_t before = d->nquotes;
      add_quote(d, that + 1, end, true);
      if (d->nquotes > before) {
        doc_quote *q = &d->quotes[d->nquotes - 1];
        q->speaker = speaker;
        q->addressee = addressee;
        q->sentence = (uint32_t)s;
        q->confidence = 0.75f;
      }
    }
  }
}

void quotes_attribute(doc *d) {
  pthread_once(&lists_once, find_lists);
  size_t ndirect = d->nquotes;
  const doc_quote *prev = NULL;
  size_t prev_para = 0;
  para_cursor pc = {0, 0};
  for (size_t qi = 0; qi < ndirect; qi++) {
    doc_quote *q = &d->quotes[qi];
    size_t open = q->tok_first > 0 ? q->tok_first - 1 : 0;
    size_t close = q->tok_end; /* first token after the words: usually the closing mark */
    while (close < d->ntokens && (d->tokens[close].flags & TOK_QUOTE) && close < q->tok_end + 1)
      close++;
    size_t cs = doc_sentence_at(d, d->tokens[q->tok_end - 1].end - 1);
    if (close < d->ntokens && doc_sentence_at(d, d->tokens[close].start) != cs &&
        !(d->tokens[close].flags & TOK_LINE_START))
      cs = doc_sentence_at(d, d->tokens[close].start); /* the mark ended the sentence */
    size_t limit = d->sentences[cs].tok_end;
    size_t os = doc_sentence_at(d, d->tokens[q->tok_first].start);
    q->confidence = 0.9f;
    bool found = speaker_after(d, close, limit, q) || speaker_by_phrase(d, close, limit, q) ||
                 speaker_before(d, open, d->sentences[os].tok_first, q);
    if (!found && close < d->ntokens && (d->tokens[close].flags & TOK_LINE_START) == 0) {
      /* the attribution may start the next sentence: "...in the US." Berg said. */
      size_t ns = doc_sentence_at(d, d->tokens[close].start);
      if (ns != cs) found = speaker_after(d, close, d->sentences[ns].tok_end, q);
    }
    if (!found) {
      /* a short quote inside a reported sentence: "Lavrov said allegations ... were
       * “absolutely fictional”" — the sentence's speech verb and its subject */
      for (size_t k = d->sentences[os].tok_first; k < open && !found; k++) {
        if ((d->tokens[k].flags & TOK_IN_QUOTE) || !speech_verb(d, k)) continue;
        int m = speaker_of_verb(d, d->sentences[os].tok_first, k);
        if (m >= 0) {
          q->speaker = d->mentions[m].entity;
          q->confidence = 0.7f;
          found = true;
        }
      }
    }
    if (!found && open > 0 && doc_paragraph_start(d, open) && opens_statement_paragraph(d, open)) {
      /* "Berg underlined the need to unite." then the quote as a paragraph of its own */
      const sentence *ps = &d->sentences[doc_sentence_at(d, d->tokens[open - 1].start)];
      int m = sentence_subject(d, ps->tok_first, ps->tok_end);
      if (m >= 0) {
        q->speaker = d->mentions[m].entity;
        q->confidence = 0.6f;
        found = true;
      }
    }
    if (!found && open > 0 && doc_paragraph_start(d, open) && d->text[d->tokens[open - 1].start] == ':') {
      /* "X spoke on Monday:" then the quote as a paragraph of its own */
      const sentence *ps = &d->sentences[doc_sentence_at(d, d->tokens[open - 1].start)];
      for (size_t k = ps->tok_first; k < ps->tok_end && !found; k++) {
        int m = mention_starting(d, k);
        if (usable_speaker(d, m) && !doc_after_preposition(d, d->mentions[m].tok_first)) {
          q->speaker = d->mentions[m].entity;
          found = true;
        }
      }
    }
    size_t para = paragraph_of(d, &pc, q->tok_first);
    /* A quote that opens a paragraph without attribution goes on with the statement of the
     * quote just before it (same or previous paragraph): news splits long statements so. */
    bool opens_paragraph = open < d->ntokens && doc_paragraph_start(d, open);
    bool opens_sentence = open < d->ntokens && d->sentences[os].tok_first == open;
    bool same_paragraph = prev && para == prev_para;
    if (!found && prev && prev->speaker >= 0 && para <= prev_para + 1 &&
        ((opens_paragraph && quote_words(d, q) >= 4) || (same_paragraph && opens_sentence))) {
      q->speaker = prev->speaker;
      q->confidence = 0.6f;
      found = true;
    }
    if (found) {
      prev = q;
      prev_para = para;
    }
  }
  find_reported_speech(d);
}
