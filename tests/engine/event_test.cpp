// Events: succeed / fail / value, waiting before and after, and the any_of / all_of conditions.
#include "truckflow/engine/event.hpp"

#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <vector>

#include "truckflow/engine/simulation.hpp"

namespace truckflow::engine {
namespace {

Process<> wait_for(Simulation& sim, Event<int> event, std::vector<std::string>& log, std::string who) {
  const int value = co_await event;
  log.push_back(who + ":" + std::to_string(value) + "@" + std::to_string(sim.now().to_seconds()));
}

Process<> trigger_after(Simulation& sim, Event<int> event, Duration delay, int value) {
  co_await sim.timeout(delay);
  event.succeed(value);
}

TEST(EventTest, WaitersResumeInOrderWithTheValue) {
  Simulation sim;
  Event<int> delivered = sim.event<int>();
  std::vector<std::string> log;
  sim.spawn(wait_for(sim, delivered, log, "a"));
  sim.spawn(wait_for(sim, delivered, log, "b"));
  sim.spawn(trigger_after(sim, delivered, seconds(2), 7));
  sim.run();
  EXPECT_EQ(log, (std::vector<std::string>{"a:7@2.000000", "b:7@2.000000"}));
  EXPECT_TRUE(delivered.is_processed());
  EXPECT_EQ(delivered.value(), 7);
  // Waiting on a processed event returns at once.
  sim.spawn(wait_for(sim, delivered, log, "late"));
  sim.run();
  EXPECT_EQ(log.back(), "late:7@2.000000");
}

TEST(EventTest, TriggeredButNotYetProcessed) {
  Simulation sim;
  Event<> e = sim.event();
  EXPECT_FALSE(e.is_triggered());
  e.succeed();
  EXPECT_TRUE(e.is_triggered());
  EXPECT_FALSE(e.is_processed());
  sim.run();
  EXPECT_TRUE(e.is_processed());
}

Process<> expect_failure(Event<> event, std::string& caught) {
  try {
    co_await event;
  } catch (const std::runtime_error& e) {
    caught = e.what();
  }
}

TEST(EventTest, FailureIsRethrownInEveryWaiter) {
  Simulation sim;
  Event<> e = sim.event();
  std::string first;
  std::string second;
  sim.spawn(expect_failure(e, first));
  sim.spawn(expect_failure(e, second));
  sim.run();
  e.fail(std::runtime_error("road closed"));
  sim.run();
  EXPECT_EQ(first, "road closed");
  EXPECT_EQ(second, "road closed");
  EXPECT_TRUE(e.has_failed());
}

Process<> race(Simulation& sim, Event<int> event, Duration patience, std::size_t& winner, Time& when) {
  winner = co_await any_of(event, sim.timeout(patience));
  when = sim.now();
}

TEST(ConditionTest, AnyOfReturnsTheFirstToFire) {
  Simulation sim;
  Event<int> e = sim.event<int>();
  std::size_t winner = 99;
  Time when;
  sim.spawn(race(sim, e, seconds(5), winner, when));
  sim.spawn(trigger_after(sim, e, seconds(3), 1));
  sim.run();
  EXPECT_EQ(winner, 0U);
  EXPECT_EQ(when, Time::zero() + seconds(3));

  Simulation sim2;
  Event<int> never = sim2.event<int>();
  sim2.spawn(race(sim2, never, seconds(5), winner, when));
  sim2.run();
  EXPECT_EQ(winner, 1U) << "the timeout fired first";
  EXPECT_EQ(when, Time::zero() + seconds(5));
}

TEST(ConditionTest, AnyOfWithAnOperandAlreadyProcessedReturnsAtOnce) {
  Simulation sim;
  Event<int> done = sim.event<int>();
  done.succeed(1);
  sim.run();
  std::size_t winner = 99;
  Time when;
  sim.spawn(race(sim, done, seconds(5), winner, when));
  sim.run_until(sim.now() + seconds(1));
  EXPECT_EQ(winner, 0U);
  EXPECT_EQ(when, Time::zero());
}

Process<> worker(Simulation& sim, Duration d) { co_await sim.timeout(d); }

Process<> wait_all(Simulation& sim, std::vector<ProcessHandle<>> handles, Time& when) {
  co_await all_of(handles);
  when = sim.now();
}

TEST(ConditionTest, AllOfWaitsForEveryOperand) {
  Simulation sim;
  std::vector<ProcessHandle<>> handles;
  for (int s : {4, 1, 7, 2}) handles.push_back(sim.spawn(worker(sim, seconds(s))));
  Time when;
  sim.spawn(wait_all(sim, handles, when));
  sim.run();
  EXPECT_EQ(when, Time::zero() + seconds(7));

  Time empty_when = Time::max();
  sim.spawn(wait_all(sim, {}, empty_when));
  sim.run();
  EXPECT_EQ(empty_when, sim.now()) << "all_of over nothing is satisfied at once";
}

Process<> all_with_failure(Simulation& sim, Event<> ok, Event<> bad, std::string& caught, Time& when) {
  try {
    co_await all_of(ok, bad, sim.timeout(seconds(10)));
  } catch (const std::runtime_error& e) {
    caught = e.what();
    when = sim.now();
  }
}

Process<> fail_event_after(Simulation& sim, Event<> e, Duration d) {
  co_await sim.timeout(d);
  e.fail(std::runtime_error("stack failure"));
}

TEST(ConditionTest, AllOfFailsAsSoonAsAnOperandFails) {
  Simulation sim;
  Event<> ok = sim.event();
  Event<> bad = sim.event();
  std::string caught;
  Time when;
  sim.spawn(all_with_failure(sim, ok, bad, caught, when));
  sim.spawn(fail_event_after(sim, bad, seconds(2)));
  sim.run();
  EXPECT_EQ(caught, "stack failure");
  EXPECT_EQ(when, Time::zero() + seconds(2));
}

TEST(ConditionTest, AnyOfNeedsOperands) { EXPECT_THROW((void)any_of(std::vector<Event<>>{}), std::invalid_argument); }

}  // namespace
}  // namespace truckflow::engine
