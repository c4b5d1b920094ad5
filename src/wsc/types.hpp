// Value types shared by the WSC message structs (msg_*.hpp): strong types for the fixed-size
// values of WPS-FACTS §4 and the device description that M1, M2, M2D and the Probe Response
// carry.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "wsc/attr_table.hpp"

namespace wps::wsc {

struct IvTag {};
struct EHash1Tag {};
struct EHash2Tag {};
struct RHash1Tag {};
struct RHash2Tag {};
struct AuthenticatorTag {};
struct KeyWrapAuthTag {};

/// The 16-octet AES-CBC IV that starts an Encrypted Settings value (§7.5).
using Iv = FixedBytes<16, IvTag>;
/// E-Hash1/E-Hash2/R-Hash1/R-Hash2 (§7.3): full 32-octet HMAC-SHA-256. Distinct types so that
/// the builders' and keys.hpp's argument order is checked by the compiler.
using EHash1 = FixedBytes<32, EHash1Tag>;
using EHash2 = FixedBytes<32, EHash2Tag>;
using RHash1 = FixedBytes<32, RHash1Tag>;
using RHash2 = FixedBytes<32, RHash2Tag>;
/// Authenticator attribute value (§7.4): first 8 octets of HMAC-SHA-256(AuthKey, prev ‖ cur*).
using Authenticator = FixedBytes<8, AuthenticatorTag>;
/// Key Wrap Authenticator value (§7.5): first 8 octets of HMAC-SHA-256(AuthKey, settings TLVs).
using KeyWrapAuth = FixedBytes<8, KeyWrapAuthTag>;

/// Primary / Secondary / Requested Device Type (0x1054, 0x1055 entries, 0x106A):
/// Category(2) ‖ OUI+type(4, normally 00 50 F2 04) ‖ Sub-category(2).
struct DeviceType {
  std::uint16_t category = 0;
  std::array<std::uint8_t, 4> oui = kWfaDeviceTypeOui;
  std::uint16_t subcategory = 0;

  [[nodiscard]] std::array<std::uint8_t, 8> encode() const;
  /// Precondition: v.size() == 8 (the tokenizer guarantees it).
  static DeviceType decode(ByteView v);
  friend bool operator==(const DeviceType&, const DeviceType&) = default;
};

/// The device description shared by M1, M2, M2D and the Probe Response (§6.1-6.3, §2.4).
/// Builders send an EMPTY string as a single space " " (hostapd interop rule, §6.1), so a field
/// built empty parses back as " ". Each string must fit its table limit (Manufacturer <= 64,
/// the others <= 32 octets); builders assert it.
struct DeviceInfo {
  std::string manufacturer;
  std::string model_name;
  std::string model_number;
  std::string serial_number;
  DeviceType primary_device_type;
  std::string device_name;
  friend bool operator==(const DeviceInfo&, const DeviceInfo&) = default;
};

}  // namespace wps::wsc
