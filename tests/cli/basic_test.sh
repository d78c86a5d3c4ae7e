#!/usr/bin/env bash
# The binary as a user runs it: standard input, directories, a missing file among good ones,
# -o, usage errors, and the span invariant on every sample.
# usage: basic_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
json_ok() { python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1"; }

# Standard input: no argument and "-" are the same, and the source is "-".
"$trich" dates < samples/tin-tuc-nhieu.txt > "$tmp/a.json"; a=$?
"$trich" dates - < samples/tin-tuc-nhieu.txt > "$tmp/b.json"
check "stdin exit 0" test $a -eq 0
check "stdin: no argument equals -" cmp -s "$tmp/a.json" "$tmp/b.json"
check "stdin source is -" grep -q '"source": "-"' "$tmp/a.json"
check "stdin json parses" json_ok "$tmp/a.json"

# A pipe: cat *.txt | trich dates --format csv
cat samples/*.txt | "$trich" dates --format csv > "$tmp/d.csv"
check "csv header" bash -c "head -1 '$tmp/d.csv' | grep -q '^source,line,column,start,end,text,value,precision'"
check "csv CRLF line ends" bash -c "head -1 '$tmp/d.csv' | grep -q $'\r$'"

# A directory with -r: files in sorted path order; without -r: an error, exit 2.
mkdir -p "$tmp/dir/b" "$tmp/dir/a"
cp samples/bao-cao-dang-uy.txt "$tmp/dir/b/z.txt"
cp samples/tin-tuc-nhieu.txt "$tmp/dir/a/y.txt"
cp samples/quyet-dinh-phan-so.txt "$tmp/dir/x.txt"
"$trich" extract -r "$tmp/dir" --format jsonl > "$tmp/r.jsonl"; code=$?
check "-r exit 0" test $code -eq 0
order=$(python3 -c 'import json,sys
seen=[]
for l in open(sys.argv[1], encoding="utf-8"):
    s=json.loads(l)["source"].rsplit("/dir/",1)[1]
    if s not in seen: seen.append(s)
print(" ".join(seen))' "$tmp/r.jsonl")
check "-r sorted path order" test "$order" = "a/y.txt b/z.txt x.txt"
"$trich" extract "$tmp/dir" > "$tmp/nr.json" 2> "$tmp/nr.err"; code=$?
check "directory without -r exits 2" test $code -eq 2
check "directory without -r says so" grep -q "is a directory" "$tmp/nr.err"

# A missing file among good ones: exit 2, one line on stderr, the good ones still printed.
"$trich" extract samples/tin-tuc-nhieu.txt "$tmp/missing.txt" samples/bao-cao-dang-uy.txt \
  > "$tmp/m.json" 2> "$tmp/m.err"; code=$?
check "missing file exits 2" test $code -eq 2
check "missing file: one stderr line" test "$(wc -l < "$tmp/m.err")" -eq 1
check "missing file: names the file" grep -q "^trich: error: $tmp/missing.txt: " "$tmp/m.err"
check "missing file: json still valid" json_ok "$tmp/m.json"
check "missing file: both good documents printed" test "$(grep -c '"source"' "$tmp/m.json")" -eq 2

# -o FILE: written atomically, nothing on stdout; an unwritable target fails before work.
"$trich" extract -o "$tmp/out.json" samples/bao-cao-dang-uy.txt > "$tmp/stdout" ; code=$?
check "-o exit 0" test $code -eq 0
check "-o stdout empty" test ! -s "$tmp/stdout"
check "-o file is valid json" json_ok "$tmp/out.json"
check "-o leaves no temporary file" test "$(ls -A "$tmp" | grep -c trich-)" -eq 0
"$trich" extract -o "$tmp/no/such/dir/out.json" samples/bao-cao-dang-uy.txt 2> "$tmp/o.err"; code=$?
check "-o unwritable exits 2" test $code -eq 2
check "-o unwritable: one line" test "$(wc -l < "$tmp/o.err")" -eq 1

# Usage errors: exit 2 with one line; help and version: exit 0.
"$trich" extract --format xml samples/tin-tuc-nhieu.txt > /dev/null 2> "$tmp/u.err"; code=$?
check "bad --format exits 2" test $code -eq 2
check "bad --format: one line" test "$(wc -l < "$tmp/u.err")" -eq 1
"$trich" frobnicate > /dev/null 2>&1; code=$?
check "unknown subcommand exits 2" test $code -eq 2
for sub in "" extract citations priorities dates terms audit schema "rules check"; do
  # shellcheck disable=SC2086
  "$trich" $sub --help > "$tmp/h.txt" 2>&1; code=$?
  check "help '$sub' exits 0" test $code -eq 0
  check "help '$sub' has an example" grep -qi "example" "$tmp/h.txt"
done
check "--version" bash -c "'$trich' --version | grep -q '^trich '"

# The schema is JSON; the json output names its schema.
"$trich" schema > "$tmp/schema.json"
check "schema parses" json_ok "$tmp/schema.json"
check "output names trich/1" grep -q '"schema": "trich/1"' "$tmp/a.json"

# The rules are inside the binary: a copy runs from any directory; --rules overrides them.
cp "$trich" "$tmp/trich-copy"
(cd / && "$tmp/trich-copy" dates "$root/samples/tin-tuc-nhieu.txt" > "$tmp/copy.json"); code=$?
check "installed copy runs anywhere" test $code -eq 0
check "installed copy finds dates" grep -q '"2024-10-14"' "$tmp/copy.json"
mkdir -p "$tmp/rules"
printf 'kind = "dates"\n[[rule]]\nname = "only 2024"\nresolve = "date"\npattern = \x27(?P<y>2024)\x27\nexamples = ["2024"]\n' > "$tmp/rules/x.toml"
"$trich" dates --rules "$tmp/rules" --format csv samples/tin-tuc-nhieu.txt > "$tmp/own.csv"; code=$?
check "--rules DIR replaces the built-in rules" test $code -eq 0
check "--rules DIR: only its rule matches" test "$(cut -d, -f7 "$tmp/own.csv" | sort -u | tr '\n' ' ')" = "2024 value "

# Span invariant on every sample, for the file as is, as CRLF and as NFD.
python3 - "$trich" samples "$tmp" <<'PY' || { echo "FAIL: span invariant"; fails=$((fails + 1)); }
import json, os, subprocess, sys, unicodedata
trich, samples, tmp = sys.argv[1:4]
bad = 0
for name in sorted(os.listdir(samples)):
    if not name.endswith(".txt"):
        continue
    raw = open(os.path.join(samples, name), "rb").read()
    text = raw.decode("utf-8")
    variants = {"utf8": raw, "crlf": text.replace("\n", "\r\n").encode(),
                "nfd": unicodedata.normalize("NFD", text).encode(),
                "bom": b"\xef\xbb\xbf" + raw}
    for v, data in variants.items():
        path = os.path.join(tmp, v + "-" + name)
        open(path, "wb").write(data)
        out = json.loads(subprocess.run([trich, "extract", path], capture_output=True).stdout)
        doc = out["documents"][0]
        ents = doc["citations"] + doc["dates"] + doc["terms"]
        ents += [i for l in doc["priorities"] for i in l["items"]]
        for e in ents:
            piece = data[e["start"]:e["end"]].decode("utf-8")
            line = data[:e["start"]].count(b"\n") + 1
            ls = data.rfind(b"\n", 0, e["start"]) + 1
            # A byte-order mark is no character of the first line (as editors count).
            col = len(data[ls:e["start"]].decode("utf-8-sig" if ls == 0 else "utf-8")) + 1
            if piece != e["text"] or line != e["line"] or col != e["column"]:
                bad += 1
                print(f"{v}/{name}: {e['text']!r} at {e['start']}: input {piece!r} "
                      f"line {line}/{e['line']} col {col}/{e['column']}")
sys.exit(1 if bad else 0)
PY
[ $fails -eq 0 ] && pass=$((pass + 1))

echo "basic_test: $pass passed, $fails failed"
[ $fails -eq 0 ]
