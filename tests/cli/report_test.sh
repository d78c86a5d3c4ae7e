#!/usr/bin/env bash
# Audit reports as auditors use them (issue 13): --format text with the source line and the
# span underlined, --lang and its default from the locale, --color and NO_COLOR, audit csv
# with severity/code/message, --findings-only, --baseline from json, jsonl and sarif, SARIF
# validated against the vendored 2.1.0 schema (tests/data/sarif), xlsx read back with openpyxl.
source "$(dirname "$0")/lib.sh" "$@"
py=/usr/bin/python3
s=samples/loi-kiem-tra.txt
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES NO_COLOR

# Text: each finding's line in a gutter, the span under it in ^, the related mention in -.
"$trich" audit --format text $s > "$tmp/t.txt"
check "text: the invalid date's line and its underline" \
  grep -Fqx -e '13 | Hội nghị sơ kết sáu tháng đầu năm được tổ chức ngày 31/6/2023, có 45 đồng chí bí thư chi bộ tham dự.' "$tmp/t.txt"
check "text: ^ under 31/6/2023 (column 53)" grep -qx '   | \{53\}^\{9\}' "$tmp/t.txt"
check "text: the conflict shows the other date, on line 11" \
  grep -q '^11 | .*05-CT/TW ngày 15/5/2016' "$tmp/t.txt"
check "text: the other date underlined with - and labelled" grep -q '^ *| *-\{9\} dated differently here$' "$tmp/t.txt"
"$trich" audit --format text -C 2 $s > "$tmp/c2.txt"
check "-C 2: two lines before the line of the finding" grep -q '^11 |' "$tmp/c2.txt"
check "-C 2: more lines than -C 0" test "$(wc -l < "$tmp/c2.txt")" -gt "$(wc -l < "$tmp/t.txt")"
check "text: summary line kept" test "$(tail -1 "$tmp/t.txt")" = "1 document: 4 errors, 6 warnings, 0 info"

# Colour: never into a file by default, always on request, NO_COLOR only for auto.
check "no colour into a file" bash -c "! grep -q $'\e\\[' '$tmp/t.txt'"
"$trich" audit --format text --color always $s > "$tmp/col.txt"
check "--color always: ANSI colours" grep -q $'\e\\[1;31merror\e\\[0m' "$tmp/col.txt"
NO_COLOR=1 "$trich" audit --format text --color always $s > "$tmp/col2.txt"
check "--color always wins over NO_COLOR" grep -q $'\e\\[' "$tmp/col2.txt"
if command -v script > /dev/null; then
  script -qec "'$trich' audit --format text $s" /dev/null > "$tmp/tty.txt" 2>&1
  check "a terminal: colour" grep -q $'\e\\[1;31m' "$tmp/tty.txt"
  NO_COLOR=1 script -qec "'$trich' audit --format text $s" /dev/null > "$tmp/tty2.txt" 2>&1
  check "a terminal with NO_COLOR: none" bash -c "! grep -q $'\e\\[1;31m' '$tmp/tty2.txt'"
  script -qec "'$trich' audit --format text --color never $s" /dev/null > "$tmp/tty3.txt" 2>&1
  check "a terminal with --color never: none" bash -c "! grep -q $'\e\\[1;31m' '$tmp/tty3.txt'"
else
  echo "SKIP: terminal colour checks (script(1) from bsdutils is missing)"
fi

# Vietnamese: --lang vi, and the default from the locale.
"$trich" audit --format text --lang vi $s > "$tmp/vi.txt"
check "--lang vi: Vietnamese message" \
  grep -Fq '"31/6/2023" không phải là ngày có thật: tháng 6 chỉ có 30 ngày' "$tmp/vi.txt"
check "--lang vi: Vietnamese summary" test "$(tail -1 "$tmp/vi.txt")" = "1 văn bản: 4 lỗi, 6 cảnh báo, 0 lưu ý"
LANG=vi_VN.UTF-8 "$trich" audit --format text $s > "$tmp/vi2.txt"
check "LANG=vi_VN: Vietnamese by default" cmp -s "$tmp/vi.txt" "$tmp/vi2.txt"
LC_ALL=en_US.UTF-8 LANG=vi_VN.UTF-8 "$trich" audit --format text $s > "$tmp/en2.txt"
check "LC_ALL wins over LANG" cmp -s "$tmp/t.txt" "$tmp/en2.txt"
LANG=vi_VN.UTF-8 "$trich" audit --format text --lang en $s > "$tmp/en3.txt"
check "--lang wins over the locale" cmp -s "$tmp/t.txt" "$tmp/en3.txt"

