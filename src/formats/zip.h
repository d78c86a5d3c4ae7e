// ZIP containers (DOCX, ODT) through libzip, read from memory. What it guards against: a
// zip bomb (every byte inflated counts against a budget, whatever the archive's directory
// claims), encrypted entries, broken archives. Each problem is one message, no exception.
//
// The budget (docs/limits.md): an archive may inflate to at most
//   min(kMaxInflated, max(kMinBudget, kMaxRatio * its own size))
// bytes in total over every entry read. Real documents inflate 3 to 20 times; a bomb
// thousands of times.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace trich::formats::zip {

inline constexpr size_t kMaxInflated = size_t{256} << 20;
inline constexpr size_t kMinBudget = size_t{16} << 20;
inline constexpr size_t kMaxRatio = 100;

// The budget for an archive of `size` bytes.
size_t budget_for(size_t size);

class Archive {
 public:
  // Opens the archive held in `bytes` (which must outlive it). On failure, `error` says why.
  static std::unique_ptr<Archive> open(std::string_view bytes, std::string& error);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool has(const char* name) const;
  // The whole entry `name`; nullopt when it is missing (`error` empty) or cannot be read
  // (`error` says why: damaged, encrypted, over the budget).
  std::optional<std::string> read(const char* name, std::string& error);
  // Entry names in directory order (for headers: word/header1.xml, ...).
  size_t entries() const;
  std::string entry_name(size_t i) const;
  size_t budget_left() const { return budget_; }

 private:
  explicit Archive(void* z, size_t budget) : z_(z), budget_(budget) {}
  void* z_;  // zip_t
  size_t budget_;
};

}  // namespace trich::formats::zip
