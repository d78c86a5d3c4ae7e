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
// How many items of a ";"-separated list on one line may follow the cue that heads it.
constexpr size_t kListItems = 20;

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
  const auto& passive_before = rules.lexicon("relation_passive_before");
  size_t most = 1;  // the longest cue, in words
  for (const auto& k : cues.keys) {
    most = std::max<size_t>(most, std::count(k.begin(), k.end(), ' ') + 1);
  }
  // A cue read the other way round: followed by "boi" ("thay the boi Nghi dinh ..."), or
  // passive ("duoc sua doi, bo sung theo Luat ...": the cited document amends another one).
  auto reversed = [&](const std::vector<scan::Word>& words, size_t i, size_t n) {
    return (i + n < words.size() && passive.find(words[i + n].text)) ||
           (i > 0 && passive_before.find(words[i - 1].text));
  };
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
        size_t n = scan::phrase_at(cues, words, i, most, &v);
        if (!n) {
          ++i;
          continue;
        }
        if (!inside(words[i].b)) rel = reversed(words, i, n) ? "mention" : v->str();
        i += n;
      }
      return rel;
    };
    // The cue heading the clause that ends at `e` (a ";"), or, when that clause is itself a
    // bare list item (it opens with a citation) or a piece of a title holding ";" (no cue and
    // no citation: "Thong tu ... quy dinh ve thu tuc hai quan; kiem tra, giam sat hai quan;
    // ..."), the cue heading the one before it.
    auto list_cue = [&](size_t e) -> std::optional<std::string> {
      for (size_t k = 0; k < kListItems; ++k) {
        size_t b2 = clause_start(text, e, e > kLookBack ? e - kLookBack : 0);
        auto words = scan::words(text, b2, e);
        if (words.empty()) return std::nullopt;
        const rules::LexValue* v = nullptr;
        if (size_t n = scan::phrase_at(cues, words, 0, most, &v); n && !inside(words[0].b)) {
          return reversed(words, 0, n) ? "mention" : v->str();
        }
        if (b2 == 0 || text[b2 - 1] != ';' || cue_in(b2, e)) return std::nullopt;
        auto first = std::lower_bound(citations.begin(), citations.end(), words[0].b,
                                      [](const Citation& o, size_t p) { return o.at.b < p; });
        bool holds = first != citations.end() && first->at.b < e;
        if (holds && first->at.b != words[0].b) return std::nullopt;
        e = b2 - 1;
      }
      return std::nullopt;
    };
    size_t floor = c.at.b > kLookBack ? c.at.b - kLookBack : 0;
    size_t b = clause_start(text, c.at.b, floor);
    auto rel = cue_in(b, c.at.b);
    // "Can cu Luat A; Luat B;": a clause that is nothing but the next item of a list takes
    // the cue at the head of the list's first clause, on the same line ("Xet de nghi tai To
    // trinh ..." after ";" is a clause of its own: it has words before its citation).
    if (!rel && b > floor && text[b - 1] == ';' && scan::words(text, b, c.at.b).empty()) {
      rel = list_cue(b - 1);
    }
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
