#!/bin/sh
# run.sh BINARY: times `BINARY build --no-render` over the benchmark corpus (made by
# make_corpus.py on first use) and prints corpus size, wall time, throughput and peak memory.
#
# BENCH_MB sets the corpus size in MiB (default 64; 256 checks that time and memory grow
# linearly); each size gets its own directory, bench/corpus/<N>mb, made on first use.
# BENCH_CORPUS names another corpus directory (made at BENCH_MB if missing, else used as is).
# Sizes are in MiB: MB below means 1024 * 1024 bytes.
set -eu

bin=${1:?usage: sh bench/run.sh BINARY}
here=$(cd "$(dirname "$0")" && pwd)
mb=${BENCH_MB:-64}
corpus=${BENCH_CORPUS:-$here/corpus/${mb}mb}

if [ ! -d "$corpus" ]; then
  python3 "$here/make_corpus.py" --mb "$mb" "$corpus.partial"
  mv "$corpus.partial" "$corpus" # an interrupted run leaves no half corpus behind
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/storyline-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

# What the corpus holds, counted as the reader counts articles.
stats=$(python3 - "$corpus" <<'EOF'
import json, os, sys
size = count = 0
for d, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [x for x in dirs if not x.startswith(".")]
    for name in files:
        if name.startswith("."):
            continue
        base, ext = os.path.splitext(name)
        ext = ext.lower()
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
EOF
)
bytes=${stats% *}
articles=${stats#* }

# Wall time in seconds and peak resident memory in KiB of the build. Without GNU time, Python's
# getrusage stands in; it counts the Python process the child was spawned from (about 10 MB),
# so small peaks read high there.
status=0
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" build --no-render "$corpus" -o "$out/result" \
    || status=$?
else
  python3 - "$bin" "$corpus" "$out/result" "$out/time" <<'EOF' || status=$?
import resource, subprocess, sys, time
start = time.monotonic()
rc = subprocess.call([sys.argv[1], "build", "--no-render", sys.argv[2], "-o", sys.argv[3]])
wall = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
with open(sys.argv[4], "w") as f:
    f.write("%.2f %d\n" % (wall, peak))
sys.exit(rc)
EOF
fi

if [ "$status" -ne 0 ]; then
  echo "bench: $bin build failed with exit status $status" >&2
  exit "$status"
fi

# GNU time puts "Command exited with non-zero status N" first; the figures are last.
measure=$(tail -n 1 "$out/time")
python3 - "$bytes" "$articles" "$measure" <<'EOF'
import sys
size, articles = int(sys.argv[1]), int(sys.argv[2])
secs, peak = sys.argv[3].split()
secs, peak = float(secs), int(peak)
mb = size / 1048576
rate = "%.1f MB/s" % (mb / secs) if secs > 0 else "too fast to measure"
print("corpus: %.1f MB in %d articles / time: %.2f s / throughput: %s / peak memory: %.1f MB"
      % (mb, articles, secs, rate, peak / 1024))
EOF
