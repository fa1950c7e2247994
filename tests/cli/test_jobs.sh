# --jobs N analyses articles on N threads; every output is byte for byte the same whatever N.
. "$(dirname "$0")/lib.sh"
# enough articles to go twice round the ring of articles in flight (128): the samples, as
# JSON Lines, many times over (each with a line of its own: exact copies would be analysed
# once, and the threads must share real work), and a few exact copies too
$PY - "$SRC/samples/putin-lepen" "$TMP/many.jsonl" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
texts = [open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(300):
        text = texts[i % len(texts)] + ("\n\nFiled as report %d." % (i % 290))
        f.write(json.dumps({"id": "a%03d" % i, "maintext": text,
                            "date_publish": "2017-03-%02d" % (20 + i % 5)}) + "\n")
PY
# and a corpus of 150 reports, then two more outlets carrying the same 150 word for word,
# then 150 new reports: the copies are made ready by the thread that reads them, not
# analysed, and the threads go on with the reports after them
$PY - "$SRC/samples/putin-lepen" "$TMP/copies.jsonl" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
texts = [open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(600):
        report = i if i < 150 else (i - 150) % 150 if i < 450 else i - 300
        text = texts[report % len(texts)] + ("\n\nFiled as report %d." % report)
        f.write(json.dumps({"id": "c%03d" % i, "maintext": text,
                            "date_publish": "2017-03-%02d" % (20 + report % 5)}) + "\n")
PY
for j in 1 2 3; do
  expect_exit 0 "build --jobs $j, 300 of 600 articles copies" \
    "$BIN" build --no-render --jobs $j -o "$TMP/copies$j" "$TMP/copies.jsonl"
done
check "the copies are told as copies" grep -q "300 of them exact copies" "$TMP/out"
for j in 2 3; do
  for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
    check "$f of the copies with --jobs $j equals --jobs 1" cmp -s "$TMP/copies1/$f" "$TMP/copies$j/$f"
  done
done
for j in 1 2 3; do
  expect_exit 0 "build --jobs $j" "$BIN" build --no-render --jobs $j -o "$TMP/out$j" "$TMP/many.jsonl" "$SRC/samples/putin-lepen"
  expect_exit 0 "annotate --jobs $j" sh -c "'$BIN' annotate --jobs $j '$TMP/many.jsonl' > '$TMP/annotate$j.jsonl'"
done
for j in 2 3; do
  for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
    check "$f with --jobs $j equals --jobs 1" cmp -s "$TMP/out1/$f" "$TMP/out$j/$f"
  done
  check "annotate with --jobs $j equals --jobs 1" cmp -s "$TMP/annotate1.jsonl" "$TMP/annotate$j.jsonl"
done
expect_exit 2 "--jobs 0 is refused" "$BIN" build --jobs 0 "$SRC/samples/putin-lepen"
# STORYLINE_TIMINGS=1 says where the time went, on standard error, and changes no output
expect_exit 0 "build with STORYLINE_TIMINGS=1" sh -c "STORYLINE_TIMINGS=1 '$BIN' build --no-render --jobs 2 -o '$TMP/outt' '$TMP/many.jsonl' '$SRC/samples/putin-lepen' 2> '$TMP/timings.txt'"
check "the timings line names every phase and output" grep -Eq "^storyline: timings: reading and analysing [0-9.]+ s, merging [0-9.]+ s, writing [0-9.]+ s \(timeline.csv [0-9.]+, graph.dot [0-9.]+, facts.jsonl [0-9.]+, graph.graphml [0-9.]+; --jobs 2\); processor time [0-9.]+, [0-9.]+, [0-9.]+ s$" "$TMP/timings.txt"
for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
  check "$f with timings equals without" cmp -s "$TMP/out1/$f" "$TMP/outt/$f"
done
check "no timings line without STORYLINE_TIMINGS" sh -c "'$BIN' build --no-render -o '$TMP/outn' '$SRC/samples/putin-lepen' 2>&1 >/dev/null | grep -q timings; test \$? -ne 0"
finish
