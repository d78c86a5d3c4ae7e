// Rule loading: expansion of fragments and lexicons, and errors as "file:line: message".
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "audit/messages.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "extract/rule_values.h"
#include "output/schema.h"
#include "pipeline/rules_check.h"
#include "rules/ruleset.h"

using namespace trich;

namespace {

Result<rules::RuleSet> load(const std::string& text) {
  return rules::load({{"r.toml", text}}, catalog());
}

const char* kGood = R"(
kind = "dates"
[lexicon.month_word.entries]
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
  auto r = rules::load(rules::embedded_sources(), catalog());
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
  auto r = load("kind = \"dates\"\n[lexicon.month_word.entries]\n[[rule]]\nname = \"ok\"\nresolve = \"date\"\n"
                "pattern = '(?P<y>x)'\nexamples = [\"x\"]\n\n[[rule]]\nname = \"bad\"\n"
                "resolve = \"date\"\npattern = '(?P<y>\\d'\nexamples = [\"1\"]\n");
  REQUIRE(r.ok());
  auto x = Extractor::build(r.value());
  REQUIRE_FALSE(x.ok());
  CHECK(x.error().file == "r.toml");
  CHECK(x.error().line == 9);
  CHECK(x.error().message.find("rule \"bad\": missing )") != std::string::npos);
}

