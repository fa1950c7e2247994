# An article that is an exact copy of an earlier one (the same text, the same date) is analysed
# once: the run's facts are those of the corpus without the copy, and every fact the original
# states lists the copy too, at the same spans. The same text with another date is no copy.
. "$(dirname "$0")/lib.sh"
S=$SRC/samples/putin-lepen
first=$(ls "$S" | head -1)
mkdir -p "$TMP/with" "$TMP/dated"
cp "$S"/* "$TMP/with/"
cp "$S/$first" "$TMP/with/zz_copy.txt"
expect_exit 0 "build the samples" "$BIN" build --no-render -o "$TMP/plain" "$S"
expect_exit 0 "build the samples and a copy of one" "$BIN" build --no-render -o "$TMP/copied" "$TMP/with"
check "the summary counts the copy" grep -q "read 6 articles (1 of them an exact copy of another, analysed once)" "$TMP/out"
$PY - "$TMP/plain" "$TMP/copied" "${first%.txt}" zz_copy <<'PY' >"$TMP/compare" 2>&1
import csv, json, sys
plain, copied, orig, copy = sys.argv[1:5]

def timeline(d):
    return {r["event_id"]: r for r in csv.DictReader(open(d + "/timeline.csv", encoding="utf-8"))}

def facts(d):
    return {(f["kind"], f["id"]): f for f in map(json.loads, open(d + "/facts.jsonl", encoding="utf-8"))}

bad = []
a, b = timeline(plain), timeline(copied)
if a.keys() != b.keys():
    bad.append("the events differ: %d against %d" % (len(a), len(b)))
credited = 0
for k in a.keys() & b.keys():
    x, y = dict(a[k]), dict(b[k])
    docs = x["documents"].split("; ")
    if orig in docs:
        credited += 1
        docs = sorted(docs + [copy])
        if y["documents"].split("; ") != docs or int(y["sources"]) != int(x["sources"]) + 1:
            bad.append("%s: documents %s, sources %s" % (k, y["documents"], y["sources"]))
    for col in ("documents", "sources"):
        x.pop(col), y.pop(col)
    if x != y:
        bad.append("%s changed beyond its documents" % k)
if not credited:
    bad.append("no event of the copied article")
fa, fb = facts(plain), facts(copied)
if fa.keys() != fb.keys():
    bad.append("the facts differ")
for k in fa.keys() & fb.keys():
    want = [m for m in fa[k]["mentions"]]
    want += [dict(m, doc=copy) for m in fa[k]["mentions"] if m["doc"] == orig]
    key = lambda m: (m["doc"], m["start"], m["end"], m["text"])
    if sorted(map(key, want)) != sorted(map(key, fb[k]["mentions"])):
        bad.append("%s %s: mentions differ" % k)
print("\n".join(bad[:10]) if bad else "same facts, the copy credited at the original's spans")
sys.exit(1 if bad else 0)
PY
check "the copy adds sources and spans, no facts" sh -c "cat '$TMP/compare'; grep -q '^same facts' '$TMP/compare'"

# The same articles given twice (the same ids too) are the same articles: counted once, and
# the outputs are those of one reading; a copy among them is still a copy.
expect_exit 0 "build the samples and the copy, given twice" "$BIN" build --no-render -o "$TMP/twice" "$TMP/with" "$TMP/with"
check "the summary counts the repeats" grep -q "read 12 articles (1 of them an exact copy of another, analysed once; 6 of them given more than once, counted once)" "$TMP/out"
for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
  check "$f given twice equals given once" cmp -s "$TMP/copied/$f" "$TMP/twice/$f"
done

# JSON articles: the same text with the same date is a copy; with another date, it is not
# (its relative dates mean other days), and it is analysed on its own.
$PY - "$S/$first" "$TMP/dated/feed.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i, day in enumerate(["2017-03-25", "2017-03-25", "2017-04-02"]):
        f.write(json.dumps({"id": "r%d" % i, "maintext": text, "date_publish": day}) + "\n")
PY
expect_exit 0 "build one text thrice, twice with one date" "$BIN" build --no-render -o "$TMP/d" "$TMP/dated/feed.jsonl"
check "one copy found" grep -q "read 3 articles (1 of them an exact copy of another, analysed once)" "$TMP/out"
check "the copy is listed with the original" grep -q "r0; r1" "$TMP/d/timeline.csv"
check "the other date's report is its own" sh -c "grep -c 'r2' '$TMP/d/timeline.csv' | grep -qv '^0$'"
expect_exit 0 "annotate finds no copies: three articles, three lines" sh -c "'$BIN' annotate '$TMP/dated/feed.jsonl' > '$TMP/ann.jsonl'"
check "three lines" sh -c "test \$(wc -l < '$TMP/ann.jsonl') -eq 3"
finish
