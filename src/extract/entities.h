// The typed entities trich extracts (CONTRACT.md: CITATION, LIST/ITEM, DATE, TERM, FINDING).
// Offsets in `at` are into the normalized text while extracting; `span` is filled from them
// (input bytes, line, column, text) once a document is done.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "text/document.h"

namespace trich {

struct At {
  size_t b = 0, e = 0;  // [b, e) in Document::text()
};

// The part of a cited document a citation points at ("diem a khoan 2 Dieu 5"): as written
// (a list joined by ", ": "5, 6") and the first number of each part. Its own span.
struct Pinpoint {
  At at;
  Span span;
  std::optional<std::string> article, clause, point, section;
  std::optional<int> article_number, clause_number, section_number;
};

struct Citation {
  At at;
  Span span;
  std::optional<std::string> symbol, number;
  std::optional<int> year;
  std::optional<std::string> type, type_code, issuer_code, issuer, date, system, name, refers_to;
  // What audit needs beyond the contract: the type as the words said it (before falling back
  // to the code), the date as written when it is not a real date, and where the date is.
  std::optional<std::string> type_from_words;
  std::optional<At> date_at;
  // How the citation is written, for the passes after the scan: "symbol", or for a named
  // citation the form of its rule ("party", "title", "amend", "short"; rules/vi/named.toml).
  std::string form = "symbol";
  std::optional<std::string> inner_type;  // "amend": the type of the law it amends
  size_t core_end = 0;  // where the symbol or the name ends (before its date and issuer)
  // What the citing document does with it, from the cue words of the clause it sits in
  // (rules/vi/relations.toml): basis, implements, amends, replaces, repeals, guides, mention.
  std::string relation = "mention";
  bool self = false;  // the citation is the document's own header number (extract/identity.h)
  std::optional<Pinpoint> pinpoint;  // what part of it (extract/pinpoints.h)
};

// A document's own identity, read from its header and first lines (extract/identity.h). Each
// field is null when the header does not say it.
struct DocSelf {
  std::optional<std::string> symbol, type, date, place, issuer, title;
};

// "Ha Noi, ngay 01 thang 4 nam 2021" in a header, as the header rules find it.
struct HeaderDate {
  At at;
  std::optional<At> place;
  std::string value;  // ISO date
};

struct Date {
  At at;
  Span span;
  std::string value;      // "2019-05-30", "2020-07", "2024-Q3", "2024-H1" or "2020"
  std::string precision;  // "day", "month", "quarter", "half" or "year"
  bool inferred = false;  // the day borrowed its month/year from the end of a range
  bool relative = false;  // resolved against the reference date ("hom nay", "nam nay")
  // Both ends of a range ("tu ngay 1/1/2024 den ngay 31/3/2024") carry the range's two
  // values, so either date alone says what it belongs to (no ids to keep across windows).
  std::optional<std::string> interval_from, interval_to;
};

// A date known from the document itself or given by the user, for relative dates.
struct RefDate {
  int y = 0, m = 0, d = 0;
};

struct Term {
  At at;
  Span span;
  std::string kind;  // nhiem_ky, period, khoa, dai_hoi
  std::optional<int> from, to, ordinal;
};

struct Item {
  At at;
  Span span;
  int index = 0;
  std::string marker;
};

struct PriorityList {
  std::string style;  // "thu" or "la"
  std::optional<int> announced;
  std::optional<std::string> lead;
  std::optional<At> lead_at;
  std::optional<Span> lead_span;
  std::vector<Item> items;
};

// A finding's arguments: the values filled into its message (audit/messages.h), by name, in
// the order the check gives them.
struct FindingArgs {
  std::vector<std::pair<std::string, std::string>> items;
  bool empty() const { return items.empty(); }
};

// A line of the input shown around a finding (--format text, html).
struct SourceLine {
  size_t number = 0;
  std::string text;  // decoded, without its line end
};

struct Finding {
  At at;
  Span span;
  std::string code, severity, message;
  FindingArgs args;
  // The other mention the finding is about (the earlier date of a conflict, the item before
  // a gap), when there is one.
  std::optional<At> related_at;
  std::optional<Span> related;
  // The input's lines around span and related (--context), in line order.
  std::vector<SourceLine> excerpt;
};

// A date-shaped expression that is no calendar date (for audit's date.invalid).
struct InvalidDate {
  At at;
  std::string reason;
  int day = 0, month = 0, year = 0;
};

// "N nam ... Y1 - Y2" as found by the anniversary rules (audit checks the arithmetic).
struct Anniversary {
  At at;        // the whole mention
  At years_at;  // the year span
  int years = 0, from = 0, to = 0;
};

// Working records of resolvers, consumed by the passes that follow them.
struct Marker {  // one priority marker, before markers are grouped into lists
  Item item;
  std::string style;
  bool weak = false;  // counts only when it continues a list (see rules/vi/priorities.toml)
};
struct Announcement {  // "06 ket qua", "sau nhiem vu" inside a lead
  At at;
  int count = 0;
};

enum class Kind { citations, priorities, dates, terms };

struct Extraction {
  std::vector<Citation> citations;
  std::vector<PriorityList> priorities;
  std::vector<Date> dates;
  std::vector<Term> terms;
  std::vector<Finding> findings;
  std::vector<InvalidDate> invalid_dates;
  std::vector<Anniversary> anniversaries;
  std::vector<Marker> markers;
  std::vector<Announcement> announcements;
  std::vector<HeaderDate> header_dates;
  std::vector<Pinpoint> pinpoints;  // found by the pinpoint rules, before attaching
  // The document's identity; set when citations are extracted from its first window.
  std::optional<DocSelf> self;
  // The document's own date (its header's "place, ngay d thang m nam y"), the first found.
  std::optional<RefDate> document_date;
};

}  // namespace trich
