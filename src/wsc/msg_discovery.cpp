// WPS IE contents of Beacon / Probe Request / Probe Response / (Re)Association frames and the
// vendor-element wrapping (WPS-FACTS §2.3, §2.4). Orders: [H-reg wps_set_ie] for Beacon and
// Probe Response, [H-com wps_build_probe_req_ie / wps_build_assoc_req_ie /
// wps_build_assoc_resp_ie] for the others.
#include "wsc/msg_discovery.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;
using detail::need_u16;
using detail::need_u8;
using detail::opt_bool;
using detail::opt_u16;
using detail::opt_u8;

namespace {

TlvWriter start_ie() {
  TlvWriter w;
  w.u8(AttrType::Version, kVersion1);
  return w;
}

// Fields shared by Beacon and Probe Response up to Selected Registrar Config Methods.
template <typename Ie>
void write_ap_state(TlvWriter& w, const Ie& ie) {
  w.u8(AttrType::WpsState, static_cast<std::uint8_t>(ie.wps_state));
  if (ie.ap_setup_locked) w.u8(AttrType::ApSetupLocked, *ie.ap_setup_locked ? 1 : 0);
  if (ie.selected_registrar) w.u8(AttrType::SelectedRegistrar, *ie.selected_registrar ? 1 : 0);
  if (ie.device_password_id)
    w.u16(AttrType::DevicePasswordId, static_cast<std::uint16_t>(*ie.device_password_id));
  if (ie.selected_registrar_config_methods)
    w.u16(AttrType::SelectedRegistrarConfigMethods, *ie.selected_registrar_config_methods);
}

template <typename Ie>
Result<void> read_ap_state(const AttrList& l, Ie& ie) {
  WPS_TRY_ASSIGN(auto st, need_u8(l, AttrType::WpsState));
  ie.wps_state = static_cast<WpsState>(st);
  ie.ap_setup_locked = opt_bool(l, AttrType::ApSetupLocked);
  ie.selected_registrar = opt_bool(l, AttrType::SelectedRegistrar);
  if (auto id = opt_u16(l, AttrType::DevicePasswordId))
    ie.device_password_id = static_cast<DevicePasswordId>(*id);
  ie.selected_registrar_config_methods = opt_u16(l, AttrType::SelectedRegistrarConfigMethods);
  // §2.4 [H-val]: an active Selected Registrar must say which password and methods it takes.
  if (ie.selected_registrar.value_or(false)) {
    if (!ie.device_password_id)
      return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::DevicePasswordId));
    if (!ie.selected_registrar_config_methods)
      return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::SelectedRegistrarConfigMethods));
  }
  return ok();
}

template <typename Ie>
Result<void> read_vendor(const AttrList& l, Ie& ie) {
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(l));
  ie.wfa_ext = std::move(ve.wfa);
  ie.vendor_ext = std::move(ve.other);
  return ok();
}

void write_opt_text(TlvWriter& w, AttrType t, const std::optional<std::string>& s) {
  if (s) detail::write_device_text(w, t, *s);
}

}  // namespace

Bytes build_beacon_ie(const BeaconIe& ie) {
  TlvWriter w = start_ie();
  write_ap_state(w, ie);
  if (ie.uuid_e) w.bytes(AttrType::UuidE, ie.uuid_e->view());
  if (ie.rf_bands) w.u8(AttrType::RfBands, *ie.rf_bands);
  write_vendor_extensions(w, ie.wfa_ext, ie.vendor_ext);
  return w.take();
}

Bytes build_probe_response_ie(const ProbeResponseIe& ie) {
  TlvWriter w = start_ie();
  write_ap_state(w, ie);
  w.u8(AttrType::ResponseType, static_cast<std::uint8_t>(ie.response_type));
  w.bytes(AttrType::UuidE, ie.uuid_e.view());
  detail::write_device_info(w, ie.device);
  w.u16(AttrType::ConfigMethods, ie.config_methods);
  if (ie.rf_bands) w.u8(AttrType::RfBands, *ie.rf_bands);
  write_vendor_extensions(w, ie.wfa_ext, ie.vendor_ext);
  return w.take();
}

