// Relations: what a citing document does with each document it cites (basis, implements,
// amends, replaces, repeals, guides, or mention), read from the cue words of the clause the
// citation sits in (rules/vi/relations.toml says how a clause and its cue are found). Only
// words of the lexicons relation_cue, relation_passive and relation_passive_before; nothing
// beyond the clause, but for a ";"-separated list on one line, whose head cue reaches its items.
#pragma once

#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

// Sets `relation` on each of `citations` (in document order) over normalized `text`.
void assign_relations(std::string_view text, const rules::RuleSet& rules,
                      std::vector<Citation>& citations);

}  // namespace trich
