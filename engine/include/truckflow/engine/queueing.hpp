// Closed-form results of queueing theory (M/M/c), for validating models and sizing stations.
#pragma once

#include <cstddef>

namespace truckflow::engine::queueing {

/// Erlang C: probability that an arrival must wait in an M/M/c queue with `servers` servers and
/// offered load a = λ/μ (requires a < servers).
double erlang_c(std::size_t servers, double offered_load);

/// Steady-state figures of an M/M/c queue: Poisson arrivals at `arrival_rate`, exponential
/// service at `service_rate` per server, `servers` servers, unlimited queue, FIFO.
struct MMc {
  double arrival_rate;  ///< λ, per unit time
  double service_rate;  ///< μ, per server per unit time
  std::size_t servers;  ///< c

  /// ρ = λ / (c μ); the queue is stable when < 1.
  double utilization() const;
  double probability_of_waiting() const;
  /// Wq, in the unit of time of the rates.
  double mean_wait() const;
  /// Lq = λ Wq.
  double mean_queue_length() const;
  /// W = Wq + 1/μ.
  double mean_time_in_system() const;
};

}  // namespace truckflow::engine::queueing
