#include "eap/wsc_frag.hpp"

#include <gtest/gtest.h>

#include <vector>

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

/// The EAP-WSC payload (Op-Code onward) of a captured Ethernet frame.
Bytes wsc_payload_of(std::string_view frame_hex) {
  const Bytes f = hex(frame_hex);
  auto eth = parse_ethernet(f);
  EXPECT_TRUE(eth);
  auto eapol = parse_eapol(eth->payload, eth->payload_offset);
  EXPECT_TRUE(eapol);
  auto eap = parse_eap(eapol->body, eapol->body_offset);
  EXPECT_TRUE(eap);
  auto ext = parse_expanded(*eap);
  EXPECT_TRUE(ext);
  return to_bytes(ext->data);
}

std::vector<Bytes> m1_fragments() {  // frag/wps.pcap frames 5, 7, 9, 11
  return {wsc_payload_of(fixtures::kFrag5M1a), wsc_payload_of(fixtures::kFrag7M1b),
          wsc_payload_of(fixtures::kFrag9M1c), wsc_payload_of(fixtures::kFrag11M1d)};
}
std::vector<Bytes> m2_fragments() {  // frag/wps.pcap frames 12, 14, 16, 18, 20
  return {wsc_payload_of(fixtures::kFrag12M2a), wsc_payload_of(fixtures::kFrag14M2b),
          wsc_payload_of(fixtures::kFrag16M2c), wsc_payload_of(fixtures::kFrag18M2d),
          wsc_payload_of(fixtures::kFrag20M2e)};
}
/// The data of an unfragmented EAP-WSC payload (drops Op-Code and Flags).
Bytes without_wsc_header(const Bytes& p) {
  return Bytes(p.begin() + 2, p.end());
}
/// The unfragmented M1 of pin/wps.pcap frame 5 (389 octets).
Bytes pin_m1() {
  return without_wsc_header(wsc_payload_of(fixtures::kPin5M1));
}

/// Feeds all fragments; returns the final result (every earlier one must be NeedMore).
Result<WscMessage> feed_all(Reassembler& r, const std::vector<Bytes>& frags) {
  for (std::size_t i = 0; i + 1 < frags.size(); ++i) {
    auto res = r.feed(frags[i]);
    if (res || res.error().code != Errc::NeedMore) return res;
  }
  return r.feed(frags.back());
}

/// Runs a Fragmenter to completion, answering every MF payload with WSC_FRAG_ACK.
std::vector<Bytes> fragment(WscOpCode op, ByteView msg, std::size_t threshold) {
  Fragmenter f(threshold);
  std::vector<Bytes> out;
  auto first = f.start(op, msg);
  EXPECT_TRUE(first);
  out.push_back(*first);
  while (f.awaiting_frag_ack()) {
    auto next = f.on_peer_payload(frag_ack_payload());
    EXPECT_TRUE(next) << describe(next.error());
    if (!next) break;
    out.push_back(*next);
  }
  EXPECT_EQ(f.fragments_sent(), out.size());
  return out;
}

// --- real captures -------------------------------------------------------------------------

TEST(WscFrag, ReassemblesRealM1AndRefragmentsItByteForByte) {
  // frag/wps.pcap: wpa_supplicant with wps_fragment_size 100 sent M1 in 4 fragments.
  const auto frags = m1_fragments();
  Reassembler r;
  for (std::size_t i = 0; i < 3; ++i) {
    auto res = r.feed(frags[i]);
    ASSERT_FALSE(res);
    EXPECT_EQ(err(res).code, Errc::NeedMore);
    EXPECT_TRUE(r.in_progress());
    EXPECT_EQ(r.expected_total(), 389u);
    EXPECT_EQ(r.fragments_received(), i + 1);
  }
  EXPECT_EQ(r.received(), 96u + 98u + 98u);
  auto msg = r.feed(frags[3]);
  ASSERT_TRUE(msg) << describe(msg.error());
  EXPECT_FALSE(r.in_progress());
  EXPECT_EQ(msg->op, WscOpCode::WscMsg);
  ASSERT_EQ(msg->data.size(), 389u);
  EXPECT_EQ(msg->data[9], 0x04);  // Message Type M1

  // Our Fragmenter at the same threshold emits exactly the captured payloads, and accepts the
  // AP's real WSC_FRAG_ACK (frame 6) between them.
  const Bytes real_ack = wsc_payload_of(fixtures::kFrag6FragAck);
  Fragmenter f(100);
  auto p = f.start(WscOpCode::WscMsg, msg->data);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, frags[0]);
  for (std::size_t i = 1; i < frags.size(); ++i) {
    ASSERT_TRUE(f.awaiting_frag_ack());
    auto next = f.on_peer_payload(real_ack);
    ASSERT_TRUE(next) << describe(next.error());
    EXPECT_EQ(*next, frags[i]) << "fragment " << i;
  }
  EXPECT_FALSE(f.awaiting_frag_ack());
}

