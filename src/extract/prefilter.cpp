#include "extract/prefilter.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <array>
#include <map>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include "base/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

namespace trich {

void CharSet::add_range(char32_t lo, char32_t hi) {
  for (char32_t c = lo; c <= hi && c < 0x10000; ++c) bits_[c >> 6] |= uint64_t{1} << (c & 63);
  if (hi >= 0x10000) astral_.emplace_back(std::max<char32_t>(lo, 0x10000), hi);
}


namespace {

using icu::UnicodeSet;

// ----- A regex as a tree of character classes ----------------------------------------------

struct Node {
  enum Kind { kEmpty, kClass, kConcat, kAlt, kRepeat } kind = kEmpty;
  int cls = -1;            // kClass: index of the class
  std::vector<int> kids;   // kConcat, kAlt: the parts; kRepeat: the repeated part
  int min = 0, max = -1;   // kRepeat: the least and most counts (-1: no most)
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<UnicodeSet> classes;
  std::map<std::string, UnicodeSet> properties;  // \p{...} by name, read once
  // A literal's class by code point and case folding, made once: the lexicons repeat the
  // same letters thousands of times, and closing a set over case is ICU's slowest step here.
  std::unordered_map<uint64_t, int> literals;
  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size()) - 1;
  }
  int add_class(UnicodeSet s) {
    classes.push_back(std::move(s));
    Node n;
    n.kind = Node::kClass;
    n.cls = static_cast<int>(classes.size()) - 1;
    return add(std::move(n));
  }
};

UnicodeSet ascii_set(const char* chars) {
  UnicodeSet s;
  for (const char* p = chars; *p; ++p) s.add(static_cast<UChar32>(static_cast<unsigned char>(*p)));
  return s;
}

UnicodeSet range_set(UChar32 lo, UChar32 hi) { return UnicodeSet(lo, hi); }

// Reads RE2 syntax (the subset RE2 accepts; the pattern already compiled) into a Tree. Any
// construct it does not know makes it fail, so that nothing is assumed about it.
class Parser {
 public:
  Parser(std::string_view p, Tree& t) : p_(p), t_(t) {}

  bool parse(int& root) {
    bool fold = false;
    root = alternation(fold);
    if (failed_ || i_ != p_.size()) return false;
    return true;
  }

 private:
  bool at_end() const { return i_ >= p_.size(); }
  char peek(size_t k = 0) const { return i_ + k < p_.size() ? p_[i_ + k] : '\0'; }
  void fail() { failed_ = true; }

  char32_t next_cp() {
    size_t i = i_;
    char32_t c = utf8::next(p_, i);
    i_ = std::min(i, p_.size());
    return c;
  }

  // The alternatives up to the closing ')' (not consumed) or the end. `fold` is the group's
  // case-insensitivity, which (?i) changes for the rest of the group.
  int alternation(bool fold) {
    std::vector<int> alts;
    std::vector<int> seq;
    auto close_seq = [&] {
      Node n;
      n.kind = Node::kConcat;
      n.kids = std::move(seq);
      seq.clear();
      alts.push_back(t_.add(std::move(n)));
    };
    while (!failed_ && !at_end() && peek() != ')') {
      if (peek() == '|') {
        ++i_;
        close_seq();
        continue;
      }
      int a = atom(fold);
      if (failed_) return -1;
      if (a < 0) continue;  // a flag setting such as (?i)
      a = quantifiers(a);
      seq.push_back(a);
    }
    close_seq();
    if (alts.size() == 1) return alts[0];
    Node n;
    n.kind = Node::kAlt;
    n.kids = std::move(alts);
    return t_.add(std::move(n));
  }

  int quantifiers(int a) {
    for (;;) {
      char c = peek();
      int min = -1, max = -1;
      if (c == '*') {
        min = 0;
        ++i_;
      } else if (c == '?') {
        min = 0;
        max = 1;
        ++i_;
      } else if (c == '+') {
        min = 1;
        ++i_;
      } else if (c == '{') {
        size_t j = i_ + 1;
        auto number = [&](int& v) {
          size_t digits = 0;
          v = 0;
          while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
            v = std::min(v * 10 + (p_[j] - '0'), 100000);
            ++j;
            ++digits;
          }
          return digits > 0;
        };
        if (!number(min)) return a;  // a literal '{' follows; RE2 reads it so too
        max = min;
        if (j < p_.size() && p_[j] == ',') {
          ++j;
          if (!number(max)) max = -1;
        }
        if (j >= p_.size() || p_[j] != '}') return a;
        i_ = j + 1;
      } else {
        return a;
      }
      if (peek() == '?') ++i_;  // non-greedy: the same strings
      Node r;
      r.kind = Node::kRepeat;
      r.kids = {a};
      r.min = min;
      r.max = max;
      a = t_.add(std::move(r));
    }
  }

  int literal(char32_t c, bool fold) {
    uint64_t key = (static_cast<uint64_t>(c) << 1) | (fold ? 1 : 0);
    auto it = t_.literals.find(key);
    if (it == t_.literals.end()) {
      UnicodeSet s(static_cast<UChar32>(c), static_cast<UChar32>(c));
      if (fold) s.closeOver(USET_CASE_INSENSITIVE);
      t_.classes.push_back(std::move(s));
      it = t_.literals.emplace(key, static_cast<int>(t_.classes.size()) - 1).first;
    }
    Node n;
    n.kind = Node::kClass;
    n.cls = it->second;
    return t_.add(std::move(n));
  }

  int empty() { return t_.add(Node{}); }

  // One atom; -1 when the text was only a flag setting.
  int atom(bool& fold) {
    char c = peek();
    if (c == '(') {
      ++i_;
      bool inner = fold;
      if (peek() == '?') {
        ++i_;
        if (peek() == 'P' && peek(1) == '<') {
          size_t close = p_.find('>', i_);
          if (close == std::string_view::npos) return fail(), -1;
          i_ = close + 1;
        } else {
          bool neg = false, any = false;
          while (!at_end() && peek() != ':' && peek() != ')') {
            char f = p_[i_++];
            if (f == '-') {
              neg = true;
            } else if (f == 'i') {
              inner = !neg;
              any = true;
            } else if (f == 's' || f == 'm' || f == 'U') {
              any = true;
            } else {
              return fail(), -1;
            }
          }
          if (at_end()) return fail(), -1;
          if (peek() == ')') {  // (?i): for the rest of the enclosing group
            ++i_;
            if (!any) return fail(), -1;
            fold = inner;
            return -1;
          }
          ++i_;  // ':'
        }
      }
      int a = alternation(inner);
      if (failed_ || peek() != ')') return fail(), -1;
      ++i_;
      return a;
    }
    if (c == '[') return char_class(fold);
    if (c == '.') {
      ++i_;
      return t_.add_class(range_set(0, 0x10FFFF));
    }
    if (c == '^' || c == '$') {
      ++i_;
      return empty();
    }
    if (c == '\\') return escape(fold);
    if (c == '*' || c == '+' || c == '?' || c == ')') return fail(), -1;
    return literal(next_cp(), fold);
  }

  // A class escape (\d, \pL, ...) into `s`; false when the escape is not one.
  bool class_escape(UnicodeSet& s) {
    char e = peek(1);
    UnicodeSet d = range_set('0', '9');
    UnicodeSet sp = ascii_set("\t\n\f\r ");
    UnicodeSet w = ascii_set("_");
    w.add('0', '9').add('A', 'Z').add('a', 'z');
    switch (e) {
      case 'd': s = d; break;
      case 'D': s = d.complement(); break;
      case 's': s = sp; break;
      case 'S': s = sp.complement(); break;
      case 'w': s = w; break;
      case 'W': s = w.complement(); break;
      case 'p':
      case 'P': {
        i_ += 2;
        std::string name;
        if (peek() == '{') {
          size_t close = p_.find('}', i_);
          if (close == std::string_view::npos) return fail(), false;
          name = std::string(p_.substr(i_ + 1, close - i_ - 1));
          i_ = close + 1;
        } else {
          if (at_end()) return fail(), false;
          name = std::string(1, p_[i_++]);
        }
        bool neg = e == 'P';
        if (!name.empty() && name[0] == '^') {
          neg = !neg;
          name.erase(0, 1);
        }
        for (char ch : name) {
          if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return fail(), false;
        }
        auto cached = t_.properties.find(name);
        if (cached == t_.properties.end()) {
          UErrorCode st = U_ZERO_ERROR;
          UnicodeSet u(icu::UnicodeString::fromUTF8("[\\p{" + name + "}]"), st);
          if (U_FAILURE(st)) return fail(), false;
          cached = t_.properties.emplace(name, u).first;
        }
        s = cached->second;
        if (neg) s.complement();
        return true;
      }
      default:
        return false;
    }
    i_ += 2;
    return true;
  }

  // A single-character escape (\n, \x{2022}, \.) into `c`; false when it is none.
  bool char_escape(char32_t& c) {
    char e = peek(1);
    switch (e) {
      case 'a': c = 7; break;
      case 'f': c = '\f'; break;
      case 't': c = '\t'; break;
      case 'n': c = '\n'; break;
      case 'r': c = '\r'; break;
      case 'v': c = '\v'; break;
      case 'x': {
        size_t j = i_ + 2;
        std::string hex;
        if (j < p_.size() && p_[j] == '{') {
          size_t close = p_.find('}', j);
          if (close == std::string_view::npos) return fail(), false;
          hex = std::string(p_.substr(j + 1, close - j - 1));
          j = close + 1;
        } else {
          hex = std::string(p_.substr(j, 2));
          j += 2;
        }
        if (hex.empty() || hex.size() > 8 ||
            hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
          return fail(), false;
        }
        c = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
        if (c > 0x10FFFF) return fail(), false;
        i_ = j;
        return true;
      }
      default:
        if (e > 0 && e < 0x7F && !std::isalnum(static_cast<unsigned char>(e))) {
          c = static_cast<unsigned char>(e);  // escaped punctuation stands for itself
          break;
        }
        return false;
    }
    i_ += 2;
    return true;
  }

  int escape(bool fold) {
    char e = peek(1);
    if (e == 'b' || e == 'B' || e == 'A' || e == 'z') {
      i_ += 2;
      return empty();
    }
    if (e == 'Q') {  // \Q...\E: literal text
      i_ += 2;
      size_t close = p_.find("\\E", i_);
      std::string_view lit = p_.substr(i_, close == std::string_view::npos ? p_.npos : close - i_);
      i_ = close == std::string_view::npos ? p_.size() : close + 2;
      Node n;
      n.kind = Node::kConcat;
      size_t k = 0;
      while (k < lit.size()) n.kids.push_back(literal(utf8::next(lit, k), fold));
      return t_.add(std::move(n));
    }
    UnicodeSet s;
    if (class_escape(s)) {
      if (failed_) return -1;
      return fold_class(std::move(s), fold, is_negated_escape(e));
    }
    if (failed_) return -1;
    char32_t c;
    if (char_escape(c)) return literal(c, fold);
    return fail(), -1;
  }

  static bool is_negated_escape(char e) { return e == 'D' || e == 'S' || e == 'W' || e == 'P'; }

  // Case folding makes a class larger; for a negated one, the class before folding is already
  // at least as large as RE2's (it negates after folding), so it is kept as it is.
  int fold_class(UnicodeSet s, bool fold, bool negated) {
    if (fold && !negated) s.closeOver(USET_CASE_INSENSITIVE);
    return t_.add_class(std::move(s));
  }

  bool posix_class(UnicodeSet& s) {
    size_t close = p_.find(":]", i_ + 2);
    if (close == std::string_view::npos) return false;
    std::string name(p_.substr(i_ + 2, close - i_ - 2));
    bool neg = !name.empty() && name[0] == '^';
    if (neg) name.erase(0, 1);
    static const std::map<std::string, std::vector<std::pair<int, int>>> table = {
        {"alnum", {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}}},
        {"alpha", {{'A', 'Z'}, {'a', 'z'}}},
        {"ascii", {{0, 0x7F}}},
        {"blank", {{'\t', '\t'}, {' ', ' '}}},
        {"cntrl", {{0, 0x1F}, {0x7F, 0x7F}}},
        {"digit", {{'0', '9'}}},
        {"graph", {{'!', '~'}}},
        {"lower", {{'a', 'z'}}},
        {"print", {{' ', '~'}}},
        {"punct", {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}}},
        {"space", {{'\t', '\r'}, {' ', ' '}}},
        {"upper", {{'A', 'Z'}}},
        {"word", {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {'_', '_'}}},
        {"xdigit", {{'0', '9'}, {'A', 'F'}, {'a', 'f'}}},
    };
    auto it = table.find(name);
    if (it == table.end()) return fail(), false;
    s.clear();
    for (auto [lo, hi] : it->second) s.add(lo, hi);
    if (neg) s.complement();
    i_ = close + 2;
    return true;
  }

  int char_class(bool fold) {
    ++i_;  // '['
    bool negated = false;
    if (peek() == '^') {
      negated = true;
      ++i_;
    }
    UnicodeSet s;
    bool first = true;
    while (!failed_) {
      if (at_end()) return fail(), -1;
      char c = peek();
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[' && peek(1) == ':') {
        UnicodeSet p;
        if (!posix_class(p)) return fail(), -1;
        s.addAll(p);
        continue;
      }
      char32_t lo;
      if (c == '\\') {
        UnicodeSet e;
        if (class_escape(e)) {
          s.addAll(e);
          continue;
        }
        if (failed_ || !char_escape(lo)) return fail(), -1;
      } else {
        lo = next_cp();
      }
      char32_t hi = lo;
      if (peek() == '-' && peek(1) != ']' && peek(1) != '\0') {
        ++i_;
        if (peek() == '\\') {
          if (!char_escape(hi)) return fail(), -1;
        } else {
          hi = next_cp();
        }
        if (hi < lo) return fail(), -1;
      }
      s.add(static_cast<UChar32>(lo), static_cast<UChar32>(hi));
    }
    if (failed_) return -1;
    if (negated) {
      s.complement();  // RE2 folds before negating: the unfolded complement is a superset
      return t_.add_class(std::move(s));
    }
    return fold_class(std::move(s), fold, false);
  }

  std::string_view p_;
  Tree& t_;
  size_t i_ = 0;
  bool failed_ = false;
};


