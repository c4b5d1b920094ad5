// Test helper: builds 802.11 (radiotap) captures of a whole WPS connection around the real
// EAPOL frames of the wired interop captures (hostapd 2.10 <-> wpa_supplicant 2.10):
//
//   Discovery   beacons (WPS IE), probe request / response
//   Round 1     authentication seq 1/2, association request/response with the WPS IE
//   WPS         the interop capture's EAPOL frames, carried in 802.11 data frames with LLC/SNAP
//   (end)       deauthentication reason 23 from the AP
//   Round 2     authentication, association with the RSN IE
//   4-way       EAPOL-Key 1/4..4/4 built with the wpa2 codec from the credential of M8
//   Data        CCMP-protected data frames (real CCMP under the TK)
//
// Every nonce and timestamp is fixed, so a run produces the same bytes each time.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "dot11/codec.hpp"
#include "dot11/ie.hpp"
#include "dot11/rsn.hpp"
#include "eap/eapol.hpp"
#include "pcap/radiotap.hpp"
#include "pcap/reader.hpp"
#include "pcap/writer.hpp"
#include "support/test_support.hpp"
#include "wpa2/ccmp.hpp"
#include "wpa2/eapol_key.hpp"
#include "wpa2/keys.hpp"
#include "wsc/msg_discovery.hpp"

namespace wps::analyzer::air {

inline const MacAddr kAp({0x02, 0x00, 0x00, 0x00, 0x0a, 0x01});
inline const MacAddr kSta({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});
/// The credential hostapd hands out in the interop runs (M8 of captures/pin).
inline constexpr const char* kSsid = "wps-interop-test";
inline constexpr const char* kPassphrase = "interop-passphrase-1234";

inline std::filesystem::path interop_capture(const std::string& mode) {
  return test::capture_pcap(mode);
}

/// One EAPOL frame of a wired capture.
struct WiredEapol {
  std::int64_t t_ns = 0;
  bool from_sta = false;
  Bytes eapol;
};

/// The EAPOL payloads of an Ethernet capture; the sender is the STA when dst is the PAE group
/// address (REPORT: the supplicant sends there, hostapd answers unicast).
inline std::vector<WiredEapol> wired_eapol(const std::filesystem::path& p) {
  std::vector<WiredEapol> out;
  auto r = pcap::Reader::open(p);
  if (!r) return out;
  for (;;) {
    auto pk = r->next();
    if (!pk || !*pk) break;
    auto eth = eap::parse_ethernet((*pk)->data);
    if (!eth) continue;
    auto e = eap::parse_eapol(eth->payload);
    if (!e) continue;
    out.push_back({(*pk)->timestamp_ns, eth->dst == eap::kPaeGroupAddress,
                   to_bytes(eth->payload.first(4 + e->body.size()))});
  }
  return out;
}

/// Writes EAPOL frames as an Ethernet capture the way the wired interop runs look: the STA sends
/// to the PAE group address, the AP (02:00:00:00:0a:01) answers unicast. `sta` replaces the
/// station's MAC in the Ethernet header (the WSC payloads are kept as they are).
struct WiredFrame {
  std::int64_t t_ns = 0;
  bool from_sta = false;
  Bytes eapol;
  MacAddr sta;
};

inline std::vector<WiredFrame> as_wired(const std::vector<WiredEapol>& w, const MacAddr& sta,
                                        std::int64_t shift_ns = 0) {
  std::vector<WiredFrame> out;
  for (const auto& e : w) out.push_back({e.t_ns + shift_ns, e.from_sta, e.eapol, sta});
  return out;
}

inline bool write_ethernet(const std::filesystem::path& path, std::vector<WiredFrame> frames) {
  std::stable_sort(frames.begin(), frames.end(),
                   [](const WiredFrame& a, const WiredFrame& b) { return a.t_ns < b.t_ns; });
  pcap::WriterOptions o;
  o.linktype = pcap::Linktype::Ethernet;
  o.precision = pcap::TsPrecision::Nano;
  auto w = pcap::Writer::open(path, o);
  if (!w) return false;
  const MacAddr ap({0x02, 0x00, 0x00, 0x00, 0x0a, 0x01});
  for (const auto& f : frames) {
    Bytes e = f.from_sta ? eap::build_ethernet(eap::kPaeGroupAddress, f.sta, f.eapol)
                         : eap::build_ethernet(f.sta, ap, f.eapol);
    if (!w->write(TimePoint::from_ns(f.t_ns), e)) return false;
  }
  return w->close().has_value();
}

class AirBuilder {
 public:
  struct Frame {
    std::int64_t t_ns;
    Bytes dot11;  // 802.11 frame without FCS
    bool retry = false;
  };

