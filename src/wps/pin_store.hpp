// The registrar's device passwords and their life cycle (WPS-FACTS §8, hostapd's rules).
//
// One PinStore serves every registration session of one registrar (an AP serving several
// stations): sessions claim a PIN when M1 arrives and report how they ended. Rules:
//  - a PIN is claimed by one session at a time (a second enrollee gets M2D meanwhile);
//  - a PIN bound to a UUID-E serves only that enrollee; a wildcard ("any") PIN serves whoever
//    asks, at most twice, and is bound to the first claimant's UUID-E;
//  - success removes the PIN; a failure after the registrar revealed R-S2 (M6 sent) or with an
//    E-Hash2 mismatch removes it too ("full PIN information revealed");
//  - any other failure releases the claim, and the PIN can be tried again;
//  - an optional expiry time removes it.
// Sans-I/O: time is passed in; nothing here reads a clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/strong.hpp"
#include "base/time.hpp"
#include "crypto/secret.hpp"

namespace wps::proto {

/// Identifies one registration session within a registrar (any value unique per session).
using SessionId = std::uint64_t;

/// How a session that claimed a PIN ended.
enum class PinOutcome : std::uint8_t {
  Success,      ///< credential delivered: PIN removed
  Revealed,     ///< failed after R-S2 was sent, or E-Hash2 mismatch: PIN removed
  FailedEarly,  ///< failed before the second half was exposed: claim released, PIN kept
};

class PinStore {
 public:
  /// Adds a PIN for one enrollee (uuid set) or for any enrollee (uuid nullopt). A PIN already
  /// stored for the same UUID (or the wildcard) is replaced. `expires` nullopt = no expiry.
  void add(std::string_view pin, std::optional<Uuid> uuid = std::nullopt,
           std::optional<TimePoint> expires = std::nullopt);
  void clear();

  /// Claims the password for enrollee `uuid_e` in `session`: the UUID-specific entry first, then
  /// the wildcard. nullopt when none is usable now (none stored, expired, claimed by another
  /// session, wildcard used up). Claiming again from the same session returns the same PIN.
  std::optional<crypto::SecretBytes> claim(const Uuid& uuid_e, SessionId session, TimePoint now);

  /// Reports the end of `session` (no-op if it claimed nothing).
  void finish(SessionId session, PinOutcome outcome);

  /// True when some PIN could currently be claimed by a new enrollee (drives Selected Registrar).
  [[nodiscard]] bool any_available(TimePoint now) const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    crypto::SecretBytes pin;
    std::optional<Uuid> uuid;
    bool wildcard = false;
    int wildcard_claims = 0;
    std::optional<TimePoint> expires;
    std::optional<SessionId> claimed_by;
  };
  static constexpr int kWildcardMaxClaims = 2;
  void expire(TimePoint now);
  std::vector<Entry> entries_;
};

}  // namespace wps::proto
