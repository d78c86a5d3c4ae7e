#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
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

#include "base/escape.h"
#include "audit/audit.h"
#include "audit/cross.h"
#include "audit/baseline.h"
#include "audit/messages.h"
#include "output/color.h"
#include "extract/resolvers.h"
#include "extract/rule_values.h"
#include "graph/graph.h"
#include "io/decode.h"
#include "io/input.h"
#include "pipeline/load.h"
#include "output/fd_stream.h"
#include "output/output_file.h"
#include "output/parts.h"
#include "output/schema.h"
#include "output/sink.h"
#include "pipeline/progress.h"
#include "pipeline/rules_check.h"
#include "pipeline/stats.h"
#include "pipeline/windows.h"
#include "text/document.h"

namespace trich {
namespace {

void print(std::ostream& err, const Diagnostic& d) {
  err << "trich: " << (d.severity == Severity::error ? "error: " : "warning: ") << d.where_what()
      << "\n";
}

Diagnostic write_failed(const std::string& what, int errnum) {
  return error_at(what, 0, fmt::format("write failed: {}", std::strerror(errnum)));
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
  return rules::load(sources, catalog());
}

// What every worker shares: the run's settings, and the sink that formats documents (workers
// format; the writing thread only writes, in input order).
struct Shared {
  const Config& cfg;
  const Extractor& x;
  const Auditor* auditor;
  const Baseline* baseline;  // audit --baseline: findings it holds are not reported
  KindSet scan;       // the kinds to extract (audit needs all, whatever is printed)
  WindowSize window;
  int fail_rank;      // the lowest finding severity that fails an audit
  const Sink& sink;
  std::atomic<bool>& cancelled;  // the output is gone: stop reading
  Extractor::WarmUp* warm;       // fed the size of each text, when there is one
  // Threads of the -j budget with no input of their own (more threads than inputs, or every
  // input taken): a large input's windows are extracted on them (pipeline/windows.h).
  std::atomic<int>& spare_threads;
  bool graph = false;            // trich graph: each outcome carries its GraphDoc
};

KindSet kinds_to_scan(const Config& cfg, const Auditor* auditor) {
  if (!auditor) return cfg.kinds;
  KindSet k;  // audit needs every kind, whatever is printed
  k.audit = true;
  k.reference_date = cfg.kinds.reference_date;
  return k;
}

int severity_rank(const std::string& s) { return s == "error" ? 2 : s == "warning" ? 1 : 0; }

bool failing(const std::vector<Finding>& fs, int fail_rank) {
  return std::any_of(fs.begin(), fs.end(),
                     [&](const Finding& f) { return severity_rank(f.severity) >= fail_rank; });
}

// The result of one input: a document formatted and ready to write, or the diagnostics that
// say why there is none (and any warnings besides).
struct Outcome {
  std::optional<DocumentHead> head;     // there is a document
  std::unique_ptr<PartWriter> parts;    // its sections, formatted
  bool fails_audit = false;             // its findings fail the audit
  std::vector<Diagnostic> diagnostics;
  bool skipped_binary = false;
  Tally tally;  // for --stats
  bool quiet = false;  // a binary file met while walking a directory: counted, not reported
  bool filtered = false;     // left out by --type
  const char* refused = "";  // a format trich does not read: why, for --stats
  std::optional<GraphDoc> graph;  // trich graph: the document's references
  std::vector<DatedMention> dated;  // audit: dated symbols, for the checks across documents
};

// Reads a large input a window at a time, formatting each window's entities as it goes.
void process_windows(InputReader& r, std::string read, const Shared& sh, Outcome& o) {
  o.parts = std::make_unique<PartWriter>(sh.sink, PartWriter::Spool::file);
  DocumentHead head{.source = shown_name(r.path())};
  std::optional<Diagnostic> spool_error;
  auto w = process_in_windows(r, std::move(read), sh.cfg.encoding, sh.x, sh.scan, sh.auditor,
                              sh.window, [&](const Extraction& whole, const PartText& text) {
                                // --baseline: the window's findings without those it holds.
                                Extraction kept;
                                if (sh.baseline) {
                                  kept = whole;
                                  sh.baseline->filter(head.source, kept.findings);
                                }
                                const Extraction& ex = sh.baseline ? kept : whole;
                                o.fails_audit = o.fails_audit || failing(ex.findings, sh.fail_rank);
                                o.tally.add(ex);
                                if (sh.auditor) collect_dated(*sh.auditor, ex, o.dated);
                                if (sh.graph) {
                                  if (!o.graph) {
                                    o.graph.emplace();
                                    o.graph->source = shown_name(r.path());
                                    o.graph->self = ex.self;
                                  }
                                  o.graph->add(ex.citations);
                                }
                                auto res = o.parts->part(head, ex, text);
                                if (!res.ok()) spool_error = res.error();
                                return res.ok() && !sh.cancelled;
                              },
                              &sh.spare_threads);
  o.diagnostics = std::move(w.diagnostics);
  if (spool_error) o.diagnostics.push_back(*spool_error);
  o.skipped_binary = w.skipped_binary;
  if (w.head && !spool_error) o.head = w.head;
}

Outcome process_input(const Input& in, const Shared& sh) {
  Outcome o;
  o.quiet = in.in_directory;  // only a binary file's warning is quiet
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
  // A large input is read a window at a time from the start; its first KiBs say what it is.
  std::optional<Diagnostic> failed;
  if (r.size_hint() <= sh.window.window) {
    auto done = r.read_all(bytes, sh.window.window);
    if (!done.ok()) failed = done.error();
  } else {
    auto got = r.read_into(bytes, 4096);
    if (!got.ok()) failed = got.error();
  }
  if (failed) {
    o.diagnostics.push_back(*failed);
    return o;
  }
  formats::Sniffed sniffed = sniff_input(bytes, sh.cfg.input_format);
  bool plain = sniffed.kind == formats::Sniffed::Kind::format &&
               sniffed.format == formats::Format::text;
  auto wanted = [&](const std::string& type) {
    const auto& t = sh.cfg.types;
    return !in.in_directory || t.empty() || std::find(t.begin(), t.end(), type) != t.end();
  };
  std::optional<formats::Extracted> extracted;
  std::string format = "text";
  if (!plain) {
    // A container is read whole: its text can only be extracted from all of it.
    auto all = r.read_all(bytes, kMaxContainer);
    if (!all.ok()) {
      o.diagnostics.push_back(all.error());
      return o;
    }
    if (!r.at_end()) {
      o.diagnostics.push_back(error_at(
          in.path, 0, "larger than the 256 MiB a document container may be (docs/limits.md)"));
      return o;
    }
    if (!wanted(type_of(bytes, sniffed))) {
      o.filtered = true;
      return o;
    }
    Loaded l = load(bytes, sniffed, in.path);
    if (l.status == Loaded::Status::unsupported || l.status == Loaded::Status::failed) {
      Diagnostic d = *l.problem;
      if (l.status == Loaded::Status::unsupported) {
        o.refused = l.reason;
        // Met under a directory: one warning, the run goes on; named: an error (exit 2).
        if (in.in_directory) d.severity = Severity::warning;
      }
      o.diagnostics.push_back(std::move(d));
      return o;
    }
    format = formats::name(l.format);
    extracted = std::move(l.extracted);
  } else if (!wanted("text")) {
    o.filtered = true;
    return o;
  }
  if (sh.warm) sh.warm->fed(r.at_end() ? bytes.size() : sh.window.window);
  if (!r.at_end()) {
    process_windows(r, std::move(bytes), sh, o);
    return o;
  }
  size_t n = bytes.size();
  Decoded dec = extracted ? decode(std::move(extracted->text), "utf-8", in.path)
                          : decode(std::move(bytes), sh.cfg.encoding, in.path);
  o.diagnostics = std::move(dec.warnings);
  if (dec.binary) {  // decode's warning says so
    o.skipped_binary = true;
    return o;
  }
  Document doc(in.path, std::move(dec), sh.x.folds());
  if (extracted) doc.set_pages(std::move(extracted->page_starts));
  Extraction ex = sh.x.run(doc, sh.scan);
  // Outputs show the name escaped (base/escape.h), the same in every format.
  DocumentHead head{shown_name(in.path), doc.encoding(), n, format, ex.self};
  if (sh.auditor) {
    sh.auditor->check(doc, ex);
    collect_dated(*sh.auditor, ex, o.dated);
  }
  if (sh.baseline) sh.baseline->filter(in.path, ex.findings);
  o.fails_audit = failing(ex.findings, sh.fail_rank);
  o.tally.add(ex);
  if (sh.graph) {
    o.graph.emplace();
    o.graph->source = shown_name(in.path);
    o.graph->self = ex.self;
    o.graph->add(ex.citations);
  }
  o.parts = std::make_unique<PartWriter>(sh.sink, PartWriter::Spool::memory);
  auto r2 = o.parts->part(head, ex, PartText{&doc, doc.decoded().size()});
  if (r2.ok()) o.head = head;
  return o;
}

// Memory running out is one input's error, not the end of the run.
Outcome process(const Input& in, const Shared& sh) {
  try {
    Outcome o = process_input(in, sh);
    // A binary file the user named was not read: that is an error, not a quiet success.
    if (o.skipped_binary && !in.in_directory) {
      for (auto& d : o.diagnostics) d.severity = Severity::error;
    }
    return o;
  } catch (const std::bad_alloc&) {
    Outcome o;
    o.diagnostics.push_back(error_at(
        in.path, 0, "out of memory (a smaller --window bounds what a large input needs)"));
    return o;
  }
}

// Runs `process` over inputs on `jobs` threads, handing outcomes to `deliver` in input order.
// At most a window of outcomes waits in memory, so a slow writer bounds the readers.
template <class Deliver>
void run_ordered(const std::vector<Input>& inputs, int jobs, const Shared& sh,
                 Deliver&& deliver) {
  size_t n = inputs.size();
  if (jobs <= 1 || n <= 1) {
    sh.spare_threads = n == 1 ? jobs - 1 : 0;  // one input: its windows take the other threads
    for (const auto& in : inputs) {
      if (!deliver(process(in, sh))) return;
    }
    return;
  }
  // Finished documents wait for the ones before them. A worker takes no new input while
  // kWaiting documents or kWaitingBytes of their formatted output wait: a slow output, or one
  // long input among short ones, bounds memory without holding the other workers back (with
  // a bound of a few documents, one long input stopped every other worker within a few short
  // ones).
  constexpr size_t kWaiting = 1024, kWaitingBytes = 64 << 20;
  std::mutex mu;
  std::condition_variable ready, room;
  std::deque<std::optional<Outcome>> slots;  // slot k holds input `written + k`
  size_t next = 0, written = 0, waiting_bytes = 0;
  bool stop = false;
  auto held = [](const Outcome& o) { return o.parts ? o.parts->memory() : 0; };
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lk(mu);
        room.wait(lk, [&] {
          return stop || next >= n ||
                 (next < written + kWaiting && waiting_bytes <= kWaitingBytes);
        });
        if (stop || next >= n) {
          ++sh.spare_threads;  // lent to the inputs still being read
          return;
        }
        i = next++;
      }
      Outcome o = process(inputs[i], sh);
      std::lock_guard<std::mutex> lk(mu);
      if (i < written) continue;  // stopped meanwhile
      size_t k = i - written;
      if (slots.size() <= k) slots.resize(k + 1);
      waiting_bytes += held(o);
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
      waiting_bytes -= held(o);
      room.notify_all();
    }
    if (!deliver(std::move(o))) {
      std::lock_guard<std::mutex> lk(mu);
      stop = true;
      sh.cancelled = true;
      room.notify_all();
      break;
    }
  }
  for (auto& t : pool) t.join();
}

