#include "pipeline/rules_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.h"
#include "output/entity_json.h"
#include "text/normalize.h"

namespace trich {
namespace {

// An entity found: its text, its value (the csv `value` column's, or a priority item's
// index), and every field as the json format writes it (an auxiliary kind's own few).
struct Found {
  std::string text, value;
  ojson fields;
  std::vector<std::string> names;  // every field the kind has (json leaves false ones out)
};

template <class E>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  each_field<kJson>(Described<E>::fields(), [&](const auto& f) { out.push_back(f.name); });
  return out;
}

template <class E>
Found found(std::string text, std::string value, const E& e) {
  return {std::move(text), std::move(value), to_json(e), names_of<E>()};
}

// The entities of `kind` that the rules find in `text`, with their texts and values.
std::vector<Found> find(const Extractor& x, const std::string& kind, const std::string& text,
                        const std::string& reference = "") {
  std::vector<Found> out;
  auto sub = [&](At at) { return text.substr(at.b, at.e - at.b); };
  Extraction e = x.run_kind(kind, text, reference);
  for (const auto& c : e.citations) {
    out.push_back(found(sub(c.at), c.symbol ? *c.symbol : c.name.value_or(""), c));
  }
  for (const auto& d : e.dates) out.push_back(found(sub(d.at), d.value, d));
  for (const auto& t : e.terms) {
    out.push_back(found(sub(t.at),
                        t.ordinal ? std::to_string(*t.ordinal)
                                  : fmt::format("{}-{}", t.from.value_or(0), t.to.value_or(0)),
                        t));
  }
  int lists = 0;
  for (const auto& l : e.priorities) {
    ++lists;
    for (const auto& i : l.items) {
      out.push_back(found(i.marker, std::to_string(i.index), PriorityLine{l, i, lists}));
    }
  }
  for (const auto& a : e.announcements) {
    out.push_back({sub(a.at), std::to_string(a.count), ojson{{"count", a.count}}, {"count"}});
  }
  for (const auto& h : e.header_dates) {
    out.push_back({sub(h.at), h.value, ojson{{"value", h.value}}, {"value"}});
  }
  for (const auto& p : e.pinpoints) {
    std::string v;
    ojson fields = ojson::object();
    auto part = [&](const char* k, const char* name, const std::optional<std::string>& s) {
      if (s) v += (v.empty() ? "" : " ") + std::string(k) + " " + *s;
      fields[name] = s ? ojson(*s) : ojson(nullptr);
    };
    part("art", "article", p.article);
    part("cl", "clause", p.clause);
    part("pt", "point", p.point);
    part("sec", "section", p.section);
    out.push_back({sub(p.at), v, fields, {"article", "clause", "point", "section"}});
  }
  for (const auto& a : e.anniversaries) {
    out.push_back({sub(a.at), fmt::format("{}:{}-{}", a.years, a.from, a.to),
                   ojson{{"years", a.years}, {"from", a.from}, {"to", a.to}},
                   {"years", "from", "to"}});
  }
  return out;
}

std::string utf8_of(char32_t c) {
  std::string s;
  utf8::append(s, c);
  return s;
}

std::string normalized(const std::string& s, const Folds& folds) {
  Normalized n = normalize(s, folds);
  return n.unchanged ? s : n.text;
}

// The span's own fields: an example states them through span / spans.
bool span_field(const std::string& name) {
  return name == "text" || name == "start" || name == "end" || name == "line" ||
         name == "column";
}

// Compares the fields an example states with those of the entities found (as many, with the
// right texts); prints one line per difference and returns how many there were.
int check_fields(const rules::Rule& r, const rules::Example& ex, const std::vector<Found>& found,
                 const Folds& folds, std::ostream& out) {
  int failures = 0;
  for (const auto& f : ex.fields) {
    auto where = fmt::format("{}:{}: rule \"{}\": example \"{}\"", r.file, f.line, r.name,
                             ex.text);
    const auto& names = found.empty() ? std::vector<std::string>() : found[0].names;
    if (span_field(f.name) || std::find(names.begin(), names.end(), f.name) == names.end()) {
      std::string list;
      for (const auto& n : names) {
        if (!span_field(n)) list += (list.empty() ? "" : ", ") + n;
      }
      out << fmt::format("{}: \"{}\" is no field of its entities ({})\n", where, f.name,
                         span_field(f.name) ? "the span says where it is" : list);
      ++failures;
      continue;
    }
    for (size_t i = 0; i < found.size() && i < f.json.size(); ++i) {
      // A string is compared as normalized, as the text the rules see is.
      ojson want = ojson::parse(f.json[i]);
      if (want.is_string()) want = normalized(want.get<std::string>(), folds);
      // A field json leaves out is a boolean shown only when true.
      const ojson& fields = found[i].fields;
      ojson got = fields.contains(f.name) ? fields[f.name] : ojson(false);
      if (got == want) continue;
      ++failures;
      out << fmt::format("{}: {}{} should be {}, got {}\n", where, f.name,
                         found.size() > 1 ? fmt::format(" of \"{}\"", found[i].text) : "",
                         want.dump(), got.dump());
    }
  }
  return failures;
}

}  // namespace

int check_rules(const Extractor& x, std::ostream& out) {
  int failures = 0, examples = 0;
  for (const auto& r : x.rules().rules) {
    auto where = fmt::format("{}:{}: rule \"{}\"", r.file, r.line, r.name);
    bool hides = r.resolve == "ignore";
    for (const auto& ex : r.examples) {
      ++examples;
      std::string text = normalized(ex.text, x.folds());
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
        ok = found[i].text == normalized(ex.spans[i], x.folds()) &&
             (i >= ex.values.size() || found[i].value == ex.values[i]);
      }
      if (ok) {
        failures += check_fields(r, ex, found, x.folds(), out);
        continue;
      }
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
    for (const auto& ex : r.counterexamples) {
      ++examples;
      std::string text = normalized(ex.text, x.folds());
      auto found = find(x, r.kind, text, ex.reference);
      if (!found.empty()) {
        ++failures;
        out << fmt::format("{}: counterexample \"{}\" gives \"{}\"\n", where, ex.text,
                           found[0].text);
      }
    }
  }
  // A letter's examples: the text the rules see of each.
  for (const auto& l : x.rules().letters) {
    for (const auto& ex : l.examples) {
      ++examples;
      std::string got = normalized(ex.text, x.folds());
      if (got == ex.normalized) continue;
      ++failures;
      out << fmt::format("{}:{}: letter \"{}\": example \"{}\" reads \"{}\", not \"{}\"\n", l.file,
                         ex.line, utf8_of(l.from), ex.text, got, ex.normalized);
    }
  }
  out << fmt::format("rules check: {} rules, {} examples, {} failure{}\n",
                     x.rules().rules.size(), examples, failures, failures == 1 ? "" : "s");
  return failures;
}

}  // namespace trich