// The code point starting at text[i] and its length (an invalid byte reads as U+FFFD, 1 byte).
inline char32_t decode_at(std::string_view text, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + n > text.size()) {
    len = 1;
    return 0xFFFD;
  }
  size_t k = i;
  char32_t cp = utf8::next(text, k);
  len = n;
  return cp;
}

// ----- What every match must hold -------------------------------------------------------------

// Choices of trigger for a pattern: every match holds a character of each item's set, or two
// adjacent characters of an item's pair of sets. An item is a class, a pair, or an alternation
// whose set is the union of one item chosen in each branch.
struct Req {
  int cls = -1;                             // a class of the tree
  // When set: a character of `first` followed right away by one of `second`.
  std::shared_ptr<const std::pair<UnicodeSet, UnicodeSet>> pair;
  std::vector<std::vector<Req>> branches;   // when cls < 0 and no pair: the items of each branch
};
using ReqList = std::vector<Req>;

// What a node's non-empty matches may start and end with, and whether it matches the empty
// string (memoized per node).
struct Edges {
  const Tree& t;
  std::vector<signed char> nul;  // -1 unknown
  std::vector<std::unique_ptr<UnicodeSet>> fst, lst;
  explicit Edges(const Tree& tree)
      : t(tree), nul(tree.nodes.size(), -1), fst(tree.nodes.size()), lst(tree.nodes.size()) {}

  bool nullable(int n) {
    signed char& v = nul[static_cast<size_t>(n)];
    if (v >= 0) return v;
    const Node& node = t.nodes[static_cast<size_t>(n)];
    bool r = false;
    switch (node.kind) {
      case Node::kEmpty: r = true; break;
      case Node::kClass: r = false; break;
      case Node::kConcat:
        r = true;
        for (int k : node.kids) r = r && nullable(k);
        break;
      case Node::kAlt:
        for (int k : node.kids) r = r || nullable(k);
        break;
      case Node::kRepeat: r = node.min == 0 || nullable(node.kids[0]); break;
    }
    v = r;
    return r;
  }

  const UnicodeSet& edge(int n, bool last) {
    auto& slot = (last ? lst : fst)[static_cast<size_t>(n)];
    if (slot) return *slot;
    const Node& node = t.nodes[static_cast<size_t>(n)];
    UnicodeSet u;
    switch (node.kind) {
      case Node::kEmpty: break;
      case Node::kClass: u = t.classes[static_cast<size_t>(node.cls)]; break;
      case Node::kConcat: {
        const size_t m = node.kids.size();
        for (size_t i = 0; i < m; ++i) {
          int k = node.kids[last ? m - 1 - i : i];
          u.addAll(edge(k, last));
          if (!nullable(k)) break;
        }
        break;
      }
      case Node::kAlt:
        for (int k : node.kids) u.addAll(edge(k, last));
        break;
      case Node::kRepeat: u = edge(node.kids[0], last); break;
    }
    slot = std::make_unique<UnicodeSet>(std::move(u));
    return *slot;
  }
};

ReqList required(const Tree& t, int n, Edges& ed) {
  const Node& node = t.nodes[static_cast<size_t>(n)];
  switch (node.kind) {
    case Node::kEmpty:
      return {};
    case Node::kClass:
      return {Req{node.cls, nullptr, {}}};
    case Node::kConcat: {
      ReqList out;
      const auto& kids = node.kids;
      for (size_t i = 0; i < kids.size(); ++i) {
        auto r = required(t, kids[i], ed);
        out.insert(out.end(), std::make_move_iterator(r.begin()), std::make_move_iterator(r.end()));
        // A kid that always reads a character, and the next one that does: the last character
        // of the one is followed right away by the first of the kids up to the other.
        if (ed.nullable(kids[i])) continue;
        UnicodeSet next;
        size_t j = i + 1;
        for (; j < kids.size(); ++j) {
          next.addAll(ed.edge(kids[j], false));
          if (!ed.nullable(kids[j])) break;
        }
        if (j < kids.size() && !next.isEmpty()) {
          out.push_back(Req{-1, std::make_shared<const std::pair<UnicodeSet, UnicodeSet>>(
                                    ed.edge(kids[i], true), std::move(next)), {}});
          // And the other way: the first character of kid j follows right after the last of
          // the kids from i up to it ("s" of "so" or a space, then a digit).
          if (j > i + 1) {
            UnicodeSet before;
            for (size_t k = i; k < j; ++k) before.addAll(ed.edge(kids[k], true));
            out.push_back(Req{-1, std::make_shared<const std::pair<UnicodeSet, UnicodeSet>>(
                                      std::move(before), ed.edge(kids[j], false)), {}});
          }
        }
      }
      return out;
    }
    case Node::kAlt: {
      Req alt;
      for (int k : node.kids) {
        auto r = required(t, k, ed);
        if (r.empty()) return {};  // this branch can do without any character
        alt.branches.push_back(std::move(r));
      }
      return {std::move(alt)};
    }
    case Node::kRepeat: {
      if (node.min < 1) return {};
      ReqList out = required(t, node.kids[0], ed);
      int kid = node.kids[0];
      if (node.min >= 2 && !ed.nullable(kid)) {  // one repetition is followed by another
        out.push_back(Req{-1, std::make_shared<const std::pair<UnicodeSet, UnicodeSet>>(
                                  ed.edge(kid, true), ed.edge(kid, false)), {}});
      }
      return out;
    }
  }
  return {};
}