// `trich text`: each input's text as the other commands read it: a container's extracted
// text, plain text's bytes as they are (its offsets count those bytes).
int print_text(const Config& cfg, std::ostream& err) {
  FdStreamBuf buf(STDOUT_FILENO);
  std::ostream out(&buf);
  int code = 0;
  for (const auto& in : expand_inputs(cfg.inputs, WalkOptions{}, nullptr)) {
    if (in.error) {
      print(err, *in.error);
      code = 2;
      continue;
    }
    auto bytes = read_input(in.path);
    if (!bytes.ok()) {
      print(err, bytes.error());
      code = 2;
      continue;
    }
    formats::Sniffed s = sniff_input(bytes.value(), cfg.input_format);
    if (s.kind == formats::Sniffed::Kind::format && s.format == formats::Format::text) {
      out << bytes.value();
    } else {
      Loaded l = load(bytes.value(), s, in.path);
      if (l.problem) {
        print(err, *l.problem);
        code = 2;
        continue;
      }
      out << l.extracted.text;
    }
    out.flush();
    if (buf.failed()) {
      if (!buf.broken_pipe()) {
        print(err, write_failed("<stdout>", buf.error()));
        code = 2;
      }
      break;
    }
  }
  return code;
}

}  // namespace

int run(const Config& cfg, std::ostream& err) {
  if (cfg.command == "text") {
    std::signal(SIGPIPE, SIG_IGN);
    return print_text(cfg, err);
  }
  auto started = std::chrono::steady_clock::now();
  auto rules = load_rules(cfg);
  if (!rules.ok()) {
    print(err, rules.error());
    return 2;
  }
  if (cfg.command == "schema") {
    // The enumerations of rule-defined values (TERM kinds...) are those of the rules loaded.
    FdStreamBuf buf(STDOUT_FILENO);
    std::ostream out(&buf);
    out << json_schema(rule_values(rules.value()));
    out.flush();
    if (buf.failed()) {
      print(err, write_failed("<stdout>", buf.error()));
      return 2;
    }
    return 0;
  }
  KindSet needed = cfg.kinds;
  if (cfg.command == "audit") {
    needed = KindSet{};
    needed.audit = true;
  }
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
    if (buf.failed()) {
      print(err, write_failed("<stdout>", buf.error()));
      return 2;
    }
    return failures == 0 ? 0 : 2;
  }

  int exit_code = 0;
  // Messages in the language asked for, from --rules DIR when it has them.
  std::string lang = cfg.lang.empty() ? language_from_environment() : cfg.lang;
  const Messages* messages = &Messages::builtin(lang);
  std::optional<Messages> own_messages;
  if (!cfg.rules_dir.empty()) {
    auto sources = rules::directory_sources(cfg.rules_dir);
    bool has = false;
    if (sources.ok()) {
      for (const auto& src : sources.value()) {
        has = has || src.path.ends_with("/" + lang + "/messages.toml");
      }
    }
    if (has) {
      auto m = Messages::load(sources.value(), lang);
      if (!m.ok()) {
        print(err, m.error());
        return 2;
      }
      own_messages = std::move(m.value());
      messages = &*own_messages;
    }
  }
  std::unique_ptr<Auditor> auditor;
  if (cfg.command == "audit") {
    // Text shows each finding in its lines; the other formats carry no excerpt.
    auto a = Auditor::build(x.rules(), cfg.registry, messages,
                            cfg.format == "text" ? cfg.context : -1);
    if (!a.ok()) {
      print(err, a.error());
      return 2;
    }
    auditor = std::move(a.value());
    for (const auto& n : auditor->notes()) print(err, n);  // said once, before any document
  }
  std::optional<Baseline> baseline;
  if (!cfg.baseline.empty()) {
    auto b = Baseline::load(cfg.baseline);
    if (!b.ok()) {
      print(err, b.error());
      return 2;
    }
    baseline = std::move(b.value());
  }

  // The output target is opened before any work, so a bad -o fails fast.
  std::unique_ptr<OutputFile> file;
  if (!cfg.output.empty()) {
    auto f = OutputFile::open(cfg.output);
    if (!f.ok()) {
      print(err, f.error());
      return 2;
    }
    file = std::move(f.value());
  }
  std::signal(SIGPIPE, SIG_IGN);
  // With several threads, one builds beside the workers what they would otherwise each wait
  // for at their first matches (RE2's reverse programs, the rules' own regexes).
  auto warm = x.warm_up(jobs > 1 ? 1 : 0);
  FdStreamBuf buf(file ? file->fd() : STDOUT_FILENO);
  std::ostream out(&buf);

  std::vector<std::string> args = cfg.inputs;
  if (!cfg.files_from.empty()) {
    auto list = read_path_list(cfg.files_from, cfg.files_from_null);
    if (!list.ok()) {
      print(err, list.error());
      exit_code = 2;
    } else {
      for (const auto& e : list.value().errors) print(err, e);
      if (!list.value().errors.empty()) exit_code = 2;
      args.insert(args.end(), list.value().paths.begin(), list.value().paths.end());
    }
  }
  std::vector<Input> inputs;
  RunStats stats;
  if (args.empty() && !cfg.files_from.empty()) {
    // --files-from with an empty list: nothing to read, not standard input.
  } else {
    WalkOptions walk;
    walk.recurse = cfg.recurse;
    walk.hidden = cfg.hidden;
    walk.globs = cfg.globs;
    inputs = expand_inputs(args, walk, &stats.walk);
  }
  std::optional<Progress> progress;
  if (progress_wanted(cfg.progress, !file)) {
    uint64_t total = 0;
    for (const auto& in : inputs) {
      struct stat st {};
      if (in.path != "-" && ::stat(in.path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total += st.st_size;
    }
    progress.emplace(STDERR_FILENO, inputs.size(), total);
  }

  SinkOptions so;
  bool graphing = cfg.command == "graph" || cfg.command == "registry-build";
  so.format = graphing ? "none" : cfg.format;
  so.kinds = cfg.kinds;
  so.findings = cfg.command == "audit";
  so.bom = cfg.bom;
  so.findings_only = cfg.findings_only;
  so.messages = messages;
  so.color = file ? cfg.color == "always" : use_color(cfg.color, STDOUT_FILENO);
  auto sink = make_sink(so, out);
  sink->begin();
  size_t binaries = 0, docs = 0, bytes = 0;
  std::map<std::string, size_t> by_encoding;
  int fail_rank = cfg.fail_on == "none" ? 3 : severity_rank(cfg.fail_on);
  bool failed_audit = false;
  bool pipe_closed = false;
  auto report = [&](const std::vector<Diagnostic>& ds, bool quiet) {
    for (const auto& d : ds) {
      if (quiet) continue;
      std::unique_lock<std::mutex> paused;
      if (progress) paused = progress->pause();
      print(err, d);
      if (d.severity == Severity::error) exit_code = 2;
    }
  };
  auto count = [&](const DocumentHead& h) {
    ++docs;
    bytes += h.bytes;
    ++by_encoding[h.encoding];
  };
  std::atomic<bool> cancelled{false};
  std::atomic<int> spare_threads{0};
  Shared sh{cfg,
            x,
            auditor.get(),
            baseline ? &*baseline : nullptr,
            kinds_to_scan(cfg, auditor.get()),
            cfg.window ? WindowSize::of(cfg.window) : WindowSize{},
            fail_rank,
            *sink,
            cancelled,
            warm.get(),
            spare_threads,
            graphing};
  Graph graph;
  DatesAcross across(auditor ? &x.rules() : nullptr, auditor ? messages : nullptr);
  run_ordered(inputs, jobs, sh, [&](Outcome o) {
    report(o.diagnostics, o.quiet && o.skipped_binary);
    binaries += o.skipped_binary;
    stats.tally.add(o.tally);
    if (o.filtered) {
      ++stats.other_type;
    } else if (*o.refused) {
      ++stats.refused[o.refused];
    } else if (!o.head && !o.skipped_binary) {
      ++stats.unreadable;
    }
    if (progress) progress->done(o.head ? o.head->bytes : 0);
    failed_audit = failed_audit || o.fails_audit;
    if (o.head && o.graph) graph.add(*o.graph);
    if (o.head && o.parts && auditor) {
      // Dates that differ from another document's of this run: findings after the document's
      // own (its sections are formatted already; the checks need the documents before it).
      Extraction cross;
      cross.findings = across.check(o.head->source, o.dated);
      if (!cross.findings.empty()) {
        failed_audit = failed_audit || failing(cross.findings, fail_rank);
        stats.tally.add(cross);
        auto r = o.parts->part(*o.head, cross);
        if (!r.ok()) report({r.error()}, false);
      }
    }
    if (o.head && o.parts) {
      count(*o.head);
      auto r = o.parts->finish(*sink, *o.head);
      if (!r.ok()) report({r.error()}, false);
    }
    if (buf.failed()) {
      pipe_closed = buf.broken_pipe();
      return false;
    }
    return true;
  });
  progress.reset();
  if (graphing && !pipe_closed) {
    if (cfg.command == "registry-build") graph.write_registry(out);
    else graph.write({cfg.format, cfg.top, cfg.internal}, out);
  }
  if (!pipe_closed) {
    sink->end();
    out.flush();
  }
  if (buf.failed() && !buf.broken_pipe()) {
    print(err, write_failed(cfg.output.empty() ? "<stdout>" : cfg.output, buf.error()));
    exit_code = 2;
    if (file) file->discard();  // the old target stays
  } else if (file) {
    auto c = file->commit();
    if (!c.ok()) {
      print(err, c.error());
      exit_code = 2;
    }
  }
  if (cfg.stats) {
    stats.documents = docs;
    stats.bytes = bytes;
    stats.by_encoding = by_encoding;
    stats.binary = binaries;
    stats.kinds = cfg.kinds;
    stats.audit = cfg.command == "audit";
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    err << stats_lines(stats);
  }
  if (pipe_closed) return exit_code == 2 ? 2 : 0;
  if (exit_code == 0 && failed_audit) exit_code = 1;
  return exit_code;
}

}  // namespace trich
