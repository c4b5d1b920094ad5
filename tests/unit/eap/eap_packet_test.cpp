#include "eap/eap_packet.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "capture_frames.hpp"
#include "eap/eapol.hpp"
#include "support/test_support.hpp"

namespace wps::eap {
namespace {

/// The error of a Result, or Error{} (code Ok) when it holds a value: lets a wrong expectation
/// fail the test instead of tripping Result's precondition.
template <typename T>
Error err(const Result<T>& r) {
  return r ? Error{} : r.error();
}

using test::hex;

/// The EAP packet inside a captured Ethernet frame (asserts the outer layers parse).
struct Unwrapped {
  Bytes frame;
  EapPacket eap;
};
Unwrapped unwrap(std::string_view frame_hex) {
  Unwrapped u{hex(frame_hex), {}};
  auto eth = parse_ethernet(u.frame);
  EXPECT_TRUE(eth);
  auto eapol = parse_eapol(eth->payload, eth->payload_offset);
  EXPECT_TRUE(eapol);
  EXPECT_EQ(eapol->type, EapolType::EapPacket);
  auto eap = parse_eap(eapol->body, eapol->body_offset);
  EXPECT_TRUE(eap) << describe(eap.error());
  u.eap = *eap;
  return u;
}
/// The EAP packet's own octets (EAPOL body) of a captured frame.
Bytes eap_bytes(std::string_view frame_hex) {
  Bytes f = hex(frame_hex);
  return Bytes(f.begin() + 18, f.end());
}

TEST(EapIdentity, ConstantsAreTheWscIdentities) {
  EXPECT_EQ(kIdentityEnrollee.size(), 29u);   // WPS-FACTS §1 row 9
  EXPECT_EQ(kIdentityRegistrar.size(), 30u);  // WPS-FACTS §3.2
  EXPECT_EQ(kIdentityEnrollee, "WFA-SimpleConfig-Enrollee-1-0");
  EXPECT_EQ(kIdentityRegistrar, "WFA-SimpleConfig-Registrar-1-0");
}

TEST(EapIdentifier, NextWraps) {
  EXPECT_EQ(next_identifier(EapIdentifier(90)), EapIdentifier(91));
  EXPECT_EQ(next_identifier(EapIdentifier(255)), EapIdentifier(0));
}

TEST(EapPacket, RealRequestIdentity) {
  // pin/wps.pcap frame 2.
  auto u = unwrap(fixtures::kPin2ReqIdentity);
  EXPECT_EQ(u.eap.offset, 18u);
  EXPECT_EQ(u.eap.code, EapCode::Request);
  EXPECT_EQ(u.eap.id, EapIdentifier(90));
  EXPECT_EQ(u.eap.type, EapType::Identity);
  EXPECT_EQ(u.eap.trailing, 0u);
  auto id = parse_identity(u.eap);
  ASSERT_TRUE(id);
  EXPECT_TRUE(id->empty());
  EXPECT_EQ(build_identity(EapCode::Request, EapIdentifier(90), ""),
            eap_bytes(fixtures::kPin2ReqIdentity));
}

TEST(EapPacket, RealResponseIdentity) {
  // pin/wps.pcap frame 3: EAP length 34 (WPS-FACTS §3.2 example).
  auto u = unwrap(fixtures::kPin3RespIdentity);
  EXPECT_EQ(u.eap.code, EapCode::Response);
  EXPECT_EQ(u.eap.id, EapIdentifier(90));
  auto id = parse_identity(u.eap);
  ASSERT_TRUE(id);
  EXPECT_EQ(as_chars(*id), kIdentityEnrollee);
  EXPECT_EQ(u.eap.type_data_offset, 23u);
  const Bytes built = build_identity(EapCode::Response, EapIdentifier(90), kIdentityEnrollee);
  EXPECT_EQ(built, eap_bytes(fixtures::kPin3RespIdentity));
  EXPECT_EQ(built.size(), 34u);
}

TEST(EapPacket, RealWscStart) {
  // pin/wps.pcap frame 4: Request id 91, expanded WFA/SimpleConfig, WSC_Start, flags 0, length 14.
  auto u = unwrap(fixtures::kPin4WscStart);
  EXPECT_EQ(u.eap.code, EapCode::Request);
  EXPECT_EQ(u.eap.id, EapIdentifier(91));
  EXPECT_EQ(u.eap.type, EapType::Expanded);
  auto ext = parse_expanded(u.eap);
  ASSERT_TRUE(ext);
  EXPECT_EQ(ext->vendor_id, 0x00372Au);
  EXPECT_EQ(ext->vendor_type, 1u);
  auto wsc = parse_wsc(u.eap);
  ASSERT_TRUE(wsc) << describe(wsc.error());
  EXPECT_EQ(wsc->op, WscOpCode::WscStart);
  EXPECT_EQ(wsc->flags, 0);
  EXPECT_FALSE(wsc->message_length);
  EXPECT_TRUE(wsc->data.empty());
  EXPECT_EQ(wsc->offset, 30u);  // 14 Ethernet + 4 EAPOL + 12 EAP/expanded
  const Bytes built =
      build_wsc(EapCode::Request, EapIdentifier(91), build_wsc_payload(WscOpCode::WscStart, {}));
  EXPECT_EQ(built, eap_bytes(fixtures::kPin4WscStart));
  EXPECT_EQ(built.size(), 14u);  // WPS-FACTS §1 row 10
}

TEST(EapPacket, RealM1) {
  // pin/wps.pcap frame 5: Response id 91, WSC_MSG, flags 0, EAP length 403 → M1 of 389 octets.
  auto u = unwrap(fixtures::kPin5M1);
  EXPECT_EQ(u.eap.code, EapCode::Response);
  EXPECT_EQ(u.eap.id, EapIdentifier(91));
  auto wsc = parse_wsc(u.eap);
  ASSERT_TRUE(wsc);
  EXPECT_EQ(wsc->op, WscOpCode::WscMsg);
  EXPECT_EQ(wsc->flags, 0);
  EXPECT_EQ(wsc->data.size(), 389u);
  EXPECT_EQ(wsc->data_offset, 32u);
  // Version 0x10 then Message Type 0x04 (M1): WPS-FACTS §4, §6.1.
  EXPECT_EQ(to_hex(wsc->data.first(9)), "104a00011010220001");
  EXPECT_EQ(wsc->data[9], 0x04);
  EXPECT_EQ(build_wsc(EapCode::Response, EapIdentifier(91),
                      build_wsc_payload(WscOpCode::WscMsg, wsc->data)),
            eap_bytes(fixtures::kPin5M1));
}

TEST(EapPacket, RealDoneAndFailure) {
  // pin/wps.pcap frames 13 and 14: WSC_Done (id 95), then EAP-Failure reusing id 95.
  auto done = unwrap(fixtures::kPin13Done);
  auto wsc = parse_wsc(done.eap);
  ASSERT_TRUE(wsc);
  EXPECT_EQ(wsc->op, WscOpCode::WscDone);
  EXPECT_EQ(done.eap.id, EapIdentifier(95));
  EXPECT_EQ(wsc->data.size(), 74u - 14u);

  auto fail = unwrap(fixtures::kPin14Failure);
  EXPECT_EQ(fail.eap.code, EapCode::Failure);
  EXPECT_EQ(fail.eap.id, EapIdentifier(95));
  EXPECT_FALSE(fail.eap.type);
  EXPECT_TRUE(fail.eap.type_data.empty());
  EXPECT_EQ(build_eap_failure(EapIdentifier(95)), eap_bytes(fixtures::kPin14Failure));
  EXPECT_EQ(to_hex(build_eap_success(EapIdentifier(7))), "03070004");
}

TEST(EapPacket, RealFirstFragmentAndFragAck) {
  // frag/wps.pcap frame 5: flags 0x03 (MF|LF), Message Length 389, 96 data octets (threshold 100).
  auto u = unwrap(fixtures::kFrag5M1a);
  auto wsc = parse_wsc(u.eap);
  ASSERT_TRUE(wsc);
  EXPECT_EQ(u.eap.id, EapIdentifier(4));
  EXPECT_EQ(wsc->op, WscOpCode::WscMsg);
  EXPECT_EQ(wsc->flags, kWscFlagMore | kWscFlagLength);
  EXPECT_TRUE(wsc->more_fragments());
  ASSERT_TRUE(wsc->message_length);
  EXPECT_EQ(*wsc->message_length, 389);
  EXPECT_EQ(wsc->data.size(), 96u);
  EXPECT_EQ(wsc->data_offset, 34u);
  EXPECT_EQ(build_wsc(EapCode::Response, EapIdentifier(4),
                      build_wsc_payload(WscOpCode::WscMsg, wsc->data, true, 389)),
            eap_bytes(fixtures::kFrag5M1a));

  // frag/wps.pcap frame 6: the AP's WSC_FRAG_ACK in a new Request (id 5).
  auto ack = unwrap(fixtures::kFrag6FragAck);
  EXPECT_EQ(ack.eap.code, EapCode::Request);
  EXPECT_EQ(ack.eap.id, EapIdentifier(5));
  auto a = parse_wsc(ack.eap);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->op, WscOpCode::WscFragAck);
  EXPECT_EQ(a->flags, 0);
  EXPECT_TRUE(a->data.empty());
}

TEST(EapPacket, EveryTruncationOfARealPacket) {
  // The WSC_Start Request of pin/wps.pcap frame 4 cut at every length.
  const Bytes full = eap_bytes(fixtures::kPin4WscStart);
  ASSERT_EQ(full.size(), 14u);
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto p = parse_eap(ByteView(full).first(n), 18);
    ASSERT_FALSE(p) << n;
    // Header incomplete → Truncated at the header; Length (14) > octets present → at the data.
    EXPECT_EQ(err(p), (Error{Errc::Truncated, n < 4 ? 18u : 22u, 0})) << n;
  }
  // Consistent Length but too few octets for Vendor-Id/Vendor-Type: the expanded decoder reports.
  for (std::size_t vendor_octets = 0; vendor_octets < 7; ++vendor_octets) {
    Bytes b(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(5 + vendor_octets));
    b[3] = static_cast<std::uint8_t>(b.size());
    auto p = parse_eap(b, 18);
    ASSERT_TRUE(p) << vendor_octets;
    auto w = parse_wsc(*p);
    ASSERT_FALSE(w);
    EXPECT_EQ(err(w), (Error{Errc::Truncated, 18u + 5u, 0})) << vendor_octets;
  }
  // Expanded header complete, WSC header cut: Op-Code missing, then Flags missing.
  for (std::size_t n : {12u, 13u}) {
    Bytes b(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    b[3] = static_cast<std::uint8_t>(n);
    auto w = parse_wsc(*parse_eap(b, 18));
    ASSERT_FALSE(w);
    EXPECT_EQ(err(w), (Error{Errc::Truncated, static_cast<std::uint32_t>(18 + n), 0}));
  }
}

TEST(EapPacket, TrailingOctetsAreIgnoredButReported) {
  Bytes b = build_eap_failure(EapIdentifier(95));
  b.insert(b.end(), 20, 0x00);
  auto p = parse_eap(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->code, EapCode::Failure);
  EXPECT_EQ(p->trailing, 20u);
  Bytes r = build_identity(EapCode::Response, EapIdentifier(1), "ab");
  r.push_back(0xee);
  auto q = parse_eap(r);
  ASSERT_TRUE(q);
  EXPECT_EQ(as_chars(*parse_identity(*q)), "ab");
  EXPECT_EQ(q->trailing, 1u);
}

TEST(EapPacket, RejectsBadCodes) {
  for (int c = 0; c < 256; ++c) {
    Bytes b = hex("00 01 00 04");
    b[0] = static_cast<std::uint8_t>(c);
    auto p = parse_eap(b, 3);
    if (c == 3 || c == 4) {
      EXPECT_TRUE(p) << c;
    } else if (c == 1 || c == 2) {
      ASSERT_FALSE(p);
      EXPECT_EQ(err(p), (Error{Errc::BadLength, 5, 0})) << c;  // Request/Response need a Type
    } else {
      ASSERT_FALSE(p);
      EXPECT_EQ(err(p), (Error{Errc::EapBadCode, 3, 0})) << c;
    }
  }
}

TEST(EapPacket, RejectsBadLengths) {
  for (int len = 0; len < 4; ++len) {
    Bytes b = hex("01 01 00 00 01 02 03");
    b[3] = static_cast<std::uint8_t>(len);
    EXPECT_EQ(err(parse_eap(b)), (Error{Errc::BadLength, 2, 0})) << len;
  }
  // Success/Failure must be exactly 4 (RFC 3748 §4.2).
  EXPECT_EQ(err(parse_eap(hex("03 01 00 05 00"))), (Error{Errc::BadLength, 2, 0}));
  EXPECT_EQ(err(parse_eap(hex("04 01 00 06 00 00"))), (Error{Errc::BadLength, 2, 0}));
  // Length larger than what arrived.
  EXPECT_EQ(err(parse_eap(hex("02 01 00 07 01 41"))), (Error{Errc::Truncated, 4, 0}));
}

TEST(EapPacket, TypeSpecificDecodersCheckTheType) {
  auto failure = *parse_eap(build_eap_failure(EapIdentifier(1)), 10);
  EXPECT_EQ(err(parse_identity(failure)), (Error{Errc::EapBadCode, 10, 0}));
  EXPECT_EQ(err(parse_expanded(failure)), (Error{Errc::EapBadCode, 10, 0}));
  EXPECT_EQ(err(parse_wsc(failure)), (Error{Errc::EapBadCode, 10, 0}));

  auto identity = *parse_eap(build_identity(EapCode::Response, EapIdentifier(1), "x"), 10);
  EXPECT_EQ(err(parse_expanded(identity)), (Error{Errc::EapBadType, 14, 0}));
  EXPECT_EQ(err(parse_wsc(identity)), (Error{Errc::EapBadType, 14, 0}));

  // Another method (EAP-MD5, type 4) parses as EAP but is neither Identity nor WSC.
  auto md5 = parse_eap(hex("01 02 00 06 04 00"));
  ASSERT_TRUE(md5);
  EXPECT_EQ(static_cast<int>(*md5->type), 4);
  EXPECT_EQ(err(parse_identity(*md5)).code, Errc::EapBadType);

  auto wsc = *parse_eap(eap_bytes(fixtures::kPin4WscStart), 18);
  EXPECT_EQ(err(parse_identity(wsc)), (Error{Errc::EapBadType, 22, 0}));
}

TEST(EapPacket, RejectsOtherVendors) {
  const Bytes good = eap_bytes(fixtures::kPin4WscStart);
  ASSERT_TRUE(parse_wsc(*parse_eap(good)));
  // Any change in the 3 Vendor-Id octets (offsets 5..7) or the 4 Vendor-Type octets (8..11).
  for (std::size_t at = 5; at < 12; ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes b = good;
      b[at] = static_cast<std::uint8_t>(b[at] ^ (1 << bit));
      auto p = parse_eap(b, 18);
      ASSERT_TRUE(p);
      auto w = parse_wsc(*p);
      ASSERT_FALSE(w);
      EXPECT_EQ(err(w), (Error{Errc::EapBadVendor, at < 8 ? 23u : 26u, 0})) << at << "/" << bit;
    }
  }
  // parse_expanded itself accepts any vendor.
  const Bytes other_bytes =
      build_expanded(EapCode::Request, EapIdentifier(1), 0x0050f2, 5, hex("aa"));
  auto other = parse_eap(other_bytes);  // views into other_bytes: it must outlive `other`
  ASSERT_TRUE(other);
  auto ext = parse_expanded(*other);
  ASSERT_TRUE(ext);
  EXPECT_EQ(ext->vendor_id, 0x0050f2u);
  EXPECT_EQ(ext->vendor_type, 5u);
  EXPECT_EQ(to_hex(ext->data), "aa");
}

