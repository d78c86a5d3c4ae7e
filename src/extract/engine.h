// Engine: compiles the rules of one kind into a single RE2 (one alternative per rule, in file
// order) and scans a text once with it, leftmost-first, without overlaps. Each match names
// its rule and exposes the rule's own capture groups. The engine knows no language and no
// entity: resolvers (extract/resolvers.h) turn matches into entities.
//
// Speed: a Prefilter (extract/prefilter.h) finds the characters every match must hold, and
// RE2 runs only in windows around them. The matches are exactly those of a scan of the whole
// text: a match that starts at or before a window's last trigger holds a trigger of that
// window, so it and every other match that could start where it starts lie inside the window;
// RE2 then picks the same leftmost start and the same alternative as it would on the whole
// text (the text outside stays visible to RE2 as context, for ^ and $). Windows given by a
// CandidateFinder (extract/candidates.h, Hyperscan) take the prefilter's place where they
// are given; the same argument holds for them.
#pragma once

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "base/error.h"
#include "extract/candidates.h"
#include "extract/prefilter.h"
#include "rules/ruleset.h"

namespace trich {

class Matcher;

// One match: the rule, the whole text, and the rule's groups. `begin`/`end` is the reported
// extent: the group named "span" when the rule has one, else the whole match.
class Match {
 public:
  const rules::Rule& rule() const { return *rule_; }
  std::string_view text() const { return text_; }
  size_t begin() const { return begin_; }
  size_t end() const { return end_; }
  // The group's text, empty when the group did not take part.
  std::string_view group(std::string_view name) const;
  bool has(std::string_view name) const;
  // Offsets of the group in text(); only meaningful when has(name).
  size_t group_begin(std::string_view name) const;
  size_t group_end(std::string_view name) const;

 private:
  friend class Matcher;
  const re2::StringPiece* find(std::string_view name) const;
  const rules::Rule* rule_ = nullptr;
  const std::vector<std::pair<std::string, int>>* groups_ = nullptr;
  const re2::StringPiece* subs_ = nullptr;
  std::string_view text_;
  size_t begin_ = 0, end_ = 0;
};

class Matcher {
 public:
  // Compiles every rule of `kind` in `set` (in order) into one RE2; a rule that does not
  // compile is reported as "file:line: rule \"name\": error". An empty kind gives a matcher
  // that never matches.
  static Result<std::unique_ptr<Matcher>> build(const rules::RuleSet& set,
                                                const std::string& kind);

  // Compiles the regexes of `kinds` on up to `threads` threads, for the builds that follow
  // (compiling is most of the start-up; a bad rule is still reported by build).
  static void precompile(const rules::RuleSet& set, const std::vector<std::string>& kinds,
                         int threads);

  // Calls on_match(const Match&) for each match in text[begin, end), left to right. The scan
  // resumes at the end of each match's reported extent, so trailing context a rule consumed
  // (a boundary) can start the next match. With `windows` (the kind's candidates in text),
  // RE2 searches only inside them; the matches are the same.
  template <class F>
  void scan(std::string_view text, size_t begin, size_t end, F&& on_match,
            const Windows* windows = nullptr) const;

  size_t size() const { return rules_.size(); }

  // What the matcher otherwise builds when it first needs it, on the thread that needs it:
  // the prefilter's automaton (item 0, read at the first long text, which waits for it), the
  // combined regex's reverse program (item 1: RE2 builds it under a once-flag at the kind's
  // first match, so every thread that meets one waits for it) and each rule's own regex
  // (items 2...). Any order, any thread; warm_items() counts them.
  size_t warm_items() const { return rules_.empty() ? 0 : 2 + rules_.size(); }
  void warm(size_t item) const;

  // The prefilter, or nullptr when TRICH_NO_PREFILTER is set in the environment (to compare
  // outputs): then the whole text is searched.
  const Prefilter* prefilter() const { return prefilter_.get(); }

  // The rules' patterns, in order (for the candidate finder).
  std::vector<std::string> patterns() const;

 private:
  struct Entry {
    const rules::Rule* rule;
  };
  // A rule by itself, compiled when it first matches (or by warm): RE2 takes a match's groups
  // from it, on the match's extent, which costs far less than from the combined regex.
  struct Alone {
    std::unique_ptr<RE2> re;
    std::vector<std::pair<std::string, int>> groups;
    std::once_flag once;
  };
  const Alone& alone(size_t i) const;
  // The leftmost match in text[pos, end) (RE2 sees all of text as context). `subs` grows to
  // hold the matched rule's groups.
  bool next(std::string_view text, size_t pos, size_t end, Match& m,
            std::vector<re2::StringPiece>& subs) const;
  std::unique_ptr<RE2> re_;
  std::unique_ptr<Prefilter> prefilter_;
  std::vector<Entry> rules_;
  std::unique_ptr<Alone[]> alone_;  // filled in once per rule, by whichever thread comes first
};

template <class F>
void Matcher::scan(std::string_view text, size_t begin, size_t end, F&& on_match,
                   const Windows* windows) const {
  if (!re_) return;
  std::vector<re2::StringPiece> subs(1);
  Match m;
  size_t pos = begin;
  // After a match: the next search starts where it ended, or, after an empty match, at the
  // next character (never inside one).
  auto step_past = [&](size_t match_begin) {
    size_t resume = m.end_;
    if (resume <= pos || resume <= match_begin) {
      resume = std::max(pos, match_begin) + 1;
      while (resume < end && (static_cast<unsigned char>(text[resume]) & 0xC0) == 0x80) ++resume;
    }
    pos = resume;
  };
  // Every match that starts in [pos, stop) ends by stop.
  auto search = [&](size_t stop) {
    while (pos <= stop) {
      if (!next(text, pos, stop, m, subs)) return;
      size_t match_begin = static_cast<size_t>(subs[0].data() - text.data());
      on_match(static_cast<const Match&>(m));
      step_past(match_begin);
    }
  };
  if (windows) {
    auto w = std::lower_bound(windows->begin(), windows->end(), begin,
                              [](const std::pair<size_t, size_t>& x, size_t b) { return x.second <= b; });
    for (; w != windows->end() && w->first < end; ++w) {
      if (w->second <= pos) continue;
      pos = std::max(pos, w->first);
      search(std::min(w->second, end));
    }
    return;
  }
  // Without a prefilter the window is the rest of the range and every match is taken.
  Prefilter::Window w{pos, end, end};
  bool have_window = !prefilter_;
  if (prefilter_) prefilter_->tune(text, *re_);
  while (pos <= end) {
    if (!have_window || pos > w.last) {
      if (!prefilter_->window(text, pos, end, w)) break;
      have_window = true;
    }
    if (!next(text, std::max(pos, w.begin), w.end, m, subs)) {
      if (!prefilter_) break;
      pos = w.last + 1;  // no match starts in [pos, w.last]
      continue;
    }
    size_t match_begin = static_cast<size_t>(subs[0].data() - text.data());
    if (match_begin > w.last) {  // it may not be the leftmost: look again from the next window
      pos = w.last + 1;
      continue;
    }
    on_match(static_cast<const Match&>(m));
    step_past(match_begin);
  }
}

}  // namespace trich
