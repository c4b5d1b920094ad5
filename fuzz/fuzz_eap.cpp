// Fuzz target: EAPOL + EAP + EAP-WSC header parsing (src/eap/eapol, src/eap/eap_packet).
//
// The input is tried at every layer, so the fuzzer reaches the inner parsers without first having
// to discover valid outer headers:
//   1. as an Ethernet frame, descending Ethernet → EAPOL → EAP → Identity / expanded / EAP-WSC;
//   2. as an EAPOL frame, 3. as an EAP packet, 4. as an EAP-WSC payload.
// Besides "never crash", it checks codec invariants and aborts when one breaks:
//   - views stay inside the input and their offsets are consistent;
//   - whatever parses rebuilds to the same octets (build ∘ parse = identity on the parsed span).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"

namespace {

using namespace wps;
using namespace wps::eap;

void check(bool ok) {
  if (!ok) std::abort();
}

bool inside(ByteView outer, std::size_t outer_offset, ByteView inner, std::size_t inner_offset) {
  if (inner.empty())
    return inner_offset >= outer_offset && inner_offset <= outer_offset + outer.size();
  return inner.data() >= outer.data() &&
         inner.data() + inner.size() <= outer.data() + outer.size() &&
         inner_offset == outer_offset + static_cast<std::size_t>(inner.data() - outer.data());
}

void wsc_payload_layer(ByteView in, std::size_t base) {
  auto w = parse_wsc_payload(in, base);
  if (!w) return;
  check(w->offset == base);
  check(inside(in, base, w->data, w->data_offset));
  check((w->flags & ~kWscFlagsKnown) == 0);
  check(w->message_length.has_value() == ((w->flags & kWscFlagLength) != 0));
  const Bytes again = build_wsc_payload(w->op, w->data, w->more_fragments(), w->message_length);
  check(equal(again, in));
}

void eap_layer(ByteView in, std::size_t base) {
  auto p = parse_eap(in, base);
  if (!p) return;
  check(p->offset == base);
  const std::size_t length = in.size() - p->trailing;
  check(length >= kEapHeaderLen);
  const ByteView packet = in.first(length);
  check(p->type.has_value() == (p->code == EapCode::Request || p->code == EapCode::Response));
  if (!p->type) {
    check(length == kEapHeaderLen);
    const Bytes again = p->code == EapCode::Success ? build_eap_success(p->id)
                                                    : build_eap_failure(p->id);
    check(equal(again, packet));
    return;
  }
  check(inside(in, base, p->type_data, p->type_data_offset));
  check(equal(build_eap(p->code, p->id, *p->type, p->type_data), packet));

  if (auto id = parse_identity(*p)) check(equal(*id, p->type_data));
  auto ext = parse_expanded(*p);
  if (!ext) return;
  check(inside(in, base, ext->data, ext->data_offset));
  check(equal(build_expanded(p->code, p->id, ext->vendor_id, ext->vendor_type, ext->data), packet));
  auto w = parse_wsc(*p);
  if (w) {
    check(ext->vendor_id == kVendorIdWfa && ext->vendor_type == kVendorTypeSimpleConfig);
    check(
        equal(build_wsc(p->code, p->id,
                        build_wsc_payload(w->op, w->data, w->more_fragments(), w->message_length)),
              packet));
  }
  wsc_payload_layer(ext->data, ext->data_offset);
}

void eapol_layer(ByteView in, std::size_t base) {
  auto e = parse_eapol(in, base);
  if (!e) return;
  check(e->body_offset == base + kEapolHeaderLen);
  check(inside(in, base, e->body, e->body_offset));
  check(kEapolHeaderLen + e->body.size() + e->trailing == in.size());
  check(equal(build_eapol(e->type, e->body, e->version), in.first(in.size() - e->trailing)));
  if (e->type == EapolType::EapPacket) eap_layer(e->body, e->body_offset);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);
  if (auto eth = parse_ethernet(in)) {
    check(inside(in, 0, eth->payload, eth->payload_offset));
    check(equal(build_ethernet(eth->dst, eth->src, eth->payload), in));
    eapol_layer(eth->payload, eth->payload_offset);
  }
  eapol_layer(in, 0);
  eap_layer(in, 0);
  wsc_payload_layer(in, 0);
  return 0;
}