TEST(WscPayload, EveryOpCodeValue) {
  for (int op = 0; op < 256; ++op) {
    Bytes b = {static_cast<std::uint8_t>(op), 0x00, 0xab};
    auto p = parse_wsc_payload(b, 30);
    if (op >= 1 && op <= 6) {
      ASSERT_TRUE(p) << op;
      EXPECT_EQ(static_cast<int>(p->op), op);
      EXPECT_EQ(to_hex(p->data), "ab");
      EXPECT_EQ(p->data_offset, 32u);
      EXPECT_NE(to_string(p->op), "?");
    } else {
      ASSERT_FALSE(p) << op;
      EXPECT_EQ(err(p), (Error{Errc::WscBadOpCode, 30, 0})) << op;
    }
  }
  EXPECT_EQ(to_string(WscOpCode::WscFragAck), "WSC_FRAG_ACK");
  EXPECT_EQ(to_string(WscOpCode::WscMsg), "WSC_MSG");
}

TEST(WscPayload, EveryFlagsValue) {
  for (int f = 0; f < 256; ++f) {
    Bytes b = {0x04, static_cast<std::uint8_t>(f), 0x01, 0x85, 0xee};
    auto p = parse_wsc_payload(b);
    if ((f & ~0x03) != 0) {
      ASSERT_FALSE(p) << f;
      EXPECT_EQ(err(p), (Error{Errc::WscBadFlags, 1, 0})) << f;
      continue;
    }
    ASSERT_TRUE(p) << f;
    EXPECT_EQ(p->flags, f);
    EXPECT_EQ(p->more_fragments(), (f & 1) != 0);
    if (f & kWscFlagLength) {
      EXPECT_EQ(p->message_length, 389);
      EXPECT_EQ(p->data.size(), 1u);
    } else {
      EXPECT_FALSE(p->message_length);
      EXPECT_EQ(p->data.size(), 3u);
    }
  }
}

