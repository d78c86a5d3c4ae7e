// Extractor: runs the rules of each selected kind over a Document (one scan per kind), then
// the passes that need a whole document (priority lists, short-form citations), then turns
// every entity's normalized extent into an input Span. Thread-safe: one Extractor serves
// all worker threads.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>
#include <memory>
#include <set>
#include <string>

#include "base/error.h"
#include "extract/engine.h"
#include "extract/entities.h"
#include "extract/kind_set.h"
#include "extract/references.h"
#include "rules/ruleset.h"
#include "text/document.h"

namespace trich {

class Extractor {
 public:
  // Compiles the matchers of `kinds` (default: every kind). `rules` must outlive the
  // Extractor. Compiling is most of trich's start-up time, so a run builds only what it uses.
  static Result<std::unique_ptr<Extractor>> build(const rules::RuleSet& rules,
                                                  const std::vector<std::string>& kinds = {});

  // The kinds a run with `k` scans (announce goes with priorities, anniversary with audit).
  static std::vector<std::string> kinds_for(const KindSet& k);

  // `earlier`: the citations of the earlier windows of the same input, when `doc` is one
  // window of a large input (pipeline/windows.h), so that short forms find them.
  Extraction run(const Document& doc, const KindSet& kinds,
                 const CitationMemory* earlier = nullptr) const;

  // The matcher of one kind (e.g. for rule examples); nullptr when unknown.
  const Matcher* matcher(const std::string& kind) const;
  const rules::RuleSet& rules() const { return rules_; }
  // The rules' letter folds, for the Documents this extractor runs on.
  const Folds& folds() const { return folds_; }

  // Kinds whose rules the extractor scans with.
  static const std::vector<std::string>& kinds();

  // Builds, on `threads` threads beside the workers, what the matchers would otherwise build
  // at their first matches, one thread at a time (Matcher::warm). It starts once the workers
  // have fed it 16 KiB of text (a run over a few short texts would not use most of it);
  // destroying it stops it after the items in hand and waits for them.
  class WarmUp {
   public:
    WarmUp(std::vector<std::pair<const Matcher*, size_t>> items, int threads);
    ~WarmUp();
    void fed(size_t bytes);

   private:
    std::vector<std::pair<const Matcher*, size_t>> items_;
    int threads_;
    std::atomic<size_t> fed_{0};
    std::atomic<size_t> next_{0};
    std::atomic<bool> stop_{false};
    std::once_flag start_;
    std::vector<std::thread> pool_;
  };
  // nullptr when threads is 0.
  std::unique_ptr<WarmUp> warm_up(int threads) const;

  // Runs only the rules of `kind` over `text` (used by `rules check`).
  Extraction run_kind(const std::string& kind, std::string_view text,
                      std::string_view reference_date = {}) const;

  // The candidate finder (nullptr without Hyperscan, or with TRICH_NO_HYPERSCAN set), and
  // why there is none.
  const CandidateFinder* candidate_finder() const { return candidates_.get(); }
  const std::string& candidate_finder_why() const { return candidates_why_; }
  // One document's candidate windows, every kind's (found is false without a finder), and
  // the windows of one kind among them (nullptr: that kind is searched whole or by its
  // prefilter).
  struct Candidates {
    bool found = false;
    std::vector<Windows> windows;
  };
  Candidates candidates(std::string_view text) const;
  const Windows* windows_of(const std::string& kind, const Candidates* c) const;

 private:
  explicit Extractor(const rules::RuleSet& r) : rules_(r), folds_(r.letter_folds()) {}
  void scan(const std::string& kind, std::string_view text, Extraction& out,
            const CitationMemory* earlier = nullptr, const Candidates* c = nullptr,
            std::string_view reference_date = {}) const;
  void finish(const Document& doc, Extraction& x) const;
  void add_relative(std::string_view text, Extraction& x, std::string_view reference,
                    const Candidates* c) const;
  const rules::RuleSet& rules_;
  Folds folds_;
  std::map<std::string, std::unique_ptr<Matcher>> matchers_;
  std::unique_ptr<CandidateFinder> candidates_;
  std::string candidates_why_;
  std::map<std::string, size_t> candidate_kind_;  // kind -> index in the finder
};

}  // namespace trich
