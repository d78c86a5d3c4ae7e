#include "text/document.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"

namespace trich {

Document::Document(std::string source, Decoded decoded, const Folds& folds, Origin origin)
    : source_(std::move(source)),
      encoding_(std::move(decoded.encoding)),
      origin_(origin),
      decoded_(std::move(decoded.text)),
      decoded_to_input_(std::move(decoded.to_input)) {
  norm_ = normalize(decoded_, folds);
  norm_same_ = norm_.unchanged;
  line_starts_.push_back(0);
  const char* p = decoded_.data();
  const char* end = p + decoded_.size();
  if (!std::memchr(p, '\r', decoded_.size())) {  // the common case: LF line ends only
    while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<size_t>(p - decoded_.data()));
    }
    return;
  }
  // LF, CRLF and a lone CR (classic Mac OS) each end a line, mixed as they come.
  for (size_t i = 0, n = decoded_.size(); i < n; ++i) {
    char c = decoded_[i];
    if (c == '\n' || (c == '\r' && (i + 1 == n || decoded_[i + 1] != '\n'))) {
      line_starts_.push_back(i + 1);
    }
  }
}

Span Document::span(size_t begin, size_t end) const {
  // A span's end inside an NFC change of several code points maps to the change's end, so
  // the span covers all of it (docs/limits.md). Clamping and widening to whole characters
  // stay as a second guard: a span is always in bounds and its text the input's own.
  size_t db = to_decoded(begin), de = norm_same_ ? end : norm_.to_input_end(end);
  size_t n = decoded_.size();
  de = std::min(de, n);
  db = std::min(db, de);
  while (db > 0 && !utf8::is_lead(static_cast<unsigned char>(decoded_[db]))) --db;
  while (de < n && !utf8::is_lead(static_cast<unsigned char>(decoded_[de]))) ++de;
  Span s;
  s.start = decoded_to_input(db);
  s.end = decoded_to_input(de);
  s.text.assign(decoded_, db, de - db);
  Origin p = position(db);
  s.line = p.line;
  s.column = p.column;
  if (!page_starts_.empty()) {
    size_t pg = static_cast<size_t>(
        std::upper_bound(page_starts_.begin(), page_starts_.end(), db) - page_starts_.begin());
    size_t first = static_cast<size_t>(
        std::upper_bound(line_starts_.begin(), line_starts_.end(), page_starts_[pg - 1]) -
        line_starts_.begin());  // 1-based line of the page's first byte
    s.page = pg;
    s.page_line = p.line - first + 1;
  }
  return s;
}

Origin Document::position(size_t db) const {
  size_t line = static_cast<size_t>(
      std::upper_bound(line_starts_.begin(), line_starts_.end(), db) - line_starts_.begin() - 1);
  size_t from = line_starts_[line], col = 1;
  if (line == cursor_line_ && db >= cursor_off_) {
    from = cursor_off_;
    col = cursor_col_;
  }
  col += utf8::count_code_points(std::string_view(decoded_).substr(from, db - from));
  cursor_line_ = line;
  cursor_off_ = db;
  cursor_col_ = col;
  // The window's first line began before the window: its columns count on from there.
  if (line == 0) col += origin_.column - 1;
  return Origin{decoded_to_input(db), origin_.line + line, col};
}

bool Document::line_text(size_t line, std::string_view& out) const {
  if (line < origin_.line || line - origin_.line >= line_starts_.size()) return false;
  size_t i = line - origin_.line;
  size_t b = line_starts_[i];
  size_t e = i + 1 < line_starts_.size() ? line_starts_[i + 1] : decoded_.size();
  while (e > b && (decoded_[e - 1] == '\n' || decoded_[e - 1] == '\r')) --e;
  out = std::string_view(decoded_).substr(b, e - b);
  return true;
}

}  // namespace trich
