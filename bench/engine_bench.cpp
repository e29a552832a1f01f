// Engine benchmarks with fixed models and names, so figures can be set beside other engines'
// (SimPy, simcpp20): the classic hold model and a shared-resource cycle.
#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "truckflow/engine.hpp"
#include "truckflow/engine/detail/agenda.hpp"
#include "truckflow/engine/detail/calendar_queue.hpp"
#include "truckflow/engine/detail/radix_heap.hpp"

#include "memory.hpp"

namespace {

using namespace truckflow::engine;
using truckflow::bench::resident_bytes;

Process<> hold(Simulation& sim, Stream& delays) {
  for (;;) co_await sim.timeout(delays.exponential(seconds(1)));
}

/// N processes, each looping on timeout(Exp(mean 1 s)), run to 2,000,000 / N simulated seconds
/// (about two million events). items_per_second = events per wall-clock second of `run_until`.
/// bytes_per_process = growth of the peak resident set while the N processes exist, divided by N.
void BM_Hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Time end = Time::zero() + seconds(static_cast<std::int64_t>(2'000'000 / n));
  std::uint64_t events = 0;
  // Measured once per process and N, in the very first iteration: Google Benchmark may call this
  // function again (to settle the iteration count), and by then the pool holds the memory of the
  // first call, so the growth would show only the agenda.
  static std::map<std::size_t, double> measured;
  bool first = !measured.contains(n);
  double& bytes_per_process = measured[n];
  for (auto _ : state) {
    const long long rss_before = resident_bytes();
    Simulation sim(1);
    Stream& delays = sim.rng("hold");
    for (std::size_t i = 0; i < n; ++i) sim.spawn(hold(sim, delays));
    const auto start = std::chrono::steady_clock::now();
    sim.run_until(end);
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
    events += sim.events_processed();
    if (first) {
      bytes_per_process = static_cast<double>(resident_bytes("VmHWM:") - rss_before) / static_cast<double>(n);
      first = false;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  // Below ~10,000 processes the growth is within the resident set's page granularity.
  if (n >= 10000) state.counters["bytes_per_process"] = bytes_per_process;
}
BENCHMARK(BM_Hold)->Arg(1000)->Arg(100000)->UseManualTime()->Unit(benchmark::kMillisecond);

/// The reference for BM_Hold: the same model with the engine taken out. N entries (time, key,
/// payload) in the agenda's own binary heap (DaryHeap<2>, so that the heap's cost is the same on
/// both sides and the ratio measures the engine alone); each event pops the earliest, draws an
/// Exp(1 s) delay from a Stream and pushes the entry back that much later with a new sequence.
/// Same stream (the simulation's "hold" under seed 1, hence the same draws), same start (every
/// entry due at 0, as the spawned processes), same end, same event count and the same timing
/// (wall clock of the loop only), so BM_Hold / BM_BareHeapLoop is measured in one binary.
void BM_BareHeapLoop(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::int64_t end = (Time::zero() + seconds(static_cast<std::int64_t>(2'000'000 / n))).ticks();
  constexpr std::uint64_t normal = std::uint64_t{static_cast<std::uint8_t>(Priority::normal)} << detail::sequence_bits;
  std::uint64_t events = 0;
  for (auto _ : state) {
    Stream delays = Stream::derive(1, "hold");
    detail::BinaryHeap heap;
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < n; ++i) heap.push({0, normal | ++seq, i});
    const auto start = std::chrono::steady_clock::now();
    while (!heap.empty() && heap.top().time < end) {
      const detail::AgendaEntry e = heap.pop();
      ++events;
      heap.push({e.time + delays.exponential(seconds(1)).ticks(), normal | ++seq, e.target});
    }
    const auto stop = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(heap.top());
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_BareHeapLoop)->Arg(1000)->Arg(100000)->UseManualTime()->Unit(benchmark::kMillisecond);

Process<> cycle(Simulation& sim, Resource& resource, Stream& delays, std::uint64_t& cycles) {
  for (;;) {
    {
      const Lease unit = co_await resource.acquire();
      co_await sim.timeout(delays.exponential(seconds(1)));
    }
    ++cycles;
    co_await sim.timeout(delays.exponential(seconds(1)));
  }
}

/// 1,000 processes share a FIFO resource of capacity 10: acquire, hold Exp(1 s), release, wait
/// Exp(1 s), repeat, to 100,000 simulated seconds, with the resource's statistics on.
/// items_per_second = completed cycles per wall-clock second of `run_until`; `mean_wait_s` = the
/// mean wait for a unit.
void BM_ResourceCycle(benchmark::State& state) {
  std::uint64_t cycles = 0;
  double mean_wait_s = 0.0;
  for (auto _ : state) {
    Simulation sim(1);
    Resource resource(sim, 10);
    Stream& delays = sim.rng("cycle");
    for (int i = 0; i < 1000; ++i) sim.spawn(cycle(sim, resource, delays, cycles));
    const auto start = std::chrono::steady_clock::now();
    sim.run_until(Time::zero() + seconds(100'000));
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
    mean_wait_s = resource.wait_seconds().mean();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cycles));
  state.counters["mean_wait_s"] = mean_wait_s;
}
BENCHMARK(BM_ResourceCycle)->UseManualTime()->Unit(benchmark::kMillisecond);

/// The floor for BM_ResourceCycle: the same model with the engine taken out, written by hand as a
/// state machine over the kernel's own agenda (heap and FIFO, the fused take and settle), the same
/// stream, start, end, statistics (busy units and queue over time, a tally of waits) and timing.
/// Each of the 1,000 entities is in one phase; its agenda entry fires the phase's next step, in the
/// order the engine's processes take them: a release hands the unit to the first in the queue, who
/// goes on at the same time after the events already due (the FIFO), as `Resource` does. It counts
/// the same cycles as BM_ResourceCycle and reports the same mean wait (`mean_wait_s`), which shows
/// it is the same model; what it lacks is everything an engine adds (coroutines, leases,
/// interrupts, liveness checks), so no engine that fires these events can run this model faster.
void BM_BareResourceCycle(benchmark::State& state) {
  constexpr std::size_t entities = 1000;
  constexpr std::size_t capacity = 10;
  const std::int64_t end = (Time::zero() + seconds(100'000)).ticks();
  constexpr std::uint64_t normal = std::uint64_t{static_cast<std::uint8_t>(Priority::normal)} << detail::sequence_bits;
  enum class Phase : std::uint8_t { acquire, granted, hold };
  std::uint64_t cycles = 0;
  double mean_wait_s = 0.0;
  for (auto _ : state) {
    Stream delays = Stream::derive(1, "cycle");
    detail::Agenda agenda;
    std::uint64_t seq = 0;
    std::vector<Phase> phase(entities, Phase::acquire);
    std::vector<std::int64_t> requested_at(entities, 0);
    std::vector<std::size_t> queue(entities);  // a ring of waiting entities, first come first served
    std::size_t queue_head = 0;
    std::size_t queued = 0;
    std::size_t in_use = 0;
    TimeWeighted busy(Time::zero(), 0.0);
    TimeWeighted queue_length(Time::zero(), 0.0);
    Tally wait_seconds;
    for (std::size_t i = 0; i < entities; ++i) agenda.push({0, normal | ++seq, i}, true);
    const auto start = std::chrono::steady_clock::now();
    detail::AgendaEntry e{};
    while (agenda.take_before(end, e)) {
      const Time now = Time::from_ticks(e.time);
      const std::size_t i = e.target;
      const auto hold_for_a_while = [&] {
        phase[i] = Phase::hold;
        agenda.push({e.time + delays.exponential(seconds(1)).ticks(), normal | ++seq, i}, false);
      };
      switch (phase[i]) {
        case Phase::acquire:
          requested_at[i] = e.time;
          if (in_use < capacity) {
            ++in_use;
            wait_seconds.add(0.0);
            busy.update(now, static_cast<double>(in_use));
            queue_length.update(now, static_cast<double>(queued));
            hold_for_a_while();
          } else {
            queue[(queue_head + queued++) % entities] = i;
            busy.update(now, static_cast<double>(in_use));
            queue_length.update(now, static_cast<double>(queued));
          }
          break;
        case Phase::granted:
          hold_for_a_while();
          break;
        case Phase::hold:
          --in_use;
          if (queued > 0 && in_use < capacity) {
            const std::size_t next = queue[queue_head];
            queue_head = (queue_head + 1) % entities;
            --queued;
            ++in_use;
            wait_seconds.add((now - Time::from_ticks(requested_at[next])).to_seconds());
            phase[next] = Phase::granted;
            agenda.push({e.time, normal | ++seq, next}, true);
          }
          busy.update(now, static_cast<double>(in_use));
          queue_length.update(now, static_cast<double>(queued));
          ++cycles;
          phase[i] = Phase::acquire;
          agenda.push({e.time + delays.exponential(seconds(1)).ticks(), normal | ++seq, i}, false);
          break;
      }
      agenda.settle();
    }
    const auto stop = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(busy);
    benchmark::DoNotOptimize(queue_length);
    mean_wait_s = wait_seconds.mean();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cycles));
  state.counters["mean_wait_s"] = mean_wait_s;
}
BENCHMARK(BM_BareResourceCycle)->UseManualTime()->Unit(benchmark::kMillisecond);

Process<> patient_cycle(Simulation& sim, Resource& resource, Stream& delays, std::uint64_t& cycles) {
  for (;;) {
    {
      // A patience of one hour against waits of seconds: nearly every patience timer loses.
      const std::optional<Lease> unit = co_await resource.acquire(hours(1));
      if (unit) co_await sim.timeout(delays.exponential(seconds(1)));
    }
    ++cycles;
    co_await sim.timeout(delays.exponential(seconds(1)));
  }
}

/// BM_ResourceCycle with a one-hour patience on every acquire, to `range(0)` simulated seconds:
/// millions of patience timers that lose. `peak_agenda_entries` is the largest agenda seen (live
/// entries plus superseded ones not yet dropped), sampled every simulated second; without
/// compaction each lost timer would stay until its deadline, about 1,000 × 3,600 / 2 of them.
void BM_PatienceTimers(benchmark::State& state) {
  const auto horizon_s = static_cast<std::int64_t>(state.range(0));
  std::uint64_t cycles = 0;
  std::size_t peak_entries = 0;
  for (auto _ : state) {
    Simulation sim(1);
    Resource resource(sim, 10);
    Stream& delays = sim.rng("cycle");
    for (int i = 0; i < 1000; ++i) sim.spawn(patient_cycle(sim, resource, delays, cycles));
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t t = 1; t <= horizon_s; ++t) {
      sim.run_until(Time::zero() + seconds(t));
      peak_entries = std::max(peak_entries, sim.kernel().pending_entries());
    }
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(cycles));
  state.counters["peak_agenda_entries"] = static_cast<double>(peak_entries);
}
BENCHMARK(BM_PatienceTimers)->Arg(10'000)->Arg(100'000)->UseManualTime()->Unit(benchmark::kMillisecond);

/// The event set alone, as a classic hold model: pop the earliest entry, push one a random
/// Exp(1 s) later. Compares the agenda's heaps with std::priority_queue.
/// items_per_second = hold operations per second.
template <typename EventSet>
void hold_event_set(benchmark::State& state, EventSet& set) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  Stream delays(7);
  std::uint64_t seq = 0;
  for (std::uint64_t i = 0; i < n; ++i) set.push({delays.exponential(seconds(1)).ticks(), ++seq, 0});
  for (auto _ : state) {
    const detail::AgendaEntry e = set.pop();
    set.push({e.time + delays.exponential(seconds(1)).ticks(), ++seq, 0});
  }
  state.SetItemsProcessed(state.iterations());
}

struct PriorityQueue {
  struct Later {
    bool operator()(const detail::AgendaEntry& a, const detail::AgendaEntry& b) const { return detail::earlier(b, a); }
  };
  std::priority_queue<detail::AgendaEntry, std::vector<detail::AgendaEntry>, Later> queue;
  void push(const detail::AgendaEntry& e) { queue.push(e); }
  detail::AgendaEntry pop() {
    const detail::AgendaEntry e = queue.top();
    queue.pop();
    return e;
  }
};

void BM_EventSet_PriorityQueue(benchmark::State& state) {
  PriorityQueue set;
  hold_event_set(state, set);
}
BENCHMARK(BM_EventSet_PriorityQueue)->Arg(1000)->Arg(100000);

void BM_EventSet_BinaryHeap(benchmark::State& state) {
  detail::BinaryHeap set;
  hold_event_set(state, set);
}
BENCHMARK(BM_EventSet_BinaryHeap)->Arg(1000)->Arg(4000)->Arg(16000)->Arg(100000);

void BM_EventSet_QuaternaryHeap(benchmark::State& state) {
  detail::QuaternaryHeap set;
  hold_event_set(state, set);
}
BENCHMARK(BM_EventSet_QuaternaryHeap)->Arg(1000)->Arg(100000);

void BM_EventSet_RadixHeap(benchmark::State& state) {
  detail::RadixHeap set;
  hold_event_set(state, set);
}
BENCHMARK(BM_EventSet_RadixHeap)->Arg(1000)->Arg(4000)->Arg(16000)->Arg(100000);

void BM_EventSet_CalendarQueue(benchmark::State& state) {
  detail::CalendarQueue set;
  hold_event_set(state, set);
}
BENCHMARK(BM_EventSet_CalendarQueue)->Arg(1000)->Arg(4000)->Arg(16000)->Arg(100000);

}  // namespace
