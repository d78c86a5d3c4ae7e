#include "graph/graph.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/escape.h"
#include "base/utf8.h"

namespace trich {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& j, int indent = -1) {
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 allows no control characters but tab and line breaks.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

ojson self_json(const std::optional<DocSelf>& s) {
  if (!s) return nullptr;
  auto v = [](const std::optional<std::string>& x) { return x ? ojson(*x) : ojson(nullptr); };
  return ojson{{"symbol", v(s->symbol)}, {"type", v(s->type)},     {"date", v(s->date)},
               {"place", v(s->place)},   {"issuer", v(s->issuer)}, {"title", v(s->title)}};
}

// The last path component, for labels.
std::string base_name(const std::string& p) {
  size_t s = p.find_last_of('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

// Edge colours in dot, by relation (Graphviz X11 colour names).
const char* colour(const std::string& r) {
  if (r == "basis") return "royalblue";
  if (r == "implements") return "forestgreen";
  if (r == "amends") return "darkorange";
  if (r == "replaces") return "red";
  if (r == "repeals") return "firebrick";
  if (r == "guides") return "purple";
  return "gray55";
}

}  // namespace

std::string symbol_key(std::string_view symbol) {
  std::string s;
  for (size_t i = 0; i < symbol.size(); ++i) {
    if (blank(symbol[i])) continue;
    if (symbol.substr(i, 2) == "\xC3\x90") {  // U+00D0 (Icelandic eth), written for U+0110
      s += "\xC4\x90";
      ++i;
      continue;
    }
    s += symbol[i];
  }
  return utf8::to_lower(s);
}

std::string name_key(std::string_view name) {
  std::string s = "name:";
  bool space = false;
  for (char c : name) {
    if (blank(c)) {
      space = s.size() > 5;
      continue;
    }
    if (space) s += ' ';
    space = false;
    s += c;
  }
  return utf8::to_lower(s);
}

void GraphDoc::add(const std::vector<Citation>& citations) {
  for (const auto& c : citations) {
    if (c.self) continue;
    Ref r;
    if (c.symbol) {
      r.key = symbol_key(*c.symbol);
      r.shown = *c.symbol;
    } else if (c.refers_to) {
      r.key = symbol_key(*c.refers_to);
      r.shown = *c.refers_to;
    } else if (c.name) {
      r.key = name_key(*c.name);
      r.shown = *c.name;
      r.by_name = true;
    } else {
      continue;  // a short form that refers to nothing names no document
    }
    if (c.name && (c.symbol || c.refers_to)) aliases.emplace_back(name_key(*c.name), r.key);
    r.relation = c.relation;
    // Replacing or repealing an article ("bai bo khoan 3 Dieu 5 Nghi dinh ...") amends the
    // document; it is not gone.
    if (c.pinpoint && (r.relation == "replaces" || r.relation == "repeals")) r.relation = "amends";
    auto [it, fresh] = index_.try_emplace(r.key + "\n" + r.relation, refs.size());
    if (fresh) refs.push_back(std::move(r));
    ++refs[it->second].count;
  }
}

void Graph::add(const GraphDoc& d) {
  size_t doc = docs_.size();
  docs_.push_back({d.source, d.self});
  if (d.self && d.self->symbol) self_doc_.try_emplace(symbol_key(*d.self->symbol), doc);
  // A name seen with two symbols in the run ("Luat Dat dai": 45/2013/QH13 and 31/2024/QH15)
  // stands for neither: it is left a node of its own (an empty alias).
  for (const auto& [name, sym] : d.aliases) {
    auto [it, fresh] = alias_.try_emplace(name, sym);
    if (!fresh && it->second != sym) it->second.clear();
  }
  for (const auto& r : d.refs) {
    auto [it, fresh] = target_index_.try_emplace(r.key, targets_.size());
    if (fresh) targets_.push_back({r.key, r.shown, r.by_name, 0, 0});
    edges_.push_back({doc, it->second, r.relation, r.count});
  }
}

Graph::View Graph::view() const {
  View v;
  // A name seen with a symbol anywhere in the run is that symbol's document.
  std::vector<size_t> to(targets_.size());
  std::iota(to.begin(), to.end(), size_t{0});
  for (size_t t = 0; t < targets_.size(); ++t) {
    if (!targets_[t].by_name) continue;
    auto a = alias_.find(targets_[t].key);
    if (a == alias_.end() || a->second.empty()) continue;
    auto s = target_index_.find(a->second);
    if (s != target_index_.end()) to[t] = s->second;
  }
  std::map<std::tuple<size_t, size_t, std::string>, size_t> at;
  for (const auto& e : edges_) {
    Edge j = e;
    j.target = to[e.target];
    auto [it, fresh] = at.try_emplace({j.doc, j.target, j.relation}, v.edges.size());
    if (fresh) v.edges.push_back(j);
    else v.edges[it->second].count += j.count;
  }
  v.target_doc.resize(targets_.size());
  for (size_t t = 0; t < targets_.size(); ++t) {
    if (targets_[t].by_name) continue;
    auto d = self_doc_.find(targets_[t].key);
    if (d != self_doc_.end()) v.target_doc[t] = d->second;
  }
  return v;
}

void Graph::write(const GraphOptions& o, std::ostream& out) const {
  View v = view();
  // A document citing its own number in its body is no edge (graphs do not loop).
  std::erase_if(v.edges, [&](const Edge& e) { return v.target_doc[e.target] == e.doc; });
  if (o.internal) {
    std::erase_if(v.edges, [&](const Edge& e) { return !v.target_doc[e.target]; });
  }
  // Counts over the edges shown: mentions, and citing documents.
  std::vector<size_t> citations(targets_.size()), citing(targets_.size());
  {
    std::vector<size_t> last(targets_.size(), SIZE_MAX);
    for (const auto& e : v.edges) {
      citations[e.target] += e.count;
      if (last[e.target] != e.doc) ++citing[e.target];
      last[e.target] = e.doc;
    }
  }
  auto target_source = [&](size_t t) {
    return v.target_doc[t] ? docs_[*v.target_doc[t]].source : std::string();
  };
  // Cited documents that are no input of the run get nodes of their own, in first-cited order.
  std::vector<size_t> outside;
  {
    std::vector<bool> seen(targets_.size());
    for (const auto& e : v.edges) {
      if (seen[e.target] || v.target_doc[e.target]) continue;
      seen[e.target] = true;
      outside.push_back(e.target);
    }
  }
  std::vector<size_t> doc_cited(docs_.size()), doc_citing(docs_.size());
  for (size_t t = 0; t < targets_.size(); ++t) {
    if (v.target_doc[t]) {
      doc_cited[*v.target_doc[t]] += citations[t];
      doc_citing[*v.target_doc[t]] += citing[t];
    }
  }

  if (o.top > 0) {
    std::vector<size_t> order;
    for (size_t t = 0; t < targets_.size(); ++t) {
      if (citing[t]) order.push_back(t);
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return citing[a] != citing[b] ? citing[a] > citing[b] : citations[a] > citations[b];
    });
    if (order.size() > static_cast<size_t>(o.top)) order.resize(o.top);
    out << fmt::format("{:>4}  {:>6}  {:>9}  {}\n", "rank", "citing", "citations",
                       "document (input of this run)");
    for (size_t i = 0; i < order.size(); ++i) {
      size_t t = order[i];
      std::string src = target_source(t);
      out << fmt::format("{:>4}  {:>6}  {:>9}  {}{}\n", i + 1, citing[t], citations[t],
                         targets_[t].shown, src.empty() ? "" : "  (" + src + ")");
    }
    return;
  }

  if (o.format == "csv") {
    out << "source,target,target_source,relation,count\r\n";
    for (const auto& e : v.edges) {
      out << csv_field(docs_[e.doc].source) << ',' << csv_field(targets_[e.target].shown) << ','
          << csv_field(target_source(e.target)) << ',' << e.relation << ',' << e.count << "\r\n";
    }
    return;
  }
  if (o.format == "json") {
    ojson nodes = ojson::array(), edges = ojson::array();
    for (size_t d = 0; d < docs_.size(); ++d) {
      nodes.push_back({{"id", docs_[d].source},
                       {"kind", "document"},
                       {"self", self_json(docs_[d].self)},
                       {"citing", doc_citing[d]},
                       {"citations", doc_cited[d]}});
    }
    for (size_t t : outside) {
      nodes.push_back({{"id", targets_[t].shown},
                       {"kind", "cited"},
                       {"by", targets_[t].by_name ? "name" : "symbol"},
                       {"citing", citing[t]},
                       {"citations", citations[t]}});
    }
    for (const auto& e : v.edges) {
      std::string ts = target_source(e.target);
      edges.push_back({{"source", docs_[e.doc].source},
                       {"target", targets_[e.target].shown},
                       {"target_source", ts.empty() ? ojson(nullptr) : ojson(ts)},
                       {"relation", e.relation},
                       {"count", e.count}});
    }
    out << dump(ojson{{"nodes", nodes}, {"edges", edges}}, 2) << "\n";
    return;
  }
  // graphml and dot: nodes d<i> for the inputs, c<i> for documents cited from outside.
  auto node_of = [&](size_t t) {
    return v.target_doc[t] ? fmt::format("d{}", *v.target_doc[t]) : fmt::format("c{}", t);
  };
  auto doc_label = [&](size_t d) {
    const auto& s = docs_[d].self;
    return s && s->symbol ? *s->symbol : base_name(docs_[d].source);
  };
  if (o.format == "graphml") {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
           "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
           "  <key id=\"source\" for=\"node\" attr.name=\"source\" attr.type=\"string\"/>\n"
           "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
           "  <key id=\"date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>\n"
           "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n"
           "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
           "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
           "  <graph id=\"trich\" edgedefault=\"directed\">\n";
    auto data = [&](const char* k, const std::string& v2) {
      out << "      <data key=\"" << k << "\">" << xml(v2) << "</data>\n";
    };
    for (size_t d = 0; d < docs_.size(); ++d) {
      out << "    <node id=\"d" << d << "\">\n";
      data("label", doc_label(d));
      data("kind", "document");
      data("source", docs_[d].source);
      if (const auto& s = docs_[d].self) {
        if (s->type) data("type", *s->type);
        if (s->date) data("date", *s->date);
        if (s->title) data("title", *s->title);
      }
      out << "    </node>\n";
    }
    for (size_t t : outside) {
      out << "    <node id=\"c" << t << "\">\n";
      data("label", targets_[t].shown);
      data("kind", "cited");
      out << "    </node>\n";
    }
    for (size_t i = 0; i < v.edges.size(); ++i) {
      const auto& e = v.edges[i];
      out << "    <edge id=\"e" << i << "\" source=\"d" << e.doc << "\" target=\""
          << node_of(e.target) << "\">\n";
      data("relation", e.relation);
      out << "      <data key=\"count\">" << e.count << "</data>\n    </edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
    return;
  }
  // dot
  out << "digraph trich {\n  graph [overlap=false, splines=true];\n"
         "  node [shape=box, fontsize=10];\n  edge [fontsize=8];\n";
  for (size_t d = 0; d < docs_.size(); ++d) {
    out << "  d" << d << " [label=" << dot_string(doc_label(d))
        << ", tooltip=" << dot_string(docs_[d].source) << "];\n";
  }
  for (size_t t : outside) {
    out << "  c" << t << " [label=" << dot_string(targets_[t].shown)
        << ", shape=ellipse, style=dashed];\n";
  }
  for (const auto& e : v.edges) {
    out << "  d" << e.doc << " -> " << node_of(e.target) << " [color=" << colour(e.relation)
        << ", tooltip=" << dot_string(e.relation)
        << (e.count > 1 ? fmt::format(", penwidth={:.1f}", std::min(1.0 + 0.3 * static_cast<double>(e.count), 4.0))
                        : "")
        << "];\n";
  }
  out << "}\n";
}

void Graph::write_registry(std::ostream& out) const {
  View v = view();
  struct Event {
    std::string by, on;
  };
  struct Row {
    std::string symbol, type, date, issuer, title;
    std::vector<Event> ev[3];  // replaced, repealed, amended
  };
  std::vector<Row> rows;
  std::unordered_map<std::string, size_t> at;  // symbol key -> rows
  auto opt = [](const std::optional<std::string>& s) { return s ? *s : std::string(); };
  for (const auto& d : docs_) {
    if (!d.self || !d.self->symbol) continue;
    auto [it, fresh] = at.try_emplace(symbol_key(*d.self->symbol), rows.size());
    if (!fresh) continue;
    rows.push_back({*d.self->symbol, opt(d.self->type), opt(d.self->date), opt(d.self->issuer),
                    opt(d.self->title), {}});
  }
  for (const auto& e : v.edges) {
    int r = e.relation == "replaces" ? 0 : e.relation == "repeals" ? 1 : e.relation == "amends" ? 2 : -1;
    const auto& t = targets_[e.target];
    const auto& d = docs_[e.doc];
    if (r < 0 || t.by_name || v.target_doc[e.target] == e.doc || !d.self || !d.self->symbol) {
      continue;
    }
    auto [it, fresh] = at.try_emplace(t.key, rows.size());
    if (fresh) rows.push_back({t.shown, "", "", "", "", {}});
    auto& ev = rows[it->second].ev[r];
    bool seen = false;
    for (const auto& x : ev) seen = seen || x.by == *d.self->symbol;
    if (!seen) ev.push_back({*d.self->symbol, opt(d.self->date)});
  }
  out << "symbol,type,date,issuer,title,replaced_by,replaced_on,repealed_by,repealed_on,"
         "amended_by,amended_on\r\n";
  for (auto& row : rows) {
    std::vector<std::string> cells = {row.symbol, row.type, row.date, row.issuer, row.title};
    for (auto& ev : row.ev) {
      // Dated events first, by date, so the dates line up with the first symbols.
      std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) {
        return !a.on.empty() && (b.on.empty() || a.on < b.on);
      });
      std::string by, on;
      for (const auto& x : ev) {
        by += (by.empty() ? "" : "; ") + x.by;
        if (!x.on.empty()) on += (on.empty() ? "" : "; ") + x.on;
      }
      cells.push_back(by);
      cells.push_back(on);
    }
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  }
}

}  // namespace trich
