// The UNIX datagram socket of hostapd's control interface: `<dir>/<iface>`, one request per
// datagram, the reply sent back to the sender's address; ATTACHed clients also receive
// unsolicited events "<level>TEXT" (level 3 = MSG_INFO, what hostapd uses for WPS-* events).
// Permissions as hostapd: the directory is created 0770 if missing, the socket is chmod 0770,
// and both are given to `group` when one is set (ctrl_interface_group). Edge code: throws
// std::system_error on setup failures; request handling never throws for a peer's input.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"

namespace wps::ctrl {

class Server {
 public:
  /// `group`: a group name or number (ctrl_interface_group), empty = leave the owner's group.
  Server(std::string dir, std::string iface, const std::string& group = "");
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& path() const { return path_; }

  /// Reads every waiting request and answers each with handler(request, attach, detach), where
  /// the handler returns the reply text. ATTACH/DETACH bookkeeping is done here: the handler
  /// gets `client_attached` to decide replies that depend on it.
  using Handler = std::function<std::string(ByteView request, bool client_attached, bool& attach,
                                            bool& detach)>;
  void on_readable(const Handler& handler);
  /// Sends "<level>text" to every attached client (clients that went away are dropped).
  void broadcast(int level, const std::string& text);
  [[nodiscard]] std::size_t attached() const { return clients_.size(); }

 private:
  struct Client {
    sockaddr_un addr{};
    socklen_t len = 0;
  };
  std::string path_;
  int fd_ = -1;
  std::vector<Client> clients_;
};

}  // namespace wps::ctrl
