#include "output/output_file.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace trich {
namespace {

// The temporary file's path for the signal handler, which may only call async-signal-safe
// functions: a static buffer and a flag, no std::string. One -o per process.
char g_temp[4096];
volatile std::sig_atomic_t g_have_temp = 0;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temp_and_die(int sig) {
  if (g_have_temp) ::unlink(g_temp);
  // The default action (termination) with the same signal, so the parent sees how we ended.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void guard(const std::string& temp) {
  if (temp.size() >= sizeof g_temp) return;  // mkstemp already refused such a path
  std::memcpy(g_temp, temp.c_str(), temp.size() + 1);
  g_have_temp = 1;
  for (int sig : kSignals) {
    struct sigaction old {};
    ::sigaction(sig, nullptr, &old);
    // A signal the caller ignores (nohup, a background job) stays ignored.
    if (old.sa_handler == SIG_IGN) continue;
    struct sigaction sa {};
    sa.sa_handler = remove_temp_and_die;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

void unguard() { g_have_temp = 0; }

mode_t new_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

std::string reason(const char* what) { return fmt::format("{}: {}", what, std::strerror(errno)); }

}  // namespace

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& target) {
  std::unique_ptr<OutputFile> f(new OutputFile);
  f->target_ = target;
  struct stat st {};
  mode_t mode = new_file_mode();
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return error_at(target, 0, "cannot write: is a directory");
    if (!S_ISREG(st.st_mode)) {
      f->fd_ = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
      if (f->fd_ < 0) return error_at(target, 0, reason("cannot write"));
      return f;
    }
    mode = st.st_mode & 07777;
  }
  std::filesystem::path p(target);
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  std::string temp = dir + "/." + p.filename().string() + ".trich-XXXXXX";
  std::vector<char> tmpl(temp.begin(), temp.end());
  tmpl.push_back('\0');
  // Signals wait until the path is recorded, so none can come between creating and guarding.
  sigset_t block, old;
  sigemptyset(&block);
  for (int sig : kSignals) sigaddset(&block, sig);
  ::pthread_sigmask(SIG_BLOCK, &block, &old);
  f->fd_ = ::mkostemp(tmpl.data(), O_CLOEXEC);
  int saved = errno;
  if (f->fd_ >= 0) {
    f->temp_ = tmpl.data();
    guard(f->temp_);
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = saved;
  if (f->fd_ < 0) return error_at(target, 0, reason("cannot write"));
  if (::fchmod(f->fd_, mode) != 0) {
    Diagnostic d = error_at(target, 0, reason("cannot write"));
    f->discard();
    return d;
  }
  return f;
}

Result<bool> OutputFile::commit() {
  if (fd_ < 0) return error_at(target_, 0, "cannot write: already closed");
  if (temp_.empty()) {
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return error_at(target_, 0, reason("write failed"));
    return true;
  }
  // fsync before rename: otherwise a crash soon after could leave an empty file in place of
  // the old one (delayed allocation); and a full disk may only show at fsync or close.
  if (::fsync(fd_) != 0) {
    Diagnostic d = error_at(target_, 0, reason("write failed"));
    discard();
    return d;
  }
  int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) {
    Diagnostic d = error_at(target_, 0, reason("write failed"));
    discard();
    return d;
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    Diagnostic d = error_at(target_, 0, reason("cannot rename"));
    discard();
    return d;
  }
  // Cleared after the rename: a signal in between unlinks a path that no longer exists.
  unguard();
  temp_.clear();
  return true;
}

void OutputFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) {
    // Unlinked before the handler forgets it: a signal in between unlinks it once more.
    ::unlink(temp_.c_str());
    unguard();
    temp_.clear();
  }
}

OutputFile::~OutputFile() { discard(); }

}  // namespace trich
