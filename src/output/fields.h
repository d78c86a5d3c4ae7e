// Field descriptors: how one output field of an entity is named, read, shown and described.
// A kind's fields are a std::tuple of Field (output/kinds.h lists them, once per kind); the
// json, jsonl and csv writers and the JSON Schema all walk that tuple, so a field added there
// appears in every format, in the same place. This header is the machinery only: it knows no
// kind and no format's syntax.
//
// A field's getter is a member pointer or a callable taking the entity; its C++ type says the
// field's JSON type (std::string: string, an integer: integer, bool: boolean, std::optional:
// nullable, std::vector<E> of a described E: an array of E's objects). Where it is shown is a
// compile-time mask, so a writer never instantiates a field it does not write, and the jsonl
// writer's loop over fields unrolls into straight code, as fast as the hand-written visitor
// it replaced.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace trich {

// Where a field is shown.
enum Where : unsigned {
  kJson = 1,   // the json format's objects (and the schema's $defs)
  kJsonl = 2,  // jsonl lines
  kCsv = 4,    // single-kind csv columns
  kLine = kJsonl | kCsv,
  kAll = kJson | kJsonl | kCsv,
};

// What the JSON Schema says of a field beyond its C++ type.
struct FieldSchema {
  std::vector<const char*> values;  // an enumeration ("enum"); null joins it when nullable
  // An enumeration the loaded rules define rather than the engine (a TERM's kinds are the
  // kinds its rules name): the name of that value set (extract/rule_values.h).
  const char* rule_values = nullptr;
  std::optional<long> minimum;
  const char* pattern = nullptr;
  const char* format = nullptr;
  const char* description = nullptr;
};

template <unsigned W, class Get>
struct Field {
  static constexpr unsigned where = W;
  const char* name;
  Get get;
  const char* jsonl_name = nullptr;  // jsonl's key when it differs (a TERM's kind: term_kind)
  bool when_true = false;  // a bool written only when true, an optional only when set; absent
                           // (so not required) else
  int csv_rank = 100;  // csv columns go by rank, then by the order of the fields
  FieldSchema schema;

  // The key in a format: `w` is kJson, kJsonl or kCsv.
  const char* key(unsigned w) const { return w == kJsonl && jsonl_name ? jsonl_name : name; }
  bool required() const { return !when_true; }

  // Builders, so a descriptor reads as one line per field.
  template <unsigned W2>
  Field<W2, Get> only() const {
    return {name, get, jsonl_name, when_true, csv_rank, schema};
  }
  Field jsonl_as(const char* k) const { return with([&](Field& f) { f.jsonl_name = k; }); }
  Field only_when_true() const { return with([](Field& f) { f.when_true = true; }); }
  Field csv_at(int rank) const { return with([&](Field& f) { f.csv_rank = rank; }); }
  Field one_of(std::initializer_list<const char*> v) const {
    return with([&](Field& f) { f.schema.values = v; });
  }
  Field one_of_rules(const char* set) const {
    return with([&](Field& f) { f.schema.rule_values = set; });
  }
  Field min(long m) const { return with([&](Field& f) { f.schema.minimum = m; }); }
  Field pattern(const char* p) const { return with([&](Field& f) { f.schema.pattern = p; }); }
  Field format(const char* p) const { return with([&](Field& f) { f.schema.format = p; }); }
  Field describe(const char* d) const {
    return with([&](Field& f) { f.schema.description = d; });
  }

 private:
  template <class F>
  Field with(F&& f) const {
    Field c = *this;
    f(c);
    return c;
  }
};

// A field shown everywhere; narrow it with .only<...>().
template <class Get>
Field<kAll, Get> field(const char* name, Get get) {
  return {name, get, nullptr, false, 100, {}};
}

// The value of field `f` for entity `e`, by reference when the getter gives one.
template <class F, class E>
decltype(auto) value(const F& f, const E& e) {
  return std::invoke(f.get, e);
}

// The C++ type of field `F` read from an E.
template <class F, class E>
using value_t = std::remove_cvref_t<std::invoke_result_t<decltype(F::get)&, const E&>>;

// Field `f`, read from what `proj` gives of the outer entity (a priority line's item, its list).
template <unsigned W, class Get, class Proj>
auto via(Proj proj, const Field<W, Get>& f) {
  auto get = [proj, inner = f.get](const auto& outer) -> decltype(auto) {
    return std::invoke(inner, std::invoke(proj, outer));
  };
  return Field<W, decltype(get)>{f.name, get, f.jsonl_name, f.when_true, f.csv_rank, f.schema};
}

// Every field of a tuple, read through `proj`.
template <class Proj, class... F>
auto via_all(Proj proj, const std::tuple<F...>& fs) {
  return std::apply([&](const auto&... f) { return std::tuple{via(proj, f)...}; }, fs);
}

// The fields of `fs` shown in `w`, as a tuple of their own (a compile-time filter).
template <unsigned W, class... F>
auto shown_in(const std::tuple<F...>& fs) {
  return std::apply(
      [](const auto&... f) {
        return std::tuple_cat([&] {
          if constexpr ((std::remove_cvref_t<decltype(f)>::where & W) != 0) return std::tuple{f};
          else return std::tuple<>{};
        }()...);
      },
      fs);
}

// Calls v(field) for each field of `fs` shown in `W`, in order.
template <unsigned W, class Fields, class V>
void each_field(const Fields& fs, V&& v) {
  std::apply(
      [&](const auto&... f) {
        (
            [&] {
              if constexpr ((std::remove_cvref_t<decltype(f)>::where & W) != 0) v(f);
            }(),
            ...);
      },
      fs);
}

// Described<E> says what entity E shows: `static const auto& fields()` (a tuple of Field) and,
// for an entity the schema names, `static constexpr const char* def` (its $defs key).
template <class E>
struct Described;

// Whether T is an entity with a descriptor of its own (a nested object: a document's self).
template <class T>
concept described = requires { Described<T>::fields(); };

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {
  using element = T;
};

}  // namespace trich
