// Our Enrollee against our Registrar: the whole registration protocol, its failure cases, the
// PIN life cycle, duplicates, timeouts, every single-octet corruption of M2..M8, and every
// message in every state (ARCHITECTURE C7 state sweep).
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "crypto/crypto.hpp"
#include "wps/enrollee.hpp"
#include "wps/pin_store.hpp"
#include "wps/registrar.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

using wsc::MsgType;

const TimePoint t0 = TimePoint::from_ns(0);
const MacAddr kStaMac({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});

Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}

EnrolleeConfig sta_config(std::string_view pin) {
  EnrolleeConfig c;
  c.uuid = uuid_of(0xe0);
  c.mac = kStaMac;
  c.device = {"wpslab", "STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};
  c.device_password = crypto::to_secret(as_bytes(pin));
  c.keylog = true;
  return c;
}

wsc::Credential network() {
  wsc::Credential n;
  n.ssid = to_bytes("wpslab-net");
  n.network_key = crypto::to_secret(as_bytes("correct horse battery"));
  return n;
}

RegistrarConfig ap_config(PinStore* pins, SessionId sid = 1) {
  RegistrarConfig c;
  c.uuid = uuid_of(0xa0);
  c.device = {"wpslab", "AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1}, "wpslab-ap"};
  c.pins = pins;
  c.session_id = sid;
  c.network = network();
  c.keylog = true;
  return c;
}

struct Side {
  std::vector<SendMessage> sent;
  std::vector<KeyLogEntry> keylog;
  std::optional<Succeeded> succeeded;
  std::optional<Failed> failed;
  std::optional<PinNeeded> pin_needed;
  int terminal = 0;
};

template <typename E>
void drain(E& e, Side& s) {
  while (auto o = e.poll_output()) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, SendMessage>) s.sent.push_back(v);
          if constexpr (std::is_same_v<T, KeyLogEntry>) s.keylog.push_back(std::move(v));
          if constexpr (std::is_same_v<T, Succeeded>) {
            s.succeeded = std::move(v);
            ++s.terminal;
          }
          if constexpr (std::is_same_v<T, Failed>) {
            s.failed = v;
            ++s.terminal;
          }
          if constexpr (std::is_same_v<T, PinNeeded>) s.pin_needed = v;
        },
        std::move(*o));
  }
}

/// Hook that may rewrite (or drop, by returning nullopt) the n-th message on the wire.
using Tamper = std::function<std::optional<Bytes>(int index, MsgType, Bytes)>;

struct Result2 {
  Side enr, reg;
  std::vector<MsgType> wire;  // every message that crossed, in order
};

/// Runs one registration in lock step: each message sent is delivered to the other side.
Result2 run(EnrolleeConfig ec, RegistrarConfig rc, std::uint64_t seed = 1,
            const Tamper& tamper = nullptr) {
  crypto::Drbg erng(seed, "enrollee"), rrng(seed, "registrar");
  Enrollee enr(std::move(ec), erng);
  Registrar reg(std::move(rc), rrng);
  Result2 r;
  enr.start(t0);
  std::size_t ei = 0, ri = 0;
  int index = 0;
  for (int guard = 0; guard < 64; ++guard) {
    drain(enr, r.enr);
    drain(reg, r.reg);
    bool progressed = false;
    while (ei < r.enr.sent.size()) {
      auto m = r.enr.sent[ei++];
      r.wire.push_back(m.type);
      auto b = tamper ? tamper(index, m.type, m.payload) : std::optional<Bytes>(m.payload);
      ++index;
      if (b) reg.on_message(*b, t0);
      progressed = true;
    }
    drain(reg, r.reg);
    while (ri < r.reg.sent.size()) {
      auto m = r.reg.sent[ri++];
      r.wire.push_back(m.type);
      auto b = tamper ? tamper(index, m.type, m.payload) : std::optional<Bytes>(m.payload);
      ++index;
      if (b) enr.on_message(*b, t0);
      progressed = true;
    }
    if (!progressed) break;
  }
  return r;
}

std::vector<MsgType> seq(std::initializer_list<MsgType> l) {
  return l;
}

TEST(Registration, EightDigitPinDeliversTheCredential) {
  PinStore pins;
  pins.add("12345670");
  auto r = run(sta_config("12345670"), ap_config(&pins));
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2, M3, M4, M5, M6, M7, M8, WscDone}));
  ASSERT_TRUE(r.enr.succeeded);
  ASSERT_TRUE(r.reg.succeeded);
  EXPECT_EQ(r.enr.terminal, 1);
  EXPECT_EQ(r.reg.terminal, 1);
  ASSERT_EQ(r.enr.succeeded->credentials.size(), 1u);
  auto& c = r.enr.succeeded->credentials[0];
  EXPECT_EQ(as_chars(c.ssid), "wpslab-net");
  EXPECT_EQ(std::string(c.network_key.begin(), c.network_key.end()), "correct horse battery");
  EXPECT_EQ(c.mac_address, kStaMac);
  EXPECT_EQ(r.reg.succeeded->enrollee_mac, kStaMac);
  EXPECT_EQ(pins.size(), 0u);
}

