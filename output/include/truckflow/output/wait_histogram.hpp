// Waits in bins: their count, mean, 95th percentile and longest. Used for the waits at stations
// and for assembly lines. Waits of exactly 0 are counted apart (most trucks at a well-sized
// station do not wait, and the percentile of such a station is 0); other waits fall in one-minute
// bins up to 16,384 minutes (about 11 days) and, beyond, in bins a 1,024th of their power of two
// wide (0.1%), so a percentile is read to the minute (to 0.1% beyond) and memory stays a few
// hundred KB whatever the waits.
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

class WaitHistogram {
 public:
  void add(double hours);
  WaitSummary summary() const;
  /// The wait that `share` of the visits did not exceed: 0 if that many waited not at all, else
  /// interpolated inside its bin (at most the longest wait).
  double quantile_hours(double share) const;

 private:
  std::int64_t zeros_ = 0;
  std::vector<std::uint32_t> minutes_;  // [whole minutes waited], below 16,384 minutes
  std::vector<std::uint32_t> longer_;   // [(power of two - 14) * 1,024 + 1,024ths], from 16,384 minutes
  std::int64_t visits_ = 0;
  double sum_hours_ = 0.0;
  double max_hours_ = 0.0;
};

}  // namespace truckflow::output
