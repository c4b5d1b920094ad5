// Test harness for the sans-I/O wired services (interop/services.hpp): one ApService and any
// number of StaService instances on an Ethernet segment kept in memory, a fake clock, and a log of
// everything each endpoint emitted (frames, notes, key-log lines). No sockets, no sleeps: frames
// take 100 µs per hop and, when nothing is in flight, the clock jumps to the earliest deadline
// (as io::EventLoop does with the real clock: on_deadline only once a deadline is due).
//
// Used by services_test.cpp and services_robustness_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/crypto.hpp"
#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"
#include "interop/hostapd_conf.hpp"
#include "interop/services.hpp"
#include "wsc/message.hpp"

namespace wps::interop::svctest {

using namespace std::chrono_literals;

inline const MacAddr kApMac{{0x02, 0x00, 0x00, 0x00, 0x0a, 0x01}};
inline constexpr std::string_view kSsid = "svc-test-net";
inline constexpr std::string_view kPassphrase = "svc-test-passphrase-1";
inline constexpr std::string_view kPin = "12345670";

inline MacAddr sta_mac(std::uint8_t n) {
  return MacAddr({0x02, 0x00, 0x00, 0x00, 0x0b, n});
}

inline Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}

/// The AP of the tests: internal registrar, network kSsid / kPassphrase, key log on, no PIN.
inline ApServiceConfig ap_config() {
  ApServiceConfig c;
  c.own_mac = kApMac;
  c.registrar.uuid = uuid_of(0xa0);
  c.registrar.device = {"wpslab", "svc AP", "1", "0001", {6, wsc::kWfaDeviceTypeOui, 1}, "svc-ap"};
  wsc::Credential net;
  net.ssid = to_bytes(kSsid);
  net.network_key = crypto::to_secret(as_bytes(kPassphrase));
  c.registrar.network = net;
  c.registrar.keylog = true;
  return c;
}

/// Station n (MAC 02:00:00:00:0b:n, UUID-E 0xe0+n repeated) enrolling with `pin`.
inline StaServiceConfig sta_config(std::uint8_t n, std::string_view pin) {
  StaServiceConfig c;
  c.own_mac = sta_mac(n);
  proto::EnrolleeConfig e;
  e.uuid = uuid_of(static_cast<std::uint8_t>(0xe0 + n));
  e.mac = c.own_mac;
  e.device = {"wpslab",
              "svc STA",
              "1",
              "0002",
              {1, wsc::kWfaDeviceTypeOui, 1},
              "svc-sta-" + std::to_string(n)};
  e.device_password = crypto::to_secret(as_bytes(pin));
  e.eap_peer = true;
  e.keylog = true;
  c.peer.enrollee = e;
  return c;
}

// ----------------------------------------------------------------------------------------------
// Decoding what went over the segment.

/// One line per frame: "Start", "Req/Identity", "Resp/M1", "Req/FRAG_ACK", "Resp/fragment",
/// "Req/WSC_Start", "Failure", "Key", "bad-eth", ...
inline std::string summarize(ByteView frame) {
  auto eth = eap::parse_ethernet(frame);
  if (!eth) return "bad-eth";
  auto f = eap::parse_eapol(eth->payload);
  if (!f) return "bad-eapol";
  if (f->type == eap::EapolType::Start) return "Start";
  if (f->type != eap::EapolType::EapPacket) return "eapol-type-" + std::to_string(int(f->type));
  auto p = eap::parse_eap(f->body);
  if (!p) return "bad-eap";
  if (p->code == eap::EapCode::Failure) return "Failure";
  if (p->code == eap::EapCode::Success) return "Success";
  std::string s = p->code == eap::EapCode::Request ? "Req/" : "Resp/";
  if (p->type == eap::EapType::Identity) return s + "Identity";
  auto w = eap::parse_wsc(*p);
  if (!w) return s + "?";
  if (w->op == eap::WscOpCode::WscStart) return s + "WSC_Start";
  if (w->op == eap::WscOpCode::WscFragAck) return s + "FRAG_ACK";
  if (w->more_fragments() || (w->message_length && *w->message_length != w->data.size()))
    return s + "fragment";
  auto t = wsc::peek_message_type(w->data);
  return s + (t ? std::string(wsc::msg_type_name(*t)) : std::string("?"));
}

