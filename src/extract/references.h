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

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

// The full citations of a document's earlier windows (a large input is read a window at a
// time, pipeline/windows.h), for the short forms of later ones: the latest mention of each
// symbol, by number. Bounded by the distinct symbols cited.
class CitationMemory {
 public:
  // Adds the citations of one window, in document order.
  void remember(const std::vector<Citation>& citations);
  // Those whose number (without leading zeros) is `number`, latest last; nullptr if none.
  const std::vector<Citation>* with_number(const std::string& number) const;

 private:
  std::map<std::string, std::vector<Citation>> by_number_;
};

// `citations` are those of one document (or window), over normalized `text`; they come back
// in document order. Short forms not resolved within them look in `earlier` when given.
void resolve_references(std::string_view text, const rules::RuleSet& rules,
                        std::vector<Citation>& citations,
                        const CitationMemory* earlier = nullptr);

}  // namespace trich
