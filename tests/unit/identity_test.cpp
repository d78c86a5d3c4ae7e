// Document identity (extract/identity.h) and citation relations (extract/relations.h) over
// short texts with the built-in rules. Each helper summarizes one reading as a string; one
// CHECK per line. The headers and sentences are written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "builtin_extractor.h"
#include "extract/identity.h"

using namespace trich;

namespace {

using test::extractor;
using test::opt;
using test::run;

// "symbol | type | date | place | issuer | title" of a text's self.
std::string self(const std::string& text) {
  auto x = run(text);
  if (!x.self) return "none";
  const auto& s = *x.self;
  return opt(s.symbol) + " | " + opt(s.type) + " | " + opt(s.date) + " | " + opt(s.place) +
         " | " + opt(s.issuer) + " | " + opt(s.title);
}

// The texts of the citations marked self, joined by " + ".
std::string self_marked(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (c.self) out += (out.empty() ? "" : " + ") + c.span.text;
  }
  return out.empty() ? "none" : out;
}

// "symbol-or-name=relation" of each citation, joined by "; ".
std::string relations(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    out += (out.empty() ? "" : "; ") + (c.symbol ? *c.symbol : opt(c.name)) + "=" + c.relation;
  }
  return out;
}

}  // namespace

TEST_CASE("self: the header of a decree") {
  std::string h =
      "CHÍNH PHỦ\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 88/2023/NĐ-CP\nHà Nội, ngày 12 tháng 3 năm 2023\n"
      "NGHỊ ĐỊNH\nQUY ĐỊNH VỀ QUẢN LÝ KHO LƯU TRỮ ĐIỆN TỬ\n"
      "Căn cứ Luật Lưu trữ số 33/2024/QH15;\n";
  CHECK(self(h) ==
        "88/2023/NĐ-CP | Nghị định | 2023-03-12 | Hà Nội | CHÍNH PHỦ | QUY ĐỊNH VỀ QUẢN LÝ KHO "
        "LƯU TRỮ ĐIỆN TỬ");
  CHECK(self_marked(h) == "Số: 88/2023/NĐ-CP");
}

TEST_CASE("self: header forms") {
  // The number alone on the line after its label, the place on the symbol's line.
  CHECK(self("UỶ BAN NHÂN DÂN TỈNH AN GIANG ----- CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:\n"
             "215/KH-UBND Long Xuyên, ngày 7 tháng 10 năm 2022 KẾ HOẠCH TRIỂN KHAI CÔNG TÁC "
             "DÂN VẬN NĂM 2023\nThực hiện Chỉ thị số 12-CT/TU của Tỉnh ủy;") ==
        "215/KH-UBND | Kế hoạch | 2022-10-07 | Long Xuyên | UỶ BAN NHÂN DÂN TỈNH AN GIANG | "
        "TRIỂN KHAI CÔNG TÁC DÂN VẬN NĂM 2023");
  // A letter: its title after "V/v", to the end of the line.
  CHECK(self("BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Số: 4021/BXD-KTXD V/v hướng dẫn định mức chi phí quản lý dự án\n"
             "Hà Nội, ngày 02 tháng 8 năm 2021 Kính gửi: Sở Xây dựng các tỉnh.\n") ==
        "4021/BXD-KTXD | Công văn | 2021-08-02 | Hà Nội | BỘ XÂY DỰNG | hướng dẫn định mức chi "
        "phí quản lý dự án");
  // A crawled copy's title line gives the number when no label does.
  CHECK(self("Thông tư 17/2022/TT-BYT\nHướng dẫn về khám sức khỏe định kỳ.\n") ==
        "17/2022/TT-BYT | Thông tư | - | - | - | -");
  // With both, the label's number is the one marked, not the title line's.
  CHECK(self_marked("Thông tư 17/2022/TT-BYT\nBỘ Y TẾ\nSố: 17/2022/TT-BYT\n") ==
        "Số: 17/2022/TT-BYT");
  // A law without a number: its type heading and title.
  CHECK(self("LUẬT\nTHƯ VIỆN\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n") ==
        "- | Luật | - | - | - | THƯ VIỆN");
}

