# build keeps the reports' sentences and the entities' mentions in temporary files (in
# $TMPDIR, unlinked as soon as made): the outputs are byte for byte those of a run that must
# keep them in memory, because TMPDIR cannot be written (which it says once, and goes on);
# no file is left in TMPDIR, not even by a run killed midway.
. "$(dirname "$0")/lib.sh"
# the samples many times over, each article with a line of its own: more sentences and
# mentions than a store keeps in memory before it makes its file (1 MiB); four times as many
# for a run to kill
$PY "$SRC/scripts/many-articles.py" "$SRC/samples/putin-lepen" "$TMP/many.jsonl" 1500
$PY "$SRC/scripts/many-articles.py" "$SRC/samples/putin-lepen" "$TMP/more.jsonl" 6000
mkdir "$TMP/tmpdir"
for j in 1 2; do
  expect_exit 0 "build --jobs $j with its temporary files" \
    sh -c "TMPDIR='$TMP/tmpdir' '$BIN' build --no-render --jobs $j -o '$TMP/files$j' '$TMP/many.jsonl'"
  check "no warning with a folder to write in (--jobs $j)" test ! -s "$TMP/err"
  check "nothing left in TMPDIR (--jobs $j)" test -z "$(ls -A "$TMP/tmpdir")"
  expect_exit 0 "build --jobs $j with TMPDIR missing" \
    sh -c "TMPDIR='$TMP/missing' '$BIN' build --no-render --jobs $j -o '$TMP/memory$j' '$TMP/many.jsonl'"
  check "it says once that the texts stay in memory, naming the folder (--jobs $j)" \
    sh -c "test \$(grep -c 'storyline: warning: $TMP/missing: cannot make a temporary file: No such file or directory; keeping texts in memory' '$TMP/err') -eq 1 && test \$(wc -l < '$TMP/err') -eq 1"
  for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
    check "$f is the same with temporary files as in memory (--jobs $j)" \
      cmp -s "$TMP/files$j/$f" "$TMP/memory$j/$f"
  done
done
for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
  check "$f is the same with --jobs 1 and 2" cmp -s "$TMP/files1/$f" "$TMP/files2/$f"
done
check "the run was large enough to need its files" test "$(wc -c < "$TMP/files1/facts.jsonl")" -gt 4000000
# killed while its files are open: they had no name to leave behind
TMPDIR="$TMP/tmpdir" "$BIN" build --no-render --jobs 1 -o "$TMP/killed" "$TMP/more.jsonl" \
  >/dev/null 2>&1 &
pid=$!
open=no
for i in $(seq 1 200); do
  if ls -l /proc/$pid/fd 2>/dev/null | grep -q "$TMP/tmpdir/storyline-"; then open=yes; break; fi
  sleep 0.05
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
check "the run was killed with a temporary file open" test $open = yes
check "nothing left in TMPDIR by a killed run" test -z "$(ls -A "$TMP/tmpdir")"
finish
