#include "output/entity_json.h"

#include "base/utf8.h"

namespace trich {
namespace {

// Builds an object from an entity's fields (json, and jsonl's rare long way).
struct ObjectBuilder {
  ojson& j;
  template <class T>
  void operator()(const char* k, const std::optional<T>& v) {
    j[k] = v ? ojson(*v) : ojson(nullptr);
  }
  template <class T>
  void operator()(const char* k, const T& v) {
    j[k] = v;
  }
};

template <class E>
ojson object(const E& e) {
  ojson j;
  fields(e, ObjectBuilder{j});
  return j;
}

}  // namespace

ojson to_json(const Citation& c) { return object(c); }
ojson to_json(const Date& d) { return object(d); }
ojson to_json(const Term& t) { return object(t); }
ojson to_json(const Item& i) { return object(i); }
ojson to_json(const Finding& f) { return object(f); }

ojson to_json(const PriorityList& l) {
  ojson j;
  j["style"] = l.style;
  j["announced"] = l.announced ? ojson(*l.announced) : ojson(nullptr);
  j["lead"] = l.lead_span ? ojson(l.lead_span->text) : ojson(nullptr);
  ojson items = ojson::array();
  for (const auto& i : l.items) items.push_back(to_json(i));
  j["items"] = std::move(items);
  return j;
}

void append_json_string(std::string& out, std::string_view s) {
  if (utf8::valid_prefix(s) != s.size()) {  // never from trich's own text; nlohmann decides
    out += ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
    return;
  }
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

}  // namespace trich