/// The EAP packet of a frame (views into `frame`), if it carries one.
inline std::optional<eap::EapPacket> eap_of(ByteView frame) {
  auto eth = eap::parse_ethernet(frame);
  if (!eth) return std::nullopt;
  auto f = eap::parse_eapol(eth->payload);
  if (!f || f->type != eap::EapolType::EapPacket) return std::nullopt;
  auto p = eap::parse_eap(f->body);
  if (!p) return std::nullopt;
  return *p;
}

/// The EAP-WSC payload (Op-Code onward) of a frame, if it carries one.
inline std::optional<eap::WscPacket> wsc_of(ByteView frame) {
  auto p = eap_of(frame);
  if (!p) return std::nullopt;
  auto w = eap::parse_wsc(*p);
  if (!w) return std::nullopt;
  return *w;
}

/// The EAP Identifier of a frame carrying an EAP packet.
inline std::optional<eap::EapIdentifier> eap_id_of(ByteView frame) {
  auto p = eap_of(frame);
  if (!p) return std::nullopt;
  return p->id;
}

inline MacAddr dst_of(ByteView frame) {
  return *MacAddr::from(frame.first(6));
}
inline MacAddr src_of(ByteView frame) {
  return *MacAddr::from(frame.subspan(6, 6));
}

/// A field of a note; nullopt when absent.
inline std::optional<std::string> field(const Note& n, std::string_view key) {
  for (const auto& [k, v] : n.fields)
    if (k == key) return v;
  return std::nullopt;
}

// ----------------------------------------------------------------------------------------------

struct Stamped {
  TimePoint at;
  Note note;
};

/// Everything one endpoint emitted, in order.
struct EndpointLog {
  std::vector<Bytes> frames;
  std::vector<TimePoint> frame_times;
  std::vector<Stamped> notes;
  std::vector<std::string> keylog;

  /// Notes with this event word (and, if given, this MAC), in order.
  [[nodiscard]] std::vector<const Stamped*> events(std::string_view event,
                                                   std::optional<MacAddr> mac = {}) const {
    std::vector<const Stamped*> v;
    for (const auto& s : notes)
      if (s.note.event == event && (!mac || s.note.mac == mac)) v.push_back(&s);
    return v;
  }
  [[nodiscard]] std::size_t count(std::string_view event, std::optional<MacAddr> mac = {}) const {
    return events(event, mac).size();
  }
  [[nodiscard]] bool has(std::string_view event, std::optional<MacAddr> mac = {}) const {
    return count(event, mac) > 0;
  }
  /// Summaries of the frames sent (only those to `dst` when given).
  [[nodiscard]] std::vector<std::string> summaries(std::optional<MacAddr> dst = {}) const {
    std::vector<std::string> v;
    for (const auto& f : frames)
      if (!dst || dst_of(f) == *dst) v.push_back(summarize(f));
    return v;
  }
  /// Drop notes whose reason contains `what`.
  [[nodiscard]] std::size_t drops_containing(std::string_view what) const {
    std::size_t n = 0;
    for (const auto* s : events("drop"))
      if (field(s->note, "reason").value_or("").find(what) != std::string::npos) ++n;
    return n;
  }
  /// The value of key-log label `label` for `mac` ("LABEL <mac> <hex>"), if logged.
  [[nodiscard]] std::optional<std::string> key(std::string_view label, const MacAddr& mac) const {
    std::string prefix = std::string(label) + " " + mac.str() + " ";
    for (const auto& l : keylog)
      if (l.rfind(prefix, 0) == 0) return l.substr(prefix.size());
    return std::nullopt;
  }
};

enum class Topology : std::uint8_t {
  Switched,  ///< the AP's unicast frames reach only their destination; stations reach the AP only
  Hub,       ///< every frame reaches every other endpoint (macvlan bridge mode, a hub)
};

