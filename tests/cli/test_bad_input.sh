# Bad input: each problem gets one line naming the file, the exit code of OUTPUTS.md, and every
# good article is still processed.
. "$(dirname "$0")/lib.sh"
GOOD="$SRC/samples/putin-lepen/001_c72d90de312325f2.txt"

expect_exit 3 "nonexistent path alone" "$BIN" build -o "$TMP/o1" "$TMP/missing.txt"
check "it is named with the problem" stderr_has "storyline: $TMP/missing.txt: no such file or directory"
expect_exit 1 "nonexistent path beside a good article" "$BIN" build -o "$TMP/o2" "$TMP/missing.txt" "$GOOD"
check "the good article still gave a timeline" sh -c "test \$(wc -l < '$TMP/o2/timeline.csv') -gt 1"

mkdir -p "$TMP/nothing/sub" && echo "x" > "$TMP/nothing/picture.png"
expect_exit 3 "a directory without articles" "$BIN" build -o "$TMP/o3" "$TMP/nothing"
check "named: no articles in directory" stderr_has "$TMP/nothing: no articles in directory"

: > "$TMP/empty.txt"
expect_exit 1 "an empty file beside a good one" "$BIN" build -o "$TMP/o4" "$TMP/empty.txt" "$GOOD"
check "named: empty file" stderr_has "$TMP/empty.txt: empty file"

head -c 3000 /bin/sh > "$TMP/binary.txt"
expect_exit 1 "a binary file beside a good one" "$BIN" build -o "$TMP/o5" "$TMP/binary.txt" "$GOOD"
check "named: binary file" stderr_has "$TMP/binary.txt: binary file"

printf 'The minister said \223we will meet\224 in Par\355s on Friday.\n' > "$TMP/latin.txt"
expect_exit 0 "invalid UTF-8 is read as Windows-1252" "$BIN" annotate --date 2019-05-02 "$TMP/latin.txt"
check "with a warning naming the file" stderr_has "$TMP/latin.txt: not valid UTF-8; read as Windows-1252"
check "and the text converted" grep -q "París" "$TMP/out"

$PY -c "
import sys
s = 'Angela Merkel met Emmanuel Macron in Berlin on Tuesday and agreed on a plan. '
sys.stdout.write(s * (50 * 1024 * 1024 // len(s) + 1))
" > "$TMP/huge.txt"
expect_exit 0 "a 50 MB article on one line" "$BIN" build --no-render -o "$TMP/o6" "$TMP/huge.txt"
check "is cut with a warning" stderr_has "$TMP/huge.txt: article is"
check "and still gives its facts" grep -q "meet" "$TMP/o6/timeline.csv"

{
  echo '{"id": "a1", "title": "Talks", "maintext": "Angela Merkel met Emmanuel Macron in Paris on Monday.", "date_publish": "2019-03-06 10:00:00"}'
  echo '{"id": "a2", "maintext": "broken'
  echo '{"id": "a3", "maintext": "Emmanuel Macron visited Berlin on Tuesday.", "date_publish": "2019-03-06"}'
} > "$TMP/crawl.jsonl"
expect_exit 1 "a malformed line among good JSON lines" "$BIN" build --no-render -o "$TMP/o7" "$TMP/crawl.jsonl"
check "named with its line" stderr_has "$TMP/crawl.jsonl: line 2: malformed JSON"
check "the good lines are processed" sh -c "grep -q a1 '$TMP/o7/timeline.csv' && grep -q a3 '$TMP/o7/timeline.csv'"

mkdir -p "$TMP/locked" && chmod 500 "$TMP/locked"
if [ "$(id -u)" -eq 0 ]; then
  # root writes anywhere; a path under a regular file can be created by nobody
  touch "$TMP/afile"
  expect_exit 2 "an output folder that cannot be created" "$BIN" build -o "$TMP/afile/out" "$GOOD"
  check "named: cannot create output folder" stderr_has "$TMP/afile/out: cannot create output folder"
else
  expect_exit 2 "an unwritable output folder" "$BIN" build -o "$TMP/locked" "$GOOD"
  check "named: not writable" stderr_has "$TMP/locked: output folder is not writable"
fi

expect_exit 2 "an unknown option" "$BIN" build --frobnicate "$GOOD"
expect_exit 2 "a malformed --date" "$BIN" annotate --date 2017-02-30 "$GOOD"
check "names the option" stderr_has "storyline: --date: expected YYYY-MM-DD"
# A FIFO with an article's name in a folder: the walk, and its reading ahead, pass it by
# rather than wait for a writer that never comes.
mkdir -p "$TMP/withfifo" && cp "$GOOD" "$TMP/withfifo/a.txt" && mkfifo "$TMP/withfifo/b.txt"
printf 'Angela Merkel met Emmanuel Macron in Paris on Monday.\n' > "$TMP/withfifo/c.txt"
expect_exit 0 "a FIFO among the articles of a folder" \
  timeout 60 "$BIN" build --no-render -o "$TMP/o8" "$TMP/withfifo"
check "the two articles around it are read" grep -q "read 2 articles;" "$TMP/out"

expect_exit 2 "no input" "$BIN" build
expect_exit 2 "an unknown command" "$BIN" frobnicate "$GOOD"
expect_exit 0 "--version" "$BIN" --version
check "prints the version" grep -q "^storyline [0-9]" "$TMP/out"
finish
