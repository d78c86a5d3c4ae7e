#!/usr/bin/env bash
# Inputs a careful user has: --files-from with find -print0 (--null/-0) and a NUL-separated
# list read without it (an error naming the list and line, exit 2, never the first name
# alone); line ends of every kind: a file with classic Mac (lone CR) or mixed line ends gives
# the same entities, lines, columns and lists as its LF copy, read whole or in windows.
# usage: inputs_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"

# --- --files-from and NUL
mkdir -p "$tmp/in"
cp samples/bao-cao-dang-uy.txt "$tmp/in/a b.txt"
cp samples/ke-hoach-ubnd-tinh.txt "$tmp/in/c.txt"
cp samples/tin-tuc-nhieu.txt "$tmp/in/d.txt"
docs() { grep -c '"kind":"document"' "$1"; }
(cd "$tmp/in" && find . -name '*.txt' -print0 | sort -z) > "$tmp/list0"
(cd "$tmp/in" && "$trich" extract --format jsonl --files-from - --null < "$tmp/list0") > "$tmp/n.jsonl"
check "--null reads every name of a find -print0 list" test "$(docs "$tmp/n.jsonl")" -eq 3
(cd "$tmp/in" && "$trich" extract --format jsonl --files-from - -0 < "$tmp/list0") > "$tmp/n0.jsonl"
check "-0 is --null" cmp -s "$tmp/n.jsonl" "$tmp/n0.jsonl"
(cd "$tmp/in" && "$trich" extract --format jsonl --files-from - < "$tmp/list0") > "$tmp/bad.jsonl" 2> "$tmp/bad.err"
code=$?
check "a NUL-separated list without --null exits 2" test $code -eq 2
check "... says where and what to do" grep -q '^trich: error: <stdin>:1: NUL byte .*--null' "$tmp/bad.err"
check "... and reads no name of it silently" test "$(docs "$tmp/bad.jsonl")" -eq 0
printf './c.txt\n./a b.txt\0./d.txt\n./d.txt\n' > "$tmp/list-mixed"
(cd "$tmp/in" && "$trich" extract --format jsonl --files-from "$tmp/list-mixed") > "$tmp/m.jsonl" 2> "$tmp/m.err"
code=$?
check "a NUL in line 2 of a list: exit 2" test $code -eq 2
check "... names the list and the line" grep -q "^trich: error: $tmp/list-mixed:2: NUL byte" "$tmp/m.err"
check "... the other lines are read" test "$(docs "$tmp/m.jsonl")" -eq 2
printf './c.txt\r./d.txt\r\n./a b.txt\n' > "$tmp/list-cr"
(cd "$tmp/in" && "$trich" extract --format jsonl --files-from "$tmp/list-cr") > "$tmp/cr.jsonl"
check "a list with lone CR and mixed line ends" test "$(docs "$tmp/cr.jsonl")" -eq 3
# A name with a newline in it needs --null.
printf 'Ngày 30/5/2019.\n' > "$tmp/in/new
line.txt"
(cd "$tmp/in" && printf 'new\nline.txt\0' | "$trich" dates --format jsonl --files-from - -0) > "$tmp/nl.jsonl"
check "--null reads a name holding a newline" grep -q '"kind":"date"' "$tmp/nl.jsonl"

# --- line ends: LF, lone CR, CRLF, mixed
same_lines() {  # same_lines A.jsonl B.jsonl: equal but for source, and CR/CRLF vs LF in text
  python3 - "$@" <<'PY'
import json, sys
def load(p, offsets):
    out = []
    for l in open(p, encoding="utf-8"):
        d = json.loads(l)
        d.pop("source")
        for k in ("text", "lead"):
            if isinstance(d.get(k), str):
                d[k] = d[k].replace("\r\n", "\n").replace("\r", "\n")
        if not offsets:
            for k in ("start", "end", "bytes"):
                d.pop(k, None)
        out.append(d)
    return out
offsets = len(sys.argv) < 4
a, b = load(sys.argv[1], offsets), load(sys.argv[2], offsets)
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("first difference:", x, y, sep="\n", file=sys.stderr)
            break
    sys.exit(1)
PY
}
for s in bao-cao-dang-uy ke-hoach-ubnd-tinh quyet-dinh-phan-so; do
  tr -d '\r' < "samples/$s.txt" > "$tmp/$s.lf"
  tr '\n' '\r' < "$tmp/$s.lf" > "$tmp/$s.cr"
  sed 's/$/\r/' "$tmp/$s.lf" > "$tmp/$s.crlf"
  # mixed: LF, lone CR, CRLF in turn (a lone CR never before an LF that ends an empty line:
  # that pair is a CRLF)
  awk 'BEGIN { ORS = "" } { e = NR % 3 == 0 ? "\r\n" : NR % 3 == 1 ? "\n" : "\r"; print $0 e }' \
    "$tmp/$s.lf" > "$tmp/$s.mixed"
  for v in lf cr crlf mixed; do
    "$trich" extract --format jsonl "$tmp/$s.$v" > "$tmp/$s.$v.jsonl"
  done
  check "$s: lone CR gives what LF gives (offsets too)" same_lines "$tmp/$s.lf.jsonl" "$tmp/$s.cr.jsonl"
  check "$s: CRLF gives the LF lines and columns" same_lines "$tmp/$s.lf.jsonl" "$tmp/$s.crlf.jsonl" no-offsets
  check "$s: mixed line ends give the LF lines and columns" same_lines "$tmp/$s.lf.jsonl" "$tmp/$s.mixed.jsonl" no-offsets
  check "$s: the lone-CR file has lines after 1" \
    test "$(grep -c '"line":1,' "$tmp/$s.cr.jsonl")" -lt "$(grep -vc '"kind":"document"' "$tmp/$s.cr.jsonl")"
