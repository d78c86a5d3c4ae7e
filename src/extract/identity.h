// Document identity: a document's own number, type, issue date and place, issuer and title,
// read from its header and first lines (rules/vi/header.toml describes the header forms). It
// marks the citation that is the header number (`self`), so graphs do not loop on it. It reads
// only the first kHeaderBytes of a document and never looks at later windows.
#pragma once

#include <string_view>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

// How far into a document a header may reach (its first lines; a long first line is cut at
// the next line break after this, and at kHeaderBytes more if none comes: a document of one
// long line made the whole of it a header, and finding the number, issuer and title in it
// quadratic, about a minute for 2 MB of "Nghi quyet so 04-NQ/TW, Nghi quyet 04 ").
constexpr size_t kHeaderBytes = 3000;

// The end of the header region of `text`.
size_t header_end(std::string_view text);

// Fills x.self from normalized `text` (a document's first window), x.citations (in document
// order, already resolved) and x.header_dates (from the "header" rules), and marks the self
// citation.
void find_self(std::string_view text, const rules::RuleSet& rules, Extraction& x);

}  // namespace trich
