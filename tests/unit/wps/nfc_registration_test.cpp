// Registrations with an NFC password token (wps/nfc_password.hpp): the owner's fixed DH key in
// its M1/M2, the reader's public key hash check (M2D error 20 at a registrar, WSC_NACK error 20
// at an enrollee), the token's ID in M1 and M2, the hex text of the password as the device
// password, single use at the registrar, reuse of a registrar's own token.
//
// Keys: the station token of a recorded wpa_supplicant 2.10 run (wps_nfc_* keys of
// tests/data/nfc-pbc/wpa_supplicant-nfc-preconf.conf) and the AP token of hostap's own test
// suite (tests/hwsim/test_nfc_wps.py, test_nfc_wps_password_token_ap_preconf; the keys of
// tests/data/nfc-pbc/hostapd-nfc-preconf.conf).
#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "support/test_support.hpp"
#include "wps/local_run.hpp"
#include "wps/nfc_password.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

using test::hex;
using wsc::MsgType;

constexpr const char* kStaPrivkey =
    "0255BA6789CF293362719685482911554E7080332DAEE1BBAFDF96A4131747DA";
constexpr const char* kStaPubkey =
    "8754126F67B5A78BE044555BBD3AC61D72B3F75870DAA970D0A4CB4E0A5ADF5A5E4776C88668271226CBBC9BCC02"
    "DB4D97A59A60FCC18D68C686507B94E90B39B1A0654FBF681F5539727561C1B0786AD31A2A045C9FB9E6E2EE0FD9"
    "358E6067B5A57BA3FA8A9BC36A68DB2C48C475EA81239442041A35DF972BB06961880ECE0631DCDAAB4EAE173932"
    "EE1E89C376FEC9043B7CB6E75CCA948063149A46BF3251D699D547979E065127240D9EC114746C11033679A86D2A"
    "D1BD957DA695D2EB";
constexpr const char* kStaPassword =
    "FCA2750741DF92202467F1490057234D492BD98925A68CBBBEA28B0EABC9D2EE";
constexpr std::uint16_t kStaDpid = 0x1234;

constexpr const char* kApPrivkey =
    "06F35FDA777F6EFF1F7F008AD68C49572C5F2913B1DC96E0AC3AB67D75329D40EEE850C79D83EEA82CE35FADCCB1"
    "F2AF08560268B9E9B67BE66C9B7B3E6F462CF91647830CB0A40184CCF8AA74261E0308AB8973FB799C9EA46011C7"
    "0215AEA83293E0C89AA4EB6CA753A9E689FA3A0A3FB40D0A8D9AD258F3E4DA1625F63C4B347660D17504B25856DE"
    "9D18EB76C239EDFF090A0A1779BE848C0F23C20CF83022C91EA56B0375DED0A62DF0B8B91348F667F5A7EAD23F0F"
    "033E071DCE11B786";
constexpr const char* kApPubkey =
    "991B7F54406226505D56C6C701ED2C725E4F4866611357CA1C4D92219B2E91CFC9E4172EB0899421657534DB396A"
    "6A11361663ACDC48417541DB8610428773BC18AAA00387775F14EEE49335B574165EF915D055F818B82F99CEF4C5"
    "F176E0C5D9055CBAF055A5B20B73B26D74816BA42C1A911FF0B8EDF77C7CEA76F9F6EABBFBF12742AA3E67BE7597"
    "FB7321C3B258C57B9EA045B0A7472558F9AA8E810E2E0462FFD9001A7E21C38006529B9FEDAAF47612D3817922F2"
    "335A5D541BAA9B7F";
constexpr const char* kApPassword =
    "CB7FE7A25053F8F5BF822660C21E66D8A58D3393BB78494E239031D6AABCB90C";
constexpr std::uint16_t kApDpid = 0xBFAB;

const MacAddr kStaMac({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});

Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}

wsc::OobDevicePassword token_of(const char* pubkey, std::uint16_t dpid, const char* password) {
  wsc::OobDevicePassword o;
  o.public_key_hash = wsc::public_key_hash(hex(pubkey));
  o.device_password_id = dpid;
  o.password = hex(password);
  return o;
}

