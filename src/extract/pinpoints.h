// Pinpoints: the article, clause, point or section of a cited document that a citation points
// at ("diem a khoan 2 Dieu 5 Nghi dinh so 30/2020/ND-CP"). The "pinpoints" rules find them
// (rules/vi/pinpoints.toml); attach_pinpoints gives each citation the one that qualifies it,
// right before it (or with a joining word between) or right after it. A pinpoint keeps its
// own span: the citation's span does not grow.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "extract/resolvers.h"
#include "rules/ruleset.h"

namespace trich {

// Sets `pinpoint` on the citations (in document order) that a pinpoint of `found` (in
// document order) qualifies, over normalized `text`.
void attach_pinpoints(std::string_view text, const rules::RuleSet& rules,
                      const std::vector<Pinpoint>& found, std::vector<Citation>& citations);

void add_pinpoint_resolvers(Registry& r);

}  // namespace trich