TEST(Registration, FourDigitPinWorks) {
  PinStore pins;
  pins.add("4821");
  auto r = run(sta_config("4821"), ap_config(&pins));
  EXPECT_TRUE(r.enr.succeeded);
  EXPECT_TRUE(r.reg.succeeded);
}

TEST(Registration, BothSidesDeriveTheSameKeys) {
  PinStore pins;
  pins.add("12345670");
  auto r = run(sta_config("12345670"), ap_config(&pins));
  auto find = [](const Side& s, std::string_view l) -> Bytes {
    for (auto& k : s.keylog)
      if (k.label == l) return Bytes(k.value.begin(), k.value.end());
    return {};
  };
  for (auto l : {"DHKEY", "KDK", "AUTHKEY", "KEYWRAPKEY", "EMSK", "PSK1", "PSK2", "E_S1", "E_S2",
                 "R_S1", "R_S2", "ENROLLEE_NONCE", "REGISTRAR_NONCE"}) {
    auto a = find(r.enr, l), b = find(r.reg, l);
    EXPECT_FALSE(a.empty()) << l;
    EXPECT_EQ(a, b) << l;
  }
  EXPECT_FALSE(find(r.enr, "DH_PRIVATE_E").empty());
  EXPECT_FALSE(find(r.reg, "DH_PRIVATE_R").empty());
}

TEST(Registration, SameSeedSameBytesOtherSeedOtherNonces) {
  PinStore p1, p2, p3;
  for (auto* p : {&p1, &p2, &p3}) p->add("12345670");
  auto a = run(sta_config("12345670"), ap_config(&p1), 7);
  auto b = run(sta_config("12345670"), ap_config(&p2), 7);
  auto c = run(sta_config("12345670"), ap_config(&p3), 8);
  ASSERT_EQ(a.enr.sent.size(), b.enr.sent.size());
  for (std::size_t i = 0; i < a.enr.sent.size(); ++i)
    EXPECT_EQ(a.enr.sent[i].payload, b.enr.sent[i].payload);
  EXPECT_NE(a.enr.sent[0].payload, c.enr.sent[0].payload);
}

TEST(Registration, WrongFirstHalfNackedAtM4WithoutCredential) {
  PinStore pins;
  pins.add("87654325");  // both halves differ from 12345670
  auto r = run(sta_config("12345670"), ap_config(&pins));
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2, M3, M4, WscNack}));
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->reason, Errc::RHash1Mismatch);
  EXPECT_EQ(r.enr.failed->at, M4);
  EXPECT_EQ(r.enr.failed->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_TRUE(r.enr.failed->nack_sent);
  ASSERT_TRUE(r.reg.failed);
  EXPECT_EQ(r.reg.failed->reason, Errc::PeerNack);
  EXPECT_EQ(r.reg.failed->after, M4);
  EXPECT_EQ(r.reg.failed->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_FALSE(r.enr.succeeded);
  EXPECT_FALSE(r.reg.succeeded);
  EXPECT_EQ(pins.size(), 1u) << "only the first half was exposed: the PIN stays";
}

TEST(Registration, WrongSecondHalfNackedAtM6AndPinInvalidated) {
  PinStore pins;
  pins.add("12341238");  // same first half as 12345670
  auto r = run(sta_config("12345670"), ap_config(&pins));
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2, M3, M4, M5, M6, WscNack}));
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->reason, Errc::RHash2Mismatch);
  EXPECT_EQ(r.enr.failed->at, M6);
  EXPECT_EQ(r.enr.failed->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  ASSERT_TRUE(r.reg.failed);
  EXPECT_EQ(r.reg.failed->reason, Errc::PeerNack);
  EXPECT_EQ(r.reg.failed->after, M6);
  EXPECT_FALSE(r.enr.succeeded);
  EXPECT_EQ(pins.size(), 0u) << "R-S2 was revealed: hostapd invalidates the PIN";
}

