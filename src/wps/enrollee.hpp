// The Enrollee side of the WSC registration protocol (WPS-FACTS §6, §7): sans-I/O engine
// (ARCHITECTURE C1). Used by a station that enrolls with an AP's registrar (the STA-PIN method),
// and by an AP that is configured by an external registrar (the AP-PIN method).
//
// Flow: start() sends M1; then M2 -> M3, M4 -> M5, M6 -> M7, M8 -> WSC_Done (Succeeded). NFC
// connection handover (password_id 7, the select's hash in peer_public_key_hash): M2 carries
// the Credential in Encrypted Settings -> WSC_Done (Succeeded); no password, no M3..M8.
// Checks on every message: expected-next type for the state (UnexpectedMessage), Enrollee Nonce
// echo (NonceMismatch), the Authenticator over previous ‖ current (AuthenticatorMismatch), the
// Device Password ID of M2 (DevicePasswordIdMismatch), the peer's DH value (InvalidPublicKey)
// and, with a peer's NFC token, its hash (PublicKeyHashMismatch, error 20),
// the Key Wrap Authenticator and padding of every Encrypted Settings (KwaMismatch, BadPadding…),
// R-Hash1 at M4 (RHash1Mismatch: wrong first half of the PIN) and R-Hash2 at M6
// (RHash2Mismatch: wrong second half), the credentials of M8 (BadCredential). A failed check
// ends the run with Failed and a WSC_NACK carrying config_error_for(reason). M2D ends the run
// with Failed{PeerM2D} after a WSC_ACK (station) or WSC_NACK (AP enrollee). A WSC_NACK from the
// registrar ends it with Failed{PeerNack} (answered with a NACK when we are the EAP peer).
// A message equal to the last one received is a retransmission: our last message is sent again.
//
// Randomness, drawn from the Rng in this order (the replay tests depend on it): start():
// Enrollee Nonce (16), DH private exponent (DhPrivateKey::generate; not drawn when the config's
// dh_pool has a key ready or the NFC token's key is used); M2: E-S1 (16), E-S2 (16);
// M4: IV of M5 (16); M6: IV of M7 (16). (The nonces come from the config's weak generators
// instead when the Pixie Dust lab sets them.)
#pragma once

#include <optional>
#include <string_view>

#include "base/rng.hpp"
#include "base/time.hpp"
#include "crypto/secret.hpp"
#include "wps/dh_pool.hpp"
#include "wps/nfc_password.hpp"
#include "wps/outcome.hpp"
#include "wps/session.hpp"
#include "wsc/credential.hpp"
#include "wsc/msg_m1_m2.hpp"
#include "wsc/types.hpp"

namespace wps::proto {

struct EnrolleeConfig {
  Uuid uuid;    ///< UUID-E
  MacAddr mac;  ///< our MAC: M1's MAC Address, the KDK input
  wsc::DeviceInfo device;
  std::uint16_t auth_type_flags = 0x0023;  ///< Open | WPA-PSK | WPA2-PSK, as wpa_supplicant
  std::uint16_t encr_type_flags = 0x000D;  ///< None | TKIP | AES
  std::uint8_t connection_type_flags = 0x01;
  std::uint16_t config_methods = 0x2108;  ///< virtual display + keypad, as wpa_supplicant
  wsc::WpsState wps_state = wsc::WpsState::NotConfigured;
  std::uint8_t rf_bands = 0x01;
  std::uint32_t os_version = 0x80000000;
  wsc::DevicePasswordId password_id = wsc::DevicePasswordId::Default;
  crypto::SecretBytes device_password;  ///< the PIN as ASCII digits ("00000000" for PBC)
  /// NFC, this side owns the password token (nfc_password.hpp): M1 carries the token's DH key
  /// (this private exponent) instead of a fresh one. password_id / device_password then hold
  /// the token's ID and password text (use_nfc_token()).
  std::optional<crypto::SecretBytes> own_dh_private;
  /// NFC, the peer's token was read (the AP's password token): M2's Public Key must hash to
  /// this, otherwise the run ends with WSC_NACK, Configuration Error 20.
  std::optional<wsc::PublicKeyHash> peer_public_key_hash;
  /// Set when the enrollee is an AP (AP-PIN method): its current settings, sent in M7.
  std::optional<wsc::Credential> ap_settings;
  /// True when this side is the EAP peer (a station): answers M2D with WSC_ACK and a NACK with
  /// a NACK. False for an AP enrollee (EAP server), which answers M2D with WSC_NACK.
  bool eap_peer = true;
  /// AP enrollee only: AP setup is locked (ap_setup_lock.hpp), so a new external registrar is
  /// refused at M2 with WSC_NACK, Configuration Error 15 (hostapd's wps_process_m2).
  bool setup_locked = false;
  /// The Pixie Dust lab (weak_nonces.hpp): when set, the Enrollee Nonce is drawn from
  /// `enrollee_nonce_rng` and E-S1/E-S2 from `secret_nonce_rng` instead of the main Rng, the way
  /// vulnerable firmware drew them; the DH key and the IVs still come from the main Rng.
  Rng* enrollee_nonce_rng = nullptr;
  Rng* secret_nonce_rng = nullptr;
  bool keylog = false;                           ///< emit KeyLogEntry outputs
  Duration timeout = std::chrono::seconds(120);  ///< inactivity limit (WPS walk time)
  /// Keys generated ahead of time by the edge (see dh_pool.hpp); null = generate at start().
  DhKeyPool* dh_pool = nullptr;
};

/// Enrolls with this side's own password token: its ID, password and DH key.
void use_nfc_token(EnrolleeConfig& cfg, const NfcOwnToken& own);
/// Enrolls with a peer's password token (the AP's): its ID and password, and the check of M2's
/// key against its hash.
void use_nfc_token(EnrolleeConfig& cfg, const NfcPeerToken& peer);

/// NFC connection handover: ID 7, no password, M1 with our request's key (`own_private`), M2's
/// key checked against the select's hash, the Credential taken from M2.
void use_nfc_handover(EnrolleeConfig& cfg, const crypto::SecretBytes& own_private,
                      const wsc::PublicKeyHash& select_hash);

class Enrollee {
 public:
  enum class State : std::uint8_t { Idle, WaitM2, WaitM4, WaitM6, WaitM8, Finished };

