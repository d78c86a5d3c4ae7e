// Baseline: the findings of an earlier audit (its json, jsonl or sarif output), so a re-run
// on a corrected draft reports only what is new. Findings are matched by source, code and
// identity (the symbol, marker, date or anniversary words the finding is about, else its
// text), never by offset or line: an edit elsewhere in the draft moves every offset, and the
// findings it did not touch must still match. Each earlier finding matches at most one new
// one, so a mistake made once more is reported. It parses untrusted bytes (fuzz target
// tests/fuzz/baseline_fuzz.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/error.h"
#include "extract/entities.h"

namespace trich {

// What identifies a finding across edits: "code|identity" (also SARIF's partialFingerprints).
std::string finding_fingerprint(const Finding& f);

class Baseline {
 public:
  // Reads `text` (the contents of `path`): trich's json ({"schema": "trich/1", ...}), jsonl
  // (lines with "kind": "finding") or SARIF 2.1.0 written by trich (partialFingerprints).
  static Result<Baseline> parse(const std::string& text, const std::string& path);
  static Result<Baseline> load(const std::string& path);
  // Removes from `fs` the findings of `source` the baseline holds.
  void filter(const std::string& source, std::vector<Finding>& fs) const;
  size_t size() const { return size_; }

 private:
  void add(const std::string& source, const std::string& fingerprint);
  std::map<std::string, std::map<std::string, int>> by_source_;  // source -> print -> count
  size_t size_ = 0;
};

// A path as a relative URI reference (RFC 3986: bytes other than unreserved ones and / are
// %-encoded), and back.
std::string path_to_uri(const std::string& path);
std::string uri_to_path(const std::string& uri);

}  // namespace trich
