// The rule files compiled into the binary (generated from rules/ by cmake/embed_rules.cmake).
#pragma once

#include <cstddef>
#include <vector>

namespace trich::rules {

struct EmbeddedFile {
  const char* path;  // relative to rules/, e.g. "vi/dates.toml"
  const char* data;
  size_t size;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace trich::rules
