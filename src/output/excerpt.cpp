#include "output/excerpt.h"

#include <algorithm>
#include <vector>

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace trich {
namespace {

// Lines longer than this many columns are cut to a window around their marks.
constexpr size_t kMaxWidth = 120;
// What a cut keeps on each side of the marks.
constexpr size_t kMargin = 30;

struct Char {
  size_t b, e;   // bytes of the line
  size_t width;  // terminal columns
};

size_t char_width(char32_t cp) {
  if (cp == '\t') return 4;
  if (u_getCombiningClass(static_cast<UChar32>(cp)) > 0) return 0;
  int ea = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

std::vector<Char> chars_of(std::string_view s) {
  std::vector<Char> out;
  for (size_t i = 0; i < s.size();) {
    size_t b = i;
    char32_t cp = utf8::next(s, i);
    out.push_back({b, std::min(i, s.size()), char_width(cp)});
  }
  return out;
}

struct Mark {
  size_t line;
  size_t from, to;  // code points of the line, [from, to)
  bool primary;
};

// The mark of span `s` on its first line (a span that runs on is marked to that line's end).
Mark mark_of(const Span& s, bool primary) {
  size_t first_line_bytes = s.text.find_first_of("\r\n");  // a lone CR ends a line too
  std::string_view head(s.text);
  if (first_line_bytes != std::string::npos) head = head.substr(0, first_line_bytes);
  while (!head.empty() && head.back() == '\r') head.remove_suffix(1);
  size_t from = s.column > 0 ? s.column - 1 : 0;
  return {s.line, from, from + std::max<size_t>(1, utf8::count_code_points(head)), primary};
}

std::string digits(size_t n) { return std::to_string(n); }

}  // namespace

size_t display_width(std::string_view s) {
  size_t w = 0;
  for (const auto& c : chars_of(s)) w += c.width;
  return w;
}

std::string render_excerpt(const Finding& f, const Painter& paint,
                           const std::string& related_label) {
  if (f.excerpt.empty()) return "";
  std::vector<Mark> marks = {mark_of(f.span, true)};
  if (f.related) marks.push_back(mark_of(*f.related, false));
  size_t gw = digits(f.excerpt.back().number).size();
  std::string pad(gw, ' ');
  std::string bar = paint(Style::gutter, "|");
  Style sev = Painter::of(f.severity);
  std::string out = pad + " " + bar + "\n";
  size_t prev = 0;
  for (const auto& sl : f.excerpt) {
    if (prev && sl.number > prev + 1) out += paint(Style::gutter, std::string(gw, '.')) + "\n";
    prev = sl.number;
    auto cs = chars_of(sl.text);
    std::vector<const Mark*> here;
    for (const auto& m : marks) {
      if (m.line == sl.number) here.push_back(&m);
    }
    // The window of the line shown: whole, or cut around its marks.
    size_t total = 0;
    for (const auto& c : cs) total += c.width;
    size_t lo = 0, hi = cs.size();
    if (total > kMaxWidth) {
      if (here.empty()) {
        size_t w = 0;
        hi = 0;
        while (hi < cs.size() && w + cs[hi].width <= kMaxWidth) w += cs[hi++].width;
      } else {
        size_t mlo = cs.size(), mhi = 0;
        for (const auto* m : here) {
          mlo = std::min(mlo, std::min(m->from, cs.size()));
          mhi = std::max(mhi, std::min(m->to, cs.size()));
        }
        lo = mlo > kMargin ? mlo - kMargin : 0;
        hi = std::min(cs.size(), mhi + kMargin);
        // Use the room a short mark leaves: widen to kMaxWidth columns when the marks allow.
        size_t w = 0;
        for (size_t i = lo; i < hi; ++i) w += cs[i].width;
        while (w < kMaxWidth && hi < cs.size()) w += cs[hi++].width;
      }
    }
    std::string shown;
    std::vector<size_t> col(cs.size() + 1, 0);  // display column of each code point
    size_t c0 = 0;
    if (lo > 0) {
      shown += "...";
      c0 = 3;
    }
    size_t w = c0;
    for (size_t i = lo; i < hi; ++i) {
      col[i] = w;
      shown += cs[i].width == 4 && sl.text[cs[i].b] == '\t'
                   ? std::string("    ")
                   : sl.text.substr(cs[i].b, cs[i].e - cs[i].b);
      w += cs[i].width;
    }
    for (size_t i = hi; i <= cs.size(); ++i) col[i] = w;
    if (hi < cs.size()) shown += "...";
    std::string num = digits(sl.number);
    out += paint(Style::gutter, std::string(gw - num.size(), ' ') + num + " |") +
           (shown.empty() ? "" : " " + shown) + "\n";
    if (here.empty()) continue;
    // The underline: ^ for the finding, - for the related mention, then its label.
    std::string under;
    size_t at = 0;
    std::sort(here.begin(), here.end(), [](const Mark* a, const Mark* b) { return a->from < b->from; });
    bool labelled = false;
    for (const auto* m : here) {
      size_t from = std::max(m->from, lo), to = std::min(m->to, hi);
      size_t cf = from < cs.size() ? col[from] : w, ct = to <= cs.size() ? col[to] : w;
      if (to <= from) ct = cf + 1;
      if (cf < at) cf = at;
      if (ct <= cf) ct = cf + 1;
      under += std::string(cf - at, ' ');
      std::string line(ct - cf, m->primary ? '^' : '-');
      under += paint(m->primary ? sev : Style::related, line);
      at = ct;
      labelled = labelled || !m->primary;
    }
    if (labelled) under += " " + paint(Style::related, related_label);
    out += pad + " " + bar + " " + under + "\n";
  }
  return out;
}

}  // namespace trich
