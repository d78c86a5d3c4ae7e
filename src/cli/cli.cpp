#include "cli/cli.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>

#include "io/decode.h"
#include "pipeline/pipeline.h"

namespace trich::cli {
namespace {

constexpr const char* kFooter = R"(Examples:
  trich extract report.txt                     every kind, as JSON
  cat *.txt | trich dates --format csv > d.csv  dates from standard input, as CSV
  trich extract -r reports/ --format jsonl | jq .symbol
  trich citations --format csv --bom plan.txt > citations.csv
  find archive -name '*.txt' | trich extract --files-from - --format jsonl
  trich audit --format text report.txt         findings, one line each (exit 1 on errors)
  trich rules check --rules rules/             run every rule's examples
  trich schema                                 the JSON Schema of the output

Exit codes: 0 success (also when nothing is found); 1 audit found a finding at or above
--fail-on; 2 usage error, unreadable input or bad rule file (other inputs still processed).
Output contract: schema "trich/1" (trich schema; docs/contract.md).)";

struct Common {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string rules_dir, output, files_from, encoding = "auto";
  bool recurse = false, bom = false, stats = false;
  int jobs = 0;
  size_t window = 0;
};

void add_common(CLI::App* app, Common& c, bool text_format) {
  app->add_option("inputs", c.inputs, "files, directories (with -r) or - for standard input");
  std::vector<std::string> formats = {"json", "jsonl", "csv"};
  if (text_format) formats.push_back("text");
  app->add_option("--format", c.format, "output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  app->add_option("--rules", c.rules_dir, "read rules from DIR instead of the built-in rules")
      ->type_name("DIR");
  app->add_option("-o,--output", c.output, "write to FILE (atomically: temporary file, rename)")
      ->type_name("FILE");
  app->add_flag("-r,--recursive", c.recurse, "read the files under directories, in path order");
  app->add_option("-j,--jobs", c.jobs, "worker threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  app->add_option("--files-from", c.files_from, "read input paths from FILE, one per line (- = stdin)")
      ->type_name("FILE");
  std::vector<std::string> encs = {"auto"};
  for (const auto& e : known_encodings()) encs.push_back(e);
  app->add_option("--encoding", c.encoding, "input encoding (default: detect)")
      ->check(CLI::IsMember(encs));
  app->add_flag("--bom", c.bom, "csv: start with a UTF-8 byte-order mark (for spreadsheets)");
  app->add_flag("--stats", c.stats, "print a summary line on standard error");
  app->add_option("--window", c.window,
                  "read an input larger than BYTES a window of BYTES at a time, to bound memory "
                  "(default 8M; K, M, G suffixes)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(size_t{16}, size_t{1} << 40));
}

Config to_config(const Common& c) {
  Config cfg;
  cfg.inputs = c.inputs;
  cfg.format = c.format;
  cfg.rules_dir = c.rules_dir;
  cfg.output = c.output;
  cfg.recurse = c.recurse;
  cfg.jobs = c.jobs;
  cfg.files_from = c.files_from;
  cfg.encoding = c.encoding;
  cfg.bom = c.bom;
  cfg.stats = c.stats;
  cfg.window = c.window;
  return cfg;
}

KindSet only(const std::string& kind) {
  KindSet k{false, false, false, false, false};
  if (kind == "citations") k.citations = true;
  if (kind == "priorities") k.priorities = true;
  if (kind == "dates") k.dates = true;
  if (kind == "terms") k.terms = true;
  return k;
}

// Help and version go through std::cout (CLI11 prints them); a write error there must not
// pass for success, and says why.
// errno is cleared before CLI11 prints: a failed write in it (std::endl flushes) leaves its
// reason there.
int finish_stdout(int code) {
  std::cout.flush();
  bool bad = !std::cout;
  if (std::fflush(stdout) != 0 || bad || std::ferror(stdout)) {
    int e = errno ? errno : EIO;
    std::cerr << "trich: error: <stdout>: write failed: " << std::strerror(e) << "\n";
    return 2;
  }
  return code;
}

}  // namespace

int run(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write then fails with EFBIG, reported and cleaned up
  // like any other write error, instead of the signal killing us with a partial file left.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"trich: extract priorities, citations, dates and terms from Vietnamese reports, "
               "plans and legal documents, as JSON, JSON Lines or CSV."};
  app.footer(kFooter);
  app.set_version_flag("--version", std::string("trich ") + TRICH_VERSION);
  app.require_subcommand(1);

  Common extract_opts, kind_opts[4], audit_opts;
  std::vector<std::string> extract_kinds;
  auto* extract = app.add_subcommand("extract", "extract every kind (or those named by --kind)");
  add_common(extract, extract_opts, false);
  // One kind per --kind (or several joined by commas), so the inputs may follow it.
  extract->add_option("--kind", extract_kinds, "only these kinds (repeatable, or comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->check(CLI::IsMember({"citations", "priorities", "dates", "terms"}));
  extract->footer("Example: trich extract report.txt\n         trich extract -r reports/ --format jsonl");

  const char* kind_names[4] = {"citations", "priorities", "dates", "terms"};
  const char* kind_help[4] = {
      "cited documents: symbols (35-CT/TW, 30/2020/N\u0110-CP), type, date, issuer",
      "numbered priorities (Th\u1ee9 nh\u1ea5t, \u2026 / M\u1ed9t l\u00e0, \u2026) grouped into lists",
      "calendar dates (30/5/2019, ng\u00e0y 30 th\u00e1ng 5 n\u0103m 2019, th\u00e1ng 7/2020, n\u0103m 2045)",
      "term periods (nhi\u1ec7m k\u1ef3 2020 - 2025, giai \u0111o\u1ea1n 2016-2020, kh\u00f3a XII, \u0110\u1ea1i h\u1ed9i XIII)"};
  CLI::App* kind_cmds[4];
  for (int i = 0; i < 4; ++i) {
    kind_cmds[i] = app.add_subcommand(kind_names[i], kind_help[i]);
    add_common(kind_cmds[i], kind_opts[i], false);
    kind_cmds[i]->footer(std::string("Example: trich ") + kind_names[i] +
                         " report.txt --format csv");
  }

  std::string fail_on = "error", registry;
  auto* audit = app.add_subcommand("audit", "extract, then check citations, dates, lists and "
                                            "anniversaries; exit 1 on findings at --fail-on");
  add_common(audit, audit_opts, true);
  audit->add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}))
      ->capture_default_str();
  audit->add_option("--registry", registry, "CSV of trusted documents (symbol,type,date,issuer,title)")
      ->type_name("FILE");
  audit->footer("Example: trich audit --format text report.txt\n"
                "         trich audit --registry samples/registry.csv --fail-on warning plan.txt");