TEST(Registration, NoPinYetGivesM2DThenRetrySucceeds) {
  PinStore pins;
  auto r = run(sta_config("12345670"), ap_config(&pins, 1));
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2D, WscAck}));
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->reason, Errc::PeerM2D);
  EXPECT_TRUE(r.enr.failed->by_peer);
  ASSERT_TRUE(r.reg.failed);
  EXPECT_EQ(r.reg.failed->reason, Errc::NoDevicePassword);
  ASSERT_TRUE(r.reg.pin_needed);
  EXPECT_EQ(r.reg.pin_needed->enrollee_mac, kStaMac);
  EXPECT_EQ(r.reg.pin_needed->device.device_name, "wpslab-sta");

  pins.add("12345670");  // the user enters the PIN at the AP; the station retries
  auto again = run(sta_config("12345670"), ap_config(&pins, 2), 2);
  EXPECT_TRUE(again.enr.succeeded);
}

TEST(Registration, SetupLockedApReportsError15InM2D) {
  PinStore pins;
  auto rc = ap_config(&pins);
  rc.setup_locked = true;
  auto r = run(sta_config("12345670"), rc);
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->config_error, wsc::ConfigError::SetupLocked);
}

TEST(Registration, PinClaimedBySessionIsNotGivenToAnother) {
  PinStore pins;
  pins.add("12345670");
  crypto::Drbg g1(1, "a"), g2(2, "b"), g3(3, "c");
  Enrollee e1(sta_config("12345670"), g1);
  auto other = sta_config("12345670");
  other.uuid = uuid_of(0xe1);
  Enrollee e2(other, g2);
  Registrar r1(ap_config(&pins, 1), g3);
  crypto::Drbg g4(4, "d");
  Registrar r2(ap_config(&pins, 2), g4);
  Side s1, s2, q1, q2;
  e1.start(t0);
  e2.start(t0);
  drain(e1, s1);
  drain(e2, s2);
  r1.on_message(s1.sent.at(0).payload, t0);
  r2.on_message(s2.sent.at(0).payload, t0);
  drain(r1, q1);
  drain(r2, q2);
  EXPECT_EQ(q1.sent.at(0).type, MsgType::M2);
  EXPECT_EQ(q2.sent.at(0).type, MsgType::M2D) << "the PIN is locked to the first session";
}

TEST(Registration, DroppedRegistrarReleasesItsPinClaim) {
  PinStore pins;
  pins.add("12345670");
  {
    crypto::Drbg g1(1, "a"), g2(2, "b");
    Enrollee e(sta_config("12345670"), g1);
    Registrar r(ap_config(&pins, 1), g2);
    Side s;
    e.start(t0);
    drain(e, s);
    r.on_message(s.sent.at(0).payload, t0);
    EXPECT_FALSE(pins.any_available(t0));
  }
  EXPECT_TRUE(pins.any_available(t0));
}

TEST(Registration, DuplicateMessageIsAnsweredAgainWithoutSideEffects) {
  PinStore pins;
  pins.add("12345670");
  // Deliver every message twice: each engine answers the duplicate with its previous message,
  // and the registration still completes with one terminal event each.
  crypto::Drbg erng(1, "enrollee"), rrng(1, "registrar");
  Enrollee enr(sta_config("12345670"), erng);
  Registrar reg(ap_config(&pins), rrng);
  Side es, rs;
  enr.start(t0);
  drain(enr, es);
  std::size_t ei = 0, ri = 0;
  for (int round = 0; round < 10; ++round) {
    while (ei < es.sent.size()) {
      auto m = es.sent[ei++].payload;
      std::size_t before = rs.sent.size();
      reg.on_message(m, t0);
      drain(reg, rs);
      if (!reg.finished()) {
        std::size_t after = rs.sent.size();
        reg.on_message(m, t0);  // retransmission
        drain(reg, rs);
        ASSERT_EQ(rs.sent.size(), after + 1);
        EXPECT_EQ(rs.sent.back().payload, rs.sent[after - 1].payload);
        rs.sent.pop_back();
        (void)before;
      }
    }
    while (ri < rs.sent.size()) {
      auto m = rs.sent[ri++].payload;
      enr.on_message(m, t0);
      drain(enr, es);
    }
  }
  ASSERT_TRUE(es.succeeded);
  ASSERT_TRUE(rs.succeeded);
  EXPECT_EQ(es.terminal, 1);
  EXPECT_EQ(rs.terminal, 1);
}

TEST(Registration, SilentPeerTimesOut) {
  PinStore pins;
  pins.add("12345670");
  crypto::Drbg g(1, "e");
  auto ec = sta_config("12345670");
  ec.timeout = std::chrono::seconds(5);
  Enrollee enr(ec, g);
  enr.start(t0);
  auto d = enr.next_deadline();
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, t0 + std::chrono::seconds(5));
  enr.on_deadline(t0 + std::chrono::seconds(4));
  Side s;
  drain(enr, s);
  EXPECT_FALSE(s.failed);
  enr.on_deadline(*d);
  drain(enr, s);
  ASSERT_TRUE(s.failed);
  EXPECT_EQ(s.failed->reason, Errc::SessionTimeout);
  EXPECT_EQ(s.failed->at, MsgType::M2);
  EXPECT_FALSE(enr.next_deadline());
}

