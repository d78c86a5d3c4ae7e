// How text is escaped for an output. How a file name is shown: as valid UTF-8 on one line, the same in every output format
// (json, jsonl, csv, text) and in messages on stderr (docs/contract.md, "File names").
// File names are bytes; a name may hold a newline, a tab, an escape or bytes that are not
// UTF-8, which written raw would break a line-per-message output or a UTF-8 csv.
#pragma once

#include <string>
#include <string_view>

namespace trich {

// `name` with a backslash written `\\`, LF, CR and tab written `\n`, `\r`, `\t`, any other
// control character (U+0000..U+001F, U+007F..U+009F) and each byte that is not part of valid
// UTF-8 written `\xHH` (two upper-case hex digits); everything else as it is. A name with
// none of these is returned unchanged.
std::string shown_name(std::string_view name);

// One field of a csv record (RFC 4180): quoted when it holds a comma, a quote, CR or LF, with
// its quotes doubled; as it is otherwise. Every csv trich writes (extract, audit, graph,
// registry build) goes through it, so they all quote alike.
std::string csv_field(std::string_view s);

}  // namespace trich
