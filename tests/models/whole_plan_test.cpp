// assign_whole_plan: compare's "the whole plan as one truck type", on descriptions built by hand.
#include "truckflow/models/whole_plan.hpp"

#include <gtest/gtest.h>

namespace truckflow::models {
namespace {

ScenarioDesc two_types() {
  ScenarioDesc s;
  s.truck_types = {{.id = "bev"}, {.id = "fcev"}};
  s.factories = {{.id = "bev_plant", .truck_types = {"bev"}}, {.id = "any_plant", .truck_types = {"bev", "fcev"}}};
  SiteDesc site;
  site.id = "mine";
  site.deployment = {{2026, "bev", 10, "bev_plant"}, {2026, "fcev", 4, ""}, {2027, "fcev", 3, "any_plant"}};
  site.target_fleet = {{2028, "bev", 30, "any_plant"}, {2028, "fcev", 20, "any_plant"}, {2029, "fcev", 5, ""}};
  s.sites = {site};
  return s;
}

TEST(WholePlanTest, DeploymentLinesKeepTheirYearsAndCounts) {
  const WholePlan w = assign_whole_plan(two_types(), "fcev", 1000);
  const auto& lines = w.description.sites[0].deployment;
  ASSERT_EQ(lines.size(), 3U);
  for (const auto& line : lines) EXPECT_EQ(line.truck_type, "fcev");
  EXPECT_EQ(lines[0].trucks, 10);
  EXPECT_EQ(lines[0].factory, "") << "bev_plant does not build fcev: the nearest that does";
  EXPECT_EQ(lines[2].factory, "any_plant") << "kept: it builds fcev";
  ASSERT_EQ(w.notes.size(), 1U);
  EXPECT_EQ(w.notes[0].path, "sites[0].deployment[0].factory");
  EXPECT_FALSE(w.notes[0].error);
  EXPECT_EQ(w.notes[0].kind, "plan_factory_reassigned");
  EXPECT_EQ(two_types().sites[0].deployment[0].truck_type, "bev") << "the base is untouched";
}

TEST(WholePlanTest, TargetsOfOneYearBecomeTheirSum) {
  const WholePlan w = assign_whole_plan(two_types(), "bev", 1000);
  const auto& targets = w.description.sites[0].target_fleet;
  ASSERT_EQ(targets.size(), 2U);
  EXPECT_EQ(targets[0].year, 2028);
  EXPECT_EQ(targets[0].trucks, 50);
  EXPECT_EQ(targets[0].factory, "any_plant") << "both lines named it";
  EXPECT_EQ(targets[1].trucks, 5);
  EXPECT_TRUE(w.notes.empty());
  ScenarioDesc mixed = two_types();
  mixed.sites[0].target_fleet[1].factory = "";
  EXPECT_EQ(assign_whole_plan(mixed, "bev", 1000).description.sites[0].target_fleet[0].factory, "")
      << "one named a factory, the other did not: the nearest builds them";
}

TEST(WholePlanTest, ASumOverTheLineLimitIsAnErrorAtTheLineThatPassesIt) {
  const WholePlan w = assign_whole_plan(two_types(), "bev", 40);
  ASSERT_EQ(w.notes.size(), 1U);
  EXPECT_TRUE(w.notes[0].error);
  EXPECT_EQ(w.notes[0].path, "sites[0].target_fleet[1].trucks");
  EXPECT_EQ(w.notes[0].message,
            "in this comparison the target_fleet lines of 2028 become one target of 50 trucks (30 from the earlier "
            "lines of that year and 20 here), over the limit of 40 trucks for a plan line");
}

}  // namespace
}  // namespace truckflow::models
