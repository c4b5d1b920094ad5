#include "dot11/mlme.hpp"

#include <gtest/gtest.h>

#include "dot11/rsn.hpp"
#include "mlme_harness.hpp"
#include "support/test_support.hpp"

// An ApMlme and a StaMlme wired to each other: probe -> auth -> assoc -> EAPOL both ways ->
// deauth, WPS round 1 then WPA2 round 2, and recovery from lost frames.
namespace wps::dot11 {
namespace {

using harness::Link;
using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");
const TimePoint kT0 = TimePoint::from_ns(1'000'000'000);

// Opaque WSC attribute bytes (the wsc module's business; here only carried).
const Bytes kBeaconWps = hex("10 4a 00 01 10 10 44 00 01 02");
const Bytes kProbeRespWps = hex("10 4a 00 01 10 10 44 00 01 02 10 3b 00 01 03");
const Bytes kAssocRespWps = hex("10 4a 00 01 10 10 3b 00 01 03");
const Bytes kProbeReqWps = hex("10 4a 00 01 10 10 3a 00 01 01");
const Bytes kAssocReqWps = hex("10 4a 00 01 10 10 3a 00 01 01 10 49 00 06 00 37 2a 00 01 20");

ApConfig ap_config() {
  ApConfig c;
  c.bssid = kAp;
  c.ssid = to_bytes("wpslab-net");
  c.channel = 6;
  c.rsn_ie = build_rsn_element(wpa2_psk_ccmp());
  c.wps = WpsIeSet{kBeaconWps, kProbeRespWps, kAssocRespWps};
  return c;
}

StaConfig sta_config() {
  StaConfig c;
  c.own = kSta;
  return c;  // wildcard SSID: a WPS enrollee does not know the network yet
}

int count_subtype(const std::vector<MgmtFrame>& v, MgmtSubtype s) {
  int n = 0;
  for (const auto& f : v) n += f.subtype() == s ? 1 : 0;
  return n;
}

TEST(MlmePair, WpsRoundThenWpa2Round) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  link.pump();

  // Scan: Probe Request with the WPS IE, the AP answers; results after scan_time.
  sta.start_scan(link.now(), kProbeReqWps);
  ASSERT_TRUE(link.run_until([&] { return !link.sta_of<ScanCompleted>().empty(); },
                             kT0 + std::chrono::seconds(1)));
  auto scan = link.sta_of<ScanCompleted>().at(0);
  ASSERT_EQ(scan.results.size(), 1u);
  const BssInfo& bss = scan.results[0];
  EXPECT_EQ(bss.bssid, kAp);
  EXPECT_EQ(as_chars(bss.ssid), "wpslab-net");
  EXPECT_EQ(bss.channel, 6);
  EXPECT_TRUE(bss.capability & cap::kPrivacy);
  EXPECT_EQ(bss.rsn_ie, build_rsn_element(wpa2_psk_ccmp()));
  EXPECT_EQ(bss.wps_ie, kProbeRespWps);  // the Probe Response's, not a Beacon's
  EXPECT_TRUE(bss.from_probe_response);
  auto probe_reqs = link.mgmt_sent(false);
  ASSERT_FALSE(probe_reqs.empty());
  const auto& pr = std::get<ProbeRequest>(probe_reqs[0].body);
  EXPECT_EQ(join_wps_ies(pr.elements), kProbeReqWps);
  EXPECT_EQ(find_ssid(pr.elements).value()->size(), 0u);  // wildcard

  // Round 1: WPS IE, no RSN IE (WPS-FACTS §1, §2.3).
  ASSERT_TRUE(
      sta.connect(kAp, AssocParams{std::nullopt, kAssocReqWps, std::nullopt, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return !link.sta_of<Associated>().empty(); },
                             link.now() + std::chrono::seconds(1)));
  auto assoc = link.sta_of<Associated>().at(0);
  EXPECT_EQ(assoc.bssid, kAp);
  EXPECT_EQ(assoc.aid, 1);
  EXPECT_EQ(assoc.wps_ie, kAssocRespWps);
  auto sta_assoc = link.ap_of<StaAssociated>();
  ASSERT_EQ(sta_assoc.size(), 1u);
  EXPECT_EQ(sta_assoc[0].sta, kSta);
  EXPECT_EQ(sta_assoc[0].aid, 1);
  EXPECT_EQ(sta_assoc[0].wps_ie, kAssocReqWps);
  EXPECT_FALSE(sta_assoc[0].rsn_ie);
  EXPECT_FALSE(sta_assoc[0].reassociation);
  EXPECT_TRUE(ap.is_associated(kSta));
  EXPECT_EQ(sta.state(), StaMlme::State::Associated);
  // The request used the SSID learned by the scan.
  auto reqs = link.mgmt_sent(false);
  const auto& areq = std::get<AssociationRequest>(reqs.back().body);
  EXPECT_EQ(as_chars(*find_ssid(areq.elements).value()), "wpslab-net");
  EXPECT_EQ(find_element(areq.elements, ElementId::Rsn), nullptr);

  // EAPOL both ways.
  const Bytes start = hex("02 01 00 00");
  ASSERT_TRUE(sta.send_eapol(start, link.now()));
  link.pump();
  auto at_ap = link.ap_of<EapolReceived>();
  ASSERT_EQ(at_ap.size(), 1u);
  EXPECT_EQ(at_ap[0].peer, kSta);
  EXPECT_EQ(at_ap[0].eapol, start);
  const Bytes identity_req = hex("02 00 00 05 01 63 00 05 01");
  ASSERT_TRUE(ap.send_eapol(kSta, identity_req, link.now()));
  link.pump();
  auto at_sta = link.sta_of<EapolReceived>();
  ASSERT_EQ(at_sta.size(), 1u);
  EXPECT_EQ(at_sta[0].peer, kAp);
  EXPECT_EQ(at_sta[0].eapol, identity_req);

  // The AP ends round 1 with reason 23 (WPS-FACTS §2.6).
  ap.deauthenticate(kSta, ReasonCode::Ieee8021xAuthFailed, link.now());
  link.pump();
  auto deauth = link.sta_of<Deauthenticated>();
  ASSERT_EQ(deauth.size(), 1u);
  EXPECT_EQ(deauth[0].reason, ReasonCode::Ieee8021xAuthFailed);
  EXPECT_EQ(deauth[0].cause, LinkLossCause::PeerDeauth);
  auto left = link.ap_of<StaLeft>();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].cause, LinkLossCause::LocalDeauth);
  EXPECT_EQ(sta.state(), StaMlme::State::Idle);
  EXPECT_FALSE(ap.is_associated(kSta));
  EXPECT_EQ(sta.send_eapol(start, link.now()).error().code, Errc::NotReady);
  EXPECT_EQ(ap.send_eapol(kSta, start, link.now()).error().code, Errc::NotReady);

