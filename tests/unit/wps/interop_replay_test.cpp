// Our engines against real runs of the reference implementation, without a network.
//
// tests/vectors/wps/interop_<mode>.txt hold one run each of hostapd 2.10 and wpa_supplicant 2.10
// (tests/data/captures/<mode>/, extracted by tools/extract_interop_vectors.py): every
// EAP-WSC message from the pcap and every secret from the -K logs.
//
// Registrar replay: our Registrar, fed hostapd's secrets (DH key, N2, R-S1, R-S2, and the IVs it
// used) in the documented draw order, processes wpa_supplicant's M1/M3/M5/M7 — so it must accept
// their Authenticators (computed over hostapd's M2/M4/M6), E-Hashes and KWAs — and must send
// hostapd's own M2/M4/M6/M8 byte for byte. Enrollee replay: the same from the other side. The
// key log of each engine must equal the keys the daemons logged.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <map>
#include <sstream>

#include "support/test_support.hpp"
#include "wps/enrollee.hpp"
#include "wps/pin_store.hpp"
#include "wps/registrar.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

using wsc::MsgType;

struct WireMsg {
  std::string sender;  // "ap" or "sta"
  int op = 0;
  Bytes payload;
};

struct Capture {
  std::map<std::string, Bytes> secrets;
  std::vector<WireMsg> msgs;
  const Bytes& at(const std::string& k) const {
    auto it = secrets.find(k);
    if (it == secrets.end()) ADD_FAILURE() << "vector lacks " << k;
    static const Bytes empty;
    return it == secrets.end() ? empty : it->second;
  }
};

Capture load(const std::string& mode) {
  Capture r;
  std::ifstream in(std::string(WPSLAB_SOURCE_DIR) + "/tests/vectors/wps/interop_" + mode + ".txt");
  EXPECT_TRUE(in.good()) << mode;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    if (key == "msg") {
      WireMsg m;
      int idx = 0;
      std::string hexv;
      ls >> idx >> m.sender >> m.op >> hexv;
      m.payload = test::hex(hexv);
      r.msgs.push_back(std::move(m));
    } else {
      std::string hexv;
      ls >> hexv;
      r.secrets[key] = test::hex(hexv);
    }
  }
  return r;
}

/// Hands out scripted octets in order; each fill() must ask for exactly the next chunk's size,
/// so a change in the engines' draw order fails loudly.
class ScriptedRng : public Rng {
 public:
  void push(ByteView b) { chunks_.emplace_back(b.begin(), b.end()); }
  /// A DH exponent as DhPrivateKey::generate draws it: 32 octets, big-endian.
  void push_dh(ByteView exponent) {
    Bytes b(32 - exponent.size(), 0);
    b.insert(b.end(), exponent.begin(), exponent.end());
    push(b);
  }
  void fill(std::span<std::uint8_t> out) override {
    if (chunks_.empty() || chunks_.front().size() != out.size()) {
      ADD_FAILURE() << "unexpected draw of " << out.size() << " octets";
      std::fill(out.begin(), out.end(), 0x5a);
      return;
    }
    std::copy(chunks_.front().begin(), chunks_.front().end(), out.begin());
    chunks_.pop_front();
  }
  [[nodiscard]] bool drained() const { return chunks_.empty(); }

 private:
  std::deque<Bytes> chunks_;
};

Bytes iv_of(ByteView settings) {
  return Bytes(settings.begin(), settings.begin() + 16);
}

struct Collected {
  std::vector<SendMessage> sent;
  std::map<std::string, Bytes> keylog;
  std::optional<Succeeded> succeeded;
  std::optional<Failed> failed;
  std::optional<PinNeeded> pin_needed;
};

template <typename Engine>
void drain(Engine& e, Collected& c) {
  while (auto o = e.poll_output()) {
    if (auto* s = std::get_if<SendMessage>(&*o)) c.sent.push_back(*s);
    if (auto* k = std::get_if<KeyLogEntry>(&*o))
      c.keylog[std::string(k->label)] = Bytes(k->value.begin(), k->value.end());
    if (auto* s = std::get_if<Succeeded>(&*o)) c.succeeded = std::move(*s);
    if (auto* f = std::get_if<Failed>(&*o)) c.failed = *f;
    if (auto* p = std::get_if<PinNeeded>(&*o)) c.pin_needed = *p;
  }
}

