// Where a window of a large input ends (pipeline/windows.h): the cut falls in the window's
// last `lookahead` bytes, no later than half of them before its end, at the best boundary
// there: a blank line, a line end, a sentence end, a space, else a character.
#include <catch2/catch.hpp>

#include <string>

#include "pipeline/windows.h"

using trich::choose_cut;

namespace {

// The text after the cut, so the table reads as text.
std::string rest(const std::string& text, size_t lookahead) {
  return text.substr(choose_cut(text, lookahead));
}

}  // namespace

TEST_CASE("a window is cut at the best boundary in its lookahead") {
  //                      region of the cut: the last 16 bytes, not the last 8
  CHECK(rest("aaaa\n\nbbbb\ncc dd. eeeeeeee", 16) == "cc dd. eeeeeeee");
  CHECK(rest("aa\n\naaaaaaaaaabb\ncc eeeeeeee", 16) == "cc eeeeeeee");  // a blank line too early
  CHECK(rest("aaaaaaa\n\n\nbbcc. ddeeeeeeee", 16) == "ddeeeeeeee");  // no line end: a sentence
  CHECK(rest("aaaaaaaaaaa\n \r\nbb eeeeeeee", 16) == "bb eeeeeeee");  // a blank line with spaces
  CHECK(rest("aaaaaaaaaaa bbbbb ccceeeeeeee", 16) == "ccceeeeeeee");  // a space
  CHECK(rest("aaaaaaaaaaaaaaaaaaaaaaaaaaaa", 16) == "aaaaaaaa");      // a character, half-way
  CHECK(rest("short", 16) == "");                                      // all of it: the last window
}

TEST_CASE("a window is never cut inside a character") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "\xE1\xBB\x87";  // U+1EC7, three bytes each
  size_t cut = choose_cut(text, 16);
  CHECK(cut % 3 == 0);
  CHECK(cut >= text.size() - 16);
  CHECK(cut <= text.size() - 8);
  // A lookahead smaller than a character: the boundary before it.
  for (size_t lookahead = 1; lookahead <= 4; ++lookahead) {
    CHECK(choose_cut(text, lookahead) % 3 == 0);
    CHECK(choose_cut(text, lookahead) > 0);
  }
}
