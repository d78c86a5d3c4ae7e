// Fuzz target: normalization and its offset map. Untrusted bytes are made valid UTF-8 first
// (as decode does), then normalized; every normalized code point boundary must map onto a code
// point boundary of the decoded text, in order, with the end on the end, for the start of a
// span (to_input) and its end (to_input_end); and so must the composition with the decoder's
// map, down to the input bytes (what Document::span does). The decoder's map is checked to be
// exact where the encoding fixes each character's width (single-byte encodings, UTF-16).
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "io/decode.h"
#include "text/normalize.h"

namespace {

// The table rules/vi/letters.toml gives (U+00D0 for U+0110), which the 16-byte skip serves;
// with U+00F0 folded as well the skip is off.
const trich::Folds& eth() {
  static const trich::Folds f({{0xD0, 0x110}});
  return f;
}
const trich::Folds& eth_slow() {
  static const trich::Folds f({{0xD0, 0x110}, {0xF0, 0x111}});
  return f;
}

bool boundary(std::string_view s, size_t o) {
  return o == s.size() || (o < s.size() && trich::utf8::is_lead(static_cast<unsigned char>(s[o])));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  trich::Decoded d = trich::decode(std::string(input), "auto", "fuzz");
  if (d.binary) d = trich::decode(std::string(input), "utf-16le", "fuzz");

  // Exact decoder offsets: each code point is one byte, or two or four UTF-16 bytes (but an
  // odd last byte, which ends the text).
  bool single = d.encoding == "windows-1258" || d.encoding == "tcvn3" || d.encoding == "viscii";
  bool utf16 = d.encoding.rfind("utf-16", 0) == 0;
  if (single || utf16) {
    size_t want = d.to_input(0), i = 0;
    FUZZ_CHECK(want == 0 || (utf16 && want == 2));
    while (i < d.text.size()) {
      char32_t cp = trich::utf8::next(d.text, i);
      want += single ? 1 : cp >= 0x10000 ? 4 : 2;
      if (i < d.text.size()) FUZZ_CHECK(d.to_input(i) == want);
    }
  }

  trich::Normalized n = trich::normalize(d.text, eth());
  std::string_view out = n.unchanged ? std::string_view(d.text) : std::string_view(n.text);
  for (bool end : {false, true}) {
    auto to_decoded = [&](size_t o) {
      return n.unchanged ? o : end ? n.to_input_end(o) : n.to_input(o);
    };
    trich::fuzz::check_map(out, d.text.size(), to_decoded);
    trich::fuzz::check_map(out, size, [&](size_t o) { return d.to_input(to_decoded(o)); });
    for (size_t i = 0; i < out.size();) {
      trich::utf8::next(out, i);
      FUZZ_CHECK(boundary(d.text, to_decoded(i)));
    }
  }
  if (!n.unchanged) {
    for (size_t i = 0; i < out.size();) {
      trich::utf8::next(out, i);
      FUZZ_CHECK(n.to_input(i) <= n.to_input_end(i));
    }
  }
  // Normalizing is idempotent.
  trich::Normalized again = trich::normalize(out, eth());
  FUZZ_CHECK(again.unchanged || again.text == out);
  // The 16-byte skip and the letter-by-letter path agree, text and maps, where they fold alike.
  if (d.text.find("\xC3\xB0") == std::string::npos) {
    FUZZ_CHECK(eth().fast() && !eth_slow().fast());
    trich::Normalized slow = trich::normalize(d.text, eth_slow());
    FUZZ_CHECK(slow.unchanged == n.unchanged);
    if (!n.unchanged) {
      FUZZ_CHECK(slow.text == n.text);
      for (size_t i = 0; i <= out.size(); ++i) {
        FUZZ_CHECK(slow.to_input(i) == n.to_input(i) && slow.to_input_end(i) == n.to_input_end(i));
      }
    }
  }
  return 0;
}
