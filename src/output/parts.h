// PartWriter: formats a document away from the writing thread and hands it over to be
// written. Each part's entities (a whole document is one part; a large input read a window at
// a time has one per window) are formatted at once, section by section, and appended to that
// section's spool: a string, or for a windowed document an unnamed temporary file, so memory
// holds one part, never the whole document. finish() writes the document to the sink's
// stream, its sections whole and in order, byte for byte as Sink::document would have.
// part() may run on any thread (Sink::entities is thread-safe); finish() on the writing one.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "base/error.h"
#include "output/sink.h"

namespace trich {

class PartWriter {
 public:
  enum class Spool { memory, file };
  PartWriter(const Sink& sink, Spool spool);
  ~PartWriter();
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  // The entities of the next part, after those of the parts before it. `h.source` names the
  // document; its other fields may still be unknown. `text` is the part's text, for writers
  // that show it (html).
  Result<bool> part(const DocumentHead& h, const Extraction& x, const PartText& text = {});
  // Writes the whole document to `sink`'s stream (the sink given to the constructor).
  Result<bool> finish(Sink& sink, const DocumentHead& h);
  // The bytes it holds in memory (a file spool holds none).
  size_t memory() const;

 private:
  const Sink& sink_;
  Spool mode_;
  std::vector<std::string> text_;     // Spool::memory: one per section of the sink
  std::vector<std::FILE*> file_;      // Spool::file: one per section, created when needed
  std::vector<SectionState> state_;
};

}  // namespace trich
