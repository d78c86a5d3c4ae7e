#include "audit/audit.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "io/input.h"
#include "text/normalize.h"

namespace trich {
namespace {

const char* const kCodeTables[] = {"code_state", "code_normative", "code_party"};

// How far past a list's last marker audit looks for the items the markers do not show (the
// last ones of an announced count, or an item opened by a closing word).
constexpr size_t kListTail = 1200;

// ---------------------------------------------------------------------------------------
// Context and small text helpers

struct Ctx {
  const Document& doc;
  Extraction& x;
  std::string_view text;  // doc.text()
  const Messages& messages;
  int context;  // findings carry excerpts with this many lines around; none when < 0

  // The input's own text for [at.b, at.e) of the normalized text.
  std::string quote(At at) const { return doc.span(at.b, at.e).text; }
  size_t line_of(At at) const { return doc.span(at.b, at.b).line; }

  // A finding: its message is the language's template for `code` (or its `variant`) filled
  // with `args` (audit/messages.h), which the finding also carries.
  void add(At at, const char* code, const char* severity, Args args, const char* variant = "",
           std::optional<At> related = std::nullopt) {
    Finding f;
    f.at = at;
    f.code = code;
    f.severity = severity;
    f.message = messages.render(code, variant, args);
    f.args.items = std::move(args);
    f.related_at = related;
    x.findings.push_back(std::move(f));
  }
};

std::string str(size_t n) { return std::to_string(n); }
std::string str(int n) { return std::to_string(n); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string join(const std::set<std::string>& s, const char* sep = ", ") {
  std::string out;
  for (const auto& v : s) out += (out.empty() ? "" : sep) + v;
  return out;
}

std::string lower(std::string_view s) { return utf8::to_lower(s); }

// A word of the text: a run of letters and digits (Unicode), with where it stands.
struct Word {
  size_t b = 0, e = 0;
  std::string low;            // lower-cased
  bool capital = false;       // its first letter is upper case
  bool sentence_start = false;  // nothing but spaces or a bullet since . : ; ! ? ( " or a line start
};

std::vector<Word> words_in(std::string_view text, size_t b, size_t e) {
  std::vector<Word> out;
  size_t i = b;
  // Sentence state carried from before b: look back over spaces and bullets.
  bool start = true;
  for (size_t p = b; p > 0;) {
    unsigned char c = static_cast<unsigned char>(text[p - 1]);
    if (c == ' ' || c == '\t' || c == '-' || c == '+' || c == '*') { --p; continue; }
    start = c == '\n' || c == '.' || c == ':' || c == ';' || c == '!' || c == '?' ||
            c == '(' || c == '"';
    break;
  }
  while (i < e) {
    size_t at = i;
    char32_t cp = utf8::next(text, i);
    if (u_isalnum(static_cast<UChar32>(cp))) {
      Word w;
      w.b = at;
      w.capital = u_isupper(static_cast<UChar32>(cp));
      size_t j = i;
      while (j < e) {
        size_t k = j;
        char32_t c2 = utf8::next(text, k);
        if (!u_isalnum(static_cast<UChar32>(c2)) && !(u_getCombiningClass(c2) > 0)) break;
        j = k;
      }
      w.e = j;
      w.low = lower(text.substr(w.b, w.e - w.b));
      w.sentence_start = start;
      out.push_back(std::move(w));
      start = false;
      i = j;
    } else if (cp == '\n' || cp == '.' || cp == ':' || cp == ';' || cp == '!' || cp == '?' ||
               cp == '(' || cp == '"' || cp == 0x201C) {
      start = true;
    }
  }
  return out;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (is_space(c)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Where the phrase `needle` (lower-cased words) opens a sentence or is capitalized, as list
// markers are (or stands `anywhere`), among `ws`; nullopt when it does not.
std::optional<At> find_marker_phrase(const std::vector<Word>& ws,
                                     const std::vector<std::string>& needle,
                                     bool anywhere = false) {
  if (needle.empty()) return std::nullopt;
  for (size_t i = 0; i + needle.size() <= ws.size(); ++i) {
    if (!anywhere && !ws[i].sentence_start && !ws[i].capital) continue;
    bool ok = true;
    for (size_t k = 0; ok && k < needle.size(); ++k) ok = ws[i + k].low == needle[k];
    if (ok) return At{ws[i].b, ws[i + needle.size() - 1].e};
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Citations

// How the code of a citation is to be read (docs/audit.md, "Type codes").
enum class CodeReading { none, not_a_type, unknown, check };

CodeReading read_code(const rules::RuleSet& rules, const Auditor::Tables& t, const Citation& c) {
  if (!c.type_code || c.type_code->empty()) return CodeReading::none;
  const std::string& code = *c.type_code;
  // Letters, laws, orders: the part after the number names the unit, not a type.
  if (c.type_from_words && rules.lexicon("type_without_code").find(*c.type_from_words)) {
    return CodeReading::not_a_type;
  }
  // "1516/CP-CN": an issuer that numbered documents without a type code.
  if (rules.lexicon("issuer_without_code").find(code)) return CodeReading::not_a_type;
  // A type no table gives a code to ("Thong tu lien bo 13/LB-TT"): nothing to check against.
  if (c.type_from_words && !t.codes_of_type.count(*c.type_from_words)) {
    return CodeReading::not_a_type;
  }
  bool known = t.types_of_code.count(code) > 0;
  // "70-TC/TCT", "37-L/CTN": shaped like a Party symbol, but the code is no Party code: the
  // state's form before 2005, where the first part named the issuing ministry.
  if (c.system && *c.system == "party" && known && !t.party_codes.count(code)) {
    return CodeReading::not_a_type;
  }
  // "Thong tu 60/TC-TCT": a legal-normative type without the year its symbols have carried
  // since 2005, and a code that is no normative code: the old form again.
  if (c.system && *c.system == "state" && !c.year && c.type_from_words &&
      t.normative_only_types.count(*c.type_from_words) && !t.normative_codes.count(code)) {
    return CodeReading::not_a_type;
  }
  if (known) return CodeReading::check;
  // "Quyet dinh so 476-QDNS/TW", "Quyet dinh 176/2010/QDST-HNGD": the type's own code with a
  // qualifier after it (personnel, first instance) is that code.
  if (c.type_from_words) {
    auto accepted = t.codes_of_type.find(*c.type_from_words);
    if (accepted != t.codes_of_type.end()) {
      for (const auto& a : accepted->second) {
        if (a.size() >= 2 && code.size() > a.size() && code.compare(0, a.size(), a) == 0) {
          return CodeReading::not_a_type;
        }
      }
    }
  }
  return CodeReading::unknown;
}

void check_type_mismatch(const rules::RuleSet& rules, const Auditor::Tables& t, Ctx& cx) {
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || !c.type_from_words) continue;
    if (read_code(rules, t, c) != CodeReading::check) continue;
    const std::string& type = *c.type_from_words;
    auto accepted = t.codes_of_type.find(type);
    if (accepted == t.codes_of_type.end() || accepted->second.count(*c.type_code)) continue;
    // "Thong tu 37/2015/TTLT-BYT-BTC": the type named short, by the words its full name
    // starts with, is no mismatch.
    bool shortened = false;
    for (const auto& full : t.types_of_code.at(*c.type_code)) {
      shortened = shortened || (full.size() > type.size() && full.compare(0, type.size(), type) == 0 &&
                                full[type.size()] == ' ');
    }
    if (shortened) continue;
    cx.add(c.at, "citation.type_mismatch", "error",
           {{"symbol", *c.symbol},
            {"type", type},
            {"code", *c.type_code},
            {"code_types", join(t.types_of_code.at(*c.type_code), " / ")},
            {"type_codes", join(accepted->second, " / ")}});
  }
}

void check_unknown_type_code(const rules::RuleSet& rules, const Auditor::Tables& t, Ctx& cx) {
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || read_code(rules, t, c) != CodeReading::unknown) continue;
    // Only what the text calls a document (type words, an issue date or an issuing body):
    // "AN/FPS-117" or "F0-F1" shapes with no such words are no citation to judge.
    if (!c.type_from_words && !c.date && !c.date_at && !c.issuer) continue;
    cx.add(c.at, "citation.unknown_type_code", "warning",
           {{"symbol", *c.symbol}, {"code", *c.type_code}});
  }
}

void check_year_mismatch(Ctx& cx) {
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || !c.year || !c.date) continue;
    if (c.date->compare(0, 4, std::to_string(*c.year)) == 0) continue;
    std::string written = c.date_at ? cx.quote(*c.date_at) : *c.date;
    cx.add(c.at, "citation.year_mismatch", "warning",
           {{"symbol", *c.symbol}, {"year", str(*c.year)}, {"date", written}});
  }
}

// The issuing body's canonical name (lexicon issuer), or the words as written.
std::string canonical_issuer(const rules::RuleSet& rules, const std::string& s) {
  if (const auto* v = rules.lexicon("issuer").find(s)) return lower(v->str());
  return lower(s);
}

void check_conflicting_dates(const rules::RuleSet& rules, const Auditor& a, Ctx& cx,
                             AuditMemory& memory) {
  auto& dated = memory.dated;  // key -> dated mentions so far, one per date and issuer
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || !c.date) continue;
    auto& seen = dated[a.key(*c.symbol)];
    bool repeated = false;
    for (const auto& p : seen) {
      if (p.date == *c.date) {
        repeated = p.issuer == c.issuer;
        break;
      }
      // Two bodies can number documents alike ("01/QD-UBND" of a province and of a district).
      if (p.issuer && c.issuer &&
          canonical_issuer(rules, *p.issuer) != canonical_issuer(rules, *c.issuer)) {
        continue;
      }
      std::string here = c.date_at ? cx.quote(*c.date_at) : *c.date;
      cx.add(c.at, "citation.conflicting_dates", "warning",
             {{"symbol", *c.symbol},
              {"date", here},
              {"other_date", p.written},
              {"other_line", str(p.line)}},
             "");
      // The earlier mention may be in an earlier window of the input: its span and lines
      // are kept.
      cx.x.findings.back().related = p.span;
      cx.x.findings.back().excerpt = p.lines;
      break;
    }
    if (repeated) continue;  // an equal mention further on would decide as this one did
    bool known = false;
    for (const auto& p : seen) known = known || (p.date == *c.date && p.issuer == c.issuer);
    if (!known) {
      seen.push_back({*c.date, c.issuer, c.date_at ? cx.quote(*c.date_at) : *c.date,
                      cx.line_of(c.at), cx.doc.span(c.date_at ? c.date_at->b : c.at.b,
                                                    c.date_at ? c.date_at->e : c.at.e),
                      {}});
      if (cx.context >= 0) {
        Finding at;
        at.span = seen.back().span;
        seen.back().lines = excerpt_lines(cx.doc, at, cx.context);
      }
    }
  }
}

