#include "analyzer/diagnose.hpp"

#include <algorithm>

#include "analyzer/text.hpp"
#include "base/fuzz_memo.hpp"
#include "crypto/crypto.hpp"
#include "wpa2/keys.hpp"
#include "wsc/wsc.hpp"

namespace wps::analyzer {
namespace {

using wsc::MsgType;

constexpr std::string_view kKdfLabel = "Wi-Fi Easy and Secure Key Derivation";

std::string msg_name(std::optional<MsgType> t) {
  return t ? std::string(wsc::msg_type_name(*t)) : std::string("an unknown message");
}

std::string role_name(Role r) {
  return std::string(to_string(r));
}
Role other(Role r) {
  return r == Role::Sta ? Role::Ap : r == Role::Ap ? Role::Sta : Role::Unknown;
}

std::string config_error_text(std::uint16_t e) {
  return dec(unsigned{e}) + " (" +
         std::string(wsc::config_error_name(static_cast<wsc::ConfigError>(e))) + ")";
}

std::string duration_text(std::int64_t ns) {
  if (ns < 0) ns = 0;
  if (ns < 1'000'000) return dec(static_cast<std::uint64_t>(ns / 1000)) + " µs";
  if (ns < 1'000'000'000) return dec(static_cast<std::uint64_t>(ns / 1'000'000)) + " ms";
  auto tenths = static_cast<std::uint64_t>((ns + 50'000'000) / 100'000'000);
  return dec(tenths / 10) + "." + dec(tenths % 10) + " s";
}

bool is_registration(std::optional<MsgType> t) {
  if (!t) return false;
  auto v = static_cast<std::uint8_t>(*t);
  return v >= 0x04 && v <= 0x0c;
}

/// The side that sends a message type: true = enrollee.
std::optional<bool> sent_by_enrollee(MsgType t) {
  switch (t) {
    case MsgType::M1:
    case MsgType::M3:
    case MsgType::M5:
    case MsgType::M7:
    case MsgType::WscDone: return true;
    case MsgType::M2:
    case MsgType::M2D:
    case MsgType::M4:
    case MsgType::M6:
    case MsgType::M8: return false;
    default: return std::nullopt;  // ACK / NACK: either side
  }
}

/// Message types allowed after `prev` (nullopt = start of the attempt). `handover`: an NFC
/// connection handover attempt (M1 with Device Password ID 7), where WSC_Done follows M2.
bool allowed_after(std::optional<MsgType> prev, MsgType t, bool handover) {
  if (t == MsgType::WscNack) return true;
  if (!prev) return t == MsgType::M1;
  switch (*prev) {
    case MsgType::M1: return t == MsgType::M2 || t == MsgType::M2D;
    case MsgType::M2D: return t == MsgType::WscAck;
    case MsgType::M2: return handover ? t == MsgType::WscDone : t == MsgType::M3;
    case MsgType::M3: return t == MsgType::M4;
    case MsgType::M4: return t == MsgType::M5;
    case MsgType::M5: return t == MsgType::M6;
    case MsgType::M6: return t == MsgType::M7;
    case MsgType::M7: return t == MsgType::M8;
    case MsgType::M8: return t == MsgType::WscDone;
    case MsgType::WscDone: return t == MsgType::WscAck;
    default: return false;
  }
}

std::string expected_after(std::optional<MsgType> prev, bool handover) {
  if (!prev) return "M1";
  switch (*prev) {
    case MsgType::M1: return "M2 or M2D";
    case MsgType::M2D: return "WSC_ACK";
    case MsgType::M2: return handover ? "WSC_Done (connection handover)" : "M3";
    case MsgType::M3: return "M4";
    case MsgType::M4: return "M5";
    case MsgType::M5: return "M6";
    case MsgType::M6: return "M7";
    case MsgType::M7: return "M8";
    case MsgType::M8: return "WSC_Done";
    case MsgType::WscDone: return "WSC_ACK or the end";
    default: return "the end of the exchange";
  }
}

std::string pin_half_note(MsgType after, Role nack_from, bool er) {
  std::string who = role_name(nack_from) +
                    (nack_from == (er ? Role::Ap : Role::Sta) ? " (enrollee)" : " (registrar)");
  switch (after) {
    case MsgType::M4:
      return who + " checked R-Hash1 with R-S1 from M4 against its own first PIN half: they "
                   "differ";
    case MsgType::M5:
      return who + " checked E-Hash1 with E-S1 from M5 against its own first PIN half: they "
                   "differ";
    case MsgType::M6:
      return who + " checked R-Hash2 with R-S2 from M6: the first halves matched (M5 was "
                   "accepted) but the second halves differ";
    case MsgType::M7:
      return who + " checked E-Hash2 with E-S2 from M7: the first halves matched but the "
                   "second halves differ";
    default: return who + " rejected the device password";
  }
}

// ---------------------------------------------------------------------------------------------
// Keys from the key log

struct KeyPair {
  crypto::AuthKey auth;
  std::optional<crypto::KeyWrapKey> kwk;
};

KeyPair from_kdk(ByteView kdk) {
  crypto::SecretBytes k = crypto::wsc_kdf(kdk, kKdfLabel, 640);
  KeyPair p{crypto::AuthKey::take_prefix(crypto::view(k)),
            crypto::KeyWrapKey::take_prefix(crypto::view(k).subspan(32))};
  return p;
}

/// The session keys from one side's DH private key and the other side's public key from the
/// capture. nullopt (with a note) when the private key does not give the public key its side
/// sent: the key belongs to another run.
std::optional<KeyPair> from_dh_private(const KeylogEntry& e, bool enrollee_side,
                                       const MacAddr& enrollee, const WscMsgInfo& m1,
                                       const WscMsgInfo& m2, std::vector<std::string>& notes) {
  if (!m1.public_key || !m2.public_key || !m1.enrollee_nonce || !m2.registrar_nonce) {
    return std::nullopt;
  }
  auto own_pub = crypto::DhPublicKey::from(enrollee_side ? *m1.public_key : *m2.public_key);
  auto peer = crypto::DhPublicKey::from(enrollee_side ? *m2.public_key : *m1.public_key);
  if (!own_pub || !peer) return std::nullopt;
  auto priv = crypto::DhPrivateKey::from_private(e.value);
  if (!priv) {
    notes.push_back("key log: " + e.label + " is not a usable group-5 private key (" +
                    std::string(to_string(priv.error().code)) + ")");
    return std::nullopt;
  }
  if (!crypto::ct_equal(priv->public_key().view(), own_pub->view())) {
    notes.push_back("key log: " + e.label + " for " + enrollee.str() + " does not give the " +
                    (enrollee_side ? "PK_E of M1" : "PK_R of M2") +
                    " in this capture: it belongs to another run");
    return std::nullopt;
  }
  auto z = priv->derive(*peer);
  if (!z) {
    notes.push_back("key log: " + e.label + ": the peer's public key in the capture is invalid (" +
                    std::string(to_string(z.error().code)) + ")");
    return std::nullopt;
  }
  crypto::WscSessionKeys k = crypto::wsc_session_keys(
      *z, {m1.enrollee_nonce->view(), enrollee.view(), m2.registrar_nonce->view()}, kKdfLabel);
  return KeyPair{std::move(k.auth_key), std::move(k.key_wrap_key)};
}

std::vector<KeyPair> candidates(const Keylog& log, const MacAddr& enrollee, const WscMsgInfo& m1,
                                const WscMsgInfo& m2, std::vector<std::string>& notes) {
  std::vector<KeyPair> out;
  std::vector<const KeylogEntry*> auths, kwks;
  for (const auto& e : log.entries) {
    if (e.mac && *e.mac != enrollee) continue;
    if (e.label == "DH_PRIVATE_E" || e.label == "DH_PRIVATE_R") {
      if (auto k = from_dh_private(e, e.label == "DH_PRIVATE_E", enrollee, m1, m2, notes)) {
        out.push_back(std::move(*k));
      }
    }
    if (e.label == "AUTHKEY" && e.value.size() == 32) auths.push_back(&e);
    if (e.label == "KEYWRAPKEY" && e.value.size() == 16) kwks.push_back(&e);
    if (e.label == "KDK" && e.value.size() == 32) out.push_back(from_kdk(e.value));
    if (e.label == "DHKEY" && e.value.size() == 32 && m1.enrollee_nonce && m2.registrar_nonce) {
      auto kdk = crypto::hmac_sha256(e.value, {m1.enrollee_nonce->view(), enrollee.view(),
                                               m2.registrar_nonce->view()});
      out.push_back(from_kdk(kdk));
    }
  }
  for (std::size_t i = 0; i < auths.size(); ++i) {
    KeyPair p{*crypto::AuthKey::from(auths[i]->value), std::nullopt};
    if (i < kwks.size()) p.kwk = crypto::KeyWrapKey::from(kwks[i]->value);
    out.push_back(std::move(p));
  }
  return out;
}

CredentialInfo credential_info(const wsc::Credential& c, std::string where) {
  CredentialInfo ci;
  ci.where = std::move(where);
  ci.ssid_raw = c.ssid;
  ci.ssid = printable(c.ssid, 32);
  ci.network_key_raw.assign(c.network_key.begin(), c.network_key.end());
  ci.network_key = printable(ci.network_key_raw, 64);
  ci.auth_type = c.auth_type;
  ci.encr_type = c.encr_type;
  ci.mac = c.mac_address;
  return ci;
}

void add_credential_rows(MessageCheck& mc, const CredentialInfo& ci) {
  mc.decrypted.emplace_back(ci.where + " SSID", "\"" + ci.ssid + "\"");
  mc.decrypted.emplace_back(ci.where + " Network Key", "\"" + ci.network_key + "\"");
  mc.decrypted.emplace_back(ci.where + " Authentication Type", hex0x(ci.auth_type, 4));
  mc.decrypted.emplace_back(ci.where + " Encryption Type", hex0x(ci.encr_type, 4));
  if (ci.mac) mc.decrypted.emplace_back(ci.where + " MAC Address", ci.mac->str());
}

/// Opens the Encrypted Settings of M4..M8.
void open_settings(const WscRecord& rec, const KeyPair& k, MessageCheck& mc,
                   std::vector<CredentialInfo>& creds) {
  auto t = rec.type();
  if (!t || !k.kwk) return;
  auto fail = [&](const Error& e) { mc.decrypt_error = describe(e); };
  switch (*t) {
    case MsgType::M4: {
      auto s = wsc::parse_m4(rec.raw);
      if (!s) return fail(s.error());
      auto m = wsc::open_m4(*s, k.auth, *k.kwk);
      if (!m) return fail(m.error());
      mc.decrypted.emplace_back("R-SNonce1", to_hex(m->settings.r_snonce1.view()));
      return;
    }
    case MsgType::M5: {
      auto s = wsc::parse_m5(rec.raw);
      if (!s) return fail(s.error());
      auto m = wsc::open_m5(*s, k.auth, *k.kwk);
      if (!m) return fail(m.error());
      mc.decrypted.emplace_back("E-SNonce1", to_hex(m->settings.e_snonce1.view()));
      return;
    }
    case MsgType::M6: {
      auto s = wsc::parse_m6(rec.raw);
      if (!s) return fail(s.error());
      auto m = wsc::open_m6(*s, k.auth, *k.kwk);
      if (!m) return fail(m.error());
      mc.decrypted.emplace_back("R-SNonce2", to_hex(m->settings.r_snonce2.view()));
      return;
    }
    case MsgType::M7: {
      auto s = wsc::parse_m7(rec.raw);
      if (!s) return fail(s.error());
      auto m = wsc::open_m7(*s, k.auth, *k.kwk);
      if (!m) return fail(m.error());
      mc.decrypted.emplace_back("E-SNonce2", to_hex(m->settings.e_snonce2.view()));
      if (m->settings.ap_settings) {
        auto ci = credential_info(*m->settings.ap_settings, "M7 AP settings");
        add_credential_rows(mc, ci);
        creds.push_back(std::move(ci));
      }
      return;
    }
    case MsgType::M8: {
      auto s = wsc::parse_m8(rec.raw);
      if (!s) return fail(s.error());
      auto m = wsc::open_m8(*s, k.auth, *k.kwk);
      if (!m) return fail(m.error());
      for (const auto& c : m->settings.credentials) {
        auto ci = credential_info(c, "M8 credential");
        add_credential_rows(mc, ci);
        creds.push_back(std::move(ci));
      }
      if (m->settings.ap_settings) {
        auto ci = credential_info(*m->settings.ap_settings, "M8 AP settings");
        add_credential_rows(mc, ci);
        creds.push_back(std::move(ci));
      }
      return;
    }
    default: return;
  }
}

// ---------------------------------------------------------------------------------------------
// Pixie Dust: E-Hash1/E-Hash2 of M3 against the weak secret-nonce classes

std::string digits(unsigned v, std::size_t n) {
  std::string s = std::to_string(v);
  return std::string(n - std::min(s.size(), n), '0') + s;
}

/// The search itself: E-Hash1 against every first half for each weak nonce class, then E-Hash2
/// against the second halves of the first match.
PixieResult pixie_search(const crypto::AuthKey& auth, const wsc::PublicKeys& pks,
                         ByteView enrollee_nonce, const wsc::M3& m3) {
  PixieResult r;
  const std::array<std::uint8_t, 16> zero{};
  struct Candidate {
    const char* name;
    ByteView value;
  };
  const Candidate cands[] = {{"zero", ByteView(zero)}, {"enrollee-nonce", enrollee_nonce}};
  for (const auto& c : cands) {
    auto es1 = *crypto::ESecretNonce1::from(c.value);
    for (unsigned h1 = 0; h1 < 10000 && !r.first_half; ++h1) {
      std::string half = digits(h1, 4);
      auto psk = wsc::derive_psk(auth, half + "0000");
      if (wsc::hash_equal(wsc::e_hash(auth, es1, psk.psk1, pks), m3.e_hash1)) {
        r.first_half = half;
      }
    }
    if (!r.first_half) continue;
    r.weak_nonces = c.name;
    auto es2 = *crypto::ESecretNonce2::from(c.value);
    unsigned first = static_cast<unsigned>(std::stoul(*r.first_half));
    for (unsigned h2 = 0; h2 < 1000; ++h2) {
      unsigned pin7 = first * 1000 + h2;
      std::string pin = digits(pin7, 7) + std::to_string(wsc::pin_checksum(pin7));
      auto psk = wsc::derive_psk(auth, pin);
      if (wsc::hash_equal(wsc::e_hash(auth, es2, psk.psk2, pks), m3.e_hash2)) {
        r.pin = pin;
        break;
      }
    }
    break;
  }
  return r;
}

std::optional<PixieResult> pixie_check(const Session& s, std::size_t ai,
                                       const crypto::AuthKey& auth, const WscMsgInfo& i1,
                                       const WscMsgInfo& i2) {
  const Attempt& a = s.attempts[ai];
  const WscRecord* m3 = nullptr;
  for (std::size_t i : a.messages) {
    if (s.messages[i].type() == MsgType::M3) m3 = &s.messages[i];
  }
  if (!m3 || !i1.public_key || !i2.public_key || !i1.enrollee_nonce) return std::nullopt;
  auto parsed = wsc::parse_m3(m3->raw);
  auto pke = crypto::DhPublicKey::from(*i1.public_key);
  auto pkr = crypto::DhPublicKey::from(*i2.public_key);
  if (!parsed || !pke || !pkr) return std::nullopt;
  wsc::PublicKeys pks{.enrollee = *pke, .registrar = *pkr};
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  // Fuzzing builds only (base/fuzz_memo.hpp): the search is up to 21,000 candidates of three
  // HMAC-SHA-256 each and depends on nothing but these octets, which most fuzz_analyzer inputs
  // that reach it leave unchanged.
  static FuzzMemo<Bytes, PixieResult> fuzz_memo;
  Bytes key;
  for (ByteView v : {auth.view(), i1.enrollee_nonce->view(), pke->view(), pkr->view(),
                     parsed->e_hash1.view(), parsed->e_hash2.view()}) {
    key.insert(key.end(), v.begin(), v.end());
  }
  PixieResult r;
  if (const PixieResult* known = fuzz_memo.find(key)) {
    r = *known;
  } else {
    r = pixie_search(auth, pks, i1.enrollee_nonce->view(), *parsed);
    fuzz_memo.put(std::move(key), r);
  }
#else
  PixieResult r = pixie_search(auth, pks, i1.enrollee_nonce->view(), *parsed);
#endif
  r.attempt = ai;
  return r;
}

/// Verifies Authenticators and opens Encrypted Settings of one attempt. Returns true when a key
/// pair matched (M2's Authenticator verified).
bool check_attempt_keys(const Session& s, std::size_t ai, const Keylog& log, Diagnosis& d,
                        std::vector<std::string>& violations,
                        std::vector<std::vector<std::string>>& dev) {
  const Attempt& a = s.attempts[ai];
  const WscRecord* m1 = nullptr;
  const WscRecord* m2 = nullptr;
  for (std::size_t i : a.messages) {
    auto t = s.messages[i].type();
    if (t == MsgType::M1 && !m1) m1 = &s.messages[i];
    if (t == MsgType::M2 && m1 && !m2) m2 = &s.messages[i];
  }
  if (!m1 || !m2) return false;
  WscMsgInfo i1 = m1->info(), i2 = m2->info();
  if (!i1.mac_address) return false;
  std::optional<KeyPair> chosen;
  for (auto& k : candidates(log, *i1.mac_address, i1, i2, d.notes)) {
    if (wsc::verify_authenticator(k.auth, m1->raw, m2->raw)) {
      chosen = std::move(k);
      break;
    }
  }
  if (!chosen) return false;
  if (auto px = pixie_check(s, ai, chosen->auth, i1, i2)) d.pixie.push_back(std::move(*px));
  const WscRecord* prev = nullptr;
  for (std::size_t i : a.messages) {
    const WscRecord& rec = s.messages[i];
    auto t = rec.type();
    if (!t) continue;
    MessageCheck& mc = d.messages[i];
    if (t != MsgType::M1 && is_registration(t) && prev) {
      auto v = wsc::verify_authenticator(chosen->auth, prev->raw, rec.raw);
      mc.authenticator_ok = v.has_value();
      if (!v) {
        std::string text = msg_name(t) +
                           ": the Authenticator does not verify (HMAC-SHA-256 under "
                           "the logged AuthKey over " +
                           msg_name(prev->type()) + " ‖ " + msg_name(t) + ")";
        violations.push_back(text);
        if (rec.row < dev.size()) dev[rec.row].push_back(text);
      }
    }
    open_settings(rec, *chosen, mc, d.credentials);
    if (wsc::updates_previous_message(*t)) prev = &rec;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// 4-way handshake

void check_fourway(const Session& s, const Tracker& tr, const DiagnoseOptions& o, Diagnosis& d) {
  FourWayResult& fw = d.fourway;
  if (s.keys.empty()) return;
  fw.present = true;
  // The last handshake: from the last message 1.
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.keys.size(); ++i) {
    if (s.keys[i].message == wpa2::KeyMessage::Pairwise1) start = i;
  }
  const KeyRecord* k1 = nullptr;
  const KeyRecord* k2 = nullptr;
  const KeyRecord* k3 = nullptr;
  for (std::size_t i = start; i < s.keys.size(); ++i) {
    const KeyRecord& k = s.keys[i];
    switch (k.message) {
      case wpa2::KeyMessage::Pairwise1:
        k1 = &k;
        fw.seen |= 1;
        break;
      case wpa2::KeyMessage::Pairwise2:
        if (k1 && k.replay_counter != k1->replay_counter && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 2 replay counter " + dec(k.replay_counter) +
                                        " does not echo message 1's " + dec(k1->replay_counter));
        }
        if (!k1 && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 2 without a message 1 before it");
        }
        if (!k2) k2 = &k;
        fw.seen |= 2;
        break;
      case wpa2::KeyMessage::Pairwise3:
        if (k1 && k.nonce != k1->nonce && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 3 carries another ANonce than message 1");
        }
        if (k1 && k.replay_counter <= k1->replay_counter && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 3 replay counter does not increase");
        }
        if (!k2 && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 3 before any message 2");
        }
        k3 = &k;
        fw.seen |= 4;
        break;
      case wpa2::KeyMessage::Pairwise4:
        if (k3 && k.replay_counter != k3->replay_counter && k.row < d.deviations.size()) {
          d.deviations[k.row].push_back("message 4 replay counter does not echo message 3's");
        }
        fw.seen |= 8;
        break;
      default: break;
    }
  }
  fw.complete = (fw.seen & 0x0f) == 0x0f;
  // A PMK to test the MICs with.
  std::vector<std::pair<Bytes, std::string>> keys;  // network key, source
  if (o.passphrase) {
    keys.emplace_back(to_bytes(*o.passphrase), "--passphrase");
  } else {
    for (const auto& c : d.credentials) {
      if (c.where == "M8 credential" && !c.network_key_raw.empty()) {
        keys.emplace_back(c.network_key_raw, "the credential from M8");
      }
    }
  }
  Bytes ssid;
  if (o.ssid) {
    ssid = to_bytes(*o.ssid);
  } else if (!s.ssid.empty()) {
    ssid = s.ssid;
  } else if (const ApInfo* ap = s.ap_known ? tr.ap(s.ap) : nullptr; ap && !ap->ssid_raw.empty()) {
    ssid = ap->ssid_raw;
  } else {
    for (const auto& c : d.credentials) {
      if (!c.ssid_raw.empty()) ssid = c.ssid_raw;
    }
  }
  for (const KeyRecord& k : s.keys) {
    if (k.message == wpa2::KeyMessage::Pairwise1 && pmkid_of(k)) fw.pmkid = true;
    if ((k.key_info & wpa2::key_info::kVersionMask) == 1) fw.wpa1 = true;
  }
  // The station's last message 2 was never answered with message 3.
  for (const KeyRecord& k : s.keys) {
    if (k.message == wpa2::KeyMessage::Pairwise2) fw.m2_unanswered = true;
    if (k.message == wpa2::KeyMessage::Pairwise3) fw.m2_unanswered = false;
  }
  if (keys.empty()) {
    fw.summary = "no passphrase to verify the MICs with (use --passphrase)";
    return;
  }
  if (ssid.empty()) {
    fw.verdict = PskVerdict::Unproven;
    fw.why = "no SSID in the capture (no beacon, probe response or association request of this "
             "AP) to derive the PMK from the passphrase; give it with --ssid";
    fw.summary = "the passphrase cannot be checked from this capture: " + fw.why;
    return;
  }
  std::vector<MacAddr> aas = {s.ap};
  if (s.wired) aas.push_back(eap::kPaeGroupAddress);  // wpa_supplicant -D wired (REPORT)
  const std::string ssid_text = "SSID \"" + printable(ssid, 32) + "\"";
  for (const auto& [key, source] : keys) {
    auto pmk = o.pmk_cache ? o.pmk_cache->get(key, ssid) : wpa2::pmk_from_network_key(key, ssid);
    fw.pmk_source = source;
    if (!pmk) {
      fw.verdict = PskVerdict::Unproven;
      fw.why = "the key from " + source + " is not a valid WPA passphrase or PSK";
      fw.summary = fw.why;
      continue;
    }
    PskCheck c = check_pmk(s.keys, *pmk, aas, s.sta);
    fw.verdict = c.verdict;
    fw.proved_by = c.proved_by;
    fw.why = c.why;
    fw.pairs_tried = c.pairs_tried;
    const std::string algo = c.wpa1 ? " (WPA1: HMAC-MD5 MIC)" : "";
    switch (c.verdict) {
      case PskVerdict::Right:
        fw.mic_ok = true;
        if (c.proved_by == "PMKID in M1") {
          fw.summary = "the PMKID in message 1 verifies with " + source + " and " + ssid_text +
                       ": the passphrase is right";
        } else if (c.station_frames_only && fw.m2_unanswered) {
          fw.summary = "the MIC of message " + c.proved_by.substr(c.proved_by.size() - 1) +
                       " verifies with " + source + " (pair " + c.proved_by + ")" + algo +
                       ": it is the passphrase the station used, but the AP did not answer "
                       "message 2 with message 3, so the AP has another one";
        } else {
          fw.summary = "MICs verify with " + source + " (pair " + c.proved_by + ")" + algo +
                       ": the passphrase is right";
        }
        return;
      case PskVerdict::Wrong:
        fw.mic_ok = false;
        if (c.proved_by.empty() && c.why.find("PMKID") != std::string::npos) {
          fw.summary = "that passphrase (or SSID) is wrong: " + c.why;
        } else {
          fw.summary = "that passphrase (or SSID) is wrong — the AP accepted message 2 (it sent "
                       "message 3), so the station used the right one" +
                       algo + ": " + c.why;
        }
        break;
      case PskVerdict::Unproven:
      case PskVerdict::NotChecked:
        fw.summary = "the passphrase from " + source + " with " + ssid_text +
                     " cannot be checked from this capture: " + c.why;
        if (fw.m2_unanswered) {
          fw.summary += "; the AP did not answer message 2 with message 3";
        }
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Attempts

AttemptDiagnosis diagnose_attempt(const Session& s, std::size_t ai, const Tracker& tr, Diagnosis& d,
                                  std::vector<std::string>& violations) {
  const Attempt& a = s.attempts[ai];
  AttemptDiagnosis ad;
  ad.external_registrar = a.external_registrar();
  for (std::size_t m : a.messages) {
    if (m < s.messages.size() && s.messages[m].type() == MsgType::M1) {
      ad.device_password_id = s.messages[m].info().device_password_id;
      if (ad.device_password_id) ad.method = std::string(method_of(*ad.device_password_id));
      break;
    }
  }
  if (a.messages_dropped) {
    ad.outcome = Outcome::Incomplete;
    ad.summary = "beyond the detail limit (" + dec(tr.options().max_messages) +
                 " WSC messages per session): " + dec(a.messages_dropped) +
                 " messages of this attempt not kept; counted, not diagnosed";
    return ad;
  }
  Role enrollee = ad.external_registrar ? Role::Ap : Role::Sta;
  const bool handover = ad.method == "nfc-handover";
  bool m2_settings = false;  // handover: M2 carried Encrypted Settings
  // Order, sender and nonce checks.
  std::optional<MsgType> prev;
  std::optional<EnrolleeNonce> n1;
  std::optional<RegistrarNonce> n2;
  const WscRecord* last_reg = nullptr;
  const WscRecord* last_any = nullptr;
  const WscRecord* nack = nullptr;
  const WscRecord* m2d = nullptr;
  const WscRecord* done = nullptr;
  const WscRecord* ack_after_done = nullptr;
  const WscRecord* m1rec = nullptr;
  std::optional<Uuid> m1_uuid;
  bool m8 = false;
  auto flag = [&](const WscRecord& r, std::string text) {
    if (r.row < d.deviations.size()) d.deviations[r.row].push_back(text);
    violations.push_back(std::move(text));
  };
  for (std::size_t i : a.messages) {
    const WscRecord& r = s.messages[i];
    last_any = &r;
    auto t = r.type();
    if (!t) {
      flag(r, "unknown Message Type " + hex0x(r.msg_type, 2));
      continue;
    }
    if (!allowed_after(prev, *t, handover)) {
      flag(r, msg_name(t) + " after " + (prev ? msg_name(prev) : std::string("the start")) + ": " +
                  expected_after(prev, handover) + " was expected");
    }
    if (auto by_enrollee = sent_by_enrollee(*t)) {
      Role want = *by_enrollee ? enrollee : other(enrollee);
      if (r.from != want && r.from != Role::Unknown) {
        flag(r, msg_name(t) + " sent by the " + role_name(r.from) + ", but the " +
                    (*by_enrollee ? "enrollee" : "registrar") + " is the " + role_name(want));
      }
    }
    WscMsgInfo info = r.info();
    if (*t == MsgType::M1) {
      n1 = info.enrollee_nonce;
      if (!m1rec) {
        m1rec = &r;
        m1_uuid = info.uuid_e;
      }
    } else if (info.enrollee_nonce && n1 && *info.enrollee_nonce != *n1) {
      flag(r, msg_name(t) + ": Enrollee Nonce " + info.enrollee_nonce->hex() +
                  " does not echo N1 of M1 (" + n1->hex() + ")");
    }
    if (*t == MsgType::M2 || *t == MsgType::M2D) {
      if (!n2) n2 = info.registrar_nonce;
    } else if (info.registrar_nonce && n2 && *info.registrar_nonce != *n2 &&
               !(*t == MsgType::WscNack && info.registrar_nonce->view()[0] == 0)) {
      flag(r, msg_name(t) + ": Registrar Nonce " + info.registrar_nonce->hex() +
                  " does not echo N2 of M2 (" + n2->hex() + ")");
    }
    if (is_registration(t) || *t == MsgType::M2D) last_reg = &r;
    if (*t == MsgType::M8) m8 = true;
    if (*t == MsgType::M2 && info.encrypted_settings) m2_settings = true;
    if (*t == MsgType::WscNack && !nack) nack = &r;
    if (*t == MsgType::M2D && !m2d) m2d = &r;
    if (*t == MsgType::WscDone && !done) done = &r;
    if (*t == MsgType::WscAck && done && !ack_after_done) ack_after_done = &r;
    prev = t;
  }
  if (!ad.external_registrar && !a.messages.empty()) {
    // WSC_Start precedes M1 when the AP's registrar serves an enrollee (WPS-FACTS §3.3).
    bool start_seen = false;
    for (std::size_t r = a.first_row; r <= a.last_row && r < s.rows.size(); ++r) {
      if (s.rows[r].label == "WSC_Start") start_seen = true;
    }
    const WscRecord& first = s.messages[a.messages.front()];
    if (!start_seen && first.type() == MsgType::M1 && first.row < d.deviations.size()) {
      d.deviations[first.row].push_back("M1 without a WSC_Start before it");
    }
  }
  std::int64_t capture_end = tr.stats().last_ts_ns - tr.stats().first_ts_ns;
  const Attempt* next = ai + 1 < s.attempts.size() ? &s.attempts[ai + 1] : nullptr;
  auto retry_note = [&]() -> std::string {
    if (!next) return "the station did not retry in this capture";
    return "the station retried " + duration_text(next->start_ns - a.end_ns) + " later";
  };
  ad.failed_after = last_reg ? last_reg->type() : std::nullopt;
  if (a.first_ap_ns && *a.first_ap_ns - a.start_ns >= 1'000'000'000) {
    ad.notes.push_back("the AP answered only " + duration_text(*a.first_ap_ns - a.start_ns) +
                       " after the attempt began (" + dec(unsigned{a.eapol_starts}) +
                       " EAPOL-Start): hostapd ignores EAPOL-Start from a station for about 5 s "
                       "after it disconnected it");
  }

  // External registrar outcomes first.
  if (ad.external_registrar && m8 && done) {
    ad.outcome = Outcome::ApConfigured;
    ad.summary = "external registrar (the STA) configured the AP: new settings in M8, the AP "
                 "confirmed with WSC_Done" +
                 std::string(ack_after_done ? " and the registrar acknowledged (WSC_ACK)" : "");
    return ad;
  }
  if (ad.external_registrar && nack && nack->from == Role::Sta && last_reg &&
      last_reg->type() == MsgType::M7) {
    auto e = nack->info().config_error.value_or(0);
    if (e == 0) {
      ad.outcome = Outcome::ApSettingsLearned;
      ad.config_error = e;
      ad.detected_by = Role::Sta;
      ad.summary = "external registrar (the STA) proved the AP PIN and learned the AP's current "
                   "settings from M7, then ended with WSC_NACK config error 0 (by design: it "
                   "only read them)";
      return ad;
    }
  }
  if (!ad.external_registrar && handover && done && m2_settings && !m8 && done->from == enrollee) {
    ad.outcome = Outcome::WpsSucceeded;
    ad.summary = "NFC connection handover succeeded: M1, M2 with the Credential in Encrypted "
                 "Settings, the enrollee confirmed with WSC_Done (abbreviated handshake: no "
                 "device password, no M3..M8; each side checked the other's public key against "
                 "the hash it got over NFC)";
    return ad;
  }
  if (!ad.external_registrar && done && m8 && done->from == enrollee) {
    ad.outcome = Outcome::WpsSucceeded;
    ad.summary = "registration succeeded: M1..M8, the enrollee confirmed the credential with "
                 "WSC_Done";
    if (a.fragments) {
      unsigned fragmented = 0;
      for (std::size_t i : a.messages) fragmented += s.messages[i].fragments > 1 ? 1 : 0;
      ad.notes.push_back(dec(fragmented) + " messages came in " + dec(unsigned{a.fragments}) +
                         " EAP-WSC fragments (reassembled; " + dec(unsigned{a.frag_acks}) +
                         " WSC_FRAG_ACKs)");
    }
    return ad;
  }
  if (m2d) {
    auto e = m2d->info().config_error.value_or(0);
    ad.config_error = e;
    ad.detected_by = m2d->from;
    ad.failed_after = MsgType::M1;
    // What a registrar's PBC monitor counted at this M1, as far as the capture shows it.
    auto others = m1rec && ad.method == "pbc" ? pbc_others(tr, m1_uuid, m1rec->time_ns)
                                              : std::vector<PbcSighting>{};
    if (e == 12) {
      ad.outcome = Outcome::PbcOverlap;
      ad.summary = "PBC session overlap: the registrar saw more than one enrollee pushing the "
                   "button (M2D config error 12)";
      for (const auto& p : others) {
        ad.notes.push_back("another enrollee in push-button mode within the 120 s monitor time: " +
                           pbc_sighting_text(p));
      }
      if (others.empty()) {
        ad.notes.push_back("the other enrollee is not in this capture (the registrar saw its "
                           "probe requests or M1 elsewhere, or before the capture began)");
      }
    } else if (e == 20) {
      ad.outcome = Outcome::PublicKeyHashMismatch;
      ad.summary = "NFC token refused: the enrollee's public key PK_E in M1 does not match the "
                   "public key hash of the password token the registrar read (M2D config error "
                   "20)";
      ad.notes.push_back("the tag read at the registrar was made with another key than the one "
                         "the enrollee uses now (a token made again since, or a damaged tag); "
                         "hostapd has used the token up: read a current tag again");
    } else if (ad.method == "pbc") {
      ad.outcome = Outcome::PbcNotActive;
      ad.summary = "push button on the station only: M1 asks for PBC (Device Password ID 4) but "
                   "the AP's registrar was not in PBC mode, so it had no password for it: M2D "
                   "with config error " +
                   config_error_text(e) + "; " + retry_note();
      std::int64_t t1 = m1rec ? m1rec->time_ns : a.start_ns;
      const ApInfo* ap = s.ap_known ? tr.ap(s.ap) : nullptr;
      if (!ap || ap->wps_ie_frames == 0) {
        ad.notes.push_back(
            "no beacon or probe response of this AP with a WPS IE is in the capture to show its "
            "PBC state; an AP answers a PBC M1 this way when its button was not pressed, its "
            "120 s walk time was over or another enrollee already used it");
      } else {
        std::optional<std::pair<std::int64_t, std::int64_t>> before, after;
        for (const auto& run : ap->pbc_runs) {
          if (run.first <= t1) before = run;
          if (run.first > t1 && !after) after = run;
        }
        if (!before && !after) {
          ad.notes.push_back("none of the AP's " + dec(ap->wps_ie_frames) +
                             " beacons / probe responses with a WPS IE advertises PBC mode "
                             "(Selected Registrar with Device Password ID 4): its button was not "
                             "pressed");
        } else if (before && before->second >= t1) {
          ad.notes.push_back("the AP still advertised PBC mode at " + seconds6(before->second) +
                             " s: its registrar left PBC mode just before this M1");
        } else if (before) {
          ad.notes.push_back("the AP advertised PBC mode from " + seconds6(before->first) +
                             " s to " + seconds6(before->second) +
                             " s, and no longer when this M1 came (walk time over, cancelled, or "
                             "used by another enrollee)");
        } else {
          ad.notes.push_back("the AP entered PBC mode only at " + seconds6(after->first) +
                             " s, after this M1: its button was pressed too late for this "
                             "attempt");
        }
      }
      if (e == 15) {
        ad.notes.push_back("hostapd puts config error 15 (Setup locked) in M2D when "
                           "ap_setup_locked=1 and it has no password for the enrollee: here it "
                           "means \"not in PBC mode\", not an AP-PIN brute-force lockout");
      }
    } else {
      ad.outcome = Outcome::NoPin;
      ad.summary = "the registrar had no PIN for this enrollee: M2D with config error " +
                   config_error_text(e) + "; " + retry_note();
      if (e == 15) {
        ad.notes.push_back(
            "hostapd puts config error 15 (Setup locked) in M2D when ap_setup_locked=1 and no "
            "PIN is set for this enrollee yet: here it means \"no PIN entered yet\", not an "
            "AP-PIN brute-force lockout — keep retrying within the 120 s walk time");
        if (const ApInfo* ap = s.ap_known ? tr.ap(s.ap) : nullptr; ap && ap->locked) {
          ad.notes.push_back("the AP's beacons also show AP Setup Locked = 1 (that flag blocks "
                             "external registrars, not the AP's own registrar)");
        }
      }
    }
    return ad;
  }
  if (nack) {
    auto e = nack->info().config_error.value_or(0);
    ad.config_error = e;
    ad.detected_by = nack->from;
    // The last registration message before the NACK.
    const WscRecord* before = nullptr;
    for (std::size_t i : a.messages) {
      if (&s.messages[i] == nack) break;
      if (is_registration(s.messages[i].type())) before = &s.messages[i];
    }
    ad.failed_after = before ? before->type() : std::nullopt;
    std::string where = before ? " after " + msg_name(before->type()) : "";
    if (e == 18 && before) {
      auto t = *before->type();
      bool first = t == MsgType::M4 || t == MsgType::M5;
      bool second = t == MsgType::M6 || t == MsgType::M7;
      if (first || second) {
        ad.outcome = first ? Outcome::WrongPinFirstHalf : Outcome::WrongPinSecondHalf;
        ad.summary = std::string("wrong PIN, ") + (first ? "first" : "second") + " half: the " +
                     role_name(nack->from) + " sent WSC_NACK (config error 18, " +
                     "device password authentication failure)" + where;
        ad.notes.push_back(pin_half_note(t, nack->from, ad.external_registrar));
        if (second) {
          ad.notes.push_back("the whole PIN was revealed in a failed run: hostapd invalidates "
                             "such a PIN, it must be entered again");
        }
        if (next) ad.notes.push_back(retry_note());
        return ad;
      }
    }
    if (e == 12) {
      ad.outcome = Outcome::PbcOverlap;
      ad.summary = "PBC session overlap: WSC_NACK config error 12" + where +
                   " (the registrar saw another enrollee push its button while this run was "
                   "under way)";
      if (m1rec && ad.method == "pbc") {
        for (const auto& p : pbc_others(tr, m1_uuid, nack->time_ns)) {
          ad.notes.push_back(
              "another enrollee in push-button mode within the 120 s monitor time: " +
              pbc_sighting_text(p));
        }
      }
    } else if (e == 20) {
      ad.outcome = Outcome::PublicKeyHashMismatch;
      ad.summary = "NFC token refused: the " + role_name(nack->from) +
                   " sent WSC_NACK config error 20" + where +
                   " (the other side's public key does not match the hash on the password "
                   "token it read)";
    } else if (e == 15) {
      ad.outcome = Outcome::SetupLocked;
      ad.summary = "AP setup locked: WSC_NACK config error 15" + where +
                   " (too many failed AP-PIN attempts, or ap_setup_locked)";
    } else {
      ad.outcome = Outcome::Rejected;
      ad.summary = "the " + role_name(nack->from) + " ended the registration with WSC_NACK " +
                   "config error " + config_error_text(e) + where;
    }
    return ad;
  }
  // No terminal WSC message.
  std::string last_txt = last_any
                             ? msg_name(last_any->type()) + " from the " + role_name(last_any->from)
                             : std::string();
  if (a.eap_failure && !a.messages.empty()) {
    ad.outcome = Outcome::Rejected;
    ad.detected_by = Role::Ap;
    ad.summary = "the AP ended EAP with EAP-Failure after " + last_txt +
                 " without a WSC_NACK (the exchange was aborted)";
    return ad;
  }
  std::int64_t gap = (next ? next->start_ns : capture_end) - a.end_ns;
  if (a.messages.empty()) {
    if (a.eap_failure) {
      ad.outcome = Outcome::Rejected;
      ad.detected_by = Role::Ap;
      ad.summary = "EAP ended (EAP-Failure) before any WSC message";
      return ad;
    }
    if (!next && gap < 1'000'000'000) {
      ad.outcome = Outcome::Incomplete;
      ad.summary = "the capture ends " + duration_text(gap) + " after the start of the exchange";
      return ad;
    }
    ad.outcome = Outcome::Timeout;
    ad.detected_by = Role::Ap;
    ad.summary = a.identity ? "the AP did not start EAP-WSC after the identity"
                            : "the AP did not answer the station's EAPOL-Start" +
                                  std::string(a.eapol_starts > 1
                                                  ? " (" + dec(unsigned{a.eapol_starts}) + " times)"
                                                  : "");
    if (next) ad.notes.push_back(retry_note());
    return ad;
  }
  Role silent = other(last_any->from);
  if (!next && gap < 1'000'000'000) {
    ad.outcome = Outcome::Incomplete;
    ad.detected_by = silent;
    ad.summary = "the capture ends " + duration_text(gap) + " after " + last_txt +
                 ": the exchange is incomplete";
    return ad;
  }
  ad.outcome = Outcome::Timeout;
  ad.detected_by = silent;
  ad.summary = "the " + role_name(silent) + " stopped answering after " + last_txt +
               (next ? "; the station started over " + duration_text(gap) + " later"
                     : "; nothing followed for " + duration_text(gap));
  return ad;
}

std::string fourway_phrase(const FourWayResult& fw) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    if (fw.seen & (1 << i)) s += (s.empty() ? "" : ", ") + dec(i + 1) + "/4";
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::Connected: return "connected";
    case Outcome::WpsSucceeded: return "wps-succeeded";
    case Outcome::FourWayIncomplete: return "four-way-incomplete";
    case Outcome::FourWayFailed: return "four-way-failed";
    case Outcome::NoPin: return "no-pin";
    case Outcome::WrongPinFirstHalf: return "wrong-pin-first-half";
    case Outcome::WrongPinSecondHalf: return "wrong-pin-second-half";
    case Outcome::PbcOverlap: return "pbc-overlap";
    case Outcome::PbcNotActive: return "pbc-not-active";
    case Outcome::PublicKeyHashMismatch: return "nfc-public-key-mismatch";
    case Outcome::SetupLocked: return "setup-locked";
    case Outcome::Rejected: return "rejected";
    case Outcome::ApSettingsLearned: return "ap-settings-learned";
    case Outcome::ApConfigured: return "ap-configured";
    case Outcome::Timeout: return "timeout";
    case Outcome::ProtocolViolation: return "protocol-violation";
    case Outcome::Incomplete: return "incomplete";
    case Outcome::NoWps: return "no-wps";
  }
  return "?";
}

bool wps_ok(Outcome o) {
  return o == Outcome::Connected || o == Outcome::WpsSucceeded || o == Outcome::FourWayIncomplete ||
         o == Outcome::FourWayFailed || o == Outcome::ApSettingsLearned ||
         o == Outcome::ApConfigured;
}

Result<Keylog> Keylog::parse(std::string_view text) {
  Keylog log;
  // A hostapd / wpa_supplicant debug log (-dd -K): take its key dumps, ignore everything else.
  // Its lines start with a token ending in ':' ("1795667694.404591:", "WPS:", "wlan0:"), which a
  // key log line (LABEL <mac> <hex>) never does.
  bool daemon_log = false;
  for (std::size_t p = 0; p < text.size() && !daemon_log;) {
    std::size_t e = text.find('\n', p);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(p, e - p);
    p = e + 1;
    std::size_t b0 = l.find_first_not_of(" \t");
    if (b0 == std::string_view::npos || l[b0] == '#') continue;
    std::size_t t0 = l.find_first_of(" \t", b0);
    std::string_view tok = l.substr(b0, t0 == std::string_view::npos ? l.size() - b0 : t0 - b0);
    daemon_log = !tok.empty() && tok.back() == ':';
  }
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string_view::npos || line[b] == '#') continue;
    line.remove_prefix(b);
    if (daemon_log) {
      // "<time>: WPS: AuthKey - hexdump(len=32): 64 87 ..."
      static constexpr std::pair<std::string_view, std::string_view> kDaemon[] = {
          {"WPS: AuthKey - hexdump(len=", "AUTHKEY"},
          {"WPS: KeyWrapKey - hexdump(len=", "KEYWRAPKEY"},
          {"WPS: KDK - hexdump(len=", "KDK"},
          {"WPS: DHKey - hexdump(len=", "DHKEY"},
          {"WPS: EMSK - hexdump(len=", "EMSK"},
      };
      for (const auto& [needle, label] : kDaemon) {
        std::size_t at = line.find(needle);
        if (at == std::string_view::npos) continue;
        std::size_t colon = line.find("): ", at);
        if (colon == std::string_view::npos) break;
        // The dump must hold exactly the octets its "len=N" announces (a line cut short, or
        // one whose hex is missing, is no key: found by fuzz_keylog, an empty AUTHKEY).
        std::size_t declared = 0;
        bool digits = colon > at + needle.size();
        for (std::size_t i = at + needle.size(); i < colon && digits; ++i) {
          const char c = line[i];
          digits = c >= '0' && c <= '9' && declared < 100000;
          declared = declared * 10 + static_cast<std::size_t>(c - '0');
        }
        auto v = from_hex(line.substr(colon + 3));
        if (digits && v && !v->empty() && v->size() == declared) {
          log.entries.push_back({std::string(label), std::nullopt, std::move(*v)});
        }
        break;
      }
      continue;
    }
    // LABEL <mac> <hex>
    std::size_t s1 = line.find_first_of(" \t");
    if (s1 == std::string_view::npos) return unexpected(Errc::ConfigBadValue, line_no);
    std::string_view label = line.substr(0, s1);
    std::string_view rest = line.substr(s1);
    rest.remove_prefix(rest.find_first_not_of(" \t"));
    std::size_t s2 = rest.find_first_of(" \t");
    if (s2 == std::string_view::npos) return unexpected(Errc::ConfigBadValue, line_no);
    auto mac = MacAddr::parse(rest.substr(0, s2));
    auto hexv = from_hex(rest.substr(s2));
    if (!mac || !hexv || hexv->empty()) return unexpected(Errc::ConfigBadValue, line_no);
    std::string lab(label);
    for (char& c : lab) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    log.entries.push_back({std::move(lab), *mac, std::move(*hexv)});
  }
  return log;
}

std::string_view method_of(std::uint16_t id) {
  switch (id) {
    case 0x0000:
    case 0x0001:
    case 0x0002:
    case 0x0003:
    case 0x0005:
    case 0x0008: return "pin";
    case 0x0004: return "pbc";
    case 0x0007: return "nfc-handover";
    default: return id >= 0x0010 ? "nfc-password-token" : "unknown";
  }
}

std::string_view method_text(std::string_view m) {
  if (m == "pin") return "PIN";
  if (m == "pbc") return "push button (PBC)";
  if (m == "nfc-password-token") return "NFC password token";
  if (m == "nfc-handover") return "NFC connection handover";
  return "unknown method";
}

std::string explain(const Row& row, const Session& s, const Event& ev) {
  if (row.kind == RowKind::Summary) return "";
  const std::string& l = row.label;
  auto starts = [&](std::string_view p) { return l.rfind(p, 0) == 0; };
  bool er = false;
  for (const auto& a : s.attempts) {
    if (a.external_registrar() && row.time_ns >= a.start_ns && row.time_ns <= a.end_ns) er = true;
  }
  if (ev.message && *ev.message < s.messages.size()) {
    const WscRecord& r = s.messages[*ev.message];
    er = s.attempts.size() > r.attempt && s.attempts[r.attempt].external_registrar();
  }
  std::string enr = er ? "the AP (enrollee)" : "the STA (enrollee)";
  std::string reg = er ? "the external registrar (STA)" : "the AP's registrar";
  switch (row.frame_kind) {
    case FrameKind::Beacon:
      return l.find("Selected Registrar") != std::string::npos
                 ? "the AP advertises its network; its WPS IE says a registrar is ready "
                   "(Selected Registrar) for the password method shown"
             : l.find("WPS IE") != std::string::npos
                 ? "the AP advertises its network and, in the WPS IE, that it supports WPS"
                 : "the AP advertises its network (no WPS IE: this beacon does not offer WPS)";
    case FrameKind::ProbeRequest:
      return l.find("WPS IE") != std::string::npos
                 ? "the station scans and announces itself as a WPS device (device info, "
                   "Device Password ID)"
                 : "the station scans for networks";
    case FrameKind::ProbeResponse:
      return "the AP answers the scan with its network and WPS device information";
    case FrameKind::Authentication:
      return "Open System authentication: a formality before association, no keys involved";
    case FrameKind::AssociationRequest:
    case FrameKind::ReassociationRequest:
      if (l.find("WPS IE") != std::string::npos) {
        return "the station associates with the WPS IE and no RSN IE: it asks for an open "
               "802.1X session to run WPS only (hostapd ignores an RSN IE next to a WPS IE)";
      }
      if (row.section == Section::Round2) {
        return "round 2: the station connects with the credential it received, now with the "
               "RSN IE (WPA2-PSK) and without the WPS IE";
      }
      return "the station associates";
    case FrameKind::AssociationResponse:
    case FrameKind::ReassociationResponse:
      if (l.find("status 0") == std::string::npos) return "the AP refuses the association";
      if (row.section == Section::Round2) {
        return "the AP accepts the association; the 4-way handshake with the new passphrase "
               "follows";
      }
      {
        // What follows depends on what the station asked for in its association request.
        const Row* req = nullptr;
        for (const Row& r : s.rows) {
          if (r.time_ns > row.time_ns) break;
          if (r.frame_kind == FrameKind::AssociationRequest ||
              r.frame_kind == FrameKind::ReassociationRequest) {
            req = &r;
          }
        }
        if (req && req->label.find("WPS IE") != std::string::npos) {
          return "the AP accepts the association; EAP (802.1X) for WPS follows";
        }
        if (req && req->label.find("RSN IE") != std::string::npos) {
          return "the AP accepts the association; the 4-way handshake follows";
        }
        return "the AP accepts the association";
      }
    case FrameKind::Deauthentication:
    case FrameKind::Disassociation:
      if (l.find("reason 23") != std::string::npos) {
        return "the AP disconnects the station after EAP-Failure: WPS is provisioning, not "
               "network authentication — the station must reconnect with the credential";
      }
      if (l.find("reason 3") != std::string::npos && row.from == Role::Sta) {
        // Say why only when the frames show it: a credential received (M8, then WSC_Done)
        // in an attempt before this frame, or an external registrar's failed attempt.
        bool credential = false, registrar = false, failed = false;
        for (const auto& a : s.attempts) {
          if (a.start_ns > row.time_ns) break;
          bool m8 = false, done = false, nack = false;
          for (std::size_t m : a.messages) {
            if (m >= s.messages.size() || s.messages[m].time_ns > row.time_ns) continue;
            auto t = s.messages[m].type();
            if (t == wsc::MsgType::M8) m8 = true;
            if (t == wsc::MsgType::WscDone) done = true;
            if (t == wsc::MsgType::WscNack) nack = true;
          }
          credential = m8 && done && !a.external_registrar();
          registrar = a.external_registrar();
          failed = nack || (!done && a.eap_failure);
        }
        if (credential) {
          return "the station leaves to reconnect with the credential it received";
        }
        if (registrar && failed) {
          return "the external registrar (the station) leaves after the failed attempt "
                 "(reason 3: it is leaving); a PIN-guessing tool does this before each guess";
        }
        if (failed) return "the station leaves after the failed attempt (reason 3: leaving)";
        return "the station leaves (reason 3: deauthenticated because it is leaving)";
      }
      if (l.find("reason 15") != std::string::npos) {
        return "the AP gives up: 4-way handshake timeout";
      }
      return "the connection is torn down";
    case FrameKind::Data:
      if (l.find("protected") != std::string::npos) {
        return "traffic protected with the pairwise key from the 4-way handshake: the "
               "connection works";
      }
      if (l.find("EAPOL") != std::string::npos || starts("EAP") || starts("M") || starts("WSC")) {
        break;
      }
      return "unprotected data";
    default: break;
  }
  if (starts("EAPOL-Start")) {
    return ev.duplicate ? "the station repeats EAPOL-Start: the first was not answered"
                        : "the station (802.1X supplicant) asks the AP to start EAP";
  }
  if (starts("EAP-Request/Identity")) return "the AP (EAP authenticator) asks for the identity";
  if (starts("EAP-Response/Identity")) {
    if (l.find("Enrollee") != std::string::npos) {
      return "the identity WFA-SimpleConfig-Enrollee-1-0 selects EAP-WSC with the station as "
             "enrollee: the AP's registrar will register it";
    }
    if (l.find("Registrar") != std::string::npos) {
      return "the identity WFA-SimpleConfig-Registrar-1-0 makes the station an external "
             "registrar: the AP is the enrollee and starts with M1";
    }
    return "the station's EAP identity";
  }
  if (starts("WSC_Start")) {
    return "the AP's EAP-WSC server starts the registration protocol; the enrollee answers with M1";
  }
  if (starts("WSC_FRAG_ACK")) return "acknowledges one fragment; the sender continues";
  if (starts("EAP-Failure")) {
    return "EAP-WSC always ends in EAP-Failure: WPS hands out a credential, it never "
           "authenticates the station for network access";
  }
  if (starts("EAP-Success")) return "EAP succeeded (not how EAP-WSC ends)";
  if (starts("EAPOL-Key 1/4")) {
    return "the AP sends its ANonce; the station derives the PTK from the PMK (passphrase + "
           "SSID), both nonces and both MACs";
  }
  if (starts("EAPOL-Key 2/4")) {
    return "the station sends its SNonce and RSN IE with a MIC under the KCK: proof that it "
           "knows the PMK";
  }
  if (starts("EAPOL-Key 3/4")) {
    return "the AP proves it knows the PMK (MIC), tells the station to install the PTK and "
           "sends the group key (GTK) encrypted with the KEK";
  }
  if (starts("EAPOL-Key 4/4")) return "the station confirms; both sides now encrypt with the PTK";
  if (starts("EAPOL-Key group")) return "group key handshake: a new GTK";
  std::string frag =
      l.find("(fragment") != std::string::npos ? " (one fragment of a longer message)" : "";
  if (l.find("(fragment") != std::string::npos && l.find("reassembled") == std::string::npos) {
    return "one fragment of a message longer than the EAP-WSC fragment size";
  }
  if (starts("M1")) {
    std::string nfc;
    if (ev.message && *ev.message < s.messages.size()) {
      const auto id = s.messages[*ev.message].info().device_password_id;
      if (id && *id >= 0x0010) {
        nfc = " — with an NFC password token's Device Password ID (" + dec(*id) +
              "): the registrar uses that token's password, and PK_E must hash to the token's "
              "public key hash when the enrollee owns the token";
      } else if (id && *id == 0x0007) {
        nfc = " — NFC connection handover (Device Password ID 7): no password, the public keys "
              "are checked against the hashes exchanged over NFC";
      }
    }
    return enr + " sends its device information, nonce N1 and Diffie-Hellman public key PK_E" + nfc;
  }
  if (starts("M2D")) {
    std::string why = "(no password for it, or PBC overlap)";
    if (ev.message && *ev.message < s.messages.size()) {
      const WscRecord& r = s.messages[*ev.message];
      bool pbc = false;
      if (r.attempt < s.attempts.size()) {
        for (std::size_t m : s.attempts[r.attempt].messages) {
          if (m < s.messages.size() && s.messages[m].type() == wsc::MsgType::M1) {
            pbc = s.messages[m].info().device_password_id == 0x0004;
            break;
          }
        }
      }
      auto e = r.info().config_error.value_or(0);
      why = e == 12   ? "(PBC session overlap: more than one enrollee pressed its button)"
            : e == 20 ? "(config error 20: the enrollee's public key does not match the hash "
                        "on the NFC password token the registrar read)"
            : pbc     ? "(the enrollee asked for push button, but the registrar is not in PBC mode)"
                      : "(it has no PIN for this enrollee yet)";
    }
    return reg + " cannot register this enrollee now " + why +
           ": device information only, no key; the enrollee acknowledges and may retry";
  }
  if (starts("M2")) {
    if (ev.message && *ev.message < s.messages.size() &&
        s.messages[*ev.message].info().encrypted_settings) {
      return reg + " sends N2 and PK_R and, NFC connection handover, the Credential in "
                   "Encrypted Settings (KeyWrapKey); the enrollee checks PK_R against the "
                   "select's hash and the Authenticator, and answers WSC_Done: no M3..M8";
    }
    return reg + " sends N2 and PK_R; both sides derive AuthKey and KeyWrapKey, and the first "
                 "Authenticator (HMAC over M1 ‖ M2) proves the keys";
  }
  if (starts("M3")) {
    return enr + " commits to both PIN halves: E-Hash1/E-Hash2 bind secret nonces E-S1/E-S2 to "
                 "PSK1/PSK2 and both public keys";
  }
  if (starts("M4")) {
    return reg + " commits with R-Hash1/R-Hash2 and reveals R-S1 (encrypted): proof of the first "
                 "PIN half";
  }
  if (starts("M5")) {
    return enr + " verified R-Hash1 and reveals E-S1: proof of the first PIN half";
  }
  if (starts("M6")) {
    return reg + " verified E-Hash1 and reveals R-S2: proof of the second PIN half";
  }
  if (starts("M7")) {
    return enr + " verified R-Hash2 and reveals E-S2" +
           std::string(er ? " and sends the AP's current settings" : "") +
           ": proof of the second PIN half";
  }
  if (starts("M8")) {
    return reg + " verified E-Hash2 and sends " +
           std::string(er ? "new settings for the AP" : "the credential (SSID, network key)") +
           ", encrypted with KeyWrapKey";
  }
  if (starts("WSC_Done")) {
    return er ? "the AP (enrollee) confirms it applied the new settings"
              : "the enrollee confirms it received and accepted the credential";
  }
  if (starts("WSC_ACK")) {
    return "acknowledges a message that needs no other answer (M2D, or WSC_Done from an AP "
           "enrollee)";
  }
  if (starts("WSC_NACK")) {
    return l.find("error 18") != std::string::npos
               ? "ends the registration: the device password (PIN) did not match"
               : "ends the registration with the Configuration Error shown";
  }
  (void)frag;
  return "";
}

/// Recognises the two attacks on the AP PIN in a diagnosed session: online guessing (many
/// external-registrar attempts ending on a PIN half or the setup lock) and, with the key log,
/// weak enrollee secret nonces (pixie_check results).
void attack_notes(const Session& s, const Tracker& tr, Diagnosis& d) {
  BruteForceInfo b;
  for (std::size_t i = 0; i < d.attempts.size() && i < s.attempts.size(); ++i) {
    const AttemptDiagnosis& ad = d.attempts[i];
    if (s.attempts[i].messages_dropped) {
      ++b.not_diagnosed;
      continue;
    }
    if (!ad.external_registrar) continue;
    if (b.attempts++ == 0) b.first_ns = s.attempts[i].start_ns;
    b.last_ns = s.attempts[i].end_ns;
    bool m5 = false, m7 = false;
    for (std::size_t m : s.attempts[i].messages) {
      if (s.messages[m].from != Role::Ap) continue;
      m5 = m5 || s.messages[m].type() == MsgType::M5;
      m7 = m7 || s.messages[m].type() == MsgType::M7;
    }
    if (ad.outcome == Outcome::WrongPinFirstHalf) ++b.first_half_guesses;
    if (ad.outcome == Outcome::WrongPinSecondHalf) ++b.second_half_guesses;
    if (ad.outcome == Outcome::SetupLocked) ++b.locked_refusals;
    if (m5 && !b.first_half_found) b.first_half_found = i;
    if (m7 && !b.pin_proved) b.pin_proved = i;
  }
  b.not_diagnosed += s.attempts_over_limit;
  unsigned wrong = b.first_half_guesses + b.second_half_guesses;
  // hostapd locks after 3 failed AP-PIN proofs: three wrong guesses, or two and a refusal for the
  // lock, are not a person mistyping a PIN.
  if (wrong >= 3 || (wrong >= 2 && b.locked_refusals >= 1)) {
    if (const ApInfo* ap = s.ap_known ? tr.ap(s.ap) : nullptr) {
      constexpr std::int64_t kAround = 120'000'000'000;  // lock changes shortly before / after
      for (const auto& c : ap->lock_changes) {
        if (c.first >= b.first_ns - kAround && c.first <= b.last_ns + kAround) {
          b.lock_changes.push_back(c);
        }
      }
    }
    auto count = [](unsigned v, std::string_view one, std::string_view many) {
      return dec(v) + " " + std::string(v == 1 ? one : many);
    };
    std::string n = "online AP-PIN guessing (reaver-like): " + dec(b.attempts) +
                    " attempts by this external registrar over " +
                    duration_text(b.last_ns - b.first_ns) + ": " +
                    count(b.first_half_guesses, "wrong first half", "wrong first halves") +
                    " (refused after M4), " +
                    count(b.second_half_guesses, "wrong second half", "wrong second halves") +
                    " (refused after M6), " + dec(b.locked_refusals) +
                    " refused for the AP setup lock (config error 15); ";
    n += b.first_half_found ? "the first half was found in attempt " +
                                  dec(s.attempts[*b.first_half_found].number) + " (the AP sent M5)"
                            : "the first half was not found";
    if (b.pin_proved) {
      n += ", the whole PIN in attempt " + dec(s.attempts[*b.pin_proved].number) +
           " (the AP sent M7)";
    }
    if (b.not_diagnosed) {
      n += "; " + dec(b.not_diagnosed) +
           " more attempts are beyond the detail limit: counted, not classified";
    }
    n += "; at most 10^4 + 10^3 = 11,000 guesses find any 8-digit PIN half by half";
    d.notes.push_back(std::move(n));
    if (!b.lock_changes.empty()) {
      std::string l = "AP Setup Locked in the AP's beacons / probe responses:";
      for (const auto& [t, locked] : b.lock_changes) {
        l += std::string(" ") + (locked ? "set" : "clear") + " at " + seconds6(t) + " s;";
      }
      l.pop_back();
      d.notes.push_back(std::move(l));
    }
    d.summary = "AP-PIN brute force (" + dec(b.attempts + b.not_diagnosed) +
                " attempts); last: " + d.summary;
    d.brute_force = std::move(b);
  }
  bool weak = false;
  for (const PixieResult& p : d.pixie) {
    if (p.weak_nonces.empty()) continue;
    weak = true;
    bool ap_enrollee = p.attempt < d.attempts.size() && d.attempts[p.attempt].external_registrar;
    std::string cls = p.weak_nonces == "zero"
                          ? "E-S1 = E-S2 = 0 (the Ralink/MediaTek/Celeno firmware class)"
                          : "E-S1 = E-S2 = the Enrollee Nonce N1 (the Realtek RTL819x class, "
                            "nonce and secrets drawn from random() in the same second)";
    d.notes.push_back("Pixie Dust: in attempt " + dec(s.attempts[p.attempt].number) +
                      " the enrollee's secret "
                      "nonces are weak, " +
                      cls + ": E-Hash1/E-Hash2 of M3 give " +
                      (p.pin ? "the PIN " + *p.pin : "the first half " + *p.first_half) +
                      " offline — this " + (ap_enrollee ? "AP" : "enrollee") +
                      " is vulnerable to an offline attack");
  }
  if (!d.pixie.empty() && !weak) {
    d.notes.push_back("offline check (Pixie Dust): no first PIN half makes M3's E-Hash1 with "
                      "E-S1 = 0 or E-S1 = N1: the enrollee's secret nonces are not of the known "
                      "weak classes");
  }
}

std::vector<PbcSighting> pbc_others(const Tracker& tr, const std::optional<Uuid>& uuid_e,
                                    std::int64_t t_ns) {
  std::vector<PbcSighting> out;
  for (const PbcEnrollee& e : tr.pbc_enrollees()) {
    if (uuid_e && e.uuid_e == *uuid_e) continue;
    std::optional<std::int64_t> last;
    for (std::int64_t x : e.seen_ns) {
      if (x <= t_ns && x >= t_ns - kPbcMonitorNs) last = x;
    }
    if (last) out.push_back({&e, *last});
  }
  return out;
}

std::string pbc_sighting_text(const PbcSighting& p) {
  std::string macs;
  for (const auto& m : p.enrollee->macs) macs += (macs.empty() ? "" : ", ") + m.str();
  std::string seen;
  if (p.enrollee->probes) seen = dec(p.enrollee->probes) + " PBC probe requests";
  if (p.enrollee->m1s) seen += (seen.empty() ? "" : ", ") + dec(p.enrollee->m1s) + " PBC M1";
  return "UUID-E " + uuid_text(p.enrollee->uuid_e.view()) + " (" + macs + ", " + seen +
         ", seen at " + seconds6(p.last_ns) + " s)";
}

std::vector<std::string> capture_pbc_notes(const Tracker& tr) {
  std::vector<std::string> out;
  const auto& pe = tr.pbc_enrollees();
  // Registrar side: two enrollees with different UUID-E in PBC mode within the monitor time.
  for (std::size_t i = 0; i < pe.size(); ++i) {
    for (std::size_t j = i + 1; j < pe.size(); ++j) {
      std::optional<std::pair<std::int64_t, std::int64_t>> hit;
      for (std::int64_t a : pe[i].seen_ns) {
        for (std::int64_t b : pe[j].seen_ns) {
          if ((a > b ? a - b : b - a) <= kPbcMonitorNs) hit = {a, b};
          if (hit) break;
        }
        if (hit) break;
      }
      if (!hit) continue;
      out.push_back("PBC session overlap on the air: two enrollees pressed their buttons within "
                    "the registrar's 120 s monitor time — " +
                    pbc_sighting_text({&pe[i], hit->first}) + " and " +
                    pbc_sighting_text({&pe[j], hit->second}) +
                    "; a registrar that sees both refuses push button (configuration error 12, "
                    "Multiple PBC sessions detected) until one of them stops");
    }
  }
  // Enrollee side: two APs (different UUIDs) advertising PBC mode at the same time.
  const auto& aps = tr.aps();
  for (std::size_t i = 0; i < aps.size(); ++i) {
    for (std::size_t j = i + 1; j < aps.size(); ++j) {
      if (aps[i].uuid && aps[j].uuid && *aps[i].uuid == *aps[j].uuid) continue;
      for (const auto& [a0, a1] : aps[i].pbc_runs) {
        bool found = false;
        for (const auto& [b0, b1] : aps[j].pbc_runs) {
          // Runs are what the capture shows; an enrollee's scan within 120 s sees both.
          if (a0 <= b1 + kPbcMonitorNs && b0 <= a1 + kPbcMonitorNs) {
            out.push_back("two APs in PBC mode at the same time: " + aps[i].bssid.str() +
                          " (from " + seconds6(a0) + " s) and " + aps[j].bssid.str() + " (from " +
                          seconds6(b0) +
                          " s); a WPS 2.0 enrollee whose scan finds both does not start "
                          "(enrollee-side PBC overlap)");
            found = true;
            break;
          }
        }
        if (found) break;
      }
    }
  }
  return out;
}

/// Which side's public key the token's hash names, per attempt with an NFC Device Password ID.
void check_nfc_token(const Session& s, const wsc::OobDevicePassword& tok, Diagnosis& d) {
  const std::string tok_hash = to_hex_upper(tok.public_key_hash);
  for (std::size_t i = 0; i < s.attempts.size() && i < d.attempts.size(); ++i) {
    AttemptDiagnosis& ad = d.attempts[i];
    if (ad.method != "nfc-password-token" && ad.method != "nfc-handover") continue;
    AttemptDiagnosis::NfcKeyCheck c;
    c.token_dpid = tok.device_password_id;
    std::string m1_hash, m2_hash;
    for (std::size_t m : s.attempts[i].messages) {
      const WscRecord& r = s.messages[m];
      const auto t = r.type();
      if (t != MsgType::M1 && t != MsgType::M2) continue;
      const auto pk = r.info().public_key;
      if (!pk || pk->size() != wsc::kPublicKeyLength) continue;
      const auto h = wsc::public_key_hash(*pk);
      const bool match = crypto::ct_equal(h, tok.public_key_hash);
      (t == MsgType::M1 ? c.m1_key_matches : c.m2_key_matches) = match;
      (t == MsgType::M1 ? m1_hash : m2_hash) = to_hex_upper(h);
    }
    if (ad.device_password_id && *ad.device_password_id != tok.device_password_id) {
      ad.notes.push_back("NFC token given: its Device Password ID " + dec(tok.device_password_id) +
                         " is not this attempt's (" + dec(*ad.device_password_id) +
                         "): another token");
    } else if (c.m1_key_matches.value_or(false)) {
      ad.notes.push_back("NFC token given: PK_E in M1 hashes to its public key hash " + tok_hash +
                         " — the enrollee owns this token, and the registrar's check of M1 "
                         "passes");
    } else if (c.m2_key_matches.value_or(false)) {
      ad.notes.push_back("NFC token given: PK_R in M2 hashes to its public key hash " + tok_hash +
                         " — the registrar owns this token (the AP's), and the enrollee's check "
                         "of M2 passes");
    } else if (c.m1_key_matches || c.m2_key_matches) {
      ad.notes.push_back("NFC token given: its public key hash " + tok_hash + " does not match " +
                         (c.m2_key_matches
                              ? "PK_E in M1 (" + m1_hash + ") nor PK_R in M2 (" + m2_hash + ")"
                              : "PK_E in M1 (" + m1_hash + ")") +
                         ": the side that read this token refuses the key (config error 20)");
    }
    ad.nfc_key_check = c;
  }
}

Diagnosis diagnose(const Session& s, const Tracker& tr, const DiagnoseOptions& o) {
  Diagnosis d;
  d.explanations.resize(s.rows.size());
  d.deviations.resize(s.rows.size());
  d.messages.resize(s.messages.size());
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    static const Event kEmpty;
    d.explanations[i] = explain(s.rows[i], s, i < s.events.size() ? s.events[i] : kEmpty);
  }
  d.retried = s.attempts.size() > 1;
  std::vector<std::vector<std::string>> violations(s.attempts.size());
  for (std::size_t i = 0; i < s.attempts.size(); ++i) {
    d.attempts.push_back(diagnose_attempt(s, i, tr, d, violations[i]));
  }
  if (o.nfc_token) check_nfc_token(s, *o.nfc_token, d);
  if (o.keylog) {
    bool registration = false;
    for (std::size_t i = 0; i < s.attempts.size(); ++i) {
      if (check_attempt_keys(s, i, *o.keylog, d, violations[i], d.deviations)) {
        d.keys_found = true;
      }
      bool m1 = false, m2 = false;
      for (std::size_t m : s.attempts[i].messages) {
        if (s.messages[m].type() == MsgType::M1) m1 = true;
        if (s.messages[m].type() == MsgType::M2) m2 = true;
      }
      registration = registration || (m1 && m2);
    }
    if (registration && !d.keys_found) {
      d.notes.push_back("key log: no entry matches this session (no DH_PRIVATE_E/R, DHKEY, KDK "
                        "or AUTHKEY for its enrollee gives keys that verify M2's Authenticator)");
    }
    for (std::size_t i = 0; i < d.messages.size(); ++i) {
      if (d.messages[i].decrypt_error) {
        d.notes.push_back("key log: the Encrypted Settings of " + msg_name(s.messages[i].type()) +
                          " (frame " + dec(s.messages[i].frame) +
                          ") do not open: " + *d.messages[i].decrypt_error);
      }
    }
  }
  // Violations turn an unexplained end into a protocol violation.
  for (std::size_t i = 0; i < d.attempts.size(); ++i) {
    auto& ad = d.attempts[i];
    if (violations[i].empty()) continue;
    if (ad.outcome == Outcome::Rejected || ad.outcome == Outcome::Timeout ||
        ad.outcome == Outcome::Incomplete) {
      ad.notes.push_back("before that: " + ad.summary);
      ad.outcome = Outcome::ProtocolViolation;
      ad.summary = "protocol violation: " + violations[i].front();
    } else {
      for (const auto& v : violations[i]) ad.notes.push_back("deviation: " + v);
    }
  }
  check_fourway(s, tr, o, d);

