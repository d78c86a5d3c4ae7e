// Suggestions for mistyped words on the command line ("did you mean `extract`?"): the
// candidate nearest by edit distance, when it is near enough to be a typo and not a
// different word. No CLI11 here: plain strings in, a string out.
#pragma once

#include <string>
#include <vector>

namespace trich::cli {

// Levenshtein distance counting an adjacent transposition as one edit ("exrtact").
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate nearest to `word`, or "" when none is within a typo's reach: at most 1 edit
// for words of up to 4 characters, 2 up to 8, 3 beyond. A candidate that `word` is a prefix of
// (of at least 3 characters: "--form" for "--format") counts as near too.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace trich::cli
