// ODT: content.xml (office:body/office:text) and the headers and footers of styles.xml
// (OpenDocument 1.2 part 1, chapters 5 and 6). See formats/office.h.
#include <cstdlib>
#include <set>
#include <vector>

#include "formats/lines.h"
#include "formats/office.h"
#include "formats/xml.h"

namespace trich::formats {
namespace {

using pugi::xml_node;
using xml::is;

class Odt : public xml::DepthGuard {
 public:
  explicit Odt(Lines& out) : out_(out) {}
  std::vector<xml_node>& notes() { return notes_; }

  void block(const xml_node& n, int depth) {
    if (deep(depth)) return;
    for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (is(c, "p") || is(c, "h")) {
        paragraph(c, depth + 1);
      } else if (is(c, "tracked-changes") || is(c, "annotation") || is(c, "sequence-decls") ||
                 is(c, "variable-decls") || is(c, "user-field-decls") ||
                 is(c, "forms") || is(c, "table-columns") || is(c, "table-column")) {
        // deleted text (kept in the change log), comments, declarations
      } else {
        block(c, depth + 1);  // lists, tables and their rows and cells, sections, frames
      }
    }
  }

  void note_bodies(int depth) {
    for (size_t i = 0; i < notes_.size(); ++i) block(notes_[i], depth);  // may add more
  }

 private:
  void paragraph(const xml_node& p, int depth) {
    std::vector<xml_node> boxes;
    space_ = true;  // leading white space of a paragraph is not text
    inline_(p, depth, boxes);
    out_.end_line();
    for (const auto& b : boxes) block(b, depth + 1);
  }

  // ODF collapses white space as HTML does; <text:s/> stands for the extra spaces.
  void pcdata(const char* s) {
    for (; *s; ++s) {
      char c = *s;
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (!space_) out_.ch(' ');
        space_ = true;
      } else {
        out_.ch(c);
        space_ = false;
      }
    }
  }

  void inline_(const xml_node& n, int depth, std::vector<xml_node>& boxes) {
    if (deep(depth)) return;
    for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        pcdata(c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      if (is(c, "s")) {
        long k = std::strtol(xml::attr(c, "c"), nullptr, 10);
        if (k < 1) k = 1;
        for (long i = 0; i < k && i < 1000; ++i) out_.ch(' ');
        space_ = true;
      } else if (is(c, "tab")) {
        out_.ch('\t');
        space_ = true;
      } else if (is(c, "line-break")) {
        out_.ch('\n');
        space_ = true;
      } else if (is(c, "note")) {
        for (xml_node b : c.children()) {
          if (is(b, "note-body")) notes_.push_back(b);
        }
      } else if (is(c, "frame")) {
        boxes.push_back(c);
      } else if (is(c, "annotation") || is(c, "annotation-end") || is(c, "note-citation") ||
                 is(c, "bookmark") || is(c, "bookmark-start") || is(c, "bookmark-end") ||
                 is(c, "change") || is(c, "change-start") || is(c, "change-end") ||
                 is(c, "soft-page-break")) {
      } else {
        inline_(c, depth + 1, boxes);  // span, a, meta, ruby, fields (their text is the result)
      }
    }
  }

  Lines& out_;
  std::vector<xml_node> notes_;
  bool space_ = true;
};

bool parse_part(zip::Archive& a, const char* name, std::string& text, pugi::xml_document& doc,
                std::string& error) {
  auto data = a.read(name, error);
  if (!data) {
    if (error.empty()) error = std::string("no ") + name + " in the container";
    return false;
  }
  text = std::move(*data);
  return xml::parse(doc, text, name, error);
}

}  // namespace

bool read_odt(std::string_view bytes, Extracted& out, std::string& error) {
  auto a = zip::Archive::open(bytes, error);
  if (!a) return false;
  if (zip_kind(*a) != ZipKind::odt) {
    error = "not an OpenDocument text (no mimetype application/vnd.oasis.opendocument.text)";
    return false;
  }
  Lines lines;
  std::string text;
  pugi::xml_document doc;
  if (!parse_part(*a, "content.xml", text, doc, error)) return false;
  Odt o(lines);
  xml_node body = doc.document_element().child("office:body");
  for (xml_node c : doc.document_element().children()) {
    if (is(c, "body")) body = c;
  }
  for (xml_node c : body.children()) {
    if (is(c, "text")) o.block(c, 2);
  }
  o.note_bodies(2);
  if (o.failed()) {
    error = "content.xml: " + o.error();
    return false;
  }
  // Headers and footers live in the master pages of styles.xml.
  std::string stext;
  pugi::xml_document sdoc;
  if (a->has("styles.xml")) {
    if (!parse_part(*a, "styles.xml", stext, sdoc, error)) return false;
    std::set<std::string> seen;
    for (xml_node c : sdoc.document_element().children()) {
      if (!is(c, "master-styles")) continue;
      for (xml_node page : c.children()) {
        for (xml_node hf : page.children()) {
          std::string_view n = xml::local(hf);
          if (n.rfind("header", 0) != 0 && n.rfind("footer", 0) != 0) continue;
          if (n.find("style") != std::string_view::npos) continue;
          Lines l;
          Odt h(l);
          h.block(hf, 4);
          if (h.failed()) {
            error = "styles.xml: " + h.error();
            return false;
          }
          std::string t = l.take();
          if (!t.empty() && seen.insert(t).second) lines.out() += t;
        }
      }
    }
  }
  out.text = lines.take();
  return true;
}

}  // namespace trich::formats