// --- A misbehaving enrollee that ignores R-Hash mismatches (built here from the codec) -------

/// Plays the enrollee by hand with `pin`, never checking R-Hash, so a wrong PIN reaches the
/// registrar's own checks at M5 or M7.
Side rogue_enrollee_run(std::string_view enrollee_pin, PinStore& pins) {
  crypto::Drbg erng(9, "rogue"), rrng(9, "registrar");
  Registrar reg(ap_config(&pins), rrng);
  Side rs;
  auto dh = crypto::DhPrivateKey::generate(erng);
  EXPECT_TRUE(dh);
  wsc::M1 m1;
  m1.uuid_e = uuid_of(0xee);
  m1.mac_address = kStaMac;
  erng.fill(std::span<std::uint8_t>(m1.enrollee_nonce.mut().data(), 16));
  m1.public_key = dh->public_key();
  m1.device = {"x", "x", "x", "x", {1, wsc::kWfaDeviceTypeOui, 1}, "rogue"};
  Bytes b1 = wsc::build_m1(m1);
  reg.on_message(b1, t0);
  drain(reg, rs);
  auto m2 = wsc::parse_m2(rs.sent.at(0).payload);
  EXPECT_TRUE(m2);
  auto z = dh->derive(m2->public_key);
  EXPECT_TRUE(z);
  auto keys = wsc::derive_session_keys(*z, m1.enrollee_nonce, kStaMac, m2->registrar_nonce);
  auto psk = wsc::derive_psk(keys.auth_key, enrollee_pin);
  wsc::PublicKeys pks{.enrollee = m1.public_key, .registrar = m2->public_key};
  crypto::ESecretNonce1 es1;
  crypto::ESecretNonce2 es2;
  erng.fill(std::span<std::uint8_t>(es1.data(), 16));
  erng.fill(std::span<std::uint8_t>(es2.data(), 16));
  wsc::M3 m3;
  m3.registrar_nonce = m2->registrar_nonce;
  m3.e_hash1 = wsc::e_hash(keys.auth_key, es1, psk.psk1, pks);
  m3.e_hash2 = wsc::e_hash(keys.auth_key, es2, psk.psk2, pks);
  Bytes b3 = wsc::build_m3(m3, keys.auth_key, rs.sent.at(0).payload);
  reg.on_message(b3, t0);
  drain(reg, rs);
  if (rs.failed) return rs;
  // Ignore whatever R-Hash1 says and reveal E-S1.
  wsc::M5 m5;
  m5.registrar_nonce = m2->registrar_nonce;
  m5.settings.e_snonce1 = es1.clone();
  Bytes b5 = wsc::build_m5(m5, keys.auth_key, keys.key_wrap_key, rs.sent.at(1).payload);
  reg.on_message(b5, t0);
  drain(reg, rs);
  if (rs.failed) return rs;
  wsc::M7 m7;
  m7.registrar_nonce = m2->registrar_nonce;
  m7.settings.e_snonce2 = es2.clone();
  Bytes b7 = wsc::build_m7(m7, keys.auth_key, keys.key_wrap_key, rs.sent.at(2).payload);
  reg.on_message(b7, t0);
  drain(reg, rs);
  return rs;
}

TEST(Registration, RegistrarCatchesWrongFirstHalfAtM5) {
  PinStore pins;
  pins.add("12345670");
  auto rs = rogue_enrollee_run("99995670", pins);
  ASSERT_TRUE(rs.failed);
  EXPECT_EQ(rs.failed->reason, Errc::EHash1Mismatch);
  EXPECT_EQ(rs.failed->at, MsgType::M5);
  EXPECT_TRUE(rs.failed->nack_sent);
  EXPECT_EQ(rs.sent.back().type, MsgType::WscNack);
  auto nack = wsc::parse_wsc_nack(rs.sent.back().payload);
  ASSERT_TRUE(nack);
  EXPECT_EQ(nack->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_EQ(pins.size(), 1u);
}

TEST(Registration, RegistrarCatchesWrongSecondHalfAtM7AndDropsThePin) {
  PinStore pins;
  pins.add("12345670");
  auto rs = rogue_enrollee_run("12349999", pins);
  ASSERT_TRUE(rs.failed);
  EXPECT_EQ(rs.failed->reason, Errc::EHash2Mismatch);
  EXPECT_EQ(rs.failed->at, MsgType::M7);
  EXPECT_FALSE(rs.succeeded);
  for (auto& m : rs.sent) EXPECT_NE(m.type, MsgType::M8) << "no credential after a bad proof";
  EXPECT_EQ(pins.size(), 0u);
}

// --- AP-PIN method: our Registrar configuring / reading our Enrollee acting as an AP ---------

EnrolleeConfig ap_enrollee(std::string_view ap_pin) {
  auto c = sta_config(ap_pin);
  c.uuid = uuid_of(0xaa);
  c.mac = MacAddr({0x02, 0, 0, 0, 0x0a, 0x01});
  c.wps_state = wsc::WpsState::Configured;
  c.eap_peer = false;
  wsc::Credential cur = network();
  cur.network_index.reset();
  cur.mac_address = c.mac;
  c.ap_settings = cur;
  return c;
}

TEST(Registration, ExternalRegistrarLearnsTheApSettings) {
  RegistrarConfig rc = ap_config(nullptr);
  rc.device_password = crypto::to_secret(as_bytes("12345670"));
  rc.enrollee_is_ap = true;
  rc.eap_peer = true;
  auto r = run(ap_enrollee("12345670"), rc);
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2, M3, M4, M5, M6, M7, WscNack}));
  ASSERT_TRUE(r.reg.succeeded);
  ASSERT_TRUE(r.reg.succeeded->ap_settings);
  EXPECT_EQ(as_chars(r.reg.succeeded->ap_settings->ssid), "wpslab-net");
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->reason, Errc::PeerNack);
  EXPECT_EQ(r.enr.failed->config_error, wsc::ConfigError::NoError);
}

