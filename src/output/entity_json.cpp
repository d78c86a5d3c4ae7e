#include "output/entity_json.h"

#include "base/utf8.h"

namespace trich {

void append_json_string(std::string& out, std::string_view s) {
  if (utf8::valid_prefix(s) != s.size()) {  // never from trich's own text; nlohmann decides
    out += ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
    return;
  }
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

}  // namespace trich