NfcOwnToken own_of(const char* privkey, const char* pubkey, std::uint16_t dpid,
                   const char* password) {
  NfcOwnToken t;
  t.password = NfcPassword::from_token(token_of(pubkey, dpid, password));
  t.dh_private = crypto::to_secret(hex(privkey));
  return t;
}

EnrolleeConfig station() {
  EnrolleeConfig c;
  c.uuid = uuid_of(0xe0);
  c.mac = kStaMac;
  c.device = {"wpslab", "STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};
  c.keylog = true;
  return c;
}

RegistrarConfig registrar() {
  RegistrarConfig c;
  c.uuid = uuid_of(0xa0);
  c.device = {"wpslab", "AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1}, "wpslab-ap"};
  wsc::Credential n;
  n.ssid = to_bytes("wpslab-net");
  n.network_key = crypto::to_secret(as_bytes("correct horse battery"));
  c.network = n;
  c.keylog = true;
  return c;
}

const SendMessage& first(const LocalRun& r, MsgType t) {
  for (const auto& s : r.steps)
    if (s.msg.type == t) return s.msg;
  ADD_FAILURE() << "no " << wsc::msg_type_name(t);
  static SendMessage none;
  return none;
}

Bytes keylog_value(const LocalRun& r, std::string_view label) {
  for (const auto& k : r.keylog)
    if (k.label == label) return Bytes(k.value.begin(), k.value.end());
  return {};
}

TEST(NfcPassword, PasswordIsTheUpperCaseHexTextOfTheRawPassword) {
  const auto p = NfcPassword::from_token(token_of(kStaPubkey, kStaDpid, kStaPassword));
  EXPECT_EQ(p.dpid, kStaDpid);
  EXPECT_EQ(std::string(p.text.begin(), p.text.end()), kStaPassword);
  const auto lower = NfcPassword::from_token(token_of(kStaPubkey, kStaDpid,
                                                      "0a0b0c0d0e0f1011"
                                                      "1213141516171819"));
  EXPECT_EQ(std::string(lower.text.begin(), lower.text.end()), "0A0B0C0D0E0F10111213141516171819");
}

TEST(NfcPassword, PublicKeyMatchesOnlyTheHashedKey) {
  const auto hash = wsc::public_key_hash(hex(kStaPubkey));
  EXPECT_TRUE(public_key_matches(hex(kStaPubkey), hash));
  EXPECT_FALSE(public_key_matches(hex(kApPubkey), hash));
  Bytes shorter = hex(kStaPubkey);
  shorter.pop_back();
  EXPECT_FALSE(public_key_matches(shorter, hash));
}

TEST(NfcTokenStore, SameIdReplacesAndTakeUsesUp) {
  NfcTokenStore s;
  s.add(NfcPeerToken::from_token(token_of(kStaPubkey, kStaDpid, kStaPassword)));
  s.add(NfcPeerToken::from_token(token_of(kApPubkey, kStaDpid, kApPassword)));
  s.add(NfcPeerToken::from_token(token_of(kApPubkey, kApDpid, kApPassword)));
  EXPECT_EQ(s.size(), 2U);
  auto t = s.take(kStaDpid);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->public_key_hash, wsc::public_key_hash(hex(kApPubkey)));  // the newer one
  EXPECT_FALSE(s.take(kStaDpid));
  EXPECT_TRUE(s.contains(kApDpid));
}

// Scenario (a) of the fact sheet: the station's token is read at the AP.
TEST(NfcRegistration, StationTokenReadAtTheRegistrarRegisters) {
  EnrolleeConfig ec = station();
  use_nfc_token(ec, own_of(kStaPrivkey, kStaPubkey, kStaDpid, kStaPassword));
  NfcTokenStore tokens;
  tokens.add(NfcPeerToken::from_token(token_of(kStaPubkey, kStaDpid, kStaPassword)));
  RegistrarConfig rc = registrar();
  rc.nfc_tokens = &tokens;
  crypto::Drbg er(1, "E"), rr(1, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_ok) << (r.enrollee_failed ? to_string(r.enrollee_failed->reason) : "");
  ASSERT_TRUE(r.registrar_ok);
  EXPECT_EQ(r.steps.size(), 9U);  // M1..M8, WSC_Done

  // M1 carries the token's key and ID; M2 echoes the ID.
  auto m1 = wsc::parse_m1(first(r, MsgType::M1).payload);
  ASSERT_TRUE(m1);
  EXPECT_EQ(to_hex_upper(m1->public_key.view()), kStaPubkey);
  EXPECT_EQ(static_cast<std::uint16_t>(m1->device_password_id), kStaDpid);
  const auto& m2raw = first(r, MsgType::M2).payload;
  auto m2 = wsc::parse_m2(m2raw);
  ASSERT_TRUE(m2);
  EXPECT_EQ(static_cast<std::uint16_t>(m2->device_password_id), kStaDpid);

  // PSK1/PSK2 come from the halves of the 64-character hex text (NFC-PBC facts §3.4).
  const Bytes auth = keylog_value(r, "AUTHKEY");
  ASSERT_EQ(auth.size(), 32U);
  crypto::AuthKey ak;
  std::copy(auth.begin(), auth.end(), ak.data());
  const auto psks = wsc::derive_psk(ak, as_bytes(kStaPassword));
  EXPECT_EQ(keylog_value(r, "PSK1"), Bytes(psks.psk1.view().begin(), psks.psk1.view().end()));
  EXPECT_EQ(keylog_value(r, "PSK2"), Bytes(psks.psk2.view().begin(), psks.psk2.view().end()));
  EXPECT_TRUE(tokens.empty());  // used up
}

TEST(NfcRegistration, KeyNotMatchingTheTokenGetsM2DError20AndUsesTheTokenUp) {
  EnrolleeConfig ec = station();
  use_nfc_token(ec, own_of(kStaPrivkey, kStaPubkey, kStaDpid, kStaPassword));
  NfcTokenStore tokens;
  auto bad = token_of(kStaPubkey, kStaDpid, kStaPassword);
  bad.public_key_hash[19] ^= 0x01;  // like hostapd's wps_corrupt_pkhash
  tokens.add(NfcPeerToken::from_token(bad));
  RegistrarConfig rc = registrar();
  rc.nfc_tokens = &tokens;
  crypto::Drbg er(2, "E"), rr(2, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.registrar_failed);
  EXPECT_EQ(r.registrar_failed->reason, Errc::PublicKeyHashMismatch);
  EXPECT_EQ(r.registrar_failed->config_error, wsc::ConfigError::PublicKeyHashMismatch);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->reason, Errc::PeerM2D);
  EXPECT_EQ(r.enrollee_failed->config_error, wsc::ConfigError::PublicKeyHashMismatch);
  auto m2d = wsc::parse_m2d(first(r, MsgType::M2D).payload);
  ASSERT_TRUE(m2d);
  EXPECT_EQ(m2d->config_error, wsc::ConfigError::PublicKeyHashMismatch);
  EXPECT_FALSE(r.pin_needed);
  EXPECT_TRUE(tokens.empty());
  EXPECT_TRUE(keylog_value(r, "PSK1").empty());  // no key was derived for the password
}

