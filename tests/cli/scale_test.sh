#!/usr/bin/env bash
# Many files at once: the output is byte-identical whatever -j; the prefilter changes nothing;
# --files-from FILE and - read paths one per line; jsonl of several runs (xargs -P, as in
# docs/scale.md) concatenates into one valid stream holding what one run gives. No timings:
# bench/run measures speed.
# usage: scale_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
jsonl_ok() {  # every line of the file is a JSON object with a source and a kind
  python3 - "$1" <<'EOF'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert isinstance(o, dict) and "source" in o and "kind" in o, line
    n += 1
sys.exit(0 if n > 0 else 1)
EOF
}

# A generated set: the samples cut into pieces and glued in a fixed pseudo-random order, some
# long (over 16 KiB, where the prefilter tunes itself), an empty file, a file with no final
# newline, and names that sort differently from their creation order.
mkdir -p "$tmp/set/sub"
python3 - "$tmp/set" samples/*.txt <<'EOF'
import os, random, sys
out, paths = sys.argv[1], sys.argv[2:]
lines = []
for p in paths:
    lines += open(p, encoding="utf-8").read().splitlines(keepends=True)
rng = random.Random(6)
for i in range(48):
    n = rng.choice([0, 1, 3, 20, 60, 400])
    body = "".join(rng.choice(lines) for _ in range(n))
    if i % 7 == 3:
        body = body.rstrip("\n")
    name = f"{(i * 37) % 48:02d}-doc.txt" if i % 5 else f"sub/{i:02d}.txt"
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(body)
EOF
: > "$tmp/set/empty.txt"

# -j1, -j2, -j4: the same bytes, in every format, on the samples and on the generated set.
for fmt in jsonl json csv; do
  for src in samples "$tmp/set"; do
    "$trich" extract -r --format "$fmt" -j1 "$src" > "$tmp/j1.$fmt" 2> "$tmp/j1.err"; e1=$?
    for j in 2 4; do
      "$trich" extract -r --format "$fmt" -j$j "$src" > "$tmp/j$j.$fmt" 2> "$tmp/j$j.err"; ej=$?
      check "-j$j $fmt $src: same exit" test "$e1" -eq "$ej"
      check "-j$j $fmt $src: same output" cmp -s "$tmp/j1.$fmt" "$tmp/j$j.$fmt"
      check "-j$j $fmt $src: same diagnostics" cmp -s "$tmp/j1.err" "$tmp/j$j.err"
    done
  done
done
"$trich" audit -r --format jsonl -j1 samples > "$tmp/a1.jsonl" 2>&1
"$trich" audit -r --format jsonl -j4 samples > "$tmp/a4.jsonl" 2>&1
check "audit -j4 = -j1" cmp -s "$tmp/a1.jsonl" "$tmp/a4.jsonl"

# The prefilter (on by default; forced on even where it costs more) matches what a scan of
# the whole text finds.
"$trich" extract -r --format jsonl -j2 "$tmp/set" samples > "$tmp/pf.jsonl"
TRICH_NO_PREFILTER=1 "$trich" extract -r --format jsonl -j2 "$tmp/set" samples > "$tmp/nopf.jsonl"
TRICH_PREFILTER_FORCE=1 "$trich" extract -r --format jsonl -j2 "$tmp/set" samples > "$tmp/force.jsonl"
check "prefilter: same output" cmp -s "$tmp/pf.jsonl" "$tmp/nopf.jsonl"
check "prefilter forced: same output" cmp -s "$tmp/force.jsonl" "$tmp/nopf.jsonl"

# --files-from FILE and -: the listed paths, in order, as if given as arguments.
find "$tmp/set" -name '*.txt' | sort > "$tmp/list"
mapfile -t listed < "$tmp/list"
"$trich" extract --format jsonl -j2 "${listed[@]}" > "$tmp/args.jsonl"
"$trich" extract --format jsonl -j2 --files-from "$tmp/list" > "$tmp/ff.jsonl"; e=$?
check "--files-from FILE: exit 0" test $e -eq 0
check "--files-from FILE = arguments" cmp -s "$tmp/args.jsonl" "$tmp/ff.jsonl"
"$trich" extract --format jsonl -j2 --files-from - < "$tmp/list" > "$tmp/ffs.jsonl"
check "--files-from - = arguments" cmp -s "$tmp/args.jsonl" "$tmp/ffs.jsonl"
# CRLF lists and blank lines are read as the paths they hold.
sed 's/$/\r/' "$tmp/list" | awk '{print} NR%5==0 {print ""}' > "$tmp/list.crlf"
"$trich" extract --format jsonl -j2 --files-from "$tmp/list.crlf" > "$tmp/ffc.jsonl"
check "--files-from CRLF list = arguments" cmp -s "$tmp/args.jsonl" "$tmp/ffc.jsonl"
# Arguments first, then the list.
"$trich" extract --format jsonl samples/loi-kiem-tra.txt --files-from "$tmp/list" > "$tmp/both.jsonl"
"$trich" extract --format jsonl samples/loi-kiem-tra.txt "${listed[@]}" > "$tmp/both.want"
check "arguments then --files-from" cmp -s "$tmp/both.jsonl" "$tmp/both.want"
# An empty list reads nothing (not standard input) and succeeds.
: > "$tmp/none"
echo "not read" | "$trich" extract --format jsonl --files-from "$tmp/none" > "$tmp/none.jsonl"; e=$?
check "--files-from empty: exit 0" test $e -eq 0
check "--files-from empty: no output" test ! -s "$tmp/none.jsonl"
# A missing path in the list: reported, exit 2, the others still processed.
{ head -3 "$tmp/list"; echo "$tmp/missing.txt"; tail -n +4 "$tmp/list"; } > "$tmp/list.bad"
"$trich" extract --format jsonl -j2 --files-from "$tmp/list.bad" > "$tmp/bad.jsonl" 2> "$tmp/bad.err"; e=$?
check "--files-from missing path: exit 2" test $e -eq 2
check "--files-from missing path: reported" grep -q "missing.txt" "$tmp/bad.err"
check "--files-from missing path: the others kept" cmp -s "$tmp/args.jsonl" "$tmp/bad.jsonl"
# A missing list is an error.
"$trich" extract --format jsonl --files-from "$tmp/no-such-list" > /dev/null 2>&1; e=$?
check "--files-from missing list: exit 2" test $e -eq 2

# xargs -P (docs/scale.md): four processes, ten files each, each writing its own part; the
# parts concatenate into one valid jsonl stream with exactly the lines of one run.
mkdir "$tmp/parts"
find "$tmp/set" -name '*.txt' -print0 |
  xargs -0 -n 10 -P 4 sh -c 'exec "$0" extract --format jsonl -o "$(mktemp -p "'"$tmp/parts"'" part.XXXXXX)" "$@"' "$trich"
e=$?
check "xargs -P: exit 0" test $e -eq 0
cat "$tmp/parts"/part.* > "$tmp/xargs.jsonl"
check "xargs -P: valid jsonl" jsonl_ok "$tmp/xargs.jsonl"
check "xargs -P: the lines of one run" cmp -s <(sort "$tmp/xargs.jsonl") <(sort "$tmp/args.jsonl")
# The same through GNU parallel when it is installed (it keeps each job's output whole).
if command -v parallel > /dev/null && parallel --version 2>/dev/null | grep -q GNU; then
  find "$tmp/set" -name '*.txt' | parallel -q -n 10 -j 4 "$trich" extract --format jsonl > "$tmp/par.jsonl"
  check "parallel: the lines of one run" cmp -s <(sort "$tmp/par.jsonl") <(sort "$tmp/args.jsonl")
fi
# A streaming map step (Hadoop Streaming, Spark pipe): paths on stdin, jsonl on stdout.
sort "$tmp/list" | "$trich" extract --files-from - --format jsonl > "$tmp/map.jsonl"
check "map step: the lines of one run" cmp -s "$tmp/map.jsonl" "$tmp/args.jsonl"

echo "scale_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
