// Document: one input ready for matching. Holds the decoded UTF-8 text, the normalized text
// the rules run on, and the maps between them and the input bytes. Turns a span of the
// normalized text into a Span of the input (offsets, line, column, text). Knows nothing of
// rules or entities.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/decode.h"
#include "text/normalize.h"

namespace trich {

// A stretch of the input, as reported to users (see CONTRACT.md, SPAN).
struct Span {
  size_t start = 0, end = 0;   // byte offsets into the input as read, end exclusive
  size_t line = 0, column = 0; // 1-based; column counts code points of the input line
  std::string text;            // the input's text there, as UTF-8
  std::optional<size_t> page, page_line;  // a paged input (PDF): 1-based page, line on it
};

// Where a document's first byte sits in its input: a large input is read a window at a time
// (pipeline/windows.h), and each window is a Document whose spans count from the input's start.
struct Origin {
  size_t offset = 0;            // input byte offset of the window's first byte
  size_t line = 1, column = 1;  // line and column of that byte in the input
};

class Document {
 public:
  // `folds`: the letters the rules fold (Extractor::folds()), read while normalizing.
  Document(std::string source, Decoded decoded, const Folds& folds, Origin origin = {});

  const std::string& source() const { return source_; }
  const std::string& encoding() const { return encoding_; }

  // The text rules match against (NFC, folded).
  std::string_view text() const { return norm_same_ ? decoded_ : norm_.text; }
  // The decoded text (the input's own spelling, as UTF-8).
  std::string_view decoded() const { return decoded_; }

  // Span of the input for [begin, end) of text(). Calls should come in increasing `begin`
  // order for speed (a cursor makes column counting linear); any order is correct.
  Span span(size_t begin, size_t end) const;

  // A paged input: the offsets in decoded() where each page starts (the first is 0). Spans
  // then carry their page and line on it.
  void set_pages(std::vector<size_t> starts) { page_starts_ = std::move(starts); }
  const std::vector<size_t>& page_starts() const { return page_starts_; }

  // Offset in decoded() of offset `o` of text().
  size_t to_decoded(size_t o) const { return norm_same_ ? o : norm_.to_input(o); }
  // Input byte offset (from the input's start) of offset `o` of decoded().
  size_t decoded_to_input(size_t o) const { return origin_.offset + decoded_to_input_(o); }
  // Where offset `o` of decoded() is in the input (offset, line, column).
  Origin position(size_t o) const;
  // Where the text starts in the input (the window's place; zero for a whole input).
  const Origin& origin() const { return origin_; }
  // The decoded text of input line `line` (1-based, counted from the input's start) without
  // its line end; false when this document (a window) does not hold that line. A window's
  // first line may have begun before it: then only its part in the window.
  bool line_text(size_t line, std::string_view& out) const;

 private:
  std::string source_;
  std::string encoding_;
  Origin origin_;
  std::string decoded_;
  OffsetMap decoded_to_input_;
  Normalized norm_;
  bool norm_same_ = false;
  std::vector<size_t> line_starts_;  // offsets in decoded_
  std::vector<size_t> page_starts_;  // offsets in decoded_; empty when not paged
  mutable size_t cursor_line_ = 0, cursor_off_ = 0, cursor_col_ = 1;
};

}  // namespace trich
