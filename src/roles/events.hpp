// What the composed roles (AccessPoint, Station) report besides the frames they transmit.
#pragma once

#include <string_view>
#include <variant>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "base/trace.hpp"
#include "crypto/secret.hpp"
#include "wpa2/fourway.hpp"
#include "wps/ap_setup_lock.hpp"
#include "wps/outcome.hpp"
#include "wps/pbc.hpp"

namespace wps::roles {

/// A secret for the key log: `LABEL <enrollee-mac> <hex>`.
struct KeyLog {
  MacAddr enrollee;
  std::string_view label;
  crypto::SecretBytes value;
};
/// The registration run with `sta` ended well / badly (the engine's own report inside).
struct WpsSucceeded {
  MacAddr sta;
  proto::Succeeded result;
};
struct WpsFailed {
  MacAddr sta;
  proto::Failed failure;
};
/// The 4-way handshake with `sta` completed: pairwise and group keys installed.
struct KeysReady {
  MacAddr sta;
};
struct HandshakeFailed {
  MacAddr sta;
  wpa2::Failed failure;
};
/// A CCMP-protected data frame from `sta` decrypted (AP side).
struct DataDecrypted {
  MacAddr sta;
  Bytes msdu;  ///< LLC/SNAP ‖ payload
};

/// Push button: the AP's PBC mode changed (button pressed, success, walk time over, cancelled)
/// or an overlap was detected (AP: two PBC enrollees in the monitor time; station: two APs in
/// PBC mode in its scan).
struct PbcStatus {
  proto::PbcEvent event;
};

/// The AP's setup lock changed (hostapd's WPS-AP-SETUP-LOCKED / -UNLOCKED).
struct SetupLockChanged {
  proto::LockChange change;
};

using Event = std::variant<KeyLog, WpsSucceeded, WpsFailed, proto::PinNeeded, KeysReady,
                           HandshakeFailed, DataDecrypted, PbcStatus, TraceEvent, SetupLockChanged>;

/// The WPA2-PSK CCMP RSN element both roles use (WPS-FACTS §2.5).
Bytes wpa2_psk_ccmp_rsn_ie();

}  // namespace wps::roles
