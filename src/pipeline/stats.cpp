#include "pipeline/stats.h"

#include <fmt/format.h>

namespace trich {

void Tally::add(const Extraction& ex) {
  citations += ex.citations.size();
  priority_lists += ex.priorities.size();
  for (const auto& l : ex.priorities) priority_items += l.items.size();
  dates += ex.dates.size();
  terms += ex.terms.size();
  for (const auto& f : ex.findings) ++findings[f.severity];
}

void Tally::add(const Tally& t) {
  citations += t.citations;
  priority_lists += t.priority_lists;
  priority_items += t.priority_items;
  dates += t.dates;
  terms += t.terms;
  for (const auto& [k, v] : t.findings) findings[k] += v;
}

namespace {
std::string count(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}
}  // namespace

std::string stats_lines(const RunStats& s) {
  std::string encs;
  for (const auto& [name, n] : s.by_encoding) {
    encs += fmt::format("{}{} {}", encs.empty() ? " (" : ", ", n, name);
  }
  if (!encs.empty()) encs += ")";
  double mbps = s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
  std::string skipped;
  auto skip = [&](size_t n, const char* why) {
    if (n) skipped += fmt::format("{}{} {}", skipped.empty() ? "" : ", ", n, why);
  };
  skip(s.binary, "binary");
  skip(s.unreadable, "unreadable");
  skip(s.walk.hidden, "hidden");
  skip(s.walk.globbed, "by --glob");
  skip(s.other_type, "by --type");
  for (const auto& [why, n] : s.refused) skip(n, why.c_str());
  std::string out = fmt::format("trich: {}{}, {} in {:.2f} s ({:.1f} MB/s); skipped: {}\n",
                                count(s.documents, "document", "documents"), encs,
                                count(s.bytes, "byte", "bytes"), s.seconds, mbps,
                                skipped.empty() ? "none" : skipped);
  const Tally& t = s.tally;
  std::string kinds;
  auto kind = [&](bool on, const std::string& what) {
    if (on) kinds += (kinds.empty() ? "" : ", ") + what;
  };
  bool all = s.audit;
  kind(all || s.kinds.citations, count(t.citations, "citation", "citations"));
  kind(all || s.kinds.priorities,
       count(t.priority_lists, "priority list", "priority lists") +
           fmt::format(" ({})", count(t.priority_items, "item", "items")));
  kind(all || s.kinds.dates, count(t.dates, "date", "dates"));
  kind(all || s.kinds.terms, count(t.terms, "term", "terms"));
  out += "trich: " + kinds;
  if (s.audit) {
    auto sev = [&](const char* k) {
      auto it = t.findings.find(k);
      return it == t.findings.end() ? size_t{0} : it->second;
    };
    out += fmt::format("; findings: {}, {}, {} info", count(sev("error"), "error", "errors"),
                       count(sev("warning"), "warning", "warnings"), sev("info"));
  }
  return out + "\n";
}

}  // namespace trich
