#include "analyzer/ladder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "air.hpp"
#include "analyzer/text.hpp"
#include <algorithm>

namespace wps::analyzer {
namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("wpslab-ladder-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Want {
  const char* time;
  Role from;
  const char* label;
};

// The 14 frames of captures/pin/wps.pcap as REPORT.md lists them ("What is on the wire") and
// tshark shows them (frame.time_relative, eth.src, eap.code/id, eap.wps.code, wps.message_type).
const Want kPin[] = {
    {"0.000000", Role::Sta, "EAPOL-Start"},
    {"0.000563", Role::Ap, "EAP-Request/Identity"},
    {"0.000887", Role::Sta, "EAP-Response/Identity WFA-SimpleConfig-Enrollee-1-0"},
    {"0.001026", Role::Ap, "WSC_Start"},
    {"0.001617", Role::Sta, "M1"},
    {"0.003443", Role::Ap, "M2"},
    {"0.004089", Role::Sta, "M3"},
    {"0.004355", Role::Ap, "M4"},
    {"0.004636", Role::Sta, "M5"},
    {"0.004906", Role::Ap, "M6"},
    {"0.005422", Role::Sta, "M7"},
    {"0.005843", Role::Ap, "M8"},
    {"0.008033", Role::Sta, "WSC_Done"},
    {"0.008264", Role::Ap, "EAP-Failure"},
};

TEST(Ladder, PinCaptureRowsInOrder) {
  auto rows = ladder_from_capture(air::interop_capture("pin"));
  ASSERT_TRUE(rows) << describe(rows.error());
  ASSERT_EQ(rows->size(), 14u);
  for (std::size_t i = 0; i < 14; ++i) {
    const Row& r = (*rows)[i];
    SCOPED_TRACE(i + 1);
    EXPECT_EQ(r.kind, RowKind::Frame);
    EXPECT_EQ(r.frame, i + 1);
    EXPECT_EQ(seconds6(r.time_ns), kPin[i].time);
    EXPECT_EQ(r.from, kPin[i].from);
    EXPECT_EQ(r.to, kPin[i].from == Role::Sta ? Role::Ap : Role::Sta);
    EXPECT_EQ(r.label, kPin[i].label);
    EXPECT_EQ(r.section, Section::Wps);
    EXPECT_FALSE(r.worst);
    EXPECT_FALSE(r.retry);
  }
}

TEST(Ladder, PinCaptureText) {
  auto rows = ladder_from_capture(air::interop_capture("pin"));
  ASSERT_TRUE(rows);
  std::string t = render_text(*rows);
  // Header, one section line, 14 rows.
  EXPECT_EQ(std::count(t.begin(), t.end(), '\n'), 16);
  EXPECT_NE(t.find("   time (s)  STA"), std::string::npos);
  EXPECT_NE(t.find(" WPS "), std::string::npos);
  // STA -> AP rows end in an arrow head at the AP rail; AP -> STA rows start with one.
  EXPECT_NE(t.find("   0.000000  |---- EAPOL-Start ---"), std::string::npos) << t;
  EXPECT_NE(t.find("--->|\n   0.000563  |<---- EAP-Request/Identity ---"), std::string::npos) << t;
  EXPECT_NE(t.find("   0.001617  |---- M1 ---"), std::string::npos) << t;
  EXPECT_NE(t.find("   0.008264  |<---- EAP-Failure ---"), std::string::npos) << t;
  // All lines of rows have the same width (rails aligned).
  std::size_t width = 0;
  std::size_t pos = t.find('\n') + 1;
  pos = t.find('\n', pos) + 1;  // skip header and section line
  while (pos < t.size()) {
    std::size_t end = t.find('\n', pos);
    std::size_t w = text_width(std::string_view(t).substr(pos, end - pos));
    if (width == 0) width = w;
    EXPECT_EQ(w, width) << t.substr(pos, end - pos);
    pos = end + 1;
  }
}

TEST(Ladder, PinCaptureMermaid) {
  auto rows = ladder_from_capture(air::interop_capture("pin"));
  ASSERT_TRUE(rows);
  EXPECT_EQ(render_mermaid(*rows),
            "sequenceDiagram\n"
            "    participant STA\n"
            "    participant AP\n"
            "    Note over STA,AP: WPS\n"
            "    STA->>AP: EAPOL-Start\n"
            "    AP->>STA: EAP-Request/Identity\n"
            "    STA->>AP: EAP-Response/Identity WFA-SimpleConfig-Enrollee-1-0\n"
            "    AP->>STA: WSC_Start\n"
            "    STA->>AP: M1\n"
            "    AP->>STA: M2\n"
            "    STA->>AP: M3\n"
            "    AP->>STA: M4\n"
            "    STA->>AP: M5\n"
            "    AP->>STA: M6\n"
            "    STA->>AP: M7\n"
            "    AP->>STA: M8\n"
            "    STA->>AP: WSC_Done\n"
            "    AP->>STA: EAP-Failure\n");
}

std::vector<std::string> labels(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.label);
  return out;
}

