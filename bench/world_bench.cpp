// The world on the default scenario: how fast a province over years simulates, with and without
// writing the results file.
#include <benchmark/benchmark.h>
#include <filesystem>

#include "truckflow/models/world.hpp"
#include "truckflow/output/results.hpp"
#include "truckflow/scenarios/loader.hpp"

namespace {

using namespace truckflow;

const std::string sichuan = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/sichuan.yaml";

/// scenarios/sichuan.yaml (8 regions, 8 years, >10,000 trucks, daily samples): build the world and
/// run it. items_per_second = events per second; the scenario is loaded once, outside the timing.
void BM_SichuanRun(benchmark::State& state) {
  const models::ScenarioDesc scenario = scenarios::load_scenario(sichuan).description;
  std::uint64_t events = 0;
  for (auto _ : state) {
    models::World world(scenario);
    output::RunRecorder recorder(world.series());
    world.add_observer(recorder);
    world.run();
    events += world.simulation().events_processed();
    benchmark::DoNotOptimize(recorder.samples().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_SichuanRun)->Unit(benchmark::kMillisecond);

/// The same, plus writing the results file (as truckflow run -o does).
void BM_SichuanRunAndWrite(benchmark::State& state) {
  const scenarios::LoadedScenario loaded = scenarios::load_scenario(sichuan);
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_bench.h5").string();
  for (auto _ : state) {
    models::World world(loaded.description);
    output::RunRecorder recorder(world.series());
    world.add_observer(recorder);
    world.run();
    output::write_run_results(path, world.description(), recorder, {"bench", sichuan, loaded.resolved_yaml, "", ""});
  }
  state.counters["file_bytes"] = static_cast<double>(std::filesystem::file_size(path));
  std::filesystem::remove(path);
}
BENCHMARK(BM_SichuanRunAndWrite)->Unit(benchmark::kMillisecond);

/// Loading and checking the default scenario (YAML, extends, every check).
void BM_LoadSichuan(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(scenarios::load_scenario(sichuan).description.sites.size());
}
BENCHMARK(BM_LoadSichuan)->Unit(benchmark::kMillisecond);

}  // namespace
