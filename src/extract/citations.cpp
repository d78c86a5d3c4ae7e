// Citation resolvers. Groups: type (type words), sym (the whole symbol), num, year, tc (type
// code), iss (issuer code), dd/dm/dy (issue date), date (its extent), issuer (issuing body).
// Params: system = party|state.
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

std::optional<std::string> type_from_code(const rules::RuleSet& rules, const std::string& system,
                                          const std::string& code) {
  std::vector<const char*> tables = system == "party"
                                        ? std::vector<const char*>{"code_party"}
                                        : std::vector<const char*>{"code_normative", "code_state"};
  for (const char* t : tables) {
    if (const auto* v = rules.lexicon(t).find(code)) return v->str();
  }
  return std::nullopt;
}

bool citation(const Match& m, ResolveContext& cx) {
  const auto& rules = cx.rules;
  Citation c;
  c.at = {m.begin(), m.end()};
  c.system = m.rule().param("system", "state");
  c.symbol = without_spaces(m.group("sym"));
  c.number = std::string(m.group("num"));
  if (m.has("year")) c.year = to_int(m.group("year"));
  if (m.has("type")) {
    if (const auto* v = rules.lexicon("doc_type").find(m.group("type"))) {
      c.type_from_words = v->str();
    }
  }
  std::string tc(without_spaces(m.group("tc")));
  std::string iss(without_spaces(m.group("iss")));
  if (tc.empty()) {
    // "80/2015/QH13" has its year; a bare "50/CP" is only a citation for the issuers that
    // numbered documents that way.
    if (!c.year && !rules.lexicon("issuer_without_code").find(iss)) return false;
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
  } else if (c.type_code) {
    c.type = type_from_code(rules, *c.system, *c.type_code);
  }
  if (m.has("dy")) {
    std::string iso = iso_date(to_int(m.group("dy")), to_int(m.group("dm")), to_int(m.group("dd")));
    if (!iso.empty()) c.date = iso;
    c.date_at = At{m.group_begin("date"), m.group_end("date")};
  }
  if (m.has("issuer")) c.issuer = std::string(m.group("issuer"));
  cx.out.citations.push_back(std::move(c));
  return true;
}

}  // namespace

void add_citation_resolvers(std::map<std::string, Resolver>& r) { r["citation"] = citation; }

}  // namespace trich
