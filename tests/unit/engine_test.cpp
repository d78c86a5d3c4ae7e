// The engine: one leftmost-first scan per kind, groups by rule, resumption after the reported
// span (checked against a scan by the rules one at a time, since the kind's regex shares the
// endings of its rules); and its prefilter, which must never change a match. The prefilter is checked against
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
  auto r = rules::load({rules::Source{"test.toml", toml}}, catalog());
  if (!r.ok()) FAIL(r.error().where_what());
  return std::move(r.value());
}

const rules::RuleSet& builtin() {
  static const rules::RuleSet r = [] {
    auto l = rules::load(rules::embedded_sources(), catalog());
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

std::string mixed_text(const rules::RuleSet& set, unsigned seed, size_t size);

namespace {

// The matches of `kind` found without its combined regex: each rule searched by itself, the
// leftmost start of any, and there the first rule in order; resuming as the engine does.
std::vector<std::string> by_rules(const rules::RuleSet& set, const std::string& kind,
                                  std::string_view text) {
  struct One {
    const rules::Rule* rule;
    std::unique_ptr<RE2> re;
    std::vector<re2::StringPiece> subs;
    bool fresh = false, none = false;
    size_t at = 0;
  };
  RE2::Options o;
  o.set_max_mem(64 << 20);
  std::vector<One> rs;
  for (const auto& r : set.rules) {
    if (r.kind != kind) continue;
    One x;
    x.rule = &r;
    x.re = std::make_unique<RE2>(r.pattern, o);
    x.subs.resize(static_cast<size_t>(x.re->NumberOfCapturingGroups()) + 1);
    rs.push_back(std::move(x));
  }
  re2::StringPiece t(text.data(), text.size());
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    One* best = nullptr;
    for (auto& x : rs) {
      if (x.none) continue;
      if (!x.fresh || x.at < pos) {  // its leftmost match from pos
        if (!x.re->Match(t, pos, text.size(), RE2::UNANCHORED, x.subs.data(),
                         static_cast<int>(x.subs.size()))) {
          x.none = true;
          continue;
        }
        x.at = static_cast<size_t>(x.subs[0].data() - text.data());
        x.fresh = true;
      }
      if (!best || x.at < best->at) best = &x;
    }
    if (!best) break;
    auto group = [&](const std::string& g, size_t& b, size_t& e) {
      auto it = best->re->NamedCapturingGroups().find(g);
      if (it == best->re->NamedCapturingGroups().end()) return false;
      const auto& p = best->subs[static_cast<size_t>(it->second)];
      if (!p.data()) return false;
      b = static_cast<size_t>(p.data() - text.data());
      e = b + p.size();
      return true;
    };
    size_t b = best->at, e = b + best->subs[0].size(), gb, ge;
    if (group("span", gb, ge)) b = gb, e = ge;
    std::string s = best->rule->name + " [" + std::to_string(b) + "," + std::to_string(e) + ")";
    for (const char* g : {"d", "m", "y", "sym", "num", "iss", "ord", "from", "to", "marker", "n", "a", "b"}) {
      if (group(g, gb, ge)) s += std::string(" ") + g + "=[" + std::to_string(gb) + "," + std::to_string(ge) + ")";
    }
    out.push_back(s);
    size_t resume = e;
    if (resume <= pos || resume <= best->at) {
      resume = std::max(pos, best->at) + 1;
      while (resume < text.size() && (static_cast<unsigned char>(text[resume]) & 0xC0) == 0x80) ++resume;
    }
    best->fresh = false;
    pos = resume;
  }
  return out;
}

const char* kEndings = R"(
kind = "t"
[fragments]
TAIL = '(?:\s*,?\s+(?:ngày|ng\.)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?(?:\s+(?:của|cua)\s+(?:Bộ Tài chính|Bộ|Chính phủ|Ban Bí thư)(?:\s+khóa\s+[IVX]+)?)?'
[[rule]]
name = "party"
resolve = "ignore"
pattern = '(?:^|[^0-9])(?P<span>(?:số\s+)?(?P<sym>(?P<num>\d+)-CT/TW){:TAIL})(?:$|[^a-z])'
examples = ["12-CT/TW"]
[[rule]]
name = "state"
resolve = "ignore"
pattern = '(?:^|[^0-9])(?P<span>(?:số\s+)?(?P<sym>(?P<num>\d+)(?:/\d{4})?/(?:CT|QĐ)-(?P<iss>[A-Z]+)){:TAIL})(?:$|[^a-z])'
examples = ["12/QĐ-TTg"]
[[rule]]
name = "bare"
resolve = "ignore"
pattern = '(?:^|[^0-9])(?P<span>(?P<num>\d+)(?:-|/)?(?:CT)?{:TAIL})(?:$|[^a-z])'
examples = ["12"]
[[rule]]
name = "other"
resolve = "ignore"
pattern = '(?P<span>khóa\s+(?P<ord>[IVX]+))'
examples = ["khóa XII"]
)";

}  // namespace

