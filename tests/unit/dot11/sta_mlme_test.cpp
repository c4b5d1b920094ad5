#include "dot11/sta_mlme.hpp"

#include <gtest/gtest.h>

#include "dot11/codec.hpp"
#include "dot11/rsn.hpp"
#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kAp2 = *MacAddr::parse("02:00:00:00:0a:02");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");
const TimePoint kT0 = TimePoint::from_ns(5'000'000);

StaConfig config() {
  StaConfig c;
  c.own = kSta;
  c.ssid = to_bytes("net");
  return c;
}

struct Drain {
  std::vector<MgmtFrame> mgmt;
  std::vector<DataFrame> data;
  std::vector<StaMlme::Output> events;
};

Drain drain(StaMlme& s) {
  Drain d;
  while (auto o = s.poll_output()) {
    if (auto* f = std::get_if<SendFrame>(&*o)) {
      auto p = parse_frame(f->bytes);
      EXPECT_TRUE(p);
      if (!p) continue;
      if (auto* m = std::get_if<MgmtFrame>(&*p))
        d.mgmt.push_back(*m);
      else
        d.data.push_back(std::get<DataFrame>(*p));
    } else {
      d.events.push_back(std::move(*o));
    }
  }
  return d;
}

template <typename T>
std::vector<T> events_of(const Drain& d) {
  std::vector<T> v;
  for (const auto& o : d.events)
    if (auto* t = std::get_if<T>(&o)) v.push_back(*t);
  return v;
}

Bytes from_ap(MgmtBody body, const MacAddr& ap = kAp, const MacAddr& da = kSta) {
  MgmtFrame f;
  f.header.da = da;
  f.header.sa = ap;
  f.header.bssid = ap;
  f.body = std::move(body);
  return build_mgmt(f);
}

Elements bss_elements(const char* ssid, std::optional<Bytes> wps, bool rsn) {
  Elements e{make_ssid(as_bytes(ssid))};
  append_rates(e, default_rates());
  e.push_back(make_ds_parameter_set(1));
  if (rsn) e.push_back(make_rsn(wpa2_psk_ccmp()));
  if (wps) append_wps_ies(e, *wps);
  return e;
}

void to_associated(StaMlme& s) {
  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  s.on_frame(from_ap(AssociationResponse{cap::kEss, StatusCode::Success, 5, {}}), kT0);
  drain(s);
  ASSERT_EQ(s.state(), StaMlme::State::Associated);
}

TEST(StaMlme, ProbeRequestContents) {
  StaMlme s(config());
  s.start_scan(kT0, hex("10 4a 00 01 10"));
  Drain d = drain(s);
  ASSERT_EQ(d.mgmt.size(), 1u);
  const MgmtFrame& f = d.mgmt[0];
  EXPECT_EQ(f.header.da, MacAddr::broadcast());
  EXPECT_EQ(f.header.bssid, MacAddr::broadcast());
  EXPECT_EQ(f.header.sa, kSta);
  const auto& p = std::get<ProbeRequest>(f.body);
  EXPECT_EQ(as_chars(*find_ssid(p.elements).value()), "net");  // directed: config.ssid
  EXPECT_EQ(collect_rates(p.elements), default_rates());
  EXPECT_EQ(join_wps_ies(p.elements), hex("10 4a 00 01 10"));
  EXPECT_EQ(s.next_deadline(), kT0 + std::chrono::milliseconds(50));
  EXPECT_TRUE(s.scanning());
}