TEST(WscFrag, ReassemblesRealM2AndRefragmentsItByteForByte) {
  // frag/wps.pcap: hostapd with fragment_size=100 sent M2 (404 octets) in 5 fragments.
  const auto frags = m2_fragments();
  Reassembler r;
  auto msg = feed_all(r, frags);
  ASSERT_TRUE(msg) << describe(msg.error());
  ASSERT_EQ(msg->data.size(), 404u);
  EXPECT_EQ(msg->data[9], 0x05);  // Message Type M2
  EXPECT_EQ(fragment(WscOpCode::WscMsg, msg->data, 100), frags);
}

TEST(WscFrag, PinM1AtThreshold100MatchesTheFragCapture) {
  // The 389-octet M1 of the pin run (EAP length 403) at threshold 100: the frag run shows 4
  // fragments with flags 0x03, 0x01, 0x01, 0x00 and EAP lengths 112, 112, 112, 111.
  const Bytes m1 = pin_m1();
  ASSERT_EQ(m1.size(), 389u);
  const auto out = fragment(WscOpCode::WscMsg, m1, 100);
  const auto real = m1_fragments();
  ASSERT_EQ(out.size(), real.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i][0], real[i][0]) << i;          // Op-Code
    EXPECT_EQ(out[i][1], real[i][1]) << i;          // Flags
    EXPECT_EQ(out[i].size(), real[i].size()) << i;  // 100, 100, 100, 99
    EXPECT_EQ(out[i].size() + kExpandedHeaderLen, i < 3 ? 112u : 111u);
  }
  Reassembler r;
  auto back = feed_all(r, out);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->data, m1);
}

TEST(WscFrag, DefaultThresholdSendsRealMessagesWhole) {
  // M1..M8 are < 500 octets (WPS-FACTS §3.3): at 1400 nothing is fragmented.
  const auto out = fragment(WscOpCode::WscMsg, pin_m1(), kDefaultFragThreshold);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], wsc_payload_of(fixtures::kPin5M1));
}

// --- grind: every threshold ----------------------------------------------------------------

