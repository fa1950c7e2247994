#!/usr/bin/env python3
"""eval-dates.py: scores storyline's date recognizer on TimeML files as TempEval-3 Task A does.

For every .tml file under the data folder, the text inside <TEXT> is stripped of its tags
(keeping the gold TIMEX3 spans as character offsets into the plain text) and run through
`storyline annotate` with the document creation time (DCT) as the publication date. The
script then reports, as TempEval-3 does for time expressions:

  strict  span P/R/F1: a system expression counts only if its span equals a gold span;
  relaxed span P/R/F1: any overlap counts (pairs are matched one to one, in text order);
  type and value F1:   accuracy of the attribute over the relaxed matches, times relaxed F1.

Usage:
  scripts/eval-dates.py --storyline build/storyline [--data DIR] [--verbose] [--kinds]
                        [--floor strict=0.85,value=0.80]
  scripts/eval-dates.py --predictions FILE.jsonl [--data DIR]   (annotate output saved earlier)
  scripts/eval-dates.py --self-check [--data DIR]   (scores the gold against itself: all 1.0)

--verbose lists every miss, extra and wrong value; --kinds groups the wrong values by kind (the
gold leaving digits unknown, a coarser or finer value, quarters, weeks, days, durations...) and
counts the commonest misses and extras; --floor makes the exit status 1 when a figure (strict,
relaxed, type, value: the F1s) falls below its floor, for a make target.

The data stay where they are (default /work/shared/data/tempeval3-train); plain-text copies
are written to a temporary folder that is removed afterwards. Python 3 standard library only.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_DATA = "/work/shared/data/tempeval3-train"
TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
HEADER = "Date: {}\n\n"


class Doc:
    def __init__(self, doc_id, path, dct, text, gold):
        self.id = doc_id
        self.path = path
        self.dct = dct     # "YYYY-MM-DD" or None
        self.text = text   # plain text of <TEXT>
        self.gold = gold   # list of (start, end, type, value) in characters


def parse_tml(path):
    """The plain text of <TEXT> with its TIMEX3 spans, and the DCT."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        value = dict(ATTR.findall(m.group(1))).get("value", "")
        if re.match(r"\d{4}-\d\d-\d\d", value):
            dct = value[:10]
    start = raw.find("<TEXT>")
    end = raw.find("</TEXT>")
    if start < 0 or end < 0:
        return None
    body = raw[start + len("<TEXT>"):end]
    out = []
    pos = 0      # in body
    length = 0   # characters of plain text so far
    open_timex = None
    gold = []
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            attrs = dict(ATTR.findall(m.group(3)))
            open_timex = (length, attrs.get("type", ""), attrs.get("value", ""))
        elif open_timex:
            s, typ, val = open_timex
            if length > s:
                gold.append((s, length, typ, val))
            open_timex = None
    chunk = html.unescape(body[pos:])
    out.append(chunk)
    text = "".join(out)
    doc_id = os.path.splitext(os.path.basename(path))[0]
    return Doc(doc_id, path, dct, text, gold)


def load_docs(data):
    docs = []
    for root, dirs, files in os.walk(data):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".tml"):
                d = parse_tml(os.path.join(root, name))
                if d:
                    docs.append(d)
    return docs


def file_name(doc, index):
    # unique, sortable, and free of dots so the article id is the whole name
    return "d%04d_%s" % (index, re.sub(r"[^A-Za-z0-9_-]", "_", doc.id))


