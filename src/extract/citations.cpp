// Citation resolvers. Groups: type (type words), no (the word for "number", with its colon),
// sym (the whole symbol), num, year/year2, tc (type code), iss (issuer code), dd/dm/dy (issue
// date) and date (its extent), or dd2/dm2/dy2/date2 when the date follows the issuer, issuer
// (issuing body). Params: system = party|state.
#include <fmt/format.h>

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
    size_t p = text.substr(0, eol).find(k, from);
    if (p != std::string_view::npos && (text[p - 1] == ' ' || text[p - 1] == '\t') &&
        (!best || p < best->first)) {
      best = {p, marks.find(k)->str()};
    }
  }
  const auto& types = rules.lexicon("doc_type");
  auto words = scan::words(text, from, end);
  for (size_t i = 0; i < words.size() && (!best || words[i].b < best->first); ++i) {
    if (!scan::is_upper_word(words[i].text)) continue;
    // The longest run of capitalized words from here that the type lexicon knows.
    for (size_t n = std::min<size_t>(4, words.size() - i); n >= 1; --n) {
      if (!scan::same_line_run(text, words, i, n)) continue;
      bool caps = true;
      for (size_t k = i; k < i + n; ++k) caps = caps && scan::is_upper_word(words[k].text);
      if (!caps) continue;
      if (const auto* v = types.find(scan::join(words, i, n))) return v->str();
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
  c.system = m.rule().param("system", "state");
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
  if (tc.empty()) {
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
  cx.out.citations.push_back(std::move(c));
  return true;
}

}  // namespace

void add_citation_resolvers(std::map<std::string, Resolver>& r) { r["citation"] = citation; }

}  // namespace trich
