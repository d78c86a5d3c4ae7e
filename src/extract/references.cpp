#include "extract/references.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "base/utf8.h"
#include "extract/resolvers.h"

namespace trich {
namespace {

const char* const kCodeTables[] = {"code_normative", "code_state", "code_party"};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool only_blanks(std::string_view text, size_t b, size_t e) {
  if (b > e) return false;
  for (size_t i = b; i < e; ++i) {
    if (!is_ws(text[i])) return false;
  }
  return true;
}

// True when text[b, e) holds only what separates the members of a list: blanks, commas,
// semicolons and the joining words of the lexicon list_joiner ("va", "hoac").
bool only_separators(const rules::RuleSet& rules, std::string_view text, size_t b, size_t e) {
  if (b > e || e - b > 40) return false;
  const auto& joiners = rules.lexicon("list_joiner");
  for (const auto& w : scan::words(text, b, e)) {
    if (w.digits || !joiners.find(w.text)) return false;
  }
  for (size_t i = b; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !is_ws(text[i]) && c != ',' && c != ';' && !std::isalpha(c)) return false;
  }
  return true;
}

// Every type the tables give the citation's code (empty without a code).
std::vector<std::string> code_types(const rules::RuleSet& rules, const Citation& c) {
  std::vector<std::string> out;
  if (!c.type_code) return out;
  for (const char* t : kCodeTables) {
    if (const auto* v = rules.lexicon(t).find(*c.type_code)) {
      out.insert(out.end(), v->strings.begin(), v->strings.end());
    }
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string_view without_leading_zeros(std::string_view n) {
  size_t i = 0;
  while (i + 1 < n.size() && n[i] == '0') ++i;
  return n.substr(i);
}

// A title followed by its symbol becomes the symbol's citation; an amending law's inner
// title gives its type to the symbol after it.
void merge_titles(std::string_view text, std::vector<Citation>& cs) {
  std::vector<Citation> out;
  for (size_t i = 0; i < cs.size(); ++i) {
    Citation& c = cs[i];
    // The symbol right after the title, or one whose type words the title holds ("Luat Ban
    // hanh van ban quy pham phap luat so 80/2015/QH13": "luat so" began a match inside it).
    bool next_symbol = i + 1 < cs.size() && cs[i + 1].form == "symbol" && !c.date &&
                       !c.issuer &&
                       ((!cs[i + 1].type_from_words && only_blanks(text, c.at.e, cs[i + 1].at.b)) ||
                        (cs[i + 1].at.b > c.at.b && cs[i + 1].at.b < c.at.e &&
                         cs[i + 1].core_end > c.at.e));
    if (next_symbol && c.form == "title") {
      Citation& s = cs[i + 1];
      s.type_from_words = c.type;
      s.type = c.type;
      s.at.b = c.at.b;
      s.name = c.name;  // "Luat Dat dai so 31/2024/QH15": the name and the symbol
      continue;  // the title is part of the symbol's citation
    }
    if (next_symbol && c.form == "amend" && c.inner_type) {
      cs[i + 1].type_from_words = c.inner_type;
      cs[i + 1].type = c.inner_type;
    }
    out.push_back(std::move(c));
  }
  cs = std::move(out);
}

// Symbols listed after one type word take its type.
void type_lists(std::string_view text, const rules::RuleSet& rules, std::vector<Citation>& cs) {
  std::vector<bool> worded(cs.size());
  for (size_t i = 0; i < cs.size(); ++i) {
    Citation& c = cs[i];
    worded[i] = c.type_from_words.has_value();
    if (worded[i] || i == 0 || c.form != "symbol") continue;
    const Citation& p = cs[i - 1];
    if (!worded[i - 1] || p.form != "symbol" || !p.type) continue;
    if (!only_separators(rules, text, p.at.e, c.at.b)) continue;
    auto types = code_types(rules, c);
    if (!types.empty() && !has(types, *p.type)) continue;
    c.type = p.type;
    worded[i] = true;
  }
}

// Whether the short form `c` ("Chi thi 35") can stand for the full citation `full`.
bool stands_for(const rules::RuleSet& rules, const Citation& c, const Citation& full) {
  if (!full.symbol || !full.number) return false;
  if (without_leading_zeros(*full.number) != without_leading_zeros(*c.number)) return false;
  return full.type == c.type || full.type_from_words == c.type ||
         has(code_types(rules, full), *c.type);
}

// The key under which a short form of `type` and `number` finds the full citations it can
// stand for (stands_for): a full citation is filed under its number with each type it has.
std::string short_key(std::string_view number, std::string_view type) {
  std::string k(without_leading_zeros(number));
  k += '\0';
  k += type;
  return k;
}

// Each short form refers to the latest full citation before it that it can stand for. The
// full citations are filed by (number, type) as the pass goes, so a short form looks up one
// key instead of walking back over every earlier citation ("Chi thi 35" repeated over a few
// MB made that walk quadratic: 40 s for 2 MB).
void refer_short_forms(const rules::RuleSet& rules, std::vector<Citation>& cs,
                       const CitationMemory* earlier) {
  std::unordered_map<std::string, size_t> latest;  // short_key -> index in cs
  auto file = [&](size_t j) {
    const Citation& f = cs[j];
    if (!f.symbol || !f.number) return;
    if (f.type) latest[short_key(*f.number, *f.type)] = j;
    if (f.type_from_words) latest[short_key(*f.number, *f.type_from_words)] = j;
    for (const auto& t : code_types(rules, f)) latest[short_key(*f.number, t)] = j;
  };
  for (size_t i = 0; i < cs.size(); ++i) {
    Citation& c = cs[i];
    if (c.form == "short" && c.number && c.type) {
      auto it = latest.find(short_key(*c.number, *c.type));
      if (it != latest.end()) {
        c.refers_to = cs[it->second].symbol;
      } else if (earlier) {
        if (const Citation* f = earlier->stood_for(rules, c)) c.refers_to = f->symbol;
      }
    }
    file(i);
  }
}

std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ws = is_ws(c);
    if (ws && (out.empty() || out.back() == ' ')) continue;
    out += ws ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// An amending law's name runs over the list of laws it amends: "Luat sua doi, bo sung Luat
// A, Luat B va Luat C" is one named citation (the titles in its list are not cited again; the
// symbols in it are). When only the last of two or more members carries a date, the date is
// the amending law's: "... cua Luat A so X, Luat B so Y ngay D".
void absorb_amended(std::string_view text, const rules::RuleSet& rules,
                    std::vector<Citation>& cs) {
  std::vector<bool> drop(cs.size());
  for (size_t i = 0; i < cs.size(); ++i) {
    Citation& a = cs[i];
    if (a.form != "amend" || a.date_at || a.issuer) continue;
    std::vector<size_t> members;
    size_t end = a.at.e;
    for (size_t j = i + 1; j < cs.size(); ++j) {
      const Citation& c = cs[j];
      if ((c.form != "title" && c.form != "symbol") || c.at.b < end ||
          !only_separators(rules, text, end, c.at.b)) {
        break;
      }
      members.push_back(j);
      end = c.core_end;
      if (c.date_at || c.issuer) break;
    }
    if (members.empty()) continue;
    Citation& last = cs[members.back()];
    // The amended laws: the one named in the amending law's own title (with its symbol when
    // one follows it), and each member after a separator.
    bool inner_symbol = cs[members[0]].form == "symbol" &&
                        only_blanks(text, a.at.e, cs[members[0]].at.b);
    size_t laws = 1 + members.size() - (inner_symbol ? 1 : 0);
    bool earlier_undated = laws >= 2;  // only the last member can carry a date here
    a.core_end = end;
    a.name = collapse(text.substr(a.at.b, end - a.at.b));
    a.at.e = end;
    if (earlier_undated && last.date_at && !last.issuer) {
      a.date = last.date;
      a.date_at = last.date_at;
      a.at.e = last.at.e;
      last.date.reset();
      last.date_at.reset();
      last.at.e = last.core_end;
    }
    for (size_t j : members) drop[j] = cs[j].form == "title";
  }
  size_t out = 0;
  for (size_t i = 0; i < cs.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) cs[out] = std::move(cs[i]);
    ++out;
  }
  cs.resize(out);
}

// A law named by its title alone ("Luat Dat dai") refers to the citation earlier in the
// document that gave the same title with a symbol ("Luat Dat dai so 31/2024/QH15"), as a
// short form does; titles compare without case and with blanks collapsed.
void refer_names(std::vector<Citation>& cs, const CitationMemory* earlier) {
  std::unordered_map<std::string, size_t> named;  // lower-cased name -> latest with a symbol
  for (size_t i = 0; i < cs.size(); ++i) {
    Citation& c = cs[i];
    if (!c.name) continue;
    std::string key = utf8::to_lower(collapse(*c.name));
    if (c.symbol) {
      named[key] = i;
    } else if (!c.refers_to && c.form == "title") {
      auto it = named.find(key);
      if (it != named.end()) {
        c.refers_to = cs[it->second].symbol;
      } else if (const std::string* s = earlier ? earlier->named(key) : nullptr) {
        c.refers_to = *s;
      }
    }
  }
}

}  // namespace

void CitationMemory::remember(const rules::RuleSet& rules,
                              const std::vector<Citation>& citations) {
  for (const auto& c : citations) {
    if (c.symbol && c.name) named_[utf8::to_lower(collapse(*c.name))] = *c.symbol;
    if (!c.symbol || !c.number) continue;
    // The latest mention under each key: one record per (number, type) keeps this bounded
    // by the distinct symbols cited, and a look-up is one find.
    auto keep = [&](const std::string& type) {
      Citation& kept = latest_[short_key(*c.number, type)];
      kept = c;
      kept.span = Span{};
    };
    if (c.type) keep(*c.type);
    if (c.type_from_words) keep(*c.type_from_words);
    for (const auto& t : code_types(rules, c)) keep(t);
  }
}

const std::string* CitationMemory::title_stood_for(const Citation& c) const {
  if (!c.name || c.symbol || c.form != "title") return nullptr;
  return named(utf8::to_lower(collapse(*c.name)));
}

const std::string* CitationMemory::named(const std::string& title_key) const {
  auto it = named_.find(title_key);
  return it == named_.end() ? nullptr : &it->second;
}

const Citation* CitationMemory::stood_for(const rules::RuleSet& rules,
                                          const Citation& short_form) const {
  if (!short_form.number || !short_form.type) return nullptr;
  auto it = latest_.find(short_key(*short_form.number, *short_form.type));
  if (it == latest_.end() || !stands_for(rules, short_form, it->second)) return nullptr;
  return &it->second;
}

void resolve_references(std::string_view text, const rules::RuleSet& rules,
                        std::vector<Citation>& citations, const CitationMemory* earlier) {
  std::stable_sort(citations.begin(), citations.end(),
                   [](const Citation& a, const Citation& b) { return a.at.b < b.at.b; });
  merge_titles(text, citations);
  type_lists(text, rules, citations);
  absorb_amended(text, rules, citations);
  refer_short_forms(rules, citations, earlier);
  refer_names(citations, earlier);
}

}  // namespace trich
