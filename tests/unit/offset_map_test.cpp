// OffsetMap: anchors in step and out of step, and units recorded with add_unit, whose inside
// maps to their start (or with ceil to their end).
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
    CHECK(m.ceil(c.out) == c.in);
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

TEST_CASE("inside a unit: its start, or with ceil its end") {
  // "x", then U+FB2C (3 bytes) that became three code points (6 bytes), then "y".
  OffsetMap m;
  m.add_unit(1, 1, 6, 3);
  struct { size_t out, floor, ceil; } cases[] = {
      {0, 0, 0}, {1, 1, 1}, {2, 1, 4}, {3, 1, 4}, {5, 1, 4}, {6, 1, 4}, {7, 4, 4}, {8, 5, 5}};
  for (auto c : cases) {
    INFO("out " << c.out);
    CHECK(m(c.out) == c.floor);
    CHECK(m.ceil(c.out) == c.ceil);
  }
  // A unit in step (two marks reordered) is a unit all the same; one right after another.
  OffsetMap r;
  r.add_unit(2, 2, 4, 4);
  r.add_unit(6, 6, 2, 3);
  struct { size_t out, floor, ceil; } reordered[] = {
      {2, 2, 2}, {4, 2, 6}, {6, 6, 6}, {7, 6, 9}, {8, 9, 9}, {10, 11, 11}};
  for (auto c : reordered) {
    INFO("out " << c.out);
    CHECK(r(c.out) == c.floor);
    CHECK(r.ceil(c.out) == c.ceil);
  }
}
