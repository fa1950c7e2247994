# Huge pages (huge_pages.c, huge_pages_restart): where the kernel gives huge pages on request,
# a build runs with glibc.malloc.hugetlb=1 (and heaps that grow by 64 MB) in its
# GLIBC_TUNABLES (added to the user's own tunables, in the same process), takes far fewer page
# faults, and writes the same outputs as without; a user's own setting of that tunable is kept
# as it is. A sanitized build, and a
# kernel that gives huge pages always or never, leave the environment alone.
. "$(dirname "$0")/lib.sh"

MODE=$(sed -n 's/.*\[\([a-z]*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)
SANITIZED=no
if ldd "$BIN" 2>/dev/null | grep -Eq 'lib(asan|tsan|msan)'; then SANITIZED=yes; fi
RESTARTS=no
if [ "$MODE" = madvise ] && [ "$SANITIZED" = no ]; then RESTARTS=yes; fi
echo "# huge pages: kernel setting '${MODE:-none}', sanitized build: $SANITIZED; restarts: $RESTARTS"

# tunables_of [ENV...]: the GLIBC_TUNABLES a build has while it runs (read from
# /proc/PID/environ while it reads its input, a FIFO), "unset" if it has none.
tunables_of() {
  rm -f "$TMP/in.txt"
  mkfifo "$TMP/in.txt"
  env "$@" "$BIN" build --no-render -o "$TMP/fifo-out" "$TMP/in.txt" >/dev/null 2>&1 &
  pid=$!
  # Opening the FIFO to write waits until the build opens it to read, which it does after any
  # restart; then its environment is read and its article written. (A timeout, should the
  # build end without opening it.)
  got=$(timeout 60 sh -c 'exec 3>"$1"
    tr "\0" "\n" < "/proc/$2/environ" | sed -n "s/^GLIBC_TUNABLES=//p"
    cat "$3"/samples/putin-lepen/000_*.txt >&3' sh "$TMP/in.txt" "$pid" "$SRC")
  wait "$pid"
  echo "${got:-unset}"
}

if [ "$RESTARTS" = yes ]; then
  check "with no GLIBC_TUNABLES, the build runs with glibc.malloc.hugetlb=1" \
    test "$(tunables_of -u GLIBC_TUNABLES)" = "glibc.malloc.hugetlb=1"
else
  check "the environment is left alone" test "$(tunables_of -u GLIBC_TUNABLES)" = "unset"
fi
# (glibc rewrites the string /proc shows as it reads it: of a list, the user's first tunable
# shows; that the huge pages were added after it shows in the page faults below)
user=$(tunables_of GLIBC_TUNABLES=glibc.malloc.tcache_count=5)
check "the user's tunables are kept" test "${user%%:*}" = "glibc.malloc.tcache_count=5"
check "a user's own glibc.malloc.hugetlb is kept as it is" \
  test "$(tunables_of GLIBC_TUNABLES=glibc.malloc.hugetlb=0)" = "glibc.malloc.hugetlb=0"

# The effect: page faults (the build's own, counted by the kernel) over 6 MB of articles, with
# the huge pages (with no tunables of the user's, and with one), and with them turned off by
# the user's setting; the same outputs each time.
# (1 MB where nothing restarts: there only the outputs are compared, and a sanitized build is
# slow)
MB=1
if [ "$RESTARTS" = yes ]; then MB=6; fi
$PY "$SRC/bench/make_corpus.py" --mb "$MB" "$TMP/corpus" >/dev/null
faults() { # faults DIR [ENV]: runs a build into DIR, prints its minor page faults
  out=$1
  shift
  $PY - "$BIN" "$TMP/corpus" "$out" "$@" <<'PY'
import os, resource, subprocess, sys
binary, corpus, out, *env = sys.argv[1:]
e = dict(os.environ)
e.pop("GLIBC_TUNABLES", None)
for kv in env:
    k, v = kv.split("=", 1)
    e[k] = v
rc = subprocess.call([binary, "build", "--no-render", "--jobs", "1", corpus, "-o", out],
                     env=e, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt if rc == 0 else -1)
PY
}
with=$(faults "$TMP/with")
mixed=$(faults "$TMP/mixed" GLIBC_TUNABLES=glibc.malloc.tcache_count=5)
without=$(faults "$TMP/without" GLIBC_TUNABLES=glibc.malloc.hugetlb=0)
echo "# page faults over $MB MB: $with by default, $mixed with a tunable of the user's," \
  "$without with glibc.malloc.hugetlb=0"
check "the builds ran" test "$with" -gt 0 -a "$mixed" -gt 0 -a "$without" -gt 0
if [ "$RESTARTS" = yes ]; then
  check "with huge pages, at most three quarters of the page faults" \
    test $((with * 4)) -le $((without * 3))
  check "with huge pages added to the user's tunables, too" \
    test $((mixed * 4)) -le $((without * 3))
fi
for f in timeline.csv graph.dot graph.graphml facts.jsonl; do
  check "$f is the same with huge pages and without" \
    sh -c "cmp -s '$TMP/with/$f' '$TMP/without/$f' && cmp -s '$TMP/mixed/$f' '$TMP/without/$f'"
done
finish