  // Round 2: RSN IE, no WPS IE.
  const Bytes rsn = build_rsn_element(wpa2_psk_ccmp());
  ASSERT_TRUE(sta.connect(kAp, AssocParams{std::nullopt, std::nullopt, rsn, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return link.sta_of<Associated>().size() == 2; },
                             link.now() + std::chrono::seconds(1)));
  auto second = link.ap_of<StaAssociated>().at(1);
  EXPECT_EQ(second.rsn_ie, rsn);
  EXPECT_FALSE(second.wps_ie);
  EXPECT_FALSE(link.sta_of<Associated>().at(1).wps_ie);  // no WPS IE in the response either
  reqs = link.mgmt_sent(false);
  const auto& areq2 = std::get<AssociationRequest>(reqs.back().body);
  EXPECT_FALSE(join_wps_ies(areq2.elements));
  EXPECT_TRUE(areq2.capability & cap::kPrivacy);

  // The STA leaves with reason 3.
  sta.deauthenticate(ReasonCode::DeauthLeaving, link.now());
  link.pump();
  left = link.ap_of<StaLeft>();
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[1].reason, ReasonCode::DeauthLeaving);
  EXPECT_EQ(left[1].cause, LinkLossCause::PeerDeauth);
  EXPECT_EQ(link.sta_of<Deauthenticated>().back().cause, LinkLossCause::LocalDeauth);
  EXPECT_EQ(ap.associated_count(), 0u);

  // Each side numbered its frames 0, 1, 2, ... (one counter per engine, WPS-FACTS §2.1 header).
  for (bool from_ap : {false, true}) {
    std::uint16_t expected = 0;
    bool first = true;
    for (const auto& a : link.air()) {
      if (a.from_ap != from_ap) continue;
      auto f = parse_frame(a.bytes);
      ASSERT_TRUE(f);
      const SequenceControl sc = std::visit(
          [](const auto& x) {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, MgmtFrame>)
              return x.header.seq;
            else
              return x.seq;
          },
          *f);
      if (!first) {
        EXPECT_GT(sc.number, expected) << "from_ap=" << from_ap;
      }
      expected = sc.number;
      first = false;
    }
  }
}