  Enrollee(EnrolleeConfig cfg, Rng& rng);

  /// Draws N1 and the DH key and sends M1. Call once.
  void start(TimePoint now);
  /// A reassembled WSC message from the registrar (any Op-Code; the Message Type decides).
  void on_message(ByteView payload, TimePoint now);
  [[nodiscard]] std::optional<Output> poll_output() { return s_.poll(); }
  [[nodiscard]] std::optional<TimePoint> next_deadline() const { return s_.deadline(); }
  /// Ends the run with Failed{SessionTimeout} when the deadline has passed.
  void on_deadline(TimePoint now);

  [[nodiscard]] State state() const { return state_; }
  /// The registration message this engine waits for now (where a timeout is reported).
  [[nodiscard]] wsc::MsgType awaited() const;
  /// The last registration message this engine sent, if any.
  [[nodiscard]] std::optional<wsc::MsgType> last_sent() const { return last_sent_; }
  [[nodiscard]] bool finished() const { return state_ == State::Finished; }
  [[nodiscard]] const EnrolleeNonce& enrollee_nonce() const { return s_.n1; }
  static std::string_view state_name(State s);

 private:
  Result<void> on_m2(ByteView raw, TimePoint now);
  Result<void> on_handover_m2(const wsc::M2& m2, ByteView raw, TimePoint now);
  Result<void> on_m2d(ByteView raw, TimePoint now);
  Result<void> on_m4(ByteView raw, TimePoint now);
  Result<void> on_m6(ByteView raw, TimePoint now);
  Result<void> on_m8(ByteView raw, TimePoint now);
  Result<void> on_nack(ByteView raw, TimePoint now);
  /// Every check passed (the credential is valid): WSC_Done goes out, the credential is handed
  /// over (`raw`: the message that carried it, kept for retransmission answers).
  Result<void> finish(Succeeded ok_out, ByteView raw, TimePoint now);
  void set_state(State s, TimePoint now);
  /// Sends one of M1..M8 (kept as the Authenticator's previous message), remembers it as the
  /// last message sent and moves to `next`.
  void send_step(wsc::MsgType type, Bytes msg, State next, TimePoint now);
  void fail(TimePoint now, Errc reason, wsc::MsgType at, bool send_nack);
  void send_nack(wsc::ConfigError ce);

  EnrolleeConfig cfg_;
  detail::Session s_;
  State state_ = State::Idle;
  std::optional<wsc::MsgType> last_sent_;
  std::optional<crypto::ESecretNonce1> es1_;
  std::optional<crypto::ESecretNonce2> es2_;
  std::optional<wsc::RHash1> r_hash1_;
  std::optional<wsc::RHash2> r_hash2_;
  /// Set by a handler that already decided how the run ends (M2D, peer NACK).
  bool ended_by_handler_ = false;
};

}  // namespace wps::proto
