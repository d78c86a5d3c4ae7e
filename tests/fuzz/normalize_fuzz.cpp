// Fuzz target: normalization and its offset map. Untrusted bytes are made valid UTF-8 first
// (as decode does), then normalized; every normalized code point boundary must map inside the
// decoded text, in order, with the end on the end; and so must the composition with the
// decoder's map, down to the input bytes (what Document::span does).
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "io/decode.h"
#include "text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  trich::Decoded d = trich::decode(std::string(input), "auto", "fuzz");
  if (d.binary) d = trich::decode(std::string(input), "utf-16le", "fuzz");
  trich::Normalized n = trich::normalize(d.text);
  std::string_view out = n.unchanged ? std::string_view(d.text) : std::string_view(n.text);
  auto to_decoded = [&](size_t o) { return n.unchanged ? o : n.to_input(o); };
  trich::fuzz::check_map(out, d.text.size(), to_decoded);
  trich::fuzz::check_map(out, size, [&](size_t o) { return d.to_input(to_decoded(o)); });
  // Normalizing is idempotent.
  trich::Normalized again = trich::normalize(out);
  FUZZ_CHECK(again.unchanged || again.text == out);
  return 0;
}
