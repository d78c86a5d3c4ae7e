#!/usr/bin/env bash
# trich graph as a user runs it, on documents written here: who cites whom, the header number
# never an edge (nor a document's own number in its body), symbols matched across spellings
# (Ð/Đ, spaces) but shown as written, every format (csv's exact columns, json, graphml that
# parses as XML, dot), --top and --internal; over the real corpus when ../shared is there.
# usage: graph_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
mkdir -p "$tmp/docs"
cat > "$tmp/docs/a-nghi-dinh.txt" <<'DOC'
CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 10/2023/NĐ-CP
Hà Nội, ngày 3 tháng 4 năm 2023
NGHỊ ĐỊNH
QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT THƯ VIỆN
Căn cứ Luật Thư viện số 46/2019/QH14;
Điều 9. Hiệu lực thi hành
Nghị định này thay thế Nghị định số 05/2015/NĐ-CP. Nghị định số 10/2023/NĐ-CP có hiệu lực từ ngày ký.
DOC
cat > "$tmp/docs/b-luat.txt" <<'DOC'
QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 46/2019/QH14
Hà Nội, ngày 21 tháng 11 năm 2019
LUẬT
THƯ VIỆN
DOC
cat > "$tmp/docs/c-cong-van.txt" <<'DOC'
BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 812/BVHTTDL-TV V/v triển khai Nghị định về thư viện
Hà Nội, ngày 20 tháng 4 năm 2023
Thực hiện Nghị định số 10/2023/NÐ-CP của Chính phủ, Bộ đề nghị các Sở rà soát.
Các Sở gửi báo cáo về Nghị định số 10/2023 / NĐ-CP trước ngày 30/6/2023.
DOC
d="$tmp/docs"
"$trich" graph --format csv -r "$d" > "$tmp/g.csv"; code=$?
check "graph exits 0" test $code -eq 0
check "csv header has exactly the documented columns" \
  test "$(head -1 "$tmp/g.csv")" = $'source,target,target_source,relation,count\r'
check "the decree's basis is the law of the run" \
  grep -qF $'a-nghi-dinh.txt,46/2019/QH14,'"$d/b-luat.txt,basis,1"$'\r' "$tmp/g.csv"
check "the decree replaces one outside the run" \
  grep -qF $'a-nghi-dinh.txt,05/2015/NĐ-CP,,replaces,1\r' "$tmp/g.csv"
check "Ð and spaces match: the letter implements the decree (one edge per relation)" \
  grep -qF "c-cong-van.txt,10/2023/NĐ-CP,$d/a-nghi-dinh.txt,implements,1" "$tmp/g.csv"
check "and mentions it once more" \
  grep -qF "c-cong-van.txt,10/2023/NĐ-CP,$d/a-nghi-dinh.txt,mention,1" "$tmp/g.csv"
check "no header number and no own number is an edge" \
  test "$(grep -c 'a-nghi-dinh.txt,10/2023' "$tmp/g.csv")" -eq 0
check "four edges" test "$(($(wc -l < "$tmp/g.csv") - 1))" -eq 4

"$trich" graph -r "$d" > "$tmp/g.json"
check "json: documents with self, outside documents, edges" python3 - "$tmp/g.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = [n["kind"] for n in g["nodes"]]
assert kinds == ["document"] * 3 + ["cited"], kinds
a = g["nodes"][0]
assert a["self"]["symbol"] == "10/2023/NĐ-CP" and a["self"]["type"] == "Nghị định", a
assert a["citing"] == 1 and a["citations"] == 2, a
assert g["nodes"][3]["id"] == "05/2015/NĐ-CP", g["nodes"][3]
assert len(g["edges"]) == 4 and g["edges"][0]["relation"] == "basis", g["edges"]
assert g["edges"][1]["target_source"] is None
PY
"$trich" graph --format graphml -r "$d" > "$tmp/g.graphml"
check "graphml parses, 4 nodes and 4 edges" python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
r = ET.parse(sys.argv[1]).getroot()
assert len(r.findall(".//g:node", ns)) == 4 and len(r.findall(".//g:edge", ns)) == 4' "$tmp/g.graphml"
"$trich" graph --format dot -r "$d" > "$tmp/g.dot"
check "dot: a digraph with 4 edges" test "$(grep -c -- ' -> ' "$tmp/g.dot")" -eq 4
check "dot: the edge to the law goes to its document's node" grep -q 'd0 -> d1 ' "$tmp/g.dot"
"$trich" graph --top 1 -r "$d" > "$tmp/top.txt"
check "--top 1: the decree, cited by one document twice" \
  grep -qE '^ +1 +1 +2  10/2023/NĐ-CP  \(.*a-nghi-dinh.txt\)$' "$tmp/top.txt"
check "--top prints a header and N rows" test "$(wc -l < "$tmp/top.txt")" -eq 2
"$trich" graph --internal --format csv -r "$d" > "$tmp/in.csv"
check "--internal keeps only edges between inputs" test "$(grep -c ',,' "$tmp/in.csv")" -eq 0
check "--internal keeps three" test "$(($(wc -l < "$tmp/in.csv") - 1))" -eq 3
"$trich" graph --format jsonl -r "$d" > /dev/null 2>&1; code=$?
check "jsonl is no graph format (usage error)" test $code -eq 2
"$trich" graph --format csv "$d/missing.txt" "$d/b-luat.txt" > "$tmp/m.csv" 2> "$tmp/m.err"; code=$?
check "a missing input: exit 2, the others read" test $code -eq 2
check "  and named on stderr" grep -q 'missing.txt' "$tmp/m.err"

# The real corpus: citing documents link to the documents of the run they cite.
real=../shared/corpus/real
if [[ -d $real ]]; then
  "$trich" graph --format csv -r "$real" > "$tmp/real.csv"
  linked=$(awk -F, 'NR > 1 && $3 != ""' "$tmp/real.csv" | wc -l)
  check "corpus: over 100 edges link to documents of the run ($linked)" test "$linked" -gt 100
  basis=$(awk -F, 'NR > 1 && $3 != "" && $4 == "basis"' "$tmp/real.csv" | wc -l)
  check "corpus: some of them are basis ($basis)" test "$basis" -gt 20
else
  echo "skip: $real not found (the corpus checks need ../shared)"
fi
echo "graph_test: $pass passed, $fails failed"
test $fails -eq 0
