// Extraction over short texts with the built-in rules: the variants real documents write
// (issue 4), named citations and short forms, header numbers, dates, terms and priority
// lists. One CHECK per line; each helper summarizes one kind of a text's extraction as a
// string (see the helpers for the format). The sentences are written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "builtin_extractor.h"

using namespace trich;

namespace {

using test::extractor;
using test::opt;
using test::run;

// Citations with a symbol: "symbol type date" for each, joined by "; ".
std::string cites(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (!c.symbol) continue;
    out += (out.empty() ? "" : "; ") + *c.symbol + " " + opt(c.type) + " " + opt(c.date);
  }
  return out;
}

// The text of each citation with a symbol, joined by " | ".
std::string cite_texts(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (c.symbol) out += (out.empty() ? "" : " | ") + c.span.text;
  }
  return out;
}

// The issuer of each citation, joined by " | ".
std::string issuers(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) out += (out.empty() ? "" : " | ") + opt(c.issuer);
  return out;
}

// Named citations: "name [type] #number >refers_to @date" for each, joined by "; ".
std::string named(const std::string& text) {
  std::string out;
  for (const auto& c : run(text).citations) {
    if (c.symbol) continue;
    out += (out.empty() ? "" : "; ") + opt(c.name) + " [" + opt(c.type) + "]";
    if (c.number) out += " #" + *c.number;
    if (c.refers_to) out += " >" + *c.refers_to;
    if (c.date) out += " @" + *c.date;
  }
  return out;
}

// Dates of day or month precision, "value" or "value*" when inferred, joined by " ".
std::string dates(const std::string& text) {
  std::string out;
  for (const auto& d : run(text).dates) {
    if (d.precision == "year") continue;
    out += (out.empty() ? "" : " ") + d.value + (d.inferred ? "*" : "");
  }
  return out;
}

// Terms: "kind:ordinal" or "kind:from-to", joined by " ".
std::string terms(const std::string& text) {
  std::string out;
  for (const auto& t : run(text).terms) {
    out += (out.empty() ? "" : " ") + t.kind + ":" +
           (t.ordinal ? std::to_string(*t.ordinal)
                      : std::to_string(t.from.value_or(0)) + "-" + std::to_string(t.to.value_or(0)));
  }
  return out;
}