const TimePoint t0 = TimePoint::from_ns(0);

/// Registrar config taken from the M2 the reference registrar sent (its device description).
RegistrarConfig registrar_like(const wsc::M2& m2) {
  RegistrarConfig cfg;
  cfg.uuid = m2.uuid_r;
  cfg.device = m2.device;
  cfg.auth_type_flags = m2.auth_type_flags;
  cfg.encr_type_flags = m2.encr_type_flags;
  cfg.connection_type_flags = m2.connection_type_flags;
  cfg.config_methods = m2.config_methods;
  cfg.rf_bands = m2.rf_bands;
  cfg.os_version = m2.os_version;
  cfg.keylog = true;
  return cfg;
}

EnrolleeConfig enrollee_like(const wsc::M1& m1, std::string_view pin) {
  EnrolleeConfig cfg;
  cfg.uuid = m1.uuid_e;
  cfg.mac = m1.mac_address;
  cfg.device = m1.device;
  cfg.auth_type_flags = m1.auth_type_flags;
  cfg.encr_type_flags = m1.encr_type_flags;
  cfg.connection_type_flags = m1.connection_type_flags;
  cfg.config_methods = m1.config_methods;
  cfg.wps_state = m1.wps_state;
  cfg.rf_bands = m1.rf_bands;
  cfg.os_version = m1.os_version;
  cfg.password_id = m1.device_password_id;
  cfg.device_password = crypto::to_secret(as_bytes(pin));
  cfg.keylog = true;
  return cfg;
}

/// Messages of one side, in order.
std::vector<Bytes> from(const Capture& r, const std::string& sender) {
  std::vector<Bytes> v;
  for (auto& m : r.msgs)
    if (m.sender == sender) v.push_back(m.payload);
  return v;
}

void expect_keys(const Collected& c, const Capture& r) {
  for (auto [label, key] : {std::pair{"DHKEY", "dhkey"},
                            {"KDK", "kdk"},
                            {"AUTHKEY", "authkey"},
                            {"KEYWRAPKEY", "keywrapkey"},
                            {"EMSK", "emsk"},
                            {"PSK1", "psk1"},
                            {"PSK2", "psk2"}}) {
    auto it = c.keylog.find(label);
    ASSERT_NE(it, c.keylog.end()) << label;
    EXPECT_EQ(to_hex(it->second), to_hex(r.at(key))) << label;
  }
}

// --- STA-PIN method: hostapd is the registrar, wpa_supplicant the enrollee -------------------

TEST(InteropReplay, RegistrarReproducesHostapdRunByteForByte) {
  Capture run = load("pin");
  auto sta = from(run, "sta");  // M1 M3 M5 M7 Done
  auto ap = from(run, "ap");    // M2 M4 M6 M8
  ASSERT_EQ(sta.size(), 5u);
  ASSERT_EQ(ap.size(), 4u);
  auto m2 = wsc::parse_m2(ap[0]);
  ASSERT_TRUE(m2) << describe(m2.error());
  auto m4 = wsc::parse_m4(ap[1]);
  auto m6 = wsc::parse_m6(ap[2]);
  auto m8 = wsc::parse_m8(ap[3]);
  ASSERT_TRUE(m4 && m6 && m8);

  ScriptedRng rng;
  rng.push(run.at("registrar_nonce"));
  rng.push_dh(run.at("registrar_dh_private"));
  rng.push(run.at("r_s1"));
  rng.push(run.at("r_s2"));
  rng.push(iv_of(m4->encrypted_settings));
  rng.push(iv_of(m6->encrypted_settings));
  rng.push(iv_of(m8->encrypted_settings));

  PinStore pins;
  pins.add("12345670");
  RegistrarConfig cfg = registrar_like(*m2);
  cfg.pins = &pins;
  cfg.session_id = 1;
  wsc::Credential net;
  net.ssid = to_bytes("wps-interop-test");
  net.network_key = crypto::to_secret(as_bytes("interop-passphrase-1234"));
  cfg.network = net;
  Registrar reg(cfg, rng);

  Collected c;
  for (std::size_t i = 0; i < sta.size(); ++i) {
    reg.on_message(sta[i], t0);
    drain(reg, c);
    ASSERT_FALSE(c.failed) << "at input " << i << ": " << to_string(c.failed->reason);
  }
  ASSERT_EQ(c.sent.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(ap[i])) << "registrar message " << i;
  }
  ASSERT_TRUE(c.succeeded);
  EXPECT_TRUE(rng.drained());
  expect_keys(c, run);
  EXPECT_EQ(pins.size(), 0u) << "a successful run consumes the PIN";
}

