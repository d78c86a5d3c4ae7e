#include "extract/resolvers.h"

#include <fmt/format.h>

namespace trich {
namespace {

bool ignore(const Match&, ResolveContext&) { return false; }

}  // namespace

const std::map<std::string, Resolver>& resolvers() {
  static const std::map<std::string, Resolver> table = [] {
    std::map<std::string, Resolver> r;
    r["ignore"] = ignore;  // a counter-rule: its match hides the text from the other rules
    add_date_resolvers(r);
    add_citation_resolvers(r);
    add_term_resolvers(r);
    add_priority_resolvers(r);
    add_audit_resolvers(r);
    return r;
  }();
  return table;
}

std::vector<std::string> resolver_names() {
  std::vector<std::string> names;
  for (const auto& [k, v] : resolvers()) names.push_back(k);
  return names;
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

}  // namespace trich