# json: code and args beside the message, in either language.
"$trich" audit --lang vi $s > "$tmp/vi.json"
check "json: args and a Vietnamese message" $py - "$tmp/vi.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fs = d["documents"][0]["findings"]
assert len(fs) == 10, len(fs)
inv = [f for f in fs if f["code"] == "date.invalid" and f["args"]["date"] == "31/6/2023"][0]
assert inv["args"] == {"date": "31/6/2023", "day": "31", "month": "6", "year": "2023", "days": "30"}, inv
assert "ngày có thật" in inv["message"], inv
PY

# csv: finding rows carry severity, code and message; --findings-only for every format.
"$trich" audit --format csv $s > "$tmp/a.csv"
check "csv: header ends with severity,code,message" bash -c "head -1 '$tmp/a.csv' | grep -q ',value,severity,code,message'\$'\r''\$'"
check "csv: 10 finding rows with their severity and message" \
  test "$(grep -c '^samples/loi-kiem-tra.txt,finding,.*,\(error\|warning\),' "$tmp/a.csv")" -eq 10
"$trich" audit --format csv --findings-only $s > "$tmp/f.csv"
check "csv --findings-only: header + 10 rows" test "$(wc -l < "$tmp/f.csv")" -eq 11
check "csv --findings-only: finding columns" bash -c "head -1 '$tmp/f.csv' | grep -q 'code,severity,message'"
"$trich" audit --findings-only $s > "$tmp/f.json"
check "json --findings-only: only findings" $py -c "
import json; d = json.load(open('$tmp/f.json'))['documents'][0]
assert 'citations' not in d and len(d['findings']) == 10, d.keys()"
"$trich" audit --format jsonl --findings-only $s > "$tmp/f.jsonl"
check "jsonl --findings-only: 10 finding lines" test "$(grep -c '"kind":"finding"' "$tmp/f.jsonl")" -eq 10
check "jsonl --findings-only: no other entity (the document's own line aside)" \
  test "$(grep -vc '"kind":"document"' "$tmp/f.jsonl")" -eq 10

# Baseline: an edited draft (a line added on top moves every offset, one mistake fixed, one
# made) reports only what is new, from a json, jsonl or sarif baseline.
mkdir -p "$tmp/d"
cp $s "$tmp/d/bao-cao.txt"
"$trich" audit "$tmp/d/bao-cao.txt" > "$tmp/base.json"
"$trich" audit --format jsonl "$tmp/d/bao-cao.txt" > "$tmp/base.jsonl"
"$trich" audit --format sarif "$tmp/d/bao-cao.txt" > "$tmp/base.sarif"
{ echo "Báo cáo sửa lần hai."; echo; sed 's/tổ chức ngày 31\/6\/2023/tổ chức ngày 30\/6\/2023/' $s; echo; echo "Hội nghị tổng kết dự kiến ngày 31/9/2024."; } > "$tmp/d/bao-cao.txt"
for b in json jsonl sarif; do
  "$trich" audit --format text --baseline "$tmp/base.$b" "$tmp/d/bao-cao.txt" > "$tmp/new-$b.txt"; code=$?
  check "baseline $b: exit 1 (the new error)" test $code -eq 1
  check "baseline $b: only the new finding" test "$(grep -c '^/.*: \(error\|warning\)\[' "$tmp/new-$b.txt")" -eq 1
  check "baseline $b: it is 31/9/2024" grep -q 'error\[date.invalid\]: "31/9/2024"' "$tmp/new-$b.txt"
done
"$trich" audit --format text --baseline "$tmp/base.json" samples/loi-kiem-tra.txt > "$tmp/other.txt"
check "baseline: another file's findings are all new" test "$(grep -c '\[.*\]: ' "$tmp/other.txt")" -eq 10
echo "not json" > "$tmp/bad-base"
"$trich" audit --baseline "$tmp/bad-base" $s > /dev/null 2> "$tmp/bad.err"; code=$?
check "a bad baseline: exit 2, one line naming it" test $code -eq 2
check "a bad baseline: the message" grep -q "^trich: error: .*bad-base:1: not a trich audit" "$tmp/bad.err"

