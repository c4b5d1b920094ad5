#include "pcap/reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace wps::pcap {
namespace {

namespace fs = std::filesystem;
using test::hex;

template <typename T>
Error err(const Result<T>& r) {
  return r ? Error{} : r.error();
}

struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("wpslab-pcap-reader-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

fs::path capture(const char* mode) {
  return test::capture_pcap(mode);
}

// pin/wps.pcap frame lengths, as `tshark -r pin/wps.pcap -T fields -e frame.len` lists them.
const std::vector<std::uint32_t> kPinLengths = {18,  23,  52,  32,  421, 436, 156,
                                                224, 152, 152, 152, 200, 92,  22};

TEST(Reader, ReadsThePinCapture) {
  auto r = Reader::open(capture("pin"));
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->linktype(), 1);
  EXPECT_EQ(r->snaplen(), 262144u);
  std::vector<std::uint32_t> lengths;
  std::vector<std::int64_t> times;
  Bytes first;
  for (;;) {
    auto p = r->next();
    ASSERT_TRUE(p) << describe(p.error());
    if (!p->has_value()) break;
    const Packet& pkt = **p;
    EXPECT_EQ(pkt.linktype, 1);
    EXPECT_EQ(pkt.caplen, pkt.origlen);
    EXPECT_EQ(pkt.data.size(), pkt.caplen);
    if (lengths.empty()) first = to_bytes(pkt.data);
    lengths.push_back(pkt.caplen);
    times.push_back(pkt.timestamp_ns);
  }
  EXPECT_EQ(lengths, kPinLengths);
  EXPECT_EQ(r->packets_read(), 14u);
  // tshark: frame 1 at 1795667694.401225, frame 14 at 1795667694.409489 (µs file).
  EXPECT_EQ(times.front(), 1'795'667'694'401'225'000);
  EXPECT_EQ(times.back(), 1'795'667'694'409'489'000);
  EXPECT_EQ(first, hex("0180c2000003020000000b01888e02010000"));  // EAPOL-Start
  // Past the end it stays at the end.
  auto again = r->next();
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value());
}

TEST(Reader, CountsEveryCapture) {
  // Frame counts from `tshark -r <mode>/wps.pcap | wc -l`.
  const std::pair<const char*, std::size_t> runs[] = {
      {"pin", 14},        {"frag", 40}, {"late-pin", 23}, {"wrong-pin", 10},
      {"wrong-pin2", 12}, {"er", 12},   {"er-config", 14}};
  for (const auto& [mode, count] : runs) {
    auto r = Reader::open(capture(mode));
    ASSERT_TRUE(r) << mode;
    std::size_t n = 0;
    for (auto p = r->next(); p && p->has_value(); p = r->next()) ++n;
    EXPECT_EQ(n, count) << mode;
  }
}

TEST(Reader, EveryTruncationOfARealFileFailsAtTheDamagedRecord) {
  const std::string full = test::read_file(capture("pin"));
  ASSERT_EQ(full.size(), 2380u);
  // Record boundaries from the known frame lengths: 24-octet file header, 16-octet record headers.
  std::vector<std::size_t> boundary = {24};
  for (auto len : kPinLengths) boundary.push_back(boundary.back() + 16 + len);
  ASSERT_EQ(boundary.back(), full.size());

  TempDir dir;
  const fs::path cut = dir.path / "cut.pcap";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    // A fresh file each time: truncating and rewriting one file makes ext4 flush it (slow).
    fs::remove(cut);
    write_file(cut, std::string_view(full).substr(0, n));
    auto r = Reader::open(cut);
    if (n < 24) {
      ASSERT_EQ(err(r).code, Errc::PcapOpen) << n;
      continue;
    }
    ASSERT_TRUE(r) << n;
    // k whole records fit before the cut.
    std::size_t k = 0;
    while (k + 1 < boundary.size() && boundary[k + 1] <= n) ++k;
    for (std::size_t i = 0; i < k; ++i) {
      auto p = r->next();
      ASSERT_TRUE(p && p->has_value()) << "cut " << n << " record " << i;
      ASSERT_EQ((*p)->caplen, kPinLengths[i]);
    }
    auto p = r->next();
    if (n == boundary[k]) {
      ASSERT_TRUE(p) << n << ": " << r->error_text();
      EXPECT_FALSE(p->has_value()) << n;
    } else {
      ASSERT_FALSE(p) << n;
      EXPECT_EQ(p.error(), (Error{Errc::Truncated, static_cast<std::uint32_t>(boundary[k]), 0}))
          << n << " " << r->error_text();
      EXPECT_FALSE(r->error_text().empty());
      // Sticky: the reader does not move past the damage.
      EXPECT_EQ(err(r->next()), p.error());
      EXPECT_EQ(r->packets_read(), k);
    }
  }
}

