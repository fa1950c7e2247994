#!/usr/bin/env python3
"""many-articles.py FOLDER OUT COUNT: COUNT articles as JSON Lines, each an article of FOLDER in
turn with a line of its own added ("Filed as report N.", so that none is an exact copy of
another), dated 2017-03-01 to 2017-03-28 in turn. For tests that need a run larger than the
samples: the samples' facts, many times over."""
import json
import os
import sys

folder, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        text = texts[i % len(texts)] + ("\n\nFiled as report %d." % i)
        f.write(json.dumps({"id": "a%04d" % i, "maintext": text,
                            "date_publish": "2017-03-%02d" % (1 + i % 28)}) + "\n")
