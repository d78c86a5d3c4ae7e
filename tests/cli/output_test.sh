#!/usr/bin/env bash
# Outputs that never lie (issue 11, point 1): -o keeps the old target and leaves no temporary
# file on any failure (a full disk, a file size limit, a signal); the new file's mode follows
# the umask or the old target's; every command reports a failed write with the system's reason
# and exit 2.
source "$(dirname "$0")/lib.sh" "$@"
good=samples/bao-cao-dang-uy.txt
temps() { ls -A "$1" | grep -c 'trich-'; }

# 1. Every command, standard output on a full device: exit 2 and one line saying why.
if [[ -w /dev/full ]]; then
  for cmd in "schema" "--help" "--version" "extract --help" "rules check" "extract $good" \
             "dates $good" "citations --format csv $good" "audit --format text $good"; do
    # shellcheck disable=SC2086
    "$trich" $cmd > /dev/full 2> "$tmp/full.err"; code=$?
    check "$cmd > /dev/full: exit 2" test $code -eq 2
    check "$cmd > /dev/full: the one line" test "$(cat "$tmp/full.err")" = \
      "trich: error: <stdout>: write failed: No space left on device"
  done
  "$trich" dates -o /dev/full "$good" 2> "$tmp/full.err"; code=$?
  check "-o /dev/full: exit 2" test $code -eq 2
  check "-o /dev/full: names the target" test "$(cat "$tmp/full.err")" = \
    "trich: error: /dev/full: write failed: No space left on device"
else
  echo "skipped: /dev/full is missing (the full-device checks need it)"
fi

# Inputs whose output is far larger than 64 KiB.
big=()
for i in 1 2 3 4 5 6; do big+=(samples/*.txt); done

# 2. A full disk under -o: a 64 KiB tmpfs (needs root and mount; CI runs as root).
disk=$tmp/disk
mkdir -p "$disk"
if mount -t tmpfs -o size=64k tmpfs "$disk" 2> /dev/null; then
  trap 'umount "$disk" 2> /dev/null; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
  printf '{"old": true}\n' > "$disk/out.json"
  chmod 640 "$disk/out.json"
  "$trich" extract -o "$disk/out.json" "${big[@]}" > "$tmp/disk.out" 2> "$tmp/disk.err"; code=$?
  check "full disk: exit 2" test $code -eq 2
  check "full disk: the old file kept" test "$(cat "$disk/out.json")" = '{"old": true}'
  check "full disk: its mode kept" test "$(stat -c %a "$disk/out.json")" = 640
  check "full disk: no temporary file" test "$(temps "$disk")" -eq 0
  check "full disk: one line with the reason" test "$(cat "$tmp/disk.err")" = \
    "trich: error: $disk/out.json: write failed: No space left on device"
  check "full disk: stdout empty" test ! -s "$tmp/disk.out"
  # No old file: nothing at all is left.
  "$trich" extract -o "$disk/new.json" "${big[@]}" 2> /dev/null; code=$?
  check "full disk, new target: exit 2" test $code -eq 2
  check "full disk, new target: nothing left" test ! -e "$disk/new.json" -a "$(temps "$disk")" -eq 0
  umount "$disk"
else
  echo "skipped: full-disk -o on a 64 KiB tmpfs (cannot mount here: needs root); the file size limit below still runs"
fi

# 3. A file size limit (ulimit -f, in 512-byte blocks): the write fails with EFBIG, SIGXFSZ
# must not kill trich half-way.
printf '{"old": true}\n' > "$tmp/lim.json"
(ulimit -f 64; exec "$trich" extract -o "$tmp/lim.json" "${big[@]}") 2> "$tmp/lim.err"; code=$?
check "file size limit: exit 2" test $code -eq 2
check "file size limit: the old file kept" test "$(cat "$tmp/lim.json")" = '{"old": true}'
check "file size limit: no temporary file" test "$(temps "$tmp")" -eq 0
check "file size limit: the reason" test "$(cat "$tmp/lim.err")" = \
  "trich: error: $tmp/lim.json: write failed: File too large"
(ulimit -f 8; exec "$trich" schema > "$tmp/schema.json") 2> "$tmp/lim2.err"; code=$?
check "schema past the size limit: exit 2" test $code -eq 2
check "schema past the size limit: the reason" test "$(cat "$tmp/lim2.err")" = \
  "trich: error: <stdout>: write failed: File too large"

# 4. Modes: a new file follows the umask; an existing target keeps its mode.
rm -f "$tmp"/m*.json
(umask 077; exec "$trich" dates -o "$tmp/m077.json" "$good")
check "umask 077: 0600" test "$(stat -c %a "$tmp/m077.json")" = 600
(umask 022; exec "$trich" dates -o "$tmp/m022.json" "$good")
check "umask 022: 0644" test "$(stat -c %a "$tmp/m022.json")" = 644
(umask 002; exec "$trich" dates -o "$tmp/m002.json" "$good")
check "umask 002: 0664" test "$(stat -c %a "$tmp/m002.json")" = 664
printf 'old\n' > "$tmp/mkeep.json"
chmod 604 "$tmp/mkeep.json"
(umask 077; exec "$trich" dates -o "$tmp/mkeep.json" "$good")
check "existing target: mode 604 kept" test "$(stat -c %a "$tmp/mkeep.json")" = 604
check "existing target: replaced" grep -q '"schema": "trich/1"' "$tmp/mkeep.json"

# 5. Signals: trich waits on a standard input that never ends; the signal removes the
# temporary file, keeps the old target, and trich dies of that same signal.
for sig in INT TERM HUP; do
  printf 'old\n' > "$tmp/sig.json"
  mkfifo "$tmp/in.fifo"
  # bash starts background jobs with SIGINT ignored (and a shell cannot undo that), and trich
  # rightly keeps a signal its caller ignores: python puts SIGINT back to default and execs.
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$trich" dates -o "$tmp/sig.json" - < "$tmp/in.fifo" &
  pid=$!
  exec 7> "$tmp/in.fifo"   # the writer end, held open: trich blocks reading
  for _ in $(seq 50); do [[ $(temps "$tmp") -eq 1 ]] && break; sleep 0.1; done
  check "SIG$sig: a temporary file while running" test "$(temps "$tmp")" -eq 1
  kill -s "$sig" $pid
  wait $pid 2> /dev/null; code=$?
  exec 7>&-
  rm -f "$tmp/in.fifo"
  check "SIG$sig: died of it" test $code -eq $((128 + $(kill -l "$sig")))
  check "SIG$sig: no temporary file" test "$(temps "$tmp")" -eq 0
  check "SIG$sig: the old file kept" test "$(cat "$tmp/sig.json")" = old
done

# 6. And a good run still replaces the target atomically, leaving nothing beside it.
printf 'old\n' > "$tmp/ok.json"
"$trich" dates -o "$tmp/ok.json" "$good"; code=$?
check "ok: exit 0" test $code -eq 0
check "ok: replaced" grep -q '"schema": "trich/1"' "$tmp/ok.json"
check "ok: no temporary file" test "$(temps "$tmp")" -eq 0

echo "$pass passed, $fails failed"
test $fails -eq 0
