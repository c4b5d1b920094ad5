#include "wps/eap_wsc.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "crypto/crypto.hpp"
#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

using eap::EapCode;

Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}

EnrolleeConfig sta(std::string_view pin) {
  EnrolleeConfig c;
  c.uuid = uuid_of(0xe0);
  c.mac = MacAddr({0x02, 0, 0, 0, 0x0b, 0x01});
  c.device = {"wpslab", "STA", "1", "1", {1, wsc::kWfaDeviceTypeOui, 1}, "sta"};
  c.device_password = crypto::to_secret(as_bytes(pin));
  return c;
}

wsc::Credential network() {
  wsc::Credential n;
  n.ssid = to_bytes("eap-test");
  n.network_key = crypto::to_secret(as_bytes("eap-test-passphrase"));
  return n;
}

/// A decoded summary of one EAPOL frame: "Start", "Req/Identity#17", "Resp/WSC:4 M1", ...
struct Seen {
  bool from_ap;
  std::string what;
  int id = -1;
};

std::string summarize(ByteView frame, int* id) {
  auto f = eap::parse_eapol(frame);
  if (!f) return "bad-eapol";
  if (f->type == eap::EapolType::Start) return "Start";
  auto p = eap::parse_eap(f->body);
  if (!p) return "bad-eap";
  *id = p->id.get();
  if (p->code == EapCode::Failure) return "Failure";
  if (p->code == EapCode::Success) return "Success";
  std::string s = p->code == EapCode::Request ? "Req/" : "Resp/";
  if (p->type == eap::EapType::Identity) return s + "Identity";
  auto w = eap::parse_wsc(*p);
  if (!w) return s + "?";
  switch (w->op) {
    case eap::WscOpCode::WscStart: return s + "WSC_Start";
    case eap::WscOpCode::WscFragAck: return s + "FRAG_ACK";
    default: break;
  }
  if (w->more_fragments() || (w->message_length && *w->message_length != w->data.size()))
    return s + "fragment";
  auto t = wsc::peek_message_type(w->data);
  return s + (t ? std::string(wsc::msg_type_name(*t)) : std::string("fragment"));
}

struct Outcome {
  std::vector<Seen> seen;
  std::optional<Succeeded> sta_ok, ap_ok;
  std::optional<Failed> sta_failed, ap_failed;
  bool sta_finished = false, ap_finished = false;
  TimePoint end;
  std::vector<std::string> names() const {
    std::vector<std::string> v;
    for (auto& s : seen) v.push_back(s.what);
    return v;
  }
};

/// Runs server and peer against each other. `drop(i, from_ap, summary)` may drop the i-th frame.
Outcome converse(EapWscServerConfig sc, EapWscPeerConfig pc,
                 std::function<bool(int, bool, const std::string&)> drop = nullptr) {
  crypto::Drbg srng(5, "server"), prng(5, "peer");
  EapWscServer server(std::move(sc), srng);
  EapWscPeer peer(std::move(pc), prng);
  Outcome o;
  TimePoint now{};
  std::vector<Bytes> to_ap, to_sta;
  auto pump = [&](auto& e, bool is_ap) {
    while (auto out = e.poll_output()) {
      if (auto* s = std::get_if<SendEapol>(&*out)) (is_ap ? to_sta : to_ap).push_back(s->frame);
      if (auto* s = std::get_if<Succeeded>(&*out)) (is_ap ? o.ap_ok : o.sta_ok) = *s;
      if (auto* f = std::get_if<Failed>(&*out)) (is_ap ? o.ap_failed : o.sta_failed) = *f;
      if (std::get_if<EapFinished>(&*out)) (is_ap ? o.ap_finished : o.sta_finished) = true;
    }
  };
  peer.start(now);
  int index = 0;
  for (int guard = 0; guard < 500; ++guard) {
    pump(peer, false);
    pump(server, true);
    if (to_ap.empty() && to_sta.empty()) {
      auto d1 = server.next_deadline(), d2 = peer.next_deadline();
      if (!d1 && !d2) break;
      now = std::min(d1.value_or(TimePoint::from_ns(INT64_MAX)),
                     d2.value_or(TimePoint::from_ns(INT64_MAX)));
      server.on_deadline(now);
      peer.on_deadline(now);
      continue;
    }
    now += std::chrono::microseconds(100);
    auto a = std::move(to_ap);
    auto b = std::move(to_sta);
    to_ap.clear();
    to_sta.clear();
    for (auto& f : a) {
      int id = -1;
      auto s = summarize(f, &id);
      if (drop && drop(index++, false, s)) continue;
      o.seen.push_back({false, s, id});
      server.on_eapol(f, now);
    }
    for (auto& f : b) {
      int id = -1;
      auto s = summarize(f, &id);
      if (drop && drop(index++, true, s)) continue;
      o.seen.push_back({true, s, id});
      peer.on_eapol(f, now);
    }
  }
  o.end = now;
  return o;
}

