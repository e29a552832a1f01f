// The run layout and headline figures on a tiny scenario worked out by hand.
#include "truckflow/output/results.hpp"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>

#include "truckflow/models/world.hpp"
#include "truckflow/output/inspect.hpp"
#include "truckflow/scenarios/loader.hpp"

namespace truckflow::output {
namespace {

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/";

struct TinyRun {
  TinyRun()
      : loaded(scenarios::load_scenario(tiny + "two_regions.yaml")),
        world(loaded.description),
        recorder(world.series()) {
    world.add_observer(recorder);
    world.run();
  }
  scenarios::LoadedScenario loaded;
  models::World world;
  RunRecorder recorder;
};

double figure(const std::vector<HeadlineFigure>& figures, const std::string& name) {
  for (const HeadlineFigure& f : figures) {
    if (f.name == name) return f.value;
  }
  ADD_FAILURE() << "no headline figure " << name;
  return NAN;
}

TEST(ResultsTest, HeadlineFiguresHandComputed) {
  TinyRun run;
  const auto figures = headline_figures(run.world.description(), run.recorder);
  EXPECT_EQ(figure(figures, "trucks_ordered"), 4);
  EXPECT_EQ(figure(figures, "trucks_delivered"), 4);
  EXPECT_EQ(figure(figures, "backlog_at_end_trucks"), 0);
  EXPECT_EQ(figure(figures, "max_backlog_trucks"), 1)
      << "the sample at time zero sees the first truck, ordered, not built";
  EXPECT_DOUBLE_EQ(figure(figures, "mean_order_to_delivery_days"), 0.5) << "10 h assembly + 2 h road";
  EXPECT_DOUBLE_EQ(figure(figures, "max_order_to_delivery_days"), 0.5);
  EXPECT_EQ(figure(figures, "supplier_stockouts_orders"), 0);
  EXPECT_EQ(figure(figures, "fleet_purchase_cost_cny"), 4 * 400000.0);
}

// Ctrl-C while a large results file is written: the check runs before each variable, so writing
// stops at the next one (it once ran to the end, 90 s for 2 million trucks, ignoring the signal).
TEST(ResultsTest, WritingChecksForInterruptionBeforeEachVariable) {
  TinyRun run;
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_results_interrupted.h5").string();
  int checks = 0;
  struct Stop {};
  EXPECT_THROW(write_run_results(path, run.world.description(), run.recorder,
                                 {"truckflow run", "two_regions.yaml", run.loaded.resolved_yaml, "0.0.0", "test"},
                                 [&] {
                                   if (++checks == 5) throw Stop{};
                                 }),
               Stop);
  EXPECT_EQ(checks, 5);
  EXPECT_FALSE(std::filesystem::exists(path)) << "the file is built in memory and never written";
}

TEST(ResultsTest, TheRunLayout) {
  TinyRun run;
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_results_layout.h5").string();
  write_run_results(path, run.world.description(), run.recorder,
                    {"truckflow run two_regions.yaml", "two_regions.yaml", run.loaded.resolved_yaml, "0.0.0", "test"});
  const ResultsInfo info = inspect_results(path);
  std::filesystem::remove(path);
  EXPECT_EQ(info.kind, "run");
  std::map<std::string, std::size_t> dimensions(info.dimensions.begin(), info.dimensions.end());
  EXPECT_EQ(dimensions, (std::map<std::string, std::size_t>{{"time", 366},
                                                            {"region", 2},
                                                            {"factory", 1},
                                                            {"supplier", 1},
                                                            {"site", 1},
                                                            {"stage", 8},
                                                            {"truck_type", 1},
                                                            {"delivery", 4}}))
      << "no upfitter dimension without upfitters";
  for (const VariableInfo& v : info.variables) {
    EXPECT_FALSE(v.long_name.empty()) << v.name;
    if (v.name == "factory_trucks_built") {
      EXPECT_EQ(v.dimensions, (std::vector<std::string>{"time", "factory", "truck_type"}));
      EXPECT_EQ(v.units, "trucks");
    }
    if (v.name == "time") {
      EXPECT_EQ(v.units, "hours since 2026-01-01 00:00:00");
    }
  }
  EXPECT_EQ(info.headline.size(), headline_figures(run.world.description(), run.recorder).size());
}

}  // namespace
}  // namespace truckflow::output
