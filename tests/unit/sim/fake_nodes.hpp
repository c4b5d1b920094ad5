// Small fake Nodes for the simulator tests, plus frame builders (dot11 codec for the 802.11 part,
// plain octets for EAPOL / EAP-WSC / WSC TLVs as in WPS-FACTS §3).
//
// Pinger (station-like) and Ponger (AP-like) play a toy EAP-WSC exchange: round k, the Pinger
// sends an EAP-Response (identifier k) carrying WSC message kPingTypes[k] (M1, M3, M5, M7, …) and
// waits for the Ponger's EAP-Request with the same identifier carrying kPongTypes[k] (M2, M4, …).
// The Pinger retransmits on timeout and ignores anything stale, so it recovers from drops,
// duplicates, delays and corruption.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "dot11/data.hpp"
#include "dot11/mgmt.hpp"
#include "sim/classify.hpp"
#include "sim/node.hpp"

namespace wps::sim::fake {

inline const MacAddr kStaAddr({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});
inline const MacAddr kApAddr({0x02, 0x00, 0x00, 0x00, 0x0a, 0x01});
inline const MacAddr kPae({0x01, 0x80, 0xc2, 0x00, 0x00, 0x03});

/// Version (0x104A = 0x10) ‖ Message Type (0x1022) ‖ `filler` octets in a Vendor Extension-like
/// attribute 0x1049 so messages have realistic sizes.
inline Bytes wsc_message(std::uint8_t msg_type, std::size_t filler = 40) {
  ByteWriter w;
  w.u16be(0x104A).u16be(1).u8(0x10);
  w.u16be(0x1022).u16be(1).u8(msg_type);
  w.u16be(0x1049).u16be(static_cast<std::uint16_t>(filler));
  for (std::size_t i = 0; i < filler; ++i) w.u8(static_cast<std::uint8_t>(i));
  return w.take();
}

/// EAP packet with expanded type WFA/SimpleConfig (WPS-FACTS §3.3).
inline Bytes eap_wsc(std::uint8_t code, std::uint8_t id, std::uint8_t op_code, std::uint8_t flags,
                     ByteView wsc, std::optional<std::uint16_t> msg_len = std::nullopt) {
  ByteWriter w;
  w.u8(code).u8(id).u16be(0);
  w.u8(254).u24be(0x00372A).u32be(1).u8(op_code).u8(flags);
  if (msg_len) w.u16be(*msg_len);
  w.bytes(wsc);
  w.patch_u16be(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

/// EAPOL version 2 with the given type and body.
inline Bytes eapol(std::uint8_t type, ByteView body) {
  ByteWriter w;
  w.u8(2).u8(type).u16be(static_cast<std::uint16_t>(body.size())).bytes(body);
  return w.take();
}

/// STA -> AP data frame (ToDS) carrying `ethertype` ‖ payload in LLC/SNAP.
inline Bytes to_ds(const MacAddr& sta, const MacAddr& ap, const MacAddr& da,
                   std::uint16_t ethertype, ByteView payload, std::uint16_t seq = 0) {
  auto f = dot11::make_to_ds(ap, sta, da, dot11::build_llc_snap(ethertype, payload));
  f.seq.number = seq;
  return dot11::build_data(f);
}

/// AP -> STA data frame (FromDS).
inline Bytes from_ds(const MacAddr& ap, const MacAddr& sta, std::uint16_t ethertype,
                     ByteView payload, std::uint16_t seq = 0) {
  auto f = dot11::make_from_ds(sta, ap, ap, dot11::build_llc_snap(ethertype, payload));
  f.seq.number = seq;
  return dot11::build_data(f);
}

inline Bytes beacon(const MacAddr& ap, std::uint64_t tsf_us, std::uint16_t seq) {
  dot11::MgmtFrame f;
  f.header.da = MacAddr::broadcast();
  f.header.sa = ap;
  f.header.bssid = ap;
  f.header.seq.number = seq;
  dot11::Beacon b;
  b.timestamp = tsf_us;
  b.elements.push_back(dot11::Element(std::uint8_t{0}, to_bytes("wpslab")));
  f.body = b;
  return dot11::build_mgmt(f);
}

inline constexpr std::uint8_t kPingTypes[] = {wsc_msg::kM1, wsc_msg::kM3, wsc_msg::kM5,
                                              wsc_msg::kM7};
inline constexpr std::uint8_t kPongTypes[] = {wsc_msg::kM2, wsc_msg::kM4, wsc_msg::kM6,
                                              wsc_msg::kM8};

struct Received {
  TimePoint at;
  Bytes frame;
};

/// Station-like: sends round k, waits for the answer, retransmits after `timeout`.
class Pinger : public Node {
 public:
  struct Config {
    std::string name = "STA";
    std::size_t rounds = 4;
    Duration timeout = std::chrono::milliseconds(100);
    std::size_t max_tries = 5;  ///< transmissions per round before giving up
    bool hello = false;         ///< first send one non-EAPOL data frame (EtherType 0x0800)
  };
  explicit Pinger(Config c) : c_(std::move(c)) { queue_round(TimePoint{}); }
  Pinger() : Pinger(Config{}) {}

  std::string_view name() const override { return c_.name; }
  MacAddr address() const override { return kStaAddr; }

  void on_frame(ByteView frame, TimePoint now) override {
    heard.push_back({now, to_bytes(frame)});
    if (done_) return;
    auto info = inspect_eapol(frame);
    if (!info || info->destination != kStaAddr || !info->eap || info->eap->code != 1) return;
    if (info->eap->identifier != round_ || !info->eap->wsc ||
        info->eap->wsc->message_type != pong_type(round_)) {
      ++ignored;
      return;
    }
    answers.push_back(now);
    ++round_;
    if (round_ == c_.rounds) {
      done_ = true;
      deadline_.reset();
      return;
    }
    queue_round(now);
  }

  std::optional<Bytes> poll_transmit() override {
    if (out_.empty()) return std::nullopt;
    Bytes f = std::move(out_.front());
    out_.erase(out_.begin());
    ++sent;
    return f;
  }
  std::optional<TimePoint> next_deadline() const override { return deadline_; }
  void on_deadline(TimePoint now) override {
    deadline_calls.push_back(now);
    if (done_) return;
    if (tries_ >= c_.max_tries) {
      gave_up = true;
      done_ = true;
      deadline_.reset();
      return;
    }
    ++retransmissions;
    send_current(now);
  }
  bool done() const override { return done_; }

  static std::uint8_t ping_type(std::size_t k) { return kPingTypes[k % 4]; }
  static std::uint8_t pong_type(std::size_t k) { return kPongTypes[k % 4]; }

  std::vector<Received> heard;
  std::vector<TimePoint> answers;
  std::vector<TimePoint> deadline_calls;
  std::size_t sent = 0;
  std::size_t retransmissions = 0;
  std::size_t ignored = 0;
  bool gave_up = false;

 private:
  void queue_round(TimePoint now) {
    tries_ = 0;
    if (round_ == 0 && c_.hello) {
      const Bytes ip = hex_ip();
      out_.push_back(to_ds(kStaAddr, kApAddr, kApAddr, 0x0800, ip, seq_++));
    }
    send_current(now);
  }
  void send_current(TimePoint now) {
    ++tries_;
    const Bytes wsc = wsc_message(ping_type(round_));
    const Bytes eap = eap_wsc(2, static_cast<std::uint8_t>(round_), 4, 0, wsc);
    const Bytes pdu = eapol(0, eap);
    out_.push_back(to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, pdu, seq_++));
    deadline_ = now + c_.timeout;
  }
  /// A minimal IPv4 header (20 octets, protocol 253 "experimentation", 10.0.0.2 -> 10.0.0.1).
  static Bytes hex_ip() {
    return Bytes{0x45, 0x00, 0x00, 0x14, 0, 0, 0x40, 0, 64, 253, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1};
  }

  Config c_;
  std::size_t round_ = 0;
  std::size_t tries_ = 0;
  std::uint16_t seq_ = 0;
  bool done_ = false;
  std::optional<TimePoint> deadline_;
  std::vector<Bytes> out_;
};

/// AP-like: answers every well-formed ping addressed to it (duplicates and retransmissions too);
/// done once it has answered `rounds` distinct identifiers. Optionally beacons every
/// `beacon_interval` until done (deadline-driven).
class Ponger : public Node {
 public:
  struct Config {
    std::string name = "AP";
    std::size_t rounds = 4;
    std::optional<Duration> beacon_interval;
  };
  explicit Ponger(Config c) : c_(std::move(c)) {
    if (c_.beacon_interval) deadline_ = TimePoint{};
  }
  Ponger() : Ponger(Config{}) {}

  std::string_view name() const override { return c_.name; }
  MacAddr address() const override { return kApAddr; }

  void on_frame(ByteView frame, TimePoint now) override {
    heard.push_back({now, to_bytes(frame)});
    auto info = inspect_eapol(frame);
    if (!info || info->destination != kPae || !info->eap || info->eap->code != 2 ||
        !info->eap->wsc || !info->eap->wsc->message_type)
      return;
    const std::uint8_t id = info->eap->identifier;
    if (*info->eap->wsc->message_type != Pinger::ping_type(id)) return;
    answered.insert(id);
    const Bytes wsc = wsc_message(Pinger::pong_type(id), 60);
    const Bytes pdu = eapol(0, eap_wsc(1, id, 4, 0, wsc));
    out_.push_back(from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, pdu, seq_++));
    if (done() && c_.beacon_interval) deadline_.reset();
  }
  std::optional<Bytes> poll_transmit() override {
    if (out_.empty()) return std::nullopt;
    Bytes f = std::move(out_.front());
    out_.erase(out_.begin());
    return f;
  }
  std::optional<TimePoint> next_deadline() const override { return deadline_; }
  void on_deadline(TimePoint now) override {
    ++beacons;
    out_.push_back(beacon(kApAddr, static_cast<std::uint64_t>(now.ns() / 1000), seq_++));
    deadline_ = now + *c_.beacon_interval;
  }
  bool done() const override { return answered.size() >= c_.rounds; }

  std::vector<Received> heard;
  std::set<std::uint8_t> answered;
  std::size_t beacons = 0;

 private:
  Config c_;
  std::uint16_t seq_ = 0;
  std::optional<TimePoint> deadline_;
  std::vector<Bytes> out_;
};

}  // namespace wps::sim::fake
