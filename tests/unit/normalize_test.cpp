// Normalization for matching and its map back to the input: folds, NFC composition of the
// decomposed tone marks that windows-1258 and NFD inputs carry, and the map's invariants
// (every code point boundary maps inside the input, in order, onto a boundary).
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "io/decode.h"
#include "text/normalize.h"

using namespace trich;

namespace {

std::string text_of(const std::string& in, const Normalized& n) { return n.unchanged ? in : n.text; }

// The letter folds rules/vi/letters.toml gives: U+00D0 (eth) typed for U+0110 (D with stroke).
const Folds& eth() {
  static const Folds f({{0xD0, 0x110}});
  return f;
}

Normalized normalize(const std::string& in) { return trich::normalize(in, eth()); }

bool is_boundary(const std::string& s, size_t o) {
  return o == 0 || o == s.size() || (o < s.size() && utf8::is_lead(static_cast<unsigned char>(s[o])));
}

// The invariants spans rely on, at every code point boundary of the normalized text, for the
// start (to_input) and the end (to_input_end) of a span.
void check_invariants(const std::string& in) {
  Normalized n = normalize(in);
  std::string out = text_of(in, n);
  CHECK(utf8::valid_prefix(out) == out.size());
  for (bool end : {false, true}) {
    auto map = [&](size_t o) { return n.unchanged ? o : end ? n.to_input_end(o) : n.to_input(o); };
    INFO((end ? "to_input_end" : "to_input"));
    size_t prev = 0, i = 0;
    CHECK(map(0) == 0);
    while (true) {
      size_t m = map(i);
      INFO("normalized offset " << i << " -> " << m);
      REQUIRE(m >= prev);
      REQUIRE(m <= in.size());
      REQUIRE(is_boundary(in, m));
      if (!n.unchanged) REQUIRE(n.to_input(i) <= n.to_input_end(i));
      prev = m;
      if (i >= out.size()) break;
      utf8::next(out, i);
    }
    CHECK(map(out.size()) == in.size());
  }
}

}  // namespace

TEST_CASE("normalized text: folds and NFC") {
  struct Case {
    const char* name;
    std::string in, out;
    bool unchanged;
  } cases[] = {
      {"ASCII is left alone", "Nghi quyet 12", "Nghi quyet 12", true},
      {"NFC Vietnamese stays as it is", "Vi\xE1\xBB\x87t", "Vi\xE1\xBB\x87t", false},
      {"NFD composes", "Vie\xCC\xA3\xCC\x82t", "Vi\xE1\xBB\x87t", false},
      {"windows-1258 style: precomposed base, combining tone", "Vi\xC3\xAA\xCC\xA3t",
       "Vi\xE1\xBB\x87t", false},
      {"CR folds to a space", "a\r\nb", "a \nb", false},
      {"NBSP folds to a space", "a\xC2\xA0" "b", "a b", false},
      {"en dash folds", "2020\xE2\x80\x93" "2025", "2020-2025", false},
      {"eth folds to D with stroke", "\xC3\x90" "a", "\xC4\x90" "a", false},
      {"curly quotes fold", "\xE2\x80\x9C" "a\xE2\x80\x9D", "\"a\"", false},
      {"empty", "", "", true},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Normalized n = normalize(c.in);
      if (c.unchanged) CHECK(n.unchanged);  // else a copy may be made of unchanged text
      CHECK(text_of(c.in, n) == c.out);
      check_invariants(c.in);
    }
  }
}

