// AF_PACKET raw socket for EAPOL over Ethernet (the edge: ARCHITECTURE "only src/io touches
// sockets"). Bound to one interface and EtherType 0x888E; joins the PAE group address
// 01:80:c2:00:00:03 with PACKET_ADD_MEMBERSHIP, so it receives frames sent to that group and
// unicast frames to the interface MAC. Frames the host itself sent (PACKET_OUTGOING) are not
// returned. Errors throw io::IoError (edge code; callers catch at the command boundary).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "base/bytes.hpp"
#include "base/strong.hpp"

namespace wps::io {

struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class PacketSocket {
 public:
  /// Opens and binds the socket. Throws IoError (no such interface, no CAP_NET_RAW, ...).
  PacketSocket(const std::string& ifname, std::uint16_t ether_type, const MacAddr& group);
  ~PacketSocket();
  PacketSocket(const PacketSocket&) = delete;
  PacketSocket& operator=(const PacketSocket&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const MacAddr& mac() const { return mac_; }
  [[nodiscard]] const std::string& ifname() const { return ifname_; }

  /// Sends one complete Ethernet frame (header included). Throws IoError on failure.
  void send(ByteView frame);
  /// Reads one frame without blocking; nullopt when none is waiting. Outgoing copies are skipped.
  std::optional<Bytes> receive();

 private:
  int fd_ = -1;
  int ifindex_ = 0;
  MacAddr mac_{};
  std::string ifname_;
};

}  // namespace wps::io
