// Fuzz target: the registry CSV reader (audit --registry) on untrusted bytes. It must either
// fail with a diagnostic naming the file and a line inside it, or give rows whose fields are
// valid UTF-8 and whose lines lie within the file. Nothing may throw or crash.
#include <algorithm>
#include <cstdint>
#include <string>

#include "audit/audit.h"
#include "base/utf8.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto r = trich::parse_registry(text, "fuzz.csv");
  // Lines: LF, CRLF and a lone CR each end one.
  int lines = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  }
  if (!r.ok()) {
    FUZZ_CHECK(r.error().file == "fuzz.csv");
    FUZZ_CHECK(!r.error().message.empty());
    FUZZ_CHECK(r.error().line >= 0 && r.error().line <= lines);
    return 0;
  }
  FUZZ_CHECK(trich::utf8::valid_prefix(text) == text.size());
  for (const auto& e : r.value()) {
    FUZZ_CHECK(!e.symbol.empty());
    FUZZ_CHECK(e.line >= 2 && e.line <= lines);
    for (const auto* f : {&e.symbol, &e.type, &e.date, &e.issuer, &e.title}) {
      FUZZ_CHECK(trich::utf8::valid_prefix(*f) == f->size());
    }
  }
  return 0;
}
