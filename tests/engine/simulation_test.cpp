// Simulation: event ordering and tie-breaking, run / run_until / step / stop, the observer hook,
// and exceptions escaping processes.
#include "truckflow/engine/simulation.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "truckflow/engine/detail/frame_pool.hpp"
#include "truckflow/engine/resource.hpp"

namespace truckflow::engine {
namespace {

using Log = std::vector<std::string>;

Process<> say_after(Simulation& sim, Duration delay, Priority priority, std::string word, Log& log) {
  co_await sim.timeout(delay, priority);
  log.push_back(word + "@" + std::to_string((sim.now() - Time::zero()).ticks()));
}

TEST(SimulationTest, EventsFireInTimeOrder) {
  Simulation sim;
  Log log;
  sim.spawn(say_after(sim, seconds(3), Priority::normal, "c", log));
  sim.spawn(say_after(sim, seconds(1), Priority::normal, "a", log));
  sim.spawn(say_after(sim, seconds(2), Priority::normal, "b", log));
  sim.run();
  EXPECT_EQ(log, (Log{"a@1000000", "b@2000000", "c@3000000"}));
  EXPECT_EQ(sim.now(), Time::zero() + seconds(3));
}

TEST(SimulationTest, SameTimeTiesBreakByPriorityThenInsertionOrder) {
  Simulation sim;
  Log log;
  sim.spawn(say_after(sim, seconds(1), Priority::low, "low", log));
  sim.spawn(say_after(sim, seconds(1), Priority::normal, "normal1", log));
  sim.spawn(say_after(sim, seconds(1), Priority::urgent, "urgent", log));
  sim.spawn(say_after(sim, seconds(1), Priority::normal, "normal2", log));
  sim.spawn(say_after(sim, seconds(1), Priority::high, "high", log));
  sim.run();
  EXPECT_EQ(log, (Log{"urgent@1000000", "high@1000000", "normal1@1000000", "normal2@1000000", "low@1000000"}));
}

TEST(SimulationTest, SpawnedProcessesStartInSpawnOrderAtTheCurrentTime) {
  Simulation sim;
  Log log;
  for (const char* word : {"first", "second", "third"}) {
    sim.spawn(say_after(sim, Duration::zero(), Priority::normal, word, log));
  }
  EXPECT_TRUE(log.empty()) << "spawn does not run the process";
  sim.run();
  EXPECT_EQ(log, (Log{"first@0", "second@0", "third@0"}));
}

Process<> ticker(Simulation& sim, Duration period, int& ticks) {
  for (;;) {
    co_await sim.timeout(period);
    ++ticks;
  }
}

TEST(SimulationTest, RunUntilLeavesEventsDueAtTheBoundaryPending) {
  Simulation sim;
  int ticks = 0;
  sim.spawn(ticker(sim, seconds(10), ticks));
  sim.run_until(Time::zero() + seconds(30));
  EXPECT_EQ(ticks, 2) << "ticks at 10 and 20; the one due at exactly 30 is still pending";
  EXPECT_EQ(sim.now(), Time::zero() + seconds(30));
  EXPECT_EQ(sim.peek(), Time::zero() + seconds(30));
  sim.run_until(Time::zero() + seconds(30) + microseconds(1));
  EXPECT_EQ(ticks, 3);
  sim.run_until(Time::zero() + seconds(35));
  EXPECT_EQ(sim.now(), Time::zero() + seconds(35)) << "the clock moves to the boundary without events";
  EXPECT_THROW(sim.run_until(Time::zero() + seconds(34)), std::invalid_argument);
}

TEST(SimulationTest, StepFiresOneEventAtATime) {
  Simulation sim;
  int ticks = 0;
  EXPECT_FALSE(sim.step()) << "nothing to do";
  sim.spawn(ticker(sim, seconds(5), ticks));
  EXPECT_TRUE(sim.step());  // the start
  EXPECT_EQ(ticks, 0);
  EXPECT_TRUE(sim.step());
  EXPECT_EQ(ticks, 1);
  EXPECT_EQ(sim.now(), Time::zero() + seconds(5));
  EXPECT_EQ(sim.events_processed(), 2U);
}

Process<> stopper(Simulation& sim, Duration when) {
  co_await sim.timeout(when);
  sim.stop();
}

TEST(SimulationTest, StopEndsRunAfterTheCurrentEvent) {
  Simulation sim;
  int ticks = 0;
  sim.spawn(ticker(sim, seconds(1), ticks));
  sim.spawn(stopper(sim, milliseconds(4500)));
  sim.run();
  EXPECT_EQ(ticks, 4);
  EXPECT_EQ(sim.now(), Time::zero() + milliseconds(4500));
  sim.run_until(Time::zero() + seconds(10));
  EXPECT_EQ(ticks, 9) << "a later run continues where the stopped one ended";
  sim.spawn(stopper(sim, seconds(1)));
  sim.run_until(Time::zero() + seconds(100));
  EXPECT_EQ(sim.now(), Time::zero() + seconds(11)) << "stopped before the boundary: the clock stays";
}

TEST(SimulationTest, ObserverSeesEveryEventInOrder) {
  Simulation sim;
  std::vector<EventRecord> records;
  sim.set_observer([&](const EventRecord& r) { records.push_back(r); });
  Log log;
  sim.spawn(say_after(sim, seconds(2), Priority::normal, "x", log), "x");
  sim.spawn(say_after(sim, seconds(1), Priority::high, "y", log), "y");
  sim.run();
  ASSERT_EQ(records.size(), 4U);
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_LE(records[i - 1].time, records[i].time);
  }
  EXPECT_EQ(records[2].time, Time::zero() + seconds(1));
  EXPECT_EQ(records[2].priority, Priority::high);
  EXPECT_EQ(records[2].process_id, 2U);
  EXPECT_EQ(records[3].process_id, 1U);
  EXPECT_EQ(records[3].kind, EventRecord::Kind::process_resume);
}

Process<> fail_after(Simulation& sim, Duration delay) {
  co_await sim.timeout(delay);
  throw std::runtime_error("pump broke");
}

TEST(SimulationTest, AnExceptionEscapingAProcessComesOutOfRunWithItsName) {
  Simulation sim;
  int ticks = 0;
  sim.spawn(ticker(sim, seconds(1), ticks));
  sim.spawn(fail_after(sim, milliseconds(2500)), "station/3/pump");
  try {
    sim.run();
    FAIL() << "run() returned";
  } catch (const ProcessError& e) {
    EXPECT_EQ(e.process_name(), "station/3/pump");
    EXPECT_EQ(e.time(), Time::zero() + milliseconds(2500));
    EXPECT_STREQ(e.what(), "process 'station/3/pump' failed at t=2.5 s: pump broke");
    try {
      std::rethrow_if_nested(e);
      FAIL() << "no nested exception";
    } catch (const std::runtime_error& original) {
      EXPECT_STREQ(original.what(), "pump broke");
    }
  }
  EXPECT_EQ(ticks, 2);
  sim.run_until(Time::zero() + seconds(5) + microseconds(1));
  EXPECT_EQ(ticks, 5) << "the simulation can go on after a failure";
}

TEST(SimulationTest, UnnamedProcessesAreNamedByTheirId) {
  Simulation sim;
  sim.spawn(fail_after(sim, seconds(1)));
  try {
    sim.run();
    FAIL();
  } catch (const ProcessError& e) {
    EXPECT_EQ(e.process_name(), "process#1");
  }
}

TEST(SimulationTest, SeveralFailuresAtOneInstantAreAllReported) {
  Simulation sim;
  sim.spawn(fail_after(sim, seconds(1)), "a");
  sim.spawn(fail_after(sim, seconds(1)), "b");
  std::vector<std::string> failed;
  for (int i = 0; i < 3; ++i) {
    try {
      sim.run();
      break;
    } catch (const ProcessError& e) {
      failed.push_back(e.process_name());
    }
  }
  EXPECT_EQ(failed, (std::vector<std::string>{"a", "b"}));
}

Process<> log_now(std::vector<std::string>& log, std::string what) {
  log.push_back(std::move(what));
  co_return;
}

Process<> trigger_then_spawn(Simulation& sim, std::vector<std::string>& log, Priority start) {
  Event<> event = sim.event();
  event.succeed();  // due now, normal priority
  sim.spawn(log_now(log, "spawned"), "", start);
  co_await event;
  log.push_back("event");
}

// A process spawned now starts after the normal events already due now, unless it is spawned with
// urgent priority, which starts it before them as SimPy does (its Initialize event is urgent).
TEST(SimulationTest, SpawnOrderAmongEventsDueNowIsChosenByTheStartPriority) {
  for (const auto& [start, expected] : {std::pair{Priority::normal, std::vector<std::string>{"event", "spawned"}},
                                        std::pair{Priority::urgent, std::vector<std::string>{"spawned", "event"}}}) {
    Simulation sim;
    std::vector<std::string> log;
    sim.spawn(trigger_then_spawn(sim, log, start));
    sim.run();
    EXPECT_EQ(log, expected) << "start priority " << static_cast<int>(start);
  }
}

Process<> idle() { co_return; }

// Ids are 64-bit: spawning past 2^32 processes goes on (a 32-bit id would have wrapped or thrown).
TEST(SimulationTest, ProcessIdsGoPastTwoToTheThirtyTwo) {
  Simulation sim;
  sim.kernel().set_next_process_id_for_testing((std::uint64_t{1} << 32) - 1);
  std::vector<std::uint64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(sim.spawn(idle()).id());
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{(std::uint64_t{1} << 32) - 1, std::uint64_t{1} << 32,
                                             (std::uint64_t{1} << 32) + 1}));
  sim.run();
}

