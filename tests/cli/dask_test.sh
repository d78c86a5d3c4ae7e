#!/usr/bin/env bash
# trich as the map step of Dask distributed (scripts/dask-extract, docs/scale.md): a
# LocalCluster of two worker processes on loopback maps `trich extract --files-from -
# --format jsonl` over partitions of a file list; the partitions' output, concatenated in
# order, is line for line one process's output over the same list. Skipped, with a notice,
# when python3-distributed is absent (scripts/setup installs it).
# usage: dask_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
# Debian's python3-distributed is for /usr/bin/python3, which another python3 may shadow.
py=
for p in python3 /usr/bin/python3; do
  if "$p" -c "import dask.distributed" 2>/dev/null; then py=$p; break; fi
done
if [[ -z $py ]]; then
  echo "skipped: python3-distributed is not installed (scripts/setup installs it)"
  exit 0
fi

# The samples, each cut into a few files, and an unreadable path in the middle of the list.
mkdir -p "$tmp/set"
python3 - "$tmp/set" samples/*.txt <<'PY'
import os, sys
out, paths = sys.argv[1], sys.argv[2:]
n = 0
for p in sorted(paths):
    lines = open(p, encoding="utf-8").read().splitlines(keepends=True)
    step = max(1, len(lines) // 3)
    for i in range(0, len(lines), step):
        with open(os.path.join(out, f"{n:03d}.txt"), "w", encoding="utf-8") as f:
            f.write("".join(lines[i:i + step]))
        n += 1
PY
find "$tmp/set" -name '*.txt' | sort > "$tmp/list"
sed -i "5a $tmp/set/missing.txt" "$tmp/list"

"$trich" extract --files-from - --format jsonl < "$tmp/list" > "$tmp/one.jsonl" 2> /dev/null
one_code=$?
# Dask's own log lines go to stderr; keep them for a failure's report.
timeout 300 "$py" scripts/dask-extract --trich "$trich" --local 2 --partitions 5 \
  < "$tmp/list" > "$tmp/dask.jsonl" 2> "$tmp/dask.err"
dask_code=$?
check "one process found entities" test "$(wc -l < "$tmp/one.jsonl")" -gt 50
check "dask: same lines in the same order" cmp -s "$tmp/one.jsonl" "$tmp/dask.jsonl"
check "dask: exit 2 for the missing input, like one process" test "$dask_code" -eq 2 -a "$one_code" -eq 2
check "dask: the missing input is reported" grep -q "missing.txt" "$tmp/dask.err"
if [[ $fails -gt 0 ]]; then tail -20 "$tmp/dask.err"; fi
echo "dask_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
