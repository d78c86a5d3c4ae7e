#include "cli/docgen.h"

#include <algorithm>

#include <fmt/format.h>

namespace trich::cli {
namespace {

struct Opt {
  std::vector<std::string> names;  // "-o", "--output"
  bool takes_value = false;
  bool repeatable = false;
  std::string value_name;          // "FILE"
  std::string desc;
  std::vector<std::string> choices;
  bool list = false;               // comma-separated choices
  std::string def;
  bool positional = false;
};

struct Cmd {
  std::string path;  // "" for trich itself, "extract", "rules check"
  const CLI::App* app;
  std::vector<Opt> opts;       // options, in definition order
  std::vector<Opt> positionals;
  std::vector<std::string> subs;  // visible subcommand names
};

Opt describe(const CLI::Option* o, const DocExtras& ex) {
  Opt r;
  for (const auto& s : o->get_snames()) r.names.push_back("-" + s);
  for (const auto& l : o->get_lnames()) r.names.push_back("--" + l);
  r.positional = r.names.empty();
  if (r.positional) r.names.push_back(o->get_name(true, false));
  r.takes_value = o->get_type_size_max() > 0;
  r.repeatable = o->get_items_expected_max() > 1;
  std::string t = o->get_type_name();
  r.value_name = t.substr(0, t.find(':'));
  if (r.value_name.empty() || r.value_name == "TEXT") r.value_name = "VALUE";
  r.desc = o->get_description();
  if (auto it = ex.choices.find(o); it != ex.choices.end()) r.choices = it->second;
  r.list = std::find(ex.lists.begin(), ex.lists.end(), o) != ex.lists.end();
  r.def = o->get_default_str();
  return r;
}

void collect(const CLI::App& app, const std::string& path, const DocExtras& ex,
             std::vector<Cmd>& out) {
  Cmd c{path, &app, {}, {}, {}};
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    Opt d = describe(o, ex);
    (d.positional ? c.positionals : c.opts).push_back(d);
  }
  auto subs = visible_subcommands(app);
  for (const auto* s : subs) c.subs.push_back(s->get_name());
  out.push_back(c);
  for (const auto* s : subs) collect(*s, path.empty() ? s->get_name() : path + " " + s->get_name(), ex, out);
}

std::vector<Cmd> commands(const CLI::App& app, const DocExtras& ex) {
  std::vector<Cmd> out;
  collect(app, "", ex, out);
  return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// --- roff ---------------------------------------------------------------------------------

// Text safe in a roff line: backslashes and hyphens escaped, no control character at the
// start of a line.
std::string roff(const std::string& s) {
  std::string r;
  for (char ch : s) {
    if (ch == '\\') r += "\\e";
    else if (ch == '-') r += "\\-";
    else r += ch;
  }
  if (!r.empty() && (r[0] == '.' || r[0] == '\'')) r = "\\&" + r;
  return r;
}

// Paragraphs (separated by blank lines) of plain text; lines starting with two spaces are
// kept as they are (a literal block).
std::string roff_text(const std::string& text) {
  std::string out;
  size_t i = 0;
  bool literal = false;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    std::string line = text.substr(i, j - i);
    bool lit = line.rfind("  ", 0) == 0;
    if (lit && !literal) out += ".nf\n";
    if (!lit && literal) out += ".fi\n";
    literal = lit;
    if (line.empty()) out += ".PP\n";
    else out += roff(line) + "\n";
    i = j + 1;
  }
  if (literal) out += ".fi\n";
  return out;
}

std::string option_head(const Opt& o) {
  std::string s;
  for (const auto& n : o.names) {
    if (!s.empty()) s += ", ";
    s += "\\fB" + roff(n) + "\\fR";
  }
  if (o.takes_value) s += " \\fI" + roff(o.value_name) + "\\fR";
  return s;
}

std::string option_body(const Opt& o) {
  std::string s = o.desc;
  if (!o.choices.empty()) {
    s += o.list ? "; any of: " : "; one of: ";
    s += join(o.choices, ", ");
  }
  if (!o.def.empty()) s += " (default: " + o.def + ")";
  if (o.repeatable && !o.positional && !o.list) s += "; repeatable";
  return s;
}

// --- shells -------------------------------------------------------------------------------

std::string words_of(const Cmd& c) {
  std::vector<std::string> w = c.subs;
  for (const auto& o : c.opts) w.insert(w.end(), o.names.begin(), o.names.end());
  return join(w, " ");
}

// Single-quoted for sh/zsh/fish.
std::string squote(const std::string& s) {
  std::string r = "'";
  for (char ch : s) {
    if (ch == '\'') r += "'\\''";
    else r += ch;
  }
  return r + "'";
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string bash(const std::vector<Cmd>& cmds) {
  std::string s =
      "# bash completion for trich; written by `trich completions bash` from its own options.\n"
      "_trich() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=\"\" w i skip=0\n"
      "  # The command path (\"rules check\"), passing over options and their values.\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    w=${COMP_WORDS[i]}\n"
      "    if ((skip)); then skip=0; continue; fi\n"
      "    case \"$cmd|$w\" in\n";
  for (const auto& c : cmds) {
    for (const auto& sub : c.subs) {
      s += fmt::format("      {}) cmd=\"${{cmd:+$cmd }}$w\" ;;\n", squote(c.path + "|" + sub));
    }
    std::vector<std::string> valued;
    for (const auto& o : c.opts) {
      if (!o.takes_value) continue;
      for (const auto& n : o.names) valued.push_back(squote(c.path + "|" + n));
    }
    if (!valued.empty()) s += "      " + join(valued, "|") + ") skip=1 ;;\n";
  }
  s += "    esac\n"
       "  done\n"
       "  # The value of an option.\n"
       "  case \"$cmd|$prev\" in\n";
  for (const auto& c : cmds) {
    for (const auto& o : c.opts) {
      if (!o.takes_value) continue;
      std::vector<std::string> pats;
      for (const auto& n : o.names) pats.push_back(squote(c.path + "|" + n));
      std::string action;
      if (!o.choices.empty() && o.list) {
        action = fmt::format("_trich_list {}", squote(join(o.choices, " ")));
      } else if (!o.choices.empty()) {
        action = fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", squote(join(o.choices, " ")));
      } else if (o.value_name == "FILE") {
        action = "COMPREPLY=($(compgen -f -- \"$cur\"))";
      } else if (o.value_name == "DIR") {
        action = "COMPREPLY=($(compgen -d -- \"$cur\"))";
      } else {
        action = "COMPREPLY=()";
      }
      s += fmt::format("    {}) {}; return ;;\n", join(pats, "|"), action);
    }
  }
  s += "  esac\n"
       "  case \"$cmd\" in\n";
  for (const auto& c : cmds) {
    std::string arg;  // what a word not starting with - completes to
    if (!c.subs.empty()) {
      arg = fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", squote(join(c.subs, " ")));
    } else if (!c.positionals.empty() && !c.positionals[0].choices.empty()) {
      arg = fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))",
                        squote(join(c.positionals[0].choices, " ")));
    } else if (!c.positionals.empty()) {
      arg = "COMPREPLY=($(compgen -f -- \"$cur\"))";
    } else {
      arg = "COMPREPLY=()";
    }
    s += fmt::format(
        "    {})\n"
        "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W {} -- \"$cur\"))\n"
        "      else {}; fi ;;\n",
        squote(c.path), squote(words_of(c)), arg);
  }
  s += "  esac\n"
       "}\n"
       "# A comma-separated list (--kind dates,terms): complete the word after the last comma.\n"
       "_trich_list() {\n"
       "  local head=\"\" last=$cur\n"
       "  if [[ $cur == *,* ]]; then head=${cur%,*},; last=${cur##*,}; fi\n"
       "  COMPREPLY=($(compgen -P \"$head\" -W \"$1\" -- \"$last\"))\n"
       "  compopt -o nospace 2>/dev/null\n"
       "}\n"
       "complete -o filenames -F _trich trich\n";
  return s;
}

