# Two different articles with one id (two folders that each hold a story.txt, a crawl that
# reuses an id) stay two articles: the later one read gets the first free id of ID#2, ID#3,
# ..., with a warning naming its file, and every fact names the right one, at spans into its
# own text. The same article given twice is still one article.
. "$(dirname "$0")/lib.sh"
S=$SRC/samples/putin-lepen
set -- $(ls "$S")
mkdir -p "$TMP/in/a" "$TMP/in/b"
cp "$S/$1" "$TMP/in/a/story.txt"
cp "$S/$2" "$TMP/in/b/story.txt"

expect_exit 0 "two articles named story.txt" "$BIN" build --no-render -o "$TMP/o" "$TMP/in"
check "the later one is renamed, with a warning naming it" \
  stderr_has "in/b/story.txt: the id \"story\" is already another article's: this one is \"story#2\" in the outputs"
check "one warning" sh -c "test \$(grep -c 'already another' '$TMP/err') -eq 1"
check "two articles read" grep -q "^storyline: read 2 articles;" "$TMP/out"
$PY - "$TMP/o" "$TMP/in" <<'PY' >"$TMP/check" 2>&1
import csv, json, sys
out, inp = sys.argv[1:3]
texts = {"story": open(inp + "/a/story.txt", "rb").read(),
         "story#2": open(inp + "/b/story.txt", "rb").read()}
bad, seen = [], set()
for row in csv.DictReader(open(out + "/timeline.csv", encoding="utf-8")):
    docs = row["documents"].split("; ")
    seen.update(docs)
    if len(docs) != len(set(docs)) or int(row["sources"]) != len(docs):
        bad.append("%s: documents %s, sources %s" % (row["event_id"], row["documents"], row["sources"]))
for line in open(out + "/facts.jsonl", encoding="utf-8"):
    f = json.loads(line)
    for m in f["mentions"]:
        seen.add(m["doc"])
        text = texts.get(m["doc"])
        if text is None or text[m["start"]:m["end"]].decode("utf-8") != m["text"]:
            bad.append("%s %s: %r not at %d-%d of %s" % (f["kind"], f["id"], m["text"], m["start"], m["end"], m["doc"]))
if seen != {"story", "story#2"}:
    bad.append("documents named: %s" % sorted(seen))
print("\n".join(bad[:10]) if bad else "every mention is in the text of the article it names")
sys.exit(1 if bad else 0)
PY
check "each fact names its own article, at spans into its text" sh -c "cat '$TMP/check'; grep -q '^every mention' '$TMP/check'"

expect_exit 0 "both folders given twice" "$BIN" build --no-render -o "$TMP/twice" "$TMP/in" "$TMP/in"
check "the same articles again are counted once" \
  grep -q "read 4 articles (2 of them given more than once, counted once)" "$TMP/out"
for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
  check "$f given twice equals given once" cmp -s "$TMP/o/$f" "$TMP/twice/$f"
done

expect_exit 0 "annotate names them as build does" sh -c "'$BIN' annotate '$TMP/in' '$TMP/in/a' > '$TMP/ann.jsonl'"
check "ids story, story#2 and story again" sh -c \
  "$PY -c 'import json,sys; print(*[json.loads(l)[\"id\"] for l in open(sys.argv[1])])' '$TMP/ann.jsonl' | grep -qx 'story story#2 story'"
check "annotate warns too" stderr_has "in/b/story.txt: the id \"story\" is already another article's"

# JSON Lines that reuse an id; an id that a rename would give is taken already.
$PY - "$S/$1" "$S/$2" "$S/$3" "$TMP/feed.jsonl" <<'PY'
import json, sys
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:4]]
with open(sys.argv[4], "w", encoding="utf-8") as f:
    for id, t in (("7", 0), ("7#2", 1), ("7", 2)):
        f.write(json.dumps({"id": id, "maintext": texts[t], "date_publish": "2017-03-25"}) + "\n")
PY
expect_exit 0 "JSON Lines with an id twice" "$BIN" build --no-render -o "$TMP/j" "$TMP/feed.jsonl"
check "the third article is 7#3" stderr_has "feed.jsonl: the id \"7\" is already another article's: this one is \"7#3\""
check "its facts name it" grep -q '"doc":"7#3"' "$TMP/j/facts.jsonl"
finish