TEST(NfcRegistration, TokenServesOneRunOnly) {
  NfcTokenStore tokens;
  tokens.add(NfcPeerToken::from_token(token_of(kStaPubkey, kStaDpid, kStaPassword)));
  RegistrarConfig rc = registrar();
  rc.nfc_tokens = &tokens;
  for (int run = 0; run < 2; ++run) {
    EnrolleeConfig ec = station();
    use_nfc_token(ec, own_of(kStaPrivkey, kStaPubkey, kStaDpid, kStaPassword));
    crypto::Drbg er(3 + run, "E"), rr(3 + run, "R");
    const LocalRun r = run_local_registration(ec, er, rc, rr);
    if (run == 0) {
      EXPECT_TRUE(r.enrollee_ok);
    } else {
      ASSERT_TRUE(r.enrollee_failed);
      EXPECT_EQ(r.enrollee_failed->reason, Errc::PeerM2D);
      EXPECT_EQ(r.enrollee_failed->config_error, wsc::ConfigError::NoError);
      EXPECT_TRUE(r.pin_needed);
    }
  }
}

TEST(NfcRegistration, PinWithTheSameIdIsNotUsedForATokenId) {
  // An M1 naming a token ID no token answers gets M2D, even when a PIN is waiting.
  PinStore pins;
  pins.add("12345670");
  NfcTokenStore tokens;
  RegistrarConfig rc = registrar();
  rc.pins = &pins;
  rc.nfc_tokens = &tokens;
  EnrolleeConfig ec = station();
  use_nfc_token(ec, own_of(kStaPrivkey, kStaPubkey, kStaDpid, kStaPassword));
  crypto::Drbg er(5, "E"), rr(5, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->reason, Errc::PeerM2D);
  EXPECT_EQ(pins.size(), 1U);
}

