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
} phrase;

/* Sorted by type for bsearch. */
static const phrase PHRASES[] = {
    {"accuse", "accused", "made an accusation", "accuse", "make an accusation"},
    {"agree", "agreed with", "agreed", "agree with", "agree"},
    {"announce", "announced", "made an announcement", "announce", "make an announcement"},
    {"appoint", "appointed", "made an appointment", "appoint", "make an appointment"},
    {"arrest", "arrested", "made an arrest", "arrest", "make an arrest"},
    {"attack", "attacked", "attacked", "attack", "attack"},
    {"ban", "banned", "imposed a ban", "ban", "impose a ban"},
    {"call", "called", "made a call", "call", "make a call"},
    {"criticize", "criticized", "criticized", "criticize", "criticize"},
    {"deny", "denied", "denied", "deny", "deny"},
    {"discuss", "held talks with", "held talks", "hold talks with", "hold talks"},
    {"elect", "elected", "held an election", "elect", "hold an election"},
    {"election", "ran against", "ran in an election", "run against", "run in an election"},
    {"endorse", "endorsed", "gave an endorsement", "endorse", "give an endorsement"},
    {"fund", "funded", "gave funding", "fund", "give funding"},
    {"help", "helped", "helped", "help", "help"},
    {"invite", "invited", "sent an invitation", "invite", "send an invitation"},
    {"kill", "killed", "killed", "kill", "kill"},
    {"loan", "lent", "lent money", "lend", "lend money"},
    {"meet", "met", "held a meeting", "meet", "hold a meeting"},
    {"negotiate", "negotiated with", "negotiated", "negotiate with", "negotiate"},
    {"oppose", "opposed", "objected", "oppose", "object"},
    {"pay", "paid", "paid", "pay", "pay"},
    {"praise", "praised", "gave praise", "praise", "give praise"},
    {"sanction", "sanctioned", "imposed sanctions", "sanction", "impose sanctions"},
    {"say", "told", "said", "tell", "say"},
    {"sign", "signed an agreement with", "signed an agreement", "sign an agreement with",
     "sign an agreement"},
    {"sue", "sued", "went to court", "sue", "go to court"},
    {"support", "supported", "gave support", "support", "give support"},
    {"threaten", "threatened", "made threats", "threaten", "make threats"},
    {"visit", "visited", "made a visit", "visit", "make a visit"},
    {"warn", "warned", "gave a warning", "warn", "give a warning"},
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

static void add_names(strbuf *sb, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i) strbuf_adds(sb, " and ");
    strbuf_adds(sb, names[i]);
  }
}

void fg_headline(strbuf *sb, const char *type, const char *const *actors, size_t nactors,
                 const char *const *targets, size_t ntargets, const char *place, bool negated,
                 bool hypothetical) {
  const phrase *p = lookup(type);
  bool obj = ntargets > 0;
  if (nactors == 0) {
    /* No actor: name the event and who it concerned ("meet with B", "attack on B"). */
    strbuf_adds(sb, type);
    if (obj) {
      strbuf_adds(sb, negated ? " not involving " : hypothetical ? " possibly involving "
                                                                 : " involving ");
      add_names(sb, targets, ntargets);
    } else if (negated) {
      strbuf_adds(sb, " (denied)");
    } else if (hypothetical) {
      strbuf_adds(sb, " (possible)");
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