TEST(Registration, ExternalRegistrarPushesNewSettings) {
  RegistrarConfig rc = ap_config(nullptr);
  rc.device_password = crypto::to_secret(as_bytes("12345670"));
  rc.enrollee_is_ap = true;
  rc.eap_peer = true;
  wsc::Credential fresh = network();
  fresh.ssid = to_bytes("renamed-net");
  fresh.network_key = crypto::to_secret(as_bytes("a brand new passphrase"));
  rc.new_ap_settings = fresh;
  auto r = run(ap_enrollee("12345670"), rc);
  using enum MsgType;
  EXPECT_EQ(r.wire, seq({M1, M2, M3, M4, M5, M6, M7, M8, WscDone, WscAck}));
  ASSERT_TRUE(r.enr.succeeded);
  ASSERT_TRUE(r.enr.succeeded->ap_settings);
  EXPECT_EQ(as_chars(r.enr.succeeded->ap_settings->ssid), "renamed-net");
  ASSERT_TRUE(r.reg.succeeded);
}

TEST(Registration, WrongApPinFailsAtM4) {
  RegistrarConfig rc = ap_config(nullptr);
  rc.device_password = crypto::to_secret(as_bytes("11111111"));
  rc.enrollee_is_ap = true;
  rc.eap_peer = true;
  auto r = run(ap_enrollee("12345670"), rc);
  ASSERT_TRUE(r.enr.failed);
  EXPECT_EQ(r.enr.failed->reason, Errc::RHash1Mismatch);
  EXPECT_FALSE(r.reg.succeeded);
}

// --- Every single-octet corruption of M2..M8 is rejected ------------------------------------

/// What a corruption at `pos` of message `msg` may legitimately be rejected as.
std::vector<Errc> allowed_reasons(MsgType type, ByteView msg, std::size_t pos) {
  auto list = wsc::tokenize(msg);
  std::vector<Errc> framing = {
      Errc::AttrTruncated,        Errc::AttrBadLength,      Errc::AttrDuplicate,
      Errc::AttrMissing,          Errc::AttrForbidden,      Errc::AttrBadValue,
      Errc::AuthenticatorNotLast, Errc::UnknownMessageType, Errc::WrongMessageType,
      Errc::UnexpectedMessage,    Errc::VendorExtMalformed, Errc::AuthenticatorMismatch};
  if (!list) return framing;
  for (const auto& a : *list) {
    std::size_t hdr = a.offset;
    std::size_t val = hdr + 4;
    if (pos < hdr || pos >= val + a.value.size()) continue;
    if (pos < val) return framing;  // type or length octets
    switch (static_cast<wsc::AttrType>(a.type)) {
      case wsc::AttrType::MessageType: return {Errc::UnknownMessageType, Errc::UnexpectedMessage};
      case wsc::AttrType::EnrolleeNonce:
      case wsc::AttrType::RegistrarNonce:
        // An echoed nonce must match; M2's Registrar Nonce is new to the enrollee, so a changed
        // one yields other keys and fails the Authenticator instead.
        if (type == MsgType::M2 && a.type == wsc::to_u16(wsc::AttrType::RegistrarNonce))
          return {Errc::AuthenticatorMismatch};
        return {Errc::NonceMismatch};
      case wsc::AttrType::PublicKey: return {Errc::InvalidPublicKey, Errc::AuthenticatorMismatch};
      case wsc::AttrType::DevicePasswordId: return {Errc::DevicePasswordIdMismatch};
      case wsc::AttrType::VendorExtension:
        return {Errc::VendorExtMalformed, Errc::AuthenticatorMismatch};
      case wsc::AttrType::ConfigurationError:
      case wsc::AttrType::AssociationState:
      case wsc::AttrType::RfBands:
      case wsc::AttrType::ConnectionTypeFlags:
        return {Errc::AttrBadValue, Errc::AuthenticatorMismatch};
      default: return {Errc::AuthenticatorMismatch};
    }
  }
  return framing;
}

