// Groups the priority markers found by the rules into lists (a new list at index 1 or when
// the style changes), extends each item to the end of its paragraph, and reads each list's
// lead sentence and the count it announces.
#pragma once

#include <string_view>

#include "extract/engine.h"
#include "extract/resolvers.h"

namespace trich {

// Consumes cx.out.markers into cx.out.priorities. `announcer` holds the "announce" rules.
void build_lists(std::string_view text, const Matcher& announcer, ResolveContext& cx);

}  // namespace trich
