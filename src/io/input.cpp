#include "io/input.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
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
struct Walk {
  const WalkOptions& opts;
  GlobFilter globs;
  WalkStats* stats;
  std::string root;  // the directory named on the command line, for relative paths
};
void walk(const std::string& dir, std::vector<Input>& out, std::vector<DirId>& ancestors,
          Walk& w) {
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
    std::string name = e.path().filename().string();
    if (!w.opts.hidden && !name.empty() && name[0] == '.') {
      if (w.stats) ++w.stats->hidden;
      continue;
    }
    size_t skip = w.root.size() + (w.root.back() == '/' ? 0 : 1);
    std::string rel = p.size() > skip && p.compare(0, w.root.size(), w.root) == 0 ? p.substr(skip) : name;
    struct stat es {};
    if (::stat(p.c_str(), &es) != 0) {  // a dangling link, or one that loops on itself
      if (w.globs.keep_file(rel, name)) out.push_back({p, io_error(p, std::strerror(errno)), true});
    } else if (S_ISDIR(es.st_mode)) {
      if (w.globs.enter_dir(rel, name)) {
        walk(p, out, ancestors, w);
      } else if (w.stats) {
        ++w.stats->globbed;
      }
    } else if (S_ISREG(es.st_mode)) {
      if (w.globs.keep_file(rel, name)) {
        out.push_back({p, std::nullopt, true});
      } else if (w.stats) {
        ++w.stats->globbed;
      }
    }
  }
  ancestors.pop_back();
}

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& args, bool recurse) {
  WalkOptions o;
  o.recurse = recurse;
  o.hidden = true;  // what this overload always did
  return expand_inputs(args, o, nullptr);
}

std::vector<Input> expand_inputs(const std::vector<std::string>& args, const WalkOptions& opts,
                                 WalkStats* stats) {
  bool recurse = opts.recurse;
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
        std::string root = a;
        while (root.size() > 1 && root.back() == '/') root.pop_back();
        Walk w{opts, GlobFilter(opts.globs), stats, root};
        walk(a, out, ancestors, w);
      }
    } else {
      out.push_back({a, std::nullopt});
    }
  }
  return out;
}

Result<InputReader> InputReader::open(const std::string& path) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  struct stat st {};
  size_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    size = static_cast<size_t>(st.st_size);
  }
  return InputReader(path, fd, size);
}

InputReader::InputReader(InputReader&& o) noexcept
    : path_(std::move(o.path_)), fd_(o.fd_), size_hint_(o.size_hint_), at_end_(o.at_end_) {
  o.fd_ = -1;
}

InputReader& InputReader::operator=(InputReader&& o) noexcept {
  if (this != &o) {
    if (fd_ > STDIN_FILENO) ::close(fd_);
    path_ = std::move(o.path_);
    fd_ = o.fd_;
    size_hint_ = o.size_hint_;
    at_end_ = o.at_end_;
    o.fd_ = -1;
  }
  return *this;
}

InputReader::~InputReader() {
  if (fd_ > STDIN_FILENO) ::close(fd_);
}

Result<size_t> InputReader::read_into(std::string& buf, size_t max) {
  size_t old = buf.size(), got = 0;
  // resize() zero-fills what read() then overwrites; cheap next to the read itself.
  buf.resize(old + max);
  while (got < max && !at_end_) {
    ssize_t n = ::read(fd_, buf.data() + old + got, max - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string msg = errno == EISDIR ? "is a directory" : std::strerror(errno);
      buf.resize(old + got);
      return io_error(path_, msg);
    }
    if (n == 0) at_end_ = true;
    got += static_cast<size_t>(n);
  }
  buf.resize(old + got);
  return got;
}

Result<bool> InputReader::read_all(std::string& buf, size_t limit) {
  size_t step = size_hint_ ? size_hint_ + 1 : size_t{1} << 16;
  while (!at_end_ && buf.size() <= limit) {
    size_t room = limit - buf.size();  // one byte past the limit shows the input is longer
    if (room < SIZE_MAX) ++room;
    auto n = read_into(buf, std::min(step, room));
    if (!n.ok()) return n.error();
    step = std::max(step, buf.size());
  }
  return true;
}

Result<std::string> read_input(const std::string& path) {
  auto r = InputReader::open(path);
  if (!r.ok()) return r.error();
  std::string data;
  auto done = r.value().read_all(data, SIZE_MAX);
  if (!done.ok()) return done.error();
  return data;
}

Result<PathList> read_path_list(const std::string& path, bool nul) {
  auto r = read_input(path);
  if (!r.ok()) return r.error();
  PathList list;
  const std::string& s = r.value();
  if (nul) {
    for (size_t i = 0; i < s.size();) {
      size_t j = std::min(s.find('\0', i), s.size());
      if (j > i) list.paths.push_back(s.substr(i, j - i));
      i = j + 1;
    }
    return list;
  }
  int line = 0;
  for (size_t i = 0; i < s.size();) {
    ++line;
    size_t j = std::min(s.find_first_of(std::string_view("\r\n", 2), i), s.size());
    std::string name = s.substr(i, j - i);
    i = j + (s.compare(j, 2, "\r\n") == 0 ? 2 : 1);  // LF, CRLF or a lone CR
    if (name.find('\0') != std::string::npos) {
      list.errors.push_back(error_at(
          path == "-" ? "<stdin>" : path, line,
          "NUL byte in a newline-separated list of paths (for find -print0 output use --null)"));
    } else if (!name.empty()) {
      list.paths.push_back(std::move(name));
    }
  }
  return list;
}

}  // namespace trich
