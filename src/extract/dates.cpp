// Date resolvers. Groups: d, m, y (digits) for one date; for a range whose first end borrows
// month and year ("20 - 28/1/2016"), a/d1/m1 for the first end and b/d/m/y for the second.
// Parts of a year (quarter, half) and dates relative to a reference date are here too; the
// words that say which part or which shift are in the rules (rules/vi/relative.toml).
#include <cstdio>

#include <fmt/format.h>

#include "extract/resolvers.h"

namespace trich {
namespace {

// Adds the date d/m/y (d or m may be -1 for month or year precision) at [b, e); records an
// invalid date when the expression is date-shaped but not on the calendar.
bool add_date(ResolveContext& cx, size_t b, size_t e, int d, int m, int y, bool inferred,
              bool relative = false) {
  Date out;
  out.at = {b, e};
  out.inferred = inferred;
  out.relative = relative;
  if (!plausible_year(y)) return false;
  if (d >= 0) {
    out.value = iso_date(y, m, d);
    if (out.value.empty()) {
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        cx.out.invalid_dates.push_back(
            {{b, e}, fmt::format("day {} does not exist in month {} of {}", d, m, y), d, m, y});
      }
      return false;
    }
    out.precision = "day";
  } else if (m >= 0) {
    if (m < 1 || m > 12) return false;
    out.value = fmt::format("{:04}-{:02}", y, m);
    out.precision = "month";
  } else {
    out.value = fmt::format("{:04}", y);
    out.precision = "year";
  }
  cx.out.dates.push_back(std::move(out));
  return true;
}

int month_of(const Match& m, const rules::RuleSet& rules, std::string_view digits_group,
             std::string_view word_group) {
  if (m.has(digits_group)) return to_int(m.group(digits_group));
  if (m.has(word_group)) {
    const auto* v = rules.lexicon("month_word").find(m.group(word_group));
    if (v && v->number) return static_cast<int>(*v->number);
  }
  return -1;
}

// One date: day, month or year precision depending on which groups took part.
bool date(const Match& m, ResolveContext& cx) {
  int y = to_int(m.group("y"));
  int mo = month_of(m, cx.rules, "m", "mw");
  int d = m.has("d") ? to_int(m.group("d")) : -1;
  if (d >= 0 && mo < 0) return false;
  return add_date(cx, m.begin(), m.end(), d, mo, y, false);
}

// Two dates written as a range: b (groups d, m or mw, y) is complete; a (groups d1, m1, y1)
// borrows what it leaves out from b ("20 - 28/1/2016", "tu ngay 20 den ngay 28/1/2016",
// "ngay 18 thang 10 den ngay 29 thang 11 nam 2011", "thang 4-5/2017"), or is complete itself
// ("14/6/1957-14/6/2017", "6/1970-12/1979"). A borrowed end is marked inferred, and must come
// before the other end; a range whose ends are not in order yields its second end only.
bool date_range(const Match& m, ResolveContext& cx) {
  int y = to_int(m.group("y"));
  int mo = month_of(m, cx.rules, "m", "mw");
  int d = m.has("d") ? to_int(m.group("d")) : -1;
  bool day = d >= 0;
  if (day ? iso_date(y, mo, d).empty() : (mo < 1 || mo > 12 || !plausible_year(y))) {
    // an invalid second end: recorded, nothing borrowed
    return add_date(cx, m.group_begin("b"), m.group_end("b"), d, mo, y, false);
  }
  if (m.has("a") && !m.has("d1") && day) {
    // "25, 26 va 27/9/2014": each day of the list borrows month and year, in order.
    std::string_view a = m.group("a");
    size_t base = m.group_begin("a"), prev = 0;
    for (const auto& w : scan::words(a, 0, a.size())) {
      int dn = to_int(w.text);
      if (!w.digits || dn <= static_cast<int>(prev) || dn >= d || iso_date(y, mo, dn).empty()) {
        continue;
      }
      add_date(cx, base + w.b, base + w.e, dn, mo, y, true);
      prev = static_cast<size_t>(dn);
    }
    add_date(cx, m.group_begin("b"), m.group_end("b"), d, mo, y, false);
    return true;
  }
  int d1 = m.has("d1") ? to_int(m.group("d1")) : -1;
  int m1 = m.has("m1") ? to_int(m.group("m1")) : mo;
  int y1 = m.has("y1") ? to_int(m.group("y1")) : y;
  bool borrowed = !m.has("y1") || !m.has("m1");
  bool same_shape = day == (d1 >= 0);
  bool valid = same_shape && (day ? !iso_date(y1, m1, d1).empty() : m1 >= 1 && m1 <= 12);
  bool in_order = y1 < y || (y1 == y && (m1 < mo || (m1 == mo && day && d1 < d)));
  // Param ordered: a shape that is only a range when its ends are in order ("6/1970-12/1979").
  if (m.rule().flag("ordered") && !(valid && in_order)) return false;
  bool first = false;
  if (borrowed ? valid && in_order : same_shape) {
    first = add_date(cx, m.group_begin("a"), m.group_end("a"), d1, m1, y1, borrowed);
  }
  if (add_date(cx, m.group_begin("b"), m.group_end("b"), d, mo, y, false) && first) {
    // Two ends: an interval, which both dates name.
    auto& v = cx.out.dates;
    Date& from = v[v.size() - 2];
    Date& to = v.back();
    from.interval_from = to.interval_from = from.value;
    from.interval_to = to.interval_to = to.value;
  }
  return true;
}

// A number written as digits or as a word of `lexicon` (a Roman numeral, "ba"); -1 if neither.
int number_of(const Match& m, const rules::RuleSet& rules, std::string_view group,
              const char* lexicon) {
  if (!m.has(group)) return -1;
  int n = to_int(m.group(group));
  if (n >= 0) return n;
  const auto* v = rules.lexicon(lexicon).find(m.group(group));
  return v && v->number ? static_cast<int>(*v->number) : -1;
}

int param_int(const Match& m, const char* name, int fallback) {
  auto p = m.rule().param(name);
  if (p.empty()) return fallback;
  int sign = p[0] == '-' ? -1 : 1;
  int n = to_int(p[0] == '-' || p[0] == '+' ? p.substr(1) : p);
  return n < 0 ? fallback : sign * n;
}

bool add_part(ResolveContext& cx, const Match& m, int y, char unit, int n, bool relative) {
  if (!plausible_year(y) || n < 1 || n > (unit == 'Q' ? 4 : 2)) return false;
  Date out;
  out.at = {m.begin(), m.end()};
  out.value = fmt::format("{:04}-{}{}", y, unit, n);
  out.precision = unit == 'Q' ? "quarter" : "half";
  out.relative = relative;
  cx.out.dates.push_back(std::move(out));
  return true;
}

// A quarter ("quy III/2024": group q, a digit or a word of the lexicon quarter) or a half of a
// year (param half = 1 or 2: "6 thang dau nam 2024") of the year in group y.
bool date_part(const Match& m, ResolveContext& cx) {
  int y = to_int(m.group("y"));
  if (m.has("q")) return add_part(cx, m, y, 'Q', number_of(m, cx.rules, "q", "quarter"), false);
  return add_part(cx, m, y, 'H', param_int(m, "half", 0), false);
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms):
// shifting a day across months and years without a calendar library.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
RefDate civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return {y, m, d};
}

