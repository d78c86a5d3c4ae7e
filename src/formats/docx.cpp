// DOCX: word/document.xml, word/footnotes.xml, word/endnotes.xml, word/header*.xml and
// word/footer*.xml (ECMA-376 part 1, WordprocessingML). See formats/office.h.
#include <algorithm>
#include <set>
#include <vector>

#include "formats/lines.h"
#include "formats/office.h"
#include "formats/xml.h"

namespace trich::formats {
namespace {

using pugi::xml_node;
using xml::is;

class Docx : public xml::DepthGuard {
 public:
  explicit Docx(Lines& out) : out_(out) {}

  // Block-level content: paragraphs, tables, content controls.
  void block(const xml_node& n, int depth) {
    if (deep(depth)) return;
    for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (is(c, "p")) {
        paragraph(c, depth + 1);
      } else if (is(c, "tbl")) {
        for (xml_node tr : c.children()) {
          if (!is(tr, "tr")) continue;
          for (xml_node tc : tr.children()) {
            if (is(tc, "tc")) block(tc, depth + 3);
          }
        }
      } else if (is(c, "del") || is(c, "moveFrom") || is(c, "sectPr") || is(c, "tblPr")) {
        // deleted text, section properties
      } else {
        block(c, depth + 1);  // sdt, sdtContent, customXml, ins, moveTo
      }
    }
  }

 private:
  void paragraph(const xml_node& p, int depth) {
    std::vector<xml_node> boxes;
    inline_(p, depth, boxes);
    out_.end_line();
    for (const auto& b : boxes) block(b, depth + 1);
  }

  // Runs and what holds them (hyperlinks, insertions, simple fields, content controls).
  void inline_(const xml_node& n, int depth, std::vector<xml_node>& boxes) {
    if (deep(depth)) return;
    for (xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (is(c, "r")) {
        run(c, depth + 1, boxes);
      } else if (is(c, "del") || is(c, "moveFrom") || is(c, "pPr") || is(c, "rPr") ||
                 is(c, "commentRangeStart") || is(c, "proofErr")) {
      } else {
        inline_(c, depth + 1, boxes);
      }
    }
  }

  void run(const xml_node& r, int depth, std::vector<xml_node>& boxes) {
    for (xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (is(c, "t")) {
        if (!in_code()) out_.text(c.text().get());
      } else if (is(c, "tab")) {
        if (!in_code()) out_.ch('\t');
      } else if (is(c, "br") || is(c, "cr")) {
        if (!in_code()) out_.ch('\n');
      } else if (is(c, "noBreakHyphen")) {
        if (!in_code()) out_.ch('-');
      } else if (is(c, "fldChar")) {
        std::string_view t = xml::attr(c, "fldCharType");
        if (t == "begin") {
          fields_.push_back(true);
        } else if (t == "separate") {
          if (!fields_.empty()) fields_.back() = false;
        } else if (t == "end") {
          if (!fields_.empty()) fields_.pop_back();
        }
      } else if (is(c, "drawing") || is(c, "pict") || is(c, "AlternateContent")) {
        find_boxes(c, depth + 1, boxes);
      }
      // instrText (field code), delText (deleted), footnoteReference, rPr: not text
    }
  }

  // Text boxes under a drawing; of an mc:AlternateContent only the first choice (the
  // fallback repeats the same text for older readers).
  void find_boxes(const xml_node& n, int depth, std::vector<xml_node>& boxes) {
    if (deep(depth)) return;
    if (is(n, "txbxContent")) {
      boxes.push_back(n);
      return;
    }
    if (is(n, "AlternateContent")) {
      for (xml_node c : n.children()) {
        if (is(c, "Choice")) return find_boxes(c, depth + 1, boxes);
      }
      for (xml_node c : n.children()) {
        if (is(c, "Fallback")) return find_boxes(c, depth + 1, boxes);
      }
      return;
    }
    for (xml_node c : n.children()) find_boxes(c, depth + 1, boxes);
  }

  bool in_code() const {
    return std::find(fields_.begin(), fields_.end(), true) != fields_.end();
  }

  Lines& out_;
  std::vector<bool> fields_;  // open complex fields: true while in their code part
};

// Reads one part into `out`: `root` names the element whose children are blocks (the body),
// or the notes (footnote, endnote) each of which is.
bool part(zip::Archive& a, const char* name, Lines& out, std::string& error, bool required) {
  std::string xml_text;
  auto data = a.read(name, error);
  if (!data) {
    if (error.empty() && required) error = std::string("no ") + name + " in the container";
    return error.empty();
  }
  xml_text = std::move(*data);
  pugi::xml_document doc;
  if (!xml::parse(doc, xml_text, name, error)) return false;
  Docx d(out);
  xml_node root = doc.document_element();
  if (is(root, "document")) {
    for (xml_node c : root.children()) {
      if (is(c, "body")) d.block(c, 1);
    }
  } else if (is(root, "footnotes") || is(root, "endnotes")) {
    for (xml_node note : root.children()) {
      std::string_view type = xml::attr(note, "type");
      if (type == "separator" || type == "continuationSeparator" ||
          type == "continuationNotice") {
        continue;
      }
      d.block(note, 2);
    }
  } else {
    d.block(root, 1);  // hdr, ftr
  }
  if (d.failed()) {
    error = std::string(name) + ": " + d.error();
    return false;
  }
  return true;
}

}  // namespace

ZipKind zip_kind(zip::Archive& a) {
  if (a.has("word/document.xml")) return ZipKind::docx;
  std::string err;
  if (a.has("mimetype")) {
    auto m = a.read("mimetype", err);
    if (m && m->rfind("application/vnd.oasis.opendocument.text", 0) == 0) return ZipKind::odt;
  }
  return ZipKind::other;
}

bool read_docx(std::string_view bytes, Extracted& out, std::string& error) {
  auto a = zip::Archive::open(bytes, error);
  if (!a) return false;
  Lines lines;
  if (!part(*a, "word/document.xml", lines, error, true)) return false;
  if (!part(*a, "word/footnotes.xml", lines, error, false)) return false;
  if (!part(*a, "word/endnotes.xml", lines, error, false)) return false;
  // Headers and footers: each distinct text once (first-page, even and default headers
  // often repeat each other).
  std::vector<std::string> names;
  for (size_t i = 0; i < a->entries(); ++i) {
    std::string n = a->entry_name(i);
    if ((n.rfind("word/header", 0) == 0 || n.rfind("word/footer", 0) == 0) &&
        n.size() > 4 && n.compare(n.size() - 4, 4, ".xml") == 0) {
      names.push_back(n);
    }
  }
  std::sort(names.begin(), names.end());
  std::set<std::string> seen;
  for (const auto& n : names) {
    Lines hf;
    if (!part(*a, n.c_str(), hf, error, false)) return false;
    std::string t = hf.take();
    if (!t.empty() && seen.insert(t).second) lines.out() += t;
  }
  out.text = lines.take();
  return true;
}

}  // namespace trich::formats