// Typed rules: each resolver declares its params (name, type, default), its groups and its
// lexicons (extract/resolvers.cpp); a rule that strays from them does not load. One rule file
// per case, and the one line trich prints for it.
TEST_CASE("typed rules: params, groups and lexicons are checked against the resolver") {
  // Lexicons the rules below need, then one rule whose [[rule]] header is line 6 (after the
  // kind line each case gets).
  const std::string head =
      "[lexicon.ordinal_thu.entries]\n\"nhat\" = 1\n[lexicon.roman.entries]\n[lexicon.term_head.entries]\n";
  auto priority = [&](const std::string& params) {
    return head + "[[rule]]\nname = \"p\"\nresolve = \"priority\"\n" + params +
           "\npattern = '(?P<marker>thu (?P<ord>nhat))'\nexamples = [\"thu nhat\"]\n";
  };
  auto term = [&](const std::string& params, const std::string& pattern) {
    return head + "[[rule]]\nname = \"t\"\nresolve = \"term_ordinal\"\n" + params +
           "\npattern = '" + pattern + "'\nexamples = [\"khoa 12\"]\n";
  };
  struct Case {
    const char* name;
    std::string text;
    const char* error;  // Diagnostic::where_what()
  } cases[] = {
      {"a boolean written as a string",
       priority("params = { style = \"thu\", lexicon = \"ordinal_thu\", weak = \"true\" }"),
       "r.toml:9: rule \"p\": param \"weak\" must be a boolean, not a string"},
      {"an integer where a boolean is expected",
       priority("params = { style = \"thu\", lexicon = \"ordinal_thu\", weak = 1 }"),
       "r.toml:9: rule \"p\": param \"weak\" must be a boolean, not an integer"},
      {"a float where a string is expected",
       term("params = { kind = 1.5 }", "khoa (?P<ord>\\d+)"),
       "r.toml:9: rule \"t\": param \"kind\" must be a string, not a floating-point number"},
      // (A TERM's kind and a list's style are labels the rules choose: any string.)
      {"a string outside its choices",
       "[lexicon.relative_veto.entries]\n[lexicon.quarter.entries]\n[[rule]]\nname = \"r\"\n"
       "resolve = \"relative\"\nparams = { unit = \"week\" }\npattern = '(?P<span>tuan nay)'\n"
       "examples = [\"tuan nay\"]\n",
       "r.toml:7: rule \"r\": param \"unit\" must be one of day, month, quarter, half, year, "
       "not \"week\""},
      {"an unknown lexicon",
       priority("params = { style = \"thu\", lexicon = \"ordinal_thuu\" }"),
       "r.toml:9: rule \"p\": param \"lexicon\": unknown lexicon \"ordinal_thuu\""},
      {"an unknown param",
       term("params = { kind = \"khoa\", knd = \"khoa\" }", "khoa (?P<ord>\\d+)"),
       "r.toml:9: rule \"t\": unknown param \"knd\" (resolver \"term_ordinal\" takes kind, "
       "max)"},
      {"a missing param", priority("params = { lexicon = \"ordinal_thu\" }"),
       "r.toml:6: rule \"p\": missing param \"style\" (a string)"},
      {"params that are no table", priority("params = \"thu\""),
       "r.toml:9: rule \"p\": params must be a table, not a string"},
      {"a group the resolver does not read",
       term("params = { kind = \"khoa\" }", "khoa (?P<ordinal>\\d+)"),
       "r.toml:6: rule \"t\": group \"ordinal\" is not one resolver \"term_ordinal\" reads "
       "(span, ord, head, more)"},
      {"a group the resolver needs",
       term("params = { kind = \"khoa\" }", "khoa (?P<head>\\d+)"),
       "r.toml:6: rule \"t\": resolver \"term_ordinal\" needs a group \"ord\""},
      {"a lexicon the resolver reads",
       "[[rule]]\nname = \"a\"\nresolve = \"announce\"\npattern = '(?P<n>\\d) việc'\n"
       "examples = [\"3 việc\"]\n",
       "r.toml:2: rule \"a\": resolver \"announce\" reads lexicon \"cardinal\", which the rules "
       "do not define"},
      {"a lexicon read through a group the pattern names",
       "[[rule]]\nname = \"d\"\nresolve = \"date\"\npattern = '(?P<mw>may) (?P<y>\\d{4})'\n"
       "examples = [\"may 2024\"]\n",
       "r.toml:2: rule \"d\": resolver \"date\" reads group \"mw\" through lexicon "
       "\"month_word\", which the rules do not define"},
      {"a lexicon a kind's passes read",
       "kind = \"priorities\"\n" + priority("params = { style = \"thu\", lexicon = \"ordinal_thu\" }"),
       "r.toml:6: rules of kind \"priorities\" need lexicon \"opening_item\", which the rules do "
       "not define"},
      {"an unknown key in a rule",
       term("params = { kind = \"khoa\" }\nexample = [\"khoa 12\"]", "khoa (?P<ord>\\d+)"),
       "r.toml:10: rule \"t\": unknown key \"example\" (a rule has name, resolve, pattern, params, "
       "examples and counterexamples)"},
      {"an unknown key in a file", head + "[[rules]]\nname = \"x\"\n",
       "r.toml:6: unknown key \"rules\" (a rule file has kind, fragments, lexicon, rule and "
       "letter; a messages file finding, part and ui)"},
      {"a letter of two code points", "[[letter]]\nfrom = \"Ðx\"\nto = \"Đ\"\n",
       "r.toml:3: letter: from must be one letter, not \"Ðx\""},
      {"a letter that is no letter", "[[letter]]\nfrom = \"\u2013\"\nto = \"-\"\n",
       "r.toml:3: letter: from must be one letter, not \"\u2013\""},
      {"an ASCII letter", "[[letter]]\nfrom = \"D\"\nto = \"Đ\"\n",
       "r.toml:2: letter: from must not be ASCII"},
      {"a letter folded to one NFC changes", "[[letter]]\nfrom = \"Ð\"\nto = \"\u0958\"\n",
       "r.toml:2: letter: to must be a letter NFC keeps as it is"},
      {"a letter folded twice",
       "[[letter]]\nfrom = \"Ð\"\nto = \"Đ\"\nexamples = [{text = \"Ð\", normalized = \"Đ\"}]\n"
       "[[letter]]\nfrom = \"Đ\"\nto = \"D\"\n",
       "r.toml:6: letter: a letter folds twice (also r.toml:2)"},
      {"a letter without examples", "[[letter]]\nfrom = \"Ð\"\nto = \"Đ\"\n",
       "r.toml:2: letter: needs examples = [{text = ..., normalized = ...}]"},
      {"a letter's example of the wrong shape",
       "[[letter]]\nfrom = \"Ð\"\nto = \"Đ\"\nexamples = [{text = \"Ð\"}]\n",
       "r.toml:5: letter: an example is {text = \"...\", normalized = \"...\"}"},
      {"a lexicon's fold_case as a string", "[lexicon.x]\nfold_case = \"yes\"\n[lexicon.x.entries]\n",
       "r.toml:3: lexicon \"x\": fold_case must be a boolean, not a string"},
      {"a float in a lexicon", "[lexicon.x.entries]\n\"a\" = 1.5\n",
       "r.toml:3: lexicon \"x\": value of \"a\" must be a number, a string or a list of strings"},
      {"a name that is no string", head + "[[rule]]\nname = 3\n",
       "r.toml:7: rule: name must be a string, not an integer"},
      {"an example field of the wrong shape",
       term("params = { kind = \"khoa\" }", "khoa (?P<ord>\\d+)") +
           "counterexamples = [{ text = \"khoa 1\", ordinal = 1.5 }]\n",
       "r.toml:12: rule \"t\": field \"ordinal\" must be a string, integer or boolean, not a "
       "floating-point number"},
      {"an example field with a value per span, too few",
       term("params = { kind = \"khoa\" }", "khoa (?P<ord>\\d+)") +
           "counterexamples = [{ text = \"khoa 1 khoa 2\", spans = [\"khoa 1\", \"khoa 2\"], "
           "ordinal = [1] }]\n",
       "r.toml:12: rule \"t\": field \"ordinal\" gives 1 values for 2 spans"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      std::string text = c.text;
      // Every case but the file-level ones has its rule's kind.
      if (text.find("kind = \"priorities\"") == std::string::npos) text = "kind = \"terms\"\n" + text;
      auto r = load(text);
      INFO(text);
      REQUIRE_FALSE(r.ok());
      // The line numbers above count from the kind line.
      CHECK(r.error().where_what() == std::string(c.error));
    }
  }
}

