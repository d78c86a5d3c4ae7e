#include "cli/cli.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>

#include "cli/docgen.h"
#include "cli/suggest.h"
#include "extract/resolvers.h"
#include "formats/format.h"
#include "io/decode.h"
#include "pipeline/pipeline.h"
#include "pipeline/windows.h"

namespace trich::cli {
namespace {

// The examples of `trich --help` and of the man page (command, what it does).
const std::vector<std::pair<std::string, std::string>> kExamples = {
    {"trich extract report.txt", "every kind, as JSON"},
    {"cat *.txt | trich dates --format csv > d.csv", "dates from standard input, as CSV"},
    {"trich extract -r reports/ --format jsonl | jq .symbol", "a directory, as JSON Lines"},
    {"trich extract -r -g '*.txt' -g '!drafts' reports/", "only .txt files, not under drafts/"},
    {"trich citations --format csv --bom plan.txt > citations.csv", "CSV for spreadsheets"},
    {"find archive -name '*.txt' | trich extract --files-from - --format jsonl", "paths from a pipe"},
    {"trich audit --format text report.txt", "findings, one line each (exit 1 on errors)"},
    {"trich graph -r laws/ --format csv", "who cites whom, as an edge list"},
    {"trich rules check --rules rules/", "run every rule's examples"},
    {"trich schema", "the JSON Schema of the output"},
};

constexpr const char* kExitCodes =
    "0 success (also when nothing is found); 1 audit found a finding at or above --fail-on;\n"
    "2 usage error, unreadable input or bad rule file (other inputs still processed).";

std::string footer() {
  std::string s = "Examples:\n";
  for (const auto& [cmd, what] : kExamples) {
    s += "  " + cmd + (cmd.size() < 46 ? std::string(46 - cmd.size(), ' ') : "\n" + std::string(48, ' ')) +
         what + "\n";
  }
  s += std::string("\nExit codes: ") + kExitCodes +
       "\nOutput contract: schema \"trich/1\" (trich schema; docs/contract.md)."
       "\nMore: trich help COMMAND, man trich.";
  return s;
}

// Sections of the man page that --help has no room for.
const std::vector<std::pair<std::string, std::string>> kManSections = {
    {"DIRECTORIES",
     "With -r, the files under a directory are read in sorted path order, following symbolic "
     "links (a link cycle is reported once). As ripgrep does, hidden files and directories (a "
     "name starting with a dot) are passed over unless --hidden is given; files and directories "
     "named on the command line are always read.\n\n"
     "-g/--glob PATTERN (repeatable) includes the files it matches or, with a leading !, "
     "excludes files and directories. Patterns are fnmatch(3) patterns (* ? [...]): one without "
     "a / is matched against the file or directory name, one with a / against the path under "
     "the directory named on the command line, where * does not cross a /; a leading / anchors "
     "it there, a leading **/ lets it match at any depth. The last pattern that matches decides; "
     "when some pattern includes, a file no pattern matches is left out. Including patterns never "
     "keep the walk out of a directory. Binary files met under a directory are skipped quietly; "
     "--stats counts what was passed over and why."},
    {"TERMINAL",
     "With no input named and standard input a terminal, trich says on standard error that it "
     "reads the terminal (end with Ctrl-D) instead of waiting silently. A run longer than about a "
     "second shows a progress line on standard error (files done/total, MB, MB/s, time left) "
     "when standard error is a terminal and the output goes to a file (-o, or a redirection), "
     "never into a pipe or over output on the terminal; --progress forces it, --no-progress "
     "turns it off."},
    {"EXIT STATUS", kExitCodes},
    {"FILES",
     "/usr/share/trich/trich.schema.json: the JSON Schema of the output (also trich schema).\n"
     "/usr/share/doc/trich/contract.md: the output contract, schema trich/1."},
    {"SEE ALSO", "rg(1), jq(1). The README and docs/ of the source tree."},
};

struct Common {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string rules_dir, output, files_from, encoding = "auto";
  bool recurse = false, bom = false, stats = false, null = false;
  bool hidden = false, progress = false, no_progress = false;
  std::vector<std::string> globs;
  int jobs = 0;
  size_t window = 0;
  std::string reference_date;
  std::string input_format = "auto";
  std::vector<std::string> types;
  std::string lang, color = "auto";
};

// --input-format: read every input as this format instead of deciding from its content.
void add_input_format(CLI::App* app, std::string& v, DocExtras& doc) {
  std::vector<std::string> fs = {"auto"};
  for (const auto& n : formats::names()) fs.push_back(n);
  doc.choices[app->add_option("--input-format", v,
                              "read inputs as this format (default auto: decide from the "
                              "content; docx, odt, pdf, html are converted to text)")
                  ->type_name("FORMAT")
                  ->check(CLI::IsMember(fs))
                  ->capture_default_str()] = fs;
}

// --reference-date: "document" or a calendar date YYYY-MM-DD.
std::string check_reference_date(const std::string& s) {
  if (s == "document") return "";
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() == 10 && std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
      s[4] == '-' && s[7] == '-' && !iso_date(y, m, d).empty() && plausible_year(y)) {
    return "";
  }
  return "expected YYYY-MM-DD (a real date) or \"document\", got \"" + s + "\"";
}

const std::vector<std::string> kDocumentFormats = {"json", "jsonl", "csv", "xlsx", "html"};
const std::vector<std::string> kAuditFormats = {"json",  "jsonl", "csv", "text",
                                                "sarif", "xlsx",  "html"};
const std::vector<std::string> kGraphFormats = {"json", "csv", "graphml", "dot"};

void add_common(CLI::App* app, Common& c, const std::vector<std::string>& formats,
                DocExtras& doc) {
  app->add_option("inputs", c.inputs, "files, directories (with -r) or - for standard input")
      ->type_name("FILE");
  doc.choices[app->add_option("--format", c.format, "output format")
                  ->type_name("FORMAT")
                  ->check(CLI::IsMember(formats))
                  ->capture_default_str()] = formats;
  app->add_option("--rules", c.rules_dir, "read rules from DIR instead of the built-in rules")
      ->type_name("DIR");
  app->add_option("-o,--output", c.output, "write to FILE (atomically: temporary file, rename)")
      ->type_name("FILE");
  app->add_flag("-r,--recursive", c.recurse, "read the files under directories, in path order");
  app->add_flag("--hidden", c.hidden, "-r: also read hidden files and directories (.name)");
  app->add_option("-g,--glob", c.globs,
                  "-r: read only files matching PATTERN, or (!PATTERN) skip files and "
                  "directories matching it; repeatable, the last match decides (see man trich)")
      ->type_name("PATTERN")
      ->allow_extra_args(false);
  auto* type = app->add_option("--type", c.types,
                               "with -r, read only the files whose format (detected from "
                               "their content) is one of these: text, docx, odt, pdf, html")
                   ->type_name("FORMAT")
                   ->allow_extra_args(false)
                   ->delimiter(',')
                   ->check(CLI::IsMember(std::vector<std::string>{"text", "docx", "odt", "pdf",
                                                                  "html"}));
  doc.choices[type] = {"text", "docx", "odt", "pdf", "html"};
  doc.lists.push_back(type);
  add_input_format(app, c.input_format, doc);
  app->add_option("-j,--jobs", c.jobs, "worker threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  app->add_option("--files-from", c.files_from, "read input paths from FILE, one per line (- = stdin)")
      ->type_name("FILE");
  app->add_flag("-0,--null", c.null,
                "--files-from: paths end with a NUL byte, as find -print0 writes them");
  std::vector<std::string> encs = {"auto"};
  for (const auto& e : known_encodings()) encs.push_back(e);
  doc.choices[app->add_option("--encoding", c.encoding, "input encoding (default: detect)")
                  ->type_name("NAME")
                  ->check(CLI::IsMember(encs))] = encs;
  app->add_flag("--bom", c.bom, "csv: start with a UTF-8 byte-order mark (for spreadsheets)");
  const std::vector<std::string> langs = {"vi", "en"};
  doc.choices[app->add_option("--lang", c.lang,
                              "language of messages and reports (default: from LC_ALL, "
                              "LC_MESSAGES, LANG; vi* gives vi, else en)")
                  ->type_name("LANG")
                  ->check(CLI::IsMember(langs))] = langs;
  const std::vector<std::string> colors = {"auto", "always", "never"};
  doc.choices[app->add_option("--color", c.color,
                              "colour the text output: auto (a terminal, unless NO_COLOR is "
                              "set), always, never")
                  ->type_name("WHEN")
                  ->check(CLI::IsMember(colors))
                  ->capture_default_str()] = colors;
  app->add_flag("--stats", c.stats,
                "print on standard error what was read, found and skipped, and how fast");
  app->add_flag("--progress", c.progress, "show a progress line on standard error, even into a pipe");
  app->add_flag("--no-progress", c.no_progress, "never show the progress line");
  app->add_option("--reference-date", c.reference_date,
                  "resolve relative dates (hom nay, nam ngoai, quy nay) "
                  "against DATE (YYYY-MM-DD), or against each document's own date (document); "
                  "without it they are not reported")
      ->type_name("DATE")
      ->check(CLI::Validator(check_reference_date, "DATE"));
  app->add_option("--window", c.window,
                  "read an input larger than BYTES a window of BYTES at a time, to bound memory "
                  "(default 8M, at least 64K; K, M, G suffixes)")
      ->type_name("BYTES")
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            size_t n = std::stoull(v);  // AsSizeValue has turned "64K" into digits
            if (n < kMinWindow) {
              return fmt::format("{} bytes is below the smallest window, 64K ({} bytes): smaller "
                                 "windows cut entities that reading whole keeps",
                                 n, kMinWindow);
            }
            if (n > size_t{1} << 40) return "at most 1T";
            return "";
          },
          "BYTES >= 64K", "window size"));
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
  cfg.files_from_null = c.null;
  cfg.encoding = c.encoding;
  cfg.bom = c.bom;
  cfg.stats = c.stats;
  cfg.window = c.window;
  cfg.hidden = c.hidden;
  cfg.globs = c.globs;
  cfg.input_format = c.input_format;
  cfg.types = c.types;
  cfg.progress = c.no_progress ? -1 : c.progress ? 1 : 0;
  cfg.lang = c.lang;
  cfg.color = c.color;
  return cfg;
}

// One usage-error line, pointing at the help of the command concerned.
std::string fmt_error(const std::string& msg, const std::string& command) {
  return "trich: error: " + msg + "; see `" + command + " --help`\n";
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


namespace {

// The names a subcommand's options go by ("-o", "--output").
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app->get_options()) {
    for (const auto& n : o->get_snames()) names.push_back("-" + n);
    for (const auto& n : o->get_lnames()) names.push_back("--" + n);
  }
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const auto* s : visible_subcommands(*app)) names.push_back(s->get_name());
  return names;
}

// "trich extract" for the deepest subcommand parsed ("trich" when none is).
std::string command_path(CLI::App* app) {
  std::string path = "trich";
  for (CLI::App* a = app;;) {
    auto subs = a->get_subcommands();
    if (subs.empty()) break;
    a = subs.front();
    path += " " + a->get_name();
  }
  return path;
}

CLI::App* deepest(CLI::App* app) {
  for (;;) {
    auto subs = app->get_subcommands();
    if (subs.empty()) return app;
    app = subs.front();
  }
}

// Before CLI11 sees argv: a word where a command belongs that names none ("trich extrat x")
// is reported with the nearest command, instead of CLI11's "A subcommand is required".
// Returns the error line, or "" when the commands are fine.
std::string check_commands(CLI::App& app, int argc, char** argv) {
  CLI::App* level = &app;
  std::string path = "trich";
  for (int i = 1; i < argc; ++i) {
    std::string w = argv[i];
    if (w.empty() || w[0] == '-') continue;  // the levels with commands take no option values
    auto names = subcommand_names(level);
    if (names.empty()) break;
    CLI::App* sub = nullptr;
    for (auto* s : visible_subcommands(*level)) {
      if (s->get_name() == w) sub = const_cast<CLI::App*>(s);
    }
    if (!sub && (w == "manpage")) break;  // hidden
    if (!sub) {
      std::string hint = suggest(w, names);
      return fmt_error(fmt::format("unknown command `{}`{}", w,
                                   hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint)),
                       path);
    }
    level = sub;
    path += " " + w;
  }
  return "";
}

}  // namespace

int run(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write then fails with EFBIG, reported and cleaned up
  // like any other write error, instead of the signal killing us with a partial file left.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"trich: extract priorities, citations, dates and terms from Vietnamese reports, "
               "plans and legal documents, as JSON, JSON Lines or CSV.",
               "trich"};
  app.footer(footer());
  app.set_version_flag("--version", std::string("trich ") + TRICH_VERSION);
  app.require_subcommand(1);
  DocExtras doc;

  Common extract_opts, kind_opts[4], audit_opts, graph_opts, registry_opts;
  std::vector<std::string> extract_kinds;
  auto* extract = app.add_subcommand("extract", "extract every kind (or those named by --kind)");
  add_common(extract, extract_opts, kDocumentFormats, doc);
  // One kind per --kind (or several joined by commas), so the inputs may follow it.
  const std::vector<std::string> kinds = {"citations", "priorities", "dates", "terms"};
  auto* kind_opt =
      extract->add_option("--kind", extract_kinds, "only these kinds (repeatable, or comma-separated)")
          ->type_name("KIND")
          ->allow_extra_args(false)
          ->delimiter(',')
          ->check(CLI::IsMember(kinds));
  doc.choices[kind_opt] = kinds;
  doc.lists.push_back(kind_opt);
  extract->footer("Example: trich extract report.txt\n         trich extract -r reports/ --format jsonl");

  const char* kind_names[4] = {"citations", "priorities", "dates", "terms"};
  const char* kind_help[4] = {
      "cited documents: symbols (35-CT/TW, 30/2020/ND-CP), type, date, issuer",
      "numbered priorities (Thu nhat, ... / Mot la, ...) grouped into lists",
      "calendar dates (30/5/2019, ngay 30 thang 5 nam 2019, thang 7/2020, nam 2045)",
      "term periods (nhiem ky 2020 - 2025, giai doan 2016-2020, khoa XII, Dai hoi XIII)"};
  CLI::App* kind_cmds[4];
  for (int i = 0; i < 4; ++i) {
    kind_cmds[i] = app.add_subcommand(kind_names[i], kind_help[i]);
    add_common(kind_cmds[i], kind_opts[i], kDocumentFormats, doc);
    kind_cmds[i]->footer(std::string("Example: trich ") + kind_names[i] +
                         " report.txt --format csv");
  }

  std::string fail_on = "error", registry;
  auto* audit = app.add_subcommand("audit", "extract, then check citations, dates, lists and "
                                            "anniversaries; exit 1 on findings at --fail-on");
  add_common(audit, audit_opts, kAuditFormats, doc);
  const std::vector<std::string> severities = {"error", "warning", "info", "none"};
  doc.choices[audit->add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1")
                  ->type_name("SEVERITY")
                  ->check(CLI::IsMember(severities))
                  ->capture_default_str()] = severities;
  audit->add_option("--registry", registry, "CSV of trusted documents (symbol,type,date,issuer,title)")
      ->type_name("FILE");
  int context = 0;
  bool findings_only = false;
  std::string baseline;
  audit->add_option("-C,--context", context, "text: lines of the document shown around a finding")
      ->type_name("N")
      ->check(CLI::Range(0, 100));
  audit->add_flag("--findings-only", findings_only,
                  "print only the findings, not the entities (every format)");
  audit->add_option("--baseline", baseline,
                    "an earlier audit (json, jsonl or sarif): report only findings not in it")
      ->type_name("FILE");
  audit->footer("Example: trich audit --format text report.txt\n"
                "         trich audit --registry samples/registry.csv --fail-on warning plan.txt");

  int top = 0;
  bool internal = false;
  auto* graph = app.add_subcommand(
      "graph", "who cites whom across the inputs: nodes, edges with relation and count");
  add_common(graph, graph_opts, kGraphFormats, doc);
  graph->add_option("--top", top, "print the N most cited documents as a table instead")
      ->type_name("N")
      ->check(CLI::Range(1, 1000000));
  graph->add_flag("--internal", internal, "only edges to documents that are inputs of the run");
  graph->footer("Example: trich graph -r laws/ --format csv > edges.csv\n"
                "         trich graph -r laws/ --top 20\n"
                "         trich graph -r laws/ --format dot | sfdp -Tsvg > graph.svg");

  auto* registry_cmd = app.add_subcommand("registry", "work with registries of documents");
  registry_cmd->require_subcommand(1);
  auto* registry_build = registry_cmd->add_subcommand(
      "build", "derive a registry CSV from documents: their selves, and replaced_by, "
               "repealed_by, amended_by from their relations");
  add_common(registry_build, registry_opts, {"csv"}, doc);
  registry_build->footer("Example: trich registry build -r laws/ -o registry.csv\n"
                         "         trich audit --registry registry.csv plan.txt");

  auto* rules_cmd = app.add_subcommand("rules", "work with rule files");
  rules_cmd->require_subcommand(1);
  std::string check_dir;
  auto* check = rules_cmd->add_subcommand("check", "compile every rule and run its examples");
  check->add_option("--rules", check_dir, "rules directory (default: the built-in rules)")
      ->type_name("DIR");
  check->footer("Example: trich rules check --rules rules/");

  std::vector<std::string> text_inputs;
  std::string text_format = "auto";
  auto* text_cmd = app.add_subcommand(
      "text", "print the text trich reads from each input (a DOCX, ODT, PDF or HTML converted)");
  text_cmd->add_option("inputs", text_inputs, "files, or - for standard input")->type_name("FILE");
  add_input_format(text_cmd, text_format, doc);
  text_cmd->footer(
      "Entities' start and end index this text: text[start:end] is the entity's text.\n"
      "Example: trich text report.docx > report.txt");

  auto* schema = app.add_subcommand("schema", "print the JSON Schema of the json/jsonl output");
  std::string schema_dir;
  schema->add_option("--rules", schema_dir,
                     "list the values the rules in DIR define (term kinds, list styles, "
                     "relations; default: the built-in rules)")
      ->type_name("DIR");
  schema->footer("Example: trich schema > trich.schema.json");

  std::vector<std::string> help_for;
  auto* help = app.add_subcommand("help", "show the help of trich or of COMMAND");
  auto* help_arg = help->add_option("command", help_for, "a command (e.g. extract, rules check)")
                       ->type_name("COMMAND");
  help->footer("Example: trich help extract");
  auto* version = app.add_subcommand("version", "print the version (as --version does)");
  version->footer("Example: trich version");

  std::string shell;
  const std::vector<std::string> shells = {"bash", "zsh", "fish"};
  auto* completions = app.add_subcommand(
      "completions", "print the completion script for SHELL (the package installs them)");
  doc.choices[completions->add_option("shell", shell, "bash, zsh or fish")
                  ->type_name("SHELL")
                  ->required()
                  ->check(CLI::IsMember(shells))] = shells;
  completions->footer("Example: trich completions bash > ~/.local/share/bash-completion/completions/trich");
  // Hidden (empty group): the build writes trich.1 with it.
  auto* manpage = app.add_subcommand("manpage", "print the man page trich(1) as roff")->group("");

  doc.choices[help_arg] = subcommand_names(&app);
  doc.name_line = "trich - extract priorities, citations, dates and terms from Vietnamese documents";
  doc.description =
      "Each command reads the files named (with -r, the files under directories), or standard "
      "input when none is named or for -, and prints one document per input: JSON (the default), "
      "JSON Lines or CSV; audit also prints text. A bad input is reported as one line on standard "
      "error naming the file, and the other inputs are still processed. Run trich COMMAND --help "
      "for a command's options.";
  doc.examples = kExamples;
  doc.sections = kManSections;

  std::string bad = check_commands(app, argc, argv);
  if (!bad.empty()) {
    std::cerr << bad;
    return 2;
  }

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
    CLI::App* where = deepest(&app);
    std::string msg = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) && !subcommand_names(where).empty() &&
        msg.find("ubcommand") != std::string::npos) {
      msg = "a command is required: " + fmt::format("{}", fmt::join(subcommand_names(where), ", "));
    }
    // An option nobody defines: name the nearest one of the command.
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
      for (int i = 1; i < argc; ++i) {
        std::string w = argv[i];
        if (w.size() < 2 || w[0] != '-' || w == "-" || w == "--") continue;
        std::string name = w.substr(0, w.find('='));
        auto names = option_names(where);
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        std::string hint = suggest(name, names);
        msg = fmt::format("unknown option {}{}", name,
                          hint.empty() ? "" : fmt::format(" (did you mean {}?)", hint));
        break;
      }
    }
    std::cerr << fmt_error(msg, command_path(&app));
    return 2;
  }

  if (help->parsed()) {
    const CLI::App* target = &app;
    std::string path = "trich";  // CLI11 names a subcommand in its usage with its parents
    for (const auto& w : help_for) {
      const CLI::App* next = nullptr;
      for (const auto* s : visible_subcommands(*target)) {
        if (s->get_name() == w) next = s;
      }
      if (!next) {
        std::string hint = suggest(w, subcommand_names(const_cast<CLI::App*>(target)));
        std::cerr << fmt_error(fmt::format("unknown command `{}`{}", w,
                                           hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint)),
                               "trich");
        return 2;
      }
      target = next;
      path += " " + w;
    }
    // Not App::help, which shows the help of the command parsed (help itself).
    errno = 0;
    std::cout << target->get_formatter()->make_help(target, path, CLI::AppFormatMode::Normal);
    return finish_stdout(0);
  }
  if (version->parsed()) {
    errno = 0;
    std::cout << "trich " << TRICH_VERSION << "\n";
    return finish_stdout(0);
  }
  if (completions->parsed()) {
    errno = 0;
    std::cout << completion(app, doc, shell);
    return finish_stdout(0);
  }
  if (manpage->parsed()) {
    errno = 0;
    std::cout << man_page(app, doc, TRICH_VERSION);
    return finish_stdout(0);
  }

  Config cfg;
  Common* common = nullptr;
  if (extract->parsed()) {
    common = &extract_opts;
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
    common = &audit_opts;
    cfg = to_config(audit_opts);
    cfg.command = "audit";
    cfg.fail_on = fail_on;
    cfg.registry = registry;
    cfg.context = context;
    cfg.findings_only = findings_only;
    cfg.baseline = baseline;
  } else if (graph->parsed()) {
    common = &graph_opts;
    cfg = to_config(graph_opts);
    cfg.command = "graph";
    cfg.kinds = only("citations");
    cfg.top = top;
    cfg.internal = internal;
  } else if (registry_build->parsed()) {
    common = &registry_opts;
    cfg = to_config(registry_opts);
    cfg.command = "registry-build";
    cfg.kinds = only("citations");
  } else if (check->parsed()) {
    cfg.command = "rules-check";
    cfg.rules_dir = check_dir;
  } else if (schema->parsed()) {
    cfg.command = "schema";
    cfg.rules_dir = schema_dir;
  } else if (text_cmd->parsed()) {
    cfg.command = "text";
    cfg.inputs = text_inputs;
    cfg.input_format = text_format;
  } else {
    for (int i = 0; i < 4; ++i) {
      if (kind_cmds[i]->parsed()) {
        common = &kind_opts[i];
        cfg = to_config(kind_opts[i]);
        cfg.kinds = only(kind_names[i]);
      }
    }
  }
  if (common) cfg.kinds.reference_date = common->reference_date;
  // Nothing named and a person at the keyboard: say what trich waits for.
  if (common && common->inputs.empty() && common->files_from.empty() && ::isatty(STDIN_FILENO)) {
    std::cerr << "trich: reading standard input from the terminal (end with Ctrl-D); name files "
                 "to read instead, see `"
              << command_path(&app) << " --help`\n";
  }
  return trich::run(cfg, std::cerr);
}

}  // namespace trich::cli
