// XML for the converters, through pugixml. A document with a DOCTYPE is refused outright:
// no DTD is read, so no external entity is fetched and no entity is expanded (the billion
// laughs). pugixml itself expands only the five predefined entities and character
// references. Elements are matched by local name (prefixes vary between producers).
#pragma once

#include <cstring>
#include <string>

#include <pugixml.hpp>

namespace trich::formats::xml {

// Parses `text` in place (it must outlive `doc`). False, with `error` set, on malformed XML
// or a DOCTYPE. `what` names the part in messages ("word/document.xml").
bool parse(pugi::xml_document& doc, std::string& text, const char* what, std::string& error);

// The name of `n` without its namespace prefix.
inline const char* local(const pugi::xml_node& n) {
  const char* s = n.name();
  const char* c = std::strchr(s, ':');
  return c ? c + 1 : s;
}
inline bool is(const pugi::xml_node& n, const char* name) {
  return std::strcmp(local(n), name) == 0;
}
// The value of attribute `name` (by local name) of `n`, or "".
const char* attr(const pugi::xml_node& n, const char* name);

// How deep the converters follow nested elements before refusing the document: real
// documents nest tables and lists a few levels; recursion must not meet the stack's end.
inline constexpr int kMaxDepth = 200;

// The depth guard of a converter's recursive walk. `deep(depth)` is true past kMaxDepth and
// keeps the first refusal as the converter's error.
class DepthGuard {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 protected:
  bool deep(int depth) {
    if (depth <= kMaxDepth) return false;
    if (error_.empty()) error_ = "elements nested too deeply (over 200 levels); refused";
    return true;
  }

 private:
  std::string error_;
};

}  // namespace trich::formats::xml
