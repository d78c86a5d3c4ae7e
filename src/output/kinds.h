// The output fields of every kind, in the contract's order (docs/contract.md), written once:
// the json objects, the jsonl lines, the csv header and rows (one kind or several) and the
// JSON Schema (`trich schema`) are all made from these lists. To add a field to a kind, add
// one line to its list below (docs/contributing.md); every format and the schema follow.
#pragma once

#include <string>
#include <tuple>

#include "extract/entities.h"
#include "output/fields.h"
#include "output/sink.h"

namespace trich {

// An entity's span (a PriorityLine's is its item's, below).
template <class E>
const Span& span_of(const E& e) {
  return e.span;
}

// The span every entity carries. csv writes it first and in its own order (line, column,
// start, end, text: its rank); json and jsonl in this one.
inline const auto& span_fields() {
  static const auto f = std::tuple{
      field("text", [](const auto& e) -> const std::string& { return span_of(e).text; })
          .csv_at(5)
          .describe("the entity's text exactly as in the input"),
      field("start", [](const auto& e) -> const size_t& { return span_of(e).start; })
          .csv_at(3)
          .min(0)
          .describe("byte offset into the input as read"),
      field("end", [](const auto& e) -> const size_t& { return span_of(e).end; })
          .csv_at(4)
          .min(0)
          .describe("byte offset, exclusive"),
      field("line", [](const auto& e) -> const size_t& { return span_of(e).line; }).csv_at(1).min(1),
      field("column", [](const auto& e) -> const size_t& { return span_of(e).column; })
          .csv_at(2)
          .min(1)
          .describe("code points from the line start, 1-based"),
      field("page", [](const auto& e) -> const std::optional<size_t>& { return span_of(e).page; })
          .only<kJson | kJsonl>()
          .only_when_true()
          .min(1)
          .describe("PDF: the page the entity starts on, 1-based (absent for other formats)"),
      field("page_line",
            [](const auto& e) -> const std::optional<size_t>& { return span_of(e).page_line; })
          .only<kJson | kJsonl>()
          .only_when_true()
          .min(1)
          .describe("PDF: the entity's line counted from the start of its page, 1-based"),
  };
  return f;
}

template <>
struct Described<Pinpoint> {
  static constexpr const char* def = "pinpoint";
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        span_fields(),
        std::tuple{
            field("article", &Pinpoint::article).describe("as written; a list joined by \", \""),
            field("clause", &Pinpoint::clause),
            field("point", &Pinpoint::point),
            field("section", &Pinpoint::section),
            field("article_number", &Pinpoint::article_number).describe("the first article"),
            field("clause_number", &Pinpoint::clause_number),
            field("section_number", &Pinpoint::section_number).describe("Roman numerals read"),
        });
    return f;
  }
};

template <>
struct Described<Citation> {
  static constexpr const char* def = "citation";
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        span_fields(),
        std::tuple{
            field("symbol", &Citation::symbol),
            field("number", &Citation::number),
            field("year", &Citation::year),
            field("type", &Citation::type),
            field("type_code", &Citation::type_code),
            field("issuer_code", &Citation::issuer_code),
            field("issuer", &Citation::issuer),
            field("date", &Citation::date).format("date"),
            field("system", &Citation::system).one_of({"party", "state"}),
            field("name", &Citation::name),
            field("refers_to", &Citation::refers_to),
            field("relation", &Citation::relation)
                .one_of_rules("citation.relation")
                .describe("what the citing document does with it, from the clause's cue"),
            field("self", &Citation::self)
                .only<kJson | kJsonl>()
                .only_when_true()
                .describe("the document's own header number"),
            field("pinpoint", &Citation::pinpoint)
                .only<kJson | kJsonl>()
                .describe("the article, clause, point or section cited, with its own span"),
        });
    return f;
  }
};

template <>
struct Described<Item> {
  static constexpr const char* def = "item";
  static const auto& fields() {
    static const auto f = std::tuple_cat(span_fields(), std::tuple{
                                                            field("index", &Item::index).min(1),
                                                            field("marker", &Item::marker),
                                                        });
    return f;
  }
};