// Priority lists: "style:i,j,k" for each list, joined by " | ".
std::string lists(const std::string& text) {
  std::string out;
  for (const auto& l : run(text).priorities) {
    out += (out.empty() ? "" : " | ") + l.style + ":";
    for (size_t i = 0; i < l.items.size(); ++i) {
      out += (i ? "," : "") + std::to_string(l.items[i].index);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("citations: the variants of real documents") {
  CHECK(cites("theo Nghị định số\n01/2015/NĐ-CP của Chính phủ") == "01/2015/NĐ-CP Nghị định -");
  CHECK(cites("Căn cứ Nghị định số  01/2015/NĐ-CP  ngày 05 tháng 01 năm 2015;") == "01/2015/NĐ-CP Nghị định 2015-01-05");
  CHECK(cites("theo Nghị định 102/2017/N\xC3\x90-CP về đăng ký") == "102/2017/NĐ-CP Nghị định -");
  CHECK(cites("thực hiện Chỉ thị 05-CT/TƯ của Ban Bí thư") == "05-CT/TƯ Chỉ thị -");
  CHECK(cites("quán triệt Chỉ thị số 16-CT/T.Ư ngày 8/10/2002") == "16-CT/T.Ư Chỉ thị 2002-10-08");
  CHECK(cites("Tỉnh ủy ban hành chỉ thị 42-CT/TƯ về phòng dịch") == "42-CT/TƯ Chỉ thị -");
  CHECK(cites("trả lời tại công văn số 2231/TCHQ-GSQL hôm qua") == "2231/TCHQ-GSQL Công văn -");
  CHECK(cites("theo Quyết định số31-QĐ/TW của Bộ Chính trị") == "31-QĐ/TW Quyết định -");
  CHECK(cites("thực hiện Chỉ thị 05- CT/TW về học tập") == "05-CT/TW Chỉ thị -");
  CHECK(cites("Luật Đầu tư số 61/2020 / QH14 quy định") == "61/2020/QH14 Luật -");
  CHECK(cites("tại Nghị quyết 19- 2017/NQ-CP về cải thiện") == "19-2017/NQ-CP Nghị quyết -");
  CHECK(cites("Nghị quyết 27/NQ-TW năm 2018 về cải cách tiền lương") == "27/NQ-TW Nghị quyết -");
  CHECK(cites("ban hành Quyết định số 99/QĐ-TW về tổ chức") == "99/QĐ-TW Quyết định -");
  CHECK(cites("thi hành Nghị định số 64/CP ngày 27/9/1993") == "64/CP Nghị định 1993-09-27");
  CHECK(cites("bãi bỏ Nghị định 61-CP ngày 5-7-1994 của Chính phủ") == "61-CP Nghị định 1994-07-05");
  CHECK(cites("Nghị quyết số 351/2017/UBTVQH14 ngày 14/3/2017") == "351/2017/UBTVQH14 Nghị quyết 2017-03-14");
  CHECK(cites("Nghị quyết số 35/2021/QH 15 về phân bổ") == "35/2021/QH15 Nghị quyết -");
  CHECK(cites("Văn bản hợp nhất số 11/VBHN-VPQH của Văn phòng Quốc hội") == "11/VBHN-VPQH Văn bản hợp nhất -");
  CHECK(cites("Tờ trình số 918/SNNPTNT-KHTC về dự toán") == "918/SNNPTNT-KHTC Tờ trình -");
}

TEST_CASE("citations: lists after one type word") {
  CHECK(cites("Thông tư 128/2013/TT-BTC, Thông tư 13/2014/TT-BTC") == "128/2013/TT-BTC Thông tư -; 13/2014/TT-BTC Thông tư -");
  CHECK(cites("các Thông tư số 39/2018/TT-BTC, 38/2015/TT-BTC và 50/2018/TT-BTC") == "39/2018/TT-BTC Thông tư -; 38/2015/TT-BTC Thông tư -; 50/2018/TT-BTC Thông tư -");
  CHECK(cites("các Luật số 45/2013/QH13, 54/2014/QH13") == "45/2013/QH13 Luật -; 54/2014/QH13 Luật -");
  CHECK(cites("Nghị định 15/2018/NĐ-CP, 01/2019/TT-BNN") == "15/2018/NĐ-CP Nghị định -; 01/2019/TT-BNN Thông tư -");
}

TEST_CASE("citations: issue dates and issuers") {
  CHECK(cites("Kết luận số 36-KL/TW, ngày 4.7.2007 của Ban Bí thư") == "36-KL/TW Kết luận 2007-07-04");
  CHECK(cites("Chỉ thị 04-CT/TW của Ban Bí thư ngày 2/6/2021 về thu hồi tài sản") == "04-CT/TW Chỉ thị 2021-06-02");
  CHECK(cites("Nghị định số 30/2020/NĐ-CP ngày 30-5-2020") == "30/2020/NĐ-CP Nghị định 2020-05-30");
  CHECK(cites("Số: 12/2024/TT-BTC\nHà Nội, ngày 1 tháng 3 năm 2024") == "12/2024/TT-BTC Thông tư -");
  CHECK(issuers("Quyết định số 77/QĐ-UBND ngày 3/4/2023 của Ủy ban nhân dân tỉnh Bắc Giang về") == "Ủy ban nhân dân tỉnh Bắc Giang");
  CHECK(issuers("Thông tư số 09/2019/TT-BXD của Bộ trưởng Bộ Xây dựng hướng dẫn") == "Bộ Xây dựng");
  CHECK(issuers("Nghị quyết số 33-NQ/TW của Ban Chấp hành Trung ương khóa XI về văn hóa") == "Ban Chấp hành Trung ương");
  CHECK(cite_texts("Nghị quyết số 33-NQ/TW của Ban Chấp hành Trung ương khóa XI về văn hóa") == "Nghị quyết số 33-NQ/TW của Ban Chấp hành Trung ương khóa XI");
}

TEST_CASE("citations: header numbers take the type the header names") {
  CHECK(cites("Số: 31/2022/TT-BTC\nHà Nội, ngày 8 tháng 6 năm 2022") == "31/2022/TT-BTC Thông tư -");
  CHECK(cites("ĐẢNG ỦY KHỐI\nSố 47-BC/ĐU\nBÁO CÁO") == "47-BC/ĐU Báo cáo -");
  CHECK(cites("Số: 21/2019/QH14\nHà Nội, ngày 12 tháng 11 năm 2019\nLUẬT\nQUẢN LÝ THUẾ") == "21/2019/QH14 - -");
  CHECK(cites("Số: 21/2019/QH14 Hà Nội, ngày 12 tháng 11 năm 2019\nLUẬT QUẢN LÝ THUẾ") == "21/2019/QH14 Luật -");
  CHECK(cites("Số: 4512/BTC-TCT\nV/v hướng dẫn chính sách thuế") == "4512/BTC-TCT Công văn -");
  CHECK(cites("Luật số:\n14/2022/QH15") == "14/2022/QH15 Luật -");
}

TEST_CASE("citations: what is no citation") {
  CHECK(cites("kê khai theo Mẫu số 01/ĐK ban hành kèm theo") == "");
  CHECK(cites("theo mẫu số 02/TBXĐ-2019 tại Phụ lục") == "");
  CHECK(cites("Căn cứ Nghị định số …/2024/NĐ-CP ngày … tháng … năm 2024") == "");
  CHECK(cites("Căn cứ Thông tư số ......./2023/TT-BTC") == "");
  CHECK(cites("bản đồ tỷ lệ 1/500, phòng 12/3, lớp 8/2") == "");
  CHECK(cites("ca mắc COVID-19 và tàu cá BĐ 93127-TS") == "");
}

TEST_CASE("named citations") {
  CHECK(named("quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng") == "Nghị quyết Trung ương 4 khóa XII [Nghị quyết]");
  CHECK(named("gắn với Nghị quyết Trung ương 4 (khóa XII) của Đảng") == "Nghị quyết Trung ương 4 (khóa XII) [Nghị quyết]");
  CHECK(named("thực hiện Nghị quyết Đại hội XIII của Đảng") == "Nghị quyết Đại hội XIII [Nghị quyết]");
  CHECK(named("đưa Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX vào cuộc sống") == "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX [Nghị quyết]");
  CHECK(named("doanh nghiệp thành lập theo Luật Doanh nghiệp 2014,") == "Luật Doanh nghiệp 2014 [Luật]");
  CHECK(named("quyền con người được Hiến pháp năm 2013 ghi nhận") == "Hiến pháp năm 2013 [Hiến pháp]");
  CHECK(named("hành vi này bị xử lý theo Bộ luật Hình sự.") == "Bộ luật Hình sự [Bộ luật]");
  CHECK(named("so với Bộ luật hình sự năm 1999 thì") == "Bộ luật hình sự năm 1999 [Bộ luật]");
  CHECK(named("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;") == "Luật Tổ chức chính quyền địa phương [Luật] @2015-06-19");
  CHECK(named("Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018;") == "Luật Phòng, chống tham nhũng [Luật] @2018-11-20");
  CHECK(named("Luật Đất đai và Luật Nhà ở đều quy định") == "Luật Đất đai [Luật]; Luật Nhà ở [Luật]");
  CHECK(named("theo Luật Quy hoạch đô thị và các văn bản hướng dẫn") == "Luật Quy hoạch đô thị [Luật]");
  CHECK(named("Luật Thủy sản sửa đổi 2017 quy định") == "Luật Thủy sản sửa đổi 2017 [Luật]");
  CHECK(named("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Quản lý thuế và Luật Hải quan;") == "Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Quản lý thuế và Luật Hải quan [Luật]");
  CHECK(named("Nghị quyết Trung ương 7 khóa XIVI") == "Nghị quyết Trung ương 7 [Nghị quyết]");
}

TEST_CASE("named citations: a title before its symbol is the symbol's citation") {
  CHECK(named("Luật Đất đai số 45/2013/QH13 quy định") == "");
  CHECK(cites("Luật Đất đai số 45/2013/QH13 quy định") == "45/2013/QH13 Luật -");
  CHECK(cite_texts("Căn cứ Luật Bảo hiểm xã hội số 58/2014/QH13;") == "Luật Bảo hiểm xã hội số 58/2014/QH13");
  CHECK(cite_texts("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;") == "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13");
  CHECK(named("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13;") == "");
  CHECK(named("Căn cứ Luật quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp;") == "Luật quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp [Luật]");
  CHECK(cites("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư số 61/2020/QH14 và Luật Thuế số 12/2021/QH15 ngày 1 tháng 7 năm 2022") == "61/2020/QH14 Luật -; 12/2021/QH15 Luật -");
  CHECK(named("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư số 61/2020/QH14 và Luật Thuế số 12/2021/QH15 ngày 1 tháng 7 năm 2022") == "Luật sửa đổi, bổ sung một số điều của Luật Đầu tư số 61/2020/QH14 và Luật Thuế số 12/2021/QH15 [Luật] @2022-07-01");
  CHECK(cites("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư số 61/2020/QH14 ngày 17 tháng 6 năm 2020") == "61/2020/QH14 Luật 2020-06-17");
}

TEST_CASE("named citations: what is not one") {
  CHECK(named("các nghị quyết của Trung ương đã chỉ rõ") == "");
  CHECK(named("Nghị định này có hiệu lực từ ngày ký") == "");
  CHECK(named("Luật này áp dụng đối với văn bản này") == "");
  CHECK(named("tuân thủ Hiến pháp và pháp luật") == "");
  CHECK(named("LUẬT ĐẤT ĐAI") == "");
  CHECK(named("hai năm đưa nghị quyết đại hội vào cuộc sống") == "");
  CHECK(named("Nghị quyết Đại hội và Văn kiện Đại hội") == "");
}

TEST_CASE("short forms refer to the full citation before them") {
  CHECK(named("Chỉ thị số 35-CT/TW ngày 30/5/2019. Thực hiện Chỉ thị 35, chúng tôi") == "Chỉ thị 35 [Chỉ thị] #35 >35-CT/TW");
  CHECK(named("Chỉ thị số 05-CT/TW. Sau một năm thực hiện Chỉ thị số 05") == "Chỉ thị số 05 [Chỉ thị] #05 >05-CT/TW");
  CHECK(named("Nghị định 30/2020/NĐ-CP về văn thư; Nghị định 30 quy định") == "Nghị định 30 [Nghị định] #30 >30/2020/NĐ-CP");
  CHECK(named("Quy định 105-QĐ/TW về cán bộ. Theo Quy định số 105 của Bộ Chính trị") == "Quy định số 105 [Quy định] #105 >105-QĐ/TW");
  CHECK(named("lợi dụng Quyết định 33 để tách thửa") == "Quyết định 33 [Quyết định] #33");
  CHECK(named("Chỉ thị 35 ra đời trước Chỉ thị số 35-CT/TW") == "Chỉ thị 35 [Chỉ thị] #35");
  CHECK(named("Nghị định 30/2020/NĐ-CP. Chỉ thị 30 nêu rõ") == "Chỉ thị 30 [Chỉ thị] #30");
  CHECK(named("kế hoạch 5 năm, Báo cáo 6 tháng, quy định 31 tội danh, Kế hoạch 2021") == "");
}

TEST_CASE("dates: spellings and ranges") {
  CHECK(dates("ngày 30.5.2019 và ngày 30-5-2019") == "2019-05-30 2019-05-30");
  CHECK(dates("vào tháng 7-2020 và tháng 7 năm 2020") == "2020-07 2020-07");
  CHECK(dates("kỷ niệm (14/6/1957-14/6/2017) trọng thể") == "1957-06-14 2017-06-14");
  CHECK(dates("diễn ra từ ngày 20 đến 28/1/2016") == "2016-01-20* 2016-01-28");
  CHECK(dates("tuần từ 6-10/2/2017") == "2017-02-06* 2017-02-10");
  CHECK(dates("Từ ngày 18 tháng 10 đến ngày 29 tháng 11 năm 2011") == "2011-10-18* 2011-11-29");
  CHECK(dates("trong hai tháng 4-5/2017") == "2017-04* 2017-05");
  CHECK(dates("6/1970-12/1979: công tác tại Bộ") == "1970-06 1979-12");
  CHECK(dates("tỷ lệ 1/500, ngày 30/4, 31/6/2023, phiên bản 2.10.3") == "");
}

TEST_CASE("terms: khóa, đại hội, periods") {
  CHECK(terms("Ban Chấp hành Trung ương khóa XII và khoá XIII") == "khoa:12 khoa:13");
  CHECK(terms("Quốc hội khóa 15 và khóa XIVI") == "khoa:15");
  CHECK(terms("khóa học kỹ năng") == "");
  CHECK(terms("Nghị quyết Đại hội 14 của Đảng") == "dai_hoi:14");
  CHECK(terms("Đại hội XIII, nhiệm kỳ 2020 - 2025") == "dai_hoi:13 nhiem_ky:2020-2025");
}

TEST_CASE("priorities: markers real text writes") {
  CHECK(lists("Thứ nhất, tăng trưởng. Thứ hai là, kỷ cương. Thứ ba là đổi mới.") == "thu:1,2,3");
  CHECK(lists("Lý do thứ nhất là giá rẻ. Thứ hai, hạ tầng tốt. Thứ ba, quy hoạch. Thứ tư là đầu cơ.") == "thu:2,3,4");
  CHECK(lists("Thứ nhất, thể chế. Kết quả cụ thể Thứ hai là con người. Thứ ba phải coi dân là gốc.") == "thu:1,2,3");
  CHECK(lists("Một là, kiên định. Hai là, đổi mới.\nThứ nhất, sửa luật. Thứ hai, thi hành.") == "la:1,2 | thu:1,2");
  CHECK(lists("Thứ nhất, A. Thứ hai, B. Thứ ba, C. Thứ hai, sau đó là D.") == "thu:1,2,3 | thu:2");
  CHECK(lists("đảng viên Một là, giữ gìn. Hai là, tu dưỡng.") == "la:1,2");
  CHECK(lists("Hai là bạn của tôi. Thứ ba phải đi học. Thứ Hai, ngày 14/10/2024 họp.") == "");
  CHECK(lists("vòng 1 Thứ ba, 03/02/2026 lúc 18:30 và vòng 2 Thứ tư, 04/02/2026") == "");
  CHECK(lists("Thứ Năm tới, đội bóng sẽ thi đấu; lần thứ hai, người thứ ba") == "");
}

TEST_CASE("priorities: a list does not run over more than 64 KiB of other text") {
  std::string filler;
  while (filler.size() < 64 * 1024) filler += "Các cấp ủy tiếp tục lãnh đạo thực hiện nhiệm vụ.\n";
  std::string text = "Thứ nhất, tăng trưởng.\nThứ hai, kỷ cương.\n";
  CHECK(lists(text + "Vài dòng khác.\nThứ ba, đổi mới.\n") == "thu:1,2,3");
  CHECK(lists(text + filler + "Thứ ba, đổi mới.\n") == "thu:1,2 | thu:3");
}
