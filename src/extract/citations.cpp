// Citation resolvers. Groups: type (type words), no (the word for "number", with its colon),
// sym (the whole symbol), num, year/year2, tc (type code), iss (issuer code), dd/dm/dy (issue
// date) and date (its extent), or dd2/dm2/dy2/date2 when the date follows the issuer, issuer
// (issuing body). Params: system = party|state.
#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/utf8.h"
#include "extract/resolvers.h"

namespace trich {
namespace {

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// True when `code` is a type code of any table of the rules.
bool known_code(const rules::RuleSet& rules, std::string_view code) {
  for (const char* t : {"code_state", "code_normative", "code_party"}) {
    if (rules.lexicon(t).find(code)) return true;
  }
  return false;
}

// The type a code stands for: the tables of the symbol's system first, then the others (an
// old party law "24-L/CTN" carries a state code).
// With `only_certain`, nothing when the first table that knows the code gives it two types
// (a party "QD" was both a decision and a regulation).
std::optional<std::string> type_from_code(const rules::RuleSet& rules, const std::string& system,
                                          const std::string& code, bool only_certain) {
  std::vector<const char*> tables =
      system == "party" ? std::vector<const char*>{"code_party", "code_normative", "code_state"}
                        : std::vector<const char*>{"code_normative", "code_state", "code_party"};
  for (const char* t : tables) {
    if (const auto* v = rules.lexicon(t).find(code)) {
      if (only_certain && v->strings.size() > 1) return std::nullopt;
      return v->str();
    }
  }
  return std::nullopt;
}

// A header number ("So: 87/2025/ND-CP" on its own line) names its type in capitals on the
// same line or the next one ("NGHI DINH"), or marks a letter with a lexicon word ("V/v").
std::optional<std::string> header_type(const rules::RuleSet& rules, std::string_view text,
                                       size_t from) {
  size_t eol = text.find('\n', from);
  if (eol == std::string_view::npos) eol = text.size();
  size_t next = eol < text.size() ? text.find('\n', eol + 1) : std::string_view::npos;
  if (next == std::string_view::npos) next = text.size();
  size_t end = eol < text.size() ? next : eol;
  // The earliest mark on the line, and the earliest run of capitals naming a type.
  std::optional<std::pair<size_t, std::string>> best;
  const auto& marks = rules.lexicon("header_type");
  for (const auto& k : marks.keys) {
    size_t p = text.substr(0, end).find(k, from);
    if (p != std::string_view::npos && (text[p - 1] == ' ' || text[p - 1] == '\t' || text[p - 1] == '\n') &&
        (!best || p < best->first)) {
      best = {p, marks.find(k)->str()};
    }
  }
  const auto& types = rules.lexicon("doc_type");
  auto words = scan::words(text, from, end);
  for (size_t i = 0; i < words.size() && (!best || words[i].b < best->first); ++i) {
    if (!scan::is_upper_word(words[i].text)) continue;
    // The longest run of capitalized words from here that the type lexicon knows.
    const rules::LexValue* v = nullptr;
    if (scan::phrase_at(types, words, i, 4, &v, [&](size_t n) {
          if (!scan::same_line_run(text, words, i, n)) return false;
          bool caps = true;
          for (size_t k = i; k < i + n; ++k) caps = caps && scan::is_upper_word(words[k].text);
          return caps;
        })) {
      return v->str();
    }
  }
  if (best) return best->second;
  return std::nullopt;
}

bool at_line_start(std::string_view text, size_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t')) --pos;
  return pos == 0 || text[pos - 1] == '\n';
}

bool citation(const Match& m, ResolveContext& cx) {
  const auto& rules = cx.rules;
  Citation c;
  c.at = {m.begin(), m.end()};
  c.system = m.rule().param("system");
  c.symbol = without_spaces(m.group("sym"));
  c.number = std::string(m.group("num"));
  if (m.has("year")) c.year = to_int(m.group("year"));
  if (m.has("year2")) c.year = to_int(m.group("year2"));
  if (m.has("type")) {
    if (const auto* v = rules.lexicon("doc_type").find(m.group("type"))) {
      c.type_from_words = v->str();
    }
  }
  std::string tc(without_spaces(m.group("tc")));
  std::string iss(without_spaces(m.group("iss")));
  if (m.rule().flag("series")) {
    // A state body's series in the party's shape (TC/TCT): the pair names the series and
    // says the type; TC is no type code here (audit would read it as Thong cao).
    c.issuer_code = tc + "/" + iss;
    if (!c.type_from_words) {
      if (const auto* v = rules.lexicon("state_series").find(tc + "/" + iss)) c.type = v->str();
    }
  } else if (tc.empty()) {
    // "80/2015/QH13" has its year; a bare "50/CP" is only a citation for the issuers that
    // numbered documents that way; a letter's "704/SLDTBXH-BTXH" (a unit code too long for a
    // type code) when type words or the number word say it is a document.
    bool letter = iss.find('-') != std::string::npos && (c.type_from_words || m.has("no"));
    if (!c.year && !rules.lexicon("issuer_without_code").find(iss) && !letter) return false;
    c.issuer_code = iss;
  } else if (*c.system == "party" || known_code(rules, tc)) {
    c.type_code = tc;
    c.issuer_code = iss;
  } else if (c.type_from_words && !rules.lexicon("type_without_code").find(*c.type_from_words)) {
    c.type_code = tc;  // a type word that expects a code, and a code nobody knows: keep it
    c.issuer_code = iss;
  } else {
    c.issuer_code = tc + "-" + iss;  // a cong van: its symbol names the unit, not a type
  }
  if (c.type_from_words) {
    c.type = c.type_from_words;
  } else if (c.type) {
    // the series said it
  } else {
    // A code that stands for one type says it; a header without one (or with a code of
    // two meanings) says it on its line or the next.
    if (c.type_code) c.type = type_from_code(rules, *c.system, *c.type_code, true);
    if (!c.type && m.has("no") && at_line_start(cx.text, m.group_begin("no"))) {
      c.type = header_type(rules, cx.text, m.group_end("sym"));
    }
    if (!c.type && c.type_code) c.type = type_from_code(rules, *c.system, *c.type_code, false);
  }
  for (const char* suffix : {"", "2"}) {
    auto g = [&](const char* name) { return fmt::format("{}{}", name, suffix); };
    if (!m.has(g("dy"))) continue;
    std::string iso = iso_date(to_int(m.group(g("dy"))), to_int(m.group(g("dm"))),
                               to_int(m.group(g("dd"))));
    if (!iso.empty()) c.date = iso;
    c.date_at = At{m.group_begin(g("date")), m.group_end(g("date"))};
  }
  if (m.has("issuer")) c.issuer = std::string(m.group("issuer"));
  c.core_end = m.group_end("sym");
  cx.out.citations.push_back(std::move(c));
  return true;
}

// --- Named citations (rules/vi/named.toml) ---------------------------------------------

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Collapses runs of white space to one space ("Chi thi\n35" names "Chi thi 35").
std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws && (out.empty() || out.back() == ' ')) continue;
    out += ws ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The next word if it is separated from `pos` by one or more blanks only (no line break,
// no mark); empty text otherwise.
scan::Word word_after_blanks(std::string_view text, size_t pos) {
  size_t p = pos;
  while (p < text.size() && is_blank(text[p])) ++p;
  if (p == pos || p >= text.size()) return {};
  scan::Word w = scan::next_word(text, p, std::min(text.size(), p + 64));
  if (w.b != p) return {};
  return w;
}

// The word right before `pos` when only blanks separate them; empty text otherwise.
scan::Word last_word_before(std::string_view text, size_t pos) {
  size_t e = pos;
  while (e > 0 && is_blank(text[e - 1])) --e;
  if (e == pos || e == 0) return {};
  size_t from = e > 48 ? e - 48 : 0;
  auto ws = scan::words(text, from, e);
  if (ws.empty() || ws.back().e != e || (ws.size() == 1 && from > 0 && ws[0].b == from)) return {};
  return ws.back();
}

// Like word_after_blanks, but a single line break may stand among the blanks (a title
// broken across two lines).
scan::Word word_after_space(std::string_view text, size_t pos) {
  size_t p = pos;
  int breaks = 0;
  while (p < text.size() && (is_blank(text[p]) || text[p] == '\n')) breaks += text[p++] == '\n';
  if (p == pos || p >= text.size() || breaks > 1) return {};
  scan::Word w = scan::next_word(text, p, std::min(text.size(), p + 64));
  if (w.b != p) return {};
  return w;
}

// The longest phrase of one to three words from `w` that `lex` knows; 0 when none.
size_t phrase_in(const rules::Lexicon& lex, std::string_view text, const scan::Word& w) {
  std::vector<scan::Word> ws{w};
  for (int k = 0; k < 2; ++k) {
    scan::Word n = word_after_blanks(text, ws.back().e);
    if (n.text.empty() || n.digits) break;
    ws.push_back(n);
  }
  for (size_t n = ws.size(); n >= 1; --n) {
    if (lex.find(collapse(text.substr(ws[0].b, ws[n - 1].e - ws[0].b)))) return n;
  }
  return 0;
}

// Reads a title the lexicon does not know on from its head word (ending at `pos`): words up
// to a stop phrase, a type phrase, a number, an abbreviation in capitals, a mark (a comma
// too: titles with commas are in the lexicon) or a line break. Returns where it ends.
size_t extend_title(const rules::RuleSet& rules, std::string_view text, size_t pos) {
  const auto& stop = rules.lexicon("name_stop");
  const auto& types = rules.lexicon("doc_type");
  size_t end = pos;
  for (int n = 0; n < 8; ++n) {
    scan::Word w = word_after_blanks(text, end);
    if (w.text.empty() || w.digits) break;
    if (phrase_in(stop, text, w) || phrase_in(types, text, w)) break;
    if (w.text.size() > 1 && scan::is_upper_word(w.text)) break;
    end = w.e;
  }
  return end;
}

// The end of the longest title of the lexicon law_title that starts at `pos` (its words
// separated by blanks or by a comma and blanks, as the lexicon writes them), or 0.
size_t known_title(const rules::RuleSet& rules, std::string_view text, size_t pos) {
  const auto& titles = rules.lexicon("law_title");
  size_t best = 0, end = pos;
  // The phrase is lower-cased a word at a time (a title is looked up with each word it adds).
  std::string phrase;
  for (int n = 0; n < 24 && phrase.size() < titles.longest; ++n) {
    size_t from = end;
    const char* sep = " ";
    if (n > 0 && from < text.size() && text[from] == ',') {
      ++from;
      sep = ", ";
    }
    scan::Word w = n == 0 ? scan::next_word(text, pos, std::min(text.size(), pos + 64))
                          : word_after_space(text, from);
    if (w.text.empty() || w.digits || (n == 0 && w.b != pos)) break;
    if (n > 0 && from != end && w.b == from) break;  // "a,b": no blank after the comma
    if (n > 0) phrase += sep;
    phrase += titles.fold_case ? utf8::to_lower(w.text) : std::string(w.text);
    end = w.e;
    if (titles.find_lowered(phrase)) best = end;
  }
  return best;
}

// A year written after a title ("2014", "nam 2013", "sua doi 2019"; lexicon year_lead):
// where it ends, or `pos` when none.
size_t year_after(const rules::RuleSet& rules, std::string_view text, size_t pos) {
  scan::Word w = word_after_blanks(text, pos);
  if (!w.text.empty() && !w.digits) {
    size_t n = phrase_in(rules.lexicon("year_lead"), text, w);
    if (!n) return pos;
    for (size_t k = 0; k < n; ++k) w = word_after_blanks(text, w.e);
  }
  if (!w.digits || w.text.size() != 4 || !plausible_year(to_int(w.text))) return pos;
  if (w.e < text.size() && (text[w.e] == '/' || text[w.e] == '-' ||
                            (text[w.e] == '.' && w.e + 1 < text.size() &&
                             text[w.e + 1] >= '0' && text[w.e + 1] <= '9'))) {
    return pos;
  }
  return w.e;
}

// What may follow a named citation, as after a symbol: ", ngay 19 thang 6 nam 2015" or
// "ngay 5/3/2020", and "cua Chinh phu", in either order.
struct Tail {
  size_t end = 0;
  std::optional<std::string> date, issuer;
  std::optional<At> date_at;
};

bool read_date(const rules::RuleSet& rules, std::string_view text, size_t pos, Tail& t) {
  const auto& words = rules.lexicon("date_word");
  auto is = [&](const scan::Word& w, const char* what) {
    const auto* v = w.text.empty() || w.digits ? nullptr : words.find(w.text);
    return v && !v->strings.empty() && v->str() == what;
  };
  size_t p = pos;
  if (p < text.size() && text[p] == ',') ++p;
  scan::Word lead = word_after_blanks(text, p);
  if (!is(lead, "day")) return false;
  scan::Word d = word_after_blanks(text, lead.e);
  if (!d.digits || d.text.size() > 2) return false;
  auto sep_num = [&](size_t at, scan::Word& out) {  // "/5", " / 5", ".5", "-5"
    size_t q = at;
    while (q < text.size() && is_blank(text[q])) ++q;
    if (q >= text.size() || (text[q] != '/' && text[q] != '.' && text[q] != '-')) return false;
    ++q;
    while (q < text.size() && is_blank(text[q])) ++q;
    out = scan::next_word(text, q, std::min(text.size(), q + 8));
    return out.b == q && out.digits;
  };
  scan::Word mo, y;
  if (sep_num(d.e, mo)) {
    if (!sep_num(mo.e, y)) return false;
  } else {
    scan::Word mw = word_after_blanks(text, d.e);
    if (!is(mw, "month")) return false;
    mo = word_after_blanks(text, mw.e);
    if (!mo.digits) return false;
    size_t q = mo.e;
    if (q < text.size() && text[q] == ',') ++q;
    scan::Word yw = word_after_blanks(text, q);
    if (!is(yw, "year")) return false;
    y = word_after_blanks(text, yw.e);
  }
  if (!y.digits || y.text.size() != 4 || mo.text.size() > 2) return false;
  std::string iso = iso_date(to_int(y.text), to_int(mo.text), to_int(d.text));
  if (!iso.empty()) t.date = iso;
  t.date_at = At{d.b, y.e};
  t.end = y.e;
  return true;
}

bool read_issuer(const rules::RuleSet& rules, std::string_view text, size_t pos, Tail& t) {
  scan::Word lead = word_after_blanks(text, pos);
  if (lead.text.empty() || lead.digits || !rules.lexicon("issuer_lead").find(lead.text)) {
    return false;
  }
  size_t p = lead.e;
  while (p < text.size() && is_blank(text[p])) ++p;
  if (p == lead.e) return false;
  const auto& issuers = rules.lexicon("issuer");
  size_t best = 0;
  // The text at p lower-cased, once per key length (a few hundred keys, a few dozen lengths).
  std::vector<std::pair<size_t, std::string>> lower_at;
  for (size_t i = 0; i < issuers.keys.size(); ++i) {
    const std::string& k = issuers.keys[i];
    if (k.size() <= best || p + k.size() > text.size()) continue;
    auto at = std::find_if(lower_at.begin(), lower_at.end(),
                           [&](const auto& e) { return e.first == k.size(); });
    if (at == lower_at.end()) {
      lower_at.emplace_back(k.size(), utf8::to_lower(text.substr(p, k.size())));
      at = lower_at.end() - 1;
    }
    if (at->second != (issuers.fold_case ? issuers.lowered[i] : utf8::to_lower(k))) continue;
    scan::Word after = scan::next_word(text, p + k.size(), p + k.size() + 1);
    if (after.b == p + k.size() && !after.text.empty()) continue;  // inside a longer word
    best = k.size();
  }
  if (!best) return false;
  t.issuer = std::string(text.substr(p, best));
  t.end = p + best;
  return true;
}

Tail read_tail(const rules::RuleSet& rules, std::string_view text, size_t pos) {
  Tail t;
  t.end = pos;
  bool dated = read_date(rules, text, t.end, t);
  if (read_issuer(rules, text, t.end, t) && !dated) read_date(rules, text, t.end, t);
  return t;
}

bool named_citation(const Match& m, ResolveContext& cx) {
  const auto& rules = cx.rules;
  std::string_view text = cx.text;
  std::string form = m.rule().param("form");
  Citation c;
  c.form = form;
  c.at = {m.begin(), m.end()};
  if (const auto* v = rules.lexicon("doc_type").find(collapse(m.group("type")))) c.type = v->str();
  if (!c.type) return false;
  size_t end = m.end();
  if (form == "short") {
    bool said = m.has("no");
    std::string_view type = m.group("type");
    if (!said && (!scan::is_capitalized(type) || scan::is_upper_word(type))) return false;
    if (!rules.lexicon("short_form_type").find(*c.type)) return false;
    int n = to_int(m.group("num"));
    if (!said && m.group("num").size() == 4 && plausible_year(n) && n >= 1900) return false;
    scan::Word next = word_after_blanks(text, end);
    if (next.digits || (!next.text.empty() && rules.lexicon("count_unit").find(next.text))) {
      return false;
    }
    c.number = std::string(m.group("num"));
  } else if (form == "party") {
    const auto& generic = rules.lexicon("name_generic");
    for (const auto& w : scan::words(text, m.begin(), m.end())) {
      if (!w.digits && generic.find(w.text)) return false;
    }
  } else if (form == "title" || form == "amend") {
    scan::Word before = last_word_before(text, m.begin());
    if (!before.text.empty() && rules.lexicon("title_blocker").find(before.text)) return false;
    size_t known = known_title(rules, text, m.group_begin("head"));
    if (known) {
      end = known;
    } else if (scan::is_capitalized(m.group("head"))) {
      end = extend_title(rules, text, m.group_end("head"));
    } else {
      return false;
    }
    end = year_after(rules, text, end);
    if (form == "amend") {
      if (const auto* v = rules.lexicon("doc_type").find(collapse(m.group("inner")))) {
        c.inner_type = v->str();
      }
    }
  }
  c.core_end = end;
  c.name = collapse(text.substr(c.at.b, end - c.at.b));
  Tail t = read_tail(rules, text, end);
  c.date = t.date;
  c.date_at = t.date_at;
  c.issuer = t.issuer;
  c.at.e = t.end;
  cx.out.citations.push_back(std::move(c));
  return true;
}

}  // namespace

void add_citation_resolvers(Registry& r) {
  r.push_back({{"citation",
                {{"system", rules::ParamType::string, "state", {"party", "state"}},
                 // a state body's series in the party's shape (TC/TCT: lexicon state_series)
                 {"series", rules::ParamType::boolean, "false", {}}},
                {"type", "no", "sym", "num", "year", "year2", "tc", "iss", "date", "dd", "dm", "dy",
                 "date2", "dd2", "dm2", "dy2", "issuer"},
                {"sym", "num", "iss"},
                {"doc_type", "issuer_without_code", "type_without_code", "code_state",
                 "code_normative", "code_party", "header_type", "state_series"}},
               citation});
  r.push_back({{"named_citation",
                {{"form", rules::ParamType::string, std::nullopt,
                  {"party", "title", "amend", "short"}}},
                {"type", "no", "num", "head", "inner"},
                {"type"},
                {"doc_type", "short_form_type", "count_unit", "name_generic", "title_blocker",
                 "law_title", "name_stop", "year_lead", "date_word", "issuer_lead", "issuer"}},
               named_citation});
}

}  // namespace trich
