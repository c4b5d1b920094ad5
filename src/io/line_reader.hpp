// Control input of the edge: reads command lines (e.g. `pin 12345670`) from a file descriptor
// (stdin, a FIFO) without blocking.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace wps::io {

class LineReader {
 public:
  explicit LineReader(int fd);
  [[nodiscard]] int fd() const { return fd_; }
  /// Reads what is available; returns the complete lines (without '\n'). Sets eof() at EOF.
  std::vector<std::string> read_lines();
  [[nodiscard]] bool eof() const { return eof_; }

 private:
  int fd_;
  bool eof_ = false;
  std::string partial_;
};

}  // namespace wps::io
