// --stats: what a run read, found and passed over, and how fast, as two or three compact
// lines on standard error. Counting is here; the pipeline only feeds it.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "extract/entities.h"
#include "extract/extractor.h"
#include "io/walk_filter.h"

namespace trich {

// Entities and findings of one or more documents.
struct Tally {
  size_t citations = 0, priority_lists = 0, priority_items = 0, dates = 0, terms = 0;
  std::map<std::string, size_t> findings;  // by severity
  void add(const Extraction& ex);
  void add(const Tally& t);
};

struct RunStats {
  size_t documents = 0, bytes = 0;
  std::map<std::string, size_t> by_encoding;
  size_t binary = 0, unreadable = 0;  // inputs skipped: binary files, inputs that failed
  WalkStats walk;                    // entries the directory walk passed over
  size_t other_type = 0;             // files left out by --type
  std::map<std::string, size_t> refused;  // formats not read, by reason ("unsupported", ...)
  Tally tally;
  KindSet kinds;                     // the kinds printed
  bool audit = false;
  double seconds = 0;
};

// e.g.
//   trich: 3 documents (3 utf-8), 45123 bytes in 0.12 s (0.4 MB/s); skipped: 1 binary, 2 hidden
//   trich: 12 citations, 3 priority lists (15 items), 40 dates, 5 terms; findings: 1 error, 2 warnings, 0 info
std::string stats_lines(const RunStats& s);

}  // namespace trich