TEST(WscPayload, EveryTruncation) {
  const Bytes first = build_wsc_payload(WscOpCode::WscMsg, hex("10 4a"), true, 389);
  ASSERT_EQ(to_hex(first), "04030185104a");
  const std::uint32_t expected_offset[] = {0, 1, 2, 2};
  for (std::size_t n = 0; n < 4; ++n) {
    auto p = parse_wsc_payload(ByteView(first).first(n));
    ASSERT_FALSE(p);
    EXPECT_EQ(err(p), (Error{Errc::Truncated, expected_offset[n], 0})) << n;
  }
  for (std::size_t n = 4; n <= first.size(); ++n)
    EXPECT_TRUE(parse_wsc_payload(ByteView(first).first(n)));
}

TEST(WscPayload, BuildDerivesFlags) {
  EXPECT_EQ(to_hex(build_wsc_payload(WscOpCode::WscMsg, hex("aa"))), "0400aa");
  EXPECT_EQ(to_hex(build_wsc_payload(WscOpCode::WscMsg, hex("aa"), true)), "0401aa");
  EXPECT_EQ(to_hex(build_wsc_payload(WscOpCode::WscMsg, hex("aa"), false, 1)), "04020001aa");
  EXPECT_EQ(to_hex(build_wsc_payload(WscOpCode::WscNack, hex("aa"), true, 2)), "03030002aa");
}