// The document's own number in its header ("S...: 145/KH-UBND"): not a citation of another
// document, so the registry is not asked about it.
bool own_number(const Ctx& cx, const Citation& c) {
  if (c.type_from_words) return false;
  for (size_t p = c.at.b; p < c.at.e; ++p) {
    char ch = cx.text[p];
    if (ch >= '0' && ch <= '9') return false;
    if (ch == ':') return true;
  }
  return false;
}

// In an input read in windows the count is of the first window that cites the symbol: the
// finding is written before the later windows are read.
void check_not_in_registry(const Auditor& a, const std::map<std::string, RegistryEntry>& reg,
                           Ctx& cx, AuditMemory& memory, bool windowed) {
  std::map<std::string, std::pair<const Citation*, int>> missing;  // key -> first, mentions
  std::vector<std::string> order;
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || own_number(cx, c)) continue;
    std::string k = a.key(*c.symbol);
    if (reg.count(k) || memory.unregistered.count(k)) continue;
    auto [it, fresh] = missing.try_emplace(k, &c, 0);
    if (fresh) order.push_back(k);
    ++it->second.second;
  }
  for (const auto& k : order) {
    const auto& [c, n] = missing[k];
    memory.unregistered.insert(k);
    cx.add(c->at, "citation.not_in_registry", "warning",
           {{"symbol", *c->symbol}, {"mentions", str(n)}},
           n == 1 ? "" : windowed ? "window" : "repeated");
  }
}

