#include "extract/candidates.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "base/utf8.h"

#ifdef TRICH_HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

namespace trich {

namespace {

bool is_cont(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The escapes RE2 gives an ASCII meaning that Hyperscan's UCP mode widens to Unicode; their
// members spelled out, for use inside a class.
const char* ascii_members(char c) {
  switch (c) {
    case 'd': return "0-9";
    case 's': return "\\t\\n\\f\\r\\x20";
    case 'w': return "0-9A-Za-z_";
    default: return nullptr;
  }
}

// \p{X} or \pX at p[i] == '\\': the property's name and the escape's end.
bool read_property(std::string_view p, size_t i, std::string& name, size_t& end) {
  if (i + 2 >= p.size()) return false;
  if (p[i + 2] == '{') {
    size_t close = p.find('}', i + 3);
    if (close == std::string_view::npos) return false;
    name = std::string(p.substr(i + 3, close - i - 3));
    end = close + 1;
  } else {
    name = std::string(1, p[i + 2]);
    end = i + 3;
  }
  if (!name.empty() && name[0] == '^') return false;  // \p{^X}: a negation inside the braces
  return !name.empty();
}

// A positive property as Hyperscan should see it, inside a class: the property, plus the
// code points Hyperscan's Unicode tables (older than RE2's) leave unassigned, where RE2 may
// know a letter; a cased category under case folding is any letter or mark (RE2 folds a
// class into the case orbits of its members; Hyperscan, like PCRE, does not fold \p).
std::string positive_property(const std::string& name, bool caseless) {
  if (caseless && (name == "Lu" || name == "Ll" || name == "Lt")) return "\\p{L}\\p{M}\\p{Cn}";
  return "\\p{" + name + "}\\p{Cn}";
}

// Rewrites the class at p[i] == '['; `j` is set to its end.
bool rewrite_class(std::string_view p, size_t i, bool caseless, std::string& out, size_t& j) {
  size_t k = i + 1;
  bool negated = k < p.size() && p[k] == '^';
  if (negated) ++k;
  std::string members;
  // In a negated class, \S \D \W (whose complement is RE2's ASCII \s \d \w) bound the class
  // inside that ASCII set: the set itself is a superset.
  const char* bounded = nullptr;
  bool any = false;  // a positive class with \S \D \W or \P: taken as any character
  bool first = true;
  while (k < p.size() && (p[k] != ']' || first)) {
    first = false;
    char c = p[k];
    if (c == '[' && k + 1 < p.size() && p[k + 1] == ':') {
      size_t close = p.find(":]", k + 2);
      if (close == std::string_view::npos) return false;
      if (negated) return false;  // POSIX classes are ASCII in RE2, Unicode in Hyperscan
      members.append(p.substr(k, close + 2 - k));
      k = close + 2;
      continue;
    }
    if (c != '\\') {
      size_t e = k + 1;
      while (e < p.size() && is_cont(p[e])) ++e;
      if (c == '[') {
        members += "\\[";
      } else {
        members.append(p.substr(k, e - k));
      }
      k = e;
      continue;
    }
    if (k + 1 >= p.size()) return false;
    char e = p[k + 1];
    if (const char* m = ascii_members(e)) {
      members += m;
      k += 2;
      continue;
    }
    if (e == 'S' || e == 'D' || e == 'W') {
      if (negated) {
        if (!bounded) bounded = ascii_members(static_cast<char>(e - 'A' + 'a'));
      } else {
        any = true;
      }
      k += 2;
      continue;
    }
    if (e == 'p' || e == 'P') {
      std::string name;
      size_t end;
      if (!read_property(p, k, name, end)) return false;
      if (e == 'p' && !negated) {
        members += positive_property(name, caseless);
      } else if (e == 'P' && negated) {
        return false;  // [^\P{X}] is X: newer letters of X would be missed
      } else if (e == 'P') {
        any = true;
      } else {
        members.append(p.substr(k, end - k));  // [^\p{X}]: Hyperscan excludes less
      }
      k = end;
      continue;
    }
    if (e == 'Q' || e == 'C') return false;
    // Any other escape (\x{..}, \t, \-, \\, \]): as written.
    size_t end = k + 2;
    if (e == 'x' && k + 2 < p.size() && p[k + 2] == '{') {
      size_t close = p.find('}', k);
      if (close == std::string_view::npos) return false;
      end = close + 1;
    } else {
      while (end < p.size() && is_cont(p[end])) ++end;
    }
    members.append(p.substr(k, end - k));
    k = end;
  }
  if (k >= p.size()) return false;
  j = k + 1;
  if (bounded) {
    out += std::string("[") + bounded + "]";
  } else if (any) {
    out += "(?s:.)";
  } else {
    out += negated ? "[^" : "[";
    out += members;
    out += ']';
  }
  return true;
}

}  // namespace

bool CandidateFinder::rewrite(std::string_view p, std::string& out) {
  out.clear();
  // Whether case folding is on, per open group (the outermost: the pattern's top level).
  std::vector<bool> caseless{false};
  size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      char e = p[i + 1];
      switch (e) {
        case 'b': case 'B': case 'A': case 'z':
          i += 2;  // an assertion: dropped (the language only grows)
          continue;
        case 'd': case 's': case 'w':
          out += std::string("[") + ascii_members(e) + "]";
          i += 2;
          continue;
        case 'D': case 'S': case 'W':
          out += std::string("[^") + ascii_members(static_cast<char>(e - 'A' + 'a')) + "]";
          i += 2;
          continue;
        case 'p': case 'P': {
          std::string name;
          size_t end;
          if (!read_property(p, i, name, end)) return false;
          if (e == 'p') {
            out += "[" + positive_property(name, caseless.back()) + "]";
          } else if (caseless.back()) {
            out += "(?s:.)";  // RE2 folds the complement: nearly everything
          } else {
            out.append(p.substr(i, end - i));
          }
          i = end;
          continue;
        }
        case 'Q': case 'C': case 'E':
          return false;
        default: {
          size_t end = i + 2;
          if (e == 'x' && i + 2 < p.size() && p[i + 2] == '{') {
            size_t close = p.find('}', i);
            if (close == std::string_view::npos) return false;
            end = close + 1;
          } else {
            while (end < p.size() && is_cont(p[end])) ++end;
          }
          out.append(p.substr(i, end - i));
          i = end;
          continue;
        }
      }
    }
    if (c == '[') {
      size_t end;
      if (!rewrite_class(p, i, caseless.back(), out, end)) return false;
      i = end;
      continue;
    }
    if (c == '(') {
      bool fold = caseless.back();
      if (p.compare(i, 4, "(?P<") == 0) {
        size_t close = p.find('>', i);
        if (close == std::string_view::npos) return false;
        out += "(?:";
        i = close + 1;
        caseless.push_back(fold);
        continue;
      }
      if (i + 1 < p.size() && p[i + 1] == '?') {
        // (?flags) or (?flags:...): i, s and m are kept or dropped, U (ungreedy) changes no
        // match's extent that Hyperscan reports (it reports every end).
        size_t k = i + 2;
        bool neg = false;
        std::string keep;
        bool fold_now = fold;
        while (k < p.size() && p[k] != ':' && p[k] != ')') {
          char f = p[k];
          if (f == '-') {
            neg = true;
            keep += '-';
          } else if (f == 'i') {
            fold_now = !neg;
            keep += 'i';
          } else if (f == 's') {
            keep += 's';
          } else if (f != 'm' && f != 'U') {
            return false;
          }
          ++k;
        }
        if (k >= p.size()) return false;
        if (!keep.empty() && keep.back() == '-') keep.pop_back();
        if (p[k] == ')') {  // a flag setting: holds to the end of the enclosing group
          if (!keep.empty()) out += "(?" + keep + ")";
          caseless.back() = fold_now;
          i = k + 1;
          continue;
        }
        out += "(?" + keep + ":";
        caseless.push_back(fold_now);
        i = k + 1;
        continue;
      }
      out += "(?:";
      caseless.push_back(fold);
      ++i;
      continue;
    }
    if (c == ')') {
      if (caseless.size() < 2) return false;
      caseless.pop_back();
      out += ')';
      ++i;
      continue;
    }
    if (c == '^' || c == '$') {
      ++i;  // an anchor: dropped
      continue;
    }
    if (c == '*' || c == '+' || c == '?' || c == '}') {
      out += c;
      ++i;
      // A lazy quantifier finds the same set of matches; Hyperscan reports them all anyway.
      if (i < p.size() && p[i] == '?' && c != '?') ++i;
      else if (c == '?' && i < p.size() && p[i] == '?') ++i;
      continue;
    }
    if (c == '{') {
      // {n}, {n,}, {n,m} is a quantifier (copied; its } is handled above); any other { is
      // a literal for RE2.
      size_t k = i + 1, digits = 0;
      while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k, ++digits;
      if (digits > 0 && k < p.size() && p[k] == ',') {
        ++k;
        while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k;
      }
      if (digits > 0 && k < p.size() && p[k] == '}') {
        out.append(p.substr(i, k - i));
        i = k;  // the } is copied (with a lazy ? dropped) by the branch above
        continue;
      }
      out += "\\{";
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < p.size() && is_cont(p[end])) ++end;
    out.append(p.substr(i, end - i));
    i = end;
  }
  return caseless.size() == 1;
}

