#include "pipeline/windows.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "io/decode.h"
#include "text/document.h"

namespace trich {
namespace {

// The longest prefix of `bytes` that ends on a whole character of `encoding`, so that a
// window never splits one (the rest goes to the next window).
size_t whole_characters(std::string_view bytes, std::string_view encoding) {
  size_t n = bytes.size();
  if (encoding == "utf-16le" || encoding == "utf-16be") {
    n &= ~size_t{1};
    if (n >= 2) {
      auto hi = static_cast<unsigned char>(bytes[encoding == "utf-16le" ? n - 1 : n - 2]);
      if (hi >= 0xD8 && hi <= 0xDB) n -= 2;  // a high surrogate waits for its pair
    }
    return n;
  }
  // UTF-8 (and, harmlessly, the single-byte encodings): drop an unfinished sequence.
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    auto b = static_cast<unsigned char>(bytes[n - back]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

template <class T>
void keep_from(std::vector<T>& v, size_t from, size_t to) {
  v.erase(std::remove_if(v.begin(), v.end(),
                         [&](const T& e) { return e.span.start < from || e.span.start >= to; }),
          v.end());
}

// What earlier windows reported, per kind: the end of the last entity each kept.
struct Covered {
  size_t citations = 0, priorities = 0, dates = 0, terms = 0, invalid_dates = 0,
         anniversaries = 0;
};

template <class T>
size_t last_end(const std::vector<T>& v, size_t before) {
  for (const auto& e : v) before = std::max(before, e.span.end);
  return before;
}

// Keeps what starts in [covered, cut) (input offsets) and records what is now covered.
void keep_window(const Document& doc, Extraction& x, size_t cut, Covered& c) {
  keep_from(x.citations, c.citations, cut);
  keep_from(x.dates, c.dates, cut);
  keep_from(x.terms, c.terms, cut);
  c.citations = last_end(x.citations, c.citations);
  c.dates = last_end(x.dates, c.dates);
  c.terms = last_end(x.terms, c.terms);
  // A list is kept whole when it starts before the cut; items reported with an earlier
  // window's list are not reported again.
  std::vector<PriorityList> lists;
  for (auto& l : x.priorities) {
    keep_from(l.items, c.priorities, std::string::npos);
    if (l.items.empty() || l.items.front().span.start >= cut) continue;
    lists.push_back(std::move(l));
  }
  x.priorities = std::move(lists);
  for (const auto& l : x.priorities) c.priorities = last_end(l.items, c.priorities);
  auto input_at = [&](size_t b) { return doc.decoded_to_input(doc.to_decoded(b)); };
  auto keep_at = [&](auto& v, size_t& covered) {
    size_t end = covered;
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const auto& e) {
                             size_t s = input_at(e.at.b);
                             if (s < covered || s >= cut) return true;
                             end = std::max(end, input_at(e.at.e));
                             return false;
                           }),
            v.end());
    covered = end;
  };
  keep_at(x.invalid_dates, c.invalid_dates);
  keep_at(x.anniversaries, c.anniversaries);
}

// Where a list starts: its lead, else its first item (offsets of decoded()).
size_t list_start(const Document& doc, const PriorityList& l) {
  size_t b = l.items.front().at.b;
  if (l.lead_at) b = std::min(b, l.lead_at->b);
  return doc.to_decoded(b);
}

// Moves `cut` back to the start of the line of a list that straddles it, unless that is in
// the window's first half (a list that long is split).
size_t cut_around_lists(const Document& doc, const Extraction& x, size_t cut) {
  std::string_view text = doc.decoded();
  for (const auto& l : x.priorities) {
    if (l.items.empty()) continue;
    size_t first = list_start(doc, l), last = doc.to_decoded(l.items.back().at.b);
    if (first >= cut || last < cut) continue;
    size_t line = text.find_last_of("\r\n", first == 0 ? 0 : first - 1);  // CR: lone-CR text
    line = line == std::string_view::npos ? 0 : line + 1;
    if (line > text.size() / 2) return line;
    return cut;
  }
  return cut;
}

}  // namespace

WindowSize WindowSize::of(size_t bytes) {
  WindowSize w;
  w.window = std::max<size_t>(bytes, 16);
  w.lookahead = std::clamp<size_t>(w.window / 16, 1, size_t{256} << 10);
  return w;
}

