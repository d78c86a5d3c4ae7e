// Decoding: turns the bytes of one input into UTF-8 plus an OffsetMap back to those bytes,
// and names the encoding it found. Every decoded code point maps back to the exact input
// bytes it came from, whatever the encoding.
//
// Detection, in order: a UTF-16 byte-order mark; a NUL byte in the first 8 KiB (binary, not
// decoded; only when detecting: a forced encoding decodes NUL as U+0000); a UTF-8 byte-order mark or valid UTF-8 (never read as anything else); UTF-8
// with damage (as many valid multi-byte sequences as broken ones). Otherwise the bytes are
// read as each legacy Vietnamese encoding (windows-1258 through ICU, TCVN3 and VISCII through
// glibc's iconv) and as UTF-8 with U+FFFD, and the reading whose words look most like
// Vietnamese syllables wins (see vietnamese_shape), on 64 KiB around the first byte that is
// not UTF-8. Invalid UTF-8 that is no legacy encoding is decoded with U+FFFD and one warning. Does not normalize (text/normalize
// composes windows-1258's combining tone marks).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/offset_map.h"

namespace trich {

struct Decoded {
  std::string text;        // UTF-8
  OffsetMap to_input;      // text offset -> input byte offset, exact at code point boundaries
  // One of known_encodings(), "utf-8-bom" (UTF-8 after a byte-order mark) or "binary".
  std::string encoding;
  bool binary = false;     // a NUL byte in the first 8 KiB: not decoded, text is empty
  std::vector<Diagnostic> warnings;
};

// Names accepted by --encoding (besides "auto"): utf-8, utf-16le, utf-16be, windows-1258,
// tcvn3, viscii.
const std::vector<std::string>& known_encodings();

// Decodes `bytes` (moved in, so a UTF-8 input is not copied). `forced` is "" or "auto" to
// detect, else one of known_encodings(); `source` names the input in warnings.
Decoded decode(std::string&& bytes, std::string_view forced, const std::string& source);

// How a reading of bytes looks: of the words holding a non-ASCII character, how many are
// shaped like one Vietnamese syllable (Latin letters and D with stroke; tone and vowel marks
// only on vowels, at most one tone; one run of at most three vowels; no capital after a small
// letter). Knows the alphabet the legacy encodings were made for, and no word of the language.
struct ShapeScore {
  size_t judged = 0;  // words with a non-ASCII character
  size_t good = 0;    // of those, shaped like a syllable
  double share() const { return judged ? static_cast<double>(good) / static_cast<double>(judged) : 0.0; }
};

// Scores `bytes` read as `encoding` (one of known_encodings()). Exposed for tests.
ShapeScore vietnamese_shape(std::string_view bytes, std::string_view encoding);

}  // namespace trich
