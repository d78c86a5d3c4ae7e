#include "base/escape.h"

#include "base/utf8.h"

namespace trich {
namespace {

bool plain(unsigned char c) { return c >= 0x20 && c < 0x7F && c != '\\'; }

void hex(std::string& out, unsigned char c) {
  static const char digits[] = "0123456789ABCDEF";
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 15];
}

}  // namespace

std::string shown_name(std::string_view name) {
  size_t i = 0;
  while (i < name.size() && plain(static_cast<unsigned char>(name[i]))) ++i;
  if (i == name.size()) return std::string(name);  // the common case: printable ASCII
  std::string out(name.substr(0, i));
  while (i < name.size()) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (plain(c)) {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\\') {
      out += "\\\\";
      ++i;
    } else if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\r') {
      out += "\\r";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (c < 0x80) {  // other C0 controls and DEL
      hex(out, c);
      ++i;
    } else {
      // A valid multi-byte character is kept (but C1 controls, U+0080..U+009F, which
      // terminals may act on); each byte of an invalid sequence is written \xHH.
      size_t len = utf8::valid_prefix(name.substr(i, 4));
      size_t n = 0;
      if (len > 0) {
        size_t k = i;
        char32_t cp = utf8::next(name, k);
        n = k - i;
        if (cp >= 0x80 && cp <= 0x9F) {
          for (size_t j = 0; j < n; ++j) hex(out, static_cast<unsigned char>(name[i + j]));
          i += n;
          continue;
        }
      }
      if (n == 0) {
        hex(out, c);
        ++i;
      } else {
        out.append(name.substr(i, n));
        i += n;
      }
    }
  }
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace trich
