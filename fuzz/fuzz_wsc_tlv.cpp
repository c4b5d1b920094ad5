// Fuzz target: the WSC attribute codec (src/wsc): tokenizer, vendor extensions, every message
// parser (M1..M8, M2D, ACK/NACK/Done, discovery IEs), peek/verify, WPS IE unwrap.
//
// Input: one WSC attribute payload (seeds: the TV10 messages of WPS-FACTS §11).
// Invariants (abort on violation):
//  - nothing crashes, whatever the input;
//  - a tokenized list covers the input exactly, in order;
//  - whatever parses rebuilds, and the rebuild is a fixed point: b1 = build(parse(x)) parses
//    again and build(parse(b1)) == b1 (one normalisation step is allowed: empty device strings
//    become " ", an all-empty WFA extension is dropped, attributes outside the schema vanish);
//  - wrap_wps_ie / unwrap_wps_ies is the identity on the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "wsc/wsc.hpp"

namespace {

using namespace wps;
using namespace wps::wsc;

void check(bool ok) {
  if (!ok) std::abort();
}

const crypto::AuthKey& key() {
  static const crypto::AuthKey k = crypto::AuthKey::take_prefix(
      ByteView(reinterpret_cast<const std::uint8_t*>("wpslab fuzz authenticator key 32"), 32));
  return k;
}

// b1 = build(parse(x)); then parse(b1) must succeed and rebuild to b1.
template <typename ParseFn, typename BuildFn>
void fixed_point(ByteView in, ParseFn parse, BuildFn build) {
  auto m = parse(in);
  if (!m) return;
  Bytes b1 = build(*m);
  auto m2 = parse(b1);
  check(m2.has_value());
  check(build(*m2) == b1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);

  for (auto mode : {TokenizeMode::Strict, TokenizeMode::FramingOnly}) {
    auto l = tokenize(in, 7, mode);
    if (!l) continue;
    std::size_t off = 7;
    for (const Attr& a : *l) {
      check(a.offset == off);
      off = a.end_offset();
    }
    check(off == size + 7);
    if (mode == TokenizeMode::Strict) (void)parse_vendor_extensions(*l);
  }
  (void)parse_wfa_subelements(in, 0);
  (void)peek_message_type(in);
  (void)verify_authenticator(key(), {}, in);
  if (auto p = parse_message(in)) check(p->raw.size() == size);

  const Bytes none;
  fixed_point(in, parse_m1, [](const M1& m) { return build_m1(m); });
  fixed_point(in, parse_m2, [&](const M2& m) { return build_m2(m, key(), none); });
  fixed_point(in, parse_m2d, [](const M2D& m) { return build_m2d(m); });
  fixed_point(in, parse_m3, [&](const M3& m) { return build_m3(m, key(), none); });
  fixed_point(in, parse_wsc_ack, [](const WscAck& m) { return build_wsc_ack(m); });
  fixed_point(in, parse_wsc_nack, [](const WscNack& m) { return build_wsc_nack(m); });
  fixed_point(in, parse_wsc_done, [](const WscDone& m) { return build_wsc_done(m); });
  fixed_point(in, parse_beacon_ie, [](const BeaconIe& m) { return build_beacon_ie(m); });
  fixed_point(in, parse_probe_request_ie,
              [](const ProbeRequestIe& m) { return build_probe_request_ie(m); });
  fixed_point(in, parse_probe_response_ie,
              [](const ProbeResponseIe& m) { return build_probe_response_ie(m); });
  fixed_point(in, parse_assoc_request_ie,
              [](const AssocRequestIe& m) { return build_assoc_request_ie(m); });
  fixed_point(in, parse_assoc_response_ie,
              [](const AssocResponseIe& m) { return build_assoc_response_ie(m); });
  // Sealed messages: parse only (opening needs the keys, see fuzz_wsc_settings).
  (void)parse_m4(in);
  (void)parse_m5(in);
  (void)parse_m6(in);
  (void)parse_m7(in);
  (void)parse_m8(in);

  // The same octets as 802.11 elements, and wrapped into WPS IEs and back.
  (void)unwrap_wps_ies(in);
  auto back = unwrap_wps_ies(wrap_wps_ie(in));
  check(back.has_value());
  if (size == 0) {
    check(!back->has_value());
  } else {
    check(back->has_value() && equal(**back, in));
  }
  return 0;
}
