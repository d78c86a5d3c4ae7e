#include "formats/pdf.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <poppler-document.h>
#include <poppler-page.h>

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace trich::formats {
namespace {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // y grows downwards
  double h() const { return y1 - y0; }
};

struct Line {
  std::string text;
  Box box;
  double first_word = 0;  // width of its first word
};

// Poppler reports damage on stderr by default; here one message per file says it.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

double overlap(const Box& a, const Box& b) {
  return std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
}

// Words (in poppler's reading order) into lines: a word joins the line when it overlaps it
// vertically and does not go back to its left.
std::vector<Line> lines_of(poppler::page& p) {
  std::vector<Line> lines;
  bool space = false;  // the previous word had a space after it
  for (auto& w : p.text_list()) {
    auto u = w.text().to_utf8();
    std::string t(u.begin(), u.end());
    if (t.empty()) continue;
    auto r = w.bbox();
    Box b{r.left(), r.top(), r.right(), r.bottom()};
    if (b.y1 < b.y0) std::swap(b.y0, b.y1);
    bool join = false;
    if (!lines.empty()) {
      const Box& l = lines.back().box;
      double h = std::max(0.1, std::min(l.h(), b.h()));
      join = overlap(l, b) > 0.3 * h && b.x0 > l.x1 - 0.5 * h;
    }
    if (join) {
      Line& l = lines.back();
      double gap = b.x0 - l.box.x1;
      if (space || gap > 0.15 * std::min(l.box.h(), b.h())) l.text += ' ';
      l.text += t;
      l.box.x0 = std::min(l.box.x0, b.x0);
      l.box.x1 = std::max(l.box.x1, b.x1);
      l.box.y0 = std::min(l.box.y0, b.y0);
      l.box.y1 = std::max(l.box.y1, b.y1);
    } else {
      lines.push_back({t, b, b.x1 - b.x0});
    }
    space = w.has_space_after();
  }
  return lines;
}

// A line as a running header or footer is compared: digits (page numbers) aside.
std::string running_key(const std::string& s) {
  std::string k;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (k.empty() || k.back() != '#') k += '#';
    } else {
      k += c;
    }
  }
  return k;
}

bool is_lower_start(const std::string& s) {
  if (s.empty()) return false;
  size_t i = 0;
  return u_islower(static_cast<UChar32>(utf8::next(s, i)));
}

bool ends_letter_hyphen(const std::string& s) {
  if (s.size() < 2 || s.back() != '-') return false;
  unsigned char c = static_cast<unsigned char>(s[s.size() - 2]);
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Appends line `next` to paragraph `para`, joining a word broken at the line's end.
void join(std::string& para, const std::string& next) {
  if (para.size() >= 2 && para.compare(para.size() - 2, 2, "\xC2\xAD") == 0) {  // soft hyphen
    para.resize(para.size() - 2);
  } else if (ends_letter_hyphen(para) && is_lower_start(next)) {
    para.pop_back();  // "ki-" + "em": one word
  } else if (!para.empty() && para.back() != '-' && para.back() != '/') {
    para += ' ';
  }
  para += next;
}

// The page's lines as paragraphs, one per output line.
std::string paragraphs(const std::vector<Line>& lines) {
  if (lines.empty()) return "";
  // The right edge of the column a line is in: the farthest any line starting where it
  // starts reaches (a table cell's lines, or the page's text block).
  auto right = [&](const Line& l) {
    double r = l.box.x1;
    for (const auto& o : lines) {
      if (std::abs(o.box.x0 - l.box.x0) < l.box.h()) r = std::max(r, o.box.x1);
    }
    return r;
  };
  std::string out, para = lines[0].text;
  for (size_t i = 1; i < lines.size(); ++i) {
    const Box& a = lines[i - 1].box;
    const Box& b = lines[i].box;
    double h = std::max(0.1, a.h());
    // A line ends its paragraph when the next line's first word would have fitted after it.
    bool short_line = a.x1 + 0.3 * h + lines[i].first_word < right(lines[i - 1]);
    bool brk = b.y0 - a.y1 > 0.6 * h          // more than line spacing: a paragraph gap
               || b.y0 < a.y0                 // back up the page: another column or block
               || short_line
               || std::abs(b.x0 - a.x0) > 1.5 * h  // indented, or another column
               || b.h() > 1.3 * h || h > 1.3 * b.h();  // another size of type
    if (brk) {
      out += para;
      out += '\n';
      para = lines[i].text;
    } else {
      join(para, lines[i].text);
    }
  }
  out += para;
  out += '\n';
  return out;
}

}  // namespace

PdfStatus read_pdf(std::string_view bytes, Extracted& out, std::string& error) {
  quiet_poppler();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    error = "damaged or truncated PDF: poppler cannot open it";
    return PdfStatus::failed;
  }
  if (doc->is_locked()) {
    error = "encrypted PDF (it needs a password to open)";
    return PdfStatus::failed;
  }
  int n = doc->pages();
  std::vector<std::vector<Line>> pages;
  size_t chars = 0;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    pages.push_back(p ? lines_of(*p) : std::vector<Line>{});
    for (const auto& l : pages.back()) chars += l.text.size();
  }
  if (n > 0 && chars == 0) return PdfStatus::no_text;
  if (n == 0) {
    error = "damaged PDF: no pages";
    return PdfStatus::failed;
  }
  // Running headers and footers: among the first or last two lines of more than half the
  // pages (and of two at least).
  auto edge = [](const std::vector<Line>& ls, size_t i) { return i < 2 || i + 2 >= ls.size(); };
  std::map<std::string, int> seen_on;
  for (const auto& ls : pages) {
    std::map<std::string, bool> here;
    for (size_t i = 0; i < ls.size(); ++i) {
      if (edge(ls, i)) here[running_key(ls[i].text)] = true;
    }
    for (const auto& [k, _] : here) ++seen_on[k];
  }
  for (size_t pg = 0; pg < pages.size(); ++pg) {
    auto& ls = pages[pg];
    std::vector<Line> body;
    for (size_t i = 0; i < ls.size(); ++i) {
      if (edge(ls, i)) {
        std::string k = running_key(ls[i].text);
        int c = seen_on[k];
        if (c >= 2 && 2 * c > static_cast<int>(pages.size())) continue;
      }
      body.push_back(std::move(ls[i]));
    }
    if (pg > 0) out.text += '\f';
    // A page starts after its form feed, so starts grow strictly even after an empty page
    // (an empty first page once gave the second page the same start: found by formats_fuzz).
    out.page_starts.push_back(out.text.size());
    out.text += paragraphs(body);
  }
  return PdfStatus::ok;
}

}  // namespace trich::formats
