// RuleSet: the language knowledge loaded from rules/**/*.toml: lexicons (word -> value),
// fragments (named regex pieces) and rules (a pattern, the resolver it feeds, and its
// examples). Loading expands {:fragment} and {lex:name} references and checks the files'
// shape, reporting errors as "file:line: message". Patterns are compiled by extract/Matcher
// (once per kind), which reports a bad regex the same way.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"

namespace trich::rules {

// A lexicon value: a number, a string, or a list of strings (e.g. the type names a code may
// stand for).
struct LexValue {
  std::optional<long> number;
  std::vector<std::string> strings;
  const std::string& str() const { return strings.front(); }
};

class Lexicon {
 public:
  bool fold_case = false;  // keys are matched case-insensitively (stored lower-cased)
  std::vector<std::string> keys;  // as written, in file order
  std::vector<std::string> lowered;  // keys[i] lower-cased (utf8::to_lower), when fold_case
  size_t longest = 0;  // the longest key's size in bytes (lower-cased, when fold_case)
  // Looks `word` up (lower-cased first when fold_case). nullptr when absent.
  const LexValue* find(std::string_view word) const;
  // Looks up a word already lower-cased (as utf8::to_lower does) when fold_case.
  const LexValue* find_lowered(const std::string& word) const;
  void add(const std::string& key, LexValue v);

 private:
  std::unordered_map<std::string, LexValue> map_;
};

// An example of a rule: a string (one entity spanning all of it), or a table
// {text, span, value} for one entity, or {text, spans = [...], values = [...]} for a rule
// that yields several entities (a date range gives two dates).
struct Example {
  std::string text;                 // the input
  std::vector<std::string> spans;   // the expected entity texts, in order
  std::vector<std::string> values;  // optional expected values, in order (see rules check)
  std::string reference;            // the reference date relative dates resolve against
};

struct Rule {
  std::string file;
  int line = 0;
  std::string kind;     // "citations", "dates", "terms", "priorities" or an auxiliary kind
  std::string name;
  std::string resolve;  // the resolver's name
  std::string pattern;  // expanded RE2 syntax
  std::map<std::string, std::string> params;  // resolver options (e.g. term kind)
  std::vector<Example> examples;
  std::vector<Example> counterexamples;
  std::string param(const std::string& k, const std::string& dflt = "") const;
};

struct RuleSet {
  std::vector<Rule> rules;
  std::map<std::string, Lexicon> lexicons;
  std::map<std::string, std::string> fragments;
  // The lexicon `name`; an empty one when the rules lack it (rules check reports that).
  const Lexicon& lexicon(const std::string& name) const;
};

// A rule file's name and text.
struct Source {
  std::string path;
  std::string text;
};

// Loads and checks the given files (all of them: fragments and lexicons are shared).
// `known_resolvers` lists the names a rule's `resolve` may take.
Result<RuleSet> load(const std::vector<Source>& files,
                     const std::vector<std::string>& known_resolvers);

// The rules compiled into the binary, or those under `dir` (every *.toml, recursively).
std::vector<Source> embedded_sources();
Result<std::vector<Source>> directory_sources(const std::string& dir);

}  // namespace trich::rules
