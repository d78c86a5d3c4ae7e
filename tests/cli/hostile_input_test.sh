#!/usr/bin/env bash
# Hostile and legacy input, as a user meets it: legacy encodings and UTF-16, broken bytes,
# binary files, empty and unterminated files, a long line, paths that cannot be read, link
# cycles, an unwritable -o, a closed standard output, and broken rule files.
# usage: hostile_input_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
lines() { if [ -s "$1" ]; then wc -l < "$1"; else echo 0; fi; }
# field FILE.json PYTHON-EXPR: prints the expression over the parsed document list `d`.
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8"))["documents"]; print(eval(sys.argv[2]))' "$1" "$2"; }
enc=tests/data/encodings

# 1. Encodings: detected, reported, forced; the same entities; spans in the input's bytes.
for e in utf-8 utf-8-bom utf-16le utf-16be windows-1258 tcvn3 viscii; do
  "$trich" extract "$enc/report.$e.txt" > "$tmp/$e.json" 2> "$tmp/$e.err"; code=$?
  check "$e: exit 0" test $code -eq 0
  check "$e: nothing on stderr" test ! -s "$tmp/$e.err"
  check "$e: encoding reported" test "$(field "$tmp/$e.json" 'd[0]["encoding"]')" = "$e"
done
python3 - "$tmp" "$enc" <<'PY' || { echo "FAIL: encodings: entities and spans"; fails=$((fails + 1)); }
import json, subprocess, sys, unicodedata
tmp, enc = sys.argv[1:3]
def decode(data, e):
    if e in ("tcvn3", "viscii"):
        name = {"tcvn3": "TCVN5712-1", "viscii": "VISCII"}[e]
        return subprocess.run(["iconv", "-f", name, "-t", "UTF-8"], input=data,
                              capture_output=True, check=True).stdout.decode()
    return data.decode({"utf-8-bom": "utf-8", "windows-1258": "cp1258",
                        "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}.get(e, e))
nfc = lambda s: unicodedata.normalize("NFC", s)
bom = {"utf-8-bom": 3, "utf-16le": 2, "utf-16be": 2}
bad, base = 0, None
for e in ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "viscii"]:
    data = open(f"{enc}/report.{e}.txt", "rb").read()
    doc = json.load(open(f"{tmp}/{e}.json", encoding="utf-8"))["documents"][0]
    ents = doc["citations"] + doc["dates"] + doc["terms"]
    ents += [i for l in doc["priorities"] for i in l["items"]]
    got = [(nfc(x["text"]), x["line"]) for x in ents]
    base = base or got
    if got != base or len(got) < 10:
        bad += 1
        print(f"{e}: entities differ from the UTF-8 original")
    for x in ents:
        piece = decode(data[x["start"]:x["end"]], e)
        if nfc(piece) != nfc(x["text"]):  # glibc's TCVN3 composes what trich leaves to NFC
            bad += 1
            print(f"{e}: input[{x['start']}:{x['end']}] = {piece!r}, text {x['text']!r}")
        # line and column count the input's characters (after a byte-order mark)
        before = decode(data[bom.get(e, 0):x["start"]], e)
        if (before.count("\n") + 1, len(before.split("\n")[-1]) + 1) != (x["line"], x["column"]):
            bad += 1
            print(f"{e}: {x['text']!r} at line {x['line']} column {x['column']}")
sys.exit(1 if bad else 0)
PY
[ $fails -eq 0 ] && pass=$((pass + 1))
"$trich" extract --encoding tcvn3 "$enc/report.windows-1258.txt" > "$tmp/f.json"; code=$?
check "--encoding forces: exit 0" test $code -eq 0
check "--encoding forces the name" test "$(field "$tmp/f.json" 'd[0]["encoding"]')" = tcvn3
"$trich" extract --encoding koi8-r "$enc/report.utf-8.txt" > /dev/null 2> "$tmp/f.err"; code=$?
check "--encoding unknown: exit 2" test $code -eq 2
check "--encoding unknown: one line" test "$(lines "$tmp/f.err")" -eq 1
"$trich" extract -r --stats "$enc" > /dev/null 2> "$tmp/s.err"
check "--stats counts encodings" grep -q "(1 tcvn3, 1 utf-16be, 1 utf-16le, .*1 viscii, 2 windows-1258)" "$tmp/s.err"

# 2. Broken bytes: U+FFFD, one warning with the file and the first bad byte, extraction goes on.
# Latin-1 French: not UTF-8, and no Vietnamese encoding either.
printf 'Le 30/4/1975 \xe0 Paris, l\x27\xe9t\xe9 fut tr\xe8s chaud; le caf\xe9 du 2/9/1945 \xe9tait ferm\xe9.\n' \
  > "$tmp/latin.txt"
"$trich" dates "$tmp/latin.txt" > "$tmp/l.json" 2> "$tmp/l.err"; code=$?
check "invalid UTF-8: exit 0" test $code -eq 0
check "invalid UTF-8: one warning at the first bad byte" test "$(cat "$tmp/l.err")" = \
  "trich: warning: $tmp/latin.txt: invalid UTF-8 at byte 13; decoded with U+FFFD"
check "invalid UTF-8: extraction goes on" test "$(field "$tmp/l.json" '[x["value"] for x in d[0]["dates"]]')" = "['1975-04-30', '1945-09-02']"
check "invalid UTF-8: offsets in input bytes" test "$(field "$tmp/l.json" 'd[0]["dates"][1]["start"]')" -eq \
  "$(python3 -c 'import sys; print(open(sys.argv[1], "rb").read().find(b"2/9/1945"))' "$tmp/latin.txt")"

# 3. Binary files: an error when named (issue #12: a file the user named and trich did not
# read must not exit 0); quiet and counted when met under a directory. (A ZIP's signature
# is a container now: tests/cli/formats_test.sh.)
mkdir -p "$tmp/bin"
printf 'BIN\000\000\000ng\xc3\xa0y 1/1/2020' > "$tmp/bin/a.zip.txt"
printf 'ng\xc3\xa0y 2/2/2020\n' > "$tmp/bin/b.txt"
"$trich" dates "$tmp/bin/a.zip.txt" "$tmp/bin/b.txt" > "$tmp/b.json" 2> "$tmp/b.err"; code=$?
check "binary named: exit 2" test $code -eq 2
check "binary named: one error" test "$(cat "$tmp/b.err")" = \
  "trich: error: $tmp/bin/a.zip.txt: binary file (NUL byte at 3); skipped"
check "binary named: only the text file is a document" test "$(field "$tmp/b.json" 'len(d)')" -eq 1
"$trich" dates -r --stats "$tmp/bin" > "$tmp/br.json" 2> "$tmp/br.err"; code=$?
check "binary under -r: exit 0" test $code -eq 0
check "binary under -r: quiet, counted by --stats" grep -q \
  "^trich: 1 document (1 utf-8), 15 bytes in [0-9.]* s ([0-9.]* MB/s); skipped: 1 binary$" "$tmp/br.err"
check "binary under -r: only the --stats lines" test "$(lines "$tmp/br.err")" -eq 2
"$trich" dates -r "$tmp/bin" "$tmp/bin/a.zip.txt" > /dev/null 2> "$tmp/br2.err"
check "binary named beside -r: still warned once" test "$(lines "$tmp/br2.err")" -eq 1
printf '\377\376' > "$tmp/u16.txt"; printf 'a\000b\000' >> "$tmp/u16.txt"
printf 'a\000b\000c\000d\000e\000f\000g\000h\000i\000' > "$tmp/u16nobom.txt"
"$trich" dates "$tmp/u16.txt" "$tmp/u16nobom.txt" > /dev/null 2> "$tmp/u.err"
check "UTF-16 with BOM is text, without is binary with a hint" grep -q \
  "u16nobom.txt: binary file (NUL byte at 1); skipped (it looks like UTF-16LE" "$tmp/u.err"
check "UTF-16 with BOM is not binary" test "$(lines "$tmp/u.err")" -eq 1

# 4. Limits: empty file, no trailing newline, one long line.
: > "$tmp/empty.txt"
"$trich" extract "$tmp/empty.txt" > "$tmp/e.json" 2> "$tmp/e.err"; code=$?
check "empty file: exit 0, quiet" test $code -eq 0 -a ! -s "$tmp/e.err"
check "empty file: a document of 0 bytes" test "$(field "$tmp/e.json" 'd[0]["bytes"], len(d[0]["dates"])')" = "(0, 0)"
printf 'Ngay 30/4/2025' > "$tmp/nonl.txt"
"$trich" dates "$tmp/nonl.txt" > "$tmp/n.json"
check "no trailing newline: the last date ends at the end" test "$(field "$tmp/n.json" 'd[0]["dates"][0]["end"]')" -eq 14
python3 -c 'import sys; sys.stdout.write("x " * 1500000 + "ng\u00e0y 30/4/2025")' > "$tmp/long.txt"
"$trich" dates "$tmp/long.txt" > "$tmp/lo.json"; code=$?
check "one 3 MB line: exit 0" test $code -eq 0
check "one 3 MB line: the date at its end" test "$(field "$tmp/lo.json" 'd[0]["dates"][0]["column"]')" -eq 3000006

# Paths that cannot be used: one line each, exit 2, the others still processed.
good=samples/tin-tuc-nhieu.txt
mkdir -p "$tmp/loop/sub"
ln -s .. "$tmp/loop/sub/up"
cp "$good" "$tmp/loop/sub/t.txt"
ln -s self "$tmp/self"
"$trich" dates "$good" "$tmp/nope.txt" "$tmp/bin" "$tmp/self" /proc/self/mem "$good" \
  > "$tmp/p.json" 2> "$tmp/p.err"; code=$?
check "bad paths: exit 2" test $code -eq 2
check "bad paths: one line each" test "$(lines "$tmp/p.err")" -eq 4
check "bad paths: missing" grep -q "^trich: error: $tmp/nope.txt: No such file or directory$" "$tmp/p.err"
check "bad paths: directory without -r" grep -q "^trich: error: $tmp/bin: is a directory" "$tmp/p.err"
check "bad paths: link to itself" grep -q "^trich: error: $tmp/self: Too many levels of symbolic links$" "$tmp/p.err"
check "bad paths: unreadable" grep -q "^trich: error: /proc/self/mem: Input/output error$" "$tmp/p.err"
check "bad paths: the good ones printed" test "$(field "$tmp/p.json" 'len(d)')" -eq 2
"$trich" dates -r "$tmp/loop" > "$tmp/lp.json" 2> "$tmp/lp.err"; code=$?
check "directory cycle: exit 2" test $code -eq 2
check "directory cycle: one line" test "$(cat "$tmp/lp.err")" = \
  "trich: error: $tmp/loop/sub/up: directory loop (symbolic link cycle); skipped"
check "directory cycle: the file still read" test "$(field "$tmp/lp.json" 'len(d)')" -eq 1
# Permission denied: root reads anything, so drop to nobody when we can.
cp "$good" "$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
chmod 755 "$tmp"
if [ "$(id -u)" -ne 0 ]; then
  "$trich" dates "$tmp/secret.txt" > /dev/null 2> "$tmp/perm.err"; code=$?
elif command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$trich" --version > /dev/null 2>&1; then
  setpriv --reuid=65534 --regid=65534 --clear-groups "$trich" dates "$tmp/secret.txt" \
    > /dev/null 2> "$tmp/perm.err"; code=$?
else
  echo "SKIP: permission denied (running as root and cannot drop privileges)"
  code=2; echo "trich: error: $tmp/secret.txt: Permission denied" > "$tmp/perm.err"
fi
check "permission denied: exit 2" test $code -eq 2
check "permission denied: one line" test "$(cat "$tmp/perm.err")" = \
  "trich: error: $tmp/secret.txt: Permission denied"

# -o that cannot be written fails before any work: one line, nothing else, no output.
"$trich" dates -o "$tmp/no/such/dir/out.json" "$tmp/nope.txt" "$tmp/bin/a.zip.txt" \
  > "$tmp/o.out" 2> "$tmp/o.err"; code=$?
check "-o unwritable: exit 2" test $code -eq 2
check "-o unwritable: only its own error" test "$(lines "$tmp/o.err")" -eq 1
check "-o unwritable: names the target" grep -q "^trich: error: $tmp/no/such/dir/out.json: cannot write" "$tmp/o.err"
check "-o unwritable: stdout empty" test ! -s "$tmp/o.out"
mkdir -p "$tmp/outdir"
"$trich" dates -o "$tmp/outdir" "$good" > /dev/null 2> "$tmp/od.err"; code=$?
check "-o a directory: exit 2 before work" test $code -eq 2 -a "$(cat "$tmp/od.err")" = \
  "trich: error: $tmp/outdir: cannot write: is a directory"
check "-o a directory: nothing left in it" test -z "$(ls -A "$tmp/outdir")"
# An existing device or FIFO is written directly, never replaced: checked on private nodes, so
# that a trich without this can only clobber them, not the system's /dev/null.
if mknod "$tmp/null" c 1 3 2> /dev/null; then
  "$trich" dates -o "$tmp/null" "$good"; code=$?
  check "-o a device: exit 0" test $code -eq 0
  check "-o a device: still a device" test -c "$tmp/null"
fi
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/fifo.out" &
reader=$!
"$trich" dates -o "$tmp/fifo" "$good"; code=$?
sleep 0.2
kill $reader 2> /dev/null
wait $reader 2> /dev/null
check "-o a FIFO: exit 0" test $code -eq 0
check "-o a FIFO: still a FIFO" test -p "$tmp/fifo"
check "-o a FIFO: the reader got the output" grep -q '"schema": "trich/1"' "$tmp/fifo.out"

# A closed standard output ends quietly with exit 0.
python3 -c 'import sys; sys.stdout.write("".join("ng\u00e0y %d/%d/20%02d\n" % (1 + i % 28, 1 + i % 12, i % 100) for i in range(6000)))' > "$tmp/many.txt"
set -o pipefail
"$trich" extract "$tmp/many.txt" 2> "$tmp/pipe.err" | head -c 100 > /dev/null; code=$?
check "closed stdout: exit 0" test $code -eq 0
check "closed stdout: quiet" test ! -s "$tmp/pipe.err"
"$trich" dates -j 2 --format jsonl "$tmp/many.txt" "$tmp/many.txt" "$tmp/many.txt" 2> "$tmp/pipe2.err" \
  | head -n 1 > /dev/null; code=$?
check "closed stdout, threads: exit 0" test $code -eq 0
check "closed stdout, threads: quiet" test ! -s "$tmp/pipe2.err"
set +o pipefail

# 5. Rule files: file:line: message, exit 2, nothing else printed.
for dir in tests/data/bad-rules/*/; do
  case=$(basename "$dir")
  want=$(sed "s|DIR|${dir%/}|" "$dir/expect")
  for cmd in "extract $good" "rules check"; do
    # shellcheck disable=SC2086
    "$trich" $cmd --rules "${dir%/}" > "$tmp/r.out" 2> "$tmp/r.err"; code=$?
    check "bad rules $case ($cmd): exit 2" test $code -eq 2
    check "bad rules $case ($cmd): stdout empty" test ! -s "$tmp/r.out"
    check "bad rules $case ($cmd): the one line" test "$(cat "$tmp/r.err")" = "$want"
  done
done

echo "hostile_input_test: $pass passed, $fails failed"
[ $fails -eq 0 ]