TEST(WscFrag, GrindEveryThresholdRoundTrips) {
  Reassembler r0;
  std::vector<WscMessage> messages = {
      {WscOpCode::WscMsg, pin_m1()},
      {WscOpCode::WscMsg, feed_all(r0, m2_fragments())->data},
      {WscOpCode::WscDone, without_wsc_header(wsc_payload_of(fixtures::kPin13Done))},
      {WscOpCode::WscStart, {}},
      {WscOpCode::WscNack, hex("aa")},
      {WscOpCode::WscAck, hex("aa bb")},
      {WscOpCode::WscMsg, hex("01 02 03")},
      {WscOpCode::WscMsg, Bytes(97, 0x5a)},
  };
  ASSERT_EQ(messages[1].data.size(), 404u);
  ASSERT_EQ(messages[2].data.size(), 60u);
  std::size_t runs = 0;
  for (const auto& m : messages) {
    const std::size_t len = m.data.size();
    for (std::size_t t = kMinFragThreshold; t <= len + 10; ++t) {
      const auto frags = fragment(m.op, m.data, t);
      ASSERT_FALSE(frags.empty());
      if (len + 2 <= t) {
        ASSERT_EQ(frags.size(), 1u) << "len=" << len << " t=" << t;
        EXPECT_EQ(frags[0][1], 0x00);
      } else {
        ASSERT_GE(frags.size(), 2u) << "len=" << len << " t=" << t;
        for (std::size_t i = 0; i < frags.size(); ++i) {
          const Bytes& p = frags[i];
          EXPECT_EQ(p[0], static_cast<std::uint8_t>(m.op));
          const bool first = i == 0, last = i + 1 == frags.size();
          EXPECT_EQ(p[1], first ? 0x03 : last ? 0x00 : 0x01) << "t=" << t << " i=" << i;
          if (first) {
            EXPECT_EQ(p[2] << 8 | p[3], static_cast<int>(len));
            // Threshold honoured exactly, except the documented 5-octet first fragment at t<5.
            EXPECT_EQ(p.size(), t >= 5 ? t : 5u) << "t=" << t;
          } else if (!last) {
            EXPECT_EQ(p.size(), t) << "t=" << t << " i=" << i;
          } else {
            EXPECT_LE(p.size(), t);
            EXPECT_GE(p.size(), 3u);  // never an empty last fragment
          }
        }
      }
      Reassembler r;
      auto back = feed_all(r, frags);
      ASSERT_TRUE(back) << "len=" << len << " t=" << t << ": " << describe(back.error());
      EXPECT_EQ(*back, m) << "len=" << len << " t=" << t;
      EXPECT_FALSE(r.in_progress());
      ++runs;
    }
  }
  EXPECT_GT(runs, 900u);
}

TEST(WscFrag, LargestMessageAtSeveralThresholds) {
  Bytes big(kMaxWscMessageLen);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
  for (std::size_t t : {3u, 100u, 1398u, 1400u, 4096u, 50001u, 50002u, 60000u}) {
    const auto frags = fragment(WscOpCode::WscMsg, big, t);
    EXPECT_EQ(frags.size() == 1, t >= kMaxWscMessageLen + 2) << t;
    Reassembler r;
    auto back = feed_all(r, frags);
    ASSERT_TRUE(back) << t;
    EXPECT_EQ(back->data, big);
  }
  EXPECT_EQ(fragment(WscOpCode::WscMsg, big, 1400).size(), 36u);  // 1396 + 35·1398 ≥ 50000
}

// --- Fragmenter rules ----------------------------------------------------------------------

TEST(Fragmenter, UnfragmentedAndEmptyMessages) {
  Fragmenter f;
  EXPECT_EQ(f.threshold(), 1400u);
  auto p = f.start(WscOpCode::WscStart, {});
  ASSERT_TRUE(p);
  EXPECT_EQ(to_hex(*p), "0100");
  EXPECT_FALSE(f.awaiting_frag_ack());
  EXPECT_EQ(f.fragments_sent(), 1u);
  // Exactly at the threshold: still whole (2 + 1398 = 1400).
  auto q = f.start(WscOpCode::WscMsg, Bytes(1398, 1));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->size(), 1400u);
  EXPECT_EQ((*q)[1], 0x00);
  // One more octet: fragmented.
  auto r = f.start(WscOpCode::WscMsg, Bytes(1399, 1));
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)[1], 0x03);
  EXPECT_EQ(r->size(), 1400u);
  EXPECT_TRUE(f.awaiting_frag_ack());
}

TEST(Fragmenter, TooLarge) {
  Fragmenter f(100);
  auto p = f.start(WscOpCode::WscMsg, Bytes(kMaxWscMessageLen + 1, 0));
  ASSERT_FALSE(p);
  EXPECT_EQ(err(p), (Error{Errc::WscFragTooLarge, 0, 0}));
  EXPECT_FALSE(f.awaiting_frag_ack());
  EXPECT_TRUE(f.start(WscOpCode::WscMsg, Bytes(kMaxWscMessageLen, 0)));
}

