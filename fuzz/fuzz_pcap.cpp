// Fuzz target: the capture reader (src/pcap/reader) over classic pcap and pcapng files held in
// memory (Reader::open_memory: the same libpcap path as a file, through fmemopen).
// Checks: every record is consistent (caplen == data size, a timestamp that fits int64 ns, the
// file's linktype); an error is sticky and leaves the record count unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "pcap/reader.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  auto r = wps::pcap::Reader::open_memory(ByteView(data, size));
  if (!r) {
    check(r.error().code == Errc::PcapOpen);
    return 0;
  }
  std::uint64_t sum = 0;
  for (std::size_t n = 0; n < 100000; ++n) {
    auto p = r->next();
    if (!p) {
      const std::size_t read = r->packets_read();
      auto again = r->next();
      check(!again && again.error() == p.error());
      check(r->packets_read() == read);
      break;
    }
    if (!*p) break;
    const wps::pcap::Packet& pk = **p;
    check(pk.caplen == pk.data.size());
    check(pk.timestamp_ns >= 0);
    check(pk.linktype == r->linktype());
    for (auto b : pk.data) sum += b;  // touch every octet (ASan checks the view)
  }
  return sum == 0xffffffffffffffffULL ? 1 : 0;
}
