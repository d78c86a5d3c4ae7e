// The candidate finder (extract/candidates.h): how an RE2 pattern is rewritten for Hyperscan
// (a superset of its matches: anchors and word boundaries dropped, RE2's ASCII classes spelled
// out, Unicode properties widened), and, when trich is built with Hyperscan
// (-DTRICH_HYPERSCAN=ON), that windows + RE2 find exactly what RE2 finds alone.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "extract/candidates.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "rules/ruleset.h"

using trich::CandidateFinder;

TEST_CASE("candidates: an RE2 pattern rewritten for Hyperscan") {
  struct Row {
    const char* re2;
    const char* hs;  // nullptr: not rewritten (its kind is searched whole)
  };
  const Row rows[] = {
      {"abc", "abc"},
      {"\\bab\\B$", "ab"},
      {"^x", "x"},
      {"\\d+\\s\\w", "[0-9]+[\\t\\n\\f\\r\\x20][0-9A-Za-z_]"},
      {"\\D\\S\\W", "[^0-9][^\\t\\n\\f\\r\\x20][^0-9A-Za-z_]"},
      {"[\\d/.]", "[0-9/.]"},
      {"[^\\S\\n]+", "[\\t\\n\\f\\r\\x20]+"},
      {"[a\\S]", "(?s:.)"},
      {"\\p{Latin}", "[\\p{Latin}\\p{Cn}]"},
      {"\\pL", "[\\p{L}\\p{Cn}]"},
      {"[^\\p{Latin}\\d]", "[^\\p{Latin}0-9]"},
      {"(?i:\\p{Lu})", "(?i:[\\p{L}\\p{M}\\p{Cn}])"},
      {"\\P{Lu}", "\\P{Lu}"},
      {"(?P<n>\\d{1,3})x", "(?:[0-9]{1,3})x"},
      {"(a)(?:b)", "(?:a)(?:b)"},
      {"a*?b+?c??", "a*b+c?"},
      {"x{2,}?", "x{2,}"},
      {"a{b", "a\\{b"},
      {"(?i)a(?U)b", "(?i)ab"},
      {"[[:alpha:]]", "[[:alpha:]]"},
      {"[^[:alpha:]]", nullptr},
      {"[^\\P{L}]", nullptr},
      {"a\\C", nullptr},
      {"(?x:a)", nullptr},
      {"(a", nullptr},
  };
  for (const auto& r : rows) {
    std::string out;
    bool ok = CandidateFinder::rewrite(r.re2, out);
    INFO(r.re2 << " -> " << out);
    if (!r.hs) {
      CHECK_FALSE(ok);
    } else {
      CHECK(ok);
      CHECK(out == r.hs);
    }
  }
}

TEST_CASE("candidates: every built-in rule is rewritten") {
  auto r = trich::rules::load(trich::rules::embedded_sources(), trich::catalog());
  REQUIRE(r.ok());
  for (const auto& rule : r.value().rules) {
    std::string out;
    INFO(rule.name);
    CHECK(CandidateFinder::rewrite(rule.pattern, out));
  }
}

TEST_CASE("candidates: windows and RE2 find what RE2 finds alone, for every built-in kind") {
  if (!CandidateFinder::available()) {
    WARN("skipped: built without Hyperscan (cmake -DTRICH_HYPERSCAN=ON with libhyperscan-dev)");
    std::string why;
    CHECK(CandidateFinder::build({{"k", {"a"}}}, why) == nullptr);
    CHECK(why == "built without Hyperscan");
    return;
  }
  auto r = trich::rules::load(trich::rules::embedded_sources(), trich::catalog());
  REQUIRE(r.ok());
  const auto& rules = r.value();
  setenv("TRICH_NO_PREFILTER", "1", 1);
  auto x = trich::Extractor::build(rules);
  unsetenv("TRICH_NO_PREFILTER");
  REQUIRE(x.ok());
  const auto* finder = x.value()->candidate_finder();
  REQUIRE(finder);
  INFO(finder->describe());
  // The rules' examples and counterexamples, run together and one after another.
  std::string text;
  for (const auto& rule : rules.rules) {
    for (const auto& e : rule.examples) text += e.text + ". \n";
    for (const auto& e : rule.counterexamples) text += e.text + "; ";
  }
  auto c = x.value()->candidates(text);
  REQUIRE(c.found);
  size_t covered = 0;
  for (const auto& kind : trich::Extractor::kinds()) {
    const auto* m = x.value()->matcher(kind);
    const auto* w = x.value()->windows_of(kind, &c);
    if (!m || !w) continue;
    ++covered;
    using Found = std::vector<std::tuple<const trich::rules::Rule*, size_t, size_t>>;
    Found whole, windowed;
    m->scan(text, 0, text.size(), [&](const trich::Match& a) { whole.emplace_back(&a.rule(), a.begin(), a.end()); });
    m->scan(text, 0, text.size(), [&](const trich::Match& a) { windowed.emplace_back(&a.rule(), a.begin(), a.end()); }, w);
    INFO(kind);
    CHECK(!whole.empty());
    CHECK(windowed == whole);
  }
  CHECK(covered > 0);
}
