#!/usr/bin/env bash
# A peer's suite: the dated examples of Duckling's Vietnamese time corpus
# (tests/data/duckling/corpus.tsv: day, month, quarter and year examples, each with its line in
# Duckling/Time/VI/Corpus.hs and Duckling's reference time). Each text, alone in a document,
# run with --reference-date set to the reference's day, must give exactly one date, of the
# example's value and precision. The examples left out, and why, are in excluded.tsv; here
# they must at least not crash trich. Also: the same texts without --reference-date give no
# relative date, and a bad --reference-date is a usage error.
# usage: duckling_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"

python3 - "$trich" "$root/tests/data/duckling" "$tmp" <<'PY' || fails=$((fails + 1))
import json, os, subprocess, sys
trich, data, tmp = sys.argv[1:4]

def table(name):
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(data, name), encoding="utf-8")
            if not l.startswith("#")]
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if r != [""]]

def run(rows, extra):
    files = []
    for i, r in enumerate(rows):
        f = os.path.join(tmp, f"{i:03}.txt")
        open(f, "w", encoding="utf-8").write(r["text"] + "\n")
        files.append(f)
    p = subprocess.run([trich, "dates", "--format", "json"] + extra + files, capture_output=True)
    if p.returncode != 0:
        print("duckling: exit", p.returncode, p.stderr.decode()[-300:])
        sys.exit(1)
    return json.loads(p.stdout)["documents"]

rows = table("corpus.tsv")
refs = {r["reference"] for r in rows}
problems = []
for ref in sorted(refs):
    these = [r for r in rows if r["reference"] == ref]
    for r, d in zip(these, run(these, ["--reference-date", ref[:10]])):
        got = [(x["value"], x["precision"]) for x in d["dates"]]
        if got != [(r["value"], r["precision"])]:
            problems.append(f'line {r["line"]} "{r["text"]}": want {r["value"]} ({r["precision"]}), got {got}')
    for r, d in zip(these, run(these, [])):
        rel = [x["text"] for x in d["dates"] if x.get("relative")]
        if rel:
            problems.append(f'line {r["line"]} "{r["text"]}": relative {rel} without a reference')
run(table("excluded.tsv"), ["--reference-date", "2017-02-02"])
for p in problems:
    print("duckling:", p)
print(f"duckling: {len(rows) - len(problems)} of {len(rows)} dated examples pass")
sys.exit(1 if problems else 0)
PY

bad_ref() {
  local out
  out=$("$trich" dates --reference-date "$1" /dev/null 2>&1)
  [[ $? -eq 2 && $out == *"--reference-date"* ]]
}
check "--reference-date 2023-02-30 is a usage error" bad_ref 2023-02-30
check "--reference-date 20240101 is a usage error" bad_ref 20240101
check "--reference-date yesterday is a usage error" bad_ref yesterday
doc_ref() {
  printf 'Hà Nội, ngày 05 tháng 3 năm 2020\nNăm nay và hôm qua.\n' > "$tmp/doc.txt"
  "$trich" dates --reference-date document --format csv "$tmp/doc.txt" > "$tmp/doc.csv" &&
    grep -q ',Năm nay,2020,year' "$tmp/doc.csv" && grep -q ',hôm qua,2020-03-04,day' "$tmp/doc.csv"
}
check "--reference-date document resolves against the header's date" doc_ref
no_doc_date() {
  printf 'Năm nay và hôm qua.\n' > "$tmp/nodate.txt"
  [[ $("$trich" dates --reference-date document --format csv "$tmp/nodate.txt" | wc -l) -eq 1 ]]
}
check "--reference-date document without a header date reports none" no_doc_date
not_a_place() {
  printf 'Văn bản ký tại Huế, ngày 05 tháng 3 năm 2020.\nNăm nay và hôm qua.\n' > "$tmp/mid.txt"
  [[ $("$trich" dates --reference-date document --format csv "$tmp/mid.txt" | wc -l) -eq 2 ]]
}
check "a date after a sentence's comma is not the document's date" not_a_place
echo "duckling_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
