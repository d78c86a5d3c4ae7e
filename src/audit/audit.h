// Auditor: checks over the entities of one document, one function per finding code of
// CONTRACT.md (citation.*, date.invalid, priorities.*, anniversary.mismatch). A finding carries
// the span of the entity at fault and a message that states the evidence, quoting the input.
// What the checks know of the language comes from the rules: the type-code tables
// (code_state, code_normative, code_party), type_without_code, issuer_without_code,
// issuer_alias, issuer, the ordinal lexicons of the priority rules, closing_item and the
// announce rules. The Auditor reads the document's text only to quote it and to look for
// list markers the extractor did not take (so a list is not called broken on weak evidence).
// It does not extract: entities come from the Extractor. docs/audit.md explains each check.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/messages.h"
#include "base/error.h"
#include "base/error.h"
#include "extract/engine.h"
#include "extract/entities.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace trich {

// One row of a registry CSV (docs/registry.md). Empty fields are not compared.
struct RegistryEntry {
  std::string symbol, type, date, issuer, title;
  int line = 0;
  // What later documents did to it (docs/registry.md): the symbols that replaced, repealed or
  // amended it and their dates (ISO), each list in the same order; `trich registry build`
  // derives them from the documents' relations.
  std::vector<std::string> replaced_by, replaced_on, repealed_by, repealed_on, amended_by,
      amended_on;
};

// What the checks of a document's later windows need of its earlier ones (a large input is
// audited a window at a time, pipeline/windows.h). Bounded by the distinct symbols cited.
struct AuditMemory {
  struct Dated {  // a dated mention of a symbol
    std::string date;
    std::optional<std::string> issuer;
    std::string written;  // the date as the input wrote it
    size_t line = 0;
    Span span;  // where it is written (a later finding shows it beside its own)
    std::vector<SourceLine> lines;  // its lines, when findings carry excerpts
  };
  std::map<std::string, std::vector<Dated>> dated;  // symbol key -> one mention per date, issuer
  std::set<std::string> unregistered;  // symbol keys already reported as not in the registry
  std::optional<std::string> document_date;  // the document's own date (its header's), ISO
};

class Auditor {
 public:
  // `registry_path` may be empty (no registry checks). Fails on an unreadable or malformed
  // registry, or on announce rules that do not compile.
  // Messages are in `messages`' language (English when null); with `context` >= 0 each
  // finding carries the input's lines around it and its related mention (Finding::excerpt).
  static Result<std::unique_ptr<Auditor>> build(const rules::RuleSet& rules,
                                                const std::string& registry_path,
                                                const Messages* messages = nullptr,
                                                int context = -1);
  // Appends findings to x.findings, in document order, with their spans filled in. With
  // `memory`, the document is one window of its input: the checks take the earlier windows'
  // mentions from it and add this one's.
  void check(const Document& doc, Extraction& x, AuditMemory* memory = nullptr) const;
  // The comparison key of a symbol: normalized (NFC, dash and D-bar variants), no spaces,
  // lower case, issuer aliases folded (lexicon issuer_alias), no leading zeros.
  std::string key(const std::string& symbol) const;
  // What reading the registry noted without failing (columns it ignores), to say once.
  const std::vector<Diagnostic>& notes() const { return notes_; }
  // Adds registry rows (for tests; build() reads them from the file).
  Result<bool> add_registry(const std::vector<RegistryEntry>& entries, const std::string& path);

  struct Tables {
    std::map<std::string, std::set<std::string>> codes_of_type;  // type name -> codes
    std::map<std::string, std::set<std::string>> types_of_code;  // code -> type names
    std::set<std::string> party_codes, normative_codes;
    std::set<std::string> normative_only_types;  // types whose codes are only normative
  };

 private:
  explicit Auditor(const rules::RuleSet& r) : rules_(r), folds_(r.letter_folds()) {}
  const rules::RuleSet& rules_;
  Folds folds_;  // symbols are keyed as the rules read them (key())
  const Messages* messages_ = nullptr;
  int context_ = -1;
  Tables tables_;
  std::unique_ptr<Matcher> announcer_;
  std::map<std::string, RegistryEntry> registry_;
  bool has_registry_ = false;
  std::vector<Diagnostic> notes_;
};

// The input's lines around finding `f` (its span and related mention, `context` lines on each
// side) that `doc` holds. Exposed for tests.
std::vector<SourceLine> excerpt_lines(const Document& doc, const Finding& f, int context);

// Parses the registry CSV (RFC 4180, UTF-8; docs/registry.md): a header naming at least
// symbol,type,date,issuer,title in any order (names read through `columns`, the lexicon
// registry_column, so Vietnamese headers work; without it, the English names only), dates
// YYYY-MM-DD or dd/mm/yyyy (returned ISO). Columns it does not know are ignored and named in
// `ignored`. Exposed for tests and the fuzz target.
Result<std::vector<RegistryEntry>> parse_registry(const std::string& text,
                                                  const std::string& path,
                                                  const rules::Lexicon* columns = nullptr,
                                                  std::vector<std::string>* ignored = nullptr);

}  // namespace trich
