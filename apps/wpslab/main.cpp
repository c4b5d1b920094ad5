// wpslab: one binary, one subcommand per job. Edge code: exceptions are caught here.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "apps/wpslab/commands.hpp"
#include "wpslab_revision.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Wi-Fi Protected Setup lab: run, capture, test and explain WPS", "wpslab"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "wpslab " WPSLAB_VERSION " (git " WPSLAB_GIT_REVISION ")",
                       "Print the version and the git revision it was built from");
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
