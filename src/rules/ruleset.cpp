#include "rules/ruleset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "base/utf8.h"
#include "rules/embedded.h"

namespace trich::rules {
namespace fs = std::filesystem;

const LexValue* Lexicon::find(std::string_view word) const {
  auto it = fold_case ? map_.find(utf8::to_lower(word)) : map_.find(std::string(word));
  return it == map_.end() ? nullptr : &it->second;
}

const LexValue* Lexicon::find_lowered(const std::string& word) const {
  auto it = map_.find(word);
  return it == map_.end() ? nullptr : &it->second;
}

void Lexicon::add(const std::string& key, LexValue v) {
  keys.push_back(key);
  lowered.push_back(fold_case ? utf8::to_lower(key) : std::string());
  const std::string& k = fold_case ? lowered.back() : key;
  longest = std::max(longest, k.size());
  map_[k] = std::move(v);
}

std::string Rule::param(const std::string& k, const std::string& dflt) const {
  auto it = params.find(k);
  return it == params.end() ? dflt : it->second;
}

const Lexicon& RuleSet::lexicon(const std::string& name) const {
  static const Lexicon empty;
  auto it = lexicons.find(name);
  return it == lexicons.end() ? empty : it->second;
}

namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

std::string escape_literal(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Reads one example: a string (the whole text is the entity) or {text, span, value} (and
// reference, the date that relative dates resolve against).
std::optional<Example> read_example(const toml::node& node) {
  toml::node_view<const toml::node> n(node);
  Example e;
  auto strings = [](const toml::node_view<const toml::node>& v, std::vector<std::string>& out) {
    if (auto s = v.value<std::string>()) out.push_back(*s);
    if (auto a = v.as_array()) {
      for (auto&& x : *a) {
        if (auto s = x.value<std::string>()) out.push_back(*s);
      }
    }
  };
  if (auto s = n.value<std::string>()) {
    e.text = *s;
  } else if (auto t = n.as_table()) {
    e.text = (*t)["text"].value_or(std::string());
    strings((*t)["span"], e.spans);
    strings((*t)["spans"], e.spans);
    strings((*t)["value"], e.values);
    strings((*t)["values"], e.values);
    e.reference = (*t)["reference"].value_or(std::string());
    if (e.text.empty()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (e.spans.empty()) e.spans.push_back(e.text);
  return e;
}

struct Loader {
  RuleSet set;
  std::vector<std::pair<std::string, int>> rule_origin;

  std::optional<Diagnostic> read_lexicon(const std::string& file, const std::string& name,
                                         const toml::table& t) {
    Lexicon lex;
    lex.fold_case = t["fold_case"].value_or(false);
    const toml::table* entries = t["entries"].as_table();
    if (!entries) {
      return error_at(file, line_of(t), fmt::format("lexicon \"{}\": missing [entries]", name));
    }
    for (auto&& [k, v] : *entries) {
      LexValue lv;
      if (auto i = v.value<int64_t>()) {
        lv.number = static_cast<long>(*i);
      } else if (auto s = v.value<std::string>()) {
        lv.strings.push_back(*s);
      } else if (auto a = v.as_array()) {
        for (auto&& x : *a) {
          if (auto s2 = x.value<std::string>()) lv.strings.push_back(*s2);
        }
        if (lv.strings.empty()) {
          return error_at(file, line_of(v), fmt::format("lexicon \"{}\": empty list", name));
        }
      } else {
        return error_at(file, line_of(v),
                        fmt::format("lexicon \"{}\": value of \"{}\" must be a number, a "
                                    "string or a list of strings", name, k.str()));
      }
      lex.add(std::string(k.str()), std::move(lv));
    }
    set.lexicons[name] = std::move(lex);
    return std::nullopt;
  }

  // Expands {:fragment} and {lex:name}; depth guards against a fragment that names itself.
  Result<std::string> expand(const std::string& pat, const std::string& file, int line,
                             int depth = 0) {
    if (depth > 16) return error_at(file, line, "fragments nest too deeply (a cycle?)");
    std::string out;
    size_t i = 0;
    while (i < pat.size()) {
      bool frag = pat.compare(i, 2, "{:") == 0;
      bool lex = pat.compare(i, 5, "{lex:") == 0;
      if (!frag && !lex) {
        out += pat[i++];
        continue;
      }
      size_t close = pat.find('}', i);
      if (close == std::string::npos) return error_at(file, line, "unclosed { in pattern");
      size_t from = i + (frag ? 2 : 5);
      std::string name = pat.substr(from, close - from);
      if (frag) {
        auto it = set.fragments.find(name);
        if (it == set.fragments.end()) {
          return error_at(file, line, fmt::format("unknown fragment {{:{}}}", name));
        }
        auto sub = expand(it->second, file, line, depth + 1);
        if (!sub.ok()) return sub.error();
        out += "(?:" + sub.value() + ")";
      } else {
        auto it = set.lexicons.find(name);
        if (it == set.lexicons.end()) {
          return error_at(file, line, fmt::format("unknown lexicon {{lex:{}}}", name));
        }
        std::vector<std::string> keys = it->second.keys;
        // Longest first, so that leftmost-first alternation prefers the longest spelling.
        std::stable_sort(keys.begin(), keys.end(),
                         [](const auto& a, const auto& b) { return a.size() > b.size(); });
        std::string alt;
        for (const auto& k : keys) {
          if (!alt.empty()) alt += '|';
          alt += escape_literal(k);
        }
        out += "(?:" + alt + ")";
      }
      i = close + 1;
    }
    return out;
  }
};

}  // namespace

Result<RuleSet> load(const std::vector<Source>& files,
                     const std::vector<std::string>& known_resolvers) {
  Loader L;
  std::vector<std::pair<const Source*, toml::table>> parsed;
  for (const auto& f : files) {
    try {
      parsed.emplace_back(&f, toml::parse(f.text, f.path));
    } catch (const toml::parse_error& e) {
      return error_at(f.path, static_cast<int>(e.source().begin.line),
                      std::string(e.description()));
    }
  }
  // Pass 1: lexicons and fragments, which any file's rules may use.
  for (auto& [src, t] : parsed) {
    if (auto lexs = t["lexicon"].as_table()) {
      for (auto&& [name, node] : *lexs) {
        auto lt = node.as_table();
        if (!lt) return error_at(src->path, line_of(node), "[lexicon.NAME] must be a table");
        if (L.set.lexicons.count(std::string(name.str()))) {
          return error_at(src->path, line_of(node),
                          fmt::format("lexicon \"{}\" is defined twice", name.str()));
        }
        if (auto d = L.read_lexicon(src->path, std::string(name.str()), *lt)) return *d;
      }
    }
    if (auto frs = t["fragments"].as_table()) {
      for (auto&& [name, node] : *frs) {
        auto s = node.value<std::string>();
        if (!s) return error_at(src->path, line_of(node), "a fragment must be a string");
        L.set.fragments[std::string(name.str())] = *s;
      }
    }
  }
  // Pass 2: rules.
  for (auto& [src, t] : parsed) {
    std::string kind = t["kind"].value_or(std::string());
    auto arr = t["rule"].as_array();
    if (!arr) continue;
    if (kind.empty()) return error_at(src->path, 1, "a file with [[rule]] needs kind = \"...\"");
    for (auto&& node : *arr) {
      auto rt = node.as_table();
      int line = line_of(node);
      if (!rt) return error_at(src->path, line, "[[rule]] must be a table");
      Rule r;
      r.file = src->path;
      r.line = line;
      r.kind = kind;
      r.name = (*rt)["name"].value_or(std::string());
      r.resolve = (*rt)["resolve"].value_or(std::string());
      std::string pat = (*rt)["pattern"].value_or(std::string());
      if (r.name.empty()) return error_at(src->path, line, "rule without a name");
      auto where = fmt::format("rule \"{}\"", r.name);
      if (pat.empty()) return error_at(src->path, line, where + ": missing pattern");
      if (std::find(known_resolvers.begin(), known_resolvers.end(), r.resolve) ==
          known_resolvers.end()) {
        return error_at(src->path, line,
                        fmt::format("{}: unknown resolver \"{}\"", where, r.resolve));
      }
      if (auto p = (*rt)["params"].as_table()) {
        for (auto&& [k, v] : *p) {
          if (auto s = v.value<std::string>()) r.params[std::string(k.str())] = *s;
          else if (auto i = v.value<int64_t>()) r.params[std::string(k.str())] = std::to_string(*i);
        }
      }
      for (const char* key : {"examples", "counterexamples"}) {
        if (auto ex = (*rt)[key].as_array()) {
          for (auto&& e : *ex) {
            auto parsed_ex = read_example(e);
            if (!parsed_ex) {
              return error_at(src->path, line_of(e),
                              fmt::format("{}: an example is a string or {{text, span, value}}",
                                          where));
            }
            (std::string_view(key) == "examples" ? r.examples : r.counterexamples)
                .push_back(*parsed_ex);
          }
        }
      }
      if (r.examples.empty()) return error_at(src->path, line, where + ": no examples");
      auto expanded = L.expand(pat, src->path, line);
      if (!expanded.ok()) return expanded.error();
      r.pattern = expanded.value();
      L.set.rules.push_back(std::move(r));
    }
  }
  return std::move(L.set);
}

std::vector<Source> embedded_sources() {
  std::vector<Source> out;
  for (const auto& f : embedded_files()) {
    out.push_back({std::string("rules/") + f.path, std::string(f.data, f.size)});
  }
  return out;
}

Result<std::vector<Source>> directory_sources(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return error_at(dir, 0, "rules directory not found");
  std::vector<std::string> paths;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") {
      paths.push_back(it->path().string());
    }
  }
  if (ec) return error_at(dir, 0, ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<Source> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return error_at(p, 0, "cannot read rule file");
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back({p, ss.str()});
  }
  if (out.empty()) return error_at(dir, 0, "no *.toml rule files");
  return out;
}

}  // namespace trich::rules
