// The Registrar side of the WSC registration protocol (WPS-FACTS §6, §7, §8): sans-I/O engine
// (ARCHITECTURE C1). One instance per registration run. Used as an AP's internal registrar
// (STA-PIN method: the device password comes from the shared PinStore) and as an external
// registrar configuring an AP (AP-PIN method: a fixed device password, the AP's PIN).
//
// Flow (NFC connection handover: M1 -> M2 with the Credential -> WSC_Done): M1 -> M2 (or M2D when no password is available: then ACK/NACK ends the run with
// Failed{NoDevicePassword} and a PinNeeded event; or, push button, M2D error 12 on a PBC overlap:
// Failed{PbcOverlap}; or, NFC, M2D error 20 when M1's key does not match the token read:
// Failed{PublicKeyHashMismatch}), M3 -> M4, M5 -> M6, M7 -> M8 (or, learning an
// AP's settings only, WSC_NACK with error 0), WSC_Done -> Succeeded.
// Checks: expected-next (UnexpectedMessage), Registrar Nonce echo (NonceMismatch), Authenticator
// (AuthenticatorMismatch), KWA and padding of Encrypted Settings, E-Hash1 at M5
// (EHash1Mismatch) and E-Hash2 at M7 (EHash2Mismatch) — both NACKed with error 18. hostapd's PIN
// life cycle (§8, see pin_store.hpp): the PIN is released after an early failure and removed
// after success, after an E-Hash2 mismatch, or after any failure once M6 (R-S2) was sent.
//
// Randomness, drawn from the Rng in this order: M1 (only when a password is available):
// Registrar Nonce (16), then the DH private exponent (not drawn when the config's dh_pool has a
// key ready, or for the own NFC token's key); handover M2: the IV of its Encrypted Settings (16); M3: R-S1 (16), R-S2 (16), IV of M4 (16);
// M5: IV of M6 (16); M7: IV of M8 (16). An M2D carries an all-zero Registrar Nonce, as
// hostapd's does (nothing is drawn for it).
#pragma once

#include <optional>
#include <string_view>

#include "base/rng.hpp"
#include "base/time.hpp"
#include "crypto/secret.hpp"
#include "wps/dh_pool.hpp"
#include "wps/nfc_password.hpp"
#include "wps/outcome.hpp"
#include "wps/pbc.hpp"
#include "wps/pin_store.hpp"
#include "wps/session.hpp"
#include "wsc/credential.hpp"
#include "wsc/msg_m1_m2.hpp"
#include "wsc/types.hpp"

namespace wps::proto {

struct RegistrarConfig {
  Uuid uuid;  ///< UUID-R
  wsc::DeviceInfo device;
  std::uint16_t auth_type_flags = 0x0023;
  std::uint16_t encr_type_flags = 0x000D;
  std::uint8_t connection_type_flags = 0x01;
  std::uint16_t config_methods = 0x238C;  ///< label, virtual display, virtual PB, keypad (hostapd)
  std::uint8_t rf_bands = 0x01;
  std::uint32_t os_version = 0x80000000;

  /// Internal registrar: the device passwords (shared by all sessions of this registrar).
  PinStore* pins = nullptr;
  SessionId session_id = 0;
  /// Internal registrar with a push button: an M1 with Device Password ID 4 is decided by this
  /// monitor (shared by all sessions): accepted with the password "00000000" while the button
  /// is active, M2D (error 0, or 15 when setup is locked) when it is not, M2D with error 12 on
  /// an overlap. A running PBC session is refused at M3/M5/M7 with WSC_NACK error 12 once the
  /// monitor saw an overlap; success reports completed(). Null: DPID 4 is treated like any
  /// other M1 (the PIN store or the fixed password decides).
  PbcMonitor* pbc = nullptr;
  /// NFC (nfc_password.hpp): the password tokens this registrar has read. An M1 whose Device
  /// Password ID (0x0010..0xFFFF) names one consumes it; if M1's Public Key does not hash to the
  /// token's hash the answer is M2D with Configuration Error 20 (PublicKeyHashMismatch), else
  /// the token's password is used. An ID no token names gets M2D (hostapd would fall back to a
  /// PIN and send Device Password ID 0 in M2, which the enrollee then refuses).
  NfcTokenStore* nfc_tokens = nullptr;
  /// NFC: this registrar's own password token (an AP's `wps_nfc_token enable`): an M1 with its
  /// ID is answered with the token's key in M2 and its password. Not consumed by a run.
  std::optional<NfcOwnToken> own_token;
  /// NFC connection handover (Device Password ID 7, NFC-PBC facts §8): with a handover request
  /// in nfc_tokens (ID 7, the enrollee's public key hash) and own_token holding the key of our
  /// handover select, an M1 with ID 7 whose key matches is answered with M2 carrying our key
  /// and the Credential in Encrypted Settings; WSC_Done ends the run (no M3..M8, no password).
  /// External registrar (or a registrar with one fixed password): used when pins is null.
  std::optional<crypto::SecretBytes> device_password;
  /// hostapd puts Configuration Error 15 (setup locked) in M2D when ap_setup_locked is set.
  bool setup_locked = false;

