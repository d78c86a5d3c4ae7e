#!/usr/bin/env bash
# The man page trich(1), written by the binary from its own option definitions: every command
# of `trich --help` has a section, and each section lists exactly the options `--help` of that
# command lists; groff reads it without a warning; man renders it.
# usage: manpage_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
"$trich" manpage > "$tmp/trich.1"; code=$?
check "manpage: exit 0" test $code -eq 0
check "manpage: .TH" grep -q '^\.TH TRICH 1 ' "$tmp/trich.1"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS EXAMPLES "EXIT STATUS" "SEE ALSO"; do
  check "manpage: section $s" grep -q "^\.SH $s" "$tmp/trich.1"
done

# Options of a --help text: the names in its option lines.
help_options() {
  # shellcheck disable=SC2086
  "$trich" $1 --help | sed -n '/^Options:/,/^$/p' | grep -E '^  +-' | awk '{print $1}' |
    tr ',' '\n' | sort -u | tr '\n' ' '
}
# Options of the man page's section for a command (.SS "trich CMD" up to the next .SS/.SH).
man_options() {
  awk -v want=".SS \"trich $1\"" '
    $0 == want { on = 1; next }
    on && /^\.S[SH] / { exit }
    on && prev == ".TP" { print }
    { prev = $0 }' "$tmp/trich.1" | grep '^\\fB' | sed 's/\\fI[^\\]*\\fR//g; s/\\fB//g; s/\\fR//g; s/\\-/-/g' |
    tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep '^-' | sort -u | tr '\n' ' '
}
commands=$("$trich" --help | sed -n '/^Subcommands:/,/^$/p' | grep -E '^  [a-z]' | awk '{print $1}')
check "man page: commands found in --help" test -n "$commands"
for c in $commands "rules check"; do
  h=$(help_options "$c"); m=$(man_options "$c")
  if [[ -n $h && $h == "$m" ]]; then pass=$((pass + 1)); else
    echo "FAIL: trich $c: --help lists '$h', the man page '$m'"; fails=$((fails + 1)); fi
done
check "man page: global options" grep -qF '\fB\-\-version\fR' "$tmp/trich.1"

if command -v groff > /dev/null; then
  groff -man -Tutf8 -ww -z "$tmp/trich.1" 2> "$tmp/groff.err"
  check "groff: no warning" test ! -s "$tmp/groff.err"
  [[ -s $tmp/groff.err ]] && head -5 "$tmp/groff.err"
else
  echo "skipped: groff is not installed (man-db brings it; scripts/setup installs man-db)"
fi
if command -v man > /dev/null; then
  MANWIDTH=100 man -l "$tmp/trich.1" 2>/dev/null | col -b > "$tmp/man.txt" 2>/dev/null || MANWIDTH=100 man -l "$tmp/trich.1" > "$tmp/man.txt" 2>/dev/null
  check "man -l renders the --glob text" grep -q "fnmatch(3)" "$tmp/man.txt"
else
  echo "skipped: man is not installed (scripts/setup installs man-db)"
fi

echo "manpage_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
