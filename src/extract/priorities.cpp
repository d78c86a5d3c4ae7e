// Priority resolvers and the pass that groups markers into lists.
// priority: groups marker (as written), ord (the ordinal word); params style = thu|la and
// lexicon = the lexicon that gives the ordinal's index.
// announce: group n (digits or a word of the lexicon "cardinal"): a count inside a lead.
#include "extract/priorities.h"

#include <optional>
#include <vector>

#include "extract/resolvers.h"

namespace trich {
namespace {

bool priority(const Match& m, ResolveContext& cx) {
  const auto* v = cx.rules.lexicon(m.rule().param("lexicon")).find(m.group("ord"));
  if (!v || !v->number) return false;
  Marker mk;
  mk.style = m.rule().param("style");
  mk.item.at = {m.group_begin("marker"), m.group_end("marker")};
  mk.item.index = static_cast<int>(*v->number);
  mk.item.marker = std::string(m.group("marker"));
  mk.weak = m.rule().flag("weak");
  cx.out.markers.push_back(std::move(mk));
  return true;
}

bool announce(const Match& m, ResolveContext& cx) {
  int n = to_int(m.group("n"));
  if (n < 0) {
    const auto* v = cx.rules.lexicon("cardinal").find(m.group("n"));
    if (!v || !v->number) return false;
    n = static_cast<int>(*v->number);
  }
  if (n <= 0) return false;
  cx.out.announcements.push_back({{m.begin(), m.end()}, n});
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The sentence that ends with ':' right before `pos`, if there is one.
std::optional<At> lead_before(std::string_view text, size_t pos) {
  size_t p = pos;
  while (p > 0 && is_space(text[p - 1])) --p;
  if (p == 0 || text[p - 1] != ':') return std::nullopt;
  size_t end = p;
  size_t b = end - 1;
  while (b > 0) {
    char c = text[b - 1];
    if (c == '\n') break;
    if ((c == '.' || c == '!' || c == '?' || c == ';') && b < end && text[b] == ' ') break;
    --b;
  }
  while (b < end && is_space(text[b])) ++b;
  if (end - b < 2) return std::nullopt;
  return At{b, end};
}


// Keeps the strong markers, and the weak ones that continue a list: a weak marker whose
// neighbour of the same style (the marker before or after it in the text) is kept and has
// the ordinal just before or after it; and runs of weak markers that count 1, 2, ... alone.
void keep_chained(std::vector<Marker>& markers) {
  size_t n = markers.size();
  std::vector<bool> keep(n);
  for (size_t i = 0; i < n; ++i) keep[i] = !markers[i].weak;
  auto follows = [&](size_t a, size_t b) {  // b continues a
    return markers[a].style == markers[b].style &&
           markers[b].item.index == markers[a].item.index + 1;
  };
  // Keeping spreads from each kept marker to its neighbours, each marker at most once (a
  // sweep until nothing changed took one sweep per marker of a chain kept from its end).
  std::vector<size_t> work;
  for (size_t i = 0; i < n; ++i) {
    if (keep[i]) work.push_back(i);
  }
  while (!work.empty()) {
    size_t k = work.back();
    work.pop_back();
    if (k > 0 && !keep[k - 1] && follows(k - 1, k)) {
      keep[k - 1] = true;
      work.push_back(k - 1);
    }
    if (k + 1 < n && !keep[k + 1] && follows(k, k + 1)) {
      keep[k + 1] = true;
      work.push_back(k + 1);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (keep[i] || markers[i].item.index != 1) continue;
    size_t j = i;
    while (j + 1 < n && !keep[j + 1] && follows(j, j + 1)) ++j;
    for (size_t k = i; j > i && k <= j; ++k) keep[k] = true;
  }
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    if (out != i) markers[out] = std::move(markers[i]);
    ++out;
  }
  markers.resize(out);
}

}  // namespace

void add_priority_resolvers(Registry& r) {
  r.push_back({{"priority",
                // style: a label the rules choose (rules/vi: thu, la); markers of one style
                // make one list. The schema's enumeration is the rules' (extract/rule_values.h).
                {{"style", rules::ParamType::string, std::nullopt, {}},
                 {"lexicon", rules::ParamType::lexicon, std::nullopt, {}},
                 {"weak", rules::ParamType::boolean, "false", {}}},
                {"marker", "ord"},
                {"marker", "ord"},
                {}},
               priority});
  r.push_back({{"announce", {}, {"n"}, {"n"}, {"cardinal"}}, announce});
}

void build_lists(std::string_view text, const Matcher& announcer, ResolveContext& cx) {
  auto& markers = cx.out.markers;
  auto& lists = cx.out.priorities;
  keep_chained(markers);
  std::optional<size_t> line_end;
  for (size_t i = 0; i < markers.size(); ++i) {
    Marker& mk = markers[i];
    // A new list at its first ordinal, at a change of style, or when the ordinal goes back
    // ("Ly do thu nhat ... Thu hai, Thu ba, ..." then "Thu nhat, Thu hai"): a repeat and a
    // gap stay in their list, for audit to report.
    // And after a gap of more than 64 KiB: one enumeration does not run over pages of other
    // text (in a news dump, that is the next article's list); this also keeps a list inside
    // the lookahead of a window (pipeline/windows.h), so windows do not split it.
    constexpr size_t kMaxGap = size_t{64} << 10;
    bool fresh = lists.empty() || lists.back().style != mk.style || mk.item.index == 1 ||
                 mk.item.index < lists.back().items.back().index ||
                 mk.item.at.b > lists.back().items.back().at.e + kMaxGap;
    if (fresh) {
      PriorityList l;
      l.style = mk.style;
      lists.push_back(std::move(l));
    }
    // The item runs to the end of its paragraph, or to the next marker on the same line.
    // Markers come in text order, so the line end found for one serves the next ones on its
    // line (a search per marker was quadratic on one long line of markers).
    if (!line_end || *line_end < mk.item.at.e) {
      line_end = text.find('\n', mk.item.at.e);
      if (*line_end == std::string_view::npos) line_end = text.size();
    }
    size_t end = *line_end;
    if (i + 1 < markers.size() && markers[i + 1].item.at.b < end) end = markers[i + 1].item.at.b;
    while (end > mk.item.at.e && is_space(text[end - 1])) --end;
    mk.item.at.e = end;
    lists.back().items.push_back(std::move(mk.item));
  }
  markers.clear();
  for (auto& l : lists) {
    auto lead = lead_before(text, l.items.front().at.b);
    if (!lead) continue;
    l.lead_at = lead;
    l.lead = std::string(text.substr(lead->b, lead->e - lead->b));
    cx.out.announcements.clear();
    announcer.scan(text, lead->b, lead->e, [&](const Match& m) {
      auto it = resolvers().find(m.rule().resolve);
      if (it != resolvers().end()) it->second(m, cx);
    });
    if (!cx.out.announcements.empty()) l.announced = cx.out.announcements.back().count;
  }
  cx.out.announcements.clear();
}

}  // namespace trich
