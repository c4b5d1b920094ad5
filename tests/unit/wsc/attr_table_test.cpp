#include "wsc/attr_table.hpp"

#include <gtest/gtest.h>

#include <set>

namespace wps::wsc {
namespace {

TEST(AttrTable, SortedUniqueAndLookupFindsEveryRow) {
  auto t = attr_table();
  ASSERT_GE(t.size(), 85u);
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(to_u16(t[i - 1].type), to_u16(t[i].type));
    }
    const AttrInfo* row = attr_info(t[i].type);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row, &t[i]);
    EXPECT_TRUE(names.insert(t[i].name).second) << t[i].name;
    EXPECT_GE(t[i].granule, 1);
    EXPECT_LE(t[i].min_len, t[i].max_len);
  }
}

TEST(AttrTable, UnknownTypesHaveNoRow) {
  EXPECT_EQ(attr_info(0x0000), nullptr);
  EXPECT_EQ(attr_info(0x1006), nullptr);
  EXPECT_EQ(attr_info(0x10FA), nullptr);  // hostapd's extensibility-test attribute (§4)
  EXPECT_EQ(attr_info(0xFFFF), nullptr);
  EXPECT_EQ(attr_name(0x10FA), "Unknown");
}

// Lengths from WPS-FACTS §4 (the fixed ones hostapd's parser enforces).
TEST(AttrTable, FixedLengthsMatchFactSheet) {
  struct Row {
    AttrType t;
    std::size_t len;
  } rows[] = {
      {AttrType::Authenticator, 8},
      {AttrType::EHash1, 32},
      {AttrType::RHash2, 32},
      {AttrType::ESNonce1, 16},
      {AttrType::RSNonce2, 16},
      {AttrType::EnrolleeNonce, 16},
      {AttrType::RegistrarNonce, 16},
      {AttrType::KeyWrapAuthenticator, 8},
      {AttrType::MacAddress, 6},
      {AttrType::MessageType, 1},
      {AttrType::PublicKey, 192},
      {AttrType::UuidE, 16},
      {AttrType::UuidR, 16},
      {AttrType::Version, 1},
      {AttrType::PrimaryDeviceType, 8},
      {AttrType::OsVersion, 4},
      {AttrType::ConfigMethods, 2},
      {AttrType::DevicePasswordId, 2},
      {AttrType::ConfigurationError, 2},
      {AttrType::RfBands, 1},
      {AttrType::AssociationState, 2},
      {AttrType::ConnectionTypeFlags, 1},
      {AttrType::PublicKeyHash, 20},
  };
  for (const auto& r : rows) {
    const AttrInfo* i = attr_info(r.t);
    ASSERT_NE(i, nullptr);
    EXPECT_TRUE(i->length_ok(r.len)) << i->name;
    EXPECT_FALSE(i->length_ok(r.len - 1)) << i->name;
    EXPECT_FALSE(i->length_ok(r.len + 1)) << i->name;
  }
}

TEST(AttrTable, VariableLengthRules) {
  EXPECT_TRUE(attr_info(AttrType::Ssid)->length_ok(0));
  EXPECT_TRUE(attr_info(AttrType::Ssid)->length_ok(32));
  EXPECT_FALSE(attr_info(AttrType::Ssid)->length_ok(33));
  EXPECT_TRUE(attr_info(AttrType::Manufacturer)->length_ok(64));
  EXPECT_FALSE(attr_info(AttrType::Manufacturer)->length_ok(65));
  EXPECT_TRUE(attr_info(AttrType::NetworkKey)->length_ok(64));
  EXPECT_FALSE(attr_info(AttrType::NetworkKey)->length_ok(65));
  const AttrInfo* es = attr_info(AttrType::EncryptedSettings);
  EXPECT_FALSE(es->length_ok(16));
  EXPECT_TRUE(es->length_ok(32));
  EXPECT_FALSE(es->length_ok(33));
  EXPECT_TRUE(es->length_ok(64));
  const AttrInfo* sdt = attr_info(AttrType::SecondaryDeviceTypeList);
  EXPECT_TRUE(sdt->length_ok(16));
  EXPECT_FALSE(sdt->length_ok(12));
  EXPECT_FALSE(sdt->length_ok(136));
  EXPECT_TRUE(attr_info(AttrType::VendorExtension)->length_ok(3));
  EXPECT_FALSE(attr_info(AttrType::VendorExtension)->length_ok(2));
  EXPECT_FALSE(attr_info(AttrType::VendorExtension)->length_ok(1025));
  EXPECT_TRUE(attr_info(AttrType::OobDevicePassword)->length_ok(22));
  EXPECT_FALSE(attr_info(AttrType::OobDevicePassword)->length_ok(21));
}

