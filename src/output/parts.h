// PartWriter: writes one document that arrives in parts (a large input read a window at a
// time). Each part's entities are formatted at once and appended to a spool file per section
// (an unnamed temporary file), so memory holds one part, never the whole document; finish()
// writes the document, its sections whole and in order, as Sink::document would have.
// Parts of several documents may be formatted on several threads: every call into the sink
// holds `format_mu`, which whoever else writes to the sink must hold too.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "output/sink.h"

namespace trich {

class PartWriter {
 public:
  PartWriter(Sink& sink, std::mutex& format_mu);
  ~PartWriter();
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  // The entities of the next part, after those of the parts before it. `h.source` names the
  // document; its other fields may still be unknown.
  Result<bool> part(const DocumentHead& h, const Extraction& x);
  // Writes the whole document to the sink's stream.
  Result<bool> finish(const DocumentHead& h);

 private:
  Sink& sink_;
  std::mutex& mu_;
  std::vector<std::FILE*> spool_;     // one per section of the sink
  std::vector<SectionState> state_;
};

}  // namespace trich
