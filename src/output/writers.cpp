// The json, jsonl and csv writers (CONTRACT.md). Each writes a document as soon as it gets
// it, so output streams.
#include <string>
#include <vector>

#include "output/entity_json.h"
#include "output/parts.h"
#include "output/sink.h"
#include "output/text_sink.h"

namespace trich {
namespace {

constexpr int kIndent = 2;

std::string dump(const ojson& j, int indent = -1) {
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

const char* section_name(Section s) {
  switch (s) {
    case Section::citations: return "citations";
    case Section::priorities: return "priorities";
    case Section::dates: return "dates";
    case Section::terms: return "terms";
    case Section::findings: return "findings";
  }
  return "";
}

// Calls f(json) for each entity of section `s` in `x` (a list is one entity).
template <class F>
void each_json(Section s, const Extraction& x, F&& f) {
  switch (s) {
    case Section::citations: for (const auto& e : x.citations) f(to_json(e)); break;
    case Section::priorities: for (const auto& e : x.priorities) f(to_json(e)); break;
    case Section::dates: for (const auto& e : x.dates) f(to_json(e)); break;
    case Section::terms: for (const auto& e : x.terms) f(to_json(e)); break;
    case Section::findings: for (const auto& e : x.findings) f(to_json(e)); break;
  }
}

// The json document is written piece by piece, byte for byte as dumping the whole document
// with an indent of 2 inside "documents" would write it: documents at 4 spaces, their fields
// at 6, a section's entities at 8.
class JsonSink : public Sink {
 public:
  JsonSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {}
  void begin() override { out_ << "{\n  \"schema\": \"trich/1\",\n  \"documents\": ["; }
  void open_document(const DocumentHead& h) override {
    out_ << (first_ ? "\n" : ",\n") << "    {\n      \"source\": " << dump(h.source)
         << ",\n      \"encoding\": " << dump(h.encoding) << ",\n      \"bytes\": " << h.bytes;
    first_ = false;
  }
  void open_section(Section s) override { out_ << ",\n      \"" << section_name(s) << "\": ["; }
  void entities(Section s, const DocumentHead&, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    std::string buf;
    each_json(s, x, [&](const ojson& j) {
      buf += st.entities++ ? ",\n        " : "\n        ";
      for (char c : dump(j, kIndent)) {
        buf += c;
        if (c == '\n') buf += "        ";
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
    auto close = [&] { buf += "}\n"; };
    switch (s) {
      case Section::citations:
        for (const auto& e : x.citations) open("citation"), append_fields(buf, e), close();
        break;
      case Section::priorities:
        for (const auto& l : x.priorities) {
          int n = ++st.lists;
          for (const auto& it : l.items) {
            open("priority");
            append_fields(buf, it);
            buf += ",\"list\":" + std::to_string(n) + ",\"style\":";
            append_json_string(buf, l.style);
            buf += ",\"announced\":";
            buf += l.announced ? std::to_string(*l.announced) : "null";
            close();
          }
        }
        break;
      case Section::dates:
        for (const auto& e : x.dates) open("date"), append_fields(buf, e), close();
        break;
      case Section::terms:
        // A TERM's own "kind" (nhiem_ky, ...) is written as "term_kind" (docs/contract.md).
        for (const auto& e : x.terms) open("term"), append_fields(buf, e, "term_kind"), close();
        break;
      case Section::findings:
        for (const auto& e : x.findings) open("finding"), append_fields(buf, e), close();
        break;
    }
    to << buf;
  }
};

// RFC 4180: quote a field when it holds a comma, quote, CR or LF; double inner quotes.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

template <class T>
std::string str(const std::optional<T>& v) {
  if (!v) return "";
  if constexpr (std::is_same_v<T, std::string>) return *v;
  else return std::to_string(*v);
}

class CsvSink : public Sink {
 public:
  CsvSink(const SinkOptions& o, std::ostream& out) : Sink(o, out) {
    single_ = sections_.size() == 1;
  }
  void begin() override {
    if (o_.bom) out_ << "\xEF\xBB\xBF";
    std::vector<std::string> h = {"source"};
    if (!single_) h.push_back("kind");
    for (const char* f : {"line", "column", "start", "end", "text"}) h.push_back(f);
    if (!single_) {
      h.push_back("value");
    } else if (o_.findings) {
      h.insert(h.end(), {"code", "severity", "message"});
    } else if (o_.kinds.citations) {
      h.insert(h.end(), {"symbol", "number", "year", "type", "type_code", "issuer_code",
                         "issuer", "date", "system", "name", "refers_to"});
    } else if (o_.kinds.priorities) {
      h.insert(h.end(), {"list", "index", "marker", "style", "announced"});
    } else if (o_.kinds.dates) {
      h.insert(h.end(), {"value", "precision"});
    } else {
      h.insert(h.end(), {"kind", "from", "to", "ordinal"});
    }
    std::string buf;
    row(buf, h);
    out_ << buf;
  }
  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    std::string buf;
    auto row = [&](const std::string& source, const char* kind, const Span& sp,
                   std::vector<std::string> rest) { this->row(buf, source, kind, sp, std::move(rest)); };
    const std::string& src = h.source;
    switch (s) {
      case Section::citations:
        for (const auto& c : x.citations) {
          if (single_) {
            row(src, "", c.span, {str(c.symbol), str(c.number), str(c.year), str(c.type),
                                  str(c.type_code), str(c.issuer_code), str(c.issuer),
                                  str(c.date), str(c.system), str(c.name), str(c.refers_to)});
          } else {
            row(src, "citation", c.span, {c.symbol ? *c.symbol : str(c.name)});
          }
        }
        break;
      case Section::priorities:
        for (const auto& l : x.priorities) {
          int n = ++st.lists;
          for (const auto& it : l.items) {
            if (single_) {
              row(src, "", it.span, {std::to_string(n), std::to_string(it.index), it.marker,
                                     l.style, str(l.announced)});
            } else {
              row(src, "priority", it.span, {std::to_string(n) + "." + std::to_string(it.index)});
            }
          }
        }
        break;
      case Section::dates:
        for (const auto& e : x.dates) {
          if (single_) row(src, "", e.span, {e.value, e.precision});
          else row(src, "date", e.span, {e.value});
        }
        break;
      case Section::terms:
        for (const auto& t : x.terms) {
          if (single_) {
            row(src, "", t.span, {t.kind, str(t.from), str(t.to), str(t.ordinal)});
          } else {
            row(src, "term", t.span,
                {t.ordinal ? std::to_string(*t.ordinal) : str(t.from) + "-" + str(t.to)});
          }
        }
        break;
      case Section::findings:
        for (const auto& f : x.findings) {
          if (single_) row(src, "", f.span, {f.code, f.severity, f.message});
          else row(src, "finding", f.span, {f.code});
        }
        break;
    }
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
  void row(std::string& buf, const std::string& source, const char* kind, const Span& s,
           std::vector<std::string> rest) const {
    std::vector<std::string> f = {source};
    if (!single_) f.push_back(kind);
    for (auto v : {s.line, s.column, s.start, s.end}) f.push_back(std::to_string(v));
    f.push_back(s.text);
    f.insert(f.end(), rest.begin(), rest.end());
    row(buf, f);
  }
  bool single_ = false;
};

}  // namespace

Sink::Sink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {
  const auto& k = o.kinds;
  if (k.citations) sections_.push_back(Section::citations);
  if (k.priorities) sections_.push_back(Section::priorities);
  if (k.dates) sections_.push_back(Section::dates);
  if (k.terms) sections_.push_back(Section::terms);
  if (o.findings) sections_.push_back(Section::findings);
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
  return nullptr;
}

}  // namespace trich
