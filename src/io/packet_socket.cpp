#include "io/packet_socket.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wps::io {
namespace {
std::string sys_error(const std::string& what) {
  return what + ": " + std::strerror(errno);
}
}  // namespace

PacketSocket::PacketSocket(const std::string& ifname, std::uint16_t ether_type,
                           const MacAddr& group)
    : ifname_(ifname) {
  if (ifname.empty() || ifname.size() >= IFNAMSIZ)
    throw IoError("bad interface name '" + ifname + "'");
  fd_ = ::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ether_type));
  if (fd_ < 0) throw IoError(sys_error("socket(AF_PACKET)"));
  try {
    ifreq ifr{};
    std::memcpy(ifr.ifr_name, ifname.c_str(), ifname.size());
    if (::ioctl(fd_, SIOCGIFINDEX, &ifr) < 0) throw IoError(sys_error("interface " + ifname));
    ifindex_ = ifr.ifr_ifindex;
    if (::ioctl(fd_, SIOCGIFHWADDR, &ifr) < 0) throw IoError(sys_error("SIOCGIFHWADDR " + ifname));
    std::array<std::uint8_t, 6> m{};
    std::memcpy(m.data(), ifr.ifr_hwaddr.sa_data, 6);
    mac_ = MacAddr(m);

    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ether_type);
    sll.sll_ifindex = ifindex_;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0) {
      throw IoError(sys_error("bind " + ifname));
    }
    packet_mreq mr{};
    mr.mr_ifindex = ifindex_;
    mr.mr_type = PACKET_MR_MULTICAST;
    mr.mr_alen = 6;
    std::memcpy(mr.mr_address, group.get().data(), 6);
    if (::setsockopt(fd_, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
      throw IoError(sys_error("PACKET_ADD_MEMBERSHIP " + group.str()));
    }
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

PacketSocket::~PacketSocket() {
  if (fd_ >= 0) ::close(fd_);
}

void PacketSocket::send(ByteView frame) {
  sockaddr_ll sll{};
  sll.sll_family = AF_PACKET;
  sll.sll_ifindex = ifindex_;
  sll.sll_halen = 6;
  if (frame.size() >= 6) std::memcpy(sll.sll_addr, frame.data(), 6);
  ssize_t n =
      ::sendto(fd_, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&sll), sizeof sll);
  if (n < 0) throw IoError(sys_error("sendto " + ifname_));
  if (static_cast<std::size_t>(n) != frame.size()) throw IoError("short send on " + ifname_);
}

std::optional<Bytes> PacketSocket::receive() {
  for (;;) {
    Bytes buf(65536);
    sockaddr_ll from{};
    socklen_t fl = sizeof from;
    ssize_t n =
        ::recvfrom(fd_, buf.data(), buf.size(), MSG_TRUNC, reinterpret_cast<sockaddr*>(&from), &fl);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
      if (errno == EINTR) continue;
      throw IoError(sys_error("recvfrom " + ifname_));
    }
    if (from.sll_pkttype == PACKET_OUTGOING) continue;
    buf.resize(std::min(static_cast<std::size_t>(n), buf.size()));
    return buf;
  }
}

}  // namespace wps::io
