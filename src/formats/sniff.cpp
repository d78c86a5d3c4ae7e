#include "formats/sniff.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace trich::formats {
namespace {

bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool istarts(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  }
  return true;
}

std::string_view skip_blanks(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
  return s.substr(i);
}

// Binary formats by magic number. Each says what the file is and what to do instead.
struct Magic {
  std::string_view bytes;
  size_t at;
  const char* what;
};
constexpr const char* kOffice =
    "a legacy Microsoft Office file (.doc, .xls or .ppt), which trich does not read; ";
constexpr const char* kImage =
    "an image, which has no text to read (run OCR on it first, e.g. tesseract)";
constexpr const char* kArchive = "a compressed archive; unpack it and read the files in it";
const std::array<Magic, 14> kMagic = {{
    {std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), 0, kOffice},
    {"\x89PNG", 0, kImage},
    {"\xFF\xD8\xFF", 0, kImage},
    {"GIF87a", 0, kImage},
    {"GIF89a", 0, kImage},
    {std::string_view("II*\0", 4), 0, kImage},
    {std::string_view("MM\0*", 4), 0, kImage},
    {"WEBP", 8, kImage},
    {"\x1F\x8B", 0, kArchive},
    {"BZh", 0, kArchive},
    {std::string_view("\xFD" "7zXZ\0", 6), 0, kArchive},
    {"7z\xBC\xAF\x27\x1C", 0, kArchive},
    {"Rar!\x1A\x07", 0, kArchive},
    {"\x7F" "ELF", 0, "an executable program, not a document"},
}};

constexpr std::array<std::string_view, 24> kHtmlTags = {
    "html", "head", "body", "meta", "title", "div", "p",  "table", "span", "br",  "h1",  "h2",
    "h3",   "h4",   "h5",   "h6",   "ul",    "ol",  "li", "link",  "style", "script", "section", "article"};

}  // namespace

bool looks_like_html(std::string_view s) {
  if (starts(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  for (int guard = 0; guard < 64; ++guard) {
    s = skip_blanks(s);
    if (starts(s, "<!--")) {
      size_t e = s.find("-->");
      if (e == std::string_view::npos) return false;
      s.remove_prefix(e + 3);
      continue;
    }
    if (starts(s, "<?xml")) {  // XHTML
      size_t e = s.find("?>");
      if (e == std::string_view::npos) return false;
      s.remove_prefix(e + 2);
      continue;
    }
    break;
  }
  if (istarts(s, "<!doctype html")) return true;
  if (!starts(s, "<")) return false;
  s.remove_prefix(1);
  for (std::string_view t : kHtmlTags) {
    if (istarts(s, t) && s.size() > t.size()) {
      char c = s[t.size()];
      if (c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\r' || c == '\n') return true;
    }
  }
  return false;
}

Sniffed sniff(std::string_view head) {
  Sniffed r;
  if (starts(head, "PK\x03\x04") || starts(head, "PK\x05\x06")) {
    r.kind = Sniffed::Kind::zip;
    return r;
  }
  // PDF readers accept the header anywhere in the first KiB (PDF 1.7, annex H).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    r.format = Format::pdf;
    return r;
  }
  if (starts(head, "{\\rtf")) {
    r.format = Format::rtf;
    return r;
  }
  for (const auto& m : kMagic) {
    if (head.size() >= m.at + m.bytes.size() && head.substr(m.at, m.bytes.size()) == m.bytes) {
      r.kind = Sniffed::Kind::unsupported;
      r.what = m.what;
      if (m.what == kOffice) r.what += kConvertHint;
      return r;
    }
  }
  if (looks_like_html(head)) r.format = Format::html;
  return r;
}

}  // namespace trich::formats
