// Reading and checking scenarios at sizes hostile input reaches: loading must stay linear in the
// input, and routes between regions linear in memory and fast (docs/reliability.md).
#include <benchmark/benchmark.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "truckflow/models/road_network.hpp"
#include "truckflow/scenarios/loader.hpp"

namespace {

using namespace truckflow;

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/two_regions.yaml";

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The tiny scenario with its factory's truck types as a one-line flow list of N items (the same
/// type N times), loaded and checked. items_per_second = list items per second: flat when
/// loading is linear (locating each item once rescanned the line, which made it quadratic).
void BM_LoadLongFlowList(benchmark::State& state) {
  const auto items = static_cast<std::size_t>(state.range(0));
  std::string list = "[truck";
  for (std::size_t i = 1; i < items; ++i) list += ", truck";
  list += "]";
  std::string text = read(tiny);
  text.replace(text.find("[truck]"), 7, list);
  const auto path = std::filesystem::temp_directory_path() / "truckflow_bench_flow_list.yaml";
  std::ofstream(path) << text;
  for (auto _ : state) {
    benchmark::DoNotOptimize(scenarios::load_scenario(path.string()).description.factories.size());
  }
  std::filesystem::remove(path);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items));
}
BENCHMARK(BM_LoadLongFlowList)->Arg(25'000)->Arg(50'000)->Arg(100'000)->Arg(200'000)->Unit(benchmark::kMillisecond);

/// Routes for every pair of N regions in a chain of two-way roads (the worst case: routes of up to
/// N - 1 legs, and a route asked from every region, so every row is found). table_bytes = what
/// the routes keep (totals and last link per pair), which grows as the pairs, not as the pairs
/// times the route lengths.
void BM_RoadNetworkChain(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<models::RoadLink> links;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    links.push_back({i, i + 1, 10.0, engine::hours(0.5), 5.0, 0.0, i});
    links.push_back({i + 1, i, 10.0, engine::hours(0.5), 0.0, 5.0, i});
  }
  for (auto _ : state) {
    const models::RoadNetwork roads(n, links);
    double km = 0.0;
    for (std::size_t from = 0; from < n; ++from) km += roads.totals(from, n - 1 - from).distance_km;
    benchmark::DoNotOptimize(km);
  }
  state.counters["pairs"] = static_cast<double>(n * n);
  state.counters["table_bytes"] =
      static_cast<double>(n * n * (sizeof(models::RouteTotals) + sizeof(std::uint32_t)) + n * n / 8);
}
BENCHMARK(BM_RoadNetworkChain)->Arg(250)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
