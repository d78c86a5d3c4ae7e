// What the fuzz targets share: an invariant check that aborts (libFuzzer and the corpus replay
// both report an abort as a crash, with the message), and the map invariants spans rely on.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"

#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace trich::fuzz {

// `map` sends every code point boundary of `text` into [0, size], never backwards, and the
// end of `text` to `size`.
template <class Map>
void check_map(std::string_view text, size_t size, const Map& map) {
  FUZZ_CHECK(utf8::valid_prefix(text) == text.size());
  size_t prev = map(0), i = 0;
  FUZZ_CHECK(prev <= size);
  while (i < text.size()) {
    utf8::next(text, i);
    size_t m = map(i);
    FUZZ_CHECK(m >= prev);
    FUZZ_CHECK(m <= size);
    prev = m;
  }
  FUZZ_CHECK(map(text.size()) == size);
}

}  // namespace trich::fuzz