// How common a character is in running text, by its kind alone: a guess for what a sample of
// text lacks (Costs below), so that it is not free. Only relative sizes matter.
struct Guess {
  static double of(UChar32 c) {
    if (c >= '0' && c <= '9') return 1;
    if (c >= 'a' && c <= 'z') return 10;
    if (c >= 'A' && c <= 'Z') return 2;
    if (c == ' ') return 60;
    if (c == '\n') return 5;
    if (c == ',' || c == '.') return 8;
    if (c < 0x20 || c == 0x7F) return 0.5;
    if (c < 0x80) return 1;
    return u_isalpha(c) ? 3 : 0.3;
  }
  static double cost(const UnicodeSet& s) {
    if (s.size() > 4096) return 1e12;
    double c = 0;
    for (int32_t r = 0; r < s.getRangeCount(); ++r) {
      for (UChar32 x = s.getRangeStart(r); x <= s.getRangeEnd(r); ++x) c += of(x);
    }
    return c;
  }
};

// ----- The automaton ----------------------------------------------------------------------------

size_t tree_size(const Tree& t, int n) {
  size_t s = 1;
  for (int k : t.nodes[static_cast<size_t>(n)].kids) s += tree_size(t, k);
  return s;
}

// A Thompson automaton built from the tree, with empty moves. Small counted repetitions are
// spelled out (so that a run stops after {0,8} words); larger ones loop.
struct Nfa {
  struct State {
    int cls = -1;  // >= 0: reads a character of this tree class; else an empty move
    std::vector<int> out;
  };
  std::vector<State> s;
  int add(int cls = -1) {
    s.push_back(State{cls, {}});
    return static_cast<int>(s.size()) - 1;
  }
  void link(int a, int b) { s[static_cast<size_t>(a)].out.push_back(b); }

  std::pair<int, int> build(const Tree& t, int n) {
    const Node& node = t.nodes[static_cast<size_t>(n)];
    switch (node.kind) {
      case Node::kEmpty: {
        int e = add();
        return {e, e};
      }
      case Node::kClass: {
        int c = add(node.cls), e = add();
        link(c, e);
        return {c, e};
      }
      case Node::kConcat: {
        int in = add(), cur = in;
        for (int k : node.kids) {
          auto [a, b] = build(t, k);
          link(cur, a);
          cur = b;
        }
        return {in, cur};
      }
      case Node::kAlt: {
        int in = add(), out = add();
        for (int k : node.kids) {
          auto [a, b] = build(t, k);
          link(in, a);
          link(b, out);
        }
        return {in, out};
      }
      case Node::kRepeat: {
        int kid = node.kids[0];
        if (node.max >= 0 && node.max <= 8 && node.min <= node.max &&
            tree_size(t, kid) * static_cast<size_t>(node.max) <= 512) {
          int in = add(), cur = in, out = add();
          for (int i = 0; i < node.min; ++i) {
            auto [a, b] = build(t, kid);
            link(cur, a);
            cur = b;
          }
          for (int i = node.min; i < node.max; ++i) {
            auto [a, b] = build(t, kid);
            link(cur, a);
            link(cur, out);
            cur = b;
          }
          link(cur, out);
          return {in, out};
        }
        auto [a, b] = build(t, kid);
        int in = add(), out = add();
        link(in, a);
        link(b, out);
        link(b, a);                        // once more
        if (node.min == 0) link(in, out);  // not at all
        return {in, out};
      }
    }
    return {add(), add()};
  }
};

std::string show(const UnicodeSet& u) {
  icu::UnicodeString s;
  u.toPattern(s, true);
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The start of the code point that ends right before `i`, not below `floor` (i > floor).
inline size_t prev_start(std::string_view text, size_t i, size_t floor) {
  size_t j = i - 1;
  for (int k = 0; k < 3 && j > floor && !utf8::is_lead(static_cast<unsigned char>(text[j])); ++k) --j;
  return j;
}

constexpr size_t kGap = 64;            // windows closer than this are searched as one
constexpr size_t kTuneMin = 16 << 10;  // a text this long tunes the triggers
constexpr size_t kTuneSample = 256 << 10;  // characters counted
constexpr size_t kTimeSample = 128 << 10;  // bytes searched both ways
constexpr size_t kMaxSets = 2048;      // a thread's memo of automaton runs starts over beyond

std::atomic<uint64_t> g_plan_serial{0};

}  // namespace

// The reading states of the automaton (empty moves folded away), over classes of characters
// that no pattern tells apart.
struct Prefilter::Automaton {
  std::vector<UnicodeSet> sets;                  // distinct classes of the patterns
  std::vector<const UnicodeSet*> tree_sets;      // tree class -> its distinct class
  std::vector<ReqList> reqs;                     // per rule: choices of trigger
  std::vector<int> cls;                          // per state: its distinct class
  std::vector<uint32_t> succ_at, pred_at;        // per state: offsets into succ / pred
  std::vector<int> succ, pred;                   // states that may read the next / previous
  std::vector<char> first, accepts;              // may read a match's first / last character
  std::vector<int> firsts;                       // the states with `first`
  // Characters in the same equivalence class belong to the same classes of the patterns.
  std::vector<uint16_t> eq_bmp;                  // per BMP code point
  std::vector<std::pair<char32_t, uint16_t>> eq_astral;  // (start of a run, class), sorted
  std::vector<char32_t> eq_sample;               // a character of each equivalence class
  size_t neq = 0, words = 0;
  std::vector<uint64_t> set_eq;                  // per distinct class: which eq classes it holds

  size_t size() const { return cls.size(); }
  uint16_t eq(char32_t c) const {
    if (c < 0x10000) return eq_bmp[c];
    auto it = std::upper_bound(eq_astral.begin(), eq_astral.end(), c,
                               [](char32_t x, const auto& e) { return x < e.first; });
    return it == eq_astral.begin() ? 0 : std::prev(it)->second;
  }
  bool reads(int q, uint16_t e) const {
    return (set_eq[static_cast<size_t>(cls[static_cast<size_t>(q)]) * words + e / 64] >> (e % 64)) & 1;
  }
};

struct Prefilter::Plan {
  uint64_t serial = 0;
  std::vector<char> trig;                        // per eq class: a trigger
  // Pairs of adjacent characters that are triggers (the position of the first), by eq classes
  // (e1 * neq + e2); first2: per eq class, the first of such a pair (and no trigger alone).
  size_t neq = 0;
  bool has_pairs = false;
  std::vector<char> trig2, first2;
  // Bytes whose presence marks a possible trigger (or first of a pair): the ASCII ones, and
  // the last byte of the UTF-8 form of the others.
  bool probe_table[256] = {};
  // For a vectorized search: ranges of ASCII triggers, and the last two bytes of the others.
  std::vector<std::pair<uint8_t, uint8_t>> ascii, pairs;
  bool vector = false;
#if defined(__SSE2__)
  __m128i ascii_lo[6], ascii_span[6], pair_a[12], pair_b[12];
#endif
  // For a vectorized search of pairs (SSSE3): up to 8 probes, each a first character (its
  // last byte, or its last two) and the bytes that follow it (the first two of a second
  // character), as sets of bytes at 4 offsets. Bit j of nib_lo[k][n] (nib_hi[k][n]): probe j
  // accepts at offset k a byte whose low (high) nibble is n: a byte passes when both say so,
  // which may let through more than the set (check() decides). Probes in `late` look at the
  // last two bytes of their first character: their mask bit is for the byte after offset 0.
  bool nibble = false, avx2 = false;
  uint8_t late = 0, early = 0;
  uint8_t nib_lo[4][16] = {}, nib_hi[4][16] = {};
  bool off = false;  // the windows would cost more than searching everything
  // Per eq class of triggers: the states that may read it as a match's first trigger.
  std::vector<std::vector<int>> init;
  // Per state: the predecessors that may read a character before a match's first trigger.
  std::vector<uint32_t> pred_at;
  std::vector<int> pred;
  std::string description;
};

Prefilter::~Prefilter() = default;

namespace {

// Memoized runs of the automaton over sets of states (a lazily built DFA), per thread.
struct SetTable {
  size_t stride = 0;
  std::unordered_map<std::string, int32_t> index;
  std::vector<std::vector<int>> sets;
  std::vector<char> has_first;
  std::vector<int32_t> next;  // sets * stride, -1 unknown

