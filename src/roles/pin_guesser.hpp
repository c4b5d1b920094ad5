// The guessing strategy of an online AP-PIN brute force (a reaver-like external Registrar),
// sans-I/O: it proposes the next 8-digit PIN and learns from how the AP ended the attempt.
//
// The half-by-half shortcut (WPS-FACTS §7.3, §8): the AP checks R-Hash1 (first four digits) at
// M4 and R-Hash2 (last four) at M6, and NACKs at the first wrong one. So a NACK after M4 says
// "first half wrong" whatever the second half was, a NACK after M6 says "first half right,
// second half wrong", and an M7 means the whole PIN is right. The eighth digit is the checksum of
// the first seven, computed, never guessed. At most 10^4 + 10^3 = 11,000 attempts (~5,500 on
// average) instead of 10^7.
//
// Order: first halves 0000, 0001, ... 9999 from `first_start`; second halves 000 ... 999.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wps::roles {

/// How an attempt ended, as the attacker sees it.
enum class GuessFeedback : std::uint8_t {
  FirstHalfWrong,   ///< WSC_NACK (error 18) after our M4
  SecondHalfWrong,  ///< WSC_NACK (error 18) after our M6
  Found,            ///< the AP sent M7: both halves right
  Refused,          ///< the AP refused before any proof (setup locked): try the same PIN again
};

class PinGuesser {
 public:
  explicit PinGuesser(std::uint32_t first_start = 0) : first_(first_start % 10000) {}

  /// The PIN to try next (8 digits, checksum included), or nullopt when the search space is
  /// exhausted (cannot happen against an AP whose PIN is a valid 8-digit PIN).
  [[nodiscard]] std::optional<std::string> next() const;
  void on_feedback(GuessFeedback f);

  [[nodiscard]] bool first_half_known() const { return first_known_; }
  [[nodiscard]] bool found() const { return found_; }
  [[nodiscard]] bool exhausted() const { return exhausted_; }
  /// Attempts that got an answer about the PIN (Refused ones do not count).
  [[nodiscard]] int attempts() const { return attempts_; }
  /// The attempt at which the first half was learned (0 = not yet).
  [[nodiscard]] int first_half_attempt() const { return first_half_attempt_; }

  /// The 8-digit PIN for a first half (0..9999) and second-half digits 5..7 (0..999).
  static std::string pin_for(std::uint32_t first, std::uint32_t second3);

 private:
  std::uint32_t first_;
  std::uint32_t first_tried_ = 0;  ///< first halves tried so far
  std::uint32_t second_ = 0;
  bool first_known_ = false;
  bool found_ = false;
  bool exhausted_ = false;
  int attempts_ = 0;
  int first_half_attempt_ = 0;
};

}  // namespace wps::roles
