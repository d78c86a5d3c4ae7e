#include "io/decode.h"

#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "base/utf8.h"

namespace trich {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---------------------------------------------------------------------------------------
// Single-byte encodings: a table of what each byte decodes to, filled at first use from the
// converter that defines the encoding (ICU for windows-1258, glibc's iconv for TCVN3 and
// VISCII). No byte value is written here by hand.

struct ByteTable {
  struct Entry {
    char utf8[4];
    uint8_t len = 0;
    bool mapped = false;   // false: the converter has no character for the byte (U+FFFD)
    bool same = false;     // decodes to itself (ASCII): no copy through the table needed
  };
  bool ok = false;         // false: the converter is missing on this system
  std::array<Entry, 256> e{};
};

void set_entry(ByteTable::Entry& e, int byte, char32_t cp, bool mapped) {
  std::string s;
  utf8::append(s, cp);
  std::memcpy(e.utf8, s.data(), s.size());
  e.len = static_cast<uint8_t>(s.size());
  e.mapped = mapped;
  e.same = mapped && cp == static_cast<char32_t>(byte) && cp < 0x80;
}

ByteTable table_from_icu(const char* name) {
  ByteTable t;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &status);
  if (U_FAILURE(status)) return t;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  for (int b = 0; b < 256; ++b) {
    char in = static_cast<char>(b);
    UChar out[4];
    status = U_ZERO_ERROR;
    ucnv_reset(cnv);
    int32_t n = ucnv_toUChars(cnv, out, 4, &in, 1, &status);
    bool ok = U_SUCCESS(status) && n == 1 && !U16_IS_SURROGATE(out[0]);
    set_entry(t.e[b], b, ok ? out[0] : 0xFFFD, ok);
  }
  ucnv_close(cnv);
  t.ok = true;
  return t;
}

ByteTable table_from_iconv(const char* name) {
  ByteTable t;
  iconv_t cd = iconv_open("UTF-32LE", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return t;
  for (int b = 0; b < 256; ++b) {
    char in = static_cast<char>(b);
    char out[32];
    char* ip = &in;
    char* op = out;
    size_t il = 1, ol = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // initial state
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    // TCVN5712-1 holds a base letter back to compose it with a following tone mark: flush.
    if (r != static_cast<size_t>(-1)) r = iconv(cd, nullptr, nullptr, &op, &ol);
    size_t produced = static_cast<size_t>(op - out);
    bool ok = r != static_cast<size_t>(-1) && il == 0 && produced == 4;
    char32_t cp = 0xFFFD;
    if (ok) {
      cp = static_cast<unsigned char>(out[0]) | static_cast<unsigned char>(out[1]) << 8 |
           static_cast<unsigned char>(out[2]) << 16 |
           static_cast<char32_t>(static_cast<unsigned char>(out[3])) << 24;
      ok = cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
      if (!ok) cp = 0xFFFD;
    }
    set_entry(t.e[b], b, cp, ok);
  }
  iconv_close(cd);
  t.ok = true;
  return t;
}

// The table of a single-byte encoding name, or nullptr when `name` is not one. Thread-safe.
const ByteTable* table_for(std::string_view name) {
  if (name == "windows-1258") {
    static const ByteTable t = table_from_icu("windows-1258");
    return &t;
  }
  if (name == "tcvn3") {
    static const ByteTable t = table_from_iconv("TCVN5712-1");
    return &t;
  }
  if (name == "viscii") {
    static const ByteTable t = table_from_iconv("VISCII");
    return &t;
  }
  return nullptr;
}

const char* const kLegacy[] = {"windows-1258", "tcvn3", "viscii"};  // ties go to the first

// Every byte becomes one code point; its two ends are recorded (OffsetMap keeps only the
// characters longer than their byte, so ASCII runs cost nothing).
void decode_table(std::string_view in, const ByteTable& t, const std::string& name,
                  Decoded& d, const std::string& source) {
  std::string out;
  out.reserve(in.size() + in.size() / 2);
  bool warned = false;
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(in[i]);
    const ByteTable::Entry& e = t.e[b];
    if (e.same) {
      out += static_cast<char>(b);
      continue;
    }
    if (!e.mapped && !warned) {
      d.warnings.push_back(warning_at(
          source, 0, fmt::format("byte 0x{:02X} at byte {} has no character in {}; decoded "
                                 "with U+FFFD", b, i, name)));
      warned = true;
    }
    d.to_input.add(out.size(), i);
    out.append(e.utf8, e.len);
    d.to_input.add(out.size(), i + 1);
  }
  d.to_input.shrink_to_fit();
  d.text = std::move(out);
  d.encoding = name;
}

