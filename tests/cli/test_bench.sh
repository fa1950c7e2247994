# `make bench`'s runner (bench/run.sh) on a small corpus: a line for each corpus and --jobs
# value with its size, time, throughput and peak memory, a line with how many times faster
# --jobs 2 ran, the machine's speed before and after, and a failed build reported as failed.
# It checks what the report says and that its figures agree with each other, never how fast
# anything ran (speed is `make bench`'s to measure, not the suite's).
. "$(dirname "$0")/lib.sh"

$PY "$SRC/bench/make_corpus.py" --mb 2 "$TMP/corpus" >/dev/null
expect_exit 0 "bench/run.sh, two rounds over a 2 MB corpus" \
  env BENCH_CORPUS="$TMP/corpus" BENCH_SIZES=2 BENCH_REPEAT=2 BENCH_OUTLETS=2 \
  sh "$SRC/bench/run.sh" "$BIN"
cp "$TMP/out" "$TMP/report"
sed 's/^/    /' "$TMP/report"

# each figure line: its corpus, jobs, time, throughput and memory, and the throughput is the
# size over the time
check "a line for each corpus and --jobs value (4)" \
  test "$(grep -c '^corpus: .* / --jobs [12] / time: ' "$TMP/report")" -eq 4
check "every figure line's throughput is its size over its time" $PY - "$TMP/report" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("corpus: ")]
for l in lines:
    m = re.search(r"corpus: ([\d.]+) MB in (\d+) articles.* / time: ([\d.]+) s / throughput: "
                  r"([\d.]+) MB/s / peak memory: ([\d.]+) MB / CPU time: ([\d.]+) s$", l.strip())
    assert m, l
    size, articles, secs, rate, peak, cpu = map(float, m.groups())
    assert size > 1.9 and articles > 0 and peak > 1 and cpu > 0, l
    assert abs(size / secs - rate) <= 0.06 * rate + 0.05, l
PY
check "the outlets' corpus is twice the size, with twice the articles" $PY - "$TMP/report" <<'PY'
import re, sys
sizes = {}
for l in open(sys.argv[1]):
    m = re.match(r"corpus: ([\d.]+) MB in (\d+) articles( \(.*outlets.*\))? / --jobs 1 ", l)
    if m:
        sizes[bool(m.group(3))] = (float(m.group(1)), int(m.group(2)))
(one, one_n), (two, two_n) = sizes[False], sizes[True]
assert abs(two - 2 * one) < 0.1 and two_n == 2 * one_n, sizes
PY
# the speed-up line is the --jobs 1 line's time over the --jobs 2 line's (both the fastest;
# the times are shown to a hundredth of a second, which bounds how far their ratio may be off)
check "each corpus's speed-up of --jobs 2 is its two times' ratio" $PY - "$TMP/report" <<'PY'
import re, sys
times, ratios = [], []
for l in open(sys.argv[1]):
    m = re.search(r"/ --jobs (\d) / time: ([\d.]+) s", l)
    if m:
        times.append(float(m.group(2)))
    m = re.match(r"  --jobs 2: ([\d.]+)x the speed of --jobs 1$", l.rstrip("\n"))
    if m:
        ratios.append(float(m.group(1)))
assert len(ratios) == 2 and len(times) == 4, (times, ratios)
for k, r in enumerate(ratios):
    t1, t2 = times[2 * k], times[2 * k + 1]
    assert abs(t1 / t2 - r) <= r * (0.005 / t1 + 0.005 / t2) * 1.05 + 0.006, (t1, t2, r)
PY
# with two rounds, a line per corpus gives the speed-up round by round
check "each corpus's speed-up round by round: two rounds, lowest <= median <= highest" \
  $PY - "$TMP/report" <<'PY'
import re, sys
found = 0
for l in open(sys.argv[1]):
    m = re.match(r"  --jobs 2, round by round: ([\d.]+)-([\d.]+)x, median ([\d.]+)x \((\d+) rounds\)$",
                 l.rstrip("\n"))
    if m:
        lo, hi, med, n = float(m.group(1)), float(m.group(2)), float(m.group(3)), int(m.group(4))
        assert n == 2 and lo <= med <= hi and lo > 0, l
        found += 1
assert found == 2, found
PY
machine_lines=$(grep -cE '^machine: bench/reference.c took [0-9.]+ s (before|after) ' "$TMP/report")
check "the machine's speed, before and after" test "$machine_lines" -eq 2

# with one --jobs value there is no speed-up to tell
expect_exit 0 "bench/run.sh with --jobs 1 only" \
  env BENCH_CORPUS="$TMP/corpus" BENCH_SIZES=2 BENCH_JOBS=1 BENCH_OUTLETS=0 \
  sh "$SRC/bench/run.sh" "$BIN"
check "one figure line and no speed-up line" \
  test "$(grep -c '^corpus: ' "$TMP/out")" -eq 1 -a "$(grep -c 'the speed of' "$TMP/out")" -eq 0
# one round: no round-by-round line
expect_exit 0 "bench/run.sh, one round" \
  env BENCH_CORPUS="$TMP/corpus" BENCH_SIZES=2 BENCH_OUTLETS=0 sh "$SRC/bench/run.sh" "$BIN"
check "a speed-up line and no round-by-round line" \
  test "$(grep -c 'the speed of' "$TMP/out")" -eq 1 -a "$(grep -c 'round by round' "$TMP/out")" -eq 0

# a build that fails stops the bench with its status and says so
expect_exit 1 "bench/run.sh with a binary that fails" \
  env BENCH_CORPUS="$TMP/corpus" BENCH_SIZES=2 BENCH_OUTLETS=0 sh "$SRC/bench/run.sh" /bin/false
check "the failure is named" stderr_has "bench: /bin/false build failed with exit status 1"
check "no figure line for the failed build" test "$(grep -c '^corpus: ' "$TMP/out")" -eq 0
finish
