// A hydrogen station with two dispensers, as an M/M/2 queue: trucks arrive at random, queue for a
// dispenser, fill and leave. Prints a year of simulated statistics beside the Erlang C formulas.
#include <cstdio>

#include "truckflow/engine.hpp"
#include "truckflow/engine/queueing.hpp"

namespace {

using namespace truckflow::engine;

constexpr double arrivals_per_hour = 10.0;
constexpr double mean_fill_minutes = 10.0;
constexpr std::size_t dispenser_count = 2;

Process<> truck(Simulation& sim, Resource& dispensers, Stream& fill_minutes) {
  const Lease dispenser = co_await dispensers.acquire();
  co_await sim.timeout(fill_minutes.exponential(minutes(mean_fill_minutes)));
}

Process<> arrivals(Simulation& sim, Resource& dispensers) {
  Stream& gaps = sim.rng("station/arrivals");
  Stream& fills = sim.rng("station/fills");
  for (;;) {
    co_await sim.timeout(gaps.exponential(hours(1.0 / arrivals_per_hour)));
    sim.spawn(truck(sim, dispensers, fills));
  }
}

}  // namespace

int main() {
  Simulation sim(42, Epoch::from_iso_date("2026-01-01"));
  Resource dispensers(sim, dispenser_count);
  sim.spawn(arrivals(sim, dispensers), "arrivals");
  const Time end = Time::zero() + days(365);
  sim.run_until(end);

  const queueing::MMc theory{arrivals_per_hour, 60.0 / mean_fill_minutes, dispenser_count};
  const Tally& waits = dispensers.wait_seconds();
  const ConfidenceInterval ci = waits.confidence_interval();
  std::printf("Hydrogen station, %zu dispensers, %.0f trucks/h, mean fill %.0f min: M/M/%zu\n", dispenser_count,
              arrivals_per_hour, mean_fill_minutes, dispenser_count);
  std::printf("simulated %s to %s: %llu events, %llu fills\n", sim.epoch().iso8601(Time::zero()).c_str(),
              sim.epoch().iso8601(end).c_str(), static_cast<unsigned long long>(sim.events_processed()),
              static_cast<unsigned long long>(dispensers.grants()));
  std::printf("%-28s %12s %12s\n", "", "simulated", "Erlang C");
  std::printf("%-28s %12.4f %12.4f\n", "dispenser utilization", dispensers.utilization(), theory.utilization());
  std::printf("%-28s %12.3f %12.3f\n", "mean wait [min]", waits.mean() / 60.0, theory.mean_wait() * 60.0);
  std::printf("%-28s %12.3f %12.3f\n", "mean queue length [trucks]", dispensers.queue().mean(end),
              theory.mean_queue_length());
  std::printf("mean wait 95%% confidence interval (i.i.d. assumption): [%.3f, %.3f] min\n", ci.low / 60.0,
              ci.high / 60.0);
  return 0;
}
