// The json, jsonl and csv writers (CONTRACT.md). Each writes a document as soon as it gets
// it, so output streams.
#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/escape.h"
#include "output/entity_json.h"
#include "output/parts.h"
#include "output/report_sinks.h"
#include "output/sink.h"
#include "output/text_sink.h"

namespace trich {
namespace {

constexpr int kIndent = 2;

std::string dump(const ojson& j, int indent = -1) {
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

// The json document is written piece by piece, byte for byte as dumping the whole document
// with an indent of 2 inside "documents" would write it: documents at 4 spaces, their fields
// at 6, a section's entities at 8.
class JsonSink : public Sink {
 public:
  JsonSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {}
  void begin() override { out_ << "{\n  \"schema\": \"trich/1\",\n  \"documents\": ["; }
  void open_document(const DocumentHead& h) override {
    out_ << (first_ ? "\n" : ",\n") << "    {";
    const char* sep = "\n      ";
    each_field<kJson>(Described<DocumentHead>::fields(), [&](const auto& f) {
      out_ << sep << '"' << f.name << "\": ";
      for (char c : dump(json_value(value(f, h)), kIndent)) {  // nested objects indented too
        out_ << c;
        if (c == '\n') out_ << "      ";
      }
      sep = ",\n      ";
    });
    first_ = false;
  }
  void open_section(Section s) override {
    with_kind(s, [&](const auto& k) { out_ << ",\n      \"" << k.key << "\": ["; });
  }
  void entities(Section s, const DocumentHead&, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    std::string buf;
    with_kind(s, [&](const auto& k) {
      for (const auto& e : x.*k.entities) {
        buf += st.entities++ ? ",\n        " : "\n        ";
        for (char c : dump(to_json(e), kIndent)) {
          buf += c;
          if (c == '\n') buf += "        ";
        }
      }
    });
    to << buf;
  }
  void close_section(Section, const SectionState& st) override {
    out_ << (st.entities ? "\n      ]" : "]");
  }
  void close_document() override { out_ << "\n    }"; }
  void end() override { out_ << (first_ ? "]\n}\n" : "\n  ]\n}\n"); }

 private:
  bool first_ = true;
};

class JsonlSink : public Sink {
 public:
  JsonlSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {}
  // The document's line, before its entities' (docs/contract.md): so a document with no
  // entity still shows in the stream, with its encoding and size.
  void open_document(const DocumentHead& h) override {
    std::string buf = "{\"source\":";
    append_json_string(buf, h.source);
    buf += ",\"kind\":\"document\"";
    append_line_fields(buf, h);
    buf += ",\"counts\":{";
    for (size_t i = 0; i < sections_.size(); ++i) {
      with_kind(sections_[i], [&](const auto& k) {
        buf += i ? ",\"" : "\"";
        buf += k.line;
        buf += "\":";
        buf += std::to_string(i < h.counts.size() ? h.counts[i] : 0);
      });
    }
    buf += "}}\n";
    out_ << buf;
  }
  // One line per entity: {"source":...,"kind":...,<the entity's fields>}, written straight
  // from the entity (no JSON object is built: on news text that was a tenth of the run).
  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    std::string source, buf;
    append_json_string(source, h.source);
    auto open = [&](const char* kind) {
      buf += "{\"source\":";
      buf += source;
      buf += ",\"kind\":\"";
      buf += kind;
      buf += '"';
    };
    with_kind(s, [&](const auto& k) {
      k.lines(x, st, [&](const auto& line) {
        open(k.line);
        append_line_fields(buf, line);
        buf += "}\n";
        ++st.entities;
      });
    });
    to << buf;
  }
};

// A csv cell: a string as it is, a number in decimal, null empty.
// No csv column is boolean: bool is kept out of the integral overload so that one added
// later fails to compile here instead of reading 1/0.
inline std::string cell(const std::string& v) { return v; }
template <class N>
  requires(std::is_integral_v<N> && !std::is_same_v<N, bool>)
std::string cell(N v) {
  return std::to_string(v);
}
template <class T>
std::string cell(const std::optional<T>& v) {
  return v ? cell(*v) : std::string();
}

// The order of the columns of `fs`'s csv fields: by rank, then as listed.
template <class Fields>
std::vector<size_t> csv_order(const Fields& fs) {
  std::vector<std::pair<int, size_t>> r;
  each_field<kCsv>(fs, [&](const auto& f) { r.push_back({f.csv_rank, r.size()}); });
  std::stable_sort(r.begin(), r.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<size_t> order;
  for (const auto& p : r) order.push_back(p.second);
  return order;
}

// One kind: source, then the kind's csv fields. Several kinds: source, kind, the span's
// fields, then one `value` column that each kind fills its own way (output/kinds.h).
class CsvSink : public Sink {
 public:
  CsvSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {
    single_ = sections_.size() == 1;
    // Audit with several kinds: a finding's severity, code and message in columns of their
    // own after `value` (empty on the other kinds' rows).
    finding_columns_ = !single_ && o.findings;
    if (single_) {
      with_kind(sections_[0], [&](const auto& k) {
        using L = typename std::remove_cvref_t<decltype(k)>::line_type;
        order_ = csv_order(Described<L>::fields());
        each_field<kCsv>(Described<L>::fields(), [&](const auto& f) { names_.push_back(f.name); });
      });
    } else {
      order_ = csv_order(span_fields());
      each_field<kCsv>(span_fields(), [&](const auto& f) { names_.push_back(f.name); });
    }
  }
  void begin() override {
    if (o_.bom) out_ << "\xEF\xBB\xBF";
    std::vector<std::string> h = {"source"};
    if (!single_) h.push_back("kind");
    for (size_t i : order_) h.push_back(names_[i]);
    if (!single_) h.push_back("value");
    if (finding_columns_) h.insert(h.end(), {"severity", "code", "message"});
    std::string buf;
    row(buf, h);
    out_ << buf;
  }
  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    std::string buf;
    std::vector<std::string> cells, f;
    with_kind(s, [&](const auto& k) {
      using L = typename std::remove_cvref_t<decltype(k)>::line_type;
      k.lines(x, st, [&](const L& line) {
        cells.clear();
        auto add = [&](const auto& fd) { cells.push_back(cell(value(fd, line))); };
        if (single_) each_field<kCsv>(Described<L>::fields(), add);
        else each_field<kCsv>(span_fields(), add);
        f.clear();
        f.push_back(h.source);
        if (!single_) f.push_back(k.line);
        for (size_t i : order_) f.push_back(std::move(cells[i]));
        if (!single_) f.push_back(k.value(line));
        if (finding_columns_) {
          if constexpr (std::is_same_v<L, Finding>) {
            f.insert(f.end(), {line.severity, line.code, line.message});
          } else {
            f.insert(f.end(), 3, std::string());
          }
        }
        row(buf, f);
      });
    });
    to << buf;
  }

 private:
  static void row(std::string& buf, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) buf += ',';
      buf += csv_field(fields[i]);
    }
    buf += "\r\n";
  }
  bool single_ = false;
  bool finding_columns_ = false;
  std::vector<size_t> order_;       // the columns after source (and kind), by field index
  std::vector<std::string> names_;  // the csv fields' names, as listed
};

