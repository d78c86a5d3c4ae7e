// Candidates: one pass of Hyperscan over a text for the rules of every kind at once, giving
// each kind the stretches of text where its matches can lie. RE2 then searches only those
// stretches and alone decides what matches (extract/engine.h).
//
// Each rule's pattern is rewritten into one whose language holds the rule's (a superset:
// word boundaries and anchors dropped, RE2's ASCII \d \s \w spelled out, Unicode classes
// widened by the code points Hyperscan's older Unicode tables leave unassigned) and compiled
// with the start of match reported (HS_FLAG_SOM_LEFTMOST). Every match RE2 can find for the
// rule, [s, e), is then a match of the rewritten pattern, and Hyperscan reports it as
// [s', e) with s' <= s. A kind's windows are the union of its reports, merged where they
// touch: every match of the kind lies inside one window, whole, and so does every other match
// that starts where it starts, so RE2's leftmost-first choice inside a window is the one it
// makes on the whole text (whose bytes stay visible to RE2 as context for its assertions).
// A rule that Hyperscan cannot compile leaves its kind without windows: RE2 searches that
// kind's text whole. Without Hyperscan (the CMake option TRICH_HYPERSCAN off, or the library
// absent) every kind is searched whole.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trich {

// The windows of one kind, sorted, disjoint, not touching: [first, second).
using Windows = std::vector<std::pair<size_t, size_t>>;

class CandidateFinder {
 public:
  struct Kind {
    std::string name;
    std::vector<std::string> patterns;  // the kind's rules, RE2 syntax
  };
  // nullptr when Hyperscan is not built in, when TRICH_NO_HYPERSCAN is set in the
  // environment (to compare outputs), or when no kind's patterns compile; `why` says which.
  static std::unique_ptr<CandidateFinder> build(const std::vector<Kind>& kinds,
                                                std::string& why);
  ~CandidateFinder();

  // Whether trich was built with Hyperscan.
  static bool available();

  // Whether kind `k` (an index into the kinds given to build) has windows; a kind without
  // them is searched whole.
  bool covers(size_t k) const;

  // The windows of every covered kind in `text` (out[k]; empty for a kind not covered). False
  // when the text cannot be scanned (not valid UTF-8): then every kind is searched whole.
  bool find(std::string_view text, std::vector<Windows>& out) const;

  // Which kinds are covered and why the others are not, for tests and the curious.
  std::string describe() const;

  // The pattern handed to Hyperscan for an RE2 pattern (a superset of its matches), or false
  // when it holds something the rewriting does not know.
  static bool rewrite(std::string_view re2_pattern, std::string& out);

  struct Impl;

 private:
  CandidateFinder() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trich
