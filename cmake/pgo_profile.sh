#!/bin/sh
# pgo_profile.sh CMAKE SOURCE_DIR PGO_BUILD BUILD_TYPE C_COMPILER CORES: makes the profile the
# optimised tool is compiled from (CMakeLists.txt, STORYLINE_PGO). Builds the tool counting
# its branches and calls in PGO_BUILD (this project with STORYLINE_PGO_PHASE=generate), runs
# it as `make run` does on samples/ (on one thread and on two) and as annotate, and leaves
# the counts in PGO_BUILD/profile. Quiet unless something fails: then the log is shown.
set -u
cmake=$1 src=$2 pgo=$3 type=$4 cc=$5 cores=$6
log=$pgo.log
: >"$log"
fail() {
  cat "$log" >&2
  echo "storyline: profiling failed ($1); see above" >&2
  exit 1
}
# (the profiling build is a make of its own, not one of the calling make's jobs)
unset MAKEFLAGS MFLAGS MAKELEVEL
"$cmake" -S "$src" -B "$pgo" -DCMAKE_BUILD_TYPE="$type" -DCMAKE_C_COMPILER="$cc" \
  -DSTORYLINE_PGO_PHASE=generate >>"$log" 2>&1 || fail "configure"
"$cmake" --build "$pgo" --target storyline --parallel "$cores" >>"$log" 2>&1 || fail "build"
rm -rf "$pgo/profile" "$pgo/out"
"$pgo/storyline" build --no-render --jobs 1 "$src/samples" -o "$pgo/out" >>"$log" 2>&1 || fail "run"
"$pgo/storyline" build --no-render --jobs 2 "$src/samples" -o "$pgo/out" >>"$log" 2>&1 || fail "run"
"$pgo/storyline" annotate "$src/samples" >"$pgo/out/annotated.jsonl" 2>>"$log" || fail "annotate"
touch "$pgo/trained"
