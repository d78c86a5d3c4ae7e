// Config: everything a run needs, validated by cli/ from the command line. Plain data.
#pragma once

#include <string>
#include <vector>

#include "extract/extractor.h"

namespace trich {

struct Config {
  std::string command = "extract";  // extract, audit, graph, registry-build, rules-check, schema
  KindSet kinds;
  std::string format = "json";
  std::string rules_dir;            // empty: the rules built into the binary
  std::string output;               // empty: standard output
  bool recurse = false;
  int jobs = 0;                     // 0: one per core
  std::vector<std::string> inputs;
  bool files_from_null = false;     // --null: the list's paths end with NUL, not a line end
  std::string files_from;           // read more input paths from this file ("-": stdin)
  std::string encoding = "auto";
  bool bom = false;
  bool stats = false;
  size_t window = 0;                // bytes read at a time from a large input; 0: the default
  std::string fail_on = "error";    // audit: error, warning, info, none
  std::string registry;             // audit: CSV of trusted documents
  bool hidden = false;              // -r also reads hidden files and directories
  std::vector<std::string> globs;   // -g: include (or, with "!", exclude) under directories
  int top = 0;                      // graph: a table of the N most cited documents
  bool internal = false;            // graph: only edges between documents of the run
  int progress = 0;                 // 1 --progress, -1 --no-progress, 0 on a terminal only
  std::string input_format = "auto";  // --input-format: auto, or a name of formats/format.h
  std::vector<std::string> types;   // --type: under directories, read only these formats
  std::string lang;                 // messages: "vi", "en"; empty: from the environment
  std::string color = "auto";       // auto, always, never (output/color.h)
  int context = 0;                  // audit text: lines shown around a finding's line
  bool findings_only = false;       // audit: print the findings, not the entities
  std::string baseline;             // audit: report only findings not in this earlier audit
};

}  // namespace trich
