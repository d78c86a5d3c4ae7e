#include "extract/engine.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

namespace trich {

namespace {

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(256 << 20);  // the DFA of a whole kind needs room, or RE2 falls back to NFA
  return o;
}

// The combined regex only finds a match's extent (a rule alone gives the groups), so it
// captures nothing.
RE2::Options extent_options() {
  RE2::Options o = options();
  o.set_never_capture(true);
  return o;
}

// ----- The top level of a pattern, as a sequence of items --------------------------------------
//
// A pattern's items are its atoms with their quantifiers, in order: a(?:bc)+[d-f]\pL* is a,
// (?:bc)+, [d-f], \pL*. Concatenation being associative, an unquantified (?:...) without a
// top-level | may be replaced by its own items. The reader knows RE2's syntax; a pattern it
// is unsure of (\Q...\E, a flag setting such as (?i) that reaches past its item) is left
// whole.

bool is_cont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// End of the escape at p[i] == '\\'.
size_t skip_escape(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return p.size();
  char c = p[i + 1];
  if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < p.size() && p[i + 2] == '{') {
    size_t close = p.find('}', i);
    return close == std::string_view::npos ? p.size() : close + 1;
  }
  size_t j = i + 2;
  while (j < p.size() && is_cont(p[j])) ++j;  // an escaped character of several bytes
  return j;
}

// End of the class at p[i] == '['.
size_t skip_class(std::string_view p, size_t i) {
  ++i;
  if (i < p.size() && p[i] == '^') ++i;
  if (i < p.size() && p[i] == ']') ++i;  // a leading ] is a member
  while (i < p.size() && p[i] != ']') {
    if (p[i] == '\\') {
      i = skip_escape(p, i);
    } else if (p.compare(i, 2, "[:") == 0 && p.find(":]", i + 2) != std::string_view::npos) {
      i = p.find(":]", i + 2) + 2;
    } else {
      ++i;
    }
  }
  return std::min(p.size(), i + 1);
}

// End of the group at p[i] == '('.
size_t skip_group(std::string_view p, size_t i) {
  int depth = 0;
  while (i < p.size()) {
    char c = p[i];
    if (c == '\\') {
      i = skip_escape(p, i);
      continue;
    }
    if (c == '[') {
      i = skip_class(p, i);
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i + 1;
    ++i;
  }
  return p.size();
}

// End of the quantifiers from p[i].
size_t skip_quantifiers(std::string_view p, size_t i) {
  while (i < p.size()) {
    if (p[i] == '*' || p[i] == '+' || p[i] == '?') {
      ++i;
      continue;
    }
    if (p[i] != '{') break;
    // {n}, {n,} or {n,m}; any other { is a literal.
    size_t j = i + 1, digits = 0;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j, ++digits;
    if (digits == 0) break;
    if (j < p.size() && p[j] == ',') {
      ++j;
      while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
    }
    if (j >= p.size() || p[j] != '}') break;
    i = j + 1;
  }
  return i;
}

// The items of p, flattened through unquantified (?:...) groups; false when p has a top-level
// | or anything the reader leaves whole.
bool items(std::string_view p, std::vector<std::string>& out) {
  size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    size_t j;
    if (c == '|' || c == ')') return false;
    if (c == '\\') {
      if (p.compare(i, 2, "\\Q") == 0) return false;
      j = skip_escape(p, i);
    } else if (c == '[') {
      j = skip_class(p, i);
    } else if (c == '(') {
      j = skip_group(p, i);
      std::string_view g = p.substr(i, j - i);
      // A flag setting such as (?i) holds for the rest of its group: not to be moved.
      if (g.size() >= 3 && g[1] == '?' && g.find(':') == std::string_view::npos) return false;
    } else {
      j = i + 1;
      while (j < p.size() && is_cont(p[j])) ++j;  // one character of several bytes
    }
    size_t k = skip_quantifiers(p, j);
    std::string_view it = p.substr(i, k - i);
    if (k == j && it.size() >= 4 && it.substr(0, 3) == "(?:" && it.back() == ')') {
      std::vector<std::string> inner;
      if (items(it.substr(3, it.size() - 4), inner)) {
        out.insert(out.end(), std::make_move_iterator(inner.begin()),
                   std::make_move_iterator(inner.end()));
        i = k;
        continue;
      }
    }
    out.emplace_back(it);
    i = k;
  }
  return true;
}

