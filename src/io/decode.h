// Decoding: turns the bytes of one input into UTF-8 plus an OffsetMap back to those bytes,
// and names the encoding it found. Detection: BOM (UTF-8, UTF-16LE/BE), then valid UTF-8,
// then the legacy Vietnamese 8-bit encodings. Invalid UTF-8 that is no other encoding is
// decoded with U+FFFD and one warning. Does not normalize (text/normalize does).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "text/offset_map.h"

namespace trich {

struct Decoded {
  std::string text;        // UTF-8
  OffsetMap to_input;      // text offset -> input byte offset
  std::string encoding;    // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", ...
  bool binary = false;     // a NUL byte in the first 8 KiB: not decoded, text is empty
  std::vector<Diagnostic> warnings;
};

// Names accepted by --encoding (besides "auto").
const std::vector<std::string>& known_encodings();

// Decodes `bytes` (moved in, so a UTF-8 input is not copied). `forced` is "" or "auto" to
// detect, else one of known_encodings(); `source` names the input in warnings.
Decoded decode(std::string&& bytes, std::string_view forced, const std::string& source);

}  // namespace trich