EapWscServerConfig ap(PinStore* pins) {
  EapWscServerConfig c;
  c.registrar.uuid = uuid_of(0xa0);
  c.registrar.device = {"wpslab", "AP", "1", "2", {6, wsc::kWfaDeviceTypeOui, 1}, "ap"};
  c.registrar.pins = pins;
  c.registrar.network = network();
  return c;
}

EapWscPeerConfig station(std::string_view pin) {
  EapWscPeerConfig c;
  c.enrollee = sta(pin);
  return c;
}

TEST(EapWsc, StaPinConversationMatchesHostapdOrder) {
  PinStore pins;
  pins.add("12345670");
  auto o = converse(ap(&pins), station("12345670"));
  // The order of tests/data/captures/pin (tests/data/README.md).
  std::vector<std::string> want = {
      "Start",   "Req/Identity", "Resp/Identity", "Req/WSC_Start", "Resp/M1",
      "Req/M2",  "Resp/M3",      "Req/M4",        "Resp/M5",       "Req/M6",
      "Resp/M7", "Req/M8",       "Resp/WSC_Done", "Failure"};
  EXPECT_EQ(o.names(), want);
  ASSERT_TRUE(o.sta_ok);
  ASSERT_TRUE(o.ap_ok);
  EXPECT_TRUE(o.sta_finished);
  EXPECT_TRUE(o.ap_finished);
  // Each request a new identifier, each response echoes it, EAP-Failure reuses the last one.
  for (std::size_t i = 1; i + 1 < o.seen.size(); i += 2) {
    EXPECT_EQ(o.seen[i].id, o.seen[i + 1].id) << o.seen[i].what;
    if (i >= 3) {
      EXPECT_EQ(o.seen[i].id, (o.seen[i - 2].id + 1) % 256) << o.seen[i].what;
    }
  }
  EXPECT_EQ(o.seen.back().id, o.seen[o.seen.size() - 2].id);
}

TEST(EapWsc, FragmentsAt100OctetsInBothDirections) {
  PinStore pins;
  pins.add("12345670");
  auto sc = ap(&pins);
  sc.fragment_size = 100;
  auto pc = station("12345670");
  pc.fragment_size = 100;
  auto o = converse(sc, pc);
  ASSERT_TRUE(o.sta_ok);
  ASSERT_TRUE(o.ap_ok);
  int acks_from_ap = 0, acks_from_sta = 0;
  for (auto& s : o.seen) {
    if (s.what == "Req/FRAG_ACK") ++acks_from_ap;
    if (s.what == "Resp/FRAG_ACK") ++acks_from_sta;
  }
  EXPECT_GE(acks_from_ap, 4);   // M1 (≈390 octets) alone needs 4
  EXPECT_GE(acks_from_sta, 4);  // M2 likewise
}

TEST(EapWsc, LostRequestIsRetransmittedWithTheSameIdentifier) {
  PinStore pins;
  pins.add("12345670");
  bool dropped = false;
  auto o = converse(ap(&pins), station("12345670"), [&](int, bool from_ap, const std::string& s) {
    if (!dropped && from_ap && s == "Req/M4") return dropped = true;
    return false;
  });
  ASSERT_TRUE(dropped);
  ASSERT_TRUE(o.sta_ok);
  ASSERT_TRUE(o.ap_ok);
  EXPECT_GE(o.end, TimePoint::from_ns(1'000'000'000)) << "recovered by the 1 s retransmission";
}

TEST(EapWsc, LostResponseIsRecoveredThroughTheDuplicateRequest) {
  PinStore pins;
  pins.add("12345670");
  bool dropped = false;
  auto o = converse(ap(&pins), station("12345670"), [&](int, bool from_ap, const std::string& s) {
    if (!dropped && !from_ap && s == "Resp/M5") return dropped = true;
    return false;
  });
  ASSERT_TRUE(dropped);
  ASSERT_TRUE(o.sta_ok);
  ASSERT_TRUE(o.ap_ok);
  // The retransmitted M4 request reached the peer twice; the peer answered M5 again.
  int m4 = 0;
  for (auto& s : o.seen) m4 += s.what == "Req/M4";
  EXPECT_EQ(m4, 2);
}

TEST(EapWsc, NoPinGivesM2DAckFailure) {
  PinStore pins;
  auto o = converse(ap(&pins), station("12345670"));
  auto names = o.names();
  ASSERT_GE(names.size(), 4u);
  std::vector<std::string> tail(names.end() - 4, names.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"Resp/M1", "Req/M2D", "Resp/WSC_ACK", "Failure"}));
  ASSERT_TRUE(o.sta_failed);
  EXPECT_EQ(o.sta_failed->reason, Errc::PeerM2D);
  EXPECT_TRUE(o.sta_finished);
}

