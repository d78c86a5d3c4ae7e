#include "audit/messages.h"

#include <cstdlib>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace trich {
namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// The words of the reports around the messages ([ui]); every language has them all.
const std::vector<const char*> kUiKeys = {
    "error",    "warning",  "info",       "summary",       "related",         "report_title",
    "extract_title", "document", "documents", "findings", "source",          "page",
    "line",     "column",   "severity",   "code",          "message",         "text",
    "kind",     "value",    "total",      "all",           "no_findings",     "filter_kind",
    "filter_severity", "citations", "priorities", "dates", "terms", "bytes", "back"};
const std::vector<const char*> kUiArgs = {"documents", "errors", "warnings", "info"};

const MessageSpec* spec_of(const std::string& key) {
  for (const auto& s : message_specs()) {
    if (key == s.key) return &s;
  }
  return nullptr;
}

}  // namespace

const std::vector<MessageSpec>& message_specs() {
  static const std::vector<MessageSpec> specs = {
      {"citation.type_mismatch", "error", {"symbol", "type", "code", "code_types", "type_codes"}},
      {"citation.unknown_type_code", "warning", {"symbol", "code"}},
      {"citation.year_mismatch", "warning", {"symbol", "year", "date"}},
      {"citation.conflicting_dates",
       "warning",
       {"symbol", "date", "other_date", "other_line", "other_source"}},
      {"citation.superseded",
       "error",
       {"symbol", "registry_line", "by", "on", "document_date"}},
      {"citation.not_in_registry", "warning", {"symbol", "mentions"}},
      {"citation.registry_mismatch",
       "error",
       {"symbol", "registry_line", "differences", "date", "registry_date", "type",
        "registry_type", "code", "registry_codes", "issuer", "registry_issuer"}},
      {"part.registry_date", "", {"date", "registry_date"}},
      {"part.registry_type", "", {"type", "registry_type"}},
      {"part.registry_code", "", {"code", "registry_type", "registry_codes"}},
      {"part.registry_issuer", "", {"issuer", "registry_issuer"}},
      {"part.separator", "", {}},
      {"date.invalid", "error", {"date", "day", "month", "year", "days"}},
      {"priorities.gap",
       "warning",
       {"marker", "index", "previous", "previous_index", "previous_line", "missing", "count"}},
      {"priorities.duplicate", "warning", {"marker", "index", "previous", "previous_line"}},
      {"priorities.count_mismatch",
       "warning",
       {"announced", "phrase", "have", "first", "last", "first_line", "last_line"}},
      {"anniversary.mismatch", "error", {"stated", "years", "from", "to", "years_text", "span"}},
  };
  return specs;
}

Result<std::vector<std::string>> placeholders(const std::string& tpl) {
  std::vector<std::string> names;
  for (size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '}') return Diagnostic{Severity::error, "", 0, "unmatched } in \"" + tpl + "\""};
    if (tpl[i] != '{') continue;
    size_t close = tpl.find('}', i);
    if (close == std::string::npos) {
      return Diagnostic{Severity::error, "", 0, "unclosed { in \"" + tpl + "\""};
    }
    std::string inner = tpl.substr(i + 1, close - i - 1);
    if (inner.find('{') != std::string::npos) {
      return Diagnostic{Severity::error, "", 0, "nested { in \"" + tpl + "\""};
    }
    std::string name = inner.substr(0, inner.find(':'));
    if (name.empty()) return Diagnostic{Severity::error, "", 0, "empty {} in \"" + tpl + "\""};
    if (inner.find(':') != std::string::npos && inner.find('|') == std::string::npos) {
      return Diagnostic{Severity::error, "", 0,
                        "{" + inner + "} needs one|other after the colon in \"" + tpl + "\""};
    }
    names.push_back(name);
    i = close;
  }
  return names;
}

std::string fill(const std::string& tpl, const Args& args) {
  std::string out;
  out.reserve(tpl.size() + 32);
  for (size_t i = 0; i < tpl.size(); ++i) {
    size_t close = tpl[i] == '{' ? tpl.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += tpl[i];
      continue;
    }
    std::string inner = tpl.substr(i + 1, close - i - 1);
    size_t colon = inner.find(':');
    std::string name = inner.substr(0, colon);
    const std::string* v = nullptr;
    for (const auto& [k, val] : args) {
      if (k == name) v = &val;
    }
    if (!v) {
      out += tpl.substr(i, close - i + 1);
    } else if (colon == std::string::npos) {
      out += *v;
    } else {
      std::string forms = inner.substr(colon + 1);
      size_t bar = forms.find('|');
      out += *v == "1" ? forms.substr(0, bar) : forms.substr(bar + 1);
    }
    i = close;
  }
  return out;
}

