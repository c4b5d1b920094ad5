#include "pcap/writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <cstring>
#include <string>

#include "pcap/reader.hpp"
#include "support/test_support.hpp"

namespace wps::pcap {
namespace {

namespace fs = std::filesystem;
using test::hex;

template <typename T>
Error err(const Result<T>& r) {
  return r ? Error{} : r.error();
}

/// A fresh directory under the system temp dir, removed with its contents at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("wpslab-pcap-writer-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  /// Number of entries in the directory (to see stray temporaries).
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(path)) ++n;
    return n;
  }
};

std::uint32_t le32_at(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<std::uint8_t>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

const Bytes kFrameA = hex("0180c2000003020000000b01888e02010000");          // pin/wps.pcap frame 1
const Bytes kFrameB = hex("020000000b01020000000a01888e02000004045f0004");  // frame 14
constexpr std::int64_t kEpoch = 1'795'667'694;  // the pin run's first second

TEST(Writer, WritesReadableFileWithExactBytesAndTimes) {
  TempDir dir;
  const fs::path out = dir.path / "run.pcap";
  {
    auto w = Writer::open(out, {Linktype::Ethernet, 65535, kEpoch, TsPrecision::Nano});
    ASSERT_TRUE(w) << describe(w.error());
    EXPECT_FALSE(fs::exists(out));  // only the temporary exists while writing
    EXPECT_TRUE(fs::exists(w->temp_path()));
    EXPECT_EQ(w->temp_path().parent_path(), dir.path);
    ASSERT_TRUE(w->write(TimePoint::from_ns(401'225'123), kFrameA));
    ASSERT_TRUE(w->write(TimePoint::from_ns(1'000'000'001), kFrameB));
    ASSERT_TRUE(w->write(TimePoint::from_ns(2'500'000'000), {}));
    EXPECT_EQ(w->packets_written(), 3u);
    ASSERT_TRUE(w->close());
    EXPECT_TRUE(w->temp_path().empty());
    EXPECT_EQ(err(w->write(TimePoint{}, kFrameA)).code, Errc::NotReady);
    EXPECT_EQ(err(w->close()).code, Errc::NotReady);
  }
  EXPECT_EQ(dir.entries(), 1u);  // the target only, no temporary left

  // The file header, read byte by byte (pcap file format: magic, 2.4, snaplen, linktype).
  const std::string raw = test::read_file(out);
  ASSERT_GE(raw.size(), 24u);
  EXPECT_EQ(le32_at(raw, 0), 0xa1b23c4du);  // nanosecond magic
  EXPECT_EQ(le32_at(raw, 16), 65535u);
  EXPECT_EQ(le32_at(raw, 20), 1u);
  EXPECT_EQ(raw.size(), 24u + 3 * 16 + kFrameA.size() + kFrameB.size());
  EXPECT_EQ(le32_at(raw, 24), kEpoch);        // first record: seconds
  EXPECT_EQ(le32_at(raw, 28), 401'225'123u);  // nanoseconds

  auto r = Reader::open(out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->linktype(), 1);
  const std::int64_t base = kEpoch * 1'000'000'000;
  const std::pair<std::int64_t, Bytes> want[] = {
      {base + 401'225'123, kFrameA}, {base + 1'000'000'001, kFrameB}, {base + 2'500'000'000, {}}};
  for (const auto& [ts, bytes] : want) {
    auto p = r->next();
    ASSERT_TRUE(p) << describe(p.error());
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ((*p)->timestamp_ns, ts);
    EXPECT_EQ((*p)->linktype, 1);
    EXPECT_EQ(to_bytes((*p)->data), bytes);
    EXPECT_EQ((*p)->caplen, bytes.size());
    EXPECT_EQ((*p)->origlen, bytes.size());
  }
  auto end = r->next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(end->has_value());
}

TEST(Writer, MicrosecondFilesTruncateToMicroseconds) {
  TempDir dir;
  const fs::path out = dir.path / "us.pcap";
  auto w = Writer::open(out, {Linktype::Radiotap, 4096, 10, TsPrecision::Micro});
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->write(TimePoint::from_ns(1'234'567'891), kFrameA));
  ASSERT_TRUE(w->close());
  const std::string raw = test::read_file(out);
  EXPECT_EQ(le32_at(raw, 0), 0xa1b2c3d4u);
  EXPECT_EQ(le32_at(raw, 16), 4096u);
  EXPECT_EQ(le32_at(raw, 20), 127u);
  EXPECT_EQ(le32_at(raw, 24), 11u);
  EXPECT_EQ(le32_at(raw, 28), 234'567u);
  auto r = Reader::open(out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->linktype(), 127);
  auto p = r->next();
  ASSERT_TRUE(p && p->has_value());
  EXPECT_EQ((*p)->timestamp_ns, 11'234'567'000);
}

TEST(Writer, SnaplenCutsCaplenButKeepsOrigLen) {
  TempDir dir;
  const fs::path out = dir.path / "snap.pcap";
  auto w = Writer::open(out, {Linktype::Ieee80211, 10, 0, TsPrecision::Micro});
  ASSERT_TRUE(w);
  ASSERT_TRUE(w->write(TimePoint{}, kFrameB));
  ASSERT_TRUE(w->close());
  auto r = Reader::open(out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->snaplen(), 10u);
  auto p = r->next();
  ASSERT_TRUE(p && p->has_value());
  EXPECT_EQ((*p)->caplen, 10u);
  EXPECT_EQ((*p)->origlen, kFrameB.size());
  EXPECT_EQ(to_bytes((*p)->data), Bytes(kFrameB.begin(), kFrameB.begin() + 10));
}

TEST(Writer, SameInputsGiveIdenticalFiles) {
  TempDir dir;
  for (const char* name : {"a.pcap", "b.pcap"}) {
    auto w = Writer::open(dir.path / name, {Linktype::Ethernet, 65535, kEpoch, TsPrecision::Micro});
    ASSERT_TRUE(w);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(w->write(TimePoint::from_ns(i * 1'000'123), kFrameA));
    ASSERT_TRUE(w->close());
  }
  EXPECT_EQ(test::read_file(dir.path / "a.pcap"), test::read_file(dir.path / "b.pcap"));
}

TEST(Writer, AbandonedRunLeavesNothingAndKeepsAnOldTarget) {
  TempDir dir;
  const fs::path out = dir.path / "run.pcap";
  {
    auto w = Writer::open(out, {});
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write(TimePoint{}, kFrameA));
    // destroyed without close()
  }
  EXPECT_EQ(dir.entries(), 0u);

  // An earlier capture under the target name survives a failed later run.
  {
    auto w = Writer::open(out, {Linktype::Ethernet});
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write(TimePoint{}, kFrameA));
    ASSERT_TRUE(w->close());
  }
  const std::string before = test::read_file(out);
  {
    auto w = Writer::open(out, {Linktype::Ethernet});
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->write(TimePoint{}, kFrameB));
    ASSERT_TRUE(w->write(TimePoint{}, kFrameB));
  }
  EXPECT_EQ(test::read_file(out), before);
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(Writer, MoveKeepsOneOwner) {
  TempDir dir;
  auto w = Writer::open(dir.path / "m.pcap", {Linktype::Ethernet});
  ASSERT_TRUE(w);
  Writer moved = std::move(*w);
  EXPECT_EQ(err(w->write(TimePoint{}, kFrameA)).code, Errc::NotReady);
  ASSERT_TRUE(moved.write(TimePoint{}, kFrameA));
  ASSERT_TRUE(moved.close());
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(Writer, Errors) {
  TempDir dir;
  EXPECT_EQ(err(Writer::open(dir.path / "x.pcap", {Linktype::LinuxSll})).code,
            Errc::PcapBadLinktype);
  EXPECT_EQ(err(Writer::open(dir.path / "x.pcap", {Linktype::Ppi})).code, Errc::PcapBadLinktype);
  EXPECT_EQ(err(Writer::open(dir.path / "x.pcap", {Linktype::Ethernet, 0})).code, Errc::BadValue);
  EXPECT_EQ(err(Writer::open(dir.path / "no" / "such" / "dir.pcap", {})).code, Errc::PcapOpen);
  EXPECT_EQ(dir.entries(), 0u);

  auto w = Writer::open(dir.path / "t.pcap", {Linktype::Ethernet, 65535, 5});
  ASSERT_TRUE(w);
  // Before 1970 and after 2106 cannot be stored; negative offsets inside the epoch can.
  EXPECT_EQ(err(w->write(TimePoint::from_ns(-6'000'000'000), kFrameA)).code, Errc::BadValue);
  EXPECT_TRUE(w->write(TimePoint::from_ns(-1), kFrameA));  // 4.999999999 s
  EXPECT_EQ(err(w->write(TimePoint::from_ns(std::int64_t{1} << 62), kFrameA)).code, Errc::BadValue);
  ASSERT_TRUE(w->close());
  auto r = Reader::open(dir.path / "t.pcap");
  ASSERT_TRUE(r);
  auto p = r->next();
  ASSERT_TRUE(p && p->has_value());
  EXPECT_EQ((*p)->timestamp_ns, 4'999'999'000);  // µs file
}

TEST(WriterDeathTest, WriteFailureIsAnIoErrorAndLeavesNothing) {
  // In a child process: cap the file size at 2000 octets (SIGXFSZ ignored, so write(2) fails with
  // EFBIG), write until the writer notices — in write() when stdio flushes, at the latest in
  // close() — and require IoError and an empty directory. Exit code 0 means all held.
  TempDir dir;
  const fs::path out = dir.path / "big.pcap";
  auto child = [&]() {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{2000, 2000};
    if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) std::_Exit(2);
    auto w = Writer::open(out, {Linktype::Ethernet});
    if (!w) std::_Exit(3);
    // The child leaves with _Exit: keep the frame off the heap, so that a leak checker
    // following the fork (valgrind) has nothing to report.
    std::array<std::uint8_t, 200> frame{};
    frame.fill(0xab);
    Error e{};
    for (int i = 0; i < 100 && e.code == Errc::Ok; ++i) e = err(w->write(TimePoint{}, frame));
    if (e.code == Errc::Ok) e = err(w->close());
    if (e.code != Errc::IoError) std::_Exit(4);
    if (err(w->write(TimePoint{}, frame)).code != Errc::NotReady) std::_Exit(5);
    if (dir.entries() != 0) std::_Exit(6);
    std::_Exit(0);
  };
  EXPECT_EXIT(child(), testing::ExitedWithCode(0), "");
  EXPECT_EQ(dir.entries(), 0u);
}

}  // namespace
}  // namespace wps::pcap
