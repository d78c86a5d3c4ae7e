#include "rules/ruleset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

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

bool Lexicon::may_start(std::string_view word) const {
  return fold_case ? first_words_.count(utf8::to_lower(word)) != 0
                   : first_words_.count(std::string(word)) != 0;
}

void Lexicon::add(const std::string& key, LexValue v) {
  keys.push_back(key);
  lowered.push_back(fold_case ? utf8::to_lower(key) : std::string());
  const std::string& k = fold_case ? lowered.back() : key;
  longest = std::max(longest, k.size());
  first_words_.insert(k.substr(0, k.find(' ')));
  map_[k] = std::move(v);
}

std::string Rule::param(const std::string& k) const {
  auto it = params.find(k);
  return it == params.end() ? std::string() : it->second;
}

const char* type_name(ParamType t) {
  switch (t) {
    case ParamType::string: return "a string";
    case ParamType::boolean: return "a boolean";
    case ParamType::integer: return "an integer";
    case ParamType::lexicon: return "a lexicon's name";
  }
  return "?";
}

const ResolverSpec* Catalog::find(const std::string& name) const {
  for (const auto& r : resolvers) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const Lexicon& RuleSet::lexicon(const std::string& name) const {
  static const Lexicon empty;
  auto it = lexicons.find(name);
  return it == lexicons.end() ? empty : it->second;
}

std::vector<std::pair<char32_t, char32_t>> RuleSet::letter_folds() const {
  std::vector<std::pair<char32_t, char32_t>> out;
  for (const auto& l : letters) out.emplace_back(l.from, l.to);
  return out;
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

// What a TOML value is, for messages ("must be a boolean, not a string").
const char* toml_kind(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

// The keys of table `t` that are not in `known`: the first one, with its line.
std::optional<std::pair<std::string, int>> unknown_key(const toml::table& t,
                                                       std::initializer_list<std::string_view> known) {
  for (auto&& [k, v] : t) {
    if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
      return std::make_pair(std::string(k.str()), line_of(v));
    }
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

// The names of the named groups (?P<name>...) of an RE2 pattern, in order.
std::vector<std::string> named_groups(std::string_view p) {
  std::vector<std::string> out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;  // the escaped byte (a multi-byte character's tail bytes are never special)
    } else if (in_class) {
      if (p[i] == ']') in_class = false;
    } else if (p[i] == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;  // a leading ] is a member
    } else if (p.compare(i, 4, "(?P<") == 0) {
      size_t close = p.find('>', i + 4);
      if (close == std::string_view::npos) break;
      out.emplace_back(p.substr(i + 4, close - i - 4));
      i = close;
    }
  }
  return out;
}

// A field's value as JSON text, or nothing when TOML gives what no field holds.
std::optional<std::string> field_json(const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) return nlohmann::json(*s).dump();
  if (auto i = n.value_exact<int64_t>()) return std::to_string(*i);
  if (auto b = n.value_exact<bool>()) return std::string(*b ? "true" : "false");
  return std::nullopt;
}

// Reads one example: a string (the whole text is the entity) or
// {text, span(s), value(s), reference, FIELD = value or [one per span]} (reference: the date
// that relative dates resolve against).
Result<Example> read_example(const std::string& file, const std::string& where,
                             const toml::node& node) {
  Example e;
  e.line = line_of(node);
  auto bad = [&](const toml::node& at, const std::string& what) -> Result<Example> {
    return error_at(file, line_of(at), fmt::format("{}: {}", where, what));
  };
  if (auto s = node.value_exact<std::string>()) {
    e.text = *s;
    if (e.text.empty()) return bad(node, "an empty example");
    e.spans.push_back(e.text);
    return e;
  }
  const toml::table* t = node.as_table();
  if (!t) return bad(node, "an example is a string or {text, span, value, ...}");
  // A string, or an array of strings (`plural`), into `out`.
  auto strings = [&](std::string_view key, bool plural,
                     std::vector<std::string>& out) -> std::optional<Diagnostic> {
    const toml::node* v = t->get(key);
    if (!v) return std::nullopt;
    if (!plural) {
      if (auto s = v->value_exact<std::string>()) {
        out.push_back(*s);
        return std::nullopt;
      }
      return bad(*v, fmt::format("\"{}\" must be a string, not {}", key, toml_kind(*v))).error();
    }
    const toml::array* a = v->as_array();
    if (!a) {
      return bad(*v, fmt::format("\"{}\" must be an array of strings, not {}", key,
                                 toml_kind(*v)))
          .error();
    }
    for (auto&& x : *a) {
      auto s = x.value_exact<std::string>();
      if (!s) {
        return bad(x, fmt::format("\"{}\" holds {}, not a string", key, toml_kind(x))).error();
      }
      out.push_back(*s);
    }
    return std::nullopt;
  };
  const toml::node* text = t->get("text");
  if (!text) return bad(node, "an example table needs text = \"...\"");
  std::vector<std::string> texts;
  if (auto d = strings("text", false, texts)) return *d;
  e.text = texts.front();
  if (e.text.empty()) return bad(*text, "an empty example");
  if (t->contains("span") && t->contains("spans")) return bad(node, "both span and spans");
  if (t->contains("value") && t->contains("values")) return bad(node, "both value and values");
  for (auto [key, plural, out] : {std::tuple{"span", false, &e.spans},
                                  std::tuple{"spans", true, &e.spans},
                                  std::tuple{"value", false, &e.values},
                                  std::tuple{"values", true, &e.values}}) {
    if (auto d = strings(key, plural, *out)) return *d;
  }
  // The date relative dates resolve against (rules/vi/relative.toml).
  std::vector<std::string> reference;
  if (auto d = strings("reference", false, reference)) return *d;
  if (!reference.empty()) e.reference = reference.front();
  if (e.spans.empty()) e.spans.push_back(e.text);
  if (e.values.size() > e.spans.size()) {
    return bad(node, fmt::format("{} values for {} span{}", e.values.size(), e.spans.size(),
                                 e.spans.size() == 1 ? "" : "s"));
  }
  for (auto&& [k, v] : *t) {
    std::string_view key = k.str();
    if (key == "text" || key == "span" || key == "spans" || key == "value" || key == "values" ||
        key == "reference") {
      continue;
    }
    ExampleField f;
    f.name = std::string(key);
    f.line = line_of(v);
    if (const toml::array* a = v.as_array()) {
      for (auto&& x : *a) {
        auto j = field_json(x);
        if (!j) {
          return bad(x, fmt::format("field \"{}\" holds {}, not a string, integer or boolean",
                                    key, toml_kind(x)));
        }
        f.json.push_back(*j);
      }
      if (f.json.size() != e.spans.size()) {
        return bad(v, fmt::format("field \"{}\" gives {} values for {} span{}", key,
                                  f.json.size(), e.spans.size(), e.spans.size() == 1 ? "" : "s"));
      }
    } else {
      auto j = field_json(v);
      if (!j) {
        return bad(v, fmt::format("field \"{}\" must be a string, integer or boolean, not {}",
                                  key, toml_kind(v)));
      }
      if (e.spans.size() != 1) {
        return bad(v, fmt::format("field \"{}\": an example of {} spans gives a list of {}", key,
                                  e.spans.size(), e.spans.size()));
      }
      f.json.push_back(*j);
    }
    e.fields.push_back(std::move(f));
  }
  return e;
}

struct Loader {
  RuleSet set;
  std::vector<std::pair<std::string, int>> rule_origin;

  std::optional<Diagnostic> read_lexicon(const std::string& file, const std::string& name,
                                         const toml::table& t) {
    Lexicon lex;
    if (auto u = unknown_key(t, {"fold_case", "entries"})) {
      return error_at(file, u->second,
                      fmt::format("lexicon \"{}\": unknown key \"{}\" (a lexicon has fold_case "
                                  "and entries)", name, u->first));
    }
    if (const toml::node* f = t.get("fold_case")) {
      auto b = f->value_exact<bool>();
      if (!b) {
        return error_at(file, line_of(*f),
                        fmt::format("lexicon \"{}\": fold_case must be a boolean, not {}", name,
                                    toml_kind(*f)));
      }
      lex.fold_case = *b;
    }
    const toml::table* entries = t["entries"].as_table();
    if (!entries) {
      return error_at(file, line_of(t), fmt::format("lexicon \"{}\": missing [entries]", name));
    }
    for (auto&& [k, v] : *entries) {
      LexValue lv;
      lv.line = line_of(v);
      if (auto i = v.value_exact<int64_t>()) {
        lv.number = static_cast<long>(*i);
      } else if (auto s = v.value_exact<std::string>()) {
        lv.strings.push_back(*s);
      } else if (auto a = v.as_array()) {
        for (auto&& x : *a) {
          auto s2 = x.value_exact<std::string>();
          if (!s2) {
            return error_at(file, line_of(x),
                            fmt::format("lexicon \"{}\": the list of \"{}\" holds {}, not a "
                                        "string", name, k.str(), toml_kind(x)));
          }
          lv.strings.push_back(*s2);
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

  // [[letter]]: from and to, one letter each, and examples. The normalizer relies on what is
  // checked here: ASCII never folds (its fast paths copy ASCII as it is), a letter folds once,
  // and what it folds to is a letter NFC keeps as it is and that starts a segment, so folding
  // before composing gives what composing the meant text gives.
  std::optional<Diagnostic> read_letters(const std::string& file, const toml::node& node) {
    const toml::array* arr = node.as_array();
    if (!arr) return error_at(file, line_of(node), "letter must be an array of tables ([[letter]])");
    for (auto&& item : *arr) {
      const toml::table* t = item.as_table();
      int line = line_of(item);
      if (!t) return error_at(file, line, "[[letter]] must be a table");
      if (auto u = unknown_key(*t, {"from", "to", "examples"})) {
        return error_at(file, u->second, fmt::format("letter: unknown key \"{}\" (a letter has "
                                                     "from, to and examples)", u->first));
      }
      LetterFold l;
      l.file = file;
      l.line = line;
      for (auto [key, out] : {std::pair{"from", &l.from}, std::pair{"to", &l.to}}) {
        const toml::node* v = t->get(key);
        auto s = v ? v->value_exact<std::string>() : std::nullopt;
        if (!s) return error_at(file, v ? line_of(*v) : line, fmt::format("letter: {} must be a string", key));
        size_t i = 0;
        char32_t c = s->empty() ? 0 : utf8::next(*s, i);
        if (s->empty() || i != s->size() || c == 0xFFFD || !u_isalpha(static_cast<UChar32>(c))) {
          return error_at(file, line_of(*v),
                          fmt::format("letter: {} must be one letter, not \"{}\"", key, *s));
        }
        *out = c;
      }
      if (l.from < 0x80) return error_at(file, line, "letter: from must not be ASCII");
      UErrorCode status = U_ZERO_ERROR;
      const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
      UChar32 to = static_cast<UChar32>(l.to);
      if (U_FAILURE(status) || !nfc->hasBoundaryBefore(to) ||
          u_getIntPropertyValue(to, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) {
        return error_at(file, line, "letter: to must be a letter NFC keeps as it is");
      }
      for (const auto& o : set.letters) {
        if (o.from == l.from || o.from == l.to || o.to == l.from) {
          return error_at(file, line, fmt::format("letter: {} folds twice (also {}:{})",
                                                  o.from == l.from ? "from" : "a letter", o.file,
                                                  o.line));
        }
      }
      if (l.from == l.to) return error_at(file, line, "letter: from and to are the same letter");
      const toml::array* exs = t->get_as<toml::array>("examples");
      if (!exs || exs->empty()) {
        return error_at(file, line, "letter: needs examples = [{text = ..., normalized = ...}]");
      }
      for (auto&& e : *exs) {
        const toml::table* et = e.as_table();
        auto text = et ? et->get("text") : nullptr;
        auto want = et ? et->get("normalized") : nullptr;
        if (!et || unknown_key(*et, {"text", "normalized"}) || !text || !want ||
            !text->is_string() || !want->is_string()) {
          return error_at(file, line_of(e),
                          "letter: an example is {text = \"...\", normalized = \"...\"}");
        }
        l.examples.push_back({*text->value<std::string>(), *want->value<std::string>(), line_of(e)});
      }
      set.letters.push_back(std::move(l));
    }
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

namespace {

// Reads a rule's params against its resolver's declaration into r.params.
std::optional<Diagnostic> read_params(const RuleSet& set, const ResolverSpec& spec,
                                      const toml::table& rt, const std::string& file,
                                      const std::string& where, Rule& r) {
  auto err = [&](int line, const std::string& what) {
    return error_at(file, line, fmt::format("{}: {}", where, what));
  };
  std::vector<std::string> names;
  for (const auto& p : spec.params) names.push_back(p.name);
  const toml::node* node = rt.get("params");
  const toml::table* given = node ? node->as_table() : nullptr;
  if (node && !given) {
    return err(line_of(*node), fmt::format("params must be a table, not {}", toml_kind(*node)));
  }
  if (given) {
    for (auto&& [k, v] : *given) {
      std::string key(k.str());
      auto p = std::find_if(spec.params.begin(), spec.params.end(),
                            [&](const ParamSpec& x) { return x.name == key; });
      if (p == spec.params.end()) {
        return err(line_of(v), fmt::format("unknown param \"{}\" (resolver \"{}\" takes {})", key,
                                           spec.name, names.empty() ? "none" : joined(names)));
      }
      std::optional<std::string> text;
      switch (p->type) {
        case ParamType::string:
        case ParamType::lexicon:
          if (auto x = v.value_exact<std::string>()) text = *x;
          break;
        case ParamType::boolean:
          if (auto x = v.value_exact<bool>()) text = *x ? "true" : "false";
          break;
        case ParamType::integer:
          if (auto x = v.value_exact<int64_t>()) text = std::to_string(*x);
          break;
      }
      if (!text) {
        return err(line_of(v), fmt::format("param \"{}\" must be {}, not {}", key,
                                           type_name(p->type), toml_kind(v)));
      }
      if (!p->choices.empty() &&
          std::find(p->choices.begin(), p->choices.end(), *text) == p->choices.end()) {
        return err(line_of(v), fmt::format("param \"{}\" must be one of {}, not \"{}\"", key,
                                           joined(p->choices), *text));
      }
      if (p->type == ParamType::lexicon && !set.lexicons.count(*text)) {
        return err(line_of(v), fmt::format("param \"{}\": unknown lexicon \"{}\"", key, *text));
      }
      r.params[key] = *text;
    }
  }
  for (const auto& p : spec.params) {
    if (r.params.count(p.name)) continue;
    if (!p.fallback) {
      std::string what = type_name(p.type);
      if (!p.choices.empty()) what += ": " + joined(p.choices, " or ");
      return err(r.line, fmt::format("missing param \"{}\" ({})", p.name, what));
    }
    r.params[p.name] = *p.fallback;
  }
  return std::nullopt;
}

// Checks the named groups of r's expanded pattern and the lexicons its resolver reads.
std::optional<Diagnostic> check_reads(const RuleSet& set, const ResolverSpec& spec,
                                      const std::string& where, const Rule& r) {
  auto err = [&](const std::string& what) {
    return error_at(r.file, r.line, fmt::format("{}: {}", where, what));
  };
  std::vector<std::string> groups = named_groups(r.pattern);
  for (const auto& g : groups) {
    if (g == "span" || spec.any_group ||
        std::find(spec.groups.begin(), spec.groups.end(), g) != spec.groups.end()) {
      continue;
    }
    return err(fmt::format("group \"{}\" is not one resolver \"{}\" reads ({})", g, spec.name,
                           spec.groups.empty() ? std::string("none but span")
                                               : "span, " + joined(spec.groups)));
  }
  for (const auto& g : spec.required) {
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) {
      return err(fmt::format("resolver \"{}\" needs a group \"{}\"", spec.name, g));
    }
  }
  for (const auto& l : spec.lexicons) {
    if (!set.lexicons.count(l)) {
      return err(fmt::format("resolver \"{}\" reads lexicon \"{}\", which the rules do not define",
                             spec.name, l));
    }
  }
  for (const auto& [g, l] : spec.group_lexicons) {
    if (std::find(groups.begin(), groups.end(), g) != groups.end() && !set.lexicons.count(l)) {
      return err(fmt::format("resolver \"{}\" reads group \"{}\" through lexicon \"{}\", which "
                             "the rules do not define",
                             spec.name, g, l));
    }
  }
  return std::nullopt;
}

}  // namespace

Result<RuleSet> load(const std::vector<Source>& files, const Catalog& catalog) {
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
    // finding, part and ui: the messages of a language (rules/*/messages.toml), which the
    // audit's messages module reads.
    if (auto u = unknown_key(t, {"kind", "fragments", "lexicon", "rule", "letter", "finding",
                                 "part", "ui"})) {
      return error_at(src->path, u->second,
                      fmt::format("unknown key \"{}\" (a rule file has kind, fragments, "
                                  "lexicon, rule and letter; a messages file finding, part and "
                                  "ui)",
                                  u->first));
    }
    if (const toml::node* letters = t.get("letter")) {
      if (auto d = L.read_letters(src->path, *letters)) return *d;
    }
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
        auto s = node.value_exact<std::string>();
        if (!s) return error_at(src->path, line_of(node), "a fragment must be a string");
        L.set.fragments[std::string(name.str())] = *s;
      }
    }
  }
  // Pass 2: rules.
  std::map<std::string, const Rule*> first_of_kind;
  for (auto& [src, t] : parsed) {
    std::string kind = t["kind"].value_or(std::string());
    if (const toml::node* k = t.get("kind"); k && !k->is_string()) {
      return error_at(src->path, line_of(*k),
                      fmt::format("kind must be a string, not {}", toml_kind(*k)));
    }
    const toml::node* rules_node = t.get("rule");
    auto arr = rules_node ? rules_node->as_array() : nullptr;
    if (rules_node && !arr) {
      return error_at(src->path, line_of(*rules_node), "rule must be an array of tables ([[rule]])");
    }
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
      std::string pat;
      for (auto [key, out] : {std::pair{"name", &r.name}, std::pair{"resolve", &r.resolve},
                              std::pair{"pattern", &pat}}) {
        const toml::node* v = rt->get(key);
        if (!v) continue;
        auto str = v->value_exact<std::string>();
        if (!str) {
          return error_at(src->path, line_of(*v),
                          fmt::format("rule: {} must be a string, not {}", key, toml_kind(*v)));
        }
        *out = *str;
      }
      if (r.name.empty()) return error_at(src->path, line, "rule without a name");
      auto where = fmt::format("rule \"{}\"", r.name);
      if (auto u = unknown_key(*rt, {"name", "resolve", "pattern", "params", "examples",
                                     "counterexamples"})) {
        return error_at(src->path, u->second,
                        fmt::format("{}: unknown key \"{}\" (a rule has name, resolve, pattern, "
                                    "params, examples and counterexamples)", where, u->first));
      }
      if (pat.empty()) return error_at(src->path, line, where + ": missing pattern");
      const ResolverSpec* spec = catalog.find(r.resolve);
      if (!spec) {
        return error_at(src->path, line,
                        fmt::format("{}: unknown resolver \"{}\"", where, r.resolve));
      }
      if (auto d = read_params(L.set, *spec, *rt, src->path, where, r)) return *d;
      for (const char* key : {"examples", "counterexamples"}) {
        const toml::node* list = rt->get(key);
        if (!list) continue;
        const toml::array* ex = list->as_array();
        if (!ex) {
          return error_at(src->path, line_of(*list),
                          fmt::format("{}: {} must be an array, not {}", where, key,
                                      toml_kind(*list)));
        }
        for (auto&& e : *ex) {
          auto parsed_ex = read_example(src->path, where, e);
          if (!parsed_ex.ok()) return parsed_ex.error();
          (std::string_view(key) == "examples" ? r.examples : r.counterexamples)
              .push_back(std::move(parsed_ex.value()));
        }
      }
      if (r.examples.empty()) return error_at(src->path, line, where + ": no examples");
      auto expanded = L.expand(pat, src->path, line);
      if (!expanded.ok()) return expanded.error();
      r.pattern = expanded.value();
      if (auto d = check_reads(L.set, *spec, where, r)) return *d;
      L.set.rules.push_back(std::move(r));
    }
  }
  // The lexicons of the passes that follow each kind's scan.
  for (const auto& r : L.set.rules) first_of_kind.emplace(r.kind, &r);
  for (const auto& [kind, first] : first_of_kind) {
    auto it = catalog.kind_lexicons.find(kind);
    if (it == catalog.kind_lexicons.end()) continue;
    for (const auto& l : it->second) {
      if (!L.set.lexicons.count(l)) {
        return error_at(first->file, first->line,
                        fmt::format("rules of kind \"{}\" need lexicon \"{}\", which the rules "
                                    "do not define", kind, l));
      }
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
