#!/usr/bin/env bash
# trich audit as a user runs it: exit codes at each --fail-on, --format text (one line per
# finding in the compilers' form, a summary line per run), json/jsonl findings, --registry
# (good and broken files), every code's documents in tests/data/audit (must raise it / must
# not), the clean samples at every severity, and the seed report when ../shared is there.
# usage: audit_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
codes() {  # codes FILE.jsonl: the finding codes, one per line, in order
  python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    if d["kind"] == "finding": print(d["code"])' "$1"
}
clean="samples/bao-cao-dang-uy.txt samples/ke-hoach-ubnd-tinh.txt samples/tin-tuc-nhieu.txt samples/quyet-dinh-phan-so.txt"

# Exit codes: 1 when a finding reaches --fail-on (default error), none never fails.
"$trich" audit samples/loi-kiem-tra.txt > /dev/null; code=$?
check "errors fail by default" test $code -eq 1
"$trich" audit --fail-on none samples/loi-kiem-tra.txt > /dev/null; code=$?
check "--fail-on none never fails" test $code -eq 0
"$trich" audit tests/data/audit/gap.must-1.txt > /dev/null; code=$?
check "a warning does not fail by default" test $code -eq 0
"$trich" audit --fail-on warning tests/data/audit/gap.must-1.txt > /dev/null; code=$?
check "a warning fails at --fail-on warning" test $code -eq 1
"$trich" audit --fail-on info tests/data/audit/gap.must-1.txt > /dev/null; code=$?
check "a warning fails at --fail-on info" test $code -eq 1
"$trich" audit --fail-on error tests/data/audit/date_invalid.must-1.txt > /dev/null; code=$?
check "an error fails at --fail-on error" test $code -eq 1
"$trich" audit --fail-on bogus samples/loi-kiem-tra.txt > /dev/null 2>&1; code=$?
check "--fail-on with a bad value is a usage error" test $code -eq 2

# The clean samples: nothing at any severity, with or without the sample registry.
"$trich" audit --fail-on info --format text $clean > "$tmp/clean.txt"; code=$?
check "clean samples exit 0 at --fail-on info" test $code -eq 0
check "clean samples: only the summary line" test "$(cat "$tmp/clean.txt")" = "4 documents: 0 errors, 0 warnings, 0 info"
"$trich" audit --fail-on info --registry samples/registry.csv --format text $clean > "$tmp/clean-r.txt"; code=$?
check "clean samples with the sample registry exit 0" test $code -eq 0
check "clean samples with the sample registry: no finding" test "$(wc -l < "$tmp/clean-r.txt")" -eq 1

# --format text: path:line:column: severity[code]: message, each followed by its excerpt
# (tests/cli/report_test.sh checks those), then one summary line.
"$trich" audit --format text samples/loi-kiem-tra.txt > "$tmp/t.txt"; code=$?
check "text exit 1" test $code -eq 1
check "text: 10 finding lines + summary" \
  test "$(grep -cvE '^ *([0-9]+ )?\||^\.+$|^$' "$tmp/t.txt")" -eq 11
check "text: every finding line in the compilers' form" \
  test "$(grep -cE '^samples/loi-kiem-tra\.txt:[0-9]+:[0-9]+: (error|warning|info)\[[a-z]+\.[a-z_]+\]: .+' "$tmp/t.txt")" -eq 10
check "text: summary line" test "$(tail -1 "$tmp/t.txt")" = "1 document: 4 errors, 6 warnings, 0 info"
check "text: the anniversary line quotes the evidence" \
  grep -q '^samples/loi-kiem-tra\.txt:17:37: error\[anniversary\.mismatch\]: 45 năm, but 30/4/1945 – 30/4/2020 is 75 years$' "$tmp/t.txt"
cat samples/loi-kiem-tra.txt | "$trich" audit --format text > "$tmp/stdin.txt"
check "text from stdin names -" grep -q '^-:5:11: error\[citation\.type_mismatch\]' "$tmp/stdin.txt"
"$trich" audit --format text -o "$tmp/o.txt" samples/loi-kiem-tra.txt; code=$?
check "-o writes the text report" cmp -s "$tmp/o.txt" "$tmp/t.txt"

# json and jsonl carry the findings with their spans on the entity at fault.
"$trich" audit --format json samples/loi-kiem-tra.txt > "$tmp/a.json"
check "json: findings with spans" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
raw = open("samples/loi-kiem-tra.txt", "rb").read()
f = d["findings"]
assert len(f) == 10, len(f)
for x in f:
    assert raw[x["start"]:x["end"]].decode("utf-8") == x["text"], x
    assert x["severity"] in ("error", "warning", "info") and x["message"], x
