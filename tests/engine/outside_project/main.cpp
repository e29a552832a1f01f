// A battery-swap station with one bay, built outside truckflow against the installed engine. Three
// trucks arrive a minute apart and each swap takes 5 minutes, so by hand: the trucks wait 0, 4 and
// 8 minutes and the last swap ends at minute 15. Prints the result; exits 1 if it is not that.
#include <cstdio>
#include <vector>

#include "truckflow/engine.hpp"

namespace {

using namespace truckflow::engine;

// One truck: queue for the bay, swap, leave. Returns how long it waited, in minutes.
Process<double> truck(Simulation& sim, Resource& bay) {
  const Time arrived = sim.now();
  const Lease held = co_await bay.acquire();
  const double waited_minutes = (sim.now() - arrived).to_seconds() / 60.0;
  co_await sim.timeout(minutes(5));
  co_return waited_minutes;
}

// Sends the trucks a minute apart and waits for every one to leave. Returns their total wait.
Process<double> arrivals(Simulation& sim, Resource& bay, int truck_count) {
  std::vector<ProcessHandle<double>> trucks;
  for (int i = 0; i < truck_count; ++i) {
    if (i > 0) co_await sim.timeout(minutes(1));
    trucks.push_back(sim.spawn(truck(sim, bay)));
  }
  double total_wait_minutes = 0.0;
  for (const ProcessHandle<double>& t : trucks) total_wait_minutes += co_await t;
  co_return total_wait_minutes;
}

}  // namespace

int main() {
  Simulation sim(1, Epoch::from_iso_date("2026-01-01"));
  Resource bay(sim, 1);
  const ProcessHandle<double> all = sim.spawn(arrivals(sim, bay, 3), "arrivals");
  sim.run();

  const double last_done_minutes = sim.now().to_seconds() / 60.0;
  std::printf("swap station: %llu swaps, total wait %.1f min, mean wait %.1f min, last done at minute %.1f\n",
              static_cast<unsigned long long>(bay.grants()), all.value(), bay.wait_seconds().mean() / 60.0,
              last_done_minutes);
  const bool as_by_hand = bay.grants() == 3 && all.value() == 12.0 && last_done_minutes == 15.0;
  return as_by_hand ? 0 : 1;
}