TEST(Fragmenter, AnythingButFragAckWhileWaitingIsUnexpected) {
  const Bytes m1 = pin_m1();
  for (int op = 1; op <= 5; ++op) {  // every other valid Op-Code
    Fragmenter f(100);
    ASSERT_TRUE(f.start(WscOpCode::WscMsg, m1));
    auto p = f.on_peer_payload(build_wsc_payload(static_cast<WscOpCode>(op), hex("104a")), 30);
    ASSERT_FALSE(p);
    EXPECT_EQ(err(p), (Error{Errc::WscFragUnexpected, 30, 0})) << op;
    EXPECT_FALSE(f.awaiting_frag_ack());  // transfer abandoned
    // ... and a late FRAG_ACK is now unexpected too.
    EXPECT_EQ(err(f.on_peer_payload(frag_ack_payload())).code, Errc::WscFragUnexpected);
  }
}

TEST(Fragmenter, MalformedFragAck) {
  const Bytes m1 = pin_m1();
  struct Case {
    const char* payload;
    Error want;
  } cases[] = {
      {"", {Errc::Truncated, 10, 0}},
      {"06", {Errc::Truncated, 11, 0}},
      {"0601", {Errc::WscBadFlags, 11, 0}},
      {"0602", {Errc::Truncated, 12, 0}},  // LF without its length
      {"06020000", {Errc::WscBadFlags, 11, 0}},
      {"0680", {Errc::WscBadFlags, 11, 0}},
      {"0700", {Errc::WscBadOpCode, 10, 0}},
      {"0000", {Errc::WscBadOpCode, 10, 0}},
  };
  for (const auto& c : cases) {
    Fragmenter f(100);
    ASSERT_TRUE(f.start(WscOpCode::WscMsg, m1));
    auto p = f.on_peer_payload(hex(c.payload), 10);
    ASSERT_FALSE(p) << c.payload;
    EXPECT_EQ(err(p), c.want) << c.payload;
    EXPECT_FALSE(f.awaiting_frag_ack()) << c.payload;
  }
  // Data after a well-formed FRAG_ACK header is ignored.
  Fragmenter f(100);
  ASSERT_TRUE(f.start(WscOpCode::WscMsg, m1));
  EXPECT_TRUE(f.on_peer_payload(hex("0600ffff")));
}

TEST(Fragmenter, FragAckWhenIdleIsUnexpected) {
  Fragmenter f;
  EXPECT_EQ(err(f.on_peer_payload(frag_ack_payload(), 5)), (Error{Errc::WscFragUnexpected, 5, 0}));
  ASSERT_TRUE(f.start(WscOpCode::WscMsg, hex("01")));  // whole: nothing to acknowledge
  EXPECT_EQ(err(f.on_peer_payload(frag_ack_payload())).code, Errc::WscFragUnexpected);
}

TEST(Fragmenter, StartAbandonsTheTransferInFlight) {
  Fragmenter f(10);
  ASSERT_TRUE(f.start(WscOpCode::WscMsg, Bytes(50, 1)));
  ASSERT_TRUE(f.awaiting_frag_ack());
  auto p = f.start(WscOpCode::WscNack, hex("aabb"));
  ASSERT_TRUE(p);
  EXPECT_EQ(to_hex(*p), "0300aabb");
  EXPECT_FALSE(f.awaiting_frag_ack());
  EXPECT_EQ(f.fragments_sent(), 1u);
  f.reset();
  EXPECT_EQ(f.fragments_sent(), 0u);
}

TEST(FragmenterDeathTest, MisuseAborts) {
  EXPECT_DEATH(Fragmenter{2}, "");
  Fragmenter f;
  EXPECT_DEATH((void)f.start(WscOpCode::WscFragAck, {}), "");
}

// --- Reassembler rules ---------------------------------------------------------------------

