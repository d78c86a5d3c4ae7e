// HTML text: a stretch of a document's text written as HTML, escaped, with elements around
// spans of it (entities, findings) and blocks between its lines (finding notes, page marks).
// It knows nothing of entities or of the page around it (output/html_sink.cpp).
//
// Spans may nest and overlap (a date inside a citation, a finding over both). Elements nest as
// HTML requires: at each point of the text the spans that cover it are open, the one that
// starts first (the longer on a tie, then the one given first) outermost. A span that starts
// inside another and ends after it is closed where that one ends and reopened after it, with
// its `cont` tag (no id), so its text stays marked; a block inserted inside a span closes it
// the same way. Nothing is dropped and every element is closed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trich::html {

// `s` with & < > " ' written as character references, so it is text in an element and in a
// quoted attribute; a control character other than tab, LF and CR (which HTML does not allow
// as text) becomes U+FFFD.
std::string escape(std::string_view s);
void append_escaped(std::string& out, std::string_view s);

// An element around [b, e) of the text: `open` its opening tag, `cont` the opening tag of
// its pieces after a split (`open` when empty), `close` its closing tag.
struct Mark {
  size_t b = 0, e = 0;
  std::string open, cont, close;
};

// A block written at offset `at`, between characters; with `eats_newline` a line end at
// `at` is not written (the block breaks the line itself).
struct Insert {
  size_t at = 0;
  std::string html;
  bool eats_newline = false;
};

// Appends [from, to) of `text` to `out`, escaped, with `marks` (clipped to the range; empty
// ones are left out) and `inserts` (in offset order; at equal offsets in the order given).
void render(std::string_view text, size_t from, size_t to, std::vector<Mark> marks,
            std::vector<Insert> inserts, std::string& out);

}  // namespace trich::html
