#!/bin/sh
# run.sh BINARY: times `BINARY build --no-render --jobs J` over benchmark corpora (made by
# make_corpus.py on first use) and prints, per corpus and J, its size, wall time, throughput
# and peak memory; then how many times faster than --jobs 1 each other J ran. Before and after,
# a line tells how fast the machine was (bench/reference.c, a fixed piece of work).
#
# BENCH_SIZES lists the corpus sizes in MiB (default "64 256": the second, four times the first,
# shows how time and memory grow); each size has its own directory, bench/corpus/<N>mb.
# BENCH_JOBS lists the --jobs values (default "1 2"). BENCH_MB=N is BENCH_SIZES=N.
# BENCH_REPEAT=N runs each N times and reports the fastest (default 1): a shared machine's
# speed varies from run to run by 10-20%. The runs of a corpus go in rounds, one of each J in
# turn, so that a slow spell of the machine falls on every J alike; with N > 1, a line also
# gives each J's speed-up round by round (lowest, highest, median).
# BENCH_CORPUS names another corpus directory (made at the first size if missing).
# BENCH_OUTLETS=N (default 4; 0 for none) also times the first size's corpus as N outlets carry
# it: each article N times, word for word, under N ids (bench/corpus/<N>mb-x<K>), a corpus N
# times the size with the same facts: how time and memory grow with input that repeats itself.
# Sizes are in MiB: MB below means 1024 * 1024 bytes.
set -eu

bin=${1:?usage: sh bench/run.sh BINARY}
here=$(cd "$(dirname "$0")" && pwd)
sizes=${BENCH_SIZES:-${BENCH_MB:-64 256}}
jobs_list=${BENCH_JOBS:-1 2}
repeat=${BENCH_REPEAT:-1}
outlets=${BENCH_OUTLETS:-4}

# What a corpus holds, counted as the reader counts articles: "BYTES ARTICLES".
corpus_stats() {
  python3 - "$1" <<'PY'
import json, os, sys
size = count = 0
for d, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [x for x in dirs if not x.startswith(".")]
    for name in files:
        if name.startswith("."):
            continue
        ext = os.path.splitext(name)[1].lower()
        if ext not in ("", ".txt", ".json", ".jsonl"):
            continue
        path = os.path.join(d, name)
        size += os.path.getsize(path)
        if ext == ".jsonl":
            with open(path, "rb") as f:
                count += sum(1 for line in f if line.strip())
        elif ext == ".json":
            try:
                with open(path, "rb") as f:
                    j = json.load(f)
                count += len(j) if isinstance(j, list) else 1
            except ValueError:
                pass
        else:
            count += 1
print(size, count)
PY
}

# time_one CORPUS JOBS: one timed build; prints "SECONDS PEAK_KIB CPU_SECONDS" (user + system
# time of all its threads: with --jobs 1, a wall time well above it means the machine was busy
# with something else or the disk was slow).
time_one() {
  corpus=$1
  jobs=$2
  out=$(mktemp -d "${TMPDIR:-/tmp}/storyline-bench.XXXXXX")
  status=0
  # Wall time in seconds, peak resident memory in KiB and CPU seconds. Without GNU time,
  # Python's getrusage stands in; it counts the Python process the child was spawned from
  # (about 10 MB).
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$bin" build --no-render --jobs "$jobs" "$corpus" \
      -o "$out/result" >/dev/null || status=$?
  else
    python3 - "$bin" "$corpus" "$out/result" "$out/time" "$jobs" <<'PY' || status=$?
import resource, subprocess, sys, time
start = time.monotonic()
rc = subprocess.call([sys.argv[1], "build", "--no-render", "--jobs", sys.argv[5], sys.argv[2],
                      "-o", sys.argv[3]], stdout=subprocess.DEVNULL)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[4], "w") as f:  # ru_maxrss is in KiB on Linux
    f.write("%.2f %d %.2f %.2f\n" % (wall, usage.ru_maxrss, usage.ru_utime, usage.ru_stime))
sys.exit(rc)
PY
  fi
  if [ "$status" -ne 0 ]; then
    rm -rf "$out"
    echo "bench: $bin build failed with exit status $status" >&2
    exit "$status"
  fi
  # GNU time puts "Command exited with non-zero status N" first; the figures are last.
  tail -n 1 "$out/time" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
  rm -rf "$out"
}

# carried SRC DEST N: writes DEST, the corpus SRC as N outlets carry it: every file N times
# (outlet K's copy named oK-<name>; a JSON Lines file's articles with their ids, if any,
# prefixed oK-: without one, an article is named after its file).
carried() {
  python3 - "$1" "$2.partial" "$3" <<'PY'
import json, os, sys
src, dest, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for d, dirs, files in os.walk(src):
    dirs.sort()
    rel = os.path.relpath(d, src)
    os.makedirs(os.path.join(dest, rel), exist_ok=True)
    for name in sorted(files):
        data = open(os.path.join(d, name), "rb").read()
        for k in range(n):
            out = os.path.join(dest, rel, "o%d-%s" % (k, name))
            if name.endswith(".jsonl"):
                with open(out, "w", encoding="utf-8") as f:
                    for line in data.decode("utf-8").splitlines():
                        if line.strip():
                            j = json.loads(line)
                            if "id" in j:  # else the reader names it after the file
                                j["id"] = "o%d-%s" % (k, j["id"])
                            f.write(json.dumps(j, ensure_ascii=False) + "\n")
            else:
                with open(out, "wb") as f:
                    f.write(data)
PY
  mv "$2.partial" "$2"
}

