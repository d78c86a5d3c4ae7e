// Excerpts: a finding shown in its source lines, the way rustc and ruff show a diagnostic: a
// gutter with line numbers, the finding's span underlined with ^ and the related mention
// (the other date of a conflict, the item before a gap) with - and a label. It formats the
// lines a finding carries (Finding::excerpt) and reads nothing else; long lines are cut to a
// window around what they mark.
#pragma once

#include <string>
#include <string_view>

#include "extract/entities.h"
#include "output/color.h"

namespace trich {

// The excerpt block of `f` (empty when it carries no lines), every line ending in "\n".
// `related_label` follows the related mention's underline.
std::string render_excerpt(const Finding& f, const Painter& paint, const std::string& related_label);

// Columns a terminal gives `s` (a combining mark none, an East Asian wide character two, a
// tab four).
size_t display_width(std::string_view s);

}  // namespace trich
