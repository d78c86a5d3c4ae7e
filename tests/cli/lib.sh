# Shared set-up of the CLI test scripts, sourced as: source "$(dirname "$0")/lib.sh" "$@"
# Sets trich (the binary), root (the repository, also the working directory), tmp (a
# temporary directory removed at exit), and check NAME COMMAND... which counts passes and
# failures in pass and fails.
set -u
trich=$1
root=$(cd "$2" && pwd)
cd "$root"
tmp=$(mktemp -d)
# Some tests take permissions away inside tmp; give them back so it can be removed.
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
pass=0
check() {  # check NAME COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then
    pass=$((pass + 1))
  else
    echo "FAIL: $name"
    fails=$((fails + 1))
  fi
}