TEST(EapPacket, EveryFrameOfEveryCaptureDecodes) {
  // Every EAP packet of the 7 interop runs parses down to its EAP-WSC header. Expected counts per
  // run come from tshark (filters eap.code==4, eap.wps.code==4, eap.wps.code==6 and the frame
  // count): late-pin holds two sessions (M2D round, then the retry that succeeds).
  struct Expect {
    const char* mode;
    int frames, failures, wsc_msg, frag_acks;
  } runs[] = {
      {"pin", 14, 1, 8, 0},       {"frag", 40, 1, 21, 13},     {"late-pin", 23, 2, 10, 0},
      {"wrong-pin", 10, 1, 4, 0}, {"wrong-pin2", 12, 1, 6, 0}, {"er", 12, 1, 7, 0},
      {"er-config", 14, 1, 8, 0},
  };
  for (const auto& run : runs) {
    const char* mode = run.mode;
    int frames = 0;
    std::map<WscOpCode, int> ops;
    std::map<EapCode, int> codes;
    for (const Bytes& f : fixtures::read_pcap_frames(fixtures::capture(mode))) {
      ++frames;
      auto eth = parse_ethernet(f);
      ASSERT_TRUE(eth);
      auto eapol = parse_eapol(eth->payload, eth->payload_offset);
      ASSERT_TRUE(eapol);
      if (eapol->type != EapolType::EapPacket) continue;
      auto eap = parse_eap(eapol->body, eapol->body_offset);
      ASSERT_TRUE(eap) << mode << ": " << describe(eap.error());
      EXPECT_EQ(eap->trailing, 0u);
      ++codes[eap->code];
      if (eap->type == EapType::Expanded) {
        auto w = parse_wsc(*eap);
        ASSERT_TRUE(w) << mode << ": " << describe(w.error());
        ++ops[w->op];
      }
    }
    EXPECT_EQ(frames, run.frames) << mode;
    EXPECT_EQ(codes[EapCode::Failure], run.failures) << mode;  // EAP-WSC ends in EAP-Failure
    EXPECT_EQ(codes[EapCode::Success], 0) << mode;             // ... never in EAP-Success
    EXPECT_EQ(ops[WscOpCode::WscMsg], run.wsc_msg) << mode;
    EXPECT_EQ(ops[WscOpCode::WscFragAck], run.frag_acks) << mode;
    if (std::string_view(mode) == "pin") {
      EXPECT_EQ(ops[WscOpCode::WscStart], 1);
      EXPECT_EQ(ops[WscOpCode::WscDone], 1);
    }
  }
}

}  // namespace
}  // namespace wps::eap
