// Money in integer fen (0.01 CNY), so that totals over millions of postings are exact: amounts
// given in CNY (prices, rates times quantities) are rounded to the fen once, where they are posted.
// Internal to models/.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace truckflow::models::detail {

inline constexpr std::int64_t fen_per_cny = 100;
/// The largest amount a posting or a total may reach: 2^62 fen, about 4.6 × 10^16 CNY. (Results
/// are float64 CNY, exact to the fen below 2^53 fen, about 9 × 10^13 CNY.)
inline constexpr std::int64_t max_fen = std::int64_t{1} << 62;

/// `cny` rounded to the nearest fen (halves away from zero); throws std::overflow_error for an
/// amount that is not finite or is beyond `max_fen`.
inline std::int64_t fen_of(double cny) {
  const double fen = std::round(cny * static_cast<double>(fen_per_cny));
  if (!std::isfinite(fen) || std::abs(fen) > static_cast<double>(max_fen)) {
    throw std::overflow_error("amount out of range: " + std::to_string(cny) + " CNY");
  }
  return static_cast<std::int64_t>(fen);
}

/// `count` times `fen`, throwing std::overflow_error past `max_fen` (a quantity at a unit price).
inline std::int64_t times_fen(std::int64_t count, std::int64_t fen) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(count, fen, &product) || product > max_fen || product < -max_fen) {
    throw std::overflow_error("money amount out of range: " + std::to_string(count) + " × " + std::to_string(fen) +
                              " fen");
  }
  return product;
}

/// Fen as CNY, for results (exact to the fen below 2^53 fen, about 9 × 10^13 CNY).
constexpr double cny_of(std::int64_t fen) noexcept {
  return static_cast<double>(fen) / static_cast<double>(fen_per_cny);
}

/// `a + b`, throwing std::overflow_error past `max_fen`.
inline std::int64_t add_fen(std::int64_t a, std::int64_t b) {
  const std::int64_t sum = a + b;  // cannot overflow int64: both are within max_fen (2^62)
  if (sum > max_fen || sum < -max_fen) throw std::overflow_error("money total out of range");
  return sum;
}

}  // namespace truckflow::models::detail
