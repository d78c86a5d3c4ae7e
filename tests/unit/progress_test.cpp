// The progress line's text: files, MB, MB/s, and the time left from bytes (or files).
#include <catch2/catch.hpp>

#include "pipeline/progress.h"

using namespace trich;

TEST_CASE("progress line") {
  struct Case { size_t done, total; uint64_t bytes, total_bytes; double secs; const char* want; };
  const Case cases[] = {
      {0, 10, 0, 0, 1.0, "trich: 0/10 files, 0.0 MB, 0.0 MB/s"},
      {5, 10, 50000000, 100000000, 2.0, "trich: 5/10 files, 50.0 MB, 25.0 MB/s, 2 s left"},
      {1, 10, 10000000, 1000000000, 1.0, "trich: 1/10 files, 10.0 MB, 10.0 MB/s, 1m39s left"},
      {2, 4, 0, 0, 3.0, "trich: 2/4 files, 0.0 MB, 0.0 MB/s, 3 s left"},  // sizes unknown: by files
      {4, 4, 8000000, 8000000, 2.0, "trich: 4/4 files, 8.0 MB, 4.0 MB/s"},
  };
  for (const auto& c : cases) {
    CHECK(Progress::line(c.done, c.total, c.bytes, c.total_bytes, c.secs) == c.want);
  }
}
