// Inputs: turns the command line's FILE|DIR|- arguments into an ordered list of inputs and
// reads each one's bytes. Directories are walked (with -r) in sorted path order, following
// symbolic links but not around a loop; only regular files are taken from them. A path that
// cannot be used becomes an Input carrying its error, in place, so the caller reports it in
// order and goes on with the others. Reads a whole input into memory (see docs/limits.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace trich {

struct Input {
  std::string path;                  // as given or as found under a directory; "-" = stdin
  std::optional<Diagnostic> error;   // set when the input cannot be read at all
  bool in_directory = false;         // found while walking a directory (not named by the user)
};

// No argument means standard input.
std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool recurse);

// Reads the whole input ("-" reads standard input).
Result<std::string> read_input(const std::string& path);

// Reads a list of paths, one per line (for --files-from); "-" reads standard input.
Result<std::vector<std::string>> read_path_list(const std::string& path);

}  // namespace trich
