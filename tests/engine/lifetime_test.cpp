// Coroutine lifetimes: every frame and process state is freed when processes finish or when the
// simulation is destroyed with processes still waiting (leases released, waits withdrawn).
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "truckflow/engine.hpp"
#include "truckflow/engine/detail/frame_pool.hpp"

namespace truckflow::engine {
namespace {

Process<int> child(Simulation& sim) {
  co_await sim.timeout(days(10));
  co_return 1;
}

Process<> nested(Simulation& sim) { (void)co_await child(sim); }

Process<> hold(Simulation& sim, Resource& res) {
  const Lease lease = co_await res.acquire();
  co_await sim.timeout(days(10));
}

Process<> queue(Resource& res) { (void)co_await res.acquire(); }

Process<> wait_event(Event<int> e) { (void)co_await e; }

Process<> wait_any(Simulation& sim, Event<int> e) { (void)co_await any_of(e, sim.timeout(days(3))); }

Process<> wait_container(Container<>& tank) { co_await tank.get(5.0); }

Process<> wait_store(Store<int>& store) { (void)co_await store.get(); }

Process<> quick(Simulation& sim) { co_await sim.timeout(seconds(1)); }

TEST(LifetimeTest, FinishedProcessesFreeTheirFrames) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    for (int i = 0; i < 100; ++i) sim.spawn(quick(sim));
    sim.run();
    EXPECT_EQ(sim.live_processes(), 0U);
    EXPECT_EQ(detail::pool_live_blocks(), before);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

TEST(LifetimeTest, DestroyingTheSimulationDestroysWaitingProcesses) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    Resource res(sim, 1);
    Container<> tank(sim, 10.0);
    Store<int> store(sim);
    Event<int> never = sim.event<int>();
    sim.spawn(hold(sim, res));
    for (int i = 0; i < 3; ++i) sim.spawn(queue(res));
    sim.spawn(nested(sim));
    sim.spawn(wait_event(never));
    sim.spawn(wait_any(sim, never));
    sim.spawn(wait_container(tank));
    sim.spawn(wait_store(store));
    Process<> never_started = quick(sim);
    sim.run_until(Time::zero() + days(1));
    EXPECT_EQ(sim.live_processes(), 9U);
    EXPECT_EQ(res.queue_length(), 3U);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before) << "a frame or state was leaked";
}

TEST(LifetimeTest, ResourcesDestroyedBeforeTheSimulationAreSafe) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    {
      Resource res(sim, 1);
      sim.spawn(hold(sim, res));
      sim.spawn(queue(res));
      sim.run_until(Time::zero() + days(1));
    }  // the resource goes first: its waiter stays blocked, the lease becomes a no-op
    sim.run_until(Time::zero() + days(20));
    EXPECT_EQ(sim.live_processes(), 1U);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

Process<> interrupt_later(Simulation& sim, ProcessHandle<> target) {
  co_await sim.timeout(days(2));
  target.interrupt();
}

Process<> count_interrupts(Resource& res, Container<>& tank, Store<int>& store, int which, int& interrupted) {
  try {
    if (which == 0) (void)co_await res.acquire();
    if (which == 1) co_await tank.get(5.0);
    if (which == 2) (void)co_await store.get();
  } catch (const Interrupted&) {
    ++interrupted;
  }
}

TEST(LifetimeTest, WaitersOfADestroyedResourceContainerOrStoreCanStillBeInterrupted) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    int interrupted = 0;
    {
      Resource res(sim, 1);
      Container<> tank(sim, 10.0);
      Store<int> store(sim);
      sim.spawn(hold(sim, res));
      for (int which = 0; which < 3; ++which) {
        auto waiter = sim.spawn(count_interrupts(res, tank, store, which, interrupted));
        sim.spawn(interrupt_later(sim, waiter));
      }
      sim.run_until(Time::zero() + days(1));
    }  // the resource, container and store go first; their waiters stay blocked
    sim.run_until(Time::zero() + days(3));
    EXPECT_EQ(interrupted, 3) << "each blocked waiter is freed by its interrupt";
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

