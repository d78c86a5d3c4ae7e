#include "cli/suggest.h"

#include <algorithm>

namespace trich::cli {

size_t edit_distance(const std::string& a, const std::string& b) {
  // Optimal string alignment distance over three rows.
  size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  // Leading dashes are not part of what was mistyped: "-format" is "--format" misspelled.
  auto bare = [](const std::string& s) { return s.substr(std::min(s.find_first_not_of('-'), s.size())); };
  std::string w = bare(word);
  if (w.empty()) return "";
  size_t reach = w.size() <= 4 ? 1 : w.size() <= 8 ? 2 : 3;
  std::string best;
  size_t best_d = reach + 1;
  for (const auto& c : candidates) {
    std::string b = bare(c);
    size_t d = edit_distance(w, b);
    if (d > 0 && w.size() >= 3 && b.size() > w.size() && b.compare(0, w.size(), w) == 0) d = 1;
    if (d == 0 && word != c) d = 1;  // right word, wrong number of dashes
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace trich::cli
