// OffsetMap: maps byte offsets of a derived text (decoded, normalized) back to the text it
// was derived from. It stores only the points where the two stop advancing in step, so an
// unchanged text costs nothing. It does not know what the transformation was.
//
// Between two points the map goes on in step, which is right wherever the derived text has no
// boundary inside a unit (a decoded character, a fold). A unit recorded with add_unit (an NFC
// change that made several code points) has boundaries inside that the source has not: they
// map to the unit's start, or with ceil() to its end, never into the middle of a character.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace trich {

class OffsetMap {
 public:
  // Identity plus a constant shift (e.g. a stripped byte-order mark).
  explicit OffsetMap(size_t shift = 0) : shift_(shift) {}

  // Records that derived offset `out` corresponds to source offset `in`. Calls must come in
  // increasing `out` order. Record both ends of every unit whose lengths differ.
  void add(size_t out, size_t in) {
    if (!anchors_.empty() && anchors_.back().out == out) {
      anchors_.back().in = in;  // a later point for the same offset wins
      return;
    }
    if (map(out, false) == in) return;  // still in step: no anchor needed
    anchors_.push_back({out, in});
  }

  // Records [out, out + out_len) <- [in, in + in_len) as one unit whose inner offsets have
  // no counterpart in the source. Calls come in increasing `out` order, as add()'s.
  void add_unit(size_t out, size_t in, size_t out_len, size_t in_len) {
    if (out_len == 0) {
      add(out, in + in_len);
      return;
    }
    if (!anchors_.empty() && anchors_.back().out == out) {
      anchors_.back().in = in | kStep;
    } else {
      anchors_.push_back({out, in | kStep});
    }
    anchors_.push_back({out + out_len, in + in_len});  // always: it ends the step
  }

  // Source offset of derived offset `out`. Exact at unit boundaries; inside a unit recorded
  // with add_unit, the unit's start.
  size_t operator()(size_t out) const { return map(out, false); }
  // The same, but inside a unit recorded with add_unit, the unit's end (for the end of a
  // span, so that a span covering part of a unit covers all of it).
  size_t ceil(size_t out) const { return map(out, true); }

  bool identity() const { return anchors_.empty() && shift_ == 0; }
  size_t anchors() const { return anchors_.size(); }
  // Heap bytes held.
  size_t memory() const { return anchors_.capacity() * sizeof(Anchor); }
  // Gives back the slack of the growing vector once the map is complete.
  void shrink_to_fit() { anchors_.shrink_to_fit(); }

 private:
  static constexpr size_t kStep = size_t{1} << (sizeof(size_t) * 8 - 1);  // a unit starts here
  struct Anchor {
    size_t out, in;  // `in` has kStep set at the start of a unit recorded with add_unit
  };
  size_t map(size_t out, bool up) const {
    if (anchors_.empty() || out < anchors_.front().out) return out + shift_;
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), out,
                               [](size_t o, const Anchor& a) { return o < a.out; });
    --it;
    size_t in = it->in & ~kStep;
    if (!(it->in & kStep) || out == it->out) return in + (out - it->out);
    return up ? (it + 1)->in & ~kStep : in;  // add_unit put the unit's end after its start
  }
  size_t shift_;
  std::vector<Anchor> anchors_;
};

}  // namespace trich