TEST(StaMlme, ScanCollectsBssesProbeResponseWins) {
  StaMlme s(config());
  // Before a scan, beacons are ignored.
  s.on_frame(from_ap(Beacon{1, 100, cap::kEss, bss_elements("net", hex("aa"), false)}, kAp,
                     MacAddr::broadcast()),
             kT0);
  s.start_scan(kT0);
  drain(s);
  s.on_frame(from_ap(ProbeResponse{2, 100, cap::kEss | cap::kPrivacy,
                                   bss_elements("net", hex("bb bb"), true)}),
             kT0, RxInfo{-40});
  // A later beacon from the same BSS does not replace the Probe Response's data.
  s.on_frame(from_ap(Beacon{3, 100, cap::kEss, bss_elements("net", hex("cc"), false)}, kAp,
                     MacAddr::broadcast()),
             kT0 + std::chrono::milliseconds(10), RxInfo{-30});
  s.on_frame(from_ap(Beacon{4, 200, cap::kEss, bss_elements("other", std::nullopt, false)}, kAp2,
                     MacAddr::broadcast()),
             kT0 + std::chrono::milliseconds(20));
  // Probe response addressed to someone else: ignored.
  s.on_frame(from_ap(ProbeResponse{5, 100, 0, bss_elements("zzz", std::nullopt, false)}, kAp2,
                     *MacAddr::parse("02:00:00:00:0b:99")),
             kT0);
  s.on_deadline(kT0 + std::chrono::milliseconds(49));
  EXPECT_TRUE(events_of<ScanCompleted>(drain(s)).empty());
  s.on_deadline(kT0 + std::chrono::milliseconds(50));
  auto done = events_of<ScanCompleted>(drain(s));
  ASSERT_EQ(done.size(), 1u);
  ASSERT_EQ(done[0].results.size(), 2u);
  const BssInfo& a = done[0].results[0];
  EXPECT_EQ(a.bssid, kAp);
  EXPECT_EQ(a.wps_ie, hex("bb bb"));
  EXPECT_EQ(a.rsn_ie, build_rsn_element(wpa2_psk_ccmp()));
  EXPECT_EQ(a.signal_dbm, -40);
  EXPECT_EQ(a.channel, 1);
  EXPECT_TRUE(a.from_probe_response);
  EXPECT_EQ(a.last_seen, kT0 + std::chrono::milliseconds(10));
  const BssInfo& b = done[0].results[1];
  EXPECT_EQ(b.bssid, kAp2);
  EXPECT_EQ(as_chars(b.ssid), "other");
  EXPECT_EQ(b.beacon_interval, 200);
  EXPECT_FALSE(b.wps_ie);
  EXPECT_FALSE(b.rsn_ie);
  EXPECT_FALSE(s.scanning());
  EXPECT_FALSE(s.next_deadline());
}

TEST(StaMlme, ConnectSendsOpenSystemAuthThenAssociationRequest) {
  StaMlme s(config());
  const Bytes rsn = build_rsn_element(wpa2_psk_ccmp());
  ASSERT_TRUE(s.connect(kAp, AssocParams{std::nullopt, std::nullopt, rsn, true}, kT0));
  Drain d = drain(s);
  ASSERT_EQ(d.mgmt.size(), 1u);
  EXPECT_EQ(d.mgmt[0].header.da, kAp);
  EXPECT_EQ(d.mgmt[0].header.bssid, kAp);
  EXPECT_EQ(std::get<Authentication>(d.mgmt[0].body),
            (Authentication{AuthAlgorithm::OpenSystem, 1, StatusCode::Success, {}}));
  EXPECT_EQ(s.state(), StaMlme::State::Authenticating);
  EXPECT_EQ(s.bssid(), kAp);
  EXPECT_EQ(s.connect(kAp, AssocParams{}, kT0).error().code, Errc::NotReady);

  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  Drain a = drain(s);
  ASSERT_EQ(a.mgmt.size(), 1u);
  const auto& rr = std::get<ReassociationRequest>(a.mgmt[0].body);
  EXPECT_EQ(rr.current_ap, kAp);
  EXPECT_EQ(rr.listen_interval, 10);
  EXPECT_EQ(rr.capability, cap::kEss | cap::kPrivacy);
  ASSERT_NE(find_element(rr.elements, ElementId::Rsn), nullptr);
  EXPECT_EQ(build_element(*find_element(rr.elements, ElementId::Rsn)), rsn);
  EXPECT_FALSE(join_wps_ies(rr.elements));
  EXPECT_EQ(s.state(), StaMlme::State::Associating);
  // A duplicate auth response now is dropped (trace), not acted on.
  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  Drain dup = drain(s);
  EXPECT_TRUE(dup.mgmt.empty());
  EXPECT_EQ(events_of<TraceEvent>(dup).at(0).kind, "drop");

  s.on_frame(from_ap(ReassociationResponse{cap::kEss, StatusCode::Success, 7, {}}), kT0);
  auto ev = events_of<Associated>(drain(s));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].aid, 7);
  EXPECT_EQ(s.aid(), 7);
  EXPECT_FALSE(s.next_deadline());
}