void check_registry_mismatch(const rules::RuleSet& rules, const Auditor& a,
                             const Auditor::Tables& t,
                             const std::map<std::string, RegistryEntry>& reg, Ctx& cx) {
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || own_number(cx, c)) continue;
    auto it = reg.find(a.key(*c.symbol));
    if (it == reg.end()) continue;
    const RegistryEntry& e = it->second;
    // Each difference is a part of the message and its values are arguments of the finding.
    std::vector<std::string> diffs;
    Args args = {{"symbol", *c.symbol}, {"registry_line", str(e.line)}};
    auto differ = [&](const char* part, Args part_args) {
      diffs.push_back(cx.messages.render(part, "", part_args));
      for (auto& arg : part_args) {
        bool have = false;
        for (const auto& b : args) have = have || b.first == arg.first;
        if (!have) args.push_back(std::move(arg));
      }
    };
    if (c.date && !e.date.empty() && *c.date != e.date) {
      differ("part.registry_date",
             {{"date", c.date_at ? cx.quote(*c.date_at) : *c.date}, {"registry_date", e.date}});
    }
    if (!e.type.empty()) {
      if (c.type_from_words && lower(*c.type_from_words) != lower(e.type)) {
        differ("part.registry_type", {{"type", *c.type_from_words}, {"registry_type", e.type}});
      } else if (!c.type_from_words && c.type_code &&
                 read_code(rules, t, c) == CodeReading::check) {
        auto acc = t.codes_of_type.find(e.type);
        if (acc != t.codes_of_type.end() && !acc->second.count(*c.type_code)) {
          differ("part.registry_code", {{"code", *c.type_code},
                                        {"registry_type", e.type},
                                        {"registry_codes", join(acc->second, " / ")}});
        }
      }
    }
    if (c.issuer && !e.issuer.empty() &&
        canonical_issuer(rules, *c.issuer) != canonical_issuer(rules, e.issuer)) {
      differ("part.registry_issuer", {{"issuer", *c.issuer}, {"registry_issuer", e.issuer}});
    }
    if (diffs.empty()) continue;
    std::string joined, sep = cx.messages.render("part.separator", "", {});
    for (size_t i = 0; i < diffs.size(); ++i) joined += (i ? sep : "") + diffs[i];
    args.insert(args.begin() + 2, {"differences", joined});
    cx.add(c.at, "citation.registry_mismatch", "error", std::move(args));
  }
}

// A document cited as its basis ("Can cu ...") that the registry says was replaced or
// repealed before the citing document's own date: the earliest such event is reported.
void check_superseded(const Auditor& a, const std::map<std::string, RegistryEntry>& reg, Ctx& cx,
                      const std::optional<std::string>& document_date) {
  if (!document_date) return;
  for (const auto& c : cx.x.citations) {
    if (!c.symbol || c.self || c.relation != "basis") continue;
    auto it = reg.find(a.key(*c.symbol));
    if (it == reg.end()) continue;
    const RegistryEntry& e = it->second;
    const char* what = nullptr;
    std::string by, on;
    auto consider = [&](const char* verb, const std::vector<std::string>& bys,
                        const std::vector<std::string>& ons) {
      for (size_t i = 0; i < ons.size() && i < bys.size(); ++i) {
        if (ons[i] < *document_date && (!what || ons[i] < on)) {
          what = verb;
          by = bys[i];
          on = ons[i];
        }
      }
    };
    consider("replaced", e.replaced_by, e.replaced_on);
    consider("repealed", e.repealed_by, e.repealed_on);
    if (!what) continue;
    cx.add(c.at, "citation.superseded", "error",
           {{"symbol", *c.symbol},
            {"registry_line", str(e.line)},
            {"by", by},
            {"on", on},
            {"document_date", *document_date}},
           std::string(what) == "repealed" ? "repealed" : "");
  }
}

// ---------------------------------------------------------------------------------------
// Dates

