#include "output/text_sink.h"

#include <array>
#include <atomic>

#include <fmt/format.h>

#include "audit/messages.h"
#include "output/color.h"
#include "output/excerpt.h"

namespace trich {
namespace {

class TextSink : public Sink {
 public:
  TextSink(const SinkOptions& o, std::ostream& out)
      : Sink(o, out),
        messages_(o.messages ? *o.messages : Messages::builtin("en")),
        paint_(o.color) {
    if (o.findings) sections_ = {Section::findings};  // audit prints its findings only
  }
  void open_document(const DocumentHead&) override { ++docs_; }
  void entities(Section s, const DocumentHead& h, const Extraction& x, SectionState&,
                std::ostream& to) const override {
    std::string buf;
    auto line = [&](const Span& sp, const std::string& what) {
      buf += fmt::format("{}:{}:{}: {}\n", h.source, sp.line, sp.column, what);
    };
    switch (s) {
      case Section::findings:
        // The compiler form first (editors and CI logs jump to it), then the excerpt.
        for (const auto& f : x.findings) {
          line(f.span, fmt::format("{}{}: {}", paint_(Painter::of(f.severity), f.severity),
                                   paint_(Style::bold, "[" + f.code + "]"),
                                   paint_(Style::bold, f.message)));
          std::string ex = render_excerpt(f, paint_, messages_.related(f.code));
          if (!ex.empty()) buf += ex + "\n";
          ++count_[f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2];
        }
        break;
      case Section::citations:
        for (const auto& c : x.citations)
          line(c.span, fmt::format("citation {}", c.symbol ? *c.symbol : c.name.value_or("")));
        break;
      case Section::priorities:
        for (const auto& l : x.priorities)
          for (const auto& i : l.items) line(i.span, fmt::format("priority {} {}", l.style, i.index));
        break;
      case Section::dates:
        for (const auto& e : x.dates) line(e.span, "date " + e.value);
        break;
      case Section::terms:
        for (const auto& t : x.terms)
          line(t.span, fmt::format("term {} {}", t.kind,
                                   t.ordinal ? std::to_string(*t.ordinal)
                                             : fmt::format("{}-{}", t.from.value_or(0),
                                                           t.to.value_or(0))));
        break;
    }
    to << buf;
  }
  void end() override {
    if (!o_.findings) return;
    out_ << messages_.ui("summary", {{"documents", std::to_string(docs_)},
                                     {"errors", std::to_string(count_[0].load())},
                                     {"warnings", std::to_string(count_[1].load())},
                                     {"info", std::to_string(count_[2].load())}})
         << "\n";
  }

 private:
  const Messages& messages_;
  Painter paint_;
  size_t docs_ = 0;
  // Findings by severity (error, warning, info), counted as they are formatted, which
  // worker threads do side by side.
  mutable std::array<std::atomic<size_t>, 3> count_{};
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(const SinkOptions& o, std::ostream& out) {
  return std::make_unique<TextSink>(o, out);
}

}  // namespace trich
