// Fuzz target: the container readers (formats/: ZIP through libzip, DOCX and ODT XML through
// pugixml, PDF through poppler-cpp, HTML through gumbo) on untrusted bytes, each format forced
// and sniffed. Checks that nothing crashes, that a reader either fails with a message or gives
// valid UTF-8 (bar what a broken producer wrote: io/decode replaces it later) whose page
// starts are in order and inside the text, and that a ZIP never inflates past its budget.
#include <cstdint>
#include <string>

#include "base/utf8.h"
#include "formats/office.h"
#include "formats/pdf.h"
#include "formats/sniff.h"
#include "formats/web.h"
#include "fuzz_check.h"
#include "pipeline/load.h"

namespace {

void check(const trich::formats::Extracted& e) {
  size_t prev = 0;
  for (size_t i = 0; i < e.page_starts.size(); ++i) {
    FUZZ_CHECK(e.page_starts[i] <= e.text.size());
    FUZZ_CHECK(i == 0 ? e.page_starts[i] == 0 : e.page_starts[i] > prev);
    prev = e.page_starts[i];
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trich::formats;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string error;
  {
    Extracted e;
    if (read_docx(in, e, error)) check(e);
    else FUZZ_CHECK(!error.empty());
  }
  {
    Extracted e;
    error.clear();
    if (read_odt(in, e, error)) check(e);
    else FUZZ_CHECK(!error.empty());
  }
  {
    Extracted e;
    error.clear();
    PdfStatus st = read_pdf(in, e, error);
    if (st == PdfStatus::ok) {
      check(e);
      FUZZ_CHECK(!e.page_starts.empty());
    } else if (st == PdfStatus::failed) {
      FUZZ_CHECK(!error.empty());
    }
  }
  {
    Extracted e;
    error.clear();
    if (read_html(in, e, error)) {
      check(e);
      FUZZ_CHECK(trich::utf8::valid_prefix(e.text) == e.text.size());
    } else {
      FUZZ_CHECK(!error.empty());
    }
  }
  // As the pipeline does: sniff, then load.
  Sniffed s = sniff(in);
  if (!(s.kind == Sniffed::Kind::format && s.format == Format::text)) {
    trich::Loaded l = trich::load(in, s, "fuzz");
    FUZZ_CHECK(l.problem.has_value() == (l.status == trich::Loaded::Status::unsupported ||
                                         l.status == trich::Loaded::Status::failed));
    if (l.status == trich::Loaded::Status::converted) check(l.extracted);
  }
  return 0;
}
