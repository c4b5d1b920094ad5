// gtest printer for wps::Error so failures read "attr_bad_length@5[attr=0x101a]".
#pragma once

#include <ostream>

#include "base/result.hpp"

namespace wps {
inline void PrintTo(const Error& e, std::ostream* os) {
  *os << describe(e);
}
}  // namespace wps