TEST_CASE("self: what is not a document's own number") {
  // A number cited in the body, a label far from the header, prose.
  CHECK(self_marked("Báo cáo tình hình\nThực hiện Nghị định số 30/2020/NĐ-CP, các đơn vị ...") ==
        "none");
  CHECK(self("Tin tức ngày 5/6: nhiều địa phương triển khai Chỉ thị 05-CT/TW.") ==
        "- | - | - | - | - | -");
  std::string far(4000, ' ');
  CHECK(self_marked("Tin tức" + far + "\nSố: 12/2021/NĐ-CP\n") == "none");
}

TEST_CASE("relations: cue words of the clause") {
  CHECK(relations("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;") ==
        "30/2020/NĐ-CP=basis");
  CHECK(relations("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Tỉnh ủy ban hành") ==
        "05-CT/TW=implements");
  CHECK(relations("Quán triệt Nghị quyết số 18-NQ/TW;\nTriển khai Kế hoạch số 07-KH/TU;") ==
        "18-NQ/TW=implements; 07-KH/TU=implements");
  CHECK(relations("Thông tư này sửa đổi, bổ sung một số điều của Thông tư số 12/2019/TT-BTC.") ==
        "12/2019/TT-BTC=amends");
  CHECK(relations("Nghị định này thay thế Nghị định số 15/2018/NĐ-CP.") ==
        "15/2018/NĐ-CP=replaces");
  CHECK(relations("Bãi bỏ Quyết định số 21/2016/QĐ-TTg.") == "21/2016/QĐ-TTg=repeals");
  CHECK(relations("Thông tư số 08/2016/TT-BTC hết hiệu lực kể từ ngày này.") ==
        "08/2016/TT-BTC=mention");
  CHECK(relations("Các văn bản sau hết hiệu lực: Thông tư số 08/2016/TT-BTC.") ==
        "08/2016/TT-BTC=repeals");
  CHECK(relations("Thông tư này hướng dẫn thực hiện Nghị định số 45/2020/NĐ-CP.") ==
        "45/2020/NĐ-CP=guides");
  CHECK(relations("Nghị định này quy định chi tiết Luật Đầu tư số 61/2020/QH14.") ==
        "61/2020/QH14=guides");
  CHECK(relations("Theo Báo cáo số 12/BC-UBND, tình hình ổn định.") == "12/BC-UBND=mention");
}

TEST_CASE("relations: clauses and their leads") {
  // Each clause has its own cue; a cue of an earlier clause does not reach past ";".
  CHECK(relations("Căn cứ Luật Đầu tư số 61/2020/QH14; Xét đề nghị tại Tờ trình số "
                  "45/TTr-SKHĐT.") == "61/2020/QH14=basis; 45/TTr-SKHĐT=mention");
  // A line ending with ":" leads the lines after it.
  CHECK(relations("Bãi bỏ các văn bản sau:\na) Thông tư số 40/2015/TT-BTC;\nb) Thông tư số "
                  "41/2015/TT-BTC.") == "40/2015/TT-BTC=repeals; 41/2015/TT-BTC=repeals");
  // Passive: the cited document replaces the citing one.
  CHECK(relations("Quyết định này được thay thế bởi Quyết định số 09/2022/QĐ-UBND.") ==
        "09/2022/QĐ-UBND=mention");
  // A cue inside an amending law's own title is no cue for what follows it.
  CHECK(relations("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 20/6/2022 và "
                  "Nghị định số 43/2014/NĐ-CP;").find("43/2014/NĐ-CP=basis") != std::string::npos);
}

namespace {

// "symbol-or-name: pinpoint text [article/clause/point/section numbers]" of each citation
// with a pinpoint, joined by "; ".
std::string pinpoints(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (!c.pinpoint) continue;
    const auto& p = *c.pinpoint;
    auto n = [](const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; };
    out += (out.empty() ? "" : "; ") + (c.symbol ? *c.symbol : opt(c.name)) + ": " +
           p.span.text + " [" + opt(p.article) + "/" + opt(p.clause) + "/" + opt(p.point) + "/" +
           opt(p.section) + " " + n(p.article_number) + "/" + n(p.clause_number) + "/" +
           n(p.section_number) + "]";
  }
  return out.empty() ? "none" : out;
}

