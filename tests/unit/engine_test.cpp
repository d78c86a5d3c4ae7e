// The engine: one leftmost-first scan per kind, groups by rule, resumption after the reported
// span; and its prefilter, which must never change a match. The prefilter is checked against
// a scan of the whole text (TRICH_NO_PREFILTER) on long texts made of the rules' own examples
// and counterexamples, cut and shuffled, with and without windows forced on.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "extract/engine.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "rules/ruleset.h"

using namespace trich;

namespace {

rules::RuleSet load(const std::string& toml) {
  auto r = rules::load({rules::Source{"test.toml", toml}}, resolver_names());
  if (!r.ok()) FAIL(r.error().where_what());
  return std::move(r.value());
}

const rules::RuleSet& builtin() {
  static const rules::RuleSet r = [] {
    auto l = rules::load(rules::embedded_sources(), resolver_names());
    if (!l.ok()) FAIL(l.error().where_what());
    return std::move(l.value());
  }();
  return r;
}

// Environment settings for the matchers built in a scope.
struct Env {
  explicit Env(const char* name) : name_(name) { setenv(name, "1", 1); }
  ~Env() { unsetenv(name_); }
  const char* name_;
};

std::unique_ptr<Matcher> build(const rules::RuleSet& set, const std::string& kind) {
  auto m = Matcher::build(set, kind);
  if (!m.ok()) FAIL(m.error().where_what());
  return std::move(m.value());
}

// Every match as "rule [begin,end) group=[b,e) ..." for the groups of its rule.
std::vector<std::string> matches(const Matcher& m, std::string_view text, size_t b, size_t e) {
  std::vector<std::string> out;
  m.scan(text, b, e, [&](const Match& x) {
    std::string s = x.rule().name + " [" + std::to_string(x.begin()) + "," + std::to_string(x.end()) + ")";
    for (const char* g : {"d", "m", "y", "sym", "num", "iss", "ord", "from", "to", "marker", "n", "a", "b"}) {
      if (x.has(g)) s += std::string(" ") + g + "=[" + std::to_string(x.group_begin(g)) + "," + std::to_string(x.group_end(g)) + ")";
    }
    out.push_back(s);
  });
  return out;
}

std::vector<std::string> matches(const Matcher& m, std::string_view text) {
  return matches(m, text, 0, text.size());
}

const char* kRules = R"(
kind = "t"
[[rule]]
name = "ab"
resolve = "ignore"
pattern = 'a(?P<span>b+)c?'
examples = [{ text = "abbc", span = "bb" }]
[[rule]]
name = "digits"
resolve = "ignore"
pattern = '(?:^|[^0-9])(?P<span>(?P<d>[0-9]{2})/(?P<m>[0-9]{2}))'
examples = ["12/05"]
[[rule]]
name = "ab again"
resolve = "ignore"
pattern = 'ab'
examples = ["ab"]
)";

}  // namespace