// Scenario (c2): the AP's own token read by the station; the AP puts the token's key in M2.
TEST(NfcRegistration, RegistrarOwnTokenPutsItsKeyInM2AndIsNotUsedUp) {
  RegistrarConfig rc = registrar();
  rc.own_token = own_of(kApPrivkey, kApPubkey, kApDpid, kApPassword);
  for (int run = 0; run < 2; ++run) {
    EnrolleeConfig ec = station();
    use_nfc_token(ec, NfcPeerToken::from_token(token_of(kApPubkey, kApDpid, kApPassword)));
    crypto::Drbg er(6 + run, "E"), rr(6 + run, "R");
    const LocalRun r = run_local_registration(ec, er, rc, rr);
    ASSERT_TRUE(r.enrollee_ok) << "run " << run;
    auto m2 = wsc::parse_m2(first(r, MsgType::M2).payload);
    ASSERT_TRUE(m2);
    EXPECT_EQ(to_hex_upper(m2->public_key.view()), kApPubkey);
    EXPECT_EQ(static_cast<std::uint16_t>(m2->device_password_id), kApDpid);
  }
}

TEST(NfcRegistration, EnrolleeRefusesARegistrarKeyNotMatchingThePeerToken) {
  // The registrar knows the password but answers with a fresh key: the station NACKs (error 20)
  // at M2, before M3 commits to anything.
  RegistrarConfig rc = registrar();
  rc.device_password = crypto::to_secret(as_bytes(kApPassword));
  EnrolleeConfig ec = station();
  use_nfc_token(ec, NfcPeerToken::from_token(token_of(kApPubkey, kApDpid, kApPassword)));
  crypto::Drbg er(8, "E"), rr(8, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->reason, Errc::PublicKeyHashMismatch);
  EXPECT_EQ(r.enrollee_failed->at, MsgType::M2);
  EXPECT_TRUE(r.enrollee_failed->nack_sent);
  EXPECT_EQ(r.enrollee_failed->config_error, wsc::ConfigError::PublicKeyHashMismatch);
  for (const auto& s : r.steps) EXPECT_NE(s.msg.type, MsgType::M3);
}

TEST(NfcRegistration, OwnKeyThatIsNotAValidExponentEndsTheRunBeforeM1) {
  EnrolleeConfig ec = station();
  NfcOwnToken own = own_of(kStaPrivkey, kStaPubkey, kStaDpid, kStaPassword);
  own.dh_private = crypto::to_secret(hex("01"));
  use_nfc_token(ec, own);
  RegistrarConfig rc = registrar();
  crypto::Drbg er(9, "E"), rr(9, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->at, MsgType::M1);
  EXPECT_TRUE(r.steps.empty());
}

}  // namespace
}  // namespace wps::proto

