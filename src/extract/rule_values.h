// The values of output fields that the rules define, not the engine: the kinds a TERM may
// have, the styles of a priority list, the relations of a citation are whatever the loaded
// rules name (a rule's `kind` or `style` parameter, the values of the relation_cue lexicon).
// `trich schema` lists them as the fields' enumerations (output/kinds.h one_of_rules), so the
// schema follows the rules it runs with and src/ spells none of them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/ruleset.h"

namespace trich {

// By set name ("term.kind", "list.style", "citation.relation"), each set in the order its
// values first appear in the rules. Every set is present, empty when no rule gives one.
std::map<std::string, std::vector<std::string>> rule_values(const rules::RuleSet& rules);

}  // namespace trich