  void reset(size_t s) {
    stride = s;
    index.clear();
    sets.clear();
    has_first.clear();
    next.clear();
    std::vector<int> none;
    intern(none, nullptr);  // set 0 is the empty set
  }
  int32_t intern(std::vector<int>& v, const Prefilter::Automaton* a) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    std::string key(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(int));
    auto [it, fresh] = index.emplace(std::move(key), static_cast<int32_t>(sets.size()));
    if (fresh) {
      bool f = false;
      if (a) {
        for (int q : v) f = f || a->first[static_cast<size_t>(q)];
      }
      sets.push_back(v);
      has_first.push_back(f);
      next.resize(next.size() + stride, -1);
    }
    return it->second;
  }
};

struct Runs {
  uint64_t serial = 0;
  SetTable back, fwd;
  std::vector<int32_t> back_init;  // per eq class
  std::vector<int> tmp;

  void reset(const Prefilter::Automaton& a) {
    back.reset(a.neq);
    fwd.reset(a.neq * 2);
    back_init.assign(a.neq, -1);
  }
};

Runs& runs_for(const Prefilter::Automaton& a, const Prefilter::Plan& plan) {
  thread_local std::vector<std::unique_ptr<Runs>> cache;
  for (auto& r : cache) {
    if (r->serial == plan.serial) {
      if (r->back.sets.size() + r->fwd.sets.size() > kMaxSets) r->reset(a);
      return *r;
    }
  }
  if (cache.size() >= 16) cache.erase(cache.begin());
  cache.push_back(std::make_unique<Runs>());
  cache.back()->serial = plan.serial;
  cache.back()->reset(a);
  return *cache.back();
}

// Backward: from the states of set s, those that may read a character of class e before them.
int32_t step_back(const Prefilter::Automaton& a, const Prefilter::Plan& plan, Runs& r, int32_t s,
                  uint16_t e) {
  int32_t& slot = r.back.next[static_cast<size_t>(s) * r.back.stride + e];
  if (slot >= 0) return slot;
  r.tmp.clear();
  for (int q : r.back.sets[static_cast<size_t>(s)]) {
    for (uint32_t k = plan.pred_at[static_cast<size_t>(q)]; k < plan.pred_at[static_cast<size_t>(q) + 1]; ++k) {
      int p = plan.pred[k];
      if (a.reads(p, e)) r.tmp.push_back(p);
    }
  }
  int32_t id = r.back.intern(r.tmp, &a);
  r.back.next[static_cast<size_t>(s) * r.back.stride + e] = id;  // `slot` may have moved
  return id;
}

// Forward: the states after reading a character of class e from set s (plus every first state
// when `inject`); the low bit says whether a match could end with that character.
int32_t step_fwd(const Prefilter::Automaton& a, Runs& r, int32_t s, uint16_t e, bool inject) {
  size_t at = static_cast<size_t>(s) * r.fwd.stride + e * 2u + inject;
  if (r.fwd.next[at] >= 0) return r.fwd.next[at];
  r.tmp.clear();
  bool acc = false;
  auto read = [&](int q) {
    if (!a.reads(q, e)) return;
    acc = acc || a.accepts[static_cast<size_t>(q)];
    for (uint32_t k = a.succ_at[static_cast<size_t>(q)]; k < a.succ_at[static_cast<size_t>(q) + 1]; ++k) {
      r.tmp.push_back(a.succ[k]);
    }
  };
  for (int q : r.fwd.sets[static_cast<size_t>(s)]) read(q);
  if (inject) {
    for (int q : a.firsts) read(q);
  }
  int32_t id = r.fwd.intern(r.tmp, nullptr);
  int32_t v = id * 2 + (acc ? 1 : 0);
  r.fwd.next[at] = v;
  return v;
}

// The characters of each equivalence class.
std::vector<UnicodeSet> eq_sets(const Prefilter::Automaton& a) {
  std::vector<UnicodeSet> out(a.neq);
  for (char32_t c = 0; c < 0x10000;) {
    char32_t d = c + 1;
    while (d < 0x10000 && a.eq_bmp[d] == a.eq_bmp[c]) ++d;
    out[a.eq_bmp[c]].add(static_cast<UChar32>(c), static_cast<UChar32>(d - 1));
    c = d;
  }
  for (size_t k = 0; k < a.eq_astral.size(); ++k) {
    char32_t lo = a.eq_astral[k].first;
    char32_t hi = k + 1 < a.eq_astral.size() ? a.eq_astral[k + 1].first : 0x110000;
    out[a.eq_astral[k].second].add(static_cast<UChar32>(lo), static_cast<UChar32>(hi - 1));
  }
  return out;
}

constexpr size_t kPairEq = 256;   // pairs are considered when there are no more eq classes
constexpr double kProbe = 0.02;   // what looking at the next character costs, against a trigger
constexpr double kCommon = 1e12;  // the cost of a class too large to be a trigger

// How often each equivalence class, and each pair of adjacent ones, occurs in a sample of text
// (a fraction of its characters), plus a small guess by kind of character so that what the
// sample lacks is not free.
struct Costs {
  size_t neq = 0;
  bool pairs = false;
  std::vector<double> one, two;
  Costs(const Prefilter::Automaton& a, const std::vector<UnicodeSet>& sets, std::string_view sample)
      : neq(a.neq), pairs(a.neq <= kPairEq) {
    std::vector<double> n1(neq, 0), n2(pairs ? neq * neq : 0, 0);
    size_t total = 0, i = 0;
    int prev = -1;
    while (i < sample.size()) {
      size_t len;
      uint16_t e = a.eq(decode_at(sample, i, len));
      ++n1[e];
      if (pairs && prev >= 0) ++n2[static_cast<size_t>(prev) * neq + e];
      prev = e;
      ++total;
      i += len;
    }
    double tot = total ? static_cast<double>(total) : 1;
    std::vector<double> g(neq);
    one.resize(neq);
    for (size_t e = 0; e < neq; ++e) {
      g[e] = Guess::cost(sets[e]);
      one[e] = g[e] >= 1e11 ? kCommon : n1[e] / tot + 1e-5 * g[e];
    }
    if (pairs) {
      two.resize(neq * neq);
      for (size_t e1 = 0; e1 < neq; ++e1) {
        for (size_t e2 = 0; e2 < neq; ++e2) {
          double m = std::min(g[e1], g[e2]);
          two[e1 * neq + e2] = m >= 1e11 ? kCommon : n2[e1 * neq + e2] / tot + 1e-6 * m;
        }
      }
    }
  }
};

// A set of triggers: eq classes (any of their characters), and pairs of eq classes.
struct TSet {
  bool common = false;          // too common to be a trigger
  std::vector<uint16_t> one;    // sorted
  std::vector<uint32_t> two;    // e1 * neq + e2, sorted
};

// A union of sets of triggers, and what it costs: its triggers, plus the characters where a
// pair is looked for.
class Union {
 public:
  explicit Union(const Costs& c)
      : c_(c), one_(c.neq, 0), two_(c.pairs ? c.neq * c.neq : 0, 0), psum_(c.neq, 0),
        pcount_(c.neq, 0), mark_(c.neq, 0) {}

  double cost() const { return cost_; }
  bool has_one(size_t e) const { return one_[e]; }
  bool has_two(size_t p) const { return two_[p]; }
  bool first_of_pair(size_t e) const { return pcount_[e] > 0 && !one_[e]; }

  double extra(const TSet& x) const {
    if (x.common) return kCommon;
    double d = 0;
    ++gen_;
    for (uint16_t e : x.one) {
      if (one_[e]) continue;
      d += c_.one[e] - psum_[e] - (pcount_[e] ? kProbe * c_.one[e] : 0);
      mark_[e] = gen_;
    }
    for (uint32_t p : x.two) {
      size_t e1 = p / c_.neq;
      if (one_[e1] || mark_[e1] == gen_ || two_[p]) continue;
      d += c_.two[p];
      if (pcount_[e1] == 0 && mark_[e1] != gen_ + 1u) {
        d += kProbe * c_.one[e1];
        mark_[e1] = gen_ + 1u;  // its probe is counted
      }
    }
    ++gen_;
    return d;
  }

  void add(const TSet& x) {
    if (x.common) {
      cost_ = kCommon;
      return;
    }
    for (uint16_t e : x.one) {
      if (one_[e]) continue;
      cost_ += c_.one[e] - psum_[e] - (pcount_[e] ? kProbe * c_.one[e] : 0);
      one_[e] = 1;
    }
    for (uint32_t p : x.two) {
      size_t e1 = p / c_.neq;
      if (one_[e1] || two_[p]) continue;
      two_[p] = 1;
      cost_ += c_.two[p];
      psum_[e1] += c_.two[p];
      if (pcount_[e1]++ == 0) cost_ += kProbe * c_.one[e1];
    }
  }

 private:
  const Costs& c_;
  std::vector<char> one_, two_;
  std::vector<double> psum_;
  std::vector<uint32_t> pcount_;
  mutable std::vector<uint32_t> mark_;
  mutable uint32_t gen_ = 0;
  double cost_ = 0;
};

struct Chooser {
  const Prefilter::Automaton& a;
  const Costs& c;

