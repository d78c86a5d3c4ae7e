// Document: spans of the normalized text map back to the input's own bytes, lines and columns.
#include <catch2/catch.hpp>

#include <string>

#include "builtin_extractor.h"
#include "io/decode.h"
#include "text/document.h"

using namespace trich;

namespace {

// Read with the built-in rules' letter folds (rules/vi/letters.toml: U+00D0 for U+0110).
Document doc_of(std::string bytes) {
  return Document("t.txt", decode(std::move(bytes), "auto", "t.txt"),
                  test::extractor().folds());
}

// The span of the first occurrence of `needle` in the normalized text.
Span span_of(const Document& d, const std::string& needle) {
  size_t b = d.text().find(needle);
  REQUIRE(b != std::string_view::npos);
  return d.span(b, b + needle.size());
}

}  // namespace

TEST_CASE("spans point into the input as read") {
  struct Case {
    const char* name;
    std::string input;
    std::string needle;  // as it appears in the normalized text
    size_t start, end, line, column;
    std::string text;    // as it appears in the input
  } cases[] = {
      {"plain", "ab\ncd 30/5/2019 x", "30/5/2019", 6, 15, 2, 4, "30/5/2019"},
      {"BOM is skipped in columns", "\xEF\xBB\xBF" "ab 1", "1", 6, 7, 1, 4, "1"},
      {"CRLF", "a\r\nb\r\n2019", "2019", 6, 10, 3, 1, "2019"},
      {"NBSP folds to a space", "k\xC3\xB3" "a\xC2\xA0XII", "a XII", 3, 9, 1, 3, "a\xC2\xA0XII"},
      {"en dash folds", "2020\xE2\x80\x93" "2025", "2020-2025", 0, 11, 1, 1, "2020\xE2\x80\x93" "2025"},
      // NFD "e" + combining circumflex + combining dot below composes to one code point.
      // Columns count the input's code points: the two combining marks count.
      {"NFD composes", "ngay le\xCC\x82\xCC\xA3 5", "5", 12, 13, 1, 11, "5"},
      {"NFD inside the span", "Vie\xCC\xA3t", "Vi\xE1\xBA\xB9t", 0, 6, 1, 1, "Vie\xCC\xA3t"},
      {"U+00D0 for U+0110", "\xC3\x90UK", "\xC4\x90UK", 0, 4, 1, 1, "\xC3\x90UK"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Document d = doc_of(c.input);
      Span s = span_of(d, c.needle);
      CHECK(s.start == c.start);
      CHECK(s.end == c.end);
      CHECK(s.line == c.line);
      CHECK(s.column == c.column);
      CHECK(s.text == c.text);
      CHECK(c.input.substr(s.start, s.end - s.start) == s.text);
    }
  }
}

TEST_CASE("invalid UTF-8 is replaced, warned about once, and offsets stay exact") {
  std::string in = "a\xFF\xFE" "b 2019";
  Decoded dec = decode(std::string(in), "auto", "bad.txt");
  REQUIRE(dec.warnings.size() == 1);
  CHECK(dec.warnings[0].where_what().find("bad.txt") != std::string::npos);
  CHECK(dec.warnings[0].message.find("byte 1") != std::string::npos);
  Document d("bad.txt", std::move(dec), Folds::none());
  Span s = span_of(d, "2019");
  CHECK(in.substr(s.start, s.end - s.start) == "2019");
}

TEST_CASE("columns count code points, in any order of calls") {
  Document d = doc_of("\xC4\x90\xE1\xBA\xA1" "i h\xE1\xBB\x99" "i XIII, \xC4\x91\xE1\xBA\xA1" "i XII");
  Span late = span_of(d, "XII");  // the first: inside XIII
  Span first = d.span(0, 3);
  CHECK(first.column == 1);
  CHECK(late.column == 9);
  size_t b = d.text().rfind("XII");
  CHECK(d.span(b, b + 3).column == 19);
  CHECK(d.span(0, 1).column == 1);  // going backwards resets the cursor
}
