// Colour: whether an output gets ANSI colours, decided once for every coloured output of a
// run (--color auto|always|never, NO_COLOR, TERM=dumb), and the few styles trich paints with.
// It writes nothing by itself.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include <unistd.h>

namespace trich {

// `mode` is "always", "never" or "auto". auto colours a terminal only, and not when NO_COLOR
// is set to anything non-empty (no-color.org) or TERM is "dumb"; --color always overrides both
// (an explicit request on the command line wins over the environment, as no-color.org asks).
inline bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return ::isatty(fd) == 1;
}

enum class Style { error, warning, info, gutter, related, bold };

// Paints text in a style, or leaves it as it is when colour is off.
class Painter {
 public:
  explicit Painter(bool on = false) : on_(on) {}
  bool on() const { return on_; }
  std::string operator()(Style s, std::string_view text) const {
    if (!on_ || text.empty()) return std::string(text);
    return std::string(code(s)) + std::string(text) + "\033[0m";
  }
  // The style of a finding's severity ("error", "warning", "info").
  static Style of(std::string_view severity) {
    return severity == "error" ? Style::error : severity == "warning" ? Style::warning : Style::info;
  }

 private:
  static const char* code(Style s) {
    switch (s) {
      case Style::error: return "\033[1;31m";
      case Style::warning: return "\033[1;33m";
      case Style::info: return "\033[1;36m";
      case Style::gutter: return "\033[1;34m";
      case Style::related: return "\033[1;34m";
      case Style::bold: return "\033[1m";
    }
    return "";
  }
  bool on_;
};

}  // namespace trich
