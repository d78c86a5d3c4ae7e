#include "extract/engine.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

namespace trich {

namespace {

// Prefixes every named group of `pattern` with `prefix`, so rules that reuse names (d, m, y)
// can share one regex.
std::string rename_groups(const std::string& pattern, const std::string& prefix) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out += pattern[i];
      out += pattern[++i];
      continue;
    }
    if (pattern.compare(i, 4, "(?P<") == 0) {
      out += "(?P<" + prefix;
      i += 3;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(256 << 20);  // the DFA of a whole kind needs room, or RE2 falls back to NFA
  return o;
}

}  // namespace

const re2::StringPiece* Match::find(std::string_view name) const {
  for (const auto& [n, idx] : *groups_) {
    if (n == name) return &subs_[idx];
  }
  return nullptr;
}

std::string_view Match::group(std::string_view name) const {
  const re2::StringPiece* p = find(name);
  if (!p || p->data() == nullptr) return {};
  return std::string_view(p->data(), p->size());
}

bool Match::has(std::string_view name) const {
  const re2::StringPiece* p = find(name);
  return p && p->data() != nullptr;
}

size_t Match::group_begin(std::string_view name) const {
  const re2::StringPiece* p = find(name);
  return p && p->data() ? static_cast<size_t>(p->data() - text_.data()) : 0;
}

size_t Match::group_end(std::string_view name) const {
  const re2::StringPiece* p = find(name);
  return p && p->data() ? static_cast<size_t>(p->data() - text_.data()) + p->size() : 0;
}

namespace {

// The combined regex of a kind: each rule an alternative, its groups renamed r<i>_<name>.
std::string combined_pattern(const rules::RuleSet& set, const std::string& kind) {
  std::string combined;
  size_t i = 0;
  for (const auto& r : set.rules) {
    if (r.kind != kind) continue;
    if (!combined.empty()) combined += '|';
    combined += fmt::format("(?P<r{}>{})", i, rename_groups(r.pattern, fmt::format("r{}_", i)));
    ++i;
  }
  return combined;
}

// Regexes compiled ahead by Matcher::precompile, by pattern, taken by Matcher::build.
std::mutex g_ready_mu;
std::map<std::string, std::unique_ptr<RE2>> g_ready;

}  // namespace

void Matcher::precompile(const rules::RuleSet& set, const std::vector<std::string>& kinds,
                         int threads) {
  std::vector<std::string> patterns;
  for (const auto& k : kinds) {
    std::string p = combined_pattern(set, k);
    if (!p.empty()) patterns.push_back(std::move(p));
  }
  // The longest first: they take longest to compile.
  std::sort(patterns.begin(), patterns.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < patterns.size();) {
      auto re = std::make_unique<RE2>(patterns[i], options());
      std::lock_guard<std::mutex> lk(g_ready_mu);
      g_ready[patterns[i]] = std::move(re);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(threads, static_cast<int>(patterns.size())); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

Result<std::unique_ptr<Matcher>> Matcher::build(const rules::RuleSet& set,
                                                const std::string& kind) {
  auto m = std::unique_ptr<Matcher>(new Matcher());
  for (const auto& r : set.rules) {
    if (r.kind != kind) continue;
    Entry e;
    e.rule = &r;
    e.wrapper = -1;
    m->rules_.push_back(std::move(e));
  }
  if (m->rules_.empty()) return m;
  std::string combined = combined_pattern(set, kind);
  {
    std::lock_guard<std::mutex> lk(g_ready_mu);
    auto it = g_ready.find(combined);
    if (it != g_ready.end()) {
      m->re_ = std::move(it->second);
      g_ready.erase(it);
    }
  }
  if (!m->re_) m->re_ = std::make_unique<RE2>(combined, options());
  if (!m->re_->ok()) {
    // Rules are compiled only here, once per kind; on failure, find the rule at fault so the
    // error names its file and line.
    for (const auto& e : m->rules_) {
      RE2 alone(e.rule->pattern, options());
      if (!alone.ok()) {
        return error_at(e.rule->file, e.rule->line,
                        fmt::format("rule \"{}\": {}", e.rule->name, alone.error()));
      }
    }
    return error_at("", 0, fmt::format("rules of kind {}: {}", kind, m->re_->error()));
  }
  m->ngroups_ = m->re_->NumberOfCapturingGroups();
  if (!std::getenv("TRICH_NO_PREFILTER")) {
    std::vector<std::string> patterns;
    for (const auto& e : m->rules_) patterns.push_back(e.rule->pattern);
    m->prefilter_ = std::make_unique<Prefilter>(std::move(patterns));
  }
  m->alone_.reset(new std::atomic<const Alone*>[m->rules_.size()]);
  for (size_t i = 0; i < m->rules_.size(); ++i) m->alone_[i].store(nullptr);
  for (const auto& [name, idx] : m->re_->NamedCapturingGroups()) {
    size_t us = name.find('_');
    if (name[0] != 'r') continue;
    if (us == std::string::npos) {
      m->rules_[std::stoul(name.substr(1))].wrapper = idx;
    } else {
      m->rules_[std::stoul(name.substr(1, us - 1))].groups.emplace_back(name.substr(us + 1), idx);
    }
  }
  return m;
}

const Matcher::Alone& Matcher::alone(size_t i) const {
  const Alone* a = alone_[i].load(std::memory_order_acquire);
  if (a) return *a;
  std::lock_guard<std::mutex> lk(alone_mu_);
  a = alone_[i].load(std::memory_order_relaxed);
  if (a) return *a;
  auto fresh = std::make_unique<Alone>();
  // It only ever matches a known extent, anchored at both ends: a small memory budget will
  // do (a pattern too large for it gets the usual one).
  RE2::Options small = options();
  small.set_max_mem(2 << 20);
  fresh->re = std::make_unique<RE2>(rules_[i].rule->pattern, small);
  if (!fresh->re->ok()) fresh->re = std::make_unique<RE2>(rules_[i].rule->pattern, options());
  for (const auto& [name, idx] : fresh->re->NamedCapturingGroups()) {
    fresh->groups.emplace_back(name, idx);
  }
  a = fresh.get();
  alone_owned_.push_back(std::move(fresh));
  alone_[i].store(a, std::memory_order_release);
  return *a;
}

bool Matcher::next(std::string_view text, size_t pos, size_t end, Match& m,
                   std::vector<re2::StringPiece>& subs) const {
  re2::StringPiece t(text.data(), text.size());
  // The extent (RE2's DFAs only), then the rule: the first that matches exactly that extent
  // is the alternative the combined regex took (an earlier one cannot match there at all),
  // and its groups on that extent are the ones the combined regex would give.
  if (!re_->Match(t, pos, end, RE2::UNANCHORED, subs.data(), 1)) return false;
  size_t s = static_cast<size_t>(subs[0].data() - text.data());
  size_t e = s + subs[0].size();
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Alone& a = alone(i);
    int n = a.re->NumberOfCapturingGroups() + 1;
    if (!a.re->Match(t, s, e, RE2::ANCHOR_BOTH, subs.data(), n)) continue;
    m.rule_ = rules_[i].rule;
    m.groups_ = &a.groups;
    m.subs_ = subs.data();
    m.text_ = text;
    if (m.has("span")) {
      m.begin_ = m.group_begin("span");
      m.end_ = m.group_end("span");
    } else {
      m.begin_ = s;
      m.end_ = e;
    }
    return true;
  }
  return false;
}

}  // namespace trich
