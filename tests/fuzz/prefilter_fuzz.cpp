// Fuzz target: the prefilter against a whole-text scan. Two extractors of the built-in rules,
// one without prefilter and one with it forced on (tuned once on a text made of the rules'
// examples, so every kind has a plan, with pairs of characters where it found them); each
// input, decoded as UTF-8 and copied into a buffer of its exact size (so that AddressSanitizer
// sees a read past its end), is scanned by both, whole and from a third of the way in. The
// matches must be the same: rule, start and end. In a build with Hyperscan
// (-DTRICH_HYPERSCAN=ON) a third extractor's candidate windows (extract/candidates.h) are
// checked the same way: windows + RE2 find what RE2 finds alone.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "base/utf8.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "fuzz_check.h"
#include "io/decode.h"
#include "rules/ruleset.h"

namespace {

struct Pair {
  trich::rules::RuleSet rules;
  std::unique_ptr<trich::Extractor> plain, forced, windowed;
};

const Pair& pair() {
  static const Pair* built = [] {
    auto* p = new Pair;
    auto r = trich::rules::load(trich::rules::embedded_sources(), trich::catalog());
    FUZZ_CHECK(r.ok());
    p->rules = std::move(r.value());
    setenv("TRICH_NO_PREFILTER", "1", 1);
    auto plain = trich::Extractor::build(p->rules);
    unsetenv("TRICH_NO_PREFILTER");
    setenv("TRICH_PREFILTER_FORCE", "1", 1);
    auto forced = trich::Extractor::build(p->rules);
    FUZZ_CHECK(plain.ok() && forced.ok());
    p->plain = std::move(plain.value());
    p->forced = std::move(forced.value());
    if (trich::CandidateFinder::available()) {
      setenv("TRICH_NO_PREFILTER", "1", 1);
      auto w = trich::Extractor::build(p->rules);
      unsetenv("TRICH_NO_PREFILTER");
      FUZZ_CHECK(w.ok() && w.value()->candidate_finder());
      p->windowed = std::move(w.value());
    }
    // Tuning needs a long text: the examples of every rule, over and over.
    std::string sample;
    while (sample.size() < (64 << 10)) {
      for (const auto& rule : p->rules.rules) {
        for (const auto& e : rule.examples) sample += e.text + ". \n";
        for (const auto& e : rule.counterexamples) sample += e.text + "; ";
      }
    }
    for (const auto& k : trich::Extractor::kinds()) {
      if (const auto* m = p->forced->matcher(k)) m->scan(sample, 0, sample.size(), [](const auto&) {});
    }
    return p;
  }();
  return *built;
}

using Found = std::vector<std::tuple<const trich::rules::Rule*, size_t, size_t>>;

Found scan(const trich::Matcher& m, std::string_view text, size_t from,
           const trich::Windows* w = nullptr) {
  Found f;
  m.scan(text, from, text.size(), [&](const trich::Match& x) { f.emplace_back(&x.rule(), x.begin(), x.end()); }, w);
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Pair& p = pair();
  trich::Decoded d =
      trich::decode(std::string(reinterpret_cast<const char*>(data), size), "utf-8", "fuzz");
  size_t n = d.text.size();
  std::unique_ptr<char[]> buf(new char[n ? n : 1]);
  std::copy(d.text.begin(), d.text.end(), buf.get());
  std::string_view text(buf.get(), n);
  size_t third = n / 3;
  while (third > 0 && !trich::utf8::is_lead(static_cast<unsigned char>(text[third]))) --third;
  trich::Extractor::Candidates cands;
  if (p.windowed) {
    cands = p.windowed->candidates(text);
    FUZZ_CHECK(cands.found);  // decoded text is valid UTF-8
  }
  for (const auto& k : trich::Extractor::kinds()) {
    const auto* a = p.plain->matcher(k);
    const auto* b = p.forced->matcher(k);
    FUZZ_CHECK(a && b);
    for (size_t from : {size_t{0}, third}) {
      Found want = scan(*a, text, from), got = scan(*b, text, from);
      if (want != got) {
        std::fprintf(stderr, "kind %s from %zu: %s\n", k.c_str(), from, b->prefilter()->describe().c_str());
        for (const auto& [r, s, e] : want) std::fprintf(stderr, "  whole    %zu %zu %s\n", s, e, r->name.c_str());
        for (const auto& [r, s, e] : got) std::fprintf(stderr, "  windowed %zu %zu %s\n", s, e, r->name.c_str());
      }
      FUZZ_CHECK(want == got);
      if (const trich::Windows* w = p.windowed ? p.windowed->windows_of(k, &cands) : nullptr) {
        Found hs = scan(*p.windowed->matcher(k), text, from, w);
        if (want != hs) {
          for (const auto& [r, s, e] : hs) std::fprintf(stderr, "  hyperscan %zu %zu %s\n", s, e, r->name.c_str());
        }
        FUZZ_CHECK(want == hs);
      }
    }
  }
  return 0;
}
