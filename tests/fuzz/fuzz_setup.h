// What the pipeline fuzz targets share: the rules built into the binary, an extractor of
// every kind and an auditor, built once per process (libFuzzer calls the target many times);
// and the check of a reported span.
#pragma once

#include <memory>

#include "audit/audit.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace trich::fuzz {

struct Setup {
  rules::RuleSet rules;
  std::unique_ptr<Extractor> x;
  std::unique_ptr<Auditor> auditor;
};

inline const Setup& setup() {
  static const Setup* built = [] {
    auto* s = new Setup;
    auto r = rules::load(rules::embedded_sources(), catalog());
    FUZZ_CHECK(r.ok());
    s->rules = std::move(r.value());
    auto x = Extractor::build(s->rules);
    FUZZ_CHECK(x.ok());
    s->x = std::move(x.value());
    auto a = Auditor::build(s->rules, "");
    FUZZ_CHECK(a.ok());
    s->auditor = std::move(a.value());
    return s;
  }();
  return *built;
}

// A span reported to users: inside an input of `size` bytes, 1-based, valid UTF-8.
inline void check_span(const Span& s, size_t size) {
  FUZZ_CHECK(s.start <= s.end);
  FUZZ_CHECK(s.end <= size);
  FUZZ_CHECK(s.line >= 1);
  FUZZ_CHECK(s.column >= 1);
  FUZZ_CHECK(utf8::valid_prefix(s.text) == s.text.size());
}

}  // namespace trich::fuzz
