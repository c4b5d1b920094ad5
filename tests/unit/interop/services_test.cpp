// ApService and StaService (the sans-I/O halves of `wpslab ap` / `wpslab sta`) wired back to
// back in one process, with a fake clock: the STA-PIN registration (default and 100-octet
// fragments), the late PIN (M2D, retry after retry_after, PIN added with add_pin), a wrong first
// or second PIN half (WSC_NACK with Configuration Error 18, the station gives up), and what the
// services report about it (notes, key log). Until now only tests/interop/*.sh (root, network
// namespaces) exercised these classes. The harness is in service_harness.hpp.
#include "interop/services.hpp"

#include <gtest/gtest.h>

#include "service_harness.hpp"
#include "wps/pin.hpp"

namespace wps::interop {
namespace {

using namespace svctest;

/// The credential a station got, as the strings a user would compare.
void expect_network_credential(const StaService& sta, const MacAddr& own) {
  ASSERT_TRUE(sta.success().has_value());
  ASSERT_EQ(sta.success()->credentials.size(), 1u);
  const wsc::Credential& c = sta.success()->credentials.front();
  EXPECT_EQ(as_chars(c.ssid), kSsid);
  EXPECT_EQ(as_chars(crypto::view(c.network_key)), kPassphrase);
  EXPECT_EQ(c.auth_type, wsc::AuthType::Wpa2Psk);
  EXPECT_EQ(c.encr_type, wsc::EncrType::Aes);
  EXPECT_EQ(c.mac_address, own) << "the registrar puts the enrollee's MAC in the credential";
}

TEST(ApStaServices, StaPinRegistrationDeliversTheApNetwork) {
  Segment seg(ap_config());
  seg.add_pin(kPin);
  std::size_t s = seg.add_sta(sta_config(1, kPin));
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());

  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Succeeded);
  EXPECT_EQ(seg.sta(s).rounds(), 1);
  EXPECT_FALSE(seg.sta(s).last_failure().has_value());
  expect_network_credential(seg.sta(s), sta_mac(1));

  // The station's view: it found the AP and reports the credential.
  const EndpointLog& sl = seg.sta_log(s);
  ASSERT_EQ(sl.count("authenticator"), 1u);
  EXPECT_EQ(sl.events("authenticator")[0]->note.mac, kApMac);
  ASSERT_EQ(sl.count("success"), 1u);
  const Note& sn = sl.events("success")[0]->note;
  EXPECT_EQ(sn.mac, kApMac);
  EXPECT_EQ(field(sn, "ssid"), std::string(kSsid));
  EXPECT_EQ(field(sn, "network_key"), std::string(kPassphrase));
  EXPECT_EQ(field(sn, "cred_mac"), sta_mac(1).str());
  EXPECT_FALSE(sl.has("failure"));
  EXPECT_FALSE(sl.has("retry"));

  // The AP's view: one session for the station's MAC, one success naming it.
  const EndpointLog& al = seg.ap_log();
  EXPECT_EQ(al.count("pin-added"), 1u);
  EXPECT_EQ(field(al.events("pin-added")[0]->note, "for"), "any");
  EXPECT_EQ(al.count("session", sta_mac(1)), 1u);
  ASSERT_EQ(al.count("success"), 1u);
  const Note& an = al.events("success")[0]->note;
  EXPECT_EQ(an.mac, sta_mac(1));
  EXPECT_EQ(field(an, "uuid_e"), uuid_str(uuid_of(0xe1)));
  EXPECT_EQ(field(an, "ssid"), std::string(kSsid));
  EXPECT_EQ(field(an, "network_key"), std::string(kPassphrase));
  EXPECT_EQ(field(an, "cred_mac"), sta_mac(1).str());
  EXPECT_EQ(seg.ap().successes(), 1);
  EXPECT_FALSE(al.has("failure"));
  EXPECT_FALSE(al.has("drop"));