// A lexicon read through a group is needed only when the pattern names that group: a date
// rule of digits loads without month names (a --rules directory of one rule, tests/cli).
TEST_CASE("typed rules: a group's lexicon is needed only with the group") {
  auto r = load(
      "kind = \"dates\"\n[[rule]]\nname = \"d\"\nresolve = \"date\"\n"
      "pattern = '(?P<m>\\d{1,2})/(?P<y>\\d{4})'\nexamples = [\"5/2024\"]\n");
  INFO((r.ok() ? std::string() : r.error().where_what()));
  CHECK(r.ok());
}

TEST_CASE("typed rules: defaults fill the params a rule leaves out, as text") {
  auto r = load(
      "kind = \"priorities\"\n[lexicon.ordinal_thu.entries]\n\"nhat\" = 1\n"
      "[lexicon.opening_item.entries]\n[lexicon.closing_item.entries]\n"
      "[[rule]]\nname = \"p\"\nresolve = \"priority\"\n"
      "params = { style = \"thu\", lexicon = \"ordinal_thu\" }\n"
      "pattern = '(?P<marker>thu (?P<ord>nhat))'\n"
      "examples = [{ text = \"thu nhat\", index = 1, style = \"thu\" }]\n");
  INFO((r.ok() ? std::string() : r.error().where_what()));
  REQUIRE(r.ok());
  const auto& rule = r.value().rules.at(0);
  CHECK(rule.param("style") == "thu");
  CHECK(rule.param("weak") == "false");
  CHECK_FALSE(rule.flag("weak"));
  REQUIRE(rule.examples.at(0).fields.size() == 2);
  CHECK(rule.examples[0].fields[0].name == "index");
  CHECK(rule.examples[0].fields[0].json == std::vector<std::string>{"1"});
  CHECK(rule.examples[0].fields[1].json == std::vector<std::string>{"\"thu\""});
}

// RuleSet::lexicon gives an empty lexicon for a name the catalog does not declare: every name
// src/ reads as a literal must be declared, by a resolver or by the passes of a kind.
TEST_CASE("typed rules: every lexicon src/ reads by name is declared in the catalog") {
  std::set<std::string> declared;
  for (const auto& r : catalog().resolvers) {
    declared.insert(r.lexicons.begin(), r.lexicons.end());
    for (const auto& [g, l] : r.group_lexicons) declared.insert(l);
  }
  for (const auto& [k, v] : catalog().kind_lexicons) declared.insert(v.begin(), v.end());
  // lexicon("name"), first_of("name", ...) and the code tables' arrays. A finding's argument
  // may also be called code_... (citation.type_mismatch's code_types): not a lexicon.
  std::set<std::string> args;
  for (const auto& m : message_specs()) args.insert(m.args.begin(), m.args.end());
  std::regex read(R"re((?:lexicon|first_of)\("([a-z_]+)"|"(code_[a-z]+)")re");
  size_t seen = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(TRICH_SOURCE_DIR "/src")) {
    if (e.path().extension() != ".cpp" && e.path().extension() != ".h") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), read), end; it != end; ++it) {
      std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      if (!(*it)[1].matched && args.count(name)) continue;
      INFO(e.path().string() << ": lexicon " << name);
      CHECK(declared.count(name) == 1);
      ++seen;
    }
  }
  CHECK(seen > 20);
}

