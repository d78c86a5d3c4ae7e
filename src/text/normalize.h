// Normalization for matching: folds the spellings that mean the same to rules (no-break and
// other spaces, dash variants, curly quotes, CR; and the letters the rules say are typed for
// others, rules/vi/letters.toml) and composes to NFC. Keeps an OffsetMap
// from the normalized text back to its input, so spans are reported in the user's bytes.
// Does not lower-case (rules decide case) and never removes a character, so every normalized
// code point has a non-empty source.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// The letter folds of a rule set (rules::RuleSet::letters: U+00D0 typed for U+0110 in
// Vietnamese) and what normalize() derives from them: how each code point of the BMP takes
// part, and whether the 16-byte skip over Latin letters holds. Built once per rule set (a few
// milliseconds); normalize() only reads it, from any thread.
class Folds {
 public:
  // (typed, stands for) pairs. Loading checked them (rules/ruleset.cpp): each a non-ASCII
  // letter, none folded twice, each `to` a letter NFC keeps as it is and folds no further.
  explicit Folds(std::vector<std::pair<char32_t, char32_t>> letters = {});
  // No letter folds (the text-level folds, spaces, dashes, quotes and CR, stay).
  static const Folds& none();

  // What code point `c` folds to for matching, or 0 when it stays as it is.
  char32_t fold(char32_t c) const;
  uint8_t kind(char32_t c) const { return c < 0x10000 ? kinds_[c] : kind_of(c); }
  // The 16-byte skip (SSE2) passes the UTF-8 forms of U+00C0..U+02FF and U+1E80..U+1EFF on
  // their bytes alone but one two-byte sequence (the folded letter of these ranges, C3 90
  // for U+00D0): it is on when every other code point there is left as it is.
  bool fast() const { return fast_; }
  unsigned char skip_lead() const { return skip_lead_; }
  unsigned char skip_second() const { return skip_second_; }

 private:
  uint8_t kind_of(char32_t c) const;
  std::vector<std::pair<char32_t, char32_t>> letters_;
  std::vector<uint8_t> kinds_;
  bool fast_ = false;
  unsigned char skip_lead_ = 0, skip_second_ = 0;
};

// `in` must be valid UTF-8. Fast path: text already in the folded NFC form is not copied;
// `unchanged` says so.
Normalized normalize(std::string_view in, const Folds& folds);

}  // namespace trich
