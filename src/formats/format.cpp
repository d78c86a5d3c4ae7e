#include "formats/format.h"

namespace trich::formats {

const char* name(Format f) {
  switch (f) {
    case Format::text: return "text";
    case Format::docx: return "docx";
    case Format::odt: return "odt";
    case Format::pdf: return "pdf";
    case Format::html: return "html";
    case Format::rtf: return "rtf";
  }
  return "text";
}

const std::vector<std::string>& names() {
  static const std::vector<std::string> n = {"text", "docx", "odt", "pdf", "html", "rtf"};
  return n;
}

bool parse(std::string_view s, Format& f) {
  for (Format g : {Format::text, Format::docx, Format::odt, Format::pdf, Format::html,
                   Format::rtf}) {
    if (s == name(g)) {
      f = g;
      return true;
    }
  }
  return false;
}

}  // namespace trich::formats
