// OffsetMap: maps byte offsets of a derived text (decoded, normalized) back to the text it
// was derived from. The derived text is a sequence of in-step stretches (each derived byte is
// `ratio` source bytes: 1 for UTF-8 and the single-byte encodings, 2 for UTF-16's ASCII) and
// of units (a decoded character, a fold, an NFC change) whose lengths differ. Only units are
// stored, so an unchanged text costs nothing. It does not know what the transformation was.
//
// Units are coded in 4-bit tokens (the in-step gap before the unit and which of two common
// unit shapes it has), with a checkpoint every kBlock units: on Vietnamese text decoded from
// windows-1258 or UTF-16 that is about half a byte per non-ASCII character, where one 16-byte
// anchor per character made the map the largest thing in memory (docs/limits.md).
//
// An offset strictly inside a unit is no boundary of either text in general (one code point
// that NFC turned into three, marks composed with their base); it maps to the unit's start, or
// with ceil() to its end, never between.
//
// Lookups walk on from where earlier ones stopped (two cursors, as Document::span keeps one),
// so they are fast in increasing order, and one map must not be looked up from two threads at
// once.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace trich {

class OffsetMap {
 public:
  // Identity plus a constant shift (e.g. a stripped byte-order mark); in-step text advances
  // `ratio` source bytes per derived byte.
  explicit OffsetMap(size_t shift = 0, unsigned ratio = 1)
      : ratio_(ratio), shift_(shift), end_in_(shift), cur_in_(shift) {
    cursors_[0].in = cursors_[1].in = shift;
  }

  // Records that derived offset `out` corresponds to source offset `in`. Calls come in
  // non-decreasing `out` and `in` order. The stretch since the previous call is in step when
  // it is `ratio` times longer in the source; otherwise it becomes one unit. So record both
  // ends of every unit whose lengths differ. A later call for the same `out` wins.
  void add(size_t out, size_t in) {
    assert(out >= cur_out_ && in >= cur_in_);
    if (out < cur_out_) return;  // out of order: keep what is recorded rather than go back
    if (in < cur_in_) in = cur_in_;
    if (in - cur_in_ != ratio_ * (out - cur_out_)) {
      emit(cur_out_ - end_out_, out - cur_out_, in - cur_in_);
      end_out_ = out;
      end_in_ = in;
    }
    cur_out_ = out;
    cur_in_ = in;
  }

  // Records [out, out + out_len) <- [in, in + in_len) as one unit even when it is in step: an
  // NFC change whose inner code point boundaries are not the source's. (out, in) must follow
  // what is recorded as add() requires.
  void add_unit(size_t out, size_t in, size_t out_len, size_t in_len) {
    add(out, in);
    if (out_len * ratio_ != in_len) {
      add(out + out_len, in + in_len);
      return;
    }
    emit(cur_out_ - end_out_, out_len, in_len);
    end_out_ = cur_out_ = out + out_len;
    end_in_ = cur_in_ = in + in_len;
  }

  // Source offset of derived offset `out`: exact at unit boundaries; inside a unit, its start.
  size_t operator()(size_t out) const { return lookup(out, false); }
  // The same, but an offset inside a unit maps to the unit's end (for the end of a span, so
  // that a span covering part of a unit covers all of it).
  size_t ceil(size_t out) const { return lookup(out, true); }

  bool identity() const { return units_ == 0 && shift_ == 0 && ratio_ == 1; }
  size_t units() const { return units_; }
  // Heap bytes held.
  size_t memory() const {
    return nibbles_.capacity() + blocks_.capacity() * sizeof(Block);
  }
  // Gives back the slack of the growing vectors once the map is complete.
  void shrink_to_fit() {
    nibbles_.shrink_to_fit();
    blocks_.shrink_to_fit();
  }

 private:
  static constexpr size_t kBlock = 1024;  // units per checkpoint
  static constexpr unsigned kShapeTokens = 14;
  static constexpr unsigned kExtend = 14, kEscape = 15, kStep = 7;

  // A unit is a token (nibble) t < 14: shape 0 after a gap of t bytes when t < split, else
  // shape 1 after a gap of t - split. Before it may come kExtend (kStep more bytes of gap)
  // and kEscape with a varint k: k > 0 adds k bytes of gap; k = 0 is a unit whose lengths
  // follow as two varints (a shape the block has no slot for). Varints hold 3 bits per nibble,
  // low first, the 8 bit meaning more follow. A block starts with the shapes the one before
  // used, the commoner first, and splits the 14 tokens between them as they were used: text
  // decoded from windows-1258 is nearly all one shape, from UTF-16 half and half.
  struct Block {
    size_t out, in, pos;          // state before the block's first unit; pos in nibbles
    uint8_t shape[2][2] = {{0, 0}, {0, 0}};  // {out_len, in_len}; {0, 0} while unset
    uint8_t split = kShapeTokens / 2;
  };

  void put(unsigned v) {
    if (n_ % 2 == 0) {
      nibbles_.push_back(static_cast<uint8_t>(v));
    } else {
      nibbles_.back() = static_cast<uint8_t>(nibbles_.back() | (v << 4));
    }
    ++n_;
  }
  void put_varint(size_t v) {
    do {
      unsigned d = static_cast<unsigned>(v & 7);
      v >>= 3;
      put(v ? d | 8 : d);
    } while (v);
  }
  unsigned get(size_t pos) const { return (nibbles_[pos / 2] >> ((pos % 2) * 4)) & 15; }
  size_t get_varint(size_t& pos) const {
    size_t v = 0;
    for (unsigned shift = 0;; shift += 3) {
      unsigned d = get(pos++);
      v |= static_cast<size_t>(d & 7) << shift;
      if (!(d & 8)) return v;
    }
  }

