#include "base/utf8.h"

#include <algorithm>
#include <cstdint>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <tmmintrin.h>
#endif

namespace trich::utf8 {

std::string to_lower(std::string_view s) {
  auto by_icu = [s] {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
        .toLower(icu::Locale("vi"))
        .toUTF8String(out);
    return out;
  };
  if (valid_prefix(s) != s.size()) return by_icu();  // ICU decides what bad bytes become
  // One code point at a time: below U+0370 and in U+1E00..U+1EFF (every Vietnamese letter),
  // the full lower-case mapping is the simple one (SpecialCasing.txt maps only U+0130 there;
  // its conditions concern Greek, Lithuanian, Turkish and Azeri). ICU takes everything else.
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      ++i;
      continue;
    }
    char32_t c = next(s, i);
    if (c == 0x130 || !(c < 0x370 || (c >= 0x1E00 && c <= 0x1EFF))) return by_icu();
    append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  }
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

size_t count_code_points(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0, conts = 0;
#if defined(__SSE2__)
  // Columns are counted from a line's start, and a news paragraph is one line of a thousand
  // bytes or more: sixteen bytes at a time, counting the continuation bytes (signed, those
  // are -128..-65).
  // Each lane counts up to 255 blocks (a compare gives -1 per continuation byte), then the
  // lanes are summed.
  const __m128i below = _mm_set1_epi8(-64);
  while (i + 16 <= n) {
    __m128i acc = _mm_setzero_si128();
    for (int k = 0; k < 255 && i + 16 <= n; ++k, i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, below));
    }
    __m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
    conts += static_cast<size_t>(_mm_cvtsi128_si32(sum)) +
             static_cast<size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sum, sum)));
  }
#endif
  for (; i < n; ++i) conts += !is_lead(p[i]);
  return n - conts;
}

size_t valid_prefix_scalar(std::string_view s) {
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

#if defined(__x86_64__)
namespace {

// Sixteen bytes at a time with SSSE3 table look-ups (the "lookup" algorithm of Keiser and
// Lemire, "Validating UTF-8 in less than one instruction per byte", 2021): every error of
// UTF-8 shows in a byte and the one before it (the high nibble of both, the low nibble of the
// first), or in a continuation byte that the bytes two and three before it do or do not call
// for. Vietnamese text is two fifths non-ASCII bytes, in short runs, which the table-driven
// automaton above walks one byte at a time (1.3 ns a byte); this takes about a tenth of that.
// It only says whether a block is clean: at the first block that is not, the scalar automaton
// takes over from the character that block starts in, and finds the exact end.
enum : uint8_t {
  kTooShort = 1 << 0,    // a lead byte or ASCII, then a lead byte... or ASCII after a lead byte
  kTooLong = 1 << 1,     // ASCII, then a continuation byte
  kOverlong3 = 1 << 2,   // E0 80..9F
  kTooLarge = 1 << 3,    // F4 90..BF, F5..FF
  kSurrogate = 1 << 4,   // ED A0..BF
  kOverlong2 = 1 << 5,   // C0, C1
  kTooLarge1000 = 1 << 6,  // F5..FF 80..8F
  kOverlong4 = 1 << 6,   // F0 80..8F
  kTwoConts = 1 << 7,    // two continuation bytes (an error unless a 3- or 4-byte lead calls for it)
  kCarry = kTooShort | kTooLong | kTwoConts,
};

constexpr char b(int v) { return static_cast<char>(v); }  // a table byte, as _mm_setr_epi8 takes it

__attribute__((target("ssse3"))) size_t valid_prefix_ssse3(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  // Per high nibble of the first byte (0___ ASCII, 10__ continuation, then the leads).
  constexpr int kLarge = kCarry | kTooLarge | kTooLarge1000;
  const __m128i byte1_high = _mm_setr_epi8(
      b(kTooLong), b(kTooLong), b(kTooLong), b(kTooLong),
      b(kTooLong), b(kTooLong), b(kTooLong), b(kTooLong),
      b(kTwoConts), b(kTwoConts), b(kTwoConts), b(kTwoConts),
      b(kTooShort | kOverlong2),                                // 1100
      b(kTooShort),                                             // 1101
      b(kTooShort | kOverlong3 | kSurrogate),                   // 1110
      b(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));   // 1111
  // Per low nibble of the first byte.
  const __m128i byte1_low = _mm_setr_epi8(
      b(kCarry | kOverlong3 | kOverlong2 | kOverlong4),  // ____0000
      b(kCarry | kOverlong2),                            // ____0001
      b(kCarry), b(kCarry),                              // ____001_
      b(kCarry | kTooLarge),                             // ____0100
      b(kLarge), b(kLarge), b(kLarge),                   // ____0101, ____011_
      b(kLarge), b(kLarge), b(kLarge), b(kLarge),        // ____1000 .. ____1011
      b(kLarge),                                         // ____1100
      b(kLarge | kSurrogate),                            // ____1101
      b(kLarge), b(kLarge));                             // ____111_
  // Per high nibble of the second byte.
  constexpr int kCont = kTooLong | kOverlong2 | kTwoConts;
  const __m128i byte2_high = _mm_setr_epi8(
      b(kTooShort), b(kTooShort), b(kTooShort), b(kTooShort),
      b(kTooShort), b(kTooShort), b(kTooShort), b(kTooShort),
      b(kCont | kOverlong3 | kTooLarge1000 | kOverlong4),  // 1000
      b(kCont | kOverlong3 | kTooLarge),                   // 1001
      b(kCont | kSurrogate | kTooLarge),                   // 101_
      b(kCont | kSurrogate | kTooLarge),
      b(kTooShort), b(kTooShort), b(kTooShort), b(kTooShort));  // 11__
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i third = _mm_set1_epi8(static_cast<char>(0xE0 - 0x80));
  const __m128i fourth = _mm_set1_epi8(static_cast<char>(0xF0 - 0x80));
  const __m128i high_bit = _mm_set1_epi8(static_cast<char>(0x80));
  __m128i prev = _mm_setzero_si128();  // before the text: as if ASCII
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(in) == 0 && _mm_movemask_epi8(prev) == 0) {
      prev = in;  // ASCII after ASCII: nothing to check, nothing pending
      continue;
    }
    __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
    __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
    __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
    __m128i sc = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(byte1_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
                      _mm_shuffle_epi8(byte1_low, _mm_and_si128(prev1, nibble))),
        _mm_shuffle_epi8(byte2_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble)));
    __m128i must23 = _mm_or_si128(_mm_subs_epu8(prev2, third), _mm_subs_epu8(prev3, fourth));
    __m128i err = _mm_xor_si128(_mm_and_si128(must23, high_bit), sc);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) != 0xFFFF) break;
    prev = in;
  }
  // The rest (or the block with an error) from the start of the last character that begins
  // before i: everything before that character is whole and valid.
  size_t from = i;
  for (size_t k = i; k > 0 && k + 4 > i; --k) {
    if (is_lead(p[k - 1])) {
      from = k - 1;
      break;
    }
  }
  return from + valid_prefix_scalar(s.substr(from));
}

}  // namespace
#endif

size_t valid_prefix(std::string_view s) {
#if defined(__x86_64__)
  static const bool ssse3 = __builtin_cpu_supports("ssse3");
  if (ssse3) return valid_prefix_ssse3(s);
#endif
  return valid_prefix_scalar(s);
}

}  // namespace trich::utf8
