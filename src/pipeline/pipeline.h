// Pipeline: runs a Config. Loads the rules, expands the inputs, and processes documents on
// worker threads (decode -> normalize -> extract -> audit) while the calling thread writes
// them to the sink in input order. Every problem becomes one diagnostic line on `err`; the
// other inputs still go through. Returns the process exit code (CONTRACT.md).
#pragma once

#include <ostream>

#include "pipeline/config.h"

namespace trich {

int run(const Config& cfg, std::ostream& err);

}  // namespace trich
