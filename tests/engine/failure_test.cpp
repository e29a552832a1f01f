// Failures reach someone: an exception that no waiter takes when a process's completion is
// delivered ends run() with ProcessError, and what goes wrong inside the kernel where nobody can be
// told at once (a wake-up that cannot be scheduled) fails the run instead of terminating the program.
#include <gtest/gtest.h>
#include <stdexcept>

#include "truckflow/engine.hpp"

namespace truckflow::engine {
namespace {

Process<> fail_after(Simulation& sim, Duration delay) {
  co_await sim.timeout(delay);
  throw std::runtime_error("boom");
}

Process<> join_unless_interrupted(ProcessHandle<> target, bool& interrupted) {
  try {
    co_await target;
  } catch (const Interrupted&) {
    interrupted = true;
  }
}

Process<> interrupt_at(Simulation& sim, Duration delay, ProcessHandle<> target) {
  co_await sim.timeout(delay);
  target.interrupt();
}

// The joiner is waiting when the failing process finishes, but is interrupted in the same instant,
// before the completion is delivered: the failure must not vanish.
TEST(FailureTest, AFailureWhoseOnlyJoinerIsInterruptedFirstEndsTheRun) {
  Simulation sim;
  bool interrupted = false;
  auto failing = sim.spawn(fail_after(sim, seconds(1)), "failing");
  auto joiner = sim.spawn(join_unless_interrupted(failing, interrupted), "joiner");
  sim.spawn(interrupt_at(sim, seconds(1), joiner));  // runs at t=1 after `failing`, before its completion fires
  try {
    sim.run();
    FAIL() << "the failure of 'failing' was lost";
  } catch (const ProcessError& e) {
    EXPECT_NE(std::string(e.what()).find("failing"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(interrupted);
}

Process<> succeed_at(Simulation& sim, Duration delay, Event<> event) {
  co_await sim.timeout(delay);
  event.succeed();
}

Process<> wait_any(Event<> event, ProcessHandle<> target, std::size_t& fired) {
  fired = co_await any_of(event, target);
}

// The joiner is an any_of that another operand settles in the same instant, just before the
// failing process's completion is delivered: the any_of returns the other operand, and the
// failure must still be reported.
TEST(FailureTest, AFailureThatLosesAnAnyOfRaceEndsTheRun) {
  Simulation sim;
  Event<> event = sim.event();
  std::size_t fired = 99;
  sim.spawn(succeed_at(sim, seconds(1), event));  // first at t=1: the event fires before the completion
  auto failing = sim.spawn(fail_after(sim, seconds(1)), "failing");
  sim.spawn(wait_any(event, failing, fired));
  EXPECT_THROW(sim.run(), ProcessError);
  EXPECT_EQ(fired, 0U);
}

Process<> catch_join(ProcessHandle<> target, bool& caught) {
  try {
    co_await target;
  } catch (const std::runtime_error&) {
    caught = true;
  }
}

TEST(FailureTest, AFailureTakenByAJoinerIsNotReportedAgain) {
  Simulation sim;
  bool caught = false;
  auto failing = sim.spawn(fail_after(sim, seconds(1)));
  sim.spawn(catch_join(failing, caught));
  EXPECT_NO_THROW(sim.run());
  EXPECT_TRUE(caught);
}

Process<> hold_for(Simulation& sim, Resource& res, Duration hold) {
  const Lease lease = co_await res.acquire();
  co_await sim.timeout(hold);
}  // the lease is released here, waking the next waiter

// A wake-up that cannot be scheduled inside a release (a destructor, which must not throw) used to
// terminate the program; now the run fails with the reason, and the simulation can be destroyed.
TEST(FailureTest, AWakeUpThatCannotBeScheduledFailsTheRunInsteadOfTerminating) {
  Simulation sim;
  Resource res(sim, 1);
  sim.spawn(hold_for(sim, res, hours(1)));
  sim.spawn(hold_for(sim, res, hours(1)));  // queued behind the first
  sim.run_until(Time::zero() + minutes(30));
  sim.kernel().set_next_sequence_for_testing(detail::sequence_mask + 1);  // every sequence used up
  EXPECT_THROW(sim.run(), std::overflow_error);
  EXPECT_THROW(sim.run(), std::overflow_error) << "the run stays failed";
}

Process<> wait_then_return(Event<> event) { co_await event; }

Process<> join(ProcessHandle<> target) { co_await target; }

// The same inside a signal's delivery: the woken process finishes and its completion cannot be
// scheduled.
TEST(FailureTest, ACompletionThatCannotBeScheduledFailsTheRunInsteadOfTerminating) {
  Simulation sim;
  Event<> event = sim.event();
  auto waiter = sim.spawn(wait_then_return(event));
  sim.spawn(join(waiter));
  sim.run();                                                          // both are waiting now
  sim.kernel().set_next_sequence_for_testing(detail::sequence_mask);  // exactly one sequence left
  event.succeed();                                                    // takes it
  EXPECT_THROW(sim.run(), std::overflow_error);
}

Process<> tick(Simulation& sim, int& ticks) {
  for (;;) {
    co_await sim.timeout(seconds(1));
    ++ticks;
  }
}

// A trace observer that throws ends the run with its exception; the event it was told about is
// still delivered (the process is not lost half-dispatched, nothing leaks under LeakSanitizer).
TEST(FailureTest, AnObserverThatThrowsFailsTheRunAndLosesNothing) {
  Simulation sim;
  int ticks = 0;
  std::uint64_t seen = 0;
  sim.set_observer([&](const EventRecord&) {
    if (++seen == 3) throw std::runtime_error("trace file full");
  });
  sim.spawn(tick(sim, ticks));
  EXPECT_THROW(sim.run_until(Time::zero() + seconds(10)), std::runtime_error);
  EXPECT_EQ(ticks, 2) << "the third event (the start, then two ticks) was delivered";
  EXPECT_THROW(sim.run_until(Time::zero() + seconds(10)), std::runtime_error) << "the run stays failed";
}

}  // namespace
}  // namespace truckflow::engine
