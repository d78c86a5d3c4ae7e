// One self-contained html page for a run (extract and audit), for people to read: each
// document's text with its entities highlighted by kind (<mark data-kind="...">) and each
// finding underlined at its span, its message in a note after the span's last line (an
// element with data-code and data-severity); a summary of the run (documents x findings by
// severity, entity counts by kind) linking to each finding; filters by kind and severity.
//
// Nothing in the page reaches the network: the style and the one script are inline, and its
// Content-Security-Policy allows no source at all but that script (by its hash) and inline
// style, so even a tag that escaping let through could neither load nor run anything. Every
// piece of document text and every file name is escaped (output/html_text.h). Without
// JavaScript the page reads the same; only the filters (hidden) need it.
//
// The page is streamed: each document is written when it is done, from the text its part
// carries (a large input read in windows is written window by window from a spool), and the
// sink keeps only the summary's counts and finding rows. So the summary comes last in the
// file and the style shows it first (flex order). Element ids: "doc-N" the N-th document
// written; "dK-fM" the M-th finding of the document numbered K when its first part was
// formatted (workers format side by side, so K follows no order); "r-dK-fM" its summary row.
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "audit/messages.h"
#include "output/html_text.h"
#include "output/report_sinks.h"

namespace trich {
namespace {

using html::escape;

// The kinds a page highlights, in the contract's order: the data-kind value, the word of the
// interface that names them (messages.toml [ui]).
constexpr std::array<const char*, 4> kKinds = {"citation", "priority", "date", "term"};
constexpr std::array<const char*, 4> kKindWords = {"citations", "priorities", "dates", "terms"};
constexpr std::array<const char*, 3> kSeverities = {"error", "warning", "info"};

int severity_index(const std::string& s) { return s == "error" ? 0 : s == "warning" ? 1 : 2; }

// Where the line holding offset `b` starts, or `most` bytes before `b` (at a character's
// start) when it starts further back.
size_t line_start(std::string_view text, size_t b, size_t most) {
  size_t nl = b == 0 ? std::string_view::npos : text.rfind('\n', b - 1);
  size_t from = nl == std::string_view::npos ? 0 : nl + 1;
  if (b - from <= most) return from;
  from = b - most;
  while (from < b && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  return from;
}

// Where the line holding offset `e` ends (its line end excluded), at most `most` bytes after
// `e` (at a character's start) and not after `limit`.
size_t line_end(std::string_view text, size_t e, size_t limit, size_t most) {
  size_t nl = std::min(text.find('\n', e), limit);
  if (nl - e <= most) return nl;
  size_t to = e + most;
  while (to > e && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) --to;
  return to;
}

// The one script: shows the filters and toggles a class on <body> per unchecked box, which
// the style turns into hiding (so a filter costs one class change, whatever the page's size).
// The Content-Security-Policy lets it run by its hash: change the script, change kScriptHash
// (tests/cli/html_test.sh recomputes it and says the new one).
constexpr const char* kScript =
    "(function () {\n"
    "  var f = document.getElementById('filters');\n"
    "  if (!f) return;\n"
    "  f.hidden = false;\n"
    "  f.addEventListener('change', function (e) {\n"
    "    document.body.classList.toggle('hide-' + e.target.value, !e.target.checked);\n"
    "  });\n"
    "})();\n";
constexpr const char* kScriptHash = "sha256-XnlAT41uDWNSNiwk3lcNuM9wMknpa98zmHEDamD8NwE=";

constexpr const char* kStyle = R"(
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;
--error:#cf222e;--warning:#bc4c00;--info:#0969da}
body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem 4rem;color:var(--ink);background:var(--bg);
font:15px/1.5 system-ui,"Segoe UI","Noto Sans",Roboto,Arial,sans-serif;display:flex;flex-direction:column}
header{order:-2}#summary{order:-1}main{order:0}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .25rem;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.sev{white-space:nowrap}thead th,tfoot th{background:var(--panel)}
#filters{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}#filters[hidden]{display:none}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.2rem .75rem}
label{margin-right:.75rem;white-space:nowrap}
.doc{border-top:1px solid var(--line);margin-top:1rem}.meta{color:var(--muted);margin:0;font-size:.85rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:"Noto Serif",Georgia,serif;
font-size:1rem;line-height:1.7;background:var(--panel);padding:.75rem 1rem;border-radius:6px}
mark{color:inherit;background:none;border-radius:3px}
mark[data-kind=citation]{background:#cfe3ff}mark[data-kind=priority]{background:#d3f5dc}
mark[data-kind=date]{background:#ffe9b3}mark[data-kind=term]{background:#ecdcff}
.hide-citation mark[data-kind=citation],.hide-priority mark[data-kind=priority],
.hide-date mark[data-kind=date],.hide-term mark[data-kind=term]{background:none}
.f{text-decoration:underline wavy;text-decoration-skip-ink:none;text-underline-offset:4px}
.f.s-error{text-decoration-color:var(--error)}.f.s-warning{text-decoration-color:var(--warning)}
.f.s-info{text-decoration-color:var(--info)}
.note{display:block;white-space:normal;font-family:system-ui,sans-serif;font-size:.875rem;
line-height:1.4;margin:.25rem 0 0;padding:.3rem .6rem;background:var(--bg);
border:1px solid var(--line);border-left:4px solid var(--info);border-radius:4px}
.note.s-error{border-left-color:var(--error)}.note.s-warning{border-left-color:var(--warning)}
.sev{font-weight:600}.s-error .sev{color:var(--error)}.s-warning .sev{color:var(--warning)}
.s-info .sev{color:var(--info)}code{font-size:.85em}.note a{text-decoration:none}
.page{display:block;color:var(--muted);font-family:system-ui,sans-serif;font-size:.8rem;
border-bottom:1px dashed var(--line);margin:.5rem 0}
.hide-error .f.s-error,.hide-warning .f.s-warning,.hide-info .f.s-info{text-decoration:none}
.hide-error .s-error:not(.f),.hide-warning .s-warning:not(.f),.hide-info .s-info:not(.f){display:none}
.cut{color:var(--muted)}:target{outline:2px solid var(--info);outline-offset:2px}
@media print{#filters{display:none}.text{background:none}}
)";

// What the summary shows of one document, gathered from its parts.
struct DocSummary {
  std::array<size_t, 4> kinds{};
  std::array<size_t, 3> severities{};
  std::string rows;  // its findings' rows in the summary table
};

class HtmlSink : public Sink {
 public:
  HtmlSink(const SinkOptions& o, std::ostream& out)
      : Sink(o, out), messages_(o.messages ? *o.messages : Messages::builtin("en")) {
    // The page shows a document's text once, every kind marked in it: one section carries it.
    sections_.resize(1);
    show_kinds_ = {o.kinds.citations, o.kinds.priorities, o.kinds.dates, o.kinds.terms};
    if (o.findings_only) show_kinds_ = {};
  }

  void begin() override {
    std::string title = ui(o_.findings ? "report_title" : "extract_title");
    out_ << "<!DOCTYPE html>\n<html lang=\"" << escape(messages_.lang()) << "\">\n<head>\n"
         << "<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src '"
         << kScriptHash << "'; base-uri 'none'; form-action 'none'\">\n"
         << "<meta name=\"generator\" content=\"trich " TRICH_VERSION "\">\n"
         << "<title>" << title << "</title>\n<style>" << kStyle << "</style>\n</head>\n"
         << "<body data-command=\"" << (o_.findings ? "audit" : "extract") << "\">\n"
         << "<header id=\"top\">\n<h1>" << title << "</h1>\n<form id=\"filters\" hidden>\n";
    if (any_kind()) {
      out_ << "<fieldset><legend>" << ui("filter_kind") << "</legend>";
      for (size_t k = 0; k < kKinds.size(); ++k) {
        if (!show_kinds_[k]) continue;
        out_ << "<label><input type=\"checkbox\" value=\"" << kKinds[k] << "\" checked> "
             << ui(kKindWords[k]) << "</label>";
      }
      out_ << "</fieldset>\n";
    }
    if (o_.findings) {
      out_ << "<fieldset><legend>" << ui("filter_severity") << "</legend>";
      for (const char* s : kSeverities) {
        out_ << "<label class=\"s-" << s << "-box\"><input type=\"checkbox\" value=\"" << s
             << "\" checked> " << ui(s) << "</label>";
      }
      out_ << "</fieldset>\n";
    }
    out_ << "</form>\n</header>\n<main>\n";
  }

  void open_document(const DocumentHead& h) override {
    ++written_;
    // --findings-only: a document without findings is in the summary only.
    shown_ = !(o_.findings_only && (h.counts.empty() || h.counts[0] == 0));
    current_ = h.source;
    if (!shown_) return;
    out_ << "<section class=\"doc\" id=\"doc-" << written_ << "\" data-source=\""
         << escape(h.source) << "\">\n<h2>" << escape(h.source) << "</h2>\n<p class=\"meta\">"
         << escape(h.format);
    if (!h.encoding.empty()) out_ << " &middot; " << escape(h.encoding);
    out_ << " &middot; " << h.bytes << " " << ui("bytes") << "</p>\n";
  }

  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream& to) const override {
    entities_in_text(s, h, x, PartText{}, st, to);
  }

  void entities_in_text(Section, const DocumentHead& h, const Extraction& x, const PartText& t,
                        SectionState& st, std::ostream& to) const override {
    DocSummary sum;
    std::string buf;
    if (st.id == 0) {
      st.id = ++ids_;
      if (!o_.findings_only) buf += "<div class=\"text\">";
    }
    std::vector<html::Mark> marks;
    std::vector<html::Insert> notes;
    const Document* doc = t.doc;
    auto at = [&](size_t b) { return doc ? doc->to_decoded(b) : 0; };
    auto mark = [&](size_t k, const At& a, const std::string& title) {
      ++sum.kinds[k];
      if (!doc || !show_kinds_[k]) return;
      marks.push_back({at(a.b), at(a.e),
                       fmt::format("<mark data-kind=\"{}\" title=\"{}\">", kKinds[k], escape(title)),
                       "", "</mark>"});
    };
    for (const auto& c : x.citations) mark(0, c.at, c.symbol ? *c.symbol : c.name.value_or(""));
    for (const auto& l : x.priorities) {
      for (const auto& i : l.items) mark(1, i.at, fmt::format("{} {}", l.style, i.index));
    }
    for (const auto& d : x.dates) mark(2, d.at, d.value);
    for (const auto& e : x.terms) {
      mark(3, e.at, e.ordinal ? fmt::format("{} {}", e.kind, *e.ordinal)
                              : fmt::format("{} {}-{}", e.kind, e.from.value_or(0), e.to.value_or(0)));
    }
    if (o_.findings) {
      for (const auto& f : x.findings) {
        std::string id = fmt::format("d{}-f{}", st.id, ++st.entities);
        ++sum.severities[severity_index(f.severity)];
        std::string sev = escape(f.severity);
        std::string note = note_of(f, id);
        sum.rows += fmt::format(
            "<tr class=\"s-{0}\" id=\"r-{1}\"><td><a href=\"#{1}\">{2}:{3}:{4}</a></td>"
            "<td class=\"sev\">{5}</td><td><code>{6}</code></td><td>{7}</td></tr>\n",
            sev, id, escape(h.source), f.span.line, f.span.column, ui(f.severity),
            escape(f.code), escape(f.message));
        if (!doc) {
          buf += note;
          continue;
        }
        size_t b = at(f.at.b), e = at(f.at.e);
        std::string_view text = doc->decoded();
        if (o_.findings_only) {
          // The finding's own lines (cut around the span when long), the span underlined.
          size_t from = line_start(text, b, 240), to_ = line_end(text, std::max(b, e), t.end, 240);
          buf += note + "<div class=\"text\">";
          if (from > 0 && text[from - 1] != '\n') buf += "<span class=\"cut\">&hellip;</span>";
          html::render(text, from, to_, {finding_mark(f, b, e)}, {}, buf);
          if (to_ < t.end && text[to_] != '\n') buf += "<span class=\"cut\">&hellip;</span>";
          buf += "</div>\n";
          continue;
        }
        marks.push_back(finding_mark(f, b, e));
        // The note goes after the line the span ends on (after its line end: a block's last
        // line end makes no empty line, so the text keeps every character).
        size_t end = std::max(b, e);
        size_t nl = end > b && text[end - 1] == '\n' ? end - 1 : text.find('\n', end);
        notes.push_back({nl == std::string_view::npos ? t.end : std::min(nl + 1, t.end), note});
      }
    }
    if (doc && !o_.findings_only) {
      // A paged input (PDF): a mark where each page starts, before the notes at that point.
      std::vector<html::Insert> inserts;
      const auto& pages = doc->page_starts();
      for (size_t i = 0; i < pages.size() && pages[i] < t.end; ++i) {
        inserts.push_back({pages[i],
                           fmt::format("<span class=\"page\" data-page=\"{}\">{} {}</span>",
                                       i + 1, ui("page"), i + 1),
                           false});
      }
      inserts.insert(inserts.end(), notes.begin(), notes.end());
      html::render(doc->decoded(), 0, t.end, std::move(marks), std::move(inserts), buf);
    }
    {
      std::lock_guard<std::mutex> lk(mu_);
      DocSummary& d = pending_[st.id];
      for (size_t k = 0; k < 4; ++k) d.kinds[k] += sum.kinds[k];
      for (size_t k = 0; k < 3; ++k) d.severities[k] += sum.severities[k];
      d.rows += sum.rows;
    }
    to << buf;
  }

  void close_section(Section, const SectionState& st) override {
    if (shown_ && st.id && !o_.findings_only) out_ << "</div>\n";
    DocSummary sum;
    {
      std::lock_guard<std::mutex> lk(mu_);
      auto it = pending_.find(st.id);
      if (it != pending_.end()) {
        sum = std::move(it->second);
        pending_.erase(it);
      }
    }
    done_.push_back({current_, shown_ ? written_ : 0, std::move(sum)});
  }

  void close_document() override {
    if (shown_) out_ << "</section>\n";
  }

  void end() override {
    out_ << "</main>\n<section id=\"summary\">\n";
    std::array<size_t, 4> kinds{};
    std::array<size_t, 3> sev{};
    for (const auto& d : done_) {
      for (size_t k = 0; k < 4; ++k) kinds[k] += d.sum.kinds[k];
      for (size_t k = 0; k < 3; ++k) sev[k] += d.sum.severities[k];
    }
    if (o_.findings) {
      out_ << "<p class=\"totals\">"
           << escape(messages_.ui("summary", {{"documents", std::to_string(done_.size())},
                                              {"errors", std::to_string(sev[0])},
                                              {"warnings", std::to_string(sev[1])},
                                              {"info", std::to_string(sev[2])}}))
           << "</p>\n";
    }
    out_ << "<table class=\"counts\">\n<thead><tr><th>" << ui("documents") << "</th>";
    if (o_.findings) {
      for (const char* s : kSeverities) out_ << "<th class=\"n\">" << ui(s) << "</th>";
    }
    for (size_t k = 0; k < 4; ++k) {
      if (show_kinds_[k]) out_ << "<th class=\"n\">" << ui(kKindWords[k]) << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    auto numbers = [&](const std::array<size_t, 3>& s, const std::array<size_t, 4>& k) {
      if (o_.findings) {
        for (size_t i = 0; i < 3; ++i) out_ << "<td class=\"n\">" << s[i] << "</td>";
      }
      for (size_t i = 0; i < 4; ++i) {
        if (show_kinds_[i]) out_ << "<td class=\"n\">" << k[i] << "</td>";
      }
    };
    for (const auto& d : done_) {
      out_ << "<tr><td>";
      if (d.number) {
        out_ << "<a href=\"#doc-" << d.number << "\">" << escape(d.source) << "</a>";
      } else {
        out_ << escape(d.source);
      }
      out_ << "</td>";
      numbers(d.sum.severities, d.sum.kinds);
      out_ << "</tr>\n";
    }
    out_ << "</tbody>\n<tfoot><tr><th>" << ui("total") << "</th>";
    numbers(sev, kinds);
    out_ << "</tr></tfoot>\n</table>\n";
    if (o_.findings) {
      out_ << "<h2>" << ui("findings") << "</h2>\n";
      if (sev[0] + sev[1] + sev[2] == 0) {
        out_ << "<p>" << ui("no_findings") << "</p>\n";
      } else {
        out_ << "<table class=\"findings\">\n<thead><tr><th>" << ui("source") << "</th><th>"
             << ui("severity") << "</th><th>" << ui("code") << "</th><th>" << ui("message")
             << "</th></tr></thead>\n<tbody>\n";
        for (const auto& d : done_) out_ << d.sum.rows;
        out_ << "</tbody>\n</table>\n";
      }
    }
    out_ << "</section>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  }

 private:
  struct Done {
    std::string source;
    size_t number;  // its section's "doc-N", 0 when not shown
    DocSummary sum;
  };

  std::string ui(const std::string& key) const { return escape(messages_.ui(key)); }
  bool any_kind() const {
    for (bool k : show_kinds_) {
      if (k) return true;
    }
    return false;
  }

  html::Mark finding_mark(const Finding& f, size_t b, size_t e) const {
    return {b, e, fmt::format("<span class=\"f s-{}\">", escape(f.severity)), "", "</span>"};
  }

  // The note of a finding: where, how severe, its code and message, a link back to its row.
  std::string note_of(const Finding& f, const std::string& id) const {
    std::string where = fmt::format("{}:{}", f.span.line, f.span.column);
    std::string page;
    if (f.span.page) {
      page = fmt::format(" data-page=\"{}\"", *f.span.page);
      where = fmt::format("{} {}, {}", ui("page"), *f.span.page, where);
    }
    return fmt::format(
        "<span class=\"note s-{0}\" id=\"{1}\" data-code=\"{2}\" data-severity=\"{0}\" "
        "data-line=\"{3}\" data-column=\"{4}\"{5}><a href=\"#r-{1}\" title=\"{6}\">{7}</a> "
        "<span class=\"sev\">{8}</span> <code>{2}</code> {9}</span>",
        escape(f.severity), id, escape(f.code), f.span.line, f.span.column, page, ui("back"),
        where, ui(f.severity), escape(f.message));
  }

  const Messages& messages_;
  std::array<bool, 4> show_kinds_{};
  mutable std::atomic<size_t> ids_{0};
  mutable std::mutex mu_;
  mutable std::map<size_t, DocSummary> pending_;  // by the id drawn at a first part
  // The writing thread's: the documents written so far, in order.
  size_t written_ = 0;
  bool shown_ = true;
  std::string current_;
  std::vector<Done> done_;
};

}  // namespace

std::unique_ptr<Sink> make_html_sink(const SinkOptions& o, std::ostream& out) {
  return std::make_unique<HtmlSink>(o, out);
}

}  // namespace trich
