// Streaming capture reader over libpcap (pcap_open_offline_with_tstamp_precision), for classic
// pcap (micro- or nanosecond) and pcapng files.
//
// Constant memory: libpcap reuses one record buffer; next() hands out a view into it. A damaged
// file (a record cut short, an impossible capture length) yields one error at that record, after
// which the reader stays failed and returns the same error: it never reads past the damage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pcap/linktype.hpp"

struct pcap;  // libpcap's pcap_t

namespace wps::pcap {

/// One record. `data` points into the Reader's buffer and is valid until the next call to next()
/// (or the Reader's destruction or move): copy it (to_bytes) to keep it.
struct Packet {
  std::int64_t timestamp_ns = 0;  ///< since 1970-01-01 UTC (file resolution: µs files end in 000)
  int linktype = 0;               ///< the file's LINKTYPE (see linktype.hpp helpers)
  std::uint32_t caplen = 0;       ///< octets present (== data.size())
  std::uint32_t origlen = 0;      ///< octets on the wire (≥ caplen when the snaplen cut it)
  ByteView data;
};

class Reader {
 public:
  /// Opens a capture and reads its header. Any linktype is accepted: callers decide with
  /// is_known_linktype() / to_linktype().
  /// Errors: PcapOpen (missing file, not a pcap/pcapng file, file header cut short).
  [[nodiscard]] static Result<Reader> open(const std::filesystem::path& path);

  /// Same as open() over a capture held in memory (fuzzing, tests). `data` must outlive the
  /// Reader. Errors: PcapOpen.
  [[nodiscard]] static Result<Reader> open_memory(ByteView data);

  Reader(Reader&& other) noexcept;
  Reader& operator=(Reader&& other) noexcept;
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader();

  /// The next record, or nullopt at the clean end of the file.
  ///
  /// Errors (offset = file offset of the damaged record's header, saturated at 2^32-1); sticky:
  /// - Truncated: the file ends inside a record (header or data).
  /// - BadLength: a record header is impossible (e.g. capture length above libpcap's maximum),
  ///   or a pcapng block is malformed.
  /// - BadValue: the record's timestamp is beyond what int64 nanoseconds since 1970 hold
  ///   (a pcapng timestamp past ~2262 CE); the record is not returned.
  /// - IoError: the operating system reported a read error.
  /// - NotReady: the reader was moved from.
  [[nodiscard]] Result<std::optional<Packet>> next();

  [[nodiscard]] int linktype() const { return linktype_; }
  [[nodiscard]] std::uint32_t snaplen() const { return snaplen_; }
  /// Records returned so far.
  [[nodiscard]] std::size_t packets_read() const { return packets_; }
  /// libpcap's message for the last error of next() (for people; empty if none).
  [[nodiscard]] const std::string& error_text() const { return error_text_; }

 private:
  Reader() = default;

  ::pcap* handle_ = nullptr;
  int linktype_ = 0;
  std::uint32_t snaplen_ = 0;
  std::size_t packets_ = 0;
  std::optional<Error> failed_;
  std::string error_text_;
  /// Classic pcap: the file offset of the next record, counted (24 + Σ(16 + caplen)) instead of
  /// asked with ftell() per record (one lseek system call each). nullopt for pcapng (ftell).
  std::optional<std::uint64_t> offset_;
  /// stdio buffer of the file (glibc ignores the size of a buffer it allocates itself); freed
  /// after pcap_close() in the destructor.
  std::unique_ptr<char[]> buffer_;
};

}  // namespace wps::pcap
