// output/html_text.h: escaping, and spans that nest, overlap, touch, fall outside the range,
// and blocks inserted inside them. Each row: the text, the range, the marks, the inserts, the
// html expected.
#include <catch2/catch.hpp>

#include "output/html_text.h"

using trich::html::Insert;
using trich::html::Mark;

namespace {

Mark m(size_t b, size_t e, const char* name, const char* cont = "") {
  return {b, e, std::string("<") + name + ">", cont, std::string("</") + name + ">"};
}

std::string render(std::string_view text, size_t from, size_t to, std::vector<Mark> marks,
                   std::vector<Insert> inserts = {}) {
  std::string out;
  trich::html::render(text, from, to, std::move(marks), std::move(inserts), out);
  return out;
}

}  // namespace

TEST_CASE("html escape: markup characters become references, controls U+FFFD") {
  using trich::html::escape;
  CHECK(escape("<script>a&b</script>") == "&lt;script&gt;a&amp;b&lt;/script&gt;");
  CHECK(escape("x=\"1\" y='2'") == "x=&quot;1&quot; y=&#39;2&#39;");
  CHECK(escape(std::string("a\0b\x01\x7f", 5)) == "a&#xFFFD;b&#xFFFD;&#xFFFD;");
  CHECK(escape("t\tn\nr\r") == "t\tn\nr\r");
  CHECK(escape("Nghị quyết") == "Nghị quyết");
  CHECK(escape("") == "");
}

TEST_CASE("html render: marks nest, split where they overlap, and every element closes") {
  struct Row {
    const char* name;
    std::string text;
    size_t from, to;
    std::vector<Mark> marks;
    std::vector<Insert> inserts;
    std::string want;
  };
  std::vector<Row> rows = {
      {"no marks, escaped", "a<b>&c", 0, 6, {}, {}, "a&lt;b&gt;&amp;c"},
      {"one mark", "abcdef", 0, 6, {m(1, 3, "i")}, {}, "a<i>bc</i>def"},
      {"nested: the outer first whatever the order given", "abcdef", 0, 6,
       {m(2, 3, "b"), m(1, 5, "i")}, {}, "a<i>b<b>c</b>de</i>f"},
      {"same start: the longer outside", "abcdef", 0, 6, {m(1, 3, "b"), m(1, 5, "i")}, {},
       "a<i><b>bc</b>de</i>f"},
      {"same span: the one given first outside", "abc", 0, 3, {m(0, 3, "i"), m(0, 3, "b")}, {},
       "<i><b>abc</b></i>"},
      {"overlap: the later one closes with the first and reopens with its cont tag", "abcdef",
       0, 6, {m(0, 3, "i"), {2, 5, "<b id=x>", "<b>", "</b>"}}, {},
       "<i>ab<b id=x>c</b></i><b>de</b>f"},
      {"touching spans stay apart", "abcd", 0, 4, {m(0, 2, "i"), m(2, 4, "b")}, {},
       "<i>ab</i><b>cd</b>"},
      {"empty and outside marks are left out", "abcd", 1, 3,
       {m(2, 2, "e"), m(3, 4, "o"), m(0, 2, "i")}, {}, "<i>b</i>c"},
      {"range clips a mark", "abcdef", 2, 4, {m(0, 6, "i")}, {}, "<i>cd</i>"},
      {"a block inside a mark closes and reopens it", "ab\ncd", 0, 5,
       {{0, 5, "<i id=x>", "<i>", "</i>"}}, {{3, "<p/>"}}, "<i id=x>ab\n</i><p/><i>cd</i>"},
      {"a block eats the line end when asked", "ab\ncd", 0, 5, {}, {{2, "<p/>", true}},
       "ab<p/>cd"},
      {"blocks at one point in the order given, at the ends too", "ab", 0, 2, {},
       {{2, "<2/>"}, {0, "<0/>"}, {2, "<3/>"}}, "<0/>ab<2/><3/>"},
      {"three-way overlap", "abcdefg", 0, 7,
       {m(0, 4, "a", "<a>"), m(2, 6, "b", "<b>"), m(3, 7, "c", "<c>")}, {},
       "<a>ab<b>c<c>d</c></b></a><b><c>ef</c></b><c>g</c>"},
      {"text in marks is escaped", "<x>", 0, 3, {m(1, 2, "i")}, {}, "&lt;<i>x</i>&gt;"},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    CHECK(render(r.text, r.from, r.to, r.marks, r.inserts) == r.want);
  }
}
