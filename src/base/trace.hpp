// Structured trace records (ARCHITECTURE C12): engines emit them as Outputs; only the edge and
// the CLI format them for people.
#pragma once

#include <string>
#include <string_view>

#include "base/time.hpp"

namespace wps {

struct TraceEvent {
  TimePoint at;
  std::string_view source;  ///< engine name, e.g. "registrar" (static storage)
  std::string_view kind;    ///< "state", "rx", "tx", "check", "fail" (static storage)
  std::string from;         ///< for kind "state": old state name; otherwise a subject
  std::string to;           ///< for kind "state": new state name; otherwise a detail
  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

}  // namespace wps