void check_invalid_dates(Ctx& cx) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (const auto& d : cx.x.invalid_dates) {
    std::string written = cx.quote(d.at);
    int dd = d.day, mm = d.month, yy = d.year;
    const char* variant = "";
    int max = 0;
    if (mm >= 1 && mm <= 12) {
      bool leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
      max = days[mm - 1] + (mm == 2 && leap ? 1 : 0);
      if (mm == 2 && dd == 29 && !leap) variant = "leap";
      else if (dd > max) variant = "month";
      else if (dd == 0) variant = "zero";
    }
    cx.add(d.at, "date.invalid", "error",
           {{"date", written}, {"day", str(dd)}, {"month", str(mm)}, {"year", str(yy)},
            {"days", str(max)}},
           variant);
  }
}

// ---------------------------------------------------------------------------------------
// Priority lists

// Finds list markers that the extractor did not take ("Thu ba la ..." with no comma) and the
// closing word of a last item. Built per list from the markers the list does have.
class MarkerFinder {
 public:
  MarkerFinder(const rules::RuleSet& rules, std::string_view text, const PriorityList& l)
      : rules_(rules) {
    for (const auto& r : rules.rules) {
      if (r.resolve == "priority" && r.param("style") == l.style) {
        lex_ = &rules.lexicon(r.param("lexicon"));
        break;
      }
    }
    if (!lex_ || l.items.empty()) return;
    // The marker's words around its ordinal word: "Thu nhat" -> prefix "thu"; "Mot la" ->
    // suffix "la". The item's text starts with its marker.
    const Item& first = l.items.front();
    std::vector<std::string> ws;
    if (!first.marker.empty()) {
      ws = split_words(lower(first.marker));
    } else {
      for (const auto& w : words_in(text, first.at.b, std::min(first.at.e, first.at.b + 40))) {
        ws.push_back(w.low);
      }
      if (ws.size() > 3) ws.resize(3);
    }
    for (size_t i = 0; i < ws.size(); ++i) {
      const auto* v = lex_->find(ws[i]);
      if ((v && v->number && *v->number == first.index) || ws[i] == std::to_string(first.index)) {
        prefix_.assign(ws.begin(), ws.begin() + static_cast<long>(i));
        suffix_.assign(ws.begin() + static_cast<long>(i) + 1, ws.end());
        ok_ = true;
        break;
      }
    }
  }

  // The first marker of ordinal `index` among `ws`, spelled any way the lexicon allows;
  // `anywhere` also takes it inside a sentence, in lower case.
  std::optional<At> find(const std::vector<Word>& ws, int index, bool anywhere = false) const {
    if (!ok_) return std::nullopt;
    std::vector<std::string> spellings = {std::to_string(index)};  // "Thu 2" is written too
    for (const auto& k : lex_->keys) {
      const auto* v = lex_->find(k);
      if (v && v->number && *v->number == index) spellings.push_back(k);
    }
    std::optional<At> best;
    for (const auto& k : spellings) {
      std::vector<std::string> needle = split_words(lower(k));
      if (!prefix_.empty()) {
        needle.insert(needle.begin(), prefix_.begin(), prefix_.end());
      } else {
        needle.insert(needle.end(), suffix_.begin(), suffix_.end());
      }
      auto at = find_marker_phrase(ws, needle, anywhere);
      if (at && (!best || at->b < best->b)) best = at;
    }
    return best;
  }

  // The first closing word ("Cuoi cung, ...", "va cuoi cung, ...") among `ws`.
  std::optional<At> closing(const std::vector<Word>& ws) const {
    return first_of("closing_item", ws, true);
  }

  // The first word that opens a list without an ordinal ("Truoc het, ...") among `ws`.
  std::optional<At> opening(const std::vector<Word>& ws) const {
    return first_of("opening_item", ws, false);
  }

 private:
  // The first phrase of lexicon `name` among `ws` (see find_marker_phrase for `anywhere`).
  std::optional<At> first_of(const char* name, const std::vector<Word>& ws, bool anywhere) const {
    std::optional<At> best;
    for (const auto& k : rules_.lexicon(name).keys) {
      auto at = find_marker_phrase(ws, split_words(lower(k)), anywhere);
      if (at && (!best || at->b < best->b)) best = at;
    }
    return best;
  }

  const rules::RuleSet& rules_;
  const rules::Lexicon* lex_ = nullptr;
  std::vector<std::string> prefix_, suffix_;
  bool ok_ = false;
};

// The ordinals missing between two consecutive items that the text does not show either.
std::vector<int> really_missing(const Ctx& cx, const MarkerFinder& mf, const Item& before,
                                const Item& after) {
  std::vector<int> out;
  auto ws = words_in(cx.text, before.at.b, after.at.b);
  for (int k = before.index + 1; k < after.index; ++k) {
    if (!mf.find(ws, k)) out.push_back(k);
  }
  return out;
}

std::string ordinals(const std::vector<int>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    out += (i == 0 ? "" : ", ") + std::to_string(v[i]);
  }
  return out;
}

// The marker as written: the item's `marker`, or the first words of its text up to the comma
// or colon that ends a marker.
std::string marker_of(const Ctx& cx, const Item& it) {
  if (!it.marker.empty()) return it.marker;
  size_t e = std::min(it.at.e, it.at.b + 40);
  size_t p = it.at.b;
  while (p < e && cx.text[p] != ',' && cx.text[p] != ':' && cx.text[p] != '\n') ++p;
  while (p > it.at.b && is_space(cx.text[p - 1])) --p;
  return cx.quote({it.at.b, p});
}

