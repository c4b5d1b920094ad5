// The wired 802.1X sides of wpslab on a real link, kept free of sockets and clocks so that they
// can be unit-tested: Ethernet frames and the time come in, frames to send, notes (log/JSON
// events) and key-log lines come out. apps/wpslab/cmd_ap.cpp and cmd_sta.cpp wire them to
// io::PacketSocket and io::EventLoop.
//
//  ApService  — an 802.1X authenticator with the internal Registrar: one EapWscServer per station
//    MAC (created by EAPOL-Start, replaced by the next Start once finished), a shared PinStore.
//  StaService — supplicant + Enrollee (or external Registrar): rounds of EapWscPeer; after M2D or
//    an unanswered round it starts again after `retry_after` (hostapd ignores a Start for 5 s
//    after its EAP-Failure), after a wrong PIN it gives up.
// Both keep a DH key generated ahead of time (wps/dh_pool.hpp): the AP in idle_work() between
// frames, the station before each EAPOL-Start, so no key generation sits between a received
// message and the answer.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/output_queue.hpp"
#include "base/bytes.hpp"
#include "base/rng.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"
#include "wps/ap_setup_lock.hpp"
#include "wps/dh_pool.hpp"
#include "wps/eap_wsc.hpp"
#include "wps/pbc.hpp"
#include "wps/pin_store.hpp"

namespace wps::interop {

/// One event for the log / the JSON lines: `event` is a stable word (e.g. "pin-needed",
/// "success", "failure", "drop"), `fields` key/value details in order.
struct Note {
  std::string event;
  std::optional<MacAddr> mac;
  std::vector<std::pair<std::string, std::string>> fields;
  bool debug = false;  ///< trace-level (engine traces): shown only with --verbose
};

struct ServiceOutput {
  enum class Kind : std::uint8_t { Frame, Note, KeyLog };
  Kind kind;
  Bytes frame;       ///< Kind::Frame: a complete Ethernet frame to send
  Note note;         ///< Kind::Note
  std::string line;  ///< Kind::KeyLog: "LABEL <enrollee-mac> <hex>"
};

/// Adds the standard fields of a credential (ssid, auth, encr, key) to a note.
void add_credential_fields(Note& n, const wsc::Credential& c, std::string_view prefix = "");

struct ApServiceConfig {
  MacAddr own_mac;
  /// Template for every session (pins / session_id / device_password are set per session).
  proto::RegistrarConfig registrar;
  std::optional<proto::EnrolleeConfig> ap_enrollee;  ///< AP-PIN method (ap_pin set)
  /// The AP setup lock for external registrars (wps/ap_setup_lock.hpp); hostapd.conf
  /// ap_setup_locked=1 sets locked_forever. Locked: M2 gets WSC_NACK error 15.
  proto::ApSetupLock::Config lock;
  std::size_t fragment_size = eap::kDefaultFragThreshold;
  proto::EapTimers timers;
  /// `--pin`: a static PIN accepted from any enrollee, any number of times, used when the
  /// PinStore has nothing to offer.
  std::optional<std::string> static_pin;
  std::size_t max_stations = 64;
};

class ApService {
 public:
  ApService(ApServiceConfig cfg, Rng& rng);
  ~ApService();

