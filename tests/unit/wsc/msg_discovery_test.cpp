#include "wsc/msg_discovery.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"

namespace wps::wsc {
namespace {

using test::hex;

TEST(BeaconIe, RoundTripAndHostapdOrder) {
  BeaconIe ie;
  ie.wps_state = WpsState::Configured;
  ie.ap_setup_locked = true;
  ie.selected_registrar = true;
  ie.device_password_id = DevicePasswordId::Default;
  ie.selected_registrar_config_methods = 0x0188;
  ie.uuid_e = samples::fixed<Uuid>(1);
  ie.rf_bands = RfBand::Band24GHz | RfBand::Band5GHz;
  ie.wfa_ext.authorized_macs = {MacAddr::broadcast()};
  Bytes b = build_beacon_ie(ie);
  auto p = parse_beacon_ie(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, ie);
  auto l = tokenize(b);
  const std::uint16_t order[] = {0x104a, 0x1044, 0x1057, 0x1041, 0x1012,
                                 0x1053, 0x1047, 0x103c, 0x1049};
  ASSERT_EQ(l->size(), std::size(order));
  for (std::size_t i = 0; i < l->size(); ++i) EXPECT_EQ((*l)[i].type, order[i]);
  // WFA ext: Version2 then AuthorizedMACs ff:ff:ff:ff:ff:ff (§2.4 "wps_pin any").
  EXPECT_EQ(to_hex(l->back().value), "00372a"
                                     "000120"
                                     "0106ffffffffffff");
}

TEST(BeaconIe, MinimalAndSelectedRegistrarRule) {
  BeaconIe ie;
  Bytes b = build_beacon_ie(ie);
  EXPECT_EQ(to_hex(b), "104a000110"
                       "1044000102"
                       "10490006"
                       "00372a000120");
  ASSERT_TRUE(parse_beacon_ie(b));
  // Selected Registrar = 1 without Device Password ID / Sel. Reg. Config Methods.
  Bytes sel = hex("104a000110 1044000102 1041000101");
  EXPECT_EQ(parse_beacon_ie(sel).error(), (Error{Errc::AttrMissing, 0, 0x1012}));
  Bytes sel2 = concat({sel, hex("101200020000")});
  EXPECT_EQ(parse_beacon_ie(sel2).error(), (Error{Errc::AttrMissing, 0, 0x1053}));
  // Selected Registrar = 0 needs neither.
  EXPECT_TRUE(parse_beacon_ie(hex("104a000110 1044000102 1041000100")));
  EXPECT_EQ(parse_beacon_ie(hex("104a000110")).error(), (Error{Errc::AttrMissing, 0, 0x1044}));
}

TEST(ProbeResponseIe, RoundTrip) {
  ProbeResponseIe ie;
  ie.selected_registrar = true;
  ie.device_password_id = DevicePasswordId::PushButton;
  ie.selected_registrar_config_methods = 0x0680;
  ie.uuid_e = samples::fixed<Uuid>(2);
  ie.device = samples::device();
  ie.config_methods = 0x200c;
  ie.rf_bands = RfBand::Band5GHz;
  ie.vendor_ext = samples::other_vendors();
  Bytes b = build_probe_response_ie(ie);
  auto p = parse_probe_response_ie(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, ie);
  auto l = tokenize(b);
  const std::uint16_t head[] = {0x104a, 0x1044, 0x1041, 0x1012, 0x1053, 0x103b, 0x1047, 0x1021,
                                0x1023, 0x1024, 0x1042, 0x1054, 0x1011, 0x1008, 0x103c, 0x1049};
  for (std::size_t i = 0; i < std::size(head); ++i) EXPECT_EQ((*l)[i].type, head[i]) << i;
}

TEST(ProbeRequestIe, RoundTripEnrolleeAndRegistrar) {
  ProbeRequestIe ie;
  ie.config_methods = 0x2108;
  ie.uuid_e = samples::fixed<Uuid>(3);
  ie.primary_device_type = DeviceType{1, kWfaDeviceTypeOui, 1};
  ie.rf_bands = 3;
  ie.device_password_id = DevicePasswordId::PushButton;
  ie.manufacturer = "";  // sent as " "
  ie.model_name = "m";
  ie.model_number = "n";
  ie.device_name = "d";
  ie.wfa_ext.request_to_enroll = true;
  ie.requested_device_types = {DeviceType{6, kWfaDeviceTypeOui, 1},
                               DeviceType{7, kWfaDeviceTypeOui, 2}};
  ie.secondary_device_types = {DeviceType{8, kWfaDeviceTypeOui, 3}};
  Bytes b = build_probe_request_ie(ie);
  auto p = parse_probe_request_ie(b);
  ASSERT_TRUE(p) << describe(p.error());
  ProbeRequestIe expect = ie;
  expect.manufacturer = " ";
  EXPECT_EQ(*p, expect);

  ProbeRequestIe reg;
  reg.request_type = RequestType::Registrar;
  reg.uuid_r = samples::fixed<Uuid>(4);
  auto pr = parse_probe_request_ie(build_probe_request_ie(reg));
  ASSERT_TRUE(pr) << describe(pr.error());
  EXPECT_EQ(*pr, reg);
  ProbeRequestIe none;
  EXPECT_EQ(parse_probe_request_ie(build_probe_request_ie(none)).error(),
            (Error{Errc::AttrMissing, 0, 0x1047}));
}

TEST(AssocIe, HostapdBytes) {
  // Version, Request Type 1, WFA ext {Version2} (§2.4, [H-com wps_build_assoc_req_ie]).
  AssocRequestIe rq;
  EXPECT_EQ(to_hex(build_assoc_request_ie(rq)), "104a000110"
                                                "103a000101"
                                                "10490006"
                                                "00372a000120");
  AssocResponseIe rs;
  EXPECT_EQ(to_hex(build_assoc_response_ie(rs)), "104a000110"
                                                 "103b000103"
                                                 "10490006"
                                                 "00372a000120");
  EXPECT_EQ(*parse_assoc_request_ie(build_assoc_request_ie(rq)), rq);
  EXPECT_EQ(*parse_assoc_response_ie(build_assoc_response_ie(rs)), rs);
  EXPECT_EQ(parse_assoc_response_ie(build_assoc_request_ie(rq)).error(),
            (Error{Errc::AttrMissing, 0, 0x103b}));
}

TEST(WpsIe, WrapSmallPayload) {
  Bytes attrs = build_assoc_request_ie(AssocRequestIe{});
  Bytes ie = wrap_wps_ie(attrs);
  ASSERT_EQ(attrs.size(), 20u);
  EXPECT_EQ(to_hex(ie), "dd18"
                        "0050f204" +
                            to_hex(attrs));  // 4 + 20 = 0x18
  EXPECT_TRUE(wrap_wps_ie({}).empty());
}

// A payload longer than 251 octets is split into consecutive WPS IEs and re-joined exactly,
// attributes straddling the boundaries (§2.3).
TEST(WpsIe, SplitAt251AndRejoin) {
  for (std::size_t n : {250u, 251u, 252u, 502u, 503u, 700u}) {
    Bytes attrs = samples::filled(n, 5);
    Bytes ies = wrap_wps_ie(attrs);
    const std::size_t count = (n + 250) / 251;
    EXPECT_EQ(ies.size(), n + 6 * count) << n;
    std::size_t pos = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t chunk = std::min<std::size_t>(251, n - k * 251);
      EXPECT_EQ(ies[pos], 0xdd);
      EXPECT_EQ(ies[pos + 1], chunk + 4);
      EXPECT_EQ(to_hex(ByteView(ies).subspan(pos + 2, 4)), "0050f204");
      pos += 2 + 4 + chunk;
    }
    // Mixed with other elements (SSID first, a WMM vendor IE in between).
    const std::size_t cut = std::min<std::size_t>(257, ies.size());  // after the first IE
    Bytes frame = concat({hex("0004 74657374"), ByteView(ies).first(cut),
                          hex("dd07 0050f202 010100"), ByteView(ies).subspan(cut)});
    auto back = unwrap_wps_ies(frame);
    ASSERT_TRUE(back) << describe(back.error());
    ASSERT_TRUE(back->has_value());
    EXPECT_EQ(**back, attrs) << n;
  }
}

TEST(WpsIe, UnwrapRealProbeRequestPayload) {
  ProbeRequestIe ie;
  ie.uuid_e = samples::fixed<Uuid>(9);
  ie.manufacturer = std::string(64, 'M');
  ie.model_name = std::string(32, 'N');
  ie.model_number = std::string(32, 'U');
  ie.device_name = std::string(32, 'D');
  Bytes attrs = build_probe_request_ie(ie);
  ASSERT_GT(attrs.size(), 251u);
  auto back = unwrap_wps_ies(wrap_wps_ie(attrs));
  ASSERT_TRUE(back && back->has_value());
  auto p = parse_probe_request_ie(**back);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, ie);
}

TEST(WpsIe, UnwrapNoneAndMalformed) {
  auto none = unwrap_wps_ies(hex("0004 74657374 dd07 0050f202 010100"));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto empty_ie = unwrap_wps_ies(hex("dd04 0050f204"));
  ASSERT_TRUE(empty_ie && empty_ie->has_value());
  EXPECT_TRUE((*empty_ie)->empty());
  EXPECT_EQ(unwrap_wps_ies(hex("0004 7465")).error(), (Error{Errc::Dot11BadIe, 0, 0}));
  EXPECT_EQ(unwrap_wps_ies(hex("0001 74 dd")).error(), (Error{Errc::Dot11BadIe, 3, 0}));
  // A vendor IE shorter than its OUI is skipped, not an error.
  auto shortv = unwrap_wps_ies(hex("dd02 0050"));
  ASSERT_TRUE(shortv);
  EXPECT_FALSE(shortv->has_value());
}

}  // namespace
}  // namespace wps::wsc
