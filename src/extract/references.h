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

#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities.h"
#include "rules/ruleset.h"

namespace trich {

// The full citations of a document's earlier windows (a large input is read a window at a
// time, pipeline/windows.h), for the short forms of later ones: the latest mention under each
// (number, type) a short form can look for. Bounded by the distinct symbols cited.
class CitationMemory {
 public:
  // Adds the citations of one window, in document order.
  void remember(const rules::RuleSet& rules, const std::vector<Citation>& citations);
  // The latest remembered full citation that `short_form` can stand for; nullptr if none.
  const Citation* stood_for(const rules::RuleSet& rules, const Citation& short_form) const;
  // The symbol a law's title was last given with ("Luat Dat dai so 31/2024/QH15"), by its
  // lower-cased title; nullptr if none.
  const std::string* named(const std::string& title_key) const;
  // The symbol a bare title ("Luat Dat dai", form "title", no symbol) was last given with;
  // nullptr if none, or if `c` is no bare title.
  const std::string* title_stood_for(const Citation& c) const;

 private:
  std::unordered_map<std::string, Citation> latest_;
  std::unordered_map<std::string, std::string> named_;  // title key -> symbol
};

// `citations` are those of one document (or window), over normalized `text`; they come back
// in document order. Short forms not resolved within them look in `earlier` when given.
void resolve_references(std::string_view text, const rules::RuleSet& rules,
                        std::vector<Citation>& citations,
                        const CitationMemory* earlier = nullptr);

}  // namespace trich