class Segment {
 public:
  explicit Segment(ApServiceConfig cfg, std::uint64_t seed = 7, Topology topo = Topology::Switched)
      : seed_(seed),
        topo_(topo),
        ap_rng_(std::make_unique<crypto::Drbg>(seed, "svc-ap")),
        ap_(std::make_unique<ApService>(std::move(cfg), *ap_rng_)) {}

  /// Adds a station (its own seeded Drbg); returns its index.
  std::size_t add_sta(StaServiceConfig cfg) {
    Sta s;
    s.mac = cfg.own_mac;
    s.rng = std::make_unique<crypto::Drbg>(seed_, "svc-sta-" + cfg.own_mac.str());
    s.svc = std::make_unique<StaService>(std::move(cfg), *s.rng);
    stas_.push_back(std::move(s));
    sta_logs_.emplace_back();
    return stas_.size() - 1;
  }

  ApService& ap() { return *ap_; }
  StaService& sta(std::size_t i) { return *stas_.at(i).svc; }
  const EndpointLog& ap_log() const { return ap_log_; }
  const EndpointLog& sta_log(std::size_t i) const { return sta_logs_.at(i); }
  /// Frames the AP sent to an address no StaService has (a peer played by the test).
  const std::vector<Bytes>& mailbox(const MacAddr& m) { return mailbox_[m]; }
  TimePoint now() const { return now_; }
  void advance(Duration d) { now_ += d; }

  void start(std::size_t i) {
    sta(i).start(now_);
    collect();
  }
  /// ApService::add_pin now (its "pin-added" note is logged at once).
  void add_pin(std::string_view pin, std::optional<Uuid> uuid = std::nullopt) {
    ap_->add_pin(pin, uuid, now_);
    collect();
  }
  /// A frame from outside (a peer played by the test) reaches the AP now.
  void to_ap(ByteView frame) {
    ap_->on_frame(frame, now_);
    collect();
  }
  void to_sta(std::size_t i, ByteView frame) {
    sta(i).on_frame(frame, now_);
    collect();
  }
  /// An absent station receives nothing, sends nothing and its timers do not run.
  void set_present(std::size_t i, bool present) { stas_.at(i).present = present; }

  /// Sees every frame about to be delivered (from_ap: sent by the AP); may change it, or return
  /// false to lose it.
  std::function<bool(Bytes& frame, bool from_ap, std::size_t sta_index)> filter;

  /// Delivers frames in flight, and when there are none jumps the clock to the next deadline;
  /// stops as soon as `done()` holds (checked before every step, frames still in flight stay
  /// queued), when nothing is left to do, or when the next deadline lies beyond now + limit.
  bool run(const std::function<bool()>& done, Duration limit = 600s) {
    const TimePoint end = now_ + limit;
    for (int guard = 0; guard < 200000; ++guard) {
      collect();
      if (done && done()) return true;
      if (!pending_.empty()) {
        deliver();
        continue;
      }
      std::optional<TimePoint> next = ap_->next_deadline();
      for (auto& s : stas_) {
        if (!s.present) continue;
        auto d = s.svc->next_deadline();
        if (d && (!next || *d < *next)) next = d;
      }
      if (!next || *next > end) return done && done();
      now_ = std::max(now_, *next);
      if (auto d = ap_->next_deadline(); d && *d <= now_) ap_->on_deadline(now_);
      for (auto& s : stas_) {
        if (!s.present) continue;
        if (auto d = s.svc->next_deadline(); d && *d <= now_) s.svc->on_deadline(now_);
      }
    }
    ADD_FAILURE() << "segment did not settle";
    return false;
  }
  /// Runs for at most `limit` of fake time (or until nothing is left to do).
  void run_for(Duration limit) { (void)run(nullptr, limit); }
  /// Delivers the frames in flight and their answers, without moving the clock to a deadline.
  void flush() {
    for (int guard = 0; guard < 10000; ++guard) {
      collect();
      if (pending_.empty()) return;
      deliver();
    }
    ADD_FAILURE() << "segment did not settle";
  }
  /// Runs until every present station has stopped (Succeeded or Failed).
  bool run_until_stations_done(Duration limit = 600s) {
    return run(
        [&] {
          return std::all_of(stas_.begin(), stas_.end(), [](const Sta& s) {
            return !s.present || s.svc->status() != StaService::Status::Running;
          });
        },
        limit);
  }

