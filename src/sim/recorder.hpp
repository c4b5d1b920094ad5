// The simulator's sniffer: every frame that goes on air, in transmission order, with its virtual
// time, its transmitter's name and the fault that shaped it (see fault.hpp for what "transmitted"
// means for dropped, duplicated, delayed and corrupted frames). Kept in memory for the analyzer
// (sequence diagrams) and tests, and written as a pcap file on request.
//
// pcap output (pcap::Writer: atomic, virtual timestamps):
// - Linktype::Radiotap (127, default): each record is a radiotap header (Flags = 0: no FCS
//   follows; Rate; Channel = channel_mhz with 2.4 GHz + CCK or OFDM flags; Antenna signal) and
//   the 802.11 frame. Every frame of the recording is written.
// - Linktype::Ieee80211 (105): the 802.11 frames as they are, no radio header.
// - Linktype::Ethernet (1): the EAPOL-only view, as a wired capture would show the same exchange:
//   only the data frames carrying EAPOL (classify.hpp inspect_eapol), each converted to Ethernet
//   II (DA ‖ SA ‖ 88 8e ‖ EAPOL, addresses from the 802.11 DA/SA, no padding, no FCS); 802.11
//   retransmissions (Retry bit) are left out, as the wired side never sees them.
// Record time = file epoch (epoch_unix_seconds, fixed: 2026-01-01T00:00:00Z by default) + the
// frame's virtual time, so the same run always gives a byte-identical file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "pcap/linktype.hpp"
#include "pcap/writer.hpp"
#include "sim/fault.hpp"

namespace wps::sim {

/// 2026-01-01T00:00:00Z as seconds since the Unix epoch: the default pcap time of TimePoint 0.
inline constexpr std::int64_t kDefaultPcapEpoch = 1'767'225'600;

struct RecordedFrame {
  TimePoint at;             ///< when the frame went on air (first octet; see Simulator timing)
  std::string transmitter;  ///< Node::name() of the sender
  Bytes frame;              ///< the 802.11 frame as transmitted (no FCS)
  FaultApplied fault;       ///< what the fault injector did to this copy
  std::uint64_t index = 0;  ///< FrameInfo::index of the hand-off it came from (copies share it)
  Duration airtime{0};      ///< how long it occupied the medium
  friend bool operator==(const RecordedFrame&, const RecordedFrame&) = default;
};

struct RecorderOptions {
  std::int64_t epoch_unix_seconds = kDefaultPcapEpoch;  ///< pcap time of TimePoint 0
  std::uint16_t channel_mhz = 2437;                     ///< channel 6
  std::uint8_t rate_500kbps = 2;                        ///< 1 Mb/s (also the airtime model's rate)
  std::int8_t antenna_signal_dbm = -40;
  pcap::TsPrecision precision = pcap::TsPrecision::Micro;
};

class Recorder {
 public:
  explicit Recorder(RecorderOptions options = {});

  /// Appends a frame. Frames are expected in transmission order (non-decreasing `at`); the
  /// recorder keeps them in the order given.
  void record(RecordedFrame f);
  void clear() { frames_.clear(); }

  [[nodiscard]] const std::vector<RecordedFrame>& frames() const { return frames_; }
  [[nodiscard]] const RecorderOptions& options() const { return options_; }

  /// The radiotap header written in front of every frame (same for all frames).
  [[nodiscard]] Bytes radiotap_header() const;

  /// The pcap records for `linktype`, in order: (time, packet octets). Ethernet keeps only EAPOL
  /// frames (see the file comment). WPS_ASSERT: pcap::is_writable_linktype(linktype).
  [[nodiscard]] std::vector<std::pair<TimePoint, Bytes>> packets(pcap::Linktype linktype) const;

  /// Writes the recording to `path` atomically (the file appears complete or not at all).
  ///
  /// Errors:
  /// - PcapBadLinktype: linktype is not Radiotap, Ieee80211 or Ethernet.
  /// - PcapOpen: the file cannot be created (missing directory, permission, …).
  /// - BadValue: a record time falls outside what pcap can store (epoch + time beyond 2106).
  /// - IoError: writing, syncing or renaming failed.
  [[nodiscard]] Result<void> write_pcap(const std::filesystem::path& path,
                                        pcap::Linktype linktype = pcap::Linktype::Radiotap) const;

 private:
  RecorderOptions options_;
  std::vector<RecordedFrame> frames_;
};

}  // namespace wps::sim
