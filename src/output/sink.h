// Sink: where finished documents go. Writers (json, jsonl, csv, text) implement it and see
// only DocumentResults, never rules or matches. Documents arrive in input order.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "extract/entities.h"
#include "extract/extractor.h"

namespace trich {

struct DocumentResult {
  std::string source;
  std::string encoding;
  size_t bytes = 0;
  Extraction x;
};

struct SinkOptions {
  std::string format = "json";  // json, jsonl, csv, text
  KindSet kinds;
  bool findings = false;        // audit: documents carry findings
  bool bom = false;             // csv: start with a UTF-8 byte-order mark
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void begin() {}
  virtual void document(const DocumentResult& d) = 0;
  virtual void end() {}
};

// nullptr for an unknown format.
std::unique_ptr<Sink> make_sink(const SinkOptions& o, std::ostream& out);

}  // namespace trich
