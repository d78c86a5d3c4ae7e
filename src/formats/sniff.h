// Sniffing: what an input is, from its first bytes, never from its name (a report saved as
// "bao-cao.txt" may be a .docx). Recognises the formats trich reads (PDF, HTML, RTF, ZIP
// containers, which formats/zip.h then tells apart) and the binary formats users send that
// it does not read (legacy Office files, images, archives, executables), so those get an
// error that names them with a hint instead of being read as text. Anything else is text,
// left to io/decode (which still calls a file with a NUL byte binary).
#pragma once

#include <string>
#include <string_view>

#include "formats/format.h"

namespace trich::formats {

struct Sniffed {
  enum class Kind { format, zip, unsupported };
  Kind kind = Kind::format;
  Format format = Format::text;  // Kind::format
  std::string what;              // Kind::unsupported: the one-line reason and hint
};

// The kind of the input whose first bytes (at least the first 1 KiB, when it has them) are
// `head`.
Sniffed sniff(std::string_view head);

// Whether `head` looks like HTML: after a byte-order mark, blanks and comments, a doctype,
// <html, or a known HTML element's tag.
bool looks_like_html(std::string_view head);

// The hint given for a file in a format trich does not read.
inline constexpr const char* kConvertHint =
    "convert it with `soffice --headless --convert-to docx FILE` and read the .docx";

}  // namespace trich::formats
