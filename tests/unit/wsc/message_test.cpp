#include "wsc/message.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "support/test_support.hpp"
#include "tv10.hpp"
#include "wsc/keys.hpp"

namespace wps::wsc {
namespace {

using test::hex;
namespace tv = test::tv10;

crypto::AuthKey ak() {
  return *crypto::AuthKey::from(hex(tv::kAuthKey));
}
crypto::KeyWrapKey kwk() {
  return *crypto::KeyWrapKey::from(hex(tv::kKeyWrapKey));
}

struct Tv10 {
  Bytes m1 = hex(tv::kM1), m2 = hex(tv::kM2), m3 = hex(tv::kM3), m4 = hex(tv::kM4),
        m5 = hex(tv::kM5), m6 = hex(tv::kM6), m7 = hex(tv::kM7), m8 = hex(tv::kM8),
        done = hex(tv::kDone);
};

template <typename T>
T must(Result<T> r) {
  EXPECT_TRUE(r.has_value()) << (r.has_value() ? "" : describe(r.error()));
  if (!r.has_value()) std::abort();
  return std::move(r).value();
}

// ---- TV10: the whole real exchange (WPS-FACTS §11 TV10) ----------------------------------

TEST(Tv10, PeekMessageTypes) {
  Tv10 t;
  EXPECT_EQ(must(peek_message_type(t.m1)), MsgType::M1);
  EXPECT_EQ(must(peek_message_type(t.m2)), MsgType::M2);
  EXPECT_EQ(must(peek_message_type(t.m3)), MsgType::M3);
  EXPECT_EQ(must(peek_message_type(t.m4)), MsgType::M4);
  EXPECT_EQ(must(peek_message_type(t.m5)), MsgType::M5);
  EXPECT_EQ(must(peek_message_type(t.m6)), MsgType::M6);
  EXPECT_EQ(must(peek_message_type(t.m7)), MsgType::M7);
  EXPECT_EQ(must(peek_message_type(t.m8)), MsgType::M8);
  EXPECT_EQ(must(peek_message_type(t.done)), MsgType::WscDone);
}

TEST(Tv10, AllSevenAuthenticatorsVerify) {
  Tv10 t;
  const Bytes* chain[] = {&t.m1, &t.m2, &t.m3, &t.m4, &t.m5, &t.m6, &t.m7, &t.m8};
  for (std::size_t i = 1; i < std::size(chain); ++i) {
    auto r = verify_authenticator(ak(), *chain[i - 1], *chain[i]);
    EXPECT_TRUE(r) << "M" << i + 1 << ": " << (r ? "" : describe(r.error()));
  }
  // Against the wrong previous message (M2 checked against M2 instead of M1).
  EXPECT_EQ(
      verify_authenticator(ak(), t.m2, t.m2).error(),
      (Error{Errc::AuthenticatorMismatch, static_cast<std::uint32_t>(t.m2.size() - 12), 0x1005}));
  // With the wrong key.
  auto other = *crypto::AuthKey::from(Bytes(32, 0));
  EXPECT_EQ(verify_authenticator(other, t.m3, t.m4).error().code, Errc::AuthenticatorMismatch);
  // M1 and WSC_Done carry none.
  EXPECT_EQ(
      verify_authenticator(ak(), {}, t.m1).error(),
      (Error{Errc::AuthenticatorNotLast, static_cast<std::uint32_t>(t.m1.size() - 10), 0x1049}));
  EXPECT_EQ(verify_authenticator(ak(), t.m8, t.done).error().code, Errc::AuthenticatorNotLast);
}

TEST(Tv10, M1ParsesAndRebuildsByteForByte) {
  Tv10 t;
  M1 m = must(parse_m1(t.m1));
  EXPECT_EQ(m.uuid_e.hex(), "123456789abcdef0123456789abcde01");
  EXPECT_EQ(m.mac_address.str(), "02:00:00:00:0b:01");
  EXPECT_EQ(m.enrollee_nonce.hex(), tv::kN1);
  // wpa_supplicant's values (WPS-FACTS §12).
  EXPECT_EQ(m.auth_type_flags, 0x0023);
  EXPECT_EQ(m.encr_type_flags, 0x000D);
  EXPECT_EQ(m.connection_type_flags, 0x01);
  EXPECT_EQ(m.config_methods, 0x2108);
  EXPECT_EQ(m.wps_state, WpsState::NotConfigured);
  EXPECT_EQ(m.device.manufacturer, "TestVendor");
  EXPECT_EQ(m.device.model_name, "TestSTA");
  EXPECT_EQ(m.device.model_number, "1");
  EXPECT_EQ(m.device.serial_number, "0002");
  EXPECT_EQ(m.device.device_name, "InteropSTA");
  EXPECT_EQ(m.device.primary_device_type, (DeviceType{1, kWfaDeviceTypeOui, 1}));
  EXPECT_EQ(m.rf_bands, 0x03);
  EXPECT_EQ(m.association_state, AssociationState::NotAssociated);
  EXPECT_EQ(m.device_password_id, DevicePasswordId::Default);
  EXPECT_EQ(m.config_error, ConfigError::NoError);
  EXPECT_EQ(m.os_version, 0x81020300u);
  EXPECT_EQ(m.wfa_ext, WfaExtension::v2());
  EXPECT_TRUE(m.vendor_ext.empty());
  EXPECT_EQ(to_hex(build_m1(m)), tv::kM1);
}

TEST(Tv10, M2ParsesAndRebuildsByteForByte) {
  Tv10 t;
  M2 m = must(parse_m2(t.m2));
  EXPECT_EQ(m.enrollee_nonce.hex(), tv::kN1);
  EXPECT_EQ(m.registrar_nonce.hex(), tv::kN2);
  EXPECT_EQ(m.config_methods, 0x238C);  // hostapd (§5)
  EXPECT_EQ(m.device.model_name, "TestAP");
  EXPECT_EQ(m.device.primary_device_type, (DeviceType{6, kWfaDeviceTypeOui, 1}));
  EXPECT_EQ(m.rf_bands, 0x01);
  EXPECT_EQ(m.device_password_id, DevicePasswordId::Default);
  EXPECT_EQ(to_hex(build_m2(m, ak(), t.m1)), tv::kM2);
}

TEST(Tv10, M3RebuildsByteForByte) {
  Tv10 t;
  M3 m = must(parse_m3(t.m3));
  EXPECT_EQ(m.registrar_nonce.hex(), tv::kN2);
  EXPECT_EQ(to_hex(build_m3(m, ak(), t.m2)), tv::kM3);
}

TEST(Tv10, M4OpensAndRebuildsByteForByte) {
  Tv10 t;
  SealedM4 s = must(parse_m4(t.m4));
  EXPECT_EQ(s.enrollee_nonce.hex(), tv::kN1);
  EXPECT_EQ(s.encrypted_settings.size(), 64u);
  M4 m = must(open_m4(s, ak(), kwk()));
  EXPECT_EQ(to_hex(m.settings.r_snonce1.view()), tv::kRS1);
  EXPECT_EQ(m.iv.hex(), to_hex(ByteView(s.encrypted_settings).first(16)));
  EXPECT_EQ(to_hex(build_m4(m, ak(), kwk(), t.m3)), tv::kM4);
  // R-Hash1 verifies with the revealed R-S1 (what the enrollee checks after M4, §7.3).
  M1 m1 = must(parse_m1(t.m1));
  M2 m2 = must(parse_m2(t.m2));
  auto psk = derive_psk(ak(), std::string_view(tv::kPin));
  EXPECT_TRUE(hash_equal(r_hash(ak(), m.settings.r_snonce1, psk.psk1,
                                {.enrollee = m1.public_key, .registrar = m2.public_key}),
                         m.r_hash1));
}

TEST(Tv10, M5M6M7OpenAndRebuildByteForByte) {
  Tv10 t;
  M5 m5 = must(open_m5(must(parse_m5(t.m5)), ak(), kwk()));
  EXPECT_EQ(m5.registrar_nonce.hex(), tv::kN2);
  EXPECT_EQ(to_hex(m5.settings.e_snonce1.view()), tv::kES1);
  EXPECT_EQ(to_hex(build_m5(m5, ak(), kwk(), t.m4)), tv::kM5);

  M6 m6 = must(open_m6(must(parse_m6(t.m6)), ak(), kwk()));
  EXPECT_EQ(m6.enrollee_nonce.hex(), tv::kN1);
  EXPECT_EQ(to_hex(m6.settings.r_snonce2.view()), tv::kRS2);
  EXPECT_EQ(to_hex(build_m6(m6, ak(), kwk(), t.m5)), tv::kM6);

  M7 m7 = must(open_m7(must(parse_m7(t.m7)), ak(), kwk()));
  EXPECT_EQ(m7.registrar_nonce.hex(), tv::kN2);
  EXPECT_EQ(to_hex(m7.settings.e_snonce2.view()), tv::kES2);
  EXPECT_FALSE(m7.settings.ap_settings);  // a STA enrollee sends no AP settings
  EXPECT_EQ(to_hex(build_m7(m7, ak(), kwk(), t.m6)), tv::kM7);
}

TEST(Tv10, M8CredentialAndRebuildByteForByte) {
  Tv10 t;
  M8 m = must(open_m8(must(parse_m8(t.m8)), ak(), kwk()));
  EXPECT_EQ(m.enrollee_nonce.hex(), tv::kN1);
  ASSERT_EQ(m.settings.credentials.size(), 1u);
  EXPECT_FALSE(m.settings.ap_settings);
  const Credential& c = m.settings.credentials[0];
  EXPECT_EQ(c.network_index, 1);
  EXPECT_EQ(as_chars(c.ssid), "wps-interop-test");
  EXPECT_EQ(c.auth_type, AuthType::Wpa2Psk);
  EXPECT_EQ(c.encr_type, EncrType::Aes);
  EXPECT_EQ(as_chars(crypto::view(c.network_key)), "interop-passphrase-1234");
  EXPECT_EQ(c.mac_address.str(), "02:00:00:00:0b:01");  // the enrollee's MAC (§6.4)
  EXPECT_TRUE(validate_credential(c));
  EXPECT_EQ(to_hex(build_m8(m, ak(), kwk(), t.m7)), tv::kM8);
}

TEST(Tv10, DoneParsesAndRebuilds) {
  Tv10 t;
  WscDone d = must(parse_wsc_done(t.done));
  EXPECT_EQ(d.enrollee_nonce.hex(), tv::kN1);
  EXPECT_EQ(d.registrar_nonce.hex(), tv::kN2);
  EXPECT_EQ(to_hex(build_wsc_done(d)), tv::kDone);
}

TEST(Tv10, ParseMessageDispatchesAndKeepsRawBytes) {
  Tv10 t;
  const std::pair<const Bytes*, MsgType> all[] = {
      {&t.m1, MsgType::M1}, {&t.m2, MsgType::M2}, {&t.m3, MsgType::M3},
      {&t.m4, MsgType::M4}, {&t.m5, MsgType::M5}, {&t.m6, MsgType::M6},
      {&t.m7, MsgType::M7}, {&t.m8, MsgType::M8}, {&t.done, MsgType::WscDone}};
  for (const auto& [bytes, type] : all) {
    ParsedMessage p = must(parse_message(*bytes));
    EXPECT_EQ(p.type, type);
    EXPECT_EQ(p.raw, *bytes);
  }
  ParsedMessage p4 = must(parse_message(t.m4));
  ASSERT_TRUE(std::holds_alternative<SealedM4>(p4.msg));
  EXPECT_EQ(std::get<SealedM4>(p4.msg), must(parse_m4(t.m4)));
  EXPECT_TRUE(updates_previous_message(MsgType::M7));
  EXPECT_FALSE(updates_previous_message(MsgType::M2D));
  EXPECT_FALSE(updates_previous_message(MsgType::WscAck));
  EXPECT_FALSE(updates_previous_message(MsgType::WscDone));
}

// Every single-octet corruption of the TV10 M4 (each octet XOR 0xff and XOR 0x01) is rejected
// by parse, verify_authenticator or open — never accepted, never a crash.
TEST(Tv10, EveryOctetCorruptionOfM4IsRejected) {
  Tv10 t;
  for (std::uint8_t mask : {std::uint8_t{0xff}, std::uint8_t{0x01}}) {
    for (std::size_t i = 0; i < t.m4.size(); ++i) {
      Bytes c = t.m4;
      c[i] ^= mask;
      auto parsed = parse_m4(c);
      auto verified = verify_authenticator(ak(), t.m3, c);
      bool accepted = false;
      if (parsed && verified) accepted = open_m4(*parsed, ak(), kwk()).has_value();
      EXPECT_FALSE(accepted) << "octet " << i << " mask " << int(mask);
      EXPECT_FALSE(verified.has_value()) << "octet " << i;  // the HMAC covers every octet
    }
  }
}

// ---- peek / verify / parse_message negative cases ---------------------------------------

TEST(Message, PeekErrors) {
  EXPECT_EQ(peek_message_type(hex("104a000110")).error(), (Error{Errc::AttrMissing, 0, 0x1022}));
  EXPECT_EQ(peek_message_type(hex("104a000110 10220002 0404")).error(),
            (Error{Errc::AttrBadLength, 5, 0x1022}));
  EXPECT_EQ(peek_message_type(hex("104a000110 1022000110")).error(),
            (Error{Errc::UnknownMessageType, 5, 0x1022}));
  EXPECT_EQ(peek_message_type(hex("104a000110 10220001")).error(),
            (Error{Errc::AttrTruncated, 5, 0x1022}));
  EXPECT_EQ(must(peek_message_type(hex("1022000102"))), MsgType::ProbeRequest);
}

TEST(Message, ParseMessageRejectsDiscoveryTypes) {
  EXPECT_EQ(parse_message(hex("104a000110 1022000101")).error(),
            (Error{Errc::WrongMessageType, 5, 0x1022}));
}

TEST(Message, AuthenticatorNotLast) {
  Tv10 t;
  // Move M3's Authenticator before its Vendor Extension.
  Bytes m3 = t.m3;
  const std::size_t n = m3.size();
  Bytes moved = concat(
      {ByteView(m3).first(n - 12 - 10), ByteView(m3).last(12), ByteView(m3).subspan(n - 22, 10)});
  EXPECT_EQ(verify_authenticator(ak(), t.m2, moved).error(),
            (Error{Errc::AuthenticatorNotLast, static_cast<std::uint32_t>(n - 10), 0x1049}));
  EXPECT_EQ(parse_m3(moved).error(),
            (Error{Errc::AuthenticatorNotLast, static_cast<std::uint32_t>(n - 22), 0x1005}));
  EXPECT_EQ(verify_authenticator(ak(), t.m2, {}).error(),
            (Error{Errc::AuthenticatorNotLast, 0, 0x1005}));
  // Authenticator of the wrong length at the end.
  Bytes shortauth = concat({ByteView(m3).first(n - 12), hex("10050007 00000000000000")});
  EXPECT_EQ(verify_authenticator(ak(), t.m2, shortauth).error(),
            (Error{Errc::AttrBadLength, static_cast<std::uint32_t>(n - 12), 0x1005}));
}

}  // namespace
}  // namespace wps::wsc
