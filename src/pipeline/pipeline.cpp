#include "pipeline/pipeline.h"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "audit/audit.h"
#include "extract/resolvers.h"
#include "io/decode.h"
#include "io/input.h"
#include "output/fd_stream.h"
#include "output/parts.h"
#include "output/schema.h"
#include "output/sink.h"
#include "pipeline/rules_check.h"
#include "pipeline/windows.h"
#include "text/document.h"

namespace trich {
namespace {

void print(std::ostream& err, const Diagnostic& d) {
  err << "trich: " << (d.severity == Severity::error ? "error: " : "warning: ") << d.where_what()
      << "\n";
}

Result<rules::RuleSet> load_rules(const Config& cfg) {
  std::vector<rules::Source> sources;
  if (cfg.rules_dir.empty()) {
    sources = rules::embedded_sources();
  } else {
    auto s = rules::directory_sources(cfg.rules_dir);
    if (!s.ok()) return s.error();
    sources = std::move(s.value());
  }
  return rules::load(sources, resolver_names());
}

// The result of one input: a document, or the diagnostics that explain why there is none,
// or (a large input) an open reader: such an input is read a window at a time, when its
// turn comes to be written (pipeline/windows.h).
struct Outcome {
  std::optional<DocumentResult> doc;
  std::vector<Diagnostic> diagnostics;
  bool skipped_binary = false;
  bool quiet = false;  // a binary file met while walking a directory: counted, not reported
  std::optional<InputReader> windowed;
  std::string read;  // what was read of a windowed input so far
};

KindSet kinds_to_scan(const Config& cfg, const Auditor* auditor) {
  if (!auditor) return cfg.kinds;
  KindSet k;  // audit needs every kind, whatever is printed
  k.audit = true;
  return k;
}

Outcome process_input(const Input& in, const Config& cfg, const Extractor& x,
                      const Auditor* auditor, const WindowSize& ws) {
  Outcome o;
  if (in.error) {
    o.diagnostics.push_back(*in.error);
    return o;
  }
  auto reader = InputReader::open(in.path);
  if (!reader.ok()) {
    o.diagnostics.push_back(reader.error());
    return o;
  }
  InputReader& r = reader.value();
  std::string bytes;
  if (r.size_hint() <= ws.window) {
    // A regular file in one read() of its size; a pipe until it ends or fills a window.
    size_t step = r.size_hint() ? r.size_hint() + 1 : size_t{1} << 16;
    while (!r.at_end() && bytes.size() <= ws.window) {
      auto n = r.read_into(bytes, std::min(step, ws.window + 1 - bytes.size()));
      if (!n.ok()) {
        o.diagnostics.push_back(n.error());
        return o;
      }
      step = std::max(step, bytes.size());
    }
  }
  if (!r.at_end()) {
    o.windowed = std::move(r);
    o.read = std::move(bytes);
    o.quiet = in.in_directory;
    return o;
  }
  size_t n = bytes.size();
  Decoded dec = decode(std::move(bytes), cfg.encoding, in.path);
  o.diagnostics = std::move(dec.warnings);
  if (dec.binary) {  // decode's warning says so
    o.skipped_binary = true;
    o.quiet = in.in_directory;
    return o;
  }
  Document doc(in.path, std::move(dec));
  DocumentResult r2;
  r2.source = in.path;
  r2.encoding = doc.encoding();
  r2.bytes = n;
  r2.x = x.run(doc, kinds_to_scan(cfg, auditor));
  if (auditor) auditor->check(doc, r2.x);
  o.doc = std::move(r2);
  return o;
}

Diagnostic out_of_memory(const std::string& path) {
  return error_at(path, 0, "out of memory (a smaller --window bounds what a large input needs)");
}

// Memory running out is one input's error, not the end of the run.
Outcome process(const Input& in, const Config& cfg, const Extractor& x, const Auditor* auditor,
                const WindowSize& ws) {
  try {
    return process_input(in, cfg, x, auditor, ws);
  } catch (const std::bad_alloc&) {
    Outcome o;
    o.diagnostics.push_back(out_of_memory(in.path));
    return o;
  }
}

// Runs `process` over inputs on `jobs` threads, handing outcomes to `deliver` in input order.
// At most a window of outcomes waits in memory, so a slow writer bounds the readers.
template <class Deliver>
void run_ordered(const std::vector<Input>& inputs, int jobs, const Config& cfg,
                 const Extractor& x, const Auditor* auditor, const WindowSize& ws,
                 Deliver&& deliver) {
  size_t n = inputs.size();
  if (jobs <= 1 || n <= 1) {
    for (const auto& in : inputs) {
      if (!deliver(process(in, cfg, x, auditor, ws))) return;
    }
    return;
  }
  const size_t window = static_cast<size_t>(jobs) * 4;
  std::mutex mu;
  std::condition_variable ready, room;
  std::deque<std::optional<Outcome>> slots;  // slot k holds input `written + k`
  size_t next = 0, written = 0;
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lk(mu);
        room.wait(lk, [&] { return stop || next >= n || next < written + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Outcome o = process(inputs[i], cfg, x, auditor, ws);
      std::lock_guard<std::mutex> lk(mu);
      if (i < written) continue;  // stopped meanwhile
      size_t k = i - written;
      if (slots.size() <= k) slots.resize(k + 1);
      slots[k] = std::move(o);
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < jobs; ++t) pool.emplace_back(worker);
  while (written < n) {
    Outcome o;
    {
      std::unique_lock<std::mutex> lk(mu);
      ready.wait(lk, [&] { return !slots.empty() && slots.front().has_value(); });
      o = std::move(*slots.front());
      slots.pop_front();
      ++written;
      room.notify_all();
    }
    if (!deliver(std::move(o))) {
      std::lock_guard<std::mutex> lk(mu);
      stop = true;
      room.notify_all();
      break;
    }
  }
  for (auto& t : pool) t.join();
}

// Output to -o FILE goes to a temporary file beside it, renamed into place at the end.
// A target that exists and is no regular file (/dev/null, a FIFO) is written directly:
// renaming over it would replace the device.
struct OutputFile {
  std::string target, temp;  // temp empty: written directly
  int fd = -1;
};

Result<OutputFile> open_output(const std::string& target) {
  OutputFile f;
  f.target = target;
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return error_at(target, 0, "cannot write: is a directory");
    f.fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (f.fd < 0) return error_at(target, 0, fmt::format("cannot write: {}", std::strerror(errno)));
    return f;
  }
  std::filesystem::path p(target);
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  f.temp = dir + "/." + p.filename().string() + ".trich-XXXXXX";
  std::vector<char> tmpl(f.temp.begin(), f.temp.end());
  tmpl.push_back('\0');
  f.fd = ::mkstemp(tmpl.data());
  if (f.fd < 0) return error_at(target, 0, fmt::format("cannot write: {}", std::strerror(errno)));
  f.temp = tmpl.data();
  ::fchmod(f.fd, 0644);
  return f;
}

}  // namespace

int run(const Config& cfg, std::ostream& err) {
  if (cfg.command == "schema") {
    FdStreamBuf buf(STDOUT_FILENO);
    std::ostream out(&buf);
    out << json_schema();
    out.flush();
    return 0;
  }
  auto rules = load_rules(cfg);
  if (!rules.ok()) {
    print(err, rules.error());
    return 2;
  }
  KindSet needed = cfg.kinds;
  if (cfg.command == "audit") needed = KindSet{true, true, true, true, true};
  std::vector<std::string> kinds = cfg.command == "rules-check" ? std::vector<std::string>{}
                                                                 : Extractor::kinds_for(needed);
  int jobs = cfg.jobs > 0 ? cfg.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // With several threads, the kinds' regexes compile side by side.
  if (jobs > 1) Matcher::precompile(rules.value(), kinds.empty() ? Extractor::kinds() : kinds, jobs);
  auto extractor = Extractor::build(rules.value(), kinds);
  if (!extractor.ok()) {
    print(err, extractor.error());
    return 2;
  }
  const Extractor& x = *extractor.value();
  if (cfg.command == "rules-check") {
    FdStreamBuf buf(STDOUT_FILENO);
    std::ostream out(&buf);
    int failures = check_rules(x, out);
    out.flush();
    return failures == 0 ? 0 : 2;
  }

  int exit_code = 0;
  std::unique_ptr<Auditor> auditor;
  if (cfg.command == "audit") {
    auto a = Auditor::build(x.rules(), cfg.registry);
    if (!a.ok()) {
      print(err, a.error());
      return 2;
    }
    auditor = std::move(a.value());
  }

  // The output target is opened before any work, so a bad -o fails fast.
  std::optional<OutputFile> file;
  if (!cfg.output.empty()) {
    auto f = open_output(cfg.output);
    if (!f.ok()) {
      print(err, f.error());
      return 2;
    }
    file = f.value();
  }
  std::signal(SIGPIPE, SIG_IGN);
  FdStreamBuf buf(file ? file->fd : STDOUT_FILENO);
  std::ostream out(&buf);

  std::vector<std::string> args = cfg.inputs;
  if (!cfg.files_from.empty()) {
    auto list = read_path_list(cfg.files_from);
    if (!list.ok()) {
      print(err, list.error());
      exit_code = 2;
    } else {
      args.insert(args.end(), list.value().begin(), list.value().end());
    }
  }
  std::vector<Input> inputs;
  if (args.empty() && !cfg.files_from.empty()) {
    // --files-from with an empty list: nothing to read, not standard input.
  } else {
    inputs = expand_inputs(args, cfg.recurse);
  }

  SinkOptions so;
  so.format = cfg.format;
  so.kinds = cfg.kinds;
  so.findings = cfg.command == "audit";
  so.bom = cfg.bom;
  auto sink = make_sink(so, out);
  sink->begin();
  size_t binaries = 0, docs = 0, bytes = 0;
  std::map<std::string, size_t> by_encoding;
  int fail_rank = cfg.fail_on == "info" ? 0 : cfg.fail_on == "warning" ? 1 : cfg.fail_on == "error" ? 2 : 3;
  bool failed_audit = false;
  bool pipe_closed = false;
  auto note_findings = [&](const std::vector<Finding>& fs) {
    for (const auto& f : fs) {
      int rank = f.severity == "error" ? 2 : f.severity == "warning" ? 1 : 0;
      if (rank >= fail_rank) failed_audit = true;
    }
  };
  auto report = [&](const std::vector<Diagnostic>& ds, bool quiet) {
    for (const auto& d : ds) {
      if (quiet) continue;
      print(err, d);
      if (d.severity == Severity::error) exit_code = 2;
    }
  };
  auto count = [&](const DocumentHead& h) {
    ++docs;
    bytes += h.bytes;
    ++by_encoding[h.encoding];
  };
  WindowSize ws = cfg.window ? WindowSize::of(cfg.window) : WindowSize{};
  KindSet scan = kinds_to_scan(cfg, auditor.get());
  run_ordered(inputs, jobs, cfg, x, auditor.get(), ws, [&](Outcome o) {
    report(o.diagnostics, o.quiet);
    binaries += o.skipped_binary;
    if (o.doc) {
      count(o.doc->head());
      note_findings(o.doc->x.findings);
      sink->document(*o.doc);
    }
    if (o.windowed) {
      PartWriter parts(*sink);
      DocumentHead head{o.windowed->path(), "", 0};
      std::optional<Diagnostic> spool_error;
      WindowedOutcome w;
      try {
        w = process_in_windows(*o.windowed, std::move(o.read), cfg.encoding, x, scan,
                               auditor.get(), ws, [&](const Extraction& ex) {
                                 note_findings(ex.findings);
                                 auto r = parts.part(head, ex);
                                 if (!r.ok()) spool_error = r.error();
                                 return r.ok();
                               });
      } catch (const std::bad_alloc&) {
        spool_error = out_of_memory(head.source);
      }
      if (spool_error) w.diagnostics.push_back(*spool_error);
      report(w.diagnostics, w.skipped_binary && o.quiet);
      binaries += w.skipped_binary;
      if (w.head && !spool_error) {
        count(*w.head);
        auto r = parts.finish(*w.head);
        if (!r.ok()) report({r.error()}, false);
      }
    }
    if (buf.failed()) {
      pipe_closed = buf.broken_pipe();
      return false;
    }
    return true;
  });
  if (!pipe_closed) {
    sink->end();
    out.flush();
  }
  if (buf.failed() && !buf.broken_pipe()) {
    print(err, error_at(cfg.output.empty() ? "<stdout>" : cfg.output, 0, "write failed"));
    exit_code = 2;
  }
  if (file) {
    ::close(file->fd);
    if (!file->temp.empty() && std::rename(file->temp.c_str(), file->target.c_str()) != 0) {
      print(err, error_at(file->target, 0, fmt::format("cannot rename: {}", std::strerror(errno))));
      std::remove(file->temp.c_str());
      exit_code = 2;
    }
  }
  if (cfg.stats) {
    std::string encs;
    for (const auto& [name, count] : by_encoding) {
      encs += fmt::format("{}{} {}", encs.empty() ? " (" : ", ", count, name);
    }
    if (!encs.empty()) encs += ")";
    err << fmt::format("trich: {} document{}{}, {} bytes, {} binary file{} skipped\n", docs,
                       docs == 1 ? "" : "s", encs, bytes, binaries, binaries == 1 ? "" : "s");
  }
  if (pipe_closed) return exit_code == 2 ? 2 : 0;
  if (exit_code == 0 && failed_audit) exit_code = 1;
  return exit_code;
}

}  // namespace trich
