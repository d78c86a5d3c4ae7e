#include "pipeline/load.h"

#include "formats/office.h"
#include "formats/web.h"
#include "formats/pdf.h"
#include "formats/zip.h"

namespace trich {

using formats::Format;
using formats::Sniffed;

Sniffed sniff_input(std::string_view head, std::string_view forced) {
  if (forced.empty() || forced == "auto") return formats::sniff(head);
  Sniffed s;
  formats::parse(forced, s.format);
  return s;
}

std::string type_of(std::string_view bytes, const Sniffed& s) {
  if (s.kind == Sniffed::Kind::unsupported) return "binary";
  if (s.kind == Sniffed::Kind::format) return formats::name(s.format);
  std::string err;
  auto a = formats::zip::Archive::open(bytes, err);
  if (!a) return "zip";
  switch (formats::zip_kind(*a)) {
    case formats::ZipKind::docx: return "docx";
    case formats::ZipKind::odt: return "odt";
    default: return "zip";
  }
}

namespace {

Loaded refuse(const std::string& source, std::string what, const char* reason) {
  Loaded l;
  l.status = Loaded::Status::unsupported;
  l.problem = error_at(source, 0, std::move(what));
  l.reason = reason;
  return l;
}

Loaded fail(const std::string& source, const std::string& what) {
  Loaded l;
  l.status = Loaded::Status::failed;
  l.problem = error_at(source, 0, what);
  return l;
}

}  // namespace

Loaded load(std::string_view bytes, const Sniffed& s, const std::string& source) {
  if (s.kind == Sniffed::Kind::unsupported) return refuse(source, s.what, "unsupported");
  Format f = s.format;
  std::string error;
  if (s.kind == Sniffed::Kind::zip) {
    auto a = formats::zip::Archive::open(bytes, error);
    if (!a) return fail(source, error);
    switch (formats::zip_kind(*a)) {
      case formats::ZipKind::docx: f = Format::docx; break;
      case formats::ZipKind::odt: f = Format::odt; break;
      default:
        return refuse(source,
                      "a ZIP archive that is no Word (.docx) or OpenDocument text (.odt) "
                      "document (a spreadsheet, a presentation or an archive of files), which "
                      "trich does not read; unpack it, or convert it with `soffice --headless "
                      "--convert-to docx FILE`",
                      "unsupported");
    }
  }
  if (bytes.size() > kMaxContainer) {
    return fail(source, "larger than the 256 MiB a document container may be (docs/limits.md)");
  }
  Loaded l;
  l.status = Loaded::Status::converted;
  l.format = f;
  bool ok = false;
  switch (f) {
    case Format::text: l.status = Loaded::Status::text; return l;
    case Format::docx: ok = formats::read_docx(bytes, l.extracted, error); break;
    case Format::odt: ok = formats::read_odt(bytes, l.extracted, error); break;
    case Format::html: ok = formats::read_html(bytes, l.extracted, error); break;
    case Format::pdf: {
      formats::PdfStatus st = formats::read_pdf(bytes, l.extracted, error);
      if (st == formats::PdfStatus::no_text) {
        return refuse(source,
                      "a PDF with no text layer (a scanned image?): nothing to read; run OCR "
                      "on it first (e.g. ocrmypdf)",
                      "no text layer");
      }
      ok = st == formats::PdfStatus::ok;
      break;
    }
    case Format::rtf:
      return refuse(source,
                    "an RTF document, which trich does not read (Debian has no maintained "
                    "library that turns RTF into text, and its control words are not text); "
                    "convert it with `soffice --headless --convert-to docx FILE`",
                    "unsupported");
  }
  if (!ok) return fail(source, error);
  return l;
}

}  // namespace trich
