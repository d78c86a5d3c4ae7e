#include "output/text_sink.h"

#include <fmt/format.h>

namespace trich {
namespace {

class TextSink : public Sink {
 public:
  TextSink(const SinkOptions& o, std::ostream& out) : o_(o), out_(out) {}
  void document(const DocumentResult& d) override {
    ++docs_;
    std::string buf;
    auto line = [&](const Span& s, const std::string& what) {
      buf += fmt::format("{}:{}:{}: {}\n", d.source, s.line, s.column, what);
    };
    if (o_.findings) {
      for (const auto& f : d.x.findings) {
        line(f.span, fmt::format("{}[{}]: {}", f.severity, f.code, f.message));
        ++count_[f.severity];
      }
    } else {
      const auto& k = o_.kinds;
      if (k.citations) for (const auto& c : d.x.citations)
        line(c.span, fmt::format("citation {}", c.symbol ? *c.symbol : c.name.value_or("")));
      if (k.priorities) for (const auto& l : d.x.priorities) for (const auto& i : l.items)
        line(i.span, fmt::format("priority {} {}", l.style, i.index));
      if (k.dates) for (const auto& e : d.x.dates) line(e.span, "date " + e.value);
      if (k.terms) for (const auto& t : d.x.terms)
        line(t.span, fmt::format("term {} {}", t.kind,
                                 t.ordinal ? std::to_string(*t.ordinal)
                                           : fmt::format("{}-{}", t.from.value_or(0),
                                                         t.to.value_or(0))));
    }
    out_ << buf;
    out_.flush();
  }
  void end() override {
    if (!o_.findings) return;
    out_ << fmt::format("{} document{}: {} error{}, {} warning{}, {} info\n", docs_,
                        docs_ == 1 ? "" : "s", count_["error"], count_["error"] == 1 ? "" : "s",
                        count_["warning"], count_["warning"] == 1 ? "" : "s", count_["info"]);
  }

 private:
  SinkOptions o_;
  std::ostream& out_;
  size_t docs_ = 0;
  std::map<std::string, size_t> count_;
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(const SinkOptions& o, std::ostream& out) {
  return std::make_unique<TextSink>(o, out);
}

}  // namespace trich
