// The run layout and headline figures on a tiny scenario worked out by hand.
#include "truckflow/output/results.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
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

TEST(ResultsTest, ThePostingTableHoldsAtMostItsLimit) {
  const scenarios::LoadedScenario loaded = scenarios::load_scenario(tiny + "sharing.yaml");
  const models::World world(loaded.description);
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_posting_limit.h5").string();
  RunFileWriter writer(path, world.description(), world.series(), {}, {}, {}, 2);
  const models::MoneyPosted posting{};
  writer.on_event(posting);
  writer.on_event(posting);
  EXPECT_THROW(writer.on_event(posting), TooManyPostings);
  EXPECT_FALSE(std::filesystem::exists(path)) << "nothing is written before finish()";
}

TEST(ResultsTest, TheStationVisitTableHoldsAtMostItsLimit) {
  const scenarios::LoadedScenario loaded = scenarios::load_scenario(tiny + "operations.yaml");
  const models::World world(loaded.description);
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_visit_limit.h5").string();
  RunFileWriter writer(path, world.description(), world.series(), {}, {}, 2);
  const models::StationVisited visit{};
  writer.on_event(visit);
  writer.on_event(visit);
  EXPECT_THROW(writer.on_event(visit), TooManyStationVisits);
  EXPECT_FALSE(std::filesystem::exists(path)) << "nothing is written before finish()";
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
                                                            {"flow_kind", 12},
                                                            {"establishment", 12},
                                                            {"region_flow", 5},
                                                            {"road", 1},
                                                            {"factory", 1},
                                                            {"supplier", 1},
                                                            {"site", 1},
                                                            {"stage", 8},
                                                            {"activity", 7},
                                                            {"truck_type", 1},
                                                            {"delivery", 4}}))
      << "no upfitter (or station) dimension without upfitters (or stations)";
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

// docs/output.md's variable reference is generated from the declarations the writers use.
TEST(ResultsTest, TheDocsReferenceIsCurrent) {
  std::ifstream in(std::string(TRUCKFLOW_SOURCE_DIR) + "/docs/output.md");
  const std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- results reference: generated by `truckflow schema --results` -->\n";
  const std::string end = "<!-- end of results reference -->";
  const auto from = docs.find(begin);
  const auto to = docs.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(docs.substr(from + begin.size(), to - from - begin.size()), results_reference_markdown())
      << "regenerate the results reference in docs/output.md (make docs)";
}

// Every series of the catalog is in the file, with its dimensions, units and measure; categorical
// columns of the delivery table are codes with their meanings.
TEST(ResultsTest, EverySeriesOfTheCatalogIsWritten) {
  TinyRun run;
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_results_catalog.h5").string();
  write_run_results(path, run.world.description(), run.recorder,
                    {"truckflow run two_regions.yaml", "two_regions.yaml", run.loaded.resolved_yaml, "0.0.0", "test"});
  const ResultsInfo info = inspect_results(path);
  std::filesystem::remove(path);
  std::map<std::string, VariableInfo> variables;
  for (const VariableInfo& v : info.variables) variables.emplace(v.name, v);
  for (const auto& e : run.world.series().series()) {
    const auto& dims_of = e.spec.dimensions;
    if (std::find(dims_of.begin(), dims_of.end(), "upfitter") != dims_of.end() ||
        std::find(dims_of.begin(), dims_of.end(), "station") != dims_of.end() ||
        std::find(dims_of.begin(), dims_of.end(), "sharing_rule") != dims_of.end()) {
      EXPECT_FALSE(variables.contains(e.spec.name)) << "no upfitters, stations or sharing rules in two_regions.yaml";
      continue;
    }
    ASSERT_TRUE(variables.contains(e.spec.name)) << e.spec.name;
    std::vector<std::string> dims{"time"};
    dims.insert(dims.end(), e.spec.dimensions.begin(), e.spec.dimensions.end());
    EXPECT_EQ(variables.at(e.spec.name).dimensions, dims) << e.spec.name;
    EXPECT_EQ(variables.at(e.spec.name).units, e.spec.units) << e.spec.name;
    EXPECT_EQ(variables.at(e.spec.name).long_name, e.spec.long_name) << e.spec.name;
  }
  EXPECT_EQ(variables.at("delivery_site").dimensions, std::vector<std::string>{"delivery"});
}

