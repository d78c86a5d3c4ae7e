#include "audit/baseline.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace trich {
namespace {

using json = nlohmann::json;

// The argument that names what a finding is about, in order of preference.
const char* const kIdentityArgs[] = {"symbol", "marker", "date", "stated", "phrase"};

std::string identity(const std::string& code, const std::vector<std::pair<std::string, std::string>>& args,
                     const std::string& text) {
  for (const char* k : kIdentityArgs) {
    for (const auto& [name, v] : args) {
      if (name == k) return code + "|" + v;
    }
  }
  return code + "|" + text;
}

std::string str_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::pair<std::string, std::string>> args_of(const json& f) {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = f.find("args");
  if (it == f.end() || !it->is_object()) return out;
  for (auto a = it->begin(); a != it->end(); ++a) {
    if (a.value().is_string()) out.push_back({a.key(), a.value().get<std::string>()});
  }
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string finding_fingerprint(const Finding& f) {
  return identity(f.code, f.args.items, f.span.text);
}

std::string path_to_uri(const std::string& path) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::string uri_to_path(const std::string& uri) {
  std::string out;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() &&
        hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      out += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

void Baseline::add(const std::string& source, const std::string& fingerprint) {
  ++by_source_[source][fingerprint];
  ++size_;
}

Result<Baseline> Baseline::parse(const std::string& text, const std::string& path) {
  Baseline b;
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_discarded() && doc.is_object() && doc.contains("runs")) {
    // SARIF: one result per finding; trich writes the fingerprint it matches by.
    const json& runs = doc["runs"];
    if (!runs.is_array()) return error_at(path, 0, "sarif: \"runs\" is not an array");
    for (const auto& run : runs) {
      auto results = run.find("results");
      if (!run.is_object() || results == run.end() || !results->is_array()) continue;
      for (const auto& r : *results) {
        if (!r.is_object()) continue;
        std::string print;
        auto fp = r.find("partialFingerprints");
        if (fp != r.end() && fp->is_object()) print = str_of(*fp, "trich/v1");
        std::string uri;
        auto locs = r.find("locations");
        if (locs != r.end() && locs->is_array() && !locs->empty()) {
          const json& l = (*locs)[0];
          if (l.is_object() && l.contains("physicalLocation") && l["physicalLocation"].is_object()) {
            const json& pl = l["physicalLocation"];
            if (pl.contains("artifactLocation") && pl["artifactLocation"].is_object()) {
              uri = str_of(pl["artifactLocation"], "uri");
            }
            if (print.empty() && pl.contains("region") && pl["region"].is_object() &&
                pl["region"].contains("snippet") && pl["region"]["snippet"].is_object()) {
              print = str_of(r, "ruleId") + "|" + str_of(pl["region"]["snippet"], "text");
            }
          }
        }
        if (print.empty()) {
          return error_at(path, 0, "sarif: a result without partialFingerprints or snippet");
        }
        b.add(uri_to_path(uri), print);
      }
    }
    return b;
  }
  if (!doc.is_discarded() && doc.is_object() && doc.contains("documents")) {
    const json& docs = doc["documents"];
    if (!docs.is_array()) return error_at(path, 0, "\"documents\" is not an array");
    for (const auto& d : docs) {
      if (!d.is_object()) continue;
      auto fs = d.find("findings");
      if (fs == d.end() || !fs->is_array()) continue;
      for (const auto& f : *fs) {
        if (!f.is_object()) continue;
        b.add(str_of(d, "source"), identity(str_of(f, "code"), args_of(f), str_of(f, "text")));
      }
    }
    return b;
  }
  // jsonl: one entity per line; the findings are the lines of kind "finding".
  std::istringstream in(text);
  std::string line;
  int n = 0;
  bool any = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line == "\r") continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return error_at(path, n, "not a trich audit in json, jsonl or sarif");
    }
    any = true;
    if (str_of(j, "kind") != "finding") continue;
    b.add(str_of(j, "source"), identity(str_of(j, "code"), args_of(j), str_of(j, "text")));
  }
  if (!any) return error_at(path, 0, "not a trich audit in json, jsonl or sarif");
  return b;
}

Result<Baseline> Baseline::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error_at(path, 0, "cannot read the baseline");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

void Baseline::filter(const std::string& source, std::vector<Finding>& fs) const {
  auto it = by_source_.find(source);
  if (it == by_source_.end()) return;
  std::map<std::string, int> left = it->second;
  std::vector<Finding> kept;
  for (auto& f : fs) {
    auto l = left.find(finding_fingerprint(f));
    if (l != left.end() && l->second > 0) {
      --l->second;
      continue;
    }
    kept.push_back(std::move(f));
  }
  fs = std::move(kept);
}

}  // namespace trich
