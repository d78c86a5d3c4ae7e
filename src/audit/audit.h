// Auditor: checks over the entities of one document, one function per finding code of
// CONTRACT.md. Findings carry the span of the entity at fault and a message that states the
// evidence. Reads lexicons (which codes a type accepts) and an optional registry of trusted
// documents; never re-reads the text except through the Document for spans.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/error.h"
#include "extract/entities.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace trich {

struct RegistryEntry {
  std::string symbol, type, date, issuer, title;
  int line = 0;
};

class Auditor {
 public:
  // `registry_path` may be empty. Fails on an unreadable or malformed registry.
  static Result<std::unique_ptr<Auditor>> build(const rules::RuleSet& rules,
                                                const std::string& registry_path);
  // Appends findings to x.findings, in document order.
  void check(const Document& doc, Extraction& x) const;
  // The comparison key of a symbol: upper case, no spaces, aliases of issuers folded
  // (lexicon "issuer_alias"), no leading zeros in the number.
  std::string key(const std::string& symbol) const;

 private:
  explicit Auditor(const rules::RuleSet& r) : rules_(r) {}
  const rules::RuleSet& rules_;
  std::map<std::string, RegistryEntry> registry_;
  bool has_registry_ = false;
};

// Parses the registry CSV (header symbol,type,date,issuer,title). Exposed for tests.
Result<std::vector<RegistryEntry>> parse_registry(const std::string& text,
                                                  const std::string& path);

}  // namespace trich
