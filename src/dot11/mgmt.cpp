#include "dot11/mgmt.hpp"

#include <type_traits>

#include "base/assert.hpp"

namespace wps::dot11 {

namespace {

template <typename T>
struct SubtypeOf;
template <>
struct SubtypeOf<Beacon> {
  static constexpr auto v = MgmtSubtype::Beacon;
};
template <>
struct SubtypeOf<ProbeRequest> {
  static constexpr auto v = MgmtSubtype::ProbeRequest;
};
template <>
struct SubtypeOf<ProbeResponse> {
  static constexpr auto v = MgmtSubtype::ProbeResponse;
};
template <>
struct SubtypeOf<Authentication> {
  static constexpr auto v = MgmtSubtype::Authentication;
};
template <>
struct SubtypeOf<AssociationRequest> {
  static constexpr auto v = MgmtSubtype::AssociationRequest;
};
template <>
struct SubtypeOf<AssociationResponse> {
  static constexpr auto v = MgmtSubtype::AssociationResponse;
};
template <>
struct SubtypeOf<ReassociationRequest> {
  static constexpr auto v = MgmtSubtype::ReassociationRequest;
};
template <>
struct SubtypeOf<ReassociationResponse> {
  static constexpr auto v = MgmtSubtype::ReassociationResponse;
};
template <>
struct SubtypeOf<Disassociation> {
  static constexpr auto v = MgmtSubtype::Disassociation;
};
template <>
struct SubtypeOf<Deauthentication> {
  static constexpr auto v = MgmtSubtype::Deauthentication;
};

void put_mac(ByteWriter& w, const MacAddr& m) {
  w.bytes(m.view());
}

std::optional<MacAddr> get_mac(ByteReader& r) {
  auto v = r.take(6);
  if (!v) return std::nullopt;
  return MacAddr::from(*v);
}

// --- body writers -----------------------------------------------------------------------------

void write_body(ByteWriter& w, const Beacon& b) {
  w.u64le(b.timestamp).u16le(b.beacon_interval).u16le(b.capability);
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const ProbeResponse& b) {
  w.u64le(b.timestamp).u16le(b.beacon_interval).u16le(b.capability);
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const ProbeRequest& b) {
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const Authentication& b) {
  w.u16le(to_u16(b.algorithm)).u16le(b.transaction_seq).u16le(to_u16(b.status));
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const AssociationRequest& b) {
  w.u16le(b.capability).u16le(b.listen_interval);
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const ReassociationRequest& b) {
  w.u16le(b.capability).u16le(b.listen_interval);
  put_mac(w, b.current_ap);
  write_elements(w, b.elements);
}
std::uint16_t aid_on_air(std::uint16_t aid) {
  // §9.4.1.8: the AID field carries the AID with its two most significant bits set.
  return aid == 0 ? 0 : static_cast<std::uint16_t>((aid & 0x3fffu) | 0xc000u);
}
void write_body(ByteWriter& w, const AssociationResponse& b) {
  w.u16le(b.capability).u16le(to_u16(b.status)).u16le(aid_on_air(b.aid));
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const ReassociationResponse& b) {
  w.u16le(b.capability).u16le(to_u16(b.status)).u16le(aid_on_air(b.aid));
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const Disassociation& b) {
  w.u16le(to_u16(b.reason));
  write_elements(w, b.elements);
}
void write_body(ByteWriter& w, const Deauthentication& b) {
  w.u16le(to_u16(b.reason));
  write_elements(w, b.elements);
}

// --- body readers -----------------------------------------------------------------------------
// Each reads the fixed fields (Truncated at the offset of the first missing field), then the
// element region to the end of the frame.

Result<std::uint16_t> need_u16(ByteReader& r) {
  const std::size_t at = r.offset();
  auto v = r.u16le();
  if (!v) return unexpected(Errc::Truncated, at);
  return *v;
}

Result<Elements> rest_elements(ByteReader& r) {
  const std::size_t at = r.offset();
  return parse_elements(r.rest(), at);
}

template <typename T>
Result<T> read_bss_body(ByteReader& r) {
  T b;
  const std::size_t at = r.offset();
  auto ts = r.u64le();
  if (!ts) return unexpected(Errc::Truncated, at);
  b.timestamp = *ts;
  WPS_TRY_ASSIGN(b.beacon_interval, need_u16(r));
  WPS_TRY_ASSIGN(b.capability, need_u16(r));
  WPS_TRY_ASSIGN(b.elements, rest_elements(r));
  return b;
}

template <typename T>
Result<T> read_assoc_resp_body(ByteReader& r) {
  T b;
  WPS_TRY_ASSIGN(b.capability, need_u16(r));
  WPS_TRY_ASSIGN(auto st, need_u16(r));
  b.status = static_cast<StatusCode>(st);
  WPS_TRY_ASSIGN(auto aid, need_u16(r));
  b.aid = static_cast<std::uint16_t>(aid & 0x3fffu);
  WPS_TRY_ASSIGN(b.elements, rest_elements(r));
  return b;
}

template <typename T>
Result<T> read_reason_body(ByteReader& r) {
  T b;
  WPS_TRY_ASSIGN(auto reason, need_u16(r));
  b.reason = static_cast<ReasonCode>(reason);
  WPS_TRY_ASSIGN(b.elements, rest_elements(r));
  return b;
}

Result<MgmtBody> read_body(MgmtSubtype st, ByteReader& r) {
  switch (st) {
    case MgmtSubtype::Beacon: {
      WPS_TRY_ASSIGN(auto b, read_bss_body<Beacon>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::ProbeResponse: {
      WPS_TRY_ASSIGN(auto b, read_bss_body<ProbeResponse>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::ProbeRequest: {
      ProbeRequest b;
      WPS_TRY_ASSIGN(b.elements, rest_elements(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::Authentication: {
      Authentication b;
      WPS_TRY_ASSIGN(auto alg, need_u16(r));
      b.algorithm = static_cast<AuthAlgorithm>(alg);
      WPS_TRY_ASSIGN(b.transaction_seq, need_u16(r));
      WPS_TRY_ASSIGN(auto status, need_u16(r));
      b.status = static_cast<StatusCode>(status);
      WPS_TRY_ASSIGN(b.elements, rest_elements(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::AssociationRequest: {
      AssociationRequest b;
      WPS_TRY_ASSIGN(b.capability, need_u16(r));
      WPS_TRY_ASSIGN(b.listen_interval, need_u16(r));
      WPS_TRY_ASSIGN(b.elements, rest_elements(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::ReassociationRequest: {
      ReassociationRequest b;
      WPS_TRY_ASSIGN(b.capability, need_u16(r));
      WPS_TRY_ASSIGN(b.listen_interval, need_u16(r));
      const std::size_t at = r.offset();
      auto ap = get_mac(r);
      if (!ap) return unexpected(Errc::Truncated, at);
      b.current_ap = *ap;
      WPS_TRY_ASSIGN(b.elements, rest_elements(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::AssociationResponse: {
      WPS_TRY_ASSIGN(auto b, read_assoc_resp_body<AssociationResponse>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::ReassociationResponse: {
      WPS_TRY_ASSIGN(auto b, read_assoc_resp_body<ReassociationResponse>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::Disassociation: {
      WPS_TRY_ASSIGN(auto b, read_reason_body<Disassociation>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::Deauthentication: {
      WPS_TRY_ASSIGN(auto b, read_reason_body<Deauthentication>(r));
      return MgmtBody(std::move(b));
    }
    case MgmtSubtype::TimingAdvertisement:
    case MgmtSubtype::Atim:
    case MgmtSubtype::Action:
    case MgmtSubtype::ActionNoAck: break;
  }
  return unexpected(Errc::Dot11UnsupportedFrame, 0);
}

}  // namespace

MgmtSubtype subtype_of(const MgmtBody& body) {
  return std::visit([](const auto& b) { return SubtypeOf<std::decay_t<decltype(b)>>::v; }, body);
}

Bytes build_mgmt(const MgmtFrame& frame) {
  const MgmtHeader& h = frame.header;
  WPS_ASSERT(h.flags.order == h.ht_control.has_value());
  ByteWriter w;
  w.u16le(FrameControl::mgmt(frame.subtype(), h.flags).to_u16());
  w.u16le(h.duration);
  put_mac(w, h.da);
  put_mac(w, h.sa);
  put_mac(w, h.bssid);
  w.u16le(h.seq.to_u16());
  if (h.ht_control) {
    const std::uint32_t v = *h.ht_control;
    w.u16le(static_cast<std::uint16_t>(v & 0xffffu)).u16le(static_cast<std::uint16_t>(v >> 16));
  }
  std::visit([&w](const auto& b) { write_body(w, b); }, frame.body);
  return w.take();
}

Result<MgmtFrame> parse_mgmt(ByteView frame) {
  ByteReader r(frame);
  auto fcv = r.u16le();
  if (!fcv) return unexpected(Errc::Truncated, 0);
  const FrameControl fc = FrameControl::from_u16(*fcv);
  // §9.2.4.1.2: protocol version 0 is the only one defined for these frames.
  if (fc.protocol_version != 0 || fc.type != FrameType::Management)
    return unexpected(Errc::Dot11BadFrameControl, 0);
  MgmtFrame out;
  MgmtHeader& h = out.header;
  h.flags = fc.flags;
  WPS_TRY_ASSIGN(h.duration, need_u16(r));
  for (MacAddr* m : {&h.da, &h.sa, &h.bssid}) {
    const std::size_t at = r.offset();
    auto mac = get_mac(r);
    if (!mac) return unexpected(Errc::Truncated, at);
    *m = *mac;
  }
  WPS_TRY_ASSIGN(auto seq, need_u16(r));
  h.seq = SequenceControl::from_u16(seq);
  if (fc.flags.order) {
    // §9.2.4.1.10 / §9.3.3.1: +HTC set in a management frame means an HT Control field follows.
    WPS_TRY_ASSIGN(auto lo, need_u16(r));
    WPS_TRY_ASSIGN(auto hi, need_u16(r));
    h.ht_control = static_cast<std::uint32_t>(lo) | (static_cast<std::uint32_t>(hi) << 16);
  }
  // A protected management body (robust action frames, Shared Key auth frame 3) is ciphertext.
  if (fc.flags.protected_frame) return unexpected(Errc::Dot11UnsupportedFrame, 0);
  WPS_TRY_ASSIGN(out.body, read_body(static_cast<MgmtSubtype>(fc.subtype), r));
  return out;
}

}  // namespace wps::dot11
