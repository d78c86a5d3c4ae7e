#include "extract/pinpoints.h"

#include <algorithm>
#include <cctype>

#include "base/utf8.h"

namespace trich {
namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The items of a listed group ("5, Dieu 6 va 7" -> 5, 6, 7; "b va c" -> b, c): its words that
// are numbers (with a letter suffix: "12a") or single letters, as written.
std::vector<std::string> items(std::string_view g, bool letters) {
  std::vector<std::string> out;
  for (const auto& w : scan::words(g, 0, g.size())) {
    if (letters) {
      size_t i = 0;
      utf8::next(w.text, i);
      if (i == w.text.size()) out.emplace_back(w.text);  // one letter
    } else if (w.digits) {
      std::string n(w.text);
      // A letter right after the digits belongs to the number ("12a").
      scan::Word next = scan::next_word(g, w.e, g.size());
      if (next.b == w.e && !next.digits) n += next.text;
      out.push_back(n);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::optional<int> first_number(const std::vector<std::string>& v) {
  if (v.empty()) return std::nullopt;
  std::string d;
  for (char c : v.front()) {
    if (c < '0' || c > '9') break;
    d += c;
  }
  int n = to_int(d);
  return n < 0 ? std::nullopt : std::optional<int>(n);
}

bool pinpoint(const Match& m, ResolveContext& cx) {
  Pinpoint p;
  p.at = {m.begin(), m.end()};
  if (m.has("article")) {
    auto a = items(m.group("article"), false);
    if (a.empty()) return false;
    p.article = joined(a);
    p.article_number = first_number(a);
  }
  if (m.has("clause")) {
    auto c = items(m.group("clause"), false);
    if (c.empty()) return false;
    p.clause = joined(c);
    p.clause_number = first_number(c);
  }
  if (m.has("point")) {
    auto pt = items(m.group("point"), true);
    if (pt.empty()) return false;
    p.point = joined(pt);
  }
  if (m.has("section")) {
    std::string s(m.group("section"));
    p.section = s;
    if (const auto* v = cx.rules.lexicon("roman").find(s); v && v->number) {
      p.section_number = static_cast<int>(*v->number);
    } else if (int n = to_int(s); n >= 0) {
      p.section_number = n;
    }
  }
  cx.out.pinpoints.push_back(std::move(p));
  return true;
}

// True when text[b, e) holds only blanks and words of `joiners` (and, with `comma`, commas).
bool only_joining(std::string_view text, size_t b, size_t e, const rules::Lexicon& joiners,
                  bool comma) {
  if (b > e || e - b > 24) return false;
  for (size_t i = b; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // Not over a line break: a heading's "Dieu 1." starts its own line.
    if (text[i] == '\n' || text[i] == '\r') return false;
    if (c < 0x80 && !blank(text[i]) && !(comma && c == ',') && !std::isalpha(c)) return false;
  }
  for (const auto& w : scan::words(text, b, e)) {
    if (w.digits || !joiners.find(w.text)) return false;
  }
  return true;
}

}  // namespace

void add_pinpoint_resolvers(Registry& r) {
  r.push_back({{"pinpoint", {}, {"article", "clause", "point", "section"}, {}, {"pinpoint_joiner"},
                false, {{"section", "roman"}}},
               pinpoint});
}

void attach_pinpoints(std::string_view text, const rules::RuleSet& rules,
                      const std::vector<Pinpoint>& found, std::vector<Citation>& citations) {
  const auto& joiners = rules.lexicon("pinpoint_joiner");
  static const rules::Lexicon none;
  size_t ci = 0;
  for (const auto& p : found) {
    // The first citation that starts at or after the pinpoint's end.
    while (ci < citations.size() && citations[ci].at.b < p.at.e) ++ci;
    if (ci < citations.size() && !citations[ci].pinpoint &&
        only_joining(text, p.at.e, citations[ci].at.b, joiners, false)) {
      citations[ci].pinpoint = p;
      continue;
    }
    // Else the citation that ends right before it ("..., Dieu 5").
    if (ci > 0) {
      Citation& c = citations[ci - 1];
      if (!c.pinpoint && c.at.e <= p.at.b && only_joining(text, c.at.e, p.at.b, none, true)) {
        c.pinpoint = p;
      }
    }
  }
}

}  // namespace trich