TEST_CASE("engine: rules that end alike share their ending, and match as one at a time") {
  rules::RuleSet set = load(kEndings);
  auto m = build(set, "t");
  std::string pieces[] = {"12-CT/TW", "số 35-CT/TW ngày 3/4/2019 của Ban Bí thư khóa XII",
                          "12/QĐ-TTg", "30/2020/CT-CP, ngày 5/3/2020 của Chính phủ", "12",
                          "7/CT cua Bộ", "khóa XI", " ", ", ", "ab", "\n", "số ", "-", "/"};
  std::mt19937 rng(7);
  for (int k = 0; k < 200; ++k) {
    std::string text;
    for (int n = 0; n < 12; ++n) text += pieces[rng() % std::size(pieces)];
    INFO(text);
    CHECK(matches(*m, text) == by_rules(set, "t", text));
  }
}

TEST_CASE("engine: every built-in kind matches as its rules one at a time") {
  const auto& set = builtin();
  Env off("TRICH_NO_PREFILTER");
  for (const std::string& kind : Extractor::kinds()) {
    auto m = build(set, kind);
    for (unsigned seed = 11; seed < 14; ++seed) {
      std::string text = mixed_text(set, seed, 20000);
      INFO("kind " << kind << ", seed " << seed);
      CHECK(matches(*m, text) == by_rules(set, kind, text));
    }
  }
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

// Triggers may be pairs of adjacent characters ("là", "kh" then "ó" or "o", "ứ" then a space)
// when each character alone is common: a pair at the end of the text, split over a range's end,
// or made of characters of several bytes must still be found.
TEST_CASE("prefilter: pairs of characters as triggers find the same matches") {
  const char* rules_toml = R"(
kind = "p"
[[rule]]
name = "la"
resolve = "ignore"
pattern = '(?:^|[^\p{Latin}])(?P<span>(?i:là)\s+(?P<n>\d{1,2}))'
examples = ["là 12"]
[[rule]]
name = "khoa"
resolve = "ignore"
pattern = '(?P<span>(?i:kh(?:óa|oá))\s+(?P<ord>[IVX]+|\d{1,2}))'
examples = ["khóa XII", "khoá 3"]
[[rule]]
name = "thu"
resolve = "ignore"
pattern = 'thứ\s+(?P<n>\d)'
examples = ["thứ 2"]
)";
  rules::RuleSet set = load(rules_toml);
  const std::vector<std::string> pieces = {
      "l", "à", "à", "l", "là", "Là 12", "LÀ 7", "là", "k", "h", "kh", "khó", "khóa", "khóa 3", "khoá XII",
      "KHÓA IV", "o", "á", "oá", "ó", "thứ", "thứ 2", "ứ", "ứ ", "t", " ", " ", "\n", "1", "12", "X", "lx"};
  auto text_of = [&](unsigned seed, size_t size) {
    std::mt19937 rng(seed);
    std::string out;
    while (out.size() < size) out += pieces[rng() % pieces.size()];
    return out;
  };
  std::unique_ptr<Matcher> whole, forced;
  {
    Env off("TRICH_NO_PREFILTER");
    whole = build(set, "p");
  }
  {
    Env force("TRICH_PREFILTER_FORCE");
    forced = build(set, "p");
    std::string first = text_of(1, 40000);
    CHECK(matches(*forced, first) == matches(*whole, first));
  }
  INFO(forced->prefilter()->describe());
  CHECK(forced->prefilter()->describe().find("pairs") != std::string::npos);
  for (unsigned seed = 2; seed < 12; ++seed) {
    std::string text = text_of(seed, 17000 + seed * 3001);
    if (seed % 3 == 0) text += "là";  // a pair's first character at the very end
    if (seed % 3 == 1) text += "l";
    CHECK(matches(*forced, text) == matches(*whole, text));
    std::mt19937 rng(seed);
    for (int k = 0; k < 30; ++k) {
      size_t b = rng() % text.size(), e = b + rng() % (text.size() - b + 1);
      CHECK(matches(*forced, text, b, e) == matches(*whole, text, b, e));
    }
  }
}
