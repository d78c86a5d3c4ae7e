#include <catch2/catch.hpp>

#include "text/offset_map.h"

using trich::OffsetMap;

TEST_CASE("an empty map is the identity plus its shift") {
  OffsetMap id;
  CHECK(id.identity());
  CHECK(id(0) == 0);
  CHECK(id(17) == 17);
  OffsetMap bom(3);
  CHECK_FALSE(bom.identity());
  CHECK(bom(0) == 3);
  CHECK(bom(10) == 13);
}

TEST_CASE("anchors map both ends of a unit whose length changed") {
  // "a" + NBSP (2 bytes in, 1 out) + "b": out "a b", in "a\xC2\xA0b".
  OffsetMap m;
  m.add(1, 1);
  m.add(2, 3);
  struct { size_t out, in; } cases[] = {{0, 0}, {1, 1}, {2, 3}, {3, 4}};
  for (auto c : cases) {
    INFO("out " << c.out);
    CHECK(m(c.out) == c.in);
  }
  CHECK(m.anchors() == 1);  // (1,1) is in step with the identity and needs no anchor
}

TEST_CASE("anchors in step with the current run are not stored") {
  OffsetMap m(2);
  m.add(0, 2);
  m.add(5, 7);
  CHECK(m.anchors() == 0);
  m.add(6, 10);
  CHECK(m.anchors() == 1);
  CHECK(m(6) == 10);
  CHECK(m(8) == 12);
}
