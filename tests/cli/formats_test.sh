#!/usr/bin/env bash
# Documents users have (issue #12): DOCX (pandoc), ODT (LibreOffice), PDF (LibreOffice, three
# pages with a running header and footer) and HTML (pandoc) copies of one report give the
# entities its plain-text copy gives; PDF entities carry their page; `trich text` prints the
# text the offsets index; formats trich does not read and hostile containers are one line
# each, exit 2, the other inputs still read. Fixtures: tests/data/formats/README.md.
# usage: formats_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
fx=tests/data/formats
lines() { wc -l < "$1" | tr -d ' '; }

# What a document holds, kind by kind, without positions: symbols (or names), dates, terms,
# priority lists (their markers).
summary() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
print("citations", sorted((c["symbol"] or c["name"], c["date"] or "") for c in d["citations"]))
print("dates", sorted(x["value"] for x in d["dates"]))
print("terms", sorted((t["kind"], t["from"], t["to"], t["ordinal"]) for t in d["terms"]))
print("priorities", [[i["marker"] for i in l["items"]] for l in d["priorities"]])
PY
}

"$trich" extract "$fx/report.txt" > "$tmp/txt.json"; code=$?
check "txt: exit 0" test $code -eq 0
summary "$tmp/txt.json" > "$tmp/txt.sum"
check "txt: the report has its citations (table and footnote among them)" \
  grep -q "1352/QĐ-UBND.*05-CT/TU\|05-CT/TU.*1352/QĐ-UBND" "$tmp/txt.sum"
check "txt: a priority list of three" grep -q "^priorities \[\['Thứ nhất', 'Thứ hai', 'Thứ ba'\]\]" "$tmp/txt.sum"
check "txt: format text" test "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"][0]["format"])' "$tmp/txt.json")" = text

for f in docx odt pdf html; do
  "$trich" extract "$fx/report.$f" > "$tmp/$f.json" 2> "$tmp/$f.err"; code=$?
  check "$f: exit 0" test $code -eq 0
  check "$f: quiet" test ! -s "$tmp/$f.err"
  summary "$tmp/$f.json" > "$tmp/$f.sum"
  check "$f: the same entities as the .txt" diff "$tmp/txt.sum" "$tmp/$f.sum"
  check "$f: format $f" test "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"][0]["format"])' "$tmp/$f.json")" = $f
  # Offsets index what `trich text` prints; line and column too.
  "$trich" text "$fx/report.$f" > "$tmp/$f.txt"; code=$?
  check "$f: trich text exit 0" test $code -eq 0
  check "$f: text[start:end] == entity text, line and column agree" python3 - "$tmp/$f.json" "$tmp/$f.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
t = open(sys.argv[2], "rb").read()
ents = d["citations"] + d["dates"] + d["terms"] + [i for l in d["priorities"] for i in l["items"]]
assert ents
for e in ents:
    assert t[e["start"]:e["end"]].decode() == e["text"], e
    before = t[:e["start"]]
    assert before.count(b"\n") + 1 == e["line"], e
    col = len(before[before.rfind(b"\n") + 1:].decode()) + 1
    assert col == e["column"], (e, col)
PY
done

# PDF pages: the page each entity starts on, and its line on that page.
check "pdf: every entity's page and page_line agree with the form feeds" python3 - "$tmp/pdf.json" "$tmp/pdf.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
t = open(sys.argv[2], "rb").read()
assert t.count(b"\f") == 2, t.count(b"\f")
for e in d["citations"] + d["dates"] + d["terms"]:
    before = t[:e["start"]]
    page = before.count(b"\f") + 1
    assert e["page"] == page, e
    assert e["page_line"] == before[before.rfind(b"\f") + 1 if b"\f" in before else 0:].count(b"\n") + 1, e