TEST(Ladder, FailureCaptures) {
  // tshark: late-pin frames 5..8 = M1, M2D (0x000f), WSC_ACK, EAP-Failure; then two
  // EAPOL-Starts (1.001 s, 8.011 s) and a full run.
  auto late = ladder_from_capture(air::interop_capture("late-pin"));
  ASSERT_TRUE(late);
  auto l = labels(*late);
  ASSERT_EQ(l.size(), 23u);
  EXPECT_EQ(l[5], "M2D (config error 15)");
  EXPECT_EQ(l[6], "WSC_ACK");
  EXPECT_EQ(l[7], "EAP-Failure");
  EXPECT_EQ(l[8], "EAPOL-Start");
  EXPECT_EQ(seconds6((*late)[8].time_ns), "1.001386");
  EXPECT_EQ(l[9], "EAPOL-Start");
  EXPECT_EQ(l[20], "M8");
  auto wrong = ladder_from_capture(air::interop_capture("wrong-pin"));
  ASSERT_TRUE(wrong);
  l = labels(*wrong);
  ASSERT_EQ(l.size(), 10u);
  EXPECT_EQ(l[7], "M4");
  EXPECT_EQ(l[8], "WSC_NACK (config error 18)");
  EXPECT_EQ((*wrong)[8].from, Role::Sta);
  // er: no WSC_Start; the AP (enrollee) sends M1 in a Request; the ER NACKs M7 with error 0.
  auto er = ladder_from_capture(air::interop_capture("er"));
  ASSERT_TRUE(er);
  l = labels(*er);
  EXPECT_EQ(l[2], "EAP-Response/Identity WFA-SimpleConfig-Registrar-1-0");
  EXPECT_EQ(l[3], "M1");
  EXPECT_EQ((*er)[3].from, Role::Ap);
  EXPECT_EQ(l[10], "WSC_NACK (config error 0)");
  EXPECT_EQ((*er)[10].from, Role::Sta);
  auto erc = ladder_from_capture(air::interop_capture("er-config"));
  ASSERT_TRUE(erc);
  l = labels(*erc);
  EXPECT_EQ(l[11], "WSC_Done");
  EXPECT_EQ((*erc)[11].from, Role::Ap);
  EXPECT_EQ(l[12], "WSC_ACK");
}

TEST(Ladder, FragmentsNumbered) {
  auto rows = ladder_from_capture(air::interop_capture("frag"));
  ASSERT_TRUE(rows);
  auto l = labels(*rows);
  ASSERT_EQ(l.size(), 40u);
  // tshark: M1 in frames 5/7/9/11 (96 + 98 + 98 + 97 = 389 octets), FRAG_ACKs 6/8/10 from the AP.
  EXPECT_EQ(l[4], "M1 (fragment 1, 96/389 octets)");
  EXPECT_EQ(l[5], "WSC_FRAG_ACK");
  EXPECT_EQ((*rows)[5].from, Role::Ap);
  EXPECT_EQ(l[6], "M1 (fragment 2, 194/389 octets)");
  EXPECT_EQ(l[8], "M1 (fragment 3, 292/389 octets)");
  EXPECT_EQ(l[10], "M1 (fragment 4, 389/389 octets, reassembled)");
  EXPECT_EQ(l[11].rfind("M2 (fragment 1, ", 0), 0u) << l[11];
  EXPECT_EQ(l[12], "WSC_FRAG_ACK");
  EXPECT_EQ((*rows)[12].from, Role::Sta);
  EXPECT_EQ(l[38], "WSC_Done");
}

