// Fuzz target: the whole pipeline on one document, as `trich audit` runs it: decode, normalize,
// every kind of rule (the rules built into the binary, compiled once), audit, and the json,
// jsonl and csv writers. Checks that every span lies inside the input and holds valid UTF-8.
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "audit/audit.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "io/decode.h"
#include "output/sink.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace {

struct Setup {
  trich::rules::RuleSet rules;
  std::unique_ptr<trich::Extractor> x;
  std::unique_ptr<trich::Auditor> auditor;
};

const Setup& setup() {
  static const Setup* s = [] {
    auto* s = new Setup;
    auto r = trich::rules::load(trich::rules::embedded_sources(), trich::resolver_names());
    FUZZ_CHECK(r.ok());
    s->rules = std::move(r.value());
    auto x = trich::Extractor::build(s->rules);
    FUZZ_CHECK(x.ok());
    s->x = std::move(x.value());
    auto a = trich::Auditor::build(s->rules, "");
    FUZZ_CHECK(a.ok());
    s->auditor = std::move(a.value());
    return s;
  }();
  return *s;
}

void check_span(const trich::Span& s, size_t size) {
  FUZZ_CHECK(s.start <= s.end);
  FUZZ_CHECK(s.end <= size);
  FUZZ_CHECK(s.line >= 1);
  FUZZ_CHECK(s.column >= 1);
  FUZZ_CHECK(trich::utf8::valid_prefix(s.text) == s.text.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Setup& S = setup();
  trich::Decoded d =
      trich::decode(std::string(reinterpret_cast<const char*>(data), size), "auto", "fuzz");
  if (d.binary) return 0;
  trich::Document doc("fuzz", std::move(d));
  trich::KindSet kinds;
  kinds.audit = true;
  trich::DocumentResult r;
  r.source = "fuzz";
  r.encoding = doc.encoding();
  r.bytes = size;
  r.x = S.x->run(doc, kinds);
  S.auditor->check(doc, r.x);
  for (const auto& c : r.x.citations) check_span(c.span, size);
  for (const auto& e : r.x.dates) check_span(e.span, size);
  for (const auto& e : r.x.terms) check_span(e.span, size);
  for (const auto& e : r.x.findings) check_span(e.span, size);
  for (const auto& l : r.x.priorities) {
    for (const auto& i : l.items) check_span(i.span, size);
  }
  for (const char* format : {"json", "jsonl", "csv"}) {
    std::ostringstream out;
    trich::SinkOptions so;
    so.format = format;
    so.findings = true;
    auto sink = trich::make_sink(so, out);
    FUZZ_CHECK(sink != nullptr);
    sink->begin();
    sink->document(r);
    sink->end();
  }
  return 0;
}