  std::vector<uint16_t> eqs_of(const UnicodeSet& s) const {
    std::vector<uint16_t> out;
    for (size_t e = 0; e < a.neq; ++e) {
      if (s.contains(static_cast<UChar32>(a.eq_sample[e]))) out.push_back(static_cast<uint16_t>(e));
    }
    return out;
  }
  // What x costs by itself (as Union(c).extra(x), without building a union).
  double solo(const TSet& x) const {
    if (x.common) return kCommon;
    double d = 0;
    for (uint16_t e : x.one) d += c.one[e];
    size_t k = 0, j = 0;
    while (k < x.two.size()) {
      size_t e1 = x.two[k] / c.neq;
      while (j < x.one.size() && x.one[j] < e1) ++j;
      bool covered = j < x.one.size() && x.one[j] == e1;
      if (!covered) d += kProbe * c.one[e1];
      for (; k < x.two.size() && x.two[k] / c.neq == e1; ++k) {
        if (!covered) d += c.two[x.two[k]];
      }
    }
    return d;
  }

  TSet choose(const Req& r) const {
    TSet t;
    if (r.cls >= 0) {
      size_t k = static_cast<size_t>(a.tree_sets[static_cast<size_t>(r.cls)] - a.sets.data());
      for (size_t e = 0; e < a.neq; ++e) {
        if ((a.set_eq[k * a.words + e / 64] >> (e % 64)) & 1) t.one.push_back(static_cast<uint16_t>(e));
      }
      return t;
    }
    if (r.pair) {
      if (!c.pairs) return t.common = true, t;
      auto e1 = eqs_of(r.pair->first), e2 = eqs_of(r.pair->second);
      if (e1.size() * e2.size() > 4096) return t.common = true, t;
      for (uint16_t x : e1) {
        for (uint16_t y : e2) t.two.push_back(static_cast<uint32_t>(x) * static_cast<uint32_t>(c.neq) + y);
      }
      return t;
    }
    Union all(c);
    for (const auto& items : r.branches) {
      const TSet* best = nullptr;
      TSet keep;
      double best_cost = -1;
      for (const auto& it : items) {
        TSet s = choose(it);
        double k = solo(s);
        if (best_cost < 0 || k < best_cost) {
          keep = std::move(s);
          best = &keep;
          best_cost = k;
        }
      }
      if (!best || best->common) return t.common = true, t;
      all.add(*best);
    }
    for (size_t e = 0; e < c.neq; ++e) {
      if (all.has_one(e)) t.one.push_back(static_cast<uint16_t>(e));
    }
    for (size_t p = 0; c.pairs && p < c.neq * c.neq; ++p) {
      if (all.has_two(p) && !all.has_one(p / c.neq)) t.two.push_back(static_cast<uint32_t>(p));
    }
    return t;
  }
};

