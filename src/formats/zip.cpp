#include "formats/zip.h"

#include <zip.h>

#include <algorithm>

namespace trich::formats::zip {

size_t budget_for(size_t size) {
  size_t rel = size > kMaxInflated / kMaxRatio ? kMaxInflated : size * kMaxRatio;
  return std::min(kMaxInflated, std::max(kMinBudget, rel));
}

std::unique_ptr<Archive> Archive::open(std::string_view bytes, std::string& error) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
  if (!src) {
    error = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return nullptr;
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &ze);
  if (!z) {
    error = std::string("damaged ZIP container: ") + zip_error_strerror(&ze);
    zip_source_free(src);
    zip_error_fini(&ze);
    return nullptr;
  }
  zip_error_fini(&ze);
  return std::unique_ptr<Archive>(new Archive(z, budget_for(bytes.size())));
}

Archive::~Archive() { zip_discard(static_cast<zip_t*>(z_)); }

bool Archive::has(const char* name) const {
  return zip_name_locate(static_cast<zip_t*>(z_), name, 0) >= 0;
}

size_t Archive::entries() const {
  zip_int64_t n = zip_get_num_entries(static_cast<zip_t*>(z_), 0);
  return n > 0 ? static_cast<size_t>(n) : 0;
}

std::string Archive::entry_name(size_t i) const {
  const char* n = zip_get_name(static_cast<zip_t*>(z_), i, 0);
  return n ? n : "";
}

std::optional<std::string> Archive::read(const char* name, std::string& error) {
  zip_t* z = static_cast<zip_t*>(z_);
  zip_int64_t idx = zip_name_locate(z, name, 0);
  if (idx < 0) return std::nullopt;
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(idx), 0);
  if (!f) {
    zip_error_t* ze = zip_get_error(z);
    error = zip_error_code_zip(ze) == ZIP_ER_NOPASSWD
                ? std::string(name) + " is encrypted (password-protected document)"
                : std::string("cannot read ") + name + ": " + zip_error_strerror(ze);
    return std::nullopt;
  }
  std::string out;
  constexpr size_t kStep = 64 << 10;
  for (;;) {
    // Never trust the sizes the directory states: count what inflates (at most one step
    // past the budget is ever held).
    size_t old = out.size();
    out.resize(old + kStep);
    zip_int64_t n = zip_fread(f, out.data() + old, kStep);
    if (n < 0) {
      error = std::string("damaged ZIP container: ") + name + ": " +
              zip_error_strerror(zip_file_get_error(f));
      zip_fclose(f);
      return std::nullopt;
    }
    out.resize(old + static_cast<size_t>(n));
    if (static_cast<size_t>(n) > budget_) {
      budget_ = 0;
      error = "ZIP container inflates past its limit (a zip bomb?); see docs/limits.md";
      zip_fclose(f);
      return std::nullopt;
    }
    budget_ -= static_cast<size_t>(n);
    if (n == 0) break;
  }
  zip_fclose(f);
  return out;
}

}  // namespace trich::formats::zip
