// WSC_ACK, WSC_NACK and WSC_Done (WPS-FACTS §6.4; attribute order from the IO pcaps).
// No Authenticator; none of them becomes the "previous message" of §7.4.
// See msg_m1_m2.hpp for the build/parse contract.
#pragma once

#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {

/// WSC_ACK (Msg Type 0x0D, Op-Code WSC_ACK): Version, Type, N1, N2, Vendor Ext.
struct WscAck {
  EnrolleeNonce enrollee_nonce;
  RegistrarNonce registrar_nonce;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const WscAck&, const WscAck&) = default;
};

/// WSC_NACK (0x0E, Op-Code WSC_NACK): Version, Type, N1, N2, Configuration Error, Vendor Ext.
struct WscNack {
  EnrolleeNonce enrollee_nonce;
  RegistrarNonce registrar_nonce;
  ConfigError config_error = ConfigError::NoError;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const WscNack&, const WscNack&) = default;
};

/// WSC_Done (0x0F, Op-Code WSC_Done): Version, Type, N1, N2, Vendor Ext.
struct WscDone {
  EnrolleeNonce enrollee_nonce;
  RegistrarNonce registrar_nonce;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const WscDone&, const WscDone&) = default;
};

Bytes build_wsc_ack(const WscAck& m);
Bytes build_wsc_nack(const WscNack& m);
Bytes build_wsc_done(const WscDone& m);

/// Schemas kSchemaWscAck / kSchemaWscNack / kSchemaWscDone.
/// Note: a NACK sent before M2 (e.g. an AP enrollee refusing) may carry an all-zero
/// Registrar Nonce; that is a value, not an error, here.
Result<WscAck> parse_wsc_ack(ByteView msg);
Result<WscNack> parse_wsc_nack(ByteView msg);
Result<WscDone> parse_wsc_done(ByteView msg);

}  // namespace wps::wsc