  auto* rules_cmd = app.add_subcommand("rules", "work with rule files");
  rules_cmd->require_subcommand(1);
  std::string check_dir;
  auto* check = rules_cmd->add_subcommand("check", "compile every rule and run its examples");
  check->add_option("--rules", check_dir, "rules directory (default: the built-in rules)")
      ->type_name("DIR");
  check->footer("Example: trich rules check --rules rules/");

  auto* schema = app.add_subcommand("schema", "print the JSON Schema of the json/jsonl output");
  schema->footer("Example: trich schema > trich.schema.json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    errno = 0;
    return finish_stdout(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    errno = 0;
    return finish_stdout(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    errno = 0;
    return finish_stdout(app.exit(e));
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::cerr << "trich: error: " << msg << " (see trich --help)\n";
    return 2;
  }

  Config cfg;
  if (extract->parsed()) {
    cfg = to_config(extract_opts);
    if (!extract_kinds.empty()) {
      KindSet k{false, false, false, false, false};
      for (const auto& n : extract_kinds) {
        KindSet o = only(n);
        k.citations |= o.citations;
        k.priorities |= o.priorities;
        k.dates |= o.dates;
        k.terms |= o.terms;
      }
      cfg.kinds = k;
    }
  } else if (audit->parsed()) {
    cfg = to_config(audit_opts);
    cfg.command = "audit";
    cfg.fail_on = fail_on;
    cfg.registry = registry;
  } else if (check->parsed()) {
    cfg.command = "rules-check";
    cfg.rules_dir = check_dir;
  } else if (schema->parsed()) {
    cfg.command = "schema";
  } else {
    for (int i = 0; i < 4; ++i) {
      if (kind_cmds[i]->parsed()) {
        cfg = to_config(kind_opts[i]);
        cfg.kinds = only(kind_names[i]);
      }
    }
  }
  return trich::run(cfg, std::cerr);
}

}  // namespace trich::cli
