// Result<T>: a value or a precise Error (ARCHITECTURE C3). Same member names as std::expected so
// it can become an alias when the toolchain has C++23.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/assert.hpp"
#include "base/errc.hpp"

namespace wps {

/// What failed (code), where in the input (offset, octets from the start of the buffer handed to
/// the outermost parser) and which WSC attribute (attr, 0 when not attribute-related).
struct Error {
  Errc code = Errc::Ok;
  std::uint32_t offset = 0;
  std::uint16_t attr = 0;

  friend bool operator==(const Error&, const Error&) = default;
};

/// "code@offset[attr=0x1005]" — for logs and test failure messages.
std::string describe(const Error& e);

/// Tag type to construct a failed Result: `return unexpected(Errc::Truncated, off);`
struct Unexpected {
  Error error;
};
inline Unexpected unexpected(Errc code, std::size_t offset = 0, std::uint16_t attr = 0) {
  return Unexpected{Error{code, static_cast<std::uint32_t>(offset), attr}};
}
inline Unexpected unexpected(Error e) {
  return Unexpected{e};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& v) : v_(std::in_place_index<0>, v) {}        // NOLINT(implicit)
  Result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT(implicit)
  template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                    !std::is_same_v<std::decay_t<U>, Result> &&
                                                    !std::is_same_v<std::decay_t<U>, Unexpected> &&
                                                    !std::is_same_v<std::decay_t<U>, T>>>
  Result(U&& v) : v_(std::in_place_index<0>, T(std::forward<U>(v))) {}  // NOLINT(implicit)
  Result(Unexpected u) : v_(std::in_place_index<1>, u.error) {}         // NOLINT(implicit)

  [[nodiscard]] bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    WPS_ASSERT(has_value());
    return std::get<0>(v_);
  }
  const T& value() const& {
    WPS_ASSERT(has_value());
    return std::get<0>(v_);
  }
  T&& value() && {
    WPS_ASSERT(has_value());
    return std::get<0>(std::move(v_));
  }
  [[nodiscard]] const Error& error() const {
    WPS_ASSERT(!has_value());
    return std::get<1>(v_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  template <typename U>
  T value_or(U&& dflt) const& {
    return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(dflt));
  }

 private:
  std::variant<T, Error> v_;
};

/// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected u) : err_(u.error), ok_(false) {}  // NOLINT(implicit)
  [[nodiscard]] bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { WPS_ASSERT(ok_); }
  [[nodiscard]] const Error& error() const {
    WPS_ASSERT(!ok_);
    return err_;
  }

 private:
  Error err_{};
  bool ok_ = true;
};

inline Result<void> ok() {
  return {};
}

}  // namespace wps

/// Evaluates a Result-returning expression; on error returns its Error from the enclosing
/// function (which must return some Result<U>).
#define WPS_TRY(expr)                               \
  do {                                              \
    auto wps_try_r_ = (expr);                       \
    if (!wps_try_r_.has_value()) [[unlikely]]       \
      return ::wps::unexpected(wps_try_r_.error()); \
  } while (0)

/// `WPS_TRY_ASSIGN(auto x, parse(...));` — binds the value or returns the error.
#define WPS_CONCAT_IMPL_(a, b) a##b
#define WPS_CONCAT_(a, b) WPS_CONCAT_IMPL_(a, b)
#define WPS_TRY_ASSIGN(decl, expr) \
  WPS_TRY_ASSIGN_IMPL_(WPS_CONCAT_(wps_try_tmp_, __LINE__), decl, expr)
#define WPS_TRY_ASSIGN_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                          \
  if (!tmp.has_value()) [[unlikely]]          \
    return ::wps::unexpected(tmp.error());    \
  decl = std::move(tmp).value()
