// Fuzz target: decoding untrusted bytes, detected and under every forced encoding. Checks that
// the text is valid UTF-8, that its map back to the input stays inside the input and in order,
// that valid UTF-8 is never read as anything else, and that the vectorized UTF-8 validator
// agrees with the scalar one.
#include <cstdint>
#include <string>

#include "base/utf8.h"
#include "fuzz_check.h"
#include "io/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // The vectorized validator agrees with the byte-at-a-time automaton.
  FUZZ_CHECK(trich::utf8::valid_prefix(input) == trich::utf8::valid_prefix_scalar(input));
  static const std::vector<std::string> modes = [] {
    std::vector<std::string> m = {"auto"};
    for (const auto& e : trich::known_encodings()) m.push_back(e);
    return m;
  }();
  for (const auto& mode : modes) {
    trich::Decoded d = trich::decode(std::string(input), mode, "fuzz");
    FUZZ_CHECK(d.warnings.size() <= 2);
    if (d.binary) {
      FUZZ_CHECK(d.text.empty());
      continue;
    }
    FUZZ_CHECK(!d.encoding.empty());
    trich::fuzz::check_map(d.text, size, d.to_input);
    bool valid = trich::utf8::valid_prefix(input) == input.size();
    if (mode == "auto" && valid && d.encoding == "utf-8") FUZZ_CHECK(d.text == input);
    if (mode == "auto" && valid) FUZZ_CHECK(d.encoding.rfind("utf-", 0) == 0);
  }
  return 0;
}