TEST_CASE("the map back to the input holds on hostile text") {
  const std::string cases[] = {
      "",
      "\xCC\x80",                                   // a mark with no base
      "x\xCC\x82\xCC\xA3 y",                        // reordered marks, no precomposed letter
      "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",       // Hangul jamo compose to one syllable
      "\xCD\x84 tail",                              // U+0344 decomposes to two marks
      "\xE0\xBD\xB3",                               // U+0F73: one code point becomes two
      "\r\r\n\xC2\xA0\xE2\x80\x93\xCC\x80",         // folds next to a mark
      "\xEF\xBB\xBF\xEF\xBB\xBF",                   // U+FEFF in the text folds to a space
      "u\xCC\x9Bo\xCC\x9B" "c",                      // NFD horns on adjacent letters
      std::string("a\0b", 3),
  };
  for (const auto& c : cases) {
    INFO("input bytes: " << c.size());
    check_invariants(c);
  }
}

// One NFC change may turn a code point into several (U+FB2C is three, U+1D160 is three) or
// compose a base with only some of its marks. Offsets inside what is left of such a change once
// the bytes both ends share are set aside map to its start (to_input) or its end
// (to_input_end): never into a character, backwards, or past the end.
TEST_CASE("the map holds inside multi-code-point NFC changes") {
  const std::string cases[] = {
      "a\xCC\x80\xCC\x80\xCC\x80\xCC\x80",  // a pile of marks: "a" + grave composes, the rest stay
      "\xEF\xAC\xAC",                       // U+FB2C: 3 bytes become 6
      "\xF0\x9D\x85\xA0 x",                // U+1D160: 4 bytes become 12
      "\xCD\x84\xCD\x84 x",                // U+0344 twice: one change of 4 bytes into 8 (found by
                                         // normalize_fuzz in 2 seconds)
      "x\xCD\x84\xCC\x81\xCD\x84",       // U+0344, an acute, U+0344: one segment
      "\xEF\xAC\xAC\xEF\xAC\xAC\xCC\x80",  // two U+FB2C, then a grave on the second
      "\xE1\xBF\xAE\xE0\xBD\xB3",        // U+1FEE and U+0F73 each become two
  };
  for (const auto& c : cases) {
    INFO("input bytes: " << c.size());
    check_invariants(c);
  }
}

// Where each normalized offset lands: exact where the change's characters correspond, else
// the ends of what changed.
TEST_CASE("offsets inside an NFC change map to its ends") {
  struct Case {
    const char* name;
    std::string in;
    std::vector<std::pair<size_t, size_t>> start, end;  // (normalized offset, input offset)
  } cases[] = {
      // "a" + 4 graves (9 bytes) -> U+00E0 + 3 graves (8): the trailing graves are the input's.
      {"base composed with one of its marks", "a\xCC\x80\xCC\x80\xCC\x80\xCC\x80",
       {{0, 0}, {2, 3}, {4, 5}, {6, 7}, {8, 9}},
       {{0, 0}, {2, 3}, {4, 5}, {6, 7}, {8, 9}}},
      // U+FB2C (3 bytes) -> U+05E9 U+05BC U+05C1 (6): inside, the start or the end.
      {"one code point becomes three", "\xEF\xAC\xAC", {{0, 0}, {2, 0}, {4, 0}, {6, 3}},
       {{0, 0}, {2, 3}, {4, 3}, {6, 3}}},
      // U+0344 U+0344 (4 bytes) -> U+0308 U+0301 U+0308 U+0301 (8).
      {"two code points become four", "\xCD\x84\xCD\x84 x",
       {{0, 0}, {2, 0}, {4, 0}, {6, 0}, {8, 4}, {9, 5}},
       {{0, 0}, {2, 4}, {4, 4}, {6, 4}, {8, 4}, {9, 5}}},
      // NFD Vietnamese: each letter is a change of its own.
      {"NFD letters", "Vie\xCC\xA3\xCC\x82t", {{0, 0}, {2, 2}, {5, 7}, {6, 8}},
       {{0, 0}, {2, 2}, {5, 7}, {6, 8}}},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Normalized n = normalize(c.in);
      REQUIRE_FALSE(n.unchanged);
      for (auto [o, want] : c.start) {
        INFO("normalized offset " << o);
        CHECK(n.to_input(o) == want);
      }
      for (auto [o, want] : c.end) {
        INFO("normalized offset " << o);
        CHECK(n.to_input_end(o) == want);
      }
    }
  }
}

