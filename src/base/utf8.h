// Small UTF-8 helpers used on hot paths. They never allocate and never validate beyond what
// their contract says; validation of untrusted bytes lives in io/decode.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace trich::utf8 {

// True for bytes that start a code point (not 10xxxxxx continuation bytes).
inline bool is_lead(unsigned char c) { return (c & 0xC0) != 0x80; }

// Number of code points in s, counting each lead byte (s is assumed well-formed).
size_t count_code_points(std::string_view s);

// Decodes the code point at s[i] (well-formed input) and advances i past it.
inline char32_t next(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
  i += len;
  return cp;
}

// Appends cp as UTF-8.
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Lower-cases s with full Unicode rules (ICU); used for lexicon look-ups of short captures.
std::string to_lower(std::string_view s);

// Length in bytes of the longest prefix of s that is valid UTF-8.
size_t valid_prefix(std::string_view s);
// The same, one byte at a time (the reference the vectorized one is tested against).
size_t valid_prefix_scalar(std::string_view s);

}  // namespace trich::utf8
