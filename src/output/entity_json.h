// JSON of entities, made from their descriptors (output/kinds.h), shared by both JSON
// writers: json builds objects (to_json) and dumps them indented; jsonl writes each field
// straight into its line (append_line_fields), with no object in between.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "output/kinds.h"

namespace trich {

using ojson = nlohmann::ordered_json;

// Appends s as a JSON string, byte for byte as nlohmann's dump writes it (UTF-8 kept as it
// is, invalid UTF-8 replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view s);

namespace detail {

struct FieldAppender {
  std::string& out;
  void key(const char* k) {
    out += ",\"";
    out += k;
    out += "\":";
  }
  void operator()(const char* k, const std::string& v) {
    key(k);
    append_json_string(out, v);
  }
  template <class T>
  void operator()(const char* k, const std::optional<T>& v) {
    if (v) return (*this)(k, *v);
    key(k);
    out += "null";
  }
  template <class T>
    requires described<T>
  void operator()(const char* k, const T& v);
  template <class N>
    requires(std::is_integral_v<N> && !std::is_same_v<N, bool>)
  void operator()(const char* k, N v) {
    key(k);
    out += std::to_string(v);
  }
  void operator()(const char* k, bool v) {
    key(k);
    out += v ? "true" : "false";
  }
  void operator()(const char* k, const FindingArgs& v) {
    key(k);
    out += '{';
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, v.items[i].first);
      out += ':';
      append_json_string(out, v.items[i].second);
    }
    out += '}';
  }
};

// Whether field `f` is left out for this value (a bool shown only when true, an optional
// only when set).
template <class F, class V>
bool omitted(const F& f, const V& v) {
  if constexpr (std::is_same_v<V, bool>) return f.when_true && !v;
  else if constexpr (requires { v.has_value(); }) return f.when_true && !v.has_value();
  else return false;
}

}  // namespace detail

// Appends `,"key":value` for each jsonl field of the line entity e, as nlohmann's dump would
// write the value.
template <class E>
void append_line_fields(std::string& out, const E& e) {
  detail::FieldAppender a{out};
  each_field<kJsonl>(Described<E>::fields(), [&](const auto& f) {
    decltype(auto) v = value(f, e);
    if (detail::omitted(f, v)) return;
    a(f.key(kJsonl), v);
  });
}

// The json object of an entity (its kJson fields; a vector field is an array of objects).
template <class E>
ojson to_json(const E& e);

// A field's value as JSON (a described object through its own fields).
template <class V>
ojson json_value(const V& v) {
  if constexpr (requires { v.has_value(); }) {
    if constexpr (described<typename V::value_type>) return v ? to_json(*v) : ojson(nullptr);
    else return v ? ojson(*v) : ojson(nullptr);
  } else {
    return ojson(v);
  }
}

template <class E>
ojson to_json(const E& e) {
  ojson j;
  each_field<kJson>(Described<E>::fields(), [&](const auto& f) {
    decltype(auto) v = value(f, e);
    using V = std::remove_cvref_t<decltype(v)>;
    if (detail::omitted(f, v)) return;
    if constexpr (is_vector<V>::value) {
      ojson a = ojson::array();
      for (const auto& x : v) a.push_back(to_json(x));
      j[f.name] = std::move(a);
    } else if constexpr (std::is_same_v<V, FindingArgs>) {
      ojson a = ojson::object();
      for (const auto& [name, val] : v.items) a[name] = val;
      j[f.name] = std::move(a);
    } else if constexpr (requires { v.has_value(); }) {
      if constexpr (described<typename V::value_type>) {
        j[f.name] = v ? to_json(*v) : ojson(nullptr);
      } else {
        j[f.name] = v ? ojson(*v) : ojson(nullptr);
      }
    } else {
      j[f.name] = v;
    }
  });
  return j;
}

namespace detail {
template <class T>
  requires described<T>
void FieldAppender::operator()(const char* k, const T& v) {
  key(k);
  out += to_json(v).dump(-1, ' ', false, ojson::error_handler_t::replace);
}
}  // namespace detail

}  // namespace trich
