#include "pcap/reader.hpp"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <utility>

namespace wps::pcap {

namespace {
// stdio's default buffer is one file system block (4 KiB): a read() system call per 4 KiB. A
// larger buffer lets libpcap's fread()s be served from memory between large reads.
constexpr std::size_t kReadBuffer = 1 << 20;

// A file offset as an Error offset, saturated at 2^32-1 (also for "unknown").
std::uint32_t record_offset(long at) {
  if (at < 0) return std::numeric_limits<std::uint32_t>::max();
  return static_cast<std::uint32_t>(std::min<long>(at, std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace

Result<Reader> Reader::open(const std::filesystem::path& path) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (fp == nullptr) return unexpected(Errc::PcapOpen);
  // Before any I/O on the stream: the buffer must be set first.
  auto buffer = std::make_unique<char[]>(kReadBuffer);
  std::setvbuf(fp, buffer.get(), _IOFBF, kReadBuffer);
  unsigned char magic[4] = {};
  const bool classic =
      std::fread(magic, 1, 4, fp) == 4 &&
      ((magic[0] == 0xd4 && magic[1] == 0xc3 && magic[2] == 0xb2 && magic[3] == 0xa1) ||
       (magic[0] == 0xa1 && magic[1] == 0xb2 && magic[2] == 0xc3 && magic[3] == 0xd4) ||
       (magic[0] == 0x4d && magic[1] == 0x3c && magic[2] == 0xb2 && magic[3] == 0xa1) ||
       (magic[0] == 0xa1 && magic[1] == 0xb2 && magic[2] == 0x3c && magic[3] == 0x4d));
  std::rewind(fp);
  // Nanosecond precision: libpcap scales µs files up, so Packet::timestamp_ns is exact for both.
  // pcap_close() closes fp.
  ::pcap* p = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (p == nullptr) {
    std::fclose(fp);
    return unexpected(Errc::PcapOpen);
  }
  Reader r;
  r.handle_ = p;
  r.buffer_ = std::move(buffer);
  if (classic) r.offset_ = 24;  // the file header
  r.linktype_ = pcap_datalink(p);
  r.snaplen_ = static_cast<std::uint32_t>(pcap_snapshot(p));
  return r;
}

Result<Reader> Reader::open_memory(ByteView data) {
  if (data.empty()) return unexpected(Errc::PcapOpen);
  // fmemopen in read mode never writes to the buffer. Once libpcap has opened the stream it owns
  // it (pcap_close closes it); when opening fails the stream is still ours to close.
  std::FILE* f = ::fmemopen(const_cast<std::uint8_t*>(data.data()), data.size(), "rb");
  if (f == nullptr) return unexpected(Errc::PcapOpen);
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  ::pcap* p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (p == nullptr) {
    std::fclose(f);
    return unexpected(Errc::PcapOpen);
  }
  Reader r;
  r.handle_ = p;
  r.linktype_ = pcap_datalink(p);
  r.snaplen_ = static_cast<std::uint32_t>(pcap_snapshot(p));
  return r;
}

Reader::Reader(Reader&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      linktype_(other.linktype_),
      snaplen_(other.snaplen_),
      packets_(other.packets_),
      failed_(other.failed_),
      error_text_(std::move(other.error_text_)),
      offset_(other.offset_),
      buffer_(std::move(other.buffer_)) {}

Reader& Reader::operator=(Reader&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) pcap_close(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    linktype_ = other.linktype_;
    snaplen_ = other.snaplen_;
    packets_ = other.packets_;
    failed_ = other.failed_;
    error_text_ = std::move(other.error_text_);
    offset_ = other.offset_;
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

Reader::~Reader() {
  if (handle_ != nullptr) pcap_close(handle_);
}

Result<std::optional<Packet>> Reader::next() {
  if (failed_) return unexpected(*failed_);
  if (handle_ == nullptr) return unexpected(Errc::NotReady);

  std::FILE* f = pcap_file(handle_);
  // Start of the record about to be read: counted for classic pcap, asked for pcapng.
  const long at = offset_ ? static_cast<long>(*offset_) : f != nullptr ? std::ftell(f) : -1;
  pcap_pkthdr* hdr = nullptr;
  const u_char* bytes = nullptr;
  const int rc = pcap_next_ex(handle_, &hdr, &bytes);
  if (rc == 1) {
    // tv_usec carries nanoseconds because the file was opened with nanosecond precision. A
    // pcapng timestamp can name a second far past what int64 nanoseconds hold (~2262 CE, e.g.
    // if_tsresol 10^0 with a 64-bit count): that record is damaged, not computed.
    constexpr std::int64_t kNs = 1'000'000'000;
    const auto sec = static_cast<std::int64_t>(hdr->ts.tv_sec);
    const auto frac = static_cast<std::int64_t>(hdr->ts.tv_usec);
    if (sec < 0 || frac < 0 || frac >= kNs ||
        sec > (std::numeric_limits<std::int64_t>::max() - frac) / kNs) {
      error_text_ = "record timestamp out of range";
      failed_ = Error{Errc::BadValue, record_offset(at), 0};
      return unexpected(*failed_);
    }
    ++packets_;
    if (offset_) *offset_ += 16 + hdr->caplen;
    Packet out;
    out.timestamp_ns = sec * kNs + frac;
    out.linktype = linktype_;
    out.caplen = hdr->caplen;
    out.origlen = hdr->len;
    out.data = ByteView(bytes, hdr->caplen);
    return std::optional<Packet>(out);
  }
  if (rc == PCAP_ERROR_BREAK) return std::optional<Packet>();  // -2: clean end of file

  // rc == PCAP_ERROR (-1). libpcap only says so in text; classify with the stdio state of the
  // file: end of file reached → the record was cut short; a stream error → I/O; otherwise the
  // record header itself was impossible.
  error_text_ = pcap_geterr(handle_);
  Errc code = Errc::BadLength;
  if (f != nullptr && std::ferror(f) != 0) {
    code = Errc::IoError;
  } else if (f != nullptr && std::feof(f) != 0) {
    code = Errc::Truncated;
  }
  failed_ = Error{code, record_offset(at), 0};
  return unexpected(*failed_);
}

}  // namespace wps::pcap
