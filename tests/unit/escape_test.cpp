// shown_name: how a file name is written in every output and message (docs/contract.md);
// csv_field: how every csv output quotes a field.
#include <catch2/catch.hpp>

#include <string>

#include "base/escape.h"
#include "base/utf8.h"

using namespace trich;

TEST_CASE("shown_name: one line of valid UTF-8, the same bytes always the same text") {
  struct Case {
    std::string name, shown;
  } cases[] = {
      {"reports/a.txt", "reports/a.txt"},
      {"b\xC3\xA1o c\xC3\xA1o.txt", "b\xC3\xA1o c\xC3\xA1o.txt"},  // UTF-8 kept
      {"a\nb.txt", "a\\nb.txt"},
      {"a\rb\tc", "a\\rb\\tc"},
      {"esc\x1B[31m", "esc\\x1B[31m"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"del\x7F", "del\\x7F"},
      {"back\\slash", "back\\\\slash"},  // so \x41 in a name is not read as "A"
      {"\\x41", "\\\\x41"},
      {"latin1 \xE9t\xE9.txt", "latin1 \\xE9t\\xE9.txt"},  // invalid UTF-8, byte by byte
      {"cut \xE1\xBB", "cut \\xE1\\xBB"},                   // a character cut short
      {"c1 \xC2\x85", "c1 \\xC2\\x85"},                     // U+0085, a C1 control
      {"emoji \xF0\x9F\x98\x80", "emoji \xF0\x9F\x98\x80"},
      {"", ""},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    std::string s = shown_name(c.name);
    CHECK(s == c.shown);
    CHECK(utf8::valid_prefix(s) == s.size());
    CHECK(s.find_first_of(std::string("\n\r\t\0", 4)) == std::string::npos);
  }
}

TEST_CASE("csv_field: RFC 4180 quoting, only when needed") {
  struct Case {
    std::string field, written;
  } cases[] = {
      {"10/2023/N\xC4\x90-CP", "10/2023/N\xC4\x90-CP"},  // nothing to quote
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"no\"", "\"say \"\"no\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {" spaces kept ", " spaces kept "},
  };
  for (const auto& c : cases) {
    INFO(c.field);
    CHECK(csv_field(c.field) == c.written);
  }
}
