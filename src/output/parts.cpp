#include "output/parts.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

namespace trich {
namespace {

// An unnamed temporary file in $TMPDIR (else /tmp): std::tmpfile() would ignore TMPDIR, and
// /tmp may be a RAM disk.
std::FILE* spool_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/trich-spool-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) return nullptr;
  ::unlink(path.c_str());
  std::FILE* f = ::fdopen(fd, "w+b");
  if (!f) ::close(fd);
  return f;
}

}  // namespace

PartWriter::PartWriter(Sink& sink, std::mutex& format_mu)
    : sink_(sink), mu_(format_mu), spool_(sink.sections().size(), nullptr), state_(sink.sections().size()) {}

PartWriter::~PartWriter() {
  for (std::FILE* f : spool_) {
    if (f) std::fclose(f);
  }
}

Result<bool> PartWriter::part(const DocumentHead& h, const Extraction& x) {
  const auto& sections = sink_.sections();
  for (size_t i = 0; i < sections.size(); ++i) {
    std::ostringstream os;
    {
      std::lock_guard<std::mutex> lk(mu_);
      sink_.entities(sections[i], h, x, state_[i], os);
    }
    std::string s = std::move(os).str();
    if (s.empty()) continue;
    if (!spool_[i] && !(spool_[i] = spool_file())) {
      return error_at(h.source, 0, fmt::format("cannot create a temporary file for the output: {}",
                                               std::strerror(errno)));
    }
    if (std::fwrite(s.data(), 1, s.size(), spool_[i]) != s.size()) {
      return error_at(h.source, 0, fmt::format("cannot write a temporary file for the output: {}",
                                               std::strerror(errno)));
    }
  }
  return true;
}

Result<bool> PartWriter::finish(const DocumentHead& h) {
  const auto& sections = sink_.sections();
  std::lock_guard<std::mutex> lk(mu_);
  std::ostream& out = sink_.stream();
  sink_.open_document(h);
  std::vector<char> buf(1 << 16);
  for (size_t i = 0; i < sections.size(); ++i) {
    sink_.open_section(sections[i]);
    if (std::FILE* f = spool_[i]) {
      if (std::fflush(f) != 0 || std::fseek(f, 0, SEEK_SET) != 0) {
        return error_at(h.source, 0, fmt::format("cannot read back a temporary file: {}",
                                                 std::strerror(errno)));
      }
      size_t n;
      while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) out.write(buf.data(), n);
      if (std::ferror(f)) {
        return error_at(h.source, 0, fmt::format("cannot read back a temporary file: {}",
                                                 std::strerror(errno)));
      }
    }
    sink_.close_section(sections[i], state_[i]);
  }
  sink_.close_document();
  out.flush();
  return true;
}

}  // namespace trich
