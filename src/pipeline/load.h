// Loading: turns an input's bytes into the text the pipeline decodes, normalizes and
// matches. Plain text goes on as it is (io/decode detects its encoding); a DOCX, ODT, PDF or
// HTML becomes its extracted UTF-8 text, with its page starts for a PDF. A format trich does
// not read (legacy Office, images, archives, RTF) or a PDF with no text layer is refused
// with one line saying what it is and what to do; a damaged or hostile container is an error
// naming the problem. The format is decided from the content (formats/sniff.h), unless the
// user forces one (--input-format).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "formats/format.h"
#include "formats/sniff.h"

namespace trich {

// The largest container read (a DOCX, ODT, PDF or HTML file; plain text has no limit):
// docs/limits.md.
inline constexpr size_t kMaxContainer = size_t{256} << 20;

struct Loaded {
  enum class Status {
    text,         // plain text: decode the bytes as they are
    converted,    // `extracted` holds the text
    unsupported,  // a format trich does not read, or a PDF with nothing to read
    failed,       // damaged, encrypted or over a limit
  };
  Status status = Status::text;
  formats::Format format = formats::Format::text;
  formats::Extracted extracted;
  std::optional<Diagnostic> problem;  // unsupported and failed
  const char* reason = "";            // unsupported: for --stats ("unsupported", "no text")
};

// What the input whose first bytes are `head` is: by content when `forced` is "auto" (or
// empty), else that format.
formats::Sniffed sniff_input(std::string_view head, std::string_view forced);

// The detected type name of a whole input (for --type): a format's name, "zip" for another
// ZIP archive, "binary" for a format trich does not read.
std::string type_of(std::string_view bytes, const formats::Sniffed& s);

// Loads a whole input sniffed as `s` (anything but plain text). `source` names it in
// messages.
Loaded load(std::string_view bytes, const formats::Sniffed& s, const std::string& source);

}  // namespace trich