// Where the marker of an item stands (its words up to the comma or colon that ends them).
At marker_at(const Ctx& cx, const Item& it) {
  size_t e = std::min(it.at.e, it.at.b + 40);
  size_t p = it.at.b;
  while (p < e && cx.text[p] != ',' && cx.text[p] != ':' && cx.text[p] != '\n') ++p;
  while (p > it.at.b && is_space(cx.text[p - 1])) --p;
  return At{it.at.b, p > it.at.b ? p : it.at.e};
}

// How far apart the markers of two items of one list may stand, unless the second opens the
// paragraph right after the first's. Farther apart, they are two lists the extractor joined
// (articles of a news dump, answers of an interview, each with its "Thu hai").
constexpr size_t kItemDistance = 2400;

// True when `it` opens the paragraph right after the one `prev` ends.
bool next_paragraph(std::string_view text, const Item& prev, const Item& it) {
  if (prev.at.e >= text.size() || text[prev.at.e] != '\n' || prev.at.e > it.at.b) return false;
  for (size_t p = prev.at.e; p < it.at.b; ++p) {
    if (!is_space(text[p]) && text[p] != '-' && text[p] != '+' && text[p] != '*') return false;
  }
  return true;
}

// The runs of a list: items that follow each other closely, ordinals never stepping back.
std::vector<std::vector<const Item*>> runs_of(std::string_view text, const PriorityList& l) {
  std::vector<std::vector<const Item*>> runs;
  std::vector<const Item*> cur;
  for (const auto& it : l.items) {
    if (!cur.empty()) {
      const Item& prev = *cur.back();
      bool close = it.at.b > prev.at.b && (next_paragraph(text, prev, it) ||
                                           it.at.b - prev.at.b <= kItemDistance);
      if (!close || it.index < prev.index) {
        runs.push_back(std::move(cur));
        cur.clear();
      }
    }
    cur.push_back(&it);
  }
  if (!cur.empty()) runs.push_back(std::move(cur));
  return runs;
}

// The runs that start at ordinal 1. A run may start past 1 when its first item was put in
// other words ("Ly do thu nhat la ..., Thu hai, ..."), and an ordinal that steps back starts
// a new enumeration whose first item is unmarked; such runs belong to loose speech, where a
// repeat or a skip is no evidence of a mistake, so they are not judged.
std::vector<std::vector<const Item*>> runs_from_one(std::string_view text,
                                                   const PriorityList& l) {
  auto runs = runs_of(text, l);
  runs.erase(std::remove_if(runs.begin(), runs.end(),
                            [](const auto& r) { return r.front()->index != 1; }),
             runs.end());
  return runs;
}

// Calls f(mf, prev, it) for each item of a judged run (runs_from_one) and the item before it.
template <class F>
void each_step(const rules::RuleSet& rules, const Ctx& cx, F&& f) {
  for (const auto& l : cx.x.priorities) {
    MarkerFinder mf(rules, cx.text, l);
    for (const auto& run : runs_from_one(cx.text, l)) {
      for (size_t i = 1; i < run.size(); ++i) f(mf, *run[i - 1], *run[i]);
    }
  }
}

void check_priorities_gap(const rules::RuleSet& rules, Ctx& cx) {
  each_step(rules, cx, [&](const MarkerFinder& mf, const Item& prev, const Item& it) {
    if (it.index <= prev.index + 1) return;
    // Markers the extractor did not take ("Thu ba la ..." without a comma) fill a gap.
    auto missing = really_missing(cx, mf, prev, it);
    if (missing.empty()) return;
    cx.add(it.at, "priorities.gap", "warning",
           {{"marker", marker_of(cx, it)},
            {"index", str(it.index)},
            {"previous", marker_of(cx, prev)},
            {"previous_index", str(prev.index)},
            {"previous_line", str(cx.line_of(prev.at))},
            {"missing", ordinals(missing)},
            {"count", str(missing.size())}},
           "", marker_at(cx, prev));
  });
}

// True when two markers are written alike ("Thu hai" and "Thu hai la", not "Hai la"): the
// same ordinal in another style belongs to another list.
bool same_head(const std::string& a, const std::string& b) {
  auto wa = split_words(lower(a)), wb = split_words(lower(b));
  return !wa.empty() && !wb.empty() && wa.front() == wb.front();
}

void check_priorities_duplicate(const rules::RuleSet& rules, Ctx& cx) {
  each_step(rules, cx, [&](const MarkerFinder& mf, const Item& prev, const Item& it) {
    // Only the ordinal of the item right before: "Thu hai, ... Thu hai, ...".
    std::string m = marker_of(cx, it), pm = marker_of(cx, prev);
    if (it.index != prev.index || !same_head(m, pm)) return;
    // A first ordinal between them, even in lower case mid-sentence ("... la thu nhat la
    // ..."), or an opening word ("Truoc het, ...") starts a new enumeration: the repeat
    // is its own.
    auto between = words_in(cx.text, prev.at.b + 1, it.at.b);
    if (mf.find(between, 1, true) || mf.opening(between)) return;
    cx.add(it.at, "priorities.duplicate", "warning",
           {{"marker", m},
            {"index", str(it.index)},
            {"previous", pm},
            {"previous_line", str(cx.line_of(prev.at))}},
           "", marker_at(cx, prev));
  });
}

