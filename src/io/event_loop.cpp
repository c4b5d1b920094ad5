#include "io/event_loop.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "io/packet_socket.hpp"

namespace wps::io {

EventLoop::EventLoop() : epoch_(std::chrono::steady_clock::now()) {
  epoch_unix_ =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  if (sigprocmask(SIG_BLOCK, &set, nullptr) < 0) throw IoError("sigprocmask failed");
  sigfd_ = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sigfd_ < 0) throw IoError(std::string("signalfd: ") + std::strerror(errno));
}

EventLoop::~EventLoop() {
  if (sigfd_ >= 0) ::close(sigfd_);
}

TimePoint EventLoop::now() const {
  auto d = std::chrono::steady_clock::now() - epoch_;
  return TimePoint::from_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}

double EventLoop::unix_seconds(TimePoint t) const {
  return epoch_unix_ + t.seconds();
}

int EventLoop::watch(int fd, std::function<void(TimePoint)> on_readable) {
  watches_.push_back(Watch{fd, std::move(on_readable)});
  return fd;
}

void EventLoop::unwatch(int fd) {
  std::erase_if(watches_, [fd](const Watch& w) { return w.fd == fd; });
}

void EventLoop::set_deadline(std::function<std::optional<TimePoint>()> deadline,
                             std::function<void(TimePoint)> on_deadline) {
  deadline_ = std::move(deadline);
  on_deadline_ = std::move(on_deadline);
}

int EventLoop::run() {
  while (!stopped_) {
    int timeout_ms = -1;
    if (deadline_) {
      if (auto d = deadline_()) {
        TimePoint t = now();
        if (*d <= t) {
          on_deadline_(t);
          continue;
        }
        auto ms = std::chrono::ceil<std::chrono::milliseconds>(*d - t).count();
        timeout_ms = static_cast<int>(std::min<long long>(ms, 60'000));
      }
    }
    std::vector<pollfd> pfds;
    pfds.push_back(pollfd{sigfd_, POLLIN, 0});
    for (const Watch& w : watches_) pfds.push_back(pollfd{w.fd, POLLIN, 0});
    const bool try_idle = idle_ && idle_pending_;
    int n = ::poll(pfds.data(), pfds.size(), try_idle ? 0 : timeout_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError(std::string("poll: ") + std::strerror(errno));
    }
    if (n == 0 && try_idle) {
      // Nothing waiting: do one piece of idle work, then look again.
      idle_pending_ = idle_(now());
      continue;
    }
    idle_pending_ = true;  // something happened: there may be new idle work after it
    if (pfds[0].revents & POLLIN) {
      signalfd_siginfo si{};
      if (::read(sigfd_, &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
        stopped_ = true;
        return static_cast<int>(si.ssi_signo);
      }
    }
    // Copy: a callback may unwatch.
    std::vector<std::pair<int, std::function<void(TimePoint)>>> ready;
    for (std::size_t i = 1; i < pfds.size(); ++i) {
      if (pfds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        ready.emplace_back(pfds[i].fd, watches_[i - 1].cb);
      }
    }
    for (auto& [fd, cb] : ready) {
      if (stopped_) break;
      cb(now());
    }
    if (deadline_ && !stopped_) {
      if (auto d = deadline_(); d && *d <= now()) on_deadline_(now());
    }
  }
  return 0;
}

}  // namespace wps::io
