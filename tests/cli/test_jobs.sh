# --jobs N analyses articles on N threads; every output is byte for byte the same whatever N.
. "$(dirname "$0")/lib.sh"
# enough articles for several batches: the samples, as JSON Lines, many times over
$PY - "$SRC/samples/putin-lepen" "$TMP/many.jsonl" <<'PY'
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
texts = [open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(300):
        f.write(json.dumps({"id": "a%03d" % i, "maintext": texts[i % len(texts)],
                            "date_publish": "2017-03-%02d" % (20 + i % 5)}) + "\n")
PY
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
finish
