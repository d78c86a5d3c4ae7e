#include "output/schema.h"

#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "output/kinds.h"

namespace trich {
namespace {

using ojson = nlohmann::ordered_json;

// A field's type without its std::optional, and whether it had one.
template <class T>
struct bare {
  using type = T;
  static constexpr bool nullable = false;
};
template <class T>
struct bare<std::optional<T>> {
  using type = T;
  static constexpr bool nullable = true;
};

template <class T>
const char* json_type() {
  if constexpr (std::is_same_v<T, std::string>) return "string";
  else if constexpr (std::is_same_v<T, bool>) return "boolean";
  else {
    static_assert(std::is_integral_v<T>, "a field is a string, an integer, a bool or a vector");
    return "integer";
  }
}

// The schema of field `f` of an E, from its C++ type and its FieldSchema.
template <class E, class F>
ojson property(const F& f, const RuleValues& rv) {
  using V = value_t<F, E>;
  ojson p = ojson::object();
  if constexpr (std::is_same_v<V, FindingArgs>) {
    p["type"] = "object";
    p["additionalProperties"] = {{"type", "string"}};
    p["description"] = "the values filled into the message, by name (docs/audit.md)";
    return p;
  } else if constexpr (is_vector<V>::value) {
    p["type"] = "array";
    p["items"] = {{"$ref", std::string("#/$defs/") + Described<typename is_vector<V>::element>::def}};
    return p;
  } else if constexpr (described<typename bare<V>::type>) {
    ojson ref = {{"$ref", std::string("#/$defs/") + Described<typename bare<V>::type>::def}};
    if (bare<V>::nullable) p["oneOf"] = ojson::array({ref, {{"type", "null"}}});
    else p = ref;
    if (f.schema.description) p["description"] = f.schema.description;
    return p;
  } else {
    // An optional written only when set is absent, never null.
    const bool nullable = bare<V>::nullable && !f.when_true;
    using T = typename bare<V>::type;
    const FieldSchema& s = f.schema;
    ojson values = ojson::array();
    for (const char* v : s.values) values.push_back(v);
    if (s.rule_values) {
      auto it = rv.find(s.rule_values);
      if (it != rv.end()) {
        for (const auto& v : it->second) values.push_back(v);
      }
    }
    if (!values.empty()) {
      if (nullable) values.push_back(nullptr);
      p["enum"] = std::move(values);
    } else if (nullable) {
      p["type"] = ojson::array({ojson(json_type<T>()), ojson("null")});
    } else {
      p["type"] = json_type<T>();
    }
    if (s.minimum) p["minimum"] = *s.minimum;
    if (s.pattern) p["pattern"] = s.pattern;
    if (s.format) p["format"] = s.format;
    if (s.description) p["description"] = s.description;
    return p;
  }
}

// The object schema of E's json fields.
template <class E>
ojson object_def(const RuleValues& rv, ojson extra_properties = ojson::object()) {
  ojson props = ojson::object();
  std::vector<std::string> req;
  each_field<kJson>(Described<E>::fields(), [&](const auto& f) {
    props[f.name] = property<E>(f, rv);
    if (f.required()) req.push_back(f.name);
  });
  for (auto& [k, v] : extra_properties.items()) props[k] = v;
  // Strict: an object has the fields its descriptor lists and no other (a field added to the
  // descriptor appears here too, so the schema never lags behind the writers).
  return ojson{{"type", "object"},
               {"properties", props},
               {"required", req},
               {"additionalProperties", false}};
}

// The schema of one jsonl line of kind `kind` whose entity is an L: source, kind, then L's
// jsonl fields under their jsonl keys.
template <class L>
ojson line_def(const char* kind, const RuleValues& rv) {
  ojson props = {{"source", {{"type", "string"}}}, {"kind", {{"const", kind}}}};
  std::vector<std::string> req = {"source", "kind"};
  each_field<kJsonl>(Described<L>::fields(), [&](const auto& f) {
    props[f.key(kJsonl)] = property<L>(f, rv);
    if (f.required()) req.push_back(f.key(kJsonl));
  });
  return ojson{{"type", "object"},
               {"properties", props},
               {"required", req},
               {"additionalProperties", false}};
}

// Adds E's def, then those of the entities its arrays hold.
template <class E>
void add_defs(ojson& defs, const RuleValues& rv) {
  defs[Described<E>::def] = object_def<E>(rv);
  each_field<kJson>(Described<E>::fields(), [&](const auto& f) {
    using V = value_t<std::remove_cvref_t<decltype(f)>, E>;
    if constexpr (is_vector<V>::value) add_defs<typename is_vector<V>::element>(defs, rv);
    else if constexpr (described<typename bare<V>::type>)
      add_defs<typename bare<V>::type>(defs, rv);
  });
}

}  // namespace

std::string json_schema(const RuleValues& rv) {
  ojson sections = ojson::object();
  ojson line_kinds = ojson::array();
  each_kind([&](const auto& k) {
    using E = typename std::remove_cvref_t<decltype(k)>::entity_type;
    sections[k.key] = {{"type", "array"},
                       {"items", {{"$ref", std::string("#/$defs/") + Described<E>::def}}}};
    line_kinds.push_back(k.line);
  });
  ojson defs = ojson::object();
  defs["document"] = object_def<DocumentHead>(rv, sections);
  defs[Described<DocSelf>::def] = object_def<DocSelf>(rv);
  each_kind([&](const auto& k) {
    add_defs<typename std::remove_cvref_t<decltype(k)>::entity_type>(defs, rv);
  });
  // jsonl: one def per kind of line, the document's first; jsonl_line picks the def by the
  // line's kind (if/then rather than oneOf: a validator then reports what is wrong with the
  // line, not that it matches none of six schemas, and checks one def instead of six).
  ojson line_names = ojson::array();
  ojson dispatch = ojson::array();
  auto add_line = [&](const std::string& kind, ojson def) {
    std::string name = "line_" + kind;
    defs[name] = std::move(def);
    line_names.push_back(kind);
    dispatch.push_back({{"if", {{"properties", {{"kind", {{"const", kind}}}}}}},
                        {"then", {{"$ref", "#/$defs/" + name}}}});
  };
  {
    ojson d = line_def<DocumentHead>("document", rv);
    ojson counts = ojson::object();
    for (const auto& k : line_kinds) {
      counts[k.get<std::string>()] = {{"type", "integer"}, {"minimum", 0}};
    }
    d["properties"]["counts"] = {
        {"description", "how many lines of each kind follow for this document"},
        {"type", "object"},
        {"properties", counts},
        {"additionalProperties", false}};
    d["required"].push_back("counts");
    add_line("document", std::move(d));
  }
  each_kind([&](const auto& k) {
    add_line(k.line,
             line_def<typename std::remove_cvref_t<decltype(k)>::line_type>(k.line, rv));
  });
  defs["jsonl_line"] = {
      {"description",
       "one line of --format jsonl: a document's line, then one per entity (its fields plus "
       "source and kind)"},
      {"type", "object"},
      {"properties", {{"kind", {{"enum", line_names}}}}},
      {"required", {"source", "kind"}},
      {"allOf", dispatch}};
  ojson schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"$id", "urn:trich:schema:1"},
      {"title", "trich output (json); $defs.jsonl_line describes one line of jsonl"},
      {"type", "object"},
      {"properties",
       {{"schema", {{"const", "trich/1"}}},
        {"documents", {{"type", "array"}, {"items", {{"$ref", "#/$defs/document"}}}}}}},
      {"required", {"schema", "documents"}},
      {"additionalProperties", false},
      {"$defs", defs}};
  return schema.dump(2) + "\n";
}

}  // namespace trich
