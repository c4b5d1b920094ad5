// The station farm behind `wpslab bench stations` (sim/station_farm.hpp): every station really
// joins (keys installed at the AP, first data frame decrypted), and an AP holds at most its AID
// space before the next one takes over.
#include "sim/station_farm.hpp"

#include <gtest/gtest.h>

namespace wps::sim {
namespace {

TEST(StationFarm, EveryStationJoinsAndApsFillUpToTheirLimit) {
  FarmConfig c;
  c.stations_per_ap = 40;
  auto farm = StationFarm::create(c);
  ASSERT_TRUE(farm) << describe(farm.error());
  for (int i = 0; i < 100; ++i) {
    auto r = farm->join_next();
    ASSERT_TRUE(r) << i << ": " << describe(r.error());
  }
  EXPECT_EQ(farm->joined(), 100u);
  EXPECT_EQ(farm->aps(), 3u);  // 40 + 40 + 20
  EXPECT_EQ(farm->keys_installed(), 100u);
  EXPECT_EQ(farm->data_decrypted(), 100u);
}

TEST(StationFarm, AFullBssIsTheStandardsLimit) {
  // The default fills one AP with 2007 stations (AIDs 1..2007) before opening a second.
  FarmConfig c;
  auto farm = StationFarm::create(c);
  ASSERT_TRUE(farm);
  for (int i = 0; i < 2008; ++i) ASSERT_TRUE(farm->join_next()) << i;
  EXPECT_EQ(farm->aps(), 2u);
  EXPECT_EQ(farm->keys_installed(), 2008u);
}

TEST(StationFarm, BadConfigurationsAreRefused) {
  FarmConfig c;
  c.stations_per_ap = 0;
  EXPECT_EQ(StationFarm::create(c).error().code, Errc::BadValue);
  c.stations_per_ap = 2008;
  EXPECT_EQ(StationFarm::create(c).error().code, Errc::BadValue);
  c.stations_per_ap = 10;
  c.passphrase = "short";
  EXPECT_EQ(StationFarm::create(c).error().code, Errc::BadValue);
}

}  // namespace
}  // namespace wps::sim