void check_priorities_count(const rules::RuleSet& rules, const Matcher* announcer, Ctx& cx) {
  const auto& lists = cx.x.priorities;
  for (const auto& l : lists) {
    if (!l.announced || !l.lead_at || l.items.empty()) continue;
    int announced = *l.announced;
    // The items that follow the lead closely; the extractor may have joined far ones.
    const auto run = runs_of(cx.text, l).front();
    // One marker alone ("... 2 noi dung: Thu nhat la ..." and no second) is no list to count.
    if (run.size() < 2) continue;
    int have = static_cast<int>(run.size());
    if (have == announced || static_cast<int>(l.items.size()) == announced) continue;
    const Item& last = *run.back();
    if (have < announced) {
      // Items the markers do not show: ordinals skipped inside the list but written in the
      // text, then the next ordinals after the last marker, then a closing word.
      MarkerFinder mf(rules, cx.text, l);
      int seen = have;
      for (size_t i = 1; i < run.size(); ++i) {
        int skipped = run[i]->index - run[i - 1]->index - 1;
        if (skipped > 0) {
          seen += skipped - static_cast<int>(really_missing(cx, mf, *run[i - 1], *run[i]).size());
        }
      }
      size_t tail_end = std::min(cx.text.size(), last.at.b + kListTail);
      for (const auto& other : lists) {  // not into the next list
        if (!other.items.empty() && other.items.front().at.b > last.at.b) {
          tail_end = std::min(tail_end, other.items.front().at.b);
        }
      }
      size_t from = last.at.b + 1;
      int next = last.index + 1;
      while (seen < announced && from < tail_end) {
        auto ws = words_in(cx.text, from, tail_end);
        // Loose speech writes them in lower case after a conjunction ("... va thu 3, ...").
        auto at = mf.find(ws, next, true);
        if (!at) {
          if (mf.closing(ws)) ++seen;
          break;
        }
        ++seen;
        ++next;
        from = at->e;
      }
      if (seen == announced) continue;
    }
// Quote the words that announce the count (the last count of the lead).
    std::string phrase;
    if (announcer) {
      announcer->scan(cx.text, l.lead_at->b, l.lead_at->e, [&](const Match& m) {
        if (m.rule().resolve == "announce") phrase = cx.quote({m.begin(), m.end()});
      });
    }
    cx.add(*l.lead_at, "priorities.count_mismatch", "warning",
           {{"announced", str(announced)},
            {"phrase", phrase},
            {"have", str(have)},
            {"first", marker_of(cx, *run.front())},
            {"last", marker_of(cx, last)},
            {"first_line", str(cx.line_of(run.front()->at))},
            {"last_line", str(cx.line_of(last.at))}},
           phrase.empty() ? "" : "phrase", marker_at(cx, *run.front()));
  }
}

// ---------------------------------------------------------------------------------------
// Anniversaries

void check_anniversaries(Ctx& cx) {
  for (const auto& a : cx.x.anniversaries) {
    int span = a.to - a.from;
    if (span == a.years) continue;
    // "45 <year-word>": the number and the word after it, as written.
    size_t p = a.at.b;
    while (p < a.at.e && cx.text[p] >= '0' && cx.text[p] <= '9') ++p;
    while (p < a.at.e && is_space(cx.text[p])) ++p;
    while (p < a.at.e && !is_space(cx.text[p]) && cx.text[p] != '(' && cx.text[p] != ',') ++p;
    std::string n_words = cx.quote({a.at.b, p});
    cx.add(a.at, "anniversary.mismatch", "error",
           {{"stated", n_words},
            {"years", str(a.years)},
            {"from", str(a.from)},
            {"to", str(a.to)},
            {"years_text", cx.quote(a.years_at)},
            {"span", str(span)}},
           span + 1 == a.years ? "inclusive" : "");
  }
}

// ---------------------------------------------------------------------------------------
// Registry CSV

// One CSV record from s[i] (RFC 4180), i moved past its line end (LF, CRLF or a lone CR).
// `breaks` counts the line ends inside its quoted fields; `error` says what is wrong, if
// anything: a quote never closed, or text after a closing quote (spaces and tabs aside).
std::vector<std::string> csv_record(const std::string& s, size_t& i, int& breaks,
                                    std::string& error) {
  std::vector<std::string> f(1);
  bool quoted = false, closed = false;  // inside quotes; after a field's closing quote
  breaks = 0;
  while (i < s.size()) {
    char c = s[i++];
    if (quoted) {
      if (c == '"') {
        if (i < s.size() && s[i] == '"') {
          f.back() += '"';
          ++i;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (c == '\n' || (c == '\r' && (i == s.size() || s[i] != '\n'))) ++breaks;
        f.back() += c;
      }
    } else if (c == ',') {
      f.emplace_back();
      closed = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i < s.size() && s[i] == '\n') ++i;
      break;
    } else if (closed) {
      if (c != ' ' && c != '\t') {
        error = fmt::format("text after the closing quote of field {}", f.size());
        return f;
      }
    } else if (c == '"' && f.back().empty()) {
      quoted = true;
    } else {
      f.back() += c;
    }
  }
  if (quoted) error = "unterminated quoted field";
  return f;
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool iso_day(const std::string& s) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

Auditor::Tables build_tables(const rules::RuleSet& rules) {
  Auditor::Tables t;
  std::map<std::string, std::set<std::string>> tables_of_type;
  for (const char* name : kCodeTables) {
    const auto& lex = rules.lexicon(name);
    for (const auto& code : lex.keys) {
      const auto* v = lex.find(code);
      if (!v) continue;
      for (const auto& type : v->strings) {
        t.codes_of_type[type].insert(code);
        t.types_of_code[code].insert(type);
        tables_of_type[type].insert(name);
      }
      if (std::string(name) == "code_party") t.party_codes.insert(code);
      if (std::string(name) == "code_normative") t.normative_codes.insert(code);
    }
  }
  for (const auto& [type, tables] : tables_of_type) {
    if (tables.size() == 1 && tables.count("code_normative")) t.normative_only_types.insert(type);
  }
  return t;
}

}  // namespace