TEST(Registration, EverySingleOctetCorruptionOfM2ToM8IsRejected) {
  // A reference run, to know the messages and their sizes.
  PinStore ref_pins;
  ref_pins.add("12345670");
  auto ref = run(sta_config("12345670"), ap_config(&ref_pins));
  ASSERT_TRUE(ref.enr.succeeded);
  int checked = 0;
  for (int target = 1; target <= 7; ++target) {  // wire index 1..7 = M2..M8
    MsgType type = ref.wire[static_cast<std::size_t>(target)];
    Bytes original;
    for (auto* side : {&ref.enr, &ref.reg})
      for (auto& m : side->sent)
        if (m.type == type) original = m.payload;
    ASSERT_FALSE(original.empty());
    for (std::size_t pos = 0; pos < original.size(); ++pos) {
      PinStore pins;
      pins.add("12345670");
      auto r = run(sta_config("12345670"), ap_config(&pins), 1,
                   [&](int index, MsgType, Bytes b) -> std::optional<Bytes> {
                     if (index == target) b[pos] ^= 0x5a;
                     return b;
                   });
      // The receiver of the corrupted message must end the run, and nobody may succeed.
      const Side& receiver = (target % 2 == 1) ? r.enr : r.reg;
      ASSERT_TRUE(receiver.failed) << msg_type_name(type) << " octet " << pos;
      EXPECT_FALSE(r.enr.succeeded) << msg_type_name(type) << " octet " << pos;
      auto allowed = allowed_reasons(type, original, pos);
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), receiver.failed->reason), allowed.end())
          << msg_type_name(type) << " octet " << pos << ": " << to_string(receiver.failed->reason);
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000);
}

// --- Tamper sweep: every octet of M1..M8 flipped in turn ---------------------------------------

/// M1 is not authenticated by itself: the registrar checks its framing and values, and the
/// enrollee finds any other change at M2, whose Authenticator covers M1 ‖ M2 and whose keys
/// depend on M1's nonce, public key and MAC. What a flipped octet of M1 may end the run with,
/// by the attribute it lies in.
std::vector<Errc> allowed_reasons_m1(ByteView msg, std::size_t pos) {
  std::vector<Errc> framing = {Errc::AttrTruncated,      Errc::AttrBadLength,
                               Errc::AttrDuplicate,      Errc::AttrMissing,
                               Errc::AttrForbidden,      Errc::AttrBadValue,
                               Errc::UnknownMessageType, Errc::WrongMessageType,
                               Errc::UnexpectedMessage,  Errc::VendorExtMalformed};
  auto list = wsc::tokenize(msg);
  if (!list) return framing;
  for (const auto& a : *list) {
    const std::size_t val = a.offset + 4;
    if (pos < a.offset || pos >= val + a.value.size()) continue;
    if (pos < val) {
      // A changed type or length: the registrar's parser, or (an unknown attribute it skips)
      // the Authenticator of M2.
      framing.push_back(Errc::AuthenticatorMismatch);
      return framing;
    }
    switch (static_cast<wsc::AttrType>(a.type)) {
      case wsc::AttrType::MessageType: return {Errc::UnknownMessageType, Errc::UnexpectedMessage};
      case wsc::AttrType::EnrolleeNonce: return {Errc::NonceMismatch};  // echoed in M2
      case wsc::AttrType::PublicKey: return {Errc::InvalidPublicKey, Errc::AuthenticatorMismatch};
      case wsc::AttrType::DevicePasswordId:
        // The registrar has no password for that ID (M2D) or echoes it (mismatch at M2).
        return {Errc::PeerM2D, Errc::DevicePasswordIdMismatch, Errc::AttrBadValue};
      case wsc::AttrType::Version:
      case wsc::AttrType::ConfigMethods:
      case wsc::AttrType::WpsState:
      case wsc::AttrType::AssociationState:
      case wsc::AttrType::ConfigurationError:
      case wsc::AttrType::RfBands:
      case wsc::AttrType::ConnectionTypeFlags:
      case wsc::AttrType::AuthenticationTypeFlags:
      case wsc::AttrType::EncryptionTypeFlags:
        return {Errc::AttrBadValue, Errc::AuthenticatorMismatch};
      case wsc::AttrType::VendorExtension:
        return {Errc::VendorExtMalformed, Errc::AuthenticatorMismatch};
      default: return {Errc::AuthenticatorMismatch};
    }
  }
  return framing;
}