TEST(Reader, ImpossibleCaptureLengthIsBadLength) {
  std::string data = test::read_file(capture("pin"));
  // Record 2 starts at 24 + 16 + 18 = 58; its caplen field is at +8.
  const std::size_t rec2 = 58;
  for (std::size_t i = 0; i < 4; ++i) data[rec2 + 8 + i] = static_cast<char>(0x7f);
  TempDir dir;
  write_file(dir.path / "bad.pcap", data);
  auto r = Reader::open(dir.path / "bad.pcap");
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->next());  // record 1 is fine
  auto p = r->next();
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(), (Error{Errc::BadLength, static_cast<std::uint32_t>(rec2), 0}))
      << r->error_text();
}

TEST(Reader, ReadsPcapng) {
  // A minimal pcapng file built by hand (pcapng spec: SHB, IDB linktype 127 snaplen 0, one EPB
  // with the default µs resolution, 5 data octets padded to 8).
  const Bytes file =
      hex("0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000"  // SHB, 28 octets
          "01000000 14000000 7f00 0000 00000000 14000000"                   // IDB, 20 octets
          "06000000 28000000 00000000"                                      // EPB, 40 octets, if 0
          "00000000 40420f00"                                               // ts = 1 000 000 µs
          "05000000 05000000 0102030405 000000 28000000");
  TempDir dir;
  write_file(dir.path / "x.pcapng", as_chars(file));
  auto r = Reader::open(dir.path / "x.pcapng");
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->linktype(), 127);
  auto p = r->next();
  ASSERT_TRUE(p && p->has_value()) << r->error_text();
  EXPECT_EQ((*p)->timestamp_ns, 1'000'000'000);
  EXPECT_EQ((*p)->linktype, 127);
  EXPECT_EQ(to_hex((*p)->data), "0102030405");
  auto end = r->next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(end->has_value());
}

