// `trich rules check`: compiles every rule and runs its examples and counterexamples.
// An example must give exactly one entity of the rule's kind whose text is the example's
// span (and whose value is the example's value, when given); a counterexample must give none.
#pragma once

#include <ostream>

#include "extract/extractor.h"

namespace trich {

// Prints one line per failure and a summary to `out`; returns the number of failures.
int check_rules(const Extractor& x, std::ostream& out);

}  // namespace trich