  /// The network delivered in M8 to a station enrollee. Its MAC Address is replaced by the
  /// enrollee's MAC (§6.4).
  std::optional<wsc::Credential> network;

  /// AP-PIN method: the enrollee is an AP, whose M7 carries its current settings.
  bool enrollee_is_ap = false;
  /// With enrollee_is_ap: the new settings pushed to the AP in M8; nullopt = only learn the
  /// current settings (WSC_NACK with error 0 after M7, as wpa_supplicant's `wps_reg` does).
  std::optional<wsc::Credential> new_ap_settings;

  /// True when this side is the EAP peer (an external registrar on a station): answers a NACK
  /// with a NACK and an AP's WSC_Done with WSC_ACK.
  bool eap_peer = false;
  bool keylog = false;
  Duration timeout = std::chrono::seconds(120);
  /// Keys generated ahead of time by the edge (see dh_pool.hpp); null = generate at M1.
  DhKeyPool* dh_pool = nullptr;
};

class Registrar {
 public:
  enum class State : std::uint8_t {
    WaitM1,
    WaitM2DAck,
    WaitM3,
    WaitM5,
    WaitM7,
    WaitDone,
    Finished
  };

  Registrar(RegistrarConfig cfg, Rng& rng);
  /// A run dropped before its end (e.g. the station left) releases its PIN claim.
  ~Registrar();
  Registrar(const Registrar&) = delete;
  Registrar& operator=(const Registrar&) = delete;

  /// A reassembled WSC message from the enrollee.
  void on_message(ByteView payload, TimePoint now);
  [[nodiscard]] std::optional<Output> poll_output() { return s_.poll(); }
  [[nodiscard]] std::optional<TimePoint> next_deadline() const { return s_.deadline(); }
  void on_deadline(TimePoint now);

  [[nodiscard]] State state() const { return state_; }
  /// The registration message this engine waits for now (where a timeout is reported).
  [[nodiscard]] wsc::MsgType awaited() const;
  /// The last registration message this engine sent, if any.
  [[nodiscard]] std::optional<wsc::MsgType> last_sent() const { return last_sent_; }
  [[nodiscard]] bool finished() const { return state_ == State::Finished; }
  static std::string_view state_name(State s);

 private:
  Result<void> on_m1(ByteView raw, TimePoint now);
  Result<void> on_m3(ByteView raw, TimePoint now);
  Result<void> on_m5(ByteView raw, TimePoint now);
  Result<void> on_m7(ByteView raw, TimePoint now);
  Result<void> on_done(ByteView raw, TimePoint now);
  Result<void> on_ack(ByteView raw, TimePoint now);
  Result<void> on_nack(ByteView raw, TimePoint now);
  void set_state(State s, TimePoint now);
  /// Sends one of M1..M8 (kept as the Authenticator's previous message), remembers it as the
  /// last message sent and moves to `next`.
  void send_step(wsc::MsgType type, Bytes msg, State next, TimePoint now);
  void fail(TimePoint now, Errc reason, wsc::MsgType at, bool send_nack);
  void send_nack(wsc::ConfigError ce);
  void end_pin(PinOutcome o);
  /// Answers M1 with M2D carrying `ce` (§6.3), reports PinNeeded if asked, and waits for the
  /// enrollee's ACK.
  void send_m2d(const wsc::M1& m1, wsc::ConfigError ce, bool pin_needed, TimePoint now);
  /// PbcOverlap when this PBC run must be refused (the monitor saw an overlap since).
  Result<void> check_pbc_overlap() const;

  RegistrarConfig cfg_;
  detail::Session s_;
  State state_ = State::WaitM1;
  std::optional<wsc::MsgType> last_sent_;
  MacAddr enrollee_mac_{};
  Uuid enrollee_uuid_{};
  wsc::DevicePasswordId password_id_ = wsc::DevicePasswordId::Default;
  std::optional<crypto::SecretBytes> password_;
  bool pin_claimed_ = false;
  bool r_s2_revealed_ = false;
  wsc::ConfigError m2d_error_ = wsc::ConfigError::NoError;
  Errc m2d_reason_ = Errc::NoDevicePassword;
  bool pbc_session_ = false;    ///< this run was accepted in PBC mode
  bool own_token_key_ = false;  ///< M2 carries the own NFC token's key
  bool handover_ = false;       ///< NFC connection handover: Credential in M2, then WSC_Done
  std::optional<crypto::RSecretNonce1> rs1_;
  std::optional<crypto::RSecretNonce2> rs2_;
  std::optional<wsc::EHash1> e_hash1_;
  std::optional<wsc::EHash2> e_hash2_;
  std::vector<wsc::Credential> delivered_;
  bool ended_by_handler_ = false;
};

}  // namespace wps::proto
