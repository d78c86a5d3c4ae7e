#include "io/input.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
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

// Walks `dir` recursively, files only, sorted by path; symlinked directories are followed
// once (a loop is reported, not followed forever).
void walk(const std::string& dir, std::vector<Input>& out, std::set<std::pair<dev_t, ino_t>>& seen) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!seen.insert({st.st_dev, st.st_ino}).second) {
      out.push_back({dir, io_error(dir, "directory loop (symbolic link cycle); skipped")});
      return;
    }
  }
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    out.push_back({dir, io_error(dir, ec.message())});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().string() < b.path().string(); });
  for (const auto& e : entries) {
    std::string p = e.path().string();
    std::error_code ec2;
    if (e.is_directory(ec2)) {
      walk(p, out, seen);
    } else if (e.is_regular_file(ec2)) {
      out.push_back({p, std::nullopt});
    } else if (ec2) {
      out.push_back({p, io_error(p, ec2.message())});
    }
  }
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
        std::set<std::pair<dev_t, ino_t>> seen;
        walk(a, out, seen);
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
