// Diagnostics shown one per kind: the first of each kind, and how many more there are.
#include "truckflow/scenarios/diagnostics.hpp"

#include <gtest/gtest.h>

#include "truckflow/scenarios/loader.hpp"

namespace truckflow::scenarios {
namespace {

Diagnostic warning(int line, std::string message, std::string kind) {
  return {{"plan.yaml", line, 5}, "sites[0].year", std::move(message), Diagnostic::Severity::warning, std::move(kind)};
}

TEST(DiagnosticsTest, GroupsByKindInTheOrderOfEachKindsFirstDiagnostic) {
  const std::vector<DiagnosticGroup> groups = group_by_kind({
      warning(10, "year 2030 is late", "late_year"),
      warning(11, "factory 'a' is far", "far_factory"),
      warning(12, "year 2031 is late", "late_year"),
      warning(13, "something odd", ""),
      warning(14, "year 2032 is late", "late_year"),
      warning(15, "something odd", ""),
  });
  ASSERT_EQ(groups.size(), 4U) << "two kinds, and two diagnostics without a kind that stand alone";
  EXPECT_EQ(groups[0].first.location.line, 10);
  EXPECT_EQ(groups[0].count, 3U);
  EXPECT_EQ(groups[1].first.location.line, 11);
  EXPECT_EQ(groups[1].count, 1U);
  EXPECT_EQ(groups[2].first.location.line, 13);
  EXPECT_EQ(groups[3].first.location.line, 15);
  EXPECT_EQ(to_string(groups[0]), "plan.yaml:10:5: warning: sites[0].year: year 2030 is late (and 2 more like it)");
  EXPECT_EQ(to_string(groups[1]), "plan.yaml:11:5: warning: sites[0].year: factory 'a' is far") << "no count for one";
  EXPECT_TRUE(group_by_kind({}).empty());
}

TEST(DiagnosticsTest, EveryPlanYearAfterTheHorizonIsOfOneKind) {
  const LoadedScenario loaded = load_scenario(std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/sichuan.yaml",
                                              {.overrides = {"simulation.horizon_years=3"}});
  ASSERT_EQ(loaded.warnings.size(), 85U) << "every plan line of 2029-2033";
  const std::vector<DiagnosticGroup> groups = group_by_kind(loaded.warnings);
  ASSERT_EQ(groups.size(), 1U);
  EXPECT_EQ(groups[0].count, 85U);
  EXPECT_EQ(groups[0].first.kind, "plan_year_after_horizon");
  EXPECT_EQ(to_string(groups[0].first), to_string(loaded.warnings.front())) << "the first one stands for the others";
}

}  // namespace
}  // namespace truckflow::scenarios
