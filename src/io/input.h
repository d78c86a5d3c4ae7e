// Inputs: turns the command line's FILE|DIR|- arguments into an ordered list of inputs and
// reads each one's bytes. Directories are walked (with -r) in sorted path order, following
// symbolic links but not around a loop; only regular files are taken from them. A path that
// cannot be used becomes an Input carrying its error, in place, so the caller reports it in
// order and goes on with the others. An input is read whole, or (a large one) a window at a
// time through an InputReader (see docs/limits.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "io/walk_filter.h"

namespace trich {

struct Input {
  std::string path;                  // as given or as found under a directory; "-" = stdin
  std::optional<Diagnostic> error;   // set when the input cannot be read at all
  bool in_directory = false;         // found while walking a directory (not named by the user)
};

// No argument means standard input. Reads hidden files (the walk of earlier versions).
std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool recurse);
// The same, walking directories as `opts` says (hidden entries, --glob; io/walk_filter.h)
// and counting what it passes over in `stats` (may be null).
std::vector<Input> expand_inputs(const std::vector<std::string>& args, const WalkOptions& opts,
                                 WalkStats* stats);

// An input opened for reading in pieces. Move-only; closes its file (not standard input).
class InputReader {
 public:
  // "-" is standard input.
  static Result<InputReader> open(const std::string& path);
  InputReader(InputReader&& o) noexcept;
  InputReader& operator=(InputReader&& o) noexcept;
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;
  ~InputReader();

  // Appends up to `max` bytes to `buf`, fewer only at the end of the input; returns how many.
  // Reads straight into `buf`, with no intermediate copy.
  Result<size_t> read_into(std::string& buf, size_t max);
  // Appends to `buf` until the input ends or `buf` holds more than `limit` bytes: a regular
  // file in one read() of its size (plus one byte, to see the end), anything else (or a file
  // that grew) in growing steps.
  Result<bool> read_all(std::string& buf, size_t limit);
  bool at_end() const { return at_end_; }
  // The size of a regular file as it was when opened; 0 for anything else.
  size_t size_hint() const { return size_hint_; }
  const std::string& path() const { return path_; }

 private:
  InputReader(std::string path, int fd, size_t size) : path_(std::move(path)), fd_(fd), size_hint_(size) {}
  std::string path_;
  int fd_ = -1;
  size_t size_hint_ = 0;
  bool at_end_ = false;
};

// Reads the whole input ("-" reads standard input).
Result<std::string> read_input(const std::string& path);

// A list of paths (--files-from), and what was wrong with some of its entries (each
// "LIST:LINE: ..."; the other entries are still read).
struct PathList {
  std::vector<std::string> paths;
  std::vector<Diagnostic> errors;
};

// Reads a list of paths ("-" reads standard input): with `nul`, each path ends with a NUL
// byte (find -print0, xargs -0); else one path a line, lines ending with LF, CRLF or a lone
// CR, and a line holding a NUL byte is an error (a NUL-separated list read without --null,
// which would otherwise be read as its first name only). Empty entries are skipped.
Result<PathList> read_path_list(const std::string& path, bool nul = false);

}  // namespace trich
