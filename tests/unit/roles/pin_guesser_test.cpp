#include "roles/pin_guesser.hpp"

#include <gtest/gtest.h>

#include "wps/pin.hpp"

namespace wps::roles {
namespace {

/// The AP's answer to a guess, as the half-by-half checks give it (WPS-FACTS §7.3).
GuessFeedback oracle(const std::string& ap_pin, const std::string& guess) {
  if (guess.substr(0, 4) != ap_pin.substr(0, 4)) return GuessFeedback::FirstHalfWrong;
  if (guess.substr(4) != ap_pin.substr(4)) return GuessFeedback::SecondHalfWrong;
  return GuessFeedback::Found;
}

int attack(const std::string& ap_pin, PinGuesser& g) {
  for (int guard = 0; guard < 20000 && !g.found() && !g.exhausted(); ++guard) {
    auto p = g.next();
    EXPECT_TRUE(p);
    EXPECT_TRUE(proto::check_pin(*p).ok()) << *p;  // the checksum digit is computed
    g.on_feedback(oracle(ap_pin, *p));
  }
  return g.attempts();
}

TEST(PinGuesser, HalfByHalfAttemptCounts) {
  // First half 1234 is the 1235th candidate from 0000; the attempt that reveals it also tried
  // second half 000, so 001..567 take 567 more.
  PinGuesser g;
  EXPECT_EQ(attack("12345670", g), 1235 + 567);
  EXPECT_TRUE(g.found());
  EXPECT_EQ(g.first_half_attempt(), 1235);
  EXPECT_FALSE(g.next());
}

TEST(PinGuesser, WorstCaseIsElevenThousand) {
  // The textbook bound 10^4 + 10^3 = 11,000 (WPS-FACTS §8); the attempt that finds the first
  // half also tests one second half, so the real worst case is one less.
  PinGuesser g;
  std::string worst = PinGuesser::pin_for(9999, 999);
  EXPECT_EQ(attack(worst, g), 10999);
  EXPECT_TRUE(g.found());
}

TEST(PinGuesser, FirstGuessRight) {
  PinGuesser g;
  EXPECT_EQ(attack(PinGuesser::pin_for(0, 0), g), 1);
  EXPECT_EQ(g.first_half_attempt(), 1);
}

TEST(PinGuesser, RefusedAttemptsDoNotCountAndRepeatThePin) {
  PinGuesser g(42);
  auto p = g.next();
  g.on_feedback(GuessFeedback::Refused);
  EXPECT_EQ(g.attempts(), 0);
  EXPECT_EQ(g.next(), p);
  EXPECT_EQ(p->substr(0, 4), "0042");
}

TEST(PinGuesser, AveragesNearFiveThousandFiveHundred) {
  // Over first halves spread across the space and second halves likewise, the mean attempt
  // count is (10^4 + 1)/2 + (10^3 + 1)/2 - 1 = 5500.
  long total = 0;
  int n = 0;
  for (std::uint32_t f = 0; f < 10000; f += 101) {
    for (std::uint32_t s = 0; s < 1000; s += 97) {
      PinGuesser g;
      total += attack(PinGuesser::pin_for(f, s), g);
      ++n;
    }
  }
  double mean = static_cast<double>(total) / n;
  EXPECT_NEAR(mean, 5500.0, 150.0);
}

}  // namespace
}  // namespace wps::roles
