#!/usr/bin/env bash
# Commands as users of git and ripgrep expect them: suggestions for a mistyped command or
# option, `trich help [COMMAND]`, `trich version`, errors that point at `trich CMD --help`.
# usage: commands_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"

# A mistyped command: exit 2, one line naming the nearest command.
"$trich" extrat x > "$tmp/o" 2> "$tmp/e"; code=$?
check "extrat: exit 2" test $code -eq 2
check "extrat: one line" test "$(wc -l < "$tmp/e")" -eq 1
check "extrat suggests extract" grep -q 'did you mean `extract`?' "$tmp/e"
check "extrat: nothing on stdout" test ! -s "$tmp/o"
"$trich" audti x 2> "$tmp/e"
check "audti suggests audit" grep -q 'did you mean `audit`?' "$tmp/e"
"$trich" rules chek 2> "$tmp/e"; code=$?
check "rules chek: exit 2" test $code -eq 2
check "rules chek suggests check" grep -q 'did you mean `check`?' "$tmp/e"
check "rules chek points at trich rules --help" grep -q 'see `trich rules --help`' "$tmp/e"
"$trich" frobnicate 2> "$tmp/e"; code=$?
check "no near command: exit 2" test $code -eq 2
check "no near command: no suggestion" bash -c "! grep -q 'did you mean' '$tmp/e'"
check "no near command: names it" grep -q 'unknown command `frobnicate`' "$tmp/e"

# A mistyped option: the nearest option of that command, and its --help.
"$trich" extract --formt csv samples/tin-tuc-nhieu.txt > "$tmp/o" 2> "$tmp/e"; code=$?
check "--formt: exit 2" test $code -eq 2
check "--formt suggests --format" grep -q 'unknown option --formt (did you mean --format?)' "$tmp/e"
check "--formt points at trich extract --help" grep -q 'see `trich extract --help`' "$tmp/e"
check "--formt: one line" test "$(wc -l < "$tmp/e")" -eq 1
"$trich" audit --fail-onn warning samples/tin-tuc-nhieu.txt 2> "$tmp/e"
check "--fail-onn suggests --fail-on" grep -q 'did you mean --fail-on?' "$tmp/e"
"$trich" dates --recursiv samples 2> "$tmp/e"
check "--recursiv suggests --recursive" grep -q 'did you mean --recursive?' "$tmp/e"
"$trich" dates --kind dates samples/tin-tuc-nhieu.txt 2> "$tmp/e"
check "an option of another command: no wrong suggestion" grep -q 'unknown option --kind' "$tmp/e"
# Other usage errors point at the command's help too.
"$trich" extract --format xml samples/tin-tuc-nhieu.txt 2> "$tmp/e"
check "bad value points at trich extract --help" grep -q 'see `trich extract --help`' "$tmp/e"
"$trich" 2> "$tmp/e"; code=$?
check "no command: exit 2" test $code -eq 2
check "no command points at trich --help" grep -q 'see `trich --help`' "$tmp/e"

# trich help [COMMAND] prints what --help prints; trich version what --version prints.
"$trich" help > "$tmp/h1"; code=$?
"$trich" --help > "$tmp/h2"
check "help: exit 0" test $code -eq 0
check "help = --help" cmp -s "$tmp/h1" "$tmp/h2"
"$trich" help extract > "$tmp/h1"
"$trich" extract --help > "$tmp/h2"
check "help extract = extract --help" cmp -s "$tmp/h1" "$tmp/h2"
"$trich" help rules check > "$tmp/h1"
"$trich" rules check --help > "$tmp/h2"
check "help rules check = rules check --help" cmp -s "$tmp/h1" "$tmp/h2"
"$trich" help extrat 2> "$tmp/e"; code=$?
check "help extrat: exit 2" test $code -eq 2
check "help extrat suggests extract" grep -q 'did you mean `extract`?' "$tmp/e"
check "version = --version" test "$("$trich" version)" = "$("$trich" --version)"
check "version names trich" bash -c "'$trich' version | grep -q '^trich [0-9]'"
check "--help lists help and version" bash -c "'$trich' --help | grep -q '^  help' && '$trich' --help | grep -q '^  version'"
check "--help does not list the hidden manpage" bash -c "! '$trich' --help | grep -q manpage"

echo "commands_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
