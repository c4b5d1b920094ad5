#include "wsc/credential.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"

namespace wps::wsc {
namespace {

using test::hex;

// WPS-FACTS §6.4, "IO M8 plaintext": hostapd's credential bytes.
const char* kHostapdCredValue = "1026000101"
                                "10450010"
                                "7770732d696e7465726f702d74657374"
                                "100300020020"
                                "100f00020008"
                                "10270017"
                                "696e7465726f702d706173737068726173652d31323334"
                                "10200006"
                                "020000000b01";

TEST(Credential, ParsesAndRebuildsHostapdCredential) {
  Bytes v = hex(kHostapdCredValue);
  auto c = parse_credential(v);
  ASSERT_TRUE(c) << describe(c.error());
  EXPECT_EQ(c->network_index, 1);
  EXPECT_EQ(as_chars(c->ssid), "wps-interop-test");
  EXPECT_EQ(as_chars(crypto::view(c->network_key)), "interop-passphrase-1234");
  EXPECT_TRUE(c->wfa_ext.empty());
  SecretTlvWriter w;
  write_credential(w, *c);
  EXPECT_EQ(to_hex(w.view()), "100e004a" + std::string(kHostapdCredValue));
}

TEST(Credential, RoundTripWithExtensions) {
  Credential c = samples::credential(7, true);
  SecretTlvWriter w;
  write_credential(w, c);
  ByteView all = w.view();
  auto back = parse_credential(all.subspan(4), 4);
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(*back, c);
}

TEST(Credential, SsidTrailingNulsStripped) {
  Bytes v = hex("1026000101 10450020 616263" + std::string(29 * 2, '0') +
                "100300020020 100f00020008 10270008 3132333435363738 10200006 020000000b01");
  auto c = parse_credential(v);
  ASSERT_TRUE(c) << describe(c.error());
  EXPECT_EQ(as_chars(c->ssid), "abc");
}

TEST(Credential, MissingMandatoryFields) {
  // Without MAC Address; offset reported = base offset of the value.
  Bytes v = hex("1026000101 10450003 616263 100300020020 100f00020008 10270008 3132333435363738");
  EXPECT_EQ(parse_credential(v, 40).error(), (Error{Errc::AttrMissing, 40, 0x1020}));
  // Without Network Key for WPA2-PSK.
  Bytes nokey = hex("1026000101 10450003 616263 100300020020 100f00020008 10200006 020000000b01");
  EXPECT_EQ(parse_credential(nokey).error(), (Error{Errc::AttrMissing, 0, 0x1027}));
  // Without Network Key for Open/None: accepted (hostapd workaround), empty key.
  Bytes open = hex("1026000101 10450003 616263 100300020001 100f00020001 10200006 020000000b01");
  auto c = parse_credential(open);
  ASSERT_TRUE(c) << describe(c.error());
  EXPECT_TRUE(c->network_key.empty());
  // Without Network Index.
  Bytes noidx = hex("10450003 616263 100300020001 100f00020001 10200006 020000000b01");
  EXPECT_EQ(parse_credential(noidx).error(), (Error{Errc::AttrMissing, 0, 0x1026}));
  // A nested Credential is forbidden.
  Bytes nested = concat({hex(kHostapdCredValue), hex("100e0000")});
  EXPECT_EQ(parse_credential(nested).error(), (Error{Errc::AttrForbidden, 74, 0x100e}));
}

TEST(NetworkKey, Classification) {
  EXPECT_EQ(classify_network_key({}), NetworkKeyFormat::Empty);
  EXPECT_EQ(classify_network_key(as_bytes("1234567")), NetworkKeyFormat::Invalid);
  EXPECT_EQ(classify_network_key(as_bytes("12345678")), NetworkKeyFormat::Passphrase);
  EXPECT_EQ(classify_network_key(as_bytes(std::string(63, '~'))), NetworkKeyFormat::Passphrase);
  EXPECT_EQ(classify_network_key(as_bytes(std::string(64, 'f'))), NetworkKeyFormat::HexPsk);
  EXPECT_EQ(classify_network_key(as_bytes(std::string(63, 'a') + "g")), NetworkKeyFormat::Invalid);
  EXPECT_EQ(classify_network_key(as_bytes("pass\tphrase")), NetworkKeyFormat::Invalid);
  Bytes with_nul = to_bytes(as_bytes("passphrase"));
  with_nul.push_back(0);
  EXPECT_EQ(classify_network_key(with_nul), NetworkKeyFormat::Invalid);
  EXPECT_EQ(classify_network_key(Bytes(10, 0x80)), NetworkKeyFormat::Invalid);
}

TEST(Credential, Validation) {
  Credential c = samples::credential(1, false);
  EXPECT_TRUE(validate_credential(c));
  c.network_key = crypto::to_secret(as_bytes("short"));
  EXPECT_EQ(validate_credential(c).error(), (Error{Errc::BadCredential, 0, 0x1027}));
  c.network_key = crypto::to_secret(as_bytes(std::string(64, '0')));
  EXPECT_TRUE(validate_credential(c));
  c.ssid.clear();
  EXPECT_EQ(validate_credential(c).error(), (Error{Errc::BadCredential, 0, 0x1045}));
  c = samples::credential(1, false);
  c.encr_type = EncrType::Wep;
  EXPECT_EQ(validate_credential(c).error(), (Error{Errc::BadCredential, 0, 0x100f}));
  c = samples::credential(1, false);
  c.auth_type = AuthType::Open;
  c.encr_type = EncrType::None;
  c.network_key.clear();
  EXPECT_TRUE(validate_credential(c));
}

}  // namespace
}  // namespace wps::wsc
