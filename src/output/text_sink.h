// The human-readable writer: one line per finding in the form compilers use
// ("path:line:column: severity[code]: message") and a summary line at the end; for
// extraction, one line per entity.
#pragma once

#include <memory>
#include <ostream>

#include "output/sink.h"

namespace trich {

std::unique_ptr<Sink> make_text_sink(const SinkOptions& o, std::ostream& out);

}  // namespace trich
