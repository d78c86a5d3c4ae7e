// UTF-8 validation: the vectorized valid_prefix against the byte-at-a-time automaton, on every
// short sequence of the bytes where UTF-8's rules change, placed across the 16-byte blocks
// the vectorized one reads, and on random mixtures of characters and stray bytes.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "base/utf8.h"

using namespace trich;

namespace {

// Bytes at the edges of UTF-8's ranges (ASCII, continuation bytes by quarter, each lead).
const std::vector<unsigned char> kEdges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                           0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                           0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

}  // namespace

TEST_CASE("valid_prefix: known answers") {
  struct Case {
    std::string in;
    size_t want;
  };
  const std::string vi = "Ngh\xE1\xBB\x8B \xC4\x91\xE1\xBB\x8Bnh s\xE1\xBB\x91 30/2020";  // 3-, 2-byte letters
  std::vector<Case> cases = {
      {"", 0},
      {"abc", 3},
      {vi, vi.size()},
      {vi + vi + vi, 3 * vi.size()},
      {std::string(15, 'a') + "\xC4", 15},                     // a lead byte cut at the end
      {std::string(15, 'a') + "\xC4\x91" + std::string(20, 'b'), 37},  // across a block edge
      {std::string(16, 'a') + "\x80" + std::string(20, 'b'), 16},      // a stray continuation
      {std::string(14, 'a') + "\xE1\xBB" + "x" + std::string(20, 'b'), 14},  // cut short
      {std::string(13, 'a') + "\xF0\x9F\x98\x80" + "\x80" + std::string(20, 'b'), 17},  // 5th byte
      {std::string(20, 'a') + "\xED\xA0\x80", 20},             // a surrogate
      {std::string(20, 'a') + "\xE0\x80\xAF", 20},             // overlong
      {std::string(20, 'a') + "\xF4\x90\x80\x80", 20},         // above U+10FFFF
      {std::string(20, 'a') + "\xC1\xBF", 20},                 // overlong 2-byte
  };
  for (const auto& c : cases) {
    INFO(c.in.size() << " bytes");
    CHECK(utf8::valid_prefix_scalar(c.in) == c.want);
    CHECK(utf8::valid_prefix(c.in) == c.want);
  }
}

TEST_CASE("valid_prefix: every sequence of up to 4 edge bytes, at every offset in a block") {
  const std::string pad = "\xC4\x91\xE1\xBB\x8B" "ab c\xE1\xBA\xA1";  // valid, mixed lengths
  size_t checked = 0, differ = 0;
  std::string s;
  for (size_t len = 1; len <= 4; ++len) {
    std::vector<size_t> digit(len, 0);
    for (;;) {
      std::string seq;
      for (size_t d : digit) seq += static_cast<char>(kEdges[d]);
      for (size_t offset : {0, 1, 12, 13, 14, 15, 16, 29, 31}) {
        s.assign(offset, 'x');
        s += seq;
        s += pad + pad + pad;
        ++checked;
        if (utf8::valid_prefix(s) != utf8::valid_prefix_scalar(s)) {
          if (++differ <= 5) FAIL_CHECK("differs at offset " << offset << ", length " << len);
        }
        // And the same with the sequence at the very end.
        s.assign(offset, 'x');
        s += seq;
        if (utf8::valid_prefix(s) != utf8::valid_prefix_scalar(s)) ++differ;
      }
      size_t k = 0;
      while (k < len && ++digit[k] == kEdges.size()) digit[k++] = 0;
      if (k == len) break;
    }
  }
  CHECK(checked > 3000000);
  CHECK(differ == 0);
}

TEST_CASE("valid_prefix: random mixtures of characters and stray bytes") {
  std::mt19937 rng(20261126);
  const std::vector<std::string> pieces = {
      "a", " ", "1", "\n", "\xC4\x91", "\xC6\xB0", "\xE1\xBB\x87", "\xE1\xBA\xA5",
      "\xF0\x9F\x98\x80", "\xE2\x80\x93", "\xC2\xA0", "\xEF\xBB\xBF"};
  size_t differ = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    size_t len = rng() % 120;
    bool dirty = rng() % 2;
    while (s.size() < len) {
      if (dirty && rng() % 40 == 0) {
        s += static_cast<char>(rng() % 256);  // a stray byte anywhere
      } else {
        s += pieces[rng() % pieces.size()];
      }
    }
    if (utf8::valid_prefix(s) != utf8::valid_prefix_scalar(s)) ++differ;
  }
  CHECK(differ == 0);
}

TEST_CASE("count_code_points counts lead bytes, sixteen at a time or not") {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", "\xC4\x91", "\xE1\xBB\x87", "\xF0\x9F\x98\x80", " "};
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    size_t want = 0, len = rng() % 100;
    while (s.size() < len) {
      s += pieces[rng() % pieces.size()];
      ++want;
    }
    REQUIRE(utf8::count_code_points(s) == want);
  }
}

TEST_CASE("to_lower agrees with ICU's full lower-casing") {
  auto icu_lower = [](const std::string& s) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
        .toLower(icu::Locale("vi"))
        .toUTF8String(out);
    return out;
  };
  size_t differ = 0;
  auto check = [&](const std::string& s) {
    if (utf8::to_lower(s) != icu_lower(s) && ++differ <= 5) FAIL_CHECK("differs on " << s);
  };
  for (char32_t c = 1; c < 0x2200; ++c) {
    if (c >= 0xD800) break;
    std::string s = "A";
    utf8::append(s, c);
    s += "\xC4\x90";  // Đ
    check(s);
  }
  for (char32_t c = 0x1E00; c < 0x1F00; ++c) {
    std::string s;
    utf8::append(s, c);
    check(s);
  }
  check("NGH\xE1\xBB\x8A \xC4\x90\xE1\xBB\x8ANH");        // NGHỊ ĐỊNH
  check("\xCE\x9F\xCE\xA3 \xCE\xA3\xCE\x9F\xCE\xA3");      // Greek final sigma
  check("\xC4\xB0stanbul");                                 // U+0130
  CHECK(differ == 0);
}