// The date relative dates are resolved against, when there is one.
std::optional<RefDate> reference(const ResolveContext& cx) {
  std::string_view r = cx.reference_date;
  if (r.empty()) return std::nullopt;
  if (r.size() != 10 || r[4] != '-' || r[7] != '-') return cx.out.document_date;  // "document"
  RefDate d{to_int(r.substr(0, 4)), to_int(r.substr(5, 2)), to_int(r.substr(8, 2))};
  if (iso_date(d.y, d.m, d.d).empty()) return std::nullopt;
  return d;
}

// A date relative to the reference date, reported only when there is one. Param unit (day,
// month, quarter, half, year) and shift (units from the reference's: "ngay mai" +1 day,
// "nam ngoai" -1 year); or named parts that the reference completes: a day and month with
// no year (groups d, m or mw: the reference's year), a month alone (group m or mw; param next
// = "true": the first such month after the reference's), a quarter alone (group q), a half
// (param half), params day and month for a fixed day ("ngay dau tien cua thang ba", a feast:
// with param next, its first date on or after the reference).
//
// A count or quantifier right before the match vetoes it ("3 thang truoc" is three months ago,
// "nhung nam toi" the coming years): digits, or a word of the lexicon relative_veto. A date
// with its year (group y, which a rule reads so as to see it) is left to the dates kind.
bool relative(const Match& m, ResolveContext& cx) {
  std::string unit(m.rule().param("unit"));
  // A count or quantifier right before: an amount of time, no date (lexicon relative_veto).
  size_t from = m.begin() > 24 ? m.begin() - 24 : 0;
  auto before = scan::words(cx.text, from, m.begin());
  // (Not for a day written out: "thu 2 mong 6 thang 2" is a date after a weekday.)
  if (!m.has("d") && !before.empty() && (from == 0 || before.back().b > from)) {
    const auto& w = before.back();
    bool adjacent = true;
    for (size_t i = w.e; i < m.begin(); ++i) adjacent = adjacent && (cx.text[i] == ' ' || cx.text[i] == '\t');
    if (adjacent && (w.digits || cx.rules.lexicon("relative_veto").find(w.text))) {
      return false;
    }
  }
  if (m.has("y")) return false;  // an absolute date: the dates kind has it
  auto ref = reference(cx);
  if (!ref) return false;
  int shift = param_int(m, "shift", 0);
  int y = m.has("y") ? to_int(m.group("y")) : ref->y;
  int mo = month_of(m, cx.rules, "m", "mw");
  if (unit == "day") {
    int d = m.has("d") ? to_int(m.group("d")) : param_int(m, "day", -1);
    if (mo < 1) mo = param_int(m, "month", -1);
    if (d >= 0 && mo >= 1) {
      // param next: the first such day on or after the reference (a yearly feast).
      if (m.rule().flag("next") && (mo < ref->m || (mo == ref->m && d < ref->d))) ++y;
      return add_date(cx, m.begin(), m.end(), d, mo, y, false, true);
    }
    RefDate t = civil_from_days(days_from_civil(ref->y, ref->m, ref->d) + shift);
    return add_date(cx, m.begin(), m.end(), t.d, t.m, t.y, false, true);
  }
  if (unit == "month") {
    if (mo >= 1) {
      if (m.rule().flag("next") && mo <= ref->m) ++y;
      return add_date(cx, m.begin(), m.end(), -1, mo, y, false, true);
    }
    int k = ref->y * 12 + (ref->m - 1) + shift;
    return add_date(cx, m.begin(), m.end(), -1, k % 12 + 1, k / 12, false, true);
  }
  if (unit == "quarter") {
    int q = number_of(m, cx.rules, "q", "quarter");
    if (q >= 1) return add_part(cx, m, y, 'Q', q, true);
    int k = ref->y * 4 + (ref->m - 1) / 3 + shift;
    return add_part(cx, m, k / 4, 'Q', k % 4 + 1, true);
  }
  if (unit == "half") return add_part(cx, m, y, 'H', param_int(m, "half", 0), true);
  if (unit == "year") return add_date(cx, m.begin(), m.end(), -1, -1, ref->y + shift, false, true);
  return false;
}

