// The json, jsonl and csv writers (CONTRACT.md). Each writes a document as soon as it gets
// it, so output streams.
#include <string>
#include <vector>

#include "output/entity_json.h"
#include "output/sink.h"
#include "output/text_sink.h"

namespace trich {
namespace {

constexpr int kIndent = 2;

class JsonSink : public Sink {
 public:
  JsonSink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {}
  void begin() override { out_ << "{\n  \"schema\": \"trich/1\",\n  \"documents\": ["; }
  void document(const DocumentResult& d) override {
    ojson j;
    j["source"] = d.source;
    j["encoding"] = d.encoding;
    j["bytes"] = d.bytes;
    const auto& k = o_.kinds;
    if (k.citations) j["citations"] = array(d.x.citations);
    if (k.priorities) j["priorities"] = array(d.x.priorities);
    if (k.dates) j["dates"] = array(d.x.dates);
    if (k.terms) j["terms"] = array(d.x.terms);
    if (o_.findings) j["findings"] = array(d.x.findings);
    std::string s = j.dump(kIndent, ' ', false, ojson::error_handler_t::replace);
    // Indent the document one level inside "documents".
    std::string indented = "    ";
    for (char c : s) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    out_ << (first_ ? "\n" : ",\n") << indented;
    first_ = false;
    out_.flush();
  }
  void end() override { out_ << (first_ ? "]\n}\n" : "\n  ]\n}\n"); }

 private:
  template <class T>
  static ojson array(const std::vector<T>& v) {
    ojson a = ojson::array();
    for (const auto& e : v) a.push_back(to_json(e));
    return a;
  }
  SinkOptions o_;
  std::ostream& out_;
  bool first_ = true;
};

class JsonlSink : public Sink {
 public:
  JsonlSink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {}
  void document(const DocumentResult& d) override {
    const auto& k = o_.kinds;
    source_ = ojson(d.source).dump(-1, ' ', false, ojson::error_handler_t::replace);
    // One kind after another, as in the json document.
    if (k.citations) for (const auto& e : d.x.citations) emit(to_json(e), "citation", d.source);
    if (k.priorities) {
      int n = 0;
      for (const auto& l : d.x.priorities) {
        ++n;
        for (const auto& it : l.items) {
          ojson j = to_json(it);
          j["list"] = n;
          j["style"] = l.style;
          j["announced"] = l.announced ? ojson(*l.announced) : ojson(nullptr);
          emit(std::move(j), "priority", d.source);
        }
      }
    }
    if (k.dates) for (const auto& e : d.x.dates) emit(to_json(e), "date", d.source);
    if (k.terms) for (const auto& e : d.x.terms) emit(to_json(e), "term", d.source);
    if (o_.findings) for (const auto& e : d.x.findings) emit(to_json(e), "finding", d.source);
    out_.flush();
  }

 private:
  // A TERM's own "kind" (nhiem_ky, ...) would overwrite the line's kind: it is written as
  // "term_kind" (docs/contract.md).
  static const std::string& line_key(const std::string& key) {
    static const std::string term_kind = "term_kind";
    return key == "kind" ? term_kind : key;
  }
  static bool plain_key(const std::string& key) {
    for (unsigned char c : key) {
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return false;
    }
    return true;
  }

  // One line: {"source":...,"kind":...,<the entity's fields>}. Written field by field, which
  // is what dumping the merged object gives, without building it; an entity whose keys could
  // collide with the line's (or need escaping) goes the long way.
  void emit(const ojson& j, const char* kind, const std::string& source) {
    bool simple = true;
    for (const auto& [key, v] : j.items()) {
      const std::string& lk = line_key(key);
      if (lk == "source" || lk == "kind" || (key == "kind" && j.contains("term_kind")) ||
          !plain_key(lk)) {
        simple = false;
        break;
      }
    }
    line_.clear();
    if (simple) {
      line_ += "{\"source\":";
      line_ += source_;
      line_ += ",\"kind\":\"";
      line_ += kind;
      line_ += '"';
      for (const auto& [key, v] : j.items()) {
        line_ += ",\"";
        line_ += line_key(key);
        line_ += "\":";
        line_ += v.dump(-1, ' ', false, ojson::error_handler_t::replace);
      }
      line_ += '}';
    } else {
      ojson line;
      line["source"] = source;
      line["kind"] = kind;
      for (const auto& [key, v] : j.items()) line[line_key(key)] = v;
      line_ = line.dump(-1, ' ', false, ojson::error_handler_t::replace);
    }
    line_ += '\n';
    out_ << line_;
  }

  SinkOptions o_;
  std::ostream& out_;
  std::string source_, line_;
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
  CsvSink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {
    const auto& k = o.kinds;
    int n = k.citations + k.priorities + k.dates + k.terms + o.findings;
    single_ = n == 1;
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
    row(h);
  }
  void document(const DocumentResult& d) override {
    const auto& k = o_.kinds;
    if (k.citations) {
      for (const auto& c : d.x.citations) {
        if (single_) {
          row(d, "", c.span, {str(c.symbol), str(c.number), str(c.year), str(c.type),
                              str(c.type_code), str(c.issuer_code), str(c.issuer), str(c.date),
                              str(c.system), str(c.name), str(c.refers_to)});
        } else {
          row(d, "citation", c.span, {c.symbol ? *c.symbol : str(c.name)});
        }
      }
    }
    if (k.priorities) {
      int n = 0;
      for (const auto& l : d.x.priorities) {
        ++n;
        for (const auto& it : l.items) {
          if (single_) {
            row(d, "", it.span, {std::to_string(n), std::to_string(it.index), it.marker, l.style,
                                 str(l.announced)});
          } else {
            row(d, "priority", it.span, {std::to_string(n) + "." + std::to_string(it.index)});
          }
        }
      }
    }
    if (k.dates) {
      for (const auto& e : d.x.dates) {
        if (single_) row(d, "", e.span, {e.value, e.precision});
        else row(d, "date", e.span, {e.value});
      }
    }
    if (k.terms) {
      for (const auto& t : d.x.terms) {
        if (single_) {
          row(d, "", t.span, {t.kind, str(t.from), str(t.to), str(t.ordinal)});
        } else {
          row(d, "term", t.span,
              {t.ordinal ? std::to_string(*t.ordinal) : str(t.from) + "-" + str(t.to)});
        }
      }
    }
    if (o_.findings) {
      for (const auto& f : d.x.findings) {
        if (single_) row(d, "", f.span, {f.code, f.severity, f.message});
        else row(d, "finding", f.span, {f.code});
      }
    }
    out_.flush();
  }

 private:
  void row(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) line += ',';
      line += csv_field(fields[i]);
    }
    out_ << line << "\r\n";
  }
  void row(const DocumentResult& d, const char* kind, const Span& s,
           std::vector<std::string> rest) {
    std::vector<std::string> f = {d.source};
    if (!single_) f.push_back(kind);
    for (auto v : {s.line, s.column, s.start, s.end}) f.push_back(std::to_string(v));
    f.push_back(s.text);
    f.insert(f.end(), rest.begin(), rest.end());
    row(f);
  }
  SinkOptions o_;
  std::ostream& out_;
  bool single_ = false;
};

}  // namespace

std::unique_ptr<Sink> make_sink(const SinkOptions& o, std::ostream& out) {
  if (o.format == "json") return std::make_unique<JsonSink>(o, out);
  if (o.format == "jsonl") return std::make_unique<JsonlSink>(o, out);
  if (o.format == "csv") return std::make_unique<CsvSink>(o, out);
  if (o.format == "text") return make_text_sink(o, out);
  return nullptr;
}

}  // namespace trich
