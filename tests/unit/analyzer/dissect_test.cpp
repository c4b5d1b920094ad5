#include "analyzer/dissect.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <random>

#include "air.hpp"
#include "pcap/reader.hpp"
#include "support/test_support.hpp"

namespace wps::analyzer {
namespace {

using test::hex;

/// Every record of a capture, owned (so the Frames' views stay valid).
struct Capture {
  int linktype = 0;
  std::vector<Bytes> data;
  std::vector<std::int64_t> ts;
};

Capture load(const std::filesystem::path& p) {
  Capture c;
  auto r = pcap::Reader::open(p);
  EXPECT_TRUE(r) << p;
  if (!r) return c;
  c.linktype = r->linktype();
  for (;;) {
    auto pk = r->next();
    if (!pk || !*pk) break;
    c.data.push_back(to_bytes((*pk)->data));
    c.ts.push_back((*pk)->timestamp_ns);
  }
  return c;
}

std::vector<Frame> dissect_all(const Capture& c) {
  std::vector<Frame> out;
  for (std::size_t i = 0; i < c.data.size(); ++i) {
    Frame f;
    RawPacket raw{c.data[i], c.linktype, c.ts[i], 0, i + 1};
    EXPECT_TRUE(dissect(raw, f)) << "frame " << i + 1;
    out.push_back(std::move(f));
  }
  return out;
}

std::string findings_of(const Frame& f) {
  std::string s;
  for (const auto& x : f.findings) s += std::string(to_string(x.severity)) + ": " + x.text + "\n";
  return s;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("wpslab-analyzer-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// --- the wired interop captures (values read with tshark -V) ----------------------------------

TEST(Dissect, PinCaptureEveryLayer) {
  auto c = load(air::interop_capture("pin"));
  ASSERT_EQ(c.data.size(), 14u);
  auto fr = dissect_all(c);
  // tshark: eapol.type / eap.code / eap.id / eap.wps.code / wps.message_type per frame.
  const int eapol_type[14] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const int eap_code[14] = {0, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 4};
  const int eap_id[14] = {0, 90, 90, 91, 91, 92, 92, 93, 93, 94, 94, 95, 95, 95};
  const int op[14] = {0, 0, 0, 1, 4, 4, 4, 4, 4, 4, 4, 4, 5, 0};
  const int msg[14] = {0, 0, 0, 0, 0x04, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0f, 0};
  for (int i = 0; i < 14; ++i) {
    const Frame& f = fr[i];
    SCOPED_TRACE("frame " + std::to_string(i + 1));
    EXPECT_EQ(f.link, LinkKind::Ethernet);
    EXPECT_EQ(f.kind, FrameKind::Wired);
    EXPECT_EQ(f.number, static_cast<std::uint64_t>(i + 1));
    EXPECT_TRUE(f.findings.empty()) << findings_of(f);
    ASSERT_TRUE(f.eapol);
    EXPECT_EQ(f.eapol->type, eapol_type[i]);
    EXPECT_EQ(f.ethertype, 0x888e);
    if (eap_code[i] == 0) {
      EXPECT_FALSE(f.eap);
      continue;
    }
    ASSERT_TRUE(f.eap);
    EXPECT_EQ(static_cast<int>(f.eap->code), eap_code[i]);
    EXPECT_EQ(f.eap->id, eap_id[i]);
    if (op[i] == 0) {
      EXPECT_FALSE(f.eap_wsc);
    } else {
      ASSERT_TRUE(f.eap_wsc);
      EXPECT_EQ(static_cast<int>(f.eap_wsc->op), op[i]);
      EXPECT_EQ(f.eap_wsc->flags, 0);
    }
    if (msg[i] == 0) {
      EXPECT_FALSE(f.wsc);
    } else {
      ASSERT_TRUE(f.wsc);
      EXPECT_EQ(f.wsc->msg_type, msg[i]);
      EXPECT_FALSE(f.wsc->partial);
    }
  }
  EXPECT_EQ(as_chars(*fr[2].eap->identity), "WFA-SimpleConfig-Enrollee-1-0");
  EXPECT_FALSE(fr[1].eap->identity->size());
  // M1 (tshark: wps.uuid_e, wps.mac_address, wps.enrollee_nonce, wps.device_name ...).
  const WscMsgInfo& m1 = *fr[4].wsc;
  EXPECT_EQ(m1.uuid_e->hex(), "123456789abcdef0123456789abcde01");
  EXPECT_EQ(m1.mac_address->str(), "02:00:00:00:0b:01");
  EXPECT_EQ(m1.enrollee_nonce->hex(), "b041d86a8a22e789a817500a7274a333");
  EXPECT_EQ(*m1.device_name, "InteropSTA");
  EXPECT_EQ(*m1.manufacturer, "TestVendor");
  EXPECT_EQ(*m1.model_name, "TestSTA");
  EXPECT_EQ(m1.config_methods, 0x2108);
  EXPECT_EQ(m1.device_password_id, 0);
  EXPECT_EQ(m1.version2, 0x20);
  EXPECT_EQ(m1.public_key->size(), 192u);
  EXPECT_FALSE(m1.authenticator);
  // M2.
  const WscMsgInfo& m2 = *fr[5].wsc;
  EXPECT_EQ(m2.registrar_nonce->hex(), "6d948a93d3db53aa821a66a3597d9c46");
  EXPECT_EQ(m2.enrollee_nonce->hex(), "b041d86a8a22e789a817500a7274a333");
  EXPECT_EQ(m2.uuid_r->hex(), "123456789abcdef0123456789abcdef0");
  EXPECT_EQ(to_hex(*m2.authenticator), "161988348b7823e2");
  EXPECT_EQ(*m2.device_name, "InteropAP");
  // M3 commits, M4 has R-Hashes and Encrypted Settings.
  EXPECT_TRUE(fr[6].wsc->e_hash1 && fr[6].wsc->e_hash2);
  EXPECT_TRUE(fr[7].wsc->r_hash1 && fr[7].wsc->r_hash2);
  EXPECT_EQ(fr[7].wsc->encrypted_settings->size(), 64u);
}

TEST(Dissect, PinCaptureEndpoints) {
  auto c = load(air::interop_capture("pin"));
  auto fr = dissect_all(c);
  auto start = endpoints(fr[0]);
  EXPECT_EQ(start.from, Role::Sta);
  EXPECT_EQ(start.sta->str(), "02:00:00:00:0b:01");
  EXPECT_FALSE(start.ap);  // sent to the PAE group address
  auto req = endpoints(fr[1]);
  EXPECT_EQ(req.from, Role::Ap);
  EXPECT_EQ(req.ap->str(), "02:00:00:00:0a:01");
  EXPECT_EQ(req.sta->str(), "02:00:00:00:0b:01");
  EXPECT_EQ(endpoints(fr[13]).from, Role::Ap);   // EAP-Failure
  EXPECT_EQ(endpoints(fr[12]).from, Role::Sta);  // WSC_Done response
}

TEST(Dissect, LatePinM2DAndAck) {
  auto fr = dissect_all(load(air::interop_capture("late-pin")));
  ASSERT_GE(fr.size(), 8u);
  ASSERT_TRUE(fr[5].wsc);
  EXPECT_EQ(fr[5].wsc->msg_type, 0x06);
  EXPECT_EQ(fr[5].wsc->config_error, 15);  // tshark: wps.configuration_error 0x000f
  EXPECT_TRUE(fr[5].findings.empty()) << findings_of(fr[5]);
  ASSERT_TRUE(fr[6].eap_wsc);
  EXPECT_EQ(fr[6].eap_wsc->op, eap::WscOpCode::WscAck);
  EXPECT_EQ(fr[6].wsc->msg_type, 0x0d);
}

TEST(Dissect, WrongPinNack) {
  auto fr = dissect_all(load(air::interop_capture("wrong-pin")));
  ASSERT_EQ(fr.size(), 10u);
  EXPECT_EQ(fr[8].eap_wsc->op, eap::WscOpCode::WscNack);
  EXPECT_EQ(fr[8].wsc->msg_type, 0x0e);
  EXPECT_EQ(fr[8].wsc->config_error, 18);
  EXPECT_EQ(endpoints(fr[8]).from, Role::Sta);
}

TEST(Dissect, FragmentsAreRecognised) {
  auto fr = dissect_all(load(air::interop_capture("frag")));
  ASSERT_EQ(fr.size(), 40u);
  // Frame 5: first fragment of M1, flags 0x03, Message Length 389 (tshark eap.wps.msglen).
  ASSERT_TRUE(fr[4].eap_wsc);
  EXPECT_EQ(fr[4].eap_wsc->flags, 0x03);
  EXPECT_EQ(fr[4].eap_wsc->message_length, 389);
  EXPECT_EQ(fr[4].eap_wsc->data.size(), 96u);
  EXPECT_TRUE(fr[4].eap_wsc->fragment());
  ASSERT_TRUE(fr[4].wsc);
  EXPECT_TRUE(fr[4].wsc->partial);
  EXPECT_EQ(fr[4].wsc->msg_type, 0x04);
  EXPECT_TRUE(fr[4].findings.empty()) << findings_of(fr[4]);
  // Frame 6: WSC_FRAG_ACK from the AP.
  EXPECT_EQ(fr[5].eap_wsc->op, eap::WscOpCode::WscFragAck);
  // Frame 7: middle fragment (flags 0x01): nothing to decode, nothing to complain about.
  EXPECT_EQ(fr[6].eap_wsc->flags, 0x01);
  EXPECT_FALSE(fr[6].wsc);
  EXPECT_TRUE(fr[6].findings.empty()) << findings_of(fr[6]);
  // Frame 11: last fragment (flags 0): no Message Type, only a note.
  EXPECT_FALSE(fr[10].wsc);
  ASSERT_EQ(fr[10].findings.size(), 1u);
  EXPECT_EQ(fr[10].findings[0].severity, Severity::Note);
}

// --- 802.11 frames of a synthesized radiotap capture ------------------------------------------

class AirDissect : public ::testing::Test {
 protected:
  void SetUp() override {
    b.full_run("pin", 2);
    ASSERT_TRUE(b.write(dir.path / "air.pcap"));
    ASSERT_TRUE(b.write(dir.path / "air-fcs.pcap", true));
    ASSERT_TRUE(b.write_plain(dir.path / "air-105.pcap"));
    cap = load(dir.path / "air.pcap");
    frames = dissect_all(cap);
  }
  TempDir dir;
  air::AirBuilder b;
  Capture cap;
  std::vector<Frame> frames;

  const Frame& first(FrameKind k, int skip = 0) {
    for (const auto& f : frames) {
      if (f.kind == k && skip-- == 0) return f;
    }
    ADD_FAILURE() << "no frame of kind " << to_string(k);
    return frames.front();
  }
};

TEST_F(AirDissect, Beacon) {
  const Frame& f = first(FrameKind::Beacon);
  EXPECT_EQ(f.link, LinkKind::Dot11);
  EXPECT_TRUE(f.findings.empty()) << findings_of(f);
  EXPECT_EQ(f.radio.signal_dbm, -42);
  EXPECT_EQ(f.radio.freq_mhz, 2437);
  EXPECT_EQ(channel_of(2437), 6);
  EXPECT_EQ(f.mgmt.channel, 6);
  EXPECT_EQ(as_chars(*f.mgmt.ssid), air::kSsid);
  EXPECT_TRUE(f.mgmt.rsn);
  EXPECT_EQ(f.mgmt.beacon_interval, 100);
  ASSERT_TRUE(f.wps_ie.present);
  EXPECT_EQ(f.mgmt.wps_ie_count, 1);
  EXPECT_EQ(f.wps_ie.version, 0x10);
  EXPECT_EQ(f.wps_ie.version2, 0x20);
  EXPECT_EQ(f.wps_ie.wps_state, 2);
  EXPECT_EQ(f.wps_ie.selected_registrar, true);
  EXPECT_EQ(f.wps_ie.device_password_id, 0);
  EXPECT_EQ(f.wps_ie.sel_reg_config_methods, 0x238c);
  EXPECT_EQ(f.wps_ie.authorized_mac_count, 1);
  EXPECT_EQ(f.wps_ie.authorized_macs[0], MacAddr::broadcast());
  EXPECT_FALSE(f.wps_ie.ap_setup_locked);
  EXPECT_EQ(f.dot11->bssid, air::kAp);
  auto ep = endpoints(f);
  EXPECT_EQ(ep.from, Role::Ap);
  EXPECT_EQ(ep.ap, air::kAp);
  EXPECT_FALSE(ep.sta);
}

TEST_F(AirDissect, ProbesAuthAssocDeauth) {
  const Frame& preq = first(FrameKind::ProbeRequest);
  EXPECT_TRUE(preq.findings.empty()) << findings_of(preq);
  EXPECT_EQ(preq.wps_ie.request_type, 1);
  EXPECT_EQ(preq.wps_ie.request_to_enroll, true);
  EXPECT_EQ(*preq.wps_ie.device_name, "test-sta");
  EXPECT_EQ(endpoints(preq).from, Role::Sta);
  EXPECT_FALSE(endpoints(preq).ap);  // wildcard BSSID
  const Frame& presp = first(FrameKind::ProbeResponse);
  EXPECT_EQ(*presp.wps_ie.model_name, "Lab AP");
  EXPECT_EQ(presp.wps_ie.response_type, 3);
  EXPECT_EQ(endpoints(presp).sta, air::kSta);
  const Frame& a1 = first(FrameKind::Authentication);
  EXPECT_EQ(a1.mgmt.auth_algorithm, 0);
  EXPECT_EQ(a1.mgmt.auth_seq, 1);
  EXPECT_EQ(a1.mgmt.status, 0);
  EXPECT_EQ(endpoints(a1).from, Role::Sta);
  const Frame& a2 = first(FrameKind::Authentication, 1);
  EXPECT_EQ(a2.mgmt.auth_seq, 2);
  EXPECT_EQ(endpoints(a2).from, Role::Ap);
  const Frame& ar = first(FrameKind::AssociationRequest);
  EXPECT_TRUE(ar.wps_ie.present);
  EXPECT_EQ(ar.wps_ie.request_type, 1);
  EXPECT_FALSE(ar.mgmt.rsn);
  EXPECT_TRUE(ar.findings.empty()) << findings_of(ar);
  const Frame& resp = first(FrameKind::AssociationResponse);
  EXPECT_EQ(resp.mgmt.status, 0);
  EXPECT_EQ(resp.mgmt.aid, 1);
  EXPECT_EQ(resp.wps_ie.response_type, 3);
  const Frame& ar2 = first(FrameKind::AssociationRequest, 1);
  EXPECT_FALSE(ar2.wps_ie.present);
  EXPECT_TRUE(ar2.mgmt.rsn);
  const Frame& d = first(FrameKind::Deauthentication);
  EXPECT_EQ(d.mgmt.reason, 23);
  EXPECT_EQ(endpoints(d).from, Role::Ap);
}

TEST_F(AirDissect, EapolInDataFrames) {
  std::vector<const Frame*> eapol;
  for (const auto& f : frames) {
    if (f.eapol) eapol.push_back(&f);
  }
  ASSERT_EQ(eapol.size(), 14u + 4u);
  EXPECT_EQ(eapol[0]->eapol->type, 1);
  EXPECT_EQ(endpoints(*eapol[0]).from, Role::Sta);
  EXPECT_EQ(endpoints(*eapol[0]).ap, air::kAp);
  EXPECT_EQ(eapol[4]->wsc->msg_type, 0x04);
  EXPECT_EQ(eapol[13]->eap->code, eap::EapCode::Failure);
  EXPECT_EQ(endpoints(*eapol[13]).from, Role::Ap);
  EXPECT_EQ(endpoints(*eapol[13]).sta, air::kSta);
  for (const auto* f : eapol) EXPECT_TRUE(f->findings.empty()) << findings_of(*f);
  const wpa2::KeyMessage want[4] = {wpa2::KeyMessage::Pairwise1, wpa2::KeyMessage::Pairwise2,
                                    wpa2::KeyMessage::Pairwise3, wpa2::KeyMessage::Pairwise4};
  const std::uint64_t replay[4] = {1, 1, 2, 2};
  const Role from[4] = {Role::Ap, Role::Sta, Role::Ap, Role::Sta};
  for (int i = 0; i < 4; ++i) {
    const Frame& k = *eapol[14 + i];
    ASSERT_TRUE(k.key);
    EXPECT_EQ(k.key->message, want[i]);
    EXPECT_EQ(k.key->replay_counter, replay[i]);
    EXPECT_EQ(k.key->descriptor_type, 2);
    EXPECT_EQ(endpoints(k).from, from[i]);
    EXPECT_EQ(k.key->frame.size(), k.eapol->body_length + 4u);
  }
  EXPECT_EQ(eapol[14]->key->nonce[0], 0xa0);
  EXPECT_TRUE(eapol[14]->key->mic_is_zero());
  EXPECT_FALSE(eapol[15]->key->mic_is_zero());
  EXPECT_TRUE(eapol[17]->key->nonce_is_zero());
}

TEST_F(AirDissect, ProtectedData) {
  const Frame& d = first(FrameKind::Data, 18);  // after the 18 EAPOL data frames
  EXPECT_TRUE(d.dot11->protected_frame());
  EXPECT_EQ(d.data.cipher, Cipher::Ccmp);
  EXPECT_EQ(d.data.pn, 1u);
  EXPECT_EQ(d.data.key_id, 0);
  EXPECT_FALSE(d.eapol);
  const Frame& d2 = first(FrameKind::Data, 20);
  EXPECT_EQ(d2.data.pn, 2u);
  EXPECT_EQ(endpoints(d2).from, Role::Sta);
}

TEST_F(AirDissect, FcsVariantsDecodeTheSame) {
  auto with_fcs = dissect_all(load(dir.path / "air-fcs.pcap"));
  auto plain = dissect_all(load(dir.path / "air-105.pcap"));
  ASSERT_EQ(with_fcs.size(), frames.size());
  ASSERT_EQ(plain.size(), frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(with_fcs[i].radio.fcs_removed);
    EXPECT_FALSE(plain[i].radio.fcs_removed);
    EXPECT_EQ(with_fcs[i].kind, frames[i].kind);
    EXPECT_EQ(plain[i].kind, frames[i].kind);
    EXPECT_EQ(with_fcs[i].findings.size(), frames[i].findings.size()) << findings_of(with_fcs[i]);
    EXPECT_EQ(plain[i].findings.size(), frames[i].findings.size()) << findings_of(plain[i]);
    EXPECT_EQ(static_cast<bool>(with_fcs[i].eapol), static_cast<bool>(frames[i].eapol));
  }
  // LINKTYPE 105 with an FCS: detected and removed.
  Bytes f = dot11::append_fcs(b.frames[0].dot11);
  Frame out;
  ASSERT_TRUE(dissect({f, 105, 0, 0, 1}, out));
  EXPECT_TRUE(out.radio.fcs_removed);
  EXPECT_EQ(out.kind, FrameKind::Beacon);
  EXPECT_TRUE(out.findings.empty()) << findings_of(out);
}

TEST_F(AirDissect, PpiAndCooked) {
  // PPI: version 0, flags 0, length 8, DLT 105, then the frame.
  Bytes ppi = hex("00 00 08 00 69 00 00 00");
  ppi.insert(ppi.end(), b.frames[0].dot11.begin(), b.frames[0].dot11.end());
  Frame f;
  ASSERT_TRUE(dissect({ppi, 192, 0, 0, 1}, f));
  EXPECT_EQ(f.kind, FrameKind::Beacon);
  EXPECT_TRUE(f.wps_ie.present);
  // Linux cooked v1 carrying EAPOL-Start from 02:00:00:00:0b:01 (outgoing).
  Bytes sll = hex("0004 0001 0006 02000000 0b01 0000 888e 01 01 0000");
  ASSERT_TRUE(dissect({sll, 113, 0, 0, 1}, f));
  EXPECT_EQ(f.link, LinkKind::Cooked);
  ASSERT_TRUE(f.eapol);
  EXPECT_EQ(f.eapol->type, 1);
  EXPECT_EQ(f.src, air::kSta);
  EXPECT_EQ(endpoints(f).from, Role::Sta);
  // Linux cooked v2: protocol, reserved, ifindex, hatype 1, pkttype 0, halen 6, address.
  Bytes sll2 = hex("888e 0000 00000002 0001 00 06 02000000 0a01 0000 02 00 0004 04 5a 0004");
  ASSERT_TRUE(dissect({sll2, 276, 0, 0, 1}, f));
  ASSERT_TRUE(f.eap);
  EXPECT_EQ(f.eap->code, eap::EapCode::Failure);
  EXPECT_EQ(f.eap->id, 0x5a);
  EXPECT_EQ(endpoints(f).from, Role::Ap);
  EXPECT_EQ(endpoints(f).ap, air::kAp);
  // Cooked capture of a radiotap interface (ARPHRD 803).
  Bytes sll_rt = hex("0000 0323 0006 02000000 0a01 0000 0019");
  Bytes rt = air::AirBuilder::radiotap_packet(b.frames[0].dot11, false);
  sll_rt.insert(sll_rt.end(), rt.begin(), rt.end());
  ASSERT_TRUE(dissect({sll_rt, 113, 0, 0, 1}, f));
  EXPECT_EQ(f.kind, FrameKind::Beacon);
  EXPECT_EQ(f.wps_ie.selected_registrar, true);
}

// --- malformed input -------------------------------------------------------------------------

Frame eth(std::string_view eapol_hex) {
  Bytes p = hex("02000000 0b01 02000000 0a01 888e");
  Bytes e = hex(eapol_hex);
  p.insert(p.end(), e.begin(), e.end());
  static std::vector<Bytes> keep;  // the frame's views must outlive the test
  keep.push_back(p);
  Frame f;
  (void)dissect({keep.back(), 1, 0, 0, 1}, f);
  return f;
}

bool has(const Frame& f, Errc code, Severity s) {
  for (const auto& x : f.findings) {
    if (x.code == code && x.severity == s) return true;
  }
  return false;
}

TEST(DissectMalformed, EapolAndEapHeaders) {
  EXPECT_TRUE(has(eth("02 00"), Errc::Truncated, Severity::Error));
  auto f = eth("07 01 0000");
  EXPECT_TRUE(has(f, Errc::EapolBadVersion, Severity::Warning));
  EXPECT_EQ(f.eapol->type, 1);  // still decoded
  EXPECT_TRUE(has(eth("02 09 0000"), Errc::EapolBadType, Severity::Warning));
  // EAPOL body length larger than what is there: decoded with what is present.
  f = eth("02 00 0010 04 07 0004");
  EXPECT_TRUE(has(f, Errc::Truncated, Severity::Warning));
  ASSERT_TRUE(f.eap);
  EXPECT_EQ(f.eap->code, eap::EapCode::Failure);
  EXPECT_TRUE(has(eth("02 00 0004 09 07 0004"), Errc::EapBadCode, Severity::Error));
  EXPECT_TRUE(has(eth("02 00 0004 04 07 0006"), Errc::Truncated, Severity::Warning));
  EXPECT_TRUE(has(eth("02 00 0004 01 07 0004"), Errc::BadLength, Severity::Error));
  // Expanded type cut short; WSC header with an undefined flag.
  EXPECT_TRUE(has(eth("02 00 0008 01 07 0008 fe 00372a"), Errc::Truncated, Severity::Error));
  f = eth("02 00 000e 01 07 000e fe 00372a 00000001 01 80");
  EXPECT_TRUE(has(f, Errc::WscBadFlags, Severity::Error));
  EXPECT_TRUE(f.eap);
}

TEST(DissectMalformed, WscAttributes) {
  // WSC_MSG M2 whose Authenticator is 7 octets and which lacks most mandatory attributes.
  auto f = eth("02 00 0023 01 07 0023 fe 00372a 00000001 04 00"
               "104a 0001 10  1022 0001 05  1005 0007 00112233445566");
  ASSERT_TRUE(f.wsc);
  EXPECT_EQ(f.wsc->msg_type, 0x05);
  EXPECT_FALSE(f.wsc->authenticator);
  EXPECT_TRUE(has(f, Errc::AttrBadLength, Severity::Warning));
  EXPECT_TRUE(has(f, Errc::AttrMissing, Severity::Warning));
  // An attribute running past the end, and a WSC_ACK sent with op-code WSC_MSG.
  f = eth("02 00 001d 01 07 001d fe 00372a 00000001 04 00 104a 0001 10 1022 0001 0d 1039 0010 00");
  EXPECT_EQ(f.wsc->msg_type, 0x0d);
  EXPECT_TRUE(has(f, Errc::AttrTruncated, Severity::Warning));
  EXPECT_TRUE(has(f, Errc::WscBadOpCode, Severity::Warning));
  // Duplicate Message Type, unknown value.
  f = eth("02 00 001d 01 07 001d fe 00372a 00000001 04 00 104a 0001 10 1022 0001 44 1022 0001 04");
  EXPECT_TRUE(has(f, Errc::AttrDuplicate, Severity::Warning));
  EXPECT_TRUE(has(f, Errc::UnknownMessageType, Severity::Warning));
  // EAPOL-Key cut short.
  EXPECT_TRUE(has(eth("02 03 0005 02 008a 0010"), Errc::Truncated, Severity::Error));
}

TEST(DissectMalformed, LinkLayers) {
  Frame f;
  Bytes junk = hex("0102030405");
  auto r = dissect({junk, 9999, 0, 0, 1}, f);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::PcapBadLinktype);
  EXPECT_EQ(f.findings.size(), 1u);
  r = dissect({junk, 127, 0, 0, 1}, f);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::PcapBadRadiotap);
  Bytes short80211 = hex("8000 0000 ffffffffffff");
  EXPECT_TRUE(dissect({short80211, 105, 0, 0, 1}, f));  // something was decoded
  EXPECT_EQ(f.kind, FrameKind::Beacon);
  EXPECT_TRUE(has(f, Errc::Truncated, Severity::Error));
  Bytes badver = hex("8300");
  r = dissect({badver, 105, 0, 0, 1}, f);  // nothing decodable: the frame fails
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::Dot11BadFrameControl);
  EXPECT_TRUE(has(f, Errc::Dot11BadFrameControl, Severity::Error));
  // Beacon whose element list overruns.
  Bytes beacon = hex("8000 0000 ffffffffffff 020000000a01 020000000a01 1000"
                     "0000000000000000 6400 1100 0004 6162 63");
  EXPECT_TRUE(dissect({beacon, 105, 0, 0, 1}, f));
  EXPECT_TRUE(has(f, Errc::Dot11BadIe, Severity::Warning));
  // Snap-length cut noted.
  EXPECT_TRUE(dissect({beacon, 105, 0, 500, 1}, f));
  EXPECT_TRUE(has(f, Errc::Truncated, Severity::Note));
}

TEST(DissectMalformed, EveryTruncationAndRandomCorruptionOfRealFrames) {
  // Every prefix of every frame of two captures, radiotap and Ethernet, then random octet
  // corruption: the dissector must neither crash nor lose the frame count.
  TempDir dir;
  air::AirBuilder b;
  b.full_run("frag", 1, true, 2);
  ASSERT_TRUE(b.write(dir.path / "a.pcap", true));
  std::vector<Capture> caps = {load(air::interop_capture("pin")), load(dir.path / "a.pcap")};
  std::mt19937 rng(7);
  Frame f;
  std::size_t runs = 0;
  for (const auto& c : caps) {
    for (const auto& pkt : c.data) {
      for (std::size_t n = 0; n <= pkt.size(); ++n) {
        (void)dissect({ByteView(pkt).first(n), c.linktype, 0, 0, 1}, f);
        ++runs;
      }
      for (int k = 0; k < 20; ++k) {
        Bytes m = pkt;
        for (int j = 0; j < 3; ++j)
          m[rng() % m.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        (void)dissect({m, c.linktype, 0, 0, 1}, f);
        ++runs;
      }
    }
  }
  EXPECT_GT(runs, 10000u);
}

}  // namespace
}  // namespace wps::analyzer

