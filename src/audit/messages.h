// Messages: the words of audit findings, per language, read from rules/<lang>/messages.toml
// (docs/audit.md lists them). A finding carries its stable code and named arguments; the
// message is its language's template for the code filled with them. This module loads and
// checks the templates and fills them; it knows no language itself (src/ stays ASCII) and
// decides nothing about findings.
//
// Template syntax: {name} is the argument `name`; {name:one|other} is `one` when the argument
// is "1", else `other` (English plurals: "ordinal{count:|s}"). A code's table has `help` (what
// the code means, for SARIF rules and docs), `text` (the message) and optional variants
// `text_<variant>` that the check chooses (a count phrase present, a repeated mention).
// Loading fails, with file and line, when a template names an argument its code does not
// have, when a code the checks raise has no template, or on a malformed brace.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "rules/ruleset.h"

namespace trich {

// A finding's arguments, in the order the check gives them (json writes them in this order).
using Args = std::vector<std::pair<std::string, std::string>>;

// The codes the checks raise and the arguments each may fill. Parts ("part.*") are pieces of
// a message that a check composes (the differences from a registry, why a date is invalid).
struct MessageSpec {
  const char* key;
  const char* severity;  // "" for a part
  std::vector<const char*> args;
};
const std::vector<MessageSpec>& message_specs();

class Messages {
 public:
  // Loads rules/<lang>/messages.toml from `sources` (paths ending "<lang>/messages.toml").
  static Result<Messages> load(const std::vector<rules::Source>& sources, const std::string& lang);
  // The built-in messages of `lang` ("en" or "vi"); English when lang is unknown.
  static const Messages& builtin(const std::string& lang);

  const std::string& lang() const { return lang_; }
  // The message of `key` (a code or a part) in `variant` ("" for `text`, else
  // `text_<variant>`, falling back to `text`), filled with args. An argument the template
  // names but `args` lacks is left as {name} (a test checks every check supplies its own).
  std::string render(const std::string& key, const std::string& variant, const Args& args) const;
  // The code's help text, "" when it has none.
  std::string help(const std::string& code) const;
  // The label of a finding's related mention (field `related`, else ui.related).
  std::string related(const std::string& code) const;
  // A word of the interface (table [ui]: "error", "summary", column headers); `key` itself
  // when absent.
  std::string ui(const std::string& key, const Args& args = {}) const;
  // Every template of `key`: variant name ("" for text) -> template (for docs/audit.md).
  const std::map<std::string, std::string>& templates(const std::string& key) const;

 private:
  std::string lang_;
  std::map<std::string, std::map<std::string, std::string>> text_;  // key -> variant -> tpl
  std::map<std::string, std::string> help_;
  std::map<std::string, std::string> related_;
  std::map<std::string, std::string> ui_;
};

// Fills template `tpl` with args (exposed for tests).
std::string fill(const std::string& tpl, const Args& args);
// The argument names `tpl` uses, or an error message for a malformed brace.
Result<std::vector<std::string>> placeholders(const std::string& tpl);

// "vi" when LC_ALL, else LC_MESSAGES, else LANG (the first of them set and non-empty) starts
// with "vi", else "en"; as gettext picks the language of messages.
std::string language_from_environment();

}  // namespace trich
