// hostapd.conf reader of `wpslab ap` and the wpa_supplicant network block writer.
#include <gtest/gtest.h>

#include "interop/hostapd_conf.hpp"
#include "interop/wpa_conf.hpp"
#include "support/test_support.hpp"

namespace wps::interop {
namespace {

constexpr std::string_view kConf =
    "interface=vethA\n"
    "driver=wired\n"
    "# comment\n"
    "\n"
    "ssid=wps-interop-test\n"
    "wpa_passphrase=interop-passphrase-1234\n"
    "wps_state=2\n"
    "ap_setup_locked=1\n"
    "eap_server=1\n"
    "uuid=12345678-9abc-def0-1234-56789abcdef0\n"
    "device_name=InteropAP\n"
    "device_type=6-0050F204-1\n"
    "os_version=01020300\n"
    "config_methods=label virtual_display virtual_push_button keypad\n"
    "fragment_size=100\n"
    "ap_pin=12345670\n";

TEST(HostapdConf, ReadsTheKeysOfTheInteropConfig) {
  HostapdConf c = parse_hostapd_conf(kConf);
  EXPECT_EQ(c.interface, "vethA");
  EXPECT_EQ(c.ssid, "wps-interop-test");
  EXPECT_EQ(c.wpa_passphrase, "interop-passphrase-1234");
  EXPECT_EQ(c.wps_state, 2);
  EXPECT_TRUE(c.ap_setup_locked);
  EXPECT_TRUE(c.eap_server);
  ASSERT_TRUE(c.uuid);
  EXPECT_EQ(uuid_str(*c.uuid), "12345678-9abc-def0-1234-56789abcdef0");
  EXPECT_EQ(c.device.device_name, "InteropAP");
  EXPECT_EQ(c.device.primary_device_type.category, 6);
  EXPECT_EQ(c.device.primary_device_type.subcategory, 1);
  EXPECT_EQ(c.os_version, 0x01020300u);
  EXPECT_EQ(c.config_methods, 0x238C);  // hostapd's value for these four words
  EXPECT_EQ(c.fragment_size, 100u);
  EXPECT_EQ(c.ap_pin, "12345670");
  ASSERT_EQ(c.notices.size(), 1u);
  EXPECT_NE(c.notices[0].find("line 2"), std::string::npos);
  wsc::Credential cred = c.credential();
  EXPECT_EQ(std::string(as_chars(cred.ssid)), "wps-interop-test");
  EXPECT_EQ(cred.auth_type, wsc::AuthType::Wpa2Psk);
}

int error_line(std::string_view text) {
  try {
    (void)parse_hostapd_conf(text);
  } catch (const ConfError& e) {
    return e.line;
  }
  return -1;
}

TEST(HostapdConf, RejectsUnknownKeysAndBadValuesWithTheLine) {
  EXPECT_EQ(error_line("ssid=x\nbogus_key=1\n"), 2);
  EXPECT_EQ(error_line("ssid=x\n\nwps_state=3\n"), 3);
  EXPECT_EQ(error_line("wpa_passphrase=short\n"), 1);
  EXPECT_EQ(error_line("wpa_psk=abcd\n"), 1);
  EXPECT_EQ(error_line("ssid=123456789012345678901234567890123\n"), 1);
  EXPECT_EQ(error_line("uuid=1234\n"), 1);
  EXPECT_EQ(error_line("device_type=6-0050F2-1\n"), 1);
  EXPECT_EQ(error_line("config_methods=label telepathy\n"), 1);
  EXPECT_EQ(error_line("os_version=xyz\n"), 1);
  EXPECT_EQ(error_line("fragment_size=10\n"), 1);
  EXPECT_EQ(error_line("ap_pin=12ab\n"), 1);
  EXPECT_EQ(error_line("just a line\n"), 1);
  EXPECT_EQ(error_line("ssid=x\nlogger_syslog=-1\n"), -1);  // notice, not an error
}

TEST(WpaConf, NetworkBlockForPassphraseAndHexPsk) {
  wsc::Credential c;
  c.ssid = to_bytes(std::string_view("net"));
  c.network_key = crypto::to_secret(as_bytes(std::string_view("passphrase-123")));
  std::string s = wpa_supplicant_network(c);
  EXPECT_NE(s.find("ssid=\"net\""), std::string::npos);
  EXPECT_NE(s.find("psk=\"passphrase-123\""), std::string::npos);
  EXPECT_NE(s.find("key_mgmt=WPA-PSK"), std::string::npos);
  EXPECT_NE(s.find("proto=RSN"), std::string::npos);
  c.network_key = crypto::to_secret(as_bytes(std::string(64, 'a')));
  s = wpa_supplicant_network(c);
  EXPECT_NE(s.find("psk=" + std::string(64, 'a') + "\n"), std::string::npos);
}

}  // namespace
}  // namespace wps::interop

namespace wps::interop {
namespace {

// hostapd.conf's wps_nfc_* keys (the AP's own NFC password token): the keys of hostap's own
// test (tests/data/nfc-pbc/hostapd-nfc-preconf.conf) give the token hostapd printed for them.
TEST(HostapdConfNfc, WpsNfcKeysGiveTheTokenHostapdPrints) {
  const std::string text = test::read_file(test::fixture("nfc-pbc/hostapd-nfc-preconf.conf"));
  HostapdConf c = parse_hostapd_conf(text);
  auto t = nfc_token_of(c);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->token.device_password_id, 49067);
  EXPECT_EQ(to_hex_upper(t->token.public_key_hash), "691F6C35AC5FF23180FFBF899BF3E563D047AA68");
  EXPECT_EQ(std::string(t->own.password.text.begin(), t->own.password.text.end()),
            "CB7FE7A25053F8F5BF822660C21E66D8A58D3393BB78494E239031D6AABCB90C");
  EXPECT_FALSE(nfc_token_of(parse_hostapd_conf("ssid=x\n")));
}

TEST(HostapdConfNfc, IncompleteOrInconsistentKeysAreRefused) {
  const std::string text = test::read_file(test::fixture("nfc-pbc/hostapd-nfc-preconf.conf"));
  // Without the password.
  std::string no_pw = text.substr(0, text.find("wps_nfc_dev_pw="));
  EXPECT_THROW((void)nfc_token_of(parse_hostapd_conf(no_pw)), ConfError);
  // A public key that is not the private key's.
  std::string other = text;
  const auto at = other.find("wps_nfc_dh_pubkey=") + 18;
  other[at] = other[at] == '9' ? '8' : '9';
  EXPECT_THROW((void)nfc_token_of(parse_hostapd_conf(other)), ConfError);
  // Values out of range are line errors.
  for (std::string_view bad :
       {"wps_nfc_dev_pw_id=7\n", "wps_nfc_dev_pw=0011\n", "wps_nfc_dh_privkey=zz\n"}) {
    EXPECT_THROW((void)parse_hostapd_conf(bad), ConfError) << bad;
  }
}

}  // namespace
}  // namespace wps::interop
