// RuleSet: the language knowledge loaded from rules/**/*.toml: lexicons (word -> value),
// fragments (named regex pieces) and rules (a pattern, the resolver it feeds, and its
// examples). Loading expands {:fragment} and {lex:name} references and checks the files'
// shape against what the engine declares it reads (a Catalog: each resolver's parameters with
// their types, its groups and lexicons), reporting errors as "file:line: message". Patterns
// are compiled by extract/Matcher (once per kind), which reports a bad regex the same way.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/error.h"

namespace trich::rules {

// A lexicon value: a number, a string, or a list of strings (e.g. the type names a code may
// stand for).
struct LexValue {
  std::optional<long> number;
  std::vector<std::string> strings;
  int line = 0;  // its entry's line in its file: the order the file gives (keys are sorted)
  const std::string& str() const { return strings.front(); }
};

class Lexicon {
 public:
  bool fold_case = false;  // keys are matched case-insensitively (stored lower-cased)
  // As written, sorted (toml++ keeps a table's keys sorted); LexValue::line has file order.
  std::vector<std::string> keys;
  std::vector<std::string> lowered;  // keys[i] lower-cased (utf8::to_lower), when fold_case
  size_t longest = 0;  // the longest key's size in bytes (lower-cased, when fold_case)
  // Looks `word` up (lower-cased first when fold_case). nullptr when absent.
  const LexValue* find(std::string_view word) const;
  // Looks up a word already lower-cased (as utf8::to_lower does) when fold_case.
  const LexValue* find_lowered(const std::string& word) const;
  // True when some key's first word (up to its first space) is `word` (lower-cased first
  // when fold_case): a phrase that opens with any other word is no key, so a search for the
  // longest key at each word of a text asks this once instead of building every phrase.
  bool may_start(std::string_view word) const;
  void add(const std::string& key, LexValue v);

 private:
  std::unordered_map<std::string, LexValue> map_;
  std::unordered_set<std::string> first_words_;
};

// A field an example states of its entities ({..., issuer = "Chinh phu"}): one value per
// entity, in order, each as JSON text ("\"Chinh phu\"", "13", "true"), the way the json
// format writes the field, so that `rules check` compares type and value at once.
struct ExampleField {
  std::string name;
  std::vector<std::string> json;
  int line = 0;
};

// An example of a rule: a string (one entity spanning all of it), or a table
// {text, span, value, FIELD = ...} for one entity, or {text, spans = [...], values = [...],
// FIELD = [...]} for a rule that yields several entities (a date range gives two dates).
struct Example {
  std::string text;                 // the input
  std::vector<std::string> spans;   // the expected entity texts, in order
  std::vector<std::string> values;  // optional expected values, in order (see rules check)
  std::string reference;            // the reference date relative dates resolve against
  std::vector<ExampleField> fields;  // other fields of the entities (see rules check)
  int line = 0;
};

// What the engine reads of the rules, declared beside the code that reads it
// (extract/resolvers.cpp) and checked when rules load.
enum class ParamType { string, boolean, integer, lexicon };  // lexicon: a lexicon's name
const char* type_name(ParamType t);

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::string;
  // The value a rule that leaves the parameter out gets, as Rule::params stores it ("true",
  // "12", "party"); none: every rule must give it.
  std::optional<std::string> fallback;
  std::vector<std::string> choices;  // the strings it may be; empty: any
};

struct ResolverSpec {
  std::string name;
  std::vector<ParamSpec> params;
  // The named groups it reads: a rule's pattern may name these and "span" only, and must name
  // every one of `required`.
  std::vector<std::string> groups;
  std::vector<std::string> required;
  std::vector<std::string> lexicons;  // lexicons it reads (a lexicon parameter names one more)
  // Reads no group, so any may be there (a counter-rule shares fragments that name groups).
  bool any_group = false;
  // (group, lexicon): a lexicon read only to look up what that group matched (a month's
  // name), so needed only by rules whose pattern names the group.
  // Most resolvers have none: the initializer lets their specs leave it out.
  std::vector<std::pair<std::string, std::string>> group_lexicons = {};
};

struct Catalog {
  std::vector<ResolverSpec> resolvers;
  // The lexicons the passes that follow a kind's scan read (references, priority lists,
  // audit), by kind: rules of that kind need them.
  std::map<std::string, std::vector<std::string>> kind_lexicons;
  const ResolverSpec* find(const std::string& name) const;
};

struct Rule {
  std::string file;
  int line = 0;
  std::string kind;     // "citations", "dates", "terms", "priorities" or an auxiliary kind
  std::string name;
  std::string resolve;  // the resolver's name
  std::string pattern;  // expanded RE2 syntax
  // The resolver's parameters, every one its ResolverSpec declares (defaults filled in),
  // as text: a string as it is, a boolean "true" or "false", an integer in decimal.
  std::map<std::string, std::string> params;
  std::vector<Example> examples;
  std::vector<Example> counterexamples;
  // Parameter `k` ("" when the resolver does not declare it).
  std::string param(const std::string& k) const;
  bool flag(const std::string& k) const { return param(k) == "true"; }
};

// A letter typed for another that looks the same ([[letter]], rules/vi/letters.toml): the
// text the rules match reads `to` wherever the input has `from` (text/normalize.h Folds).
struct LetterFold {
  char32_t from = 0, to = 0;
  std::string file;
  int line = 0;
  struct Example {
    std::string text, normalized;  // an input and what the rules see of it
    int line = 0;
  };
  std::vector<Example> examples;
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<LetterFold> letters;
  // letters as (from, to) pairs, what text/normalize.h's Folds is built from.
  std::vector<std::pair<char32_t, char32_t>> letter_folds() const;
  std::map<std::string, Lexicon> lexicons;
  std::map<std::string, std::string> fragments;
  // The lexicon `name`. Loading checked that the rules define every lexicon the resolvers of
  // their rules and the passes of their kinds declare; a name they do not declare (a bug that
  // tests/unit/ruleset_test.cpp looks for) gives an empty lexicon.
  const Lexicon& lexicon(const std::string& name) const;
};

// A rule file's name and text.
struct Source {
  std::string path;
  std::string text;
};

// Loads and checks the given files (all of them: fragments and lexicons are shared) against
// `catalog`: a rule's `resolve` must name one of its resolvers, and its params, groups and
// lexicons must be those the resolver declares.
Result<RuleSet> load(const std::vector<Source>& files, const Catalog& catalog);

// The rules compiled into the binary, or those under `dir` (every *.toml, recursively).
std::vector<Source> embedded_sources();
Result<std::vector<Source>> directory_sources(const std::string& dir);

}  // namespace trich::rules
