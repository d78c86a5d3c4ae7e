#include "base/utf8.h"

#include <algorithm>
#include <cstdint>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trich::utf8 {

std::string to_lower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii &= c < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toLower(icu::Locale("vi"))
      .toUTF8String(out);
  return out;
}

namespace {

// A UTF-8 validator as a shift-based DFA: each byte's row holds, for every state, the next
// state's shift (states are multiples of 6 bits), so a step is one load and one shift with no
// branch on the byte. States: 0 accept (between characters), then what the rest of the current
// character must be (RFC 3629: shortest forms only, no surrogates, nothing above U+10FFFF).
enum : uint64_t { kAccept = 0, kError = 6, kOne = 12, kTwo = 18, kThree = 24, kE0 = 30, kED = 36,
                  kF0 = 42, kF4 = 48 };

struct Rows {
  uint64_t row[256];
  constexpr Rows() : row() {
    auto set = [&](int lo, int hi, uint64_t from, uint64_t to) {
      for (int b = lo; b <= hi; ++b) row[b] = (row[b] & ~(uint64_t{63} << from)) | (to << from);
    };
    for (int b = 0; b < 256; ++b) {
      row[b] = 0;
      for (uint64_t st = 0; st <= kF4; st += 6) row[b] |= kError << st;  // by default: error
    }
    set(0x00, 0x7F, kAccept, kAccept);
    set(0xC2, 0xDF, kAccept, kOne);
    set(0xE0, 0xE0, kAccept, kE0);
    set(0xE1, 0xEC, kAccept, kTwo);
    set(0xED, 0xED, kAccept, kED);
    set(0xEE, 0xEF, kAccept, kTwo);
    set(0xF0, 0xF0, kAccept, kF0);
    set(0xF1, 0xF3, kAccept, kThree);
    set(0xF4, 0xF4, kAccept, kF4);
    set(0x80, 0xBF, kOne, kAccept);
    set(0x80, 0xBF, kTwo, kOne);
    set(0x80, 0xBF, kThree, kTwo);
    set(0xA0, 0xBF, kE0, kOne);
    set(0x80, 0x9F, kED, kOne);
    set(0x90, 0xBF, kF0, kTwo);
    set(0x80, 0x8F, kF4, kTwo);
  }
};
constexpr Rows kRows;

}  // namespace

size_t valid_prefix(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0, good = 0;  // good: the end of the last whole character
  uint64_t st = kAccept;
  while (i < n) {
#if defined(__SSE2__)
    if ((st & 63) == kAccept && i + 16 <= n &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))) == 0) {
      i += 16;  // sixteen ASCII bytes
      good = i;
      continue;
    }
#endif
    size_t stop = std::min(n, i + 64);
    for (; i < stop; ++i) {
      st = kRows.row[p[i]] >> (st & 63);
      if ((st & 63) == kError) return good;
      good = (st & 63) == kAccept ? i + 1 : good;
    }
  }
  return (st & 63) == kAccept ? n : good;
}

}  // namespace trich::utf8
