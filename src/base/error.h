// Errors as values. A Diagnostic names where the problem is (a file, optionally a line) and
// what it is; one place (cli/) prints them as "trich: error: FILE[:LINE]: MESSAGE".
// Nothing here prints or throws.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace trich {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;   // path as the user gave it, or "-" for standard input; may be empty
  int line = 0;       // 1-based; 0 when the problem has no line
  std::string message;

  // "FILE:LINE: MESSAGE", "FILE: MESSAGE" or "MESSAGE".
  std::string where_what() const;
};

inline Diagnostic error_at(std::string file, int line, std::string message) {
  return Diagnostic{Severity::error, std::move(file), line, std::move(message)};
}
inline Diagnostic warning_at(std::string file, int line, std::string message) {
  return Diagnostic{Severity::warning, std::move(file), line, std::move(message)};
}

// A value or the diagnostic that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}               // NOLINT(implicit)
  Result(Diagnostic error) : v_(std::move(error)) {}      // NOLINT(implicit)
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

}  // namespace trich