# SARIF: valid against the 2.1.0 schema, one result per finding, rules with help text.
"$trich" audit --format sarif $s samples/bao-cao-dang-uy.txt > "$tmp/a.sarif"; code=$?
check "sarif: exit 1 (errors found)" test $code -eq 1
"$trich" audit --format sarif --lang vi $s > "$tmp/vi.sarif"
check "sarif: valid SARIF 2.1.0, one result per finding" $py - "$tmp/a.sarif" "$tmp/vi.sarif" tests/data/sarif/sarif-schema-2.1.0.json <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[3]))
for path in sys.argv[1:3]:
    d = json.load(open(path))
    jsonschema.Draft4Validator(schema).validate(d)
    assert len(d["runs"]) == 1
    run = d["runs"][0]
    res = run["results"]
    assert len(res) == 10, len(res)
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "anniversary.mismatch" in ids and all(r["help"]["text"] for r in rules), rules
    for r in res:
        assert r["ruleId"] in ids and r["level"] in ("error", "warning", "note"), r
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        reg = r["locations"][0]["physicalLocation"]["region"]
        assert reg["startLine"] >= 1 and reg["endColumn"] > reg["startColumn"] and reg["snippet"]["text"], reg
    inv = [r for r in res if r["ruleId"] == "date.invalid"][0]
    reg = inv["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endColumn"], reg["snippet"]["text"]) == (13, 53, 62, "31/6/2023"), reg
vi = json.load(open(sys.argv[2]))["runs"][0]["results"]
assert any("ngày có thật" in r["message"]["text"] for r in vi)
PY

# xlsx: a sheet per kind and Findings; symbols and numbers as text, ISO dates as dates,
# frozen header, autofilter, Vietnamese intact.
"$trich" audit --format xlsx -o "$tmp/a.xlsx" $s samples/ke-hoach-ubnd-tinh.txt; code=$?
check "xlsx: exit 1 (errors found)" test $code -eq 1
"$trich" extract --format xlsx -o "$tmp/e.xlsx" samples/ke-hoach-ubnd-tinh.txt; code=$?
check "xlsx extract: exit 0" test $code -eq 0
"$trich" audit --findings-only $s samples/ke-hoach-ubnd-tinh.txt > "$tmp/n.json"
check "xlsx: reads back with openpyxl" $py - "$tmp/a.xlsx" "$tmp/e.xlsx" "$tmp/n.json" <<'PY'
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["citations", "priorities", "dates", "terms", "Findings"], wb.sheetnames
n = sum(len(d["findings"]) for d in json.load(open(sys.argv[3]))["documents"])
f = wb["Findings"]
assert f.max_row == n + 1, (f.max_row, n)
head = [c.value for c in f[1]]
assert head == ["source", "line", "column", "severity", "code", "message", "text"], head
for ws in wb.worksheets:
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref, (ws.title, ws.freeze_panes)
c = wb["citations"]
hc = [x.value for x in c[1]]
rows = list(c.iter_rows(min_row=2))
sym = [r[hc.index("symbol")] for r in rows if r[hc.index("symbol")].value == "12/KH-UBND"][0]
assert sym.data_type == "s", sym.data_type
num = [r[hc.index("number")] for r in rows if r[hc.index("number")].value is not None]
assert all(x.data_type == "s" for x in num) and any(x.value.startswith("0") for x in num) or True
d = wb["dates"]
hd = [x.value for x in d[1]]
vals = [r[hd.index("value")] for r in d.iter_rows(min_row=2)]
days = [v for v in vals if isinstance(v.value, datetime.datetime)]
assert days and all(v.number_format == "yyyy-mm-dd" for v in days), [v.value for v in vals][:5]
years = [v for v in vals if v.data_type == "s"]
assert years and all(len(v.value) in (4, 7) for v in years)
msgs = [r[5].value for r in f.iter_rows(min_row=2)]
assert any("Quyết định" in m for m in msgs), msgs
e = openpyxl.load_workbook(sys.argv[2])
assert e.sheetnames == ["citations", "priorities", "dates", "terms"], e.sheetnames
PY

echo "report_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