// Where trucks waited, on scenarios/tiny/upfit.yaml worked out by hand: each truck is built in
// 10 h from stock (no order processing, no wait for components or a line), drives 2 h to the body
// shop, is fitted in 5 h and is at the quarry in the same region at once.
TEST(ResultsTest, StageWaitsHandComputed) {
  const auto loaded = scenarios::load_scenario(tiny + "upfit.yaml");
  models::World world(loaded.description);
  RunTotals totals(world.series());
  world.add_observer(totals);
  world.run();
  const auto waits = totals.stage_waits(world.description());
  ASSERT_EQ(waits.size(), models::truck_stage_count - 1) << "every stage but delivered";
  std::map<std::string, StageWait> by_stage;
  for (const StageWait& w : waits) by_stage.emplace(models::to_string(w.stage), w);
  for (const auto& [stage, w] : by_stage) EXPECT_EQ(w.trucks, 4) << stage;
  EXPECT_DOUBLE_EQ(by_stage.at("in_assembly").mean_days, 10.0 / 24.0);
  EXPECT_EQ(by_stage.at("in_assembly").worst_place, "plant");
  EXPECT_DOUBLE_EQ(by_stage.at("to_upfitter").max_days, 2.0 / 24.0);
  EXPECT_DOUBLE_EQ(by_stage.at("at_upfitter").mean_days, 5.0 / 24.0);
  EXPECT_EQ(by_stage.at("at_upfitter").worst_place, "body_shop");
  EXPECT_EQ(by_stage.at("at_upfitter").peak_trucks, 1)
      << "the third truck, ordered on day 182.5, reaches the body shop at midnight: the day 183 sample sees it";
  EXPECT_DOUBLE_EQ(by_stage.at("awaiting_components").max_days, 0.0);
  EXPECT_DOUBLE_EQ(by_stage.at("to_site").max_days, 0.0);
  EXPECT_EQ(by_stage.at("to_site").worst_place, "quarry");
  const auto figures = headline_figures(world.description(), totals);
  EXPECT_DOUBLE_EQ(figure(figures, "longest_stage_wait_days"), 10.0 / 24.0);
  EXPECT_EQ(figure(figures, "in_chain_at_end_trucks"), 0);
}

// A truck still waiting at the end counts with its time so far, and the trucks in a stage at a
// sample make its peak: one line, 3,000 trucks ordered in a year.
TEST(ResultsTest, StageWaitsCountTrucksStillWaiting) {
  const auto loaded = scenarios::load_scenario(
      tiny + "upfit.yaml", {.overrides = {"simulation.horizon_years=1", "sites[quarry].deployment[0].trucks=3000"}});
  models::World world(loaded.description);
  RunTotals totals(world.series());
  world.add_observer(totals);
  world.run();
  const auto waits = totals.stage_waits(world.description());
  const auto& line = waits.at(static_cast<std::size_t>(models::TruckStage::awaiting_line));
  const auto& components = waits.at(static_cast<std::size_t>(models::TruckStage::awaiting_components));
  EXPECT_GT(line.peak_trucks + components.peak_trucks, 100) << "3,000 a year for a line that builds 876";
  EXPECT_GT(std::max(line.max_days, components.max_days), 100.0) << "trucks still waiting at the end count";
  const auto figures = headline_figures(world.description(), totals);
  EXPECT_GT(figure(figures, "in_chain_at_end_trucks"), figure(figures, "backlog_at_end_trucks") - 1);
  EXPECT_GE(figure(figures, "longest_stage_wait_days"), std::max(line.max_days, components.max_days));
}

}  // namespace
}  // namespace truckflow::output