def run_storyline(binary, docs):
    """Writes the texts with a Date: header and runs annotate once on the folder."""
    preds = {}
    with tempfile.TemporaryDirectory(prefix="eval-dates-") as tmp:
        for i, d in enumerate(docs):
            header = HEADER.format(d.dct) if d.dct else ""
            with open(os.path.join(tmp, file_name(d, i) + ".txt"), "w", encoding="utf-8") as f:
                f.write(header + d.text)
        proc = subprocess.run([binary, "annotate", tmp], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            sys.exit("eval-dates: %s annotate failed (exit %d): %s" % (
                binary, proc.returncode, proc.stderr.decode("utf-8", "replace")[:500]))
        for line in proc.stdout.decode("utf-8", "replace").splitlines():
            if line.strip():
                obj = json.loads(line)
                preds[obj.get("id")] = obj
    return preds


def gold_predictions(docs):
    """Annotate-like records made from the gold itself, with byte offsets behind a Date: header,
    to check the text extraction, the offset conversion and the scoring end to end."""
    preds = {}
    for i, d in enumerate(docs):
        header = HEADER.format(d.dct) if d.dct else ""
        dates = []
        for s, e, typ, val in d.gold:
            bs = len((header + d.text[:s]).encode("utf-8"))
            be = len((header + d.text[:e]).encode("utf-8"))
            dates.append({"start": bs, "end": be, "text": d.text[s:e], "type": typ, "value": val})
        preds[file_name(d, i)] = {"id": file_name(d, i), "dates": dates}
    return preds


def load_predictions(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                preds[obj.get("id")] = obj
    return preds


def system_spans(doc, index, preds):
    """The predicted dates of DOC as (start, end, type, value) in characters of doc.text."""
    obj = preds.get(file_name(doc, index)) or preds.get(doc.id)
    if obj is None:
        return None
    header = (HEADER.format(doc.dct) if doc.dct else "").encode("utf-8")
    data = header + doc.text.encode("utf-8")
    # byte offset -> character offset in doc.text
    char_at = [0] * (len(data) + 1)
    c = 0
    for b in range(len(data) + 1):
        char_at[b] = c
        if b < len(data) and (data[b] & 0xC0) != 0x80:
            c += 1
    hl = len(header)
    hc = len(header.decode("utf-8"))
    out = []
    for x in obj.get("dates", []):
        s, e = int(x["start"]), int(x["end"])
        if s < hl or e > len(data) or s >= e:
            continue
        # a start inside a character is counted from that character
        out.append((char_at[s] - hc, char_at[e] - hc + (1 if e < len(data) and (data[e] & 0xC0) == 0x80 else 0),
                    x.get("type", ""), x.get("value", "")))
    return out


def match(gold, system, strict):
    """One-to-one pairs (g, s) in text order: equal spans if STRICT, else overlapping."""
    pairs = []
    used = set()
    for g in gold:
        for k, s in enumerate(system):
            if k in used:
                continue
            ok = (g[0] == s[0] and g[1] == s[1]) if strict else (g[0] < s[1] and s[0] < g[1])
            if ok:
                pairs.append((g, s))
                used.add(k)
                break
    return pairs


def value_kind(gold, system):
    """A rough kind for a wrong value, to see which rules would pay."""
    g, s = gold, system
    if "X" in g and re.match(r"\d{4}", g) and not g.startswith("P"):
        known = re.match(r"[\d-]*", g).group(0).rstrip("-")
        if known and s.startswith(known):
            return "gold leaves digits unknown"
    if re.match(r"\d{4}-W\d$", g):
        return "gold week without zero"
    if g.startswith(s) or s.startswith(g):
        return "coarser or finer value"
    if g.endswith("_REF") or s.endswith("_REF"):
        return "PAST/PRESENT/FUTURE_REF"
    if g.startswith("P") and s.startswith("P"):
        return "duration length or unit"
    if g.startswith("P") or s.startswith("P"):
        return "date against duration"
    if "-Q" in g or "-Q" in s:
        return "quarter"
    if "-W" in g or "-W" in s:
        return "week"
    if "T" in g or "T" in s:
        return "time of day"
    if re.match(r"\d{4}-\d\d-\d\d$", g) and re.match(r"\d{4}-\d\d-\d\d$", s):
        return "another day"
    if re.match(r"\d{4}(-\d\d)?$", g) and re.match(r"\d{4}(-\d\d)?$", s):
        return "another month or year"
    return "other"


def print_kinds(wrong, misses, extras, examples=6):
    kinds = {}
    for g_text, g_val, s_text, s_val in wrong:
        kinds.setdefault(value_kind(g_val, s_val), []).append(
            "%r=%s, system %r=%s" % (g_text, g_val, s_text, s_val))
    print("wrong values by kind (%d):" % len(wrong))
    for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print("  %4d  %s" % (len(rows), kind))
        for r in rows[:examples]:
            print("          %s" % r)
    for title, items in (("misses", misses), ("extras", extras)):
        counts = {}
        for text, typ, val in items:
            key = "%s %s" % (text.lower(), typ)
            counts[key] = counts.get(key, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
        print("%s (%d), commonest: %s" % (title, len(items),
                                          ", ".join("%s x%d" % (k, n) for k, n in top)))


def parse_floors(spec):
    floors = {}
    for part in filter(None, (spec or "").split(",")):
        name, _, value = part.partition("=")
        if name not in ("strict", "relaxed", "type", "value"):
            sys.exit("eval-dates: --floor: unknown figure %r (strict, relaxed, type, value)" % name)
        try:
            floors[name] = float(value)
        except ValueError:
            sys.exit("eval-dates: --floor: %r is not a number" % value)
    return floors


def prf(tp_sys, n_sys, tp_gold, n_gold):
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder of .tml files (read recursively)")
    ap.add_argument("--storyline", help="path to the storyline binary")
    ap.add_argument("--predictions", help="annotate JSON Lines saved earlier, instead of running")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and wrong values")
    ap.add_argument("--kinds", action="store_true",
                    help="group wrong values by kind; count the commonest misses and extras")
    ap.add_argument("--floor", metavar="NAME=F1,...",
                    help="exit 1 if an F1 (strict, relaxed, type, value) is below its floor")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--self-check", action="store_true",
                    help="score the gold against itself (every figure must be 1.0)")
    args = ap.parse_args()
    floors = parse_floors(args.floor)
    if not os.path.isdir(args.data):
        sys.exit("eval-dates: %s: no such folder; pass the TimeML data with --data DIR" % args.data)
    if not args.storyline and not args.predictions and not args.self_check:
        sys.exit("eval-dates: give --storyline BINARY, --predictions FILE or --self-check")
    docs = load_docs(args.data)
    if args.limit:
        docs = docs[:args.limit]
    if not docs:
        sys.exit("eval-dates: %s: no .tml files with a <TEXT> element" % args.data)
    if args.self_check:
        preds = gold_predictions(docs)
    elif args.predictions:
        preds = load_predictions(args.predictions)
    else:
        if not os.access(args.storyline, os.X_OK):
            sys.exit("eval-dates: %s: not an executable" % args.storyline)
        preds = run_storyline(args.storyline, docs)

    n_gold = n_sys = 0
    strict_tp = relaxed_tp = 0
    type_ok = value_ok = 0
    missing = 0
    wrong, misses, extras = [], [], []
    for i, d in enumerate(docs):
        system = system_spans(d, i, preds)
        if system is None:
            missing += 1
            system = []
        n_gold += len(d.gold)
        n_sys += len(system)
        sp = match(d.gold, system, True)
        rp = match(d.gold, system, False)
        strict_tp += len(sp)
        relaxed_tp += len(rp)
        for g, s in rp:
            type_ok += g[2] == s[2]
            value_ok += g[3] == s[3]
            if g[3] != s[3]:
                wrong.append((d.text[g[0]:g[1]], g[3], d.text[s[0]:s[1]], s[3]))
        matched_g = {id(g) for g, _ in rp}
        matched_s = {id(s) for _, s in rp}
        misses.extend((d.text[g[0]:g[1]], g[2], g[3]) for g in d.gold if id(g) not in matched_g)
        extras.extend((d.text[s[0]:s[1]], s[2], s[3]) for s in system if id(s) not in matched_s)
        if args.verbose:
            for g in d.gold:
                if id(g) not in matched_g:
                    print("%s\tMISS\t%r\t%s\t%s" % (d.id, d.text[g[0]:g[1]], g[2], g[3]))
            for s in system:
                if id(s) not in matched_s:
                    print("%s\tEXTRA\t%r\t%s\t%s" % (d.id, d.text[s[0]:s[1]], s[2], s[3]))
            for g, s in rp:
                if g[3] != s[3] or g[0] != s[0] or g[1] != s[1]:
                    print("%s\tDIFF\t%r=%s\t%r=%s" % (d.id, d.text[g[0]:g[1]], g[3],
                                                      d.text[s[0]:s[1]], s[3]))

    sp, sr, sf = prf(strict_tp, n_sys, strict_tp, n_gold)
    rp_, rr, rf = prf(relaxed_tp, n_sys, relaxed_tp, n_gold)
    type_acc = type_ok / relaxed_tp if relaxed_tp else 0.0
    value_acc = value_ok / relaxed_tp if relaxed_tp else 0.0
    print("documents %d (without predictions: %d), gold timexes %d, system timexes %d"
          % (len(docs), missing, n_gold, n_sys))
    print("strict   P %.4f  R %.4f  F1 %.4f" % (sp, sr, sf))
    print("relaxed  P %.4f  R %.4f  F1 %.4f" % (rp_, rr, rf))
    print("type     accuracy %.4f  F1 %.4f" % (type_acc, type_acc * rf))
    print("value    accuracy %.4f  F1 %.4f" % (value_acc, value_acc * rf))
    if args.kinds:
        print_kinds(wrong, misses, extras)
    figures = {"strict": sf, "relaxed": rf, "type": type_acc * rf, "value": value_acc * rf}
    below = ["%s F1 %.4f < %.4f" % (k, figures[k], v) for k, v in floors.items() if figures[k] < v]
    if below:
        print("eval-dates: below the floor: %s" % "; ".join(below), file=sys.stderr)
        return 1
    if args.self_check and (sf, rf, type_acc, value_acc) != (1.0, 1.0, 1.0, 1.0):
        print("eval-dates: self-check failed: the gold does not score 1.0 against itself",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
