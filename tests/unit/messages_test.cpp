// Messages (audit/messages.h) and excerpts (output/excerpt.h): templates are filled by name,
// a template naming an argument its code lacks or a code without a message fails loading with
// file and line, both languages have every code, every finding of the audit test data fills
// its template (no {name} left) in both, and excerpts underline the span in its line.
// Vietnamese is written with \u escapes (tests stay ASCII, as src/ does).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "audit/audit.h"
#include "audit/messages.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "io/decode.h"
#include "output/excerpt.h"
#include "rules/ruleset.h"

using namespace trich;

namespace {

std::string en_file() {
  for (const auto& s : rules::embedded_sources()) {
    if (s.path == "rules/en/messages.toml") return s.text;
  }
  FAIL("no en/messages.toml among the embedded rules");
  return "";
}

Result<Messages> load_with(const std::string& text) {
  return Messages::load({{"x/en/messages.toml", text}}, "en");
}

}  // namespace

TEST_CASE("fill: names, plural forms, unknown names left as written") {
  struct Case {
    const char* tpl;
    Args args;
    const char* want;
  };
  const Case cases[] = {
      {"{a} and {b}", {{"a", "1"}, {"b", "two"}}, "1 and two"},
      {"ordinal{n:|s} {n:is|are} missing", {{"n", "1"}}, "ordinal is missing"},
      {"ordinal{n:|s} {n:is|are} missing", {{"n", "2"}}, "ordinals are missing"},
      {"{missing} stays", {}, "{missing} stays"},
      {"no braces", {{"a", "1"}}, "no braces"},
      {"\"{q}\"", {{"q", "Quy\u1ebft \u0111\u1ecbnh"}}, "\"Quy\u1ebft \u0111\u1ecbnh\""},
  };
  for (const auto& c : cases) {
    INFO(c.tpl);
    CHECK(fill(c.tpl, c.args) == c.want);
  }
}

TEST_CASE("placeholders: names in order, malformed braces are errors") {
  auto ok = placeholders("{a} x {b:one|other}");
  REQUIRE(ok.ok());
  CHECK(ok.value() == std::vector<std::string>{"a", "b"});
  for (const char* bad : {"{a", "a}", "{}", "{a{b}}", "{n:s}"}) {
    INFO(bad);
    CHECK(!placeholders(bad).ok());
  }
}

TEST_CASE("loading: both languages have every code and every word of the reports") {
  for (const char* lang : {"en", "vi"}) {
    auto m = Messages::load(rules::embedded_sources(), lang);
    INFO(lang << ": " << (m.ok() ? "" : m.error().where_what()));
    REQUIRE(m.ok());
    for (const auto& s : message_specs()) {
      CHECK(!m.value().templates(s.key).empty());
      if (*s.severity) CHECK(!m.value().help(s.key).empty());
    }
  }
  CHECK(Messages::builtin("vi").ui("error") != Messages::builtin("en").ui("error"));
  CHECK(Messages::builtin("fr").lang() == "en");
}

TEST_CASE("loading: an unknown placeholder, a missing code, a bad brace fail with file and line") {
  std::string good = en_file();
  REQUIRE(load_with(good).ok());
  struct Case {
    std::string from, to, says;
  };
  const Case cases[] = {
      {"{symbol} carries the year", "{symbole} carries the year", "{symbole} is no argument"},
      {"[finding.\"date.invalid\"]", "[finding.\"date.invalide\"]", "unknown message"},
      {"text_zero = '\"{date}\" is not a date: there is no day 0'", "text_zero = '{date'",
       "unclosed {"},
      {"summary = ", "summery = ", "[ui] lacks summary"},
  };
  for (const auto& c : cases) {
    INFO(c.from);
    std::string bad = good;
    size_t at = bad.find(c.from);
    REQUIRE(at != std::string::npos);
    bad.replace(at, c.from.size(), c.to);
    auto r = load_with(bad);
    REQUIRE(!r.ok());
    CHECK(r.error().file == "x/en/messages.toml");
    CHECK(r.error().message.find(c.says) != std::string::npos);
    if (c.says != "[ui] lacks summary") CHECK(r.error().line > 0);
  }
  // A code with no message at all.
  std::string bad = good;
  size_t b = bad.find("[finding.\"priorities.gap\"]");
  size_t e = bad.find("[finding.\"priorities.duplicate\"]");
  bad.erase(b, e - b);
  auto r = load_with(bad);
  REQUIRE(!r.ok());
  CHECK(r.error().message.find("no message for \"priorities.gap\"") != std::string::npos);
}