#ifdef TRICH_HAVE_HYPERSCAN

struct CandidateFinder::Impl {
  hs_database_t* db = nullptr;
  std::vector<size_t> kind_of;  // Hyperscan expression id -> kind index
  std::vector<bool> covered;
  std::vector<std::string> names;
  std::string description;
  ~Impl() {
    if (db) hs_free_database(db);
  }
};

namespace {

// One scratch space per thread, grown to fit every database the thread scans with.
struct Scratch {
  hs_scratch_t* s = nullptr;
  ~Scratch() {
    if (s) hs_free_scratch(s);
  }
};
thread_local Scratch t_scratch;

struct Collect {
  const std::vector<size_t>* kind_of;
  std::vector<Windows>* out;
  bool sorted = true;
};

// Windows closer than this are searched as one: a search of RE2 costs more to start than
// to run over a few dozen bytes.
constexpr size_t kJoin = 32;

// Reports come in order of their ends; a start may reach back over earlier windows, which
// then merge with it.
int on_report(unsigned id, unsigned long long from, unsigned long long to, unsigned,
              void* ctx) {
  auto& c = *static_cast<Collect*>(ctx);
  Windows& w = (*c.out)[(*c.kind_of)[id]];
  size_t b = static_cast<size_t>(from), e = static_cast<size_t>(to);
  if (w.empty() || b > w.back().second + kJoin) {
    w.emplace_back(b, e);
    return 0;
  }
  if (e + kJoin < w.back().first) {  // wholly before the last window: sorted at the end
    c.sorted = false;
    w.emplace_back(b, e);
    return 0;
  }
  auto& last = w.back();
  last.first = std::min(last.first, b);
  last.second = std::max(last.second, e);
  while (w.size() >= 2 && w[w.size() - 2].second + kJoin >= w.back().first) {
    auto l = w.back();
    w.pop_back();
    w.back().first = std::min(w.back().first, l.first);
    w.back().second = std::max(w.back().second, l.second);
  }
  return 0;
}

void sort_merge(Windows& w) {
  std::sort(w.begin(), w.end());
  size_t out = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (out > 0 && w[i].first <= w[out - 1].second + kJoin) {
      w[out - 1].second = std::max(w[out - 1].second, w[i].second);
    } else {
      w[out++] = w[i];
    }
  }
  w.resize(out);
}

}  // namespace