TEST(TamperSweep, EveryOctetOfM1ToM8FlippedIsRejectedAndNoCredentialLeaves) {
  PinStore ref_pins;
  ref_pins.add("12345670");
  auto ref = run(sta_config("12345670"), ap_config(&ref_pins));
  ASSERT_TRUE(ref.enr.succeeded);
  ASSERT_EQ(ref.wire, seq({MsgType::M1, MsgType::M2, MsgType::M3, MsgType::M4, MsgType::M5,
                           MsgType::M6, MsgType::M7, MsgType::M8, MsgType::WscDone}));
  int mutants = 0;
  for (int target = 0; target <= 7; ++target) {  // wire index 0..7 = M1..M8
    const MsgType type = ref.wire[static_cast<std::size_t>(target)];
    Bytes original;
    for (auto* side : {&ref.enr, &ref.reg})
      for (auto& m : side->sent)
        if (m.type == type) original = m.payload;
    ASSERT_FALSE(original.empty());
    for (std::size_t pos = 0; pos < original.size(); ++pos) {
      PinStore pins;
      pins.add("12345670");
      auto r = run(sta_config("12345670"), ap_config(&pins), 1,
                   [&](int index, MsgType, Bytes b) -> std::optional<Bytes> {
                     if (index == target) b[pos] = static_cast<std::uint8_t>(~b[pos]);
                     return b;
                   });
      ++mutants;
      const std::string where = std::string(msg_type_name(type)) + " octet " + std::to_string(pos);
      // No credential leaves: the enrollee never succeeds, the registrar never sends M8 unless
      // the flipped octet is in M8 itself (which the enrollee then rejects).
      EXPECT_FALSE(r.enr.succeeded) << where;
      EXPECT_FALSE(r.reg.succeeded) << where;
      bool m8_sent = false;
      for (const auto& m : r.reg.sent) m8_sent = m8_sent || m.type == MsgType::M8;
      EXPECT_EQ(m8_sent, type == MsgType::M8) << where;
      // Who rejects it, and why.
      std::optional<Failed> failure;
      if (target == 0) {
        // The registrar (at M1) or, when it accepted M1, the enrollee at M2.
        failure = r.reg.failed && r.reg.failed->at == MsgType::M1 ? r.reg.failed : r.enr.failed;
      } else {
        failure = (target % 2 == 1) ? r.enr.failed : r.reg.failed;
      }
      ASSERT_TRUE(failure) << where;
      const auto allowed = target == 0 ? allowed_reasons_m1(original, pos)
                                       : allowed_reasons(type, original, pos);
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), failure->reason), allowed.end())
          << where << ": " << to_string(failure->reason)
          << " (registrar: " << (r.reg.failed ? to_string(r.reg.failed->reason) : "-")
          << ", enrollee: " << (r.enr.failed ? to_string(r.enr.failed->reason) : "-") << ")";
      if (failure->reason != Errc::PeerM2D && target != 0) {
        EXPECT_EQ(failure->at, type) << where;
      }
    }
  }
  std::printf("tamper sweep: %d mutants of M1..M8 (every octet flipped), all rejected\n", mutants);
  RecordProperty("mutants", mutants);
  EXPECT_GT(mutants, 1500);
}

// --- Every message type in every state ------------------------------------------------------

/// All the messages of one session (same nonces), incl. M2D, ACK, NACK and Done built for it.
struct Catalog {
  std::map<MsgType, Bytes> msgs;
};

Catalog catalog() {
  PinStore pins;
  pins.add("12345670");
  auto r = run(sta_config("12345670"), ap_config(&pins), 3);
  Catalog c;
  for (auto* s : {&r.enr, &r.reg})
    for (auto& m : s->sent) c.msgs[m.type] = m.payload;
  auto m2 = wsc::parse_m2(c.msgs[MsgType::M2]);
  wsc::WscNack nack;
  nack.enrollee_nonce = m2->enrollee_nonce;
  nack.registrar_nonce = m2->registrar_nonce;
  nack.config_error = wsc::ConfigError::DeviceBusy;
  c.msgs[MsgType::WscNack] = wsc::build_wsc_nack(nack);
  wsc::WscAck ack;
  ack.enrollee_nonce = m2->enrollee_nonce;
  ack.registrar_nonce = m2->registrar_nonce;
  c.msgs[MsgType::WscAck] = wsc::build_wsc_ack(ack);
  wsc::M2D m2d;
  m2d.enrollee_nonce = m2->enrollee_nonce;
  m2d.registrar_nonce = m2->registrar_nonce;
  m2d.uuid_r = m2->uuid_r;
  m2d.device = m2->device;
  c.msgs[MsgType::M2D] = wsc::build_m2d(m2d);
  return c;
}

