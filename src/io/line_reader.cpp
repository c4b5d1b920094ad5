#include "io/line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "io/packet_socket.hpp"

namespace wps::io {

LineReader::LineReader(int fd) : fd_(fd) {
  int fl = ::fcntl(fd_, F_GETFL);
  if (fl >= 0) (void)::fcntl(fd_, F_SETFL, fl | O_NONBLOCK);
}

std::vector<std::string> LineReader::read_lines() {
  std::vector<std::string> lines;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n == 0) {
      eof_ = true;
      break;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      throw IoError(std::string("read control input: ") + std::strerror(errno));
    }
    partial_.append(buf, static_cast<std::size_t>(n));
    if (partial_.size() > 65536) partial_.clear();  // a runaway line is not a command
  }
  std::size_t pos;
  while ((pos = partial_.find('\n')) != std::string::npos) {
    std::string line = partial_.substr(0, pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    partial_.erase(0, pos + 1);
  }
  if (eof_ && !partial_.empty()) {
    lines.push_back(partial_);
    partial_.clear();
  }
  return lines;
}

}  // namespace wps::io
