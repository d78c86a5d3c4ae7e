#!/usr/bin/env bash
# Directory walking like ripgrep: hidden entries skipped unless --hidden; -g/--glob includes,
# !-globs exclude files and directories, the last match decides; named files always read.
# usage: walk_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
d=$tmp/tree
mkdir -p "$d/.git" "$d/.hidden-dir" "$d/drafts" "$d/sub/deep" "$d/sub/drafts"
line='ng\xc3\xa0y 2/9/1945\n'
for f in a.txt b.md .dotfile.txt .git/config .hidden-dir/x.txt drafts/c.txt sub/d.txt \
         sub/deep/e.txt sub/deep/f.md sub/drafts/g.txt; do
  printf "$line" > "$d/$f"
done
# The sources read, relative to the tree, sorted.
sources() {
  "$trich" dates --format jsonl "$@" 2> "$tmp/err" | python3 -c '
import json, sys
print(" ".join(sorted({json.loads(l)["source"].split("/tree/", 1)[1] for l in sys.stdin})))'
}

check "hidden skipped by default" test "$(sources -r "$d")" = \
  "a.txt b.md drafts/c.txt sub/d.txt sub/deep/e.txt sub/deep/f.md sub/drafts/g.txt"
check "--hidden reads them" test "$(sources -r --hidden "$d")" = \
  ".dotfile.txt .git/config .hidden-dir/x.txt a.txt b.md drafts/c.txt sub/d.txt sub/deep/e.txt sub/deep/f.md sub/drafts/g.txt"
check "a hidden file named on the command line is read" test "$(sources "$d/.dotfile.txt")" = ".dotfile.txt"
check "a hidden directory named on the command line is walked" test "$(sources -r "$d/.hidden-dir")" = ".hidden-dir/x.txt"

check "-g '*.txt' includes by name at any depth" test "$(sources -r -g '*.txt' "$d")" = \
  "a.txt drafts/c.txt sub/d.txt sub/deep/e.txt sub/drafts/g.txt"
check "-g '!drafts' excludes directories of that name" test "$(sources -r -g '!drafts' "$d")" = \
  "a.txt b.md sub/d.txt sub/deep/e.txt sub/deep/f.md"
check "include and exclude together" test "$(sources -r -g '*.txt' -g '!drafts' "$d")" = \
  "a.txt sub/d.txt sub/deep/e.txt"
check "--glob: the last match decides" test "$(sources -r -g '*' --glob '!*.md' --glob 'f.md' "$d")" = \
  "a.txt drafts/c.txt sub/d.txt sub/deep/e.txt sub/deep/f.md sub/drafts/g.txt"
check "an include leaves out the files no pattern matches" test "$(sources -r --glob '!*.md' --glob 'f.md' "$d")" = \
  "sub/deep/f.md"
check "a pattern with / matches the relative path, * not crossing /" test "$(sources -r -g 'sub/*.txt' "$d")" = \
  "sub/d.txt"
check "a leading / anchors at the directory named" test "$(sources -r -g '!/drafts' "$d")" = \
  "a.txt b.md sub/d.txt sub/deep/e.txt sub/deep/f.md sub/drafts/g.txt"
check "**/ matches at any depth" test "$(sources -r -g '**/deep/*.md' "$d")" = "sub/deep/f.md"
check "a file named on the command line is read whatever the globs" test \
  "$(sources -r -g '*.txt' "$d/b.md")" = "b.md"
check "a trailing slash in the directory named" test "$(sources -r -g 'sub/*.txt' "$d/")" = "sub/d.txt"
check "-g with --hidden: a hidden file by glob" test "$(sources -r --hidden -g '.dot*' "$d")" = ".dotfile.txt"

echo "walk_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
