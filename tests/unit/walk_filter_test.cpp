// --glob: which files a directory walk keeps and which directories it enters.
#include <catch2/catch.hpp>

#include "io/walk_filter.h"

using namespace trich;

namespace {
std::string name_of(const std::string& rel) {
  size_t i = rel.rfind('/');
  return i == std::string::npos ? rel : rel.substr(i + 1);
}
}  // namespace

TEST_CASE("glob filter: files") {
  struct Case { std::vector<std::string> globs; const char* rel; bool keep; };
  const Case cases[] = {
      {{}, "a/b.txt", true},
      {{"*.txt"}, "a/b.txt", true},
      {{"*.txt"}, "a/b.md", false},
      {{"!*.md"}, "a/b.md", false},
      {{"!*.md"}, "a/b.txt", true},                 // only excludes: the rest is kept
      {{"*.md", "!b.md"}, "a/b.md", false},         // the last match decides
      {{"!*.md", "b.md"}, "a/b.md", true},
      {{"a/*.txt"}, "a/b.txt", true},
      {{"a/*.txt"}, "a/c/b.txt", false},           // * does not cross /
      {{"a/*.txt"}, "x/a/b.txt", false},           // a path pattern is anchored
      {{"**/a/*.txt"}, "x/a/b.txt", true},         // unless it starts with **/
      {{"**/a/*.txt"}, "a/b.txt", true},
      {{"/b.txt"}, "b.txt", true},
      {{"/b.txt"}, "a/b.txt", false},              // a leading / anchors a name too
      {{"b?.[tm]xt"}, "b1.txt", true},
      {{"B.txt"}, "b.txt", false},                 // case-sensitive
      {{"!"}, "b.txt", true},                       // an empty pattern is ignored
  };
  for (const auto& c : cases) {
    INFO(c.rel << " with " << c.globs.size() << " globs, first " << (c.globs.empty() ? "" : c.globs[0]));
    CHECK(GlobFilter(c.globs).keep_file(c.rel, name_of(c.rel)) == c.keep);
  }
}

TEST_CASE("glob filter: directories") {
  struct Case { std::vector<std::string> globs; const char* rel; bool enter; };
  const Case cases[] = {
      {{"*.txt"}, "drafts", true},                  // including patterns never keep a walk out
      {{"!drafts"}, "drafts", false},
      {{"!drafts"}, "a/drafts", false},
      {{"!drafts/"}, "a/drafts", false},            // a trailing / names the directory
      {{"!/drafts"}, "a/drafts", true},
      {{"!/drafts"}, "drafts", false},
      {{"!drafts", "drafts"}, "drafts", true},       // the last match decides
      {{"!a/*"}, "a/b", false},
  };
  for (const auto& c : cases) {
    INFO(c.rel);
    CHECK(GlobFilter(c.globs).enter_dir(c.rel, name_of(c.rel)) == c.enter);
  }
}
