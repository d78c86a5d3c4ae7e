#!/usr/bin/env bash
# --format html (issue 13) read as a browser's parser builds it (tests/cli/html_page.py): one
# data-code element per finding, in the order json lists them, linked both ways with the
# summary; every document's text on the page exactly (escaped: hostile text and a hostile file
# name stay text, no element or handler comes from them); nothing that reaches the network;
# the script allowed by its hash; extract and one-kind commands; --findings-only; several
# inputs; -o; a large input read in windows; a PDF's pages; --lang vi.
# tests/cli/html_browser_test.sh opens the pages in Chromium.
source "$(dirname "$0")/lib.sh" "$@"
py=/usr/bin/python3
page="$py $root/tests/cli/html_page.py"
s=samples/loi-kiem-tra.txt
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES

# The sample with planted mistakes: one data-code element per finding, as json lists them.
"$trich" audit --format html $s > "$tmp/a.html"
check "audit html: exit 1 (the sample has errors)" test $? -eq 1
"$trich" audit $s > "$tmp/a.json"
$page "$tmp/a.html" > "$tmp/a.page"
check "one data-code element per finding, codes and severities as json has them" \
  $py - "$tmp/a.page" "$tmp/a.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
fs = json.load(open(sys.argv[2]))["documents"][0]["findings"]
assert len(fs) == 10, len(fs)
assert p["codes"] == [f["code"] for f in fs], (p["codes"], [f["code"] for f in fs])
assert p["severities"] == [f["severity"] for f in fs], p["severities"]
PY
check "summary rows link to each finding, once" $py - "$tmp/a.page" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
ids = p["finding_ids"]
assert len(set(ids)) == len(ids) == 10, ids
assert p["row_links"] == ["#" + i for i in ids], (p["row_links"], ids)
PY
check "the document's text is on the page exactly (notes aside)" $py - "$tmp/a.page" $s <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert len(p["docs"]) == 1
assert p["docs"][0]["text"] == open(sys.argv[2], encoding="utf-8").read()
PY
check "entities highlighted by kind, as json counts them" $py - "$tmp/a.page" "$tmp/a.json" <<'PY'
import json, sys
from collections import Counter
p = json.load(open(sys.argv[1]))
d = json.load(open(sys.argv[2]))["documents"][0]
want = Counter({"citation": len(d["citations"]), "date": len(d["dates"]), "term": len(d["terms"]),
                "priority": sum(len(l["items"]) for l in d["priorities"])})
assert Counter(p["marks"]) == +want, (Counter(p["marks"]), want)
PY
check "nested spans: a date mark inside a citation mark" \
  grep -q '<mark data-kind="citation"[^>]*>Chỉ thị số 05-CT/TW ngày <mark data-kind="date"' "$tmp/a.html"
check "no network: every link is an anchor, no src, no url(), nothing http" $py - "$tmp/a.page" "$tmp/a.html" <<'PY'
import json, re, sys
p = json.load(open(sys.argv[1]))
assert p["urls"] and all(u.startswith("#") for u in p["urls"]), [u for u in p["urls"] if not u.startswith("#")]
raw = open(sys.argv[2], encoding="utf-8").read()
assert not re.search(r"https?:|//[a-z]|@import|url\(", raw), re.search(r"https?:|//[a-z]|@import|url\(", raw)
assert p["handlers"] == [], p["handlers"]
PY
check "CSP: no source but the one script, by its sha256" $py - "$tmp/a.page" <<'PY'
import base64, hashlib, json, sys
p = json.load(open(sys.argv[1]))
assert len(p["scripts"]) == 1, p["scripts"]
h = "sha256-" + base64.b64encode(hashlib.sha256(p["scripts"][0].encode()).digest()).decode()
csp = p["csp"]
assert csp.startswith("default-src 'none';"), csp
assert f"script-src '{h}'" in csp, f"the script changed: kScriptHash in src/output/html_sink.cpp must be {h}"
PY
check "filters are hidden until the script shows them" grep -q '<form id="filters" hidden>' "$tmp/a.html"

# Hostile text and a hostile file name: shown as text, nothing of them becomes markup.
mkdir -p "$tmp/h"
hostile="$tmp/h/a\"<b>x'&.txt"
cat > "$hostile" <<'EOF'
Báo cáo <script>document.title='pwned'</script> số liệu
Ảnh <img src=x onerror="document.body.appendChild(document.createElement('pwned'))"> đính kèm
Hội nghị được tổ chức ngày 31/6/2023 </div></section><script>document.title='pwned2'</script>
Thẻ &lt;b&gt; và &amp; giữ nguyên, "ngoặc kép" và 'đơn' <!-- chú thích --> <style>body{display:none}</style>
EOF
"$trich" audit --format html "$hostile" > "$tmp/h.html"
$page "$tmp/h.html" > "$tmp/h.page"
check "hostile: no raw <script> or <img> of the document in the page" \
  bash -c "! grep -q -e '<script>document' -e '<img' -e '<style>body' -e '<!-- ch' '$tmp/h.html'"
check "hostile: the text is on the page exactly, its file name too" $py - "$tmp/h.page" "$hostile" <<'PY'
import json, os, sys
p = json.load(open(sys.argv[1]))
assert p["docs"][0]["text"] == open(sys.argv[2], encoding="utf-8").read(), p["docs"][0]["text"]
assert p["docs"][0]["source"] == sys.argv[2], p["docs"][0]["source"]
assert p["title"] == "trich audit", p["title"]
tags = p["tags"]
assert "img" not in tags and tags["script"] == 1 and tags["style"] == 1, tags
assert p["handlers"] == [], p["handlers"]
assert p["codes"] == ["date.invalid"], p["codes"]
PY