TEST_CASE("every finding of the audit data fills its template in both languages") {
  static const auto rs = [] {
    auto loaded = rules::load(rules::embedded_sources(), catalog());
    REQUIRE(loaded.ok());
    return std::move(loaded.value());
  }();
  auto x = Extractor::build(rs);
  REQUIRE(x.ok());
  const std::string data = std::string(TRICH_SOURCE_DIR) + "/tests/data/audit/";
  std::set<std::string> seen;
  for (const char* lang : {"en", "vi"}) {
    auto a = Auditor::build(rs, data + "registry.csv", &Messages::builtin(lang), 1);
    REQUIRE(a.ok());
    // citation.superseded needs a registry that says what replaced what.
    auto sup = Auditor::build(rs, data + "registry-superseded.csv", &Messages::builtin(lang), 1);
    REQUIRE(sup.ok());
    for (const auto& entry : std::filesystem::directory_iterator(data)) {
      if (entry.path().extension() != ".txt") continue;
      bool superseded = entry.path().filename().string().rfind("superseded.", 0) == 0;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      Document doc("t.txt", decode(ss.str(), "auto", "t.txt"), x.value()->folds());
      Extraction ex = x.value()->run(doc, KindSet{true, true, true, true, true});
      (superseded ? sup : a).value()->check(doc, ex);
      for (const auto& f : ex.findings) {
        INFO(lang << " " << entry.path().filename() << ": " << f.message);
        seen.insert(f.code);
        CHECK(f.message.find('{') == std::string::npos);
        CHECK(!f.args.empty());
        CHECK(!f.excerpt.empty());
        bool plain = f.message == Messages::builtin(lang).render(f.code, "", f.args.items);
        CHECK((plain || Messages::builtin(lang).templates(f.code).size() > 1));
      }
    }
  }
  for (const auto& s : message_specs()) {
    if (*s.severity) CHECK(seen.count(s.key));
  }
}

TEST_CASE("excerpt: the line, its number in a gutter, the span underlined") {
  Finding f;
  f.severity = "error";
  f.span.line = 12;
  f.span.column = 6;
  f.span.text = "31/6/2023";
  f.excerpt = {{11, "before"}, {12, "ng\u00e0y 31/6/2023 h\u1ecdp"}, {13, ""}};
  std::string want =
      "   |\n"
      "11 | before\n"
      "12 | ng\u00e0y 31/6/2023 h\u1ecdp\n"
      "   |      ^^^^^^^^^\n"
      "13 |\n";
  CHECK(render_excerpt(f, Painter(false), "x") == want);

  // The related mention on an earlier line, a gap between the lines shown.
  f.related = Span{.line = 3, .column = 3, .text = "15/5"};
  f.excerpt = {{3, "a 15/5 b"}, {12, "ng\u00e0y 31/6/2023 h\u1ecdp"}};
  want =
      "   |\n"
      " 3 | a 15/5 b\n"
      "   |   ---- earlier\n"
      "..\n"
      "12 | ng\u00e0y 31/6/2023 h\u1ecdp\n"
      "   |      ^^^^^^^^^\n";
  CHECK(render_excerpt(f, Painter(false), "earlier") == want);

  // Colour: the carets in the severity's colour.
  CHECK(render_excerpt(f, Painter(true), "earlier").find("\033[1;31m^^^^^^^^^\033[0m") !=
        std::string::npos);
  // No lines, no excerpt.
  f.excerpt.clear();
  CHECK(render_excerpt(f, Painter(false), "x").empty());
}

TEST_CASE("excerpt: a long line is cut around the span, combining marks take no column") {
  Finding f;
  f.severity = "warning";
  std::string line(300, 'a');
  line.replace(200, 3, "XYZ");
  f.span = Span{.line = 7, .column = 201, .text = "XYZ"};
  f.excerpt = {{7, line}};
  std::string out = render_excerpt(f, Painter(false), "x");
  std::istringstream in(out);
  std::string l1, l2, l3;
  std::getline(in, l1);
  std::getline(in, l2);
  std::getline(in, l3);
  CHECK(l2.rfind("7 | ...", 0) == 0);
  CHECK(l2.size() < 140);
  CHECK(l2.substr(l3.find('^'), 3) == "XYZ");
  CHECK(display_width("e\u0301") == 1);
  CHECK(display_width("\u4e2d") == 2);
}
