// Audit: every finding code of CONTRACT.md on documents that must raise it and near-misses
// that must not (tests/data/audit/, one file per case, named CODE.must-N / CODE.not-N), the
// type tables as the lexicons give them, the registry CSV and symbol keys. Vietnamese text in
// this file is written with \u escapes (src/ and tests stay ASCII; see DESIGN.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "audit/audit.h"
#include "extract/extractor.h"
#include "extract/resolvers.h"
#include "io/decode.h"
#include "rules/ruleset.h"

using namespace trich;

namespace {

const rules::RuleSet& rule_set() {
  static const rules::RuleSet r = [] {
    auto loaded = rules::load(rules::embedded_sources(), catalog());
    REQUIRE(loaded.ok());
    return std::move(loaded.value());
  }();
  return r;
}

const Extractor& extractor() {
  static const auto x = [] {
    auto b = Extractor::build(rule_set());
    REQUIRE(b.ok());
    return std::move(b.value());
  }();
  return *x;
}

const std::string kData = std::string(TRICH_SOURCE_DIR) + "/tests/data/audit/";

struct Audited {
  Extraction x;
  std::vector<std::string> codes;  // in document order
  std::string messages;
};

Audited audit(const std::string& text, const Auditor& a) {
  Document doc("t.txt", decode(std::string(text), "auto", "t.txt"), extractor().folds());
  Audited out;
  out.x = extractor().run(doc, KindSet{true, true, true, true, true});
  a.check(doc, out.x);
  for (const auto& f : out.x.findings) {
    out.codes.push_back(f.code);
    out.messages += f.code + ": " + f.message + "\n";
  }
  return out;
}

const Auditor& plain() {
  static const auto a = [] {
    auto b = Auditor::build(rule_set(), "");
    REQUIRE(b.ok());
    return std::move(b.value());
  }();
  return *a;
}

const Auditor& with_registry() {
  static const auto a = [] {
    auto b = Auditor::build(rule_set(), kData + "registry.csv");
    REQUIRE(b.ok());
    return std::move(b.value());
  }();
  return *a;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every code: documents that must raise it, near-misses that must not") {
  // file prefix -> code; the registry codes run with tests/data/audit/registry.csv.
  const std::map<std::string, std::string> codes = {
      {"type_mismatch", "citation.type_mismatch"},
      {"unknown_type_code", "citation.unknown_type_code"},
      {"year_mismatch", "citation.year_mismatch"},
      {"conflicting_dates", "citation.conflicting_dates"},
      {"not_in_registry", "citation.not_in_registry"},
      {"registry_mismatch", "citation.registry_mismatch"},
      {"date_invalid", "date.invalid"},
      {"gap", "priorities.gap"},
      {"duplicate", "priorities.duplicate"},
      {"count_mismatch", "priorities.count_mismatch"},
      {"anniversary", "anniversary.mismatch"},
      {"superseded", "citation.superseded"},
  };
  std::map<std::string, int> musts, nots;
  for (const auto& e : std::filesystem::directory_iterator(kData)) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".txt") continue;
    std::string prefix = name.substr(0, name.find('.'));
    REQUIRE(codes.count(prefix));
    const std::string& code = codes.at(prefix);
    bool registry = code == "citation.not_in_registry" || code == "citation.registry_mismatch";
    static const std::unique_ptr<Auditor> superseded = [] {
      auto b = Auditor::build(rule_set(), kData + "registry-superseded.csv");
      if (!b.ok()) FAIL(b.error().where_what());
      return std::move(b.value());
    }();
    auto r = audit(read(e.path().string()), code == "citation.superseded" ? *superseded
                                            : registry                      ? with_registry()
                                                                            : plain());
    INFO(name << "\n" << r.messages);
    if (name.find(".must-") != std::string::npos) {
      ++musts[code];
      CHECK(!r.codes.empty());
      for (const auto& c : r.codes) CHECK(c == code);
    } else {
      REQUIRE(name.find(".not-") != std::string::npos);
      ++nots[code];
      CHECK(r.codes.empty());
      // A near-miss is only one when the extractor saw what audit judges.
      if (code.rfind("citation.", 0) == 0) CHECK(!r.x.citations.empty());
      if (code.rfind("priorities.", 0) == 0) CHECK(!r.x.priorities.empty());
    }
  }
  for (const auto& [prefix, code] : codes) {
    INFO(code);
    CHECK(musts[code] >= 2);
    CHECK(nots[code] >= 2);
  }
}