TEST(InteropReplay, EnrolleeReproducesWpaSupplicantRunByteForByte) {
  Capture run = load("pin");
  auto sta = from(run, "sta");
  auto ap = from(run, "ap");
  auto m1 = wsc::parse_m1(sta[0]);
  ASSERT_TRUE(m1) << describe(m1.error());
  auto m5 = wsc::parse_m5(sta[2]);
  auto m7 = wsc::parse_m7(sta[3]);
  ASSERT_TRUE(m5 && m7);

  ScriptedRng rng;
  rng.push(run.at("enrollee_nonce"));
  rng.push_dh(run.at("enrollee_dh_private"));
  rng.push(run.at("e_s1"));
  rng.push(run.at("e_s2"));
  rng.push(iv_of(m5->encrypted_settings));
  rng.push(iv_of(m7->encrypted_settings));

  Enrollee enr(enrollee_like(*m1, "12345670"), rng);
  Collected c;
  enr.start(t0);
  drain(enr, c);
  for (auto& m : ap) {
    enr.on_message(m, t0);
    drain(enr, c);
    ASSERT_FALSE(c.failed) << to_string(c.failed->reason);
  }
  ASSERT_EQ(c.sent.size(), sta.size());
  for (std::size_t i = 0; i < sta.size(); ++i) {
    EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(sta[i])) << "enrollee message " << i;
  }
  ASSERT_TRUE(c.succeeded);
  ASSERT_EQ(c.succeeded->credentials.size(), 1u);
  const auto& cred = c.succeeded->credentials[0];
  EXPECT_EQ(as_chars(cred.ssid), "wps-interop-test");
  EXPECT_EQ(std::string(cred.network_key.begin(), cred.network_key.end()),
            "interop-passphrase-1234");
  EXPECT_EQ(cred.mac_address, m1->mac_address);
  EXPECT_TRUE(rng.drained());
  expect_keys(c, run);
}

// The same through the fragmented run (fragment_size=100): the reassembled messages are the
// same kind of input; a second, independent set of nonces and keys.
TEST(InteropReplay, FragmentedRunReplaysOnBothSides) {
  Capture run = load("frag");
  auto sta = from(run, "sta");
  auto ap = from(run, "ap");
  ASSERT_EQ(sta.size(), 5u);
  ASSERT_EQ(ap.size(), 4u);
  auto m1 = wsc::parse_m1(sta[0]);
  auto m2 = wsc::parse_m2(ap[0]);
  ASSERT_TRUE(m1 && m2);
  {
    ScriptedRng rng;
    rng.push(run.at("enrollee_nonce"));
    rng.push_dh(run.at("enrollee_dh_private"));
    rng.push(run.at("e_s1"));
    rng.push(run.at("e_s2"));
    rng.push(iv_of(wsc::parse_m5(sta[2])->encrypted_settings));
    rng.push(iv_of(wsc::parse_m7(sta[3])->encrypted_settings));
    Enrollee enr(enrollee_like(*m1, "12345670"), rng);
    Collected c;
    enr.start(t0);
    for (auto& m : ap) enr.on_message(m, t0);
    drain(enr, c);
    ASSERT_TRUE(c.succeeded);
    ASSERT_EQ(c.sent.size(), sta.size());
    for (std::size_t i = 0; i < sta.size(); ++i) EXPECT_EQ(c.sent[i].payload, sta[i]) << i;
    expect_keys(c, run);
  }
  {
    ScriptedRng rng;
    rng.push(run.at("registrar_nonce"));
    rng.push_dh(run.at("registrar_dh_private"));
    rng.push(run.at("r_s1"));
    rng.push(run.at("r_s2"));
    rng.push(iv_of(wsc::parse_m4(ap[1])->encrypted_settings));
    rng.push(iv_of(wsc::parse_m6(ap[2])->encrypted_settings));
    rng.push(iv_of(wsc::parse_m8(ap[3])->encrypted_settings));
    PinStore pins;
    pins.add("12345670");
    RegistrarConfig cfg = registrar_like(*m2);
    cfg.pins = &pins;
    wsc::Credential net;
    net.ssid = to_bytes("wps-interop-test");
    net.network_key = crypto::to_secret(as_bytes("interop-passphrase-1234"));
    cfg.network = net;
    Registrar reg(cfg, rng);
    Collected c;
    for (auto& m : sta) reg.on_message(m, t0);
    drain(reg, c);
    ASSERT_TRUE(c.succeeded);
    ASSERT_EQ(c.sent.size(), ap.size());
    for (std::size_t i = 0; i < ap.size(); ++i) EXPECT_EQ(c.sent[i].payload, ap[i]) << i;
  }
}

