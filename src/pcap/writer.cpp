#include "pcap/writer.hpp"

#include <fcntl.h>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace wps::pcap {

namespace {
constexpr std::int64_t kNsPerSecond = 1'000'000'000;
}  // namespace

Result<Writer> Writer::open(const std::filesystem::path& target, const WriterOptions& options) {
  if (!is_writable_linktype(options.linktype)) return unexpected(Errc::PcapBadLinktype);
  if (options.snaplen == 0) return unexpected(Errc::BadValue);

  Writer w;
  w.target_ = target;
  w.options_ = options;
  w.dead_ = pcap_open_dead_with_tstamp_precision(
      static_cast<int>(options.linktype), static_cast<int>(options.snaplen),
      options.precision == TsPrecision::Nano ? PCAP_TSTAMP_PRECISION_NANO
                                             : PCAP_TSTAMP_PRECISION_MICRO);
  if (w.dead_ == nullptr) return unexpected(Errc::PcapOpen);

  // Temporary next to the target so the final rename stays within one file system (atomic).
  std::string tmpl = target.string() + ".tmp.XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return unexpected(Errc::PcapOpen);  // ~Writer closes dead_
  w.temp_ = name.data();
  // mkstemp creates 0600; a capture should be readable like any file tcpdump writes.
  (void)::fchmod(fd, 0644);
  std::FILE* f = ::fdopen(fd, "wb");
  if (f == nullptr) {
    ::close(fd);
    return unexpected(Errc::PcapOpen);  // ~Writer removes temp_
  }
  w.dumper_ = pcap_dump_fopen(w.dead_, f);  // writes the file header; owns f from now on
  if (w.dumper_ == nullptr) {
    std::fclose(f);
    return unexpected(Errc::PcapOpen);
  }
  return w;
}

Writer::Writer(Writer&& other) noexcept
    : dead_(std::exchange(other.dead_, nullptr)),
      dumper_(std::exchange(other.dumper_, nullptr)),
      target_(std::move(other.target_)),
      temp_(std::exchange(other.temp_, {})),
      options_(other.options_),
      packets_(other.packets_) {}

Writer& Writer::operator=(Writer&& other) noexcept {
  if (this != &other) {
    discard();
    dead_ = std::exchange(other.dead_, nullptr);
    dumper_ = std::exchange(other.dumper_, nullptr);
    target_ = std::move(other.target_);
    temp_ = std::exchange(other.temp_, {});
    options_ = other.options_;
    packets_ = other.packets_;
  }
  return *this;
}

Writer::~Writer() {
  discard();
}

void Writer::discard() {
  if (dumper_ != nullptr) pcap_dump_close(dumper_);
  dumper_ = nullptr;
  if (!temp_.empty()) {
    std::error_code ec;  // best effort: nothing useful to do if the unlink fails
    std::filesystem::remove(temp_, ec);
    temp_.clear();
  }
  if (dead_ != nullptr) pcap_close(dead_);
  dead_ = nullptr;
}

Result<void> Writer::write(TimePoint at, ByteView frame) {
  if (dumper_ == nullptr) return unexpected(Errc::NotReady);
  // Classic pcap record headers hold unsigned 32-bit seconds (1970..2106).
  const std::int64_t epoch = options_.epoch_unix_seconds;
  if (epoch < 0 || epoch > std::numeric_limits<std::uint32_t>::max())
    return unexpected(Errc::BadValue);
  const std::int64_t ns = at.ns();
  const std::int64_t sec = epoch + ns / kNsPerSecond - (ns % kNsPerSecond < 0 ? 1 : 0);
  const std::int64_t frac_ns = ((ns % kNsPerSecond) + kNsPerSecond) % kNsPerSecond;
  if (sec < 0 || sec > std::numeric_limits<std::uint32_t>::max()) return unexpected(Errc::BadValue);

  pcap_pkthdr hdr{};
  hdr.ts.tv_sec = static_cast<decltype(hdr.ts.tv_sec)>(sec);
  // With a nanosecond pcap_t, libpcap writes tv_usec as nanoseconds.
  hdr.ts.tv_usec = static_cast<decltype(hdr.ts.tv_usec)>(
      options_.precision == TsPrecision::Nano ? frac_ns : frac_ns / 1000);
  hdr.len = static_cast<bpf_u_int32>(frame.size());
  hdr.caplen = static_cast<bpf_u_int32>(std::min<std::size_t>(frame.size(), options_.snaplen));
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &hdr, frame.data());
  // pcap_dump() reports nothing; the stdio error flag does.
  if (std::ferror(pcap_dump_file(dumper_)) != 0) {
    discard();
    return unexpected(Errc::IoError);
  }
  ++packets_;
  return ok();
}

Result<void> Writer::close() {
  if (dumper_ == nullptr) return unexpected(Errc::NotReady);
  std::FILE* f = pcap_dump_file(dumper_);
  // Data must be on disk before the rename makes it visible under the target name.
  if (pcap_dump_flush(dumper_) != 0 || std::ferror(f) != 0 || ::fsync(::fileno(f)) != 0) {
    discard();
    return unexpected(Errc::IoError);
  }
  pcap_dump_close(dumper_);
  dumper_ = nullptr;
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) {
    discard();
    return unexpected(Errc::IoError);
  }
  temp_.clear();
  pcap_close(dead_);
  dead_ = nullptr;
  return ok();
}

}  // namespace wps::pcap
