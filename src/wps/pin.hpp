// Device-password (PIN) rules (WPS-FACTS §8).
//
// A WPS PIN is the ASCII device password. 8-digit PINs end in a checksum digit; 4-digit PINs have
// none. The registration protocol itself never checks the checksum (the password is just an octet
// string), so these rules are for user input and for generating PINs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/rng.hpp"
#include "wsc/keys.hpp"

namespace wps::proto {

/// Why a PIN string is not a valid WPS PIN.
enum class PinProblem : std::uint8_t {
  Ok,
  Empty,
  NotDigits,    ///< contains a character other than '0'..'9'
  BadLength,    ///< neither 4 nor 8 digits
  BadChecksum,  ///< 8 digits whose last digit is not the checksum of the first seven
};

/// One-line human explanation, e.g. "checksum digit is 3, expected 0".
struct PinCheck {
  PinProblem problem = PinProblem::Ok;
  std::string reason;  ///< empty when problem == Ok
  [[nodiscard]] bool ok() const { return problem == PinProblem::Ok; }
};

/// The checksum digit of an 8-digit PIN (defined in wsc/keys.hpp beside the PIN's key derivation,
/// where the capture analyzer uses it too).
using wsc::pin_checksum;

/// Validates a PIN as entered by a user: 4 digits, or 8 digits with a valid checksum.
PinCheck check_pin(std::string_view pin);

/// An 8-digit PIN: 7 uniformly random digits (rejection sampling, no modulo bias) + checksum.
std::string generate_pin(Rng& rng);

}  // namespace wps::proto
