// One registration between our Enrollee and our Registrar in the same process, messages handed
// across directly (no EAP, no radio). Used by `wpslab run --direct`, the registration benchmark
// and tests. Sans-I/O: time does not advance; randomness comes from the two given generators.
#pragma once

#include <optional>
#include <vector>

#include "base/rng.hpp"
#include "wps/enrollee.hpp"
#include "wps/registrar.hpp"

namespace wps::proto {

struct LocalRunStep {
  bool from_enrollee = true;
  SendMessage msg;
};

struct LocalRun {
  std::vector<LocalRunStep> steps;  ///< every message, in wire order
  std::vector<KeyLogEntry> keylog;  ///< both sides' key log entries (if enabled)
  std::optional<Succeeded> enrollee_ok;
  std::optional<Failed> enrollee_failed;
  std::optional<Succeeded> registrar_ok;
  std::optional<Failed> registrar_failed;
  std::optional<PinNeeded> pin_needed;
};

/// Runs until neither side has anything left to send (at most 64 messages).
LocalRun run_local_registration(EnrolleeConfig ec, Rng& enrollee_rng, RegistrarConfig rc,
                                Rng& registrar_rng);

}  // namespace wps::proto
