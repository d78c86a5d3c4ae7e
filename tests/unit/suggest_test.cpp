// Suggestions for mistyped commands and options, and the edit distance under them.
#include <catch2/catch.hpp>

#include "cli/suggest.h"

using namespace trich::cli;

TEST_CASE("edit distance") {
  struct Case { const char* a; const char* b; size_t d; };
  const Case cases[] = {
      {"", "", 0},           {"abc", "", 3},          {"extract", "extract", 0},
      {"extrat", "extract", 1}, {"exrtact", "extract", 1},  // a transposition is one edit
      {"kitten", "sitting", 3}, {"dates", "terms", 4},     {"--formt", "--format", 1},
  };
  for (const auto& c : cases) {
    INFO(c.a << " / " << c.b);
    CHECK(edit_distance(c.a, c.b) == c.d);
    CHECK(edit_distance(c.b, c.a) == c.d);
  }
}

TEST_CASE("suggest") {
  const std::vector<std::string> cmds = {"extract", "citations", "priorities", "dates", "terms",
                                         "audit", "rules", "schema", "help", "version"};
  const std::vector<std::string> opts = {"-h", "--help", "--format", "--rules", "-o", "--output",
                                         "-r", "--recursive", "--fail-on", "--files-from"};
  struct Case { const char* word; const std::vector<std::string>* from; const char* want; };
  const Case cases[] = {
      {"extrat", &cmds, "extract"},   {"exract", &cmds, "extract"},   {"audti", &cmds, "audit"},
      {"date", &cmds, "dates"},       {"citation", &cmds, "citations"}, {"shema", &cmds, "schema"},
      {"frobnicate", &cmds, ""},      {"x", &cmds, ""},               {"term", &cmds, "terms"},
      {"--formt", &opts, "--format"}, {"--form", &opts, "--format"},  {"-format", &opts, "--format"},
      {"--recursiv", &opts, "--recursive"}, {"--fail-onn", &opts, "--fail-on"},
      {"--outptu", &opts, "--output"}, {"--kind", &opts, ""},        {"--verbose", &opts, ""},
  };
  for (const auto& c : cases) {
    INFO(c.word);
    CHECK(suggest(c.word, *c.from) == c.want);
  }
}
