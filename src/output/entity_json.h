// The contract's fields of each entity, in the contract's order (CONTRACT.md), as one visitor
// that both JSON writers share: json builds objects from it (to_json) and dumps them indented,
// jsonl writes each field straight into its line (append_fields), with no object in between.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "extract/entities.h"

namespace trich {

using ojson = nlohmann::ordered_json;

// Calls w(key, value) for each field of the entity, in order. A value is a std::string, an
// std::optional<std::string>, a size_t, an int, an std::optional<int> or a bool.
template <class W>
void span_fields(const Span& s, W&& w) {
  w("text", s.text);
  w("start", s.start);
  w("end", s.end);
  w("line", s.line);
  w("column", s.column);
}

template <class W>
void fields(const Citation& c, W&& w) {
  span_fields(c.span, w);
  w("symbol", c.symbol);
  w("number", c.number);
  w("year", c.year);
  w("type", c.type);
  w("type_code", c.type_code);
  w("issuer_code", c.issuer_code);
  w("issuer", c.issuer);
  w("date", c.date);
  w("system", c.system);
  w("name", c.name);
  w("refers_to", c.refers_to);
}

template <class W>
void fields(const Date& d, W&& w) {
  span_fields(d.span, w);
  w("value", d.value);
  w("precision", d.precision);
  if (d.inferred) w("inferred", true);
}

// `kind_key` names the TERM's own kind: "kind" in json, "term_kind" in jsonl, whose lines
// have a "kind" of their own (docs/contract.md).
template <class W>
void fields(const Term& t, W&& w, const char* kind_key = "kind") {
  span_fields(t.span, w);
  w(kind_key, t.kind);
  w("from", t.from);
  w("to", t.to);
  w("ordinal", t.ordinal);
}

template <class W>
void fields(const Item& i, W&& w) {
  span_fields(i.span, w);
  w("index", i.index);
  w("marker", i.marker);
}

template <class W>
void fields(const Finding& f, W&& w) {
  span_fields(f.span, w);
  w("code", f.code);
  w("severity", f.severity);
  w("message", f.message);
}

ojson to_json(const Citation& c);
ojson to_json(const Date& d);
ojson to_json(const Term& t);
ojson to_json(const Item& i);
ojson to_json(const Finding& f);
// A list with its items.
ojson to_json(const PriorityList& l);

// Appends s as a JSON string, byte for byte as nlohmann's dump writes it (UTF-8 kept as it
// is, invalid UTF-8 replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view s);

// Appends `,"key":value` for each field of e, as nlohmann's dump would write the value.
template <class E, class... Extra>
void append_fields(std::string& out, const E& e, Extra... extra);

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
};

}  // namespace detail

template <class E, class... Extra>
void append_fields(std::string& out, const E& e, Extra... extra) {
  detail::FieldAppender a{out};
  fields(e, a, extra...);
}

}  // namespace trich
