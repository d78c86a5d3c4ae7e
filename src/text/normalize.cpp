#include "text/normalize.h"

#include <cstring>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "base/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trich {
namespace {

// What a code point folds to for matching whatever the language (spaces, dashes, quotes: how
// a text was typed, not what it says), or 0. Letters come from the rules (Folds).
char32_t text_fold(char32_t cp) {
  switch (cp) {
    case 0x0D:  // CR of a CRLF (fold_at): a space, so CRLF and LF texts match alike
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x200B: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
      return U' ';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return U'-';
    case 0x201C: case 0x201D: case 0x201E:
      return U'"';
    case 0x2018: case 0x2019:
      return U'\'';
    default:
      return 0;
  }
}

// fold() for the code point c at in[i]: a CR followed by LF is a space (the LF ends the
// line), a lone CR (classic Mac OS line ends, or mixed ones) is itself the line's end and
// becomes LF, so rules, lists and lines see the same text as for an LF copy.
char32_t fold_at(std::string_view in, size_t i, char32_t c, const Folds& folds) {
  if (c == 0x0D) return i + 1 < in.size() && in[i + 1] == '\n' ? U' ' : U'\n';
  return folds.fold(c);
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return *n;
}

// How a code point takes part in normalization. NFC works on segments that start at a
// character with a boundary before it; such a character that NFC also leaves as it is
// ("clean") needs nothing, whatever follows it is judged on its own.
enum Kind : uint8_t {
  kClean = 0,     // boundary before, unchanged by NFC
  kFold = 1,      // folds (to a clean character)
  kStarts = 2,    // boundary before, but NFC may change it
  kContinues = 3  // no boundary before: NFC may join it to what precedes
};

inline Kind kind(const Folds& folds, char32_t c) { return static_cast<Kind>(folds.kind(c)); }

// Decodes the code point at in[i] (valid UTF-8).
inline char32_t decode(std::string_view in, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(in[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  size_t k = i;
  char32_t cp = utf8::next(in, k);
  len = std::min(k, in.size()) - i;
  return cp;
}

#if defined(__SSE2__)
// From p[j] (a character's start), the start of the first character that this byte test does
// not pass: ASCII but CR, continuation bytes (their lead decided), C3..CB (U+00C0..U+02FF) but
// the one sequence `lead` `second` (the folded letter there: C3 90 for U+00D0; a lead outside
// C3..CB when there is none), E1 BA and E1 BB (U+1E80..U+1EFF). It goes sixteen bytes at a
// time while 17 can be read, and returns j itself when the block at j fails first or is too
// near the end; what it returns is always a character's start.
inline size_t skip_clean(const unsigned char* p, size_t j, size_t n, unsigned char lead,
                         unsigned char second) {
  const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0)), x80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i c3 = _mm_set1_epi8(static_cast<char>(0xC3)), eight = _mm_set1_epi8(8);
  const __m128i xl = _mm_set1_epi8(static_cast<char>(lead)), xs = _mm_set1_epi8(static_cast<char>(second));
  const __m128i e1 = _mm_set1_epi8(static_cast<char>(0xE1)), ba = _mm_set1_epi8(static_cast<char>(0xBA));
  const __m128i bb = _mm_set1_epi8(static_cast<char>(0xBB)), cr = _mm_set1_epi8(0x0D);
  while (j + 17 <= n) {
    __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
    __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v0, c0), x80);
    __m128i d = _mm_sub_epi8(v0, c3);
    __m128i latin = _mm_andnot_si128(  // C3..CB but lead second
        _mm_and_si128(_mm_cmpeq_epi8(v0, xl), _mm_cmpeq_epi8(v1, xs)),
        _mm_cmpeq_epi8(_mm_min_epu8(d, eight), d));
    __m128i is_e1 = _mm_and_si128(_mm_cmpeq_epi8(v0, e1),
                                  _mm_or_si128(_mm_cmpeq_epi8(v1, ba), _mm_cmpeq_epi8(v1, bb)));
    unsigned ok = (static_cast<unsigned>(_mm_movemask_epi8(
                       _mm_or_si128(_mm_or_si128(cont, latin), is_e1))) |
                   ~static_cast<unsigned>(_mm_movemask_epi8(v0))) &
                  ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v0, cr))) & 0xFFFF;
    if (ok != 0xFFFF) return j + static_cast<size_t>(__builtin_ctz(~ok));
    j += 16;
  }
  while (!utf8::is_lead(p[j])) --j;  // the block before ended inside a character
  return j;
}
#endif

