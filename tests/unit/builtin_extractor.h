// The extractor of the built-in rules, built once per test binary, and a run over a short
// text: what the unit tables of extraction share (extract_test, identity_test).
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <optional>
#include <string>

#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "io/decode.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace trich::test {

inline const Extractor& extractor() {
  static const rules::RuleSet rules = [] {
    auto r = rules::load(rules::embedded_sources(), catalog());
    if (!r.ok()) FAIL(r.error().where_what());
    return std::move(r.value());
  }();
  static const std::unique_ptr<Extractor> x = [] {
    auto e = Extractor::build(rules);
    if (!e.ok()) FAIL(e.error().where_what());
    return std::move(e.value());
  }();
  return *x;
}

// Every kind of `text`, read as a document named "test".
inline Extraction run(const std::string& text) {
  Document doc("test", decode(std::string(text), "", "test"), extractor().folds());
  return extractor().run(doc, KindSet{});
}

// An optional field as a table cell: "-" when absent.
inline std::string opt(const std::optional<std::string>& s) { return s ? *s : "-"; }

}  // namespace trich::test
