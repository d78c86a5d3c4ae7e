// Term resolvers. term_range: groups from, to (years); term_ordinal: group ord (a Roman
// numeral from the lexicon "roman", or digits). Param kind = nhiem_ky|period|khoa|dai_hoi.
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

bool term_ordinal(const Match& m, ResolveContext& cx) {
  std::string_view ord = m.group("ord");
  int n = to_int(ord);
  if (n < 0) {
    const auto* v = cx.rules.lexicon("roman").find(ord);
    if (!v || !v->number) return false;
    n = static_cast<int>(*v->number);
  }
  if (n <= 0) return false;
  Term t;
  t.at = {m.begin(), m.end()};
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
  cx.out.terms.push_back(std::move(t));
  return true;
}

}  // namespace

void add_term_resolvers(Registry& r) {
  // The TERM kinds of docs/contract.md.
  rules::ParamSpec kind{"kind", rules::ParamType::string, std::nullopt,
                        {"nhiem_ky", "period", "khoa", "dai_hoi"}};
  r.push_back({{"term_range", {kind}, {"from", "to"}, {"from", "to"}, {}}, term_range});
  r.push_back({{"term_ordinal", {kind}, {"ord", "head"}, {"ord"}, {"roman", "term_head"}},
               term_ordinal});
}

}  // namespace trich
