// WaitHistogram.
#include "truckflow/output/wait_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace truckflow::output {

void WaitHistogram::add(double hours) {
  const auto minute = static_cast<std::size_t>(std::max(0.0, hours * 60.0));
  if (minute >= minutes_.size()) minutes_.resize(minute + 1, 0);
  ++minutes_[minute];
  ++visits_;
  sum_hours_ += hours;
  max_hours_ = std::max(max_hours_, hours);
}

double WaitHistogram::quantile_hours(double share) const {
  if (visits_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double rank = share * static_cast<double>(visits_);
  double below = 0.0;
  for (std::size_t m = 0; m < minutes_.size(); ++m) {
    const double here = minutes_[m];
    if (here > 0.0 && below + here >= rank) {
      return std::min(max_hours_, (static_cast<double>(m) + (rank - below) / here) / 60.0);
    }
    below += here;
  }
  return max_hours_;
}

WaitSummary WaitHistogram::summary() const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (visits_ == 0) return {0, nan, nan, nan};
  return {visits_, sum_hours_ / static_cast<double>(visits_), quantile_hours(0.95), max_hours_};
}

}  // namespace truckflow::output
