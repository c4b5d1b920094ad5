#include "wpa2/eapol_key.hpp"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto.hpp"
#include "support/test_support.hpp"
#include "wpa2/keys.hpp"

namespace wps::wpa2 {
namespace {

using test::hex;

// WPS-FACTS §11 TV7 (aircrack-ng test/cryptounittest/test-calc-ptk.c, ESSID "Harkonen"): a real
// message 2/4 from a station, MIC field zeroed, and its published MIC.
const char* kTv7FrameMicZero = "0103007502010a0010000000000000000159168bc3a5df18d71efb6423f34008"
                               "8dab9e1ba2bbc58659e07b3764b0de8570000000000000000000000000000000"
                               "0000000000000000000000000000000000000000000000000000000000000000"
                               "00001630140100000fac040100000fac040100000fac020100";
const char* kTv7Mic = "d5355382b8a9b806dcaf99cdaf564eb6";

crypto::Kck tv7_kck() {
  auto pmk = pmk_from_passphrase(as_bytes("12345678"), as_bytes("Harkonen"));
  EXPECT_TRUE(pmk);
  const auto anonce =
      *ANonce::from(hex("225854b0444de3af06d1492b852984f04cf6274c0e3218b8681756864db7a055"));
  const auto snonce =
      *SNonce::from(hex("59168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570"));
  const auto ptk = derive_ptk(*pmk, AuthenticatorAddr{*MacAddr::from(hex("00146c7e4080"))},
                              SupplicantAddr{*MacAddr::from(hex("001346fe320c"))}, anonce, snonce);
  return ptk_kck(ptk);
}

Bytes tv7_frame_with_mic() {
  Bytes f = hex(kTv7FrameMicZero);
  const Bytes mic = hex(kTv7Mic);
  std::copy(mic.begin(), mic.end(), f.begin() + kMicOffset);
  return f;
}

TEST(EapolKey, Tv7ParsesRealMessage2) {
  const Bytes f = tv7_frame_with_mic();
  ASSERT_EQ(f.size(), 121u);
  auto k = parse_eapol_key(f);
  ASSERT_TRUE(k) << describe(k.error());
  EXPECT_EQ(k->eapol_version, 1);
  EXPECT_EQ(k->descriptor_type, 2);
  EXPECT_EQ(k->key_info, 0x010a);
  EXPECT_EQ(k->key_length, 16);
  EXPECT_EQ(k->replay_counter, 1u);
  EXPECT_EQ(to_hex(k->nonce), "59168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570");
  EXPECT_EQ(to_hex(k->mic), kTv7Mic);
  EXPECT_EQ(to_hex(k->key_data), "30140100000fac040100000fac040100000fac020100");
  EXPECT_EQ(classify(k->key_info).value(), KeyMessage::Pairwise2);
  auto kd = parse_key_data(k->key_data);
  ASSERT_TRUE(kd);
  ASSERT_TRUE(kd->rsn_ie);
  EXPECT_EQ(kd->rsn_ie->size(), 22u);
  EXPECT_FALSE(kd->gtk);
  // The codec reproduces the frame exactly.
  EXPECT_EQ(build_eapol_key(*k), f);
}

TEST(EapolKey, Tv7MicFromPassphraseVerifies) {
  const crypto::Kck kck = tv7_kck();
  auto mic = compute_mic(hex(kTv7FrameMicZero), kck);
  ASSERT_TRUE(mic);
  EXPECT_EQ(to_hex(*mic), kTv7Mic);
  // compute_mic ignores whatever is in the MIC field.
  EXPECT_EQ(to_hex(compute_mic(tv7_frame_with_mic(), kck).value()), kTv7Mic);
  EXPECT_TRUE(verify_mic(tv7_frame_with_mic(), kck));
  // Re-signing the parsed frame gives the original octets.
  EXPECT_EQ(build_eapol_key_signed(parse_eapol_key(tv7_frame_with_mic()).value(), kck),
            tv7_frame_with_mic());
}

TEST(EapolKey, Tv7EverySingleOctetChangeBreaksTheMic) {
  const crypto::Kck kck = tv7_kck();
  const Bytes good = tv7_frame_with_mic();
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= 0x01;
    auto r = verify_mic(bad, kck);
    ASSERT_FALSE(r) << "octet " << i;
    EXPECT_EQ(r.error(), (Error{Errc::KeyMicMismatch, kMicOffset, 0})) << "octet " << i;
  }
}

TEST(EapolKey, WrongKckFails) {
  auto other = crypto::Kck::from(hex("379f9852d0199236b94e407ce4c00ec8"));
  auto r = verify_mic(tv7_frame_with_mic(), *other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::KeyMicMismatch);
  auto shortf = verify_mic(hex("0103"), *other);
  ASSERT_FALSE(shortf);
  EXPECT_EQ(shortf.error().code, Errc::Truncated);
}

TEST(EapolKey, ParseErrorsNameTheFieldAndOffset) {
  const Bytes good = tv7_frame_with_mic();
  struct Case {
    const char* name;
    Bytes frame;
    Error want;
  };
  Bytes bad_version = good;
  bad_version[0] = 0;
  Bytes bad_version4 = good;
  bad_version4[0] = 4;
  Bytes eap_packet = good;
  eap_packet[1] = 0;
  Bytes wpa1 = good;
  wpa1[4] = 254;
  Bytes body_too_long = good;
  body_too_long[3] = 0x76;  // declares one octet more than present
  Bytes trailing = good;
  trailing.push_back(0);
  Bytes kdlen = good;
  kdlen[98] = 0x15;  // key data length 21, body still 95+22
  Bytes short_body = hex("01030004020000");
  const Case cases[] = {
      {"empty", {}, {Errc::Truncated, 0, 0}},
      {"header only", hex("010300"), {Errc::Truncated, 3, 0}},
      {"version 0", bad_version, {Errc::EapolBadVersion, 0, 0}},
      {"version 4", bad_version4, {Errc::EapolBadVersion, 0, 0}},
      {"EAP packet", eap_packet, {Errc::EapolBadType, 1, 0}},
      {"WPA1 descriptor", wpa1, {Errc::KeyBadDescriptor, 4, 0}},
      {"body past end", body_too_long, {Errc::Truncated, 121, 0}},
      {"trailing octet", trailing, {Errc::TrailingBytes, 121, 0}},
      {"key data length", kdlen, {Errc::BadLength, kKeyDataLenOffset, 0}},
      {"body shorter than fixed fields", short_body, {Errc::Truncated, 7, 0}},
  };
  for (const auto& c : cases) {
    auto r = parse_eapol_key(c.frame);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error(), c.want) << c.name << ": " << describe(r.error());
  }
  // Every truncation of the real frame is rejected, never read past the end.
  for (std::size_t n = 0; n < good.size(); ++n)
    EXPECT_FALSE(parse_eapol_key(ByteView(good).first(n))) << n;
}