TEST(AttrTable, RepeatableOnlyWhereSeveralAreLegal) {
  std::set<AttrType> rep;
  for (const auto& r : attr_table())
    if (r.repeatable) rep.insert(r.type);
  EXPECT_EQ(rep,
            (std::set<AttrType>{AttrType::Credential, AttrType::VendorExtension,
                                AttrType::ApplicationExtension, AttrType::RequestedDeviceType}));
}

TEST(AttrTable, SpecNames) {
  EXPECT_EQ(attr_name(AttrType::KeyWrapAuthenticator), "Key Wrap Authenticator");
  EXPECT_EQ(attr_name(0x1044), "Wi-Fi Protected Setup State");
  EXPECT_EQ(attr_name(AttrType::EHash1), "E-Hash1");
  EXPECT_EQ(attr_info(AttrType::Credential)->kind, ValueKind::Nested);
  EXPECT_EQ(attr_info(AttrType::EncryptedSettings)->kind, ValueKind::Encrypted);
}

TEST(WfaSubelemTable, LengthRules) {
  EXPECT_EQ(wfa_subelem_name(0x00), "Version2");
  EXPECT_EQ(wfa_subelem_name(0x09), "Unknown");
  const WfaSubelemInfo* am = wfa_subelem_info(0x01);
  ASSERT_NE(am, nullptr);
  EXPECT_FALSE(am->length_ok(0));
  EXPECT_TRUE(am->length_ok(6));
  EXPECT_TRUE(am->length_ok(30));
  EXPECT_FALSE(am->length_ok(36));  // n <= 5
  EXPECT_FALSE(am->length_ok(7));   // 6n
  EXPECT_TRUE(wfa_subelem_info(0x05)->length_ok(2));
  EXPECT_FALSE(wfa_subelem_info(0x00)->length_ok(2));
  for (std::uint8_t id = 0; id <= 8; ++id)
    EXPECT_EQ(static_cast<std::uint8_t>(wfa_subelem_info(id)->id), id);
}

// WPS-FACTS §5.
TEST(Enums, ValuesAndNames) {
  EXPECT_EQ(static_cast<int>(MsgType::M8), 0x0C);
  EXPECT_EQ(static_cast<int>(MsgType::WscDone), 0x0F);
  EXPECT_EQ(msg_type_name(MsgType::M2D), "M2D");
  EXPECT_EQ(msg_type_name(static_cast<MsgType>(0x42)), "Unknown");
  EXPECT_TRUE(is_known(MsgType::WscNack));
  EXPECT_FALSE(is_known(static_cast<MsgType>(0)));
  EXPECT_FALSE(is_known(static_cast<MsgType>(0x10)));
  EXPECT_EQ(static_cast<int>(ConfigError::DevicePasswordAuthFailure), 18);
  EXPECT_EQ(static_cast<int>(ConfigError::PublicKeyHashMismatch), 20);
  for (int v = 0; v <= 20; ++v)
    EXPECT_NE(config_error_name(static_cast<ConfigError>(v)), "Unknown") << v;
  EXPECT_EQ(config_error_name(static_cast<ConfigError>(21)), "Unknown");
  EXPECT_EQ(static_cast<int>(DevicePasswordId::PushButton), 4);
  EXPECT_EQ(device_password_id_name(static_cast<DevicePasswordId>(0x1234)), "OOB password token");
  EXPECT_EQ(ConfigMethod::VirtualDisplay | ConfigMethod::Keypad, 0x2108);  // wpa_supplicant M1
  EXPECT_EQ(ConfigMethod::Label | ConfigMethod::VirtualDisplay | ConfigMethod::VirtualPushButton |
                ConfigMethod::Keypad,
            0x238C);  // hostapd M2 (§5)
  EXPECT_EQ(AuthType::Open | AuthType::WpaPsk | AuthType::Wpa2Psk, 0x0023);
  EXPECT_EQ(EncrType::None | EncrType::Tkip | EncrType::Aes, 0x000D);
}

}  // namespace
}  // namespace wps::wsc
