// Subcommand registry of the wpslab CLI. Each cmd_<name>.cpp defines register_<name>(), which
// adds a CLI11 subcommand and the function that runs it (returning the process exit code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace wpslab {

using CommandFn = std::function<int()>;

/// Records `fn` as the action of subcommand `sub`.
void add_command(CLI::App* sub, CommandFn fn);

/// Adds every subcommand to the app.
void register_commands(CLI::App& app);

/// Runs the action of the subcommand that was parsed.
int run_selected(CLI::App& app);

/// What `wpslab run` accepts as SCENARIO (help text, man page, completion).
std::vector<std::string> run_scenario_names();

// One per subcommand file.
void register_pin(CLI::App& app);
void register_run(CLI::App& app);
void register_bench(CLI::App& app);
void register_analyze(CLI::App& app);
void register_scan(CLI::App& app);
void register_ap(CLI::App& app);
void register_sta(CLI::App& app);
void register_sweep(CLI::App& app);
void register_doc(CLI::App& app);
void register_nfc(CLI::App& app);

}  // namespace wpslab