namespace {

// "YYYY-MM-DD" or "d/m/yyyy" (one or two digits for day and month) as an ISO date; "" when it
// is neither or no calendar date.
std::string registry_date(const std::string& s) {
  if (iso_day(s)) return s;
  int d = 0, m = 0, y = 0;
  size_t p1 = s.find('/'), p2 = p1 == std::string::npos ? p1 : s.find('/', p1 + 1);
  if (p2 == std::string::npos || p1 < 1 || p1 > 2 || p2 - p1 < 2 || p2 - p1 > 3 ||
      s.size() - p2 != 5) {
    return "";
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != p1 && i != p2 && (s[i] < '0' || s[i] > '9')) return "";
  }
  d = std::stoi(s.substr(0, p1));
  m = std::stoi(s.substr(p1 + 1, p2 - p1 - 1));
  y = std::stoi(s.substr(p2 + 1));
  std::string iso = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  return iso_day(iso) ? iso : "";
}

// "A; B" -> {"A", "B"} (blanks trimmed, empty items dropped).
std::vector<std::string> registry_list(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(';', b);
    if (e == std::string::npos) e = s.size();
    std::string item = trim(s.substr(b, e - b));
    if (!item.empty()) out.push_back(item);
    b = e + 1;
  }
  return out;
}

const std::vector<std::string>& registry_columns() {
  static const std::vector<std::string> c = {
      "symbol",      "type",        "date",       "issuer",      "title",     "replaced_by",
      "replaced_on", "repealed_by", "repealed_on", "amended_by", "amended_on"};
  return c;
}

}  // namespace

Result<std::vector<RegistryEntry>> parse_registry(const std::string& text, const std::string& path,
                                                  const rules::Lexicon* columns,
                                                  std::vector<std::string>* ignored) {
  static const char* kHeader = "the header must be symbol,type,date,issuer,title (in any order, "
                               "more columns allowed; docs/registry.md)";
  std::vector<RegistryEntry> out;
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  // The registry is UTF-8 (docs/registry.md): report the line of the first invalid byte
  // rather than compare symbols made of replacement characters.
  if (size_t ok = utf8::valid_prefix(text); ok < text.size()) {
    int bad_line = 1;
    for (size_t k = 0; k < ok; ++k) {
      bad_line += text[k] == '\n' || (text[k] == '\r' && text[k + 1] != '\n');
    }
    return error_at(path, bad_line,
                    fmt::format("invalid UTF-8 (byte 0x{:02X} at offset {}); the registry must "
                                "be UTF-8",
                                static_cast<unsigned char>(text[ok]), ok));
  }
  int line = 0;
  bool header = true;
  std::vector<int> col;  // header position -> index in registry_columns(), -1 ignored
  while (i < text.size()) {
    ++line;
    int first_line = line;
    int breaks = 0;
    std::string bad;
    auto f = csv_record(text, i, breaks, bad);
    line += breaks;  // a quoted field may hold line breaks
    if (!bad.empty()) return error_at(path, first_line, bad);
    if (f.size() == 1 && trim(f[0]).empty()) continue;
    for (auto& x : f) x = trim(x);
    if (header) {
      header = false;
      std::vector<bool> have(registry_columns().size());
      for (const auto& h : f) {
        std::string name = h;
        if (columns) {
          const auto* v = columns->find(h);
          name = v ? v->str() : "";
        }
        auto it = std::find(registry_columns().begin(), registry_columns().end(), name);
        if (it == registry_columns().end()) {
          col.push_back(-1);
          if (ignored) ignored->push_back(h);
          continue;
        }
        size_t k = static_cast<size_t>(it - registry_columns().begin());
        if (have[k]) return error_at(path, first_line, fmt::format("column {} twice", h));
        have[k] = true;
        col.push_back(static_cast<int>(k));
      }
      for (size_t k = 0; k < 5; ++k) {
        if (!have[k]) return error_at(path, first_line, kHeader);
      }
      continue;
    }
    if (f.size() != col.size()) {
      return error_at(path, first_line,
                      fmt::format("expected {} fields, found {}", col.size(), f.size()));
    }
    RegistryEntry e;
    e.line = first_line;
    std::string by[3], on[3];
    for (size_t k = 0; k < f.size(); ++k) {
      const std::string& v = f[k];
      switch (col[k]) {
        case 0: e.symbol = v; break;
        case 1: e.type = v; break;
        case 2:
          if (!v.empty() && (e.date = registry_date(v)).empty()) {
            return error_at(path, first_line,
                            fmt::format("date \"{}\" is not a calendar date written YYYY-MM-DD "
                                        "or dd/mm/yyyy", v));
          }
          break;
        case 3: e.issuer = v; break;
        case 4: e.title = v; break;
        case 5: case 7: case 9: by[(col[k] - 5) / 2] = v; break;
        case 6: case 8: case 10: on[(col[k] - 6) / 2] = v; break;
        default: break;
      }
    }
    if (e.symbol.empty()) return error_at(path, first_line, "empty symbol");
    std::vector<std::string>* bys[3] = {&e.replaced_by, &e.repealed_by, &e.amended_by};
    std::vector<std::string>* ons[3] = {&e.replaced_on, &e.repealed_on, &e.amended_on};
    for (int r = 0; r < 3; ++r) {
      *bys[r] = registry_list(by[r]);
      for (const auto& d : registry_list(on[r])) {
        std::string iso = registry_date(d);
        if (iso.empty()) {
          return error_at(path, first_line,
                          fmt::format("date \"{}\" is not a calendar date written YYYY-MM-DD "
                                      "or dd/mm/yyyy", d));
        }
        ons[r]->push_back(iso);
      }
      if (ons[r]->size() > bys[r]->size()) {
        return error_at(path, first_line,
                        fmt::format("{} dates for {} symbols in {}", ons[r]->size(),
                                    bys[r]->size(), registry_columns()[5 + 2 * r]));
      }
    }
    out.push_back(std::move(e));
  }
  if (header) {
    return error_at(path, 0, "empty registry: the header symbol,type,date,issuer,title is missing");
  }
  return out;
}

