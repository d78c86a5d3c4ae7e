#include "io/input.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trich {
namespace fs = std::filesystem;

namespace {

Diagnostic io_error(const std::string& path, const std::string& what) {
  return error_at(path, 0, what);
}

// Walks `dir` recursively, regular files only, sorted by path. Symbolic links are followed;
// a directory that is its own ancestor (a link cycle) is reported once and not entered.
// Other file types (FIFOs, sockets, devices) under a directory are passed over quietly:
// opening a FIFO would wait for a writer.
using DirId = std::pair<dev_t, ino_t>;
void walk(const std::string& dir, std::vector<Input>& out, std::vector<DirId>& ancestors) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    out.push_back({dir, io_error(dir, std::strerror(errno)), true});
    return;
  }
  DirId id{st.st_dev, st.st_ino};
  if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
    out.push_back({dir, io_error(dir, "directory loop (symbolic link cycle); skipped"), true});
    return;
  }
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    out.push_back({dir, io_error(dir, ec.message()), true});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().string() < b.path().string(); });
  ancestors.push_back(id);
  for (const auto& e : entries) {
    std::string p = e.path().string();
    struct stat es {};
    if (::stat(p.c_str(), &es) != 0) {  // a dangling link, or one that loops on itself
      out.push_back({p, io_error(p, std::strerror(errno)), true});
    } else if (S_ISDIR(es.st_mode)) {
      walk(p, out, ancestors);
    } else if (S_ISREG(es.st_mode)) {
      out.push_back({p, std::nullopt, true});
    }
  }
  ancestors.pop_back();
}

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool recurse) {
  std::vector<Input> out;
  if (args.empty()) {
    out.push_back({"-", std::nullopt});
    return out;
  }
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back({a, std::nullopt});
      continue;
    }
    struct stat st {};
    if (::stat(a.c_str(), &st) != 0) {
      out.push_back({a, io_error(a, std::strerror(errno))});
    } else if (S_ISDIR(st.st_mode)) {
      if (!recurse) {
        out.push_back({a, io_error(a, "is a directory (use -r to read the files under it)")});
      } else {
        std::vector<DirId> ancestors;
        walk(a, out, ancestors);
      }
    } else {
      out.push_back({a, std::nullopt});
    }
  }
  return out;
}

Result<std::string> read_input(const std::string& path) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  std::string data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    data.reserve(static_cast<size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string msg = errno == EISDIR ? "is a directory" : std::strerror(errno);
      if (fd != STDIN_FILENO) ::close(fd);
      return io_error(path, msg);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return data;
}

Result<std::vector<std::string>> read_path_list(const std::string& path) {
  auto r = read_input(path);
  if (!r.ok()) return r.error();
  std::vector<std::string> paths;
  const std::string& s = r.value();
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    std::string line = s.substr(i, j - i);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
    i = j + 1;
  }
  return paths;
}

}  // namespace trich