// `pattern` with its named groups made plain groups: (?P<name>...) -> (?:...).
std::string unname_groups(std::string_view p) {
  std::string out;
  out.reserve(p.size());
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '\\') {
      size_t j = skip_escape(p, i);
      out.append(p.substr(i, j - i));
      i = j;
    } else if (p[i] == '[') {
      size_t j = skip_class(p, i);
      out.append(p.substr(i, j - i));
      i = j;
    } else if (p.compare(i, 4, "(?P<") == 0 && p.find('>', i) != std::string_view::npos) {
      out += "(?:";
      i = p.find('>', i) + 1;
    } else {
      out += p[i++];
    }
  }
  return out;
}

size_t length(const std::vector<std::string>& v, size_t from) {
  size_t n = 0;
  for (size_t i = from; i < v.size(); ++i) n += v[i].size();
  return n;
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

// The regex that finds a kind's matches: each rule an alternative, in order. Consecutive
// rules that end alike share that ending once: A S | B S is (?:A|B) S, which tries the same
// ways to match in the same order (every way through A, each followed by every way through S,
// comes before any way through B), so it finds the same extent. The citation rules of a
// symbol each end with the date and issuer that may follow it (a third of the regex, spelled
// three times): shared, RE2 has fewer instructions to follow for each state of its DFAs, and
// builds them faster (a third less time on the first pass over the real corpus).
std::string combined_pattern(const rules::RuleSet& set, const std::string& kind) {
  constexpr size_t kShared = 64;  // the shortest ending worth sharing
  std::vector<std::string> plain;
  std::vector<std::vector<std::string>> flat;
  std::vector<char> ok;
  for (const auto& r : set.rules) {
    if (r.kind != kind) continue;
    plain.push_back(unname_groups(r.pattern));
    flat.emplace_back();
    ok.push_back(items(plain.back(), flat.back()));
  }
  std::string combined;
  for (size_t i = 0; i < plain.size();) {
    if (!combined.empty()) combined += '|';
    // The longest run of rules from i with a common ending of kShared bytes or more.
    size_t j = i + 1, shared = ok[i] ? flat[i].size() : 0;
    while (ok[i] && j < plain.size() && ok[j]) {
      size_t k = 0;
      const auto& a = flat[i];
      const auto& b = flat[j];
      while (k < shared && k < b.size() && a[a.size() - 1 - k] == b[b.size() - 1 - k]) ++k;
      if (length(a, a.size() - k) < kShared) break;
      shared = k;
      ++j;
    }
    if (j == i + 1) {
      combined += "(?:" + plain[i] + ")";
      i = j;
      continue;
    }
    combined += "(?:(?:";
    for (size_t r = i; r < j; ++r) {
      if (r > i) combined += '|';
      combined += "(?:";
      for (size_t k = 0; k + shared < flat[r].size(); ++k) combined += flat[r][k];
      combined += ')';
    }
    combined += ')';
    for (size_t k = flat[i].size() - shared; k < flat[i].size(); ++k) combined += flat[i][k];
    combined += ')';
    i = j;
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
      auto re = std::make_unique<RE2>(patterns[i], extent_options());
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
  if (!m->re_) m->re_ = std::make_unique<RE2>(combined, extent_options());
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
  if (!std::getenv("TRICH_NO_PREFILTER")) {
    std::vector<std::string> patterns;
    for (const auto& e : m->rules_) patterns.push_back(e.rule->pattern);
    m->prefilter_ = std::make_unique<Prefilter>(std::move(patterns));
  }
  m->alone_.reset(new Alone[m->rules_.size()]);
  return m;
}

const Matcher::Alone& Matcher::alone(size_t i) const {
  Alone& a = alone_[i];
  std::call_once(a.once, [&] {
    // It only ever matches a known extent, anchored at both ends: a small memory budget will
    // do (a pattern too large for it gets the usual one).
    RE2::Options small = options();
    small.set_max_mem(2 << 20);
    a.re = std::make_unique<RE2>(rules_[i].rule->pattern, small);
    if (!a.re->ok()) a.re = std::make_unique<RE2>(rules_[i].rule->pattern, options());
    for (const auto& [name, idx] : a.re->NamedCapturingGroups()) a.groups.emplace_back(name, idx);
  });
  return a;
}

void Matcher::warm(size_t item) const {
  if (item == 0) {
    if (prefilter_) prefilter_->analyze();
  } else if (item == 1) {
    re_->ReverseProgramSize();  // builds it
  } else if (item - 2 < rules_.size()) {
    alone(item - 2);
  }
}

std::vector<std::string> Matcher::patterns() const {
  std::vector<std::string> out;
  for (const auto& e : rules_) out.push_back(e.rule->pattern);
  return out;
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
    if (subs.size() < static_cast<size_t>(n)) subs.resize(static_cast<size_t>(n));
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