// "name>symbol" or "name->refers_to" of each citation with a name, joined by "; ".
std::string names(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (!c.name) continue;
    out += (out.empty() ? "" : "; ") + *c.name +
           (c.symbol ? ">" + *c.symbol : c.refers_to ? "->" + *c.refers_to : "");
  }
  return out;
}

}  // namespace

TEST_CASE("pinpoints: before and after the citation they qualify") {
  CHECK(pinpoints("theo điểm a khoản 2 Điều 5 Nghị định số 30/2020/NĐ-CP ngày 5/3/2020") ==
        "30/2020/NĐ-CP: điểm a khoản 2 Điều 5 [5/2/a/- 5/2/-]");
  CHECK(pinpoints("quy định tại khoản 3 Điều 12 của Luật Đầu tư số 61/2020/QH14") ==
        "61/2020/QH14: khoản 3 Điều 12 [12/3/-/- 12/3/-]");
  CHECK(pinpoints("áp dụng Điều 5, Điều 6 Thông tư số 12/2019/TT-BTC") ==
        "12/2019/TT-BTC: Điều 5, Điều 6 [5, 6/-/-/- 5/-/-]");
  CHECK(pinpoints("điểm b và c khoản 2 Điều 9a Nghị định số 15/2018/NĐ-CP") ==
        "15/2018/NĐ-CP: điểm b và c khoản 2 Điều 9a [9a/2/b, c/- 9/2/-]");
  CHECK(pinpoints("Thực hiện Mục II Kế hoạch số 12-KH/TU của Tỉnh ủy") ==
        "12-KH/TU: Mục II [-/-/-/II -/-/2]");
  CHECK(pinpoints("Nghị định số 30/2020/NĐ-CP, Điều 8 quy định rõ") ==
        "30/2020/NĐ-CP: Điều 8 [8/-/-/- 8/-/-]");
  CHECK(pinpoints("khoản 1 Điều 3 Luật Thư viện quy định") ==
        "Luật Thư viện: khoản 1 Điều 3 [3/1/-/- 3/1/-]");
}

TEST_CASE("pinpoints: what qualifies no citation") {
  CHECK(pinpoints("Điều 5. Nghị định số 30/2020/NĐ-CP quy định") == "none");
  CHECK(pinpoints("Nghị định số 30/2020/NĐ-CP\nĐiều 1. Phạm vi điều chỉnh") == "none");
  CHECK(pinpoints("các điều kiện của Nghị định số 30/2020/NĐ-CP") == "none");
  CHECK(pinpoints("Điều 5 quy định rằng Nghị định số 30/2020/NĐ-CP") == "none");
}

TEST_CASE("names to symbols: a title with its symbol, then the title alone") {
  CHECK(names("Căn cứ Luật Đất đai số 31/2024/QH15; ... theo Luật Đất đai thì") ==
        "Luật Đất đai>31/2024/QH15; Luật Đất đai->31/2024/QH15");
  // Case and blanks do not matter; another title does not refer.
  CHECK(names("Luật Nhà ở số 27/2023/QH15 và Luật  nhà ở, Luật Đất đai") ==
        "Luật Nhà ở>27/2023/QH15; Luật nhà ở->27/2023/QH15; Luật Đất đai");
  // Only what came before: a title before its symbol is stated refers to nothing.
  CHECK(names("Luật Đất đai quy định ... Luật Đất đai số 31/2024/QH15") ==
        "Luật Đất đai; Luật Đất đai>31/2024/QH15");
}

TEST_CASE("self: the header region ends at a line break after kHeaderBytes, or kHeaderBytes later") {
  std::string one_line;  // multibyte letters, so the bound can fall inside a character
  while (one_line.size() < 5 * kHeaderBytes) one_line += "Nghị quyết số 04 ";
  std::string lines = std::string(kHeaderBytes + 10, 'a') + "\n" + std::string(kHeaderBytes, 'b');
  std::string late = std::string(3 * kHeaderBytes, 'a') + "\nb";
  CHECK(header_end(std::string(100, 'a')) == 100);
  CHECK(header_end(lines) == kHeaderBytes + 10);
  CHECK(header_end(late) == 2 * kHeaderBytes);
  size_t e = header_end(one_line);
  CHECK(e <= 2 * kHeaderBytes);
  CHECK(e + 4 > 2 * kHeaderBytes);
  CHECK((static_cast<unsigned char>(one_line[e]) & 0xC0) != 0x80);
}
