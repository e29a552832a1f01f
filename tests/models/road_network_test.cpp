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
  EXPECT_DOUBLE_EQ(route.totals.distance_km, 200.0);
  EXPECT_EQ(route.totals.travel_time, hours(4));
  EXPECT_DOUBLE_EQ(route.totals.climb_m, 300.0);
  EXPECT_DOUBLE_EQ(route.totals.descent_m, 500.0);
}

TEST(RoadNetworkTest, TheWayBackSwapsClimbAndDescent) {
  const RoadNetwork roads = small_graph();
  const Route& back = roads.route(2, 0);
  EXPECT_EQ(back.totals.travel_time, hours(4));
  EXPECT_DOUBLE_EQ(back.totals.climb_m, 500.0);
  EXPECT_DOUBLE_EQ(back.totals.descent_m, 300.0);
}

TEST(RoadNetworkTest, ARouteToItselfIsEmpty) {
  const RoadNetwork roads = small_graph();
  const Route& here = roads.route(1, 1);
  EXPECT_TRUE(here.legs.empty());
  EXPECT_EQ(here.totals.travel_time, engine::Duration::zero());
}

TEST(RoadNetworkTest, UnreachablePairs) {
  const RoadNetwork roads = small_graph();
  EXPECT_FALSE(roads.is_connected(0, 3));
  EXPECT_FALSE(roads.is_connected(3, 0));
  EXPECT_TRUE(roads.is_connected(3, 3));
  EXPECT_THROW((void)roads.route(0, 3), std::out_of_range);
}

// A chain of 1,000 regions: a route has up to 999 legs, yet each pair keeps only its totals and
// last link. Every route's legs are rebuilt from the predecessor table and agree with its totals.
TEST(RoadNetworkTest, ALongChainKeepsTotalsAndRebuildsLegs) {
  constexpr std::size_t n = 1000;
  std::vector<RoadLink> links;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    links.push_back({i, i + 1, 1.0, hours(1), 2.0, 0.0, i});
    links.push_back({i + 1, i, 1.0, hours(1), 0.0, 2.0, i});
  }
  const RoadNetwork roads(n, links);
  const Route whole = roads.route(0, n - 1);
  ASSERT_EQ(whole.legs.size(), n - 1);
  for (std::size_t i = 0; i < whole.legs.size(); ++i) {
    EXPECT_EQ(whole.legs[i].from, i);
    EXPECT_EQ(whole.legs[i].to, i + 1);
  }
  EXPECT_DOUBLE_EQ(whole.totals.distance_km, 999.0);
  EXPECT_EQ(whole.totals.travel_time, hours(999));
  EXPECT_DOUBLE_EQ(whole.totals.climb_m, 1998.0);
  for (const auto& [from, to] : {std::pair<std::size_t, std::size_t>{998, 3}, {17, 17}, {500, 501}, {999, 0}}) {
    const Route r = roads.route(from, to);
    const std::size_t expected = from > to ? from - to : to - from;
    EXPECT_EQ(r.legs.size(), expected);
    EXPECT_DOUBLE_EQ(roads.totals(from, to).distance_km, static_cast<double>(expected));
    EXPECT_DOUBLE_EQ(roads.totals(from, to).descent_m, from > to ? 2.0 * static_cast<double>(expected) : 0.0);
  }
}

TEST(RoadNetworkTest, OneWayLinks) {
  const RoadNetwork roads(2, {{0, 1, 10.0, hours(1), 0.0, 0.0}});
  EXPECT_TRUE(roads.is_connected(0, 1));
  EXPECT_FALSE(roads.is_connected(1, 0));
}

}  // namespace
}  // namespace truckflow::models
