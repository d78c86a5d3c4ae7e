// Short forms: a citation written with a type and a number but no symbol ("Chi thi 35")
// refers to the latest full citation of the same type and number before it.
#pragma once

#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

void resolve_references(std::string_view text, const rules::RuleSet& rules,
                        std::vector<Citation>& citations);

}  // namespace trich
