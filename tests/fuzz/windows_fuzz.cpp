// Fuzz target: a large input read a window at a time (pipeline/windows.h), with windows so
// small that every cut, lookahead and carried state is exercised: the first byte picks the
// window (64 to 1084 bytes, so a lookahead of 4 to 67), the rest is the input, read through a
// file descriptor like any input. Checks that every span lies inside the input, holds valid
// UTF-8, and that each kind's entities come in document order across windows; that valid
// UTF-8 draws no warning (no window cuts a character); that the parts make one valid json
// document; that the windows cover the whole input; and that lending the reading idle threads
// (windows extracted side by side) changes nothing in the output.
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "fuzz_setup.h"
#include "io/input.h"
#include "output/parts.h"
#include "output/sink.h"
#include "pipeline/windows.h"
#include "rules/ruleset.h"

namespace {

// Spans of one kind must come in order, window after window.
struct Order {
  size_t last = 0;
  void see(const trich::Span& s, size_t size) {
    trich::fuzz::check_span(s, size);
    FUZZ_CHECK(s.start >= last);
    last = s.start;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto& S = trich::fuzz::setup();
  trich::WindowSize ws = trich::WindowSize::of(64 + size_t{data[0]} * 4);
  std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);

  // Once on this thread alone, once lending it two idle threads (windows extracted side by
  // side): the output must be the same byte for byte, and the threads given back.
  auto run = [&](std::atomic<int>* spare) -> std::optional<std::string> {
    int fd = memfd_create("windows_fuzz", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
    auto reader = trich::InputReader::open("/proc/self/fd/" + std::to_string(fd));
    close(fd);
    FUZZ_CHECK(reader.ok());

    std::ostringstream out;
    trich::SinkOptions so;
    so.format = "json";
    so.findings = true;
    auto sink = trich::make_sink(so, out);
    trich::PartWriter parts(*sink, trich::PartWriter::Spool::file);
    trich::KindSet kinds;
    kinds.audit = true;
    Order citations, items, dates, terms;
    auto w = trich::process_in_windows(
        reader.value(), "", "auto", *S.x, kinds, S.auditor.get(), ws,
        [&](const trich::Extraction& ex, const trich::PartText& text) {
          for (const auto& c : ex.citations) citations.see(c.span, input.size());
          for (const auto& l : ex.priorities) {
            for (const auto& i : l.items) items.see(i.span, input.size());
          }
          for (const auto& d : ex.dates) dates.see(d.span, input.size());
          for (const auto& t : ex.terms) terms.see(t.span, input.size());
          for (const auto& f : ex.findings) Order{}.see(f.span, input.size());
          FUZZ_CHECK(text.doc != nullptr && text.end <= text.doc->decoded().size());
          FUZZ_CHECK(parts.part({.source = "fuzz"}, ex, text).ok());
          return true;
        },
        spare);
    if (w.skipped_binary) return std::nullopt;
    // Windows never cut a character: valid UTF-8 read in windows draws no warning.
    if (trich::utf8::valid_prefix(input) == input.size()) FUZZ_CHECK(w.diagnostics.empty());
    FUZZ_CHECK(w.head.has_value());
    FUZZ_CHECK(w.head->bytes == input.size());
    sink->begin();
    FUZZ_CHECK(parts.finish(*sink, *w.head).ok());
    sink->end();
    FUZZ_CHECK(nlohmann::json::accept(out.str()));
    return out.str();
  };
  auto alone = run(nullptr);
  std::atomic<int> spare{2};
  auto shared = run(&spare);
  FUZZ_CHECK(alone == shared);
  FUZZ_CHECK(spare.load() == 2);
  return 0;
}