// The start of the first character at or after in[i] (a character's start) that is not
// clean, or in.size().
size_t clean_until(std::string_view in, size_t i, const Folds& folds) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(in.data());
#if defined(__SSE2__)
  const bool fast = folds.fast();
  const unsigned char lead = folds.skip_lead(), second = folds.skip_second();
#endif
  while (i < in.size()) {
#if defined(__SSE2__)
    if (fast) {
      size_t k = skip_clean(p, i, in.size(), lead, second);
      if (k > i) {
        i = k;
        continue;
      }
    }
#endif
    if (p[i] < 0x80) {
      if (p[i] == 0x0D) return i;
      ++i;
      continue;
    }
    size_t len;
    char32_t c = decode(in, i, len);
    if (kind(folds, c) != kClean) return i;
    i += len;
  }
  return in.size();
}

// The first code point that is not clean, or in.size(). `piece` is set to the start of the
// NFC segment it belongs to (the last clean character before it, or 0).
size_t first_change(std::string_view in, size_t& piece, const Folds& folds) {
  size_t at = clean_until(in, 0, folds);
  piece = at == 0 ? 0 : at - 1;
  while (piece > 0 && !utf8::is_lead(static_cast<unsigned char>(in[piece]))) --piece;
  return at;
}

// Records one NFC change, `from` (at offset `src` of the folded text) that became `to` (at
// offset `dst` of the normalized text). ICU reports a whole segment as one change: "a" and
// four graves become "a with grave" and three graves, one code point becomes three. Bytes
// that source and result share at their start or end are the same characters and map one to
// one; what is left is one unit, whose inner offsets map to its ends rather than somewhere in
// the middle of a character.
void map_change(std::string_view from, std::string_view to, size_t dst, size_t src,
                OffsetMap& map) {
  auto boundary = [](std::string_view s, size_t i) {
    return i == s.size() || utf8::is_lead(static_cast<unsigned char>(s[i]));
  };
  size_t n = std::min(from.size(), to.size());
  size_t head = 0;
  while (head < n && from[head] == to[head]) ++head;
  while (head > 0 && !(boundary(from, head) && boundary(to, head))) --head;
  size_t tail = 0;
  while (tail < n - head && from[from.size() - 1 - tail] == to[to.size() - 1 - tail]) ++tail;
  while (tail > 0 && !boundary(from, from.size() - tail)) --tail;
  size_t from_len = from.size() - head - tail, to_len = to.size() - head - tail;
  if (from_len == 0 && to_len == 0) return;
  // One code point has no inner boundary to get wrong: its two ends are all there is to map.
  if (to_len > 0 && utf8::count_code_points(to.substr(head, to_len)) == 1) {
    map.add(dst + head, src + head);
    map.add(dst + head + to_len, src + head + from_len);
    return;
  }
  map.add_unit(dst + head, src + head, to_len, from_len);
}

constexpr size_t kCleanRunToClose = 32;    // clean characters that end a region to compose
constexpr size_t kMaxRegion = 1 << 20;     // a region is composed in pieces of about this size

