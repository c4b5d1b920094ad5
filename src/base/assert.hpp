// WPS_ASSERT: programmer errors (broken invariants, API misuse) abort, in every build type.
// Never used for anything a peer or a file can cause (those are Errc values).
#pragma once

namespace wps::detail {
[[noreturn, gnu::cold]] void assert_fail(const char* expr, const char* file, int line) noexcept;
}

#define WPS_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::wps::detail::assert_fail(#cond, __FILE__, __LINE__))
