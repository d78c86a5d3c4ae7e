#include "base/error.h"

#include "base/escape.h"

namespace trich {

std::string Diagnostic::where_what() const {
  std::string out;
  if (!file.empty()) {
    out += shown_name(file);  // a name with a newline or invalid UTF-8 stays one line
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace trich