# extract and the one-kind commands: highlights, no findings.
"$trich" extract --format html $s > "$tmp/e.html"
$page "$tmp/e.html" > "$tmp/e.page"
check "extract html: marks of every kind found, no data-code, no severity filter" $py - "$tmp/e.page" "$tmp/e.html" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert set(p["marks"]) == {"citation", "priority", "date"}, set(p["marks"])
assert p["codes"] == []
raw = open(sys.argv[2], encoding="utf-8").read()
assert 'value="error"' not in raw and 'value="citation"' in raw and "<title>trich extract</title>" in raw
PY
"$trich" dates --format html $s > "$tmp/d.html"
check "dates html: only date marks" $py - "$tmp/d.html" <<PY
import json, subprocess
p = json.loads(subprocess.check_output(["$py", "$root/tests/cli/html_page.py", "$tmp/d.html"]))
assert set(p["marks"]) == {"date"} and len(p["marks"]) == 10, p["marks"]
PY

# --findings-only: findings with their lines, no highlights; a document without any is in
# the summary only.
clean=tests/data/audit/gap.not-1.txt
"$trich" audit --format html --findings-only $s $clean > "$tmp/fo.html"
$page "$tmp/fo.html" > "$tmp/fo.page"
check "--findings-only: 10 findings, no marks, one document shown, two in the summary" \
  $py - "$tmp/fo.page" "$tmp/fo.html" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert len(p["codes"]) == 10 and p["marks"] == [], (len(p["codes"]), p["marks"])
assert len(p["docs"]) == 1, p["docs"]
raw = open(sys.argv[2], encoding="utf-8").read()
assert raw.count('<a href="#doc-') == 1 and "gap.not-1.txt</td>" in raw
assert "<span class=\"f s-error\">31/6/2023</span>" in raw
PY

# Several inputs, in order, ids unique; -o writes what stdout would.
two=tests/data/audit/gap.must-1.txt
"$trich" audit --format html -j 2 $s $two $clean > "$tmp/m.html"
$page "$tmp/m.html" > "$tmp/m.page"
"$trich" audit --format jsonl $s $two $clean > "$tmp/m.jsonl"
check "several inputs: one section each, in order, findings as jsonl" $py - "$tmp/m.page" "$tmp/m.jsonl" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
lines = [json.loads(l) for l in open(sys.argv[2])]
assert [d["source"] for d in p["docs"]] == [l["source"] for l in lines if l["kind"] == "document"]
assert p["codes"] == [l["code"] for l in lines if l["kind"] == "finding"], p["codes"]
assert len(set(p["finding_ids"])) == len(p["finding_ids"]) == 11
assert p["row_links"] == ["#" + i for i in p["finding_ids"]]
PY
"$trich" audit --format html -j 2 $s $two $clean -o "$tmp/out.html"
check "-o: the same page" cmp -s "$tmp/m.html" "$tmp/out.html"

# A large input read in windows: its text whole on the page, findings as jsonl has them.
for i in $(seq 100); do cat $s; echo; done > "$tmp/big.txt"
"$trich" extract --format html --window 64K "$tmp/big.txt" > "$tmp/big.html"
$page "$tmp/big.html" > "$tmp/big.page"
"$trich" extract --format jsonl --window 64K "$tmp/big.txt" > "$tmp/big.jsonl"
check "windows: the whole text once, entity marks as jsonl counts them" \
  $py - "$tmp/big.page" "$tmp/big.txt" "$tmp/big.jsonl" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
assert len(text.encode()) > 3 * 65536
assert p["docs"][0]["text"] == text, "text differs"
lines = [json.loads(l) for l in open(sys.argv[3])]
for kind in ("citation", "date", "priority"):
    n = sum(1 for l in lines if l["kind"] == kind)
    assert p["marks"].count(kind) == n, (kind, p["marks"].count(kind), n)
PY
"$trich" audit --format html --window 64K "$tmp/big.txt" > "$tmp/bigf.html"
"$trich" audit --format jsonl --window 64K "$tmp/big.txt" > "$tmp/bigf.jsonl"
check "windows: one data-code element per finding" test "$($page "$tmp/bigf.html" | $py -c 'import json,sys; print(len(json.load(sys.stdin)["codes"]))')" \
  -eq "$(grep -c '"kind":"finding"' "$tmp/bigf.jsonl")"

# A PDF: a mark where each page starts.
pdf=tests/data/formats/report.pdf
"$trich" extract --format html $pdf > "$tmp/p.html"
pages=$("$trich" extract --format jsonl $pdf | $py -c 'import json,sys; print(max(json.loads(l).get("page",0) for l in sys.stdin))')
check "pdf: one page mark per page ($pages)" test "$(grep -c '<span class="page" data-page=' "$tmp/p.html")" -eq "$pages"

# Vietnamese: the page's language and words from rules/vi/messages.toml.
"$trich" audit --format html --lang vi $s > "$tmp/vi.html"
check "--lang vi: lang, title and summary in Vietnamese" bash -c "grep -q '<html lang=\"vi\">' '$tmp/vi.html' &&
  grep -q '<title>trich: kết quả kiểm tra</title>' '$tmp/vi.html' &&
  grep -q '<p class=\"totals\">1 văn bản: 4 lỗi, 6 cảnh báo, 0 lưu ý</p>' '$tmp/vi.html'"
check "--lang vi: the messages in Vietnamese" grep -Fq '&quot;31/6/2023&quot; không phải là ngày có thật' "$tmp/vi.html"

echo "html_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
