// Decoding: encodings detected and forced, every code point mapped back to its own input bytes,
// broken bytes, binary files, and the Vietnamese-shape score that tells legacy encodings apart.
// Vietnamese test text comes from tests/data/encodings/ (written for this project) and is
// encoded here with glibc's iconv, the same converter trich decodes TCVN3 and VISCII with.
#include <catch2/catch.hpp>

#include <iconv.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "io/decode.h"
#include "rules/ruleset.h"
#include "text/document.h"
#include "text/normalize.h"

using namespace trich;

namespace {

std::string data_file(const std::string& name) {
  std::ifstream in(std::string(TRICH_SOURCE_DIR) + "/tests/data/encodings/" + name,
                   std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

// UTF-8 -> `to` with glibc's iconv (nothing untranslatable in our own test text).
std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* ip = const_cast<char*>(utf8.data());
  char* op = out.data();
  size_t il = utf8.size(), ol = out.size();
  size_t r = iconv(cd, &ip, &il, &op, &ol);
  REQUIRE(r != static_cast<size_t>(-1));
  iconv(cd, nullptr, nullptr, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

std::string nfc(const std::string& s) {
  Normalized n = normalize(s, Folds::none());
  return n.unchanged ? s : n.text;
}

Decoded dec(std::string bytes, const char* forced = "auto") {
  return decode(std::move(bytes), forced, "t.txt");
}

// Every code point boundary of the decoded text maps inside the input, in order, and each
// code point decodes back from exactly its own input bytes.
void check_map(const std::string& input, const Decoded& d, const char* forced) {
  size_t prev = d.to_input(0), i = 0;
  CHECK(prev <= input.size());
  while (i < d.text.size()) {
    size_t b = i;
    utf8::next(d.text, i);
    size_t from = d.to_input(b), to = d.to_input(i);
    REQUIRE(from >= prev);
    REQUIRE(to > from);
    REQUIRE(to <= input.size());
    Decoded one = decode(input.substr(from, to - from), forced, "piece");
    INFO("code point at " << b << " from input bytes [" << from << ", " << to << ")");
    REQUIRE(one.text == d.text.substr(b, i - b));
    prev = to;
  }
}

struct Legacy {
  const char* name;   // trich's name
  const char* iconv;  // glibc's name, to encode test text
};
const Legacy kLegacy[] = {
    {"windows-1258", "CP1258"}, {"tcvn3", "TCVN5712-1"}, {"viscii", "VISCII"}};

}  // namespace

TEST_CASE("encodings are named by what announces or proves them") {
  std::string vi = data_file("report.utf-8.txt");
  struct Case {
    const char* name;
    std::string input;
    const char* encoding;
    std::string text;
  } cases[] = {
      {"empty", "", "utf-8", ""},
      {"ASCII", "So 12/2020\n", "utf-8", "So 12/2020\n"},
      {"Vietnamese UTF-8", vi, "utf-8", vi},
      {"NFD UTF-8", "Vie\xCC\xA3t", "utf-8", "Vie\xCC\xA3t"},
      {"UTF-8 BOM", "\xEF\xBB\xBF" "ab", "utf-8-bom", "ab"},
      {"UTF-16LE BOM", std::string("\xFF\xFE" "a\0\x10\x01", 6), "utf-16le", "a\xC4\x90"},
      {"UTF-16BE BOM", std::string("\xFE\xFF\0a\x01\x10", 6), "utf-16be", "a\xC4\x90"},
      {"UTF-16LE surrogate pair", std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "utf-16le",
       "\xF0\x9F\x98\x80"},
      {"UTF-16 BOM only", "\xFF\xFE", "utf-16le", ""},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Decoded d = dec(c.input);
      CHECK(d.encoding == c.encoding);
      CHECK(d.text == c.text);
      CHECK(d.warnings.empty());
      CHECK_FALSE(d.binary);
      check_map(c.input, d, c.encoding == std::string("utf-8-bom") ? "utf-8" : c.encoding);
    }
  }
}

TEST_CASE("valid UTF-8 is never read as a legacy encoding") {
  // Bytes that are valid UTF-8 and also plausible windows-1258/TCVN3 text are UTF-8.
  for (const auto& line : lines_of(data_file("sentences.txt"))) {
    Decoded d = dec(line);
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == line);
  }
  // "\xC3\xA1" is U+00E1 in UTF-8, and two letters in windows-1258 and TCVN3.
  CHECK(dec("c\xC3\xA1" "c").encoding == "utf-8");
}

TEST_CASE("windows-1258, TCVN3 and VISCII are told apart on Vietnamese sentences") {
  auto sentences = lines_of(data_file("sentences.txt"));
  REQUIRE(sentences.size() >= 10);
  for (const auto& enc : kLegacy) {
    for (const auto& line : sentences) {
      std::string bytes = encode(line, enc.iconv);
      Decoded d = dec(bytes);
      INFO(enc.name << ": " << line);
      CHECK(d.encoding == enc.name);
      CHECK(d.warnings.empty());
      CHECK(nfc(d.text) == nfc(line));
    }
  }
}

TEST_CASE("the test documents decode to their UTF-8 original") {
  std::string original = nfc(data_file("report.utf-8.txt"));
  struct Case {
    const char* file;
    const char* encoding;
  } cases[] = {
      {"report.utf-8-bom.txt", "utf-8-bom"},   {"report.utf-16le.txt", "utf-16le"},
      {"report.utf-16be.txt", "utf-16be"},     {"report.windows-1258.txt", "windows-1258"},
      {"report.tcvn3.txt", "tcvn3"},           {"report.viscii.txt", "viscii"},
      {"report.windows-1258-crlf.txt", "windows-1258"},
  };
  for (const auto& c : cases) {
    SECTION(c.file) {
      std::string bytes = data_file(c.file);
      Decoded d = dec(bytes);
      CHECK(d.encoding == c.encoding);
      std::string crlf_free;
      for (char ch : d.text) {
        if (ch != '\r') crlf_free += ch;
      }
      CHECK(nfc(crlf_free) == original);
      check_map(bytes, d, std::string(c.encoding) == "utf-8-bom" ? "utf-8" : c.encoding);
    }
  }
}

TEST_CASE("windows-1258 combining tone marks map to their own byte") {
  // "Vi" + e-circumflex (0xEA) + combining dot below (0xF2) + "t": the mark is one input byte.
  std::string in = "Vi\xEA\xF2t 2019 \xE1\xF2";
  Decoded d = dec(in, "windows-1258");
  CHECK(d.encoding == "windows-1258");
  CHECK(d.text == "Vi\xC3\xAA\xCC\xA3t 2019 \xC3\xA1\xCC\xA3");
  check_map(in, d, "windows-1258");
  Document doc("t.txt", std::move(d), Folds::none());
  CHECK(doc.text().substr(0, 6) == "Vi\xE1\xBB\x87t");  // composed for matching
  Span s = doc.span(0, 5);  // "Vi" + e-circumflex-dot: four input bytes
  CHECK(s.start == 0);
  CHECK(s.end == 4);
  CHECK(s.text == "Vi\xC3\xAA\xCC\xA3");
  CHECK(doc.span(0, 6).end == 5);
  size_t y = doc.text().find("2019");
  Span year = doc.span(y, y + 4);
  CHECK(in.substr(year.start, year.end - year.start) == "2019");
  CHECK(year.column == 7);  // V i e (dot) t space: the mark is a code point of the input line
}

TEST_CASE("long legacy and UTF-16 texts: exact offsets, under a byte per non-ASCII character") {
  // Each code point is one byte of a single-byte encoding, two or four of UTF-16: the map
  // must say so at every boundary, looked up forwards and backwards, while keeping only a few
  // bits per non-ASCII character (16 bytes each when every one was an anchor).
  std::string one = data_file("report.utf-8.txt"), utf8;
  for (int k = 0; k < 100; ++k) utf8 += one;
  struct Case {
    const char* name;
    const char* iconv;
    bool utf16;
  } cases[] = {{"windows-1258", "CP1258", false}, {"tcvn3", "TCVN5712-1", false},
               {"viscii", "VISCII", false},       {"utf-16le", "UTF-16LE", true},
               {"utf-16be", "UTF-16BE", true}};
  for (const auto& c : cases) {
    SECTION(c.name) {
      std::string bytes = encode(utf8, c.iconv);
      Decoded d = dec(bytes, c.name);
      REQUIRE(d.warnings.empty());
      std::vector<std::pair<size_t, size_t>> want;  // (text offset, input offset)
      size_t i = 0, at = 0, non_ascii = 0;
      want.push_back({0, 0});
      while (i < d.text.size()) {
        char32_t cp = utf8::next(d.text, i);
        non_ascii += cp >= 0x80;
        at += !c.utf16 ? 1 : cp >= 0x10000 ? 4 : 2;
        want.push_back({i, at});
      }
      CHECK(at == bytes.size());
      size_t wrong = 0;
      for (auto [o, b] : want) wrong += d.to_input(o) != b;
      for (auto it = want.rbegin(); it != want.rend(); ++it) {
        wrong += d.to_input(it->first) != it->second;
      }
      CHECK(wrong == 0);
      INFO(non_ascii << " non-ASCII characters, map of " << d.to_input.memory() << " bytes");
      CHECK(non_ascii > 10000);
      CHECK(d.to_input.memory() * 10 < non_ascii * 7);
    }
  }
}

TEST_CASE("forced encodings are used as given") {
  std::string tcvn = data_file("report.tcvn3.txt");
  for (const auto& enc : kLegacy) {
    Decoded d = dec(tcvn, enc.name);
    CHECK(d.encoding == enc.name);
    check_map(tcvn, d, enc.name);
  }
  Decoded as_utf8 = dec(tcvn, "utf-8");
  CHECK(as_utf8.encoding == "utf-8");
  REQUIRE(as_utf8.warnings.size() == 1);
  // UTF-16 without a byte-order mark, when forced.
  Decoded le = dec(std::string("a\0b\0", 4), "utf-16le");
  CHECK(le.text == "ab");
  Decoded be = dec(std::string("\0a\0b", 4), "utf-16be");
  CHECK(be.text == "ab");
  // A UTF-8 BOM is stripped under --encoding utf-8 too.
  CHECK(dec("\xEF\xBB\xBFx", "utf-8").text == "x");
  for (const auto& name : known_encodings()) {
    INFO(name);
    CHECK(dec("plain", name.c_str()).encoding == name);
  }
}

TEST_CASE("invalid UTF-8 that is no other encoding: U+FFFD and one warning at the first bad byte") {
  struct Case {
    const char* name;
    std::string input;
    size_t first_bad;
  } cases[] = {
      {"stray bytes", "ab \xFF\xFE cd \xFF", 3},
      {"truncated sequence at the end", "Vi\xE1\xBB\x87t Nam \xE1\xBB", 11},
      {"Latin-1 French", "Le caf\xE9 \xE9tait tr\xE8s cher, gar\xE7on; o\xF9 est la for\xEAt?", 6},
      {"Latin-1 German", "Gr\xF6\xDF" "ere \xDC" "bungen f\xFCr M\xE4" "dchen, sch\xF6n.", 2},
      {"overlong", "x \xC0\xAF y", 2},
      {"surrogate among UTF-8", "Vi\xE1\xBB\x87t \xED\xA0\x80 Nam", 7},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Decoded d = dec(c.input);
      CHECK(d.encoding == "utf-8");
      REQUIRE(d.warnings.size() == 1);
      CHECK(d.warnings[0].severity == Severity::warning);
      CHECK(d.warnings[0].file == "t.txt");
      CHECK(d.warnings[0].message ==
            "invalid UTF-8 at byte " + std::to_string(c.first_bad) + "; decoded with U+FFFD");
      CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);
      CHECK(utf8::valid_prefix(d.text) == d.text.size());
      size_t prev = 0, i = 0;
      while (i < d.text.size()) {
        utf8::next(d.text, i);
        CHECK(d.to_input(i) >= prev);
        CHECK(d.to_input(i) <= c.input.size());
        prev = d.to_input(i);
      }
      CHECK(d.to_input(d.text.size()) == c.input.size());
    }
  }
  SECTION("a UTF-8 document with one damaged byte stays UTF-8") {
    std::string in = data_file("report.utf-8.txt");
    in[200] = '\xFF';
    Decoded d = dec(in);
    CHECK(d.encoding == "utf-8");
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].message.find("at byte 200;") != std::string::npos);
  }
}