// Builds the normalized text (in[0, from) holds nothing to change, and `from` starts an NFC
// segment). Folds as it goes; a region of segments that NFC may change is written folded,
// then composed by ICU in place of what was written. Only whole segments are composed, which
// gives what composing the whole text gives: NFC never joins across a segment start.
void build(std::string_view in, size_t from, Normalized& r, const Folds& folds) {
  std::string& out = r.text;
  out.reserve(in.size());
  // Characters copied as they are wait in in[pend, i) and are appended in one go.
  size_t pend = 0;
  auto flush = [&](size_t i) {
    out.append(in.data() + pend, i - pend);
    pend = i;
  };
  size_t fpos = from;                          // offset in the folded text
  size_t seg_in = from, seg_f = from, seg_out = from;  // where the current segment starts
  bool open = false;                           // a region to compose is open
  size_t reg_in = 0, reg_f = 0, reg_out = 0, clean_run = 0;
  std::string folded;

  auto close = [&](size_t end_in) {
    flush(end_in);
    // Refold the region (its anchors are in r.folded already) and compose it.
    folded.clear();
    for (size_t i = reg_in; i < end_in;) {
      size_t len;
      char32_t c = decode(in, i, len);
      char32_t f = fold_at(in, i, c, folds);
      if (f) {
        utf8::append(folded, f);
      } else {
        folded.append(in.data() + i, len);
      }
      i += len;
    }
    out.resize(reg_out);
    icu::Edits edits;
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&out);
    nfc().normalizeUTF8(0, icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())),
                        sink, &edits, status);
    if (U_FAILURE(status)) {  // cannot happen on valid UTF-8: keep the folded text
      out.resize(reg_out);
      out += folded;
    } else {
      auto it = edits.getFineChangesIterator();
      while (it.next(status)) {
        if (!it.hasChange()) continue;
        size_t s = static_cast<size_t>(it.sourceIndex());
        size_t d = reg_out + static_cast<size_t>(it.destinationIndex());
        map_change(std::string_view(folded).substr(s, static_cast<size_t>(it.oldLength())),
                   std::string_view(out).substr(d, static_cast<size_t>(it.newLength())),
                   d, reg_f + s, r.composed);
      }
    }
    open = false;
  };

  size_t i = from;
  while (i < in.size()) {
    if (!open) {
      // The common case: a run of clean characters, copied as they are.
      size_t j = clean_until(in, i, folds);
      if (j > i) {
        size_t last = j - 1;  // the start of the last character before j
        while (last > i && !utf8::is_lead(static_cast<unsigned char>(in[last]))) --last;
        fpos += j - i;
        seg_in = last;
        seg_f = fpos - (j - last);
        seg_out = out.size() + (last - pend);
        i = j;
        continue;
      }
    }
    size_t len;
    char32_t c = decode(in, i, len);
    Kind k = kind(folds, c);
    if (k != kContinues) {  // a new segment starts here
      if (open && (clean_run >= kCleanRunToClose || i - reg_in >= kMaxRegion)) close(i);
      seg_in = i;
      seg_f = fpos;
      seg_out = out.size() + (i - pend);
    }
    if (k == kStarts || k == kContinues) {
      if (!open) {
        open = true;
        reg_in = seg_in;
        reg_f = seg_f;
        reg_out = seg_out;
      }
      clean_run = 0;
    } else {
      ++clean_run;
    }
    if (k == kFold) {
      flush(i);
      r.folded.add(fpos, i);
      size_t before = out.size();
      utf8::append(out, fold_at(in, i, c, folds));
      fpos += out.size() - before;
      r.folded.add(fpos, i + len);
      pend = i + len;
    } else {
      fpos += len;
    }
    i += len;
  }
  if (open) {
    close(in.size());
  } else {
    flush(in.size());
  }
  r.composed.shrink_to_fit();
  r.folded.shrink_to_fit();
}

}  // namespace

Folds::Folds(std::vector<std::pair<char32_t, char32_t>> letters)
    : letters_(std::move(letters)), kinds_(0x10000) {
  for (char32_t c = 0; c < 0x10000; ++c) kinds_[c] = kind_of(c);
  // The code points of the skip's ranges that are not clean: it may leave out one, and only
  // a two-byte one (U+00C0..U+02FF); more, and normalize() reads these letters one by one.
  std::vector<char32_t> odd;
  for (auto [lo, hi] : {std::pair<char32_t, char32_t>{0xC0, 0x2FF}, {0x1E80, 0x1EFF}}) {
    for (char32_t c = lo; c <= hi; ++c) {
      if (kinds_[c] != kClean) odd.push_back(c);
    }
  }
  fast_ = odd.empty() || (odd.size() == 1 && odd[0] <= 0x2FF);
  if (fast_ && !odd.empty()) {
    skip_lead_ = static_cast<unsigned char>(0xC0 | (odd[0] >> 6));
    skip_second_ = static_cast<unsigned char>(0x80 | (odd[0] & 0x3F));
  }
}

const Folds& Folds::none() {
  static const Folds f;
  return f;
}

char32_t Folds::fold(char32_t c) const {
  if (char32_t f = text_fold(c)) return f;
  for (const auto& [from, to] : letters_) {
    if (from == c) return to;
  }
  return 0;
}

uint8_t Folds::kind_of(char32_t c) const {
  if (fold(c)) return kFold;
  UChar32 u = static_cast<UChar32>(c);
  if (!nfc().hasBoundaryBefore(u)) return kContinues;
  return u_getIntPropertyValue(u, UCHAR_NFC_QUICK_CHECK) == UNORM_YES ? kClean : kStarts;
}

Normalized normalize(std::string_view in, const Folds& folds) {
  Normalized r;
  size_t piece;
  size_t first = first_change(in, piece, folds);
  if (first == in.size()) {
    r.unchanged = true;
    return r;
  }
  build(in, piece, r, folds);
  return r;
}

}  // namespace trich
