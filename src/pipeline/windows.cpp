#include "pipeline/windows.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "io/decode.h"
#include "text/document.h"

namespace trich {
namespace {

// The longest prefix of `bytes` that ends on a whole character of `encoding`, so that a
// window never splits one (the rest goes to the next window).
size_t whole_characters(std::string_view bytes, std::string_view encoding) {
  size_t n = bytes.size();
  if (encoding == "utf-16le" || encoding == "utf-16be") {
    n &= ~size_t{1};
    if (n >= 2) {
      auto hi = static_cast<unsigned char>(bytes[encoding == "utf-16le" ? n - 1 : n - 2]);
      if (hi >= 0xD8 && hi <= 0xDB) n -= 2;  // a high surrogate waits for its pair
    }
    return n;
  }
  // UTF-8 (and, harmlessly, the single-byte encodings): drop an unfinished sequence.
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    auto b = static_cast<unsigned char>(bytes[n - back]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

template <class T>
void keep_from(std::vector<T>& v, size_t from, size_t to) {
  v.erase(std::remove_if(v.begin(), v.end(),
                         [&](const T& e) { return e.span.start < from || e.span.start >= to; }),
          v.end());
}

// What earlier windows reported, per kind: the end of the last entity each kept.
struct Covered {
  size_t citations = 0, priorities = 0, dates = 0, terms = 0, invalid_dates = 0,
         anniversaries = 0;
};

template <class T>
size_t last_end(const std::vector<T>& v, size_t before) {
  for (const auto& e : v) before = std::max(before, e.span.end);
  return before;
}

// Keeps what starts in [covered, cut) (input offsets) and records what is now covered.
void keep_window(const Document& doc, Extraction& x, size_t cut, Covered& c) {
  keep_from(x.citations, c.citations, cut);
  keep_from(x.dates, c.dates, cut);
  keep_from(x.terms, c.terms, cut);
  c.citations = last_end(x.citations, c.citations);
  c.dates = last_end(x.dates, c.dates);
  c.terms = last_end(x.terms, c.terms);
  // A list is kept whole when it starts before the cut; items reported with an earlier
  // window's list are not reported again.
  std::vector<PriorityList> lists;
  for (auto& l : x.priorities) {
    keep_from(l.items, c.priorities, std::string::npos);
    if (l.items.empty() || l.items.front().span.start >= cut) continue;
    lists.push_back(std::move(l));
  }
  x.priorities = std::move(lists);
  for (const auto& l : x.priorities) c.priorities = last_end(l.items, c.priorities);
  auto input_at = [&](size_t b) { return doc.decoded_to_input(doc.to_decoded(b)); };
  auto keep_at = [&](auto& v, size_t& covered) {
    size_t end = covered;
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const auto& e) {
                             size_t s = input_at(e.at.b);
                             if (s < covered || s >= cut) return true;
                             end = std::max(end, input_at(e.at.e));
                             return false;
                           }),
            v.end());
    covered = end;
  };
  keep_at(x.invalid_dates, c.invalid_dates);
  keep_at(x.anniversaries, c.anniversaries);
}

// Where a list starts: its lead, else its first item (offsets of decoded()).
size_t list_start(const Document& doc, const PriorityList& l) {
  size_t b = l.items.front().at.b;
  if (l.lead_at) b = std::min(b, l.lead_at->b);
  return doc.to_decoded(b);
}

// Moves `cut` back to the start of the line of a list that straddles it, unless that is in
// the window's first half (a list that long is split).
size_t cut_around_lists(const Document& doc, const Extraction& x, size_t cut) {
  std::string_view text = doc.decoded();
  for (const auto& l : x.priorities) {
    if (l.items.empty()) continue;
    size_t first = list_start(doc, l), last = doc.to_decoded(l.items.back().at.b);
    if (first >= cut || last < cut) continue;
    size_t line = text.find_last_of("\r\n", first == 0 ? 0 : first - 1);  // CR: lone-CR text
    line = line == std::string_view::npos ? 0 : line + 1;
    if (line > text.size() / 2) return line;
    return cut;
  }
  return cut;
}

}  // namespace

WindowSize WindowSize::of(size_t bytes) {
  WindowSize w;
  w.window = std::max<size_t>(bytes, 16);
  w.lookahead = std::clamp<size_t>(w.window / 16, 1, size_t{256} << 10);
  return w;
}