Bytes build_probe_request_ie(const ProbeRequestIe& ie) {
  TlvWriter w = start_ie();
  w.u8(AttrType::RequestType, static_cast<std::uint8_t>(ie.request_type));
  w.u16(AttrType::ConfigMethods, ie.config_methods);
  if (ie.uuid_e) w.bytes(AttrType::UuidE, ie.uuid_e->view());
  if (ie.uuid_r) w.bytes(AttrType::UuidR, ie.uuid_r->view());
  auto pdt = ie.primary_device_type.encode();
  w.bytes(AttrType::PrimaryDeviceType, pdt);
  w.u8(AttrType::RfBands, ie.rf_bands);
  w.u16(AttrType::AssociationState, static_cast<std::uint16_t>(ie.association_state));
  w.u16(AttrType::ConfigurationError, static_cast<std::uint16_t>(ie.config_error));
  w.u16(AttrType::DevicePasswordId, static_cast<std::uint16_t>(ie.device_password_id));
  write_opt_text(w, AttrType::Manufacturer, ie.manufacturer);
  write_opt_text(w, AttrType::ModelName, ie.model_name);
  write_opt_text(w, AttrType::ModelNumber, ie.model_number);
  write_opt_text(w, AttrType::DeviceName, ie.device_name);
  write_vendor_extensions(w, ie.wfa_ext, ie.vendor_ext);
  for (const DeviceType& t : ie.requested_device_types) {
    auto b = t.encode();
    w.bytes(AttrType::RequestedDeviceType, b);
  }
  if (!ie.secondary_device_types.empty()) {
    Bytes list;
    for (const DeviceType& t : ie.secondary_device_types) {
      auto b = t.encode();
      list.insert(list.end(), b.begin(), b.end());
    }
    w.bytes(AttrType::SecondaryDeviceTypeList, list);
  }
  return w.take();
}

Bytes build_assoc_request_ie(const AssocRequestIe& ie) {
  TlvWriter w = start_ie();
  w.u8(AttrType::RequestType, static_cast<std::uint8_t>(ie.request_type));
  write_vendor_extensions(w, ie.wfa_ext, ie.vendor_ext);
  return w.take();
}

Bytes build_assoc_response_ie(const AssocResponseIe& ie) {
  TlvWriter w = start_ie();
  w.u8(AttrType::ResponseType, static_cast<std::uint8_t>(ie.response_type));
  write_vendor_extensions(w, ie.wfa_ext, ie.vendor_ext);
  return w.take();
}

Result<BeaconIe> parse_beacon_ie(ByteView attrs) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(attrs, 0, kSchemaBeacon));
  BeaconIe ie;
  WPS_TRY(read_ap_state(l, ie));
  ie.uuid_e = detail::opt_fixed<Uuid>(l, AttrType::UuidE);
  ie.rf_bands = opt_u8(l, AttrType::RfBands);
  WPS_TRY(read_vendor(l, ie));
  return ie;
}

Result<ProbeResponseIe> parse_probe_response_ie(ByteView attrs) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(attrs, 0, kSchemaProbeResponse));
  ProbeResponseIe ie;
  WPS_TRY(read_ap_state(l, ie));
  WPS_TRY_ASSIGN(auto rt, need_u8(l, AttrType::ResponseType));
  ie.response_type = static_cast<ResponseType>(rt);
  WPS_TRY_ASSIGN(ie.uuid_e, need_fixed<Uuid>(l, AttrType::UuidE));
  WPS_TRY_ASSIGN(ie.device, detail::read_device_info(l));
  WPS_TRY_ASSIGN(ie.config_methods, need_u16(l, AttrType::ConfigMethods));
  ie.rf_bands = opt_u8(l, AttrType::RfBands);
  WPS_TRY(read_vendor(l, ie));
  return ie;
}

