#!/usr/bin/env python3
"""eval-event-dates.py: do storyline's events get the date of their own clause?

TimeBank and AQUAINT (the TempEval-3 training data) link events to time expressions: a TLINK
with relType IS_INCLUDED (or DURING, SIMULTANEOUS, BEGINS, ENDS; or a time that INCLUDES the
event) says when the event happened, and the document creation time counts as a time too.
This script runs `storyline annotate` over the same plain texts as eval-dates.py (creation time
as a Date: header), takes every event storyline reports whose trigger overlaps a gold EVENT
(for a `say`, whose span is its quote: the reporting event nearest the quote, outside it) that
has such a link to a calendar date, and compares storyline's date with the gold one:

  exact:      the same value ("1998-08-07" and "1998-08-07");
  compatible: one is the other at a coarser precision ("1998-08" and "1998-08-07");
  wrong:      anything else (another day, another year, no date).

Figures are printed overall and by storyline's date_basis (text: a date expression in the
sentence; publication: the article's date). A gold event linked to several dates counts as
right if any matches. Events storyline does not report are not scored: this measures dates,
not event recall.

Usage:
  scripts/eval-event-dates.py --storyline build/storyline [--data DIR] [--verbose]
                              [--floor exact=0.70]

The data stay where they are (default /work/shared/data/tempeval3-train); the script fails
when they are absent. Python 3 standard library only.
"""
import argparse
import html
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("eval_dates", os.path.join(HERE, "eval-dates.py"))
ed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ed)

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)/?>")
ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
# the event happens within (or at) the time
WITHIN = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "IDENTITY"}
CALENDAR = re.compile(r"^(\d{4})(-\d\d)?(-\d\d)?")


def calendar_value(value):
    """The calendar part of a TIMEX3 value ("1998-08-07T10:00" -> "1998-08-07"), or None."""
    m = CALENDAR.match(value or "")
    if not m or (len(value) > m.end() and value[m.end()] not in "T"):
        return None  # weeks, quarters, seasons, "199X": not a calendar date
    return m.group(0)


def gold_event_dates(path, text):
    """[(start, end, [date, ...])] in characters of the plain text, for events with a link."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    times = {}
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        a = dict(ATTR.findall(m.group(1)))
        if "tid" in a:
            times[a["tid"]] = calendar_value(a.get("value", ""))
    instance = {}
    for m in re.finditer(r"<MAKEINSTANCE([^>]*)>", raw):
        a = dict(ATTR.findall(m.group(1)))
        instance[a.get("eiid")] = a.get("eventID")
    anchors = {}
    for m in re.finditer(r"<TLINK([^>]*)>", raw):
        a = dict(ATTR.findall(m.group(1)))
        rel = a.get("relType", "")
        if a.get("eventInstanceID") and a.get("relatedToTime") and rel in WITHIN:
            eid, tid = instance.get(a["eventInstanceID"]), a["relatedToTime"]
        elif a.get("timeID") and a.get("relatedToEventInstance") and rel == "INCLUDES":
            eid, tid = instance.get(a["relatedToEventInstance"]), a["timeID"]
        else:
            continue
        if eid and times.get(tid):
            anchors.setdefault(eid, set()).add(times[tid])
    # event spans in the plain text, found as eval-dates.py strips the tags
    start, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    body = raw[start + len("<TEXT>"):end]
    pos = length = 0
    out = []
    opened = None
    for m in TAG.finditer(body):
        length += len(html.unescape(body[pos:m.start()]))
        pos = m.end()
        if m.group(2) != "EVENT":
            continue
        if m.group(1) != "/":
            a = dict(ATTR.findall(m.group(3)))
            opened = (length, a.get("eid"), a.get("class", ""))
        elif opened:
            s, eid, cls = opened
            if eid in anchors and length > s:
                out.append((s, length, sorted(anchors[eid]), cls == "REPORTING"))
            opened = None
    return out


def gold_for(gold, s, e, say):
    """The gold event an event of storyline's at [s, e) stands for: one its trigger overlaps;
    for a `say`, whose span is the quote, the nearest reporting event ("said") outside the
    quote and at most 80 characters from it."""
    if not say:
        return next((g for g in gold if g[0] < e and s < g[1] and not g[3]), None)
    best = None
    for g in gold:
        if not g[3] or (g[0] < e and s < g[1]):
            continue
        dist = s - g[1] if g[1] <= s else g[0] - e
        if dist <= 80 and (best is None or dist < best[0]):
            best = (dist, g)
    return best[1] if best else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--storyline", required=True)
    ap.add_argument("--data", default=ed.DEFAULT_DATA)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--floor", help="exact=F,compatible=F: exit 1 below these")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit("eval-event-dates: %s: no such folder (the TempEval-3 data stay in ../shared/data)"
                 % args.data)
    docs = ed.load_docs(args.data)
    if not docs:
        sys.exit("eval-event-dates: %s: no .tml files" % args.data)
    preds = ed.run_storyline(args.storyline, docs)
    counts = {}
    rows = []
    for i, d in enumerate(docs):
        obj = preds.get(ed.file_name(d, i))
        if obj is None:
            continue
        gold = gold_event_dates(d.path, d.text)
        if not gold:
            continue
        # the events as (start, end) in characters, through the dates' converter
        fake = dict(obj)
        fake["dates"] = [{"start": x["start"], "end": x["end"], "type": x.get("event", ""),
                          "value": "%s|%s" % (x.get("date") or "", x.get("date_basis") or "")}
                         for x in obj.get("events", [])]
        for s, e, typ, both in ed.system_spans(d, i, {ed.file_name(d, i): fake}):
            date, basis = both.split("|", 1)
            g = gold_for(gold, s, e, typ == "say")
            if g is None:
                continue
            dates = g[2]
            if date in dates:
                verdict = "exact"
            elif date and any(g.startswith(date) or date.startswith(g) for g in dates):
                verdict = "compatible"
            else:
                verdict = "wrong"
            for key in ("all", basis or "none"):
                c = counts.setdefault(key, {"exact": 0, "compatible": 0, "wrong": 0})
                c[verdict] += 1
            rows.append((d.id, verdict, typ, d.text[s:e], date, basis, dates,
                         d.text[max(0, s - 120):e + 80].replace("\n", " ")))
    if not rows:
        sys.exit("eval-event-dates: no storyline event meets a linked gold event")
    for key in ["all"] + sorted(k for k in counts if k != "all"):
        c = counts[key]
        n = sum(c.values())
        print("%-12s events %4d  exact %.3f  compatible %.3f  wrong %.3f" % (
            key, n, c["exact"] / n, (c["exact"] + c["compatible"]) / n, c["wrong"] / n))
    if args.verbose:
        for doc, verdict, typ, trig, date, basis, dates, ctx in rows:
            if verdict != "exact":
                print("%s\t%s\t%s %r\tsystem %s (%s)\tgold %s\n    %s" % (
                    doc, verdict, typ, trig, date or "-", basis, ",".join(dates), ctx))
    status = 0
    for part in filter(None, (args.floor or "").split(",")):
        name, _, value = part.partition("=")
        c = counts["all"]
        n = sum(c.values())
        got = {"exact": c["exact"] / n, "compatible": (c["exact"] + c["compatible"]) / n}.get(name)
        if got is None:
            sys.exit("eval-event-dates: --floor: unknown figure %r (exact, compatible)" % name)
        if got < float(value):
            print("eval-event-dates: %s %.3f is below its floor %s" % (name, got, value))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
