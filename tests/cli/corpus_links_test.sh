#!/usr/bin/env bash
# Issue 14 on real documents (../shared/corpus/real, when it is there): identity and "Căn cứ"
# relations (scripts/self-symbols), pinpoints, names tied to symbols, trich graph, trich
# registry build, and the two findings (citation.superseded, conflicting_dates across
# documents) raised, or not, on real documents. The corpus is third-party text: nothing of it
# is copied here; the checks name files, lines, symbols and numbers. Floors are what was
# measured (docs/graph.md), with a little room for rule changes.
# usage: corpus_links_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
real=../shared/corpus/real
if [[ ! -d $real ]]; then
  echo "corpus_links_test: $real not found; skipped"
  exit 0
fi

# Identity and relations, as the issue measures them.
python3 scripts/self-symbols ../shared/corpus --trich "$trich" > "$tmp/self.txt"
check "self-symbols ran" grep -q '^self.symbol: ' "$tmp/self.txt"
read -r hit of < <(sed -n 's/^self.symbol: \([0-9]*\) of \([0-9]*\) .*/\1 \2/p' "$tmp/self.txt")
check "self.symbol: at least 53, and 95% of those the file names give ($hit of $of)" \
  test "${hit:-0}" -ge 53 -a "$((${hit:-0} * 100))" -ge "$((${of:-1} * 95))"
read -r open basis < <(sed -n 's/^citations opening a "Căn cứ" clause: \([0-9]*\), of which basis: \([0-9]*\)$/\1 \2/p' "$tmp/self.txt")
check "every citation opening a Căn cứ clause is basis ($basis of $open)" \
  test "${open:-0}" -gt 400 -a "${basis:--1}" -eq "${open:-0}"
read -r items ibasis < <(sed -n 's/^citations opening a later item of a "Căn cứ" list: \([0-9]*\), of which basis: \([0-9]*\)$/\1 \2/p' "$tmp/self.txt")
check "and every later item of a Căn cứ list on one line ($ibasis of $items)" \
  test "${items:-0}" -gt 30 -a "${ibasis:--1}" -eq "${items:-0}"

"$trich" citations --format jsonl -r "$real" > "$tmp/c.jsonl"
check "pinpoints and names over the corpus" python3 - "$tmp/c.jsonl" <<'PY'
import json, sys
cs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
cs = [c for c in cs if c["kind"] == "citation"]
by = {}
for c in cs:
    by.setdefault((c["source"].rsplit("/", 1)[1], c["line"], c["symbol"] or c["name"]), []).append(c)
def one(name, line, sym):
    got = by.get((name, line, sym))
    assert got, (name, line, sym)
    return got[0]
texts = {}
pp = [c for c in cs if c["pinpoint"]]
assert len(pp) > 4500, len(pp)
for c in pp:
    p = c["pinpoint"]
    if c["source"] not in texts:
        texts[c["source"]] = open(c["source"], "rb").read()
    # Its own span, as written in the input.
    assert texts[c["source"]][p["start"]:p["end"]].decode("utf-8") == p["text"], p
    if p["article"] and p["article"].split(",")[0].strip().isdigit():
        assert p["article_number"] == int(p["article"].split(",")[0]), p
full = [c for c in pp if c["pinpoint"]["point"] and c["pinpoint"]["clause"] and c["pinpoint"]["article"]]
assert len(full) > 1500, len(full)
p = one("006_du-thao-thong-tu-huong-dan-thuc-hien-nghi-dinh-1.txt", 63, "119/2014/NĐ-CP")["pinpoint"]
assert (p["point"], p["clause_number"], p["article_number"]) == ("d", 1, 10), p
p = one("010_nghi-dinh-102-2017-nd-cp.txt", 32, "01/2019/TT-BTP")["pinpoint"]
assert (p["point"], p["clause"], p["article"]) == ("a, c, g", "3", "7"), p
named = [c for c in cs if c["name"] and c["symbol"]]
assert len(named) > 300, len(named)
bare = [c for c in cs if c["name"] and not c["symbol"]]
resolved = [c for c in bare if c["refers_to"]]
assert len(resolved) > 300, (len(resolved), len(bare))
c = one("009_nghi-quyet-02-2022-nq-hdtp.txt", 10, "Bộ luật Dân sự")
assert c["refers_to"] == "91/2015/QH13", c
# Every refers_to is a symbol that its document names.
syms = {(c["source"], c["symbol"]) for c in cs if c["symbol"]}
assert all((c["source"], c["refers_to"]) in syms for c in resolved)
PY

# The graph: citing documents linked to the cited documents present in the run.
"$trich" graph --format csv -r "$real" > "$tmp/g.csv"
check "graph over the corpus" python3 - "$tmp/g.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
linked = [r for r in rows if r["target_source"]]
assert len(linked) > 170, len(linked)
assert len({r["source"] for r in linked}) > 45
assert len({r["target_source"] for r in linked}) > 35
assert not [r for r in linked if r["source"] == r["target_source"]], "a document citing itself"
assert len([r for r in linked if r["relation"] == "basis"]) > 25
# Joined across the run: bare names of other documents reach the law by its symbol.
law = [r for r in rows if r["target"] == "91/2015/QH13"]
assert len({r["source"] for r in law}) >= 3, law
PY

