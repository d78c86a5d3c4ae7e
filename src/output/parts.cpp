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

Diagnostic spool_error(const std::string& source, const char* what) {
  return error_at(source, 0, fmt::format("cannot {} a temporary file for the output: {}", what,
                                         std::strerror(errno)));
}

}  // namespace

PartWriter::PartWriter(const Sink& sink, Spool spool)
    : sink_(sink), mode_(spool), state_(sink.sections().size()) {
  if (mode_ == Spool::memory) text_.resize(state_.size());
  else file_.resize(state_.size(), nullptr);
}

PartWriter::~PartWriter() {
  for (std::FILE* f : file_) {
    if (f) std::fclose(f);
  }
}

Result<bool> PartWriter::part(const DocumentHead& h, const Extraction& x, const PartText& text) {
  const auto& sections = sink_.sections();
  for (size_t i = 0; i < sections.size(); ++i) {
    std::ostringstream os;
    sink_.entities_in_text(sections[i], h, x, text, state_[i], os);
    if (mode_ == Spool::memory) {
      text_[i] += std::move(os).str();
      continue;
    }
    std::string s = std::move(os).str();
    if (s.empty()) continue;
    if (!file_[i] && !(file_[i] = spool_file())) return spool_error(h.source, "create");
    if (std::fwrite(s.data(), 1, s.size(), file_[i]) != s.size()) {
      return spool_error(h.source, "write");
    }
  }
  return true;
}

Result<bool> PartWriter::finish(Sink& sink, const DocumentHead& head) {
  const auto& sections = sink.sections();
  std::ostream& out = sink.stream();
  DocumentHead h = head;
  h.counts.clear();
  for (const auto& st : state_) h.counts.push_back(st.entities);
  sink.open_document(h);
  std::vector<char> buf(mode_ == Spool::file ? 1 << 16 : 0);
  for (size_t i = 0; i < sections.size(); ++i) {
    sink.open_section(sections[i]);
    if (mode_ == Spool::memory) {
      out << text_[i];
    } else if (std::FILE* f = file_[i]) {
      if (std::fflush(f) != 0 || std::fseek(f, 0, SEEK_SET) != 0) {
        return spool_error(h.source, "read back");
      }
      size_t n;
      while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) out.write(buf.data(), n);
      if (std::ferror(f)) return spool_error(h.source, "read back");
    }
    sink.close_section(sections[i], state_[i]);
  }
  sink.close_document();
  out.flush();
  return true;
}

size_t PartWriter::memory() const {
  size_t n = 0;
  for (const auto& t : text_) n += t.size();
  return n;
}

}  // namespace trich
