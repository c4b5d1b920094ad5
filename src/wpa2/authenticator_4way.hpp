// The AP side of the WPA2-PSK 4-way handshake (IEEE 802.11-2020 §12.7.6; WPS-FACTS §10.2) as a
// sans-I/O engine (ARCHITECTURE C1): EAPOL frames and time in, Outputs out.
//
//   start(now)            -> SendEapol(msg 1: key info 0x008A, replay r0, ANonce)
//   msg 2 (valid)         -> SendEapol(msg 3: 0x13CA, replay +1, ANonce, RSC,
//                                       AES-KW(KEK, AP RSN IE ‖ GTK KDE ‖ pad))
//   msg 4 (valid)         -> KeysInstalled{TK, GTK, key id}
//   no answer             -> msg 1 / msg 3 resent with a fresh replay counter per RetryPolicy,
//                            then Failed{SessionTimeout, 15}
//
// Checks on message 2, in order: Key Information says message 2; the replay counter is one the
// engine used for a message 1 of this handshake; the MIC verifies under the PTK derived from
// the message's SNonce (a wrong passphrase fails here: KeyMicMismatch); the first RSN element
// of its Key Data equals, octet for octet, the one from the STA's (Re)Association Request
// (KeyRsnIeMismatch, deauth 17). Message 4: Key Information, a replay counter used for a
// message 3, MIC.
//
// Frames that do not parse, are not the expected message, or carry a stale replay counter are
// ignored (a TraceEvent of kind "drop" says why): they may be forged or late duplicates, and
// the retransmission timer decides when to give up.
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

struct AuthenticatorConfig {
  AuthenticatorAddr aa;  ///< our MAC (BSSID)
  SupplicantAddr spa;    ///< the station's MAC
  crypto::Pmk pmk;
  /// Our RSN element (`30 14 ...`) exactly as in our Beacon/Probe Response; sent in message 3.
  Bytes ap_rsn_ie;
  /// The RSN element from the station's (Re)Association Request; message 2 must carry it.
  Bytes sta_rsn_ie;
  crypto::Gtk gtk;
  std::uint8_t gtk_key_id = 1;  ///< 0..3 (asserted)
  std::uint64_t gtk_tx_pn = 0;  ///< current GTK transmit PN, sent as message 3's Key RSC
  /// Replay counter of the first message 1 (hostapd starts each association at 1).
  std::uint64_t initial_replay_counter = 1;
  std::uint8_t eapol_version = 2;  ///< hostapd's default eapol_version
  RetryPolicy retry;
  /// true: a message 2 or 4 whose MIC does not verify ends the handshake at once with
  /// Failed{KeyMicMismatch}. false (hostapd's behaviour): it is dropped, and if the retries
  /// then run out the failure still names KeyMicMismatch and that message.
  bool fail_on_bad_mic = true;
};

enum class AuthenticatorState : std::uint8_t { Idle, WaitMsg2, WaitMsg4, Done, Failed };
std::string_view to_string(AuthenticatorState s);

class Authenticator4Way : public detail::FourWayCore<AuthenticatorState> {
 public:
  using State = AuthenticatorState;

  /// rng supplies the ANonce; it must outlive the engine.
  Authenticator4Way(AuthenticatorConfig config, Rng& rng);

  /// Draws the ANonce and sends message 1. Only valid in Idle (asserted).
  void start(TimePoint now);

  /// One received EAPOL frame (802.1X header + body) from the station. Never fails: outcomes
  /// are Outputs.
  void on_eapol(ByteView eapol_frame, TimePoint now);

  /// Retransmits or gives up if the deadline has passed; does nothing before it.
  void on_deadline(TimePoint now);

  [[nodiscard]] const ANonce& anonce() const { return anonce_; }

 private:
  void send_msg1(TimePoint now);
  void send_msg3(TimePoint now);
  void arm_timer(TimePoint now);
  void on_msg2(const EapolKey& k, ByteView frame, TimePoint now);
  void on_msg4(const EapolKey& k, ByteView frame, TimePoint now);

  AuthenticatorConfig cfg_;
  Rng& rng_;
  ANonce anonce_{};
  std::uint64_t next_replay_counter_ = 0;
  std::uint64_t window_first_ = 0;  ///< first replay counter used for the current message
  unsigned transmissions_ = 0;      ///< of the current message (1 or 3)
};

}  // namespace wps::wpa2
