# Texts that once took minutes to hours: work that grew with the square or cube of a
# sentence's length (a text without full stops is one sentence) or of the number of names.
# Each must be annotated well within a minute, also under ASan.
. "$(dirname "$0")/lib.sh"
$PY - "$TMP" <<'PY'
import random, sys
random.seed(7)
d = sys.argv[1]
words = ["the", "minister", "met", "in", "on", "Friday", "said", "Anna", "Berger", "bank", "lent",
         "told", "Jonas", "Weber", "last", "year", "visited", "Vienna"]
# one 300 KB sentence of names, verbs and dates: each event scanned every date and the words
# between (cubic)
open(d + "/nopunct.txt", "w").write(" ".join(random.choice(words) for _ in range(60000)))
# 2 MB of quote marks among words in one run: each quote scanned the rest of its sentence
marks = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", " word ", "said", " X. "]
open(d + "/quotes.txt", "w", encoding="utf-8").write(
    "".join(random.choice(marks) for _ in range(600000)))
# 150000 different names in lists: each short form was compared with every name
syl = ["ka", "lo", "mi", "ra", "ben", "tor", "vi", "sa", "dun", "pel", "gor", "ni", "zu", "fe"]
nm = lambda: "".join(random.choice(syl) for _ in range(3)).capitalize()
open(d + "/names.txt", "w").write(
    "".join(nm() + " " + nm() + (". " if i % 8 == 7 else ", ") for i in range(150000)))
PY
for f in nopunct quotes names; do
  expect_exit 0 "$f.txt is annotated within a minute" timeout 60 "$BIN" annotate --date 2019-05-02 "$TMP/$f.txt"
  check "$f.txt gives one JSON line" sh -c "test \$(wc -l < '$TMP/out') -eq 1"
done
finish
