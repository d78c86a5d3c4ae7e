#include "extract/rule_values.h"

#include <algorithm>

namespace trich {
namespace {

void add(std::vector<std::string>& set, const std::string& v) {
  if (!v.empty() && std::find(set.begin(), set.end(), v) == set.end()) set.push_back(v);
}

}  // namespace

std::map<std::string, std::vector<std::string>> rule_values(const rules::RuleSet& rules) {
  std::map<std::string, std::vector<std::string>> out;
  auto& term_kinds = out["term.kind"];
  auto& styles = out["list.style"];
  auto& relations = out["citation.relation"];
  // The resolvers copy these parameters into the entity as they are (extract/terms.cpp,
  // extract/priorities.cpp).
  for (const auto& r : rules.rules) {
    if (r.kind == "terms") add(term_kinds, r.param("kind"));
    if (r.kind == "priorities") add(styles, r.param("style"));
  }
  // A citation's relation is the value of its cue in relation_cue, or "mention" when no cue
  // reaches it (extract/relations.cpp). In the order the file first gives each value (the
  // lexicon's keys are sorted, which would put "amends" first): rules/vi/relations.toml lists
  // basis, implements, amends, replaces, repeals, guides, then phrases that mean mention.
  const rules::Lexicon& cues = rules.lexicon("relation_cue");
  std::vector<const rules::LexValue*> by_line;
  for (const auto& k : cues.keys) {
    if (const rules::LexValue* v = cues.find(k); v && !v->strings.empty()) by_line.push_back(v);
  }
  std::stable_sort(by_line.begin(), by_line.end(),
                   [](const auto* a, const auto* b) { return a->line < b->line; });
  for (const auto* v : by_line) add(relations, v->str());
  add(relations, "mention");
  return out;
}

}  // namespace trich