a = [x for x in f if x["code"] == "anniversary.mismatch"][0]
assert "(30/4/1945 – 30/4/2020" in a["text"] and a["line"] == 17, a
t = [x for x in f if x["code"] == "citation.type_mismatch"][0]
assert t["text"] == "Quyết định số 12/KH-UBND", t
' "$tmp/a.json"
"$trich" audit --format jsonl samples/loi-kiem-tra.txt > "$tmp/a.jsonl"
check "jsonl: ten finding lines" test "$(codes "$tmp/a.jsonl" | wc -l)" -eq 10

# Every code: the documents that must raise it raise only it; the near-misses raise nothing.
for f in tests/data/audit/*.txt; do
  name=$(basename "$f")
  prefix=${name%%.*}
  case $prefix in
    date_invalid) code=date.invalid ;;
    gap|duplicate|count_mismatch) code=priorities.$prefix ;;
    anniversary) code=anniversary.mismatch ;;
    *) code=citation.$prefix ;;
  esac
  reg=()
  case $prefix in
    not_in_registry|registry_mismatch) reg=(--registry tests/data/audit/registry.csv) ;;
    superseded) reg=(--registry tests/data/audit/registry-superseded.csv) ;;
  esac
  "$trich" audit --fail-on none --format jsonl "${reg[@]}" "$f" > "$tmp/c.jsonl"
  got=$(codes "$tmp/c.jsonl" | sort -u | tr '\n' ' ')
  case $name in
    *.must-*) check "$name raises $code" test "$got" = "$code " ;;
    *.not-*) check "$name raises nothing" test -z "$got" ;;
  esac
done

# Across the documents of one run: a symbol dated differently in an earlier document is
# reported on the later one, naming the earlier file and line; the same with -j2.
across=tests/data/audit/across
"$trich" audit --fail-on none --format jsonl "$across/must-a.txt" "$across/must-b.txt" > "$tmp/x.jsonl"
check "across: the must pair raises conflicting_dates once" \
  test "$(codes "$tmp/x.jsonl" | tr '\n' ' ')" = "citation.conflicting_dates "
check "across: on the later document, naming the earlier's file:line" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
f = [x for x in f if x["kind"] == "finding"]
assert f[0]["source"].endswith("must-b.txt"), f
assert "tests/data/audit/across/must-a.txt:2" in f[0]["message"], f
assert f[0]["text"].startswith("Nghị định số 30/2020/NĐ-CP"), f' "$tmp/x.jsonl"
"$trich" audit --fail-on none --format jsonl -j2 "$across/must-a.txt" "$across/must-b.txt" > "$tmp/x2.jsonl"
check "across: the same with -j2" cmp -s "$tmp/x.jsonl" "$tmp/x2.jsonl"
"$trich" audit --fail-on warning --format text "$across/must-a.txt" "$across/must-b.txt" > /dev/null; code=$?
check "across: a warning fails at --fail-on warning" test $code -eq 1
"$trich" audit --fail-on none --format jsonl "$across/not-a.txt" "$across/not-b.txt" > "$tmp/y.jsonl"
check "across: the not pair raises nothing" test -z "$(codes "$tmp/y.jsonl")"
# A symbol without a year ("01/NQ-CP") is numbered again every year: two days of one year
# conflict, two years are two documents.
"$trich" audit --fail-on none --format jsonl "$across/yearly-must-a.txt" "$across/yearly-must-b.txt" > "$tmp/ym.jsonl"
check "across: a yearless symbol on two days of one year conflicts" \
  test "$(codes "$tmp/ym.jsonl" | tr '\n' ' ')" = "citation.conflicting_dates "
"$trich" audit --fail-on none --format jsonl "$across/yearly-not-a.txt" "$across/yearly-not-b.txt" > "$tmp/yn.jsonl"
check "across: a yearless symbol in two years is two documents" test -z "$(codes "$tmp/yn.jsonl")"

# Registry: Vietnamese headers, extra columns said once, dd/mm/yyyy dates.
printf 'Số ký hiệu,Loại văn bản,Ngày ban hành,Cơ quan ban hành,Trích yếu,Ghi chú,Người nhập\n35-CT/TW,Chỉ thị,30/5/2019,Bộ Chính trị,,x,y\n' > "$tmp/vi.csv"
"$trich" audit --fail-on none --registry "$tmp/vi.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/vi.err"; code=$?
check "Vietnamese registry header: exit 0" test $code -eq 0
check "extra columns: said once, by name" test "$(grep -c 'columns ignored: Ghi chú, Người nhập' "$tmp/vi.err")" -eq 1
printf 'symbol,type,date,issuer,title\n"35-CT/TW"x,,,,\n' > "$tmp/q.csv"
"$trich" audit --registry "$tmp/q.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/q.err"; code=$?
check "text after a closing quote: exit 2, file:line" grep -q "q.csv:2: text after the closing quote" "$tmp/q.err"
printf 'symbol,type,date,issuer,title\n35-CT/TW,\xc3,,,\n' > "$tmp/u.csv"
"$trich" audit --registry "$tmp/u.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/u.err"; code=$?
check "invalid UTF-8 in a registry: exit 2, file:line" grep -q "u.csv:2: invalid UTF-8" "$tmp/u.err"

# trich registry build: selves, and what replaces/repeals/amends did, with dates; then audit
# with it finds the superseded basis.
mkdir -p "$tmp/law"
cp tests/data/audit/superseded.not-2.txt "$tmp/law/a.txt"
cp tests/data/audit/superseded.must-1.txt "$tmp/law/b.txt"
"$trich" registry build -r "$tmp/law" -o "$tmp/built.csv"; code=$?
check "registry build: exit 0" test $code -eq 0
check "registry build: header" test "$(head -1 "$tmp/built.csv")" = $'symbol,type,date,issuer,title,replaced_by,replaced_on,repealed_by,repealed_on,amended_by,amended_on\r'
check "registry build: the decree's own row" grep -qF $'10/2023/NĐ-CP,Nghị định,2023-04-03,CHÍNH PHỦ,VỀ QUẢN LÝ KHO LƯU TRỮ,,,,,,\r' "$tmp/built.csv"
check "registry build: the replaced decree, by whom and when" grep -qF $'15/2018/NĐ-CP,,,,,10/2023/NĐ-CP,2023-04-03,,,,\r' "$tmp/built.csv"
"$trich" audit --fail-on none --format jsonl --registry "$tmp/built.csv" "$tmp/law/b.txt" > "$tmp/s.jsonl" 2> /dev/null
check "audit with the built registry: superseded" grep -q '"code":"citation.superseded"' "$tmp/s.jsonl"

# --registry: findings only with it; a broken or missing registry is exit 2 with one line.
"$trich" audit --fail-on none --format jsonl tests/data/audit/not_in_registry.must-1.txt > "$tmp/nr.jsonl"
check "no registry, no registry finding" test -z "$(codes "$tmp/nr.jsonl")"
printf 'symbol,type,date\n35-CT/TW,,\n' > "$tmp/bad.csv"
"$trich" audit --registry "$tmp/bad.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/bad.err"; code=$?
check "bad registry header exits 2" test $code -eq 2
check "bad registry: file and line on stderr" grep -q "^trich: error: .*bad.csv:1: the header must be symbol,type,date,issuer,title" "$tmp/bad.err"
printf 'symbol,type,date,issuer,title\n35-CT/TW,,31/6/2019,,\n' > "$tmp/bad2.csv"
"$trich" audit --registry "$tmp/bad2.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/bad2.err"; code=$?
check "bad registry date exits 2" test $code -eq 2
check "bad registry date names line 2" grep -q "bad2.csv:2: date" "$tmp/bad2.err"
"$trich" audit --registry "$tmp/none.csv" samples/bao-cao-dang-uy.txt > /dev/null 2> "$tmp/none.err"; code=$?
check "missing registry exits 2" test $code -eq 2
check "missing registry: one stderr line" test "$(wc -l < "$tmp/none.err")" -eq 1
"$trich" audit --registry samples/registry.csv --format jsonl --fail-on none samples/loi-kiem-tra.txt > "$tmp/lr.jsonl"
check "sample registry on loi-kiem-tra" test "$(codes "$tmp/lr.jsonl" | grep -c registry)" -eq 4

# The seed report (when ../shared is there): exactly one finding, the anniversary, exit 1.
seed=$(ls "$root"/../shared/seed/*.txt 2>/dev/null | head -1)
if [[ -n $seed ]]; then
  "$trich" audit --format jsonl "$seed" > "$tmp/seed.jsonl"; code=$?
  check "seed exits 1" test $code -eq 1
  check "seed: exactly one finding, anniversary.mismatch" test "$(codes "$tmp/seed.jsonl")" = "anniversary.mismatch"
  check "seed: on the line of (30/4/1945 – 30/4/2020)" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
f = [x for x in f if x["kind"] == "finding"][0]
line = open(sys.argv[2], encoding="utf-8").read().split("\n")[f["line"] - 1]
assert "(30/4/1945 – 30/4/2020)" in line, line
' "$tmp/seed.jsonl" "$seed"
fi

echo "audit_test: $pass passed, $fails failed"
test $fails -eq 0
