// wpslab: one binary, one subcommand per job. Edge code: exceptions are caught here.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "apps/wpslab/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"wpslab — Wi-Fi Protected Setup lab: run, capture, test and explain WPS"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "wpslab 0.1.0");
  wpslab::register_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  try {
    return wpslab::run_selected(app);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wpslab: %s\n", e.what());
    return 1;
  }
}
