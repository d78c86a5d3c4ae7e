#include "extract/resolvers.h"

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "extract/pinpoints.h"

namespace trich {
namespace {

bool ignore(const Match&, ResolveContext&) { return false; }

}  // namespace

namespace {

const Registry& registry() {
  static const Registry table = [] {
    Registry r;
    // A counter-rule: its match hides the text from the other rules of its kind.
    r.push_back({{"ignore", {}, {}, {}, {}, true}, ignore});
    add_date_resolvers(r);
    add_citation_resolvers(r);
    add_term_resolvers(r);
    add_priority_resolvers(r);
    add_audit_resolvers(r);
    add_header_resolvers(r);
    add_pinpoint_resolvers(r);
    return r;
  }();
  return table;
}

}  // namespace

const std::map<std::string, Resolver>& resolvers() {
  static const std::map<std::string, Resolver> table = [] {
    std::map<std::string, Resolver> r;
    for (const auto& d : registry()) r[d.spec.name] = d.fn;
    return r;
  }();
  return table;
}

const rules::Catalog& catalog() {
  static const rules::Catalog c = [] {
    rules::Catalog out;
    for (const auto& d : registry()) out.resolvers.push_back(d.spec);
    // The passes after a scan, by kind: references (extract/references.cpp) and audit
    // (audit/audit.cpp) after citations; audit's list checks after priorities.
    out.kind_lexicons["citations"] = {"list_joiner",         "code_normative",     "code_state",
                                      "code_party",          "type_without_code",  "issuer",
                                      "issuer_without_code", "issuer_alias",
                                      // relations (extract/relations.cpp)
                                      "relation_cue", "relation_passive", "relation_passive_before",
                                      // --registry's column names (audit/audit.cpp)
                                      "registry_column"};
    out.kind_lexicons["priorities"] = {"opening_item", "closing_item"};
    // A document's identity from its header (extract/identity.cpp).
    out.kind_lexicons["header"] = {"national_motto", "doc_type",  "signer_title", "self_label",
                                   "title_lead",     "title_of",  "relation_cue"};
    return out;
  }();
  return c;
}

int to_int(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) return -1;
  int v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool plausible_year(int y) { return y >= 1000 && y <= 2200; }

std::string iso_date(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (!plausible_year(y) || m < 1 || m > 12 || d < 1) return "";
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > max) return "";
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

namespace scan {
namespace {

bool is_letter(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) ||
         (u_getCombiningClass(static_cast<UChar32>(c)) != 0 && c >= 0x300);
}

}  // namespace

std::vector<Word> words(std::string_view text, size_t from, size_t to) {
  std::vector<Word> out;
  to = std::min(to, text.size());
  for (Word w = next_word(text, from, to); w.b < to; w = next_word(text, w.e, to)) {
    out.push_back(w);
  }
  return out;
}

Word next_word(std::string_view text, size_t from, size_t to) {
  size_t i = from;
  to = std::min(to, text.size());
  while (i < to) {
    size_t b = i;
    char32_t c = utf8::next(text, i);
    bool digit = c >= '0' && c <= '9';
    if (!digit && !is_letter(c)) continue;
    size_t e = i;
    while (e < to) {
      size_t j = e;
      char32_t d = utf8::next(text, j);
      if (digit ? !(d >= '0' && d <= '9') : !is_letter(d)) break;
      e = j;
    }
    return {b, e, text.substr(b, e - b), digit};
  }
  return {to, to, {}, false};
}

bool is_upper_word(std::string_view w) {
  bool any = false;
  for (size_t i = 0; i < w.size();) {
    char32_t c = utf8::next(w, i);
    if (u_islower(static_cast<UChar32>(c))) return false;
    any = any || u_isupper(static_cast<UChar32>(c));
  }
  return any;
}

bool is_capitalized(std::string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return u_isupper(static_cast<UChar32>(utf8::next(w, i)));
}

std::string join(const std::vector<Word>& w, size_t i, size_t n) {
  std::string out;
  for (size_t k = i; k < i + n && k < w.size(); ++k) {
    if (k > i) out += ' ';
    out += w[k].text;
  }
  return out;
}

bool same_line_run(std::string_view text, const std::vector<Word>& w, size_t i, size_t n) {
  for (size_t k = i + 1; k < i + n && k < w.size(); ++k) {
    for (size_t p = w[k - 1].e; p < w[k].b; ++p) {
      if (text[p] != ' ' && text[p] != '\t') return false;
    }
  }
  return true;
}

}  // namespace scan

}  // namespace trich
