// Prefilter: lets a Matcher skip text where none of its rules can match, without changing a
// single match. At build time it reads the rules' patterns (RE2 syntax) into an automaton over
// character classes, and finds for each rule classes of which every match holds a character,
// and pairs of classes of which every match holds two adjacent characters (an "l" followed by
// an "a" with a grave accent, where each alone is common). From those it picks the triggers:
// for each rule the class or pair that adds least to the union of the picks, by counts of
// characters and of pairs in the first sizeable text scanned (a trigger is a character of a
// picked class, or the first of two adjacent characters of a picked pair). It keeps the plan
// with pairs only when its windows are found faster than those of a plan of classes alone
// (looking for pairs costs more a byte). For each trigger t in a text it runs the automaton
// backward from t (stopping at an earlier trigger, which could only be a match's first) and
// forward from t, to learn where a match whose first trigger is t could start and end, and
// whether one can exist at all. The Matcher then runs RE2 only inside the windows of triggers
// that can be part of a match (engine.h explains why the matches are exactly those of a scan
// of the whole text).
// The analysis over-approximates what a pattern matches (a {2,5} counts as +, ^ $ \b as
// nothing, case folding as ICU's full closure), which only widens windows. A pattern it cannot
// read (\C, anything new) disables the prefilter for its kind: the whole text is scanned.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

namespace trich {

// A set of code points with constant-time membership (a bitmap over the BMP).
class CharSet {
 public:
  bool has(char32_t c) const {
    if (c < 0x10000) return (bits_[c >> 6] >> (c & 63)) & 1;
    for (const auto& [lo, hi] : astral_) {
      if (c >= lo && c <= hi) return true;
    }
    return false;
  }
  void add_range(char32_t lo, char32_t hi);

 private:
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(1024, 0);
  std::vector<std::pair<char32_t, char32_t>> astral_;
};

class Prefilter {
 public:
  // For the patterns of one kind (the alternatives of its combined regex, in order). Nothing
  // is analyzed yet: small texts are searched whole.
  explicit Prefilter(std::vector<std::string> patterns);
  ~Prefilter();

  // The first text of at least 16 KiB analyzes the patterns, picks triggers by that text's
  // character counts, and keeps the prefilter only when on that text its windows, searched by
  // `re` (the kind's combined regex), take less time than `re` searching everything (or
  // TRICH_PREFILTER_FORCE is set in the environment: then the plan with pairs is kept, if
  // any). Later calls do nothing. Thread-safe: other threads do not wait for it (they search
  // whole texts until it is done).
  void tune(std::string_view text, const re2::RE2& re) const;

  // Reads the patterns into the automaton now (tune does it first, if no one has), so that a
  // spare thread can take it off the tuning thread's way. Thread-safe.
  void analyze() const;

  // A stretch of text to search: every match that starts in [pos, last] (pos as given to
  // window) lies inside [begin, end). `last` is at or after the position of the trigger.
  struct Window {
    size_t begin = 0, end = 0, last = 0;
  };
  // The window of the first live trigger at or after `pos` (before `end`), merged with the
  // windows of the triggers that follow closely. False when no match can start at or after
  // `pos`. Before tuning, or when off, the window is all of [pos, end).
  bool window(std::string_view text, size_t pos, size_t end, Window& w) const;

  // What tuning decided (the triggers and the estimated cost), for tests and the curious.
  std::string describe() const;

  struct Automaton;
  struct Plan;

 private:
  struct Cost {
    size_t triggers = 0, steps = 0, windows = 0, bytes = 0;
  };
  // Reads the patterns into an automaton; nullptr (and why) when a pattern cannot be read or
  // a rule requires no character.
  static std::unique_ptr<Automaton> analyze(const std::vector<std::string>& patterns,
                                            std::string& why);
  bool windows(const Plan& plan, std::string_view text, size_t pos, size_t end, Window& w,
               Cost* cost) const;

  enum : int { kUntuned, kTuning, kTuned };
  std::vector<std::string> patterns_;
  mutable std::atomic<int> state_{kUntuned};
  mutable std::once_flag analyzed_;
  mutable std::unique_ptr<Automaton> nfa_;       // set once by analyze()
  mutable std::string why_;                      // why nfa_ is null
  mutable std::unique_ptr<Plan> plan_;           // set once by tune, when worth it
  mutable std::string description_;
  mutable std::atomic<const Plan*> ready_{nullptr};
};

}  // namespace trich