std::unique_ptr<Prefilter::Plan> make_plan(const Prefilter::Automaton& a,
                                           const std::vector<UnicodeSet>& sets, const Costs& costs) {
  const Chooser ch{a, costs};
  // Each rule's choices of trigger (a class every match of it holds, or a pair of adjacent
  // classes).
  const size_t nrules = a.reqs.size();
  std::vector<std::vector<TSet>> options(nrules);
  std::vector<std::vector<double>> solo(nrules);
  for (size_t i = 0; i < nrules; ++i) {
    for (const auto& r : a.reqs[i]) {
      options[i].push_back(ch.choose(r));
      solo[i].push_back(ch.solo(options[i].back()));
    }
  }
  // The triggers are the union of one choice per rule, and what costs is how common the
  // union's characters (and pairs) are. Greedily, each rule takes the choice that adds least
  // to the union so far, starting from nothing or from one of the choices (the order of the
  // rules would bias a plain greedy: the "a" with breve of "nam 2020" when every rule of
  // dates needs a digit of a year anyway).
  std::unique_ptr<Union> best;
  auto greedy = [&](const TSet* seed) {
    std::vector<size_t> p(nrules, 0);
    Union u(costs);
    if (seed) u.add(*seed);
    for (size_t i = 0; i < nrules; ++i) {
      double best_cost = -1;
      for (size_t k = 0; k < options[i].size(); ++k) {
        double c = u.extra(options[i][k]) + 1e-3 * solo[i][k];
        if (best_cost < 0 || c < best_cost) {
          p[i] = k;
          best_cost = c;
        }
      }
      if (best_cost < 0 || best_cost >= 1e11) return;  // only common characters: no use
      u.add(options[i][p[i]]);
    }
    // The union of the picks alone (the seed may hold what no rule took).
    auto v = std::make_unique<Union>(costs);
    for (size_t i = 0; i < nrules; ++i) v->add(options[i][p[i]]);
    if (!best || v->cost() < best->cost()) best = std::move(v);
  };
  greedy(nullptr);
  for (size_t i = 0; i < nrules; ++i) {
    for (size_t k = 0; k < options[i].size(); ++k) {
      if (!best || solo[i][k] < best->cost()) greedy(&options[i][k]);
    }
  }
  if (!best || best->cost() >= 1e11) return nullptr;
  UnicodeSet trig, probe_chars;
  for (size_t e = 0; e < a.neq; ++e) {
    if (best->has_one(e)) trig.addAll(sets[e]);
    if (best->has_one(e) || best->first_of_pair(e)) probe_chars.addAll(sets[e]);
  }
  if (probe_chars.isEmpty() || probe_chars.size() > 1024) return nullptr;

  auto p = std::make_unique<Prefilter::Plan>();
  p->serial = ++g_plan_serial;
  p->neq = a.neq;
  p->trig.assign(a.neq, 0);
  p->first2.assign(a.neq, 0);
  for (size_t e = 0; e < a.neq; ++e) {
    p->trig[e] = best->has_one(e);
    p->first2[e] = best->first_of_pair(e);
    p->has_pairs = p->has_pairs || p->first2[e];
  }
  std::string pair_desc;
  if (p->has_pairs) {
    p->trig2.assign(a.neq * a.neq, 0);
    for (size_t e1 = 0; e1 < a.neq; ++e1) {
      if (!p->first2[e1]) continue;
      UnicodeSet seconds;
      for (size_t e2 = 0; e2 < a.neq; ++e2) {
        if (best->has_two(e1 * a.neq + e2)) {
          p->trig2[e1 * a.neq + e2] = 1;
          seconds.addAll(sets[e2]);
        }
      }
      pair_desc += " " + show(sets[e1]) + show(seconds);
    }
  }

  // States that may be reached with no trigger read before them ("clean"): a match's first
  // trigger is read by a clean state, and so is every character before it.
  const size_t n = a.size();
  std::vector<char> clean(n, 0), reads_other(n, 0);
  std::vector<uint64_t> other_eq(a.words, 0);  // the eq classes that are no trigger
  for (size_t e = 0; e < a.neq; ++e) {
    if (!p->trig[e]) other_eq[e / 64] |= uint64_t{1} << (e % 64);
  }
  std::vector<char> set_other(a.sets.size(), 0);
  for (size_t k = 0; k < a.sets.size(); ++k) {
    for (size_t w = 0; w < a.words; ++w) set_other[k] = set_other[k] || (a.set_eq[k * a.words + w] & other_eq[w]);
  }
  for (size_t q = 0; q < n; ++q) reads_other[q] = set_other[static_cast<size_t>(a.cls[q])];
  std::vector<int> work;
  for (int q : a.firsts) {
    clean[static_cast<size_t>(q)] = 1;
    work.push_back(q);
  }
  while (!work.empty()) {
    size_t q = static_cast<size_t>(work.back());
    work.pop_back();
    if (!reads_other[q]) continue;
    for (uint32_t k = a.succ_at[q]; k < a.succ_at[q + 1]; ++k) {
      size_t r = static_cast<size_t>(a.succ[k]);
      if (!clean[r]) {
        clean[r] = 1;
        work.push_back(static_cast<int>(r));
      }
    }
  }
  p->pred_at.assign(n + 1, 0);
  for (size_t q = 0; q < n; ++q) {
    for (uint32_t k = a.pred_at[q]; k < a.pred_at[q + 1]; ++k) {
      size_t r = static_cast<size_t>(a.pred[k]);
      if (clean[r] && reads_other[r]) p->pred.push_back(static_cast<int>(r));
    }
    p->pred_at[q + 1] = static_cast<uint32_t>(p->pred.size());
  }
  p->init.assign(a.neq, {});
  for (size_t e = 0; e < a.neq; ++e) {
    if (!p->trig[e] && !p->first2[e]) continue;
    for (size_t q = 0; q < n; ++q) {
      if (clean[q] && a.reads(static_cast<int>(q), static_cast<uint16_t>(e))) p->init[e].push_back(static_cast<int>(q));
    }
  }

  // The scalar search probes the last byte of every trigger and first of a pair; the vector
  // search looks for the triggers alone as before, and for each first of a pair followed by
  // a byte that may start (and one that may continue) its second.
  bool probe[256] = {};
  std::vector<std::pair<uint8_t, uint8_t>> pairs;
  for (int32_t r = 0; r < probe_chars.getRangeCount(); ++r) {
    for (UChar32 c = probe_chars.getRangeStart(r); c <= probe_chars.getRangeEnd(r); ++c) {
      std::string u;
      utf8::append(u, static_cast<char32_t>(c));
      probe[static_cast<unsigned char>(u.back())] = true;
      if (u.size() > 1 && trig.contains(c)) {
        pairs.emplace_back(static_cast<uint8_t>(u[u.size() - 2]), static_cast<uint8_t>(u.back()));
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  p->pairs = pairs;
  std::memcpy(p->probe_table, probe, sizeof probe);
  auto ranges_of = [](const auto& set) {
    std::vector<std::pair<uint8_t, uint8_t>> out;
    for (int b = 0; b < 256;) {
      if (!set[b]) {
        ++b;
        continue;
      }
      int e = b;
      while (e + 1 < 256 && set[e + 1]) ++e;
      out.emplace_back(static_cast<uint8_t>(b), static_cast<uint8_t>(e));
      b = e + 1;
    }
    return out;
  };
  {
    bool ascii[256] = {};
    for (int32_t r = 0; r < trig.getRangeCount(); ++r) {
      for (UChar32 c = trig.getRangeStart(r); c <= trig.getRangeEnd(r) && c < 0x80; ++c) ascii[c] = true;
    }
    p->ascii = ranges_of(ascii);
  }
  // The pairs' probes: (last byte of the first, or its last two) then the byte sets that
  // follow, merged when only the last byte of the first differs.
  bool pair_vector = true;
  using Set = std::array<bool, 256>;
  std::map<std::tuple<bool, uint8_t, Set, Set>, Set> probe_keys;
  for (size_t e1 = 0; e1 < a.neq && p->has_pairs; ++e1) {
    if (!p->first2[e1]) continue;
    Set lead{}, cont{};
    bool multi = true;
    for (size_t e2 = 0; e2 < a.neq; ++e2) {
      if (!p->trig2[e1 * a.neq + e2]) continue;
      const UnicodeSet& u = sets[e2];
      if (u.size() > 4096) {  // any byte may follow
        lead.fill(true);
        multi = false;
        continue;
      }
      for (int32_t r = 0; r < u.getRangeCount(); ++r) {
        for (UChar32 c = u.getRangeStart(r); c <= u.getRangeEnd(r); ++c) {
          std::string b;
          utf8::append(b, static_cast<char32_t>(c));
          lead[static_cast<unsigned char>(b[0])] = true;
          if (b.size() > 1) {
            cont[static_cast<unsigned char>(b[1])] = true;
          } else {
            multi = false;
          }
        }
      }
    }
    if (!multi) cont.fill(true);
    const UnicodeSet& u = sets[e1];
    for (int32_t r = 0; r < u.getRangeCount(); ++r) {
      for (UChar32 c = u.getRangeStart(r); c <= u.getRangeEnd(r); ++c) {
        std::string b;
        utf8::append(b, static_cast<char32_t>(c));
        bool two = b.size() > 1;
        uint8_t b1 = two ? static_cast<uint8_t>(b[b.size() - 2]) : 0;
        probe_keys[{two, b1, lead, cont}][static_cast<unsigned char>(b.back())] = true;
      }
    }
  }
  if (probe_keys.size() > 8) pair_vector = false;
  if (pair_vector && p->has_pairs) {
    int j = 0;
    Set any;
    any.fill(true);
    for (const auto& [key, last] : probe_keys) {
      const auto& [two, b1, lead, cont] = key;
      Set first{};
      first[b1] = true;
      const Set* at[4] = {&last, &lead, &cont, &any};
      const Set* at2[4] = {&first, &last, &lead, &cont};
      uint8_t bit = static_cast<uint8_t>(1u << j++);
      (two ? p->late : p->early) |= bit;
      for (int k = 0; k < 4; ++k) {
        const Set& set = *(two ? at2 : at)[k];
        for (int c = 0; c < 256; ++c) {
          if (!set[static_cast<size_t>(c)]) continue;
          p->nib_lo[k][c & 15] |= bit;
          p->nib_hi[k][c >> 4] |= bit;
        }
      }
    }
  }
#if defined(__SSE2__)
  p->vector = p->ascii.size() <= 6 && p->pairs.size() <= 12;
  if (p->has_pairs) {
    p->nibble = p->vector && pair_vector && __builtin_cpu_supports("ssse3");
    p->avx2 = p->nibble && __builtin_cpu_supports("avx2");
    p->vector = false;
  }
  for (size_t r = 0; (p->vector || p->nibble) && r < p->ascii.size(); ++r) {
    p->ascii_lo[r] = _mm_set1_epi8(static_cast<char>(p->ascii[r].first));
    p->ascii_span[r] = _mm_set1_epi8(static_cast<char>(p->ascii[r].second - p->ascii[r].first));
  }
  for (size_t r = 0; (p->vector || p->nibble) && r < p->pairs.size(); ++r) {
    p->pair_a[r] = _mm_set1_epi8(static_cast<char>(p->pairs[r].first));
    p->pair_b[r] = _mm_set1_epi8(static_cast<char>(p->pairs[r].second));
  }
#endif
  p->description = "triggers " + show(trig);
  if (p->has_pairs) p->description += " and pairs" + pair_desc;
  return p;
}

// A probe byte at i (at or after pos): an ASCII trigger, or the last byte of a possible
// trigger or first of a pair. The trigger's position, or npos.
size_t check_at(const Prefilter::Automaton& a, const Prefilter::Plan& plan, std::string_view text,
                size_t pos, size_t i) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  // Whether the character of class e at j, of length len, is a trigger or starts a pair.
  auto starts = [&](size_t j, size_t len, uint16_t e) -> bool {
    if (plan.trig[e]) return true;
    if (!plan.first2[e] || j + len >= text.size()) return false;
    size_t len2;
    return plan.trig2[e * plan.neq + a.eq(decode_at(text, j + len, len2))];
  };
  if (s[i] < 0x80) {
    if (!plan.has_pairs) return i;  // the ASCII probes are exactly the ASCII triggers
    return starts(i, 1, a.eq(s[i])) ? i : std::string_view::npos;
  }
  size_t j = i;
  for (int k = 0; k < 3 && j > pos && !utf8::is_lead(s[j]); ++k) --j;
  if (!utf8::is_lead(s[j])) return std::string_view::npos;
  size_t len;
  char32_t c = decode_at(text, j, len);
  if (j + len - 1 != i || !starts(j, len, a.eq(c))) return std::string_view::npos;
  return j;
}

#if defined(__SSE2__)
// Bit k: a trigger may end at p + k (a pair of bytes found at k ends at k + 1).
inline __attribute__((always_inline)) uint32_t single_mask(const Prefilter::Plan& plan,
                                                           const unsigned char* p) {
  __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  __m128i a = _mm_setzero_si128(), b = _mm_setzero_si128();
  for (size_t r = 0; r < plan.ascii.size(); ++r) {
    __m128i d = _mm_sub_epi8(v0, plan.ascii_lo[r]);
    a = _mm_or_si128(a, _mm_cmpeq_epi8(_mm_min_epu8(d, plan.ascii_span[r]), d));
  }
  for (size_t r = 0; r < plan.pairs.size(); ++r) {
    b = _mm_or_si128(b, _mm_and_si128(_mm_cmpeq_epi8(v0, plan.pair_a[r]),
                                      _mm_cmpeq_epi8(v1, plan.pair_b[r])));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(a)) |
         (static_cast<uint32_t>(_mm_movemask_epi8(b)) << 1);
}

// Bit j of each byte of the result: the byte at p + k may be in probe j's set at offset k.
__attribute__((target("ssse3"), always_inline)) inline __m128i nib16(const unsigned char* p,
                                                                     __m128i lo, __m128i hi,
                                                                     __m128i low) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm_and_si128(_mm_shuffle_epi8(lo, _mm_and_si128(v, low)),
                       _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), low)));
}
__attribute__((target("avx2"), always_inline)) inline __m256i nib32(const unsigned char* p,
                                                                    __m256i lo, __m256i hi,
                                                                    __m256i low) {
  __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, low)),
                          _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), low)));
}

// The vectorized search with pairs: the probes' byte sets at offsets 0 to 3, by nibbles.
// Returns the first trigger found, or npos with i where the search stopped.
__attribute__((target("ssse3"))) size_t find_nibbles(const Prefilter::Automaton& a,
                                                     const Prefilter::Plan& plan,
                                                     std::string_view text, size_t pos,
                                                     size_t end, size_t& i) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
#define TRICH_TABLE(t) _mm_loadu_si128(reinterpret_cast<const __m128i*>(t))
  const __m128i lo0 = TRICH_TABLE(plan.nib_lo[0]), hi0 = TRICH_TABLE(plan.nib_hi[0]);
  const __m128i lo1 = TRICH_TABLE(plan.nib_lo[1]), hi1 = TRICH_TABLE(plan.nib_hi[1]);
  const __m128i lo2 = TRICH_TABLE(plan.nib_lo[2]), hi2 = TRICH_TABLE(plan.nib_hi[2]);
  const __m128i lo3 = TRICH_TABLE(plan.nib_lo[3]), hi3 = TRICH_TABLE(plan.nib_hi[3]);
#undef TRICH_TABLE
  const __m128i low = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
  const __m128i early = _mm_set1_epi8(static_cast<char>(plan.early));
  const __m128i late = _mm_set1_epi8(static_cast<char>(plan.late));
  while (i + 19 <= end) {
    __m128i r = _mm_and_si128(_mm_and_si128(nib16(s + i, lo0, hi0, low), nib16(s + i + 1, lo1, hi1, low)),
                              _mm_and_si128(nib16(s + i + 2, lo2, hi2, low), nib16(s + i + 3, lo3, hi3, low)));
    uint32_t m0 = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(r, early), zero))) & 0xFFFF;
    uint32_t m1 = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(r, late), zero))) & 0xFFFF;
    uint32_t mask = m0 | (m1 << 1);
    if (!plan.ascii.empty() || !plan.pairs.empty()) mask |= single_mask(plan, s + i);
    while (mask) {
      size_t t = check_at(a, plan, text, pos, i + static_cast<size_t>(__builtin_ctz(mask)));
      if (t != std::string_view::npos) return t;
      mask &= mask - 1;
    }
    i += 16;
  }
  return std::string_view::npos;
}