TEST_CASE("the samples: loi-kiem-tra raises its ten planted findings, the others nothing") {
  std::string dir = std::string(TRICH_SOURCE_DIR) + "/samples/";
  for (const char* clean : {"bao-cao-dang-uy.txt", "ke-hoach-ubnd-tinh.txt", "tin-tuc-nhieu.txt",
                            "quyet-dinh-phan-so.txt"}) {
    auto r = audit(read(dir + clean), plain());
    INFO(clean << "\n" << r.messages);
    CHECK(r.codes.empty());
  }
  auto r = audit(read(dir + "loi-kiem-tra.txt"), plain());
  INFO(r.messages);
  std::vector<std::string> want = {
      "citation.type_mismatch",     "citation.unknown_type_code", "citation.year_mismatch",
      "date.invalid",               "date.invalid",               "anniversary.mismatch",
      "priorities.count_mismatch",  "priorities.duplicate",       "citation.conflicting_dates",
      "priorities.gap"};
  CHECK(r.codes == want);
  std::vector<size_t> lines;
  for (const auto& f : r.x.findings) lines.push_back(f.span.line);
  CHECK(lines == std::vector<size_t>{5, 7, 9, 13, 15, 17, 19, 35, 37, 45});
}

TEST_CASE("a type word accepts every code any table gives it") {
  struct Case {
    const char* text;
    const char* code;  // "" for none
  } cases[] = {
      {"Quy \u0111\u1ecbnh s\u1ed1 12-Q\u0110/TW", ""},
      {"Quy \u0111\u1ecbnh s\u1ed1 08-Q\u0110i/TW", ""},
      {"Quy \u0111\u1ecbnh s\u1ed1 12/Qy\u0110-UBND", ""},
      {"Quy \u0111\u1ecbnh s\u1ed1 12/Q\u0110-UBND", ""},
      {"Quy\u1ebft \u0111\u1ecbnh s\u1ed1 31-Q\u0110/TW", ""},
      {"Quy\u1ebft \u0111\u1ecbnh s\u1ed1 12/Q\u0110-UBND", ""},
      {"K\u1ebft lu\u1eadn s\u1ed1 21-KL/TW", ""},
      {"Ch\u01b0\u01a1ng tr\u00ecnh h\u00e0nh \u0111\u1ed9ng s\u1ed1 12-CTr/TU", ""},
      {"Th\u00f4ng b\u00e1o k\u1ebft lu\u1eadn s\u1ed1 05-TB/TW", ""},
      {"Th\u00f4ng t\u01b0 li\u00ean t\u1ecbch s\u1ed1 01/2011/TTLT-BTC-BNV", ""},
      {"V\u0103n b\u1ea3n h\u1ee3p nh\u1ea5t s\u1ed1 05/VBHN-VPQH", ""},
      {"C\u00f4ng v\u0103n s\u1ed1 10983/TCHQ-GSQL", ""},
      {"Ngh\u1ecb \u0111\u1ecbnh s\u1ed1 50/CP", ""},
      {"Th\u00f4ng t\u01b0 37/2015/TTLT-BYT-BTC", ""},
      {"Quy\u1ebft \u0111\u1ecbnh s\u1ed1 476-Q\u0110NS/TW", ""},
      {"Quy\u1ebft \u0111\u1ecbnh 176/2010/Q\u0110ST-HNG\u0110", ""},
      {"Quy\u1ebft \u0111\u1ecbnh s\u1ed1 12/KH-UBND", "citation.type_mismatch"},
      {"Ch\u1ec9 th\u1ecb s\u1ed1 21-KL/TW", "citation.type_mismatch"},
      {"K\u1ebf ho\u1ea1ch s\u1ed1 7/Q\u0110-UBND", "citation.type_mismatch"},
      {"Ngh\u1ecb \u0111\u1ecbnh s\u1ed1 15/2020/NQ-CP", "citation.type_mismatch"},
      {"Ngh\u1ecb quy\u1ebft s\u1ed1 05/XYZ-UBND", "citation.unknown_type_code"},
      {"Ch\u1ec9 th\u1ecb s\u1ed1 05-CX/TW", "citation.unknown_type_code"},
  };
  for (const auto& c : cases) {
    auto r = audit(c.text, plain());
    INFO(c.text << "\n" << r.messages);
    REQUIRE(r.x.citations.size() == 1);
    if (*c.code) {
      REQUIRE(r.codes.size() == 1);
      CHECK(r.codes[0] == c.code);
    } else {
      CHECK(r.codes.empty());
    }
  }
}

