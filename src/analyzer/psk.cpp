#include "analyzer/psk.hpp"

#include <algorithm>
#include <array>

#include "analyzer/text.hpp"
#include "base/assert.hpp"
#include "crypto/crypto.hpp"
#include "wpa2/eapol_key.hpp"
#include "wpa2/keys.hpp"

namespace wps::analyzer {
namespace {

/// "M1+M2" for 4-way message numbers 1..4, written character by character (string
/// concatenation here trips GCC 12's false -Wrestrict at -O3).
std::string pair_name(int first, int second) {
  WPS_ASSERT(first >= 1 && first <= 4 && second >= 1 && second <= 4);
  std::string out;
  for (char c : {'M', static_cast<char>('0' + first), '+', 'M', static_cast<char>('0' + second)})
    out.push_back(c);
  return out;
}

constexpr std::size_t kMicAt = 81, kMicLen = 16, kKeyDataLenAt = 97, kKeyDataAt = 99;
constexpr std::uint16_t kEncryptedKeyData = 0x1000;

bool zero(ByteView v) {
  return std::all_of(v.begin(), v.end(), [](std::uint8_t b) { return b == 0; });
}

/// MIC of one EAPOL-Key frame under `kck`, by its Key Descriptor Version (IEEE 802.11-2020
/// §12.7.2): 1 = HMAC-MD5, 2 = HMAC-SHA1-128. nullopt for the versions not checked.
std::optional<bool> mic_verifies(const KeyRecord& k, const crypto::Kck& kck) {
  const unsigned version = k.key_info & wpa2::key_info::kVersionMask;
  if (k.eapol.size() < kKeyDataAt || (version != 1 && version != 2)) return std::nullopt;
  Bytes copy = k.eapol;
  std::fill_n(copy.begin() + kMicAt, kMicLen, std::uint8_t{0});
  std::array<std::uint8_t, 16> mic = version == 1 ? crypto::hmac_md5(kck.view(), copy)
                                                  : crypto::hmac_sha1_128(kck.view(), copy);
  return crypto::ct_equal(mic, ByteView(k.eapol).subspan(kMicAt, kMicLen));
}

bool has_mic(const KeyRecord& k) {
  return (k.key_info & wpa2::key_info::kMic) != 0;
}

/// Whether mic_verifies() can judge this frame's MIC.
bool mic_checked(const KeyRecord& k) {
  const unsigned version = k.key_info & wpa2::key_info::kVersionMask;
  return k.eapol.size() >= kKeyDataAt && (version == 1 || version == 2);
}

int msg_number(wpa2::KeyMessage m) {
  switch (m) {
    case wpa2::KeyMessage::Pairwise1: return 1;
    case wpa2::KeyMessage::Pairwise2: return 2;
    case wpa2::KeyMessage::Pairwise3: return 3;
    case wpa2::KeyMessage::Pairwise4: return 4;
    default: return 0;
  }
}

struct NonceSource {
  std::size_t key;  // index into keys
  int msg;          // 1..4
};

/// Distinct nonces of the given messages, first occurrence each.
std::vector<NonceSource> sources(const std::vector<KeyRecord>& keys, int msg) {
  std::vector<NonceSource> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (msg_number(keys[i].message) != msg || zero(ByteView(keys[i].nonce))) continue;
    bool seen = std::any_of(out.begin(), out.end(), [&](const NonceSource& s) {
      return keys[s.key].nonce == keys[i].nonce;
    });
    if (!seen) out.push_back({i, msg});
  }
  return out;
}

}  // namespace

std::string_view to_string(PskVerdict v) {
  switch (v) {
    case PskVerdict::NotChecked: return "not-checked";
    case PskVerdict::Right: return "right";
    case PskVerdict::Wrong: return "wrong";
    case PskVerdict::Unproven: return "cannot-check";
  }
  return "?";
}