// The same, 32 bytes at a time.
__attribute__((target("avx2"))) size_t find_nibbles_avx2(const Prefilter::Automaton& a,
                                                         const Prefilter::Plan& plan,
                                                         std::string_view text, size_t pos,
                                                         size_t end, size_t& i) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
#define TRICH_TABLE(t) _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)))
  const __m256i lo0 = TRICH_TABLE(plan.nib_lo[0]), hi0 = TRICH_TABLE(plan.nib_hi[0]);
  const __m256i lo1 = TRICH_TABLE(plan.nib_lo[1]), hi1 = TRICH_TABLE(plan.nib_hi[1]);
  const __m256i lo2 = TRICH_TABLE(plan.nib_lo[2]), hi2 = TRICH_TABLE(plan.nib_hi[2]);
  const __m256i lo3 = TRICH_TABLE(plan.nib_lo[3]), hi3 = TRICH_TABLE(plan.nib_hi[3]);
#undef TRICH_TABLE
  const __m256i low = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
  const __m256i early = _mm256_set1_epi8(static_cast<char>(plan.early));
  const __m256i late = _mm256_set1_epi8(static_cast<char>(plan.late));
  const bool singles = !plan.ascii.empty() || !plan.pairs.empty();
  while (i + 35 <= end) {
    __m256i r = _mm256_and_si256(_mm256_and_si256(nib32(s + i, lo0, hi0, low), nib32(s + i + 1, lo1, hi1, low)),
                                 _mm256_and_si256(nib32(s + i + 2, lo2, hi2, low), nib32(s + i + 3, lo3, hi3, low)));
    uint64_t m0 = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(r, early), zero)));
    uint64_t m1 = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(r, late), zero)));
    uint64_t mask = m0 | (m1 << 1);
    if (singles) mask |= single_mask(plan, s + i) | (uint64_t{single_mask(plan, s + i + 16)} << 16);
    while (mask) {
      size_t t = check_at(a, plan, text, pos, i + static_cast<size_t>(__builtin_ctzll(mask)));
      if (t != std::string_view::npos) return t;
      mask &= mask - 1;
    }
    i += 32;
  }
  return std::string_view::npos;
}
#endif

// The first trigger at or after pos (before end), or npos.
size_t find_trigger(const Prefilter::Automaton& a, const Prefilter::Plan& plan,
                    std::string_view text, size_t pos, size_t end) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = pos;
#if defined(__SSE2__)
  if (plan.nibble) {
    size_t t = plan.avx2 ? find_nibbles_avx2(a, plan, text, pos, end, i)
                         : std::string_view::npos;
    if (t == std::string_view::npos) t = find_nibbles(a, plan, text, pos, end, i);
    if (t != std::string_view::npos) return t;
  } else if (plan.vector) {
    while (i + 17 <= end) {
      uint32_t mask = single_mask(plan, s + i);
      while (mask) {
        size_t t = check_at(a, plan, text, pos, i + static_cast<size_t>(__builtin_ctz(mask)));
        if (t != std::string_view::npos) return t;
        mask &= mask - 1;
      }
      i += 16;
    }
  }
#endif
  for (; i < end; ++i) {
    if (plan.probe_table[s[i]]) {
      size_t t = check_at(a, plan, text, pos, i);
      if (t != std::string_view::npos) return t;
    }
  }
  return std::string_view::npos;
}

// Where a match whose first trigger is at t (of eq class et) may start: the automaton runs
// backward from the states that may read t's character, through characters that are no
// trigger. npos when no match can have t as its first trigger.
size_t earliest_start(const Prefilter::Automaton& a, const Prefilter::Plan& plan, Runs& r,
                      std::string_view text, size_t t, uint16_t et, size_t floor, size_t& steps) {
  int32_t s = r.back_init[et];
  if (s < 0) {
    r.tmp = plan.init[et];
    s = r.back.intern(r.tmp, &a);
    r.back_init[et] = s;
  }
  size_t earliest = std::string_view::npos;
  size_t p = t;
  uint16_t at = et;  // the class of the character at p
  while (s != 0) {
    if (r.back.has_first[static_cast<size_t>(s)]) earliest = p;
    if (p <= floor) break;
    size_t pp = prev_start(text, p, floor), len;
    uint16_t e = a.eq(decode_at(text, pp, len));
    // A match holding it has an earlier first trigger.
    if (plan.trig[e] || (plan.first2[e] && plan.trig2[e * plan.neq + at])) break;
    at = e;
    int32_t known = r.back.next[static_cast<size_t>(s) * r.back.stride + e];
    s = known >= 0 ? known : step_back(a, plan, r, s, e);
    p = pp;
    ++steps;
  }
  return earliest;
}

// Where every match that starts in [from, t] has ended: the automaton runs forward, starting
// anew at each position up to t, until no run is left. `accepts` says whether one could have
// ended a match.
size_t latest_end(const Prefilter::Automaton& a, Runs& r, std::string_view text, size_t from,
                  size_t t, size_t end, bool& accepts, size_t& steps) {
  int32_t s = 0;
  accepts = false;
  size_t p = from;
  while (p < end) {
    size_t len;
    uint16_t e = a.eq(decode_at(text, p, len));
    bool inject = p <= t;
    int32_t v = r.fwd.next[static_cast<size_t>(s) * r.fwd.stride + e * 2u + inject];
    if (v < 0) v = step_fwd(a, r, s, e, inject);
    s = v >> 1;
    accepts = accepts || (v & 1);
    p += len;
    ++steps;
    if (s == 0 && p > t) break;
  }
  return std::min(p, end);
}

}  // namespace

