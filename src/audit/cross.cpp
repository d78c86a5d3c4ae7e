#include "audit/cross.h"

#include <fmt/format.h>

#include "base/utf8.h"

namespace trich {

void collect_dated(const Auditor& a, const Extraction& x, std::vector<DatedMention>& out) {
  for (const auto& c : x.citations) {
    if (!c.symbol || !c.date || c.self) continue;
    std::string key = a.key(*c.symbol);
    bool known = false;
    for (const auto& m : out) known = known || (m.key == key && m.date == *c.date && m.issuer == c.issuer);
    if (known) continue;
    // The date as written: the citation's text from where its date starts is not at hand
    // here (spans are of the whole citation), so the ISO date stands for it.
    out.push_back({key, *c.symbol, *c.date, *c.date, c.issuer, c.span, !c.year});
  }
}

std::vector<Finding> DatesAcross::check(const std::string& source,
                                        const std::vector<DatedMention>& mentions) {
  std::vector<Finding> out;
  if (!rules_) return out;
  auto body = [&](const std::optional<std::string>& s) -> std::string {
    if (!s) return "";
    if (const auto* v = rules_->lexicon("issuer").find(*s)) return utf8::to_lower(v->str());
    return utf8::to_lower(*s);
  };
  std::vector<std::pair<std::string, Seen>> fresh;
  std::map<std::string, bool> reported;  // one finding per symbol in a document
  for (const auto& m : mentions) {
    auto it = seen_.find(m.key);
    if (it != seen_.end() && !reported[m.key]) {
      for (const auto& p : it->second) {
        if (p.source == source || p.date == m.date) continue;
        if (m.yearless && p.date.compare(0, 4, m.date, 0, 4) != 0) continue;
        // Two bodies can number documents alike: only the same (or an unnamed) issuer.
        if (p.issuer && m.issuer && body(p.issuer) != body(m.issuer)) continue;
        Finding f;
        f.span = m.span;
        f.code = "citation.conflicting_dates";
        f.severity = "warning";
        Args args = {{"symbol", m.symbol},
                     {"date", m.written},
                     {"other_date", p.written},
                     {"other_line", std::to_string(p.line)},
                     {"other_source", p.source}};
        const Messages& words = messages_ ? *messages_ : Messages::builtin("en");
        f.message = words.render(f.code, "across", args);
        f.args.items = std::move(args);
        out.push_back(std::move(f));
        reported[m.key] = true;
        break;
      }
    }
    fresh.push_back({m.key, {m.date, m.written, source, m.issuer, m.span.line}});
  }
  for (auto& [k, s] : fresh) {
    auto& v = seen_[k];
    bool known = false;
    for (const auto& p : v) known = known || (p.date == s.date && p.issuer == s.issuer);
    if (!known) v.push_back(std::move(s));
  }
  return out;
}

}  // namespace trich
