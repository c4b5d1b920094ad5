#include "eap/wsc_frag.hpp"

#include <algorithm>

#include "base/assert.hpp"

namespace wps::eap {

// ---------------------------------------------------------------------------------------------
// Fragmenter
// ---------------------------------------------------------------------------------------------

Fragmenter::Fragmenter(std::size_t threshold) : threshold_(threshold) {
  WPS_ASSERT(threshold >= kMinFragThreshold);
}

Result<Bytes> Fragmenter::start(WscOpCode op, ByteView message) {
  WPS_ASSERT(op != WscOpCode::WscFragAck);
  reset();
  // WPS-FACTS §3.3: receivers reject totals above 50000; LF's 16 bits could not say more anyway.
  if (message.size() > kMaxWscMessageLen) return unexpected(Errc::WscFragTooLarge, 0);
  op_ = op;
  message_.assign(message.begin(), message.end());
  return next_payload();
}

Bytes Fragmenter::next_payload() {
  const std::size_t remaining = message_.size() - sent_;
  const bool first = fragments_sent_ == 0;
  ++fragments_sent_;

  // WPS-FACTS §3.3: the threshold counts Op-Code + Flags + [Length] + data. A message that fits
  // goes out whole with flags 0 (also the last fragment of a fragmented one).
  if (kWscHeaderLen + remaining <= threshold_) {
    Bytes out = build_wsc_payload(op_, ByteView(message_).subspan(sent_));
    message_.clear();  // done: keep only fragments_sent_ for the caller to inspect
    sent_ = 0;
    awaiting_ = false;
    return out;
  }

  std::size_t take = 0;
  std::optional<std::uint16_t> length;
  if (first) {
    // The first fragment sets LF and spends 2 octets on the total length. Below threshold 5 it
    // cannot also fit data; it then carries one octet so that every fragment makes progress
    // (documented exception in the header).
    take = threshold_ > kWscHeaderWithLengthLen ? threshold_ - kWscHeaderWithLengthLen : 1;
    length = static_cast<std::uint16_t>(message_.size());
  } else {
    take = threshold_ - kWscHeaderLen;
  }
  // 2 + remaining > threshold here, so remaining > take: a fragment with MF never completes the
  // message, and the last fragment is never empty.
  WPS_ASSERT(take < remaining);
  Bytes out =
      build_wsc_payload(op_, ByteView(message_).subspan(sent_, take), /*more=*/true, length);
  sent_ += take;
  awaiting_ = true;
  return out;
}

Result<Bytes> Fragmenter::on_peer_payload(ByteView payload, std::size_t base_offset) {
  if (!awaiting_) return unexpected(Errc::WscFragUnexpected, base_offset);
  auto pkt = parse_wsc_payload(payload, base_offset);
  if (!pkt) {
    reset();
    return unexpected(pkt.error());
  }
  // WPS-FACTS §3.3: "The sender must receive FRAG_ACK before the next fragment; anything else
  // while waiting is an error."
  if (pkt->op != WscOpCode::WscFragAck) {
    reset();
    return unexpected(Errc::WscFragUnexpected, base_offset);
  }
  if (pkt->flags != 0) {
    reset();
    return unexpected(Errc::WscBadFlags, base_offset + 1);
  }
  return next_payload();
}

void Fragmenter::reset() {
  message_.clear();
  sent_ = 0;
  fragments_sent_ = 0;
  awaiting_ = false;
}

// ---------------------------------------------------------------------------------------------
// Reassembler
// ---------------------------------------------------------------------------------------------

void Reassembler::reset() {
  in_progress_ = false;
  total_ = 0;
  fragments_ = 0;
  buffer_.clear();
}

Result<WscMessage> Reassembler::fail(Errc code, std::size_t offset) {
  reset();
  return unexpected(code, offset);
}

Result<WscMessage> Reassembler::feed(ByteView payload, std::size_t base_offset) {
  auto pkt = parse_wsc_payload(payload, base_offset);
  if (!pkt) {
    reset();
    return unexpected(pkt.error());
  }
  return feed(*pkt);
}

Result<WscMessage> Reassembler::feed(const WscPacket& p) {
  const std::size_t at_op = p.offset;
  const std::size_t at_len = p.offset + kWscHeaderLen;  // Message Length, or data when no LF
  const bool more = p.more_fragments();

  // FRAG_ACK only ever answers our own MF fragment; routing it here means nobody awaits it.
  if (p.op == WscOpCode::WscFragAck) return fail(Errc::WscFragUnexpected, at_op);

  if (!in_progress_) {
    if (!p.message_length) {
      // MF without LF and no first fragment: hostapd also refuses a fragmented packet that does
      // not announce the total length (WPS-FACTS §3.3).
      if (more) return fail(Errc::WscFragUnexpected, at_op);
      if (p.data.size() > kMaxWscMessageLen) return fail(Errc::WscFragTooLarge, at_len);
      return WscMessage{p.op, to_bytes(p.data)};
    }
    const std::size_t total = *p.message_length;
    // WPS-FACTS §3.3: hostapd rejects totals > 50000 or smaller than the first fragment's data.
    if (total > kMaxWscMessageLen) return fail(Errc::WscFragTooLarge, at_len);
    if (p.data.size() > total) return fail(Errc::WscFragInconsistent, at_len);
    if (!more) {
      // LF on an unfragmented packet: accepted, but the length must then be exact.
      if (p.data.size() != total) return fail(Errc::WscFragInconsistent, at_len);
      return WscMessage{p.op, to_bytes(p.data)};
    }
    // MF although the whole message is already here: a further fragment could only be empty.
    if (p.data.size() == total) return fail(Errc::WscFragInconsistent, at_len);
    in_progress_ = true;
    op_ = p.op;
    total_ = total;
    fragments_ = 1;
    buffer_.clear();
    buffer_.reserve(total);
    buffer_.insert(buffer_.end(), p.data.begin(), p.data.end());
    return unexpected(Errc::NeedMore, at_op);
  }

  // A later fragment. WPS-FACTS §3.3: "Op-Code must be the same in all fragments".
  if (p.op != op_) return fail(Errc::WscFragInconsistent, at_op);
  if (p.message_length && *p.message_length != total_)
    return fail(Errc::WscFragInconsistent, at_len);
  const std::size_t have = buffer_.size() + p.data.size();
  if (have > total_) return fail(Errc::WscFragInconsistent, p.data_offset);
  if (more && have == total_) return fail(Errc::WscFragInconsistent, p.data_offset);
  if (!more && have != total_) return fail(Errc::WscFragInconsistent, p.data_offset);

  buffer_.insert(buffer_.end(), p.data.begin(), p.data.end());
  ++fragments_;
  if (more) return unexpected(Errc::NeedMore, at_op);

  WscMessage out{op_, std::move(buffer_)};
  buffer_ = Bytes{};
  reset();
  return out;
}

}  // namespace wps::eap
