#include "output/entity_json.h"

namespace trich {
namespace {

template <class T>
ojson opt(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

ojson span_json(const Span& s) {
  ojson j;
  j["text"] = s.text;
  j["start"] = s.start;
  j["end"] = s.end;
  j["line"] = s.line;
  j["column"] = s.column;
  return j;
}

}  // namespace

ojson to_json(const Citation& c) {
  ojson j = span_json(c.span);
  j["symbol"] = opt(c.symbol);
  j["number"] = opt(c.number);
  j["year"] = opt(c.year);
  j["type"] = opt(c.type);
  j["type_code"] = opt(c.type_code);
  j["issuer_code"] = opt(c.issuer_code);
  j["issuer"] = opt(c.issuer);
  j["date"] = opt(c.date);
  j["system"] = opt(c.system);
  j["name"] = opt(c.name);
  j["refers_to"] = opt(c.refers_to);
  return j;
}

ojson to_json(const Date& d) {
  ojson j = span_json(d.span);
  j["value"] = d.value;
  j["precision"] = d.precision;
  if (d.inferred) j["inferred"] = true;
  return j;
}

ojson to_json(const Term& t) {
  ojson j = span_json(t.span);
  j["kind"] = t.kind;
  j["from"] = opt(t.from);
  j["to"] = opt(t.to);
  j["ordinal"] = opt(t.ordinal);
  return j;
}

ojson to_json(const Item& i) {
  ojson j = span_json(i.span);
  j["index"] = i.index;
  j["marker"] = i.marker;
  return j;
}

ojson to_json(const Finding& f) {
  ojson j = span_json(f.span);
  j["code"] = f.code;
  j["severity"] = f.severity;
  j["message"] = f.message;
  return j;
}

ojson to_json(const PriorityList& l) {
  ojson j;
  j["style"] = l.style;
  j["announced"] = opt(l.announced);
  j["lead"] = opt(l.lead_span ? std::optional<std::string>(l.lead_span->text) : std::nullopt);
  ojson items = ojson::array();
  for (const auto& i : l.items) items.push_back(to_json(i));
  j["items"] = std::move(items);
  return j;
}

}  // namespace trich