TEST_CASE("the type tables come from the lexicons") {
  auto r = audit("Quy\u1ebft \u0111\u1ecbnh s\u1ed1 12/KH-UBND", plain());
  REQUIRE(r.x.findings.size() == 1);
  CHECK(r.x.findings[0].message == "\"Quy\u1ebft \u0111\u1ecbnh\" is cited with type code KH, which stands for K\u1ebf ho\u1ea1ch; a Quy\u1ebft \u0111\u1ecbnh takes Q\u0110");
  CHECK(r.x.findings[0].span.text == "Quy\u1ebft \u0111\u1ecbnh s\u1ed1 12/KH-UBND");
  CHECK(r.x.findings[0].severity == "error");
}

TEST_CASE("anniversaries: N years against the span, with cue words or same-day dates") {
  struct Case {
    const char* text;
    bool finding;
  } cases[] = {
      {"k\u1ef7 ni\u1ec7m 45 n\u0103m Ng\u00e0y gi\u1ea3i ph\u00f3ng mi\u1ec1n Nam (30/4/1945 \u2013 30/4/2020).", true},
      {"k\u1ef7 ni\u1ec7m 45 n\u0103m Ng\u00e0y gi\u1ea3i ph\u00f3ng mi\u1ec1n Nam (30/4/1975 \u2013 30/4/2020).", false},
      {"Ch\u00e0o m\u1eebng 90 n\u0103m Ng\u00e0y th\u00e0nh l\u1eadp \u0110\u1ea3ng (1930 - 2021).", true},
      {"Ch\u00e0o m\u1eebng 91 n\u0103m Ng\u00e0y th\u00e0nh l\u1eadp \u0110\u1ea3ng (1930 - 2021).", false},
      {"60 n\u0103m B\u00e1c H\u1ed3 v\u1ec1 th\u0103m qu\u00ea (14/6/1957 - 14/6/2018).", true},
      {"k\u1ef7 ni\u1ec7m 90 n\u0103m th\u00e0nh l\u1eadp \u0110\u1ea3ng (1930 - 2020) v\u00e0 76 n\u0103m Qu\u1ed1c kh\u00e1nh (1945 - 2020).", true},
      {"tr\u00f2n 10 n\u0103m t\u00e1i l\u1eadp huy\u1ec7n (2010 \u2013 2021).", true},
      {"trong 5 n\u0103m (2016-2020), huy\u1ec7n ho\u00e0n th\u00e0nh k\u1ebf ho\u1ea1ch.", false},
      {"k\u1ebf ho\u1ea1ch 05 n\u0103m (2021-2025).", false},
      {"k\u1ef7 ni\u1ec7m 100 n\u0103m Ng\u00e0y sinh \u0111\u1ed3ng ch\u00ed A (1917 - 1998).", false},
      {"k\u1ef7 ni\u1ec7m 100 n\u0103m Ng\u00e0y sinh \u0111\u1ed3ng ch\u00ed A (1917 - 2018).", true},
      {"k\u1ef7 ni\u1ec7m 50 n\u0103m ng\u00e0y m\u1ea5t c\u1ee7a nh\u00e0 th\u01a1 (1890 - 1969).", false},
      {"k\u1ef7 ni\u1ec7m 130 n\u0103m Ng\u00e0y sinh B\u00e1c (19/5/1890 - 2/9/1969).", false},
      {"k\u1ef7 ni\u1ec7m 45 n\u0103m ng\u00e0y th\u00e0nh l\u1eadp, \u0111\u1ea1i h\u1ed9i nhi\u1ec7m k\u1ef3 2020 - 2025.", false},
      {"ng\u00e0y 3 th\u00e1ng 2 n\u0103m 1930 (1930 - 2020).", false},
  };
  for (const auto& c : cases) {
    auto r = audit(c.text, plain());
    INFO(c.text << "\n" << r.messages);
    CHECK(r.codes == (c.finding ? std::vector<std::string>{"anniversary.mismatch"}
                                : std::vector<std::string>{}));
  }
  auto r = audit("k\u1ef7 ni\u1ec7m 45 n\u0103m Ng\u00e0y gi\u1ea3i ph\u00f3ng (30/4/1945 \u2013 30/4/2020).", plain());
  REQUIRE(r.x.findings.size() == 1);
  CHECK(r.x.findings[0].message == "45 n\u0103m, but 30/4/1945 \u2013 30/4/2020 is 75 years");
}

