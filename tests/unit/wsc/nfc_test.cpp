// NFC tokens (wsc/nfc.hpp): NDEF framing, the OOB Device Password attribute, password and
// configuration tokens, against tokens the daemons printed byte for byte.
//
// Sources of the known answers:
//  - kApToken*: hostap's own test suite, tests/hwsim/test_nfc_wps.py,
//    test_nfc_wps_password_token_ap_preconf (hostap_2_10); `hostapd_cli wps_nfc_token NDEF` of
//    hostapd 2.10 (Debian 12) configured with these keys printed exactly kApTokenNdef.
//  - kStaToken*, kAuthKey, kPsk1/2: a recorded run of wpa_supplicant 2.10 against hostapd 2.10
//    over veth (wps_nfc_* keys in wpa_supplicant.conf; `wpa_cli wps_nfc_token WPS`; AuthKey
//    from hostapd -K; PSK1/PSK2 recomputed from it). Our own capture, not a published vector.
//  - kConfigToken: `hostapd_cli wps_nfc_config_token WPS` of the same hostapd (ssid
//    wps-interop-test, passphrase interop-passphrase-1234, own address 02:00:00:00:0a:01).
#include "wsc/nfc.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "support/test_support.hpp"
#include "wsc/keys.hpp"

namespace wps::wsc {
namespace {

using test::hex;

constexpr const char* kApPubkey =
    "991B7F54406226505D56C6C701ED2C725E4F4866611357CA1C4D92219B2E91CFC9E4172EB0899421657534DB396A"
    "6A11361663ACDC48417541DB8610428773BC18AAA00387775F14EEE49335B574165EF915D055F818B82F99CEF4C5"
    "F176E0C5D9055CBAF055A5B20B73B26D74816BA42C1A911FF0B8EDF77C7CEA76F9F6EABBFBF12742AA3E67BE7597"
    "FB7321C3B258C57B9EA045B0A7472558F9AA8E810E2E0462FFD9001A7E21C38006529B9FEDAAF47612D3817922F2"
    "335A5D541BAA9B7F";
constexpr const char* kApPassword =
    "CB7FE7A25053F8F5BF822660C21E66D8A58D3393BB78494E239031D6AABCB90C";
constexpr const char* kApTokenNdef =
    "D217446170706C69636174696F6E2F766E642E7766612E777363102C0036691F6C35AC5FF23180FFBF899BF3E5"
    "63D047AA68BFABCB7FE7A25053F8F5BF822660C21E66D8A58D3393BB78494E239031D6AABCB90C1049000600372A"
    "000120";

constexpr const char* kStaPubkey =
    "8754126F67B5A78BE044555BBD3AC61D72B3F75870DAA970D0A4CB4E0A5ADF5A5E4776C88668271226CBBC9BCC02"
    "DB4D97A59A60FCC18D68C686507B94E90B39B1A0654FBF681F5539727561C1B0786AD31A2A045C9FB9E6E2EE0FD9"
    "358E6067B5A57BA3FA8A9BC36A68DB2C48C475EA81239442041A35DF972BB06961880ECE0631DCDAAB4EAE173932"
    "EE1E89C376FEC9043B7CB6E75CCA948063149A46BF3251D699D547979E065127240D9EC114746C11033679A86D2A"
    "D1BD957DA695D2EB";
constexpr const char* kStaPrivkey =
    "0255BA6789CF293362719685482911554E7080332DAEE1BBAFDF96A4131747DA";
constexpr const char* kStaPassword =
    "FCA2750741DF92202467F1490057234D492BD98925A68CBBBEA28B0EABC9D2EE";
constexpr const char* kStaTokenWsc =
    "102C0036EC85FD88F745410FD6B983616C7A46C32E5A79EA1234FCA2750741DF92202467F1490057234D492BD989"
    "25A68CBBBEA28B0EABC9D2EE1049000600372A000120";
constexpr const char* kAuthKey = "f710a90ea57ab0f8f6cdc9548f9d59469084baa1f0df374e82d67d5dacd3ba73";
constexpr const char* kPsk1 = "cc50693bf649a95990ec7f32b7d4f4ee";
constexpr const char* kPsk2 = "4ecee37eed4a55ae3befc88d2271f055";

constexpr const char* kConfigToken =
    "100E004A1026000101104500107770732D696E7465726F702D74657374100300020020100F000200081027001769"
    "6E7465726F702D706173737068726173652D3132333410200006000000000000103C00010110200006020000000A"
    "011049000600372A000120";
constexpr const char* kWscType = "6170706C69636174696F6E2F766E642E7766612E777363";

OobDevicePassword oob_of(const char* pubkey, std::uint16_t dpid, const char* pw) {
  OobDevicePassword o;
  o.public_key_hash = public_key_hash(hex(pubkey));
  o.device_password_id = dpid;
  o.password = hex(pw);
  return o;
}

TEST(Nfc, ApPasswordTokenIsByteExactWithHostapd) {
  const OobDevicePassword o = oob_of(kApPubkey, 49067, kApPassword);
  EXPECT_EQ(to_hex_upper(o.public_key_hash), "691F6C35AC5FF23180FFBF899BF3E563D047AA68");
  EXPECT_EQ(to_hex_upper(ndef_wrap(build_password_token(o))), kApTokenNdef);
  auto t = read_token(hex(kApTokenNdef));
  ASSERT_TRUE(t) << describe(t.error());
  EXPECT_TRUE(t->ndef);
  const auto* p = std::get_if<PasswordToken>(&t->body);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->oob, o);
  EXPECT_FALSE(p->version.has_value());  // the daemons write no Version attribute
  EXPECT_EQ(p->version2, std::optional<std::uint8_t>(0x20));
}

TEST(Nfc, StaPasswordTokenHashesItsOwnersKey) {
  // The owner's private key gives the public key whose hash the token carries.
  auto key = crypto::DhPrivateKey::from_private(hex(kStaPrivkey));
  ASSERT_TRUE(key) << describe(key.error());
  EXPECT_EQ(to_hex_upper(key->public_key().view()), kStaPubkey);
  const OobDevicePassword o = oob_of(kStaPubkey, 0x1234, kStaPassword);
  EXPECT_EQ(to_hex_upper(build_password_token(o)), kStaTokenWsc);
  // Both forms read: bare attributes (first octet 0x10) and NDEF.
  for (const Bytes& in : {hex(kStaTokenWsc), ndef_wrap(hex(kStaTokenWsc))}) {
    auto t = read_token(in);
    ASSERT_TRUE(t) << describe(t.error());
    EXPECT_EQ(t->ndef, in[0] != 0x10);
    ASSERT_TRUE(std::holds_alternative<PasswordToken>(t->body));
    EXPECT_EQ(std::get<PasswordToken>(t->body).oob, o);
  }
  EXPECT_EQ(to_hex_upper(ndef_wrap(hex(kStaTokenWsc))).substr(0, 6), "D21744");
}

TEST(Nfc, DevicePasswordIsTheUpperCaseHexSplitLikeAPin) {
  const std::string text = device_password_text(hex(kStaPassword));
  EXPECT_EQ(text, kStaPassword);  // 64 upper-case hex characters
  auto ak = crypto::AuthKey::from(hex(kAuthKey));
  ASSERT_TRUE(ak.has_value());
  const auto psk = derive_psk(*ak, text);
  EXPECT_EQ(to_hex(psk.psk1.view()), kPsk1);
  EXPECT_EQ(to_hex(psk.psk2.view()), kPsk2);
}

TEST(Nfc, ConfigurationTokenIsByteExactWithHostapd) {
  Credential c;
  c.ssid = to_bytes(std::string_view("wps-interop-test"));
  c.network_key = crypto::to_secret(as_bytes(std::string_view("interop-passphrase-1234")));
  c.mac_address = MacAddr{};
  const auto ap = *MacAddr::parse("02:00:00:00:0a:01");
  const Bytes tok = build_config_token(c, 1, std::nullopt, ap);
  EXPECT_EQ(to_hex_upper(tok), kConfigToken);
  EXPECT_EQ(to_hex_upper(ndef_wrap(tok)), std::string("D21767") + kWscType + kConfigToken);
  auto t = read_token(ndef_wrap(tok));
  ASSERT_TRUE(t) << describe(t.error());
  const auto* ct = std::get_if<ConfigToken>(&t->body);
  ASSERT_NE(ct, nullptr);
  ASSERT_EQ(ct->credentials.size(), 1u);
  EXPECT_EQ(ct->credentials[0], c);
  EXPECT_EQ(ct->rf_bands, std::optional<std::uint8_t>(1));
  EXPECT_FALSE(ct->ap_channel.has_value());
  EXPECT_EQ(ct->mac_address, std::optional<MacAddr>(ap));
  // With a channel, the AP Channel attribute follows RF Bands.
  auto with_channel = read_token(build_config_token(c, 2, 36, ap));
  ASSERT_TRUE(with_channel);
  EXPECT_EQ(std::get<ConfigToken>(with_channel->body).ap_channel, std::optional<std::uint16_t>(36));
}

TEST(Nfc, VersionAttributeAcceptedWhenPresent) {
  Bytes t = hex("104A000110");  // Version 0x10 first, as some writers put it
  const Bytes rest = hex(kStaTokenWsc);
  t.insert(t.end(), rest.begin(), rest.end());
  auto r = read_token(t);
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(std::get<PasswordToken>(r->body).version, std::optional<std::uint8_t>(0x10));
}

TEST(Nfc, NdefRecordsAreWalkedAsHostapdDoes) {
  // A text record first, then the WSC record with an ID field (IL): the WSC payload is found.
  // 91 01 02 'T' "hi": MB|SR, TNF 1; then 5A: ME|SR|IL, TNF 2, type length 23, payload
  // length, ID length 2, the type, ID "id", the payload.
  const std::string wsc_hex = kStaTokenWsc;
  const std::string payload_len = to_hex(Bytes{static_cast<std::uint8_t>(wsc_hex.size() / 2)});
  const Bytes msg =
      hex("910102546869" + ("5A17" + payload_len) + "02" + kWscType + "6964" + wsc_hex);
  auto p = ndef_payload(msg);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(to_hex_upper(*p), kStaTokenWsc);
  // A long record (SR clear, 4-octet length) round-trips.
  Bytes big(300, 0x10);
  const Bytes w = ndef_wrap(big);
  EXPECT_EQ(w[0], 0xC2);
  ASSERT_TRUE(ndef_payload(w));
  EXPECT_EQ(ndef_payload(w)->size(), 300u);
}

TEST(Nfc, MalformedTokensGiveThePreciseError) {
  const Bytes good = hex(kApTokenNdef);
  // Every truncation of the NDEF message: an error, never a crash or a partial token.
  for (std::size_t n = 4; n < good.size(); ++n) {
    auto r = read_token(ByteView(good.data(), n));
    EXPECT_FALSE(r) << n;
  }
  EXPECT_EQ(read_token(ByteView(good.data(), 30)).error().code, Errc::Truncated);
  EXPECT_EQ(read_token(hex("D217")).error().code, Errc::BadLength);  // under 4 octets
  // No WSC record.
  EXPECT_EQ(read_token(hex("D10102546869")).error().code, Errc::AttrMissing);
  // A 4-octet payload length above hostapd's 20000.
  EXPECT_EQ(ndef_payload(hex("C2170000FFFF")).error().code, Errc::TooLarge);
  // OOB Device Password lengths and IDs (hostapd's wps_set_attr rules).
  Bytes v(54, 0xAA);
  v[20] = 0x12;
  v[21] = 0x34;
  EXPECT_TRUE(parse_oob_device_password(v));
  EXPECT_EQ(parse_oob_device_password(ByteView(v.data(), 21)).error().code, Errc::AttrBadLength);
  EXPECT_EQ(parse_oob_device_password(ByteView(v.data(), 37)).error().code, Errc::AttrBadLength);
  v[20] = 0x00;
  v[21] = 0x07;  // handover: a short password is allowed
  EXPECT_TRUE(parse_oob_device_password(ByteView(v.data(), 37)));
  EXPECT_TRUE(parse_oob_device_password(ByteView(v.data(), 22)));
  v[21] = 0x05;
  auto bad = parse_oob_device_password(v, 100);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::AttrBadValue);
  EXPECT_EQ(bad.error().offset, 120u);
  // Neither a password nor a configuration token.
  EXPECT_EQ(read_token(hex("1049000600372A000120")).error().code, Errc::AttrMissing);
}

}  // namespace
}  // namespace wps::wsc

