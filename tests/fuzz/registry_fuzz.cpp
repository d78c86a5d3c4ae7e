// Fuzz target: the registry reader (trich audit --registry) on untrusted CSV bytes. Parsing
// must succeed or fail with a diagnostic naming the file and a line inside the input; rows
// that parse have a symbol, ISO dates, and no more dates than symbols in each event list.
#include <algorithm>
#include <cstdint>
#include <string>

#include "audit/audit.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "rules/ruleset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trich::rules::RuleSet rules = [] {
    auto r = trich::rules::load(trich::rules::embedded_sources(), trich::catalog());
    FUZZ_CHECK(r.ok());
    return std::move(r.value());
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> ignored;
  auto r = trich::parse_registry(text, "fuzz.csv", &rules.lexicon("registry_column"), &ignored);
  if (!r.ok()) {
    FUZZ_CHECK(r.error().file == "fuzz.csv");
    FUZZ_CHECK(!r.error().message.empty());
    FUZZ_CHECK(r.error().line >= 0);
    // Line ends are LF, CRLF or a lone CR: at most one line per LF and per CR.
    FUZZ_CHECK(r.error().line <= 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n') +
                                                      std::count(text.begin(), text.end(), '\r')));
    return 0;
  }
  for (const auto& e : r.value()) {
    FUZZ_CHECK(!e.symbol.empty());
    FUZZ_CHECK(e.date.empty() || e.date.size() == 10);
    FUZZ_CHECK(e.replaced_on.size() <= e.replaced_by.size());
    FUZZ_CHECK(e.repealed_on.size() <= e.repealed_by.size());
    FUZZ_CHECK(e.amended_on.size() <= e.amended_by.size());
    for (const auto& d : e.replaced_on) FUZZ_CHECK(d.size() == 10 && d[4] == '-');
  }
  return 0;
}
