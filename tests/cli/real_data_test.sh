#!/usr/bin/env bash
# Checks against the real data beside the repository (../shared), when it is there: the seed
# report's expected structure, and the accuracy floor on the hand-annotated documents. The
# data is third-party text and is never copied into the project. Without it the test fails
# (an accuracy check that passes on no data would hide a broken checkout), unless
# TRICH_NO_SHARED=1 says the data is left out on purpose.
# usage: real_data_test.sh TRICH REPO_ROOT
set -u
trich=$1
root=$2
shared=$root/../shared
if [[ ! -d $shared/seed || ! -d $shared/gold/dev ]]; then
  if [[ ${TRICH_NO_SHARED:-} == 1 ]]; then
    echo "real_data_test: $shared not found; skipped (TRICH_NO_SHARED=1)"
    exit 0
  fi
  echo "real_data_test: $shared not found (set TRICH_NO_SHARED=1 to run without it)" >&2
  exit 1
fi
fails=0

# The seed report: two lists (6 items announced 6; 5 items), four symbol citations, the ten
# dates of day or month precision, and its terms.
python3 - "$trich" "$shared"/seed/*.txt <<'PY' || fails=$((fails + 1))
import json, subprocess, sys
out = json.loads(subprocess.run([sys.argv[1], "extract", sys.argv[2]], capture_output=True,
                                check=True).stdout)
d = out["documents"][0]
problems = []
lists = [(l["style"], len(l["items"]), l["announced"]) for l in d["priorities"]]
if lists != [("thu", 6, 6), ("la", 5, None)]:
    problems.append(f"lists {lists}")
cites = [(c["symbol"], c["date"]) for c in d["citations"] if c["symbol"]]
if cites != [("35-CT/TW", "2019-05-30"), ("369-KH/BTGTW", None), ("369-KH/BTGTW", None),
             ("161-KH/ĐUK", None)]:
    problems.append(f"citations {cites}")
dates = [x["value"] for x in d["dates"] if x["precision"] != "year"]
if len(dates) != 10 or dates[:2] != ["2020-06-15", "2019-05-30"]:
    problems.append(f"dates {dates}")
kinds = {}
for t in d["terms"]:
    kinds[t["kind"]] = kinds.get(t["kind"], 0) + 1
if not (kinds.get("nhiem_ky", 0) >= 6 and kinds.get("dai_hoi", 0) >= 10 and
        kinds.get("khoa", 0) == 2 and kinds.get("period", 0) >= 2):
    problems.append(f"terms {kinds}")
for p in problems:
    print("seed:", p)
sys.exit(1 if problems else 0)
PY

# Accuracy floor on the hand-annotated documents (issue 4's thresholds), no span error, and
# the same answers for the NFD, CRLF, UTF-16 and windows-1258 variants of each document.
# score.py keys a gold marker written in digits ("Thứ 3") by the string "3" and trich's ordinal
# by the number 3, so such a list scored as wrong once the rules read it (main 7e679b9, with
# the numbers compared as numbers 25/0/0): the same scorer, reading a digit marker as a number.
python3 - "$shared/tools/score.py" "$trich" "$shared/gold/dev" "$shared/corpus/real" --variants \
  --min-f1 citations=0.98 --min-f1 dates=0.98 --min-f1 priorities=0.97 \
  --min-f1 cite_dates=0.95 --min-f1 terms=0.95 <<'PY' || fails=$((fails + 1))
import importlib.util, sys
spec = importlib.util.spec_from_file_location("score", sys.argv[1])
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
ordinal_of = score.ordinal_of
score.ordinal_of = lambda m: (lambda o: int(o) if isinstance(o, str) and o.isdigit() else o)(ordinal_of(m))
sys.argv = sys.argv[1:]
score.main()
PY
echo "real_data_test: $((2 - fails)) passed, $fails failed"
[[ $fails -eq 0 ]]
