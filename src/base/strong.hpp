// Strong<T, Tag>: a value that cannot be mixed up with another of the same representation
// (ARCHITECTURE C8). Equality and ordering only between the same Strong type.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "base/bytes.hpp"

namespace wps {

template <typename T, typename Tag>
class Strong {
 public:
  using value_type = T;
  constexpr Strong() = default;
  constexpr explicit Strong(T v) : v_(std::move(v)) {}
  [[nodiscard]] constexpr const T& get() const { return v_; }
  constexpr T& mut() { return v_; }
  friend constexpr auto operator<=>(const Strong&, const Strong&) = default;
  friend constexpr bool operator==(const Strong&, const Strong&) = default;

 private:
  T v_{};
};

/// Fixed-size octet string with a tag, e.g. nonces, UUIDs, MAC addresses.
template <std::size_t N, typename Tag>
class FixedBytes : public Strong<std::array<std::uint8_t, N>, Tag> {
 public:
  using Base = Strong<std::array<std::uint8_t, N>, Tag>;
  static constexpr std::size_t size() { return N; }
  using Base::Base;
  /// nullopt unless v has exactly N octets.
  static std::optional<FixedBytes> from(ByteView v) {
    if (v.size() != N) return std::nullopt;
    std::array<std::uint8_t, N> a{};
    std::copy(v.begin(), v.end(), a.begin());
    return FixedBytes(a);
  }
  [[nodiscard]] ByteView view() const { return ByteView(this->get().data(), N); }
  [[nodiscard]] std::string hex() const { return to_hex(view()); }
};

struct MacAddrTag {};
/// IEEE 802 MAC address (6 octets, transmission order).
class MacAddr : public FixedBytes<6, MacAddrTag> {
 public:
  using FixedBytes::FixedBytes;
  MacAddr(const FixedBytes& f) : FixedBytes(f) {}  // NOLINT(implicit)
  /// "02:00:00:00:0b:01"
  [[nodiscard]] std::string str() const;
  /// Parses "aa:bb:cc:dd:ee:ff" (or '-' separators).
  static std::optional<MacAddr> parse(std::string_view s);
  static MacAddr broadcast() { return MacAddr({0xff, 0xff, 0xff, 0xff, 0xff, 0xff}); }
  [[nodiscard]] bool is_group() const { return (get()[0] & 1) != 0; }
};

// WSC identifiers (WPS-FACTS §4): distinct types so the spec's argument order is type-checked.
struct UuidTag {};
struct EnrolleeNonceTag {};
struct RegistrarNonceTag {};
using Uuid = FixedBytes<16, UuidTag>;
using EnrolleeNonce = FixedBytes<16, EnrolleeNonceTag>;    ///< N1
using RegistrarNonce = FixedBytes<16, RegistrarNonceTag>;  ///< N2

// WPA2 nonces (IEEE 802.11 §12.7.6).
struct ANonceTag {};
struct SNonceTag {};
using ANonce = FixedBytes<32, ANonceTag>;
using SNonce = FixedBytes<32, SNonceTag>;

}  // namespace wps
