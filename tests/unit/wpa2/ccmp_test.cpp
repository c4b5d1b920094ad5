#include "wpa2/ccmp.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace wps::wpa2 {
namespace {

using test::hex;

MacAddr mac(std::string_view h) {
  return *MacAddr::from(hex(h));
}

// IEEE 802.11i CCMP test MPDUs, as quoted (with the muted header, nonce and result of each) in
// freebsd/freebsd-src tools/regression/net80211/ccmp/test_ccmp.c, which takes them from
// P802.11i/D7.0 §I.7.4. MPDU 1 is the vector IEEE 802.11-2012 M.6.4 / 802.11-2016 J.6.4 keeps.
// We use the MPDUs whose FC has +HTC/Order clear, because later editions mask that bit in QoS
// data frames while the D7.0 draft did not (MPDUs 3, 4, 5 and 8 set it in QoS frames).
struct Vector {
  const char* name;
  const char* tk;
  MpduHeader hdr;
  std::uint64_t pn;
  std::uint8_t key_id;
  const char* aad;    // "Muted 802.11 Header"
  const char* nonce;  // "CCM Nonce"
  const char* plaintext;
  const char* body;  // CCMP header ‖ encrypted data ‖ MIC
};

std::vector<Vector> vectors() {
  return {
      {"mpdu 1 (data, Retry set)", "c97c1f67ce371185514a8a19f2bdd52f",
       MpduHeader{0x4808, mac("0fd2e128a57c"), mac("5030f1844408"), mac("abaea5b8fcba"), 0x3380,
                  std::nullopt, std::nullopt},
       0xB5039776E70CULL, 0, "08400fd2e128a57c5030f1844408abaea5b8fcba0000",
       "005030f1844408b5039776e70c", "f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050",
       "0ce70020 769703b5 f3d0a2fe9a3dbf2342a643e43246e80c3c04d019 7845ce0b16f97623"},
      {"mpdu 6 (QoS data, TID 13, FromDS, PwrMgt)", "f71eea4e1f58804b9717230ad0614641",
       MpduHeader{0x5288, mac("5af28430fdab"), mac("bff943b9f9a6"), mac("ab1d98c7fe73"), 0x7150,
                  std::nullopt, std::uint16_t{0x6a3d}},
       0x6B81ECA48989ULL, 1, "88425af28430fdabbff943b9f9a6ab1d98c7fe7300000d00",
       "0dbff943b9f9a66b81eca48989", "abfda22d3a0bfc9cc1fc079363c2fca143e6eb1d",
       "8989 0060 a4ec816b 9a709b60a39d40b1dfb612e18b5f114badb6cc86 309a8d5c466bbb71"},
      {"mpdu 7 (Data+CF-Ack, ToDS, Retry, PwrMgt, MoreData)", "1bdb34980e038124a1db1a892bec366a",
       MpduHeader{0x7918, mac("9b50f4fd56f6"), mac("efec95201691"), mac("83570c4ccdee"), 0xa020,
                  std::nullopt, std::nullopt},
       0x5EEC4073E723ULL, 3, "08419b50f4fd56f6efec9520169183570c4ccdee0000",
       "00efec952016915eec4073e723", "98beca86f4b38da20cfdf24724c58eb835665339",
       "23e7 00e0 7340ec5e 12c537ebf3ab584ef1fef9a1f3547a8c13b3225a 2d0957ecfabe95b9"},
  };
}

Bytes nospace(const char* h) {
  std::string s;
  for (const char* p = h; *p; ++p)
    if (*p != ' ') s.push_back(*p);
  return hex(s);
}

TEST(Ccmp, Ieee80211iVectorsAadNonceAndCiphertext) {
  for (const auto& v : vectors()) {
    SCOPED_TRACE(v.name);
    const auto tk = *crypto::Tk::from(hex(v.tk));
    EXPECT_EQ(to_hex(ccmp_aad(v.hdr)), v.aad);
    EXPECT_EQ(to_hex(ccmp_nonce(v.hdr, v.pn)), v.nonce);
    auto body = ccmp_protect(tk, v.hdr, v.pn, v.key_id, hex(v.plaintext));
    ASSERT_TRUE(body) << describe(body.error());
    EXPECT_EQ(to_hex(*body), to_hex(nospace(v.body)));

    auto back = ccmp_unprotect(tk, v.hdr, nospace(v.body));
    ASSERT_TRUE(back) << describe(back.error());
    EXPECT_EQ(back->pn, v.pn);
    EXPECT_EQ(back->key_id, v.key_id);
    EXPECT_EQ(to_hex(crypto::view(back->plaintext)), v.plaintext);
  }
}

TEST(Ccmp, AadWithFourAddressesAndQos) {
  // FC octets 88 8b: QoS data with ToDS, FromDS, Retry and +HTC/Order set. Masked: Retry and
  // Order cleared (QoS data), Protected set -> 88 43.
  const MpduHeader h{0x8b88, mac("010203040506"), mac("111213141516"),  mac("212223242526"),
                     0x1234, mac("313233343536"), std::uint16_t{0xff87}};
  const std::string aad = to_hex(ccmp_aad(h));
  EXPECT_EQ(aad.size(), 2u * (22 + 6 + 2));
  EXPECT_EQ(aad.substr(0, 4), "8843");
  EXPECT_EQ(aad.substr(40, 4), "0400");  // fragment number 4 kept, sequence number cleared
  EXPECT_EQ(aad.substr(44, 12), "313233343536");
  EXPECT_EQ(aad.substr(56, 4), "0700");  // QoS Control reduced to the TID
  EXPECT_EQ(ccmp_nonce(h, 1)[0], 0x07);
  // A management frame (type 0) keeps its subtype and sets the nonce's management flag.
  MpduHeader mgmt{0x00c0, mac("010203040506"), mac("111213141516"), mac("212223242526"),
                  0,      std::nullopt,        std::nullopt};
  EXPECT_EQ(to_hex(ccmp_aad(mgmt)).substr(0, 4), "c040");
  EXPECT_EQ(ccmp_nonce(mgmt, 1)[0], 0x10);
}

TEST(Ccmp, RejectsBadArguments) {
  const auto tk = *crypto::Tk::from(hex("c97c1f67ce371185514a8a19f2bdd52f"));
  const auto hdr = vectors()[0].hdr;
  EXPECT_EQ(ccmp_protect(tk, hdr, 0, 0, hex("00")).error().code, Errc::BadValue);
  EXPECT_EQ(ccmp_protect(tk, hdr, kMaxPn + 1, 0, hex("00")).error().code, Errc::BadValue);
  EXPECT_EQ(ccmp_protect(tk, hdr, 1, 4, hex("00")).error().code, Errc::BadValue);
  EXPECT_TRUE(ccmp_protect(tk, hdr, kMaxPn, 3, hex("00")));
  EXPECT_EQ(ccmp_unprotect(tk, hdr, Bytes(15, 0)).error(), (Error{Errc::Truncated, 15, 0}));
  Bytes no_ext_iv = nospace(vectors()[0].body);
  no_ext_iv[3] = 0x00;
  EXPECT_EQ(ccmp_unprotect(tk, hdr, no_ext_iv).error(), (Error{Errc::BadValue, 3, 0}));
}

TEST(Ccmp, EveryAuthenticatedOctetIsProtected) {
  const auto v = vectors()[1];
  const auto tk = *crypto::Tk::from(hex(v.tk));
  const Bytes good = nospace(v.body);
  for (std::size_t i = 0; i < good.size(); ++i) {
    // Octet 2 (reserved) and octet 3 (ExtIV/KeyID) are not inputs of CCM (§12.5.3.2); they are
    // checked separately (ExtIV) or returned to the caller (KeyID).
    if (i == 2 || i == 3) continue;
    Bytes bad = good;
    bad[i] ^= 0x01;
    auto r = ccmp_unprotect(tk, v.hdr, bad);
    ASSERT_FALSE(r) << "octet " << i;
    EXPECT_EQ(r.error().code, Errc::KeyCcmpDecrypt) << "octet " << i;
  }
  // Header fields that are in the AAD or the nonce.
  auto expect_fail = [&](MpduHeader h, const char* what) {
    auto r = ccmp_unprotect(tk, h, good);
    ASSERT_FALSE(r) << what;
    EXPECT_EQ(r.error().code, Errc::KeyCcmpDecrypt) << what;
  };
  MpduHeader h = v.hdr;
  h.a1.mut()[5] ^= 1;
  expect_fail(h, "A1");
  h = v.hdr;
  h.a2.mut()[0] ^= 1;
  expect_fail(h, "A2 (nonce and AAD)");
  h = v.hdr;
  h.a3.mut()[3] ^= 1;
  expect_fail(h, "A3");
  h = v.hdr;
  h.frame_control ^= 0x0100;  // ToDS
  expect_fail(h, "FC ToDS");
  h = v.hdr;
  h.sequence_control ^= 0x0001;  // fragment number
  expect_fail(h, "fragment number");
  h = v.hdr;
  h.qos_control = std::uint16_t{0x6a3c};  // TID 12
  expect_fail(h, "TID");
  // Fields the AAD masks may change in flight (retransmission sets Retry, etc.).
  h = v.hdr;
  h.frame_control ^= 0x0800 | 0x1000 | 0x2000;  // Retry, PwrMgt, MoreData
  h.sequence_control ^= 0xfff0;                 // sequence number
  EXPECT_TRUE(ccmp_unprotect(tk, h, good));
  // And a different TK fails.
  const auto other = *crypto::Tk::from(hex("c97c1f67ce371185514a8a19f2bdd52f"));
  EXPECT_EQ(ccmp_unprotect(other, v.hdr, good).error().code, Errc::KeyCcmpDecrypt);
}

TEST(Ccmp, SenderStartsAtOneAndReceiverRejectsReplays) {
  const auto tk = *crypto::Tk::from(hex("b2360c79e9710fdd58bea93deaf06599"));
  // STA -> AP data frame (ToDS), A1 = BSSID, A2 = STA, A3 = broadcast (a DHCP Discover).
  const MpduHeader hdr{0x4108, mac("020000000b01"), mac("020000000a01"), MacAddr::broadcast(),
                       0x0010, std::nullopt,        std::nullopt};
  const Bytes msdu = hex("aaaa030000000800 4500001c0001000040110000 00000000ffffffff");
  CcmpSender tx(tk.clone());
  CcmpReceiver rx(tk.clone());
  EXPECT_EQ(tx.next_pn(), 1u);
  auto f1 = tx.protect(hdr, msdu);
  auto f2 = tx.protect(hdr, msdu);
  ASSERT_TRUE(f1);
  ASSERT_TRUE(f2);
  EXPECT_EQ(tx.next_pn(), 3u);
  EXPECT_EQ(to_hex(ByteView(*f1).first(8)), "0100002000000000");  // PN 1, ExtIV, key id 0
  EXPECT_EQ(f1->size(), msdu.size() + 16);
  EXPECT_NE(*f1, *f2);  // same plaintext, different PN -> different ciphertext

  auto p1 = rx.unprotect(hdr, *f1);
  ASSERT_TRUE(p1);
  EXPECT_EQ(to_hex(crypto::view(p1->plaintext)), to_hex(msdu));
  EXPECT_EQ(rx.unprotect(hdr, *f1).error().code, Errc::KeyReplayCounter);  // replay
  ASSERT_TRUE(rx.unprotect(hdr, *f2));
  EXPECT_EQ(rx.unprotect(hdr, *f1).error().code, Errc::KeyReplayCounter);  // older PN
  EXPECT_EQ(rx.last_pn(), 2u);
  // A tampered frame does not advance the receive counter.
  auto f3 = tx.protect(hdr, msdu);
  Bytes bad = *f3;
  bad.back() ^= 1;
  EXPECT_EQ(rx.unprotect(hdr, bad).error().code, Errc::KeyCcmpDecrypt);
  EXPECT_EQ(rx.last_pn(), 2u);
  EXPECT_TRUE(rx.unprotect(hdr, *f3));
}

}  // namespace
}  // namespace wps::wpa2