// Wrong PIN, first half: hostapd had 87654325, wpa_supplicant 12345670. The enrollee detects it
// at M4 (R-Hash1) and NACKs with error 18 — our NACK must be wpa_supplicant's byte for byte.
TEST(InteropReplay, WrongFirstHalfDetectedAtM4LikeWpaSupplicant) {
  Capture run = load("wrong-pin");
  auto sta = from(run, "sta");  // M1 M3 NACK
  auto ap = from(run, "ap");    // M2 M4
  ASSERT_EQ(sta.size(), 3u);
  ASSERT_EQ(ap.size(), 2u);
  auto m1 = wsc::parse_m1(sta[0]);
  ASSERT_TRUE(m1);
  ScriptedRng rng;
  rng.push(run.at("enrollee_nonce"));
  rng.push_dh(run.at("enrollee_dh_private"));
  rng.push(run.at("e_s1"));
  rng.push(run.at("e_s2"));
  Enrollee enr(enrollee_like(*m1, "12345670"), rng);
  Collected c;
  enr.start(t0);
  for (auto& m : ap) enr.on_message(m, t0);
  drain(enr, c);
  ASSERT_TRUE(c.failed);
  EXPECT_FALSE(c.succeeded);
  EXPECT_EQ(c.failed->reason, Errc::RHash1Mismatch);
  EXPECT_EQ(c.failed->at, MsgType::M4);
  EXPECT_EQ(c.failed->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  ASSERT_EQ(c.sent.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(sta[i])) << i;

  // And hostapd's side: our registrar with hostapd's PIN and secrets sends its M2/M4 and, on the
  // enrollee's NACK, ends with PeerNack after M4; the PIN survives (first half only exposed).
  auto m2 = wsc::parse_m2(ap[0]);
  ASSERT_TRUE(m2);
  ScriptedRng rrng;
  rrng.push(run.at("registrar_nonce"));
  rrng.push_dh(run.at("registrar_dh_private"));
  rrng.push(run.at("r_s1"));
  rrng.push(run.at("r_s2"));
  rrng.push(iv_of(wsc::parse_m4(ap[1])->encrypted_settings));
  PinStore pins;
  pins.add("87654325");
  RegistrarConfig cfg = registrar_like(*m2);
  cfg.pins = &pins;
  Registrar reg(cfg, rrng);
  Collected rc;
  for (auto& m : sta) reg.on_message(m, t0);
  drain(reg, rc);
  ASSERT_EQ(rc.sent.size(), 2u);
  EXPECT_EQ(rc.sent[0].payload, ap[0]);
  EXPECT_EQ(rc.sent[1].payload, ap[1]);
  ASSERT_TRUE(rc.failed);
  EXPECT_EQ(rc.failed->reason, Errc::PeerNack);
  EXPECT_EQ(rc.failed->after, MsgType::M4);
  EXPECT_EQ(rc.failed->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_EQ(pins.size(), 1u);
}

// Wrong PIN, second half (hostapd 12341238): detected at M6; hostapd then drops the PIN.
TEST(InteropReplay, WrongSecondHalfDetectedAtM6AndPinInvalidated) {
  Capture run = load("wrong-pin2");
  auto sta = from(run, "sta");  // M1 M3 M5 NACK
  auto ap = from(run, "ap");    // M2 M4 M6
  ASSERT_EQ(sta.size(), 4u);
  ASSERT_EQ(ap.size(), 3u);
  auto m1 = wsc::parse_m1(sta[0]);
  ASSERT_TRUE(m1);
  ScriptedRng rng;
  rng.push(run.at("enrollee_nonce"));
  rng.push_dh(run.at("enrollee_dh_private"));
  rng.push(run.at("e_s1"));
  rng.push(run.at("e_s2"));
  rng.push(iv_of(wsc::parse_m5(sta[2])->encrypted_settings));
  Enrollee enr(enrollee_like(*m1, "12345670"), rng);
  Collected c;
  enr.start(t0);
  for (auto& m : ap) enr.on_message(m, t0);
  drain(enr, c);
  ASSERT_TRUE(c.failed);
  EXPECT_EQ(c.failed->reason, Errc::RHash2Mismatch);
  EXPECT_EQ(c.failed->at, MsgType::M6);
  ASSERT_EQ(c.sent.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(sta[i])) << i;

  auto m2 = wsc::parse_m2(ap[0]);
  ScriptedRng rrng;
  rrng.push(run.at("registrar_nonce"));
  rrng.push_dh(run.at("registrar_dh_private"));
  rrng.push(run.at("r_s1"));
  rrng.push(run.at("r_s2"));
  rrng.push(iv_of(wsc::parse_m4(ap[1])->encrypted_settings));
  rrng.push(iv_of(wsc::parse_m6(ap[2])->encrypted_settings));
  PinStore pins;
  pins.add("12341238");
  RegistrarConfig cfg = registrar_like(*m2);
  cfg.pins = &pins;
  Registrar reg(cfg, rrng);
  Collected rc;
  for (auto& m : sta) reg.on_message(m, t0);
  drain(reg, rc);
  ASSERT_EQ(rc.sent.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(rc.sent[i].payload, ap[i]) << i;
  ASSERT_TRUE(rc.failed);
  EXPECT_EQ(rc.failed->reason, Errc::PeerNack);
  EXPECT_EQ(rc.failed->after, MsgType::M6);
  EXPECT_EQ(pins.size(), 0u) << "full PIN revealed in a failed run: hostapd drops it";
}

// AP-PIN method, learning only (mode er): hostapd is the AP enrollee, wpa_supplicant the
// external registrar that ends with a NACK after learning the AP settings from M7.
TEST(InteropReplay, ExternalRegistrarLearnsApSettingsLikeWpaSupplicant) {
  Capture run = load("er");
  auto ap = from(run, "ap");    // M1 M3 M5 M7
  auto sta = from(run, "sta");  // M2 M4 M6 NACK
  ASSERT_EQ(ap.size(), 4u);
  ASSERT_EQ(sta.size(), 4u);
  auto m2 = wsc::parse_m2(sta[0]);
  ASSERT_TRUE(m2) << describe(m2.error());
  ScriptedRng rng;
  rng.push(run.at("registrar_nonce"));
  rng.push_dh(run.at("registrar_dh_private"));
  rng.push(run.at("r_s1"));
  rng.push(run.at("r_s2"));
  rng.push(iv_of(wsc::parse_m4(sta[1])->encrypted_settings));
  rng.push(iv_of(wsc::parse_m6(sta[2])->encrypted_settings));
  RegistrarConfig cfg = registrar_like(*m2);
  cfg.device_password = crypto::to_secret(as_bytes("12345670"));
  cfg.enrollee_is_ap = true;
  cfg.eap_peer = true;
  Registrar reg(cfg, rng);
  Collected c;
  for (auto& m : ap) reg.on_message(m, t0);
  drain(reg, c);
  ASSERT_TRUE(c.succeeded) << (c.failed ? to_string(c.failed->reason) : "");
  ASSERT_EQ(c.sent.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(sta[i])) << i;
  ASSERT_TRUE(c.succeeded->ap_settings);
  EXPECT_EQ(as_chars(c.succeeded->ap_settings->ssid), "wps-interop-test");
  const auto& key = c.succeeded->ap_settings->network_key;
  EXPECT_EQ(std::string(key.begin(), key.end()), "interop-passphrase-1234");
  expect_keys(c, run);

  // hostapd's side: our Enrollee as the AP, with hostapd's settings, sends its M1/M3/M5/M7.
  auto m1 = wsc::parse_m1(ap[0]);
  ASSERT_TRUE(m1);
  ScriptedRng erng;
  erng.push(run.at("enrollee_nonce"));
  erng.push_dh(run.at("enrollee_dh_private"));
  erng.push(run.at("e_s1"));
  erng.push(run.at("e_s2"));
  erng.push(iv_of(wsc::parse_m5(ap[2])->encrypted_settings));
  erng.push(iv_of(wsc::parse_m7(ap[3])->encrypted_settings));
  EnrolleeConfig ecfg = enrollee_like(*m1, "12345670");
  ecfg.eap_peer = false;
  ecfg.ap_settings = c.succeeded->ap_settings;
  Enrollee enr(ecfg, erng);
  Collected ec;
  enr.start(t0);
  for (auto& m : sta) enr.on_message(m, t0);
  drain(enr, ec);
  ASSERT_EQ(ec.sent.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(to_hex(ec.sent[i].payload), to_hex(ap[i])) << i;
  ASSERT_TRUE(ec.failed);
  EXPECT_EQ(ec.failed->reason, Errc::PeerNack);
  EXPECT_EQ(ec.failed->config_error, wsc::ConfigError::NoError);
}

// AP-PIN method with new settings pushed in M8 (mode er-config): ... M8, then the AP's WSC_Done
// (in an EAP request) and the registrar's WSC_ACK.
TEST(InteropReplay, ExternalRegistrarPushesNewSettingsLikeWpaSupplicant) {
  Capture run = load("er-config");
  auto ap = from(run, "ap");    // M1 M3 M5 M7 Done
  auto sta = from(run, "sta");  // M2 M4 M6 M8 ACK
  ASSERT_EQ(ap.size(), 5u);
  ASSERT_EQ(sta.size(), 5u);
  auto m2 = wsc::parse_m2(sta[0]);
  ASSERT_TRUE(m2);
  // The settings wpa_supplicant pushed, read out of its M8 with the logged keys.
  auto kwk = crypto::KeyWrapKey::from(run.at("keywrapkey"));
  auto ak = crypto::AuthKey::from(run.at("authkey"));
  ASSERT_TRUE(kwk && ak);
  auto sealed8 = wsc::parse_m8(sta[3]);
  ASSERT_TRUE(sealed8);
  auto m8 = wsc::open_m8(*sealed8, *ak, *kwk);
  ASSERT_TRUE(m8) << describe(m8.error());
  ASSERT_TRUE(m8->settings.ap_settings);

  ScriptedRng rng;
  rng.push(run.at("registrar_nonce"));
  rng.push_dh(run.at("registrar_dh_private"));
  rng.push(run.at("r_s1"));
  rng.push(run.at("r_s2"));
  rng.push(iv_of(wsc::parse_m4(sta[1])->encrypted_settings));
  rng.push(iv_of(wsc::parse_m6(sta[2])->encrypted_settings));
  rng.push(iv_of(sealed8->encrypted_settings));
  RegistrarConfig cfg = registrar_like(*m2);
  cfg.device_password = crypto::to_secret(as_bytes("12345670"));
  cfg.enrollee_is_ap = true;
  cfg.new_ap_settings = *m8->settings.ap_settings;
  cfg.eap_peer = true;
  Registrar reg(cfg, rng);
  Collected c;
  for (auto& m : ap) reg.on_message(m, t0);
  drain(reg, c);
  ASSERT_TRUE(c.succeeded) << (c.failed ? to_string(c.failed->reason) : "");
  ASSERT_EQ(c.sent.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(to_hex(c.sent[i].payload), to_hex(sta[i])) << i;

  // The AP side: receives the new settings and answers WSC_Done.
  auto m1 = wsc::parse_m1(ap[0]);
  auto sealed7 = wsc::parse_m7(ap[3]);
  ASSERT_TRUE(m1 && sealed7);
  auto m7 = wsc::open_m7(*sealed7, *ak, *kwk);
  ASSERT_TRUE(m7);
  ScriptedRng erng;
  erng.push(run.at("enrollee_nonce"));
  erng.push_dh(run.at("enrollee_dh_private"));
  erng.push(run.at("e_s1"));
  erng.push(run.at("e_s2"));
  erng.push(iv_of(wsc::parse_m5(ap[2])->encrypted_settings));
  erng.push(iv_of(sealed7->encrypted_settings));
  EnrolleeConfig ecfg = enrollee_like(*m1, "12345670");
  ecfg.eap_peer = false;
  ecfg.ap_settings = m7->settings.ap_settings;
  Enrollee enr(ecfg, erng);
  Collected ec;
  enr.start(t0);
  for (std::size_t i = 0; i < 4; ++i) enr.on_message(sta[i], t0);
  drain(enr, ec);
  ASSERT_TRUE(ec.succeeded);
  ASSERT_EQ(ec.sent.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(to_hex(ec.sent[i].payload), to_hex(ap[i])) << i;
  ASSERT_TRUE(ec.succeeded->ap_settings);
  EXPECT_EQ(ec.succeeded->ap_settings->ssid, m8->settings.ap_settings->ssid);
}

}  // namespace
}  // namespace wps::proto

namespace wps::proto {
namespace {

// Late PIN (hostapd has ap_setup_locked=1 and no PIN yet): hostapd answers M1 with an M2D whose
// Registrar Nonce is all zero and whose Configuration Error is 15; wpa_supplicant ACKs with the
// zeros echoed. Our Registrar, configured like hostapd, must send the same M2D byte for byte and
// accept that ACK.
TEST(InteropReplay, M2DForALatePinMatchesHostapd) {
  Capture run = load("late-pin");
  ASSERT_GE(run.msgs.size(), 3u);
  const Bytes& m1 = run.msgs[0].payload;
  const Bytes& m2d = run.msgs[1].payload;
  const Bytes& ack = run.msgs[2].payload;
  auto parsed = wsc::parse_m2d(m2d);
  ASSERT_TRUE(parsed) << describe(parsed.error());
  RegistrarConfig cfg;
  cfg.uuid = parsed->uuid_r;
  cfg.device = parsed->device;
  cfg.auth_type_flags = parsed->auth_type_flags;
  cfg.encr_type_flags = parsed->encr_type_flags;
  cfg.connection_type_flags = parsed->connection_type_flags;
  cfg.config_methods = parsed->config_methods;
  cfg.rf_bands = parsed->rf_bands;
  cfg.os_version = parsed->os_version;
  cfg.setup_locked = true;
  PinStore pins;  // no PIN entered yet
  cfg.pins = &pins;
  ScriptedRng rng;  // must not be drawn from at all
  Registrar reg(cfg, rng);
  Collected c;
  reg.on_message(m1, t0);
  drain(reg, c);
  ASSERT_EQ(c.sent.size(), 1u);
  EXPECT_EQ(to_hex(c.sent[0].payload), to_hex(m2d));
  ASSERT_TRUE(c.pin_needed);
  reg.on_message(ack, t0);
  drain(reg, c);
  ASSERT_TRUE(c.failed);
  EXPECT_EQ(c.failed->reason, Errc::NoDevicePassword);
  EXPECT_EQ(c.failed->config_error, wsc::ConfigError::SetupLocked);
}

}  // namespace
}  // namespace wps::proto