// Ids are 56-bit (each spawn also takes one of the 2^56 event sequence numbers, so no run gets
// there); past the last one, spawning throws and frees the process.
TEST(SimulationTest, SpawningPastTheLastProcessIdThrows) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    sim.kernel().set_next_process_id_for_testing(detail::ProcessState::max_id);
    EXPECT_EQ(sim.spawn(idle()).id(), detail::ProcessState::max_id);
    EXPECT_THROW(sim.spawn(idle()), std::overflow_error);
    sim.run();
    EXPECT_EQ(sim.live_processes(), 0U);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

Process<> patient_many(Simulation& sim, Resource& res, int count) {
  for (int i = 0; i < count; ++i) {
    // Served at once every time: the one-day patience timer always loses.
    const std::optional<Lease> lease = co_await res.acquire(days(1));
    co_await sim.timeout(seconds(1));
  }
}

Process<> race_many(Simulation& sim, int count) {
  for (int i = 0; i < count; ++i) {
    Event<> now = sim.event();
    now.succeed();
    (void)co_await any_of(now, sim.timeout(days(1)));  // the timer loses
  }
}

Process<> interrupted_sleeper(Simulation& sim) {
  for (;;) {  // until the simulation is destroyed
    try {
      co_await sim.timeout(days(365));
    } catch (const Interrupted&) {
    }
  }
}

Process<> interrupt_many(Simulation& sim, ProcessHandle<> target, int count) {
  for (int i = 0; i < count; ++i) {
    co_await sim.timeout(seconds(1));
    target.interrupt();
  }
}

// Timers that lose (a patience served in time, the timeout of an any_of, an interrupted long
// timeout) leave no lasting trace: the agenda stays bounded however many there are.
TEST(SimulationTest, LosingTimersDoNotGrowTheAgenda) {
  constexpr int count = 100'000;
  Simulation sim;
  Resource res(sim, 1);
  auto sleeper = sim.spawn(interrupted_sleeper(sim));
  sim.spawn(patient_many(sim, res, count));
  sim.spawn(race_many(sim, count));
  sim.spawn(interrupt_many(sim, sleeper, count));
  std::size_t peak = 0;
  while (sim.now() < Time::zero() + seconds(count + 10) && sim.step()) {
    peak = std::max(peak, sim.kernel().pending_entries());
  }
  EXPECT_LE(peak, 2 * detail::Kernel::compaction_floor + 10) << "the losing timers piled up";
}

}  // namespace
}  // namespace truckflow::engine