  // What went over the wire, in the order of hostapd's conversation (WPS-FACTS §1). The station
  // sends to the PAE group address (wpa_supplicant on a wired port), the AP answers unicast.
  EXPECT_EQ(sl.summaries(),
            (std::vector<std::string>{"Start", "Resp/Identity", "Resp/M1", "Resp/M3", "Resp/M5",
                                      "Resp/M7", "Resp/WSC_Done"}));
  EXPECT_EQ(al.summaries(), (std::vector<std::string>{"Req/Identity", "Req/WSC_Start", "Req/M2",
                                                      "Req/M4", "Req/M6", "Req/M8", "Failure"}));
  for (const Bytes& f : sl.frames) {
    EXPECT_EQ(dst_of(f), eap::kPaeGroupAddress);
    EXPECT_EQ(src_of(f), sta_mac(1));
  }
  for (const Bytes& f : al.frames) {
    EXPECT_EQ(dst_of(f), sta_mac(1));
    EXPECT_EQ(src_of(f), kApMac);
  }

  // Both key logs are keyed by the enrollee's MAC and agree on the session keys.
  for (std::string_view label : {"AUTHKEY", "KEYWRAPKEY", "EMSK", "DHKEY", "KDK"}) {
    auto a = al.key(label, sta_mac(1));
    auto b = sl.key(label, sta_mac(1));
    ASSERT_TRUE(a && b) << label;
    EXPECT_EQ(*a, *b) << label;
    EXPECT_FALSE(a->empty()) << label;
  }
  EXPECT_TRUE(al.key("DH_PRIVATE_R", sta_mac(1)));
  EXPECT_TRUE(sl.key("DH_PRIVATE_E", sta_mac(1)));
  EXPECT_FALSE(sl.key("DH_PRIVATE_R", sta_mac(1))) << "the station never knows the AP's secret";

  // Nothing left to do on either side.
  EXPECT_FALSE(seg.sta(s).next_deadline());
  EXPECT_FALSE(seg.ap().next_deadline());
}

TEST(ApStaServices, StaticPinServesTheStationToo) {
  ApServiceConfig cfg = ap_config();
  cfg.static_pin = std::string(kPin);
  Segment seg(cfg);
  std::size_t s = seg.add_sta(sta_config(1, kPin));
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());
  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Succeeded);
  expect_network_credential(seg.sta(s), sta_mac(1));
  EXPECT_EQ(seg.ap_log().count("success", sta_mac(1)), 1u);
}

/// Frames whose EAP-WSC Flags carry More Fragments.
std::size_t mf_frames(const EndpointLog& log) {
  std::size_t n = 0;
  for (const Bytes& f : log.frames) {
    auto w = wsc_of(f);
    if (w && w->more_fragments()) ++n;
  }
  return n;
}

TEST(ApStaServices, FragmentSize100FragmentsBothDirections) {
  ApServiceConfig cfg = ap_config();
  cfg.fragment_size = 100;
  Segment seg(cfg);
  seg.add_pin(kPin);
  StaServiceConfig sc = sta_config(1, kPin);
  sc.peer.fragment_size = 100;
  std::size_t s = seg.add_sta(sc);
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());

  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Succeeded);
  expect_network_credential(seg.sta(s), sta_mac(1));
  EXPECT_EQ(seg.ap_log().count("success", sta_mac(1)), 1u);

  // M1 and M2 alone (several hundred octets each, the 192-octet public key included) need at
  // least four 100-octet fragments, so each side sent several MF fragments and acknowledged the
  // other's with WSC_FRAG_ACK.
  const EndpointLog& al = seg.ap_log();
  const EndpointLog& sl = seg.sta_log(s);
  EXPECT_GE(mf_frames(al), 4u);
  EXPECT_GE(mf_frames(sl), 4u);
  auto count = [](const std::vector<std::string>& v, std::string_view what) {
    return std::count(v.begin(), v.end(), what);
  };
  EXPECT_EQ(count(al.summaries(), "Req/FRAG_ACK"), static_cast<long>(mf_frames(sl)));
  EXPECT_EQ(count(sl.summaries(), "Resp/FRAG_ACK"), static_cast<long>(mf_frames(al)));
  // No EAP-WSC payload (Op-Code onward) exceeds the threshold. The first fragment carries the
  // 4 header octets + 96 data octets.
  for (const EndpointLog* log : {&al, &sl}) {
    for (const Bytes& f : log->frames) {
      auto w = wsc_of(f);
      if (!w) continue;
      std::size_t payload = (w->message_length ? 4u : 2u) + w->data.size();
      EXPECT_LE(payload, 100u) << summarize(f);
    }
  }
  // The same registration unfragmented sends no MF at all (so the count above is the setting's
  // doing).
  Segment plain(ap_config());
  plain.add_pin(kPin);
  std::size_t p = plain.add_sta(sta_config(1, kPin));
  plain.start(p);
  ASSERT_TRUE(plain.run_until_stations_done());
  EXPECT_EQ(plain.sta(p).status(), StaService::Status::Succeeded);
  EXPECT_EQ(mf_frames(plain.ap_log()) + mf_frames(plain.sta_log(p)), 0u);
  EXPECT_GT(al.frames.size(), plain.ap_log().frames.size() + 4);
}

