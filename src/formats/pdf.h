// PDF with a text layer, through poppler-cpp. Poppler gives the words of each page in
// reading order with their boxes; this module assembles them into lines (words on one
// baseline) and lines into paragraphs (one output line each): a paragraph ends at a larger
// vertical gap, after a line that stops short of the right margin, or before an indented
// line. A word broken with a hyphen at a line's end is joined again ("ki-" + "em" ->
// "kiem"; "35-" + "CT/TW" keeps its hyphen). Running headers and footers (a line among the
// first or last two lines of more than half the pages, digits aside) are dropped: page
// furniture, which would repeat an entity on every page and cut paragraphs. Pages are separated by a form feed, which starts the next page's first line.
#pragma once

#include <string>
#include <string_view>

#include "formats/format.h"

namespace trich::formats {

enum class PdfStatus { ok, no_text, failed };

// `no_text`: the PDF has pages but not one character (a scan); `failed`: damaged, encrypted
// (locked with a password) or unreadable, `error` says which.
PdfStatus read_pdf(std::string_view bytes, Extracted& out, std::string& error);

}  // namespace trich::formats