TEST(MlmePair, SequenceNumbersAreConsecutiveForTheSta) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  sta.start_scan(link.now());
  link.run_until([&] { return !sta.scanning(); }, kT0 + std::chrono::seconds(1));
  ASSERT_TRUE(sta.connect(kAp, AssocParams{}, link.now()));
  link.run_until([&] { return sta.state() == StaMlme::State::Associated; },
                 link.now() + std::chrono::seconds(1));
  ASSERT_TRUE(sta.send_eapol(hex("02 01 00 00"), link.now()));
  link.pump();
  std::vector<std::uint16_t> seqs;
  for (const auto& a : link.air())
    if (!a.from_ap)
      seqs.push_back(static_cast<std::uint16_t>((a.bytes[22] | (a.bytes[23] << 8)) >> 4));
  EXPECT_EQ(seqs, (std::vector<std::uint16_t>{0, 1, 2, 3}));  // probe, auth, assoc, data
}

TEST(MlmePair, SurvivesOneLostAuthenticationResponse) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  int auth_from_ap = 0;
  link.drop = [&](const harness::Aired& a) {
    return a.from_ap && a.bytes[0] == 0xb0 && auth_from_ap++ == 0;  // the first auth response
  };
  ASSERT_TRUE(sta.connect(
      kAp, AssocParams{to_bytes("wpslab-net"), kAssocReqWps, std::nullopt, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return sta.state() == StaMlme::State::Associated; },
                             kT0 + std::chrono::seconds(2)));
  auto sent = link.mgmt_sent(false);
  EXPECT_EQ(count_subtype(sent, MgmtSubtype::Authentication), 2);
  EXPECT_EQ(count_subtype(sent, MgmtSubtype::AssociationRequest), 1);
  // The retransmission went out one retry_timeout (100 ms) after the first try.
  std::vector<TimePoint> auth_times;
  for (const auto& a : link.air())
    if (!a.from_ap && a.bytes[0] == 0xb0) auth_times.push_back(a.at);
  ASSERT_EQ(auth_times.size(), 2u);
  EXPECT_EQ(auth_times[1] - auth_times[0], std::chrono::milliseconds(100));
  EXPECT_EQ(link.ap_of<StaAssociated>().size(), 1u);
  EXPECT_TRUE(link.sta_of<ConnectFailed>().empty());
}

TEST(MlmePair, SurvivesOneLostAuthenticationRequest) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  int n = 0;
  link.drop = [&](const harness::Aired& a) { return !a.from_ap && a.bytes[0] == 0xb0 && n++ == 0; };
  ASSERT_TRUE(sta.connect(
      kAp, AssocParams{to_bytes("wpslab-net"), std::nullopt, std::nullopt, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return sta.state() == StaMlme::State::Associated; },
                             kT0 + std::chrono::seconds(2)));
  EXPECT_EQ(count_subtype(link.mgmt_sent(false), MgmtSubtype::Authentication), 2);
}

