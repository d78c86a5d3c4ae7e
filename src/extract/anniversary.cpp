// Anniversary resolver (for audit): groups n (the number of years), years (the extent of the
// span of years), y1 and y2 (the years that span starts and ends in).
#include "extract/resolvers.h"

namespace trich {
namespace {

bool anniversary(const Match& m, ResolveContext& cx) {
  int n = to_int(m.group("n")), y1 = to_int(m.group("y1")), y2 = to_int(m.group("y2"));
  if (n <= 0 || !plausible_year(y1) || !plausible_year(y2)) return false;
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

void add_audit_resolvers(std::map<std::string, Resolver>& r) { r["anniversary"] = anniversary; }

}  // namespace trich