TEST_CASE("announced counts: digits and words, vague leads announce nothing") {
  struct Case {
    const char* lead;
    int items;
    bool finding;
  } cases[] = {
      {"\u0111\u1ea1t \u0111\u01b0\u1ee3c 06 k\u1ebft qu\u1ea3 n\u1ed5i b\u1eadt:", 6, false},
      {"\u0111\u1ea1t \u0111\u01b0\u1ee3c 06 k\u1ebft qu\u1ea3 n\u1ed5i b\u1eadt:", 5, true},
      {"c\u1ea7n t\u1eadp trung s\u00e1u nhi\u1ec7m v\u1ee5 tr\u1ecdng t\u00e2m sau:", 5, true},
      {"c\u1ea7n t\u1eadp trung s\u00e1u nhi\u1ec7m v\u1ee5 tr\u1ecdng t\u00e2m sau:", 6, false},
      {"n\u1ed5i l\u00ean ba v\u1ea5n \u0111\u1ec1:", 2, true},
      {"n\u1ed5i l\u00ean ba v\u1ea5n \u0111\u1ec1:", 3, false},
      {"\u0110\u1ea3ng b\u1ed9 \u0111\u1ec1 ra m\u1ed9t s\u1ed1 n\u1ed9i dung sau:", 4, false},
      {"m\u1ed9t trong nh\u1eefng nhi\u1ec7m v\u1ee5 quan tr\u1ecdng l\u00e0:", 3, false},
      {"sau m\u1ed9t n\u0103m th\u1ef1c hi\u1ec7n nhi\u1ec7m v\u1ee5, x\u00e3 r\u00fat ra c\u00e1c b\u00e0i h\u1ecdc:", 3, false},
  };
  const char* ords[] = {"nh\u1ea5t", "hai", "ba", "t\u01b0", "n\u0103m", "s\u00e1u"};
  for (const auto& c : cases) {
    std::string text = std::string(c.lead) + "\n\n";
    for (int i = 0; i < c.items; ++i) {
      text += "Th\u1ee9 " + std::string(ords[i]) + ", a.\n\n";
    }
    auto r = audit(text, plain());
    INFO(text << "\n" << r.messages);
    REQUIRE(r.x.priorities.size() == 1);
    CHECK(r.codes == (c.finding ? std::vector<std::string>{"priorities.count_mismatch"}
                                : std::vector<std::string>{}));
  }
}

