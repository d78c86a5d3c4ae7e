// Word processor documents: DOCX (Office Open XML) and ODT (OpenDocument text), read from a
// ZIP container held in memory. What is text: body paragraphs in order, one line each;
// tables row by row and cell by cell, one line per cell paragraph; text boxes (after the
// paragraph that anchors them); then footnotes and endnotes, then headers and footers (each
// distinct one once). Soft line breaks are newlines and tabs tabs inside the paragraph's
// line. Not text: field codes (their results are), deleted tracked changes (inserted text
// is), comments, the fallback copy of a text box.
#pragma once

#include <string>
#include <string_view>

#include "formats/format.h"
#include "formats/zip.h"

namespace trich::formats {

// What a ZIP container holds, by its entries.
enum class ZipKind { docx, odt, other };
ZipKind zip_kind(zip::Archive& a);

// The text of a DOCX or ODT; false with `error` set when the container or its XML is damaged,
// encrypted, over a limit, or not that format.
bool read_docx(std::string_view bytes, Extracted& out, std::string& error);
bool read_odt(std::string_view bytes, Extracted& out, std::string& error);

}  // namespace trich::formats
