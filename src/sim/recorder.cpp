#include "sim/recorder.hpp"

#include <utility>

#include "base/assert.hpp"
#include "pcap/radiotap.hpp"
#include "sim/classify.hpp"

namespace wps::sim {

namespace {

// 802.11b DSSS/CCK rates (1, 2, 5.5, 11 Mb/s in 500 kb/s units); every other rate is taken as
// OFDM (802.11g) for the radiotap channel flags.
bool is_cck_rate(std::uint8_t rate) {
  return rate == 2 || rate == 4 || rate == 11 || rate == 22;
}

}  // namespace

Recorder::Recorder(RecorderOptions options) : options_(options) {}

void Recorder::record(RecordedFrame f) {
  frames_.push_back(std::move(f));
}

Bytes Recorder::radiotap_header() const {
  pcap::RadiotapFields f;
  f.flags = 0;  // no FCS: the simulator's frames never carry one
  f.rate_500kbps = options_.rate_500kbps;
  f.channel_mhz = options_.channel_mhz;
  f.channel_flags = static_cast<std::uint16_t>(
      pcap::kChannel2Ghz |
      (is_cck_rate(options_.rate_500kbps) ? pcap::kChannelCck : pcap::kChannelOfdm));
  f.antenna_signal_dbm = options_.antenna_signal_dbm;
  return pcap::build_radiotap(f);
}

std::vector<std::pair<TimePoint, Bytes>> Recorder::packets(pcap::Linktype linktype) const {
  WPS_ASSERT(pcap::is_writable_linktype(linktype));
  std::vector<std::pair<TimePoint, Bytes>> out;
  const Bytes radiotap = linktype == pcap::Linktype::Radiotap ? radiotap_header() : Bytes{};
  for (const auto& f : frames_) {
    switch (linktype) {
      case pcap::Linktype::Radiotap: out.emplace_back(f.at, concat({radiotap, f.frame})); break;
      case pcap::Linktype::Ieee80211: out.emplace_back(f.at, f.frame); break;
      case pcap::Linktype::Ethernet:
        // An 802.11 retransmission (Retry bit, SimConfig::arq) is the same EAPOL frame again
        // at the MAC layer: the wired view shows each EAPOL frame once.
        if (f.frame.size() >= 2 && (f.frame[1] & 0x08) != 0) break;
        if (auto eth = to_ethernet(f.frame)) out.emplace_back(f.at, std::move(*eth));
        break;
      case pcap::Linktype::LinuxSll:
      case pcap::Linktype::Prism:
      case pcap::Linktype::Avs:
      case pcap::Linktype::Ppi:
      case pcap::Linktype::LinuxSll2: break;  // excluded by the assertion above
    }
  }
  return out;
}

Result<void> Recorder::write_pcap(const std::filesystem::path& path,
                                  pcap::Linktype linktype) const {
  if (!pcap::is_writable_linktype(linktype)) return unexpected(Errc::PcapBadLinktype);
  pcap::WriterOptions wo;
  wo.linktype = linktype;
  wo.epoch_unix_seconds = options_.epoch_unix_seconds;
  wo.precision = options_.precision;
  auto writer = pcap::Writer::open(path, wo);
  if (!writer) return unexpected(writer.error());
  for (const auto& [at, packet] : packets(linktype)) {
    auto w = writer->write(at, packet);
    if (!w) return w;  // the Writer discards its temporary file on destruction
  }
  return writer->close();
}

}  // namespace wps::sim