std::optional<std::array<std::uint8_t, 16>> pmkid_of(const KeyRecord& m1) {
  if (m1.message != wpa2::KeyMessage::Pairwise1 || (m1.key_info & kEncryptedKeyData)) return {};
  if (m1.eapol.size() < kKeyDataAt) return {};
  std::size_t len = std::size_t{m1.eapol[kKeyDataLenAt]} << 8 | m1.eapol[kKeyDataLenAt + 1];
  ByteView kd = ByteView(m1.eapol).subspan(kKeyDataAt);
  kd = kd.first(std::min(len, kd.size()));
  // Elements and KDEs: id, length, body. PMKID KDE: dd, len >= 20, 00-0F-AC, type 4, PMKID.
  while (kd.size() >= 2) {
    std::size_t l = kd[1];
    if (2 + l > kd.size()) break;
    if (kd[0] == 0xdd && l >= 20 && kd[2] == 0x00 && kd[3] == 0x0f && kd[4] == 0xac &&
        kd[5] == 0x04) {
      std::array<std::uint8_t, 16> id{};
      std::copy_n(kd.begin() + 6, 16, id.begin());
      if (zero(ByteView(id))) return {};
      return id;
    }
    kd = kd.subspan(2 + l);
  }
  return {};
}

PskCheck check_pmk(const std::vector<KeyRecord>& keys, const crypto::Pmk& pmk,
                   std::span<const MacAddr> aas, const MacAddr& spa) {
  PskCheck r;
  if (keys.empty()) return r;
  for (const auto& k : keys) {
    if ((k.key_info & wpa2::key_info::kVersionMask) == 1 && has_mic(k)) r.wpa1 = true;
  }
  const auto anonces1 = sources(keys, 1), anonces3 = sources(keys, 3);
  const auto snonces2 = sources(keys, 2), snonces4 = sources(keys, 4);
  bool unsupported = false;

  // 1. Nonce pairs, in the order aircrack-ng / hashcat name them.
  struct Order {
    const std::vector<NonceSource>* a;
    const std::vector<NonceSource>* s;
  };
  const Order orders[] = {{&anonces1, &snonces2},
                          {&anonces3, &snonces2},
                          {&anonces1, &snonces4},
                          {&anonces3, &snonces4}};
  for (const MacAddr& aa : aas) {
    for (const Order& o : orders) {
      for (const NonceSource& a : *o.a) {
        for (const NonceSource& s : *o.s) {
          auto an = ANonce::from(ByteView(keys[a.key].nonce));
          auto sn = SNonce::from(ByteView(keys[s.key].nonce));
          crypto::Ptk ptk = wpa2::derive_ptk(pmk, {aa}, {spa}, *an, *sn);
          crypto::Kck kck = wpa2::ptk_kck(ptk);
          ++r.pairs_tried;
          // The frames made with this pair: every station frame carrying this SNonce, and
          // every message 3 carrying this ANonce when the ANonce is message 3's.
          std::vector<std::size_t> frames;
          for (std::size_t f = 0; f < keys.size(); ++f) {
            if (!has_mic(keys[f])) continue;
            int m = msg_number(keys[f].message);
            if (((m == 2 || m == 4) && keys[f].nonce == keys[s.key].nonce) ||
                (a.msg == 3 && m == 3 && keys[f].nonce == keys[a.key].nonce)) {
              frames.push_back(f);
            }
          }
          for (std::size_t f : frames) {
            auto v = mic_verifies(keys[f], kck);
            if (!v) {
              unsupported = true;
              continue;
            }
            if (*v) r.proof_keys.push_back(f);
          }
          if (!r.proof_keys.empty()) {
            r.verdict = PskVerdict::Right;
            r.proved_by = pair_name(std::min(a.msg, s.msg), std::max(a.msg, s.msg));
            r.station_frames_only =
                std::all_of(r.proof_keys.begin(), r.proof_keys.end(),
                            [&](std::size_t f) { return keys[f].from == Role::Sta; });
            return r;
          }
        }
      }
    }
  }

  // 2. The PMKID of a message 1 (descriptor version 2: the PSK AKM's HMAC-SHA1).
  bool pmkid_mismatch = false;
  std::size_t mismatch_key = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto id = pmkid_of(keys[i]);
    if (!id) continue;
    if ((keys[i].key_info & wpa2::key_info::kVersionMask) != 2) {
      unsupported = true;
      continue;
    }
    bool match = false;
    for (const MacAddr& aa : aas) {
      static constexpr std::string_view kLabel = "PMK Name";
      Bytes data(kLabel.begin(), kLabel.end());
      data.insert(data.end(), aa.view().begin(), aa.view().end());
      data.insert(data.end(), spa.view().begin(), spa.view().end());
      if (crypto::ct_equal(crypto::hmac_sha1_128(pmk.view(), data), *id)) match = true;
    }
    if (match) {
      r.verdict = PskVerdict::Right;
      r.proved_by = "PMKID in M1";
      r.proof_keys = {i};
      r.station_frames_only = false;
      return r;
    }
    if (!pmkid_mismatch) mismatch_key = i;
    pmkid_mismatch = true;
  }

  // 3. Proof of a wrong PMK: a message 3 answering a message 2 (replay counter + 1), whose
  //    nonces were both tried above without a verified MIC.
  for (std::size_t i2 = 0; i2 < keys.size(); ++i2) {
    const KeyRecord& m2 = keys[i2];
    if (m2.message != wpa2::KeyMessage::Pairwise2 || !has_mic(m2) || zero(ByteView(m2.nonce))) {
      continue;
    }
    for (std::size_t i3 = i2 + 1; i3 < keys.size(); ++i3) {
      const KeyRecord& m3 = keys[i3];
      if (m3.message != wpa2::KeyMessage::Pairwise3 || !has_mic(m3) ||
          m3.replay_counter != m2.replay_counter + 1 || zero(ByteView(m3.nonce))) {
        continue;
      }
      if (!mic_checked(m2) || !mic_checked(m3)) continue;
      r.verdict = PskVerdict::Wrong;
      r.proof_keys = {i2, i3};
      r.why = "the AP answered message 2 (frame " + dec(m2.frame) + ", replay counter " +
              dec(m2.replay_counter) + ") with message 3 (frame " + dec(m3.frame) +
              "), so both sides derived the PTK from message 3's ANonce and message 2's "
              "SNonce: with this passphrase neither MIC verifies";
      return r;
    }
  }
  if (pmkid_mismatch) {
    r.verdict = PskVerdict::Wrong;
    r.proof_keys = {mismatch_key};
    r.why = "the PMKID in message 1 (frame " + dec(keys[mismatch_key].frame) +
            ") is not HMAC-SHA1-128(PMK, \"PMK Name\" ‖ AA ‖ SPA) for this passphrase";
    return r;
  }

  // 4. Cannot be checked: say why.
  r.verdict = PskVerdict::Unproven;
  const bool any_a = !anonces1.empty() || !anonces3.empty();
  const bool any_s = !snonces2.empty() || !snonces4.empty();
  if (unsupported && r.pairs_tried == 0) {
    r.why = "the MICs use a key descriptor version wpslab does not check (3: AES-128-CMAC "
            "with SHA-256 key derivation)";
  } else if (!any_s) {
    r.why = any_a ? "no message 2 (nor a message 4 carrying the SNonce) and no PMKID: the "
                    "station's nonce is not in the capture"
                  : "no message of the 4-way handshake carries a nonce";
  } else if (!any_a) {
    r.why = "no message 1 or 3: the AP's ANonce is not in the capture";
  } else if (unsupported) {
    r.why = "no pair verifies, and some MICs use a key descriptor version wpslab does not "
            "check (3: AES-128-CMAC)";
  } else {
    r.why = "no message pair verifies with it (" + dec(r.pairs_tried) +
            " tried), but no message 3 answers a message 2, so the capture does not show "
            "which ANonce the station used: a message 1 may be missing, or the station used "
            "another passphrase";
  }
  return r;
}

}  // namespace wps::analyzer