TEST(Ladder, WholeAirRunSectionsAndCollapsing) {
  TempDir dir;
  air::AirBuilder b;
  b.full_run("pin", 5, true, 6);
  ASSERT_TRUE(b.write(dir.path / "air.pcap"));
  auto rows = ladder_from_capture(dir.path / "air.pcap");
  ASSERT_TRUE(rows) << describe(rows.error());
  std::vector<std::string> want = {
      "Beacon (WPS IE, Selected Registrar: PIN)",
      "… 4 more beacons",
      "Probe Request (WPS IE)",
      "Probe Response (WPS IE, Selected Registrar: PIN)",
      "Authentication (seq 1)",
      "Authentication (seq 2)",
      "Association Request (WPS IE)",
      "Association Response (status 0, AID 1) (WPS IE)",
      "EAPOL-Start",
      "EAP-Request/Identity",
      "EAP-Response/Identity WFA-SimpleConfig-Enrollee-1-0",
      "WSC_Start",
      "M1",
      "M2",
      "M3",
      "M4",
      "M5",
      "M6",
      "M7",
      "M8",
      "WSC_Done",
      "EAP-Failure",
      "Deauthentication (reason 23)",
      "Authentication (seq 1)",
      "Authentication (seq 2)",
      "Association Request (RSN IE)",
      "Association Response (status 0, AID 1)",
      "EAPOL-Key 1/4",
      "EAPOL-Key 2/4",
      "EAPOL-Key 3/4",
      "EAPOL-Key 4/4",
      "Data (protected, CCMP)",
      "… 2 more data frames",
      "Data (protected, CCMP)",
      "… 2 more data frames",
  };
  EXPECT_EQ(labels(*rows), want);
  const Section sec[] = {Section::Discovery, Section::Discovery, Section::Discovery,
                         Section::Discovery, Section::Round1,    Section::Round1,
                         Section::Round1,    Section::Round1};
  for (int i = 0; i < 8; ++i) EXPECT_EQ((*rows)[i].section, sec[i]) << i;
  for (int i = 8; i < 23; ++i) EXPECT_EQ((*rows)[i].section, Section::Wps) << i;
  for (int i = 23; i < 27; ++i) EXPECT_EQ((*rows)[i].section, Section::Round2) << i;
  for (int i = 27; i < 31; ++i) EXPECT_EQ((*rows)[i].section, Section::FourWay) << i;
  for (int i = 31; i < 35; ++i) EXPECT_EQ((*rows)[i].section, Section::Data) << i;
  EXPECT_EQ((*rows)[1].kind, RowKind::Summary);
  EXPECT_EQ((*rows)[1].count, 4u);
  EXPECT_EQ((*rows)[0].from, Role::Ap);
  EXPECT_EQ((*rows)[31].from, Role::Sta);
  EXPECT_EQ((*rows)[33].from, Role::Ap);
  // Section header lines in the text and notes in Mermaid, in this order.
  std::string t = render_text(*rows);
  std::size_t at = 0;
  for (const char* s :
       {" Discovery ", " Round 1 ", " WPS ", " Round 2 ", " 4-way handshake ", " Data "}) {
    std::size_t p = t.find(s, at);
    ASSERT_NE(p, std::string::npos) << s << "\n" << t;
    at = p;
  }
  std::string m = render_mermaid(*rows);
  EXPECT_NE(m.find("    Note over STA,AP: Round 2\n    STA->>AP: Authentication (seq 1)\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("    AP-->>STA: … 4 more beacons\n"), std::string::npos) << m;
  // Without collapsing every frame has its row.
  LadderOptions o;
  o.collapse = false;
  auto all = ladder_from_capture(dir.path / "air.pcap", o);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), b.frames.size());
}

TEST(Ladder, ChangedBeaconShownAgainAndRetriesMarked) {
  TempDir dir;
  air::AirBuilder b;
  b.beacon(false);
  b.beacon(false);
  b.beacon(true);
  b.beacon(true, true);
  b.beacon(false);
  auto w = air::wired_eapol(air::interop_capture("pin"));
  b.eapol(true, w[0].eapol);
  b.eapol(true, w[0].eapol, true);  // retransmitted with the Retry bit
  ASSERT_TRUE(b.write(dir.path / "b.pcap"));
  auto rows = ladder_from_capture(dir.path / "b.pcap");
  ASSERT_TRUE(rows);
  std::vector<std::string> want = {"Beacon (WPS IE)",
                                   "… 2 more beacons",
                                   "Beacon (WPS IE, Selected Registrar: PIN)",
                                   "Beacon (WPS IE, Selected Registrar: PIN, AP Setup Locked)",
                                   "EAPOL-Start",
                                   "EAPOL-Start (retry)"};
  EXPECT_EQ(labels(*rows), want);
  EXPECT_TRUE(rows->back().retry);
}

TEST(Ladder, MaxRowsAndMissingFile) {
  LadderOptions o;
  o.max_rows = 5;
  LadderBuilder b(o);
  auto rows = ladder_from_capture(air::interop_capture("pin"), o);
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 5u);
  auto missing = ladder_from_capture("/nonexistent/x.pcap");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::PcapOpen);
}

}  // namespace
}  // namespace wps::analyzer

namespace wps::analyzer {
namespace {

// tests/fixtures/analyzer/air-pin.pcap (used by tests/cli/analyze.sh) is AirBuilder::full_run("pin",
// 3) written as radiotap; `tshark -r` lists its 38 frames as beacon x3, probe request/response,
// auth x2, assoc x2, EAPOL Start..Failure (M1..M8, WSC_DONE), deauth, auth x2, assoc x2,
// EAPOL-Key 1..4 of 4, and 6 protected data frames, and decrypts them with
// wpa-pwd interop-passphrase-1234:wps-interop-test.
TEST(Vectors, AirPinCaptureIsReproducible) {
  TempDir dir;
  air::AirBuilder b;
  b.full_run("pin", 3);
  ASSERT_TRUE(b.write(dir.path / "air.pcap"));
  auto want = test::read_file(std::filesystem::path(WPSLAB_SOURCE_DIR) / "tests" / "fixtures" /
                              "analyzer" / "air-pin.pcap");
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(test::read_file(dir.path / "air.pcap"), want);
  EXPECT_EQ(b.frames.size(), 38u);
}

}  // namespace
}  // namespace wps::analyzer