# report CORPUS JOBS MEASURES [LABEL]: the line of one corpus and --jobs value from its timed
# builds (MEASURES: "SECONDS PEAK_KIB CPU_SECONDS" of each): the fastest one's wall and CPU
# time, and the highest peak memory of them all.
report() {
  corpus=$1
  jobs=$2
  label=${4:-}
  measure=$(echo "$3" | awk '{best = $1; peak = $2; cpu = $3
    for (i = 1; i < NF; i += 3) {
      if ($i < best) { best = $i; cpu = $(i + 2) }
      if ($(i + 1) > peak) peak = $(i + 1)
    }
    print best, peak, cpu}')
  stats=$(corpus_stats "$corpus")
  python3 - "$stats" "$measure" "$jobs" "$label" <<'PY'
import sys
size, articles = map(int, sys.argv[1].split())
secs, peak, cpu = sys.argv[2].split()
secs, peak, cpu, jobs = float(secs), int(peak), float(cpu), int(sys.argv[3])
label = " (%s)" % sys.argv[4] if sys.argv[4] else ""
mb = size / 1048576
rate = "%.1f MB/s" % (mb / secs) if secs > 0 else "too fast to measure"
print("corpus: %.1f MB in %d articles%s / --jobs %d / time: %.2f s / throughput: %s / "
      "peak memory: %.1f MB / CPU time: %.2f s" % (mb, articles, label, jobs, secs, rate,
                                                  peak / 1024, cpu))
PY
}

# run_corpus CORPUS [LABEL]: BENCH_REPEAT rounds of timed builds, one for each --jobs value in
# turn (so that each value meets the machine at the same speeds), then a line for each value
# and how many times faster than --jobs 1 each other one ran (fastest against fastest).
run_corpus() {
  corpus=$1
  label=${2:-}
  runs=$(mktemp "${TMPDIR:-/tmp}/storyline-bench-runs.XXXXXX")
  i=0
  while [ "$i" -lt "$repeat" ]; do
    for jobs in $jobs_list; do
      m=$(time_one "$corpus" "$jobs") || exit $?
      echo "$jobs $m" >>"$runs"
    done
    i=$((i + 1))
  done
  for jobs in $jobs_list; do
    measures=$(awk -v j="$jobs" '$1 == j {printf "%s %s %s ", $2, $3, $4}' "$runs")
    report "$corpus" "$jobs" "$measures" "$label"
  done
  awk '
    !($1 in best) { order[n++] = $1; best[$1] = $2 }
    $2 < best[$1] { best[$1] = $2 }
    END {
      if (!("1" in best) || best["1"] <= 0) exit
      for (k = 0; k < n; k++)
        if (order[k] != "1" && best[order[k]] > 0)
          printf "  --jobs %s: %.2fx the speed of --jobs 1\n", order[k], best["1"] / best[order[k]]
    }' "$runs"
  # With rounds, each round's runs also give a ratio, taken back to back: the fastest runs
  # above may come from rounds minutes apart, one of them caught in a slow spell.
  if [ "$repeat" -gt 1 ]; then
    python3 - "$runs" "$jobs_list" <<'PY'
import statistics, sys
jobs = sys.argv[2].split()
runs = [line.split()[:2] for line in open(sys.argv[1]) if line.strip()]  # "JOBS SECONDS"
rounds = [{j: float(t) for j, t in runs[i:i + len(jobs)]} for i in range(0, len(runs), len(jobs))]
for j in jobs:
    if j == "1" or "1" not in jobs:
        continue
    r = [x["1"] / x[j] for x in rounds if x.get(j, 0) > 0 and "1" in x]
    if r:
        print("  --jobs %s, round by round: %.2f-%.2fx, median %.2fx (%d rounds)"
              % (j, min(r), max(r), statistics.median(r), len(r)))
PY
  fi
  rm -f "$runs"
  runs=""
}

# The machine's speed now: bench/reference.c's seconds (compiled once, if a C compiler is
# there), printed before and after the figures. (The temporary files go however the bench
# ends.)
runs=""
ref_bin=$(mktemp "${TMPDIR:-/tmp}/storyline-bench-reference.XXXXXX")
trap 'rm -f "$ref_bin" "$runs"' EXIT
trap 'exit 130' HUP INT TERM
if ! ${CC:-cc} -O2 -o "$ref_bin" "$here/reference.c" 2>/dev/null; then
  echo "bench: no C compiler to build bench/reference.c; the machine's speed is not shown" >&2
  rm -f "$ref_bin"
  ref_bin=""
fi
reference() {
  [ -n "$ref_bin" ] || return 0
  secs=$("$ref_bin" | awk '{print $1}')
  echo "machine: bench/reference.c took $secs s $1 (more seconds: a slower machine, or a busy one)"
}

reference before
first=""
for mb in $sizes; do
  corpus=${BENCH_CORPUS:-$here/corpus/${mb}mb}
  if [ ! -d "$corpus" ]; then
    python3 "$here/make_corpus.py" --mb "$mb" "$corpus.partial" >/dev/null
    mv "$corpus.partial" "$corpus" # an interrupted run leaves no half corpus behind
  fi
  [ -n "$first" ] || { first=$corpus; first_mb=$mb; }
  run_corpus "$corpus"
done
if [ "$outlets" -gt 1 ]; then
  many=$first-x$outlets
  [ -d "$many" ] || carried "$first" "$many" "$outlets"
  run_corpus "$many" "the $first_mb MB corpus carried by $outlets outlets: the same facts"
fi
reference after
