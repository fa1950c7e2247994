# annotate prints one JSON object per article whose byte spans slice the article text exactly.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "annotate samples" "$BIN" annotate "$SRC/samples/putin-lepen"
cp "$TMP/out" "$TMP/annotations.jsonl"
check "one object per article, every span slices its text" $PY - "$TMP/annotations.jsonl" "$SRC/samples/putin-lepen" <<'PY'
import json, os, sys
path, folder = sys.argv[1], sys.argv[2]
files = sorted(os.listdir(folder))
lines = open(path, encoding="utf-8").read().splitlines()
assert len(lines) == len(files), (len(lines), len(files))
spans = 0
for line, name in zip(lines, files):
    o = json.loads(line)
    assert o["id"] == os.path.splitext(name)[0]
    assert o["date"] == "2017-03-24", (o["id"], o["date"])
    assert o["date_source"] in ("header", "text", "option", "inferred", "none")
    text = open(os.path.join(folder, name), "rb").read()
    for s, e in o["sentences"]:
        assert 0 <= s < e <= len(text)
    for key in ("entities", "dates", "quotes"):
        for x in o[key]:
            assert text[x["start"]:x["end"]].decode("utf-8") == x["text"], (key, x)
            spans += 1
    for x in o["events"]:
        assert 0 <= x["start"] < x["end"] <= len(text) and x["event"]
        spans += 1
    assert o["entities"] and o["dates"] and o["events"] and o["quotes"], o["id"]
print("checked", spans, "spans")
PY
check "dates carry TIMEX3 types and values" $PY - "$TMP/annotations.jsonl" <<'PY'
import json, sys
vals = {}
for line in open(sys.argv[1], encoding="utf-8"):
    for d in json.loads(line)["dates"]:
        assert d["type"] in ("DATE", "TIME", "DURATION", "SET")
        vals[d["text"]] = d["value"]
assert vals.get("Friday") == "2017-03-24", vals
assert vals.get("April 23, 2017") == "2017-04-23", vals
PY
printf 'Title: Ministers meet\nDate: 2020-02-03\n\nThe foreign minister of Italy met Angela Merkel in Berlin on Friday.\n' > "$TMP/one.txt"
expect_exit 0 "annotate reads standard input" sh -c "'$BIN' annotate - < '$TMP/one.txt'"
check "standard input: header date and a resolved weekday" $PY -c "
import json,sys
o = json.loads(open('$TMP/out').read())
assert o['id'] == 'stdin' and o['date'] == '2020-02-03' and o['date_source'] == 'header', o
assert any(d['value'] == '2020-01-31' for d in o['dates']), o['dates']
"
expect_exit 0 "annotate --date for an undated article" sh -c "printf 'Officials met on Monday.\n' | '$BIN' annotate --date 2021-06-10 -"
check "--date is the anchor, reported as option" $PY -c "
import json
o = json.loads(open('$TMP/out').read())
assert o['date'] == '2021-06-10' and o['date_source'] == 'option', o
assert any(d['value'] == '2021-06-07' for d in o['dates']), o['dates']
"
finish
