// The station side of the WPA2-PSK 4-way handshake (IEEE 802.11-2020 §12.7.6; WPS-FACTS §10.2)
// as a sans-I/O engine (ARCHITECTURE C1).
//
//   msg 1                 -> SNonce (drawn once per handshake), PTK,
//                            SendEapol(msg 2: 0x010A, msg 1's replay counter, SNonce, own RSN IE)
//   msg 3 (valid)         -> SendEapol(msg 4: 0x030A, msg 3's replay counter), then
//                            KeysInstalled{TK, GTK, key id, RSC}
//   msg 3 retransmitted   -> SendEapol(msg 4) again, NO second KeysInstalled (KRACK)
//
// Message 1 is not authenticated: it is accepted unless its replay counter is below the last
// message 1's or not above the last MIC-verified frame's; a retransmitted message 1 is answered
// again with the same SNonce (the PTK is re-derived if the ANonce changed).
//
// Message 3 checks, in order: Key Information; replay counter strictly greater than every
// counter accepted so far (else silently ignored as a replay); MIC under the current PTK
// (KeyMicMismatch); ANonce equal to message 1's (KeyNonceMismatch); Key Data unwraps under the
// KEK and parses (KeyDataMalformed); its first RSN element equals the AP's Beacon/Probe Response
// RSN element (KeyRsnIeMismatch, deauth 17); a 16-octet GTK KDE is present (KeyDataMalformed).
//
// Group key handshakes and PTK rekeying are out of scope: after KeysInstalled, a message 1 is
// ignored (traced).
#pragma once

#include <optional>

#include "base/bytes.hpp"
#include "base/rng.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"
#include "crypto/secret.hpp"
#include "wpa2/fourway.hpp"
#include "wpa2/keys.hpp"

namespace wps::wpa2 {

struct SupplicantConfig {
  AuthenticatorAddr aa;  ///< the AP's MAC (BSSID)
  SupplicantAddr spa;    ///< our MAC
  crypto::Pmk pmk;
  /// Our RSN element exactly as sent in our (Re)Association Request; goes into message 2.
  Bytes own_rsn_ie;
  /// The AP's RSN element from its Beacon/Probe Response; message 3 must carry it.
  Bytes ap_rsn_ie;
  std::uint8_t eapol_version = 1;  ///< wpa_supplicant's default eapol_version
  /// Give up when no valid message 3 arrived this long after start(); zero disables the timer
  /// (the AP's retransmission timer then decides).
  Duration handshake_timeout = std::chrono::seconds(10);
  /// true: a message 3 whose MIC does not verify ends the handshake with
  /// Failed{KeyMicMismatch, Pairwise3}. false: it is dropped (wpa_supplicant's behaviour) and
  /// named if the handshake then times out.
  bool fail_on_bad_mic = true;
};

enum class SupplicantState : std::uint8_t { WaitMsg1, WaitMsg3, Done, Failed };
std::string_view to_string(SupplicantState s);

class Supplicant4Way : public detail::FourWayCore<SupplicantState> {
 public:
  using State = SupplicantState;

  /// rng supplies the SNonce; it must outlive the engine.
  Supplicant4Way(SupplicantConfig config, Rng& rng);

  /// Arms the handshake timeout (association completed at `now`). Optional: without it the
  /// engine still answers message 1 but never times out.
  void start(TimePoint now);

  /// One received EAPOL frame (802.1X header + body) from the AP. Outcomes are Outputs.
  void on_eapol(ByteView eapol_frame, TimePoint now);

  /// Fails with SessionTimeout (or the remembered dropped-MIC reason) once the deadline passed.
  void on_deadline(TimePoint now);

  /// Our SNonce, once message 1 was answered.
  [[nodiscard]] const std::optional<SNonce>& snonce() const { return snonce_; }

 private:
  void on_msg1(const EapolKey& k, TimePoint now);
  void on_msg3(const EapolKey& k, ByteView frame, TimePoint now);
  void send_msg4(std::uint64_t replay_counter, TimePoint now);

  SupplicantConfig cfg_;
  Rng& rng_;
  std::optional<SNonce> snonce_;
  std::optional<ANonce> anonce_;
  std::optional<std::uint64_t> msg1_counter_;      ///< replay counter of the last message 1 taken
  std::optional<std::uint64_t> verified_counter_;  ///< largest counter of a MIC-verified frame
};

}  // namespace wps::wpa2
