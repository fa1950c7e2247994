#!/bin/sh
# run.sh BUILD_DIR: runs every libFuzzer target built in BUILD_DIR (cmake -DSTORYLINE_FUZZ=ON)
# for FUZZ_SECONDS each (default 120), one after the other in one process each, from a corpus
# kept in BUILD_DIR/fuzz-corpus/<target> and seeded on every run with samples/,
# tests/fuzz/seeds and tests/fuzz/regressions. A crash, hang, leak or sanitizer error stops
# that target and leaves the input in BUILD_DIR/fuzz-artifacts/; the script then goes on with
# the next target and exits 1 at the end if any target failed.
#
# FUZZ_TARGETS picks targets (names without fuzz_, e.g. "doc timex"); FUZZ_ARGS adds libFuzzer
# flags. Copy a crashing input into tests/fuzz/regressions/ once it is fixed.
set -u
build=${1:?usage: sh tests/fuzz/run.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-120}
targets=${FUZZ_TARGETS:-"article timex doc annotate factgraph"}
corpora=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
failed=""
for t in $targets; do
  bin=$build/fuzz_$t
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin: not built" >&2
    failed="$failed $t"
    continue
  fi
  corpus=$corpora/$t
  mkdir -p "$corpus"
  # seeds are copied, never fuzzed in place: libFuzzer writes new inputs into the corpus
  cp -f "$src"/samples/*/* "$src"/tests/fuzz/seeds/* "$corpus"/ 2>/dev/null
  find "$src/tests/fuzz/regressions" -type f ! -name '.*' -exec cp -f {} "$corpus"/ \;
  log=$build/fuzz-$t.log
  echo "fuzz: $t for ${seconds}s (log: $log)"
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: one that takes 2 GB a leak
  # shellcheck disable=SC2086
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -dict="$src/tests/fuzz/storyline.dict" -artifact_prefix="$artifacts/$t-" \
      -print_final_stats=1 ${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed 's/^#\([0-9]*\)[[:space:]]*DONE */  \1 runs, /'
  else
    echo "fuzz: $t FAILED; see $log and $artifacts/" >&2
    grep -E 'ERROR|SUMMARY|invariant failed|Test unit written' "$log" | head -5 | sed 's/^/  /' >&2
    failed="$failed $t"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: failed:$failed" >&2
  exit 1
fi
echo "fuzz: no crash in:$(echo " $targets")"
