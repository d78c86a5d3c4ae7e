#!/usr/bin/env bash
# A large input is read a window at a time (pipeline/windows.h): the output must be the one
# reading it whole gives, in every format and encoding, from a file and from a pipe; and
# memory must stay bounded by the window, not the input.
source "$(dirname "$0")/lib.sh" "$@"

# The samples, 20 times over: about 500 KB with citations that repeat (short forms, dates that
# conflict across copies), priority lists, and every audit finding.
for _ in $(seq 20); do cat samples/*.txt; done > "$tmp/big.txt"
same() {  # same NAME ARGS...: whole and with 64 KiB windows, byte for byte
  local name=$1
  shift
  "$trich" "$@" > "$tmp/whole.out" 2> "$tmp/whole.err"
  local a=$?
  "$trich" "$1" --window 64K "${@:2}" > "$tmp/win.out" 2> "$tmp/win.err"
  local b=$?
  check "$name: same exit code ($a)" test $a -eq $b
  check "$name: same output" cmp -s "$tmp/whole.out" "$tmp/win.out"
  check "$name: same diagnostics" cmp -s "$tmp/whole.err" "$tmp/win.err"
  check "$name: not empty" test -s "$tmp/win.out"
}
for fmt in json jsonl csv; do
  same "extract $fmt" extract --format "$fmt" "$tmp/big.txt"
done
same "citations csv" citations --format csv "$tmp/big.txt"
same "priorities jsonl" priorities --format jsonl "$tmp/big.txt"
same "audit text" audit --format text --fail-on none "$tmp/big.txt"
same "audit json" audit --format json "$tmp/big.txt"
cp "$tmp/big.txt" "$tmp/big2.txt"
same "beside small files, -j2" extract --format jsonl -j2 samples/bao-cao-dang-uy.txt "$tmp/big.txt" samples/loi-kiem-tra.txt "$tmp/big2.txt"
same "two large inputs side by side, -j2, json" extract --format json -j2 "$tmp/big.txt" "$tmp/big2.txt"
same "audit of two large inputs, -j2" audit --format text -j2 "$tmp/big.txt" "$tmp/big2.txt"
# One large input on several threads: its windows are extracted side by side (Crew in
# pipeline/windows.cpp), and the output is still the whole reading's.
same "one large input, -j2" extract --format jsonl -j2 "$tmp/big.txt"
same "one large input, -j3, json" extract --format json -j3 "$tmp/big.txt"
same "audit of one large input, -j2" audit --format json -j2 "$tmp/big.txt"
same "one large input after a small one, -j3" extract --format jsonl -j3 samples/loi-kiem-tra.txt "$tmp/big.txt"

# Other encodings and spellings: offsets stay in the input's bytes.
python3 - "$tmp" <<'PY'
import sys, unicodedata
d = sys.argv[1]
s = open(f"{d}/big.txt", encoding="utf-8").read()
open(f"{d}/u16.txt", "wb").write(b"\xff\xfe" + s.encode("utf-16-le"))
open(f"{d}/u16be.txt", "wb").write(b"\xfe\xff" + s.encode("utf-16-be"))
open(f"{d}/crlf.txt", "wb").write(s.replace("\n", "\r\n").encode())
open(f"{d}/cr.txt", "wb").write(s.replace("\n", "\r").encode())
open(f"{d}/nfd.txt", "wb").write(unicodedata.normalize("NFD", s).encode())
PY
iconv -f UTF-8 -t WINDOWS-1258 "$tmp/big.txt" > "$tmp/cp1258.txt"
for f in u16 u16be crlf cr nfd cp1258; do
  same "$f" extract --format jsonl "$tmp/$f.txt"
  same "$f, -j2" extract --format jsonl -j2 "$tmp/$f.txt"
done
check "cp1258 detected in windows" grep -q '"encoding": "windows-1258"' <("$trich" extract --window 64K "$tmp/cp1258.txt")

# The spools go to $TMPDIR: when it cannot be written, one error line naming the input, exit
# 2, and the other inputs still printed.
TMPDIR=/nonexistent "$trich" extract --window 64K --format jsonl "$tmp/big.txt" samples/loi-kiem-tra.txt > "$tmp/nt.jsonl" 2> "$tmp/nt.err"
check "no TMPDIR: exit 2" test $? -eq 2
check "no TMPDIR: one line naming the input" test "$(cat "$tmp/nt.err")" = \
  "trich: error: $tmp/big.txt: cannot create a temporary file for the output: No such file or directory"
check "no TMPDIR: the small input still printed" grep -q '"source":"samples/loi-kiem-tra.txt"' "$tmp/nt.jsonl"

# A pipe is read a window at a time too.
"$trich" extract --format jsonl "$tmp/big.txt" | sed 's|"source":"[^"]*"|"source":"-"|' > "$tmp/whole.jsonl"
"$trich" extract --format jsonl --window 64K < "$tmp/big.txt" > "$tmp/pipe.jsonl"
check "a pipe in windows" cmp -s "$tmp/whole.jsonl" "$tmp/pipe.jsonl"
"$trich" extract --format jsonl --window 64K -j2 < "$tmp/big.txt" > "$tmp/pipe2.jsonl"
check "a pipe in windows, -j2" cmp -s "$tmp/whole.jsonl" "$tmp/pipe2.jsonl"

# Invalid UTF-8 late in the input: one warning, its offset counted from the input's start.
{ head -c 300000 "$tmp/big.txt"; printf 'x\xff\xfey '; tail -c 200000 "$tmp/big.txt"; } > "$tmp/bad.txt"
bad=$(python3 -c "
import sys
try: open(sys.argv[1], 'rb').read().decode('utf-8')
except UnicodeDecodeError as e: print(e.start)" "$tmp/bad.txt")
"$trich" extract --window 64K "$tmp/bad.txt" > /dev/null 2> "$tmp/bad.err"
check "late invalid UTF-8: one warning at byte $bad" test "$(cat "$tmp/bad.err")" = \
  "trich: warning: $tmp/bad.txt: invalid UTF-8 at byte $bad; decoded with U+FFFD"

# A NUL byte past the first window is text, as it is in an input read whole.
{ head -c 200000 "$tmp/big.txt"; printf '\0'; tail -c 100000 "$tmp/big.txt"; } > "$tmp/nul.txt"
same "NUL past the first window" extract --format jsonl "$tmp/nul.txt"

# A window holds whatever is cut in it: a single line of 1 MB with no space at all.
head -c 1000000 /dev/zero | tr '\0' 'a' > "$tmp/oneword.txt"
same "one endless word" extract --format json "$tmp/oneword.txt"
same "one endless word, -j2" extract --format json -j2 "$tmp/oneword.txt"

# Memory: 30 MB in 1 MiB windows fits in 150 MB of address space; read whole it does not.
# (Sanitizers reserve terabytes of address space: not measurable there.)
if ! ldd "$trich" 2>/dev/null | grep -q -e asan -e ubsan; then
  for _ in $(seq 60); do cat "$tmp/big.txt"; done > "$tmp/huge.txt"
  (ulimit -v 150000; "$trich" extract --format jsonl -j1 --window 1M "$tmp/huge.txt" > "$tmp/huge.jsonl" 2> "$tmp/huge.err")
  check "30 MB in 1 MiB windows within 150 MB of address space" test $? -eq 0
  check "... and nothing on stderr" test ! -s "$tmp/huge.err"
  # (one document line each, and each entity 60 times)
  check "... all of it extracted" test "$(grep -vc '"kind":"document"' "$tmp/huge.jsonl")" -eq \
    $(( $(grep -vc '"kind":"document"' "$tmp/whole.jsonl") * 60 ))
  (ulimit -v 150000; "$trich" extract --format jsonl -j1 --window 64M "$tmp/huge.txt" > /dev/null 2> "$tmp/oom.err")
  check "read whole, it does not fit: one line saying so, exit 2" test $? -eq 2 -a "$(wc -l < "$tmp/oom.err")" -eq 1
  check "... naming the file" grep -q "huge.txt: out of memory" "$tmp/oom.err"
fi

echo "windows_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
