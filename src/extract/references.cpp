#include "extract/references.h"

#include <algorithm>

namespace trich {

void resolve_references(std::string_view, const rules::RuleSet&,
                        std::vector<Citation>& citations) {
  std::stable_sort(citations.begin(), citations.end(),
                   [](const Citation& a, const Citation& b) { return a.at.b < b.at.b; });
  for (size_t i = 0; i < citations.size(); ++i) {
    Citation& c = citations[i];
    if (c.symbol || !c.number || !c.type) continue;
    for (size_t j = i; j-- > 0;) {
      const Citation& full = citations[j];
      if (full.symbol && full.type == c.type && full.number &&
          full.number->find_first_not_of('0') != std::string::npos &&
          full.number->substr(full.number->find_first_not_of('0')) ==
              c.number->substr(std::min(c.number->size() - 1,
                                        c.number->find_first_not_of('0')))) {
        c.refers_to = full.symbol;
        break;
      }
    }
  }
}

}  // namespace trich
