#!/bin/sh
# Installs the Debian packages storyline needs, only those that are missing.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
# `install-deps.sh fuzz` also wants clang and its libFuzzer runtime, for `make fuzz` only.
set -eu
PKGS="cmake make gcc pkg-config libigraph-dev libcsv-dev libgraphviz-dev graphviz \
libjansson-dev libutf8proc-dev libcmocka-dev python3 python3-networkx time valgrind"
if [ "${1:-}" = fuzz ]; then PKGS="$PKGS clang libclang-rt-dev"; fi
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "storyline: missing packages:$missing"
  echo "run: sudo apt-get install -y$missing"
  exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing
