// The man page trich(1) and the bash, zsh and fish completion scripts, written from the
// CLI11 definitions themselves, so they list exactly the commands and options `--help`
// lists and cannot drift from it. The build runs the binary to write them (CMakeLists.txt).
// Does not parse anything; knows nothing of what the commands do.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace trich::cli {

// What the definitions cannot say by themselves.
struct DocExtras {
  // The values an option (or positional) takes, for completion and the man page.
  std::map<const CLI::Option*, std::vector<std::string>> choices;
  // Options whose value is a comma-separated list of choices (--kind dates,terms).
  std::vector<const CLI::Option*> lists;
  std::string name_line;      // NAME section: "trich - ..."
  std::string description;    // DESCRIPTION, paragraphs separated by blank lines
  std::vector<std::pair<std::string, std::string>> examples;  // command, what it does
  std::vector<std::pair<std::string, std::string>> sections;  // extra sections: title, text
};

// A value name is the type name set on the option ("FILE", "DIR"): "FILE" completes file
// names, "DIR" directories; a positional with no choices completes file names.
std::string man_page(const CLI::App& app, const DocExtras& extras, const std::string& version);

// shell: bash, zsh or fish. The empty string for any other.
std::string completion(const CLI::App& app, const DocExtras& extras, const std::string& shell);

// The visible subcommands of `app` (a subcommand in the empty group is hidden).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app);

}  // namespace trich::cli