TEST_CASE("invalid UTF-16: U+FFFD and one warning") {
  Decoded odd = dec(std::string("\xFF\xFE" "a\0b", 5));
  CHECK(odd.text == "a\xEF\xBF\xBD");
  REQUIRE(odd.warnings.size() == 1);
  CHECK(odd.warnings[0].message == "invalid UTF-16 at byte 4; decoded with U+FFFD");
  CHECK(odd.to_input(odd.text.size()) == 5);
  Decoded lone = dec(std::string("\xFF\xFE\x00\xDC" "a\0\x00\xD8", 8));
  CHECK(lone.text == "\xEF\xBF\xBD" "a\xEF\xBF\xBD");
  CHECK(lone.warnings.size() == 1);
  check_map(std::string("\xFF\xFE\x00\xDC" "a\0", 6), dec(std::string("\xFF\xFE\x00\xDC" "a\0", 6)),
            "utf-16le");
}

TEST_CASE("a NUL byte in the first 8 KiB makes a file binary") {
  Decoded b = dec(std::string("PK\x03\x04\0\0text", 10));
  CHECK(b.binary);
  CHECK(b.text.empty());
  REQUIRE(b.warnings.size() == 1);
  CHECK(b.warnings[0].message == "binary file (NUL byte at 4); skipped");
  std::string late(9000, 'a');
  late[8500] = '\0';
  CHECK_FALSE(dec(late).binary);
  std::string edge(8192, 'a');
  edge[8191] = '\0';
  CHECK(dec(edge).binary);
  // Only detection looks for NULs: a forced encoding is the user's word that it is text
  // (as grep -a), and NUL decodes as U+0000.
  Decoded forced = dec(std::string("a\0b", 3), "tcvn3");
  CHECK_FALSE(forced.binary);
  CHECK(forced.text == std::string("a\0b", 3));
  CHECK_FALSE(dec(std::string("a\0b", 3), "utf-8").binary);
  // UTF-16 without a byte-order mark is binary, with a hint.
  std::string u16 = encode(std::string(40, 'x'), "UTF-16LE");
  Decoded h = dec(u16);
  CHECK(h.binary);
  REQUIRE(h.warnings.size() == 1);
  CHECK(h.warnings[0].message.find("try --encoding utf-16le") != std::string::npos);
}

