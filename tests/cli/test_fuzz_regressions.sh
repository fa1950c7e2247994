# Inputs that once crashed a fuzz target (tests/fuzz/regressions), and the fuzz seeds, through
# the real binary: read as a text and as a JSON Lines file, annotated and built, each must end
# with one of the exit codes of OUTPUTS.md and no sanitizer report. (The replay_* tests run the
# same inputs through the fuzz targets themselves.)
. "$(dirname "$0")/lib.sh"
n=0
for f in "$SRC"/tests/fuzz/regressions/* "$SRC"/tests/fuzz/seeds/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  n=$((n + 1))
  for ext in txt jsonl; do
    cp "$f" "$TMP/input.$ext"
    for cmd in annotate build; do
      if [ "$cmd" = build ]; then set -- build --no-render -o "$TMP/o"; else set -- annotate; fi
      "$BIN" "$@" "$TMP/input.$ext" >/dev/null 2>"$TMP/err"
      rc=$?
      if [ "$rc" -le 3 ] && ! grep -qE 'Sanitizer|runtime error' "$TMP/err"; then
        ok "$name as .$ext: $cmd (exit $rc)"
      else
        not_ok "$name as .$ext: $cmd: exit $rc"
        grep -E 'ERROR|SUMMARY|runtime error' "$TMP/err" | head -3 | sed 's/^/    /'
      fi
    done
  done
done
check "there are inputs to replay ($n)" test "$n" -gt 0
finish