PY
page_of() { python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
print(sorted({e["page"] for e in d["citations"] if e["symbol"] == sys.argv[2]}))' "$tmp/pdf.json" "$1"; }
check "pdf: the footnote's citation on page 1" test "$(page_of 05-CT/TU)" = "[1]"
check "pdf: the table's citation on page 2" test "$(page_of 1352/QĐ-UBND)" = "[2]"
check "pdf: cited on pages 2 and 3" test "$(page_of 47/2020/NĐ-CP)" = "[2, 3]"
check "pdf: the priorities on page 3" test "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
print([i["page"] for l in d["priorities"] for i in l["items"]])' "$tmp/pdf.json")" = "[3, 3, 3]"
check "pdf: the running header's symbol is not repeated on every page" \
  test "$(grep -c '118/BC-UBND' "$tmp/pdf.txt")" -eq 1
check "pdf: no running footer left" test "$(grep -c '^.\?Trang [0-9]' "$tmp/pdf.txt")" -eq 0
check "pdf: a word broken at a line's end is joined" grep -q "giai đoạn 2021-2025" "$tmp/pdf.txt"
check "docx: no page fields" test "$(python3 -c 'import json,sys; print("page" in json.load(open(sys.argv[1]))["documents"][0]["dates"][0])' "$tmp/docx.json")" = False
"$trich" extract --format jsonl "$fx/report.pdf" > "$tmp/pdf.jsonl"
grep -v '"kind":"document"' "$tmp/pdf.jsonl" > "$tmp/pdf.entities.jsonl"
check "pdf: jsonl entity lines carry the page" test "$(grep -c '"page":' "$tmp/pdf.entities.jsonl")" -eq "$(lines "$tmp/pdf.entities.jsonl")"
check "pdf: jsonl document line says pdf" grep -q '"kind":"document","format":"pdf"' "$tmp/pdf.jsonl"
# A blank first page: the next pages keep their numbers, and each starts its page_line at 1.
"$trich" extract --format jsonl --kind dates "$fx/blank-first.pdf" > "$tmp/blank.jsonl"
check "pdf after a blank page: dates on pages 2 and 3, page_line 1" test "$(python3 -c '
import json, sys
print([(e["value"], e["page"], e["page_line"]) for e in map(json.loads, open(sys.argv[1])) if e["kind"] == "date"])' "$tmp/blank.jsonl")" = "[('2019-05-30', 2, 1), ('2020-06-01', 3, 1)]"

# --input-format forces a format; auto decides by content, not by the name.
cp "$fx/report.docx" "$tmp/bao-cao.txt"
"$trich" dates "$tmp/bao-cao.txt" > "$tmp/renamed.json"; code=$?
check "a .docx named .txt is read as docx" test $code -eq 0 -a "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"][0]["format"])' "$tmp/renamed.json")" = docx
"$trich" dates --input-format text "$tmp/bao-cao.txt" > /dev/null 2> "$tmp/forced.err"; code=$?
check "--input-format text on a docx: binary, exit 2" test $code -eq 2
check "--input-format text on a docx: one error line" grep -q "^trich: error: $tmp/bao-cao.txt: binary file" "$tmp/forced.err"
"$trich" dates --input-format html "$fx/report.txt" > "$tmp/forced.json"; code=$?
check "--input-format html on text: read" test $code -eq 0

# Formats trich does not read, and hostile containers: one line naming the file, exit 2,
# the report beside it still read; bounded memory (1.5 GB of address space).
while IFS='|' read -r name pattern; do
  f=$fx/hostile/$name
  ( ulimit -v 1500000; "$trich" extract "$f" "$fx/report.txt" > "$tmp/h.json" 2> "$tmp/h.err" ); code=$?
  check "$name: exit 2" test $code -eq 2
  check "$name: one line" test "$(lines "$tmp/h.err")" -eq 1
  check "$name: says what ($pattern)" grep -q "^trich: error: $f: .*$pattern" "$tmp/h.err"
  check "$name: the other input still read" test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["documents"]))' "$tmp/h.json")" -eq 1
