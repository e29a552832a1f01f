// floor_units / ceil_units: real counts become whole ones, or throw; never a wrapped-round count
// (a supplier of 1e19 units a day once made 0 units, and one of 7e17 made 4).
#include "whole_units.hpp"

#include <gtest/gtest.h>
#include <limits>

namespace truckflow::models::detail {
namespace {

TEST(WholeUnitsTest, RoundsTheWayAsked) {
  EXPECT_EQ(floor_units(3.7, "test"), 3);
  EXPECT_EQ(ceil_units(3.2, "test"), 4);
  EXPECT_EQ(floor_units(0.0, "test"), 0);
  EXPECT_EQ(floor_units(7e17, "test"), 700'000'000'000'000'000);
}

TEST(WholeUnitsTest, OutOfRangeThrowsInsteadOfWrapping) {
  EXPECT_THROW((void)floor_units(1e19, "daily output"), std::range_error);
  EXPECT_THROW((void)ceil_units(-1e19, "stock limit"), std::range_error);
  EXPECT_THROW((void)floor_units(std::numeric_limits<double>::quiet_NaN(), "x"), std::range_error);
  EXPECT_THROW((void)floor_units(std::numeric_limits<double>::infinity(), "x"), std::range_error);
  try {
    (void)floor_units(1e19, "daily output");
  } catch (const std::range_error& e) {
    EXPECT_NE(std::string(e.what()).find("daily output"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace truckflow::models::detail