TEST(ApStaServices, LatePinGivesM2DThenTheRetryAfterAddPinSucceeds) {
  Segment seg(ap_config());  // no PIN yet
  StaServiceConfig sc = sta_config(1, kPin);
  sc.retry_after = 6s;
  std::size_t s = seg.add_sta(sc);
  seg.start(s);
  ASSERT_TRUE(seg.run([&] { return seg.sta_log(s).has("retry"); }));

  // Round 1: M1 answered with M2D; the AP says a PIN is needed for this enrollee.
  const EndpointLog& al = seg.ap_log();
  ASSERT_EQ(al.count("pin-needed"), 1u);
  const Note& pn = al.events("pin-needed")[0]->note;
  EXPECT_EQ(pn.mac, sta_mac(1));
  EXPECT_EQ(field(pn, "uuid_e"), uuid_str(uuid_of(0xe1)));
  EXPECT_EQ(field(pn, "device_name"), "svc-sta-1");
  EXPECT_EQ(al.summaries(sta_mac(1)),
            (std::vector<std::string>{"Req/Identity", "Req/WSC_Start", "Req/M2D", "Failure"}));
  EXPECT_EQ(seg.ap().successes(), 0);
  // The station acknowledged the M2D, noted it, and will retry: it has not given up.
  const EndpointLog& sl = seg.sta_log(s);
  EXPECT_EQ(sl.summaries().back(), "Resp/WSC_ACK");
  EXPECT_EQ(sl.count("m2d"), 1u);
  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Running);
  ASSERT_TRUE(seg.sta(s).last_failure());
  EXPECT_EQ(seg.sta(s).last_failure()->reason, Errc::PeerM2D);
  EXPECT_FALSE(seg.sta(s).success());
  const TimePoint retry_noted = sl.events("retry")[0]->at;
  EXPECT_EQ(field(sl.events("retry")[0]->note, "after_s"), std::to_string(6.0));
  ASSERT_TRUE(seg.sta(s).next_deadline());
  EXPECT_EQ(*seg.sta(s).next_deadline(), retry_noted + 6s);

  // The operator types the PIN while the station waits.
  seg.advance(2s);
  seg.add_pin(kPin);
  ASSERT_TRUE(seg.run_until_stations_done());

  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Succeeded);
  EXPECT_EQ(seg.sta(s).rounds(), 2);
  expect_network_credential(seg.sta(s), sta_mac(1));
  ASSERT_EQ(sl.count("round"), 2u);
  const Stamped* round2 = sl.events("round")[1];
  EXPECT_EQ(field(round2->note, "n"), "2");
  EXPECT_EQ(round2->at, retry_noted + 6s) << "the second round starts retry_after later";
  EXPECT_EQ(al.count("success", sta_mac(1)), 1u);
  EXPECT_EQ(al.count("pin-needed"), 1u) << "no second M2D";
  EXPECT_EQ(al.count("session", sta_mac(1)), 2u) << "the second EAPOL-Start opens a new session";
  EXPECT_EQ(seg.ap().successes(), 1);
}

