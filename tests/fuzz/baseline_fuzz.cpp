// Fuzz target: --baseline on untrusted bytes (json, jsonl or sarif, or anything else). Parsing
// must fail with a diagnostic naming the file or give a baseline that filters findings without
// throwing or crashing; and the templates of the messages file (audit/messages) on the same
// bytes must load or fail with a located diagnostic.
#include <cstdint>
#include <string>
#include <vector>

#include "audit/baseline.h"
#include "audit/messages.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto b = trich::Baseline::parse(text, "base.json");
  if (!b.ok()) {
    FUZZ_CHECK(b.error().file == "base.json");
    FUZZ_CHECK(!b.error().message.empty());
  } else {
    std::vector<trich::Finding> fs(2);
    fs[0].code = "date.invalid";
    fs[0].args.items = {{"date", "31/6/2023"}};
    fs[1].code = "priorities.gap";
    fs[1].span.text = "x";
    b.value().filter("a.txt", fs);
    FUZZ_CHECK(fs.size() <= 2);
  }
  auto m = trich::Messages::load({{"r/en/messages.toml", text}}, "en");
  if (!m.ok()) FUZZ_CHECK(m.error().file == "r/en/messages.toml");
  (void)trich::uri_to_path(text);
  return 0;
}
