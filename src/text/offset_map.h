// OffsetMap: maps byte offsets of a derived text (decoded, normalized) back to the text it
// was derived from. It stores only the points where the two stop advancing in step, so an
// unchanged text costs nothing. It does not know what the transformation was.
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
      anchors_.back().in = in;
      return;
    }
    if (map_linear(out) == in) return;  // still in step: no anchor needed
    anchors_.push_back({out, in});
  }

  // Source offset of derived offset `out`. Exact at unit boundaries.
  size_t operator()(size_t out) const { return map_linear(out); }

  bool identity() const { return anchors_.empty() && shift_ == 0; }
  size_t anchors() const { return anchors_.size(); }

 private:
  struct Anchor {
    size_t out, in;
  };
  size_t map_linear(size_t out) const {
    if (anchors_.empty() || out < anchors_.front().out) return out + shift_;
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), out,
                               [](size_t o, const Anchor& a) { return o < a.out; });
    --it;
    return it->in + (out - it->out);
  }
  size_t shift_;
  std::vector<Anchor> anchors_;
};

}  // namespace trich