  /// `hostapd_cli wps_pin <any|uuid> PIN [timeout]` (`expires` nullopt = no expiry).
  void add_pin(std::string_view pin, std::optional<Uuid> uuid, TimePoint now,
               std::optional<TimePoint> expires = std::nullopt);
  /// `hostapd_cli wps_ap_pin set|random PIN [timeout]`: the AP-PIN method's enrollee with its
  /// new PIN, enabled until `expires` (nullopt = no limit). As hostapd_wps_ap_pin_enable does,
  /// the setup lock's counters are cleared and the AP unlocks (even ap_setup_locked=1).
  void enable_ap_pin(proto::EnrolleeConfig e, TimePoint now, std::optional<TimePoint> expires);
  /// `hostapd_cli wps_ap_pin disable`, and the end of the timeout (note "ap-pin-disabled").
  void disable_ap_pin();
  [[nodiscard]] const ApServiceConfig& config() const { return cfg_; }
  /// `hostapd_cli wps_nfc_tag_read`: a station's NFC password token, for one registration (the
  /// M1 with its Device Password ID uses it up; a key that does not match gets M2D error 20).
  /// Note "nfc-tag-read".
  void add_nfc_token(const wsc::OobDevicePassword& token, TimePoint now);
  /// `hostapd_cli wps_nfc_token enable|disable`: the AP's own password token (nullopt:
  /// disabled). A station enrolling with it gets the token's key in M2; an external registrar
  /// that read it meets `enrollee` (the AP's Enrollee, given the token's ID and key for M1).
  void set_own_nfc_token(std::optional<proto::NfcOwnToken> token,
                         std::optional<proto::EnrolleeConfig> enrollee);
  /// `hostapd_cli raw NFC_REPORT_HANDOVER RESP WPS <req> <sel>`: a station's handover request
  /// (its public key hash), for one abbreviated registration; `select_key` is the key of the
  /// select we gave it (M2 carries it). Note "nfc-handover".
  void report_handover(const wsc::PublicKeyHash& request_hash, proto::NfcOwnToken select_key);
  [[nodiscard]] const proto::NfcTokenStore& nfc_tokens() const { return nfc_tokens_; }
  /// `hostapd_cli wps_pbc`: the push button (WPS-FACTS §9). False when refused for a PBC
  /// session overlap. Notes: "pbc-active", later "pbc-disable" (success), "pbc-timeout" (walk
  /// time over), "pbc-cancel"; "overlap-detected" on a refusal here or at an M1.
  bool push_button(TimePoint now);
  /// `hostapd_cli wps_cancel`: ends PBC mode (true if it was active).
  bool cancel_pbc(TimePoint now);
  [[nodiscard]] const proto::PbcMonitor& pbc() const { return pbc_; }
  void on_frame(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);
  std::optional<ServiceOutput> poll();
  /// Work for an idle moment (the edge calls it when no frame is waiting): keeps one DH key
  /// ready, so the next M1 is answered without a key generation. Returns true if it did work.
  bool idle_work() { return dh_pool_.refill(rng_); }
  [[nodiscard]] const proto::DhKeyPool& dh_pool() const { return dh_pool_; }

  [[nodiscard]] int successes() const { return successes_; }
  [[nodiscard]] std::size_t sessions() const { return stations_.size(); }
  [[nodiscard]] const proto::ApSetupLock& setup_lock() const { return lock_; }

 private:
  struct Station {
    std::unique_ptr<proto::EapWscServer> server;
    proto::SessionId id = 0;
  };
  void drain(const MacAddr& sta, Station& s, TimePoint now);
  void note(Note n) {
    out_.emplace(ServiceOutput{ServiceOutput::Kind::Note, {}, std::move(n), {}});
  }
  void drop(const std::optional<MacAddr>& mac, std::string why);
  void drain_pbc();
  void lock_notes();

  ApServiceConfig cfg_;
  Rng& rng_;
  proto::DhKeyPool dh_pool_;
  proto::PinStore pins_;
  proto::PbcMonitor pbc_;
  proto::ApSetupLock lock_;
  proto::NfcTokenStore nfc_tokens_;
  std::optional<proto::EnrolleeConfig> nfc_enrollee_;  ///< with the own token enabled
  std::optional<TimePoint> ap_pin_expires_;
  std::map<MacAddr, Station> stations_;
  proto::SessionId next_id_ = 1;
  int successes_ = 0;
  OutputQueue<ServiceOutput> out_;
};

struct StaServiceConfig {
  MacAddr own_mac;
  proto::EapWscPeerConfig peer;
  Duration retry_after = std::chrono::seconds(6);
  /// Rounds started at most (0 = no limit; the caller's --timeout ends the run).
  int max_rounds = 0;
};

class StaService {
 public:
  enum class Status : std::uint8_t { Running, Succeeded, Failed };

  StaService(StaServiceConfig cfg, Rng& rng);
  ~StaService();

  void start(TimePoint now);
  void on_frame(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);
  std::optional<ServiceOutput> poll();

  [[nodiscard]] Status status() const { return status_; }
  [[nodiscard]] const std::optional<proto::Succeeded>& success() const { return success_; }
  [[nodiscard]] const std::optional<proto::Failed>& last_failure() const { return failed_; }
  [[nodiscard]] int rounds() const { return rounds_; }
  [[nodiscard]] const proto::DhKeyPool& dh_pool() const { return dh_pool_; }

 private:
  void start_round(TimePoint now);
  void drain(TimePoint now);
  void note(Note n) {
    out_.emplace(ServiceOutput{ServiceOutput::Kind::Note, {}, std::move(n), {}});
  }

  StaServiceConfig cfg_;
  Rng& rng_;
  proto::DhKeyPool dh_pool_;
  std::unique_ptr<proto::EapWscPeer> peer_;
  std::optional<MacAddr> ap_;  ///< the authenticator this round talks to
  std::optional<TimePoint> retry_at_;
  int rounds_ = 0;
  Status status_ = Status::Running;
  std::optional<proto::Succeeded> success_;
  std::optional<proto::Failed> failed_;
  OutputQueue<ServiceOutput> out_;
};

}  // namespace wps::interop