// Whether text[line start, comma) names a place: one to six words, the first capitalized, at
// most one that is not, no digits (and only blanks, '|' or '*' before the first word).
bool place_before(std::string_view text, size_t comma) {
  size_t b = text.rfind('\n', comma == 0 ? 0 : comma - 1);
  b = b == std::string_view::npos ? 0 : b + 1;
  if (comma - b > 80) return false;
  auto ws = scan::words(text, b, comma);
  if (ws.empty() || ws.size() > 6 || !scan::is_capitalized(ws[0].text)) return false;
  for (size_t i = b; i < ws[0].b; ++i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '|' && text[i] != '*') return false;
  }
  int lower = 0;
  for (const auto& w : ws) {
    if (w.digits) return false;
    lower += !scan::is_capitalized(w.text);
  }
  return lower <= 1;
}

// The document's own date, written in its header ("place, ngay d thang m nam y"): a date like
// any other, and, when a place leads its line, the reference of relative dates under
// --reference-date document.
bool document_date(const Match& m, ResolveContext& cx) {
  if (!date(m, cx)) return false;
  if (!cx.out.document_date && place_before(m.text(), m.group_begin("comma"))) {
    int mo = month_of(m, cx.rules, "m", "mw");
    cx.out.document_date = RefDate{to_int(m.group("y")), mo, to_int(m.group("d"))};
  }
  return true;
}

}  // namespace

void add_date_resolvers(Registry& r) {
  // A month written as a word (group mw) is looked up in month_word: rules without that group
  // need no such lexicon.
  const std::vector<std::pair<std::string, std::string>> mw = {{"mw", "month_word"}};
  r.push_back({{"date", {}, {"d", "m", "mw", "y"}, {"y"}, {}, false, mw}, date});
  r.push_back({{"date_range",
                {{"ordered", rules::ParamType::boolean, "false", {}}},
                {"a", "b", "d", "m", "mw", "y", "d1", "m1", "y1"},
                {"b", "y"},
                {},
                false,
                mw},
               date_range});
  r.push_back({{"date_part",
                {{"half", rules::ParamType::integer, "0", {}}},
                {"q", "y"},
                {"y"},
                {"quarter"}},
               date_part});
  // unit says what the other params mean (see relative() above).
  r.push_back({{"relative",
                {{"unit", rules::ParamType::string, std::nullopt,
                  {"day", "month", "quarter", "half", "year"}},
                 {"shift", rules::ParamType::integer, "0", {}},
                 {"day", rules::ParamType::integer, "-1", {}},
                 {"month", rules::ParamType::integer, "-1", {}},
                 {"half", rules::ParamType::integer, "0", {}},
                 {"next", rules::ParamType::boolean, "false", {}}},
                {"d", "m", "mw", "q", "y"},
                {},
                {"relative_veto", "quarter"},
                false,
                mw},
               relative});
  r.push_back({{"document_date", {}, {"d", "m", "mw", "y", "comma"}, {"y", "comma"}, {}, false, mw},
               document_date});
}

}  // namespace trich
