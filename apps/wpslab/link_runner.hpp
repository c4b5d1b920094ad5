// Glue shared by `wpslab ap` and `wpslab sta` (edge code): the raw EAPOL socket, the event loop,
// the pcap and key-log files, and the text / JSON-lines output of interop::Note events.
#pragma once

#include <cmath>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "interop/services.hpp"
#include "io/event_loop.hpp"
#include "io/packet_socket.hpp"
#include "pcap/writer.hpp"

namespace wpslab {

struct LinkOptions {
  std::string iface;
  std::string pcap;
  std::string keylog;
  bool json = false;
  bool verbose = false;
};

/// Prints a note as LinkRunner::emit does (for commands that run without an interface).
void print_note(const wps::interop::Note& n, wps::TimePoint now, bool json);

class LinkRunner {
 public:
  /// Opens the socket (throws io::IoError), the pcap (throws std::runtime_error) and the key log.
  explicit LinkRunner(LinkOptions o);
  ~LinkRunner();

  wps::io::EventLoop& loop() { return loop_; }
  wps::io::PacketSocket& socket() { return *sock_; }
  const LinkOptions& options() const { return o_; }

  void send(wps::ByteView frame, wps::TimePoint now);
  void record_rx(wps::ByteView frame, wps::TimePoint now);
  /// Prints a note (text line on stdout, or one JSON object per line with --json).
  void emit(const wps::interop::Note& n, wps::TimePoint now);
  /// Plain message (text mode: as is; JSON mode: {"event":"log","text":...}).
  void log(const std::string& event, const std::string& text, wps::TimePoint now);
  void keylog(const std::string& line);
  /// Routes one service output.
  void handle(const wps::interop::ServiceOutput& o, wps::TimePoint now);
  /// Closes the pcap (renames it into place). Call once at the end.
  void finish();

 private:
  LinkOptions o_;
  wps::io::EventLoop loop_;
  std::unique_ptr<wps::io::PacketSocket> sock_;
  std::optional<wps::pcap::Writer> pcap_;
  std::int64_t epoch_s_ = 0;
  std::int64_t epoch_frac_ns_ = 0;
  std::ofstream keylog_;
};

}  // namespace wpslab
