# Shared helpers for the CLI tests: sourced, not run. Each test is `sh test.sh BINARY SRCDIR`.
set -u
BIN=$1
SRC=$2
PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # check "description" command...
  desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# expect_exit CODE "description" command...: runs it, keeps stdout/stderr in $TMP/out, $TMP/err
expect_exit() {
  want=$1
  desc=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$desc (exit $got)"; else
    not_ok "$desc: exit $got, expected $want"
    sed 's/^/    stderr: /' "$TMP/err" | head -5
  fi
}
stderr_has() { grep -q -- "$1" "$TMP/err"; }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