// zsh _arguments specs need [ ] : and ' escaped in descriptions.
std::string zdesc(const std::string& d) {
  std::string r;
  for (char ch : first_line(d)) {
    if (ch == '[' || ch == ']' || ch == ':' || ch == '\\') r += '\\';
    if (ch == '\'') {
      r += "'\\''";
      continue;
    }
    r += ch;
  }
  return r;
}

std::string zsh_action(const Opt& o) {
  std::string what = o.value_name;
  std::transform(what.begin(), what.end(), what.begin(), ::tolower);
  if (!o.choices.empty() && o.list) {
    return fmt::format(":{}:_sequence compadd - {}", what, join(o.choices, " "));
  }
  if (!o.choices.empty()) return fmt::format(":{}:({})", what, join(o.choices, " "));
  if (o.value_name == "FILE") return ":" + what + ":_files";
  if (o.value_name == "DIR") return ":" + what + ":_files -/";
  return ":" + what + ": ";
}

std::string zsh_fn_name(const std::string& path) {
  std::string n = "_trich";
  for (char ch : path) n += (ch == ' ' || ch == '-') ? '_' : ch;
  if (!path.empty()) n = "_trich_" + n.substr(6);
  return n;
}

std::string zsh(const std::vector<Cmd>& cmds) {
  std::string s = "#compdef trich\n"
                  "# zsh completion for trich; written by `trich completions zsh` from its own options.\n";
  for (const auto& c : cmds) {
    s += zsh_fn_name(c.path) + "() {\n";
    s += "  local curcontext=$curcontext state line ret=1\n  typeset -A opt_args\n";
    s += "  _arguments -C -s";
    for (const auto& o : c.opts) {
      std::string excl = o.names.size() > 1 ? "(" + join(o.names, " ") + ")" : "";
      if (o.repeatable) excl = "*";
      std::string names = o.names.size() > 1 ? "{" + join(o.names, ",") + "}" : o.names[0];
      if (o.takes_value) {
        // -o+ : the value may follow in the same word or the next; --x= likewise.
        std::vector<std::string> ns;
        for (const auto& n : o.names) ns.push_back(n + (n.size() == 2 ? "+" : "="));
        names = ns.size() > 1 ? "{" + join(ns, ",") + "}" : ns[0];
      }
      s += " \\\n    ";
      if (names[0] == '{') {
        s += fmt::format("'{}'{}'[{}]{}'", excl, names, zdesc(o.desc),
                         o.takes_value ? zsh_action(o) : "");
      } else {
        s += fmt::format("'{}{}[{}]{}'", excl, names, zdesc(o.desc),
                         o.takes_value ? zsh_action(o) : "");
      }
    }
    if (!c.subs.empty()) {
      s += " \\\n    '1:command:->command' \\\n    '*::arg:->args'";
    } else if (!c.positionals.empty()) {
      const Opt& p = c.positionals[0];
      std::string act = p.choices.empty() ? "_files" : "(" + join(p.choices, " ") + ")";
      s += fmt::format(" \\\n    '{}:{}:{}'", p.repeatable ? "*" : "1", p.names[0], act);
    }
    s += " && ret=0\n";
    if (!c.subs.empty()) {
      s += "  case $state in\n    command)\n      local -a cmds\n      cmds=(\n";
      for (const auto* sub : visible_subcommands(*c.app)) {
        s += fmt::format("        '{}:{}'\n", sub->get_name(), zdesc(sub->get_description()));
      }
      s += "      )\n      _describe -t commands command cmds && ret=0 ;;\n    args)\n"
           "      case $line[1] in\n";
      for (const auto& sub : c.subs) {
        s += fmt::format("        {}) {} && ret=0 ;;\n", sub,
                         zsh_fn_name(c.path.empty() ? sub : c.path + " " + sub));
      }
      s += "      esac ;;\n  esac\n";
    }
    s += "  return ret\n}\n";
  }
  s += "_trich \"$@\"\n";
  return s;
}

