#!/usr/bin/env bash
# Accuracy on the annotated documents of tests/data/gold (real pages from outside
# ../shared/corpus, issue 15): F1 >= 0.98 for every kind with ../shared/tools/score.py, no
# span error, the same keys for the NFD, CRLF, UTF-16 and windows-1258 variants. Without
# ../shared (the scorer lives there) the test says so and passes.
# usage: gold_test.sh TRICH REPO_ROOT
set -u
trich=$1
root=$2
score=$root/../shared/tools/score.py
if [[ ! -f $score ]]; then
  echo "gold_test: $score not found; skipped"
  exit 0
fi
gold=$root/tests/data/gold
n=$(ls "$gold"/*.gold.json | wc -l)
if [[ $n -lt 20 ]]; then
  echo "gold_test: only $n annotated documents in $gold"
  exit 1
fi
python3 "$root/tests/cli/score.py" "$score" "$trich" "$gold" "$gold" --variants \
  --min-f1 citations=0.98 --min-f1 cite_dates=0.98 --min-f1 priorities=0.98 \
  --min-f1 dates=0.98 --min-f1 terms=0.98