std::unique_ptr<CandidateFinder> CandidateFinder::build(const std::vector<Kind>& kinds,
                                                        std::string& why) {
  if (std::getenv("TRICH_NO_HYPERSCAN")) {
    why = "TRICH_NO_HYPERSCAN is set";
    return nullptr;
  }
  auto f = std::unique_ptr<CandidateFinder>(new CandidateFinder());
  f->impl_ = std::make_unique<Impl>();
  Impl& im = *f->impl_;
  im.covered.assign(kinds.size(), true);
  for (const auto& k : kinds) im.names.push_back(k.name);
  std::vector<std::string> notes(kinds.size());
  std::vector<std::string> rewritten;
  std::vector<size_t> kind_of;
  for (size_t k = 0; k < kinds.size(); ++k) {
    for (const auto& p : kinds[k].patterns) {
      std::string r;
      if (!rewrite(p, r)) {
        im.covered[k] = false;
        notes[k] = "a pattern the rewriting does not know";
        break;
      }
      rewritten.push_back(std::move(r));
      kind_of.push_back(k);
    }
  }
  // Compile; a pattern Hyperscan rejects takes its kind out, and the rest is compiled again.
  for (;;) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    im.kind_of.clear();
    for (size_t i = 0; i < rewritten.size(); ++i) {
      if (!im.covered[kind_of[i]]) continue;
      exprs.push_back(rewritten[i].c_str());
      flags.push_back(HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST);
      ids.push_back(static_cast<unsigned>(im.kind_of.size()));
      im.kind_of.push_back(kind_of[i]);
    }
    if (exprs.empty()) {
      why = "no kind's rules compile with Hyperscan";
      for (size_t k = 0; k < kinds.size(); ++k) {
        if (!notes[k].empty()) why += fmt::format("; {}: {}", kinds[k].name, notes[k]);
      }
      return nullptr;
    }
    hs_compile_error_t* err = nullptr;
    hs_error_t rc = hs_compile_multi(exprs.data(), flags.data(), ids.data(),
                                     static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                                     nullptr, &im.db, &err);
    if (rc == HS_SUCCESS) break;
    int bad = err ? err->expression : -1;
    std::string msg = err && err->message ? err->message : "error";
    hs_free_compile_error(err);
    if (bad < 0) {
      why = "Hyperscan: " + msg;
      return nullptr;
    }
    size_t k = im.kind_of[static_cast<size_t>(bad)];
    im.covered[k] = false;
    notes[k] = "Hyperscan: " + msg;
  }
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (!im.description.empty()) im.description += "; ";
    im.description += kinds[k].name + (im.covered[k] ? ": windows" : ": whole (" + notes[k] + ")");
  }
  return f;
}