TEST(EapWsc, WrongPinEndsWithNackAndFailure) {
  PinStore pins;
  pins.add("87654325");
  auto o = converse(ap(&pins), station("12345670"));
  auto names = o.names();
  ASSERT_GE(names.size(), 3u);
  std::vector<std::string> tail(names.end() - 3, names.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"Req/M4", "Resp/WSC_NACK", "Failure"}));
  ASSERT_TRUE(o.sta_failed);
  EXPECT_EQ(o.sta_failed->reason, Errc::RHash1Mismatch);
  EXPECT_FALSE(o.sta_ok);
}

TEST(EapWsc, ExternalRegistrarLearnsApSettings) {
  auto sc = ap(nullptr);
  EnrolleeConfig apcfg = sta("12345670");
  apcfg.uuid = uuid_of(0xaa);
  apcfg.eap_peer = false;
  apcfg.wps_state = wsc::WpsState::Configured;
  wsc::Credential cur = network();
  cur.network_index.reset();
  apcfg.ap_settings = cur;
  sc.ap_enrollee = apcfg;
  EapWscPeerConfig pc;
  RegistrarConfig er;
  er.uuid = uuid_of(0x33);
  er.device_password = crypto::to_secret(as_bytes("12345670"));
  er.enrollee_is_ap = true;
  er.eap_peer = true;
  pc.registrar = er;
  auto o = converse(sc, pc);
  std::vector<std::string> want = {"Start",   "Req/Identity", "Resp/Identity", "Req/M1",
                                   "Resp/M2", "Req/M3",       "Resp/M4",       "Req/M5",
                                   "Resp/M6", "Req/M7",       "Resp/WSC_NACK", "Failure"};
  EXPECT_EQ(o.names(), want);
  ASSERT_TRUE(o.sta_ok);
  ASSERT_TRUE(o.sta_ok->ap_settings);
  EXPECT_EQ(as_chars(o.sta_ok->ap_settings->ssid), "eap-test");
}

TEST(EapWsc, UnknownIdentityGetsEapFailure) {
  PinStore pins;
  crypto::Drbg g(1, "s");
  EapWscServer server(ap(&pins), g);
  server.start(TimePoint{});
  auto req = server.poll_output();
  while (req && !std::holds_alternative<SendEapol>(*req)) req = server.poll_output();
  ASSERT_TRUE(req);
  int id = -1;
  summarize(std::get<SendEapol>(*req).frame, &id);
  auto resp = eap::build_eapol(
      eap::EapolType::EapPacket,
      eap::build_identity(EapCode::Response, eap::EapIdentifier(static_cast<std::uint8_t>(id)),
                          "alice@example.org"));
  server.on_eapol(resp, TimePoint{});
  bool failure = false, failed = false;
  while (auto o = server.poll_output()) {
    if (auto* s = std::get_if<SendEapol>(&*o)) {
      int i = -1;
      failure |= summarize(s->frame, &i) == "Failure";
    }
    if (auto* f = std::get_if<Failed>(&*o)) failed = f->reason == Errc::EapIdentityRejected;
  }
  EXPECT_TRUE(failure);
  EXPECT_TRUE(failed);
  EXPECT_TRUE(server.finished());
}

TEST(EapWsc, SilentApMeansRepeatedStartsThenTimeout) {
  crypto::Drbg g(1, "p");
  EapWscPeer peer(station("12345670"), g);
  peer.start(TimePoint{});
  int starts = 0;
  std::optional<Failed> failed;
  for (int i = 0; i < 10; ++i) {
    while (auto o = peer.poll_output()) {
      if (std::holds_alternative<SendEapol>(*o)) ++starts;
      if (auto* f = std::get_if<Failed>(&*o)) failed = *f;
    }
    auto d = peer.next_deadline();
    if (!d) break;
    peer.on_deadline(*d);
  }
  EXPECT_EQ(starts, 3);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->reason, Errc::SessionTimeout);
  EXPECT_TRUE(peer.finished());
}

}  // namespace
}  // namespace wps::proto
