#include "output/html_text.h"

#include <algorithm>
#include <set>

namespace trich::html {

void append_escaped(std::string& out, std::string_view s) {
  size_t done = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* rep = nullptr;
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default:
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) rep = "&#xFFFD;";
    }
    if (!rep) continue;
    out.append(s, done, i - done);
    out += rep;
    done = i + 1;
  }
  out.append(s, done, s.size() - done);
}

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s);
  return out;
}

void render(std::string_view text, size_t from, size_t to, std::vector<Mark> marks,
            std::vector<Insert> inserts, std::string& out) {
  to = std::min(to, text.size());
  if (from > to) from = to;
  for (auto& m : marks) {
    m.b = std::clamp(m.b, from, to);
    m.e = std::clamp(m.e, from, to);
  }
  std::erase_if(marks, [](const Mark& m) { return m.b >= m.e; });
  // Outermost first: the earlier start, then the longer span, then the order given.
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.b != b.b ? a.b < b.b : a.e > b.e;
  });
  for (auto& in : inserts) in.at = std::clamp(in.at, from, to);
  std::stable_sort(inserts.begin(), inserts.end(),
                   [](const Insert& a, const Insert& b) { return a.at < b.at; });

  // The points where what is open may change.
  std::vector<size_t> points = {from, to};
  for (const auto& m : marks) {
    points.push_back(m.b);
    points.push_back(m.e);
  }
  for (const auto& in : inserts) points.push_back(in.at);
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  std::set<size_t> active;          // marks covering the current point, by rank
  std::vector<size_t> open;         // the marks whose elements are open, outermost first
  std::vector<char> opened(marks.size(), 0);
  size_t next_mark = 0, next_insert = 0;
  auto close_to = [&](size_t keep) {
    while (open.size() > keep) {
      out += marks[open.back()].close;
      open.pop_back();
    }
  };
  for (size_t k = 0; k < points.size(); ++k) {
    size_t p = points[k];
    for (auto it = active.begin(); it != active.end();) {
      it = marks[*it].e <= p ? active.erase(it) : std::next(it);
    }
    while (next_mark < marks.size() && marks[next_mark].b <= p) active.insert(next_mark++);
    size_t b = p;
    if (next_insert < inserts.size() && inserts[next_insert].at == p) {
      close_to(0);
      bool eat = false;
      for (; next_insert < inserts.size() && inserts[next_insert].at == p; ++next_insert) {
        out += inserts[next_insert].html;
        eat = eat || inserts[next_insert].eats_newline;
      }
      if (eat && b < to && text[b] == '\n') ++b;
    }
    if (k + 1 == points.size()) break;
    size_t e = points[k + 1];
    if (b >= e) continue;
    // Keep what is open and still wanted, in the same order; close the rest; open the others.
    size_t same = 0;
    auto want = active.begin();
    while (same < open.size() && want != active.end() && open[same] == *want) {
      ++same;
      ++want;
    }
    close_to(same);
    for (; want != active.end(); ++want) {
      const Mark& m = marks[*want];
      out += opened[*want] && !m.cont.empty() ? m.cont : m.open;
      opened[*want] = 1;
      open.push_back(*want);
    }
    append_escaped(out, text.substr(b, e - b));
  }
  close_to(0);
}

}  // namespace trich::html
