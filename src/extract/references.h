// The passes over a document's citations after the scan, where one citation depends on its
// neighbours:
//  - a law's title right before its symbol ("Luat Dat dai so 31/2024/QH15") is one citation:
//    the symbol's, with the title's type and extent;
//  - a symbol in a list after a type word ("Thong tu 128/2013/TT-BTC, 13/2014/TT-BTC") takes
//    that type when its own code does not contradict it;
//  - a short form ("Chi thi 35") refers to the latest full citation before it of the same type
//    and number;
//  - an amending law's date: in "Luat sua doi ... cua Luat A so X, Luat B so Y ngay D" the date
//    is the amending law's, not the last listed law's.
// Separator words come from the lexicon list_joiner of the rules.
#pragma once

#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

// `citations` are those of one document, over normalized `text`; they come back in
// document order.
void resolve_references(std::string_view text, const rules::RuleSet& rules,
                        std::vector<Citation>& citations);

}  // namespace trich