// ---------------------------------------------------------------------------------------
// UTF-16: by arithmetic, one code point at a time so that each knows its two or four bytes.
void decode_utf16(std::string_view in, size_t skip, bool le, Decoded& d,
                  const std::string& source) {
  auto unit = [&](size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(in[i]), b = static_cast<unsigned char>(in[i + 1]);
    return le ? (a | b << 8) : (a << 8 | b);
  };
  std::string out;
  out.reserve((in.size() - skip) / 2 * 3 / 2 + 4);
  // ASCII is in step at two bytes per byte, so only the other characters are recorded.
  d.to_input = OffsetMap(skip, 2);
  bool warned = false;
  auto bad = [&](size_t at) {
    if (warned) return;
    warned = true;
    d.warnings.push_back(warning_at(
        source, 0, fmt::format("invalid UTF-16 at byte {}; decoded with U+FFFD", at)));
  };
  size_t i = skip, n = in.size();
  while (i < n) {
    size_t start = i;
    char32_t cp;
    if (i + 1 >= n) {  // an odd last byte
      bad(i);
      cp = 0xFFFD;
      i = n;
    } else {
      char32_t u = unit(i);
      i += 2;
      if (u < 0xD800 || u > 0xDFFF) {
        cp = u;
      } else if (u <= 0xDBFF && i + 1 < n && unit(i) >= 0xDC00 && unit(i) <= 0xDFFF) {
        cp = 0x10000 + ((u - 0xD800) << 10) + (unit(i) - 0xDC00);
        i += 2;
      } else {  // an unpaired surrogate
        bad(start);
        cp = 0xFFFD;
      }
    }
    if (cp < 0x80 && i - start == 2) {
      out += static_cast<char>(cp);
      continue;
    }
    d.to_input.add(out.size(), start);
    utf8::append(out, cp);
    d.to_input.add(out.size(), i);
  }
  d.to_input.shrink_to_fit();
  d.text = std::move(out);
}

// ---------------------------------------------------------------------------------------
// UTF-8 with each maximal invalid sequence replaced by U+FFFD, keeping the map exact.
// `base` is the input offset of in[0] (after a BOM).
void decode_lossy_utf8(std::string_view in, size_t base, Decoded& d, const std::string& source,
                       bool warn = true) {
  std::string out;
  out.reserve(in.size() + 16);
  size_t i = 0;
  bool warned = !warn;
  while (i < in.size()) {
    size_t good = utf8::valid_prefix(in.substr(i));
    out.append(in.data() + i, good);
    i += good;
    if (i >= in.size()) break;
    if (!warned) {
      d.warnings.push_back(warning_at(
          source, 0, fmt::format("invalid UTF-8 at byte {}; decoded with U+FFFD", base + i)));
      warned = true;
    }
    d.to_input.add(out.size(), base + i);
    out += "\xEF\xBF\xBD";
    ++i;
    while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
    d.to_input.add(out.size(), base + i);
  }
  d.to_input.shrink_to_fit();
  d.text = std::move(out);
}

// UTF-8 after an optional byte-order mark; the bytes are moved, not copied, when valid.
void decode_utf8(std::string&& bytes, Decoded& d, const std::string& source) {
  std::string_view in(bytes);
  size_t skip = starts_with(in, "\xEF\xBB\xBF") ? 3 : 0;
  d.encoding = skip ? "utf-8-bom" : "utf-8";
  in.remove_prefix(skip);
  d.to_input = OffsetMap(skip);
  if (utf8::valid_prefix(in) != in.size()) {
    decode_lossy_utf8(in, skip, d, source);
  } else if (skip) {
    d.text.assign(in);
  } else {
    d.text = std::move(bytes);
  }
}

// ---------------------------------------------------------------------------------------
// The shape of Vietnamese syllables (what the legacy encodings were made to write).

