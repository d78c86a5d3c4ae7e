#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` in the build directory gives a .deb with the stripped
# binary, the man page, the completions, the docs, the schema and the license, and fields a
# user (and dpkg) expects. In CI (CI=true, as root) it is installed with dpkg -i, trich
# --version and man -w trich are run, and it is removed again.
# usage: package_test.sh TRICH REPO_ROOT
source "$(dirname "$0")/lib.sh" "$@"
build=$(cd "$(dirname "$trich")" && pwd)
for tool in cpack dpkg-deb dpkg-shlibdeps readelf; do
  if ! command -v $tool > /dev/null; then
    echo "skipped: $tool is not installed (scripts/setup installs dpkg-dev and binutils)"
    echo "FAIL: package: $tool missing"
    exit 1
  fi
done
(cd "$build" && cpack -G DEB -B "$tmp/pkg" > "$tmp/cpack.log" 2>&1); code=$?
check "cpack -G DEB: exit 0" test $code -eq 0
[[ $code -ne 0 ]] && tail -20 "$tmp/cpack.log"
deb=$(ls "$tmp"/pkg/trich_*.deb 2> /dev/null | head -1)
check "a trich_VERSION_ARCH.deb" test -n "$deb"
[[ -z $deb ]] && { echo "package_test: $pass passed, $((fails)) failed"; exit 1; }

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' > "$tmp/contents"
for f in /usr/bin/trich /usr/share/man/man1/trich.1.gz /usr/share/bash-completion/completions/trich \
         /usr/share/zsh/vendor-completions/_trich /usr/share/fish/vendor_completions.d/trich.fish \
         /usr/share/doc/trich/README.md /usr/share/doc/trich/contract.md \
         /usr/share/doc/trich/copyright /usr/share/trich/trich.schema.json; do
  check "package holds $f" grep -qx "$f" "$tmp/contents"
done
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: trich" test "$(field Package)" = trich
check "Version: the project's" test "$(field Version)" = "$("$trich" --version | awk '{print $2}')"
check "Maintainer set" test -n "$(field Maintainer)"
check "Section set" test -n "$(field Section)"
check "Description set" grep -q "Vietnamese" <<< "$(field Description)"
check "Depends computed by dpkg-shlibdeps (ICU, RE2, libc)" bash -c \
  "d='$(field Depends)'; [[ \$d == *libicu* && \$d == *libre2* && \$d == *libc6* ]]"

mkdir -p "$tmp/x"
dpkg-deb -x "$deb" "$tmp/x"
check "binary stripped (no .symtab, no .debug_info)" bash -c \
  "! readelf -S '$tmp/x/usr/bin/trich' | grep -qE '\\.symtab|\\.debug_info'"
check "binary much smaller than the build's" test "$(stat -c %s "$tmp/x/usr/bin/trich")" -lt \
  "$(( $(stat -c %s "$trich") / 2 ))"
check "packaged binary runs" bash -c "'$tmp/x/usr/bin/trich' --version | grep -q '^trich '"
check "packaged man page is the binary's" bash -c \
  "cmp -s <(gzip -dc '$tmp/x/usr/share/man/man1/trich.1.gz') <('$trich' manpage)"
check "packaged bash completion is the binary's" bash -c \
  "cmp -s '$tmp/x/usr/share/bash-completion/completions/trich' <('$trich' completions bash)"
check "packaged schema is the binary's" bash -c \
  "cmp -s '$tmp/x/usr/share/trich/trich.schema.json' <('$trich' schema)"
check "license in the package" grep -q "MIT License" "$tmp/x/usr/share/doc/trich/copyright"

# cmake --install puts the same set in place.
cmake --install "$build" --prefix "$tmp/inst" --strip > /dev/null 2>&1; code=$?
check "cmake --install: exit 0" test $code -eq 0
(cd "$tmp/inst" && find . -type f | sed 's|^\.|/usr|' | sort) > "$tmp/inst.list"
(cd "$tmp/x" && find . -type f | sed 's|^\.||' | sort) > "$tmp/deb.list"
check "cmake --install installs what the package holds" cmp -s "$tmp/inst.list" "$tmp/deb.list"

# Installing it: only where that is what the machine is for (CI runs as root).
if [[ ${CI:-} == true && $(id -u) -eq 0 ]]; then
  if dpkg-query -W -f='${Status}' trich 2> /dev/null | grep -q "install ok installed"; then
    echo "skipped: dpkg -i (a trich package is already installed here)"
  else
    # --path-include: slim Debian images exclude /usr/share/man from every package.
    dpkg --path-include='/usr/share/man/man1/trich.1.gz' -i "$deb" > "$tmp/dpkg.log" 2>&1; code=$?
    check "dpkg -i: exit 0" test $code -eq 0
    [[ $code -ne 0 ]] && tail -5 "$tmp/dpkg.log"
    check "installed: trich --version" bash -c "/usr/bin/trich --version | grep -q '^trich '"
    if command -v man > /dev/null; then
      check "installed: man -w trich" bash -c "man -w trich | grep -q '/usr/share/man/man1/trich.1'"
    else
      echo "skipped: man -w trich (man-db is not installed; scripts/setup installs it)"
    fi
    dpkg -r trich > /dev/null 2>&1
    check "dpkg -r: gone" test ! -e /usr/bin/trich
  fi
else
  echo "skipped: dpkg -i of the package (only in CI: CI=true and root)"
fi

echo "package_test: $pass passed, $fails failed"
[[ $fails -eq 0 ]]
