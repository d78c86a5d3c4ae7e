#include "audit/audit.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/utf8.h"
#include "io/input.h"

namespace trich {
namespace {

const char* const kCodeTables[] = {"code_state", "code_normative", "code_party"};

struct Ctx {
  const Document& doc;
  Extraction& x;
  void add(At at, const char* code, const char* severity, std::string message) {
    Finding f;
    f.at = at;
    f.code = code;
    f.severity = severity;
    f.message = std::move(message);
    x.findings.push_back(std::move(f));
  }
};

// Every code that any table gives for the type `type`.
std::set<std::string> codes_for(const rules::RuleSet& rules, const std::string& type) {
  std::set<std::string> out;
  for (const char* t : kCodeTables) {
    const auto& lex = rules.lexicon(t);
    for (const auto& k : lex.keys) {
      const auto* v = lex.find(k);
      if (v && std::find(v->strings.begin(), v->strings.end(), type) != v->strings.end()) {
        out.insert(k);
      }
    }
  }
  return out;
}

bool known_code(const rules::RuleSet& rules, const std::string& code) {
  for (const char* t : kCodeTables) {
    if (rules.lexicon(t).find(code)) return true;
  }
  return false;
}

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

void check_citations(const rules::RuleSet& rules, const Auditor& a,
                     const std::map<std::string, RegistryEntry>* registry, Ctx& cx) {
  std::map<std::string, std::pair<std::string, int>> first_date;  // key -> (date, line)
  for (const auto& c : cx.x.citations) {
    if (!c.symbol) continue;
    const std::string& sym = *c.symbol;
    if (c.type_code && !known_code(rules, *c.type_code)) {
      cx.add(c.at, "citation.unknown_type_code", "warning",
             fmt::format("type code {} of {} is in no table of the rules", *c.type_code, sym));
    } else if (c.type_code && c.type_from_words) {
      auto ok = codes_for(rules, *c.type_from_words);
      if (!ok.empty() && !ok.count(*c.type_code)) {
        cx.add(c.at, "citation.type_mismatch", "error",
               fmt::format("\"{}\" is cited with type code {}, which stands for {}; a {} takes {}",
                           *c.type_from_words, *c.type_code,
                           [&] {
                             for (const char* t : kCodeTables)
                               if (auto v = rules.lexicon(t).find(*c.type_code)) return v->str();
                             return std::string("another type");
                           }(),
                           *c.type_from_words, join(ok)));
      }
    }
    if (c.year && c.date && c.date->substr(0, 4) != std::to_string(*c.year)) {
      cx.add(c.at, "citation.year_mismatch", "warning",
             fmt::format("{} carries the year {}, but is dated {}", sym, *c.year, *c.date));
    }
    if (c.date) {
      std::string k = a.key(sym);
      auto it = first_date.find(k);
      if (it == first_date.end()) {
        first_date[k] = {*c.date, static_cast<int>(c.span.line)};
      } else if (it->second.first != *c.date) {
        cx.add(c.at, "citation.conflicting_dates", "warning",
               fmt::format("{} is dated {} here but {} on line {}", sym, *c.date,
                           it->second.first, it->second.second));
      }
    }
    if (registry) {
      auto it = registry->find(a.key(sym));
      if (it == registry->end()) {
        cx.add(c.at, "citation.not_in_registry", "warning",
               fmt::format("{} is not in the registry", sym));
        continue;
      }
      const RegistryEntry& e = it->second;
      std::vector<std::string> diffs;
      if (c.date && !e.date.empty() && *c.date != e.date) {
        diffs.push_back(fmt::format("date {} (registry: {})", *c.date, e.date));
      }
      if (c.type && !e.type.empty() && utf8::to_lower(*c.type) != utf8::to_lower(e.type)) {
        diffs.push_back(fmt::format("type {} (registry: {})", *c.type, e.type));
      }
      if (c.issuer && !e.issuer.empty() && utf8::to_lower(*c.issuer) != utf8::to_lower(e.issuer)) {
        diffs.push_back(fmt::format("issuer {} (registry: {})", *c.issuer, e.issuer));
      }
      if (!diffs.empty()) {
        std::string msg = fmt::format("{} differs from the registry (line {}):", sym, e.line);
        for (size_t i = 0; i < diffs.size(); ++i) msg += (i ? ", " : " ") + diffs[i];
        cx.add(c.at, "citation.registry_mismatch", "error", msg);
      }
    }
  }
}

void check_dates(Ctx& cx) {
  for (const auto& d : cx.x.invalid_dates) {
    cx.add(d.at, "date.invalid", "error",
           fmt::format("\"{}\" is not a calendar date: {}",
                       cx.doc.text().substr(d.at.b, d.at.e - d.at.b), d.reason));
  }
}

void check_priorities(Ctx& cx) {
  for (const auto& l : cx.x.priorities) {
    std::set<int> seen;
    int prev = 0;
    for (const auto& it : l.items) {
      if (seen.count(it.index)) {
        cx.add(it.at, "priorities.duplicate", "warning",
               fmt::format("\"{}\" repeats ordinal {} of this list", it.marker, it.index));
      } else if (it.index > prev + 1) {
        cx.add(it.at, "priorities.gap", "warning",
               prev == 0 ? fmt::format("the list starts at ordinal {} (\"{}\")", it.index, it.marker)
                         : fmt::format("\"{}\" ({}) follows ordinal {}: {} missing", it.marker,
                                       it.index, prev,
                                       it.index - prev == 2
                                           ? fmt::format("ordinal {} is", prev + 1)
                                           : fmt::format("ordinals {}-{} are", prev + 1, it.index - 1)));
      }
      seen.insert(it.index);
      prev = std::max(prev, it.index);
    }
    if (l.announced && l.lead_at && static_cast<size_t>(*l.announced) != l.items.size()) {
      cx.add(*l.lead_at, "priorities.count_mismatch", "warning",
             fmt::format("the lead announces {} items, the list has {}", *l.announced,
                         l.items.size()));
    }
  }
}

void check_anniversaries(Ctx& cx) {
  for (const auto& a : cx.x.anniversaries) {
    if (a.to - a.from == a.years) continue;
    cx.add(a.years_at, "anniversary.mismatch", "error",
           fmt::format("{} years, but {} is {} years",
                       a.years, cx.doc.text().substr(a.years_at.b, a.years_at.e - a.years_at.b),
                       a.to - a.from));
  }
}

// Splits one CSV record starting at s[i]; advances i past its line end.
std::vector<std::string> csv_record(const std::string& s, size_t& i, bool& bad) {
  std::vector<std::string> f(1);
  bool quoted = false;
  while (i < s.size()) {
    char c = s[i++];
    if (quoted) {
      if (c == '"') {
        if (i < s.size() && s[i] == '"') { f.back() += '"'; ++i; }
        else quoted = false;
      } else {
        f.back() += c;
      }
    } else if (c == '"' && f.back().empty()) {
      quoted = true;
    } else if (c == ',') {
      f.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      f.back() += c;
    }
  }
  bad = quoted;
  return f;
}

}  // namespace

Result<std::vector<RegistryEntry>> parse_registry(const std::string& text, const std::string& path) {
  std::vector<RegistryEntry> out;
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  int line = 0;
  bool header = true;
  while (i < text.size()) {
    ++line;
    bool bad = false;
    auto f = csv_record(text, i, bad);
    if (bad) return error_at(path, line, "unterminated quoted field");
    if (f.size() == 1 && f[0].empty()) continue;
    if (header) {
      header = false;
      if (f.size() < 5 || f[0] != "symbol" || f[1] != "type" || f[2] != "date" ||
          f[3] != "issuer" || f[4] != "title") {
        return error_at(path, line, "the header must be symbol,type,date,issuer,title");
      }
      continue;
    }
    if (f.size() != 5) {
      return error_at(path, line, fmt::format("expected 5 fields, found {}", f.size()));
    }
    if (f[0].empty()) return error_at(path, line, "empty symbol");
    out.push_back({f[0], f[1], f[2], f[3], f[4], line});
  }
  return out;
}

Result<std::unique_ptr<Auditor>> Auditor::build(const rules::RuleSet& rules,
                                               const std::string& registry_path) {
  auto a = std::unique_ptr<Auditor>(new Auditor(rules));
  if (registry_path.empty()) return a;
  auto text = read_input(registry_path);
  if (!text.ok()) return text.error();
  auto entries = parse_registry(text.value(), registry_path);
  if (!entries.ok()) return entries.error();
  a->has_registry_ = true;
  for (auto& e : entries.value()) a->registry_[a->key(e.symbol)] = e;
  return a;
}

std::string Auditor::key(const std::string& symbol) const {
  std::string s;
  for (char c : symbol) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') s += c;
  }
  s = utf8::to_lower(s);
  // Issuer spellings that mean the same (TU, T.U for TW) come from the rules.
  const auto& alias = rules_.lexicon("issuer_alias");
  for (const auto& k : alias.keys) {
    std::string from = utf8::to_lower(k);
    std::string to = utf8::to_lower(alias.find(k)->str());
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  }
  size_t nz = s.find_first_not_of('0');
  if (nz != std::string::npos && nz > 0 && nz < s.size() && s[nz] >= '0' && s[nz] <= '9') {
    s.erase(0, nz);
  }
  return s;
}

void Auditor::check(const Document& doc, Extraction& x) const {
  Ctx cx{doc, x};
  check_citations(rules_, *this, has_registry_ ? &registry_ : nullptr, cx);
  check_dates(cx);
  check_priorities(cx);
  check_anniversaries(cx);
  std::stable_sort(x.findings.begin(), x.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.at.b < b.at.b; });
  for (auto& f : x.findings) f.span = doc.span(f.at.b, f.at.e);
}

}  // namespace trich
