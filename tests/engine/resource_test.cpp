// Resource: leases released on every path, FIFO and priority queueing, preemption, statistics.
#include "truckflow/engine/resource.hpp"

#include <any>
#include <gtest/gtest.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "truckflow/engine/detail/frame_pool.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/engine/store.hpp"

namespace truckflow::engine {
namespace {

using Log = std::vector<std::string>;

Process<> use(Simulation& sim, Resource& res, Duration hold, std::string who, Log& log, int priority = 0) {
  const Lease lease = co_await res.acquire(priority);
  log.push_back(who + "+" + std::to_string(static_cast<int>(sim.now().to_seconds())));
  co_await sim.timeout(hold);
  log.push_back(who + "-" + std::to_string(static_cast<int>(sim.now().to_seconds())));
}

TEST(ResourceTest, FifoQueueingHandsUnitsStraightToTheNextWaiter) {
  Simulation sim;
  Resource res(sim, 2);
  Log log;
  for (const char* who : {"a", "b", "c", "d"}) sim.spawn(use(sim, res, seconds(10), who, log));
  sim.run_until(Time::zero() + seconds(1));
  EXPECT_EQ(res.in_use(), 2U);
  EXPECT_EQ(res.queue_length(), 2U);
  sim.run();
  EXPECT_EQ(log, (Log{"a+0", "b+0", "a-10", "b-10", "c+10", "d+10", "c-20", "d-20"}));
  EXPECT_EQ(res.in_use(), 0U);
  EXPECT_EQ(res.grants(), 4U);
}

TEST(ResourceTest, PriorityQueueingServesLowerValuesFirstAndFifoAmongEquals) {
  Simulation sim;
  Resource res(sim, Resource::Options{.capacity = 1, .queueing = Queueing::priority});
  Log log;
  sim.spawn(use(sim, res, seconds(1), "holder", log, 5));
  sim.spawn(use(sim, res, seconds(1), "p3a", log, 3));
  sim.spawn(use(sim, res, seconds(1), "p9", log, 9));
  sim.spawn(use(sim, res, seconds(1), "p1", log, 1));
  sim.spawn(use(sim, res, seconds(1), "p3b", log, 3));
  sim.run();
  EXPECT_EQ(log, (Log{"holder+0", "holder-1", "p1+1", "p1-2", "p3a+2", "p3a-3", "p3b+3", "p3b-4", "p9+4", "p9-5"}));
}

Process<> early_return(Simulation& sim, Resource& res, bool& returned) {
  const Lease lease = co_await res.acquire();
  co_await sim.timeout(seconds(1));
  if (sim.now() > Time::zero()) {
    returned = true;
    co_return;  // the lease goes out of scope here
  }
  co_await sim.timeout(days(1000));
}

Process<> throw_while_holding(Simulation& sim, Resource& res) {
  const Lease lease = co_await res.acquire();
  co_await sim.timeout(seconds(1));
  throw std::runtime_error("charger fault");
}

TEST(ResourceTest, LeasesAreReleasedOnReturnAndOnException) {
  Simulation sim;
  Resource res(sim, 1);
  bool returned = false;
  sim.spawn(early_return(sim, res, returned));
  sim.run();
  EXPECT_TRUE(returned);
  EXPECT_EQ(res.in_use(), 0U);

  sim.spawn(throw_while_holding(sim, res));
  EXPECT_THROW(sim.run(), ProcessError);
  EXPECT_EQ(res.in_use(), 0U);
}

Process<> explicit_release(Simulation& sim, Resource& res, std::string& error) {
  Lease lease = co_await res.acquire();
  EXPECT_TRUE(lease.is_held());
  lease.release();
  EXPECT_FALSE(lease.is_held());
  EXPECT_EQ(res.in_use(), 0U);
  try {
    lease.release();
  } catch (const std::logic_error& e) {
    error = e.what();
  }
  Lease moved_to = co_await res.acquire();
  Lease other = std::move(moved_to);
  EXPECT_FALSE(moved_to.is_held());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_TRUE(other.is_held());
  EXPECT_EQ(res.in_use(), 1U);
  co_await sim.timeout(seconds(1));
}

TEST(ResourceTest, ReleasingTwiceIsAClearError) {
  Simulation sim;
  Resource res(sim, 1);
  std::string error;
  sim.spawn(explicit_release(sim, res, error));
  sim.run();
  EXPECT_EQ(error, "Lease::release(): the lease is not held (released twice, moved from, or preempted)");
  EXPECT_EQ(res.in_use(), 0U);
}

Process<> low_priority_job(Simulation& sim, Resource& res, Log& log) {
  Lease lease = co_await res.acquire(10);
  try {
    co_await sim.timeout(seconds(10));
    log.push_back("low finished");
  } catch (const Interrupted& interrupted) {
    const auto& cause = std::any_cast<const Preempted&>(interrupted.cause());
    log.push_back("low preempted at " + std::to_string(static_cast<int>(sim.now().to_seconds())) + " by process#" +
                  std::to_string(cause.by_process_id) + ", held since " +
                  std::to_string(static_cast<int>(cause.usage_since.to_seconds())));
    EXPECT_FALSE(lease.is_held());
    EXPECT_EQ(cause.resource, &res);
  }
}

Process<> urgent_job(Simulation& sim, Resource& res, Log& log, Duration arrive, int priority) {
  co_await sim.timeout(arrive);
  const Lease lease = co_await res.acquire(priority, true);
  log.push_back("urgent(" + std::to_string(priority) + ") got it at " +
                std::to_string(static_cast<int>(sim.now().to_seconds())));
  co_await sim.timeout(seconds(1));
}

TEST(ResourceTest, PreemptionTakesTheUnitOfALessImportantHolder) {
  Simulation sim;
  Resource res(sim, Resource::Options{.capacity = 1, .queueing = Queueing::priority});
  Log log;
  sim.spawn(low_priority_job(sim, res, log));           // process#1
  sim.spawn(urgent_job(sim, res, log, seconds(3), 1));  // process#2
  sim.run();
  EXPECT_EQ(log, (Log{"urgent(1) got it at 3", "low preempted at 3 by process#2, held since 0"}));
  EXPECT_EQ(res.preemptions(), 1U);
  EXPECT_EQ(res.in_use(), 0U);
}

TEST(ResourceTest, NoPreemptionOfAnEquallyImportantHolder) {
  Simulation sim;
  Resource res(sim, Resource::Options{.capacity = 1, .queueing = Queueing::priority});
  Log log;
  sim.spawn(low_priority_job(sim, res, log));
  sim.spawn(urgent_job(sim, res, log, seconds(3), 10));
  sim.run();
  EXPECT_EQ(log, (Log{"low finished", "urgent(10) got it at 10"}));
  EXPECT_EQ(res.preemptions(), 0U);
}

TEST(ResourceTest, StatisticsAreTimeWeightedAndCanBeSwitchedOff) {
  Simulation sim;
  Resource res(sim, 2);
  Log log;
  // a, b: 0..10; c waits 10 s then 10..20.
  for (const char* who : {"a", "b", "c"}) sim.spawn(use(sim, res, seconds(10), who, log));
  sim.run();
  const Time end = sim.now();
  EXPECT_DOUBLE_EQ(res.busy_units().integral(end), 2 * 10.0 + 1 * 10.0);
  EXPECT_DOUBLE_EQ(res.utilization(), 30.0 / (2 * 20.0));
  EXPECT_DOUBLE_EQ(res.queue().integral(end), 10.0);
  EXPECT_EQ(res.wait_seconds().count(), 3U);
  EXPECT_DOUBLE_EQ(res.wait_seconds().max(), 10.0);

  Simulation quiet_sim;
  Resource quiet(quiet_sim, Resource::Options{.capacity = 1, .statistics = false});
  quiet_sim.spawn(use(quiet_sim, quiet, seconds(10), "a", log));
  quiet_sim.run();
  EXPECT_EQ(quiet.wait_seconds().count(), 0U);
  EXPECT_EQ(quiet.grants(), 1U);
}

TEST(ResourceTest, ZeroCapacityIsRejected) {
  Simulation sim;
  EXPECT_THROW(Resource(sim, 0), std::invalid_argument);
}

Process<> acquire_and_stash(Resource& res, Store<Lease>& stash) {
  Lease lease = co_await res.acquire(5);
  co_await stash.put(std::move(lease));
}  // finishes; the lease lives on in the store

Process<> take_and_hold(Simulation& sim, Store<Lease>& stash, Duration hold, bool& preempted) {
  const Lease lease = co_await stash.get();  // the lease is re-homed here: this process holds it now
  try {
    co_await sim.timeout(hold);
  } catch (const Interrupted& interrupt) {
    preempted = std::any_cast<Preempted>(&interrupt.cause()) != nullptr;
  }
}

Process<> preempt_at(Simulation& sim, Resource& res, Duration at, bool& granted) {
  co_await sim.timeout(at);
  const Lease lease = co_await res.acquire(0, true);
  granted = true;
}

Process<> bystander(Simulation& sim, bool& interrupted) {
  try {
    co_await sim.timeout(hours(2));
  } catch (const Interrupted&) {
    interrupted = true;
  }
}

// A lease that outlives the process that acquired it: preemption never follows a pointer to the
// finished acquirer (whose memory a bystander spawned next now occupies: the bystander used to be
// interrupted) and interrupts the process that holds the lease now.
TEST(ResourceTest, ALeasePassedThroughAStoreIsPreemptedFromItsNewHolder) {
  Simulation sim;
  Resource res(sim, 1);
  Store<Lease> stash(sim);
  bool preempted = false;
  bool granted = false;
  bool bystander_interrupted = false;
  sim.spawn(acquire_and_stash(res, stash));
  sim.run_until(Time::zero() + seconds(1));  // the acquirer has finished and is freed
  sim.spawn(bystander(sim, bystander_interrupted));
  sim.spawn(take_and_hold(sim, stash, hours(1), preempted));
  sim.spawn(preempt_at(sim, res, minutes(1), granted));
  sim.run();
  EXPECT_TRUE(preempted);
  EXPECT_FALSE(bystander_interrupted);
  EXPECT_TRUE(granted);
  EXPECT_EQ(res.preemptions(), 1U);
}

// A lease kept outside any process (here, in the store) has no process to interrupt: it is not
// preempted, and the preempting request waits.
TEST(ResourceTest, ALeaseHeldByNoLiveProcessIsNotPreempted) {
  Simulation sim;
  Resource res(sim, 1);
  Store<Lease> stash(sim);
  bool granted = false;
  sim.spawn(acquire_and_stash(res, stash));
  sim.spawn(preempt_at(sim, res, minutes(1), granted));
  sim.run();
  EXPECT_FALSE(granted);
  EXPECT_EQ(res.queue_length(), 1U);
  EXPECT_EQ(res.preemptions(), 0U);
}

Process<> hold_then_release(Simulation& sim, Resource& res, Duration hold) {
  const Lease lease = co_await res.acquire();
  co_await sim.timeout(hold);
}

Process<> impatient(Simulation& sim, Resource& res, Duration patience, Log& log, std::string who) {
  const std::optional<Lease> lease = co_await res.acquire(patience);
  log.push_back(who + (lease ? " got" : " gave up") + " at " +
                std::to_string(static_cast<int>(sim.now().to_seconds())));
}

TEST(ResourceTest, AnAcquireWithPatienceGivesUpWhenItRunsOutAndLeavesTheQueue) {
  Simulation sim;
  Resource res(sim, 1);
  Log log;
  sim.spawn(hold_then_release(sim, res, seconds(10)));
  sim.spawn(impatient(sim, res, seconds(5), log, "a"));   // gives up at 5
  sim.spawn(impatient(sim, res, seconds(20), log, "b"));  // served at 10
  sim.spawn(impatient(sim, res, seconds(0), log, "c"));   // no patience: gives up at once
  sim.run();
  EXPECT_EQ(log, (Log{"c gave up at 0", "a gave up at 5", "b got at 10"}));
  EXPECT_EQ(res.reneges(), 2U);
  EXPECT_EQ(res.queue_length(), 0U);
  EXPECT_EQ(res.in_use(), 0U);
  EXPECT_EQ(sim.kernel().stale_entries(), 0U) << "b's timer was superseded and dropped when reached";
}

TEST(ResourceTest, ANegativePatienceIsRejected) {
  Simulation sim;
  Resource res(sim, 1);
  EXPECT_THROW((void)res.acquire(-seconds(1)), std::invalid_argument);
}

TEST(ResourceTest, SetCapacityGrantsAtOnceWhenRaisedAndWaitsForReleasesWhenLowered) {
  Simulation sim;
  Resource res(sim, 2);
  Log log;
  for (const char* who : {"a", "b", "c", "d"}) sim.spawn(use(sim, res, seconds(10), who, log));
  sim.run_until(Time::zero() + seconds(1));
  res.set_capacity(3);  // c starts at once
  EXPECT_EQ(res.in_use(), 3U);
  res.set_capacity(1);  // a, b and c keep their units; d waits until fewer than 1 are in use
  EXPECT_EQ(res.available(), 0U);
  sim.run();
  EXPECT_EQ(log, (Log{"a+0", "b+0", "c+1", "a-10", "b-10", "c-11", "d+11", "d-21"}));
  res.set_capacity(0);  // everything out of service
  EXPECT_EQ(res.available(), 0U);
  // Utilization is over the capacity in force: 40 unit·s busy (four holds of 10 s) over
  // 2·1 + 1·20 = 22 unit·s of capacity by t = 21 (above 1: units were held past a lowered capacity).
  EXPECT_EQ(sim.now(), Time::zero() + seconds(21));
  EXPECT_NEAR(res.utilization(), 40.0 / 22.0, 1e-12);
}

Process<> hold_with_priority(Simulation& sim, Resource& res, int priority, Duration hold) {
  try {
    const Lease lease = co_await res.acquire(priority);
    co_await sim.timeout(hold);
  } catch (const Interrupted&) {
  }
}

Process<> preempt_and_note(Simulation& sim, Resource& res, Duration at, Time& granted_at) {
  co_await sim.timeout(at);
  const Lease lease = co_await res.acquire(0, true);
  granted_at = sim.now();
}

// Found in review: preemption ignored a lowered capacity.
TEST(ResourceTest, PreemptionRespectsALoweredCapacity) {
  Simulation sim;
  Resource res(sim, 1);
  Time granted_at = Time::max();
  sim.spawn(hold_with_priority(sim, res, 5, hours(1)));
  sim.spawn(preempt_and_note(sim, res, minutes(1), granted_at));
  sim.run_until(Time::zero() + seconds(30));
  res.set_capacity(0);  // out of service: nothing is granted, not even by preemption
  sim.run();
  EXPECT_EQ(granted_at, Time::max());
  EXPECT_EQ(res.queue_length(), 1U);
}

Process<> patient_then_hold(Simulation& sim, Resource& res, int& outcome) {
  co_await sim.timeout(seconds(0.5));
  const std::optional<Lease> lease = co_await res.acquire(hours(1), 5);
  outcome = lease ? 1 : 2;
  try {
    co_await sim.timeout(seconds(1));
  } catch (const Interrupted&) {
    outcome += 10;
  }
}

// Found in review: a patient request granted a unit and preempted before it resumed (same instant)
// was counted as giving up. It was served: it gets its (no longer held) lease and the interrupt.
TEST(ResourceTest, APatientRequestGrantedThenPreemptedIsNotARenege) {
  Simulation sim;
  Resource res(sim, 1);
  int outcome = 0;
  Time granted_at = Time::max();
  sim.spawn(hold_with_priority(sim, res, 9, seconds(10)));
  sim.spawn(patient_then_hold(sim, res, outcome));
  sim.spawn(preempt_and_note(sim, res, seconds(10), granted_at));  // due at 10 after the release, before the wake-up
  sim.run();
  EXPECT_EQ(outcome, 11);
  EXPECT_EQ(res.reneges(), 0U);
  EXPECT_EQ(granted_at, Time::zero() + seconds(10));
}

Process<Lease> acquire_and_return(Resource& res) { co_return co_await res.acquire(); }

// Found in review: a lease inside its holder's own result made a reference cycle (the holder's
// state kept the result, the result's lease kept the state): nobody joined, so nothing was freed.
TEST(ResourceTest, ALeaseInAResultNobodyJoinsIsReleased) {
  const auto before = detail::pool_live_blocks();
  {
    Simulation sim;
    Resource res(sim, 1);
    (void)sim.spawn(acquire_and_return(res));  // the handle is dropped: the value is unreachable
    sim.run();
    EXPECT_EQ(res.in_use(), 0U);
  }
  EXPECT_EQ(detail::pool_live_blocks(), before);
}

Process<> work_with(Simulation& sim, Lease lease, bool& interrupted) {
  lease.adopt();  // handed over as an argument: this process holds it now
  try {
    co_await sim.timeout(hours(1));
  } catch (const Interrupted&) {
    interrupted = true;
  }
}

Process<> dispatch_and_join(Simulation& sim, Resource& res, bool& worker_interrupted, bool& dispatcher_interrupted) {
  Lease lease = co_await res.acquire(5);
  auto worker = sim.spawn(work_with(sim, std::move(lease), worker_interrupted));
  try {
    co_await worker;
  } catch (const Interrupted&) {
    dispatcher_interrupted = true;
  }
}

// Found in review: the holder followed the last move, so a lease passed to a spawned worker left
// its spawner as the holder (interrupted for a lease it gave away). Now moves keep the holder and
// the worker adopts the lease.
TEST(ResourceTest, ALeaseAdoptedByAWorkerIsPreemptedFromTheWorker) {
  Simulation sim;
  Resource res(sim, 1);
  bool worker_interrupted = false;
  bool dispatcher_interrupted = false;
  Time granted_at = Time::max();
  sim.spawn(dispatch_and_join(sim, res, worker_interrupted, dispatcher_interrupted));
  sim.spawn(preempt_and_note(sim, res, minutes(1), granted_at));
  sim.run();
  EXPECT_TRUE(worker_interrupted);
  EXPECT_FALSE(dispatcher_interrupted);
  EXPECT_EQ(granted_at, Time::zero() + minutes(1));
}

Process<> acquire_into(Simulation& sim, Resource& res, std::vector<Lease>& pool, int priority, Duration delay,
                       Duration hold, bool& interrupted) {
  co_await sim.timeout(delay);
  pool.push_back(co_await res.acquire(priority));  // may grow the vector: moves every lease in it
  try {
    co_await sim.timeout(hold);
  } catch (const Interrupted&) {
    interrupted = true;
  }
}

// Found in review: a vector growing in process B moved A's lease and made B its holder.
TEST(ResourceTest, MovingLeasesInAnotherProcessDoesNotChangeTheirHolder) {
  Simulation sim;
  Resource res(sim, 2);
  std::vector<Lease> pool;
  pool.reserve(1);
  bool a_interrupted = false;
  bool b_interrupted = false;
  Time granted_at = Time::max();
  sim.spawn(acquire_into(sim, res, pool, 9, seconds(0), hours(1), a_interrupted));     // the least important
  sim.spawn(acquire_into(sim, res, pool, 5, seconds(1), seconds(10), b_interrupted));  // grows the vector
  sim.spawn(preempt_and_note(sim, res, minutes(1), granted_at));
  sim.run();
  EXPECT_TRUE(a_interrupted);
  EXPECT_FALSE(b_interrupted);
  EXPECT_EQ(granted_at, Time::zero() + minutes(1));
}

}  // namespace
}  // namespace truckflow::engine
