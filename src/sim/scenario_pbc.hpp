// The push-button scenarios (scenario_pbc.cpp): pbc, pbc-overlap, pbc-walk-timeout, pbc-two-aps.
// run_scenario() hands these to run_pbc_scenario().
#pragma once

#include "sim/scenario.hpp"

namespace wps::sim {

bool is_pbc_scenario(Scenario s);
/// Runs one PBC scenario (is_pbc_scenario(cfg.scenario)). Errors: SimEventLimit.
Result<ScenarioResult> run_pbc_scenario(const ScenarioConfig& cfg);

}  // namespace wps::sim
