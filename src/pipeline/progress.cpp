#include "pipeline/progress.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trich {

bool progress_wanted(int mode, bool output_to_stdout) {
  if (mode != 0) return mode > 0;
  if (!::isatty(STDERR_FILENO)) return false;
  if (!output_to_stdout) return true;
  // Output to a terminal would tear the line; a pipe means another program reads it.
  struct stat st {};
  if (::isatty(STDOUT_FILENO) || ::fstat(STDOUT_FILENO, &st) != 0) return false;
  return S_ISREG(st.st_mode) || S_ISCHR(st.st_mode);  // a file, or /dev/null
}

Progress::Progress(int fd, size_t total_files, uint64_t total_bytes)
    : fd_(fd), total_files_(total_files), total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()), thread_([this] { loop(); }) {}

Progress::~Progress() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
    clear();
  }
  cv_.notify_all();
  thread_.join();
}

void Progress::done(uint64_t bytes) {
  bytes_ += bytes;
  ++files_;
}

std::unique_lock<std::mutex> Progress::pause() {
  std::unique_lock<std::mutex> lk(mu_);
  clear();
  return lk;
}

void Progress::clear() {
  if (!drawn_) return;
  const char kClear[] = "\r\033[K";
  (void)!::write(fd_, kClear, sizeof kClear - 1);
  drawn_ = false;
}

std::string Progress::line(size_t done, size_t total, uint64_t bytes, uint64_t total_bytes,
                           double seconds) {
  double rate = seconds > 0 ? static_cast<double>(bytes) / seconds : 0;
  std::string s = fmt::format("trich: {}/{} files, {:.1f} MB, {:.1f} MB/s", done, total,
                              static_cast<double>(bytes) / 1e6, rate / 1e6);
  double left = -1;
  if (total_bytes > bytes && rate > 0) {
    left = static_cast<double>(total_bytes - bytes) / rate;
  } else if (total_bytes == 0 && done > 0 && total > done) {
    left = seconds / static_cast<double>(done) * static_cast<double>(total - done);
  }
  if (left >= 0) {
    long l = static_cast<long>(left + 0.5);
    s += l >= 60 ? fmt::format(", {}m{:02}s left", l / 60, l % 60) : fmt::format(", {} s left", l);
  }
  return s;
}

void Progress::loop() {
  using namespace std::chrono;
  std::unique_lock<std::mutex> lk(mu_);
  // The first line after a second: a short run shows nothing.
  if (cv_.wait_for(lk, seconds(1), [&] { return stop_; })) return;
  for (;;) {
    double secs = duration<double>(steady_clock::now() - start_).count();
    std::string s = "\r" + line(files_, total_files_, bytes_, total_bytes_, secs) + "\033[K";
    (void)!::write(fd_, s.data(), s.size());
    drawn_ = true;
    if (cv_.wait_for(lk, milliseconds(250), [&] { return stop_; })) return;
  }
}

}  // namespace trich
