// `wpslab doc man DIR` and `wpslab doc bash-completion FILE`: the manual pages and the bash
// completion, generated from the CLI's own definitions (the CLI11 apps and options every
// cmd_*.cpp registers), so they cannot drift from what the binary accepts. The build runs both
// (apps/wpslab/CMakeLists.txt); the subcommand is hidden from --help.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "apps/wpslab/commands.hpp"

namespace wpslab {
namespace {

namespace fs = std::filesystem;

/// The user-visible subcommands of an app (hidden ones have an empty group).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
}

std::vector<const CLI::Option*> options_of(const CLI::App& app) {
  // --help is added to every app by CLI11; the pages list it once, by hand.
  return app.get_options([](const CLI::Option* o) {
    return !o->get_group().empty() && o->get_single_name() != "help";
  });
}

/// Flags take no value (their type size is 0, as CLI11's own help formatter tells them apart).
bool takes_value(const CLI::Option& o) {
  return o.get_type_size() != 0 && !o.get_type_name().empty();
}

/// Words a positional argument completes to, when they are known; empty = file names.
std::vector<std::string> positional_words(const CLI::Option& o) {
  std::vector<std::string> out;
  if (o.get_single_name() == "SCENARIO") return run_scenario_names();
  return out;
}

// ---- roff ---------------------------------------------------------------------------------

/// Escapes text for a roff line: backslashes, hyphens in words, and a leading control char.
std::string roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

/// Text that may hold several lines (descriptions, footers): each line escaped, blank lines
/// become paragraph breaks.
std::string roff_text(const std::string& s) {
  std::ostringstream out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(' ') == std::string::npos) {
      out << ".PP\n";
    } else if (line.rfind("  ", 0) == 0) {
      out << ".nf\n" << roff(line) << "\n.fi\n";  // indented lines: examples, kept as written
    } else {
      out << roff(line) << "\n";
    }
  }
  return out.str();
}

