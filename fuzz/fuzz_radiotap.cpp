// Fuzz target: radiotap and PPI radio headers (src/pcap/radiotap).
//
// The input is one captured packet. It is parsed as radiotap, stripped, parsed as PPI and handed
// to dot11_frame() under every linktype. Invariants (abort when broken):
//   - it_len / pph_len and every returned view stay inside the input;
//   - the decoded fields survive build_radiotap() → parse_radiotap() unchanged;
//   - strip_radiotap() removes exactly the header (and 4 octets when the FCS flag says so).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "pcap/radiotap.hpp"

namespace {

using namespace wps;
using namespace wps::pcap;

void check(bool ok) {
  if (!ok) std::abort();
}

bool inside(ByteView outer, ByteView inner) {
  return inner.empty() || (inner.data() >= outer.data() &&
                           inner.data() + inner.size() <= outer.data() + outer.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView in(data, size);

  if (auto rt = parse_radiotap(in)) {
    check(rt->length >= kRadiotapMinLen && rt->length <= in.size());
    check(rt->present_words >= 1 && 4 + 4 * rt->present_words <= rt->length);
    const Bytes rebuilt = build_radiotap(rt->fields);
    auto again = parse_radiotap(rebuilt);
    check(again.has_value() && again->fields == rt->fields && again->length == rebuilt.size());

    auto d = strip_radiotap(in);
    if (d) {
      check(inside(in, d->frame));
      check(d->offset == rt->length);
      check(d->frame.size() + rt->length + (d->fcs_removed ? kFcsLen : 0) == in.size());
      check(d->fcs_removed == rt->has_fcs());
    } else {
      check(rt->has_fcs() && in.size() - rt->length < kFcsLen);
    }
  } else {
    check(rt.error().code == Errc::PcapBadRadiotap && rt.error().offset <= in.size() + 8);
  }

  if (auto ppi = parse_ppi(in)) {
    check(ppi->length >= 8 && ppi->length <= in.size());
    check(inside(in, ppi->payload) && ppi->payload.size() == in.size() - ppi->length);
  }

  for (int lt : {1, 105, 113, 127, 192, 276}) {
    if (auto d = dot11_frame(lt, in)) {
      check(inside(in, d->frame));
      check(d->offset <= in.size());
    }
  }
  return 0;
}
