# Every quote in the sample articles has its right named speaker (or none, for words in
# quotation marks that nobody said); no speaker is a pronoun or a role word.
. "$(dirname "$0")/lib.sh"
expect_exit 0 "annotate samples" "$BIN" annotate "$SRC/samples/putin-lepen"
cp "$TMP/out" "$TMP/annotations.jsonl"
check "each sample quote has its expected speaker" $PY - "$TMP/annotations.jsonl" <<'PY'
import json, sys
# (article id prefix, start of the quoted words, expected speaker or None, indirect)
EXPECTED = [
    ("000", "We attach great importance", "Vladimir Putin", False),
    ("000", "Of course, it would be very interesting to exchange", "Vladimir Putin", False),
    ("000", "And this meeting is especially important", "Marine Le Pen", False),
    ("000", "And unfortunately, it is not only massive attacks", "Marine Le Pen", False),
    ("000", "We belong to countries", "Marine Le Pen", False),
    ("000", "continues to fight terrorism in Syria", "Marine Le Pen", False),
    ("000", "certainly, terrorism is a constant threat", "Marine Le Pen", False),
    ("000", "It is unfortunate that Russian MPs", "Marine Le Pen", False),
    ("000", "We also talked about this", "Marine Le Pen", False),
    ("000", "Russia will not influence", "Vladimir Putin", True),
    ("000", "France is now actively developing", "Vladimir Putin", True),
    ("000", "France has with Russia", "Marine Le Pen", True),
    ("000", "Moscow and Paris are among the forces", "Marine Le Pen", True),
    ("001", "We attach a lot of importance", "Putin", False),
    ("001", "We don't want to influence", "Putin", False),
    ("001", "Today, a grave event happened", "Putin", False),
    ("001", "I am in favor of developing relations", "Marine Le Pen", False),
    ("002", "We do not want to influence events", "Vladimir Putin", False),
    ("002", "Of course, it would be very interesting to share", "Vladimir Putin", False),
    ("002", "I know that you represent a European political force", "Vladimir Putin", False),
    ("002", "You know what happened a few days ago", "Marine Le Pen", False),
    ("002", "chaos", None, False),
    ("002", "Russia had no intention of meddling", "Vladimir Putin", True),
    ("002", "European countries should share", "Marine Le Pen", True),
    ("003", "We attach a lot of importance", "Vladimir Putin", False),
    ("003", "We don't want to influence", "Vladimir Putin", False),
    ("003", "completely stupid", "Marine Le Pen", False),
    ("003", "major problems for the EU", "Marine Le Pen", False),
    ("003", "counterproductive", "Marine Le Pen", False),
    ("003", "I believe that barring parliamentarians", "Marine Le Pen", False),
    ("003", "A new world has emerged", "Marine Le Pen", False),
    ("003", "the Kremlin has no intention", "Vladimir Putin", True),
    ("003", "she admires Putin as a leader", "Marine Le Pen", True),
    ("004", "Strategic Cooperation", "Marine Le Pen", False),
    ("004", "great importance", "Vladimir Putin", False),
    ("004", "absolutely fictional", "Sergei Lavrov", False),
    ("004", "I know that you represent quite", "Vladimir Putin", False),
    ("004", "Military conflicts and attempts", "Marine Le Pen", False),
    ("004", "I've pleaded at every level", "Marine Le Pen", False),
    ("004", "populist", "Sergei Lavrov", False),
    ("004", "realist or anti-globalist", "Sergei Lavrov", False),
]
found = []
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    for q in o["quotes"]:
        found.append((o["id"][:3], q["text"], q["speaker"], bool(q.get("indirect"))))
bad = 0
for doc, start, speaker, indirect in EXPECTED:
    hits = [f for f in found if f[0] == doc and f[1].startswith(start)]
    if len(hits) != 1 or hits[0][2] != speaker or hits[0][3] != indirect:
        print("    %s %r: expected %s, found %s" % (doc, start, speaker, hits))
        bad += 1
extra = [f for f in found if not any(f[0] == d and f[1].startswith(s) for d, s, _, _ in EXPECTED)]
for f in extra:
    print("    unexpected quote: %s" % (f,))
print("    %d quotes checked, %d wrong, %d unexpected" % (len(EXPECTED), bad, len(extra)))
sys.exit(1 if bad or extra else 0)
PY
finish
