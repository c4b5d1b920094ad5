#include "wsc/message.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "print_error.hpp"
#include "support/test_support.hpp"
#include "wsc/wsc.hpp"

// Replays the WSC messages of every interop capture (tests/vectors/wps/interop_*.txt, extracted
// from tests/data/captures by tools/extract_interop_vectors.py: hostapd 2.10 <->
// wpa_supplicant 2.10, with the -K secrets). For each message: parse, verify the Authenticator
// against the previous registration message, open the Encrypted Settings with the logged keys,
// and rebuild the exact octets from the typed struct. This extends the TV10 proof to M2D,
// WSC_ACK, WSC_NACK (wrong PIN), AP-enrollee M1/M7 with AP Settings and ER-built M8 AP Settings.

namespace wps::wsc {
namespace {

struct Vectors {
  std::string name;
  std::map<std::string, Bytes> values;
  struct Msg {
    std::string sender;
    int op = 0;
    Bytes bytes;
  };
  std::vector<Msg> msgs;
};

std::vector<Vectors> load_all() {
  std::vector<Vectors> out;
  const auto dir = std::filesystem::path(WPSLAB_SOURCE_DIR) / "tests" / "vectors" / "wps";
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string fn = e.path().filename().string();
    if (fn.rfind("interop_", 0) != 0) continue;
    Vectors v;
    v.name = fn;
    std::istringstream in(test::read_file(e.path()));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string key;
      ls >> key;
      if (key == "msg") {
        int idx = 0;
        Vectors::Msg m;
        std::string h;
        ls >> idx >> m.sender >> m.op >> h;
        m.bytes = test::hex(h);
        v.msgs.push_back(std::move(m));
      } else {
        std::string h;
        ls >> h;
        v.values[key] = test::hex(h);
      }
    }
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return out;
}

TEST(InteropReplay, EveryCapturedMessageParsesVerifiesOpensAndRebuildsExactly) {
  const auto all = load_all();
  ASSERT_GE(all.size(), 7u) << "interop vectors missing";
  int rebuilt = 0;
  std::map<MsgType, int> seen;
  for (const Vectors& v : all) {
    SCOPED_TRACE(v.name);
    auto ak = crypto::AuthKey::from(v.values.at("authkey"));
    auto kwk = crypto::KeyWrapKey::from(v.values.at("keywrapkey"));
    ASSERT_TRUE(ak && kwk);
    Bytes prev;
    for (std::size_t i = 0; i < v.msgs.size(); ++i) {
      SCOPED_TRACE("msg " + std::to_string(i));
      const Bytes& b = v.msgs[i].bytes;
      auto p = parse_message(b);
      ASSERT_TRUE(p) << describe(p.error());
      ++seen[p->type];
      Bytes again;
      switch (p->type) {
        case MsgType::M1: again = build_m1(std::get<M1>(p->msg)); break;
        case MsgType::M2D: again = build_m2d(std::get<M2D>(p->msg)); break;
        case MsgType::WscAck: again = build_wsc_ack(std::get<WscAck>(p->msg)); break;
        case MsgType::WscNack: again = build_wsc_nack(std::get<WscNack>(p->msg)); break;
        case MsgType::WscDone: again = build_wsc_done(std::get<WscDone>(p->msg)); break;
        case MsgType::M2: again = build_m2(std::get<M2>(p->msg), *ak, prev); break;
        case MsgType::M3: again = build_m3(std::get<M3>(p->msg), *ak, prev); break;
        case MsgType::M4: {
          auto m = open_m4(std::get<SealedM4>(p->msg), *ak, *kwk);
          ASSERT_TRUE(m) << describe(m.error());
          EXPECT_EQ(to_hex(m->settings.r_snonce1.view()), to_hex(v.values.at("r_s1")));
          again = build_m4(*m, *ak, *kwk, prev);
          break;
        }
        case MsgType::M5: {
          auto m = open_m5(std::get<SealedM5>(p->msg), *ak, *kwk);
          ASSERT_TRUE(m) << describe(m.error());
          EXPECT_EQ(to_hex(m->settings.e_snonce1.view()), to_hex(v.values.at("e_s1")));
          again = build_m5(*m, *ak, *kwk, prev);
          break;
        }
        case MsgType::M6: {
          auto m = open_m6(std::get<SealedM6>(p->msg), *ak, *kwk);
          ASSERT_TRUE(m) << describe(m.error());
          EXPECT_EQ(to_hex(m->settings.r_snonce2.view()), to_hex(v.values.at("r_s2")));
          again = build_m6(*m, *ak, *kwk, prev);
          break;
        }
        case MsgType::M7: {
          auto m = open_m7(std::get<SealedM7>(p->msg), *ak, *kwk);
          ASSERT_TRUE(m) << describe(m.error());
          EXPECT_EQ(to_hex(m->settings.e_snonce2.view()), to_hex(v.values.at("e_s2")));
          // In the ER modes hostapd is the enrollee and sends its AP settings in M7.
          EXPECT_EQ(m->settings.ap_settings.has_value(), v.msgs[0].sender == "ap");
          if (m->settings.ap_settings) {
            EXPECT_EQ(as_chars(m->settings.ap_settings->ssid), "wps-interop-test");
          }
          again = build_m7(*m, *ak, *kwk, prev);
          break;
        }
        case MsgType::M8: {
          auto m = open_m8(std::get<SealedM8>(p->msg), *ak, *kwk);
          ASSERT_TRUE(m) << describe(m.error());
          const Credential& c = m->settings.credentials.empty() ? *m->settings.ap_settings
                                                                : m->settings.credentials[0];
          EXPECT_TRUE(validate_credential(c)) << v.name;
          again = build_m8(*m, *ak, *kwk, prev);
          break;
        }
        default: FAIL() << "unexpected type";
      }
      EXPECT_EQ(to_hex(again), to_hex(b)) << msg_type_name(p->type);
      ++rebuilt;
      if (p->type != MsgType::M1 && updates_previous_message(p->type)) {
        auto ok = verify_authenticator(*ak, prev, b);
        EXPECT_TRUE(ok) << msg_type_name(p->type) << ": " << (ok ? "" : describe(ok.error()));
      }
      if (updates_previous_message(p->type)) prev = p->raw;
    }
  }
  EXPECT_GE(rebuilt, 60);
  for (MsgType t :
       {MsgType::M1, MsgType::M2, MsgType::M2D, MsgType::M3, MsgType::M4, MsgType::M5, MsgType::M6,
        MsgType::M7, MsgType::M8, MsgType::WscAck, MsgType::WscNack, MsgType::WscDone})
    EXPECT_GT(seen[t], 0) << msg_type_name(t);
}

// The key schedule from the logged DH private key and the captured M1/M2 gives the logged keys.
TEST(InteropReplay, SessionKeysFromLoggedDhKeys) {
  int checked = 0;
  for (const Vectors& v : load_all()) {
    SCOPED_TRACE(v.name);
    auto a = crypto::DhPrivateKey::from_private(v.values.at("enrollee_dh_private"));
    ASSERT_TRUE(a);
    std::optional<M1> m1;
    for (const auto& msg : v.msgs) {
      auto p = parse_message(msg.bytes);
      ASSERT_TRUE(p);
      // Pair each M2 with the M1 it answers; an M1 made with another DH key (late-pin: the
      // extractor keeps the first logged private key) cannot be checked.
      if (p->type == MsgType::M1) {
        m1.reset();
        if (std::get<M1>(p->msg).public_key == a->public_key()) m1 = std::get<M1>(p->msg);
      }
      if (p->type != MsgType::M2 || !m1) continue;
      const M2& m2 = std::get<M2>(p->msg);
      auto z = a->derive(m2.public_key);
      ASSERT_TRUE(z);
      SessionKeys k =
          derive_session_keys(*z, m1->enrollee_nonce, m1->mac_address, m2.registrar_nonce);
      EXPECT_EQ(to_hex(k.dh_key.view()), to_hex(v.values.at("dhkey")));
      EXPECT_EQ(to_hex(k.kdk.view()), to_hex(v.values.at("kdk")));
      EXPECT_EQ(to_hex(k.auth_key.view()), to_hex(v.values.at("authkey")));
      EXPECT_EQ(to_hex(k.key_wrap_key.view()), to_hex(v.values.at("keywrapkey")));
      EXPECT_EQ(to_hex(k.emsk.view()), to_hex(v.values.at("emsk")));
      ++checked;
    }
  }
  EXPECT_GE(checked, 6);
}

}  // namespace
}  // namespace wps::wsc