std::unique_ptr<Prefilter::Automaton> Prefilter::analyze(const std::vector<std::string>& patterns,
                                                         std::string& why) {
  auto no = [&](std::string w) -> std::unique_ptr<Automaton> {
    why = std::move(w);
    return nullptr;
  };
  Tree t;
  std::vector<int> roots;
  for (size_t i = 0; i < patterns.size(); ++i) {
    int root;
    if (!Parser(patterns[i], t).parse(root)) return no("rule " + std::to_string(i) + ": unread syntax");
    roots.push_back(root);
  }
  if (roots.empty()) return no("no rules");

  auto a = std::make_unique<Automaton>();
  Edges edges(t);
  for (size_t i = 0; i < roots.size(); ++i) {
    a->reqs.push_back(required(t, roots[i], edges));
    if (a->reqs.back().empty()) return no("rule " + std::to_string(i) + ": no required character");
  }

  // Distinct classes.
  std::map<std::string, int> index;
  std::vector<int> tree_to(t.classes.size());
  for (size_t c = 0; c < t.classes.size(); ++c) {
    const UnicodeSet& u = t.classes[c];
    std::string key;  // the ranges, as bytes
    for (int32_t r = 0; r < u.getRangeCount(); ++r) {
      UChar32 lohi[2] = {u.getRangeStart(r), u.getRangeEnd(r)};
      key.append(reinterpret_cast<const char*>(lohi), sizeof lohi);
    }
    auto [it, fresh] = index.emplace(std::move(key), static_cast<int>(a->sets.size()));
    if (fresh) a->sets.push_back(t.classes[c]);
    tree_to[c] = it->second;
  }
  for (size_t c = 0; c < t.classes.size(); ++c) {
    a->tree_sets.push_back(&a->sets[static_cast<size_t>(tree_to[c])]);
  }

  // Equivalence classes of characters: sweep the boundaries of every class's ranges.
  const size_t nsets = a->sets.size();
  const size_t sw = (nsets + 63) / 64;
  std::vector<std::pair<char32_t, size_t>> events;  // (boundary, class): membership flips
  for (size_t k = 0; k < nsets; ++k) {
    const UnicodeSet& u = a->sets[k];
    for (int32_t r = 0; r < u.getRangeCount(); ++r) {
      events.emplace_back(static_cast<char32_t>(u.getRangeStart(r)), k);
      events.emplace_back(static_cast<char32_t>(u.getRangeEnd(r)) + 1, k);
    }
  }
  std::sort(events.begin(), events.end());
  std::vector<uint64_t> member(sw, 0);
  std::map<std::vector<uint64_t>, uint16_t> sig;
  std::vector<std::vector<uint64_t>> sig_of;
  std::vector<std::pair<char32_t, uint16_t>> runs;  // (start, eq class)
  size_t ev = 0;
  for (char32_t at = 0; at <= 0x10FFFF;) {
    while (ev < events.size() && events[ev].first == at) {
      member[events[ev].second / 64] ^= uint64_t{1} << (events[ev].second % 64);
      ++ev;
    }
    auto [it, fresh] = sig.emplace(member, static_cast<uint16_t>(sig.size()));
    if (fresh) {
      if (sig.size() > 60000) return no("too many character classes");
      sig_of.push_back(member);
      a->eq_sample.push_back(at);
    }
    runs.emplace_back(at, it->second);
    at = ev < events.size() ? events[ev].first : 0x110000;
  }
  a->neq = sig.size();
  a->words = (a->neq + 63) / 64;
  a->eq_bmp.assign(0x10000, 0);
  for (size_t k = 0; k < runs.size(); ++k) {
    char32_t lo = runs[k].first, hi = k + 1 < runs.size() ? runs[k + 1].first : 0x110000;
    for (char32_t c = lo; c < hi && c < 0x10000; ++c) a->eq_bmp[c] = runs[k].second;
    if (hi > 0x10000) a->eq_astral.emplace_back(std::max<char32_t>(lo, 0x10000), runs[k].second);
  }
  a->set_eq.assign(nsets * a->words, 0);
  for (size_t e = 0; e < a->neq; ++e) {
    for (size_t k = 0; k < nsets; ++k) {
      if ((sig_of[e][k / 64] >> (k % 64)) & 1) a->set_eq[k * a->words + e / 64] |= uint64_t{1} << (e % 64);
    }
  }

  // The automaton, then its reading states with empty moves folded away.
  Nfa nfa;
  int start = nfa.add(), accept = nfa.add();
  for (int r : roots) {
    auto [in, out] = nfa.build(t, r);
    nfa.link(start, in);
    nfa.link(out, accept);
  }
  std::vector<int> id(nfa.s.size(), -1);
  for (size_t v = 0; v < nfa.s.size(); ++v) {
    if (nfa.s[v].cls >= 0) {
      id[v] = static_cast<int>(a->cls.size());
      a->cls.push_back(tree_to[static_cast<size_t>(nfa.s[v].cls)]);
    }
  }
  const size_t n = a->cls.size();
  std::vector<uint32_t> stamp(nfa.s.size(), 0);
  uint32_t gen = 0;
  // The reading states reachable from `from` by empty moves, and whether `accept` is.
  auto closure = [&](const std::vector<int>& from, std::vector<int>& out, bool& acc) {
    ++gen;
    out.clear();
    acc = false;
    std::vector<int> stack(from.begin(), from.end());
    while (!stack.empty()) {
      int v = stack.back();
      stack.pop_back();
      if (stamp[static_cast<size_t>(v)] == gen) continue;
      stamp[static_cast<size_t>(v)] = gen;
      if (v == accept) acc = true;
      if (nfa.s[static_cast<size_t>(v)].cls >= 0) {
        out.push_back(id[static_cast<size_t>(v)]);
        continue;
      }
      for (int o : nfa.s[static_cast<size_t>(v)].out) stack.push_back(o);
    }
  };
  a->first.assign(n, 0);
  a->accepts.assign(n, 0);
  std::vector<int> reach;
  bool acc;
  closure({start}, reach, acc);
  if (acc) return no("a rule matches the empty string");
  for (int q : reach) a->first[static_cast<size_t>(q)] = 1;
  a->firsts = reach;
  std::vector<std::vector<int>> succ(n), pred(n);
  for (size_t v = 0; v < nfa.s.size(); ++v) {
    if (id[v] < 0) continue;
    closure(nfa.s[v].out, reach, acc);
    size_t q = static_cast<size_t>(id[v]);
    a->accepts[q] = acc;
    succ[q] = reach;
    for (int r : reach) pred[static_cast<size_t>(r)].push_back(static_cast<int>(q));
  }
  auto flatten = [n](const std::vector<std::vector<int>>& lists, std::vector<uint32_t>& at,
                     std::vector<int>& flat) {
    at.assign(n + 1, 0);
    for (size_t q = 0; q < n; ++q) at[q + 1] = at[q] + static_cast<uint32_t>(lists[q].size());
    flat.reserve(at[n]);
    for (const auto& l : lists) flat.insert(flat.end(), l.begin(), l.end());
  };
  flatten(succ, a->succ_at, a->succ);
  flatten(pred, a->pred_at, a->pred);

  return a;
}

Prefilter::Prefilter(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

void Prefilter::analyze() const {
  std::call_once(analyzed_, [this] { nfa_ = analyze(patterns_, why_); });
}

void Prefilter::tune(std::string_view text, const re2::RE2& re) const {
  if (text.size() < kTuneMin || state_.load(std::memory_order_acquire) != kUntuned) return;
  int expected = kUntuned;
  // One thread tunes; the others go on searching whole texts meanwhile, without waiting.
  if (!state_.compare_exchange_strong(expected, kTuning, std::memory_order_acq_rel)) return;
  struct Done {
    std::atomic<int>& s;
    ~Done() { s.store(kTuned, std::memory_order_release); }
  } done{state_};
  [&] {
    analyze();
    if (!nfa_) {
      description_ = "off: " + why_;
      return;
    }
    std::string_view sample = text.substr(0, kTuneSample);
    // A plan that may take pairs of characters as triggers, and one of single characters
    // only: the pairs fire less often, but looking for them costs more (timed below).
    const std::vector<UnicodeSet> sets = eq_sets(*nfa_);
    Costs costs(*nfa_, sets, sample);
    auto p = make_plan(*nfa_, sets, costs);
    std::unique_ptr<Plan> single;
    if (p && p->has_pairs) {
      costs.pairs = false;
      single = make_plan(*nfa_, sets, costs);
    }
    if (!p) {
      description_ = "off: only common characters are required";
      return;
    }
    // Time the windows (found, then searched by RE2) against RE2 searching all of the
    // sample. RE2's cost depends on the rules (its DFA is slow where it has many states), so
    // it is measured, not guessed.
    std::string_view timed = sample.substr(0, kTimeSample);
    auto seconds = [](auto&& f) {
      auto t0 = std::chrono::steady_clock::now();
      f();
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    re2::StringPiece t(timed.data(), timed.size()), m;
    auto whole = [&] {
      size_t pos = 0;
      while (pos < timed.size() && re.Match(t, pos, timed.size(), RE2::UNANCHORED, &m, 1)) {
        size_t e = static_cast<size_t>(m.data() - timed.data()) + m.size();
        pos = e > pos ? e : pos + 1;
      }
    };
    auto windowed = [&](const Plan& plan) {
      size_t pos = 0;
      Window w;
      while (pos < timed.size() && windows(plan, timed, pos, timed.size(), w, nullptr)) {
        re.Match(t, std::max(pos, w.begin), w.end, RE2::UNANCHORED, &m, 1);
        pos = w.last + 1;
      }
    };
    // Each is timed twice after a first run (RE2 builds its DFA's states as it meets them),
    // keeping the faster (the machine may be busy). The windows may cost a little more than
    // the whole search here: over a long text the whole search meets many more new states
    // than the sample shows (on 100 MB of news, citations spend 0.8 s of 1.2 s on them).
    auto time_plan = [&](const Plan& plan) {
      auto run = [&] { windowed(plan); };
      run();
      return std::min(seconds(run), seconds(run));
    };
    whole();
    double all = std::min(seconds(whole), seconds(whole));
    double part = time_plan(*p);
    // TRICH_PREFILTER_FORCE keeps it whatever it costs (tests use it to exercise windows),
    // and keeps the pairs too.
    const bool force = std::getenv("TRICH_PREFILTER_FORCE") != nullptr;
    if (single && !force) {
      double other = time_plan(*single);
      if (other <= part) {
        p = std::move(single);
        part = other;
      }
    }
    bool off = part > 1.1 * all && !force;
    double n = static_cast<double>(timed.size());
    description_ = fmt::format("{}{} ({:.1f} ns/byte against {:.1f} searching all)",
                               off ? "off: " : "", p->description, part * 1e9 / n, all * 1e9 / n);
    if (off) return;
    plan_ = std::move(p);
    ready_.store(plan_.get(), std::memory_order_release);
  }();
}

std::string Prefilter::describe() const {
  return state_.load(std::memory_order_acquire) == kTuned ? description_ : "not tuned yet";
}

bool Prefilter::window(std::string_view text, size_t pos, size_t end, Window& w) const {
  const Plan* plan = ready_.load(std::memory_order_acquire);
  if (!plan) {
    w = Window{pos, end, end};
    return pos <= end;
  }
  return windows(*plan, text, pos, end, w, nullptr);
}

bool Prefilter::windows(const Plan& plan, std::string_view text, size_t pos, size_t end,
                        Window& w, Cost* cost) const {
  const Automaton& a = *nfa_;
  Runs& r = runs_for(a, plan);
  bool have = false;
  size_t steps = 0, triggers = 0;
  size_t t = find_trigger(a, plan, text, pos, end);
  while (t != std::string_view::npos) {
    ++triggers;
    size_t len;
    uint16_t e = a.eq(decode_at(text, t, len));
    size_t from = earliest_start(a, plan, r, text, t, e, pos, steps);
    if (from != std::string_view::npos) {
      bool accepts;
      size_t to = latest_end(a, r, text, from, t, end, accepts, steps);
      if (accepts) {
        // The backward run stops at an earlier trigger, so `from` is at or after the first
        // live trigger, inside the window.
        if (!have) {
          w.begin = from;
          w.end = to;
          have = true;
        } else {
          w.end = std::max(w.end, to);
        }
      }
    }
    w.last = t;
    size_t next = find_trigger(a, plan, text, t + len, end);
    if (have && (next == std::string_view::npos || next > w.end + kGap)) break;
    t = next;
  }
  if (cost) {
    cost->triggers += triggers;
    cost->steps += steps;
    if (have) {
      ++cost->windows;
      cost->bytes += w.end - w.begin;
    }
  }
  return have;
}

}  // namespace trich