TEST(EapolKey, BuildRoundTripsEveryField) {
  EapolKey k;
  k.eapol_version = 2;
  k.key_info = key_info::kMsg3;
  k.key_length = 16;
  k.replay_counter = 0x0102030405060708ULL;
  for (std::size_t i = 0; i < k.nonce.size(); ++i) k.nonce[i] = static_cast<std::uint8_t>(i);
  k.iv[15] = 0xee;
  k.rsc = rsc_from_pn(0x0000a1a2a3a4a5a6ULL);
  k.reserved[0] = 0x77;
  k.mic.fill(0x5a);
  k.key_data = hex("0011223344556677");
  const Bytes f = build_eapol_key(k);
  ASSERT_EQ(f.size(), kEapolKeyMinLen + 8);
  EXPECT_EQ(to_hex(ByteView(f).first(4)), "02030067");  // body length 95 + 8 = 0x67
  EXPECT_EQ(to_hex(ByteView(f).subspan(kReplayCounterOffset, 8)), "0102030405060708");
  EXPECT_EQ(to_hex(ByteView(f).subspan(65, 8)), "a6a5a4a3a2a10000");  // RSC: PN LSB first
  EXPECT_EQ(to_hex(ByteView(f).subspan(kKeyDataLenOffset, 2)), "0008");
  auto back = parse_eapol_key(f);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, k);
  EXPECT_EQ(pn_from_rsc(back->rsc), 0x0000a1a2a3a4a5a6ULL);
}

