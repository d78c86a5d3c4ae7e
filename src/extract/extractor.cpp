#include "extract/extractor.h"

#include <algorithm>

#include "extract/priorities.h"
#include "extract/references.h"
#include "extract/resolvers.h"

namespace trich {

const std::vector<std::string>& Extractor::kinds() {
  static const std::vector<std::string> k = {"citations", "priorities", "dates",
                                             "terms",     "announce",   "anniversary"};
  return k;
}

std::vector<std::string> Extractor::kinds_for(const KindSet& k) {
  std::vector<std::string> out;
  if (k.citations) out.push_back("citations");
  if (k.priorities) out.insert(out.end(), {"priorities", "announce"});
  if (k.dates) out.push_back("dates");
  if (k.terms) out.push_back("terms");
  if (k.audit) out.push_back("anniversary");
  return out;
}

Result<std::unique_ptr<Extractor>> Extractor::build(const rules::RuleSet& rules,
                                                    const std::vector<std::string>& only) {
  auto x = std::unique_ptr<Extractor>(new Extractor(rules));
  for (const auto& k : only.empty() ? kinds() : only) {
    auto m = Matcher::build(rules, k);
    if (!m.ok()) return m.error();
    x->matchers_[k] = std::move(m.value());
  }
  return x;
}

const Matcher* Extractor::matcher(const std::string& kind) const {
  auto it = matchers_.find(kind);
  return it == matchers_.end() ? nullptr : it->second.get();
}

void Extractor::scan(const std::string& kind, std::string_view text, Extraction& out,
                     const CitationMemory* earlier) const {
  if (!matcher(kind)) return;  // not built for this run
  ResolveContext cx{rules_, text, out};
  const auto& table = resolvers();
  matcher(kind)->scan(text, 0, text.size(), [&](const Match& m) {
    auto it = table.find(m.rule().resolve);
    if (it != table.end()) it->second(m, cx);
  });
  if (kind == "priorities") build_lists(text, *matcher("announce"), cx);
  if (kind == "citations") resolve_references(text, rules_, out.citations, earlier);
}

Extraction Extractor::run_kind(const std::string& kind, std::string_view text) const {
  Extraction x;
  if (matcher(kind)) scan(kind, text, x);
  return x;
}

namespace {

template <class T>
void order(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.at.b < b.at.b; });
}

}  // namespace

Extraction Extractor::run(const Document& doc, const KindSet& kinds,
                          const CitationMemory* earlier) const {
  Extraction x;
  std::string_view text = doc.text();
  if (kinds.citations) scan("citations", text, x, earlier);
  if (kinds.priorities) scan("priorities", text, x);
  if (kinds.dates) scan("dates", text, x);
  if (kinds.terms) scan("terms", text, x);
  if (kinds.audit) scan("anniversary", text, x);
  finish(doc, x);
  return x;
}

void Extractor::finish(const Document& doc, Extraction& x) const {
  order(x.citations);
  order(x.dates);
  order(x.terms);
  for (auto& c : x.citations) c.span = doc.span(c.at.b, c.at.e);
  for (auto& l : x.priorities) {
    if (l.lead_at) l.lead_span = doc.span(l.lead_at->b, l.lead_at->e);
    for (auto& it : l.items) it.span = doc.span(it.at.b, it.at.e);
  }
  for (auto& d : x.dates) d.span = doc.span(d.at.b, d.at.e);
  for (auto& t : x.terms) t.span = doc.span(t.at.b, t.at.e);
}

}  // namespace trich
