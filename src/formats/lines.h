// Lines: how the converters write extracted text. One paragraph is one line; an empty
// paragraph is an empty line, but never two in a row and never at the start, so spacing
// paragraphs do not pile up. Spaces at a paragraph's end are dropped.
#pragma once

#include <string>
#include <string_view>

namespace trich::formats {

class Lines {
 public:
  void text(std::string_view s) { line_ += s; }
  void ch(char c) { line_ += c; }
  bool line_empty() const { return line_.empty(); }
  char last() const { return line_.empty() ? '\0' : line_.back(); }
  // Ends the current paragraph.
  void end_line() {
    while (!line_.empty() && (line_.back() == ' ' || line_.back() == '\t')) line_.pop_back();
    if (line_.empty()) {
      if (!out_.empty() && !blank_) {
        out_ += '\n';
        blank_ = true;
      }
      return;
    }
    out_ += line_;
    out_ += '\n';
    line_.clear();
    blank_ = false;
  }
  std::string& out() { return out_; }
  std::string take() {
    end_line();
    return std::move(out_);
  }

 private:
  std::string out_, line_;
  bool blank_ = false;
};

}  // namespace trich::formats