TEST(EapolKey, ClassifyKnownAndRejectedKeyInfo) {
  EXPECT_EQ(classify(0x008a).value(), KeyMessage::Pairwise1);
  EXPECT_EQ(classify(0x010a).value(), KeyMessage::Pairwise2);
  EXPECT_EQ(classify(0x13ca).value(), KeyMessage::Pairwise3);
  EXPECT_EQ(classify(0x030a).value(), KeyMessage::Pairwise4);
  EXPECT_EQ(classify(0x1382).value(), KeyMessage::Group1);
  EXPECT_EQ(classify(0x0302).value(), KeyMessage::Group2);
  const std::uint16_t rejected[] = {
      0x0089,  // version 1 (TKIP / HMAC-MD5)
      0x008b,  // version 3 (AES-CMAC)
      0x0b0a,  // request (supplicant asks for a rekey)
      0x0f0a,  // request + error (MIC failure report)
      0x009a,  // key index bits set
      0x018a,  // ack + MIC without install: neither message 1 nor 3
      0x03ca,  // message 3 without Encrypted Key Data
      0x11ca,  // message 3 without Secure
      0x004a,  // install without ack/MIC
      0x000a,  // pairwise, nothing else
      0x13c2,  // group with install
      0x2302,  // SMK
  };
  for (std::uint16_t v : rejected) {
    auto r = classify(v);
    ASSERT_FALSE(r) << std::hex << v;
    EXPECT_EQ(r.error(), (Error{Errc::KeyBadInfo, kKeyInfoOffset, 0})) << std::hex << v;
  }
}

// ---- Key Data: WPS-FACTS §11 TV12 (RFC 3394 wrap under the TV6 KEK) ------------------------

const char* kTv12Kek = "47c9edc01c2c6e5b4910caddfb3e51a7";
const char* kTv12RsnIe = "30140100000fac040100000fac040100000fac020000";
const char* kTv12Padded =
    "30140100000fac040100000fac040100000fac020000dd16000fac010100101112131415161718191a1b1c1d1e1f"
    "dd00";
const char* kTv12Wrapped =
    "7fd0b9f79ed5f49f8f14bc57f05a8947a575ed8d195675a295210bad2f3ff2d5e27116ffac0d4807632838"
    "57fb6111175b7df9ab14e7e99f";

crypto::Gtk tv12_gtk() {
  return *crypto::Gtk::from(hex("101112131415161718191a1b1c1d1e1f"));
}

TEST(KeyData, Tv12GtkKdeAndPadding) {
  const auto kde = build_gtk_kde(tv12_gtk(), 1, false);
  EXPECT_EQ(to_hex(crypto::view(kde)), "dd16000fac010100101112131415161718191a1b1c1d1e1f");
  const Bytes plain = concat({hex(kTv12RsnIe), crypto::view(kde)});
  ASSERT_EQ(plain.size(), 46u);
  EXPECT_EQ(to_hex(crypto::view(pad_key_data(plain))), kTv12Padded);
}

TEST(KeyData, Tv12WrapAndUnwrap) {
  const auto kek = *crypto::Kek::from(hex(kTv12Kek));
  const Bytes plain = concat({hex(kTv12RsnIe), crypto::view(build_gtk_kde(tv12_gtk(), 1, false))});
  auto wrapped = wrap_key_data(kek, plain);
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(to_hex(*wrapped), kTv12Wrapped);
  EXPECT_EQ(wrapped->size(), 0x38u);

  auto unwrapped = unwrap_key_data(kek, hex(kTv12Wrapped));
  ASSERT_TRUE(unwrapped);
  EXPECT_EQ(to_hex(crypto::view(*unwrapped)), kTv12Padded);
  auto kd = parse_key_data(crypto::view(*unwrapped));
  ASSERT_TRUE(kd) << describe(kd.error());
  ASSERT_TRUE(kd->rsn_ie);
  EXPECT_EQ(to_hex(*kd->rsn_ie), kTv12RsnIe);
  ASSERT_TRUE(kd->gtk);
  EXPECT_EQ(kd->gtk->key_id, 1);
  EXPECT_FALSE(kd->gtk->tx);
  EXPECT_EQ(to_hex(kd->gtk->gtk), "101112131415161718191a1b1c1d1e1f");
}

