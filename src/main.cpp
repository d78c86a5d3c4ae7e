// trich: see README.md. All the work is in cli::run.
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/cli.h"

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // A large input is read in windows of 8 MiB, and each window's buffers (its bytes, decoded
  // and normalized text, maps) are allocated and freed again, on whichever thread extracts it.
  // glibc maps blocks that large afresh and unmaps them when freed, so each window faulted its
  // pages in anew: 100 MB at -j2 took 42,000 minor faults and 0.4 s of system time; kept in
  // the heap (and not trimmed below 256 MiB), 32,000 and 0.3 s, and -j1 0.05 s less too
  // (docs/scale.md). Peak memory is unchanged: a freed block is reused, not added to.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  return trich::cli::run(argc, argv);
}
