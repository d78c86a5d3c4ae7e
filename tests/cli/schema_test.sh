#!/usr/bin/env bash
# `trich schema` against real output, with Debian's python3-jsonschema (the validator users
# have): the schema loads and resolves its own $refs ($id urn:trich:schema:1), json and jsonl
# of extract, audit (with a registry), one kind and a windowed read validate, line by line
# against $defs.jsonl_line; malformed lines are rejected. jsonl gives one document line per
# input, before its entity lines, with counts that match them; the real corpus when ../shared
# is there.
# usage: schema_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
py=/usr/bin/python3
if ! $py -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL: python3-jsonschema is missing (scripts/setup installs it)"
  exit 1
fi
"$trich" schema > "$tmp/schema.json"
check "schema exits 0" test $? -eq 0

# validate KIND FILE: FILE is json (one document) or jsonl (each line a jsonl_line). Prints
# the first errors; fails on any.
validate() {
  $py - "$tmp/schema.json" "$1" "$2" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
fmt = jsonschema.FormatChecker()
if sys.argv[2] == "json":
    v = jsonschema.Draft202012Validator(schema, format_checker=fmt)
    docs = [json.load(open(sys.argv[3], encoding="utf-8"))]
else:
    line = {"$schema": schema["$schema"], "$id": schema["$id"], "$defs": schema["$defs"],
            "$ref": "#/$defs/jsonl_line"}
    v = jsonschema.Draft202012Validator(line, format_checker=fmt)
    docs = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
bad = 0
for i, d in enumerate(docs, 1):
    for e in v.iter_errors(d):
        bad += 1
        if bad <= 3:
            print(f"{sys.argv[3]}:{i}: {e.message[:200]}", file=sys.stderr)
sys.exit(1 if bad or not docs else 0)
PY
}

# stream_ok FILE N: N document lines, each before its source's entity lines, counts that
# match the lines that follow it.
stream_ok() {
  $py - "$1" "$2" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
docs = [l for l in lines if l["kind"] == "document"]
ok = len(docs) == int(sys.argv[2])
cur, seen = None, {}
for l in lines:
    if l["kind"] == "document":
        if cur: ok &= cur["counts"] == {k: seen.get(k, 0) for k in cur["counts"]}
        cur, seen = l, {}
    else:
        ok &= cur is not None and l["source"] == cur["source"] and l["kind"] in cur["counts"]
        seen[l["kind"]] = seen.get(l["kind"], 0) + 1
if cur: ok &= cur["counts"] == {k: seen.get(k, 0) for k in cur["counts"]}
if not ok: print(f"{sys.argv[1]}: document lines wrong", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

samples=(samples/*.txt)
n=${#samples[@]}
"$trich" extract "${samples[@]}" > "$tmp/extract.json"
check "extract json validates" validate json "$tmp/extract.json"
"$trich" audit --fail-on none --registry samples/registry.csv "${samples[@]}" > "$tmp/audit.json"
check "audit json validates" validate json "$tmp/audit.json"
"$trich" extract --format jsonl "${samples[@]}" > "$tmp/extract.jsonl"
check "extract jsonl validates" validate jsonl "$tmp/extract.jsonl"
check "extract jsonl: one document line per input" stream_ok "$tmp/extract.jsonl" "$n"
"$trich" audit --fail-on none --format jsonl --registry samples/registry.csv "${samples[@]}" \
  > "$tmp/audit.jsonl"
check "audit jsonl validates" validate jsonl "$tmp/audit.jsonl"
check "audit jsonl: one document line per input" stream_ok "$tmp/audit.jsonl" "$n"
check "audit jsonl has findings" grep -q '"kind":"finding"' "$tmp/audit.jsonl"
"$trich" priorities --format jsonl "${samples[@]}" > "$tmp/prio.jsonl"
check "one kind's jsonl validates" validate jsonl "$tmp/prio.jsonl"
check "one kind's jsonl counts only that kind" \
  test "$(grep -c '"counts":{"priority":[0-9]*}}' "$tmp/prio.jsonl")" -eq "$n"
for _ in $(seq 12); do cat "${samples[@]}"; done > "$tmp/big.txt"  # about 300 KB
"$trich" extract --format jsonl "$tmp/big.txt" > "$tmp/big.jsonl"
"$trich" extract --format jsonl --window 64K "$tmp/big.txt" > "$tmp/window.jsonl"
check "windowed jsonl validates" validate jsonl "$tmp/window.jsonl"
check "windowed jsonl: one document line" stream_ok "$tmp/window.jsonl" 1
check "windowed jsonl is the same as whole" cmp -s "$tmp/window.jsonl" "$tmp/big.jsonl"

# A document with no entity still has its line, with counts of zero.
printf 'Nothing to see here.\n' > "$tmp/empty.txt"
"$trich" extract --format jsonl "$tmp/empty.txt" > "$tmp/empty.jsonl"
check "an input with no entity has a document line" test "$(cat "$tmp/empty.jsonl")" = \
  "{\"source\":\"$tmp/empty.txt\",\"kind\":\"document\",\"format\":\"text\",\"encoding\":\"utf-8\",\"bytes\":21,\"counts\":{\"citation\":0,\"priority\":0,\"date\":0,\"term\":0}}"

# What the schema must reject: each line is a valid one spoilt in one way.
good_finding=$(grep -m1 '"kind":"finding"' "$tmp/audit.jsonl")
good_doc=$(head -n1 "$tmp/audit.jsonl")
rejects() {  # rejects NAME PYTHON-EXPR-ON-d: the spoilt line must fail validation
  $py -c 'import json,sys
d = json.loads(sys.argv[1]); exec(sys.argv[2]); print(json.dumps(d))' "$2" "$3" > "$tmp/bad.jsonl"
  check "rejects $1" invalid "$tmp/bad.jsonl"
}
invalid() { ! validate jsonl "$1" 2>/dev/null; }
echo "$good_finding" > "$tmp/good.jsonl"
check "the unspoilt finding validates" validate jsonl "$tmp/good.jsonl"
rejects "a finding with severity 42" "$good_finding" 'd["severity"] = 42'
rejects "a finding with no code" "$good_finding" 'del d["code"]'
rejects "a finding with an unknown code" "$good_finding" 'd["code"] = "nope"'
rejects "a finding with an extra field" "$good_finding" 'd["extra"] = 1'
rejects "a line of an unknown kind" "$good_finding" 'd["kind"] = "nope"'
rejects "a document line without counts" "$good_doc" 'del d["counts"]'
rejects "a document line with negative bytes" "$good_doc" 'd["bytes"] = -1'

# The real corpus: every document has its line (54 of 391 have no entity), every line
# validates.
real=../shared/corpus/real
if [[ -d $real ]]; then
  "$trich" audit --fail-on none -r --format jsonl "$real" > "$tmp/real.jsonl"
  check "real corpus jsonl validates" validate jsonl "$tmp/real.jsonl"
  check "real corpus: one document line per input" stream_ok "$tmp/real.jsonl" \
    "$(find "$real" -type f -not -name '.*' | wc -l)"
else
  echo "schema_test: $real not found; the real corpus part skipped"
fi

echo "schema_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