done <<'EOF2'
bomb.docx|past its limit
broken.docx|damaged ZIP
xxe.docx|DOCTYPE
laughs.docx|DOCTYPE
encrypted.pdf|encrypted PDF
truncated.pdf|PDF
scan.pdf|no text layer
nested.html|nested more than 1000
legacy.doc|soffice --headless --convert-to docx
report.rtf|soffice --headless --convert-to docx
EOF2
printf 'PK\003\004\000\000rubbish' > "$tmp/rubbish.zip"
"$trich" extract "$tmp/rubbish.zip" > /dev/null 2> "$tmp/z.err"; code=$?
check "a broken ZIP named: exit 2, one line" test $code -eq 2 -a "$(lines "$tmp/z.err")" -eq 1
python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],"w"); z.writestr("a.txt","x"); z.close()' "$tmp/plain.zip"
"$trich" extract "$tmp/plain.zip" > /dev/null 2> "$tmp/pz.err"; code=$?
check "a plain ZIP archive: exit 2, unsupported" test $code -eq 2 -a "$(grep -c 'ZIP archive that is no Word' "$tmp/pz.err")" -eq 1

# Under -r: a format trich does not read is one warning each, counted by --stats; damaged
# containers are errors.
d=$tmp/tree
mkdir -p "$d"
cp "$fx/report.txt" "$fx/report.docx" "$fx/report.pdf" "$fx/report.html" "$fx/hostile/legacy.doc" "$fx/hostile/report.rtf" "$fx/hostile/scan.pdf" "$d/"
"$trich" extract -r --stats "$d" > "$tmp/r.json" 2> "$tmp/r.err"; code=$?
check "-r: unsupported files do not fail the run" test $code -eq 0
check "-r: one warning each" test "$(grep -c '^trich: warning: ' "$tmp/r.err")" -eq 3
check "-r: counted by reason" grep -q "skipped: 1 no text layer, 2 unsupported$" "$tmp/r.err"
check "-r: the four readable copies read" test "$(python3 -c 'import json,sys; print(sorted(x["format"] for x in json.load(open(sys.argv[1]))["documents"]))' "$tmp/r.json")" = "['docx', 'html', 'pdf', 'text']"

# --type: by detected format, under directories only.
sources() { python3 -c 'import json,sys; print(" ".join(x["source"].rsplit("/",1)[1] for x in json.load(open(sys.argv[1]))["documents"]))' "$1"; }
"$trich" extract -r --type pdf,docx --stats "$d" > "$tmp/t.json" 2> "$tmp/t.err"; code=$?
check "--type pdf,docx: exit 0" test $code -eq 0
check "--type pdf,docx: only those" test "$(sources "$tmp/t.json")" = "report.docx report.pdf"
check "--type: the rest counted" grep -q "skipped: 4 by --type, 1 no text layer$" "$tmp/t.err"
"$trich" extract -r --type text "$d" "$fx/report.odt" > "$tmp/t2.json" 2> /dev/null
check "--type text: a file named is still read" test "$(sources "$tmp/t2.json")" = "report.txt report.odt"
cp "$fx/report.pdf" "$d/renamed.txt"
"$trich" extract -r --type pdf "$d" > "$tmp/t3.json" 2> /dev/null
check "--type: by content, not by name" test "$(sources "$tmp/t3.json")" = "renamed.txt report.pdf"
"$trich" extract -r --type doc "$d" > /dev/null 2> "$tmp/t4.err"; code=$?
check "--type: an unknown format is a usage error" test $code -eq 2

# trich text: plain text as it is; a refused input is an error, the others printed.
"$trich" text "$fx/report.txt" > "$tmp/plain.out"
check "trich text: plain text unchanged" cmp "$fx/report.txt" "$tmp/plain.out"
"$trich" text "$fx/hostile/legacy.doc" "$fx/report.html" > "$tmp/mixed.out" 2> "$tmp/mixed.err"; code=$?
check "trich text: refused input exit 2, one line" test $code -eq 2 -a "$(lines "$tmp/mixed.err")" -eq 1
check "trich text: the other printed" cmp "$tmp/html.txt" "$tmp/mixed.out"

echo "formats_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
