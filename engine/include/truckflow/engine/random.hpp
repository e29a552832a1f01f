// Reproducible random streams: xoshiro256** engines derived by name from one seed, with
// distributions computed by our own code so that a seed gives the same draws everywhere.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "truckflow/engine/time.hpp"

namespace truckflow::engine {

/// One independent, reproducible stream of random numbers.
///
/// The generator is xoshiro256** (Blackman & Vigna), its state filled by SplitMix64. Every
/// distribution is implemented here (not with the `std::` distributions, whose algorithms differ
/// between standard libraries), so a stream gives the same sequence on every platform as long as
/// the C library's `log`, `exp` and `pow` round alike (glibc does on every architecture it supports).
class Stream {
 public:
  /// A stream whose state is derived from `seed` alone.
  explicit Stream(std::uint64_t seed) noexcept;
  /// The stream named `name` under `master_seed`: a function of both only, so adding or removing
  /// other streams never changes this one's draws.
  static Stream derive(std::uint64_t master_seed, std::string_view name) noexcept;

  /// 64 uniformly distributed random bits.
  std::uint64_t next_u64() noexcept;

  /// Uniform on [0, 1), with 53 random bits.
  double uniform() noexcept;
  /// Uniform on [lo, hi); requires lo <= hi (both finite).
  double uniform(double lo, double hi);
  /// Uniform integer on [lo, hi] inclusive, without modulo bias; requires lo <= hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  /// True with probability p in [0, 1].
  bool bernoulli(double p);
  /// Exponential with the given mean (> 0), by inversion.
  double exponential(double mean);
  /// Exponential duration with the given mean (> 0), rounded to the nearest tick.
  Duration exponential(Duration mean);
  /// Normal (Marsaglia's polar method; the second variate of each pair is kept for the next call).
  double normal(double mean, double stddev);
  /// Log-normal: exp of a normal with parameters `mu` and `sigma` (those of the logarithm).
  double lognormal(double mu, double sigma);
  /// Triangular on [lo, hi] with the given mode; requires lo <= mode <= hi, lo < hi.
  double triangular(double lo, double mode, double hi);
  /// Weibull with shape k > 0 and scale lambda > 0, by inversion.
  double weibull(double shape, double scale);
  /// An index in [0, weights.size()) drawn with probability proportional to its weight
  /// (weights finite and >= 0, at least one > 0).
  std::size_t discrete(std::span<const double> weights);

 private:
  std::uint64_t state_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

/// SplitMix64's output function: a bijective mix of 64 bits.
std::uint64_t mix64(std::uint64_t x) noexcept;
/// 64-bit FNV-1a hash of `text`.
std::uint64_t fnv1a64(std::string_view text) noexcept;

}  // namespace truckflow::engine