// A pcapng timestamp that int64 nanoseconds cannot hold: the record is reported as damaged
// (BadValue at its block's offset), never computed (a signed overflow before the fix).
TEST(Reader, PcapngTimestampPastInt64NanosecondsIsDamaged) {
  const std::string shb = "0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000";
  const std::string idb_us = "01000000 14000000 7f00 0000 00000000 14000000";
  // IDB with if_tsresol (option 9, length 1) = 0: timestamps count whole seconds.
  const std::string idb_s =
      "01000000 20000000 7f00 0000 00000000 0900 0100 00000000 0000 0000 20000000";
  auto epb = [](const char* ts_high, const char* ts_low) {
    return std::string("06000000 24000000 00000000 ") + ts_high + " " + ts_low +
           " 01000000 01000000 aa000000 24000000";
  };
  struct Case {
    const char* what;
    std::string file;
    std::size_t bad_at;  // offset of the damaged EPB
  };
  const Case cases[] = {
      // 10^16 µs = 10^10 s: 10^10 * 10^9 overflows int64.
      {"1e16 us", shb + idb_us + epb("00000000", "40420f00") + epb("f2862300", "0000c16f"),
       28 + 20 + 36},
      // 2^56 - 1 s at if_tsresol 10^0.
      {"2^56-1 s", shb + idb_s + epb("00000000", "01000000") + epb("ffffff00", "ffffffff"),
       28 + 32 + 36},
  };
  TempDir dir;
  for (const auto& c : cases) {
    const fs::path path = dir.path / "ts.pcapng";
    fs::remove(path);
    write_file(path, as_chars(hex(c.file)));
    auto r = Reader::open(path);
    ASSERT_TRUE(r) << c.what;
    auto first = r->next();
    ASSERT_TRUE(first && first->has_value()) << c.what << " " << r->error_text();
    EXPECT_EQ((*first)->timestamp_ns, 1'000'000'000) << c.what;
    auto bad = r->next();
    ASSERT_FALSE(bad) << c.what << " computed " << (*bad ? (*bad)->timestamp_ns : -1);
    EXPECT_EQ(bad.error(), (Error{Errc::BadValue, static_cast<std::uint32_t>(c.bad_at), 0}))
        << c.what;
    EXPECT_EQ(r->packets_read(), 1u) << c.what;
    EXPECT_EQ(err(r->next()), bad.error()) << c.what;  // sticky
  }
}

TEST(Reader, ReadsFromMemory) {
  const std::string full = test::read_file(capture("pin"));
  auto r = Reader::open_memory(as_bytes(full));
  ASSERT_TRUE(r) << describe(r.error());
  std::vector<std::uint32_t> lengths;
  for (auto p = r->next(); p && p->has_value(); p = r->next()) lengths.push_back((*p)->caplen);
  EXPECT_EQ(lengths, kPinLengths);
  EXPECT_EQ(err(Reader::open_memory(ByteView{})).code, Errc::PcapOpen);
  // 100 octets: the file header, records 1 (ends at 58) and 2 (ends at 97), 3 octets of 3.
  const std::string cut = full.substr(0, 100);
  auto c = Reader::open_memory(as_bytes(cut));
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->next());
  ASSERT_TRUE(c->next());
  EXPECT_EQ(err(c->next()), (Error{Errc::Truncated, 97, 0}));
}

TEST(Reader, OpenErrors) {
  TempDir dir;
  EXPECT_EQ(err(Reader::open(dir.path / "missing.pcap")).code, Errc::PcapOpen);
  write_file(dir.path / "text.pcap", "this is not a capture file at all, just text");
  EXPECT_EQ(err(Reader::open(dir.path / "text.pcap")).code, Errc::PcapOpen);
  write_file(dir.path / "empty.pcap", "");
  EXPECT_EQ(err(Reader::open(dir.path / "empty.pcap")).code, Errc::PcapOpen);
}

TEST(Reader, MovedFromReaderIsNotReady) {
  auto r = Reader::open(capture("pin"));
  ASSERT_TRUE(r);
  Reader other = std::move(*r);
  EXPECT_EQ(err(r->next()).code, Errc::NotReady);
  auto p = other.next();
  ASSERT_TRUE(p && p->has_value());
  EXPECT_EQ((*p)->caplen, 18u);
}

TEST(Linktype, Helpers) {
  for (int v : {1, 105, 113, 119, 127, 163, 192, 276}) {
    EXPECT_TRUE(is_known_linktype(v)) << v;
    EXPECT_EQ(static_cast<int>(*to_linktype(v)), v);
    EXPECT_NE(linktype_name(v), "UNKNOWN");
  }
  for (int v : {0, 2, 104, 162, 228, 277, -1}) {
    EXPECT_FALSE(is_known_linktype(v)) << v;
    EXPECT_EQ(linktype_name(v), "UNKNOWN");
  }
  EXPECT_EQ(linktype_name(127), "IEEE802_11_RADIOTAP");
  EXPECT_EQ(linktype_name(119), "PRISM_HEADER");
  EXPECT_EQ(linktype_name(163), "IEEE802_11_AVS");
  EXPECT_TRUE(is_writable_linktype(Linktype::Radiotap));
  EXPECT_TRUE(is_writable_linktype(Linktype::Ieee80211));
  EXPECT_TRUE(is_writable_linktype(Linktype::Ethernet));
  EXPECT_FALSE(is_writable_linktype(Linktype::Ppi));
  EXPECT_FALSE(is_writable_linktype(Linktype::LinuxSll2));
}

}  // namespace
}  // namespace wps::pcap