Result<std::unique_ptr<Auditor>> Auditor::build(const rules::RuleSet& rules,
                                               const std::string& registry_path,
                                               const Messages* messages, int context) {
  auto a = std::unique_ptr<Auditor>(new Auditor(rules));
  a->messages_ = messages;
  a->context_ = context;
  a->tables_ = build_tables(rules);
  auto m = Matcher::build(rules, "announce");
  if (!m.ok()) return m.error();
  a->announcer_ = std::move(m.value());
  if (registry_path.empty()) return a;
  auto text = read_input(registry_path);
  if (!text.ok()) return text.error();
  std::vector<std::string> ignored;
  auto entries = parse_registry(text.value(), registry_path, &rules.lexicon("registry_column"),
                                &ignored);
  if (!entries.ok()) return entries.error();
  if (!ignored.empty()) {
    std::string names;
    for (const auto& n : ignored) names += (names.empty() ? "" : ", ") + n;
    a->notes_.push_back(warning_at(registry_path, 1, fmt::format("columns ignored: {}", names)));
  }
  auto added = a->add_registry(entries.value(), registry_path);
  if (!added.ok()) return added.error();
  return a;
}

Result<bool> Auditor::add_registry(const std::vector<RegistryEntry>& entries,
                                   const std::string& path) {
  has_registry_ = true;
  for (const auto& e : entries) {
    auto [it, fresh] = registry_.try_emplace(key(e.symbol), e);
    if (!fresh) {
      return error_at(path, e.line,
                      fmt::format("{} is listed twice (also line {})", e.symbol, it->second.line));
    }
  }
  return true;
}

std::string Auditor::key(const std::string& symbol) const {
  Normalized n = normalize(symbol, folds_);
  std::string s;
  for (char c : n.unchanged ? symbol : n.text) {
    if (!is_space(c)) s += c;
  }
  s = lower(s);
  // Issuer spellings that mean the same (T.U, TU for TW) come from the rules.
  const auto& alias = rules_.lexicon("issuer_alias");
  for (const auto& k : alias.keys) {
    std::string from = lower(k);
    std::string to = lower(alias.find(k)->str());
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  }
  size_t nz = s.find_first_not_of('0');
  if (nz != std::string::npos && nz > 0 && s[nz] >= '0' && s[nz] <= '9') s.erase(0, nz);
  return s;
}

void Auditor::check(const Document& doc, Extraction& x, AuditMemory* memory) const {
  Ctx cx{doc, x, doc.text(), messages_ ? *messages_ : Messages::builtin("en"), context_};
  AuditMemory fresh;
  AuditMemory& m = memory ? *memory : fresh;
  check_type_mismatch(rules_, tables_, cx);
  check_unknown_type_code(rules_, tables_, cx);
  check_year_mismatch(cx);
  check_conflicting_dates(rules_, *this, cx, m);
  if (x.self && x.self->date) m.document_date = x.self->date;  // the first window's header
  if (has_registry_) {
    check_not_in_registry(*this, registry_, cx, m, memory != nullptr);
    check_registry_mismatch(rules_, *this, tables_, registry_, cx);
    check_superseded(*this, registry_, cx, m.document_date);
  }
  check_invalid_dates(cx);
  check_priorities_gap(rules_, cx);
  check_priorities_duplicate(rules_, cx);
  check_priorities_count(rules_, announcer_.get(), cx);
  check_anniversaries(cx);
  std::stable_sort(x.findings.begin(), x.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.at.b < b.at.b; });
  for (auto& f : x.findings) {
    f.span = doc.span(f.at.b, f.at.e);
    if (f.related_at && !f.related) f.related = doc.span(f.related_at->b, f.related_at->e);
  }
  if (context_ >= 0) {
    for (auto& f : x.findings) f.excerpt = excerpt_lines(doc, f, context_);
  }
}

std::vector<SourceLine> excerpt_lines(const Document& doc, const Finding& f, int context) {
  // The lines of the span and of the related mention, each with `context` lines around.
  std::set<size_t> wanted;
  auto around = [&](const Span& s) {
    size_t last = s.line;
    for (char ch : s.text) last += ch == '\n';
    size_t from = s.line > static_cast<size_t>(context) ? s.line - context : 1;
    for (size_t l = from; l <= last + context; ++l) wanted.insert(l);
  };
  around(f.span);
  if (f.related) around(*f.related);
  // Lines the finding already carries (an earlier window's) are kept as they are.
  std::vector<SourceLine> out = f.excerpt;
  for (const auto& sl : out) wanted.erase(sl.number);
  for (size_t l : wanted) {
    std::string_view t;
    if (doc.line_text(l, t)) out.push_back({l, std::string(t)});
  }
  std::sort(out.begin(), out.end(),
            [](const SourceLine& a, const SourceLine& b) { return a.number < b.number; });
  return out;
}

}  // namespace trich