bool is_vowel(char32_t c) {
  switch (c | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool is_edge_punct(char32_t c) {  // quotes, dashes, bullets, ellipsis around a word
  return (c >= 0x2010 && c <= 0x205E) || c == 0xAB || c == 0xBB;
}

bool is_separator(char32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

// Marks a syllable may carry, and the vowels each may sit on ("" = any vowel: a tone).
const char* mark_bases(char32_t m) {
  switch (m) {
    case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323: return "";  // tones
    case 0x0302: return "aeo";   // circumflex
    case 0x0306: return "a";     // breve
    case 0x031B: return "ou";    // horn
    default: return nullptr;
  }
}

bool syllable_shaped(const std::vector<char32_t>& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return false;
  char32_t base = 0;
  int tones = 0, vowel_runs = 0, run = 0;
  bool small_seen = false;
  auto one = [&](char32_t c) {
    if (const char* bases = mark_bases(c)) {
      if (!base || !is_vowel(base)) return false;
      if (*bases == 0) return ++tones <= 1;
      return std::strchr(bases, static_cast<int>(base | 0x20)) != nullptr;
    }
    bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!ascii_letter && c != 0x0110 && c != 0x0111) return false;
    bool capital = (c >= 'A' && c <= 'Z') || c == 0x0110;
    if (capital && small_seen) return false;
    small_seen |= !capital;
    base = c;
    if (is_vowel(c)) {
      if (run++ == 0) ++vowel_runs;
      return vowel_runs <= 1 && run <= 3;
    }
    run = 0;
    return true;
  };
  icu::UnicodeString dec;
  for (char32_t c : word) {
    if (c < 0x80) {
      if (!one(c)) return false;
      continue;
    }
    if (!nfd->getDecomposition(static_cast<UChar32>(c), dec)) {
      if (!one(c)) return false;
      continue;
    }
    for (int32_t k = 0; k < dec.length(); k = dec.moveIndex32(k, 1)) {
      if (!one(static_cast<char32_t>(dec.char32At(k)))) return false;
    }
  }
  return true;
}

ShapeScore score_utf8(std::string_view text) {
  ShapeScore s;
  std::vector<char32_t> word;
  auto judge = [&] {
    size_t b = 0, e = word.size();
    while (b < e && is_edge_punct(word[b])) ++b;
    while (e > b && is_edge_punct(word[e - 1])) --e;
    bool ascii = true;
    for (size_t k = b; k < e; ++k) ascii &= word[k] < 0x80;
    if (!ascii) {
      ++s.judged;
      std::vector<char32_t> core(word.begin() + static_cast<std::ptrdiff_t>(b),
                                 word.begin() + static_cast<std::ptrdiff_t>(e));
      s.good += syllable_shaped(core);
    }
    word.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8::next(text, i);
    if (is_separator(c)) {
      if (!word.empty()) judge();
    } else if (word.size() < 64) {  // longer is no syllable either way
      word.push_back(c);
    }
  }
  if (!word.empty()) judge();
  return s;
}

constexpr size_t kBinaryWindow = 8192;
constexpr size_t kSampleBytes = 64 * 1024;  // detection reads this much around the first bad byte
constexpr double kMinShare = 0.6;           // a legacy reading must look at least this Vietnamese

// Decodes `in` as the forced encoding `name` (BOMs and binary are handled by the caller).
bool decode_as(std::string_view in, std::string_view name, Decoded& d, const std::string& source) {
  if (const ByteTable* t = table_for(name)) {
    if (!t->ok) return false;
    decode_table(in, *t, std::string(name), d, source);
    return true;
  }
  return false;
}

// A stretch of `in` that shows its encoding: from a little before the first byte that is not
// UTF-8, cut at ASCII spaces so that no word is split.
std::string_view detection_sample(std::string_view in, size_t first_bad) {
  size_t from = first_bad > 1024 ? first_bad - 1024 : 0;
  size_t to = std::min(in.size(), from + kSampleBytes);
  if (from > 0) {
    size_t sp = in.find_first_of(" \t\r\n", from);
    if (sp != std::string_view::npos && sp < first_bad) from = sp + 1;
  }
  if (to < in.size()) {
    size_t sp = in.find_last_of(" \t\r\n", to);
    if (sp != std::string_view::npos && sp > first_bad) to = sp;
  }
  return in.substr(from, to - from);
}

// Evidence for damaged UTF-8: how many multi-byte sequences of `in` are valid, and how many
// invalid runs (as decode_lossy_utf8 replaces them) there are. Legacy Vietnamese text makes a
// valid sequence by chance only now and then (at most 1 per 5 invalid runs on 391 documents).
bool mostly_utf8(std::string_view in) {
  size_t valid = 0, invalid = 0, i = 0;
  while (i < in.size()) {
    size_t good = utf8::valid_prefix(in.substr(i));
    for (size_t k = i; k < i + good; ++k) {
      valid += (static_cast<unsigned char>(in[k]) & 0xC0) == 0xC0;
    }
    i += good;
    if (i >= in.size()) break;
    ++invalid;
    ++i;
    while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
  }
  return valid >= invalid;
}

// The first NUL in the binary window, or npos.
size_t first_nul(std::string_view in) {
  const void* p = std::memchr(in.data(), 0, std::min(in.size(), kBinaryWindow));
  return p ? static_cast<size_t>(static_cast<const char*>(p) - in.data()) : std::string_view::npos;
}

// "" or a hint when the NULs look like UTF-16 text without a byte-order mark.
std::string utf16_hint(std::string_view in) {
  size_t n = std::min(in.size(), kBinaryWindow) & ~size_t{1};
  if (n < 16) return "";
  size_t zero[2] = {0, 0};
  for (size_t i = 0; i < n; ++i) zero[i & 1] += in[i] == 0;
  size_t half = n / 2;
  if (zero[1] * 10 > half * 4 && zero[0] * 20 < half) return " (it looks like UTF-16LE: try --encoding utf-16le)";
  if (zero[0] * 10 > half * 4 && zero[1] * 20 < half) return " (it looks like UTF-16BE: try --encoding utf-16be)";
  return "";
}

}  // namespace

const std::vector<std::string>& known_encodings() {
  static const std::vector<std::string> names = {"utf-8",        "utf-16le", "utf-16be",
                                                 "windows-1258", "tcvn3",    "viscii"};
  return names;
}

ShapeScore vietnamese_shape(std::string_view bytes, std::string_view encoding) {
  Decoded d;
  std::string none;
  if (encoding == "utf-8") {
    decode_lossy_utf8(bytes, 0, d, none, false);
  } else if (encoding == "utf-16le" || encoding == "utf-16be") {
    decode_utf16(bytes, 0, encoding == "utf-16le", d, none);
  } else if (!decode_as(bytes, encoding, d, none)) {
    return {};
  }
  return score_utf8(d.text);
}

Decoded decode(std::string&& bytes, std::string_view forced, const std::string& source) {
  Decoded d;
  std::string_view in(bytes);
  bool detect = forced.empty() || forced == "auto";

  // UTF-16 first: its text is full of NUL bytes.
  bool le = detect ? starts_with(in, "\xFF\xFE") : forced == "utf-16le";
  bool be = detect ? starts_with(in, "\xFE\xFF") : forced == "utf-16be";
  if (le || be) {
    size_t skip = starts_with(in, le ? "\xFF\xFE" : "\xFE\xFF") ? 2 : 0;
    d.encoding = le ? "utf-16le" : "utf-16be";
    decode_utf16(in, skip, le, d, source);
    return d;
  }

  // Binary as grep decides: a NUL byte in the first 8 KiB. A forced encoding is the user's
  // word that the input is text (as grep -a), and decodes NUL as U+0000.
  size_t nul = detect ? first_nul(in) : std::string_view::npos;
  if (nul != std::string_view::npos) {
    d.encoding = "binary";
    d.binary = true;
    d.warnings.push_back(warning_at(
        source, 0, fmt::format("binary file (NUL byte at {}); skipped{}", nul, utf16_hint(in))));
    return d;
  }

  if (!detect && forced != "utf-8") {
    if (decode_as(in, forced, d, source)) return d;
    d.warnings.push_back(warning_at(
        source, 0, fmt::format("encoding {} is not available on this system; read as UTF-8",
                               forced)));
  }
  if (!detect || starts_with(in, "\xEF\xBB\xBF")) {
    decode_utf8(std::move(bytes), d, source);
    return d;
  }

  size_t first_bad = utf8::valid_prefix(in);
  if (first_bad == in.size()) {  // valid UTF-8 is never read as anything else
    d.encoding = "utf-8";
    d.text = std::move(bytes);
    return d;
  }
  std::string_view sample = detection_sample(in, first_bad);
  if (mostly_utf8(sample)) {  // damaged UTF-8, not another encoding
    decode_utf8(std::move(bytes), d, source);
    return d;
  }
  double best = kMinShare;
  const char* winner = nullptr;
  double utf8_share = vietnamese_shape(sample, "utf-8").share();
  for (const char* name : kLegacy) {
    if (!table_for(name)->ok) continue;
    double share = vietnamese_shape(sample, name).share();
    if (share > utf8_share && (share > best || (!winner && share == best))) {
      best = share;
      winner = name;
    }
  }
  if (winner && decode_as(in, winner, d, source)) return d;
  decode_utf8(std::move(bytes), d, source);
  return d;
}

}  // namespace trich
