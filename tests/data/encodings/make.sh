#!/usr/bin/env bash
# Regenerates the encoded test documents from the UTF-8 originals written for this project
# (report.utf-8.txt, sentences.txt) with glibc's iconv. Run from anywhere; commit the result.
set -euo pipefail
cd "$(dirname "$0")"
src=report.utf-8.txt
iconv -f UTF-8 -t CP1258 "$src" > report.windows-1258.txt
iconv -f UTF-8 -t TCVN5712-1 "$src" > report.tcvn3.txt
iconv -f UTF-8 -t VISCII "$src" > report.viscii.txt
{ printf '\xef\xbb\xbf'; cat "$src"; } > report.utf-8-bom.txt
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$src"; } > report.utf-16le.txt
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$src"; } > report.utf-16be.txt
# CRLF line ends in windows-1258, as Windows tools save it.
sed 's/$/\r/' "$src" | iconv -f UTF-8 -t CP1258 > report.windows-1258-crlf.txt
