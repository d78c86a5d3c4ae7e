#include "extract/relations.h"

#include <algorithm>
#include <optional>
#include <string>

#include "extract/resolvers.h"

namespace trich {
namespace {

// How far back from a citation its clause may reach: cues sit near what they govern, and a
// bound keeps a long line with many citations linear.
constexpr size_t kLookBack = 400;
// How far back a list's lead may be: lines, and bytes.
constexpr size_t kLeadLines = 30;
constexpr size_t kLeadBack = 6000;

// Where the clause holding `pos` starts: after the last line break, ";" or sentence end
// (a period before a blank) before it.
size_t clause_start(std::string_view text, size_t pos, size_t floor) {
  for (size_t i = pos; i > floor; --i) {
    char c = text[i - 1];
    if (c == '\n' || c == ';') return i;
    if (c == '.' && i < text.size() && (text[i] == ' ' || text[i] == '\t')) return i;
  }
  return floor;
}

}  // namespace

void assign_relations(std::string_view text, const rules::RuleSet& rules,
                      std::vector<Citation>& citations) {
  const auto& cues = rules.lexicon("relation_cue");
  const auto& passive = rules.lexicon("relation_passive");
  size_t most = 1;  // the longest cue, in words
  for (const auto& k : cues.keys) {
    most = std::max<size_t>(most, std::count(k.begin(), k.end(), ' ') + 1);
  }
  for (size_t ci = 0; ci < citations.size(); ++ci) {
    Citation& c = citations[ci];
    // Cue words inside another citation's own text are its title, not a cue.
    // (Citations are in document order and seldom nest: the few starting last before `pos`
    // are those that can hold it.)
    auto inside = [&](size_t pos) {
      auto it = std::upper_bound(citations.begin(), citations.end(), pos,
                                 [](size_t p, const Citation& o) { return p < o.at.b; });
      for (int k = 0; k < 4 && it != citations.begin(); ++k) {
        --it;
        if (pos < it->at.e && &*it != &c) return true;
      }
      return false;
    };
    // The last cue in [b, e), reading each at its longest ("huong dan thuc hien" is one
    // cue, not "thuc hien"); nullopt when there is none.
    auto cue_in = [&](size_t b, size_t e) -> std::optional<std::string> {
      auto words = scan::words(text, b, e);
      std::optional<std::string> rel;
      for (size_t i = 0; i < words.size();) {
        const rules::LexValue* v = nullptr;
        size_t n = std::min(most, words.size() - i);
        for (; n >= 1; --n) {
          if ((v = cues.find(scan::join(words, i, n)))) break;
        }
        if (!v) {
          ++i;
          continue;
        }
        if (!inside(words[i].b)) {
          bool reversed = i + n < words.size() && passive.find(words[i + n].text);
          rel = reversed ? "mention" : v->str();
        }
        i += n;
      }
      return rel;
    };
    size_t floor = c.at.b > kLookBack ? c.at.b - kLookBack : 0;
    size_t b = clause_start(text, c.at.b, floor);
    auto rel = cue_in(b, c.at.b);
    // A line that ends with ":" leads the lines after it, the items of its list (lines that
    // end with ";" or ",") included.
    if (!rel && b > 0 && text[b - 1] == '\n') {
      size_t eol = b - 1, lines = 0;
      size_t stop = c.at.b > kLeadBack ? c.at.b - kLeadBack : 0;
      while (eol > stop && lines++ < kLeadLines) {
        size_t p = eol;
        while (p > stop && (text[p - 1] == ' ' || text[p - 1] == '\t' || text[p - 1] == '\r')) --p;
        if (p == stop) break;
        char last = text[p - 1];
        if (last == ':') {
          rel = cue_in(clause_start(text, p - 1, p - 1 > kLookBack ? p - 1 - kLookBack : 0), p - 1);
          break;
        }
        if (last != ';' && last != ',') break;
        size_t nl = text.rfind('\n', p - 1);
        if (nl == std::string_view::npos || nl < stop) break;
        eol = nl;
      }
    }
    c.relation = rel.value_or("mention");
  }
}

}  // namespace trich
