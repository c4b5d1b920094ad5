// Passphrase (PMK) checks on the EAPOL-Key frames of one session, as aircrack-ng and hashcat
// (mode 22000) accept them, and never "wrong" without proof.
//
// A PMK is proven right when a MIC in the capture verifies under a PTK derived from nonces the
// capture holds, or when a message 1's PMKID KDE equals HMAC-SHA1-128(PMK, "PMK Name" ‖ AA ‖ SPA).
// Every pair of an ANonce source (message 1, message 3) and an SNonce source (message 2, a
// message 4 that carries it) is tried, in the order M1+M2, M2+M3, M1+M4, M3+M4; for each pair
// the MICs of its own frames (message 2 / 4, and message 3 when the ANonce is its) are checked.
// The MIC algorithm follows the Key Descriptor Version of each frame: 1 = HMAC-MD5 (WPA1,
// descriptor type 254, TKIP), 2 = HMAC-SHA1-128; version 3 (AES-128-CMAC with the SHA-256 key
// derivation) and 0 (AKM-defined) are not checked.
//
// A PMK is proven wrong only when the capture shows which nonces both sides used and their MICs
// do not verify: a message 3 answering a message 2 (replay counter + 1) — the AP accepted that
// message 2, so the PTK is PRF(PMK, ..., message 3's ANonce, message 2's SNonce) — or a PMKID
// (descriptor version 2) that does not match. Anything else is "cannot be checked from this
// capture", with the reason.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/session.hpp"
#include "crypto/secret.hpp"

namespace wps::analyzer {

enum class PskVerdict : std::uint8_t {
  NotChecked,  ///< nothing to check with (no passphrase, no SSID, no EAPOL-Key frame)
  Right,       ///< a MIC (or the PMKID) verifies
  Wrong,       ///< proven wrong (see the header comment)
  Unproven,    ///< cannot be checked from this capture (why says why)
};
/// "not-checked", "right", "wrong", "cannot-check".
std::string_view to_string(PskVerdict v);

struct PskCheck {
  PskVerdict verdict = PskVerdict::NotChecked;
  /// The pair that proved it: "M1+M2", "M2+M3", "M1+M4", "M3+M4" or "PMKID in M1".
  std::string proved_by;
  /// The EAPOL-Key frames (Session::keys indices) whose MIC / PMKID verified.
  std::vector<std::size_t> proof_keys;
  /// For Right: whether only the station's frames verified (the AP never confirmed it).
  bool station_frames_only = false;
  /// For Wrong: the proof; for Unproven: why it cannot be checked.
  std::string why;
  bool wpa1 = false;         ///< key descriptor version 1 frames (WPA1 / TKIP) were checked
  unsigned pairs_tried = 0;  ///< nonce pairs derived (PMKIDs not counted)
};

/// Checks `pmk` against the session's EAPOL-Key frames (`keys`), station address `spa`, trying
/// each authenticator address in `aas` (the BSSID; on a wired port also the PAE group address).
PskCheck check_pmk(const std::vector<KeyRecord>& keys, const crypto::Pmk& pmk,
                   std::span<const MacAddr> aas, const MacAddr& spa);

/// The PMKID of a message 1's Key Data (PMKID KDE 00-0F-AC:4), when present and not all zero.
std::optional<std::array<std::uint8_t, 16>> pmkid_of(const KeyRecord& m1);

}  // namespace wps::analyzer