TEST_CASE("registry CSV: header, quoting, line numbers, errors") {
  auto ok = parse_registry(std::string("\xEF\xBB\xBF") +
                               "symbol,type,date,issuer,title\r\n" +
                               "05-CT/TW,Ch\u1ec9 th\u1ecb,2016-05-15,B\u1ed9 Ch\u00ednh tr\u1ecb,\"V\u1ec1 h\u1ecdc t\u1eadp, l\u00e0m theo\"\r\n" +
                               "\r\n" + "\"1/2020/N\u0110-CP\",,,,\"a \"\"quoted\"\"\nline\"\n" +
                               "2-KL/TW,,2024-02-29,,\n",
                           "r.csv");
  REQUIRE(ok.ok());
  REQUIRE(ok.value().size() == 3);
  CHECK(ok.value()[0].title == "V\u1ec1 h\u1ecdc t\u1eadp, l\u00e0m theo");
  CHECK(ok.value()[0].line == 2);
  CHECK(ok.value()[1].symbol == "1/2020/N\u0110-CP");
  CHECK(ok.value()[1].title == "a \"quoted\"\nline");
  CHECK(ok.value()[1].line == 4);
  CHECK(ok.value()[2].line == 6);
  // Classic Mac line ends and mixed ones are line ends; spaces after a closing quote are fine.
  auto cr = parse_registry("symbol,type,date,issuer,title\rA-1,\"x\"  ,,,\r\nB-2,,,,\rC-3,,,,", "r.csv");
  REQUIRE(cr.ok());
  REQUIRE(cr.value().size() == 3);
  CHECK(cr.value()[0].type == "x");
  CHECK(cr.value()[1].line == 3);
  CHECK(cr.value()[2].line == 4);
  struct Bad {
    const char* text;
    int line;
    const char* says;
  } bad[] = {
      {"symbol,type,date\n", 1, "header"},
      {"", 0, "header"},
      {"symbol,type,date,issuer,title\nA-1,x,,\n", 2, "expected 5 fields"},
      {"symbol,type,date,issuer,title\n,x,,,\n", 2, "empty symbol"},
      {"symbol,type,date,issuer,title\nA-1,x,2023-02-29,,\n", 2, "YYYY-MM-DD"},
      {"symbol,type,date,issuer,title\nA-1,x,31/6/2019,,\n", 2, "YYYY-MM-DD"},
      {"symbol,type,date,issuer,title\nA-1,x,2019/5/30,,\n", 2, "YYYY-MM-DD"},
      {"symbol,type,date,issuer,title\n\"A-1\"x,,,,\n", 2, "after the closing quote of field 1"},
      {"symbol,type,date,issuer,title\nA-1,\xC3,,,\n", 2, "UTF-8"},
      {"symbol,type,date,issuer,title\n\nA-1,\"a\nb\xFF\",,,\n", 4, "UTF-8"},
      {"symbol,type,symbol,date,issuer,title\n", 1, "twice"},
      {"symbol,type,date,issuer,title,replaced_by,replaced_on\nA-1,,,,,B-2,2020-01-01; 2021-01-01\n", 2, "2 dates for 1 symbols"},
      {"symbol,type,date,issuer,title,amended_on\nA-1,,,,,31/2/2020\n", 2, "YYYY-MM-DD"},
      {"symbol,type,date,issuer,title\nA-1,\"x,,,\n", 2, "unterminated"},
      {"symbol,type,date,issuer,title\nA-1,\"x\"y,,,\n", 2, "after the closing quote of field 2"},
      {"symbol,type,date,issuer,title\n\"A-1\" 2,,,,\n", 2, "after the closing quote of field 1"},
      {"symbol,type,date,issuer,title\nA-1,x,,,\nB-\xC4,,,,\n", 3, "invalid UTF-8"},
      {"symbol,type,date,issuer,title\r\nA-1,\"a\rb\",,,\r\xFF\n", 4, "invalid UTF-8"},
      {"symbol,type,date,issuer,title\rA-1,x,,,\r,x,,,\r", 3, "empty symbol"},  // lone CRs
      {"symbol,type,date,issuer,title\rA-1,\"a\rb\",,,\r\rx,,\r", 5, "expected 5 fields"},
  };
  for (const auto& b : bad) {
    auto r = parse_registry(b.text, "r.csv");
    INFO(b.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().line == b.line);
    CHECK(r.error().file == "r.csv");
    CHECK(r.error().message.find(b.says) != std::string::npos);
  }
}