  void start_block() {
    Block b{end_out_, end_in_, n_};
    if (!blocks_.empty()) {
      const Block& last = blocks_.back();
      int first = used_[1] > used_[0] ? 1 : 0, kept = 0;
      for (int s : {first, 1 - first}) {
        if (!used_[s]) continue;
        b.shape[kept][0] = last.shape[s][0];
        b.shape[kept][1] = last.shape[s][1];
        ++kept;
      }
      if (kept == 2) {
        size_t total = used_[0] + used_[1];
        size_t t = (kShapeTokens * used_[first] + total / 2) / total;
        b.split = static_cast<uint8_t>(std::clamp<size_t>(t, 1, kShapeTokens - 1));
      } else if (kept == 1) {
        b.split = kShapeTokens - 1;
      }
    }
    used_[0] = used_[1] = 0;
    blocks_.push_back(b);
  }

  void emit(size_t gap, size_t out_len, size_t in_len) {
    if (units_ % kBlock == 0) start_block();
    ++units_;
    Block& b = blocks_.back();
    int shape = -1;
    if (out_len < 256 && in_len < 256 && (out_len | in_len)) {
      for (int s = 0; s < 2 && shape < 0; ++s) {
        if (b.shape[s][0] == 0 && b.shape[s][1] == 0) {
          b.shape[s][0] = static_cast<uint8_t>(out_len);
          b.shape[s][1] = static_cast<uint8_t>(in_len);
        }
        if (b.shape[s][0] == out_len && b.shape[s][1] == in_len) shape = s;
      }
    }
    if (shape < 0) {
      if (gap) {
        put(kEscape);
        put_varint(gap);
      }
      put(kEscape);
      put_varint(0);
      put_varint(out_len);
      put_varint(in_len);
      return;
    }
    ++used_[shape];
    size_t slots = shape == 0 ? b.split : kShapeTokens - b.split;
    for (int k = 0; k < 2 && gap >= slots && gap >= kStep; ++k) {
      put(kExtend);
      gap -= kStep;
    }
    if (gap >= slots) {
      put(kEscape);
      put_varint(gap);
      gap = 0;
    }
    put(static_cast<unsigned>(shape == 0 ? gap : b.split + gap));
  }

  // Where a walk stands: before unit `k` of block `block`.
  struct Cursor {
    size_t block = 0, k = 0, pos = 0, out = 0, in = 0;
  };

  size_t lookup(size_t out, bool up) const {
    if (units_ == 0) return shift_ + ratio_ * out;
    // Start from the nearer cursor before `out`, and leave the walk's end in the other one: a
    // span's start, then its end, then its start again (for its line and column) each walk
    // on from where the one before them stopped instead of from the block's start.
    int from = -1;
    for (int k = 0; k < 2; ++k) {
      if (cursors_[k].out <= out && (from < 0 || cursors_[k].out > cursors_[from].out)) from = k;
    }
    if (from >= 0) {
      size_t next = cursors_[from].block + 1;
      if (next < blocks_.size() && blocks_[next].out <= out) from = -1;  // a block start is nearer
    }
    int to = from >= 0 ? 1 - from : cursors_[0].out > cursors_[1].out ? 0 : 1;
    Cursor c;
    if (from >= 0) {
      c = cursors_[from];
    } else {
      // The last block starting at or before `out` (a unit ending there has been passed).
      auto it = std::upper_bound(blocks_.begin(), blocks_.end(), out,
                                 [](size_t o, const Block& b) { return o < b.out; });
      size_t bi = it == blocks_.begin() ? 0 : static_cast<size_t>(it - blocks_.begin()) - 1;
      const Block& b = blocks_[bi];
      c = Cursor{bi, 0, b.pos, b.out, b.in};
    }
    while (true) {
      if (c.k == kBlock) {
        ++c.block;
        c.k = 0;
      }
      if (c.pos == n_) break;
      const Block& b = blocks_[c.block];
      size_t pos = c.pos, gap = 0, ol, il;
      while (true) {
        unsigned t = get(pos++);
        if (t < kShapeTokens) {
          unsigned s = t < b.split ? 0 : 1;
          gap += s ? t - b.split : t;
          ol = b.shape[s][0];
          il = b.shape[s][1];
          break;
        }
        if (t == kExtend) {
          gap += kStep;
          continue;
        }
        size_t k = get_varint(pos);
        if (k) {
          gap += k;
          continue;
        }
        ol = get_varint(pos);
        il = get_varint(pos);
        break;
      }
      if (out < c.out + gap) break;  // in the in-step stretch before the unit
      size_t u_out = c.out + gap, u_in = c.in + ratio_ * gap;
      if (out < u_out + ol) {
        cursors_[to] = c;
        return out == u_out || !up ? u_in : u_in + il;
      }
      c.out = u_out + ol;
      c.in = u_in + il;
      c.pos = pos;
      ++c.k;
    }
    cursors_[to] = c;
    return c.in + ratio_ * (out - c.out);
  }

  unsigned ratio_;
  size_t shift_;
  size_t units_ = 0;
  size_t end_out_ = 0, end_in_;  // the end of the last unit
  size_t cur_out_ = 0, cur_in_;  // the last point recorded, in step with the end
  std::vector<uint8_t> nibbles_;
  size_t n_ = 0;  // nibbles written
  std::vector<Block> blocks_;
  size_t used_[2] = {0, 0};  // units of each shape in the last block
  mutable Cursor cursors_[2];
};

}  // namespace trich
