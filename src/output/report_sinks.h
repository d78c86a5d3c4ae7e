// The report writers: SARIF 2.1.0 for code-review tools and editors (audit), an xlsx
// workbook for spreadsheets (extract and audit), and one self-contained html page (extract
// and audit). Each gathers the run's documents (workers format them side by side; the
// writing thread hands them over in input order) and writes the report at the end: a SARIF
// log has one run whose rules precede its results and a workbook is a zip. They hold a run's
// findings and entities, not its texts' bytes. The page is written a document at a time (it
// shows each document's text, which only its part carries) and keeps only its summary, which
// it writes last.
#pragma once

#include <memory>
#include <ostream>

#include "output/sink.h"

namespace trich {

std::unique_ptr<Sink> make_sarif_sink(const SinkOptions& o, std::ostream& out);
std::unique_ptr<Sink> make_xlsx_sink(const SinkOptions& o, std::ostream& out);
std::unique_ptr<Sink> make_html_sink(const SinkOptions& o, std::ostream& out);

}  // namespace trich