TEST(KeyData, UnwrapRejectsBadLengthAndWrongKek) {
  const auto kek = *crypto::Kek::from(hex(kTv12Kek));
  auto short_r = unwrap_key_data(kek, hex("0011223344556677001122334455667700"));
  ASSERT_FALSE(short_r);
  EXPECT_EQ(short_r.error().code, Errc::KeyDataMalformed);
  EXPECT_FALSE(unwrap_key_data(kek, Bytes(16, 0)));  // only one data block
  const auto other = *crypto::Kek::from(hex("379f9852d0199236b94e407ce4c00ec8"));
  auto wrong = unwrap_key_data(other, hex(kTv12Wrapped));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, Errc::UnwrapFailed);
  Bytes tampered = hex(kTv12Wrapped);
  tampered[20] ^= 0x80;
  EXPECT_EQ(unwrap_key_data(kek, tampered).error().code, Errc::UnwrapFailed);
}

TEST(KeyData, PaddingRule) {
  EXPECT_EQ(to_hex(crypto::view(pad_key_data({}))), "dd000000000000000000000000000000");
  EXPECT_EQ(pad_key_data(Bytes(10, 1)).size(), 16u);
  EXPECT_EQ(pad_key_data(Bytes(16, 1)).size(), 16u);  // already aligned: untouched
  EXPECT_EQ(pad_key_data(Bytes(17, 1)).size(), 24u);
  EXPECT_EQ(pad_key_data(Bytes(23, 1)).size(), 24u);
  EXPECT_EQ(pad_key_data(Bytes(24, 1)).size(), 24u);
  EXPECT_EQ(pad_key_data(Bytes(8, 1)).size(), 16u);  // multiple of 8 but under 16
  EXPECT_EQ(pad_key_data(Bytes(17, 1))[17], 0xdd);
}

TEST(KeyData, ParsesPmkidAndSkipsUnknownElements) {
  // Vendor element (WPA IE OUI 00:50:f2), MAC address KDE, PMKID KDE, RSN IE, GTK KDE with Tx.
  const Bytes kd = hex("dd0600 50f2 01 0100"
                       "dd0a000fac03 020000000001"
                       "dd14000fac04 000102030405060708090a0b0c0d0e0f"
                       "30020100"
                       "dd0b000fac01 0600 0102030405");
  auto r = parse_key_data(kd);
  ASSERT_TRUE(r) << describe(r.error());
  ASSERT_TRUE(r->pmkid);
  EXPECT_EQ(to_hex(*r->pmkid), "000102030405060708090a0b0c0d0e0f");
  ASSERT_TRUE(r->rsn_ie);
  EXPECT_EQ(to_hex(*r->rsn_ie), "30020100");
  ASSERT_TRUE(r->gtk);
  EXPECT_EQ(r->gtk->key_id, 2);
  EXPECT_TRUE(r->gtk->tx);
  EXPECT_EQ(r->gtk->gtk.size(), 5u);
  EXPECT_TRUE(parse_key_data({}));
  EXPECT_TRUE(parse_key_data(hex("dd")));  // a lone pad octet
}

TEST(KeyData, MalformedListsAreRejectedWithOffset) {
  struct Case {
    const char* name;
    const char* hex;
    std::uint32_t offset;
  };
  const std::string gtk_too_long = "dd27000fac010100" + std::string(66, '0');  // 33-octet GTK
  const Case cases[] = {
      {"header cut", "3002010030", 4},
      {"body past end", "30050100", 0},
      {"duplicate rsn", "3002010030020100", 4},
      {"gtk too short", "dd0a000fac01010001020304", 0},  // 4-octet GTK
      {"gtk too long", gtk_too_long.c_str(), 0},
      {"duplicate gtk", "dd0b000fac0101000001020304dd0b000fac0101000001020304", 13},
      {"pmkid wrong size", "dd08000fac0400010203", 0},
      {"non-zero padding", "30020100dd0001", 4},
  };
  for (const auto& c : cases) {
    auto r = parse_key_data(hex(c.hex));
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error(), (Error{Errc::KeyDataMalformed, c.offset, 0})) << c.name;
  }
}

TEST(KeyData, RscPnHelpers) {
  EXPECT_EQ(to_hex(rsc_from_pn(1)), "0100000000000000");
  EXPECT_EQ(pn_from_rsc(rsc_from_pn(0xffffffffffffULL)), 0xffffffffffffULL);
  std::array<std::uint8_t, 8> high{0, 0, 0, 0, 0, 0, 0xff, 0xff};
  EXPECT_EQ(pn_from_rsc(high), 0u);  // octets 6-7 are not part of a 48-bit PN
}

}  // namespace
}  // namespace wps::wpa2
