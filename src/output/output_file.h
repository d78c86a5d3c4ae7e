// The -o target. Output goes to a temporary file beside the target and replaces it only when
// every byte reached the disk (write, fsync, close and rename all succeeded); on any failure,
// and on SIGINT, SIGTERM or SIGHUP, the temporary file is removed and the old target stays as
// it was. The new file's mode is the old target's, or 0666 less the umask for a new target.
// A target that exists and is no regular file (/dev/null, a FIFO) is written directly:
// renaming over it would replace the device.
#pragma once

#include <memory>
#include <string>

#include "base/error.h"

namespace trich {

class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> open(const std::string& target);
  ~OutputFile();  // not committed: the temporary file is removed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  int fd() const { return fd_; }
  // Makes the output durable and puts it in place. On failure nothing of it remains and the
  // error names the target and the system's reason.
  Result<bool> commit();
  // Drops the output (after a failed write): removes the temporary file.
  void discard();

 private:
  OutputFile() = default;
  std::string target_, temp_;  // temp_ empty: written directly
  int fd_ = -1;
};

}  // namespace trich
