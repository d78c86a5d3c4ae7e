// Writers: the contract's shapes in json, jsonl and csv.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "output/entity_json.h"
#include "output/schema.h"
#include "output/sink.h"

using namespace trich;

namespace {

DocumentResult sample() {
  DocumentResult d;
  d.source = "a,b.txt";
  d.encoding = "utf-8";
  d.bytes = 42;
  Date date;
  date.span = {.start = 3, .end = 12, .line = 1, .column = 4, .text = "30/5/2019"};
  date.value = "2019-05-30";
  date.precision = "day";
  d.x.dates.push_back(date);
  Term t;
  t.span = {.start = 20, .end = 29, .line = 2, .column = 1, .text = "say \"hi\"\nnow"};
  t.kind = "khoa";
  t.ordinal = 12;
  d.x.terms.push_back(t);
  return d;
}

std::string write(SinkOptions o) {
  std::ostringstream out;
  auto sink = make_sink(o, out);
  REQUIRE(sink);
  sink->begin();
  sink->document(sample());
  sink->document(sample());
  sink->end();
  return out.str();
}

}  // namespace

TEST_CASE("json: one document per input, schema named, kinds not selected omitted") {
  SinkOptions o;
  o.kinds = KindSet{false, false, true, true, false};
  auto j = nlohmann::json::parse(write(o));
  CHECK(j["schema"] == "trich/1");
  REQUIRE(j["documents"].size() == 2);
  auto doc = j["documents"][0];
  CHECK(doc["source"] == "a,b.txt");
  CHECK(doc["bytes"] == 42);
  CHECK_FALSE(doc.contains("citations"));
  CHECK(doc["dates"][0]["value"] == "2019-05-30");
  CHECK(doc["terms"][0]["kind"] == "khoa");
  CHECK(doc["terms"][0]["from"].is_null());
}

TEST_CASE("json with no document is still valid") {
  std::ostringstream out;
  SinkOptions o;
  auto sink = make_sink(o, out);
  sink->begin();
  sink->end();
  CHECK(nlohmann::json::parse(out.str())["documents"].empty());
}

TEST_CASE("jsonl: a document line, then one entity per line with source and kind") {
  SinkOptions o;
  o.format = "jsonl";
  std::istringstream in(write(o));
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == nlohmann::json::parse(
                        R"({"source":"a,b.txt","kind":"document","format":"text",)"
                        R"("encoding":"utf-8","bytes":42,)"
                        R"("counts":{"citation":0,"priority":0,"date":1,"term":1}})"));
  CHECK(lines[1]["kind"] == "date");
  CHECK(lines[1]["source"] == "a,b.txt");
  CHECK(lines[2]["kind"] == "term");
  CHECK(lines[2]["term_kind"] == "khoa");
  CHECK(lines[3]["kind"] == "document");
}

TEST_CASE("jsonl: counts only the kinds written; audit counts findings") {
  SinkOptions o;
  o.format = "jsonl";
  o.kinds = KindSet{false, false, false, true, false};
  o.findings = true;
  std::istringstream in(write(o));
  std::string line;
  std::getline(in, line);
  CHECK(nlohmann::json::parse(line)["counts"] ==
        nlohmann::json::parse(R"({"term":1,"finding":0})"));
}

TEST_CASE("csv: RFC 4180 quoting, CRLF, one-kind and several-kind headers") {
  SinkOptions o;
  o.format = "csv";
  o.kinds = KindSet{false, false, true, false, false};
  std::string one = write(o);
  CHECK(one.rfind("source,line,column,start,end,text,value,precision\r\n", 0) == 0);
  CHECK(one.find("\"a,b.txt\",1,4,3,12,30/5/2019,2019-05-30,day\r\n") != std::string::npos);
  o.kinds = KindSet{false, false, true, true, false};
  o.bom = true;
  std::string many = write(o);
  CHECK(many.rfind("\xEF\xBB\xBFsource,kind,line,column,start,end,text,value\r\n", 0) == 0);
  CHECK(many.find(",term,2,1,20,29,\"say \"\"hi\"\"\nnow\",12\r\n") != std::string::npos);
}

TEST_CASE("append_json_string writes what nlohmann's dump writes") {
  std::vector<std::string> cases = {"", "plain", "Ngh\xE1\xBB\x8B \xC4\x91\xE1\xBB\x8Bnh", "a\"b", "a\\b",
                                    "tab\there", "line\nbreak\r\n", "\b\f", std::string("nul\0x", 5),
                                    "\x01\x1F\x7F", "bad \xC4 byte", "\xED\xA0\x80 surrogate",
                                    "emoji \xF0\x9F\x98\x80", "/slash/"};
  for (int c = 0; c < 256; ++c) cases.push_back(std::string(1, static_cast<char>(c)) + "z");
  for (const auto& s : cases) {
    std::string got;
    append_json_string(got, s);
    CHECK(got == ojson(s).dump(-1, ' ', false, ojson::error_handler_t::replace));
  }
}

// The descriptors of output/kinds.h drive every format: a kind's json object, its schema def,
// its jsonl line and its single-kind csv header list the same fields in the same order.
TEST_CASE("descriptors: json, schema, jsonl and csv agree on each kind's fields") {
  auto schema = ojson::parse(json_schema({}));
  Citation c;
  c.symbol = "35-CT/TW";
  c.self = true;  // written only when true, like a date's inferred
  Date d;
  d.inferred = true;
  d.relative = true;
  d.interval_from = "2024-01-01";
  d.interval_to = "2024-03-31";
  Term t;
  Finding f;
  // A PDF's entities carry their page: with it, every field is shown.
  auto paged = [](auto e) {
    e.span.page = 2;
    e.span.page_line = 7;
    return e;
  };
  auto keys = [](const ojson& j) {
    std::vector<std::string> k;
    for (auto& [key, v] : j.items()) k.push_back(key);
    return k;
  };
  struct Case {
    const char* def;
    ojson object;
  };
  for (const auto& [def, object] :
       {Case{"citation", to_json(paged(c))}, Case{"date", to_json(paged(d))},
        Case{"term", to_json(paged(t))}, Case{"finding", to_json(paged(f))}}) {
    INFO(def);
    CHECK(keys(schema["$defs"][def]["properties"]) == keys(object));
  }
  // A date's "inferred" and "relative" are written only when true, its interval's ends only
  // when it has them, so the schema requires none of them.
  auto req = schema["$defs"]["date"]["required"];
  for (const char* k : {"inferred", "relative", "interval_from", "interval_to", "page", "page_line"}) {
    INFO(k);
    CHECK(std::find(req.begin(), req.end(), k) == req.end());
  }
  CHECK(keys(to_json(Date{})) == std::vector<std::string>{"text", "start", "end", "line",
                                                         "column", "value", "precision"});
  // jsonl writes the same fields straight from the entity, renaming a TERM's kind.
  std::string line;
  append_line_fields(line, t);
  CHECK(line == ",\"text\":\"\",\"start\":0,\"end\":0,\"line\":0,\"column\":0,"
                "\"term_kind\":\"\",\"from\":null,\"to\":null,\"ordinal\":null");
  // csv: the span first in its own order, then a list's number before the item's fields.
  SinkOptions o;
  o.format = "csv";
  o.kinds = KindSet{false, true, false, false, false};
  std::ostringstream out;
  make_sink(o, out)->begin();
  CHECK(out.str() == "source,line,column,start,end,text,list,index,marker,style,announced\r\n");
}
