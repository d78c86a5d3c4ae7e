// Term resolvers. term_range: groups from, to (years); term_ordinal: group ord (a Roman
// numeral from the lexicon "roman", or digits) and optionally more (a list of further Roman
// numerals, or digits in a run). Param kind = nhiem_ky|period|khoa|dai_hoi; max, the largest
// ordinal that is a term.
#include "extract/resolvers.h"

namespace trich {
namespace {

bool term_range(const Match& m, ResolveContext& cx) {
  int from = to_int(m.group("from")), to = to_int(m.group("to"));
  if (!plausible_year(from) || to <= from || to - from > 100) return false;
  Term t;
  t.at = {m.begin(), m.end()};
  t.kind = m.rule().param("kind");
  t.from = from;
  t.to = to;
  cx.out.terms.push_back(std::move(t));
  return true;
}

// Digits, or a Roman numeral of the lexicon "roman"; -1 when neither.
int ordinal_of(std::string_view ord, const rules::RuleSet& rules) {
  int n = to_int(ord);
  if (n >= 0) return n;
  const auto* v = rules.lexicon("roman").find(ord);
  return v && v->number ? static_cast<int>(*v->number) : -1;
}

// Group "more": the rest of a list after the first ordinal ("khoa XI, XII, XIII"). Each of its
// ordinals is a term of its own, spanning the numeral; the first term ends at its own.
bool term_ordinal(const Match& m, ResolveContext& cx) {
  int n = ordinal_of(m.group("ord"), cx.rules);
  int max = to_int(m.rule().param("max"));
  if (n <= 0 || (max > 0 && n > max)) return false;
  Term t;
  t.at = {m.begin(), m.has("more") ? m.group_end("ord") : m.end()};
  // A rule with a "head" group may have matched from an earlier head than the one that
  // governs the ordinal ("dai hoi cac cap tien toi Dai hoi ... lan thu XIII"): the span
  // starts at the last head inside the match.
  if (m.has("head")) {
    std::string_view head = m.group("head");
    std::string_view span = m.text().substr(m.begin(), m.end() - m.begin());
    size_t at = span.rfind(head);
    // rfind on exact bytes; heads of other case are found through the lexicon of heads.
    for (const auto& k : cx.rules.lexicon("term_head").keys) {
      size_t p = span.rfind(k);
      if (p != std::string_view::npos && (at == std::string_view::npos || p > at)) at = p;
    }
    if (at != std::string_view::npos) t.at.b = m.begin() + at;
  }
  t.kind = m.rule().param("kind");
  t.ordinal = n;
  cx.out.terms.push_back(t);
  if (m.has("more")) {
    int prev = n;
    for (const auto& w : scan::words(m.text(), m.group_begin("more"), m.group_end("more"))) {
      int k = ordinal_of(w.text, cx.rules);
      if (k <= 0 || (max > 0 && k > max)) continue;  // the joining words
      if (w.digits && k != prev + 1) break;  // digits only as a run: "khoa 14, 20 dai bieu"
      prev = k;
      Term more = t;
      more.at = {w.b, w.e};
      more.ordinal = k;
      cx.out.terms.push_back(more);
    }
  }
  return true;
}

}  // namespace

void add_term_resolvers(Registry& r) {
  // kind: the TERM's kind, a label the rules choose (docs/contract.md lists those of
  // rules/vi); the schema's enumeration is the rules' (extract/rule_values.h).
  rules::ParamSpec kind{"kind", rules::ParamType::string, std::nullopt, {}};
  r.push_back({{"term_range", {kind}, {"from", "to"}, {"from", "to"}, {}}, term_range});
  // max: the largest ordinal the rule takes (0: any).
  r.push_back({{"term_ordinal",
                {kind, {"max", rules::ParamType::integer, "0", {}}},
                {"ord", "head", "more"},
                {"ord"},
                {"roman", "term_head"}},
               term_ordinal});
}

}  // namespace trich
