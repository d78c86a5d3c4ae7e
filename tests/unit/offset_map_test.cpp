// OffsetMap: in-step stretches, units (start inside, end with ceil), the UTF-16 ratio, and
// the compact coding checked against a plain list of units, in and out of order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "base/offset_map.h"

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
  OffsetMap utf16(2, 2);
  CHECK(utf16(0) == 2);
  CHECK(utf16(5) == 12);
}

TEST_CASE("a unit whose length changed maps both ends; inside, its start or with ceil its end") {
  // "a" + NBSP (2 bytes in, 1 out) + "b": out "a b", in "a\xC2\xA0b".
  OffsetMap m;
  m.add(1, 1);
  m.add(2, 3);
  CHECK(m.units() == 1);  // (1,1) is in step with the identity: only the NBSP is a unit
  struct { size_t out, in; } cases[] = {{0, 0}, {1, 1}, {2, 3}, {3, 4}};
  for (auto c : cases) {
    INFO("out " << c.out);
    CHECK(m(c.out) == c.in);
    CHECK(m.ceil(c.out) == c.in);
  }
  // U+FB2C (3 bytes) became three code points (6 bytes) at offset 1.
  OffsetMap fb;
  fb.add(1, 1);
  fb.add(7, 4);
  struct { size_t out, floor, ceil; } inside[] = {
      {1, 1, 1}, {2, 1, 4}, {3, 1, 4}, {4, 1, 4}, {6, 1, 4}, {7, 4, 4}, {9, 6, 6}};
  for (auto c : inside) {
    INFO("out " << c.out);
    CHECK(fb(c.out) == c.floor);
    CHECK(fb.ceil(c.out) == c.ceil);
  }
}

TEST_CASE("points in step with the current run are not stored") {
  OffsetMap m(2);
  m.add(0, 2);
  m.add(5, 7);
  CHECK(m.units() == 0);
  m.add(6, 10);
  CHECK(m.units() == 1);
  CHECK(m(6) == 10);
  CHECK(m(8) == 12);
}

TEST_CASE("add_unit keeps a change in step as one unit") {
  OffsetMap m;
  m.add_unit(2, 2, 4, 4);  // two marks reordered: their inner boundary is not the source's
  CHECK(m.units() == 1);
  CHECK(m(2) == 2);
  CHECK(m(4) == 2);
  CHECK(m.ceil(4) == 6);
  CHECK(m(6) == 6);
  CHECK(m(10) == 10);
}

TEST_CASE("UTF-16: ASCII in step at two bytes, other characters as units") {
  // BOM, "a", U+1EC7 (3 UTF-8 bytes, 2 UTF-16 bytes), "b", U+1D160 (4 and 4).
  OffsetMap m(2, 2);
  m.add(1, 4);
  m.add(4, 6);
  m.add(5, 8);
  m.add(9, 12);
  struct { size_t out, in; } cases[] = {{0, 2}, {1, 4}, {4, 6}, {5, 8}, {9, 12}, {10, 14}};
  for (auto c : cases) {
    INFO("out " << c.out);
    CHECK(m(c.out) == c.in);
  }
  CHECK(m.units() == 2);
}

TEST_CASE("a later point for the same offset wins") {
  OffsetMap m;
  m.add(0, 3);  // three source bytes made nothing (a byte-order mark)
  CHECK(m(0) == 3);
  CHECK(m(4) == 7);
}

namespace {

// The plain model: every unit as it was recorded.
struct Unit {
  size_t out, in, out_len, in_len;
};

size_t model(const std::vector<Unit>& units, unsigned ratio, size_t shift, size_t out, bool up) {
  auto it = std::upper_bound(units.begin(), units.end(), out,
                             [](size_t o, const Unit& u) { return o < u.out; });
  if (it == units.begin()) return shift + ratio * out;
  const Unit& u = *--it;
  if (out < u.out + u.out_len) return out == u.out || !up ? u.in : u.in + u.in_len;
  return u.in + u.in_len + ratio * (out - u.out - u.out_len);
}

}  // namespace

TEST_CASE("the coded map agrees with the plain list of units") {
  std::mt19937_64 rng(20261126);
  for (int round = 0; round < 200; ++round) {
    unsigned ratio = round % 3 == 2 ? 2 : 1;
    size_t shift = round % 5 == 0 ? 3 : 0;
    OffsetMap m(shift, ratio);
    std::vector<Unit> units;
    size_t out = 0, in = shift;
    size_t n = round < 20 ? 5000 : 300;  // the long ones cross many checkpoints
    for (size_t k = 0; k < n; ++k) {
      // An in-step gap: mostly short, now and then long (the escapes).
      size_t r = rng() % 100;
      size_t gap = r < 40 ? 0 : r < 85 ? rng() % 7 : r < 95 ? 7 + rng() % 7 : rng() % 100000;
      out += gap;
      in += ratio * gap;
      // A unit: mostly one of two shapes, which change from stretch to stretch (so blocks
      // start with other shapes and splits); now and then another, empty on one side, or long.
      size_t ol, il;
      r = rng() % 100;
      size_t phase = k / 1500 % 3;
      size_t common = phase == 2 ? 90 : 50;
      if (r < common) {
        ol = 2, il = phase == 1 ? 3 : 1;
      } else if (r < 85) {
        ol = 3, il = phase == 1 ? 1 : 4;
      } else if (r < 92) {
        ol = rng() % 5, il = rng() % 5;
      } else if (r < 96) {
        ol = 0, il = 1 + rng() % 3;
      } else {
        ol = rng() % 1000, il = rng() % 300;
      }
      if (ol * ratio == il) {
        m.add_unit(out, in, ol, il);
      } else {
        m.add(out, in);
        m.add(out + ol, in + il);
      }
      if (ol || il) units.push_back({out, in, ol, il});
      out += ol;
      in += il;
    }
    size_t end = out + 20;
    INFO("round " << round);
    std::vector<size_t> probes;
    for (const auto& u : units) {  // both ends of each unit and their neighbours
      size_t e = u.out + u.out_len;
      for (size_t o : {u.out, u.out + 1, e > 0 ? e - 1 : 0, e, e + 1}) probes.push_back(o);
    }
    for (size_t o : probes) {  // in order, mostly
      if (o > end) continue;
      INFO("out " << o);
      REQUIRE(m(o) == model(units, ratio, shift, o, false));
      REQUIRE(m.ceil(o) == model(units, ratio, shift, o, true));
    }
    for (int k = 0; k < 300; ++k) {  // out of order
      size_t o = rng() % (end + 1);
      INFO("out " << o);
      REQUIRE(m(o) == model(units, ratio, shift, o, false));
      REQUIRE(m.ceil(o) == model(units, ratio, shift, o, true));
    }
  }
}

TEST_CASE("units of two common shapes cost about half a byte") {
  OffsetMap m;
  size_t out = 0, in = 0;
  for (int k = 0; k < 100000; ++k) {
    size_t gap = static_cast<size_t>(k % 5);
    out += gap;
    in += gap;
    m.add(out, in);
    out += k % 3 ? 2 : 3;
    in += 1;
    m.add(out, in);
  }
  m.shrink_to_fit();
  CHECK(m.units() == 100000);
  CHECK(m.memory() < 100000 * 6 / 10);
}
