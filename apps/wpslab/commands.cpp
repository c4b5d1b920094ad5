#include "apps/wpslab/commands.hpp"

#include <map>

namespace wpslab {
namespace {
std::map<CLI::App*, CommandFn>& registry() {
  static std::map<CLI::App*, CommandFn> r;
  return r;
}

int run_in(CLI::App* app) {
  for (CLI::App* sub : app->get_subcommands()) {
    auto it = registry().find(sub);
    if (it != registry().end()) return it->second();
    return run_in(sub);  // nested subcommands, e.g. `pin check`
  }
  return 1;
}
}  // namespace

void add_command(CLI::App* sub, CommandFn fn) {
  registry()[sub] = std::move(fn);
}

void register_commands(CLI::App& app) {
  register_run(app);
  register_pin(app);
  register_bench(app);
  register_analyze(app);
  register_scan(app);
  register_ap(app);
  register_sta(app);
  register_sweep(app);
  register_nfc(app);
  register_doc(app);
}

int run_selected(CLI::App& app) {
  return run_in(&app);
}

}  // namespace wpslab