TEST(Reassembler, WholeMessagesPassThrough) {
  Reassembler r;
  auto m = r.feed(hex("0100"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->op, WscOpCode::WscStart);
  EXPECT_TRUE(m->data.empty());
  // LF on an unfragmented packet with the exact length is accepted (WPS-FACTS §3.3).
  auto l = r.feed(hex("0402 0003 aabbcc"));
  ASSERT_TRUE(l);
  EXPECT_EQ(to_hex(l->data), "aabbcc");
  EXPECT_FALSE(r.in_progress());
}

TEST(Reassembler, LengthFieldOnUnfragmentedPacketMustBeExact) {
  Reassembler r;
  EXPECT_EQ(err(r.feed(hex("0402 0004 aabbcc"), 30)),
            (Error{Errc::WscFragInconsistent, 32, 0}));  // announces more than arrives
  EXPECT_EQ(err(r.feed(hex("0402 0002 aabbcc"), 30)),
            (Error{Errc::WscFragInconsistent, 32, 0}));  // data beyond the announced length
}

TEST(Reassembler, TotalLimit) {
  Reassembler r;
  EXPECT_EQ(err(r.feed(hex("0403 c351 00"))), (Error{Errc::WscFragTooLarge, 2, 0}));  // 50001
  EXPECT_EQ(err(r.feed(hex("0403 ffff 00"))), (Error{Errc::WscFragTooLarge, 2, 0}));
  auto ok = r.feed(hex("0403 c350 00"));  // 50000
  EXPECT_EQ(err(ok).code, Errc::NeedMore);
  EXPECT_EQ(r.expected_total(), 50000u);
  // An unfragmented payload over the limit (no LF) is refused as well.
  r.reset();
  EXPECT_FALSE(r.in_progress());
  Bytes huge = {0x04, 0x00};
  huge.resize(2 + kMaxWscMessageLen + 1, 0);
  EXPECT_EQ(err(r.feed(huge)), (Error{Errc::WscFragTooLarge, 2, 0}));
  EXPECT_FALSE(r.in_progress());
}

TEST(Reassembler, MiddleWithoutFirstAndFragAckAreUnexpected) {
  Reassembler r;
  EXPECT_EQ(err(r.feed(hex("0401 aabb"), 7)), (Error{Errc::WscFragUnexpected, 7, 0}));
  EXPECT_EQ(err(r.feed(frag_ack_payload(), 7)), (Error{Errc::WscFragUnexpected, 7, 0}));
  // A FRAG_ACK in the middle of a message also aborts it.
  ASSERT_EQ(err(r.feed(hex("0403 0004 aa"))).code, Errc::NeedMore);
  EXPECT_EQ(err(r.feed(frag_ack_payload())).code, Errc::WscFragUnexpected);
  EXPECT_FALSE(r.in_progress());
}

TEST(Reassembler, FirstFragmentWithMfMustLeaveSomethingToSend) {
  Reassembler r;
  EXPECT_EQ(err(r.feed(hex("0403 0002 aabb"), 1)), (Error{Errc::WscFragInconsistent, 3, 0}));
  // An empty first fragment is fine (the sender spent the threshold on the header).
  EXPECT_EQ(err(r.feed(hex("0403 0002"))).code, Errc::NeedMore);
  auto m = r.feed(hex("0400 aabb"));
  ASSERT_TRUE(m);
  EXPECT_EQ(to_hex(m->data), "aabb");
}

TEST(Reassembler, LaterFragmentsMustFit) {
  struct Case {
    const char* second;
    Error want;
  } cases[] = {
      {"0500 bbcc", {Errc::WscFragInconsistent, 0, 0}},     // op-code changed
      {"0400 bbccdd", {Errc::WscFragInconsistent, 2, 0}},   // beyond the announced 3 octets
      {"0400", {Errc::WscFragInconsistent, 2, 0}},          // ends 2 octets short
      {"0401 bbcc", {Errc::WscFragInconsistent, 2, 0}},     // MF although complete
      {"0403 0004 bb", {Errc::WscFragInconsistent, 2, 0}},  // repeats LF with another length
      {"0601", {Errc::WscFragUnexpected, 0, 0}},            // a FRAG_ACK is never a fragment
      {"0480", {Errc::WscBadFlags, 1, 0}},                  // header error
  };
  for (const auto& c : cases) {
    Reassembler r;
    ASSERT_EQ(err(r.feed(hex("0403 0003 aa"))).code, Errc::NeedMore);
    auto res = r.feed(hex(c.second));
    ASSERT_FALSE(res) << c.second;
    EXPECT_EQ(err(res), c.want) << c.second;
    EXPECT_FALSE(r.in_progress()) << c.second;
    // The reassembler starts afresh after an error.
    auto again = r.feed(hex("0200 dd"));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->op, WscOpCode::WscAck);
  }
  // Repeating LF with the same length is tolerated.
  Reassembler r;
  ASSERT_EQ(err(r.feed(hex("0403 0003 aa"))).code, Errc::NeedMore);
  ASSERT_EQ(err(r.feed(hex("0403 0003 bb"))).code, Errc::NeedMore);
  auto m = r.feed(hex("0402 0003 cc"));
  ASSERT_TRUE(m);
  EXPECT_EQ(to_hex(m->data), "aabbcc");
}

