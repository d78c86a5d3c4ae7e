// xlsx through libxlsxwriter: a sheet per kind printed (citations, priorities, dates, terms)
// and, for audit, a Findings sheet. Every text is a text cell, so a symbol or a number written
// "04" stays as written; a day-precision ISO date (a DATE's value, a citation's date) is a
// date cell shown yyyy-mm-dd; counts, lines and years are numbers. Each sheet has its header
// frozen, an autofilter over its rows and columns as wide as their text (up to a limit).
// libxlsxwriter writes to a file: the workbook is made in a temporary file and copied to the
// output, then removed.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <xlsxwriter.h>

#include "audit/messages.h"
#include "output/excerpt.h"
#include "output/kinds.h"
#include "output/report_sinks.h"

namespace trich {
namespace {

struct Cell {
  enum Type { blank, text, number, date } type = blank;
  std::string s;
  double n = 0;
  int y = 0, m = 0, d = 0;
};

bool iso_day(const std::string& v, Cell& c) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (v[i] < '0' || v[i] > '9') return false;
  }
  c.type = Cell::date;
  c.y = std::atoi(v.substr(0, 4).c_str());
  c.m = std::atoi(v.substr(5, 2).c_str());
  c.d = std::atoi(v.substr(8, 2).c_str());
  return true;
}

Cell cell_of(const std::string& v) {
  Cell c;
  c.type = Cell::text;
  c.s = v;
  return c;
}
// No sheet has a boolean column: bool is kept out of the integral overload so that one added
// later fails to compile here instead of reading 1/0.
template <class N>
  requires(std::is_integral_v<N> && !std::is_same_v<N, bool>)
Cell cell_of(N v) {
  Cell c;
  c.type = Cell::number;
  c.n = static_cast<double>(v);
  return c;
}
template <class T>
Cell cell_of(const std::optional<T>& v) {
  return v ? cell_of(*v) : Cell{};
}

using Row = std::vector<Cell>;

struct Sheet {
  std::string name;
  std::vector<std::string> header;
};

class XlsxSink : public Sink {
 public:
  XlsxSink(const SinkOptions& o, std::ostream& out)
      : Sink(o, out), messages_(o.messages ? *o.messages : Messages::builtin("en")) {
    for (Section s : sections_) {
      Sheet sh;
      if (s == Section::findings) {
        sh.name = "Findings";
        sh.header = {"source", "line", "column", "severity", "code", "message", "text"};
      } else {
        with_kind(s, [&](const auto& k) {
          using L = typename std::remove_cvref_t<decltype(k)>::line_type;
          sh.name = k.key;
          sh.header = {"source"};
          each_field<kCsv>(Described<L>::fields(), [&](const auto& f) { sh.header.push_back(f.name); });
        });
      }
      sheets_.push_back(std::move(sh));
    }
  }
  void open_document(const DocumentHead& h) override { order_.push_back(h.source); }
  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState& st,
                std::ostream&) const override {
    std::vector<Row> rows;
    if (s == Section::findings) {
      for (const auto& f : x.findings) {
        rows.push_back({cell_of(h.source), cell_of(f.span.line), cell_of(f.span.column),
                        cell_of(f.severity), cell_of(f.code), cell_of(f.message),
                        cell_of(f.span.text)});
      }
    } else {
      with_kind(s, [&](const auto& k) {
        using L = typename std::remove_cvref_t<decltype(k)>::line_type;
        k.lines(x, st, [&](const L& line) {
          Row r = {cell_of(h.source)};
          each_field<kCsv>(Described<L>::fields(), [&](const auto& f) {
            Cell c = cell_of(value(f, line));
            // ISO days as dates: a DATE's value, a citation's date.
            if (c.type == Cell::text && (std::string(f.name) == "value" ||
                                         std::string(f.name) == "date")) {
              iso_day(c.s, c);
            }
            r.push_back(std::move(c));
          });
          rows.push_back(std::move(r));
        });
      });
    }
    if (rows.empty()) return;
    size_t i = 0;
    while (i < sections_.size() && sections_[i] != s) ++i;
    std::lock_guard<std::mutex> lk(mu_);
    auto& pending = pending_[h.source];
    if (pending.size() < sections_.size()) pending.resize(sections_.size());
    for (auto& r : rows) pending[i].push_back(std::move(r));
  }
  void end() override {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string templ = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/trich-xlsx-XXXXXX";
    std::vector<char> name(templ.begin(), templ.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) {
      out_.setstate(std::ios::badbit);
      return;
    }
    ::close(fd);
    write_workbook(name.data());
    std::ifstream in(name.data(), std::ios::binary);
    out_ << in.rdbuf();
    ::unlink(name.data());
  }

 private:
  void write_workbook(const char* path) {
    lxw_workbook* wb = workbook_new(path);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");  // typed-in values stay text too
    for (size_t i = 0; i < sheets_.size(); ++i) {
      const Sheet& sh = sheets_[i];
      lxw_worksheet* ws = workbook_add_worksheet(wb, sh.name.c_str());
      std::vector<size_t> width(sh.header.size(), 6);
      for (size_t c = 0; c < sh.header.size(); ++c) {
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sh.header[c].c_str(), head);
        width[c] = std::max(width[c], sh.header[c].size() + 2);
      }
      lxw_row_t r = 1;
      for (const auto& source : order_) {
        auto it = pending_.find(source);
        if (it == pending_.end() || it->second.size() <= i) continue;
        for (const auto& row : it->second[i]) {
          for (size_t c = 0; c < row.size(); ++c) {
            const Cell& cell = row[c];
            auto col = static_cast<lxw_col_t>(c);
            size_t w = 0;
            switch (cell.type) {
              case Cell::blank: break;
              case Cell::text:
                worksheet_write_string(ws, r, col, cell.s.c_str(), text);
                w = display_width(cell.s);
                break;
              case Cell::number:
                worksheet_write_number(ws, r, col, cell.n, nullptr);
                w = std::to_string(static_cast<long long>(cell.n)).size();
                break;
              case Cell::date: {
                lxw_datetime dt = {cell.y, static_cast<uint8_t>(cell.m),
                                   static_cast<uint8_t>(cell.d), 0, 0, 0};
                worksheet_write_datetime(ws, r, col, &dt, date);
                w = 10;
                break;
              }
            }
            width[c] = std::max(width[c], w + 2);
          }
          ++r;
        }
      }
      worksheet_freeze_panes(ws, 1, 0);
      worksheet_autofilter(ws, 0, 0, r > 1 ? r - 1 : 1,
                           static_cast<lxw_col_t>(sh.header.size() - 1));
      for (size_t c = 0; c < width.size(); ++c) {
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             static_cast<double>(std::min<size_t>(width[c], 60)), nullptr);
      }
    }
    workbook_close(wb);
  }

  const Messages& messages_;
  std::vector<Sheet> sheets_;
  std::vector<std::string> order_;
  mutable std::mutex mu_;
  // source -> rows per section (a source named twice is written once, at its first place).
  mutable std::map<std::string, std::vector<std::vector<Row>>> pending_;
};

}  // namespace

std::unique_ptr<Sink> make_xlsx_sink(const SinkOptions& o, std::ostream& out) {
  return std::make_unique<XlsxSink>(o, out);
}

}  // namespace trich