TEST_CASE("engine: leftmost-first, one alternative per rule, resume after the span") {
  rules::RuleSet set = load(kRules);
  auto m = build(set, "t");
  struct Case {
    const char* text;
    std::vector<std::string> want;
  } cases[] = {
      {"", {}},
      {"abbc", {"ab [1,3)"}},                  // the span, not the whole match
      {"xab", {"ab [2,3)"}},                   // the first rule wins over "ab again"
      {"12/05 34/06", {"digits [0,5) d=[0,2) m=[3,5)", "digits [6,11) d=[6,8) m=[9,11)"}},
      {"a12/05", {"digits [1,6) d=[1,3) m=[4,6)"}},  // the boundary is consumed, not reported
      {"ab12/05", {"ab [1,2)"}},  // resumes at the span's end: "b" is no boundary for "12/05"
      {"ab 12/05", {"ab [1,2)", "digits [3,8) d=[3,5) m=[6,8)"}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(matches(*m, c.text) == c.want);
  }
  // A range: matches must end by its end; the text around stays context.
  CHECK(matches(*m, "12/05 34/06", 0, 5) == std::vector<std::string>{"digits [0,5) d=[0,2) m=[3,5)"});
  CHECK(matches(*m, "12/05 34/06", 5, 11) == std::vector<std::string>{"digits [6,11) d=[6,8) m=[9,11)"});
  CHECK(matches(*m, "12/05 34/06", 6, 11).empty());  // the boundary before 34 is outside
}

TEST_CASE("engine: a kind without rules never matches") {
  rules::RuleSet set = load(kRules);
  auto m = build(set, "none");
  CHECK(matches(*m, "abc 12/05").empty());
}

TEST_CASE("prefilter: patterns it cannot read leave it off, and the scan whole") {
  Prefilter p({"a\\Cb"});  // \C: any byte, which it does not model
  std::string text(20000, 'x');
  RE2 re("a\\Cb");
  p.tune(text, re);
  CHECK(p.describe().rfind("off", 0) == 0);
  Prefilter::Window w;
  REQUIRE(p.window(text, 5, text.size(), w));
  CHECK(w.begin == 5);
  CHECK(w.end == text.size());
  CHECK(w.last == text.size());
}

TEST_CASE("prefilter: a rule that can match the empty string leaves it off") {
  Prefilter p({"x*"});
  RE2 re("x*");
  p.tune(std::string(20000, 'y'), re);
  CHECK(p.describe().rfind("off", 0) == 0);
}

// Long texts made of pieces of the rules' examples and counterexamples, with noise between
// them, so that matches sit next to near-misses, at the ends and across piece boundaries.
std::string mixed_text(const rules::RuleSet& set, unsigned seed, size_t size) {
  std::vector<std::string> pieces;
  for (const auto& r : set.rules) {
    for (const auto& e : r.examples) pieces.push_back(e.text);
    for (const auto& e : r.counterexamples) pieces.push_back(e.text);
  }
  const std::vector<std::string> noise = {" ", "\n", ", ", ". ", ": ", "(", ")", "-", "/", "1", "20", "2019",
                                          "a", "B", "\xC4\x91", "\xE1\xBB\x99", "\xE1\xBB\xA9", "\t", "; "};
  std::mt19937 rng(seed);
  std::string out;
  while (out.size() < size) {
    const std::string& p = pieces[rng() % pieces.size()];
    switch (rng() % 4) {
      case 0: out += p; break;
      case 1: out += p.substr(0, rng() % (p.size() + 1)); break;    // a cut piece
      case 2: out += p.substr(rng() % (p.size() + 1)); break;
      default: out += noise[rng() % noise.size()]; break;
    }
    out += noise[rng() % noise.size()];
  }
  return out;
}

TEST_CASE("prefilter: the same matches as a scan of the whole text, for every built-in kind") {
  const auto& set = builtin();
  for (const std::string& kind : Extractor::kinds()) {
    std::unique_ptr<Matcher> whole, tuned, forced;
    {
      Env off("TRICH_NO_PREFILTER");
      whole = build(set, kind);
    }
    tuned = build(set, kind);
    {
      Env force("TRICH_PREFILTER_FORCE");
      forced = build(set, kind);
      // Tuning happens on the first long text, while the variable is set.
      std::string first = mixed_text(set, 1, 40000);
      CHECK(matches(*forced, first) == matches(*whole, first));
    }
    REQUIRE(forced->prefilter());
    INFO("kind " << kind << ": " << forced->prefilter()->describe());
    for (unsigned seed = 2; seed < 8; ++seed) {
      std::string text = mixed_text(set, seed, 20000 + seed * 7000);
      auto want = matches(*whole, text);
      CHECK(matches(*forced, text) == want);
      CHECK(matches(*tuned, text) == want);
      // Ranges that start and end anywhere, as the lists' leads are scanned.
      std::mt19937 rng(seed);
      for (int k = 0; k < 20; ++k) {
        size_t b = rng() % text.size(), e = b + rng() % (text.size() - b + 1);
        CHECK(matches(*forced, text, b, e) == matches(*whole, text, b, e));
      }
    }
  }
}

TEST_CASE("prefilter: texts shorter than the tuning size are searched whole") {
  const auto& set = builtin();
  Env force("TRICH_PREFILTER_FORCE");
  auto m = build(set, "dates");
  std::string text = mixed_text(set, 9, 3000);
  Env off("TRICH_NO_PREFILTER");
  auto whole = build(set, "dates");
  CHECK(matches(*m, text) == matches(*whole, text));
  CHECK(m->prefilter()->describe() == "not tuned yet");
}