CandidateFinder::~CandidateFinder() = default;

bool CandidateFinder::available() { return true; }

bool CandidateFinder::covers(size_t k) const { return k < impl_->covered.size() && impl_->covered[k]; }

bool CandidateFinder::find(std::string_view text, std::vector<Windows>& out) const {
  out.assign(impl_->covered.size(), Windows{});
  // Hyperscan's UTF-8 mode wants valid UTF-8 (decoded text always is).
  if (text.size() > 0xFFFFFFFFu || utf8::valid_prefix(text) != text.size()) return false;
  // Grows the thread's scratch when this database needs more (cheap when it does not).
  if (hs_alloc_scratch(impl_->db, &t_scratch.s) != HS_SUCCESS) return false;
  Collect c{&impl_->kind_of, &out};
  if (hs_scan(impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, t_scratch.s,
              on_report, &c) != HS_SUCCESS) {
    return false;
  }
  if (!c.sorted) {
    for (auto& w : out) sort_merge(w);
  }
  return true;
}

std::string CandidateFinder::describe() const { return impl_->description; }

#else  // no Hyperscan: every kind is searched whole

struct CandidateFinder::Impl {};

std::unique_ptr<CandidateFinder> CandidateFinder::build(const std::vector<Kind>&,
                                                        std::string& why) {
  why = "built without Hyperscan";
  return nullptr;
}
CandidateFinder::~CandidateFinder() = default;
bool CandidateFinder::available() { return false; }
bool CandidateFinder::covers(size_t) const { return false; }
bool CandidateFinder::find(std::string_view, std::vector<Windows>&) const { return false; }
std::string CandidateFinder::describe() const { return "built without Hyperscan"; }

#endif

}  // namespace trich
