#include "pipeline/rules_check.h"

#include <fmt/format.h>

#include "text/normalize.h"

namespace trich {
namespace {

struct Found {
  std::string text, value;
};

// The entities of `kind` that the rules find in `text`, with their texts and values.
std::vector<Found> find(const Extractor& x, const std::string& kind, const std::string& text,
                        const std::string& reference = "") {
  std::vector<Found> out;
  auto sub = [&](At at) { return text.substr(at.b, at.e - at.b); };
  Extraction e = x.run_kind(kind, text, reference);
  for (const auto& c : e.citations) out.push_back({sub(c.at), c.symbol ? *c.symbol : c.name.value_or("")});
  for (const auto& d : e.dates) out.push_back({sub(d.at), d.value});
  for (const auto& t : e.terms) {
    out.push_back({sub(t.at), t.ordinal ? std::to_string(*t.ordinal)
                                        : fmt::format("{}-{}", t.from.value_or(0), t.to.value_or(0))});
  }
  for (const auto& l : e.priorities) {
    for (const auto& i : l.items) out.push_back({i.marker, std::to_string(i.index)});
  }
  for (const auto& a : e.announcements) out.push_back({sub(a.at), std::to_string(a.count)});
  for (const auto& h : e.header_dates) out.push_back({sub(h.at), h.value});
  for (const auto& a : e.anniversaries) {
    out.push_back({sub(a.at), fmt::format("{}:{}-{}", a.years, a.from, a.to)});
  }
  return out;
}

std::string normalized(const std::string& s) {
  Normalized n = normalize(s);
  return n.unchanged ? s : n.text;
}

}  // namespace

int check_rules(const Extractor& x, std::ostream& out) {
  int failures = 0, examples = 0;
  for (const auto& r : x.rules().rules) {
    auto where = fmt::format("{}:{}: rule \"{}\"", r.file, r.line, r.name);
    bool hides = r.resolve == "ignore";
    for (const auto& ex : r.examples) {
      ++examples;
      std::string text = normalized(ex.text);
      auto found = find(x, r.kind, text, ex.reference);
      if (hides) {
        if (!found.empty()) {
          ++failures;
          out << fmt::format("{}: example \"{}\" should hide it, but gives \"{}\"\n", where,
                             ex.text, found[0].text);
        }
        continue;
      }
      bool ok = found.size() == ex.spans.size();
      for (size_t i = 0; ok && i < found.size(); ++i) {
        ok = found[i].text == normalized(ex.spans[i]) &&
             (i >= ex.values.size() || found[i].value == ex.values[i]);
      }
      if (!ok) {
        ++failures;
        std::string want, got;
        for (size_t i = 0; i < ex.spans.size(); ++i) {
          want += fmt::format(" [\"{}\"{}]", ex.spans[i],
                              i < ex.values.size() ? " = " + ex.values[i] : "");
        }
        for (const auto& f : found) got += fmt::format(" [\"{}\" = {}]", f.text, f.value);
        out << fmt::format("{}: example \"{}\" should give{}, got {}:{}\n", where, ex.text, want,
                           found.size(), got);
      }
    }
    for (const auto& ex : r.counterexamples) {
      ++examples;
      std::string text = normalized(ex.text);
      auto found = find(x, r.kind, text, ex.reference);
      if (!found.empty()) {
        ++failures;
        out << fmt::format("{}: counterexample \"{}\" gives \"{}\"\n", where, ex.text,
                           found[0].text);
      }
    }
  }
  out << fmt::format("rules check: {} rules, {} examples, {} failure{}\n",
                     x.rules().rules.size(), examples, failures, failures == 1 ? "" : "s");
  return failures;
}

}  // namespace trich
