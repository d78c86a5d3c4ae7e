// Fuzz target: the rule loader on untrusted TOML. Loading must fail with a located diagnostic
// or succeed; a rule set that loads is then compiled (RE2 on the expanded patterns) and its
// matchers run on a short text. Nothing may throw or crash.
#include <cstdint>
#include <string>

#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "rules/ruleset.h"
#include "text/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const trich::rules::Catalog& resolvers = trich::catalog();
  std::vector<trich::rules::Source> files = {
      {"fuzz.toml", std::string(reinterpret_cast<const char*>(data), size)}};
  auto r = trich::rules::load(files, resolvers);
  if (!r.ok()) {
    FUZZ_CHECK(r.error().file == "fuzz.toml");
    FUZZ_CHECK(!r.error().message.empty());
    return 0;
  }
  auto x = trich::Extractor::build(r.value());
  if (!x.ok()) {
    FUZZ_CHECK(!x.error().message.empty());
    return 0;
  }
  trich::Document doc("t", trich::decode(std::string("Ngay 30/4/2025, 12/2020/ND-CP"), "auto", "t"),
                      x.value()->folds());
  trich::KindSet kinds;
  kinds.audit = true;
  (void)x.value()->run(doc, kinds);
  return 0;
}
