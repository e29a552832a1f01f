// Results of queueing theory (M/M/c, M/M/c+M), for validating models and sizing stations.
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

/// Steady-state figures of an M/M/c+M queue (Erlang A): as M/M/c, but each waiting customer gives
/// up after an exponential patience of rate `abandonment_rate` (θ) if not served by then. Stable
/// for any load when θ > 0. Computed exactly from the birth-death chain (birth λ, death
/// min(n, c)μ + max(n - c, 0)θ), summed until the terms are negligible.
struct MMcPlusM {
  double arrival_rate;      ///< λ, per unit time
  double service_rate;      ///< μ, per server per unit time
  double abandonment_rate;  ///< θ = 1 / mean patience, per unit time (> 0)
  std::size_t servers;      ///< c

  /// Lq: mean number waiting.
  double mean_queue_length() const;
  /// Share of arrivals who give up: θ Lq / λ.
  double probability_of_abandonment() const;
  /// Share of arrivals who must wait (all servers busy on arrival).
  double probability_of_waiting() const;
};

}  // namespace truckflow::engine::queueing