  std::int64_t t = 1'700'000'000'000'000'000;  // 2023-11-14, fixed
  std::vector<Frame> frames;

  void at(std::int64_t ns) { t = ns; }
  void step(std::int64_t ns = 300'000) { t += ns; }

  void mgmt(dot11::MgmtBody body, bool from_ap, const MacAddr& da, const MacAddr& bssid = kAp) {
    dot11::MgmtFrame m;
    m.header.da = da;
    m.header.sa = from_ap ? kAp : kSta;
    m.header.bssid = bssid;
    m.header.seq = (from_ap ? seq_ap_ : seq_sta_).next();
    m.body = std::move(body);
    frames.push_back({t, dot11::build_mgmt(m)});
    step();
  }

  static dot11::Elements base_elements() {
    dot11::Elements el;
    el.push_back(dot11::make_ssid(as_bytes(kSsid)));
    dot11::append_rates(el, dot11::default_rates());
    el.push_back(dot11::make_ds_parameter_set(6));
    return el;
  }

  static wsc::BeaconIe beacon_ie(bool selected) {
    wsc::BeaconIe ie;
    ie.wps_state = wsc::WpsState::Configured;
    if (selected) {
      ie.selected_registrar = true;
      ie.device_password_id = wsc::DevicePasswordId::Default;
      ie.selected_registrar_config_methods = 0x238c;
      ie.wfa_ext.authorized_macs.push_back(MacAddr::broadcast());
    }
    return ie;
  }

  void beacon(bool selected = true, bool locked = false) {
    dot11::Beacon b;
    b.timestamp = static_cast<std::uint64_t>(t / 1000);
    b.capability = dot11::cap::kEss | dot11::cap::kPrivacy;
    b.elements = base_elements();
    b.elements.push_back(dot11::make_rsn(dot11::wpa2_psk_ccmp()));
    auto ie = beacon_ie(selected);
    if (locked) ie.ap_setup_locked = true;
    dot11::append_wps_ies(b.elements, wsc::build_beacon_ie(ie));
    mgmt(b, true, MacAddr::broadcast());
  }

  void probe_request() {
    dot11::ProbeRequest p;
    p.elements.push_back(dot11::make_ssid({}));
    dot11::append_rates(p.elements, dot11::default_rates());
    wsc::ProbeRequestIe ie;
    ie.config_methods = 0x2108;
    ie.uuid_e = Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    ie.primary_device_type = {1, wsc::kWfaDeviceTypeOui, 1};
    ie.rf_bands = 1;
    ie.manufacturer = "wpslab";
    ie.model_name = "sta";
    ie.model_number = "1";
    ie.device_name = "test-sta";
    ie.wfa_ext.request_to_enroll = true;
    dot11::append_wps_ies(p.elements, wsc::build_probe_request_ie(ie));
    mgmt(p, false, MacAddr::broadcast(), MacAddr::broadcast());
  }

  void probe_response() {
    dot11::ProbeResponse p;
    p.capability = dot11::cap::kEss | dot11::cap::kPrivacy;
    p.elements = base_elements();
    p.elements.push_back(dot11::make_rsn(dot11::wpa2_psk_ccmp()));
    wsc::ProbeResponseIe ie;
    ie.selected_registrar = true;
    ie.device_password_id = wsc::DevicePasswordId::Default;
    ie.selected_registrar_config_methods = 0x238c;
    ie.uuid_e = Uuid({9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    ie.device = {"hostapd-like", "Lab AP", "42", "0001", {6, wsc::kWfaDeviceTypeOui, 1}, "lab-ap"};
    ie.config_methods = 0x2108;
    ie.rf_bands = 1;
    dot11::append_wps_ies(p.elements, wsc::build_probe_response_ie(ie));
    mgmt(p, true, kSta);
  }

  void auth(std::uint16_t seq, std::uint16_t status = 0) {
    dot11::Authentication a;
    a.transaction_seq = seq;
    a.status = static_cast<dot11::StatusCode>(status);
    mgmt(a, seq == 2, seq == 2 ? kSta : kAp);
  }

  void assoc_request(bool wps) {
    dot11::AssociationRequest a;
    a.capability = dot11::cap::kEss;
    a.elements = base_elements();
    a.elements.erase(a.elements.begin() + 2);  // no DS parameter set
    if (wps) {
      dot11::append_wps_ies(a.elements, wsc::build_assoc_request_ie({}));
    } else {
      a.elements.push_back(dot11::make_rsn(dot11::wpa2_psk_ccmp()));
    }
    mgmt(a, false, kAp);
  }

  void assoc_response(bool wps, std::uint16_t aid = 1, std::uint16_t status = 0) {
    dot11::AssociationResponse a;
    a.status = static_cast<dot11::StatusCode>(status);
    a.aid = aid;
    a.elements.push_back(dot11::Element(dot11::ElementId::SupportedRates, Bytes{0x82, 0x84}));
    if (wps) dot11::append_wps_ies(a.elements, wsc::build_assoc_response_ie({}));
    mgmt(a, true, kSta);
  }

  void deauth(bool from_ap, std::uint16_t reason) {
    dot11::Deauthentication d;
    d.reason = static_cast<dot11::ReasonCode>(reason);
    mgmt(d, from_ap, from_ap ? kSta : kAp);
  }

  void eapol(bool from_sta, ByteView eapol_frame, bool retry = false) {
    Bytes body = dot11::build_llc_snap(dot11::kEtherTypeEapol, eapol_frame);
    dot11::DataFrame d = from_sta ? dot11::make_to_ds(kAp, kSta, kAp, std::move(body))
                                  : dot11::make_from_ds(kSta, kAp, kAp, std::move(body));
    d.seq = (from_sta ? seq_sta_ : seq_ap_).next();
    if (retry) {
      d.flags.retry = true;
      d.seq = last_data_seq_;
    }
    last_data_seq_ = d.seq;
    frames.push_back({t, dot11::build_data(d), retry});
    step();
  }

  /// The EAPOL frames of a wired capture, at their capture times shifted to `t`.
  void wired(const std::vector<WiredEapol>& w) {
    if (w.empty()) return;
    std::int64_t base = w.front().t_ns, start = t;
    for (const auto& e : w) {
      t = start + (e.t_ns - base);
      eapol(e.from_sta, e.eapol);
    }
  }

  /// The 4-way handshake under PMK(passphrase, ssid). `wrong_mic_msg2`: corrupt msg 2's MIC.
  void four_way(const std::string& passphrase = kPassphrase, bool wrong_mic_msg2 = false,
                bool stop_after_msg2 = false) {
    auto pmk = wpa2::pmk_from_passphrase(as_bytes(passphrase), as_bytes(kSsid));
    ANonce an;
    SNonce sn;
    for (int i = 0; i < 32; ++i) {
      an.mut()[i] = static_cast<std::uint8_t>(0xa0 + i);
      sn.mut()[i] = static_cast<std::uint8_t>(0x50 + i);
    }
    auto ptk = wpa2::derive_ptk(*pmk, {kAp}, {kSta}, an, sn);
    auto kck = wpa2::ptk_kck(ptk);
    auto kek = wpa2::ptk_kek(ptk);
    wpa2::EapolKey m1;
    m1.key_info = wpa2::key_info::kMsg1;
    m1.key_length = 16;
    m1.replay_counter = 1;
    m1.nonce = an.get();
    eapol(false, wpa2::build_eapol_key(m1));
    wpa2::EapolKey m2;
    m2.key_info = wpa2::key_info::kMsg2;
    m2.replay_counter = 1;
    m2.nonce = sn.get();
    m2.key_data = dot11::build_rsn_element(dot11::wpa2_psk_ccmp());
    Bytes f2 = wpa2::build_eapol_key_signed(m2, kck);
    if (wrong_mic_msg2) f2[wpa2::kMicOffset] ^= 1;
    eapol(true, f2);
    if (stop_after_msg2) return;
    wpa2::EapolKey m3;
    m3.key_info = wpa2::key_info::kMsg3;
    m3.key_length = 16;
    m3.replay_counter = 2;
    m3.nonce = an.get();
    Bytes plain = dot11::build_rsn_element(dot11::wpa2_psk_ccmp());
    auto gtk = crypto::Gtk::from(test::hex("00112233445566778899aabbccddeeff"));
    auto kde = wpa2::build_gtk_kde(*gtk, 1, true);
    plain.insert(plain.end(), kde.begin(), kde.end());
    m3.key_data = *wpa2::wrap_key_data(kek, plain);
    eapol(false, wpa2::build_eapol_key_signed(m3, kck));
    wpa2::EapolKey m4;
    m4.key_info = wpa2::key_info::kMsg4;
    m4.replay_counter = 2;
    eapol(true, wpa2::build_eapol_key_signed(m4, kck));
    tk_ = wpa2::ptk_tk(ptk);
  }

  /// CCMP data frames alternating STA->AP / AP->STA (needs four_way() first).
  void data(int n) {
    for (int i = 0; i < n; ++i) {
      bool from_sta = i % 2 == 0;
      Bytes plain = dot11::build_llc_snap(0x0800, Bytes(40, static_cast<std::uint8_t>(i)));
      dot11::DataFrame d = from_sta ? dot11::make_to_ds(kAp, kSta, MacAddr::broadcast(), {})
                                    : dot11::make_from_ds(kSta, kAp, kAp, {});
      d.seq = (from_sta ? seq_sta_ : seq_ap_).next();
      d.flags.protected_frame = true;
      Bytes hdr = dot11::build_data_header(d);
      wpa2::MpduHeader mh;
      mh.frame_control = static_cast<std::uint16_t>(hdr[0] | (hdr[1] << 8));
      mh.a1 = d.addr1;
      mh.a2 = d.addr2;
      mh.a3 = d.addr3;
      mh.sequence_control = d.seq.to_u16();
      std::uint64_t& pn = from_sta ? pn_sta_ : pn_ap_;
      auto body = wpa2::ccmp_protect(tk_, mh, ++pn, 0, plain);
      hdr.insert(hdr.end(), body->begin(), body->end());
      frames.push_back({t, hdr});
      step(1'000'000);
    }
  }

  /// The whole successful run around a wired capture (`beacons` beacons, 100 ms apart, first).
  void full_run(const std::string& mode, int beacons = 3, bool round2 = true, int data_frames = 6) {
    for (int i = 0; i < beacons; ++i) {
      beacon();
      step(100'000'000);
    }
    probe_request();
    probe_response();
    auth(1);
    auth(2);
    assoc_request(true);
    assoc_response(true);
    wired(wired_eapol(interop_capture(mode)));
    step(10'000'000);
    deauth(true, 23);
    if (!round2) return;
    step(50'000'000);
    auth(1);
    auth(2);
    assoc_request(false);
    assoc_response(false);
    four_way();
    data(data_frames);
  }

  /// Radiotap header (flags, rate, channel 2437, signal) + frame [+ FCS].
  static Bytes radiotap_packet(ByteView dot11_frame, bool fcs) {
    pcap::RadiotapFields rf;
    rf.flags = fcs ? pcap::kRadiotapFlagFcs : std::uint8_t{0};
    rf.rate_500kbps = 2;
    rf.channel_mhz = 2437;
    rf.channel_flags = pcap::kChannel2Ghz | pcap::kChannelCck;
    rf.antenna_signal_dbm = -42;
    Bytes out = pcap::build_radiotap(rf);
    Bytes f = fcs ? dot11::append_fcs(dot11_frame) : to_bytes(dot11_frame);
    out.insert(out.end(), f.begin(), f.end());
    return out;
  }

  /// Writes the frames as a radiotap capture (microsecond pcap).
  bool write(const std::filesystem::path& path, bool fcs = false) const {
    pcap::WriterOptions o;
    o.linktype = pcap::Linktype::Radiotap;
    o.epoch_unix_seconds = 0;
    auto w = pcap::Writer::open(path, o);
    if (!w) return false;
    for (const auto& f : frames) {
      if (!w->write(TimePoint::from_ns(f.t_ns), radiotap_packet(f.dot11, fcs))) return false;
    }
    return w->close().has_value();
  }

  /// Same frames as plain 802.11 (LINKTYPE 105).
  bool write_plain(const std::filesystem::path& path) const {
    pcap::WriterOptions o;
    o.linktype = pcap::Linktype::Ieee80211;
    auto w = pcap::Writer::open(path, o);
    if (!w) return false;
    for (const auto& f : frames) {
      if (!w->write(TimePoint::from_ns(f.t_ns), f.dot11)) return false;
    }
    return w->close().has_value();
  }

 private:
  dot11::SequenceCounter seq_ap_, seq_sta_;
  dot11::SequenceControl last_data_seq_{};
  crypto::Tk tk_;
  std::uint64_t pn_sta_ = 0, pn_ap_ = 0;
};

}  // namespace wps::analyzer::air