// `rules check` compares every field an example states, typed as json writes it.
TEST_CASE("rules check: every field an example states is compared") {
  auto r = load(
      "kind = \"terms\"\n[lexicon.roman.entries]\n[lexicon.term_head.entries]\n"
      "[[rule]]\nname = \"t\"\nresolve = \"term_ordinal\"\nparams = { kind = \"khoa\" }\n"
      "pattern = 'khoa (?P<ord>\\d+)'\nexamples = [\n"
      "  { text = \"khoa 12\", kind = \"khoa\", ordinal = 12 },\n"  // right: no failure
      "  { text = \"khoa 13\", kind = \"dai_hoi\" },\n"             // wrong value
      "  { text = \"khoa 14\", ordinal = \"14\" },\n"               // wrong type
      "  { text = \"khoa 15\", ordinl = 15 },\n"                    // no such field
      "  { text = \"khoa 16\", from = 16 },\n"                      // null, not 16
      "]\n");
  INFO((r.ok() ? std::string() : r.error().where_what()));
  REQUIRE(r.ok());
  auto x = Extractor::build(r.value());
  REQUIRE(x.ok());
  std::ostringstream out;
  CHECK(check_rules(*x.value(), out) == 4);
  CHECK(out.str() ==
        "r.toml:11: rule \"t\": example \"khoa 13\": kind should be \"dai_hoi\", got \"khoa\"\n"
        "r.toml:12: rule \"t\": example \"khoa 14\": ordinal should be \"14\", got 14\n"
        "r.toml:13: rule \"t\": example \"khoa 15\": \"ordinl\" is no field of its entities "
        "(page, page_line, kind, from, to, ordinal)\n"
        "r.toml:14: rule \"t\": example \"khoa 16\": from should be 16, got null\n"
        "rules check: 1 rules, 5 examples, 4 failures\n");
}

// The values a TERM's kind, a list's style and a citation's relation take are the rules'
// (src/ spells none of them): `trich schema` lists those of the rules it loads.
TEST_CASE("schema: enumerations of rule-defined values come from the loaded rules") {
  using ojson = nlohmann::ordered_json;
  auto enum_of = [](const ojson& schema, const char* def, const char* field) {
    const ojson& p = schema["$defs"][def]["properties"][field];
    return p.contains("enum") ? p["enum"] : ojson();
  };
  auto builtin = rules::load(rules::embedded_sources(), catalog());
  REQUIRE(builtin.ok());
  auto values = rule_values(builtin.value());
  CHECK(values["term.kind"] == std::vector<std::string>{"nhiem_ky", "period", "khoa", "dai_hoi"});
  CHECK(values["list.style"] == std::vector<std::string>{"thu", "la"});
  CHECK(values["citation.relation"] ==
        std::vector<std::string>{"basis", "implements", "amends", "replaces", "repeals", "guides",
                                 "mention"});
  auto schema = ojson::parse(json_schema(values));
  CHECK(enum_of(schema, "term", "kind") == ojson({"nhiem_ky", "period", "khoa", "dai_hoi"}));
  CHECK(enum_of(schema, "line_term", "term_kind") == enum_of(schema, "term", "kind"));
  CHECK(enum_of(schema, "list", "style") == ojson({"thu", "la"}));
  CHECK(enum_of(schema, "citation", "relation").back() == "mention");

  // Rules of one TERM kind of their own and no priorities: that kind alone; a style any
  // string; the relation the engine gives when no cue reaches a citation.
  auto own = load(
      "kind = \"terms\"\n[lexicon.roman.entries]\n[lexicon.term_head.entries]\n"
      "[[rule]]\nname = \"t\"\nresolve = \"term_ordinal\"\nparams = { kind = \"legislature\" }\n"
      "pattern = 'term (?P<ord>\\d+)'\nexamples = [\"term 12\"]\n");
  INFO((own.ok() ? std::string() : own.error().where_what()));
  REQUIRE(own.ok());
  auto mine = ojson::parse(json_schema(rule_values(own.value())));
  CHECK(enum_of(mine, "term", "kind") == ojson({"legislature"}));
  CHECK(enum_of(mine, "list", "style").is_null());
  CHECK(mine["$defs"]["list"]["properties"]["style"]["type"] == "string");
  CHECK(enum_of(mine, "citation", "relation") == ojson({"mention"}));
}
