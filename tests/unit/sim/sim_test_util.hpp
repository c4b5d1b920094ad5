// Helpers shared by the sim tests: temporary directories and whole-file reads.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "support/test_support.hpp"

namespace wps::sim::testutil {

/// A fresh directory under the system temp dir, removed with its contents at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("wpslab-sim-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace wps::sim::testutil