std::string fish(const std::vector<Cmd>& cmds) {
  std::string s = "# fish completion for trich; written by `trich completions fish` from its own options.\n"
                  "complete -c trich -f\n";
  // The condition under which a command path is the one being completed.
  auto cond = [&](const Cmd& c) {
    if (c.path.empty()) return std::string("__fish_use_subcommand");
    std::string top = c.path.substr(0, c.path.find(' '));
    std::string r = "__fish_seen_subcommand_from " + top;
    if (c.path.find(' ') != std::string::npos) {
      r += "; and __fish_seen_subcommand_from " + c.path.substr(c.path.find(' ') + 1);
    } else if (!c.subs.empty()) {
      r += "; and not __fish_seen_subcommand_from " + join(c.subs, " ");
    }
    return r;
  };
  for (const auto& c : cmds) {
    std::string n = squote(cond(c));
    if (!c.subs.empty()) {
      for (const auto* sub : visible_subcommands(*c.app)) {
        s += fmt::format("complete -c trich -n {} -a {} -d {}\n", n, sub->get_name(),
                         squote(first_line(sub->get_description())));
      }
    }
    for (const auto& o : c.opts) {
      std::string line = "complete -c trich -n " + n;
      for (const auto& name : o.names) {
        line += (name.size() == 2 ? " -s " + name.substr(1) : " -l " + name.substr(2));
      }
      if (o.takes_value) {
        if (!o.choices.empty()) line += " -x -a " + squote(join(o.choices, " "));
        else if (o.value_name == "FILE") line += " -r -F";
        else if (o.value_name == "DIR") line += " -x -a '(__fish_complete_directories)'";
        else line += " -x";
      }
      s += line + " -d " + squote(first_line(o.desc)) + "\n";
    }
    if (c.subs.empty() && !c.positionals.empty()) {
      const Opt& p = c.positionals[0];
      if (p.choices.empty()) s += fmt::format("complete -c trich -n {} -F\n", n);
      else s += fmt::format("complete -c trich -n {} -a {}\n", n, squote(join(p.choices, " ")));
    }
  }
  return s;
}

}  // namespace

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); });
}