 private:
  struct Sta {
    MacAddr mac;
    std::unique_ptr<crypto::Drbg> rng;
    std::unique_ptr<StaService> svc;
    bool present = true;
  };
  struct InFlight {
    Bytes frame;
    bool from_ap;
    std::size_t sta;  ///< sender when !from_ap
  };

  static void record(EndpointLog& log, ServiceOutput o, TimePoint now,
                     std::vector<InFlight>* pending, bool from_ap, std::size_t sta) {
    switch (o.kind) {
      case ServiceOutput::Kind::Frame:
        log.frames.push_back(o.frame);
        log.frame_times.push_back(now);
        if (pending) pending->push_back({std::move(o.frame), from_ap, sta});
        break;
      case ServiceOutput::Kind::Note: log.notes.push_back({now, std::move(o.note)}); break;
      case ServiceOutput::Kind::KeyLog: log.keylog.push_back(std::move(o.line)); break;
    }
  }

  void collect() {
    while (auto o = ap_->poll()) record(ap_log_, std::move(*o), now_, &pending_, true, 0);
    for (std::size_t i = 0; i < stas_.size(); ++i) {
      while (auto o = stas_[i].svc->poll()) {
        // An absent station's output is lost (it is not on the segment).
        record(sta_logs_[i], std::move(*o), now_, stas_[i].present ? &pending_ : nullptr, false, i);
      }
    }
  }

  void deliver() {
    now_ += 100us;
    auto batch = std::move(pending_);
    pending_.clear();
    for (auto& f : batch) {
      if (filter && !filter(f.frame, f.from_ap, f.sta)) continue;
      if (f.frame.size() < 12) continue;
      const MacAddr dst = dst_of(f.frame);
      if (f.from_ap) {
        bool known = false;
        for (auto& s : stas_) {
          known |= s.mac == dst;
          if (s.present && (topo_ == Topology::Hub || s.mac == dst || dst.is_group()))
            s.svc->on_frame(f.frame, now_);
        }
        if (!known && !dst.is_group()) mailbox_[dst].push_back(f.frame);
      } else {
        ap_->on_frame(f.frame, now_);
        if (topo_ == Topology::Hub) {
          for (std::size_t i = 0; i < stas_.size(); ++i)
            if (i != f.sta && stas_[i].present) stas_[i].svc->on_frame(f.frame, now_);
        }
      }
    }
  }

  std::uint64_t seed_;
  Topology topo_;
  TimePoint now_{};
  std::unique_ptr<crypto::Drbg> ap_rng_;
  std::unique_ptr<ApService> ap_;
  std::vector<Sta> stas_;
  EndpointLog ap_log_;
  std::deque<EndpointLog> sta_logs_;  // deque: references stay valid when a station is added
  std::vector<InFlight> pending_;
  std::map<MacAddr, std::vector<Bytes>> mailbox_;
};

// ----------------------------------------------------------------------------------------------
// Frames of a peer played by hand.

inline Bytes eth(const MacAddr& dst, const MacAddr& src, ByteView payload) {
  return eap::build_ethernet(dst, src, payload);
}
inline Bytes eapol_start_from(const MacAddr& src) {
  return eth(eap::kPaeGroupAddress, src, eap::build_eapol_start());
}
inline Bytes identity_response_from(const MacAddr& src, eap::EapIdentifier id,
                                    std::string_view who = eap::kIdentityEnrollee) {
  return eth(eap::kPaeGroupAddress, src,
             eap::build_eapol(eap::EapolType::EapPacket,
                              eap::build_identity(eap::EapCode::Response, id, who)));
}
inline Bytes wsc_response_from(const MacAddr& src, eap::EapIdentifier id, ByteView wsc_payload) {
  return eth(eap::kPaeGroupAddress, src,
             eap::build_eapol(eap::EapolType::EapPacket,
                              eap::build_wsc(eap::EapCode::Response, id, wsc_payload)));
}

}  // namespace wps::interop::svctest