TEST_CASE("registry CSV: columns by name, in English or Vietnamese, extra ones ignored") {
  std::vector<std::string> ignored;
  auto r = parse_registry(
      "\xEF\xBB\xBFS\u1ed1 k\u00fd hi\u1ec7u,Ng\u00e0y ban h\u00e0nh,Lo\u1ea1i v\u0103n b\u1ea3n,"
      "Tr\u00edch y\u1ebfu,C\u01a1 quan ban h\u00e0nh,Ghi ch\u00fa,b\u1ecb thay th\u1ebf b\u1edfi,"
      "ng\u00e0y b\u1ecb thay th\u1ebf\n"
      "15/2018/N\u0110-CP,2/2/2018,Ngh\u1ecb \u0111\u1ecbnh,V\u1ec1 kho,Ch\u00ednh ph\u1ee7,x,"
      "10/2023/N\u0110-CP; 11/2023/N\u0110-CP,03/04/2023\n",
      "r.csv", &rule_set().lexicon("registry_column"), &ignored);
  REQUIRE(r.ok());
  REQUIRE(r.value().size() == 1);
  const auto& e = r.value()[0];
  CHECK(e.symbol == "15/2018/N\u0110-CP");
  CHECK(e.date == "2018-02-02");
  CHECK(e.type == "Ngh\u1ecb \u0111\u1ecbnh");
  CHECK(e.issuer == "Ch\u00ednh ph\u1ee7");
  CHECK(e.title == "V\u1ec1 kho");
  CHECK(e.replaced_by == std::vector<std::string>{"10/2023/N\u0110-CP", "11/2023/N\u0110-CP"});
  CHECK(e.replaced_on == std::vector<std::string>{"2023-04-03"});
  CHECK(ignored == std::vector<std::string>{"Ghi ch\u00fa"});
  // Without the lexicon, only the English names are columns.
  auto en = parse_registry("title,issuer,date,type,symbol,note\nT,I,2020-01-02,Lu\u1eadt,A-1,n\n", "r.csv",
                           nullptr, &ignored);
  REQUIRE(en.ok());
  CHECK(en.value()[0].symbol == "A-1");
  CHECK(en.value()[0].date == "2020-01-02");
}

TEST_CASE("registry: a symbol listed twice is an error with both lines") {
  auto a = Auditor::build(rule_set(), "");
  REQUIRE(a.ok());
  auto r = a.value()->add_registry(
      {{.symbol = "05-CT/TW", .line = 2}, {.symbol = "5-CT/T\u01af", .line = 7}}, "r.csv");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 7);
  CHECK(r.error().message.find("line 2") != std::string::npos);
}

TEST_CASE("symbols compare in canonical form") {
  const Auditor& a = plain();
  const char* same[][2] = {
      {"05-CT/TW", "5-CT/TW"},
      {"05-CT/TW", "05-CT/T\u01af"},
      {"05-CT/TW", "05-CT/T.\u01af"},
      {"05-CT/TW", "05 - CT/TW"},
      {"08-Q\u0110i/TW", "08-Q\u0110I/TW"},
      {"30/2020/N\u0110-CP", "30/2020/n\u0111-cp"},
  };
  for (const auto& s : same) {
    INFO(s[0] << " vs " << s[1]);
    CHECK(a.key(s[0]) == a.key(s[1]));
  }
  CHECK(a.key("30/2020/N\u0110-CP") == a.key("30/2020/N\u00d0-CP"));
  CHECK(a.key("35-CT/TW") != a.key("36-CT/TW"));
  CHECK(a.key("35-CT/TW") != a.key("35-KL/TW"));
}

TEST_CASE("registry checks: missing once per symbol, mismatches per mention") {
  auto r = audit("Theo K\u1ebf ho\u1ea1ch s\u1ed1 99-KH/TU. Sau \u0111\u00f3 K\u1ebf ho\u1ea1ch s\u1ed1 99-KH/TU \u0111\u01b0\u1ee3c s\u01a1 k\u1ebft.",
                 with_registry());
  REQUIRE(r.codes == std::vector<std::string>{"citation.not_in_registry"});
  CHECK(r.x.findings[0].message.find("cited 2 times") != std::string::npos);
  r = audit("Theo Ch\u1ec9 th\u1ecb s\u1ed1 05-CT/TW ng\u00e0y 16/5/2016 c\u1ee7a Ban B\u00ed th\u01b0.", with_registry());
  REQUIRE(r.codes == std::vector<std::string>{"citation.registry_mismatch"});
  CHECK(r.x.findings[0].message.find("16/5/2016") != std::string::npos);
  CHECK(r.x.findings[0].message.find("2016-05-15") != std::string::npos);
  CHECK(r.x.findings[0].message.find("Ban B\u00ed th\u01b0") != std::string::npos);
}
