#!/usr/bin/env bash
# Terminal behaviour, on a pseudo-terminal (python's pty): with no input named and standard
# input a terminal, a one-line hint on stderr instead of a silent wait; a progress line on a
# terminal's stderr for a run longer than a second, when the output goes to a file, never
# into a pipe; --progress and --no-progress. A FIFO fed after 1.5 s (or, on a busy machine,
# once the progress line shows, at most 10 s) makes a run long.
# usage: terminal_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
# run.py STDIN_TTY STDOUT(file|pipe|tty) STDERR(tty|pipe) FEED_FIFO -- ARGS...: runs trich and
# prints what it wrote to stderr (repr) and its exit code; types a date then Ctrl-D when
# standard input is a terminal; feeds $tmp/fifo after 1.5 s when asked.
cat > "$tmp/run.py" <<'PY'
import os, pty, subprocess, sys, threading, time, select
stdin_tty, out_kind, err_kind, feed, trich, tmp = sys.argv[1:7]
args = sys.argv[7:]
def tty():
    m, s = pty.openpty()
    return m, s
fds = {}
stdin = subprocess.DEVNULL
if stdin_tty == "1":
    fds["in"] = tty(); stdin = fds["in"][1]
if out_kind == "file":
    stdout = open(os.path.join(tmp, "out.json"), "wb")
elif out_kind == "tty":
    fds["out"] = tty(); stdout = fds["out"][1]
else:
    stdout = subprocess.PIPE
if err_kind == "tty":
    fds["err"] = tty(); stderr = fds["err"][1]
else:
    stderr = subprocess.PIPE
got = {"err": b"", "out": b""}
p = subprocess.Popen([trich] + args, stdin=stdin, stdout=stdout, stderr=stderr)
for k, (m, s) in fds.items():
    os.close(s)
if feed == "1":
    def feeder():
        # At least 1.5 s; then, on a busy machine (where start-up alone may take over a
        # second), until the progress line has shown or 10 s have passed.
        time.sleep(1.5)
        t0 = time.time()
        shows = out_kind == "file" and err_kind == "tty" and "--no-progress" not in args
        while shows and b"files, " not in got["err"] and time.time() - t0 < 8.5:
            time.sleep(0.05)
        with open(os.path.join(tmp, "fifo"), "wb") as f:
            f.write("ng\u00e0y 2/9/1945\n".encode())
    threading.Thread(target=feeder, daemon=True).start()
if stdin_tty == "1":
    time.sleep(0.5)
    os.write(fds["in"][0], "ng\u00e0y 30/4/1975\n".encode())
    time.sleep(0.2)
    os.write(fds["in"][0], b"\x04")
def drain(name, fd):
    while True:
        try:
            b = os.read(fd, 65536)
        except OSError:
            return
        if not b:
            return
        got[name] += b
threads = [threading.Thread(target=drain, args=(k, fds[k][0])) for k in ("err", "out") if k in fds]
for t in threads: t.start()
if err_kind != "tty" or out_kind == "pipe":
    o, e = p.communicate(timeout=30)
    if e: got["err"] += e
    if o: got["out"] += o
code = p.wait(timeout=30)
for t in threads: t.join(timeout=5)
sys.stdout.write(repr(got["err"].decode("utf-8", "replace")) + "\n" + str(code) + "\n")
sys.stdout.write(got["out"].decode("utf-8", "replace"))
PY
run() { python3 "$tmp/run.py" "$@"; }
mkfifo "$tmp/fifo"

# 1. No input named, standard input a terminal: the hint, then what was typed is read.
run 1 pipe tty 0 "$trich" "$tmp" dates --format jsonl > "$tmp/r1"
check "stdin tty: hint on stderr" grep -q "reading standard input from the terminal (end with Ctrl-D)" "$tmp/r1"
check "stdin tty: hint names the command's help" grep -q 'see `trich dates --help`' "$tmp/r1"
check "stdin tty: exit 0" test "$(sed -n 2p "$tmp/r1")" = 0
check "stdin tty: what was typed is read" grep -q '"value": *"1975-04-30"' "$tmp/r1"
# Standard input not a terminal, or - named: no hint.
"$trich" dates < samples/tin-tuc-nhieu.txt > /dev/null 2> "$tmp/e"
check "stdin a file: no hint" test ! -s "$tmp/e"
run 1 pipe tty 0 "$trich" "$tmp" dates - > "$tmp/r1b"
check "stdin tty with - named: no hint" bash -c "! grep -q 'reading standard input' '$tmp/r1b'"

# 2. A run over a second, stderr a terminal, output to a file: the progress line.
run 0 file tty 1 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r2"
check "progress: files done/total" grep -q 'trich: 1/2 files, ' "$tmp/r2"
check "progress: MB/s" grep -q ' MB/s' "$tmp/r2"
check "progress: redrawn in place" grep -qF '\r' "$tmp/r2"
check "progress: cleared at the end" grep -qF "\\r\\x1b[K'" "$tmp/r2"
check "progress: exit 0" test "$(sed -n 2p "$tmp/r2")" = 0
check "progress: output complete" grep -q '1945-09-02' "$tmp/out.json"
run 0 file tty 1 "$trich" "$tmp" dates -o "$tmp/o.json" samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r2b"
check "progress with -o (stdout a pipe, unused)" grep -q 'trich: 1/2 files, ' "$tmp/r2b"
# ...but not with --no-progress, nor into a pipe, nor over output on the terminal.
run 0 file tty 1 "$trich" "$tmp" dates --no-progress samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r3"
check "--no-progress: none" bash -c "! grep -q 'files, ' '$tmp/r3'"
run 0 pipe tty 1 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r4"
check "output into a pipe: none" bash -c "! grep -q 'files, ' '$tmp/r4'"
check "output into a pipe: output complete" grep -q '1945-09-02' "$tmp/r4"
run 0 tty tty 1 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r5"
check "output on the terminal: none" bash -c "! grep -q 'files, ' '$tmp/r5'"
run 0 file pipe 1 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r6"
check "stderr a pipe: none" bash -c "! grep -q 'files, ' '$tmp/r6'"
run 0 file pipe 1 "$trich" "$tmp" dates --progress samples/tin-tuc-nhieu.txt "$tmp/fifo" > "$tmp/r7"
check "--progress: even into a pipe" grep -q 'trich: 1/2 files, ' "$tmp/r7"
# A short run on a terminal: nothing.
run 0 file tty 0 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt > "$tmp/r8"
check "short run: no progress line" test "$(head -1 "$tmp/r8")" = "''"
# A diagnostic during the progress line starts on a clean line.
run 0 file tty 1 "$trich" "$tmp" dates samples/tin-tuc-nhieu.txt "$tmp/fifo" "$tmp/missing.txt" > "$tmp/r9"
check "a diagnostic clears the line first" grep -qF '\r\x1b[Ktrich: error: ' "$tmp/r9"

echo "terminal_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
