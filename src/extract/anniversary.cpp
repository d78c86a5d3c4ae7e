// Anniversary resolver (for audit's anniversary.mismatch). Decides whether "N <year-word> ...
// (Y1 - Y2)" found by rules/vi/anniversary.toml is an anniversary, and records N and the span
// for audit to check. The cues (which words make it one) are data: the rule's groups say
// which took part and lexicon anniversary_event says what kind of event follows N. Groups:
// cue, n, yw, event, named, open, years, d1/m1/y1, d2/m2/y2 (see the rule file's header).
#include "extract/resolvers.h"

namespace trich {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// True when the year-word is followed by a four-digit number: N is then a month of a date
// ("3 <month-word> 2 <year-word> 1930"), not a count of years.
bool month_of_a_date(std::string_view text, size_t after_yw) {
  size_t p = after_yw;
  while (p < text.size() && is_space(text[p])) ++p;
  size_t digits = 0;
  while (p + digits < text.size() && text[p + digits] >= '0' && text[p + digits] <= '9') ++digits;
  return digits == 4;
}

// True when this mention continues the previous anniversary of the same sentence ("... (1930
// - 2020) and 75 <years> ... (1945 - 2020)"): only a short connective stands between them.
bool continues_previous(const ResolveContext& cx, size_t n_begin) {
  if (cx.out.anniversaries.empty()) return false;
  size_t prev_end = cx.out.anniversaries.back().at.e;
  if (prev_end > n_begin || n_begin - prev_end > 24) return false;
  for (size_t p = prev_end; p < n_begin; ++p) {
    char c = cx.text[p];
    if (c == '.' || c == '!' || c == '?' || c == '\n') return false;
  }
  return true;
}

bool anniversary(const Match& m, ResolveContext& cx) {
  int n = to_int(m.group("n")), y1 = to_int(m.group("y1")), y2 = to_int(m.group("y2"));
  if (n <= 0 || !plausible_year(y1) || !plausible_year(y2) || y2 <= y1) return false;
  if (month_of_a_date(cx.text, m.group_end("yw"))) return false;

  bool full = m.has("d1") && m.has("d2");
  bool same_day = full && to_int(m.group("d1")) == to_int(m.group("d2")) &&
                  to_int(m.group("m1")) == to_int(m.group("m2"));
  if (full && !same_day) return false;       // a life or a period, not an anniversary
  if (!same_day && !m.has("open")) return false;  // bare years count only in brackets

  std::string event;
  if (m.has("event")) {
    const auto* v = cx.rules.lexicon("anniversary_event").find(m.group("event"));
    event = v && !v->strings.empty() ? v->str() : "event";
  } else if (m.has("named")) {
    event = "event";
  }
  bool cued = same_day || m.has("cue") || !event.empty() ||
              continues_previous(cx, m.group_begin("n"));
  if (!cued) return false;
  if (!same_day) {
    // Bare years after a person's name are often the person's lifespan.
    if (event == "death") return false;
    if (event == "birth" && y2 - y1 < n && y2 - y1 <= 110) return false;
  }

  Anniversary a;
  a.at = {m.begin(), m.end()};
  a.years_at = {m.group_begin("years"), m.group_end("years")};
  a.years = n;
  a.from = y1;
  a.to = y2;
  cx.out.anniversaries.push_back(a);
  return true;
}

}  // namespace

void add_audit_resolvers(Registry& r) {
  r.push_back({{"anniversary",
                {},
                {"cue", "n", "yw", "event", "named", "open", "years", "d1", "m1", "y1", "d2", "m2",
                 "y2"},
                {"n", "yw", "years", "y1", "y2"},
                {"anniversary_event"}},
               anniversary});
}

}  // namespace trich
