// Input formats: what a file is, by its content (formats/sniff.h decides), and the text a
// converter extracted from it. Plain data; knows no container.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trich::formats {

enum class Format { text, docx, odt, pdf, html, rtf };

// "text", "docx", ... as --input-format, --type and the document's "format" field spell them.
const char* name(Format f);
// The Format named `s` (one of the names above); false when there is none.
bool parse(std::string_view s, Format& f);
// Every name, in the order above (for --help and completions).
const std::vector<std::string>& names();

// Text extracted from a container: UTF-8, one line per paragraph (or table cell paragraph),
// pages (PDF only) separated by a form feed.
struct Extracted {
  std::string text;
  // Offsets in `text` where each page starts (the first is 0); empty for unpaged formats.
  std::vector<size_t> page_starts;
};

}  // namespace trich::formats