namespace wps::proto {
namespace {

// NFC connection handover (Device Password ID 7, NFC-PBC facts §8): the station's request key
// (kStaPrivkey) and the AP's select key (kApPrivkey); each side knows the other's hash.
EnrolleeConfig handover_station(const wsc::PublicKeyHash& select_hash) {
  EnrolleeConfig ec = station();
  ec.password_id = wsc::DevicePasswordId::NfcConnectionHandover;
  ec.own_dh_private = crypto::to_secret(hex(kStaPrivkey));
  ec.peer_public_key_hash = select_hash;
  return ec;
}

RegistrarConfig handover_ap(NfcTokenStore& tokens, const wsc::PublicKeyHash& request_hash) {
  RegistrarConfig rc = registrar();
  NfcPeerToken req;
  req.password.dpid = wsc::kHandoverDpid;
  req.public_key_hash = request_hash;
  tokens.add(req);
  rc.nfc_tokens = &tokens;
  NfcOwnToken sel;
  sel.password.dpid = wsc::kHandoverDpid;
  sel.dh_private = crypto::to_secret(hex(kApPrivkey));
  rc.own_token = sel;
  return rc;
}

TEST(NfcHandover, M1M2WithTheCredentialThenWscDone) {
  NfcTokenStore tokens;
  RegistrarConfig rc = handover_ap(tokens, wsc::public_key_hash(hex(kStaPubkey)));
  EnrolleeConfig ec = handover_station(wsc::public_key_hash(hex(kApPubkey)));
  crypto::Drbg er(20, "E"), rr(20, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_ok) << (r.enrollee_failed ? to_string(r.enrollee_failed->reason) : "");
  ASSERT_TRUE(r.registrar_ok);
  ASSERT_EQ(r.steps.size(), 3U);
  EXPECT_EQ(r.steps[0].msg.type, MsgType::M1);
  EXPECT_EQ(r.steps[1].msg.type, MsgType::M2);
  EXPECT_EQ(r.steps[2].msg.type, MsgType::WscDone);
  auto m2 = wsc::parse_m2(r.steps[1].msg.payload);
  ASSERT_TRUE(m2);
  EXPECT_EQ(to_hex_upper(m2->public_key.view()), kApPubkey);
  EXPECT_EQ(m2->device_password_id, wsc::DevicePasswordId::NfcConnectionHandover);
  EXPECT_TRUE(m2->encrypted_settings);
  ASSERT_EQ(r.enrollee_ok->credentials.size(), 1U);
  EXPECT_EQ(r.enrollee_ok->credentials[0].ssid, to_bytes("wpslab-net"));
  EXPECT_EQ(r.enrollee_ok->credentials[0].mac_address, kStaMac);
  EXPECT_TRUE(keylog_value(r, "PSK1").empty());  // no device password in a handover
  EXPECT_TRUE(tokens.empty());
}

TEST(NfcHandover, RequestHashNotNamingM1KeyGetsM2DError20) {
  NfcTokenStore tokens;
  auto wrong = wsc::public_key_hash(hex(kStaPubkey));
  wrong[0] ^= 0x80;
  RegistrarConfig rc = handover_ap(tokens, wrong);
  EnrolleeConfig ec = handover_station(wsc::public_key_hash(hex(kApPubkey)));
  crypto::Drbg er(21, "E"), rr(21, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.registrar_failed);
  EXPECT_EQ(r.registrar_failed->reason, Errc::PublicKeyHashMismatch);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->config_error, wsc::ConfigError::PublicKeyHashMismatch);
  EXPECT_FALSE(r.enrollee_ok);
}

TEST(NfcHandover, SelectHashNotNamingM2KeyIsRefusedBeforeTheCredentialIsOpened) {
  NfcTokenStore tokens;
  RegistrarConfig rc = handover_ap(tokens, wsc::public_key_hash(hex(kStaPubkey)));
  auto wrong = wsc::public_key_hash(hex(kApPubkey));
  wrong[5] ^= 0x01;
  EnrolleeConfig ec = handover_station(wrong);
  crypto::Drbg er(22, "E"), rr(22, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_EQ(r.enrollee_failed->reason, Errc::PublicKeyHashMismatch);
  EXPECT_EQ(r.enrollee_failed->at, MsgType::M2);
  EXPECT_FALSE(r.enrollee_ok);
}

TEST(NfcHandover, M2WithoutEncryptedSettingsIsRefused) {
  // A registrar that runs the full protocol (a password for ID 7) cannot hand a handover
  // enrollee anything in M2: the enrollee stops there (wpa_supplicant: "No Encrypted Settings").
  RegistrarConfig rc = registrar();
  rc.device_password = crypto::SecretBytes{};
  NfcOwnToken sel;
  sel.password.dpid = wsc::kHandoverDpid;
  sel.dh_private = crypto::to_secret(hex(kApPrivkey));
  rc.own_token = sel;  // no handover request stored: the plain password path answers
  EnrolleeConfig ec = handover_station(wsc::public_key_hash(hex(kApPubkey)));
  crypto::Drbg er(23, "E"), rr(23, "R");
  const LocalRun r = run_local_registration(ec, er, rc, rr);
  ASSERT_TRUE(r.enrollee_failed);
  EXPECT_FALSE(r.enrollee_ok);
}

}  // namespace
}  // namespace wps::proto
