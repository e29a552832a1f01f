// Waits in one-minute bins: their count, mean, 95th percentile (to the minute) and longest. Used
// for the waits at stations and for assembly lines.
#pragma once

#include <cstdint>
#include <vector>

namespace truckflow::output {

/// Waits over a set of visits (or trucks).
struct WaitSummary {
  std::int64_t visits = 0;
  double mean_hours = 0.0;  ///< NaN without visits
  double p95_hours = 0.0;   ///< NaN without visits
  double max_hours = 0.0;   ///< NaN without visits
};

/// Waits in one-minute bins, as many as the longest wait needs.
class WaitHistogram {
 public:
  void add(double hours);
  WaitSummary summary() const;
  /// The wait that `share` of the visits did not exceed (interpolated inside its minute).
  double quantile_hours(double share) const;

 private:
  std::vector<std::uint32_t> minutes_;  // [whole minutes waited]
  std::int64_t visits_ = 0;
  double sum_hours_ = 0.0;
  double max_hours_ = 0.0;
};

}  // namespace truckflow::output
