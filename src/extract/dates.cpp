// Date resolvers. Groups: d, m, y (digits) for one date; for a range whose first end borrows
// month and year ("20 - 28/1/2016"), a/d1/m1 for the first end and b/d/m/y for the second.
#include <fmt/format.h>

#include "extract/resolvers.h"

namespace trich {
namespace {

// Adds the date d/m/y (d or m may be -1 for month or year precision) at [b, e); records an
// invalid date when the expression is date-shaped but not on the calendar.
bool add_date(ResolveContext& cx, size_t b, size_t e, int d, int m, int y, bool inferred) {
  Date out;
  out.at = {b, e};
  out.inferred = inferred;
  if (!plausible_year(y)) return false;
  if (d >= 0) {
    out.value = iso_date(y, m, d);
    if (out.value.empty()) {
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        cx.out.invalid_dates.push_back(
            {{b, e}, fmt::format("day {} does not exist in month {} of {}", d, m, y)});
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
  if (borrowed ? valid && in_order : same_shape) {
    add_date(cx, m.group_begin("a"), m.group_end("a"), d1, m1, y1, borrowed);
  }
  add_date(cx, m.group_begin("b"), m.group_end("b"), d, mo, y, false);
  return true;
}

}  // namespace

void add_date_resolvers(Registry& r) {
  r.push_back({{"date", {}, {"d", "m", "mw", "y"}, {"y"}, {"month_word"}}, date});
  r.push_back({{"date_range",
                {{"ordered", rules::ParamType::boolean, "false", {}}},
                {"a", "b", "d", "m", "mw", "y", "d1", "m1", "y1"},
                {"b", "y"},
                {"month_word"}},
               date_range});
}

}  // namespace trich
