// Simulation: the clock, the pending events, the processes and the random streams of one run.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "truckflow/engine/detail/kernel.hpp"
#include "truckflow/engine/event.hpp"
#include "truckflow/engine/process.hpp"
#include "truckflow/engine/random.hpp"
#include "truckflow/engine/time.hpp"
#include "truckflow/engine/timeout.hpp"

namespace truckflow::engine {

/// One simulation run.
///
/// Events fire in order of (time, priority, insertion sequence), so a run is reproducible. Run it
/// with `run()`, `run_until(t)` or `step()`; an exception that escapes a process nobody waits for
/// comes out of these as a `ProcessError` naming the process (the original nested inside).
/// Destroying the simulation destroys every unfinished process's frame (releasing what it holds).
class Simulation {
 public:
  /// `seed` is the master seed of every random stream; `epoch` is the date of time zero.
  explicit Simulation(std::uint64_t seed = 0, Epoch epoch = Epoch{});
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;
  ~Simulation();

  Time now() const noexcept { return kernel_.now(); }
  const Epoch& epoch() const noexcept { return epoch_; }
  std::uint64_t seed() const noexcept { return seed_; }

  /// Starts `process` at the current time. `name` appears in errors and traces; by default
  /// "process#<id>". `start` places the start among the events due now: with `normal` (the
  /// default) it comes after the normal-priority events already due; with `urgent` it comes before
  /// them, as SimPy starts a new process (its Initialize event is urgent) — use that when porting a
  /// SimPy model whose same-instant order matters.
  template <typename T>
  ProcessHandle<T> spawn(Process<T> process, std::string name = {}, Priority start = Priority::normal) {
    detail::ProcessState& state = kernel_.create_process(process.release(), std::move(name), start);
    return ProcessHandle<T>(state);
  }

  /// `co_await sim.timeout(d)` resumes after `d` (>= 0; a negative delay throws
  /// `std::invalid_argument`). Same-time wake-ups are ordered by `priority`, then FIFO.
  Timeout timeout(Duration delay, Priority priority = Priority::normal) const { return Timeout(delay, priority); }

  /// A new pending event.
  template <typename T = void>
  Event<T> event() {
    return Event<T>(kernel_);
  }

  /// The random stream named `name` (created on first use); streams are independent of each
  /// other and of the order in which they are first used. The reference stays valid as long as
  /// the simulation.
  Stream& rng(std::string_view name);

  /// Fires events until none is pending or `stop()` is called.
  void run();
  /// Fires the events due strictly before `until` (>= now), then sets the clock to `until` (as
  /// SimPy's `run(until=...)`: events due at `until` itself stay pending). If `stop()` is called
  /// first, the clock stays at the time of the last event.
  void run_until(Time until);
  /// Fires the next event; false if none was pending.
  bool step();
  /// Makes `run()` / `run_until()` return after the current event.
  void stop() noexcept { kernel_.stop(); }
  /// Time of the next pending event, if any.
  std::optional<Time> peek() { return kernel_.next_event_time(); }

  std::uint64_t events_processed() const noexcept { return kernel_.events_processed(); }
  /// Processes spawned and not yet finished.
  std::size_t live_processes() const noexcept { return kernel_.live_processes(); }
  /// Called for every event just before it fires (for traces and fingerprints); empty to remove.
  void set_observer(std::function<void(const EventRecord&)> observer) { kernel_.set_observer(std::move(observer)); }

  /// The kernel, for engine types built on it (Resource, Container, Store).
  detail::Kernel& kernel() noexcept { return kernel_; }

 private:
  detail::Kernel kernel_;
  std::uint64_t seed_;
  Epoch epoch_;
  std::map<std::string, Stream, std::less<>> streams_;
};

}  // namespace truckflow::engine
