# build on the sample articles: every output is written, well-formed and loadable, and the
# story's main facts are on the timeline.
. "$(dirname "$0")/lib.sh"
OUT=$TMP/out-samples
expect_exit 0 "build samples" "$BIN" build "$SRC/samples/putin-lepen" -o "$OUT"
for f in timeline.csv graph.dot graph.graphml facts.jsonl graph.svg; do
  check "$f written" test -s "$OUT/$f"
done
check "no temporary files left" sh -c "! ls -A '$OUT' | grep -q tmp"
check "timeline header is exactly the contract's" sh -c "head -n 1 '$OUT/timeline.csv' | tr -d '\r' | grep -qx 'event_id,date,date_precision,date_basis,event,actor,target,place,amount,quote,headline,sources,documents,evidence,confidence'"
check "timeline: the meeting of the two leaders is one row, dated 2017-03-24, from all five outlets" $PY - "$OUT/timeline.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
meet = [r for r in rows if r["event"] == "meet" and "Vladimir Putin" in r["actor"]
        and "Marine Le Pen" in r["target"]]
sys.exit(0 if len(meet) == 1 and meet[0]["date"] == "2017-03-24" and meet[0]["sources"] == "5" else 1)
PY
check "timeline: the 2014 loan with lender, borrower and each amount in its own currency" $PY - "$OUT/timeline.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
        if r["event"] == "loan" and r["date"] == "2014"]
amounts = {a for r in rows for a in r["amount"].split("; ")}
ok = rows and all(r["actor"] and r["target"] for r in rows)
ok = ok and {"9000000 EUR", "7800000 GBP", "9700000 USD"} <= amounts
sys.exit(0 if ok else 1)
PY
check "timeline: quotes have named speakers; no actor or target is a pronoun or a role" $PY - "$OUT/timeline.csv" "$SRC" <<'PY'
import csv, os, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
lexicon = os.path.join(sys.argv[2], "src", "lexicon")
def words(name):
    return {l.split("\t")[0].strip().lower() for l in open(os.path.join(lexicon, name), encoding="utf-8")
            if l.strip() and not l.startswith("#")}
banned = words("pronouns.tsv") | words("titles.tsv") | words("descriptions.tsv") | words("demonyms.tsv")
banned |= {"the " + w for w in banned}
bad = []
for r in rows:
    for field in ("actor", "target"):
        for name in filter(None, r[field].split("; ")):
            low = name.lower()
            if low in banned or any(low == d + " " + t for d in words("demonyms.tsv") for t in words("titles.tsv")):
                bad.append((r["event"], field, name))
says = [r for r in rows if r["event"] == "say"]
for b in bad:
    print("    not a name:", b)
sys.exit(0 if len(says) >= 10 and all(r["actor"] for r in says) and not bad else 1)
PY
check "nothing comes from page furniture" $PY - "$OUT/timeline.csv" "$OUT/facts.jsonl" <<'PY'
import csv, json, sys
# lines of the samples that are navigation, links, captions or glued bylines
furniture = ["Read more", "Источник", "HelpElections", "Le Pen with Putin", "Marine Le Impolitic",
             "Mr Putinprime"]
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
texts = [r["evidence"] for r in rows] + [r["quote"] for r in rows]
for line in open(sys.argv[2], encoding="utf-8"):
    o = json.loads(line)
    texts += [m["text"] for m in o["mentions"]]
bad = [t for t in texts if any(f in t for f in furniture)]
for t in bad[:5]:
    print("    from furniture:", t[:80])
sys.exit(1 if bad else 0)
PY
check "timeline: oldest first, undated last" $PY - "$OUT/timeline.csv" <<'PY'
import csv, sys
dates = [r["date"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
dated = [d for d in dates if d]
sys.exit(0 if dated == sorted(dated) and dates[:len(dated)] == dated else 1)
PY
check "dot -Tsvg draws graph.dot without a warning" sh -c "dot -Tsvg '$OUT/graph.dot' -o '$TMP/map.svg' 2>'$TMP/dot.err' && test ! -s '$TMP/dot.err' && test -s '$TMP/map.svg'"
check "graph.graphml loads in networkx with its attributes" $PY - "$OUT/graph.graphml" <<'PY'
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
labels = {d.get("label") for _, d in g.nodes(data=True)}
ok = {"Vladimir Putin", "Marine Le Pen"} <= labels and g.number_of_edges() > 0
ok = ok and all({"label", "type", "aliases", "mentions", "sources"} <= set(d) for _, d in g.nodes(data=True))
ok = ok and all({"label", "relation", "date", "event_id", "sources", "weight"} <= set(d)
                for _, _, d in g.edges(data=True))
sys.exit(0 if ok else 1)
PY
check "facts.jsonl: every line is an entity, event or quote with mentions" $PY - "$OUT/facts.jsonl" <<'PY'
import json, sys
kinds = set()
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert o["kind"] in ("entity", "event", "quote") and o["mentions"], o
    for m in o["mentions"]:
        assert {"doc", "start", "end", "text"} <= set(m) and m["start"] < m["end"]
    kinds.add(o["kind"])
sys.exit(0 if kinds == {"entity", "event", "quote"} else 1)
PY
check "graph.svg is an SVG picture" grep -q "<svg" "$OUT/graph.svg"
expect_exit 0 "build --timeline-format timelinejs" "$BIN" build --no-render --timeline-format timelinejs "$SRC/samples/putin-lepen" -o "$TMP/tjs"
check "TimelineJS columns first, then ours" sh -c "head -n 1 '$TMP/tjs/timeline.csv' | tr -d '\r' | grep -q '^Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,event_id,date,'"
check "--no-render writes no graph.svg" test ! -e "$TMP/tjs/graph.svg"
expect_exit 0 "build --no-render over an earlier build" "$BIN" build --no-render "$SRC/samples/putin-lepen" -o "$OUT"
check "the earlier run's graph.svg is gone, not left beside the new data" test ! -e "$OUT/graph.svg"
finish
