// Sink: where finished documents go. Writers (json, jsonl, csv, text) implement it and see
// only extracted entities, never rules or matches. Documents arrive in input order.
//
// A document is written as its sections in a fixed order (citations, priorities, dates,
// terms, findings; CONTRACT.md). A writer implements the pieces (the document's head, a
// section's opening, a run of its entities, its closing, the document's tail), so the same
// code writes a whole document at once (document()) and one that arrives in parts: a large
// input read a window at a time (output/parts.h) spools each section's entities and writes
// the document when its last window is done.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "extract/entities.h"
#include "extract/kind_set.h"

namespace trich {

struct DocumentHead {
  std::string source;
  std::string encoding;
  size_t bytes = 0;
  std::string format = "text";  // the input's format (formats/format.h)
  std::optional<DocSelf> self;
  // The lines (jsonl) or entities (json: a priority list counts once) of each section the
  // sink writes, in section order; known once the document is whole (PartWriter::finish).
  // Empty until then: the initializer lets head() and the pipeline leave it out
  // (-Wmissing-field-initializers).
  std::vector<size_t> counts = {};
};

struct DocumentResult {
  std::string source;
  std::string encoding;
  size_t bytes = 0;
  Extraction x;
  std::string format = "text";
  DocumentHead head() const { return {source, encoding, bytes, format, x.self}; }
};

class Messages;

struct SinkOptions {
  std::string format = "json";  // json, jsonl, csv, text, sarif, xlsx, html
  KindSet kinds;
  bool findings = false;        // audit: documents carry findings
  bool findings_only = false;   // audit: print the findings, not the entities
  bool bom = false;             // csv: start with a UTF-8 byte-order mark
  bool color = false;           // text: ANSI colours (output/color.h decides)
  const Messages* messages = nullptr;  // the words around findings; English when null
};

enum class Section { citations, priorities, dates, terms, findings };

// The text a part of a document covers, for writers that show it (html): the Document the
// part's entities were found in (a whole input, or one window of a large one) and where the
// part ends in its decoded() (a window's lookahead is the next part's). Valid only while the
// part is formatted.
struct PartText {
  const Document* doc = nullptr;
  size_t end = 0;
};

// What has been written of one section of one document so far.
struct SectionState {
  size_t entities = 0;  // entities written (json: a priority list counts once; jsonl: lines)
  int lists = 0;        // priority lists numbered so far (jsonl and csv number them)
  size_t id = 0;        // html: the document's number in the page, drawn at its first part
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void begin() {}
  virtual void end() {}

  // Writes a whole document.
  void document(const DocumentResult& d);

  // The sections this writer writes, in order.
  const std::vector<Section>& sections() const { return sections_; }

  // The pieces of a document. All but entities() write to the sink's own stream, from the
  // writing thread; entities() writes to `to`, that stream or a spool (output/parts.h), and
  // may be called from several threads at once (each with its own `st` and `to`).
  virtual void open_document(const DocumentHead&) {}
  virtual void open_section(Section) {}
  virtual void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                        std::ostream& to) const = 0;
  // The same, given the part's text too: a writer that shows the text (html) overrides it;
  // the others write the entities alone.
  virtual void entities_in_text(Section s, const DocumentHead& h, const Extraction& x,
                                const PartText&, SectionState& st, std::ostream& to) const {
    entities(s, h, x, st, to);
  }
  virtual void close_section(Section, const SectionState&) {}
  virtual void close_document() {}
  std::ostream& stream() { return out_; }

 protected:
  Sink(const SinkOptions& o, std::ostream& out);
  SinkOptions o_;
  std::ostream& out_;
  std::vector<Section> sections_;
};

// nullptr for an unknown format.
std::unique_ptr<Sink> make_sink(const SinkOptions& o, std::ostream& out);

}  // namespace trich