size_t choose_cut(std::string_view text, size_t lookahead) {
  size_t n = text.size();
  if (n <= lookahead) return n;
  size_t lo = n - lookahead, hi = n - lookahead / 2;  // the cut falls in [lo, hi]
  // Whether a line starts at c (0 < c < n): after LF, CRLF or a lone CR.
  auto starts_line = [&](size_t c) {
    return text[c - 1] == '\n' || (text[c - 1] == '\r' && (c == n || text[c] != '\n'));
  };
  // After a blank line (c: the cut, in (lo, hi]).
  for (size_t c = hi; c > lo; --c) {
    if (!starts_line(c)) continue;
    size_t j = c - 1;  // the start of the line end before c
    if (text[j] == '\n' && j > lo && text[j - 1] == '\r') --j;
    while (j > lo && (text[j - 1] == ' ' || text[j - 1] == '\t')) --j;
    if (j > lo && starts_line(j)) return c;
  }
  // After a line end, a sentence end, a space.
  for (size_t c = hi; c > lo; --c) {
    if (starts_line(c)) return c;
  }
  for (size_t i = hi; i-- > lo + 1;) {
    if (text[i] == ' ' && (text[i - 1] == '.' || text[i - 1] == ';')) return i + 1;
  }
  for (size_t i = hi; i-- > lo;) {
    if (text[i] == ' ') return i + 1;
  }
  // A character boundary: at most three bytes back, below `lo` if the region is that small.
  size_t i = hi;
  while (i > 0 && !utf8::is_lead(static_cast<unsigned char>(text[i]))) --i;
  return i > 0 ? i : n;
}

namespace {

// Where decoded offset `db` of a window is in the input: what Document::position says, without
// the Document (its line index and normalization are built on the thread that extracts it).
// A line starts after LF, after CRLF and after a lone CR, as in Document.
Origin position_in(const Origin& origin, std::string_view text, const OffsetMap& to_input,
                   size_t db) {
  size_t n = text.size(), line = 0, from = 0;
  auto line_end = [&](size_t i) {
    ++line;
    from = i + 1;
  };
  if (!std::memchr(text.data(), '\r', n)) {  // the common case: LF line ends only
    const char* p = text.data();
    const char* end = p + db;
    while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(nl) + 1;
      line_end(static_cast<size_t>(p - text.data()) - 1);
    }
  } else {
    for (size_t i = 0; i < db; ++i) {
      char c = text[i];
      if (c == '\n' || (c == '\r' && (i + 1 == n || text[i + 1] != '\n'))) line_end(i);
    }
  }
  size_t col = 1 + utf8::count_code_points(text.substr(from, db - from));
  if (line == 0) col += origin.column - 1;  // the window's first line began before it
  return Origin{origin.offset + to_input(db), origin.line + line, col};
}

// One window of the input: read, decoded and cut on the input's thread; made a Document and
// extracted on whichever thread claims it first (Crew).
struct Window {
  std::string source;
  Decoded dec;             // moved into doc when the window is extracted
  Origin origin;
  size_t precut = 0;       // where the window ends unless a list moves it (decoded offsets)
  bool last = false;       // it reaches the end of the input
  std::unique_ptr<Document> doc;
  Extraction ex;
  std::exception_ptr error;  // what extraction threw, rethrown on the input's thread
  bool claimed = false, done = false;  // under Crew::m_

  void run(const Extractor& x, const KindSet& kinds) {
    try {
      doc = std::make_unique<Document>(std::move(source), std::move(dec), x.folds(), origin);
      ex = x.run(*doc, kinds);
    } catch (...) {
      error = std::current_exception();
    }
  }
};

// The run's idle threads (pipeline.cpp counts them in `spare`) lent to one input: each token
// taken is a helper thread that extracts the windows the input's thread has read ahead, in
// order, while that thread reads, cuts and reports. Tokens go back when the input is done.
class Crew {
 public:
  Crew(const Extractor& x, const KindSet& kinds, std::atomic<int>* spare)
      : x_(x), kinds_(kinds), spare_(spare) {}
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;
  ~Crew() {
    {
      std::lock_guard<std::mutex> lk(m_);
      stop_ = true;
    }
    work_.notify_all();
    for (auto& t : threads_) t.join();
    if (spare_ && !threads_.empty()) spare_->fetch_add(static_cast<int>(threads_.size()));
  }