namespace wps::wsc {
namespace {

// The handover pair of a recorded run (NFC-PBC facts §8: wpa_supplicant's
// nfc_get_handover_req NDEF WPS-CR and hostapd's nfc_get_handover_sel NDEF WPS-CR, 2.10).
constexpr const char* kHandoverReq =
    "D2173A6170706C69636174696F6E2F766E642E7766612E7773630038102C00162CA0EE67076F73A8D61E009FBC33"
    "492742E8E78A000710470010123456789ABCDEF0123456789ABCDE011049000600372A000120";
constexpr const char* kHandoverSel =
    "D217446170706C69636174696F6E2F766E642E7766612E7773630042102C001636C747934050CDDD267CE75163EB"
    "5031D2A5908B0007104500107770732D696E7465726F702D7465737410200006020000000A011049000600372A00"
    "0120";

TEST(NfcHandoverRecords, DaemonsPairDecodesAndRebuildsByteExact) {
  auto req = read_token(test::hex(kHandoverReq));
  ASSERT_TRUE(req);
  EXPECT_TRUE(req->ndef);
  EXPECT_TRUE(req->carrier);
  const auto* r = std::get_if<HandoverRequest>(&req->body);
  ASSERT_TRUE(r);
  EXPECT_EQ(to_hex_upper(r->public_key_hash), "2CA0EE67076F73A8D61E009FBC33492742E8E78A");
  EXPECT_EQ(to_hex_upper(r->uuid_e.view()), "123456789ABCDEF0123456789ABCDE01");
  EXPECT_EQ(to_hex_upper(ndef_wrap(build_handover_request(r->public_key_hash, r->uuid_e))),
            kHandoverReq);

  auto sel = read_token(test::hex(kHandoverSel));
  ASSERT_TRUE(sel);
  const auto* s = std::get_if<HandoverSelect>(&sel->body);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ssid, to_bytes("wps-interop-test"));
  ASSERT_TRUE(s->mac_address);
  EXPECT_EQ(s->mac_address->str(), "02:00:00:00:0a:01");
  EXPECT_EQ(
      to_hex_upper(ndef_wrap(build_handover_select(s->public_key_hash, s->ssid, *s->mac_address))),
      kHandoverSel);
  // The bare carrier payload (2-octet length first) is read as well.
  auto bare = read_token(build_handover_select(s->public_key_hash, s->ssid, *s->mac_address));
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->ndef);
  EXPECT_TRUE(std::holds_alternative<HandoverSelect>(bare->body));
}

TEST(NfcHandoverRecords, IdSevenWithNeitherUuidNorSsidIsRefused) {
  OobDevicePassword o;
  o.device_password_id = kHandoverDpid;
  auto t = read_token(build_password_token(o));
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::AttrMissing);
}

}  // namespace
}  // namespace wps::wsc
