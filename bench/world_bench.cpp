// The world on the default scenario: how fast a province over years simulates, with and without
// writing the results file.
#include <benchmark/benchmark.h>
#include <filesystem>

#include "truckflow/models/world.hpp"
#include "truckflow/output/results.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "memory.hpp"

namespace {

using namespace truckflow;

const std::string sichuan = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/sichuan.yaml";

/// scenarios/sichuan.yaml (8 regions, 8 years, >10,000 trucks, daily samples), the chain only
/// (trucks are delivered, not put to work): build the world and run it. items_per_second = events
/// per second; the scenario is loaded once, outside the timing.
void BM_SichuanRun(benchmark::State& state) {
  const models::ScenarioDesc scenario = models::chain_only(scenarios::load_scenario(sichuan).description);
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
  const models::ScenarioDesc scenario = models::chain_only(loaded.description);
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_bench.h5").string();
  for (auto _ : state) {
    models::World world(scenario);
    output::RunRecorder recorder(world.series());
    world.add_observer(recorder);
    world.run();
    output::write_run_results(path, world.description(), recorder, {"bench", sichuan, loaded.resolved_yaml, "", ""});
  }
  state.counters["file_bytes"] = static_cast<double>(std::filesystem::file_size(path));
  std::filesystem::remove(path);
}
BENCHMARK(BM_SichuanRunAndWrite)->Unit(benchmark::kMillisecond);

/// scenarios/sichuan.yaml as `truckflow run` simulates it: the chain and the trucks at work (duty
/// cycles, stations, energy). items_per_second = events per second; peak_rss_mb: the peak resident
/// set during the run; bytes_per_truck: its growth over the trucks delivered.
void BM_SichuanOperations(benchmark::State& state) {
  const models::ScenarioDesc scenario = scenarios::load_scenario(sichuan).description;
  std::uint64_t events = 0;
  double trucks = 0.0;
  long long growth = 0;
  for (auto _ : state) {
    bench::reset_peak_resident();
    const long long before = bench::resident_bytes();
    models::World world(scenario);
    output::RunTotals totals(world.series());
    world.add_observer(totals);
    world.run();
    events += world.simulation().events_processed();
    trucks = static_cast<double>(totals.deliveries());
    growth = bench::resident_bytes("VmHWM:") - before;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["peak_rss_mb"] = static_cast<double>(bench::resident_bytes("VmHWM:")) / 1e6;
  state.counters["bytes_per_truck"] = trucks > 0.0 ? static_cast<double>(growth) / trucks : 0.0;
  state.counters["trucks"] = trucks;
}
BENCHMARK(BM_SichuanOperations)->Iterations(1)->Unit(benchmark::kSecond);

/// scenarios/sichuan.yaml (the chain only) sampled every hour for state.range(0) years, its results file written as
/// `truckflow run -o` writes it: samples appended to the file as the run goes (range(1) = 1), or,
/// for contrast, every sample kept until the end and then written (range(1) = 0).
/// peak_rss_growth_mb: growth of the peak resident set during the run and the writing.
void BM_HourlySamplesMemory(benchmark::State& state) {
  const auto years = state.range(0);
  const bool streamed = state.range(1) == 1;
  const scenarios::LoadedScenario loaded =
      scenarios::load_scenario(sichuan, {.overrides = {"simulation.horizon_years=" + std::to_string(years),
                                                       "simulation.sample_interval_days=0.041666666666666664"}});
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_bench_hourly.h5").string();
  const output::Provenance provenance{"bench", sichuan, loaded.resolved_yaml, "", ""};
  double growth = 0.0;
  std::size_t samples = 0;
  for (auto _ : state) {
    bench::reset_peak_resident();
    const long long before = bench::resident_bytes();
    models::World world(models::chain_only(loaded.description));
    if (streamed) {
      output::RunTotals totals(world.series());
      output::RunFileWriter writer(path, world.description(), world.series(), provenance);
      world.add_observer(totals);
      world.add_observer(writer);
      world.run();
      writer.finish(totals);
    } else {
      output::RunRecorder recorder(world.series());
      world.add_observer(recorder);
      world.run();
      output::write_run_results(path, world.description(), recorder, provenance);
      samples = recorder.samples().size();
    }
    growth = static_cast<double>(bench::resident_bytes("VmHWM:") - before);
  }
  state.counters["peak_rss_growth_mb"] = growth / 1e6;
  state.counters["file_mb"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  if (samples > 0) state.counters["samples"] = static_cast<double>(samples);
  std::filesystem::remove(path);
}
BENCHMARK(BM_HourlySamplesMemory)
    ->ArgsProduct({{1, 2, 4, 8}, {1, 0}})
    ->ArgNames({"years", "streamed"})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

/// A delivery table of state.range(0) rows (categorical columns as integer codes) written with
/// the rest of a results file of the default scenario (one sample). items_per_second = rows.
void BM_DeliveryTableRows(benchmark::State& state) {
  const scenarios::LoadedScenario loaded = scenarios::load_scenario(sichuan);
  const models::ScenarioDesc& s = loaded.description;
  const models::SeriesCatalog catalog = models::series_catalog(s);
  const std::string path = (std::filesystem::temp_directory_path() / "truckflow_bench_deliveries.h5").string();
  const auto rows = state.range(0);
  for (auto _ : state) {
    output::RunTotals totals(catalog);
    output::RunFileWriter writer(path, s, catalog, {"bench", sichuan, loaded.resolved_yaml, "", ""});
    const models::Sample sample = catalog.blank(engine::Time::zero());
    totals.on_sample(sample);
    writer.on_sample(sample);
    for (std::int64_t i = 0; i < rows; ++i) {
      const auto index = static_cast<std::size_t>(i);
      const engine::Time ordered = engine::Time::zero() + engine::hours(i % 70000);
      const models::DomainEvent delivered =
          models::TruckDelivered{ordered + engine::days(14),
                                 i + 1,
                                 index % s.truck_types.size(),
                                 index % s.sites.size(),
                                 index % s.regions.size(),
                                 index % s.factories.size(),
                                 index % 3 == 0 ? std::optional<std::size_t>(0) : std::nullopt,
                                 ordered,
                                 ordered + engine::days(10)};
      totals.on_event(delivered);
      writer.on_event(delivered);
    }
    writer.finish(totals);
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["file_mb"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
}
BENCHMARK(BM_DeliveryTableRows)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kMillisecond);

/// Loading and checking the default scenario (YAML, extends, every check).
void BM_LoadSichuan(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(scenarios::load_scenario(sichuan).description.sites.size());
}
BENCHMARK(BM_LoadSichuan)->Unit(benchmark::kMillisecond);

}  // namespace
