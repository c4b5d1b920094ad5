// State shared by both registration roles: the nonces, the DH keys, the session keys, the raw
// previous message for the Authenticator (§7.4), the output queue, duplicate detection and the
// inactivity deadline. Internal to the wps module (engines own one each).
#pragma once

#include <vector>
#include <optional>
#include <string_view>

#include "base/output_queue.hpp"
#include "base/rng.hpp"
#include "base/time.hpp"
#include "crypto/crypto.hpp"
#include "wps/outcome.hpp"
#include "wsc/keys.hpp"

namespace wps::proto::detail {

/// WPS-FACTS §6.4: every message to the enrollee echoes N1, every message to the registrar N2.
inline Result<void> check_n1(const EnrolleeNonce& got, const EnrolleeNonce& ours) {
  if (got != ours) {
    return unexpected(Errc::NonceMismatch, 0, wsc::to_u16(wsc::AttrType::EnrolleeNonce));
  }
  return ok();
}
inline Result<void> check_n2(const RegistrarNonce& got, const RegistrarNonce& ours) {
  if (got != ours) {
    return unexpected(Errc::NonceMismatch, 0, wsc::to_u16(wsc::AttrType::RegistrarNonce));
  }
  return ok();
}

class Session {
 public:
  Session(Rng& rng, std::string_view source, bool keylog, Duration timeout)
      : rng_(rng), source_(source), keylog_(keylog), timeout_(timeout) {
    out_.reserve(8);  // a message's outputs: the message, traces, keys, the outcome
  }

  Rng& rng() { return rng_; }

  // --- outputs ---
  void emit(Output o) { out_.emplace(std::move(o)); }
  std::optional<Output> poll() { return out_.poll(); }
  void trace(TimePoint now, std::string_view kind, std::string from, std::string to) {
    emit(TraceEvent{now, source_, kind, std::move(from), std::move(to)});
  }
  void keylog(std::string_view label, ByteView v) {
    if (keylog_) emit(KeyLogEntry{label, crypto::to_secret(v)});
  }
  /// Logs our DH private exponent; it is only exported from the key object when logging is on.
  void keylog_dh_private(std::string_view label) {
    if (keylog_ && dh) keylog(label, crypto::view(dh->private_bytes()));
  }
  /// Queues a message for transmission and remembers it for retransmission on a duplicate.
  void send(wsc::MsgType type, Bytes payload) {
    // Copied into the buffers kept from the previous message (no allocation once they are
    // large enough).
    last_tx_type_ = type;
    last_tx_.assign(payload.begin(), payload.end());
    emit(SendMessage{type, std::move(payload)});
  }

  /// Sends one of M1..M8 and makes it the previous message of the next Authenticator (§7.4).
  void send_registration_message(wsc::MsgType type, Bytes payload) {
    last_msg.assign(payload.begin(), payload.end());
    send(type, std::move(payload));
  }

  // --- duplicates (a retransmitted request arrives again: answer it again, change nothing) ---
  [[nodiscard]] bool is_duplicate(ByteView raw) const {
    return !last_rx_.empty() && last_tx_type_ && equal(last_rx_, raw);
  }
  void resend_last() {
    if (last_tx_type_) emit(SendMessage{*last_tx_type_, last_tx_});
  }
  void received(ByteView raw) { last_rx_.assign(raw.begin(), raw.end()); }

  // --- inactivity deadline ---
  void touch(TimePoint now) { deadline_ = now + timeout_; }
  void stop_timer() { deadline_.reset(); }
  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }

  // --- protocol data ---
  EnrolleeNonce n1{};
  RegistrarNonce n2{};
  std::optional<crypto::DhPrivateKey> dh;  ///< our key
  crypto::DhPublicKey pk_e{};              ///< as sent in M1
  crypto::DhPublicKey pk_r{};              ///< as sent in M2
  std::optional<wsc::SessionKeys> keys;
  std::optional<wsc::DevicePasswordPsks> psks;
  Bytes last_msg;  ///< previous M1..M8 payload (Authenticator input)

  /// Derives the session keys once both public values and nonces are known.
  Result<void> derive_keys(const crypto::DhPublicKey& peer, const MacAddr& enrollee_mac) {
    WPS_TRY_ASSIGN(auto z, dh->derive(peer));
    keys.emplace(wsc::derive_session_keys(z, n1, enrollee_mac, n2));
    keylog("DHKEY", keys->dh_key.view());
    keylog("KDK", keys->kdk.view());
    keylog("AUTHKEY", keys->auth_key.view());
    keylog("KEYWRAPKEY", keys->key_wrap_key.view());
    keylog("EMSK", keys->emsk.view());
    return ok();
  }
  void derive_psks(ByteView password) {
    psks.emplace(wsc::derive_psk(keys->auth_key, password));
    keylog("PSK1", psks->psk1.view());
    keylog("PSK2", psks->psk2.view());
  }
  [[nodiscard]] wsc::PublicKeys public_keys() const {
    return {.enrollee = pk_e, .registrar = pk_r};
  }

  template <typename T>
  T draw() {
    std::array<std::uint8_t, T::size()> a{};
    rng_.fill(a);
    return T(a);
  }
  template <typename S>
  S draw_secret() {
    S s;
    rng_.fill(std::span<std::uint8_t>(s.data(), S::size()));
    return s;
  }

 private:
  Rng& rng_;
  std::string_view source_;
  bool keylog_;
  Duration timeout_;
  OutputQueue<Output> out_;
  Bytes last_rx_;  ///< the last message accepted; empty until then (a message never is: it
                   ///< has a Message Type)
  std::optional<wsc::MsgType> last_tx_type_;  ///< set once something was sent
  Bytes last_tx_;                             ///< its payload, for retransmission
  std::optional<TimePoint> deadline_;
};

}  // namespace wps::proto::detail
