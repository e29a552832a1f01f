// Statistics collectors: Tally (observations) and TimeWeighted (a level over simulated time).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "truckflow/engine/time.hpp"

namespace truckflow::engine {

/// A two-sided confidence interval for a mean.
struct ConfidenceInterval {
  double low = 0.0;
  double high = 0.0;
  double half_width = 0.0;
};

/// Count, mean, variance, min and max of a series of observations (Welford's algorithm).
class Tally {
 public:
  void add(double x) noexcept {
    ++count_;
    sum_ += x;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  void reset() noexcept { *this = Tally{}; }

  std::uint64_t count() const noexcept { return count_; }
  double sum() const noexcept { return sum_; }
  /// NaN when empty.
  double mean() const noexcept;
  /// Sample variance (divisor n - 1); NaN with fewer than two observations.
  double variance() const noexcept;
  double stddev() const noexcept;
  /// +inf / -inf when empty.
  double min() const noexcept { return min_; }
  double max() const noexcept { return max_; }
  /// Student-t interval for the mean at `level` (e.g. 0.95), valid for independent,
  /// identically distributed observations. Needs at least two observations.
  ConfidenceInterval confidence_interval(double level = 0.95) const;

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double sum_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// The time-average of a piecewise-constant level, such as a queue length or a tank level.
class TimeWeighted {
 public:
  explicit TimeWeighted(Time start = Time::zero(), double initial = 0.0) noexcept;

  /// The level changes to `value` at `now`; `now` must not be earlier than the last update.
  /// (Inline: resources and containers update two or three of these on every change.)
  void update(Time now, double value) {
    if (now < last_) [[unlikely]]
      throw_backwards(now);
    area_ += value_ * (now - last_).to_seconds();
    last_ = now;
    value_ = value;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  /// Forgets the history before `now` and keeps the current level (for warm-up deletion).
  void reset(Time now);

  double value() const noexcept { return value_; }
  /// Integral of the level over [start, now], in level·seconds.
  double integral(Time now) const;
  /// Time-average over [start, now]; the current value if no time has passed.
  double mean(Time now) const;
  double min() const noexcept { return min_; }
  double max() const noexcept { return max_; }
  Time start() const noexcept { return start_; }

 private:
  [[noreturn]] void throw_backwards(Time now) const;

  Time start_;
  Time last_;
  double value_;
  double area_ = 0.0;  // level·seconds up to last_
  double min_;
  double max_;
};

/// Quantile of the standard normal distribution, p in (0, 1).
double normal_quantile(double p);
/// Quantile of Student's t distribution with `degrees_of_freedom` > 0, p in (0, 1).
double student_t_quantile(double p, double degrees_of_freedom);

}  // namespace truckflow::engine
