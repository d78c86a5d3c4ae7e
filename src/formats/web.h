// HTML through gumbo, the HTML5 parsing algorithm of browsers (so tag soup reads as a
// browser shows it). Text: block elements (p, div, headings, list items, table cells, ...)
// on lines of their own, <br> a line break, white space collapsed as a browser does (kept in
// <pre>), character references decoded; <head>, <script>, <style>, <template> and
// <noscript> dropped. The bytes are decoded first as plain text is (io/decode), so a page in
// windows-1258 reads too. Nesting deeper than kMaxHtmlDepth is refused before parsing (the
// parser's own tree would otherwise be freed recursively).
#pragma once

#include <string>
#include <string_view>

#include "formats/format.h"

namespace trich::formats {

inline constexpr int kMaxHtmlDepth = 1000;

bool read_html(std::string_view bytes, Extracted& out, std::string& error);

}  // namespace trich::formats
