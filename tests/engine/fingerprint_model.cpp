// The fingerprint model: a hydrogen station fed by a tube trailer, with priorities, containers,
// stores, conditions and an interrupt.
#include "fingerprint_model.hpp"

#include <cinttypes>
#include <cstdio>

#include "truckflow/engine.hpp"

namespace truckflow::engine::testing {

namespace {

class Fingerprint {
 public:
  void add(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      hash_ ^= (value >> (8 * i)) & 0xff;
      hash_ *= 0x100000001b3ULL;
    }
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

Process<> truck(Simulation& sim, Resource& dispensers, Container<>& tank, Stream& rng) {
  const Lease dispenser = co_await dispensers.acquire(static_cast<int>(rng.uniform_int(0, 2)));
  co_await tank.get(rng.uniform(5.0, 40.0));
  co_await sim.timeout(rng.exponential(minutes(8)));
}

Process<> trailer(Simulation& sim, Container<>& tank, Store<int>& manifests) {
  for (int trip = 0;; ++trip) {
    co_await sim.timeout(hours(6));
    co_await tank.put(std::min(400.0, tank.capacity() - tank.level() + 1.0));
    co_await manifests.put(trip);
  }
}

Process<> auditor(Simulation& sim, Store<int>& manifests, Event<> closing) {
  for (;;) {
    const std::size_t which = co_await any_of(closing, sim.timeout(hours(1)));
    if (which == 0) co_return;
    if (manifests.size() > 0) (void)co_await manifests.get();
  }
}

Process<> arrivals(Simulation& sim, Resource& dispensers, Container<>& tank, ProcessHandle<> trailer_process,
                   Event<> closing) {
  Stream& gaps = sim.rng("arrivals");
  Stream& trucks = sim.rng("trucks");
  for (int n = 0; n < 3000; ++n) {
    co_await sim.timeout(gaps.exponential(minutes(6)));
    sim.spawn(truck(sim, dispensers, tank, trucks));
    if (n == 1500) trailer_process.interrupt(std::string("inspection"));
  }
  closing.succeed();
}

Process<> resilient_trailer(Simulation& sim, Container<>& tank, Store<int>& manifests) {
  for (;;) {
    try {
      co_await trailer(sim, tank, manifests);
    } catch (const Interrupted&) {
    }
    co_await sim.timeout(hours(2));  // back from inspection
  }
}

}  // namespace

std::string trace_fingerprint(std::uint64_t seed) {
  Simulation sim(seed);
  Fingerprint fingerprint;
  sim.set_observer([&](const EventRecord& r) {
    fingerprint.add(static_cast<std::uint64_t>(r.time.ticks()));
    fingerprint.add(static_cast<std::uint64_t>(r.priority));
    fingerprint.add(r.sequence);
    fingerprint.add(r.process_id);
  });
  Resource dispensers(sim, Resource::Options{.capacity = 2, .queueing = Queueing::priority});
  Container<> tank(sim, 1000.0, 500.0);
  Store<int> manifests(sim, 3);
  Event<> closing = sim.event();
  auto trailer_process = sim.spawn(resilient_trailer(sim, tank, manifests), "trailer");
  sim.spawn(auditor(sim, manifests, closing), "auditor");
  sim.spawn(arrivals(sim, dispensers, tank, trailer_process, closing), "arrivals");
  sim.run_until(Time::zero() + days(30));
  char text[64];
  std::snprintf(text, sizeof text, "%016" PRIx64 " %" PRIu64 " events", fingerprint.value(), sim.events_processed());
  return text;
}

}  // namespace truckflow::engine::testing
