#!/bin/sh
# test_dot.sh: graph.dot, read by Graphviz's own parser (gvpr), holds the same map as
# graph.graphml: every entity that takes part in a relation, with the same label, type, aliases,
# mentions and sources, and every relation with the same ends and attributes. Run on the
# samples and on an article whose names are DOT keywords or carry accents and apostrophes.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/odd"
cat >"$TMP/odd/odd.txt" <<'EOF'
Title: Odd names
Date: 2020-05-04

Graph Strict met Node Edge in Zürich on Friday. José Álvarez-O'Brien met Graph Strict in Zürich
on Monday. Subgraph Digraph met José Álvarez-O'Brien on Tuesday. The Atlas Bank lent 5 million
euros to Node Edge.
EOF

# Prints one line per node and edge as cgraph reads the file: fields separated by tabs.
cat >"$TMP/dump.g" <<'EOF'
N { printf("N\t%s\t%s\t%s\t%s\t%s\t%s\n", name, $.label, $.type, $.aliases, $.mentions,
           $.sources); }
E { printf("E\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $.tail.name, $.head.name, $.event_id,
           $.label, $.relation, $.date, $.sources, $.weight, $.tooltip); }
EOF

cat >"$TMP/compare.py" <<'EOF'
import sys
import xml.etree.ElementTree as ET

dump, graphml = sys.argv[1], sys.argv[2]
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(graphml).getroot()
keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}

def data(el):
    return {keys[d.get("key")]: d.text or "" for d in el.findall("g:data", ns)}

def number(v):
    return str(int(float(v)))

nodes = {}
for n in root.iter("{%s}node" % ns["g"]):
    nodes[n.get("id")] = data(n)
edges = []
for e in root.iter("{%s}edge" % ns["g"]):
    d = data(e)
    src, dst = nodes[e.get("source")]["id"], nodes[e.get("target")]["id"]
    edges.append((src, dst, d["event_id"], d["label"], d["relation"], d["date"],
                  number(d["sources"]), number(d["weight"]), d["headline"]))
linked = {e[0] for e in edges} | {e[1] for e in edges}
want_nodes = sorted((d["id"], d["label"], d["type"], d["aliases"], number(d["mentions"]),
                     number(d["sources"])) for d in nodes.values() if d["id"] in linked)
got_nodes, got_edges = [], []
with open(dump, encoding="utf-8") as f:
    for line in f:
        fields = line.rstrip("\n").split("\t")
        # DOT doubles a backslash so that dot shows it as written
        fields = [x.replace("\\\\", "\\") for x in fields]
        (got_nodes if fields[0] == "N" else got_edges).append(tuple(fields[1:]))
problems = []
if sorted(got_nodes) != want_nodes:
    problems.append("nodes differ: %s" % (set(got_nodes) ^ set(want_nodes)))
if sorted(got_edges) != sorted(edges):
    problems.append("edges differ: %s" % (set(got_edges) ^ set(edges)))
if not edges:
    problems.append("no relations to compare")
for p in problems:
    print("   ", p[:600])
print("%d nodes, %d edges" % (len(got_nodes), len(got_edges)))
sys.exit(1 if problems else 0)
EOF

for input in "$SRC/samples" "$TMP/odd"; do
  name=$(basename "$input")
  expect_exit 0 "build $name" "$BIN" build --no-render -o "$TMP/out-$name" "$input"
  check "gvpr reads $name's graph.dot" sh -c \
    "gvpr -f '$TMP/dump.g' '$TMP/out-$name/graph.dot' >'$TMP/dump-$name' 2>'$TMP/gvpr.err' \
     && test ! -s '$TMP/gvpr.err'"
  check "$name: graph.dot and graph.graphml hold the same map" \
    "$PY" "$TMP/compare.py" "$TMP/dump-$name" "$TMP/out-$name/graph.graphml"
done
check "accents survive" grep -q 'José Álvarez-O'"'"'Brien' "$TMP/dump-odd"
finish