  // Takes every spare thread there is now (pool workers free theirs as inputs run out).
  void hire() {
    if (!spare_) return;
    int n = spare_->load();
    while (n > 0) {
      if (!spare_->compare_exchange_weak(n, n - 1)) continue;
      threads_.emplace_back([this] { help(); });
      n = spare_->load();
    }
  }
  size_t helpers() const { return threads_.size(); }

  // A window read ahead, for a helper to take.
  void offer(std::shared_ptr<Window> w) {
    if (threads_.empty()) return;  // extracted by finish(), on this thread
    {
      std::lock_guard<std::mutex> lk(m_);
      queue_.push_back(std::move(w));
    }
    work_.notify_one();
  }

  // Returns when `w` is extracted: here if no helper took it; while a helper has it, this
  // thread extracts the next window no one has taken rather than wait.
  void finish(Window& w) {
    std::unique_lock<std::mutex> lk(m_);
    while (!w.done) {
      std::shared_ptr<Window> next;
      if (!w.claimed) {
        w.claimed = true;
      } else {
        next = take();
        if (!next) {
          done_.wait(lk, [&] { return w.done; });
          break;
        }
      }
      lk.unlock();
      Window& mine = next ? *next : w;
      mine.run(x_, kinds_);
      lk.lock();
      mine.done = true;
      done_.notify_all();
    }
    if (w.error) std::rethrow_exception(w.error);
  }

  // The windows read ahead are not wanted after all (a cut moved): helpers leave those they
  // have not started; those they have are finished and dropped (they hold their own share).
  void drop_queue() {
    std::lock_guard<std::mutex> lk(m_);
    for (auto& w : queue_) w->claimed = true;
    queue_.clear();
  }

 private:
  // The first window in the queue no one has claimed; null if none. Under m_.
  std::shared_ptr<Window> take() {
    while (!queue_.empty()) {
      std::shared_ptr<Window> w = std::move(queue_.front());
      queue_.pop_front();
      if (!w->claimed) {
        w->claimed = true;
        return w;
      }
    }
    return nullptr;
  }