TEST_CASE("the Vietnamese shape score") {
  struct Case {
    const char* utf8;
    size_t judged, good;
  } cases[] = {
      {"Vi\xE1\xBB\x87t Nam", 1, 1},                 // one non-ASCII word, a syllable
      {"ng\xC6\xB0\xE1\xBB\x9Di", 1, 1},             // "nguoi": three vowels, one tone
      {"c\xC3\xB1" "a", 1, 0},                       // n with tilde: a mark on a consonant
      {"c\xC2\xB8" "c", 1, 0},                       // a cedilla between letters
      {"\xC3\xA0\xC3\xA1", 1, 0},                    // two tones
      {"ba\xCC\x80n \xE2\x80\x9C" "\xC4\x91\xC3\xA2u\xE2\x80\x9D", 2, 2},  // quotes stripped
      {"plain ASCII only", 0, 0},
      {"c\xC3\x8A" "c", 1, 0},                       // a capital after a small letter
  };
  for (const auto& c : cases) {
    INFO(c.utf8);
    ShapeScore s = vietnamese_shape(c.utf8, "utf-8");
    CHECK(s.judged == c.judged);
    CHECK(s.good == c.good);
  }
  // The right reading of a sentence scores (much) higher than the wrong ones.
  for (const auto& line : lines_of(data_file("sentences.txt"))) {
    for (const auto& enc : kLegacy) {
      std::string bytes = encode(line, enc.iconv);
      double right = vietnamese_shape(bytes, enc.name).share();
      INFO(enc.name << ": " << line);
      CHECK(right > 0.9);
      for (const auto& other : kLegacy) {
        if (&other != &enc) CHECK(vietnamese_shape(bytes, other.name).share() < right);
      }
    }
  }
}

