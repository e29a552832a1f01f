// RoadNetwork: fastest routes on a small graph, their legs and totals, climb and descent per
// direction, unreachable pairs.
#include "truckflow/models/road_network.hpp"

#include <gtest/gtest.h>

namespace truckflow::models {
namespace {

using engine::hours;

// 0 --(100 km, 2 h)-- 1 --(100 km, 2 h)-- 2      and a direct 0 --(150 km, 5 h)-- 2; 3 is isolated.
RoadNetwork small_graph() {
  std::vector<RoadLink> links{
      {0, 1, 100.0, hours(2), 300.0, 0.0}, {1, 0, 100.0, hours(2), 0.0, 300.0},   {1, 2, 100.0, hours(2), 0.0, 500.0},
      {2, 1, 100.0, hours(2), 500.0, 0.0}, {0, 2, 150.0, hours(5), 100.0, 100.0}, {2, 0, 150.0, hours(5), 100.0, 100.0},
  };
  return RoadNetwork(4, links);
}

TEST(RoadNetworkTest, RoutesAreFastestNotShortest) {
  const RoadNetwork roads = small_graph();
  const Route& route = roads.route(0, 2);
  ASSERT_EQ(route.legs.size(), 2U) << "via 1: 4 h beats the direct 5 h";
  EXPECT_EQ(route.legs[0].to, 1U);
  EXPECT_EQ(route.legs[1].to, 2U);
  EXPECT_DOUBLE_EQ(route.distance_km, 200.0);
  EXPECT_EQ(route.travel_time, hours(4));
  EXPECT_DOUBLE_EQ(route.climb_m, 300.0);
  EXPECT_DOUBLE_EQ(route.descent_m, 500.0);
}

TEST(RoadNetworkTest, TheWayBackSwapsClimbAndDescent) {
  const RoadNetwork roads = small_graph();
  const Route& back = roads.route(2, 0);
  EXPECT_EQ(back.travel_time, hours(4));
  EXPECT_DOUBLE_EQ(back.climb_m, 500.0);
  EXPECT_DOUBLE_EQ(back.descent_m, 300.0);
}

TEST(RoadNetworkTest, ARouteToItselfIsEmpty) {
  const RoadNetwork roads = small_graph();
  const Route& here = roads.route(1, 1);
  EXPECT_TRUE(here.legs.empty());
  EXPECT_EQ(here.travel_time, engine::Duration::zero());
}

TEST(RoadNetworkTest, UnreachablePairs) {
  const RoadNetwork roads = small_graph();
  EXPECT_FALSE(roads.is_connected(0, 3));
  EXPECT_FALSE(roads.is_connected(3, 0));
  EXPECT_TRUE(roads.is_connected(3, 3));
  EXPECT_THROW((void)roads.route(0, 3), std::out_of_range);
}

TEST(RoadNetworkTest, OneWayLinks) {
  const RoadNetwork roads(2, {{0, 1, 10.0, hours(1), 0.0, 0.0}});
  EXPECT_TRUE(roads.is_connected(0, 1));
  EXPECT_FALSE(roads.is_connected(1, 0));
}

}  // namespace
}  // namespace truckflow::models