// A list's own fields. Those shown in kLine also go on each of its items' jsonl lines and
// csv rows (a PriorityLine below).
template <>
struct Described<PriorityList> {
  static constexpr const char* def = "list";
  static const auto& fields() {
    static const auto f = std::tuple{
        field("style", &PriorityList::style).one_of_rules("list.style"),
        field("announced", &PriorityList::announced),
        field("lead",
              [](const PriorityList& l) {
                return l.lead_span ? std::optional<std::string>(l.lead_span->text)
                                   : std::nullopt;
              })
            .only<kJson>(),
        field("items", &PriorityList::items).only<kJson>(),
    };
    return f;
  }
};

// One item as jsonl and csv show it: a line or row per item, with its list's number in the
// document and the list's fields.
struct PriorityLine {
  const PriorityList& list;
  const Item& item;
  int number = 0;  // 1-based within the document
};
inline const Span& span_of(const PriorityLine& p) { return p.item.span; }

template <>
struct Described<PriorityLine> {
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        via_all([](const PriorityLine& p) -> const Item& { return p.item; },
                Described<Item>::fields()),
        std::tuple{field("list", &PriorityLine::number).only<kLine>().csv_at(10).min(1)},
        shown_in<kLine>(via_all([](const PriorityLine& p) -> const PriorityList& { return p.list; },
                                Described<PriorityList>::fields())));
    return f;
  }
};

template <>
struct Described<Date> {
  static constexpr const char* def = "date";
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        span_fields(),
        std::tuple{
            field("value", &Date::value)
                .pattern("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4]|-H[12])?$"),
            field("precision", &Date::precision)
                .one_of({"day", "month", "quarter", "half", "year"}),
            field("inferred", &Date::inferred).only<kJson | kJsonl>().only_when_true(),
            field("relative", &Date::relative).only<kJson | kJsonl>().only_when_true(),
            field("interval_from", &Date::interval_from)
                .only<kJson | kJsonl>()
                .only_when_true()
                .pattern("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
            field("interval_to", &Date::interval_to)
                .only<kJson | kJsonl>()
                .only_when_true()
                .pattern("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
        });
    return f;
  }
};

template <>
struct Described<Term> {
  static constexpr const char* def = "term";
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        span_fields(),
        std::tuple{
            // jsonl lines have a "kind" of their own (docs/contract.md)
            field("kind", &Term::kind)
                .jsonl_as("term_kind")
                .one_of_rules("term.kind"),
            field("from", &Term::from),
            field("to", &Term::to),
            field("ordinal", &Term::ordinal),
        });
    return f;
  }
};

template <>
struct Described<Finding> {
  static constexpr const char* def = "finding";
  static const auto& fields() {
    static const auto f = std::tuple_cat(
        span_fields(),
        std::tuple{
            field("code", &Finding::code)
                .one_of({"citation.type_mismatch", "citation.unknown_type_code",
                         "citation.year_mismatch", "citation.conflicting_dates",
                         "citation.not_in_registry", "citation.registry_mismatch",
                         "citation.superseded",
                         "date.invalid", "priorities.gap", "priorities.duplicate",
                         "priorities.count_mismatch", "anniversary.mismatch"}),
            field("severity", &Finding::severity).one_of({"error", "warning", "info"}),
            field("message", &Finding::message),
            // The values in the message, by name (docs/audit.md lists each code's), so
            // scripts never parse the message, whatever its language.
            field("args", &Finding::args).only<kJson | kJsonl>(),
        });
    return f;
  }
};

// A document's identity, from its header (extract/identity.h).
template <>
struct Described<DocSelf> {
  static constexpr const char* def = "self";
  static const auto& fields() {
    static const auto f = std::tuple{
        field("symbol", &DocSelf::symbol).describe("its own number and symbol"),
        field("type", &DocSelf::type),
        field("date", &DocSelf::date).format("date"),
        field("place", &DocSelf::place),
        field("issuer", &DocSelf::issuer).describe("the issuing body as the header writes it"),
        field("title", &DocSelf::title),
    };
    return f;
  }
};

