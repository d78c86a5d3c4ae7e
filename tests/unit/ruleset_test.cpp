// Rule loading: expansion of fragments and lexicons, and errors as "file:line: message".
#include <catch2/catch.hpp>

#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "rules/ruleset.h"

using namespace trich;

namespace {

Result<rules::RuleSet> load(const std::string& text) {
  return rules::load({{"r.toml", text}}, resolver_names());
}

const char* kGood = R"(
kind = "dates"
[fragments]
B = '(?:^|[^\pL\pN])'
[lexicon.w]
fold_case = true
[lexicon.w.entries]
"ab" = 1
"abc" = 2
[[rule]]
name = "r"
resolve = "date"
pattern = '{:B}(?P<span>{lex:w}(?P<y>\d{4}))'
examples = ["abc2020"]
)";

}  // namespace

TEST_CASE("fragments and lexicons expand, longest spelling first") {
  auto r = load(kGood);
  REQUIRE(r.ok());
  REQUIRE(r.value().rules.size() == 1);
  CHECK(r.value().rules[0].pattern == "(?:(?:^|[^\\pL\\pN]))(?P<span>(?:abc|ab)(?P<y>\\d{4}))");
  CHECK(r.value().lexicon("w").find("ABC")->number == 2);
  CHECK(r.value().lexicon("none").find("x") == nullptr);
}

TEST_CASE("the built-in rules load") {
  auto r = rules::load(rules::embedded_sources(), resolver_names());
  INFO((r.ok() ? std::string() : r.error().where_what()));
  REQUIRE(r.ok());
  CHECK(r.value().rules.size() > 10);
}

TEST_CASE("bad rule files give file:line: message") {
  struct Case {
    const char* name;
    std::string text;
    int line;
    const char* says;
  } cases[] = {
      {"malformed TOML", "kind = \"dates\"\n[[rule]\nname = 1\n", 2, ""},
      {"unknown resolver", "kind = \"dates\"\n\n[[rule]]\nname = \"r\"\nresolve = \"nope\"\n"
                           "pattern = 'x'\nexamples = [\"x\"]\n", 3, "unknown resolver \"nope\""},
      {"no example", "kind = \"dates\"\n[[rule]]\nname = \"r\"\nresolve = \"date\"\npattern = 'x'\n",
       2, "no examples"},
      {"unknown fragment", "kind = \"dates\"\n[[rule]]\nname = \"r\"\nresolve = \"date\"\n"
                           "pattern = '{:NOPE}'\nexamples = [\"x\"]\n", 2, "unknown fragment"},
      {"unknown lexicon", "kind = \"dates\"\n[[rule]]\nname = \"r\"\nresolve = \"date\"\n"
                          "pattern = '{lex:nope}'\nexamples = [\"x\"]\n", 2, "unknown lexicon"},
      {"rules without kind", "[[rule]]\nname = \"r\"\n", 1, "kind"},
      {"fragment cycle", "kind = \"dates\"\n[fragments]\nA = '{:A}'\n[[rule]]\nname = \"r\"\n"
                         "resolve = \"date\"\npattern = '{:A}'\nexamples = [\"x\"]\n", 4, "cycle"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      auto r = load(c.text);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().file == "r.toml");
      CHECK(r.error().line == c.line);
      CHECK(r.error().message.find(c.says) != std::string::npos);
    }
  }
}

TEST_CASE("a bad regex is reported at its rule when the kind is compiled") {
  auto r = load("kind = \"dates\"\n[[rule]]\nname = \"ok\"\nresolve = \"date\"\n"
                "pattern = 'x'\nexamples = [\"x\"]\n\n[[rule]]\nname = \"bad\"\n"
                "resolve = \"date\"\npattern = '(?P<y>\\d'\nexamples = [\"1\"]\n");
  REQUIRE(r.ok());
  auto x = Extractor::build(r.value());
  REQUIRE_FALSE(x.ok());
  CHECK(x.error().file == "r.toml");
  CHECK(x.error().line == 8);
  CHECK(x.error().message.find("rule \"bad\": missing )") != std::string::npos);
}
