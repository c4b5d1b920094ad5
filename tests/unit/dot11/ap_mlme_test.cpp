#include "dot11/ap_mlme.hpp"

#include <gtest/gtest.h>

#include "dot11/codec.hpp"
#include "dot11/rsn.hpp"
#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");
const MacAddr kSta2 = *MacAddr::parse("02:00:00:00:0b:02");
const TimePoint kT0 = TimePoint::from_ns(0);
const Bytes kSsid = to_bytes("wpslab-net");

ApConfig config(bool rsn = true, bool beacons = false) {
  ApConfig c;
  c.bssid = kAp;
  c.ssid = kSsid;
  c.channel = 11;
  if (rsn) c.rsn_ie = build_rsn_element(wpa2_psk_ccmp());
  c.wps =
      WpsIeSet{hex("10 4a 00 01 10"), hex("10 4a 00 01 10 10 3b 00 01 03"), hex("10 3b 00 01 03")};
  c.send_beacons = beacons;
  return c;
}

struct Drain {
  std::vector<MgmtFrame> mgmt;
  std::vector<DataFrame> data;
  std::vector<ApMlme::Output> events;  // everything but SendFrame
};

Drain drain(ApMlme& ap) {
  Drain d;
  while (auto o = ap.poll_output()) {
    if (auto* s = std::get_if<SendFrame>(&*o)) {
      auto f = parse_frame(s->bytes);
      EXPECT_TRUE(f) << to_hex(s->bytes);
      if (!f) continue;
      if (auto* m = std::get_if<MgmtFrame>(&*f))
        d.mgmt.push_back(*m);
      else
        d.data.push_back(std::get<DataFrame>(*f));
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

Bytes mgmt_from(const MacAddr& sta, MgmtBody body, const MacAddr& da = kAp,
                const MacAddr& bssid = kAp) {
  MgmtFrame f;
  f.header.da = da;
  f.header.sa = sta;
  f.header.bssid = bssid;
  f.body = std::move(body);
  return build_mgmt(f);
}

Elements assoc_elements(ByteView ssid, std::optional<Bytes> wps, std::optional<Bytes> rsn) {
  Elements e{make_ssid(ssid)};
  append_rates(e, default_rates());
  if (rsn) e.emplace_back(ElementId::Rsn, Bytes(rsn->begin() + 2, rsn->end()));
  if (wps) append_wps_ies(e, *wps);
  return e;
}

void authenticate(ApMlme& ap, const MacAddr& sta) {
  ap.on_frame(mgmt_from(sta, Authentication{}), kT0);
  drain(ap);
}

void associate(ApMlme& ap, const MacAddr& sta) {
  authenticate(ap, sta);
  ap.on_frame(mgmt_from(sta, AssociationRequest{cap::kEss, 10,
                                                assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  drain(ap);
}

TEST(ApMlme, BeaconsOnTheTbttGrid) {
  ApMlme ap(config(true, true), kT0);
  ASSERT_EQ(ap.next_deadline(), kT0);
  ap.on_deadline(kT0);
  Drain d = drain(ap);
  ASSERT_EQ(d.mgmt.size(), 1u);
  const MgmtFrame& f = d.mgmt[0];
  EXPECT_EQ(f.header.da, MacAddr::broadcast());
  EXPECT_EQ(f.header.sa, kAp);
  EXPECT_EQ(f.header.bssid, kAp);
  const auto& b = std::get<Beacon>(f.body);
  EXPECT_EQ(b.beacon_interval, 100);
  EXPECT_EQ(b.capability, cap::kEss | cap::kPrivacy);
  // SSID, rates, DS, TIM, ext rates, RSN, WPS — in that order.
  std::vector<std::uint8_t> ids;
  for (const auto& e : b.elements) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<std::uint8_t>{0, 1, 3, 5, 50, 48, 221}));
  EXPECT_EQ(parse_ds_parameter_set(*find_element(b.elements, ElementId::DsParameterSet)).value(),
            11);
  EXPECT_EQ(build_element(*find_element(b.elements, ElementId::Rsn)),
            build_rsn_element(wpa2_psk_ccmp()));
  EXPECT_EQ(join_wps_ies(b.elements), hex("10 4a 00 01 10"));
  EXPECT_TRUE(d.events.empty());  // beacons are not traced
  // 100 TU = 102.4 ms; a late call sends one beacon and stays on the grid.
  EXPECT_EQ(ap.next_deadline(), kT0 + std::chrono::microseconds(102400));
  ap.on_deadline(kT0 + std::chrono::milliseconds(350));
  Drain late = drain(ap);
  ASSERT_EQ(late.mgmt.size(), 1u);
  EXPECT_EQ(std::get<Beacon>(late.mgmt[0].body).timestamp, 350000u);
  EXPECT_EQ(ap.next_deadline(), kT0 + std::chrono::microseconds(409600));
  // Calling early does nothing.
  ap.on_deadline(kT0 + std::chrono::milliseconds(400));
  EXPECT_TRUE(drain(ap).mgmt.empty());
}

TEST(ApMlme, OpenNetworkHasNoPrivacyAndUpdatedWpsIe) {
  ApMlme ap(config(false, true), kT0);
  ap.set_wps_ies(WpsIeSet{hex("10 4a 00 01 10 10 41 00 01 01"), std::nullopt, std::nullopt});
  ap.on_deadline(kT0);
  Drain d = drain(ap);
  const auto& b = std::get<Beacon>(d.mgmt.at(0).body);
  EXPECT_EQ(b.capability, cap::kEss);
  EXPECT_EQ(find_element(b.elements, ElementId::Rsn), nullptr);
  EXPECT_EQ(join_wps_ies(b.elements), hex("10 4a 00 01 10 10 41 00 01 01"));
  ApMlme quiet(config(), kT0);
  EXPECT_FALSE(quiet.next_deadline());
}

TEST(ApMlme, ProbeRequestsWildcardDirectedAndOthers) {
  ApMlme ap(config(), kT0);
  auto probe = [&](ByteView ssid, const MacAddr& bssid) {
    ap.on_frame(mgmt_from(kSta, ProbeRequest{{make_ssid(ssid)}}, MacAddr::broadcast(), bssid), kT0);
    return drain(ap);
  };
  Drain w = probe({}, MacAddr::broadcast());
  ASSERT_EQ(w.mgmt.size(), 1u);
  EXPECT_EQ(w.mgmt[0].header.da, kSta);
  const auto& r = std::get<ProbeResponse>(w.mgmt[0].body);
  EXPECT_EQ(join_wps_ies(r.elements), hex("10 4a 00 01 10 10 3b 00 01 03"));
  EXPECT_EQ(find_element(r.elements, ElementId::Tim), nullptr);
  EXPECT_EQ(probe(kSsid, MacAddr::broadcast()).mgmt.size(), 1u);
  EXPECT_EQ(probe(kSsid, kAp).mgmt.size(), 1u);
  EXPECT_TRUE(probe(as_bytes("other"), MacAddr::broadcast()).mgmt.empty());
  EXPECT_TRUE(probe({}, kSta2).mgmt.empty());  // another BSSID
  // No SSID element at all: dropped with a trace.
  ap.on_frame(mgmt_from(kSta, ProbeRequest{}, MacAddr::broadcast(), MacAddr::broadcast()), kT0);
  Drain none = drain(ap);
  EXPECT_TRUE(none.mgmt.empty());
  ASSERT_EQ(events_of<TraceEvent>(none).size(), 1u);
  EXPECT_EQ(events_of<TraceEvent>(none)[0].kind, "drop");
}

TEST(ApMlme, OpenSystemAuthenticationAndItsRefusals) {
  ApMlme ap(config(), kT0);
  ap.on_frame(
      mgmt_from(kSta, Authentication{AuthAlgorithm::OpenSystem, 1, StatusCode::Success, {}}), kT0);
  Drain ok = drain(ap);
  ASSERT_EQ(ok.mgmt.size(), 1u);
  const auto& a = std::get<Authentication>(ok.mgmt[0].body);
  EXPECT_EQ(a.algorithm, AuthAlgorithm::OpenSystem);
  EXPECT_EQ(a.transaction_seq, 2);
  EXPECT_EQ(a.status, StatusCode::Success);
  EXPECT_EQ(ok.mgmt[0].header.da, kSta);

  ap.on_frame(
      mgmt_from(kSta2, Authentication{AuthAlgorithm::SharedKey, 1, StatusCode::Success, {}}), kT0);
  EXPECT_EQ(std::get<Authentication>(drain(ap).mgmt.at(0).body).status,
            StatusCode::UnsupportedAuthAlgorithm);
  ap.on_frame(
      mgmt_from(kSta2, Authentication{AuthAlgorithm::OpenSystem, 3, StatusCode::Success, {}}), kT0);
  auto seq = drain(ap);
  EXPECT_EQ(std::get<Authentication>(seq.mgmt.at(0).body).status, StatusCode::AuthSeqOutOfOrder);
  // kSta2 was never authenticated: its association request gets Deauthentication reason 6.
  ap.on_frame(mgmt_from(kSta2,
                        AssociationRequest{cap::kEss, 10,
                                           assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  Drain refused = drain(ap);
  ASSERT_EQ(refused.mgmt.size(), 1u);
  EXPECT_EQ(std::get<Deauthentication>(refused.mgmt[0].body).reason, ReasonCode::Class2FromNonauth);
  EXPECT_TRUE(events_of<StaAssociated>(refused).empty());
}

TEST(ApMlme, AssociationOutcomes) {
  ApConfig c = config();
  c.max_stations = 1;
  ApMlme ap(c, kT0);
  authenticate(ap, kSta);
  // Wrong SSID -> status 1; no SSID -> status 40.
  ap.on_frame(mgmt_from(kSta, AssociationRequest{cap::kEss, 10,
                                                 assoc_elements(as_bytes("x"), std::nullopt,
                                                                std::nullopt)}),
              kT0);
  EXPECT_EQ(std::get<AssociationResponse>(drain(ap).mgmt.at(0).body).status,
            StatusCode::Unspecified);
  ap.on_frame(mgmt_from(kSta, AssociationRequest{cap::kEss, 10, {}}), kT0);
  EXPECT_EQ(std::get<AssociationResponse>(drain(ap).mgmt.at(0).body).status,
            StatusCode::InvalidElement);
  // A malformed RSN element without a WPS IE -> status 72 ...
  const Bytes bad_rsn = hex("30 03 01 00 00");
  ap.on_frame(mgmt_from(kSta, AssociationRequest{cap::kEss, 10,
                                                 assoc_elements(kSsid, std::nullopt, bad_rsn)}),
              kT0);
  Drain r72 = drain(ap);
  EXPECT_EQ(std::get<AssociationResponse>(r72.mgmt.at(0).body).status, StatusCode::InvalidRsne);
  EXPECT_EQ(std::get<AssociationResponse>(r72.mgmt.at(0).body).aid, 0);
  // ... but with a WPS IE the RSN element is ignored (WPS-FACTS §2.3) and still reported.
  const Bytes wps = hex("10 4a 00 01 10");
  ap.on_frame(
      mgmt_from(kSta, AssociationRequest{cap::kEss, 10, assoc_elements(kSsid, wps, bad_rsn)}), kT0);
  Drain d = drain(ap);
  const auto& resp = std::get<AssociationResponse>(d.mgmt.at(0).body);
  EXPECT_EQ(resp.status, StatusCode::Success);
  EXPECT_EQ(resp.aid, 1);
  EXPECT_EQ(join_wps_ies(resp.elements), hex("10 3b 00 01 03"));
  auto ev = events_of<StaAssociated>(d);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].wps_ie, wps);
  EXPECT_EQ(ev[0].rsn_ie, bad_rsn);
  EXPECT_EQ(ap.aid_of(kSta), 1);
  // The AP is full now.
  authenticate(ap, kSta2);
  ap.on_frame(mgmt_from(kSta2,
                        AssociationRequest{cap::kEss, 10,
                                           assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  EXPECT_EQ(std::get<AssociationResponse>(drain(ap).mgmt.at(0).body).status, StatusCode::ApFull);
  EXPECT_EQ(ap.associated_count(), 1u);
}

TEST(ApMlme, NoWpsIeInResponseToANonWpsRequest) {
  ApMlme ap(config(), kT0);
  authenticate(ap, kSta);
  const Bytes rsn = build_rsn_element(wpa2_psk_ccmp());
  ap.on_frame(mgmt_from(kSta, AssociationRequest{cap::kEss | cap::kPrivacy, 10,
                                                 assoc_elements(kSsid, std::nullopt, rsn)}),
              kT0);
  Drain d = drain(ap);
  EXPECT_FALSE(join_wps_ies(std::get<AssociationResponse>(d.mgmt.at(0).body).elements));
  auto ev = events_of<StaAssociated>(d);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].rsn_ie, rsn);
  EXPECT_FALSE(ev[0].wps_ie);
}

TEST(ApMlme, ReassociationAndChangedRequests) {
  ApMlme ap(config(), kT0);
  associate(ap, kSta);
  // A different Reassociation Request from the associated STA: StaLeft, then a new association.
  ap.on_frame(mgmt_from(kSta, ReassociationRequest{cap::kEss, 10, kAp,
                                                   assoc_elements(kSsid, hex("10 4a 00 01 10"),
                                                                  std::nullopt)}),
              kT0);
  Drain d = drain(ap);
  ASSERT_EQ(d.mgmt.size(), 1u);
  EXPECT_EQ(d.mgmt[0].subtype(), MgmtSubtype::ReassociationResponse);
  EXPECT_EQ(std::get<ReassociationResponse>(d.mgmt[0].body).aid, 1);
  auto left = events_of<StaLeft>(d);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].cause, LinkLossCause::PeerReassociation);
  auto ev = events_of<StaAssociated>(d);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_TRUE(ev[0].reassociation);
  // A new Authentication from the associated STA ends the association too.
  ap.on_frame(mgmt_from(kSta, Authentication{}), kT0);
  Drain re = drain(ap);
  ASSERT_EQ(events_of<StaLeft>(re).size(), 1u);
  EXPECT_EQ(events_of<StaLeft>(re)[0].cause, LinkLossCause::PeerReauthentication);
  EXPECT_FALSE(ap.is_associated(kSta));
}

TEST(ApMlme, DisassocKeepsAuthenticationDeauthForgets) {
  ApMlme ap(config(), kT0);
  associate(ap, kSta);
  ap.on_frame(mgmt_from(kSta, Disassociation{ReasonCode::DisassocLeaving, {}}), kT0);
  Drain d = drain(ap);
  ASSERT_EQ(events_of<StaLeft>(d).size(), 1u);
  EXPECT_EQ(events_of<StaLeft>(d)[0].cause, LinkLossCause::PeerDisassoc);
  EXPECT_EQ(events_of<StaLeft>(d)[0].reason, ReasonCode::DisassocLeaving);
  // Still authenticated: may associate again without a new Authentication.
  ap.on_frame(mgmt_from(kSta,
                        AssociationRequest{cap::kEss, 10,
                                           assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  EXPECT_EQ(events_of<StaAssociated>(drain(ap)).size(), 1u);
  ap.on_frame(mgmt_from(kSta, Deauthentication{ReasonCode::DeauthLeaving, {}}), kT0);
  EXPECT_EQ(events_of<StaLeft>(drain(ap)).at(0).cause, LinkLossCause::PeerDeauth);
  // Deauthentication again (unknown STA now): no event.
  ap.on_frame(mgmt_from(kSta, Deauthentication{ReasonCode::DeauthLeaving, {}}), kT0);
  EXPECT_TRUE(events_of<StaLeft>(drain(ap)).empty());
  // Not authenticated any more: association request refused with reason 6.
  ap.on_frame(mgmt_from(kSta,
                        AssociationRequest{cap::kEss, 10,
                                           assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  EXPECT_EQ(std::get<Deauthentication>(drain(ap).mgmt.at(0).body).reason,
            ReasonCode::Class2FromNonauth);
}

TEST(ApMlme, DataFramesClass3RuleAndDelivery) {
  ApMlme ap(config(), kT0);
  const Bytes eapol = hex("02 01 00 00");
  auto data_from = [&](const MacAddr& sta, Bytes body) {
    return build_data(make_to_ds(kAp, sta, kAp, std::move(body)));
  };
  // Unknown STA -> Deauthentication reason 7, nothing delivered.
  ap.on_frame(data_from(kSta, build_llc_snap(kEtherTypeEapol, eapol)), kT0);
  Drain unknown = drain(ap);
  ASSERT_EQ(unknown.mgmt.size(), 1u);
  EXPECT_EQ(std::get<Deauthentication>(unknown.mgmt[0].body).reason,
            ReasonCode::Class3FromNonassoc);
  EXPECT_TRUE(events_of<EapolReceived>(unknown).empty());
  // Authenticated but not associated -> Disassociation reason 7.
  authenticate(ap, kSta);
  ap.on_frame(data_from(kSta, build_llc_snap(kEtherTypeEapol, eapol)), kT0);
  EXPECT_EQ(std::get<Disassociation>(drain(ap).mgmt.at(0).body).reason,
            ReasonCode::Class3FromNonassoc);
  // Associated -> delivered.
  ap.on_frame(mgmt_from(kSta,
                        AssociationRequest{cap::kEss, 10,
                                           assoc_elements(kSsid, std::nullopt, std::nullopt)}),
              kT0);
  drain(ap);
  ap.on_frame(data_from(kSta, build_llc_snap(kEtherTypeEapol, eapol)), kT0);
  Drain ok = drain(ap);
  ASSERT_EQ(events_of<EapolReceived>(ok).size(), 1u);
  EXPECT_EQ(events_of<EapolReceived>(ok)[0].eapol, eapol);
  EXPECT_TRUE(ok.mgmt.empty());
  ap.on_frame(data_from(kSta, build_llc_snap(0x0806, hex("00 01"))), kT0);
  auto other = events_of<DataReceived>(drain(ap));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].ethertype, 0x0806);
  EXPECT_EQ(other[0].destination, kAp);
  // Not LLC/SNAP -> dropped with a trace.
  ap.on_frame(data_from(kSta, hex("01 02 03")), kT0);
  Drain junk = drain(ap);
  EXPECT_TRUE(events_of<DataReceived>(junk).empty());
  EXPECT_EQ(events_of<TraceEvent>(junk).at(0).kind, "drop");
  // FromDS frames are not for the AP.
  ap.on_frame(build_data(make_from_ds(kAp, kSta, kSta, build_llc_snap(kEtherTypeEapol, eapol))),
              kT0);
  EXPECT_TRUE(events_of<EapolReceived>(drain(ap)).empty());
}

TEST(ApMlme, SendEapolWrapsInFromDsFrame) {
  ApMlme ap(config(), kT0);
  associate(ap, kSta);
  ASSERT_TRUE(ap.send_eapol(kSta, hex("02 00 00 04 01 01 00 04"), kT0));
  Drain d = drain(ap);
  ASSERT_EQ(d.data.size(), 1u);
  const DataFrame& f = d.data[0];
  EXPECT_TRUE(f.flags.from_ds);
  EXPECT_FALSE(f.flags.to_ds);
  EXPECT_EQ(f.addr1, kSta);
  EXPECT_EQ(f.addr2, kAp);
  EXPECT_EQ(f.addr3, kAp);
  EXPECT_EQ(f.body, hex("aa aa 03 00 00 00 88 8e 02 00 00 04 01 01 00 04"));
  EXPECT_EQ(ap.send_eapol(kSta2, hex("02 01 00 00"), kT0).error().code, Errc::NotReady);
}

TEST(ApMlme, IgnoresOtherBssAndTracesMalformed) {
  ApMlme ap(config(), kT0);
  ap.on_frame(mgmt_from(kSta, Authentication{}, kSta2, kSta2), kT0);  // for another AP
  EXPECT_TRUE(drain(ap).events.empty());
  Bytes bad = mgmt_from(kSta, Authentication{});
  bad.push_back(0xdd);  // element header without a length
  ap.on_frame(bad, kT0);
  Drain d = drain(ap);
  EXPECT_TRUE(d.mgmt.empty());
  auto t = events_of<TraceEvent>(d);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, "drop");
  EXPECT_EQ(t[0].to, "dot11_bad_ie@30");
  ap.on_frame(hex("ff"), kT0);
  EXPECT_EQ(events_of<TraceEvent>(drain(ap)).size(), 1u);
}

TEST(ApMlme, AcceptsFramesWithFcsWhenConfigured) {
  ApConfig c = config();
  c.rx_fcs = FcsMode::Present;
  ApMlme ap(c, kT0);
  ap.on_frame(append_fcs(mgmt_from(kSta, Authentication{})), kT0);
  EXPECT_EQ(drain(ap).mgmt.size(), 1u);
  ap.on_frame(mgmt_from(kSta, Authentication{}), kT0);  // no FCS: fails the check
  Drain d = drain(ap);
  EXPECT_TRUE(d.mgmt.empty());
  EXPECT_EQ(events_of<TraceEvent>(d).size(), 1u);
}

}  // namespace
}  // namespace wps::dot11
