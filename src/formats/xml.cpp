#include "formats/xml.h"

namespace trich::formats::xml {

bool parse(pugi::xml_document& doc, std::string& text, const char* what, std::string& error) {
  // parse_ws_pcdata_single keeps a run that is one space (<w:t xml:space="preserve"> </w:t>);
  // parse_doctype keeps the DOCTYPE as a node, so it can be refused.
  unsigned opts = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
  pugi::xml_parse_result r = doc.load_buffer_inplace(text.data(), text.size(), opts);
  if (!r) {
    error = std::string("malformed XML in ") + what + " at byte " + std::to_string(r.offset) +
            ": " + r.description();
    return false;
  }
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      error = std::string(what) +
              " has a DOCTYPE (DTD); refused: documents from word processors have none, and "
              "its entities could read files or blow up in memory";
      return false;
    }
  }
  return true;
}

const char* attr(const pugi::xml_node& n, const char* name) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const char* s = a.name();
    const char* c = std::strchr(s, ':');
    if (std::strcmp(c ? c + 1 : s, name) == 0) return a.value();
  }
  return "";
}

}  // namespace trich::formats::xml