TEST(Reassembler, FeedParsedPacketUsesItsOffsets) {
  Reassembler r;
  auto pkt = parse_wsc_payload(hex("0401 aa"), 40);
  ASSERT_TRUE(pkt);
  EXPECT_EQ(err(r.feed(*pkt)), (Error{Errc::WscFragUnexpected, 40, 0}));
}

// --- header corruption sweeps over the real M1 fragments -----------------------------------

TEST(WscFragCorruption, EveryHeaderTruncation) {
  const auto frags = m1_fragments();
  for (std::size_t i = 0; i < frags.size(); ++i) {
    const std::size_t header = i == 0 ? kWscHeaderWithLengthLen : kWscHeaderLen;
    for (std::size_t n = 0; n < header; ++n) {
      Reassembler r;
      for (std::size_t k = 0; k < i; ++k) ASSERT_EQ(err(r.feed(frags[k])).code, Errc::NeedMore);
      auto res = r.feed(ByteView(frags[i]).first(n), 1000);
      ASSERT_FALSE(res);
      EXPECT_EQ(err(res),
                (Error{Errc::Truncated,
                       static_cast<std::uint32_t>(1000 + std::min<std::size_t>(n, 2)), 0}))
          << "fragment " << i << " cut at " << n;
      EXPECT_FALSE(r.in_progress());
    }
  }
}

TEST(WscFragCorruption, EveryOpCodeValueAtEveryPosition) {
  const auto frags = m1_fragments();
  for (std::size_t i = 0; i < frags.size(); ++i) {
    for (int v = 0; v < 256; ++v) {
      if (v == 0x04) continue;
      auto bad = frags;
      bad[i][0] = static_cast<std::uint8_t>(v);
      Reassembler r;
      auto res = feed_all(r, bad);
      ASSERT_FALSE(res) << i << "/" << v;
      Errc want = Errc::WscFragInconsistent;
      if (v < 1 || v > 6)
        want = Errc::WscBadOpCode;
      else if (v == 0x06)
        want = Errc::WscFragUnexpected;
      EXPECT_EQ(err(res).code, want) << "fragment " << i << " op " << v;
      EXPECT_EQ(err(res).offset, 0u);
      EXPECT_FALSE(r.in_progress());
    }
  }
}

