// The ledger: a million postings between the default scenario's establishments, with the time per
// posting and the memory the accounts take (they keep totals, not the postings).
#include <benchmark/benchmark.h>

#include "truckflow/engine/random.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "establishments.hpp"
#include "ledger.hpp"
#include "memory.hpp"

namespace {

using namespace truckflow;
using models::FlowKind;
using models::detail::Establishments;
using models::detail::Ledger;

/// state.range(0) postings of random kinds and amounts (up to 10,000 CNY) between random
/// establishments of scenarios/sichuan.yaml; items_per_second = postings per second.
/// `bytes_per_posting` is the growth of the resident set over the postings (about 0: accounts,
/// not a list).
void BM_LedgerPostings(benchmark::State& state) {
  const models::ScenarioDesc scenario =
      scenarios::load_scenario(std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/sichuan.yaml").description;
  const Establishments establishments(scenario);
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto last = static_cast<std::int64_t>(establishments.size()) - 1;
  // The draws are made before the timing, so that only posting is timed.
  engine::Stream draws(1);
  std::vector<models::detail::Posting> postings(n);
  for (models::detail::Posting& p : postings) {
    p.kind = static_cast<FlowKind>(draws.uniform_int(0, models::flow_kind_count - 1));
    p.payer = static_cast<std::size_t>(draws.uniform_int(0, last));
    do {
      p.payee = static_cast<std::size_t>(draws.uniform_int(0, last));
    } while (p.payee == p.payer);
    p.amount_fen = draws.uniform_int(1, 1'000'000);
  }
  long long grown = 0;
  for (auto _ : state) {
    const long long before = bench::resident_bytes();
    Ledger ledger(establishments);
    for (const models::detail::Posting& p : postings) ledger.post(p);
    grown = bench::resident_bytes() - before;
    benchmark::DoNotOptimize(ledger.final_sales());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.counters["bytes_per_posting"] = static_cast<double>(grown) / static_cast<double>(n);
}
BENCHMARK(BM_LedgerPostings)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