TEST(StaMlme, RefusalsBecomeConnectFailed) {
  StaMlme s(config());
  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  s.on_frame(from_ap(Authentication{
                 AuthAlgorithm::OpenSystem, 2, StatusCode::UnsupportedAuthAlgorithm, {}}),
             kT0);
  auto f = events_of<ConnectFailed>(drain(s));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (ConnectFailed{kAp, ConnectStage::Authentication,
                                 StatusCode::UnsupportedAuthAlgorithm, std::nullopt}));
  EXPECT_EQ(s.state(), StaMlme::State::Idle);

  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  s.on_frame(from_ap(AssociationResponse{cap::kEss, StatusCode::ApFull, 0, {}}), kT0);
  f = events_of<ConnectFailed>(drain(s));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].stage, ConnectStage::Association);
  EXPECT_EQ(f[0].status, StatusCode::ApFull);

  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  s.on_frame(from_ap(Deauthentication{ReasonCode::Class2FromNonauth, {}}), kT0);
  f = events_of<ConnectFailed>(drain(s));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason, ReasonCode::Class2FromNonauth);
  EXPECT_FALSE(f[0].status);
}

TEST(StaMlme, IgnoresFramesFromOtherApsAndBadAid) {
  StaMlme s(config());
  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  drain(s);
  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}, kAp2),
             kT0);
  EXPECT_TRUE(drain(s).mgmt.empty());
  EXPECT_EQ(s.state(), StaMlme::State::Authenticating);
  s.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  drain(s);
  s.on_frame(from_ap(AssociationResponse{cap::kEss, StatusCode::Success, 0, {}}), kT0);  // AID 0
  EXPECT_EQ(s.state(), StaMlme::State::Associating);
  EXPECT_EQ(events_of<TraceEvent>(drain(s)).back().kind, "drop");
}

TEST(StaMlme, RejectsBadParams) {
  StaMlme s(config());
  EXPECT_EQ(s.connect(kAp, AssocParams{std::nullopt, std::nullopt, hex("dd 02 00 00"), false}, kT0)
                .error()
                .code,
            Errc::BadValue);
  EXPECT_EQ(s.connect(kAp, AssocParams{std::nullopt, std::nullopt, hex("30 05 01 00"), false}, kT0)
                .error()
                .code,
            Errc::BadValue);
  EXPECT_EQ(s.connect(kAp, AssocParams{Bytes(33, 'a'), std::nullopt, std::nullopt, false}, kT0)
                .error()
                .code,
            Errc::BadValue);
  EXPECT_EQ(s.state(), StaMlme::State::Idle);
  EXPECT_TRUE(drain(s).mgmt.empty());
}

TEST(StaMlme, DataPathWhenAssociated) {
  StaMlme s(config());
  EXPECT_EQ(s.send_eapol(hex("02 01 00 00"), kT0).error().code, Errc::NotReady);
  to_associated(s);
  ASSERT_TRUE(s.send_eapol(hex("02 01 00 00"), kT0));
  Drain d = drain(s);
  ASSERT_EQ(d.data.size(), 1u);
  EXPECT_TRUE(d.data[0].flags.to_ds);
  EXPECT_EQ(d.data[0].addr1, kAp);
  EXPECT_EQ(d.data[0].addr2, kSta);
  EXPECT_EQ(d.data[0].addr3, kAp);
  EXPECT_EQ(d.data[0].body, hex("aa aa 03 00 00 00 88 8e 02 01 00 00"));

  auto down = [&](Bytes body, const MacAddr& ta = kAp) {
    s.on_frame(build_data(make_from_ds(kSta, ta, ta, std::move(body))), kT0);
    return drain(s);
  };
  auto e = events_of<EapolReceived>(down(build_llc_snap(kEtherTypeEapol, hex("02 00 00 00"))));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0], (EapolReceived{kAp, hex("02 00 00 00")}));
  EXPECT_EQ(events_of<DataReceived>(down(build_llc_snap(0x0800, hex("45")))).size(), 1u);
  EXPECT_TRUE(
      events_of<EapolReceived>(down(build_llc_snap(kEtherTypeEapol, hex("02")), kAp2)).empty());
  // ToDS frames (from another STA via the AP's receiver address) are not for us.
  s.on_frame(build_data(make_to_ds(kSta, kAp2, kSta, build_llc_snap(kEtherTypeEapol, hex("02")))),
             kT0);
  EXPECT_TRUE(events_of<EapolReceived>(drain(s)).empty());
}