TEST(WscFragCorruption, EveryFlagsValueAtEveryPosition) {
  const auto frags = m1_fragments();
  for (std::size_t i = 0; i < frags.size(); ++i) {
    for (int v = 0; v < 256; ++v) {
      if (v == frags[i][1]) continue;
      auto bad = frags;
      bad[i][1] = static_cast<std::uint8_t>(v);
      Reassembler r;
      // Feed up to and including the corrupted fragment.
      Result<WscMessage> res = unexpected(Errc::NeedMore);
      for (std::size_t k = 0; k <= i; ++k) {
        res = r.feed(bad[k]);
        if (k < i) {
          ASSERT_EQ(err(res).code, Errc::NeedMore);
        }
      }
      SCOPED_TRACE(testing::Message() << "fragment " << i << " flags " << v);
      if ((v & ~3) != 0) {
        EXPECT_EQ(err(res), (Error{Errc::WscBadFlags, 1, 0}));
      } else if (i == 0 && v == 0x00) {
        // Without MF/LF the first fragment is a whole 98-octet message (length octets as data):
        // well-formed, and nothing in EAP-WSC can tell otherwise.
        ASSERT_TRUE(res);
        EXPECT_EQ(res->data.size(), 98u);
      } else if (i == 0 && v == 0x01) {
        EXPECT_EQ(err(res), (Error{Errc::WscFragUnexpected, 0, 0}));  // MF without LF
      } else if (i == 0 && v == 0x02) {
        EXPECT_EQ(err(res), (Error{Errc::WscFragInconsistent, 2, 0}));  // 389 ≠ 96
      } else if ((v & kWscFlagLength) != 0) {
        // A later fragment that suddenly has LF: its first data octets read as a length ≠ 389.
        ASSERT_NE((bad[i][2] << 8) | bad[i][3], 389);
        EXPECT_EQ(err(res), (Error{Errc::WscFragInconsistent, 2, 0}));
      } else {
        // MF dropped from a middle fragment (ends short) or added to the last (already complete).
        EXPECT_EQ(err(res), (Error{Errc::WscFragInconsistent, 2, 0}));
      }
      if (!res) {
        EXPECT_FALSE(r.in_progress());
      }
    }
  }
}

TEST(WscFragCorruption, EveryMessageLengthValue) {
  const auto frags = m1_fragments();
  for (std::uint32_t len = 0; len <= 0xffff; ++len) {
    auto bad = frags;
    bad[0][2] = static_cast<std::uint8_t>(len >> 8);
    bad[0][3] = static_cast<std::uint8_t>(len);
    Reassembler r;
    std::size_t fed = 0;
    Result<WscMessage> res = unexpected(Errc::NeedMore);
    for (const auto& f : bad) {
      res = r.feed(f);
      ++fed;
      if (res || res.error().code != Errc::NeedMore) break;
    }
    if (len == 389) {
      ASSERT_TRUE(res);
      continue;
    }
    ASSERT_FALSE(res) << len;
    if (len > kMaxWscMessageLen) {
      ASSERT_EQ(err(res), (Error{Errc::WscFragTooLarge, 2, 0})) << len;
    } else if (len <= 96) {
      // Smaller than the first fragment's 96 data octets, or equal while MF is set.
      ASSERT_EQ(err(res), (Error{Errc::WscFragInconsistent, 2, 0})) << len;
      ASSERT_EQ(fed, 1u);
    } else {
      // Too small: fails at the fragment that overflows it; too large: at the last fragment.
      ASSERT_EQ(err(res), (Error{Errc::WscFragInconsistent, 2, 0})) << len;
      // (reaching the total exactly while MF is still set counts as overflowing).
      const std::size_t overflow_at = len <= 96 + 98 ? 2 : len <= 96 + 98 + 98 ? 3 : 4;
      ASSERT_EQ(fed, len < 389 ? overflow_at : 4u) << len;
    }
    ASSERT_FALSE(r.in_progress());
  }
}

TEST(WscFragCorruption, BitFlipsInHeadersNeverCrashAndAlwaysExplain) {
  // Every single-bit flip in the first 4 octets of every fragment of both real messages: the run
  // ends in a whole message or in one of the documented reasons.
  for (const auto& frags : {m1_fragments(), m2_fragments()}) {
    for (std::size_t i = 0; i < frags.size(); ++i) {
      for (std::size_t at = 0; at < 4; ++at) {
        for (int bit = 0; bit < 8; ++bit) {
          auto bad = frags;
          bad[i][at] = static_cast<std::uint8_t>(bad[i][at] ^ (1 << bit));
          Reassembler r;
          auto res = feed_all(r, bad);
          if (res) continue;
          const Errc c = res.error().code;
          EXPECT_TRUE(c == Errc::Truncated || c == Errc::WscBadOpCode || c == Errc::WscBadFlags ||
                      c == Errc::WscFragTooLarge || c == Errc::WscFragInconsistent ||
                      c == Errc::WscFragUnexpected || c == Errc::NeedMore)
              << to_string(c);
        }
      }
    }
  }
}

}  // namespace
}  // namespace wps::eap