std::string option_label(const CLI::Option& o) {
  std::string names;
  for (const auto& s : o.get_snames())
    names += (names.empty() ? "" : ", ") + ("\\fB\\-" + roff(s) + "\\fR");
  for (const auto& l : o.get_lnames())
    names += (names.empty() ? "" : ", ") + ("\\fB\\-\\-" + roff(l) + "\\fR");
  if (takes_value(o)) {
    std::string type = o.get_type_name();
    names += " \\fI" + roff(type.empty() ? "VALUE" : type) + "\\fR";
  }
  return names;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void write_options(std::ostream& out, const CLI::App& app) {
  std::vector<const CLI::Option*> pos, named;
  for (const auto* o : options_of(app)) (o->nonpositional() ? named : pos).push_back(o);
  if (!pos.empty()) {
    out << ".SH ARGUMENTS\n";
    for (const auto* o : pos) {
      out << ".TP\n\\fI" << roff(o->get_single_name()) << "\\fR\n" << roff(o->get_description());
      auto words = positional_words(*o);
      if (!words.empty()) {
        out << ". One of:";
        for (std::size_t i = 0; i < words.size(); ++i)
          out << (i ? ", " : " ") << "\\fB" << roff(words[i]) << "\\fR";
        out << ".";
      }
      out << "\n";
    }
  }
  out << ".SH OPTIONS\n";
  for (const auto* o : named) {
    out << ".TP\n" << option_label(*o) << "\n" << roff(o->get_description());
    if (o->get_required()) out << " (required)";
    if (!o->get_default_str().empty()) out << " (default: " << roff(o->get_default_str()) << ")";
    out << "\n";
  }
  out << ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint the options and exit.\n";
}

std::string synopsis_of(const std::string& path, const CLI::App& app) {
  std::string s = ".B " + roff(path) + "\n";
  auto subs = visible_subcommands(app);
  if (!subs.empty()) {
    std::string names;
    for (const auto* sub : subs) names += (names.empty() ? "" : "|") + roff(sub->get_name());
    s += "\\fI" + names + "\\fR [\\fIOPTIONS\\fR]\n";
    return s;
  }
  s += "[\\fIOPTIONS\\fR]";
  for (const auto* o : options_of(app))
    if (!o->nonpositional()) s += " [\\fI" + roff(o->get_single_name()) + "\\fR]";
  return s + "\n";
}

constexpr const char* kExitStatus =
    ".SH EXIT STATUS\n"
    ".TP\n0\nSuccess: the command did what it was asked (for a run, the station ended connected).\n"
    ".TP\n1\nBad usage, a malformed argument or an input that cannot be read.\n"
    ".TP\n2\nThe protocol ran and failed (wrong PIN, refused credential, timeout, ...); the "
    "reason is printed.\n";

void write_page(const fs::path& dir, const std::string& path, const CLI::App& app,
                const std::string& version) {
  std::string file = path;
  for (auto& c : file)
    if (c == ' ') c = '-';
  std::ofstream out(dir / (file + ".1"));
  out << ".TH " << roff(upper(file)) << " 1 \"\" \"" << roff(version) << "\" \"wpslab manual\"\n";
  out << ".SH NAME\n" << roff(file) << " \\- " << roff(app.get_description()) << "\n";
  out << ".SH SYNOPSIS\n" << synopsis_of(path, app);
  out << ".SH DESCRIPTION\n" << roff_text(app.get_description()) << "\n";
  std::string footer = app.get_footer();
  if (footer.find_first_not_of(" \n") != std::string::npos) out << ".PP\n" << roff_text(footer);
  write_options(out, app);
  auto subs = visible_subcommands(app);
  if (!subs.empty()) {
    out << ".SH COMMANDS\n";
    for (const auto* sub : subs) {
      out << ".TP\n\\fB" << roff(sub->get_name()) << "\\fR\n"
          << roff(sub->get_description()) << "\n";
    }
    // The top page lists the commands; each command's page details its own subcommands.
    for (const auto* sub : path == "wpslab" ? std::vector<const CLI::App*>{} : subs) {
      out << ".SS " << roff(path + " " + sub->get_name()) << "\n"
          << roff_text(sub->get_description()) << "\n";
      for (const auto* o : options_of(*sub)) {
        out << ".TP\n"
            << (o->nonpositional() ? option_label(*o)
                                   : "\\fI" + roff(o->get_single_name()) + "\\fR")
            << "\n"
            << roff(o->get_description());
        if (!o->get_default_str().empty())
          out << " (default: " << roff(o->get_default_str()) << ")";
        out << "\n";
      }
    }
  }
  if (path != "wpslab") out << kExitStatus;
  out << ".SH SEE ALSO\n";
  if (path == "wpslab") {
    std::string refs;
    for (const auto* sub : visible_subcommands(app))
      refs += (refs.empty() ? "" : ",\n") + ("\\fBwpslab\\-" + roff(sub->get_name()) + "\\fR(1)");
    out << refs << ",\n\\fBhostapd\\fR(8), \\fBwpa_supplicant\\fR(8), \\fBtshark\\fR(1)\n";
  } else {
    out << "\\fBwpslab\\fR(1)\n";
  }
}

int write_man(const CLI::App& root, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "wpslab doc: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  const std::string version = "wpslab " + std::string(WPSLAB_VERSION);
  write_page(dir, "wpslab", root, version);
  for (const auto* sub : visible_subcommands(root))
    write_page(dir, "wpslab " + sub->get_name(), *sub, version);
  return 0;
}

// ---- bash completion ----------------------------------------------------------------------

struct CompletionTables {
  std::map<std::string, std::string> subs, opts, value_opts, words, file_args;
};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

void collect(const CLI::App& app, const std::string& path, CompletionTables& t) {
  std::vector<std::string> subs, opts, value_opts, words;
  bool file_arg = false;
  for (const auto* sub : visible_subcommands(app)) {
    subs.push_back(sub->get_name());
    collect(*sub, path + " " + sub->get_name(), t);
  }
  for (const auto* o : options_of(app)) {
    if (!o->nonpositional()) {
      auto w = positional_words(*o);
      if (w.empty()) file_arg = true;
      words.insert(words.end(), w.begin(), w.end());
      continue;
    }
    for (const auto& s : o->get_snames()) {
      opts.push_back("-" + s);
      if (takes_value(*o)) value_opts.push_back("-" + s);
    }
    for (const auto& l : o->get_lnames()) {
      opts.push_back("--" + l);
      if (takes_value(*o)) value_opts.push_back("--" + l);
    }
  }
  opts.push_back("--help");
  t.subs[path] = join(subs);
  t.opts[path] = join(opts);
  t.value_opts[path] = join(value_opts);
  t.words[path] = join(words);
  t.file_args[path] = file_arg ? "1" : "";
}

int write_completion(const CLI::App& root, const std::string& file) {
  CompletionTables t;
  collect(root, "wpslab", t);  // bash arrays have no empty key: paths start with the name
  std::ostringstream s;
  s << "# bash completion for wpslab, generated by `wpslab doc bash-completion` from the CLI.\n"
       "_wpslab() {\n"
       "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
       "  local -A subs opts vopts words files\n";
  auto table = [&](const char* name, const std::map<std::string, std::string>& m) {
    for (const auto& [k, v] : m) s << "  " << name << "[\"" << k << "\"]=\"" << v << "\"\n";
  };
  table("subs", t.subs);
  table("opts", t.opts);
  table("vopts", t.value_opts);
  table("words", t.words);
  table("files", t.file_args);
  s << "  local path=wpslab i w\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    w=${COMP_WORDS[i]}\n"
       "    if [[ \" ${subs[$path]} \" == *\" $w \"* ]]; then path=\"$path $w\"; fi\n"
       "  done\n"
       "  if [[ -n $prev && \" ${vopts[$path]} \" == *\" $prev \"* ]]; then\n"
       "    COMPREPLY=($(compgen -f -- \"$cur\")); return\n"
       "  fi\n"
       "  if [[ $cur == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"${opts[$path]}\" -- \"$cur\")); return\n"
       "  fi\n"
       "  COMPREPLY=($(compgen -W \"${subs[$path]} ${words[$path]}\" -- \"$cur\"))\n"
       "  if [[ -n ${files[$path]} ]]; then COMPREPLY+=($(compgen -f -- \"$cur\")); fi\n"
       "}\n"
       "complete -o filenames -F _wpslab wpslab\n";
  if (file == "-") {
    std::fputs(s.str().c_str(), stdout);
    return 0;
  }
  std::ofstream out(file);
  out << s.str();
  if (!out) {
    std::fprintf(stderr, "wpslab doc: cannot write %s\n", file.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

void register_doc(CLI::App& app) {
  static std::string man_dir;
  static std::string completion_file = "-";
  auto* doc = app.add_subcommand("doc", "Write the manual pages or the bash completion");
  doc->group("");  // hidden: the build runs it
  doc->require_subcommand(1);
  auto* man = doc->add_subcommand("man", "Write wpslab.1 and one page per command into DIR");
  man->add_option("DIR", man_dir, "output directory")->required();
  CLI::App* root = &app;
  add_command(man, [root] { return write_man(*root, man_dir); });
  auto* comp = doc->add_subcommand("bash-completion", "Write the bash completion script");
  comp->add_option("FILE", completion_file, "output file (- = standard output)");
  add_command(comp, [root] { return write_completion(*root, completion_file); });
}

}  // namespace wpslab
