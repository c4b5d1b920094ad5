#include "wsc/schema.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"
#include "tv10.hpp"

namespace wps::wsc {
namespace {

using test::hex;

// `msg` without every TLV of type t.
Bytes drop(ByteView msg, AttrType t) {
  auto l = tokenize(msg);
  EXPECT_TRUE(l);
  Bytes out;
  for (const Attr& a : *l) {
    if (a.type == to_u16(t)) continue;
    auto tlv = msg.subspan(a.offset, a.end_offset() - a.offset);
    out.insert(out.end(), tlv.begin(), tlv.end());
  }
  return out;
}

struct Case {
  const char* name;
  Bytes msg;
  const Schema* schema;
  std::function<Result<void>(ByteView)> parse;
};

template <typename F>
std::function<Result<void>(ByteView)> as_void(F f) {
  return [f](ByteView b) -> Result<void> {
    auto r = f(b);
    if (!r) return unexpected(r.error());
    return ok();
  };
}

std::vector<Case> cases() {
  namespace tv = test::tv10;
  auto ak = samples::auth_key();
  return {
      {"M1", hex(tv::kM1), &kSchemaM1, as_void(parse_m1)},
      {"M2", hex(tv::kM2), &kSchemaM2, as_void(parse_m2)},
      {"M2D", build_m2d(samples::m2d()), &kSchemaM2D, as_void(parse_m2d)},
      {"M3", hex(tv::kM3), &kSchemaM3, as_void(parse_m3)},
      {"M4", hex(tv::kM4), &kSchemaM4, as_void(parse_m4)},
      {"M5", hex(tv::kM5), &kSchemaM5, as_void(parse_m5)},
      {"M6", hex(tv::kM6), &kSchemaM6, as_void(parse_m6)},
      {"M7", hex(tv::kM7), &kSchemaM7, as_void(parse_m7)},
      {"M8", hex(tv::kM8), &kSchemaM8, as_void(parse_m8)},
      {"ACK",
       build_wsc_ack(WscAck{samples::fixed<EnrolleeNonce>(1),
                            samples::fixed<RegistrarNonce>(2),
                            WfaExtension::v2(),
                            {}}),
       &kSchemaWscAck, as_void(parse_wsc_ack)},
      {"NACK",
       build_wsc_nack(WscNack{samples::fixed<EnrolleeNonce>(1),
                              samples::fixed<RegistrarNonce>(2),
                              ConfigError::DevicePasswordAuthFailure,
                              WfaExtension::v2(),
                              {}}),
       &kSchemaWscNack, as_void(parse_wsc_nack)},
      {"Done", hex(tv::kDone), &kSchemaWscDone, as_void(parse_wsc_done)},
      {"Beacon", build_beacon_ie(BeaconIe{}), &kSchemaBeacon, as_void(parse_beacon_ie)},
      {"ProbeResponse",
       [] {
         ProbeResponseIe ie;
         ie.device = samples::device();
         return build_probe_response_ie(ie);
       }(),
       &kSchemaProbeResponse, as_void(parse_probe_response_ie)},
      {"ProbeRequest",
       [] {
         ProbeRequestIe ie;
         ie.uuid_e = samples::fixed<Uuid>(1);
         return build_probe_request_ie(ie);
       }(),
       &kSchemaProbeRequest, as_void(parse_probe_request_ie)},
      {"AssocRequest", build_assoc_request_ie({}), &kSchemaAssocRequest,
       as_void(parse_assoc_request_ie)},
      {"AssocResponse", build_assoc_response_ie({}), &kSchemaAssocResponse,
       as_void(parse_assoc_response_ie)},
  };
}

TEST(Schema, ValidMessagesPass) {
  for (const Case& c : cases()) {
    auto r = c.parse(c.msg);
    EXPECT_TRUE(r) << c.name << ": " << (r ? "" : describe(r.error()));
  }
}

// Removing any mandatory attribute of any message gives AttrMissing naming that attribute.
TEST(Schema, EveryMissingMandatoryAttributeIsReported) {
  int checked = 0;
  for (const Case& c : cases()) {
    for (AttrType t : c.schema->required) {
      Bytes cut = drop(c.msg, t);
      auto r = c.parse(cut);
      ASSERT_FALSE(r) << c.name << " without " << attr_name(t);
      EXPECT_EQ(r.error(), (Error{Errc::AttrMissing, 0, to_u16(t)})) << c.name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Schema, SetsAreDisjointAndCoverTheMessageTypes) {
  for (const Schema* s : all_schemas()) {
    for (AttrType t : s->required) {
      EXPECT_FALSE(s->is_optional(t)) << s->name << " " << attr_name(t);
      EXPECT_FALSE(s->is_forbidden(t)) << s->name << " " << attr_name(t);
    }
    for (AttrType t : s->optional) EXPECT_FALSE(s->is_forbidden(t)) << s->name;
  }
  for (int v = 1; v <= 15; ++v) EXPECT_NE(schema_for(static_cast<MsgType>(v)), nullptr);
  EXPECT_EQ(schema_for(static_cast<MsgType>(0x10)), nullptr);
  EXPECT_TRUE(kSchemaM4.authenticator_last);
  EXPECT_FALSE(kSchemaM2D.authenticator_last);
  EXPECT_TRUE(kSchemaM2D.is_forbidden(AttrType::Authenticator));
  EXPECT_TRUE(kSchemaM8.is_forbidden(AttrType::Credential));  // only inside Encrypted Settings
}

TEST(Schema, CheckOrderMissingBeforeForbidden) {
  auto l = tokenize(hex("10160010 00000000000000000000000000000000"), 9);
  ASSERT_TRUE(l);
  EXPECT_EQ(check_schema(*l, kSchemaM1).error(), (Error{Errc::AttrMissing, 9, 0x104a}));
  EXPECT_EQ(check_schema(*l, Schema{"x", {}, {}, kSchemaM1.forbidden, false}).error(),
            (Error{Errc::AttrForbidden, 9, 0x1016}));
}

}  // namespace
}  // namespace wps::wsc
