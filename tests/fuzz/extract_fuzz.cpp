// Fuzz target: the whole pipeline on one document, as `trich audit` runs it: decode, normalize,
// every kind of rule (the rules built into the binary, compiled once), audit, and the json,
// jsonl, csv and html writers. Checks that every span lies inside the input and holds valid
// UTF-8, and that no text of the input becomes markup in the html page (it has one <script>,
// its own, and only the elements trich writes).
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "audit/audit.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "fuzz_setup.h"
#include "io/decode.h"
#include "output/parts.h"
#include "output/sink.h"
#include "rules/ruleset.h"
#include "text/document.h"

using trich::fuzz::check_span;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& S = trich::fuzz::setup();
  trich::Decoded d =
      trich::decode(std::string(reinterpret_cast<const char*>(data), size), "auto", "fuzz");
  if (d.binary) return 0;
  trich::Document doc("fuzz", std::move(d), S.x->folds());
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
  // html shows the text: the page of this document, with its text, as the pipeline writes it.
  std::ostringstream out;
  trich::SinkOptions so;
  so.format = "html";
  so.findings = true;
  auto sink = trich::make_sink(so, out);
  FUZZ_CHECK(sink != nullptr);
  sink->begin();
  trich::PartWriter whole(*sink, trich::PartWriter::Spool::memory);
  FUZZ_CHECK(whole.part(r.head(), r.x, {&doc, doc.decoded().size()}).ok());
  FUZZ_CHECK(whole.finish(*sink, r.head()).ok());
  sink->end();
  const std::string page = out.str();
  size_t scripts = 0;
  for (size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) {
    ++scripts;
  }
  FUZZ_CHECK(scripts == 1);
  for (const char* bad : {"<img", "<svg", "<iframe", "<!--"}) {
    FUZZ_CHECK(page.find(bad) == std::string::npos);
  }
  return 0;
}