TEST(MlmePair, LostAssociationResponseIsAnsweredAgainWithoutASecondEvent) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  int n = 0;
  link.drop = [&](const harness::Aired& a) { return a.from_ap && a.bytes[0] == 0x10 && n++ == 0; };
  ASSERT_TRUE(sta.connect(
      kAp, AssocParams{to_bytes("wpslab-net"), kAssocReqWps, std::nullopt, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return sta.state() == StaMlme::State::Associated; },
                             kT0 + std::chrono::seconds(2)));
  EXPECT_EQ(count_subtype(link.mgmt_sent(false), MgmtSubtype::AssociationRequest), 2);
  auto resps = link.mgmt_sent(true);
  ASSERT_EQ(count_subtype(resps, MgmtSubtype::AssociationResponse), 2);
  EXPECT_EQ(link.ap_of<StaAssociated>().size(), 1u);
  EXPECT_EQ(link.sta_of<Associated>().at(0).aid, 1);
  EXPECT_EQ(link.sta_of<Associated>().at(0).wps_ie, kAssocRespWps);
}

TEST(MlmePair, GivesUpAfterMaxTries) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  link.drop = [](const harness::Aired& a) { return !a.from_ap && a.bytes[0] == 0xb0; };
  ASSERT_TRUE(sta.connect(
      kAp, AssocParams{to_bytes("wpslab-net"), std::nullopt, std::nullopt, false}, link.now()));
  ASSERT_TRUE(link.run_until([&] { return !link.sta_of<ConnectFailed>().empty(); },
                             kT0 + std::chrono::seconds(2)));
  auto f = link.sta_of<ConnectFailed>().at(0);
  EXPECT_EQ(f.stage, ConnectStage::Authentication);
  EXPECT_FALSE(f.status);
  EXPECT_FALSE(f.reason);
  EXPECT_EQ(link.now() - kT0, std::chrono::milliseconds(300));  // 3 tries x 100 ms
  EXPECT_EQ(count_subtype(link.mgmt_sent(false), MgmtSubtype::Authentication), 3);
  EXPECT_EQ(sta.state(), StaMlme::State::Idle);
  EXPECT_FALSE(sta.next_deadline());
}

TEST(MlmePair, ProtectedDataFramesPassThroughOpaque) {
  ApMlme ap(ap_config(), kT0);
  StaMlme sta(sta_config());
  Link link(ap, sta, kT0);
  ASSERT_TRUE(sta.connect(kAp,
                          AssocParams{to_bytes("wpslab-net"), std::nullopt,
                                      build_rsn_element(wpa2_psk_ccmp()), false},
                          link.now()));
  ASSERT_TRUE(link.run_until([&] { return sta.state() == StaMlme::State::Associated; },
                             kT0 + std::chrono::seconds(1)));
  // A CCMP-protected frame (CCMP header ‖ ciphertext ‖ MIC as opaque bytes).
  DataFrame up = make_to_ds(kAp, kSta, MacAddr::broadcast(),
                            hex("01 00 00 20 00 00 00 00 11 22 33 44 55 66 77 88 99"));
  up.flags.protected_frame = true;
  ASSERT_TRUE(sta.send_data_frame(up, link.now()));
  DataFrame down = make_from_ds(kSta, kAp, kAp, hex("01 00 00 20 00 00 00 00 aa bb"));
  down.flags.protected_frame = true;
  ASSERT_TRUE(ap.send_data_frame(down, link.now()));
  link.pump();
  auto at_ap = link.ap_of<ProtectedDataReceived>();
  ASSERT_EQ(at_ap.size(), 1u);
  EXPECT_EQ(at_ap[0].peer, kSta);
  EXPECT_EQ(at_ap[0].frame.body, up.body);
  EXPECT_TRUE(at_ap[0].frame.flags.protected_frame);
  EXPECT_EQ(at_ap[0].frame.addr3, MacAddr::broadcast());
  auto sta_got = link.sta_of<ProtectedDataReceived>();
  ASSERT_EQ(sta_got.size(), 1u);
  EXPECT_EQ(sta_got[0].frame.body, down.body);
  // Wrong direction / addressing is refused, nothing sent.
  DataFrame wrong = make_from_ds(kSta, kAp, kAp, {});
  EXPECT_EQ(sta.send_data_frame(wrong, link.now()).error().code, Errc::BadValue);
  EXPECT_EQ(ap.send_data_frame(up, link.now()).error().code, Errc::BadValue);
}

}  // namespace
}  // namespace wps::dot11
