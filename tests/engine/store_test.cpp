// Store: FIFO items, blocking put and get, filtered get that does not hold back other getters.
#include "truckflow/engine/store.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/engine/simulation.hpp"

namespace truckflow::engine {
namespace {

struct Pack {
  int id;
  double charge_kwh;
};

using Log = std::vector<std::string>;

Process<> take_any(Simulation& sim, Store<Pack>& store, std::string who, Log& log) {
  const Pack pack = co_await store.get();
  log.push_back(who + " took " + std::to_string(pack.id) + " at " +
                std::to_string(static_cast<int>(sim.now().to_seconds())));
}

Process<> put_pack(Simulation& sim, Store<Pack>& store, Pack pack, Duration after) {
  co_await sim.timeout(after);
  co_await store.put(pack);
}

Process<> take_charged(Simulation& sim, Store<Pack>& store, std::string who, Log& log) {
  const Pack pack = co_await store.get([](const Pack& p) { return p.charge_kwh >= 250.0; });
  log.push_back(who + " took " + std::to_string(pack.id) + " at " +
                std::to_string(static_cast<int>(sim.now().to_seconds())));
}

Process<> put_after(Simulation& sim, Store<Pack>& store, Pack pack, Duration after, Log& log) {
  co_await sim.timeout(after);
  co_await store.put(pack);
  log.push_back("put " + std::to_string(pack.id) + " at " + std::to_string(static_cast<int>(sim.now().to_seconds())));
}

TEST(StoreTest, ItemsComeOutOldestFirst) {
  Simulation sim;
  Store<Pack> store(sim);
  Log log;
  for (int id = 1; id <= 3; ++id) sim.spawn(put_after(sim, store, Pack{id, 280.0}, Duration::zero(), log));
  sim.spawn(take_any(sim, store, "a", log));
  sim.spawn(take_any(sim, store, "b", log));
  sim.run();
  EXPECT_EQ(log, (Log{"put 1 at 0", "put 2 at 0", "put 3 at 0", "a took 1 at 0", "b took 2 at 0"}));
  ASSERT_EQ(store.size(), 1U);
  EXPECT_EQ(store.items().front().id, 3);
}

TEST(StoreTest, GetBlocksUntilAnItemArrives) {
  Simulation sim;
  Store<Pack> store(sim);
  Log log;
  sim.spawn(take_any(sim, store, "a", log));
  sim.spawn(put_after(sim, store, Pack{7, 100.0}, seconds(3), log));
  sim.run();
  EXPECT_EQ(log, (Log{"put 7 at 3", "a took 7 at 3"}));
  EXPECT_DOUBLE_EQ(store.get_wait_seconds().mean(), 3.0);
}

TEST(StoreTest, AFilteredGetterDoesNotHoldBackOthers) {
  Simulation sim;
  Store<Pack> store(sim);
  Log log;
  sim.spawn(take_charged(sim, store, "swap", log));  // first in line, wants a charged pack
  sim.spawn(take_any(sim, store, "any", log));
  sim.spawn(put_after(sim, store, Pack{1, 40.0}, seconds(1), log));
  sim.spawn(put_after(sim, store, Pack{2, 282.0}, seconds(2), log));
  sim.run();
  EXPECT_EQ(log, (Log{"put 1 at 1", "any took 1 at 1", "put 2 at 2", "swap took 2 at 2"}));
}

TEST(StoreTest, PutBlocksWhenFull) {
  Simulation sim;
  Store<Pack> store(sim, 2);
  Log log;
  for (int id = 1; id <= 3; ++id) sim.spawn(put_after(sim, store, Pack{id, 0.0}, Duration::zero(), log));
  sim.run_until(Time::zero() + seconds(1));
  EXPECT_EQ(store.size(), 2U);
  EXPECT_EQ(store.putters_waiting(), 1U);
  sim.spawn(take_any(sim, store, "a", log));
  sim.run();
  EXPECT_EQ(log, (Log{"put 1 at 0", "put 2 at 0", "a took 1 at 1", "put 3 at 1"}));
  EXPECT_EQ(store.items().back().id, 3);
  EXPECT_THROW(Store<Pack>(sim, 0), std::invalid_argument);
}

Process<> take_charged(Simulation& sim, Store<Pack>& store, const double& threshold_kwh, Log& log) {
  const Pack pack = co_await store.get([&threshold_kwh](const Pack& p) { return p.charge_kwh >= threshold_kwh; });
  log.push_back("took " + std::to_string(pack.id) + " at " + std::to_string(static_cast<int>(sim.now().to_seconds())));
}

Process<> lower_threshold_later(Simulation& sim, Store<Pack>& store, double& threshold_kwh) {
  co_await sim.timeout(seconds(5));
  threshold_kwh = 200.0;  // what the filter reads changed: tell the store
  store.recheck();
}

TEST(StoreTest, RecheckReevaluatesFiltersAfterWhatTheyReadChanged) {
  Simulation sim;
  Store<Pack> store(sim);
  Log log;
  double threshold_kwh = 250.0;
  sim.spawn(put_pack(sim, store, Pack{1, 220.0}, seconds(0)));
  sim.spawn(take_charged(sim, store, threshold_kwh, log));
  sim.spawn(lower_threshold_later(sim, store, threshold_kwh));
  sim.run();
  EXPECT_EQ(log, (Log{"took 1 at 5"}));
}

Process<> take_within(Simulation& sim, Store<Pack>& store, Duration patience, Log& log) {
  const std::optional<Pack> pack = co_await store.get(patience);
  log.push_back((pack ? "took " + std::to_string(pack->id) : std::string("gave up")) + " at " +
                std::to_string(static_cast<int>(sim.now().to_seconds())));
}

TEST(StoreTest, APatientGetGivesUp) {
  Simulation sim;
  Store<Pack> store(sim);
  Log log;
  sim.spawn(take_within(sim, store, seconds(3), log));
  sim.spawn(take_within(sim, store, seconds(30), log));
  sim.spawn(put_pack(sim, store, Pack{7, 100.0}, seconds(10)));
  sim.run();
  EXPECT_EQ(log, (Log{"gave up at 3", "took 7 at 10"}));
  EXPECT_EQ(store.reneges(), 1U);
}

}  // namespace
}  // namespace truckflow::engine
