#!/usr/bin/env bash
# Shell completions, as the binary writes them (`trich completions SHELL`, also what the
# package installs): bash completes commands, options, --format/--kind values and file
# names; zsh and fish scripts parse, and fish completes the same words.
# usage: completions_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
for sh in bash zsh fish; do
  "$trich" completions $sh > "$tmp/trich.$sh"; code=$?
  check "completions $sh: exit 0" test $code -eq 0
  check "completions $sh: not empty" test -s "$tmp/trich.$sh"
done
"$trich" completions tcsh > /dev/null 2> "$tmp/e"; code=$?
check "completions tcsh: usage error" test $code -eq 2

# bash: `complete -p trich`, then what a TAB offers after each command line.
check "bash: complete -p trich" bash -c "source '$tmp/trich.bash' && complete -p trich | grep -q -- '-F _trich'"
mkdir -p "$tmp/files/sub"
touch "$tmp/files/report-a.txt" "$tmp/files/report-b.txt" "$tmp/files/sub/x.txt"
# complete LINE: the words bash would offer for the last word of LINE (sorted, one line).
complete_bash() {
  (cd "$tmp/files" && bash -c '
    source "$1"
    read -ra COMP_WORDS <<< "$2"
    [[ $2 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _trich
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$tmp/trich.bash" "$1")
}
expect() {  # expect LINE WANT
  local got
  got=$(complete_bash "$1")
  if [[ $got == "$2" ]]; then pass=$((pass + 1)); else echo "FAIL: bash '$1' offers '$got', want '$2'"; fails=$((fails + 1)); fi
}
expect "trich ext" "extract"
expect "trich au" "audit"
expect "trich r" "registry rules"
expect "trich registry " "build"
expect "trich rules " "check"
expect "trich rules check --r" "--rules"
expect "trich extract --form" "--format"
expect "trich extract --format " "csv html json jsonl xlsx"
expect "trich audit --format t" "text"
expect "trich extract --kind " "citations dates priorities terms"
expect "trich extract --kind dates,te" "dates,terms"
expect "trich audit --fail-on w" "warning"
expect "trich dates --encoding tc" "tcvn3"
expect "trich extract --hid" "--hidden"
expect "trich extract -g '*.txt' --no-" "--no-progress"
expect "trich extract report-" "report-a.txt report-b.txt"
expect "trich dates -o rep" "report-a.txt report-b.txt"
expect "trich extract --format json report-b" "report-b.txt"
expect "trich extract -r s" "sub"
expect "trich extract --rules s" "sub"
expect "trich help ex" "extract"
expect "trich completions " "bash fish zsh"
expect "trich schema --" "--help --rules"
check "bash: every visible command is offered" test "$(complete_bash "trich " | tr ' ' '\n' | grep -vc '^-')" -eq \
  "$("$trich" --help | sed -n '/^Subcommands:/,/^$/p' | grep -c '^  [a-z]')"

# zsh and fish: the scripts parse (and fish completes); a visible skip notice without them.
if command -v zsh > /dev/null; then
  check "zsh: syntax" zsh -n "$tmp/trich.zsh"
  check "zsh: #compdef first" test "$(head -1 "$tmp/trich.zsh")" = "#compdef trich"
  check "zsh: loads and defines _trich" zsh -c "compdef() { :; }; source '$tmp/trich.zsh' 2>/dev/null; whence -w _trich_extract | grep -q function"
else
  echo "skipped: zsh is not installed (scripts/setup installs it)"
fi
if command -v fish > /dev/null; then
  check "fish: syntax" fish -n "$tmp/trich.fish"
  fishc() { (cd "$tmp/files" && fish -c "source '$tmp/trich.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' ' | sed 's/ $//'); }
  check "fish: commands" bash -c "[[ ' $(fishc 'trich ') ' == *' audit '*' extract '* ]]"
  check "fish: --format values" test "$(fishc 'trich extract --format ')" = "csv html json jsonl xlsx"
  check "fish: audit --format text" test "$(fishc 'trich audit --format t')" = "text"
  check "fish: --kind values" test "$(fishc 'trich extract --kind ')" = "citations dates priorities terms"
  check "fish: rules check" test "$(fishc 'trich rules ')" = "check"
  check "fish: file names" test "$(fishc 'trich extract report-')" = "report-a.txt report-b.txt"
  check "fish: options" bash -c "[[ ' $(fishc 'trich extract --gl') ' == *' --glob '* ]]"
else
  echo "skipped: fish is not installed (scripts/setup installs it)"
fi

echo "completions_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
