// Graph: who cites whom across the documents of one run (`trich graph`). Workers turn each
// document's citations into a GraphDoc (its self and its references, counted by target and
// relation); the writing thread adds them in input order; the graph is written at the end as
// json, csv (an edge list), graphml or dot, or as a table of the most cited documents.
// Memory holds the nodes and edges, never the texts. It knows no language: targets are
// matched by a key made from the symbol (or, for a document named without one, the name).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/entities.h"

namespace trich {

// The matching key of a symbol: without spaces, U+00D0 as U+0110, lower-cased.
std::string symbol_key(std::string_view symbol);
// The matching key of a name: blanks collapsed, lower-cased, marked as a name.
std::string name_key(std::string_view name);

// One document's contribution to the graph.
struct GraphDoc {
  struct Ref {
    std::string key;       // symbol_key or name_key
    std::string shown;     // the symbol or name as the citation writes it (canonical symbol)
    std::string relation;
    bool by_name = false;
    size_t count = 0;
  };
  std::string source;
  std::optional<DocSelf> self;
  std::vector<Ref> refs;  // by first mention; one per (key, relation)
  std::vector<std::pair<std::string, std::string>> aliases;  // (name key, symbol key) seen together
  // Adds a window's (or a whole document's) citations; the header number is no reference.
  void add(const std::vector<Citation>& citations);

 private:
  std::unordered_map<std::string, size_t> index_;  // key + "\n" + relation -> refs index
};

struct GraphOptions {
  std::string format = "json";  // json, csv, graphml, dot
  int top = 0;                  // > 0: a table of the N most cited documents instead
  bool internal = false;        // only edges between documents of the run
};

class Graph {
 public:
  // Adds one input's document, in input order.
  void add(const GraphDoc& d);
  void write(const GraphOptions& o, std::ostream& out) const;
  // `trich registry build`: a registry CSV (docs/registry.md) of the inputs' selves and of
  // what their replaces/repeals/amends citations did to the documents they cite.
  void write_registry(std::ostream& out) const;

  struct Edge {
    size_t doc;     // citing input
    size_t target;  // index into targets
    std::string relation;
    size_t count = 0;
  };
  struct Target {
    std::string key, shown;
    bool by_name = false;
    size_t citations = 0;  // mentions over the run
    size_t citing = 0;     // documents citing it
  };
  struct Doc {
    std::string source;
    std::optional<DocSelf> self;
  };
  // The edges with name targets joined to the symbols they were seen with, and each target's
  // document of the run (or none).
  struct View {
    std::vector<Edge> edges;
    std::vector<std::optional<size_t>> target_doc;  // by target index
  };
  View view() const;
  const std::vector<Doc>& docs() const { return docs_; }
  const std::vector<Target>& targets() const { return targets_; }

 private:
  std::vector<Doc> docs_;
  std::vector<Target> targets_;
  std::unordered_map<std::string, size_t> target_index_;  // key -> targets_
  std::vector<Edge> edges_;
  std::unordered_map<std::string, std::string> alias_;  // name key -> symbol key ("": two)
  std::unordered_map<std::string, size_t> self_doc_;        // symbol key -> first doc with it
};

}  // namespace trich
