#include "io/decode.h"

#include <unicode/ucnv.h>

#include <cstring>
#include <fmt/format.h>

#include "base/utf8.h"

namespace trich {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Converts with an ICU converter one code point at a time so that every output code point
// knows its source bytes (ucnv_getNextUChar reports how far it read).
bool decode_icu(std::string_view in, size_t skip, const char* converter, Decoded& d) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(converter, &status);
  if (U_FAILURE(status)) return false;
  const char* base = in.data();
  const char* src = base + skip;
  const char* end = base + in.size();
  d.text.clear();
  d.text.reserve(in.size());
  d.to_input = OffsetMap();
  d.to_input.add(0, skip);
  while (src < end) {
    const char* before = src;
    status = U_ZERO_ERROR;
    UChar32 cp = ucnv_getNextUChar(cnv, &src, end, &status);
    if (U_FAILURE(status)) {
      cp = 0xFFFD;
      if (src == before) ++src;
    }
    d.to_input.add(d.text.size(), static_cast<size_t>(before - base));
    utf8::append(d.text, static_cast<char32_t>(cp));
    d.to_input.add(d.text.size(), static_cast<size_t>(src - base));
  }
  ucnv_close(cnv);
  return true;
}

// Replaces each maximal invalid sequence with U+FFFD, keeping the map exact.
// `base` is the input offset of in[0] (after a BOM).
void decode_lossy_utf8(std::string_view in, size_t base, Decoded& d, const std::string& source) {
  std::string out;
  out.reserve(in.size() + 16);
  size_t i = 0;
  bool warned = false;
  while (i < in.size()) {
    size_t good = utf8::valid_prefix(in.substr(i));
    out.append(in.data() + i, good);
    i += good;
    if (i >= in.size()) break;
    if (!warned) {
      d.warnings.push_back(warning_at(
          source, 0, fmt::format("invalid UTF-8 at byte {}; decoded with U+FFFD", base + i)));
      warned = true;
    }
    d.to_input.add(out.size(), base + i);
    out += "\xEF\xBF\xBD";
    ++i;
    while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80) ++i;
    d.to_input.add(out.size(), base + i);
  }
  d.text = std::move(out);
}

}  // namespace

const std::vector<std::string>& known_encodings() {
  static const std::vector<std::string> names = {"utf-8", "utf-16le", "utf-16be"};
  return names;
}

Decoded decode(std::string&& bytes, std::string_view forced, const std::string& source) {
  Decoded d;
  std::string_view in(bytes);
  if (forced.empty() || forced == "auto") {
    if (starts_with(in, "\xEF\xBB\xBF")) {
      d.encoding = "utf-8-bom";
      in.remove_prefix(3);
      d.to_input = OffsetMap(3);
      if (utf8::valid_prefix(in) == in.size()) {
        d.text.assign(in);
      } else {
        decode_lossy_utf8(in, 3, d, source);
      }
      return d;
    }
    if (starts_with(in, "\xFF\xFE")) {
      d.encoding = "utf-16le";
      decode_icu(in, 2, "UTF-16LE", d);
      return d;
    }
    if (starts_with(in, "\xFE\xFF")) {
      d.encoding = "utf-16be";
      decode_icu(in, 2, "UTF-16BE", d);
      return d;
    }
    if (std::memchr(in.data(), 0, std::min<size_t>(in.size(), 8192)) != nullptr) {
      d.encoding = "binary";
      d.binary = true;
      return d;
    }
    d.encoding = "utf-8";
    if (utf8::valid_prefix(in) == in.size()) {
      d.text = std::move(bytes);
    } else {
      decode_lossy_utf8(in, 0, d, source);
    }
    return d;
  }
  d.encoding = std::string(forced);
  if (forced == "utf-16le" || forced == "utf-16be") {
    size_t skip = (starts_with(in, "\xFF\xFE") || starts_with(in, "\xFE\xFF")) ? 2 : 0;
    decode_icu(in, skip, forced == "utf-16le" ? "UTF-16LE" : "UTF-16BE", d);
    return d;
  }
  size_t skip = starts_with(in, "\xEF\xBB\xBF") ? 3 : 0;
  in.remove_prefix(skip);
  d.to_input = OffsetMap(skip);
  if (utf8::valid_prefix(in) == in.size()) {
    d.text.assign(in);
  } else {
    decode_lossy_utf8(in, skip, d, source);
  }
  return d;
}

}  // namespace trich