size_t choose_cut(std::string_view text, size_t lookahead) {
  size_t n = text.size();
  if (n <= lookahead) return n;
  size_t lo = n - lookahead, hi = n - lookahead / 2;  // the cut falls in [lo, hi]
  // Whether a line starts at c (0 < c < n): after LF, CRLF or a lone CR.
  auto starts_line = [&](size_t c) {
    return text[c - 1] == '\n' || (text[c - 1] == '\r' && (c == n || text[c] != '\n'));
  };
  // After a blank line (c: the cut, in (lo, hi]).
  for (size_t c = hi; c > lo; --c) {
    if (!starts_line(c)) continue;
    size_t j = c - 1;  // the start of the line end before c
    if (text[j] == '\n' && j > lo && text[j - 1] == '\r') --j;
    while (j > lo && (text[j - 1] == ' ' || text[j - 1] == '\t')) --j;
    if (j > lo && starts_line(j)) return c;
  }
  // After a line end, a sentence end, a space.
  for (size_t c = hi; c > lo; --c) {
    if (starts_line(c)) return c;
  }
  for (size_t i = hi; i-- > lo + 1;) {
    if (text[i] == ' ' && (text[i - 1] == '.' || text[i - 1] == ';')) return i + 1;
  }
  for (size_t i = hi; i-- > lo;) {
    if (text[i] == ' ') return i + 1;
  }
  // A character boundary: at most three bytes back, below `lo` if the region is that small.
  size_t i = hi;
  while (i > 0 && !utf8::is_lead(static_cast<unsigned char>(text[i]))) --i;
  return i > 0 ? i : n;
}

WindowedOutcome process_in_windows(
    InputReader& in, std::string buf, const std::string& forced, const Extractor& x,
    const KindSet& kinds, const Auditor* auditor, const WindowSize& size,
    const std::function<bool(const Extraction&, const PartText&)>& part) {
  WindowedOutcome o;
  const std::string& source = in.path();
  std::string encoding = forced;  // "auto" until the first window has been decoded
  Origin origin;
  CitationMemory citations;
  AuditMemory audit;
  Covered covered;
  size_t total = 0;
  bool warned = false;
  for (bool first = true;; first = false) {
    if (buf.size() < size.window && !in.at_end()) {
      auto r = in.read_into(buf, size.window - buf.size());
      if (!r.ok()) {
        o.diagnostics.push_back(r.error());
        break;  // what was read is still reported
      }
    }
    bool last = in.at_end() && buf.size() <= size.window;
    std::string_view unit = encoding;
    if (first) {  // not decoded yet: only a byte-order mark says UTF-16
      bool le = encoding == "utf-16le" || (encoding == "auto" && buf.rfind("\xFF\xFE", 0) == 0);
      bool be = encoding == "utf-16be" || (encoding == "auto" && buf.rfind("\xFE\xFF", 0) == 0);
      unit = le ? "utf-16le" : be ? "utf-16be" : "utf-8";
    }
    size_t take =
        last ? buf.size() : whole_characters(std::string_view(buf).substr(0, size.window), unit);
    Decoded dec = decode(std::string(buf, 0, take), encoding, source);
    if (first) {
      if (dec.binary) {
        o.skipped_binary = true;
        o.diagnostics = std::move(dec.warnings);
        return o;
      }
      o.head = DocumentHead{shown_name(source), dec.encoding, 0};
      // Later windows are read as the first was, without a byte-order mark.
      encoding = dec.encoding == "utf-8-bom" ? "utf-8" : dec.encoding;
    }
    // One warning per input, like a whole input's, with the offset counted from its start.
    if (!warned && !dec.warnings.empty()) {
      warned = true;
      Diagnostic w = std::move(dec.warnings.front());
      if (!first && encoding == "utf-8") {
        size_t bad = origin.offset + utf8::valid_prefix(std::string_view(buf).substr(0, take));
        w.message = fmt::format("invalid UTF-8 at byte {}; decoded with U+FFFD", bad);
      } else if (!first) {
        w.message += fmt::format(" (counting from byte {}, where a window of the input starts)",
                                 origin.offset);
      }
      o.diagnostics.push_back(std::move(w));
    }
    if (!last && take == 0) {  // cannot happen with a window of 16 bytes or more
      o.diagnostics.push_back(error_at(source, 0, "window too small to hold one character"));
      break;
    }
    Document doc(source, std::move(dec), origin);
    Extraction ex = x.run(doc, kinds, &citations);
    if (o.head && origin.offset == 0) o.head->self = ex.self;  // the header is the first window's
    size_t cut = doc.decoded().size();
    if (!last) cut = cut_around_lists(doc, ex, choose_cut(doc.decoded(), size.lookahead));
    size_t cut_input = doc.decoded_to_input(cut);
    keep_window(doc, ex, cut_input, covered);
    if (auditor) auditor->check(doc, ex, &audit);
    citations.remember(x.rules(), ex.citations);
    if (!part(ex, PartText{&doc, cut})) return o;
    total = cut_input;
    if (last) break;
    size_t base = origin.offset;
    origin = doc.position(cut);
    buf.erase(0, cut_input - base);
  }
  if (o.head) o.head->bytes = total;
  return o;
}

}  // namespace trich
