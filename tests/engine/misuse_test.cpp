// Misuse gives a clear exception, never undefined behaviour.
#include <gtest/gtest.h>
#include <limits>
#include <string>

#include "truckflow/engine.hpp"

namespace truckflow::engine {
namespace {

/// Runs `sim` and returns the message of the original exception inside the ProcessError.
std::string failure_of(Simulation& sim) {
  try {
    sim.run();
  } catch (const ProcessError& e) {
    try {
      std::rethrow_if_nested(e);
    } catch (const std::exception& original) {
      return original.what();
    }
  }
  return "no failure";
}

Process<> negative_delay(Simulation& sim) { co_await sim.timeout(-seconds(5)); }

TEST(MisuseTest, NegativeDelay) {
  Simulation sim;
  EXPECT_THROW((void)sim.timeout(-microseconds(1)), std::invalid_argument);
  sim.spawn(negative_delay(sim));
  EXPECT_EQ(failure_of(sim), "timeout: negative delay -5 s (simulated time cannot go back)");
}

Process<> overflow(Simulation& sim) {
  co_await sim.timeout(seconds(1));
  co_await sim.timeout(Duration::max());
}

TEST(MisuseTest, TimeOverflow) {
  Simulation sim;
  sim.spawn(overflow(sim));
  EXPECT_EQ(
      failure_of(sim),
      "timeout(9223372036854.775807 s) at t=1 s would end beyond the last representable time (about 292,000 years)");
}

Process<> await_empty_event() {
  Event<> nothing;
  co_await nothing;
}

TEST(MisuseTest, AwaitingAnEmptyOrDestroyedEvent) {
  Simulation sim;
  sim.spawn(await_empty_event());
  EXPECT_EQ(failure_of(sim), "empty Event (default-constructed or moved from): nothing to wait for");
  Event<int> e = sim.event<int>();
  Event<int> moved = std::move(e);
  EXPECT_THROW(e.succeed(1), std::logic_error);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_NO_THROW(moved.succeed(1));
}

TEST(MisuseTest, AnEventWhoseSimulationWasDestroyed) {
  Event<int> orphan;
  {
    Simulation sim;
    orphan = sim.event<int>();
  }
  try {
    orphan.succeed(1);
    FAIL() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "the simulation this event belongs to was destroyed");
  }
  EXPECT_FALSE(orphan.is_triggered());
}

TEST(MisuseTest, DividingADurationByZero) {
  EXPECT_THROW((void)(seconds(5) / 0), std::domain_error);
  EXPECT_THROW((void)(seconds(5) / Duration::zero()), std::domain_error);
  EXPECT_THROW((void)(Duration::from_ticks(std::numeric_limits<std::int64_t>::min()) / -1), TimeOverflow);
}

TEST(MisuseTest, TriggeringTwice) {
  Simulation sim;
  Event<int> e = sim.event<int>();
  e.succeed(1);
  try {
    e.succeed(2);
    FAIL();
  } catch (const std::logic_error& error) {
    EXPECT_STREQ(error.what(), "event already triggered: an event succeeds or fails once");
  }
  EXPECT_THROW(e.fail(std::runtime_error("x")), std::logic_error);
  sim.run();
  EXPECT_EQ(e.value(), 1);
}

Process<> await_moved_process(Simulation& sim) {
  Process<> p = [](Simulation& s) -> Process<> { co_await s.timeout(seconds(1)); }(sim);
  Process<> q = std::move(p);
  co_await std::move(p);  // NOLINT(bugprone-use-after-move): the misuse under test
}

TEST(MisuseTest, AwaitingOrSpawningAMovedFromProcess) {
  Simulation sim;
  sim.spawn(await_moved_process(sim));
  EXPECT_EQ(failure_of(sim), "co_await on an empty Process (moved from, or already spawned)");
  Process<> p = [](Simulation& s) -> Process<> { co_await s.timeout(seconds(1)); }(sim);
  Process<> q = std::move(p);
  EXPECT_THROW(sim.spawn(std::move(p)), std::logic_error);  // NOLINT(bugprone-use-after-move)
}

TEST(MisuseTest, RunUntilThePast) {
  Simulation sim;
  sim.run_until(Time::zero() + seconds(10));
  EXPECT_THROW(sim.run_until(Time::zero() + seconds(5)), std::invalid_argument);
}

}  // namespace
}  // namespace truckflow::engine
