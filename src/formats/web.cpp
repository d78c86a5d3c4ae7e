#include "formats/web.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <gumbo.h>

#include "formats/lines.h"
#include "io/decode.h"

namespace trich::formats {
namespace {

bool ieq(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == y;
         });
}

// Elements that never hold content, and those whose end tag may be left out (a <p> or <li>
// closed by the next one): neither deepens the nesting the pre-scan counts.
constexpr const char* kFlat[] = {"br",  "img",   "meta", "link", "input", "hr",    "col",
                                 "area", "base", "wbr",  "source", "param", "track", "embed",
                                 "p",   "li",    "td",   "th",   "tr",    "dt",    "dd",
                                 "option", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
                                 "rp", "optgroup", "caption"};

// An upper bound on how deep the parser's tree gets, from the tags alone (it never goes
// deeper than the start tags still open, and the start tags of kFlat elements do not count).
int nesting(std::string_view s) {
  int depth = 0, most = 0;
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    bool close = i + 1 < s.size() && s[i + 1] == '/';
    size_t b = i + 1 + close, e = b;
    while (e < s.size() && (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '!')) ++e;
    if (e == b || s[b] == '!') continue;  // text, a comment or a doctype
    std::string_view name = s.substr(b, e - b);
    bool flat = false;
    for (const char* f : kFlat) flat = flat || ieq(name, f);
    if (flat) continue;
    size_t gt = s.find('>', e);
    bool self = gt != std::string_view::npos && gt > 0 && s[gt - 1] == '/';
    if (close) {
      depth = std::max(0, depth - 1);
    } else if (!self) {
      most = std::max(most, ++depth);
    }
  }
  return most;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_LEGEND:
      return true;
    default:
      return false;
  }
}

class Html {
 public:
  explicit Html(Lines& out) : out_(out) {}

  void node(const GumboNode* n, int depth, bool pre) {
    if (depth > kMaxHtmlDepth) return;  // the pre-scan makes this unreachable
    switch (n->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        text(n->v.text.text, pre);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return;  // comments, the document node's doctype
    }
    const GumboElement& e = n->v.element;
    switch (e.tag) {
      case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
      case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_OBJECT: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        return;
      case GUMBO_TAG_BR:
        out_.ch('\n');
        space_ = true;
        return;
      default:
        break;
    }
    bool block = is_block(e.tag);
    if (block) end();
    bool in_pre = pre || e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_TEXTAREA;
    for (unsigned i = 0; i < e.children.length; ++i) {
      node(static_cast<const GumboNode*>(e.children.data[i]), depth + 1, in_pre);
    }
    if (block) end();
  }

  void end() {
    out_.end_line();
    space_ = true;
  }

 private:
  void text(const char* s, bool pre) {
    for (; *s; ++s) {
      char c = *s;
      if (pre) {
        if (c == '\n') end();
        else if (c != '\r') out_.ch(c);
        continue;
      }
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
        if (!space_) out_.ch(' ');
        space_ = true;
      } else {
        out_.ch(c);
        space_ = false;
      }
    }
  }

  Lines& out_;
  bool space_ = true;
};

}  // namespace

bool read_html(std::string_view bytes, Extracted& out, std::string& error) {
  Decoded d = decode(std::string(bytes), "auto", "");
  if (d.binary) {
    error = "not HTML: binary content (a NUL byte)";
    return false;
  }
  if (nesting(d.text) > kMaxHtmlDepth) {
    error = "HTML nested more than 1000 elements deep; refused";
    return false;
  }
  GumboOptions opts = kGumboDefaultOptions;
  opts.max_errors = 0;  // parse errors are tag soup, read anyway; do not collect them
  GumboOutput* g = gumbo_parse_with_options(&opts, d.text.data(), d.text.size());
  if (!g) {
    error = "HTML parser failed";
    return false;
  }
  Lines lines;
  Html h(lines);
  h.node(g->root, 0, false);
  gumbo_destroy_output(&opts, g);
  out.text = lines.take();
  return true;
}

}  // namespace trich::formats
