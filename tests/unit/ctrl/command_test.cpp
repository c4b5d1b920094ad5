// The control-interface parser and the AP's replies, against what hostapd 2.10 answered to the
// same requests (Debian 2:2.10-12+deb12u3, driver=wired, run here: the expected strings below
// are hostapd's replies, byte for byte).
#include "ctrl/command.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "ctrl/ap_control.hpp"

namespace wps::ctrl {
namespace {

Result<Command> parse(std::string_view s) {
  return parse_command(as_bytes(s));
}

TEST(CtrlCommand, ExactMatchesAndArguments) {
  EXPECT_TRUE(std::holds_alternative<Ping>(*parse("PING")));
  EXPECT_TRUE(std::holds_alternative<WpsPbc>(*parse("WPS_PBC")));
  auto p = parse("WPS_PIN any 12345670 300");
  ASSERT_TRUE(p);
  auto& pin = std::get<WpsPin>(*p);
  EXPECT_FALSE(pin.uuid);
  EXPECT_EQ(pin.pin, "12345670");
  EXPECT_EQ(pin.timeout_s, 300);
  auto u = parse("WPS_PIN 12345678-9abc-def0-1234-56789abcdef1 12345670");
  ASSERT_TRUE(u);
  EXPECT_TRUE(std::get<WpsPin>(*u).uuid);
  auto a = parse("WPS_AP_PIN set 12345670 60");
  ASSERT_TRUE(a);
  EXPECT_EQ(std::get<WpsApPin>(*a).action, WpsApPin::Action::Set);
  EXPECT_EQ(std::get<WpsApPin>(*a).timeout_s, 60);
}

TEST(CtrlCommand, UnknownAndBadArgumentsGetHostapdsReplies) {
  for (std::string_view s : {"FOO", "", "ping", "WPS_PIN", "WPS_AP_PIN", "WPS_CHECK_PIN",
                             "WPS_PBC foo", "STATUS foo", "PING foo", "GET_CONFIG x"}) {
    auto r = parse(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(error_reply(r.error()), "UNKNOWN COMMAND\n") << s;
  }
  for (std::string_view s : {"WPS_PIN any", "WPS_PIN bad 12345670", "WPS_AP_PIN foo"}) {
    auto r = parse(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(error_reply(r.error()), "FAIL\n") << s;
  }
}

TEST(CtrlCommand, CheckPinAnswersAsHostapd) {
  EXPECT_EQ(check_pin_reply("12345670"), "12345670");
  EXPECT_EQ(check_pin_reply("12345671"), "FAIL-CHECKSUM\n");
  EXPECT_EQ(check_pin_reply("1234-5670"), "12345670");
  EXPECT_EQ(check_pin_reply("1234"), "1234");
  EXPECT_EQ(check_pin_reply("abc"), "FAIL\n");
  EXPECT_EQ(check_pin_reply("1234567"), "FAIL\n");
  EXPECT_EQ(check_pin_reply("123456789"), "FAIL\n");
  EXPECT_EQ(check_pin_reply(""), "FAIL\n");
}

TEST(CtrlCommand, EveryPrefixOfEveryCommandIsHandledWithoutCrashing) {
  for (std::string_view s : {"WPS_PIN any 12345670 300", "WPS_AP_PIN set 12345670 60",
                             "WPS_CHECK_PIN 1234-5670", "LEVEL 3"}) {
    for (std::size_t n = 0; n <= s.size(); ++n) (void)parse(s.substr(0, n));
  }
  std::uint8_t junk[] = {0x00, 0xff, 'W', 'P', 'S', '_', 'P', 'I', 'N', ' ', 0x80};
  EXPECT_FALSE(parse_command(ByteView(junk, sizeof(junk))));
}

struct Ctl {
  crypto::Drbg rng{1, "ctl"};
  interop::ApService ap;
  ApControl ctl;
  bool attached = false;
  TimePoint now{};
  Ctl() : ap(cfg(), rng), ctl(ap, info(), rng) {}
  /// An AP with the AP-PIN method (an enrollee template) and hostapd.conf ap_setup_locked=1.
  struct WithApPin {};
  explicit Ctl(WithApPin) : ap(locked_cfg(), rng), ctl(ap, ap_pin_info(), rng) {}
  static interop::ApServiceConfig cfg() {
    interop::ApServiceConfig c;
    c.own_mac = MacAddr({2, 0, 0, 0, 0x0a, 1});
    return c;
  }
  static interop::ApServiceConfig locked_cfg() {
    interop::ApServiceConfig c = cfg();
    c.lock.locked_forever = true;
    return c;
  }
  static ApInfo ap_pin_info() {
    ApInfo i = info();
    proto::EnrolleeConfig e;
    e.mac = i.bssid;
    e.eap_peer = false;
    i.ap_enrollee_template = e;
    return i;
  }
  /// The clock moves to `t`; the AP's deadlines that fell due run, its notes reach the control.
  void at(TimePoint t) {
    now = t;
    if (auto d = ap.next_deadline(); d && *d <= now) ap.on_deadline(now);
    drain();
  }
  void drain() {
    while (auto o = ap.poll())
      if (o->kind == interop::ServiceOutput::Kind::Note) ctl.on_note(o->note);
  }
  static ApInfo info() {
    ApInfo i;
    i.iface = "vq1";
    i.bssid = MacAddr({2, 0, 0, 0, 0x0a, 1});
    i.ssid = "wps-interop-test";
    i.passphrase = "interop-passphrase-1234";
    i.psk_hex = "1f8ca07faabf11848521095d52eae43aa8cb7e6896472dd83d10ae9062cd4ae5";
    return i;
  }
  std::string req(std::string_view s) {
    bool a = false, d = false;
    auto r = ctl.handle(as_bytes(s), attached, a, d, now);
    if (a) attached = true;
    if (d) attached = false;
    drain();
    return r;
  }
};

TEST(ApControl, RepliesAsHostapd) {
  Ctl c;
  EXPECT_EQ(c.req("PING"), "PONG\n");
  EXPECT_EQ(c.req("WPS_PIN any 12345670"), "OK\n");
  EXPECT_EQ(c.req("WPS_PIN any 1234"), "OK\n");
  EXPECT_EQ(c.req("WPS_AP_PIN get"), "FAIL\n");
  EXPECT_EQ(c.req("WPS_AP_PIN set 12345670"), "12345670");
  EXPECT_EQ(c.req("WPS_AP_PIN get"), "12345670");
  EXPECT_EQ(c.req("WPS_AP_PIN disable"), "OK\n");
  EXPECT_EQ(c.req("WPS_AP_PIN get"), "FAIL\n");
  auto r = c.req("WPS_AP_PIN random");
  EXPECT_EQ(r.size(), 8u);
  EXPECT_EQ(check_pin_reply(r), r);
  EXPECT_EQ(c.req("DETACH"), "FAIL\n");
  EXPECT_EQ(c.req("LEVEL 1"), "FAIL\n");
  EXPECT_EQ(c.req("GET_CONFIG"),
            "bssid=02:00:00:00:0a:01\nssid=wps-interop-test\nwps_state=configured\n"
            "passphrase=interop-passphrase-1234\n"
            "psk=1f8ca07faabf11848521095d52eae43aa8cb7e6896472dd83d10ae9062cd4ae5\nwpa=2\n"
            "key_mgmt=WPA-PSK\ngroup_cipher=CCMP\nrsn_pairwise_cipher=CCMP\n");
  auto st = c.req("STATUS");
  EXPECT_EQ(st.substr(0, 20), "state=ENABLED\nphy=\nf");
  EXPECT_NE(st.find("\nbss[0]=vq1\nbssid[0]=02:00:00:00:0a:01\nssid[0]=wps-interop-test\n"
                    "num_sta[0]=0\n"),
            std::string::npos);
}

TEST(ApControl, PbcEventsAndStatusAsHostapd) {
  Ctl c;
  EXPECT_EQ(c.req("ATTACH"), "OK\n");
  EXPECT_EQ(c.req("WPS_GET_STATUS"), "PBC Status: Disabled\nLast WPS result: None\n");
  EXPECT_EQ(c.req("WPS_PBC"), "OK\n");
  EXPECT_EQ(c.ctl.take_events(), std::vector<std::string>{"WPS-PBC-ACTIVE "});
  EXPECT_EQ(c.req("WPS_GET_STATUS"), "PBC Status: Active\nLast WPS result: None\n");
  EXPECT_EQ(c.req("WPS_CANCEL"), "OK\n");
  EXPECT_EQ(c.ctl.take_events(), (std::vector<std::string>{"WPS-TIMEOUT ", "WPS-CANCEL "}));
  EXPECT_EQ(c.req("WPS_GET_STATUS"), "PBC Status: Timed-out\nLast WPS result: None\n");
  EXPECT_EQ(c.req("WPS_CANCEL"), "OK\n");
  EXPECT_EQ(c.ctl.take_events(), std::vector<std::string>{"WPS-CANCEL "});
  EXPECT_EQ(c.req("DETACH"), "OK\n");
  EXPECT_EQ(c.req("DETACH"), "FAIL\n");
}

// hostapd_ctrl_iface_wps_ap_pin: `set PIN [timeout]` and `random [timeout]` enable the AP PIN for
// 300 s by default (0 = no limit); hostapd_wps_ap_pin_enable clears the lock counters and unlocks
// (even hostapd.conf ap_setup_locked=1); hostapd_wps_ap_pin_timeout disables the PIN and reports
// WPS-AP-PIN-DISABLED.
TEST(ApControl, ApPinSetUnlocksAndTimesOutAfterHostapdsDefault) {
  using namespace std::chrono_literals;
  Ctl c{Ctl::WithApPin{}};
  EXPECT_TRUE(c.ap.setup_lock().locked());
  EXPECT_EQ(c.req("ATTACH"), "OK\n");
  EXPECT_EQ(c.req("WPS_AP_PIN set 12345670"), "12345670");
  EXPECT_EQ(c.ctl.take_events(), std::vector<std::string>{"WPS-AP-SETUP-UNLOCKED "});
  EXPECT_FALSE(c.ap.setup_lock().locked());
  ASSERT_TRUE(c.ap.config().ap_enrollee.has_value());
  ASSERT_EQ(c.ap.next_deadline(), TimePoint{} + 300s);
  c.at(TimePoint{} + 299s);
  EXPECT_TRUE(c.ctl.take_events().empty());
  EXPECT_EQ(c.req("WPS_AP_PIN get"), "12345670");
  c.at(TimePoint{} + 300s);
  EXPECT_EQ(c.ctl.take_events(), std::vector<std::string>{"WPS-AP-PIN-DISABLED "});
  EXPECT_EQ(c.req("WPS_AP_PIN get"), "FAIL\n");
  EXPECT_FALSE(c.ap.config().ap_enrollee.has_value());
  EXPECT_FALSE(c.ap.next_deadline().has_value());

  EXPECT_EQ(c.req("WPS_AP_PIN set 12345670 0"), "12345670");
  EXPECT_FALSE(c.ap.next_deadline().has_value());
  auto r = c.req("WPS_AP_PIN random 60");
  EXPECT_EQ(r.size(), 8u);
  EXPECT_EQ(c.ap.next_deadline(), c.now + 60s);
  EXPECT_EQ(c.req("WPS_AP_PIN disable"), "OK\n");
  EXPECT_FALSE(c.ap.next_deadline().has_value());
  EXPECT_TRUE(c.ctl.take_events().empty());
}

}  // namespace
}  // namespace wps::ctrl

namespace wps::ctrl {
namespace {

// NFC commands (NFC-PBC facts §4-§6, §8): replies as hostapd 2.10 gives them.
TEST(CtrlCommand, NfcCommandsParseAsHostapd) {
  EXPECT_TRUE(std::holds_alternative<WpsNfcToken>(*parse("WPS_NFC_TOKEN NDEF")));
  EXPECT_EQ(std::get<WpsNfcToken>(*parse("WPS_NFC_TOKEN enable")).action,
            WpsNfcToken::Action::Enable);
  EXPECT_TRUE(std::get<WpsNfcConfigToken>(*parse("WPS_NFC_CONFIG_TOKEN NDEF")).ndef);
  EXPECT_EQ(std::get<WpsNfcTagRead>(*parse("WPS_NFC_TAG_READ 10AB")).data, (Bytes{0x10, 0xab}));
  EXPECT_FALSE(std::get<NfcGetHandoverSel>(*parse("NFC_GET_HANDOVER_SEL WPS WPS-CR")).ndef);
  auto h = parse("NFC_REPORT_HANDOVER RESP WPS 0102 0304");
  ASSERT_TRUE(h);
  EXPECT_EQ(std::get<NfcReportHandover>(*h).request, (Bytes{1, 2}));
  for (std::string_view s :
       {"WPS_NFC_TOKEN foo", "WPS_NFC_TOKEN ndef", "WPS_NFC_CONFIG_TOKEN x", "WPS_NFC_TAG_READ 10A",
        "WPS_NFC_TAG_READ zz", "NFC_GET_HANDOVER_SEL NDEF", "NFC_GET_HANDOVER_SEL NDEF WPS",
        "NFC_REPORT_HANDOVER INIT WPS 01 02", "NFC_REPORT_HANDOVER RESP WPS 01"}) {
    auto r = parse(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(error_reply(r.error()), "FAIL\n") << s;
  }
}

TEST(ApControl, NfcTokensAsHostapd) {
  Ctl c;
  // Before any token exists, enable fails; WPS / NDEF make one, a new one per call.
  EXPECT_EQ(c.req("WPS_NFC_TOKEN enable"), "FAIL\n");
  const std::string t1 = c.req("WPS_NFC_TOKEN NDEF");
  const std::string t2 = c.req("WPS_NFC_TOKEN WPS");
  ASSERT_EQ(t1.back(), '\n');
  EXPECT_EQ(t1.rfind("D2174461", 0), 0U) << t1;    // one NDEF record, 68-octet payload
  EXPECT_EQ(t2.rfind("102C0036", 0), 0U) << t2;    // bare: OOB Device Password first
  EXPECT_NE(t1.substr(54, 40), t2.substr(8, 40));  // another key
  EXPECT_EQ(c.req("WPS_NFC_TOKEN enable"), "");    // empty reply, as hostapd
  EXPECT_EQ(c.req("WPS_NFC_TOKEN disable"), "");
  // The configuration token of the fact sheet, byte for byte (same SSID, passphrase, address).
  EXPECT_EQ(c.req("WPS_NFC_CONFIG_TOKEN WPS"),
            "100E004A1026000101104500107770732D696E7465726F702D74657374100300020020100F0002000810"
            "270017696E7465726F702D706173737068726173652D3132333410200006000000000000103C00010110"
            "200006020000000A011049000600372A000120\n");
  // A station's password token is taken once per read; a configuration token is refused.
  const std::string sta_token =
      "102C0036EC85FD88F745410FD6B983616C7A46C32E5A79EA1234FCA2750741DF92202467F1490057234D492B"
      "D98925A68CBBBEA28B0EABC9D2EE1049000600372A000120";
  EXPECT_EQ(c.req("WPS_NFC_TAG_READ " + sta_token), "OK\n");
  EXPECT_EQ(c.ap.nfc_tokens().size(), 1U);
  EXPECT_EQ(c.req("WPS_NFC_TAG_READ 100E0004"), "FAIL\n");
  EXPECT_EQ(c.req("WPS_NFC_TAG_READ 10"), "FAIL\n");
}

TEST(ApControl, NfcHandoverAsHostapd) {
  Ctl c;
  const std::string sel = c.req("NFC_GET_HANDOVER_SEL NDEF WPS-CR");
  auto t = wsc::read_token(*from_hex(sel.substr(0, sel.size() - 1)));
  ASSERT_TRUE(t);
  const auto* s = std::get_if<wsc::HandoverSelect>(&t->body);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ssid, to_bytes("wps-interop-test"));
  EXPECT_FALSE(s->rf_bands);  // wired: no frequency, as hostapd's select there
  // The request of the fact sheet's recorded pair; the select argument is not read.
  const std::string req =
      "D2173A6170706C69636174696F6E2F766E642E7766612E7773630038102C00162CA0EE67076F73A8D61E009F"
      "BC33492742E8E78A000710470010123456789ABCDEF0123456789ABCDE011049000600372A000120";
  EXPECT_EQ(c.req("NFC_REPORT_HANDOVER RESP WPS " + req + " 00"), "OK\n");
  EXPECT_TRUE(c.ap.nfc_tokens().contains(wsc::kHandoverDpid));
  // A password token is not a handover request.
  EXPECT_EQ(c.req("NFC_REPORT_HANDOVER RESP WPS 102C0036EC85FD88F745410FD6B983616C7A46C32E5A79EA"
                  "1234FCA2750741DF92202467F1490057234D492BD98925A68CBBBEA28B0EABC9D2EE10490006"
                  "00372A000120 00"),
            "FAIL\n");
}

}  // namespace
}  // namespace wps::ctrl