TEST(LifetimeTest, HandlesOutliveTheirSimulation) {
  ProcessHandle<int> handle;
  ProcessHandle<> waiting;
  {
    Simulation sim;
    handle = sim.spawn(child(sim));
    waiting = sim.spawn(quick(sim));
    sim.run_until(Time::zero() + days(11));
    waiting = sim.spawn(nested(sim));
  }
  EXPECT_EQ(handle.value(), 1);
  EXPECT_FALSE(waiting.is_alive());
  EXPECT_FALSE(waiting.is_finished());
  EXPECT_THROW(waiting.interrupt(), std::logic_error);
}

// Using a handle after its simulation is gone is a clear error, never a use of freed memory (under
// ASan, asking a finished process's completion signal used to touch the destroyed kernel).
TEST(LifetimeTest, HandlesOfFinishedProcessesRefuseWorkAfterTheSimulationIsGone) {
  ProcessHandle<> finished;
  {
    Simulation sim;
    finished = sim.spawn(quick(sim));
    sim.run();
  }
  EXPECT_TRUE(finished.is_finished());
  EXPECT_THROW((void)finished.done_signal(), std::logic_error);
  EXPECT_THROW(finished.interrupt(), std::logic_error);
}

// A process's state shares one pool block with its frame: the frame's locals die when the process
// finishes, but the block stays while a handle reads the state, and goes with the last handle.
TEST(LifetimeTest, AHandleKeepsOnlyItsProcessBlockAndFreesItWhenItGoes) {
  const auto before = detail::pool_live_blocks();
  {
    ProcessHandle<int> handle;
    {
      Simulation sim;
      handle = sim.spawn(child(sim), "kept");
      ProcessHandle<int> copy = handle;
      sim.run();
      EXPECT_EQ(detail::pool_live_blocks(), before + 1) << "the finished process's block, for its handles";
    }
    EXPECT_EQ(detail::pool_live_blocks(), before + 1);
    EXPECT_TRUE(handle.is_finished());
    EXPECT_EQ(handle.value(), 1);
    EXPECT_EQ(handle.name(), "kept");
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
  {
    Simulation sim;
    Process<int> never_spawned = child(sim);  // its state is unused; the block goes with the frame
    EXPECT_EQ(detail::pool_live_blocks(), before + 1);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

Process<Lease> grab(Resource& res) { co_return co_await res.acquire(); }

Process<> keep(ProcessHandle<Lease> grabbed, std::optional<Lease>& kept) { kept.emplace(co_await grabbed); }

// A resource and a lease may outlive the simulation: releasing is harmless, and what needs the
// clock says so.
TEST(LifetimeTest, AResourceAndALeaseThatOutliveTheSimulation) {
  auto sim = std::make_unique<Simulation>();
  Resource res(*sim, 2);
  Container<> tank(*sim, 10.0);
  Store<int> store(*sim);
  std::optional<Lease> kept;
  sim->spawn(keep(sim->spawn(grab(res)), kept));
  sim->run();
  ASSERT_TRUE(kept && kept->is_held());
  sim.reset();
  EXPECT_EQ(res.in_use(), 1U);
  kept.reset();  // released after the simulation is gone
  EXPECT_EQ(res.in_use(), 0U);
  EXPECT_THROW((void)res.utilization(), std::logic_error);
  EXPECT_THROW(res.reset_statistics(), std::logic_error);
  EXPECT_THROW(tank.reset_statistics(), std::logic_error);
  EXPECT_THROW(store.reset_statistics(), std::logic_error);
}

Process<> keep_conditions(Simulation& sim, std::vector<AnyOf>& kept, Event<> never, int count) {
  for (int i = 0; i < count; ++i) kept.push_back(any_of(never, sim.timeout(hours(1 + i))));
  co_return;
}

// Found in review: destroying a simulation whose any_of timers are held outside any frame counted
// them stale while the agenda was being released, and compacted it in the middle (double release).
TEST(LifetimeTest, DestroyingASimulationWithAnyOfTimersHeldOutside) {
  constexpr int count = 2 * static_cast<int>(detail::Kernel::compaction_floor);
  std::vector<AnyOf> kept;
  kept.reserve(count);
  {
    Simulation sim;
    Event<> never = sim.event();
    sim.spawn(keep_conditions(sim, kept, never, count));
    sim.run_until(Time::zero() + seconds(1));
    EXPECT_EQ(sim.kernel().pending_entries(), static_cast<std::size_t>(count));
  }
  kept.clear();
}

}  // namespace
}  // namespace truckflow::engine
