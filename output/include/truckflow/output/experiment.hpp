// An experiment's results: each response's value in every run (point by replication), summarised
// per point by its mean, standard deviation and 95% confidence interval (Student t), and the file
// that holds them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "truckflow/output/results.hpp"

namespace truckflow::output {

/// The mean of `values`, their standard deviation (n - 1) and the half-width of the 95%
/// confidence interval of the mean, t(0.975, n - 1) s / sqrt(n); the last two NaN for fewer than
/// two values.
struct Summary {
  std::size_t count = 0;
  double mean = 0.0;
  double sd = 0.0;
  double half_width = 0.0;
};
Summary summarize(std::span<const double> values);

/// A sizing search's outcome: its points are the levels it tried, in the order tried, and its
/// first response is the wait it bounds.
struct ExperimentSizing {
  std::string key;  ///< the scenario key searched (stations[ID].chargers, factories[ID].lines, ...)
  double at_most_minutes = 0.0;
  std::vector<bool> met;               ///< [point]: the point's mean wait was at most the bound
  std::optional<std::int64_t> answer;  ///< the fewest servers that met it; nothing if none did
};

struct ExperimentResults {
  std::string name;
  std::string design;
  std::vector<std::string> factors;                             ///< the keys varied
  std::vector<std::vector<std::optional<std::string>>> levels;  ///< [point][factor]: nothing for the base's
  std::vector<std::uint64_t> seeds;                             ///< [replication]
  std::vector<std::size_t> counts;                              ///< [point]: replications run there
  struct Response {
    std::string name;  ///< "trucks_delivered", "station_queue_trucks_max"
    std::string units;
    std::string long_name;
    std::vector<double> values;  ///< [point * replications + replication]; NaN past the point's count
  };
  /// The replications run at point `p` of `response`.
  std::span<const double> replications_at(const Response& response, std::size_t p) const {
    return std::span<const double>(response.values).subspan(p * replications(), counts.at(p));
  }
  std::vector<Response> responses;
  std::optional<ExperimentSizing> sizing;
  std::size_t points() const noexcept { return levels.size(); }
  std::size_t replications() const noexcept { return seeds.size(); }
};

/// Writes an experiment's results file (netCDF-4 layout, like run files): dimensions point,
/// replication and factor; each response over (point, replication) and its summaries over point.
void write_experiment_results(const std::string& path, const ExperimentResults& results,
                              const std::string& experiment_yaml, const Provenance& provenance,
                              const std::function<void()>& interruption_check = {});

}  // namespace truckflow::output
