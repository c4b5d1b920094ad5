// Classic pcap writer over libpcap (pcap_open_dead + pcap_dump).
//
// Atomic output: packets go to a temporary file next to the target ("<target>.tmp.XXXXXX"), and
// only a successful close() renames it onto the target. A run that fails, or a Writer destroyed
// without close(), removes the temporary and leaves no half-written capture behind (an existing
// target stays as it was).
//
// Time: packets are stamped with a virtual TimePoint (ARCHITECTURE C2). The file time is
// `epoch_unix_seconds + at`, so a run with a fixed epoch produces byte-identical files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "pcap/linktype.hpp"

// libpcap's handle types (pcap_t, pcap_dumper_t), declared so <pcap.h> stays out of this header.
struct pcap;
struct pcap_dumper;

namespace wps::pcap {

enum class TsPrecision : std::uint8_t {
  Micro,  ///< classic magic a1b2c3d4, microseconds (what tcpdump writes; readable everywhere)
  Nano,   ///< magic a1b23c4d, nanoseconds (keeps TimePoint exactly)
};

struct WriterOptions {
  Linktype linktype = Linktype::Radiotap;  ///< must be Ethernet, Ieee80211 or Radiotap
  std::uint32_t snaplen = 65535;           ///< longer frames are cut to snaplen (origlen kept)
  std::int64_t epoch_unix_seconds = 0;     ///< file time of TimePoint 0
  TsPrecision precision = TsPrecision::Micro;
};

class Writer {
 public:
  /// Creates the temporary file and writes the pcap file header.
  ///
  /// Errors:
  /// - PcapBadLinktype: linktype is not Ethernet, Ieee80211 or Radiotap.
  /// - BadValue: snaplen is 0.
  /// - PcapOpen: libpcap or the file system refused (directory missing, no permission, …).
  [[nodiscard]] static Result<Writer> open(const std::filesystem::path& target,
                                           const WriterOptions& options);

  Writer(Writer&& other) noexcept;
  Writer& operator=(Writer&& other) noexcept;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  /// Without a successful close(): removes the temporary file.
  ~Writer();

  /// Appends one record: time epoch + at, caplen min(|frame|, snaplen), origlen |frame|.
  ///
  /// Errors:
  /// - NotReady: the writer was closed, moved from, or failed earlier.
  /// - BadValue: epoch + at falls before 1970 or after 2106 (pcap stores 32-bit seconds).
  /// - IoError: the write failed (disk full, …); the writer is then failed and discards the file.
  [[nodiscard]] Result<void> write(TimePoint at, ByteView frame);

  /// Flushes, syncs and renames the temporary file onto the target.
  /// Errors: NotReady (already closed / failed / moved from); IoError (flush, sync or rename
  /// failed: the temporary is removed and the target untouched).
  [[nodiscard]] Result<void> close();

  [[nodiscard]] std::size_t packets_written() const { return packets_; }
  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  /// The temporary file being written (empty once closed or discarded).
  [[nodiscard]] const std::filesystem::path& temp_path() const { return temp_; }

 private:
  Writer() = default;
  void discard();

  ::pcap* dead_ = nullptr;           // pcap_open_dead() handle: linktype, snaplen, precision
  ::pcap_dumper* dumper_ = nullptr;  // writes the temporary file
  std::filesystem::path target_;
  std::filesystem::path temp_;
  WriterOptions options_{};
  std::size_t packets_ = 0;
};

}  // namespace wps::pcap
