// Fuzz target for the 802.11 codec and MLME engines: parse any frame (with and without FCS),
// walk its elements through every typed element parser, extract the WPS IE payload, check that
// parse/build are consistent, and feed the bytes to an AP and a STA engine in interesting states
// (a copy of an associated pair made once per process).
// A violated invariant aborts (which is what the fuzzer reports).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <variant>

#include "dot11/ap_mlme.hpp"
#include "dot11/codec.hpp"
#include "dot11/ie.hpp"
#include "dot11/rsn.hpp"
#include "dot11/sta_mlme.hpp"

namespace {

using namespace wps;
using namespace wps::dot11;

void check(bool ok) {
  if (!ok) std::abort();
}

const MacAddr kAp({0x02, 0x00, 0x00, 0x00, 0x0a, 0x01});
const MacAddr kSta({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});

void walk_elements(const Elements& elements) {
  for (const auto& e : elements) {
    (void)parse_ssid(e);
    (void)parse_ds_parameter_set(e);
    (void)parse_tim(e);
    if (auto v = parse_vendor_specific(e)) check(make_vendor_specific(*v) == e);
    if (e.is(ElementId::Rsn)) {
      if (auto r = parse_rsn(e.data)) {
        // Whatever parsed must build and parse back to the same value.
        auto again = parse_rsn(build_rsn_data(*r));
        check(again.has_value() && *again == *r);
      }
    }
  }
  (void)join_wps_ies(elements);
  (void)find_ssid(elements);
  (void)collect_rates(elements);
}

const Elements* elements_of(const MgmtBody& body) {
  return std::visit([](const auto& b) -> const Elements* { return &b.elements; }, body);
}

void parse_any(ByteView data, FcsMode mode) {
  auto f = parse_frame(data, mode);
  if (!f) {
    check(f.error().offset <= data.size());
    return;
  }
  if (const auto* m = std::get_if<MgmtFrame>(&*f)) {
    walk_elements(*elements_of(m->body));
    // parse(build(parse(x))) == parse(x): the build side loses nothing the parser kept.
    auto again = parse_mgmt(build_mgmt(*m));
    check(again.has_value() && *again == *m);
  } else {
    const auto& d = std::get<DataFrame>(*f);
    auto again = parse_data(build_data(d));
    check(again.has_value() && *again == d);
    if (!d.flags.protected_frame) (void)parse_llc_snap(d.body, d.header_length());
  }
}

// An AP and a STA brought to "associated" once per process; each input meets a copy of the
// pair (copying two engines is cheap; running their association per input was not: it cost
// most of the time of an input).
struct Pair {
  ApMlme ap;
  StaMlme sta;
};

const Pair& associated_pair() {
  static const Pair pair = [] {
    const TimePoint t0 = TimePoint::from_ns(0);
    ApConfig ac;
    ac.bssid = kAp;
    ac.ssid = to_bytes("fuzz");
    ac.rsn_ie = build_rsn_element(wpa2_psk_ccmp());
    ac.wps = WpsIeSet{Bytes{0x10, 0x4a, 0x00, 0x01, 0x10}, Bytes{0x10, 0x4a, 0x00, 0x01, 0x10},
                      Bytes{0x10, 0x4a, 0x00, 0x01, 0x10}};
    StaConfig sc;
    sc.own = kSta;
    Pair p{ApMlme(ac, t0), StaMlme(sc)};
    check(p.sta
              .connect(kAp,
                       AssocParams{to_bytes("fuzz"), Bytes{0x10, 0x4a, 0x00, 0x01, 0x10},
                                   std::nullopt, false},
                       t0)
              .has_value());
    for (int round = 0; round < 8; ++round) {
      while (auto o = p.sta.poll_output())
        if (auto* s = std::get_if<SendFrame>(&*o)) p.ap.on_frame(s->bytes, t0);
      while (auto o = p.ap.poll_output())
        if (auto* s = std::get_if<SendFrame>(&*o)) p.sta.on_frame(s->bytes, t0);
    }
    check(p.sta.state() == StaMlme::State::Associated);
    while (p.ap.poll_output()) {
    }
    while (p.sta.poll_output()) {
    }
    return p;
  }();
  return pair;
}

void drive_engines(ByteView data) {
  const TimePoint t0 = TimePoint::from_ns(0);
  Pair p = associated_pair();
  ApMlme& ap = p.ap;
  StaMlme& sta = p.sta;
  sta.start_scan(t0);
  ap.on_frame(data, t0);
  sta.on_frame(data, t0, RxInfo{-50});
  while (ap.poll_output()) {
  }
  while (sta.poll_output()) {
  }
  ap.on_deadline(t0 + std::chrono::seconds(1));
  sta.on_deadline(t0 + std::chrono::seconds(1));
  while (ap.poll_output()) {
  }
  while (sta.poll_output()) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);
  parse_any(in, FcsMode::Absent);
  parse_any(in, FcsMode::Detect);
  parse_any(in, FcsMode::Present);
  // The input as a bare element region and as an RSN element.
  ElementReader rd(in);
  for (int i = 0; i < 300; ++i) {
    auto e = rd.next();
    if (!e || !*e) break;
  }
  (void)extract_wps_payload(in);
  (void)parse_rsn(in);
  (void)parse_rsn_element(in);
  (void)parse_llc_snap(in);
  drive_engines(in);
  return 0;
}