TEST(StaMlme, DeauthAndDisassocFromTheAp) {
  StaMlme s(config());
  to_associated(s);
  s.on_frame(from_ap(Disassociation{ReasonCode::Inactivity, {}}), kT0);
  auto d = events_of<Deauthenticated>(drain(s));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], (Deauthenticated{kAp, ReasonCode::Inactivity, LinkLossCause::PeerDisassoc}));
  EXPECT_EQ(s.state(), StaMlme::State::Idle);
  to_associated(s);
  // Broadcast deauthentication from our AP counts too.
  s.on_frame(from_ap(Deauthentication{ReasonCode::Unspecified, {}}, kAp, MacAddr::broadcast()),
             kT0);
  EXPECT_EQ(events_of<Deauthenticated>(drain(s)).size(), 1u);
  // Idle: further deauth frames are ignored, local deauthenticate is a no-op.
  s.on_frame(from_ap(Deauthentication{ReasonCode::Unspecified, {}}), kT0);
  s.deauthenticate(ReasonCode::DeauthLeaving, kT0);
  Drain idle = drain(s);
  EXPECT_TRUE(idle.mgmt.empty());
  EXPECT_TRUE(events_of<Deauthenticated>(idle).empty());
}

TEST(StaMlme, LocalDeauthWhileConnectingAbortsSilently) {
  StaMlme s(config());
  ASSERT_TRUE(s.connect(kAp, AssocParams{}, kT0));
  drain(s);
  s.deauthenticate(ReasonCode::DeauthLeaving, kT0);
  Drain d = drain(s);
  ASSERT_EQ(d.mgmt.size(), 1u);
  EXPECT_EQ(std::get<Deauthentication>(d.mgmt[0].body).reason, ReasonCode::DeauthLeaving);
  EXPECT_TRUE(events_of<Deauthenticated>(d).empty());
  EXPECT_TRUE(events_of<ConnectFailed>(d).empty());
  EXPECT_FALSE(s.next_deadline());
}

TEST(StaMlme, StateChangesAreTraced) {
  StaMlme s(config());
  to_associated(s);
  s.deauthenticate(ReasonCode::DeauthLeaving, kT0);
  std::vector<std::pair<std::string, std::string>> states;
  StaMlme t(config());
  ASSERT_TRUE(t.connect(kAp, AssocParams{}, kT0));
  t.on_frame(from_ap(Authentication{AuthAlgorithm::OpenSystem, 2, StatusCode::Success, {}}), kT0);
  t.on_frame(from_ap(AssociationResponse{cap::kEss, StatusCode::Success, 1, {}}), kT0);
  for (const auto& ev : events_of<TraceEvent>(drain(t)))
    if (ev.kind == "state") states.emplace_back(ev.from, ev.to);
  EXPECT_EQ(states,
            (std::vector<std::pair<std::string, std::string>>{{"idle", "authenticating"},
                                                              {"authenticating", "associating"},
                                                              {"associating", "associated"}}));
}

TEST(StaMlme, MalformedFramesForUsAreTraced) {
  StaMlme s(config());
  Bytes bad = from_ap(Authentication{});
  bad.push_back(0x30);
  s.on_frame(bad, kT0);
  auto t = events_of<TraceEvent>(drain(s));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, "drop");
  // Malformed and for someone else: silent.
  Bytes other = from_ap(Authentication{}, kAp, kAp2);
  other.push_back(0x30);
  s.on_frame(other, kT0);
  EXPECT_TRUE(drain(s).events.empty());
}

}  // namespace
}  // namespace wps::dot11
