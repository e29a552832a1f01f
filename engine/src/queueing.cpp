// Erlang C and the M/M/c steady-state formulas.
#include "truckflow/engine/queueing.hpp"

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

}  // namespace truckflow::engine::queueing
