// size_chain_for: the comparison's one rule for sizing a type's chain.
#include "truckflow/models/chain_sizing.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>

#include "truckflow/models/whole_plan.hpp"
#include "truckflow/scenarios/loader.hpp"

namespace truckflow::models {
namespace {

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/";

TEST(ChainSizingTest, SuppliersAndLinesForTheBusiestYear) {
  ScenarioDesc s = scenarios::load_scenario(tiny + "two_regions.yaml").description;
  s.sites[0].deployment[0].trucks = 730;  // D = 730 trucks in 2026
  s.suppliers[0].capacity_units_per_day = 1.0;
  s.factories[0].lines = 1;  // 10 h each
  const std::vector<PlanNote> notes = size_chain_for(s, "truck");
  // 1.25 × 730 kits a year = 2.5 a day; 1.25 × 730 × 10 h / 8,760 h = 1.04 -> 2 lines.
  EXPECT_DOUBLE_EQ(s.suppliers[0].capacity_units_per_day, 1.25 * 730.0 / 365.0);
  EXPECT_EQ(s.factories[0].lines, 2);
  EXPECT_EQ(notes.size(), 2U);
  // Nothing is made smaller.
  s.suppliers[0].capacity_units_per_day = 100.0;
  size_chain_for(s, "truck");
  EXPECT_DOUBLE_EQ(s.suppliers[0].capacity_units_per_day, 100.0);
}

TEST(ChainSizingTest, AStationInEveryWorkingRegion) {
  ScenarioDesc s = scenarios::load_scenario(tiny + "operations.yaml").description;
  // The quarry works in b and delivers to a; a has a charger, b has the depot: nothing to add.
  const std::vector<PlanNote> nothing = size_chain_for(s, "truck");
  EXPECT_TRUE(
      std::none_of(nothing.begin(), nothing.end(), [](const PlanNote& n) { return n.kind == "station_added"; }));
  const std::size_t before = s.stations.size();
  // Without the charger in a, a copy of the first charging station is placed there.
  std::erase_if(s.stations, [](const StationDesc& st) { return st.id == "a_unloading_charger"; });
  const std::vector<PlanNote> notes = size_chain_for(s, "truck");
  ASSERT_EQ(s.stations.size(), before);
  EXPECT_EQ(s.stations.back().id, "quarry_depot_in_a");
  EXPECT_EQ(s.stations.back().region, "a");
  EXPECT_EQ(s.stations.back().kind, StationKind::charging);
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const PlanNote& n) { return n.kind == "station_added"; }));
  // No station of the type's kind at all: a warning, nothing added.
  std::erase_if(s.stations, [](const StationDesc& st) { return st.kind == StationKind::charging; });
  const std::vector<PlanNote> none = size_chain_for(s, "truck");
  EXPECT_TRUE(std::any_of(none.begin(), none.end(), [](const PlanNote& n) { return n.kind == "no_station_for_type"; }));
}

}  // namespace
}  // namespace truckflow::models
