# build: an article without a date of its own takes the run's most common date. Such articles
# wait in a temporary file until every input has been read (those from standard input too):
# each is analysed exactly once, with that date.
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/in"
printf 'Title: One\nDate: 2017-03-24\n\nVladimir Putin met Marine Le Pen in Moscow on Thursday.\n' >"$TMP/in/a.txt"
printf 'Title: Two\nDate: 2017-03-24\n\nAngela Merkel visited Paris on Wednesday.\n' >"$TMP/in/b.txt"
printf 'Title: Three\n\nEmmanuel Macron met Theresa May in London on Tuesday.\n' >"$TMP/in/c.txt"
$PY - "$TMP/in/d.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "d1", "maintext": "Donald Tusk met Mark Rutte in Brussels on Monday.",
                        "date_publish": "2017-03-24"}) + "\n")
    f.write(json.dumps({"id": "d2", "maintext": "Pedro Sanchez met Antonio Costa in Lisbon on Monday."}) + "\n")
PY
printf 'Justin Trudeau met Enrique Pena Nieto in Ottawa on Sunday.\n' >"$TMP/stdin.txt"
expect_exit 0 "build dated and undated articles, one from standard input" \
  sh -c "'$BIN' build --no-render -o '$TMP/result' '$TMP/in' - < '$TMP/stdin.txt'"
check "every article read once" grep -q "^storyline: read 6 articles;" "$TMP/out"
$PY - "$TMP/result/timeline.csv" <<'PY' >"$TMP/check" 2>&1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
want = {  # (actor, date): the undated take 2017-03-24, the run's date
    "Vladimir Putin": "2017-03-23", "Emmanuel Macron": "2017-03-21",
    "Donald Tusk": "2017-03-20", "Pedro Sanchez": "2017-03-20", "Justin Trudeau": "2017-03-19"}
got = {}
for r in rows:
    if r["event"] == "meet":
        for a in r["actor"].split("; "):
            got.setdefault(a, []).append((r["date"], r["documents"]))
bad = [a for a in want if [d for d, _ in got.get(a, [])] != [want[a]]]
print("ok" if not bad else "wrong: %r" % {a: got.get(a) for a in bad})
sys.exit(1 if bad else 0)
PY
check "each meeting once, dated from the run's date when the article has none" sh -c "cat '$TMP/check'; grep -q '^ok' '$TMP/check'"
finish