TEST_CASE("spans of every encoding point at the input bytes of the entity") {
  auto rules = rules::load(rules::embedded_sources(), catalog());
  REQUIRE(rules.ok());
  auto built = Extractor::build(rules.value());
  REQUIRE(built.ok());
  const Extractor& x = *built.value();

  auto texts = [&](const std::string& file, const char* forced, std::string* encoding) {
    std::string bytes = data_file(file);
    Decoded d = decode(std::string(bytes), "auto", file);
    *encoding = d.encoding;
    Document doc(file, std::move(d), x.folds());
    Extraction e = x.run(doc, KindSet{});
    std::vector<Span> spans;
    for (const auto& c : e.citations) spans.push_back(c.span);
    for (const auto& t : e.dates) spans.push_back(t.span);
    for (const auto& t : e.terms) spans.push_back(t.span);
    for (const auto& l : e.priorities) {
      for (const auto& i : l.items) spans.push_back(i.span);
    }
    std::vector<std::string> out;
    for (const auto& s : spans) {
      REQUIRE(s.start < s.end);
      REQUIRE(s.end <= bytes.size());
      // The input bytes of the span, decoded alone, are the span's text.
      Decoded piece = decode(bytes.substr(s.start, s.end - s.start), forced, "piece");
      CHECK(piece.text == s.text);
      out.push_back(nfc(s.text));
    }
    return out;
  };
  std::string enc;
  auto expected = texts("report.utf-8.txt", "utf-8", &enc);
  REQUIRE(expected.size() >= 10);
  struct Case {
    const char* file;
    const char* forced;  // how to decode a piece of it alone
  } cases[] = {
      {"report.windows-1258.txt", "windows-1258"}, {"report.tcvn3.txt", "tcvn3"},
      {"report.viscii.txt", "viscii"},             {"report.utf-16le.txt", "utf-16le"},
      {"report.utf-16be.txt", "utf-16be"},         {"report.utf-8-bom.txt", "utf-8"},
  };
  for (const auto& c : cases) {
    SECTION(c.file) {
      auto got = texts(c.file, c.forced, &enc);
      CHECK(enc == (std::string(c.forced) == "utf-8" ? "utf-8-bom" : c.forced));
      CHECK(got == expected);
    }
  }
}
