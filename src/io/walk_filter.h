// Which entries a directory walk takes, like ripgrep: hidden entries (a name starting with
// ".") are passed over unless asked for, and -g/--glob patterns include or (with a leading
// "!") exclude files and directories. Decides from names only; reads nothing from disk.
//
// Glob semantics (docs in README and trich(1)):
//  - patterns are fnmatch(3) patterns: * ? [...], matched case-sensitively;
//  - a pattern without "/" is matched against the entry's name ("*.txt", "!drafts");
//    one with "/" against its path relative to the directory named on the command line,
//    with FNM_PATHNAME (a * does not cross "/"); a leading "/" anchors it there (and is
//    dropped); a leading "**/" lets it match at any depth;
//  - the last pattern that matches decides; a file no pattern matches is taken only when no
//    pattern includes (every pattern starts with "!");
//  - a directory is entered unless an excluding pattern is the last to match it (including
//    patterns never keep the walk out of a directory);
//  - files and directories named on the command line are always read.
#pragma once

#include <string>
#include <vector>

namespace trich {

struct WalkOptions {
  bool recurse = false;
  bool hidden = false;              // also read hidden files and directories
  std::vector<std::string> globs;   // -g patterns, in command-line order
};

// What a walk passed over, by reason (for --stats).
struct WalkStats {
  size_t hidden = 0;   // hidden entries not entered or read
  size_t globbed = 0;  // files and directories left out by --glob
};

class GlobFilter {
 public:
  explicit GlobFilter(const std::vector<std::string>& globs);
  // `rel`: the path under the walked directory ("a/b.txt"); `name`: its last component.
  bool keep_file(const std::string& rel, const std::string& name) const;
  bool enter_dir(const std::string& rel, const std::string& name) const;
  bool empty() const { return pats_.empty(); }

 private:
  struct Pat {
    std::string glob;
    bool exclude = false;
    bool path = false;   // has a "/": matched against the relative path
    bool any_depth = false;
  };
  // -1: the last matching pattern excludes; 1: it includes; 0: none matches.
  int verdict(const std::string& rel, const std::string& name) const;
  std::vector<Pat> pats_;
  bool has_include_ = false;
};

}  // namespace trich
