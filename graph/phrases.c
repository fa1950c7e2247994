/* phrases.c: the English phrase of each event type (see phrases.h). General knowledge about
 * verbs, not about any story: add a row when the extractor learns a new event type. */
#include "graph/phrases.h"

#include <stdlib.h>
#include <string.h>

typedef struct phrase {
  const char *type;
  const char *past_obj;  /* "A met B" */
  const char *past_bare; /* "A met" (no other participant) */
  const char *base_obj;  /* "A did not meet B" */
  const char *base_bare;
  const char *noun;      /* with no actor: "meeting with B" */
} phrase;

/* Sorted by type for bsearch. */
static const phrase PHRASES[] = {
    {"accuse", "accused", "made an accusation", "accuse", "make an accusation",
     "accusation against"},
    {"agree", "agreed with", "agreed", "agree with", "agree", "agreement with"},
    {"announce", "announced", "made an announcement", "announce", "make an announcement",
     "announcement about"},
    {"appoint", "appointed", "made an appointment", "appoint", "make an appointment",
     "appointment of"},
    {"arrest", "arrested", "made an arrest", "arrest", "make an arrest", "arrest of"},
    {"attack", "attacked", "attacked", "attack", "attack", "attack on"},
    {"ban", "banned", "imposed a ban", "ban", "impose a ban", "ban on"},
    {"call", "called", "made a call", "call", "make a call", "call to"},
    {"criticize", "criticized", "criticized", "criticize", "criticize", "criticism of"},
    {"deny", "denied", "denied", "deny", "deny", "denial by"},
    {"discuss", "held talks with", "held talks", "hold talks with", "hold talks", "talks with"},
    {"elect", "elected", "held an election", "elect", "hold an election", "election of"},
    {"election", "ran against", "took part in an election", "run against",
     "take part in an election", "election involving"},
    {"endorse", "endorsed", "gave an endorsement", "endorse", "give an endorsement",
     "endorsement of"},
    {"fund", "funded", "gave funding", "fund", "give funding", "funding for"},
    {"help", "helped", "helped", "help", "help", "help for"},
    {"investigate", "investigated", "opened an investigation", "investigate",
     "open an investigation", "investigation into"},
    {"invite", "invited", "sent an invitation", "invite", "send an invitation", "invitation to"},
    {"kill", "killed", "killed", "kill", "kill", "killing of"},
    {"loan", "lent", "lent money", "lend", "lend money", "loan to"},
    {"lose", "lost to", "lost", "lose to", "lose", "defeat of"},
    {"meet", "met", "held a meeting", "meet", "hold a meeting", "meeting with"},
    {"negotiate", "negotiated with", "negotiated", "negotiate with", "negotiate",
     "negotiations with"},
    {"oppose", "opposed", "objected", "oppose", "object", "opposition to"},
    {"pay", "paid", "paid", "pay", "pay", "payment to"},
    {"praise", "praised", "gave praise", "praise", "give praise", "praise for"},
    {"resign", "resigned from", "resigned", "resign from", "resign", "resignation from"},
    {"sanction", "sanctioned", "imposed sanctions", "sanction", "impose sanctions",
     "sanctions against"},
    {"say", "told", "said", "tell", "say", "statement to"},
    {"sign", "signed an agreement with", "signed an agreement", "sign an agreement with",
     "sign an agreement", "agreement with"},
    {"sue", "sued", "went to court", "sue", "go to court", "lawsuit against"},
    {"support", "supported", "gave support", "support", "give support", "support for"},
    {"threaten", "threatened", "made threats", "threaten", "make threats", "threats against"},
    {"visit", "visited", "made a visit", "visit", "make a visit", "visit to"},
    {"warn", "warned", "gave a warning", "warn", "give a warning", "warning to"},
    {"win", "defeated", "won", "defeat", "win", "victory over"},
};

static int cmp_phrase(const void *key, const void *elem) {
  return strcmp((const char *)key, ((const phrase *)elem)->type);
}

static const phrase *lookup(const char *type) {
  if (!type) return NULL;
  return bsearch(type, PHRASES, sizeof PHRASES / sizeof PHRASES[0], sizeof PHRASES[0],
                 cmp_phrase);
}

const char *fg_phrase_past(const char *type, bool with_target) {
  const phrase *p = lookup(type);
  if (!p) return type ? type : "";
  return with_target ? p->past_obj : p->past_bare;
}

/* A headline names this many actors, and as many targets, at most: "A and B and C and 5
 * others". It stays one readable line, and an event with many participants does not carry
 * all their names on each of its many relations in graph.dot and graph.graphml. */
#define HEADLINE_NAMES 4

static void add_names(strbuf *sb, const char *const *names, size_t n) {
  size_t shown = n > HEADLINE_NAMES ? HEADLINE_NAMES - 1 : n;
  for (size_t i = 0; i < shown; i++) {
    if (i) strbuf_adds(sb, " and ");
    strbuf_adds(sb, names[i]);
  }
  if (shown < n) strbuf_addf(sb, " and %zu others", n - shown);
}

void fg_headline(strbuf *sb, const char *type, const char *const *actors, size_t nactors,
                 const char *const *targets, size_t ntargets, const char *place, bool negated,
                 bool hypothetical) {
  const phrase *p = lookup(type);
  bool obj = ntargets > 0;
  if (nactors == 0) {
    /* No actor: name the event and whom it concerned ("meeting with B", "attack on B"). */
    if (negated) strbuf_adds(sb, "no ");
    else if (hypothetical) strbuf_adds(sb, "possible ");
    if (obj) {
      if (p) {
        strbuf_adds(sb, p->noun);
      } else {
        strbuf_adds(sb, type);
        strbuf_adds(sb, " involving");
      }
      strbuf_addc(sb, ' ');
      add_names(sb, targets, ntargets);
    } else {
      strbuf_adds(sb, type);
    }
  } else {
    add_names(sb, actors, nactors);
    strbuf_addc(sb, ' ');
    if (negated) strbuf_adds(sb, "did not ");
    else if (hypothetical) strbuf_adds(sb, "may ");
    bool base = negated || hypothetical;
    if (p)
      strbuf_adds(sb, base ? (obj ? p->base_obj : p->base_bare)
                           : (obj ? p->past_obj : p->past_bare));
    else
      strbuf_adds(sb, type);
    if (obj) {
      strbuf_addc(sb, ' ');
      add_names(sb, targets, ntargets);
    }
  }
  if (place && *place) {
    strbuf_adds(sb, " in ");
    strbuf_adds(sb, place);
  }
}
