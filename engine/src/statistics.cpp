// Tally and TimeWeighted, and the normal / Student-t quantiles behind confidence intervals.
#include "truckflow/engine/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace truckflow::engine {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// log Γ(x) for x > 0, without touching the global `signgam` that std::lgamma writes (so that
/// simulations on several threads do not race).
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

/// Regularized incomplete beta I_x(a, b), by the continued fraction evaluated with the modified
/// Lentz method (converges fast for x < (a + 1) / (a + b + 2); the symmetry relation covers the rest).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  if (x > (a + 1.0) / (a + b + 2.0)) return 1.0 - incomplete_beta(b, a, 1.0 - x);
  const double log_front = log_gamma(a + b) - log_gamma(a) - log_gamma(b) + a * std::log(x) + b * std::log1p(-x);
  constexpr double tiny = 1e-300;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double fraction = d;
  for (int m = 1; m <= 10000; ++m) {
    const double md = m;
    // Even step.
    double numerator = md * (b - md) * x / ((a + 2 * md - 1) * (a + 2 * md));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    fraction *= d * c;
    // Odd step.
    numerator = -(a + md) * (a + b + md) * x / ((a + 2 * md) * (a + 2 * md + 1));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    fraction *= delta;
    if (std::fabs(delta - 1.0) < 1e-15) break;
  }
  return std::exp(log_front) * fraction / a;
}

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

/// Inverts a continuous increasing CDF by bisection to full double precision.
template <typename Cdf>
double invert(Cdf cdf, double p, double lo, double hi) {
  for (int i = 0; i < 2000 && hi - lo > 1e-15 * std::max(1.0, std::fabs(lo)); ++i) {
    const double mid = 0.5 * (lo + hi);
    if (cdf(mid) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

void require_probability(double p, const char* who) {
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument(std::string(who) + ": probability must be in (0, 1), got " + std::to_string(p));
  }
}

}  // namespace

double normal_quantile(double p) {
  require_probability(p, "normal_quantile");
  return invert(normal_cdf, p, -40.0, 40.0);
}

double student_t_quantile(double p, double degrees_of_freedom) {
  require_probability(p, "student_t_quantile");
  if (!(degrees_of_freedom > 0.0)) {
    throw std::invalid_argument("student_t_quantile: degrees of freedom must be > 0");
  }
  double bound = 1.0;
  while (student_t_cdf(bound, degrees_of_freedom) < p || student_t_cdf(-bound, degrees_of_freedom) > p) {
    bound *= 2.0;
  }
  return invert([&](double t) { return student_t_cdf(t, degrees_of_freedom); }, p, -bound, bound);
}

double Tally::mean() const noexcept { return count_ == 0 ? nan : mean_; }

double Tally::variance() const noexcept { return count_ < 2 ? nan : m2_ / static_cast<double>(count_ - 1); }

double Tally::stddev() const noexcept { return std::sqrt(variance()); }

ConfidenceInterval Tally::confidence_interval(double level) const {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("confidence_interval: level must be in (0, 1)");
  }
  if (count_ < 2) throw std::logic_error("confidence_interval needs at least two observations");
  const double n = static_cast<double>(count_);
  const double half = student_t_quantile(0.5 + level / 2.0, n - 1.0) * stddev() / std::sqrt(n);
  return {mean_ - half, mean_ + half, half};
}

TimeWeighted::TimeWeighted(Time start, double initial) noexcept
    : start_(start), last_(start), value_(initial), min_(initial), max_(initial) {}

void TimeWeighted::throw_backwards(Time now) const {
  throw std::invalid_argument("TimeWeighted::update: time went backwards from " + to_string(last_) + " to " +
                              to_string(now));
}

void TimeWeighted::reset(Time now) {
  if (now < last_) throw std::invalid_argument("TimeWeighted::reset: time went backwards");
  start_ = now;
  last_ = now;
  area_ = 0.0;
  min_ = value_;
  max_ = value_;
}

double TimeWeighted::integral(Time now) const {
  if (now < last_) throw std::invalid_argument("TimeWeighted::integral: time before the last update");
  return area_ + value_ * (now - last_).to_seconds();
}

double TimeWeighted::mean(Time now) const {
  const double span = (now - start_).to_seconds();
  return span > 0.0 ? integral(now) / span : value_;
}

}  // namespace truckflow::engine