Result<Messages> Messages::load(const std::vector<rules::Source>& sources,
                                const std::string& lang) {
  const std::string suffix = lang + "/messages.toml";
  const rules::Source* src = nullptr;
  for (const auto& s : sources) {
    if (s.path.size() >= suffix.size() &&
        s.path.compare(s.path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        (s.path.size() == suffix.size() || s.path[s.path.size() - suffix.size() - 1] == '/')) {
      src = &s;
    }
  }
  if (!src) return error_at(suffix, 0, "no messages for language \"" + lang + "\"");
  toml::table t;
  try {
    t = toml::parse(src->text, src->path);
  } catch (const toml::parse_error& e) {
    return error_at(src->path, static_cast<int>(e.source().begin.line),
                    std::string(e.description()));
  }
  Messages m;
  m.lang_ = lang;
  auto bad = [&](const toml::node& n, const std::string& what) {
    return error_at(src->path, line_of(n), what);
  };
  for (const char* group : {"finding", "part"}) {
    auto tab = t[group].as_table();
    if (!tab) continue;
    for (auto&& [name, node] : *tab) {
      std::string key = (std::string(group) == "part" ? "part." : "") + std::string(name.str());
      const MessageSpec* spec = spec_of(key);
      if (!spec) return bad(node, fmt::format("unknown message \"{}\"", key));
      auto entry = node.as_table();
      if (!entry) return bad(node, fmt::format("message \"{}\" must be a table", key));
      for (auto&& [field, v] : *entry) {
        std::string f(field.str());
        auto s = v.value<std::string>();
        if (!s) return bad(v, fmt::format("{}.{} must be a string", key, f));
        if (f == "help") {
          m.help_[key] = *s;
          continue;
        }
        if (f == "related") {
          m.related_[key] = *s;
          continue;
        }
        std::string variant;
        if (f != "text") {
          if (f.rfind("text_", 0) != 0) return bad(v, fmt::format("{}: unknown field {}", key, f));
          variant = f.substr(5);
        }
        auto names = placeholders(*s);
        if (!names.ok()) return bad(v, fmt::format("{}.{}: {}", key, f, names.error().message));
        for (const auto& n : names.value()) {
          bool known = false;
          for (const char* a : spec->args) known = known || n == a;
          if (!known) {
            return bad(v, fmt::format("{}.{}: {{{}}} is no argument of {} (it has: {})", key, f,
                                      n, key, fmt::join(spec->args, ", ")));
          }
        }
        m.text_[key][variant] = *s;
      }
      if (!m.text_[key].count("")) return bad(node, fmt::format("message \"{}\" has no text", key));
    }
  }
  for (const auto& s : message_specs()) {
    if (!m.text_.count(s.key)) {
      return error_at(src->path, 0, fmt::format("no message for \"{}\"", s.key));
    }
  }
  auto ui = t["ui"].as_table();
  if (!ui) return error_at(src->path, 0, "missing [ui]");
  for (auto&& [k, v] : *ui) {
    auto s = v.value<std::string>();
    if (!s) return bad(v, fmt::format("ui.{} must be a string", k.str()));
    auto names = placeholders(*s);
    if (!names.ok()) return bad(v, fmt::format("ui.{}: {}", k.str(), names.error().message));
    for (const auto& n : names.value()) {
      bool known = false;
      for (const char* a : kUiArgs) known = known || n == a;
      if (!known) return bad(v, fmt::format("ui.{}: unknown argument {{{}}}", k.str(), n));
    }
    m.ui_[std::string(k.str())] = *s;
  }
  for (const char* k : kUiKeys) {
    if (!m.ui_.count(k)) return error_at(src->path, line_of(*ui), fmt::format("[ui] lacks {}", k));
  }
  return m;
}

const Messages& Messages::builtin(const std::string& lang) {
  static const Messages en = [] {
    auto m = load(rules::embedded_sources(), "en");
    if (!m.ok()) std::abort();  // the build's own files; the unit tests load them
    return std::move(m.value());
  }();
  static const Messages vi = [] {
    auto m = load(rules::embedded_sources(), "vi");
    if (!m.ok()) std::abort();
    return std::move(m.value());
  }();
  return lang == "vi" ? vi : en;
}

std::string Messages::render(const std::string& key, const std::string& variant,
                             const Args& args) const {
  auto it = text_.find(key);
  if (it == text_.end()) return key;
  auto v = it->second.find(variant);
  if (v == it->second.end()) v = it->second.find("");
  return fill(v->second, args);
}

std::string Messages::help(const std::string& code) const {
  auto it = help_.find(code);
  return it == help_.end() ? "" : it->second;
}

std::string Messages::related(const std::string& code) const {
  auto it = related_.find(code);
  return it == related_.end() ? ui("related") : it->second;
}

std::string Messages::ui(const std::string& key, const Args& args) const {
  auto it = ui_.find(key);
  return it == ui_.end() ? key : fill(it->second, args);
}

const std::map<std::string, std::string>& Messages::templates(const std::string& key) const {
  static const std::map<std::string, std::string> none;
  auto it = text_.find(key);
  return it == text_.end() ? none : it->second;
}

std::string language_from_environment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return std::string(v).rfind("vi", 0) == 0 ? "vi" : "en";
  }
  return "en";
}

}  // namespace trich
