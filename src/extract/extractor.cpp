#include "extract/extractor.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "extract/identity.h"
#include "extract/pinpoints.h"
#include "extract/priorities.h"
#include "extract/relations.h"
#include "extract/references.h"
#include "extract/resolvers.h"

namespace trich {

const std::vector<std::string>& Extractor::kinds() {
  static const std::vector<std::string> k = {"citations", "priorities",  "dates",   "terms",
                                             "announce",  "anniversary", "relative", "header",
                                             "pinpoints"};
  return k;
}

std::vector<std::string> Extractor::kinds_for(const KindSet& k) {
  std::vector<std::string> out;
  if (k.citations) out.insert(out.end(), {"citations", "header", "pinpoints"});
  if (k.priorities) out.insert(out.end(), {"priorities", "announce"});
  if (k.dates) out.push_back("dates");
  if (k.dates && !k.reference_date.empty()) out.push_back("relative");
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
  // One candidate pass for every kind scanned over whole documents (announce only reads the
  // leads of lists: it is searched there, whole). Only with Hyperscan built in (the CMake
  // option TRICH_HYPERSCAN, off by default: docs/scale.md says why).
  std::vector<CandidateFinder::Kind> ck;
  for (const auto& [name, m] : x->matchers_) {
    if (name == "announce" || name == "header" || name == "pinpoints" || m->size() == 0) continue;
    x->candidate_kind_[name] = ck.size();
    ck.push_back({name, m->patterns()});
  }
  x->candidates_ = CandidateFinder::build(ck, x->candidates_why_);
  return x;
}

Extractor::WarmUp::WarmUp(std::vector<std::pair<const Matcher*, size_t>> items, int threads)
    : items_(std::move(items)), threads_(threads) {}

void Extractor::WarmUp::fed(size_t bytes) {
  constexpr size_t kStart = 16 << 10;
  if (fed_.fetch_add(bytes, std::memory_order_relaxed) + bytes < kStart) return;
  std::call_once(start_, [this] {
    for (int t = 0; t < threads_; ++t) {
      pool_.emplace_back([this] {
        for (size_t i; !stop_.load(std::memory_order_relaxed) && (i = next_++) < items_.size();) {
          items_[i].first->warm(items_[i].second);
        }
      });
    }
  });
}

Extractor::WarmUp::~WarmUp() {
  stop_.store(true);
  // A fed() racing with the destructor is the caller's bug: workers are done by now.
  for (auto& t : pool_) t.join();
}

std::unique_ptr<Extractor::WarmUp> Extractor::warm_up(int threads) const {
  if (threads <= 0) return nullptr;
  // The prefilters' automata and the reverse programs first (the first long text and a
  // kind's first match wait for them), the kinds in scanning order; then the rules' own
  // regexes.
  std::vector<std::pair<const Matcher*, size_t>> items;
  for (size_t item : {0, 1}) {
    for (const auto& k : kinds()) {
      if (const Matcher* m = matcher(k); m && m->warm_items() > item) items.emplace_back(m, item);
    }
  }
  for (const auto& k : kinds()) {
    const Matcher* m = matcher(k);
    for (size_t i = 2; m && i < m->warm_items(); ++i) items.emplace_back(m, i);
  }
  return std::make_unique<WarmUp>(std::move(items), threads);
}

const Matcher* Extractor::matcher(const std::string& kind) const {
  auto it = matchers_.find(kind);
  return it == matchers_.end() ? nullptr : it->second.get();
}

const Windows* Extractor::windows_of(const std::string& kind, const Candidates* c) const {
  if (!c || !c->found || !candidates_) return nullptr;
  auto it = candidate_kind_.find(kind);
  if (it == candidate_kind_.end() || !candidates_->covers(it->second)) return nullptr;
  return &c->windows[it->second];
}

Extractor::Candidates Extractor::candidates(std::string_view text) const {
  Candidates c;
  if (candidates_) c.found = candidates_->find(text, c.windows);
  return c;
}

void Extractor::scan(const std::string& kind, std::string_view text, Extraction& out,
                     const CitationMemory* earlier, const Candidates* c,
                     std::string_view reference_date) const {
  if (!matcher(kind)) return;  // not built for this run
  ResolveContext cx{rules_, text, out, reference_date};
  const auto& table = resolvers();
  matcher(kind)->scan(text, 0, text.size(), [&](const Match& m) {
    auto it = table.find(m.rule().resolve);
    if (it != table.end()) it->second(m, cx);
  }, windows_of(kind, c));
  if (kind == "priorities") build_lists(text, *matcher("announce"), cx);
  if (kind == "citations") {
    resolve_references(text, rules_, out.citations, earlier);
    assign_relations(text, rules_, out.citations);
    if (matcher("pinpoints")) {
      Extraction pp;
      ResolveContext pcx{rules_, text, pp};
      matcher("pinpoints")->scan(text, 0, text.size(), [&](const Match& m) {
        auto it = table.find(m.rule().resolve);
        if (it != table.end()) it->second(m, pcx);
      });
      attach_pinpoints(text, rules_, pp.pinpoints, out.citations);
    }
  }
}

Extraction Extractor::run_kind(const std::string& kind, std::string_view text,
                               std::string_view reference_date) const {
  Extraction x;
  if (!matcher(kind)) return x;
  Candidates c = candidates(text);
  scan(kind, text, x, nullptr, &c, reference_date);
  return x;
}

// Relative dates are a kind of their own, scanned only with a reference date: their words
// ("thang 9", "ngay 6 thang 2") often begin an absolute date ("thang 9.2.2011" is a day),
// and in one scan a rule that starts earlier would hide it. Here the absolute dates are found
// first, whole, and a relative date that overlaps one is dropped.
void Extractor::add_relative(std::string_view text, Extraction& x, std::string_view reference,
                             const Candidates* c) const {
  Extraction r;
  r.document_date = x.document_date;
  scan("relative", text, r, nullptr, c, reference);
  for (auto& d : r.dates) {
    bool overlaps = std::any_of(x.dates.begin(), x.dates.end(), [&](const Date& a) {
      return a.at.b < d.at.e && d.at.b < a.at.e;
    });
    if (!overlaps) x.dates.push_back(std::move(d));
  }
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
  Candidates c = candidates(text);
  if (kinds.citations) {
    scan("citations", text, x, earlier, &c);
    // A document's identity is in its header: only the first window has one, and only its
    // first lines are searched.
    if (doc.decoded_to_input(0) == 0 && matcher("header")) {
      ResolveContext cx{rules_, text, x};
      const auto& table = resolvers();
      matcher("header")->scan(text, 0, header_end(text), [&](const Match& m) {
        auto it = table.find(m.rule().resolve);
        if (it != table.end()) it->second(m, cx);
      });
      find_self(text, rules_, x);
    }
  }
  if (kinds.priorities) scan("priorities", text, x, nullptr, &c);
  if (kinds.dates) scan("dates", text, x, nullptr, &c);
  if (kinds.dates && !kinds.reference_date.empty()) add_relative(text, x, kinds.reference_date, &c);
  if (kinds.terms) scan("terms", text, x, nullptr, &c);
  if (kinds.audit) scan("anniversary", text, x, nullptr, &c);
  finish(doc, x);
  return x;
}

void Extractor::finish(const Document& doc, Extraction& x) const {
  order(x.citations);
  order(x.dates);
  order(x.terms);
  for (auto& c : x.citations) {
    // A pinpoint before its citation comes first (spans are asked for in document order).
    if (c.pinpoint && c.pinpoint->at.b < c.at.b) c.pinpoint->span = doc.span(c.pinpoint->at.b, c.pinpoint->at.e);
    c.span = doc.span(c.at.b, c.at.e);
    if (c.pinpoint && c.pinpoint->at.b >= c.at.b) c.pinpoint->span = doc.span(c.pinpoint->at.b, c.pinpoint->at.e);
  }
  for (auto& l : x.priorities) {
    if (l.lead_at) l.lead_span = doc.span(l.lead_at->b, l.lead_at->e);
    for (auto& it : l.items) it.span = doc.span(it.at.b, it.at.e);
  }
  for (auto& d : x.dates) d.span = doc.span(d.at.b, d.at.e);
  for (auto& t : x.terms) t.span = doc.span(t.at.b, t.at.e);
}

}  // namespace trich
