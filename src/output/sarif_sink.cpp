// SARIF 2.1.0 (docs.oasis-open.org/sarif/sarif/v2.1.0): one run; tool.driver.rules are the
// finding codes with their help text in the run's language; each finding is a result with
// ruleId, level, message, a physicalLocation (the input's path as a relative URI, the
// region's lines and columns in code points, and the text as its snippet), the related
// mention as a relatedLocation, its args as a property bag and partialFingerprints by which
// --baseline matches it on a later run.
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/baseline.h"
#include "audit/messages.h"
#include "base/utf8.h"
#include "output/report_sinks.h"

namespace trich {
namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& j, int indent = -1) {
  return j.dump(indent, ' ', false, ojson::error_handler_t::replace);
}

// A region of the input in SARIF's terms: 1-based lines and columns, the end column
// exclusive, columns in code points (run.columnKind).
ojson region_of(const Span& s, bool snippet) {
  size_t end_line = s.line, end_col = s.column;
  size_t last_nl = s.text.rfind('\n');
  for (char c : s.text) end_line += c == '\n';
  if (last_nl == std::string::npos) {
    end_col = s.column + utf8::count_code_points(s.text);
  } else {
    end_col = 1 + utf8::count_code_points(std::string_view(s.text).substr(last_nl + 1));
  }
  ojson r = {{"startLine", s.line},
             {"startColumn", s.column},
             {"endLine", end_line},
             {"endColumn", std::max(end_col, s.column + (end_line == s.line ? 1 : 0))},
             {"byteOffset", s.start},
             {"byteLength", s.end - s.start}};
  if (snippet) r["snippet"] = {{"text", s.text}};
  return r;
}

class SarifSink : public Sink {
 public:
  SarifSink(const SinkOptions& o, std::ostream& out)
      : Sink(o, out), messages_(o.messages ? *o.messages : Messages::builtin("en")) {
    sections_ = {Section::findings};
    for (const auto& s : message_specs()) {
      if (!*s.severity) continue;
      rule_index_[s.key] = rules_.size();
      rules_.push_back(s.key);
    }
  }
  void open_document(const DocumentHead& h) override { order_.push_back(h.source); }
  void entities(Section, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream&) const override {
    std::string buf;
    for (const auto& f : x.findings) {
      ++st.entities;
      ojson loc = {{"physicalLocation",
                    {{"artifactLocation", {{"uri", path_to_uri(h.source)}}},
                     {"region", region_of(f.span, true)}}}};
      ojson r = ojson::object();
      r["ruleId"] = f.code;
      auto idx = rule_index_.find(f.code);
      if (idx != rule_index_.end()) r["ruleIndex"] = idx->second;
      r["level"] = f.severity == "info" ? "note" : f.severity;
      r["message"] = {{"text", f.message}};
      r["locations"] = ojson::array({loc});
      if (f.related) {
        r["relatedLocations"] = ojson::array(
            {{{"id", 1},
              {"physicalLocation",
               {{"artifactLocation", {{"uri", path_to_uri(h.source)}}},
                {"region", region_of(*f.related, true)}}},
              {"message", {{"text", messages_.related(f.code)}}}}});
      }
      r["partialFingerprints"] = {{"trich/v1", finding_fingerprint(f)}};
      ojson args = ojson::object();
      for (const auto& [k, v] : f.args.items) args[k] = v;
      r["properties"] = {{"args", args}};
      if (!buf.empty()) buf += ",\n";
      buf += "        " + dump(r);
    }
    if (buf.empty()) return;
    // A windowed input's windows come one after another, from one thread.
    std::lock_guard<std::mutex> lk(mu_);
    std::string& doc = pending_[h.source];
    doc += (doc.empty() ? "" : ",\n") + buf;
  }
  void end() override {
    ojson rules = ojson::array();
    for (const auto& code : rules_) {
      std::string help = messages_.help(code);
      std::string level;
      for (const auto& s : message_specs()) {
        if (code == s.key) level = s.severity;
      }
      rules.push_back({{"id", code},
                       {"shortDescription", {{"text", help}}},
                       {"help", {{"text", help}}},
                       {"defaultConfiguration", {{"level", level == "info" ? "note" : level}}}});
    }
    ojson driver = {{"name", "trich"},
                    {"version", TRICH_VERSION},
                    {"language", messages_.lang()},
                    {"rules", rules}};
    out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
         << "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\"driver\": "
         << dump(driver) << "},\n      \"columnKind\": \"unicodeCodePoints\",\n"
         << "      \"results\": [";
    bool first = true;
    for (const auto& source : order_) {
      auto it = pending_.find(source);
      if (it == pending_.end() || it->second.empty()) continue;
      std::string part = std::move(it->second);
      it->second.clear();
      out_ << (first ? "\n" : ",\n") << part;
      first = false;
    }
    out_ << (first ? "]\n" : "\n      ]\n") << "    }\n  ]\n}\n";
  }

 private:
  const Messages& messages_;
  std::vector<std::string> rules_;
  std::map<std::string, size_t> rule_index_;
  std::vector<std::string> order_;  // the documents' sources, in input order
  // Each document's results, formatted by the workers (a source named twice is written
  // once, at its first place).
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> pending_;
};

}  // namespace

std::unique_ptr<Sink> make_sarif_sink(const SinkOptions& o, std::ostream& out) {
  return std::make_unique<SarifSink>(o, out);
}

}  // namespace trich
