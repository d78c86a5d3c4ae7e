// Resolvers: one function per `resolve = "..."` name in the rules. Each turns one Match into
// zero or more entities (or records for audit). They hold the logic that regexes cannot
// express (calendar validity, lexicon look-ups, structure of a symbol) but no language data:
// every word they need comes from a lexicon of the rules.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/engine.h"
#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

struct ResolveContext {
  const rules::RuleSet& rules;
  std::string_view text;  // the normalized document text
  Extraction& out;
  // KindSet::reference_date: "YYYY-MM-DD", "document" or empty (no relative dates).
  std::string_view reference_date = {};
};

// Returns false when the match yields nothing (the engine goes on after it either way).
using Resolver = bool (*)(const Match&, ResolveContext&);

// A resolver and what it reads of its rules (params, groups, lexicons): rules::load checks
// every rule against it, so a rule file cannot drift from the code.
struct ResolverDef {
  rules::ResolverSpec spec;
  Resolver fn;
};
using Registry = std::vector<ResolverDef>;

// Every resolver, by the name rules use.
const std::map<std::string, Resolver>& resolvers();
// What the resolvers and the passes that follow a kind's scan (references, priority lists,
// audit) read of the rules: what rules::load checks the rule files against.
const rules::Catalog& catalog();

// Registration tables of each resolver module.
void add_date_resolvers(Registry& r);
void add_citation_resolvers(Registry& r);
void add_term_resolvers(Registry& r);
void add_priority_resolvers(Registry& r);
void add_audit_resolvers(Registry& r);
void add_header_resolvers(Registry& r);

// Shared helpers.
int to_int(std::string_view digits);  // -1 when not all digits or empty
// ISO date for y, m, d when it exists on the calendar, else "".
std::string iso_date(int y, int m, int d);
bool plausible_year(int y);

// Word-level reading of the normalized text for the resolvers that look beyond their match
// (a name's extent, a header's type line). Words are runs of letters (with their marks) or
// runs of digits; everything else separates them.
namespace scan {

struct Word {
  size_t b = 0, e = 0;  // [b, e) in the text
  std::string_view text;
  bool digits = false;  // a run of ASCII digits
};

// The words of text[from, to).
std::vector<Word> words(std::string_view text, size_t from, size_t to);
// The first word at or after `from` (before `to`); text empty when there is none.
Word next_word(std::string_view text, size_t from, size_t to);
bool is_upper_word(std::string_view w);   // every letter upper-case (and at least one)
bool is_capitalized(std::string_view w);  // the first letter is upper-case
// words[i .. i+n) joined by single spaces.
std::string join(const std::vector<Word>& w, size_t i, size_t n);
// True when words[i .. i+n) are separated only by spaces or tabs (no line break, no mark).
bool same_line_run(std::string_view text, const std::vector<Word>& w, size_t i, size_t n);
// The longest key of `lex` that words[i ..] spell, of at most `most` words (joined by single
// spaces), as a count of words (0: none); its value in *value. `fits(n)` may refuse a length
// (a run that crosses a line, words not in capitals) before it is looked up.
template <class Fits>
size_t phrase_at(const rules::Lexicon& lex, const std::vector<Word>& w, size_t i, size_t most,
                 const rules::LexValue** value, Fits&& fits) {
  if (i >= w.size() || !lex.may_start(w[i].text)) return 0;
  for (size_t n = std::min(most, w.size() - i); n >= 1; --n) {
    if (!fits(n)) continue;
    if (const auto* v = lex.find(join(w, i, n))) {
      if (value) *value = v;
      return n;
    }
  }
  return 0;
}
inline size_t phrase_at(const rules::Lexicon& lex, const std::vector<Word>& w, size_t i,
                        size_t most, const rules::LexValue** value = nullptr) {
  return phrase_at(lex, w, i, most, value, [](size_t) { return true; });
}

}  // namespace scan

}  // namespace trich