  void help() {
    std::unique_lock<std::mutex> lk(m_);
    for (;;) {
      work_.wait(lk, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      std::shared_ptr<Window> w = take();
      if (!w) continue;
      lk.unlock();
      w->run(x_, kinds_);
      lk.lock();
      w->done = true;
      done_.notify_all();
    }
  }

  const Extractor& x_;
  const KindSet& kinds_;
  std::atomic<int>* spare_;
  std::mutex m_;
  std::condition_variable work_, done_;
  std::deque<std::shared_ptr<Window>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

WindowedOutcome process_in_windows(
    InputReader& in, std::string buf, const std::string& forced, const Extractor& x,
    const KindSet& kinds, const Auditor* auditor, const WindowSize& size,
    const std::function<bool(const Extraction&, const PartText&)>& part,
    std::atomic<int>* spare_threads) {
  WindowedOutcome o;
  const std::string& source = in.path();
  std::string encoding = forced;  // "auto" until the first window has been decoded
  CitationMemory citations;
  AuditMemory audit;
  Covered covered;
  bool warned = false;
  // `buf` holds the input from offset `base` on; the next window to read starts at `origin`.
  // Windows are read, decoded and cut in order on this thread; their extraction, the costly
  // part, may run ahead on idle threads (Crew). Extraction does not depend on earlier windows
  // (short forms left unresolved are looked up in `citations` here, in order), but where a
  // window starts does: a list that straddles a cut moves it back, and the windows read ahead
  // of it are then read again from the new cut (rare: a list this long at a cut).
  size_t base = 0;
  Origin origin;
  bool first = true, read_last = false, failed = false;
  std::deque<std::shared_ptr<Window>> ahead;

  // Reads, decodes and cuts the window at `origin`; false when there is nothing to extract
  // (a binary input, a read error, no room for one character: said in o.diagnostics).
  auto read_window = [&]() -> std::shared_ptr<Window> {
    size_t from = origin.offset - base;
    if (buf.size() - from < size.window && !in.at_end()) {
      auto r = in.read_into(buf, size.window - (buf.size() - from));
      if (!r.ok()) {
        o.diagnostics.push_back(r.error());
        failed = true;  // what was read is still reported
        return nullptr;
      }
    }
    std::string_view rest = std::string_view(buf).substr(from);
    bool last = in.at_end() && rest.size() <= size.window;
    std::string_view unit = encoding;
    if (first) {  // not decoded yet: only a byte-order mark says UTF-16
      bool le = encoding == "utf-16le" || (encoding == "auto" && rest.rfind("\xFF\xFE", 0) == 0);
      bool be = encoding == "utf-16be" || (encoding == "auto" && rest.rfind("\xFE\xFF", 0) == 0);
      unit = le ? "utf-16le" : be ? "utf-16be" : "utf-8";
    }
    size_t take = last ? rest.size() : whole_characters(rest.substr(0, size.window), unit);
    Decoded dec = decode(std::string(rest.substr(0, take)), encoding, source);
    if (first) {
      if (dec.binary) {
        o.skipped_binary = true;
        o.diagnostics = std::move(dec.warnings);
        failed = true;
        return nullptr;
      }
      o.head = DocumentHead{.source = shown_name(source), .encoding = dec.encoding};
      // Later windows are read as the first was, without a byte-order mark.
      encoding = dec.encoding == "utf-8-bom" ? "utf-8" : dec.encoding;
    }
    // One warning per input, like a whole input's, with the offset counted from its start.
    if (!warned && !dec.warnings.empty()) {
      warned = true;
      Diagnostic w = std::move(dec.warnings.front());
      if (!first && encoding == "utf-8") {
        size_t bad = origin.offset + utf8::valid_prefix(rest.substr(0, take));
        w.message = fmt::format("invalid UTF-8 at byte {}; decoded with U+FFFD", bad);
      } else if (!first) {
        w.message += fmt::format(" (counting from byte {}, where a window of the input starts)",
                                 origin.offset);
      }
      o.diagnostics.push_back(std::move(w));
    }
    first = false;
    if (!last && take == 0) {  // cannot happen with a window of 16 bytes or more
      o.diagnostics.push_back(error_at(source, 0, "window too small to hold one character"));
      failed = true;
      return nullptr;
    }
    auto w = std::make_shared<Window>();
    w->source = source;
    w->origin = origin;
    w->last = last;
    w->precut = last ? dec.text.size() : choose_cut(dec.text, size.lookahead);
    origin = position_in(origin, dec.text, dec.to_input, w->precut);
    w->dec = std::move(dec);
    read_last = last;
    return w;
  };

  size_t total = 0;
  Crew crew(x, kinds, spare_threads);
  for (;;) {
    // Keep one window read, and with helpers one more each and one for this thread.
    crew.hire();
    size_t depth = crew.helpers() ? crew.helpers() + 2 : 1;
    while (!read_last && !failed && ahead.size() < depth) {
      auto w = read_window();
      if (!w) break;
      ahead.push_back(w);
      crew.offer(std::move(w));
    }
    if (ahead.empty()) break;
    std::shared_ptr<Window> w = std::move(ahead.front());
    ahead.pop_front();
    crew.finish(*w);
    const Document& doc = *w->doc;
    Extraction& ex = w->ex;
    if (o.head && doc.origin().offset == 0) o.head->self = ex.self;  // the header's window
    size_t cut = w->last ? w->precut : cut_around_lists(doc, ex, w->precut);
    if (cut != w->precut) {  // what was read ahead started at the wrong place
      crew.drop_queue();
      ahead.clear();
      origin = doc.position(cut);
      read_last = false;
    }
    size_t cut_input = doc.decoded_to_input(cut);
    keep_window(doc, ex, cut_input, covered);
    // Short forms and bare titles this window could not resolve stand for a citation of an
    // earlier one (windows are extracted side by side, without the earlier ones' memory).
    for (auto& c : ex.citations) {
      if (c.form == "short" && !c.refers_to) {
        if (const Citation* f = citations.stood_for(x.rules(), c)) c.refers_to = f->symbol;
      } else if (c.form == "title" && !c.refers_to) {
        if (const std::string* s = citations.title_stood_for(c)) c.refers_to = *s;
      }
    }
    if (auditor) auditor->check(doc, ex, &audit);
    citations.remember(x.rules(), ex.citations);
    if (!part(ex, PartText{&doc, cut})) break;
    total = cut_input;
    if (w->last && ahead.empty()) break;
    // The bytes before the next window to read, or the first read ahead, are not needed again.
    size_t keep = ahead.empty() ? origin.offset : ahead.front()->origin.offset;
    buf.erase(0, keep - base);
    base = keep;
  }
  if (o.head) o.head->bytes = total;
  return o;
}

}  // namespace trich
