#!/usr/bin/env python3
"""Scores storyline's extraction on the regression corpus (see README.md beside this file).

usage: score.py STORYLINE [CORPUS] [--verbose] [--floor P R]
Runs `STORYLINE annotate` once over every case, compares events and attributed quotes with the
expected ones, prints precision and recall of each, and exits 1 if either figure of events or
of quotes falls below the floor (default 0, 0).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_DATE = "2020-05-04"


def parse_corpus(path):
    cases, case, state = [], None, None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("# ") or line == "#":
            continue
        if line.startswith("##"):
            rest = line[2:].strip()
            date = rest if re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest) else None
            if case is None or case["text"]:
                case = {"date": DEFAULT_DATE, "text": [], "expect": [], "line": len(cases)}
                cases.append(case)
                state = "text"
            if date:
                case["date"] = date
            continue
        if case is None:
            continue
        if line == "--":
            state = "expect"
            continue
        if state == "text":
            case["text"].append(line)
        elif line.strip():
            case["expect"].append(line.strip())
    for c in cases:
        c["text"] = "\n".join(c["text"]).strip("\n") + "\n"
    return [c for c in cases if c["text"].strip()]


def names(s):
    return frozenset(n.strip() for n in s.split(";") if n.strip())


def parse_expectation(line):
    """Returns ('event', key, extras) or ('quote', key) or None for 'none'."""
    if line == "none":
        return None
    m = re.match(r'(say~?):\s*(.*?)\s*(?:>\s*(.*?)\s*)?"(.*)"\s*$', line)
    if m:
        kind, speaker, addressee, words = m.groups()
        return ("quote", (speaker, addressee or "", " ".join(words.split()), kind == "say~"))
    m = re.match(r"([a-z]+)(!neg|!hyp)?:\s*(.*)$", line)
    if not m:
        raise ValueError("cannot read expectation: " + line)
    etype, flag, rest = m.groups()
    extras = {}
    for key, pat in (("amounts", r"\$\s*(.*)$"), ("date", r"#\s*(\S+)"), ("place", r"@\s*([^#$]*)")):
        mm = re.search(pat, rest)
        if mm:
            extras[key] = mm.group(1).strip()
            rest = rest[: mm.start()] + rest[mm.end():]
    actors, _, targets = rest.partition(">")
    return ("event", (etype, flag or "", names(actors), names(targets)), extras)


def predicted(obj):
    events = []
    for e in obj["events"]:
        if e["event"] == "say":
            continue
        flag = "!neg" if e.get("negated") else "!hyp" if e.get("hypothetical") else ""
        events.append(((e["event"], flag, frozenset(e["actor"]), frozenset(e["target"])), e))
    quotes = []
    for q in obj["quotes"]:
        if q["speaker"]:
            quotes.append((q["speaker"], q.get("addressee") or "", " ".join(q["text"].split()),
                           bool(q.get("indirect"))))
    return events, quotes


def amounts_of(e):
    return "; ".join("%d %s" % (round(a["value"]), a["currency"]) for a in e.get("amounts", []))


def event_matches(key, extras, pkey, pe):
    if key != pkey:
        return False
    if "date" in extras and extras["date"] != (pe.get("date") or ""):
        return False
    if "place" in extras and extras["place"] != (pe.get("place") or ""):
        return False
    if "amounts" in extras and extras["amounts"] != amounts_of(pe):
        return False
    return True


def main():
    args = sys.argv[1:]
    verbose = "--verbose" in args
    floor = (0.0, 0.0)
    if "--floor" in args:
        i = args.index("--floor")
        floor = (float(args[i + 1]), float(args[i + 2]))
        del args[i:i + 3]
    args = [a for a in args if a != "--verbose"]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    corpus = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "sentences.txt")
    cases = parse_corpus(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i, c in enumerate(cases):
                f.write(json.dumps({"id": "case%03d" % i, "maintext": c["text"],
                                    "date_publish": c["date"]}) + "\n")
        out = subprocess.run([binary, "annotate", path], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("storyline annotate failed (%d): %s" % (out.returncode, out.stderr))
    results = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(results) == len(cases), (len(results), len(cases))
    tally = {"event": [0, 0, 0], "quote": [0, 0, 0]}  # matched, predicted, expected
    sentences = 0
    for c, obj in zip(cases, results):
        sentences += len(obj["sentences"])
        pev, pq = predicted(obj)
        exp = [parse_expectation(l) for l in c["expect"]]
        eev = [(x[1], x[2]) for x in exp if x and x[0] == "event"]
        eq = [x[1] for x in exp if x and x[0] == "quote"]
        missed, used = [], set()
        for key, extras in eev:
            hit = next((i for i, (pk, pe) in enumerate(pev)
                        if i not in used and event_matches(key, extras, pk, pe)), None)
            if hit is None:
                missed.append("event %s %s" % (key[0] + key[1], extras))
            else:
                used.add(hit)
        extra = ["event %s(%s > %s) date=%s place=%s" % (pk[0] + pk[1], "; ".join(sorted(pk[2])),
                 "; ".join(sorted(pk[3])), pe.get("date"), pe.get("place"))
                 for i, (pk, pe) in enumerate(pev) if i not in used]
        t = tally["event"]
        t[0] += len(used); t[1] += len(pev); t[2] += len(eev)
        qused = set()
        for q in eq:
            hit = next((i for i, pqq in enumerate(pq) if i not in qused and pqq == q), None)
            if hit is None:
                missed.append("quote %s" % (q,))
            else:
                qused.add(hit)
        extra += ["quote %s" % (q,) for i, q in enumerate(pq) if i not in qused]
        t = tally["quote"]
        t[0] += len(qused); t[1] += len(pq); t[2] += len(eq)
        if verbose and (missed or extra):
            print("--- case %s: %s" % (obj["id"], c["text"].strip()[:100].replace("\n", " ")))
            for m in missed:
                print("    missed: " + m)
            for m in extra:
                print("    extra:  " + m)
    ok = True
    print("regression corpus: %d cases, %d sentences" % (len(cases), sentences))
    for kind in ("event", "quote"):
        m, p, e = tally[kind]
        prec = m / p if p else 1.0
        rec = m / e if e else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print("%-7s precision %.3f (%d/%d)  recall %.3f (%d/%d)  F1 %.3f"
              % (kind + "s:", prec, m, p, rec, m, e, f1))
        if prec < floor[0] or rec < floor[1]:
            print("  below the floor: precision %.2f, recall %.2f" % floor)
            ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
