// Fuzz target: EAP-WSC reassembly and fragmentation (src/eap/wsc_frag).
//
// Input layout (so seeds can be real fragment sequences):
//   octet 0      : mode (bit 0 selects the second half below)
//   then         : a sequence of chunks, each BE16 length ‖ that many octets (the last chunk may be
//                  short: whatever is left)
// Part A — every input: the chunks are EAP-WSC payloads fed in order into one Reassembler, with a
//   Fragmenter consulted first whenever it awaits a FRAG_ACK (the routing documented in
//   wsc_frag.hpp). Invariants: no crash; a delivered message is ≤ 50000 octets; after any error
//   other than NeedMore nothing is in progress; received() never exceeds expected_total().
// Part B — mode bit 0 set: the chunk data is treated as one WSC message, fragmented at a threshold
//   taken from the first chunk's length (≥ 3) and reassembled: the result must be identical.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "eap/wsc_frag.hpp"

namespace {

using namespace wps;
using namespace wps::eap;

void check(bool ok) {
  if (!ok) std::abort();
}

std::vector<ByteView> split(ByteView in) {
  std::vector<ByteView> out;
  ByteReader r(in);
  while (!r.empty()) {
    auto len = r.u16be();
    if (!len) {
      out.push_back(r.rest());
      break;
    }
    auto chunk = r.take(*len);
    out.push_back(chunk ? *chunk : r.rest());
  }
  return out;
}

void part_a(const std::vector<ByteView>& chunks) {
  Reassembler rx;
  Fragmenter tx(100);
  bool sending = false;
  for (ByteView c : chunks) {
    if (tx.awaiting_frag_ack()) {
      auto next = tx.on_peer_payload(c);
      if (next) check(next->size() <= 100 && tx.fragments_sent() >= 2);
      continue;
    }
    auto m = rx.feed(c);
    if (m) {
      check(m->data.size() <= kMaxWscMessageLen);
      check(!rx.in_progress());
      // Echo the message back fragmented, so later chunks exercise the Fragmenter's checks.
      check(m->op != WscOpCode::WscFragAck);  // FRAG_ACK is never a message
      if (!sending) {
        auto first = tx.start(m->op, m->data);
        check(first.has_value());
        sending = true;
      }
    } else if (m.error().code == Errc::NeedMore) {
      check(rx.in_progress());
      check(rx.received() < rx.expected_total());
    } else {
      check(!rx.in_progress());
    }
  }
}

void part_b(const std::vector<ByteView>& chunks) {
  if (chunks.empty()) return;
  const std::size_t threshold = kMinFragThreshold + chunks.front().size() % 2048;
  Bytes message;
  for (ByteView c : chunks) message.insert(message.end(), c.begin(), c.end());
  if (message.size() > kMaxWscMessageLen) message.resize(kMaxWscMessageLen);

  Fragmenter tx(threshold);
  Reassembler rx;
  auto p = tx.start(WscOpCode::WscMsg, message);
  check(p.has_value());
  for (;;) {
    auto m = rx.feed(*p);
    if (m) {
      check(!tx.awaiting_frag_ack());
      check(m->op == WscOpCode::WscMsg && m->data == message);
      return;
    }
    check(m.error().code == Errc::NeedMore);
    check(tx.awaiting_frag_ack());
    p = tx.on_peer_payload(frag_ack_payload());
    check(p.has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto chunks = split(ByteView(data + 1, size - 1));
  part_a(chunks);
  if ((data[0] & 1) != 0) part_b(chunks);
  return 0;
}
