// Checks across the documents of one audit run: a symbol cited with one issue date in one
// document and another date in another (citation.conflicting_dates across documents). Workers
// collect each document's dated mentions (collect_dated); the writing thread checks them in
// input order (DatesAcross), so the finding goes on the later document and names the earlier
// one's file and line, whatever the number of threads. Memory: one record per symbol and date.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "audit/messages.h"
#include "extract/entities.h"

namespace trich {

// The first mention of each (symbol, date, issuer) in a document that states a date.
struct DatedMention {
  std::string key, symbol, date, written;
  std::optional<std::string> issuer;
  Span span;  // the citation's
  // The symbol holds no year ("01/NQ-CP"): such numbers start again every year, so the same
  // symbol dated in two different years is two documents, not a conflict.
  bool yearless = false;
};

// Appends the dated mentions of `x` (one window or a whole document) to `out`.
void collect_dated(const Auditor& a, const Extraction& x, std::vector<DatedMention>& out);

class DatesAcross {
 public:
  // nullptr: no audit, nothing to check.
  // `messages`: the language of the findings (English when null).
  DatesAcross(const rules::RuleSet* rules, const Messages* messages)
      : rules_(rules), messages_(messages) {}
  // The findings on `source`'s mentions whose date differs from an earlier document's; then
  // remembers them.
  std::vector<Finding> check(const std::string& source, const std::vector<DatedMention>& m);

 private:
  struct Seen {
    std::string date, written, source;
    std::optional<std::string> issuer;
    size_t line = 0;
  };
  const rules::RuleSet* rules_;
  const Messages* messages_;
  std::map<std::string, std::vector<Seen>> seen_;  // key -> one per date and issuer
};

}  // namespace trich
