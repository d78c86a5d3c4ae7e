// Normalization for matching: folds the spellings that mean the same to rules (no-break and
// other spaces, dash variants, U+00D0 for U+0110, CR) and composes to NFC. Keeps an OffsetMap
// from the normalized text back to its input, so spans are reported in the user's bytes.
// Does not lower-case (rules decide case) and never removes a character, so every normalized
// code point has a non-empty source.
#pragma once

#include <string>
#include <string_view>

#include "base/offset_map.h"

namespace trich {

struct Normalized {
  bool unchanged = false;  // the input is already normalized: `text` is left empty
  std::string text;
  OffsetMap composed;  // normalized offset -> offset in the folded text
  OffsetMap folded;    // folded offset -> offset in the string given to normalize()

  // Offset in the string given to normalize() of normalized offset `o`. An offset inside
  // what one NFC change made (a code point that became several, a base composed with some of
  // its marks) maps to the change's start, so the map never lands inside a character nor goes
  // back; to_input_end maps it to the change's end instead, for the end of a span.
  size_t to_input(size_t o) const { return folded(composed(o)); }
  size_t to_input_end(size_t o) const { return folded.ceil(composed.ceil(o)); }
};

// `in` must be valid UTF-8. Fast path: text already in the folded NFC form is not copied;
// `unchanged` says so.
Normalized normalize(std::string_view in);

}  // namespace trich