TEST(ApStaServices, PinForThisUuidAfterTwoM2DsSucceedsOnTheThirdRound) {
  Segment seg(ap_config());
  StaServiceConfig sc = sta_config(2, kPin);
  sc.retry_after = 3s;
  std::size_t s = seg.add_sta(sc);
  seg.start(s);
  ASSERT_TRUE(seg.run([&] { return seg.sta_log(s).count("retry") == 2; }));
  EXPECT_EQ(seg.ap_log().count("pin-needed", sta_mac(2)), 2u);
  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Running);

  // The operator enters the PIN for this station's UUID-E only.
  seg.add_pin(kPin, uuid_of(0xe2));
  ASSERT_EQ(seg.ap_log().count("pin-added"), 1u);
  EXPECT_EQ(field(seg.ap_log().events("pin-added")[0]->note, "for"), uuid_of(0xe2).hex());
  ASSERT_TRUE(seg.run_until_stations_done());
  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Succeeded);
  EXPECT_EQ(seg.sta(s).rounds(), 3);
  expect_network_credential(seg.sta(s), sta_mac(2));
  EXPECT_EQ(seg.ap_log().count("pin-needed", sta_mac(2)), 2u);
}

TEST(ApStaServices, PinBoundToAnotherEnrolleeGivesM2D) {
  Segment seg(ap_config());
  seg.add_pin(kPin, uuid_of(0x55));  // some other device's UUID
  StaServiceConfig sc = sta_config(1, kPin);
  sc.max_rounds = 1;
  std::size_t s = seg.add_sta(sc);
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());
  EXPECT_EQ(seg.sta(s).status(), StaService::Status::Failed) << "max_rounds = 1";
  EXPECT_EQ(seg.ap_log().count("pin-needed", sta_mac(1)), 1u);
  ASSERT_TRUE(seg.sta(s).last_failure());
  EXPECT_EQ(seg.sta(s).last_failure()->reason, Errc::PeerM2D);
  EXPECT_FALSE(seg.sta(s).success());
}

/// A valid PIN (checksum included) that differs from kPin only in its second half.
constexpr std::string_view kPinWrongSecondHalf = "12340002";
/// A valid PIN whose first half differs from kPin's.
constexpr std::string_view kPinWrongFirstHalf = "87654325";

TEST(ApStaServices, TestPinsAreValidSoOnlyTheHalvesDiffer) {
  EXPECT_TRUE(proto::check_pin(kPin).ok());
  EXPECT_TRUE(proto::check_pin(kPinWrongSecondHalf).ok());
  EXPECT_TRUE(proto::check_pin(kPinWrongFirstHalf).ok());
  EXPECT_EQ(kPinWrongSecondHalf.substr(0, 4), kPin.substr(0, 4));
  EXPECT_NE(kPinWrongSecondHalf.substr(4), kPin.substr(4));
  EXPECT_NE(kPinWrongFirstHalf.substr(0, 4), kPin.substr(0, 4));
}

