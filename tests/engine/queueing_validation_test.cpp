// Validation against queueing theory: M/M/1 and M/M/c (Erlang C) mean wait and queue length,
// M/M/c+M (Erlang A) abandonment with patient waits, and Little's law on the simulated data.
//
// Tolerances come from the run itself: the run is cut into batches whose means are close to
// independent (each batch is hundreds of relaxation times long), and the simulated mean must lie
// within the 99.9% Student-t interval of the batch means around the formula. The seeds are fixed,
// so a pass or a failure repeats exactly. Each test also checks that the interval is narrow (a few
// percent of the formula), so a pass is a real check and not a wide interval.
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <optional>
#include <vector>

#include "truckflow/engine.hpp"
#include "truckflow/engine/queueing.hpp"

namespace truckflow::engine {
namespace {

struct Model {
  double arrival_rate;  // per second
  double service_rate;  // per second, per server
  std::size_t servers;
};

Process<> customer(Simulation& sim, Resource& servers, Stream& service, double mean_service_s, Tally& service_s) {
  const Lease server = co_await servers.acquire();
  const Duration s = service.exponential(seconds(mean_service_s));
  service_s.add(s.to_seconds());
  co_await sim.timeout(s);
}

Process<> arrivals(Simulation& sim, Resource& servers, Model m, Time stop_at, Tally& service_s, std::uint64_t& count) {
  Stream& gaps = sim.rng("arrivals");
  Stream& service = sim.rng("service");
  for (;;) {
    co_await sim.timeout(gaps.exponential(seconds(1.0 / m.arrival_rate)));
    if (sim.now() >= stop_at) co_return;
    ++count;
    sim.spawn(customer(sim, servers, service, 1.0 / m.service_rate, service_s));
  }
}

struct MMcPlusMModel {
  double arrival_rate;      // per second
  double service_rate;      // per second, per server
  double abandonment_rate;  // per second: 1 / mean patience
  std::size_t servers;
};

struct BatchMeans {
  Tally wait_s;
  Tally queue_length;
};

/// Runs the model: a warm-up, then `batches` batches of `batch_s` seconds each.
BatchMeans run_batches(const Model& m, std::uint64_t seed, double warmup_s, double batch_s, int batches) {
  Simulation sim(seed);
  Resource servers(sim, m.servers);
  Tally service_s;
  std::uint64_t count = 0;
  sim.spawn(arrivals(sim, servers, m, Time::max(), service_s, count));
  sim.run_until(Time::zero() + seconds(warmup_s));
  servers.reset_statistics();
  BatchMeans result;
  for (int b = 1; b <= batches; ++b) {
    sim.run_until(Time::zero() + seconds(warmup_s + b * batch_s));
    result.wait_s.add(servers.wait_seconds().mean());
    result.queue_length.add(servers.queue().mean(sim.now()));
    servers.reset_statistics();
  }
  return result;
}

/// The 99.9% half-width of the mean of the batch means.
double half_width(const Tally& batches) {
  const double n = static_cast<double>(batches.count());
  return student_t_quantile(0.9995, n - 1.0) * batches.stddev() / std::sqrt(n);
}

void expect_matches(const Tally& batches, double theory, const char* what) {
  const double h = half_width(batches);
  std::printf("%s: simulated %.5f ± %.5f (99.9%%), formula %.5f\n", what, batches.mean(), h, theory);
  EXPECT_NEAR(batches.mean(), theory, h) << what;
  EXPECT_LT(h, 0.06 * theory) << what << ": the run is too short for a meaningful check";
}

TEST(QueueingValidation, MM1MeanWaitAndQueueLength) {
  const Model m{0.8, 1.0, 1};
  const queueing::MMc theory{m.arrival_rate, m.service_rate, m.servers};
  const BatchMeans r = run_batches(m, 2026, 2'000.0, 40'000.0, 30);
  expect_matches(r.wait_s, theory.mean_wait(), "M/M/1 mean wait");
  expect_matches(r.queue_length, theory.mean_queue_length(), "M/M/1 mean queue length");
}

TEST(QueueingValidation, MM2ErlangCMeanWait) {
  const Model m{1.6, 1.0, 2};
  const queueing::MMc theory{m.arrival_rate, m.service_rate, m.servers};
  ASSERT_NEAR(theory.utilization(), 0.8, 1e-12);
  const BatchMeans r = run_batches(m, 7, 2'000.0, 20'000.0, 30);
  expect_matches(r.wait_s, theory.mean_wait(), "M/M/2 mean wait");
  expect_matches(r.queue_length, theory.mean_queue_length(), "M/M/2 mean queue length");
}

TEST(QueueingValidation, MM10ErlangCMeanWait) {
  const Model m{8.0, 1.0, 10};
  const queueing::MMc theory{m.arrival_rate, m.service_rate, m.servers};
  ASSERT_NEAR(theory.utilization(), 0.8, 1e-12);
  const BatchMeans r = run_batches(m, 11, 500.0, 10'000.0, 30);
  expect_matches(r.wait_s, theory.mean_wait(), "M/M/10 mean wait");
  expect_matches(r.queue_length, theory.mean_queue_length(), "M/M/10 mean queue length");
}

TEST(QueueingValidation, LittlesLawHoldsOnTheSimulatedData) {
  // Arrivals stop at T0 and the system drains, so it is empty at both ends of the record; then
  // L = λ W holds exactly for the queue (Lq·T = Σ waits) and for the servers (busy·T = Σ service).
  const Model m{1.6, 1.0, 2};
  Simulation sim(3);
  Resource servers(sim, m.servers);
  Tally service_s;
  std::uint64_t count = 0;
  sim.spawn(arrivals(sim, servers, m, Time::zero() + seconds(50'000), service_s, count));
  sim.run();
  const Time end = sim.now();
  ASSERT_EQ(servers.in_use(), 0U);
  ASSERT_EQ(servers.queue_length(), 0U);
  ASSERT_EQ(servers.wait_seconds().count(), count);

  const double span_s = (end - Time::zero()).to_seconds();
  const double lambda = static_cast<double>(count) / span_s;
  const double lq = servers.queue().mean(end);
  const double wq = servers.wait_seconds().mean();
  EXPECT_NEAR(lq, lambda * wq, 1e-9 * lq) << "queue: L = λW";
  const double busy = servers.busy_units().mean(end);
  EXPECT_NEAR(busy, lambda * service_s.mean(), 1e-9 * busy) << "servers: L = λW";
  // And the system as a whole: L = Lq + busy, W = Wq + mean service.
  EXPECT_NEAR(lq + busy, lambda * (wq + service_s.mean()), 1e-9 * (lq + busy));
}

// Erlang A: customers acquire with an exponential patience and give up (renege) when it runs out.
// The simulated share who give up, and the mean queue length, match the M/M/c+M birth-death chain;
// a sanity check on the formula itself: with nearly infinite patience it approaches Erlang C.
Process<> patient_customer(Simulation& sim, Resource& servers, Stream& draws, const MMcPlusMModel& m,
                           std::uint64_t& gave_up) {
  const Duration patience = draws.exponential(seconds(1.0 / m.abandonment_rate));
  const Duration service = draws.exponential(seconds(1.0 / m.service_rate));
  const std::optional<Lease> server = co_await servers.acquire(patience);
  if (!server) {
    ++gave_up;
    co_return;
  }
  co_await sim.timeout(service);
}

Process<> patient_arrivals(Simulation& sim, Resource& servers, MMcPlusMModel m, std::uint64_t& arrived,
                           std::uint64_t& gave_up) {
  Stream& gaps = sim.rng("arrivals");
  Stream& draws = sim.rng("customers");
  for (;;) {
    co_await sim.timeout(gaps.exponential(seconds(1.0 / m.arrival_rate)));
    ++arrived;
    sim.spawn(patient_customer(sim, servers, draws, m, gave_up));
  }
}

TEST(QueueingValidation, MM3PlusMErlangAAbandonment) {
  const MMcPlusMModel m{3.0, 1.0, 0.5, 3};  // offered load 3 on 3 servers: stable only thanks to reneging
  const queueing::MMcPlusM theory{m.arrival_rate, m.service_rate, m.abandonment_rate, m.servers};
  Simulation sim(2027);
  Resource servers(sim, m.servers);
  std::uint64_t arrived = 0;
  std::uint64_t gave_up = 0;
  sim.spawn(patient_arrivals(sim, servers, m, arrived, gave_up));
  const double warmup_s = 1'000.0;
  const double batch_s = 20'000.0;
  sim.run_until(Time::zero() + seconds(warmup_s));
  servers.reset_statistics();
  Tally abandonment;
  Tally queue_length;
  for (int b = 1; b <= 30; ++b) {
    const std::uint64_t arrived_before = arrived;
    const std::uint64_t gave_up_before = gave_up;
    sim.run_until(Time::zero() + seconds(warmup_s + b * batch_s));
    abandonment.add(static_cast<double>(gave_up - gave_up_before) / static_cast<double>(arrived - arrived_before));
    queue_length.add(servers.queue().mean(sim.now()));
    EXPECT_EQ(servers.reneges(), gave_up - gave_up_before) << "the resource counts those who gave up";
    servers.reset_statistics();
  }
  expect_matches(abandonment, theory.probability_of_abandonment(), "M/M/3+M share who give up");
  expect_matches(queue_length, theory.mean_queue_length(), "M/M/3+M mean queue length");
}

TEST(QueueingValidation, ErlangAApproachesErlangCWithEndlessPatience) {
  const queueing::MMcPlusM a{1.6, 1.0, 1e-9, 2};
  const queueing::MMc c{1.6, 1.0, 2};
  EXPECT_NEAR(a.probability_of_waiting(), c.probability_of_waiting(), 1e-6);
  EXPECT_NEAR(a.mean_queue_length(), c.mean_queue_length(), 1e-5);
}

}  // namespace
}  // namespace truckflow::engine