std::string man_page(const CLI::App& app, const DocExtras& ex, const std::string& version) {
  auto cmds = commands(app, ex);
  std::string s;
  s += "'\\\" t\n";
  s += ".\\\" trich(1), written by `trich manpage` from the program's own option definitions.\n";
  s += fmt::format(".TH TRICH 1 \"\" \"trich {}\" \"User Commands\"\n", version);
  s += ".SH NAME\n" + roff(ex.name_line) + "\n";
  s += ".SH SYNOPSIS\n";
  for (const auto& c : cmds) {
    if (c.path.empty() || !c.subs.empty()) continue;
    s += ".B trich " + roff(c.path) + "\n";
    std::string rest = c.opts.empty() ? "" : "[\\fIOPTIONS\\fR]";
    for (const auto& p : c.positionals) {
      rest += fmt::format(" [\\fI{}\\fR]{}", roff(p.names[0]), p.repeatable ? "..." : "");
    }
    if (!rest.empty()) s += rest + "\n";
    s += ".br\n";
  }
  s += ".SH DESCRIPTION\n" + roff_text(app.get_description()) + ".PP\n" + roff_text(ex.description);
  s += ".SH COMMANDS\n";
  for (const auto& c : cmds) {
    if (c.path.empty()) continue;
    s += ".SS \"trich " + roff(c.path) + "\"\n" + roff_text(c.app->get_description());
    for (const auto& p : c.positionals) {
      s += ".TP\n\\fI" + roff(p.names[0]) + "\\fR\n" + roff(option_body(p)) + "\n";
    }
    for (const auto& o : c.opts) {
      s += ".TP\n" + option_head(o) + "\n" + roff(option_body(o)) + "\n";
    }
  }
  s += ".SH GLOBAL OPTIONS\n";
  for (const auto& o : cmds[0].opts) s += ".TP\n" + option_head(o) + "\n" + roff(option_body(o)) + "\n";
  if (!ex.examples.empty()) {
    s += ".SH EXAMPLES\n";
    for (const auto& [cmd, what] : ex.examples) {
      s += ".TP\n.B " + roff(cmd) + "\n" + roff(what) + "\n";
    }
  }
  for (const auto& [title, text] : ex.sections) s += ".SH " + title + "\n" + roff_text(text);
  return s;
}

std::string completion(const CLI::App& app, const DocExtras& ex, const std::string& shell) {
  auto cmds = commands(app, ex);
  if (shell == "bash") return bash(cmds);
  if (shell == "zsh") return zsh(cmds);
  if (shell == "fish") return fish(cmds);
  return "";
}

}  // namespace trich::cli
