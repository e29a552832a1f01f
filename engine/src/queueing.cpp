// Erlang C and the M/M/c steady-state formulas.
#include "truckflow/engine/queueing.hpp"

#include <algorithm>
#include <stdexcept>

namespace truckflow::engine::queueing {

double erlang_c(std::size_t servers, double offered_load) {
  const auto c = static_cast<double>(servers);
  if (servers == 0 || !(offered_load >= 0.0) || offered_load >= c) {
    throw std::invalid_argument("erlang_c needs servers >= 1 and 0 <= offered load < servers");
  }
  // Erlang B by its stable recursion, then C = B / (1 - ρ (1 - B)).
  double b = 1.0;
  for (std::size_t k = 1; k <= servers; ++k) {
    b = offered_load * b / (static_cast<double>(k) + offered_load * b);
  }
  const double rho = offered_load / c;
  return b / (1.0 - rho * (1.0 - b));
}

double MMc::utilization() const { return arrival_rate / (static_cast<double>(servers) * service_rate); }

double MMc::probability_of_waiting() const { return erlang_c(servers, arrival_rate / service_rate); }

double MMc::mean_wait() const {
  return probability_of_waiting() / (static_cast<double>(servers) * service_rate - arrival_rate);
}

double MMc::mean_queue_length() const { return arrival_rate * mean_wait(); }

double MMc::mean_time_in_system() const { return mean_wait() + 1.0 / service_rate; }

namespace {

/// The birth-death chain of M/M/c+M, unnormalised (p0 = 1): the sums Σ p_n, Σ (n - c)+ p_n and
/// Σ_{n >= c} p_n.
struct ErlangASums {
  double total = 0.0;
  double queued = 0.0;
  double busy_on_arrival = 0.0;
};

ErlangASums erlang_a_sums(const MMcPlusM& q) {
  if (q.servers == 0 || !(q.arrival_rate > 0.0) || !(q.service_rate > 0.0) || !(q.abandonment_rate > 0.0)) {
    throw std::invalid_argument("M/M/c+M needs servers >= 1 and positive arrival, service and abandonment rates");
  }
  const auto c = static_cast<double>(q.servers);
  ErlangASums sums;
  double p = 1.0;  // p_n / p_0
  for (std::size_t n = 0;; ++n) {
    const auto nd = static_cast<double>(n);
    sums.total += p;
    if (n >= q.servers) {
      sums.queued += (nd - c) * p;
      sums.busy_on_arrival += p;
    }
    // Past the servers the terms fall at least geometrically once n θ outgrows λ: stop when
    // negligible (and guard against a runaway loop on absurd inputs).
    if (n > q.servers && p < 1e-17 * sums.total) break;
    if (n > 100'000'000) throw std::invalid_argument("M/M/c+M: the chain does not settle (rates out of range)");
    const double death = std::min(nd + 1.0, c) * q.service_rate + std::max(nd + 1.0 - c, 0.0) * q.abandonment_rate;
    p *= q.arrival_rate / death;
  }
  return sums;
}

}  // namespace

double MMcPlusM::mean_queue_length() const {
  const ErlangASums sums = erlang_a_sums(*this);
  return sums.queued / sums.total;
}

double MMcPlusM::probability_of_abandonment() const { return abandonment_rate * mean_queue_length() / arrival_rate; }

double MMcPlusM::probability_of_waiting() const {
  const ErlangASums sums = erlang_a_sums(*this);
  return sums.busy_on_arrival / sums.total;
}

}  // namespace truckflow::engine::queueing