// Writes nothing: for commands that print something else than documents (trich graph).
class NullSink : public Sink {
 public:
  NullSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {}
  void entities(Section, const DocumentHead&, const Extraction&, SectionState&,
                std::ostream&) const override {}
};

}  // namespace

Sink::Sink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {
  const auto& k = o.kinds;
  if (k.citations) sections_.push_back(Section::citations);
  if (k.priorities) sections_.push_back(Section::priorities);
  if (k.dates) sections_.push_back(Section::dates);
  if (k.terms) sections_.push_back(Section::terms);
  if (o.findings) sections_.push_back(Section::findings);
  if (o.findings && o.findings_only) sections_ = {Section::findings};
}

void Sink::document(const DocumentResult& d) {
  PartWriter whole(*this, PartWriter::Spool::memory);
  DocumentHead h = d.head();
  whole.part(h, d.x);  // cannot fail in memory
  whole.finish(*this, h);
}

std::unique_ptr<Sink> make_sink(const SinkOptions& o, std::ostream& out) {
  if (o.format == "json") return std::make_unique<JsonSink>(o, out);
  if (o.format == "jsonl") return std::make_unique<JsonlSink>(o, out);
  if (o.format == "csv") return std::make_unique<CsvSink>(o, out);
  if (o.format == "text") return make_text_sink(o, out);
  if (o.format == "sarif") return make_sarif_sink(o, out);
  if (o.format == "xlsx") return make_xlsx_sink(o, out);
  if (o.format == "html") return make_html_sink(o, out);
  if (o.format == "none") return std::make_unique<NullSink>(o, out);
  return nullptr;
}

}  // namespace trich
