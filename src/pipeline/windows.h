// Windows: processes a large input a window at a time, so memory is bounded by the window's
// size, not the input's (docs/limits.md states the bound).
//
// Each window is decoded, normalized and extracted as a Document whose Origin places it in the
// input, so spans, lines and columns count from the input's start. A window ends at a cut in
// its last `lookahead` bytes: after a blank line if there is one there, else after a line
// end, a sentence end, a space, or (in one endless word) a character. The next window starts
// at the cut. Extraction runs over the whole window, lookahead included, so an entity that
// begins before the cut is complete; it is kept, and the next window drops what it finds
// again. A priority list that straddles the cut moves the cut to the line its lead or first
// item starts on. Short-form citations and the audit's document-wide checks carry what they
// need from window to window (CitationMemory, AuditMemory): extraction itself depends on no
// earlier window, so windows are extracted side by side on idle threads of the run (short
// forms a window leaves unresolved are looked up afterwards, in order).
//
// The encoding is detected on the first window and holds for the rest; invalid bytes later
// on are decoded with U+FFFD, with one warning per input.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "base/error.h"
#include "extract/extractor.h"
#include "io/input.h"
#include "output/sink.h"

namespace trich {

// The smallest --window the command line takes: below it, windows cut entities that reading
// whole keeps (on the 391 real documents and the samples, jsonl whole against in windows:
// 236 lines differ at 1 KiB, 65 at 4 KiB, 3 at 16 KiB, 0 at 32 KiB but for 4 citations'
// `relation`, 2 at 64 KiB, 0 at 128 KiB; docs/limits.md). The library takes any size
// (tests/fuzz/windows_fuzz.cpp runs tiny windows to reach the cut code).
constexpr size_t kMinWindow = size_t{64} << 10;

struct WindowSize {
  size_t window = size_t{8} << 20;      // bytes decoded and scanned at a time
  size_t lookahead = size_t{256} << 10; // the cut falls in the last `lookahead` bytes
  // A window of `bytes` (lookahead a sixteenth of it, at most 256 KiB, at least 1 byte).
  static WindowSize of(size_t bytes);
};

struct WindowedOutcome {
  std::optional<DocumentHead> head;  // none when nothing was read (a binary file)
  std::vector<Diagnostic> diagnostics;
  bool skipped_binary = false;
};

// Processes `in`, whose first bytes `read` has already read, window by window; each window's
// entities (findings included when `auditor` is given) go to `part`, in document order, with
// the window's text up to its cut (for writers that show the text). `part` returns false to stop (the output is gone). `spare_threads` counts the run's idle
// threads (pipeline.cpp): each one taken from it extracts windows read ahead while this thread
// reads, cuts and reports them in order; they are given back when the input is done. The
// output is the same whatever their number.
WindowedOutcome process_in_windows(
    InputReader& in, std::string read, const std::string& forced, const Extractor& x,
    const KindSet& kinds, const Auditor* auditor, const WindowSize& size,
    const std::function<bool(const Extraction&, const PartText&)>& part,
    std::atomic<int>* spare_threads = nullptr);

// Where a window of `text` (decoded UTF-8) ends: see the file comment. Exposed for tests.
size_t choose_cut(std::string_view text, size_t lookahead);

}  // namespace trich
