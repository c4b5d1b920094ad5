#include "ctrl/server.hpp"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace wps::ctrl {

namespace {

[[noreturn]] void sys_fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::optional<gid_t> group_id(const std::string& g) {
  if (g.empty()) return std::nullopt;
  if (g.find_first_not_of("0123456789") == std::string::npos) {
    return static_cast<gid_t>(std::stoul(g));
  }
  if (const group* gr = ::getgrnam(g.c_str())) return gr->gr_gid;
  throw std::runtime_error("ctrl_interface_group: unknown group '" + g + "'");
}

bool same_addr(const sockaddr_un& a, socklen_t al, const sockaddr_un& b, socklen_t bl) {
  return al == bl && std::memcmp(&a, &b, al) == 0;
}

}  // namespace

Server::Server(std::string dir, std::string iface, const std::string& group) {
  auto gid = group_id(group);
  if (::mkdir(dir.c_str(), 0770) == 0) {
    if (gid && ::chown(dir.c_str(), static_cast<uid_t>(-1), *gid) != 0) sys_fail("chown " + dir);
  } else if (errno != EEXIST) {
    sys_fail("mkdir " + dir);
  }
  path_ = dir + "/" + iface;
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path_.size() >= sizeof(a.sun_path)) throw std::runtime_error("ctrl_interface path too long");
  std::memcpy(a.sun_path, path_.c_str(), path_.size() + 1);
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd_ < 0) sys_fail("socket(AF_UNIX)");
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    if (errno != EADDRINUSE) sys_fail("bind " + path_);
    // hostapd: a socket file nobody answers on is left over from a crash; one that answers is
    // another daemon's, which we must not steal.
    int probe = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    bool alive = probe >= 0 && ::connect(probe, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
    if (probe >= 0) ::close(probe);
    if (alive) {
      errno = EADDRINUSE;
      sys_fail("ctrl_interface " + path_ + " is in use by another process");
    }
    ::unlink(path_.c_str());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) sys_fail("bind " + path_);
  }
  if (gid && ::chown(path_.c_str(), static_cast<uid_t>(-1), *gid) != 0) sys_fail("chown " + path_);
  if (::chmod(path_.c_str(), 0770) != 0) sys_fail("chmod " + path_);
}

Server::~Server() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

void Server::on_readable(const Handler& handler) {
  std::uint8_t buf[4096];
  for (;;) {
    Client from;
    from.len = sizeof(from.addr);
    ssize_t n =
        ::recvfrom(fd_, buf, sizeof(buf), 0, reinterpret_cast<sockaddr*>(&from.addr), &from.len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // EAGAIN: all read
    }
    bool is_attached = false;
    for (const auto& c : clients_)
      if (same_addr(c.addr, c.len, from.addr, from.len)) is_attached = true;
    bool attach = false, detach = false;
    std::string reply =
        handler(ByteView(buf, static_cast<std::size_t>(n)), is_attached, attach, detach);
    if (attach && !is_attached) clients_.push_back(from);
    if (detach) {
      std::erase_if(clients_,
                    [&](const Client& c) { return same_addr(c.addr, c.len, from.addr, from.len); });
    }
    // A client that left before the reply is not our problem.
    (void)::sendto(fd_, reply.data(), reply.size(), MSG_DONTWAIT,
                   reinterpret_cast<sockaddr*>(&from.addr), from.len);
  }
}

void Server::broadcast(int level, const std::string& text) {
  std::string msg;
  msg.append("<").append(std::to_string(level)).append(">").append(text);
  std::erase_if(clients_, [&](const Client& c) {
    ssize_t r = ::sendto(fd_, msg.data(), msg.size(), MSG_DONTWAIT,
                         reinterpret_cast<const sockaddr*>(&c.addr), c.len);
    return r < 0 && (errno == ECONNREFUSED || errno == ENOENT);
  });
}

}  // namespace wps::ctrl