# trich registry build over the corpus: what the decrees of the corpus replaced, with dates.
"$trich" registry build -r "$real" -o "$tmp/reg.csv"; code=$?
check "registry build over the corpus: exit 0" test $code -eq 0
check "registry build: rows and events" python3 - "$tmp/reg.csv" <<'PY'
import csv, sys
rows = {r["symbol"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))}
assert len(rows) > 220, len(rows)
assert len([r for r in rows.values() if r["replaced_by"]]) >= 20
assert len([r for r in rows.values() if r["repealed_by"]]) >= 40
r = rows["102/2017/NĐ-CP"]  # a decree of the corpus, itself replaced by a later one
assert (r["type"], r["date"]) == ("Nghị định", "2017-09-01"), r
assert (r["replaced_by"], r["replaced_on"]) == ("99/2022/NĐ-CP", "2022-11-30"), r
r = rows["83/2010/NĐ-CP"]
assert (r["replaced_by"], r["replaced_on"]) == ("102/2017/NĐ-CP", "2017-09-01"), r
# "được thay thế ... theo quy định của Bộ luật Dân sự" is passive: the code replaced nothing
# and nothing replaced it.
assert "91/2015/QH13" not in rows or not rows["91/2015/QH13"]["replaced_by"], rows["91/2015/QH13"]
PY

# citation.superseded on a real circular: its basis 68/2022/NĐ-CP (line 10), replaced before
# the circular's date (2024-07-31) in one registry, after it in the other.
doc=$real/043_thong-tu-09-2024-tt-btnmt.txt
printf 'symbol,type,date,issuer,title,replaced_by,replaced_on\n68/2022/NĐ-CP,Nghị định,2022-09-22,Chính phủ,,1/2024/NĐ-CP,2024-01-15\n' > "$tmp/before.csv"
printf 'symbol,type,date,issuer,title,replaced_by,replaced_on\n68/2022/NĐ-CP,Nghị định,2022-09-22,Chính phủ,,1/2025/NĐ-CP,2025-01-15\n' > "$tmp/after.csv"
"$trich" audit --fail-on none --findings-only --format jsonl --registry "$tmp/before.csv" "$doc" > "$tmp/s1.jsonl"
check "superseded on a real document: raised at its basis" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
f = [x for x in f if x.get("code") == "citation.superseded"]
assert len(f) == 1 and f[0]["line"] == 10 and "68/2022" in f[0]["text"], f' "$tmp/s1.jsonl"
"$trich" audit --fail-on none --findings-only --format jsonl --registry "$tmp/after.csv" "$doc" > "$tmp/s2.jsonl"
check "superseded: not when the replacement came later" \
  test "$(grep -c citation.superseded "$tmp/s2.jsonl")" -eq 0

# conflicting_dates across documents: a real document and one written here that dates the
# same decree otherwise, in both orders; the corpus alone raises none across documents (its
# only candidate, 01/NQ-CP of 2017 and of 2024, is a number reused each year).
printf 'Báo cáo rà soát hồ sơ địa chính\nCác phòng áp dụng Nghị định số 68/2022/NĐ-CP ngày 12/9/2022 của Chính phủ.\n' > "$tmp/written.txt"
"$trich" audit --fail-on none --findings-only --format jsonl "$doc" "$tmp/written.txt" > "$tmp/x1.jsonl"
check "across: the written document names the real one's file:line" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
f = [x for x in f if x.get("code") == "citation.conflicting_dates"]
assert len(f) == 1 and f[0]["source"].endswith("written.txt"), f
assert f[0]["args"]["other_source"].endswith("043_thong-tu-09-2024-tt-btnmt.txt"), f
assert f[0]["args"]["other_line"] == "10", f' "$tmp/x1.jsonl"
"$trich" audit --fail-on none --findings-only --format jsonl "$tmp/written.txt" "$doc" > "$tmp/x2.jsonl"
check "across: in the other order, on the real document's line 10" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
f = [x for x in f if x.get("code") == "citation.conflicting_dates"]
assert len(f) == 1 and f[0]["source"].endswith("043_thong-tu-09-2024-tt-btnmt.txt"), f
assert f[0]["line"] == 10 and f[0]["args"]["other_source"].endswith("written.txt"), f' "$tmp/x2.jsonl"
"$trich" audit --fail-on none --findings-only --format jsonl -r "$real" > "$tmp/all.jsonl"
check "across: none over the corpus alone" python3 -c '
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert not [x for x in f if "other_source" in x.get("args", {})], f' "$tmp/all.jsonl"
echo "corpus_links_test: $pass passed, $fails failed"
test $fails -eq 0
