// Inputs: turns the command line's FILE|DIR|- arguments into an ordered list of inputs and
// reads each one's bytes. Directories are walked (with -r) in sorted path order. A path that
// cannot be used becomes an Input carrying its error, in place, so the caller reports it in
// order and goes on with the others.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace trich {

struct Input {
  std::string path;                  // as given or as found under a directory; "-" = stdin
  std::optional<Diagnostic> error;   // set when the input cannot be read at all
};

// No argument means standard input.
std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool recurse);

// Reads the whole input ("-" reads standard input).
Result<std::string> read_input(const std::string& path);

// Reads a list of paths, one per line (for --files-from); "-" reads standard input.
Result<std::vector<std::string>> read_path_list(const std::string& path);

}  // namespace trich
