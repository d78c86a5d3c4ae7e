#include "output/schema.h"

#include <nlohmann/json.hpp>

namespace trich {
namespace {

using ojson = nlohmann::ordered_json;

ojson nullable(const char* type) { return ojson{{"type", ojson::array({type, "null"})}}; }

ojson entity(ojson fields, std::vector<std::string> required) {
  ojson props = {
      {"text", {{"type", "string"}, {"description", "the entity's text exactly as in the input"}}},
      {"start", {{"type", "integer"}, {"minimum", 0}, {"description", "byte offset into the input as read"}}},
      {"end", {{"type", "integer"}, {"minimum", 0}, {"description", "byte offset, exclusive"}}},
      {"line", {{"type", "integer"}, {"minimum", 1}}},
      {"column", {{"type", "integer"}, {"minimum", 1}, {"description", "code points from the line start, 1-based"}}}};
  for (auto& [k, v] : fields.items()) props[k] = v;
  std::vector<std::string> req = {"text", "start", "end", "line", "column"};
  req.insert(req.end(), required.begin(), required.end());
  return ojson{{"type", "object"}, {"properties", props}, {"required", req}};
}

}  // namespace

std::string json_schema() {
  ojson citation = entity(
      {{"symbol", nullable("string")}, {"number", nullable("string")},
       {"year", nullable("integer")}, {"type", nullable("string")},
       {"type_code", nullable("string")}, {"issuer_code", nullable("string")},
       {"issuer", nullable("string")},
       {"date", {{"type", ojson::array({"string", "null"})}, {"format", "date"}}},
       {"system", {{"enum", ojson::array({"party", "state", nullptr})}}},
       {"name", nullable("string")}, {"refers_to", nullable("string")}},
      {"symbol", "number", "year", "type", "type_code", "issuer_code", "issuer", "date", "system",
       "name", "refers_to"});
  ojson item = entity({{"index", {{"type", "integer"}, {"minimum", 1}}},
                       {"marker", {{"type", "string"}}}},
                      {"index", "marker"});
  ojson list = {{"type", "object"},
                {"properties",
                 {{"style", {{"enum", {"thu", "la"}}}},
                  {"announced", nullable("integer")},
                  {"lead", nullable("string")},
                  {"items", {{"type", "array"}, {"items", {{"$ref", "#/$defs/item"}}}}}}},
                {"required", {"style", "announced", "lead", "items"}}};
  ojson date = entity({{"value", {{"type", "string"},
                                  {"pattern", "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}}},
                       {"precision", {{"enum", {"day", "month", "year"}}}},
                       {"inferred", {{"type", "boolean"}}}},
                      {"value", "precision"});
  ojson term = entity({{"kind", {{"enum", {"nhiem_ky", "period", "khoa", "dai_hoi"}}}},
                       {"from", nullable("integer")},
                       {"to", nullable("integer")},
                       {"ordinal", nullable("integer")}},
                      {"kind", "from", "to", "ordinal"});
  ojson finding = entity(
      {{"code", {{"enum", {"citation.type_mismatch", "citation.unknown_type_code",
                          "citation.year_mismatch", "citation.conflicting_dates",
                          "citation.not_in_registry", "citation.registry_mismatch",
                          "date.invalid", "priorities.gap", "priorities.duplicate",
                          "priorities.count_mismatch", "anniversary.mismatch"}}}},
       {"severity", {{"enum", {"error", "warning", "info"}}}},
       {"message", {{"type", "string"}}}},
      {"code", "severity", "message"});
  auto arr = [](const char* def) {
    return ojson{{"type", "array"}, {"items", {{"$ref", std::string("#/$defs/") + def}}}};
  };
  ojson document = {
      {"type", "object"},
      {"properties",
       {{"source", {{"type", "string"}}},
        {"encoding", {{"type", "string"}}},
        {"bytes", {{"type", "integer"}, {"minimum", 0}}},
        {"citations", arr("citation")},
        {"priorities", arr("list")},
        {"dates", arr("date")},
        {"terms", arr("term")},
        {"findings", arr("finding")}}},
      {"required", {"source", "encoding", "bytes"}}};
  ojson jsonl_line = {
      {"description", "one line of --format jsonl: an entity plus source and kind"},
      {"type", "object"},
      {"properties",
       {{"source", {{"type", "string"}}},
        {"kind", {{"enum", {"citation", "priority", "date", "term", "finding"}}}},
        {"list", {{"type", "integer"}, {"minimum", 1}}},
        {"style", {{"enum", {"thu", "la"}}}},
        {"announced", nullable("integer")}}},
      {"required", {"source", "kind", "text", "start", "end", "line", "column"}}};
  ojson schema = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"$id", "trich/1"},
      {"title", "trich output (json); $defs.jsonl_line describes one line of jsonl"},
      {"type", "object"},
      {"properties",
       {{"schema", {{"const", "trich/1"}}},
        {"documents", {{"type", "array"}, {"items", {{"$ref", "#/$defs/document"}}}}}}},
      {"required", {"schema", "documents"}},
      {"$defs",
       {{"document", document}, {"citation", citation}, {"list", list}, {"item", item},
        {"date", date}, {"term", term}, {"finding", finding}, {"jsonl_line", jsonl_line}}}};
  return schema.dump(2) + "\n";
}

}  // namespace trich