TEST_CASE("decoded legacy text normalizes with exact spans") {
  // windows-1258 writes most tones as combining marks; decode keeps them, normalize composes.
  std::string in = "Vi\xEA\xF2t Nam \xF0\xE3 \xF0\xFD\xF5\xF2" "c";
  Decoded d = decode(std::string(in), "windows-1258", "t");
  Normalized n = normalize(d.text);
  std::string out = text_of(d.text, n);
  CHECK(out == "Vi\xE1\xBB\x87t Nam \xC4\x91\xC4\x83 \xC4\x91\xC6\xB0\xE1\xBB\xA3" "c");
  size_t i = 0, prev = 0;
  while (i < out.size()) {
    utf8::next(out, i);
    size_t m = d.to_input(n.unchanged ? i : n.to_input(i));
    CHECK(m > prev);
    CHECK(m <= in.size());
    prev = m;
  }
  CHECK(prev == in.size());
}

// The letters come from the rules: without a table U+00D0 stays; the 16-byte skip leaves out
// the one folded letter of U+00C0..U+02FF (C3 90 for U+00D0), and with more than one it is
// off and the letters are read one by one, with the same result.
TEST_CASE("letter folds come from a table, fast path or not") {
  // Past the first 17 bytes of Latin letters, where the 16-byte skip runs.
  const std::string in = "Ngh\xE1\xBB\x8B quy\xE1\xBA\xBFt c\xE1\xBB\xA7" "a Ban ch\xE1\xBA\xA5p h\xC3\xA0nh "
                         "\xC3\x90\xE1\xBA\xA2NG b\xE1\xBB\x99 t\xE1\xBB\x89nh, \xC3\xB0i";
  const std::string vi = "Ngh\xE1\xBB\x8B quy\xE1\xBA\xBFt c\xE1\xBB\xA7" "a Ban ch\xE1\xBA\xA5p h\xC3\xA0nh "
                         "\xC4\x90\xE1\xBA\xA2NG b\xE1\xBB\x99 t\xE1\xBB\x89nh, \xC3\xB0i";
  CHECK(trich::normalize(in, Folds::none()).unchanged);
  CHECK(Folds::none().fast());
  CHECK(eth().fast());
  CHECK(eth().skip_lead() == 0xC3);
  CHECK(eth().skip_second() == 0x90);
  CHECK(text_of(in, normalize(in)) == vi);

  // A second letter of the skip's ranges (U+00F0 eth for U+0111 d with stroke): no skip.
  const Folds two({{0xD0, 0x110}, {0xF0, 0x111}});
  CHECK_FALSE(two.fast());
  std::string both = vi;
  both.replace(both.size() - 3, 2, "\xC4\x91");
  CHECK(text_of(in, trich::normalize(in, two)) == both);
  // The same text without U+00F0: the same output and maps as through the skip.
  const std::string no_small = in.substr(0, in.size() - 4);
  Normalized fast = normalize(no_small), slow = trich::normalize(no_small, two);
  CHECK(text_of(no_small, fast) == text_of(no_small, slow));
  for (size_t o = 0; o <= text_of(no_small, fast).size(); ++o) {
    CHECK(fast.to_input(o) == slow.to_input(o));
  }
  // A letter of U+1E80..U+1EFF (three bytes): no skip either.
  const Folds far({{0x1EA0, 0x41}});
  CHECK_FALSE(far.fast());
  CHECK(text_of("x\xE1\xBA\xA0y", trich::normalize("x\xE1\xBA\xA0y", far)) == "xAy");
  // Outside the skip's ranges (U+0410 Cyrillic A for Latin A): the skip stays on.
  const Folds cyr({{0x410, 0x41}});
  CHECK(cyr.fast());
  CHECK(text_of("\xD0\x90" "B", trich::normalize("\xD0\x90" "B", cyr)) == "AB");
}
