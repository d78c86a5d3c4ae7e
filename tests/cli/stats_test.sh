#!/usr/bin/env bash
# --stats: documents, bytes, time and MB/s; what was skipped and why; entities per kind;
# audit's findings by severity. Counts are checked against the output itself.
# usage: stats_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
count() {  # count FILE.json PYTHON-EXPR-OVER-d
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8"))["documents"]; print(eval(sys.argv[2]))' "$1" "$2"
}

mkdir -p "$tmp/d/.hid" "$tmp/d/skip"
cp samples/bao-cao-dang-uy.txt samples/tin-tuc-nhieu.txt "$tmp/d/"
cp samples/tin-tuc-nhieu.txt "$tmp/d/.hid/x.txt"
cp samples/tin-tuc-nhieu.txt "$tmp/d/skip/y.txt"
cp samples/tin-tuc-nhieu.txt "$tmp/d/z.md"
printf 'BIN\000\000\000' > "$tmp/d/bin.txt"  # (a ZIP signature would be a container)
"$trich" extract -r --stats -g '!skip' -g '!*.md' "$tmp/d" "$tmp/missing.txt" > "$tmp/x.json" 2> "$tmp/x.err"; code=$?
check "exit 2 (a missing input)" test $code -eq 2
bytes=$(( $(wc -c < samples/bao-cao-dang-uy.txt) + $(wc -c < samples/tin-tuc-nhieu.txt) ))
first=$(grep '^trich: 2 documents' "$tmp/x.err")
check "documents, encodings and bytes" grep -q "^trich: 2 documents (2 utf-8), $bytes bytes in [0-9.]* s ([0-9.]* MB/s); " <<< "$first"
check "skipped by reason" grep -q "; skipped: 1 binary, 1 unreadable, 1 hidden, 2 by --glob$" <<< "$first"
c=$(count "$tmp/x.json" 'sum(len(x["citations"]) for x in d)')
p=$(count "$tmp/x.json" 'sum(len(x["priorities"]) for x in d)')
pi=$(count "$tmp/x.json" 'sum(len(l["items"]) for x in d for l in x["priorities"])')
dt=$(count "$tmp/x.json" 'sum(len(x["dates"]) for x in d)')
t=$(count "$tmp/x.json" 'sum(len(x["terms"]) for x in d)')
check "entities per kind" grep -qx "trich: $c citations, $p priority lists ($pi items), $dt dates, $t terms" "$tmp/x.err"
check "three lines: the missing file, then two" test "$(wc -l < "$tmp/x.err")" -eq 3

# One kind: only that kind is counted; nothing skipped says so.
"$trich" dates --stats samples/tin-tuc-nhieu.txt > "$tmp/d.json" 2> "$tmp/d.err"
dt=$(count "$tmp/d.json" 'len(d[0]["dates"])')
check "one kind" test "$(sed -n 2p "$tmp/d.err")" = "trich: $dt dates"
check "nothing skipped" grep -q "; skipped: none$" "$tmp/d.err"

# Audit: findings by severity, as many as the output holds.
"$trich" audit --stats --fail-on none samples/*.txt > "$tmp/a.json" 2> "$tmp/a.err"
for s in error warning info; do
  n=$(count "$tmp/a.json" "sum(1 for x in d for f in x['findings'] if f['severity']=='$s')")
  case $s in info) want="$n info" ;; *) want="$n $s"; [[ $n -ne 1 ]] && want+=s ;; esac
  check "audit: $s count" grep -q "findings: .*\b$want\b" "$tmp/a.err"
done
check "audit: all four kinds counted" grep -q "citations, .* priority lists (.* items), .* dates, .* terms; findings: " "$tmp/a.err"

# The rate is the bytes over the time printed (to the precision printed).
python3 - "$tmp/x.err" <<'PY' || { echo "FAIL: MB/s agrees with bytes and seconds"; fails=$((fails + 1)); }
import re, sys
m = re.search(r"(\d+) bytes in ([\d.]+) s \(([\d.]+) MB/s\)", open(sys.argv[1]).read())
b, s, r = int(m[1]), float(m[2]), float(m[3])
# Seconds are printed to 0.005 and the rate to 0.05: the true rate lies between the bounds.
mb = b / 1e6
lo, hi = mb / (s + 0.005), mb / max(s - 0.005, 1e-9)
assert s >= 0 and lo - 0.05 <= r <= hi + 0.05, (b, s, r)
PY

echo "stats_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
