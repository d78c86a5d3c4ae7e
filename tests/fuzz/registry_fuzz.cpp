// Fuzz target: the registry reader (trich audit --registry) on untrusted CSV bytes, with the
// built-in rules' registry_column headers. Parsing must succeed or fail with a diagnostic
// naming the file and a line inside the input. Rows that parse come from valid UTF-8, lie
// within the input, have a symbol, ISO dates, and no more dates than symbols in each event
// list. Nothing may throw or crash.
#include <algorithm>
#include <cstdint>
#include <string>

#include "audit/audit.h"
#include "base/utf8.h"
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
  // Strict reading: invalid UTF-8 anywhere is an error, never rows.
  FUZZ_CHECK(trich::utf8::valid_prefix(text) == text.size());
  auto iso = [](const std::string& d) {
    return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
           std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  };
  for (const auto& e : r.value()) {
    FUZZ_CHECK(!e.symbol.empty());
    FUZZ_CHECK(e.line >= 2 && e.line <= lines);
    for (const auto* f : {&e.symbol, &e.type, &e.date, &e.issuer, &e.title}) {
      FUZZ_CHECK(trich::utf8::valid_prefix(*f) == f->size());
    }
    FUZZ_CHECK(e.date.empty() || iso(e.date));
    FUZZ_CHECK(e.replaced_on.size() <= e.replaced_by.size());
    FUZZ_CHECK(e.repealed_on.size() <= e.repealed_by.size());
    FUZZ_CHECK(e.amended_on.size() <= e.amended_by.size());
    for (const auto* list : {&e.replaced_on, &e.repealed_on, &e.amended_on}) {
      for (const auto& d : *list) FUZZ_CHECK(iso(d));
    }
  }
  return 0;
}