TEST(StateSweep, EnrolleeAcceptsOnlyTheExpectedMessageInEachState) {
  auto cat = catalog();
  const std::vector<MsgType> path = {MsgType::M2, MsgType::M4, MsgType::M6, MsgType::M8};
  for (std::size_t depth = 0; depth <= path.size(); ++depth) {
    for (auto& [type, bytes] : cat.msgs) {
      crypto::Drbg g(3, "enrollee");
      Enrollee e(sta_config("12345670"), g);
      e.start(t0);
      Side s;
      for (std::size_t i = 0; i < depth; ++i) e.on_message(cat.msgs[path[i]], t0);
      drain(e, s);
      ASSERT_EQ(s.terminal, depth == path.size() ? 1 : 0);
      auto state = e.state();
      std::size_t sent_before = s.sent.size();
      e.on_message(bytes, t0);
      Side after;
      drain(e, after);
      std::string where = std::string(Enrollee::state_name(state)) + " <- " +
                          std::string(msg_type_name(type));
      if (depth == path.size()) {  // finished: everything is dropped
        EXPECT_EQ(after.sent.size() + after.terminal, 0u) << where;
        continue;
      }
      bool expected = type == path[depth] || type == MsgType::WscNack ||
                      (depth == 0 && type == MsgType::M2D);
      if (depth > 0 && type == path[depth - 1]) {
        // The message just processed, again: a retransmission, answered with our last message.
        EXPECT_FALSE(after.failed) << where;
        ASSERT_EQ(after.sent.size(), 1u) << where;
        EXPECT_EQ(after.sent[0].payload, s.sent.back().payload) << where;
      } else if (expected) {
        if (type == MsgType::WscNack) {
          ASSERT_TRUE(after.failed) << where;
          EXPECT_EQ(after.failed->reason, Errc::PeerNack) << where;
        } else {
          EXPECT_FALSE(after.failed && after.failed->reason == Errc::UnexpectedMessage) << where;
          EXPECT_FALSE(after.sent.empty()) << where;
        }
      } else {
        ASSERT_TRUE(after.failed) << where;
        EXPECT_EQ(after.failed->reason, Errc::UnexpectedMessage) << where;
        EXPECT_TRUE(after.failed->nack_sent) << where;
        EXPECT_FALSE(after.succeeded) << where;
      }
      (void)sent_before;
    }
  }
}

TEST(StateSweep, RegistrarAcceptsOnlyTheExpectedMessageInEachState) {
  auto cat = catalog();
  const std::vector<MsgType> path = {MsgType::M1, MsgType::M3, MsgType::M5, MsgType::M7,
                                     MsgType::WscDone};
  for (std::size_t depth = 0; depth <= path.size(); ++depth) {
    for (auto& [type, bytes] : cat.msgs) {
      PinStore pins;
      pins.add("12345670");
      crypto::Drbg g(3, "registrar");
      Registrar r(ap_config(&pins), g);
      Side s;
      for (std::size_t i = 0; i < depth; ++i) r.on_message(cat.msgs[path[i]], t0);
      drain(r, s);
      ASSERT_EQ(s.terminal, depth == path.size() ? 1 : 0) << depth;
      auto state = r.state();
      r.on_message(bytes, t0);
      Side after;
      drain(r, after);
      std::string where = std::string(Registrar::state_name(state)) + " <- " +
                          std::string(msg_type_name(type));
      if (depth == path.size()) {
        EXPECT_EQ(after.sent.size() + after.terminal, 0u) << where;
        continue;
      }
      if (type == path[depth]) {
        EXPECT_FALSE(after.failed) << where;
      } else if (depth > 0 && type == path[depth - 1]) {
        EXPECT_FALSE(after.failed) << where;
        ASSERT_EQ(after.sent.size(), 1u) << where;
        EXPECT_EQ(after.sent[0].payload, s.sent.back().payload) << where;
      } else if (type == MsgType::WscNack) {
        ASSERT_TRUE(after.failed) << where;
        // Before M1 nothing is known about the run: the NACK cannot even match its nonces.
        EXPECT_TRUE(after.failed->reason == Errc::PeerNack ||
                    (depth == 0 && after.failed->reason == Errc::NonceMismatch))
            << where << " " << to_string(after.failed->reason);
      } else {
        ASSERT_TRUE(after.failed) << where;
        EXPECT_EQ(after.failed->reason, Errc::UnexpectedMessage) << where;
        EXPECT_FALSE(after.succeeded) << where;
      }
    }
  }
}

}  // namespace
}  // namespace wps::proto
