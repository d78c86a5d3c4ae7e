// A progress line on standard error for long runs: files done/total, MB/s and time left,
// redrawn in place (carriage return) a few times a second by a thread of its own, from one
// second into the run; cleared at the end. The pipeline reports each finished input.
// Whether to show it at all is decided by progress_wanted (never into a pipe by default).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace trich {

// mode: 1 --progress, -1 --no-progress, 0 auto: standard error is a terminal and the output
// goes to a file (-o, or standard output redirected to one), not to a pipe or the terminal.
bool progress_wanted(int mode, bool output_to_stdout);

class Progress {
 public:
  // total_bytes: the inputs' sizes as far as known (0: unknown, no time left shown).
  Progress(int fd, size_t total_files, uint64_t total_bytes);
  ~Progress();  // stops drawing and clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void done(uint64_t bytes);  // one more input finished
  // Clears the line while the caller prints something else; drawing resumes afterwards.
  std::unique_lock<std::mutex> pause();

  // The line for a state, without the carriage return (exposed for tests).
  static std::string line(size_t done, size_t total, uint64_t bytes, uint64_t total_bytes,
                          double seconds);

 private:
  void loop();
  void clear();  // with mu_ held
  int fd_;
  size_t total_files_;
  uint64_t total_bytes_;
  std::atomic<size_t> files_{0};
  std::atomic<uint64_t> bytes_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace trich