  // Session outcome: the last attempt that exchanged WSC messages, then the 4-way handshake.
  // Attempts beyond the detail limit are counted, never judged from the messages kept of them.
  std::optional<std::size_t> last;
  std::size_t beyond = 0;
  for (std::size_t i = 0; i < s.attempts.size(); ++i) {
    if (s.attempts[i].messages_dropped) {
      ++beyond;
      continue;
    }
    if (!s.attempts[i].messages.empty()) last = i;
  }
  if (!last && !s.attempts.empty()) last = s.attempts.size() - 1;
  const FourWayResult& fw = d.fourway;
  // Failed, not merely incomplete: the AP never answered the station's message 2, and the
  // passphrase the user gave (or the credential from M8) does not verify it.
  const bool fourway_failed = !fw.complete && fw.m2_unanswered &&
                              (fw.verdict == PskVerdict::Wrong ||
                               (fw.verdict == PskVerdict::Unproven && fw.pairs_tried > 0));
  auto fourway_summary = [&]() -> std::string {
    std::string x = "4-way handshake " + std::string(fw.complete ? "complete" : "incomplete") +
                    " (messages " + fourway_phrase(fw) + ")";
    if (!fw.summary.empty()) x += "; " + fw.summary;
    return x;
  };
  if (!last) {
    if (fw.present) {
      d.outcome = fw.complete      ? Outcome::Connected
                  : fourway_failed ? Outcome::FourWayFailed
                                   : Outcome::FourWayIncomplete;
      d.summary = fourway_summary();
    } else {
      d.outcome = Outcome::NoWps;
      d.summary = "no WPS exchange and no 4-way handshake between this AP and station";
      // A station that pressed its button and found more than one AP in PBC mode.
      const ApInfo* mine = s.ap_known ? tr.ap(s.ap) : nullptr;
      const PbcEnrollee* pressed = nullptr;
      for (const auto& e : tr.pbc_enrollees()) {
        if (std::find(e.macs.begin(), e.macs.end(), s.sta) != e.macs.end()) pressed = &e;
      }
      if (pressed && mine && mine->pbc_runs.empty() && mine->wps_ie_frames > 0 &&
          !pressed->seen_ns.empty()) {
        d.summary = "no WPS exchange: the station pressed its button (" + dec(pressed->probes) +
                    " PBC probe requests over " +
                    duration_text(pressed->seen_ns.back() - pressed->seen_ns.front()) +
                    "), but none of this AP's " + dec(mine->wps_ie_frames) +
                    " beacons / probe responses advertised PBC mode: the AP's button was not "
                    "pressed (a station gives up after the 120 s walk time)";
      }
      if (pressed && mine && !mine->pbc_runs.empty()) {
        std::string also;
        for (const ApInfo& x : tr.aps()) {
          if (x.bssid == mine->bssid || x.pbc_runs.empty()) continue;
          if (x.uuid && mine->uuid && *x.uuid == *mine->uuid) continue;
          also += (also.empty() ? "" : ", ") + x.bssid.str();
        }
        if (!also.empty()) {
          d.summary = "no WPS exchange: the station pressed its button (PBC probe requests), but "
                      "besides this AP " +
                      also +
                      " was in PBC mode too: enrollee-side PBC overlap, a WPS 2.0 station does "
                      "not start (configuration error 12)";
        }
      }
    }
  } else {
    const AttemptDiagnosis& la = d.attempts[*last];
    d.outcome = la.outcome;
    d.summary = la.summary;
    if (la.outcome == Outcome::WpsSucceeded) {
      if (fw.present) {
        d.outcome = fw.complete      ? Outcome::Connected
                    : fourway_failed ? Outcome::FourWayFailed
                                     : Outcome::FourWayIncomplete;
        d.summary = la.summary + "; " + fourway_summary();
        if (d.outcome == Outcome::Connected && s.data_frames) {
          d.summary += "; " + dec(s.data_frames) + " data frames followed";
        }
      } else {
        d.summary = la.summary + "; the 4-way handshake is not in the capture";
        if (s.wired) {
          d.notes.push_back("a wired 802.1X capture has no 4-way handshake after WPS (hostapd "
                            "with driver=wired never starts one)");
        }
      }
    } else if (fw.present && fw.complete) {
      d.notes.push_back("a complete 4-way handshake follows: the station connected anyway");
    }
    if (*last > 0) {
      // Each earlier attempt in one line; a long run shows its first and last five.
      std::vector<std::size_t> listed;
      for (std::size_t i = 0; i < *last; ++i) {
        if (s.attempts[i].messages.empty() && d.attempts[i].outcome == Outcome::Timeout) {
          continue;
        }
        if (s.attempts[i].messages_dropped) continue;  // counted in the summary
        listed.push_back(i);
      }
      for (std::size_t k = 0; k < listed.size(); ++k) {
        if (listed.size() > 12 && k >= 5 && k + 5 < listed.size()) {
          if (k == 5) {
            d.notes.push_back("… " + dec(listed.size() - 10) +
                              " more attempts (see the attempt list)");
          }
          continue;
        }
        const std::size_t i = listed[k];
        d.notes.push_back("attempt " + dec(s.attempts[i].number) + ": " + d.attempts[i].summary);
      }
    }
  }
  if (!d.credentials.empty() && fw.mic_ok && *fw.mic_ok && fw.pmk_source != "--passphrase") {
    d.notes.push_back("the credential from M8 verifies the 4-way handshake MICs");
  }
  if (s.dropped_rows || s.dropped_messages || s.dropped_keys) {
    d.notes.push_back("detail limit reached: " + dec(s.dropped_rows) + " ladder rows, " +
                      dec(s.dropped_messages) + " WSC messages and " + dec(s.dropped_keys) +
                      " EAPOL-Key frames not kept (at most " + dec(tr.options().max_rows) +
                      " rows, " + dec(tr.options().max_messages) + " messages, " +
                      dec(tr.options().max_keys) + " key frames per session)");
  }
  if (beyond || s.attempts_over_limit) {
    // "298 attempts: 1-7 and 298 in detail; 290 beyond the detail limit ..."
    const std::uint64_t total = s.attempts.size() + s.attempts_over_limit;
    std::string full;
    std::uint64_t nfull = 0;
    for (std::size_t i = 0; i < s.attempts.size();) {
      if (s.attempts[i].messages_dropped) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < s.attempts.size() && !s.attempts[j + 1].messages_dropped &&
             s.attempts[j + 1].number == s.attempts[j].number + 1) {
        ++j;
      }
      full += (full.empty() ? "" : ", ") + dec(s.attempts[i].number) +
              (j > i ? "-" + dec(s.attempts[j].number) : "");
      nfull += j - i + 1;
      i = j + 1;
    }
    d.summary = dec(total) + " attempts: " + (full.empty() ? "none" : full) + " in detail; " +
                dec(total - nfull) + " beyond the detail limit (counted, not diagnosed)" +
                (last ? "; attempt " + dec(s.attempts[*last].number) + ": " : "; ") + d.summary;
  }
  if (s.dropped_keys) {
    d.fourway.summary += std::string(d.fourway.summary.empty() ? "" : "; ") +
                         "EAPOL-Key frames after the first " + dec(tr.options().max_keys) +
                         " are not kept: this is the last "
                         "handshake kept, not necessarily the capture's last";
  }
  attack_notes(s, tr, d);
  return d;
}

}  // namespace wps::analyzer