// A document's own fields: json writes them before its sections; jsonl writes them on the
// document's first line, {"source":...,"kind":"document",...} (source and kind are written as
// on every line), followed by `counts`, the number of lines of each kind that follow.
template <>
struct Described<DocumentHead> {
  static constexpr const char* def = "document";
  static const auto& fields() {
    static const auto f = std::tuple{
        field("source", &DocumentHead::source).only<kJson>(),
        // What the input was read as (formats/format.h).
        field("format", &DocumentHead::format)
            .only<kJson | kJsonl>()
            .one_of({"text", "docx", "odt", "pdf", "html"})
            .describe("what the input was read as; for all but text, offsets, lines and "
                      "columns index the text `trich text` prints"),
        field("encoding", &DocumentHead::encoding),
        field("bytes", &DocumentHead::bytes).min(0),
        field("self", &DocumentHead::self)
            .only<kJson>()
            .describe("the document's identity from its header; null when citations are not "
                      "extracted"),
    };
    return f;
  }
};

// A kind: its section, its names, where its entities are, and what it shows.
//   Entity: what json writes, one object per element of Extraction::*entities.
//   Line: what jsonl writes one line of, and csv one row of; lines(x, st, f) calls f with
//   each (st numbers priority lists).
//   value(line): the `value` column of csv with several kinds.
template <class Entity, class Line, class Lines, class Value>
struct OutputKind {
  using entity_type = Entity;
  using line_type = Line;
  Section section;
  const char* key;   // the json document's key ("citations") and the section's name
  const char* line;  // the jsonl "kind" and the csv "kind" ("citation")
  std::vector<Entity> Extraction::*entities;
  Lines lines;
  Value value;
};

template <class Entity, class Line, class Lines, class Value>
OutputKind<Entity, Line, Lines, Value> kind(Section s, const char* key, const char* line,
                                      std::vector<Entity> Extraction::*entities, Lines lines,
                                      Value value) {
  return {s, key, line, entities, lines, value};
}

// A kind whose lines are its entities.
template <class Entity, class Value>
auto simple_kind(Section s, const char* key, const char* line,
                 std::vector<Entity> Extraction::*entities, Value value) {
  auto lines = [entities](const Extraction& x, SectionState&, auto&& f) {
    for (const auto& e : x.*entities) f(e);
  };
  return kind<Entity, Entity>(s, key, line, entities, lines, value);
}

inline std::string opt_str(const std::optional<std::string>& v) { return v ? *v : ""; }
inline std::string opt_str(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

// Every kind, in section order (docs/contract.md).
inline const auto& kinds() {
  static const auto k = std::tuple{
      simple_kind(Section::citations, "citations", "citation", &Extraction::citations,
                  [](const Citation& c) { return c.symbol ? *c.symbol : opt_str(c.name); }),
      kind<PriorityList, PriorityLine>(
          Section::priorities, "priorities", "priority", &Extraction::priorities,
          [](const Extraction& x, SectionState& st, auto&& f) {
            for (const auto& l : x.priorities) {
              int n = ++st.lists;
              for (const auto& it : l.items) f(PriorityLine{l, it, n});
            }
          },
          [](const PriorityLine& p) {
            return std::to_string(p.number) + "." + std::to_string(p.item.index);
          }),
      simple_kind(Section::dates, "dates", "date", &Extraction::dates,
                  [](const Date& d) { return d.value; }),
      simple_kind(Section::terms, "terms", "term", &Extraction::terms,
                  [](const Term& t) {
                    return t.ordinal ? std::to_string(*t.ordinal)
                                     : opt_str(t.from) + "-" + opt_str(t.to);
                  }),
      simple_kind(Section::findings, "findings", "finding", &Extraction::findings,
                  [](const Finding& f) { return f.code; }),
  };
  return k;
}

// Calls f(kind) for each kind, in order.
template <class F>
void each_kind(F&& f) {
  std::apply([&](const auto&... k) { (f(k), ...); }, kinds());
}

// Calls f(kind) for the kind of section `s`.
template <class F>
void with_kind(Section s, F&& f) {
  each_kind([&](const auto& k) {
    if (k.section == s) f(k);
  });
}

}  // namespace trich