done
# The sample with lists: the lone-CR copy has them, items apart.
check "lone CR: priority lists found" grep -q '"kind":"priority"' "$tmp/bao-cao-dang-uy.cr.jsonl"
# Windows cut at lone CRs as at LFs: a 300 KB lone-CR file read in 64 KiB windows.
for _ in $(seq 40); do cat "$tmp/bao-cao-dang-uy.lf"; done > "$tmp/big.lf"
tr '\n' '\r' < "$tmp/big.lf" > "$tmp/big.cr"
"$trich" extract --format jsonl "$tmp/big.lf" > "$tmp/big.lf.jsonl"
"$trich" extract --format jsonl --window 64K "$tmp/big.cr" > "$tmp/big.cr.jsonl"
check "lone CR in 64 KiB windows gives what LF whole gives" same_lines "$tmp/big.lf.jsonl" "$tmp/big.cr.jsonl"
"$trich" audit --fail-on none --format jsonl "$tmp/bao-cao-dang-uy.lf" > "$tmp/audit.lf.jsonl"
"$trich" audit --fail-on none --format jsonl "$tmp/bao-cao-dang-uy.cr" > "$tmp/audit.cr.jsonl"
check "audit: lone CR gives what LF gives" same_lines "$tmp/audit.lf.jsonl" "$tmp/audit.cr.jsonl"

# --- file names with control characters and bytes that are not UTF-8: escaped the same way
# in every format and on stderr (docs/contract.md), so each stays valid UTF-8 on one line.
mkdir -p "$tmp/names"
names=($'new\nline.txt' $'tab\there.txt' $'lat\xe9.txt' $'esc\x1b[31m.txt' $'cr\rname.txt' 'back\slash.txt')
shown=('new\nline.txt' 'tab\there.txt' 'lat\xE9.txt' 'esc\x1B[31m.txt' 'cr\rname.txt' 'back\\slash.txt')
for n in "${names[@]}"; do
  printf 'Ng\xc3\xa0y 31/6/2023 theo Ch\xe1\xbb\x89 th\xe1\xbb\x8b s\xe1\xbb\x91 35-CT/TW.\n' > "$tmp/names/$n"
done
utf8_ok() { python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$1"; }
(cd "$tmp/names" && "$trich" audit --fail-on none --format text "${names[@]}") > "$tmp/n.txt"
(cd "$tmp/names" && "$trich" audit --fail-on none --format jsonl "${names[@]}") > "$tmp/n.jsonl"
(cd "$tmp/names" && "$trich" audit --fail-on none --format json "${names[@]}") > "$tmp/n.json"
(cd "$tmp/names" && "$trich" extract --format csv "${names[@]}") > "$tmp/n.csv"
(cd "$tmp/names" && "$trich" extract "${names[@]/%/.missing}") 2> "$tmp/n.err" > /dev/null
for f in n.txt n.jsonl n.json n.csv n.err; do check "names: $f is valid UTF-8" utf8_ok "$tmp/$f"; done
# (text adds an excerpt under each finding; its first line names the file)
check "names: text has one finding line per file" \
  test "$(grep -c ':1:6: error\[date.invalid\]' "$tmp/n.txt")" -eq 6
check "names: stderr has one line per missing file" test "$(wc -l < "$tmp/n.err")" -eq 6
check "names: csv has one row per citation and the header" test "$(wc -l < "$tmp/n.csv")" -eq 7
for i in "${!names[@]}"; do
  s=${shown[$i]}
  check "names: text shows $s" grep -qF "$s:1:" "$tmp/n.txt"
  check "names: stderr shows $s" grep -qF "trich: error: $s.missing: No such file" "$tmp/n.err"
  check "names: csv shows $s" grep -qF "$s,citation," "$tmp/n.csv"
  check "names: jsonl and json show $s" python3 -c 'import json, sys
s = sys.argv[1]
assert any(json.loads(l)["source"] == s for l in open(sys.argv[2], encoding="utf-8"))
assert any(d["source"] == s for d in json.load(open(sys.argv[3], encoding="utf-8"))["documents"])' \
    "$s" "$tmp/n.jsonl" "$tmp/n.json"
done

# --window has a minimum (64K): below it, a clear usage error, exit 2; at it, accepted.
"$trich" extract --window 16K samples/README.md > /dev/null 2> "$tmp/w.err"; code=$?
check "--window 16K is refused (exit 2)" test $code -eq 2
check "... saying the smallest window" grep -q 'below the smallest window, 64K' "$tmp/w.err"
"$trich" extract --window 64K samples/README.md > /dev/null; code=$?
check "--window 64K is taken" test $code -eq 0

echo "inputs_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
