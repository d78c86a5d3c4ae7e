#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>

#include "base/utf8.h"

namespace trich {
namespace {

// What a code point folds to for matching, or 0 when it stays as it is.
char32_t fold(char32_t cp) {
  switch (cp) {
    case 0x0D:  // CR: kept as a space so CRLF and LF texts match alike, byte for byte
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x200B: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return U' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return U'-';
    case 0x00D0:  // Latin capital eth, typed for the Vietnamese capital D with stroke
      return 0x0110;
    case 0x201C: case 0x201D: case 0x201E:
      return U'"';
    case 0x2018: case 0x2019:
      return U'\'';
    default:
      return 0;
  }
}

// Quick test on raw bytes: can any code point of s fold? Only CR and a few lead bytes can.
bool may_fold(std::string_view s) {
  for (unsigned char c : s) {
    if (c == 0x0D || c == 0xC2 || c == 0xC3 || c == 0xE1 || c == 0xE2 || c == 0xE3 ||
        c == 0xEF)
      return true;
  }
  return false;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return *n;
}

bool is_nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  bool ok = nfc().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())),
                                   status);
  return U_SUCCESS(status) && ok;
}

// Step 1: folds, recording an anchor wherever a folded code point changes length.
void apply_folds(std::string_view in, std::string& out, OffsetMap& map) {
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    size_t start = i;
    char32_t cp = utf8::next(in, i);
    char32_t f = fold(cp);
    if (f == 0) {
      out.append(in.data() + start, i - start);
      continue;
    }
    map.add(out.size(), start);
    utf8::append(out, f);
    map.add(out.size(), i);
  }
}

}  // namespace

Normalized normalize(std::string_view in) {
  Normalized r;
  bool fold_needed = may_fold(in);
  if (!fold_needed && is_nfc(in)) {
    r.unchanged = true;
    return r;
  }
  std::string folded;
  if (fold_needed) {
    apply_folds(in, folded, r.folded);
  } else {
    folded.assign(in);
  }
  if (is_nfc(folded)) {
    r.text = std::move(folded);
    return r;
  }
  // NFC with ICU's record of edits, which becomes the `composed` map.
  icu::Edits edits;
  UErrorCode status = U_ZERO_ERROR;
  std::string composed;
  composed.reserve(folded.size());
  icu::StringByteSink<std::string> sink(&composed);
  nfc().normalizeUTF8(0, icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())),
                      sink, &edits, status);
  if (U_FAILURE(status)) {  // cannot happen on valid UTF-8; match on the folded text instead
    r.text = std::move(folded);
    return r;
  }
  auto it = edits.getFineChangesIterator();
  while (it.next(status)) {
    if (!it.hasChange()) continue;
    size_t dst = static_cast<size_t>(it.destinationIndex());
    size_t src = static_cast<size_t>(it.sourceIndex());
    r.composed.add(dst, src);
    r.composed.add(dst + static_cast<size_t>(it.newLength()),
                   src + static_cast<size_t>(it.oldLength()));
  }
  r.text = std::move(composed);
  return r;
}

}  // namespace trich