namespace wps::analyzer {
namespace {

TEST(DissectWpsIe, ConditionalAndStrictRules) {
  air::AirBuilder b;
  // Beacon: Selected Registrar = 1 but no Device Password ID / Sel. Reg. Config Methods.
  dot11::Beacon bc;
  bc.elements = air::AirBuilder::base_elements();
  dot11::append_wps_ies(bc.elements, test::hex("104a 0001 10 1044 0001 02 1041 0001 01"));
  b.mgmt(bc, true, MacAddr::broadcast());
  // Probe Request without UUID-E and UUID-R: only the strict msg_discovery parser objects.
  dot11::ProbeRequest pr;
  wsc::ProbeRequestIe ie;
  ie.config_methods = 0x2108;
  ie.primary_device_type = {1, wsc::kWfaDeviceTypeOui, 1};
  dot11::append_wps_ies(pr.elements, wsc::build_probe_request_ie(ie));
  b.mgmt(pr, false, MacAddr::broadcast(), MacAddr::broadcast());
  Frame f;
  ASSERT_TRUE(dissect({b.frames[0].dot11, 105, 0, 0, 1}, f));
  ASSERT_EQ(f.findings.size(), 1u) << findings_of(f);
  EXPECT_EQ(f.findings[0].code, Errc::AttrMissing);
  EXPECT_NE(f.findings[0].text.find("Selected Registrar = 1 without"), std::string::npos);
  ASSERT_TRUE(dissect({b.frames[1].dot11, 105, 0, 0, 2}, f));
  ASSERT_EQ(f.findings.size(), 1u) << findings_of(f);
  EXPECT_EQ(f.findings[0].code, Errc::AttrMissing);
  EXPECT_NE(f.findings[0].text.find("strict parser"), std::string::npos) << f.findings[0].text;
  EXPECT_NE(f.findings[0].text.find("attr=0x1047"), std::string::npos) << f.findings[0].text;
}

}  // namespace
}  // namespace wps::analyzer
