// Raw Ethernet frames copied byte for byte from the shared interop captures (hostapd 2.10 <->
// wpa_supplicant 2.10 over veth, LINKTYPE_ETHERNET; see tests/data/README.md). Frame
// numbers are tshark's (1-based); check with `tshark -r <file> -x`.
// STA = 02:00:00:00:0b:01, AP = 02:00:00:00:0a:01, PAE group = 01:80:c2:00:00:03.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "support/test_support.hpp"

namespace wps::eap::fixtures {

// pin/wps.pcap frame 1 (18 octets): STA -> PAE group, EAPOL-Start (version 2, body length 0).
inline constexpr std::string_view kPin1EapolStart = "0180c2000003020000000b01888e02010000";

// pin/wps.pcap frame 2 (23 octets): AP -> STA, EAP-Request/Identity, id 90.
inline constexpr std::string_view kPin2ReqIdentity =
    "020000000b01020000000a01888e02000005015a000501";

// pin/wps.pcap frame 3 (52 octets): STA -> PAE, EAP-Response/Identity
// "WFA-SimpleConfig-Enrollee-1-0", id 90.
inline constexpr std::string_view kPin3RespIdentity =
    "0180c2000003020000000b01888e02000022025a0022015746412d53696d706c65436f6e6669672d456e726f"
    "6c6c65652d312d30";

// pin/wps.pcap frame 4 (32 octets): AP -> STA, EAP-Request WSC_Start, id 91, EAP length 14.
inline constexpr std::string_view kPin4WscStart =
    "020000000b01020000000a01888e0200000e015b000efe00372a000000010100";

// pin/wps.pcap frame 5 (421 octets): STA -> PAE, EAP-Response WSC_MSG M1, id 91, EAP length 403
// (389-octet M1).
inline constexpr std::string_view kPin5M1 =
    "0180c2000003020000000b01888e02000193025b0193fe00372a000000010400104a00011010220001041047"
    "0010123456789abcdef0123456789abcde0110200006020000000b01101a0010b041d86a8a22e789a817500a"
    "7274a333103200c0c2328b2ab6ab032a213a625c9f249c720595b22a4957eae71da79067873507bae34ee0e0"
    "771f6003e6af7894bccecc29bc5772879614dfc39d98ff8495825588c94567d4f265e335b5bf6a6bb22eeaff"
    "7822bff2017a89c6f849ce79514303e0ea0c0d577456e105e26cb39410973d11735f66985de83b0b708f42b9"
    "705ca30d59e09425359860a2af727a34fc5df4ce836c6a2f6d53c42fbf8f8b7aa77c2ecdc6c73afe27aa5f7d"
    "934cd4efac6940c2ca32599b81de344b61bf7418fc38cb7e10040002002310100002000d100d000101100800"
    "02210810440001011021000a5465737456656e646f7210230007546573745354411024000131104200043030"
    "30321054000800010050f20400011011000a496e7465726f70535441103c0001031002000200001012000200"
    "00100900020000102d0004810203001049000600372a000120";

// pin/wps.pcap frame 13 (92 octets): STA -> PAE, EAP-Response WSC_Done, id 95.
inline constexpr std::string_view kPin13Done =
    "0180c2000003020000000b01888e0200004a025f004afe00372a000000010500104a000110102200010f101a"
    "0010b041d86a8a22e789a817500a7274a333103900106d948a93d3db53aa821a66a3597d9c46104900060037"
    "2a000120";

// pin/wps.pcap frame 14 (22 octets): AP -> STA, EAP-Failure, id 95.
inline constexpr std::string_view kPin14Failure = "020000000b01020000000a01888e02000004045f0004";

// frag/wps.pcap frame 5 (130 octets): STA, Response id 4, WSC_MSG flags 0x03 (MF|LF), Message
// Length 389: M1 fragment 1/4.
inline constexpr std::string_view kFrag5M1a =
    "0180c2000003020000000b01888e0200007002040070fe00372a0000000104030185104a0001101022000104"
    "10470010123456789abcdef0123456789abcde0110200006020000000b01101a0010a05b5728b9c1eb4f8374"
    "79b6a31aad03103200c06d34a63f3b098e96777af21efd6de4c4de33cf8b7c2768f62581e4098af6493c";

// frag/wps.pcap frame 6 (32 octets): AP, Request id 5, WSC_FRAG_ACK flags 0.
inline constexpr std::string_view kFrag6FragAck =
    "020000000b01020000000a01888e0200000e0105000efe00372a000000010600";

// frag/wps.pcap frame 7 (130 octets): STA, Response id 5, WSC_MSG flags 0x01: M1 fragment 2/4.
inline constexpr std::string_view kFrag7M1b =
    "0180c2000003020000000b01888e0200007002050070fe00372a00000001040146a2c69e16d341805d63048c"
    "4bc9bc261a60bb7569fd490dab3396d3e96dab333d8dd0fbaada5467073796d42283bed91016ac6668f4d1f0"
    "e7ddaa143f23c97ca5c221efd2c24f47860008e69a768f8ec777cbcdca20eec7d2abe82a951ec6e8a4a0";

// frag/wps.pcap frame 9 (130 octets): STA, Response id 6, WSC_MSG flags 0x01: M1 fragment 3/4.
inline constexpr std::string_view kFrag9M1c =
    "0180c2000003020000000b01888e0200007002060070fe00372a00000001040195cb1d550b029a539fc2a3e8"
    "ca3926d6f5a8a5c432d47e26b523284a72874b33f8844b349c64898374c57ad86c459bfac38e07194f28b672"
    "26c66dffea2610040002002310100002000d100d00010110080002210810440001011021000a54657374";

// frag/wps.pcap frame 11 (129 octets): STA, Response id 7, WSC_MSG flags 0x00: M1 fragment 4/4.
inline constexpr std::string_view kFrag11M1d =
    "0180c2000003020000000b01888e0200006f0207006ffe00372a00000001040056656e646f72102300075465"
    "7374535441102400013110420004303030321054000800010050f20400011011000a496e7465726f70535441"
    "103c000103100200020000101200020000100900020000102d0004810203001049000600372a000120";

// frag/wps.pcap frame 12 (130 octets): AP, Request id 8, WSC_MSG flags 0x03, Message Length 404: M2
// fragment 1/5.
inline constexpr std::string_view kFrag12M2a =
    "020000000b01020000000a01888e0200007001080070fe00372a0000000104030194104a0001101022000105"
    "101a0010a05b5728b9c1eb4f837479b6a31aad0310390010e2efff7ee5e687ad28e5baec4364bd4a10480010"
    "123456789abcdef0123456789abcdef0103200c03187d183d6a29670316825fd75cd11c6b3e27f8530d5";

// frag/wps.pcap frame 14 (130 octets): AP, Request id 9, flags 0x01: M2 fragment 2/5.
inline constexpr std::string_view kFrag14M2b =
    "020000000b01020000000a01888e0200007001090070fe00372a000000010401e8d06d1d66b71212b94e0d01"
    "829c19c9ff51b4c81226af58aa15a06ef62af30760c21371b94c86ca858b9cb534be6f99aa5d8a341d300286"
    "b125713341f6bd67472975f21b6751f82947f54215592262ae5107b3d037f58600544a5f2b3ac17579bf";

// frag/wps.pcap frame 16 (130 octets): AP, Request id 10, flags 0x01: M2 fragment 3/5.
inline constexpr std::string_view kFrag16M2c =
    "020000000b01020000000a01888e02000070010a0070fe00372a000000010401f710f07cc12228754002da06"
    "9d463eed8b2b8574c50b22c98808ce30a99d755af642e0253a6bea7e07079d7c434024abf5cfb4ecfdfcdd64"
    "a902b5bd62849cb7706088e9680225dc10040002002310100002000d100d00010110080002238c102100";

// frag/wps.pcap frame 18 (130 octets): AP, Request id 11, flags 0x01: M2 fragment 4/5.
inline constexpr std::string_view kFrag18M2d =
    "020000000b01020000000a01888e02000070010b0070fe00372a0000000104010a5465737456656e646f7210"
    "230006546573744150102400013110420004303030311054000800060050f204000110110009496e7465726f"
    "704150103c000101100200020000100900020000101200020000102d0004810203001049000600372a00";

// frag/wps.pcap frame 20 (46 octets): AP, Request id 12, flags 0x00: M2 fragment 5/5.
inline constexpr std::string_view kFrag20M2e =
    "020000000b01020000000a01888e0200001c010c001cfe00372a00000001040001201005000899b25c49d67d"
    "5056";

/// The frames of a classic little-endian pcap file (microsecond or nanosecond magic), or an empty
/// vector when the file cannot be read. A minimal reader for test fixtures only: module `eap`
/// tests cannot link the pcap module.
inline std::vector<Bytes> read_pcap_frames(const std::filesystem::path& p) {
  const std::string d = wps::test::read_file(p);
  std::vector<Bytes> out;
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    std::memcpy(&v, d.data() + at, 4);  // the test hosts are little-endian, like the files
    return v;
  };
  if (d.size() < 24 || (u32(0) != 0xa1b2c3d4u && u32(0) != 0xa1b23c4du)) return {};
  std::size_t off = 24;
  while (off + 16 <= d.size()) {
    const std::uint32_t caplen = u32(off + 8);
    off += 16;
    if (caplen > d.size() - off) return {};
    out.emplace_back(d.begin() + static_cast<std::ptrdiff_t>(off),
                     d.begin() + static_cast<std::ptrdiff_t>(off + caplen));
    off += caplen;
  }
  return out;
}

inline std::filesystem::path capture(std::string_view mode) {
  return wps::test::capture_pcap(mode);
}

}  // namespace wps::eap::fixtures
