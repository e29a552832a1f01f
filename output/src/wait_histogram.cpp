// WaitHistogram.
#include "truckflow/output/wait_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace truckflow::output {

namespace {

/// Waits below this many minutes have a bin per minute.
constexpr double dense_minutes = 16384.0;  // 2^14
constexpr int dense_exponent = 14;
/// Bins per power of two beyond.
constexpr int per_octave = 1024;

/// The bin beyond the dense range of a wait of `minutes` (at least dense_minutes).
std::size_t longer_bin(double minutes) {
  int exponent = 0;
  const double mantissa = std::frexp(minutes, &exponent);  // minutes = mantissa 2^exponent, mantissa in [0.5, 1)
  const auto octave = static_cast<std::size_t>(exponent - 1 - dense_exponent);
  const auto part = std::min(per_octave - 1, static_cast<int>((2.0 * mantissa - 1.0) * per_octave));
  return octave * per_octave + static_cast<std::size_t>(part);
}

/// The lowest wait in minutes of bin `bin` beyond the dense range, and its width.
std::pair<double, double> longer_range(std::size_t bin) {
  const double octave_start = std::ldexp(1.0, dense_exponent + static_cast<int>(bin / per_octave));
  const double width = octave_start / per_octave;
  return {octave_start + static_cast<double>(bin % per_octave) * width, width};
}

template <typename Bin>
void count_in(std::vector<Bin>& bins, std::size_t bin) {
  if (bin >= bins.size()) bins.resize(bin + 1, 0);
  ++bins[bin];
}

}  // namespace

void WaitHistogram::add(double hours) {
  ++visits_;
  if (!(hours > 0.0)) {
    ++zeros_;
  } else {
    const double minutes = hours * 60.0;
    if (minutes < dense_minutes) {
      count_in(minutes_, static_cast<std::size_t>(minutes));
    } else {
      count_in(longer_, longer_bin(minutes));
    }
    sum_hours_ += hours;
    max_hours_ = std::max(max_hours_, hours);
  }
}

double WaitHistogram::quantile_hours(double share) const {
  if (visits_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double rank = share * static_cast<double>(visits_);
  double below = static_cast<double>(zeros_);
  if (rank <= below) return 0.0;
  // The first bin that holds the rank-th wait, the rank placed evenly inside it.
  const auto inside = [&](double from, double width, double here) {
    return std::min(max_hours_, (from + (rank - below) / here * width) / 60.0);
  };
  for (std::size_t m = 0; m < minutes_.size(); ++m) {
    const double here = minutes_[m];
    if (here > 0.0 && below + here >= rank) return inside(static_cast<double>(m), 1.0, here);
    below += here;
  }
  for (std::size_t bin = 0; bin < longer_.size(); ++bin) {
    const double here = longer_[bin];
    if (here > 0.0 && below + here >= rank) {
      const auto [from, width] = longer_range(bin);
      return inside(from, width, here);
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
