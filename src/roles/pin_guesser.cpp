#include "roles/pin_guesser.hpp"

#include "wps/pin.hpp"

namespace wps::roles {

std::string PinGuesser::pin_for(std::uint32_t first, std::uint32_t second3) {
  std::uint32_t first7 = (first % 10000u) * 1000u + second3 % 1000u;
  std::string p = std::to_string(first7);
  p.insert(0, 7 - p.size(), '0');
  p.push_back(static_cast<char>('0' + proto::pin_checksum(first7)));
  return p;
}

std::optional<std::string> PinGuesser::next() const {
  if (found_ || exhausted_) return std::nullopt;
  return pin_for(first_, second_);
}

void PinGuesser::on_feedback(GuessFeedback f) {
  if (found_ || exhausted_) return;
  switch (f) {
    case GuessFeedback::Refused: return;
    case GuessFeedback::Found:
      ++attempts_;
      if (!first_known_) first_half_attempt_ = attempts_;
      first_known_ = true;
      found_ = true;
      return;
    case GuessFeedback::FirstHalfWrong:
      ++attempts_;
      if (first_known_) return;  // cannot happen against a consistent AP
      first_ = (first_ + 1) % 10000u;
      if (++first_tried_ >= 10000u) exhausted_ = true;
      return;
    case GuessFeedback::SecondHalfWrong:
      ++attempts_;
      if (!first_known_) {
        first_known_ = true;
        first_half_attempt_ = attempts_;
      }
      if (++second_ >= 1000u) exhausted_ = true;
      return;
  }
}

}  // namespace wps::roles