Result<ProbeRequestIe> parse_probe_request_ie(ByteView attrs) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(attrs, 0, kSchemaProbeRequest));
  ProbeRequestIe ie;
  WPS_TRY_ASSIGN(auto rt, need_u8(l, AttrType::RequestType));
  ie.request_type = static_cast<RequestType>(rt);
  WPS_TRY_ASSIGN(ie.config_methods, need_u16(l, AttrType::ConfigMethods));
  ie.uuid_e = detail::opt_fixed<Uuid>(l, AttrType::UuidE);
  ie.uuid_r = detail::opt_fixed<Uuid>(l, AttrType::UuidR);
  // §2.4: UUID-E from an enrollee, UUID-R from a registrar; one of them is mandatory.
  if (!ie.uuid_e && !ie.uuid_r) return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::UuidE));
  WPS_TRY_ASSIGN(ie.primary_device_type, detail::need_device_type(l, AttrType::PrimaryDeviceType));
  WPS_TRY_ASSIGN(ie.rf_bands, need_u8(l, AttrType::RfBands));
  WPS_TRY_ASSIGN(auto assoc, need_u16(l, AttrType::AssociationState));
  ie.association_state = static_cast<AssociationState>(assoc);
  WPS_TRY_ASSIGN(auto err, need_u16(l, AttrType::ConfigurationError));
  ie.config_error = static_cast<ConfigError>(err);
  WPS_TRY_ASSIGN(auto dpid, need_u16(l, AttrType::DevicePasswordId));
  ie.device_password_id = static_cast<DevicePasswordId>(dpid);
  ie.manufacturer = detail::opt_text(l, AttrType::Manufacturer);
  ie.model_name = detail::opt_text(l, AttrType::ModelName);
  ie.model_number = detail::opt_text(l, AttrType::ModelNumber);
  ie.device_name = detail::opt_text(l, AttrType::DeviceName);
  WPS_TRY(read_vendor(l, ie));
  for (const Attr& a : l.all(AttrType::RequestedDeviceType))
    ie.requested_device_types.push_back(DeviceType::decode(a.value));
  if (const Attr* a = l.first(AttrType::SecondaryDeviceTypeList))
    for (std::size_t i = 0; i < a->value.size(); i += 8)
      ie.secondary_device_types.push_back(DeviceType::decode(a->value.subspan(i, 8)));
  return ie;
}

Result<AssocRequestIe> parse_assoc_request_ie(ByteView attrs) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(attrs, 0, kSchemaAssocRequest));
  AssocRequestIe ie;
  WPS_TRY_ASSIGN(auto rt, need_u8(l, AttrType::RequestType));
  ie.request_type = static_cast<RequestType>(rt);
  WPS_TRY(read_vendor(l, ie));
  return ie;
}

Result<AssocResponseIe> parse_assoc_response_ie(ByteView attrs) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(attrs, 0, kSchemaAssocResponse));
  AssocResponseIe ie;
  WPS_TRY_ASSIGN(auto rt, need_u8(l, AttrType::ResponseType));
  ie.response_type = static_cast<ResponseType>(rt);
  WPS_TRY(read_vendor(l, ie));
  return ie;
}

Bytes wrap_wps_ie(ByteView attrs) {
  // §2.3 [H-attr wps_ie_encapsulate]: 255-octet element body minus the 4-octet OUI+type leaves
  // 251 attribute octets per element; attributes may straddle elements.
  ByteWriter w;
  for (std::size_t pos = 0; pos < attrs.size(); pos += kWpsIeMaxData) {
    const ByteView chunk = attrs.subspan(pos, std::min(kWpsIeMaxData, attrs.size() - pos));
    w.u8(kVendorSpecificEid).u8(static_cast<std::uint8_t>(4 + chunk.size())).bytes(kWpsIeOui);
    w.bytes(chunk);
  }
  return w.take();
}

Result<std::optional<Bytes>> unwrap_wps_ies(ByteView elements) {
  std::optional<Bytes> out;
  ByteReader r(elements);
  while (!r.empty()) {
    const std::size_t at = r.offset();
    auto eid = r.u8();
    auto len = r.u8();
    if (!eid || !len) return unexpected(Errc::Dot11BadIe, at, 0);
    auto body = r.take(*len);
    if (!body) return unexpected(Errc::Dot11BadIe, at, 0);
    if (*eid != kVendorSpecificEid || body->size() < 4 ||
        !std::equal(kWpsIeOui.begin(), kWpsIeOui.end(), body->begin()))
      continue;
    // §2.3: concatenate every WPS element in order before tokenizing.
    if (!out) out.emplace();
    out->insert(out->end(), body->begin() + 4, body->end());
  }
  return out;
}

}  // namespace wps::wsc