// A station that found a wrong PIN half: failed for good after one round, NACK with error 18.
void expect_wrong_pin_end(const StaService& sta, Errc reason, wsc::MsgType at) {
  EXPECT_EQ(sta.status(), StaService::Status::Failed);
  EXPECT_EQ(sta.rounds(), 1);
  EXPECT_FALSE(sta.success());
  ASSERT_TRUE(sta.last_failure());
  EXPECT_EQ(sta.last_failure()->reason, reason);
  EXPECT_EQ(sta.last_failure()->at, at);
  EXPECT_EQ(sta.last_failure()->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_TRUE(sta.last_failure()->nack_sent);
}

TEST(ApStaServices, WrongFirstPinHalfFailsAfterM4WithError18AndTheStationGivesUp) {
  Segment seg(ap_config());
  seg.add_pin(kPin);
  StaServiceConfig sc = sta_config(1, kPinWrongFirstHalf);
  sc.retry_after = 1s;  // would retry quickly if it did not give up
  std::size_t s = seg.add_sta(sc);
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());

  // The enrollee finds R-Hash1 wrong in M4 and NACKs with error 18 (WPS-FACTS §7).
  StaService& sta = seg.sta(s);
  expect_wrong_pin_end(sta, Errc::RHash1Mismatch, wsc::MsgType::M4);
  EXPECT_FALSE(sta.next_deadline());
  const EndpointLog& sl = seg.sta_log(s);
  EXPECT_EQ(sl.summaries(), (std::vector<std::string>{"Start", "Resp/Identity", "Resp/M1",
                                                      "Resp/M3", "Resp/WSC_NACK"}));
  ASSERT_EQ(sl.count("failure"), 1u);
  const Note& sf = sl.events("failure")[0]->note;
  EXPECT_EQ(field(sf, "reason"), "r_hash1_mismatch");
  EXPECT_EQ(field(sf, "at"), "M4");
  EXPECT_EQ(field(sf, "config_error"), "18");
  EXPECT_EQ(field(sf, "nack_sent"), "true");
  EXPECT_FALSE(sl.has("retry"));
  EXPECT_FALSE(sl.has("success"));

  // The AP reports the station's NACK: error 18, right after its M4.
  const EndpointLog& al = seg.ap_log();
  ASSERT_EQ(al.count("failure", sta_mac(1)), 1u);
  const Note& af = al.events("failure", sta_mac(1))[0]->note;
  EXPECT_EQ(field(af, "reason"), "peer_nack");
  EXPECT_EQ(field(af, "at"), "WSC_NACK");
  EXPECT_EQ(field(af, "config_error"), "18");
  EXPECT_EQ(field(af, "by_peer"), "true");
  EXPECT_EQ(field(af, "after"), "M4");
  EXPECT_EQ(al.summaries().back(), "Failure");
  EXPECT_EQ(seg.ap().successes(), 0);
  EXPECT_FALSE(al.has("success"));

  // Only the first half was exposed, so the AP keeps the PIN (WPS-FACTS §8): the same enrollee
  // with the right PIN then registers.
  seg.set_present(s, false);
  std::size_t again = seg.add_sta(sta_config(1, kPin));
  seg.start(again);
  ASSERT_TRUE(seg.run_until_stations_done());
  EXPECT_EQ(seg.sta(again).status(), StaService::Status::Succeeded);
  expect_network_credential(seg.sta(again), sta_mac(1));
}

TEST(ApStaServices, WrongSecondPinHalfFailsAfterM6WithError18AndThePinIsGone) {
  Segment seg(ap_config());
  seg.add_pin(kPin);
  std::size_t s = seg.add_sta(sta_config(1, kPinWrongSecondHalf));
  seg.start(s);
  ASSERT_TRUE(seg.run_until_stations_done());

  StaService& sta = seg.sta(s);
  expect_wrong_pin_end(sta, Errc::RHash2Mismatch, wsc::MsgType::M6);
  const EndpointLog& sl = seg.sta_log(s);
  // The first half was right: M5 went out; the second was wrong: no M7.
  EXPECT_EQ(sl.summaries(), (std::vector<std::string>{"Start", "Resp/Identity", "Resp/M1",
                                                      "Resp/M3", "Resp/M5", "Resp/WSC_NACK"}));
  const Note& sf = sl.events("failure").at(0)->note;
  EXPECT_EQ(field(sf, "reason"), "r_hash2_mismatch");
  EXPECT_EQ(field(sf, "at"), "M6");
  EXPECT_EQ(field(sf, "config_error"), "18");
  EXPECT_FALSE(sl.has("retry"));

  const EndpointLog& al = seg.ap_log();
  ASSERT_EQ(al.count("failure", sta_mac(1)), 1u);
  const Note& af = al.events("failure", sta_mac(1))[0]->note;
  EXPECT_EQ(field(af, "reason"), "peer_nack");
  EXPECT_EQ(field(af, "config_error"), "18");
  EXPECT_EQ(field(af, "after"), "M6");
  EXPECT_EQ(seg.ap().successes(), 0);

  // R-S2 went out in M6: the whole PIN is exposed and the AP drops it (WPS-FACTS §8). Even the
  // right PIN now gets M2D until the operator enters a new one.
  StaServiceConfig rc = sta_config(1, kPin);
  rc.max_rounds = 1;
  seg.set_present(s, false);
  std::size_t again = seg.add_sta(rc);
  seg.start(again);
  ASSERT_TRUE(seg.run_until_stations_done());
  EXPECT_EQ(seg.sta(again).status(), StaService::Status::Failed);
  ASSERT_TRUE(seg.sta(again).last_failure());
  EXPECT_EQ(seg.sta(again).last_failure()->reason, Errc::PeerM2D);
  EXPECT_EQ(al.count("pin-needed", sta_mac(1)), 1u);
}

}  // namespace
}  // namespace wps::interop
