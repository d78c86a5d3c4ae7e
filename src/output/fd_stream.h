// An ostream over a file descriptor with a large buffer. Unlike std::cout it tells a closed
// pipe (EPIPE) apart from other write errors, so `trich ... | head` can end quietly.
#pragma once

#include <cerrno>
#include <ostream>
#include <streambuf>
#include <vector>

#include <unistd.h>

namespace trich {

class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd, size_t size = 1 << 16) : fd_(fd), buf_(size) {
    setp(buf_.data(), buf_.data() + buf_.size());
  }
  ~FdStreamBuf() override { sync(); }
  bool broken_pipe() const { return broken_pipe_; }
  bool failed() const { return failed_; }
  int error() const { return errno_; }  // the first failed write's errno

 protected:
  int_type overflow(int_type ch) override {
    if (flush_buffer() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return flush_buffer(); }

 private:
  int flush_buffer() {
    const char* p = pbase();
    while (p < pptr()) {
      ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EPIPE) broken_pipe_ = true;
        if (!failed_) errno_ = errno;
        failed_ = true;
        setp(buf_.data(), buf_.data() + buf_.size());
        return -1;
      }
      p += n;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return 0;
  }
  int fd_;
  std::vector<char> buf_;
  bool broken_pipe_ = false, failed_ = false;
  int errno_ = 0;
};

}  // namespace trich
