// `trich rules check`: compiles every rule and runs its examples and counterexamples.
// An example must give exactly the entities of the rule's kind whose texts are the example's
// spans, with the example's values when given, and every other field the example states
// (type, date, issuer, kind, ordinal, style...) as the json format would write it; a
// counterexample must give none.
#pragma once

#include <ostream>

#include "extract/extractor.h"

namespace trich {

// Prints one line per failure and a summary to `out`; returns the number of failures.
int check_rules(const Extractor& x, std::ostream& out);

}  // namespace trich
