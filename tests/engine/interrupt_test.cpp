// Interrupts: raised at every kind of wait, withdrawing the process from what it waited on;
// deferred to the next wait when the process is not waiting; leases released on the way out.
#include <any>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "truckflow/engine.hpp"

namespace truckflow::engine {
namespace {

/// What a waiting process saw: "interrupted(<cause>)@<seconds>" or "done@<seconds>".
struct Outcome {
  std::string text;
};

std::string stamp(const Simulation& sim) {
  std::string text(1, '@');  // (not "@" + ...: GCC 12 reports a false -Wrestrict at -O3)
  text += std::to_string(static_cast<int>(sim.now().to_seconds()));
  return text;
}

std::string describe(const Interrupted& e) {
  return e.cause().has_value() ? "interrupted(" + std::any_cast<std::string>(e.cause()) + ")" : "interrupted()";
}

Process<> interrupt_after(Simulation& sim, ProcessHandle<> target, Duration after, std::string cause) {
  co_await sim.timeout(after);
  target.interrupt(std::move(cause));
}

/// A world with one of each thing to wait on.
struct World {
  Simulation sim;
  Resource charger{sim, 1};
  Container<> tank{sim, 100.0, 0.0};
  Container<> full_tank{sim, 100.0, 100.0};
  Store<int> empty_store{sim};
  Store<int> full_store{sim, 1};
  Event<> never = sim.event();
  World() { full_store_seed(); }
  void full_store_seed();
};

Process<> fill_store(Store<int>& store) { co_await store.put(1); }
void World::full_store_seed() {
  sim.spawn(fill_store(full_store));
  sim.run();
}

Process<> hold_forever(Simulation& sim, Resource& charger) {
  const Lease lease = co_await charger.acquire();
  co_await sim.timeout(days(365));
}

Process<> forever(Simulation& sim) { co_await sim.timeout(days(365)); }

Process<> inline_child(Simulation& sim) { co_await sim.timeout(days(365)); }

enum class Wait {
  timeout,
  event,
  join,
  acquire,
  container_get,
  container_put,
  store_get,
  store_put,
  any_of,
  all_of,
  inline_child
};

std::string wait_name(const ::testing::TestParamInfo<Wait>& info) {
  constexpr const char* names[] = {"timeout",   "event",     "join",   "acquire", "container_get", "container_put",
                                   "store_get", "store_put", "any_of", "all_of",  "inline_child"};
  return names[static_cast<int>(info.param)];
}

Process<> waiter(World& w, Wait kind, Outcome& out) {
  Simulation& sim = w.sim;
  try {
    switch (kind) {
      case Wait::timeout:
        co_await sim.timeout(days(1));
        break;
      case Wait::event:
        co_await w.never;
        break;
      case Wait::join: {
        auto other = sim.spawn(forever(sim));
        co_await other;
        break;
      }
      case Wait::acquire:
        (void)co_await w.charger.acquire();
        break;
      case Wait::container_get:
        co_await w.tank.get(10.0);
        break;
      case Wait::container_put:
        co_await w.full_tank.put(10.0);
        break;
      case Wait::store_get:
        (void)co_await w.empty_store.get();
        break;
      case Wait::store_put:
        co_await w.full_store.put(2);
        break;
      case Wait::any_of:
        (void)co_await any_of(w.never, sim.timeout(days(1)));
        break;
      case Wait::all_of:
        co_await all_of(w.never, sim.timeout(seconds(1)));
        break;
      case Wait::inline_child:
        co_await inline_child(sim);
        break;
    }
    out.text = "done" + stamp(sim);
  } catch (const Interrupted& e) {
    out.text = describe(e) + stamp(sim);
  }
}

class InterruptAtEachWait : public ::testing::TestWithParam<Wait> {};

TEST_P(InterruptAtEachWait, RaisesInterruptedAndWithdrawsTheWait) {
  World w;
  w.sim.spawn(hold_forever(w.sim, w.charger));  // the charger is busy, so acquire must wait
  Outcome out;
  auto target = w.sim.spawn(waiter(w, GetParam(), out), "target");
  w.sim.spawn(interrupt_after(w.sim, target, seconds(5), "shift change"));
  w.sim.run_until(Time::zero() + days(30));
  EXPECT_EQ(out.text, "interrupted(shift change)@5");
  EXPECT_TRUE(target.is_finished());
  // Nothing the process waited on still counts it as waiting.
  EXPECT_EQ(w.charger.queue_length(), 0U);
  EXPECT_EQ(w.tank.getters_waiting(), 0U);
  EXPECT_EQ(w.full_tank.putters_waiting(), 0U);
  EXPECT_EQ(w.empty_store.getters_waiting(), 0U);
  EXPECT_EQ(w.full_store.putters_waiting(), 0U);
  // Triggering what it waited on later does not resume it a second time.
  w.never.succeed();
  w.sim.run_until(Time::zero() + days(31));
  EXPECT_EQ(out.text, "interrupted(shift change)@5");
}

INSTANTIATE_TEST_SUITE_P(AllWaits, InterruptAtEachWait,
                         ::testing::Values(Wait::timeout, Wait::event, Wait::join, Wait::acquire, Wait::container_get,
                                           Wait::container_put, Wait::store_get, Wait::store_put, Wait::any_of,
                                           Wait::all_of, Wait::inline_child),
                         wait_name);

Process<> charge(Simulation& sim, Resource& charger, std::vector<std::string>& log) {
  try {
    const Lease lease = co_await charger.acquire();
    log.push_back("charging" + stamp(sim));
    co_await sim.timeout(hours(1));
    log.push_back("charged" + stamp(sim));
  } catch (const Interrupted& e) {
    log.push_back("left " + describe(e) + stamp(sim) + ", charger in use: " + std::to_string(charger.in_use()));
  }
}

TEST(InterruptTest, ALeaseIsReleasedWhenAnInterruptUnwindsThroughIt) {
  Simulation sim;
  Resource charger(sim, 1);
  std::vector<std::string> log;
  auto truck = sim.spawn(charge(sim, charger, log));
  sim.spawn(interrupt_after(sim, truck, minutes(10), "dispatch"));
  sim.run();
  EXPECT_EQ(log, (std::vector<std::string>{"charging@0", "left interrupted(dispatch)@600, charger in use: 0"}));
}

Process<> grant_then_more(Simulation& sim, Resource& charger, std::vector<std::string>& log) {
  const Lease lease = co_await charger.acquire();
  log.push_back("got charger" + stamp(sim));
  try {
    co_await sim.timeout(seconds(1));
    log.push_back("not interrupted");
  } catch (const Interrupted& e) {
    log.push_back("next wait " + describe(e) + stamp(sim));
  }
}

Process<> release_and_interrupt(Simulation& sim, Resource& charger, ProcessHandle<>& target) {
  Lease lease = co_await charger.acquire();
  co_await sim.timeout(seconds(10));
  lease.release();                        // the charger goes to `target`, which resumes later at this instant
  target.interrupt(std::string("late"));  // it is no longer waiting: raised at its next wait
}

TEST(InterruptTest, AnInterruptAfterTheWaitEndedIsRaisedAtTheNextWait) {
  Simulation sim;
  Resource charger(sim, 1);
  std::vector<std::string> log;
  ProcessHandle<> target;
  sim.spawn(release_and_interrupt(sim, charger, target));
  target = sim.spawn(grant_then_more(sim, charger, log));
  sim.run();
  EXPECT_EQ(log, (std::vector<std::string>{"got charger@10", "next wait interrupted(late)@10"}));
  EXPECT_EQ(charger.in_use(), 0U);
}

Process<> catch_two(Simulation& sim, std::vector<std::string>& log) {
  for (int i = 0; i < 2; ++i) {
    try {
      co_await sim.timeout(days(1));
    } catch (const Interrupted& e) {
      log.push_back(describe(e) + stamp(sim));
    }
  }
}

Process<> interrupt_twice(ProcessHandle<> target) {
  target.interrupt(std::string("first"));
  target.interrupt(std::string("second"));
  co_return;
}

TEST(InterruptTest, InterruptsAreQueuedInOrder) {
  Simulation sim;
  std::vector<std::string> log;
  auto target = sim.spawn(catch_two(sim, log));
  sim.run_until(Time::zero() + seconds(1));
  sim.spawn(interrupt_twice(target));
  sim.run();
  EXPECT_EQ(log, (std::vector<std::string>{"interrupted(first)@1", "interrupted(second)@1"}));
}

Process<> self_interrupt(ProcessHandle<>& self, std::string& error) {
  try {
    self.interrupt();
  } catch (const std::logic_error& e) {
    error = e.what();
  }
  co_return;
}

TEST(InterruptTest, MisuseIsAClearError) {
  Simulation sim;
  ProcessHandle<> self;
  std::string error;
  self = sim.spawn(self_interrupt(self, error), "loner");
  sim.run();
  EXPECT_EQ(error, "loner cannot interrupt itself");
  try {
    self.interrupt();
    FAIL();
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "cannot interrupt loner: it has already finished");
  }
}

TEST(InterruptTest, AnUncaughtInterruptEndsTheProcessWithAnError) {
  Simulation sim;
  auto target = sim.spawn(forever(sim), "sleeper");
  sim.spawn(interrupt_after(sim, target, seconds(1), "wake up"));
  EXPECT_THROW(sim.run(), ProcessError);
  EXPECT_TRUE(target.has_failed());
}

}  // namespace
}  // namespace truckflow::engine
