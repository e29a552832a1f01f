// Counts of units kept as real numbers (a supplier's output per day, with its fractions) turned
// into whole units, checked: a value that is not finite or does not fit 64 bits throws instead
// of wrapping round to a wrong count.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace truckflow::models::detail {

/// `rounded` (already floored or ceiled) as a 64-bit count; throws `std::range_error` naming
/// `what` if it does not fit.
inline std::int64_t whole_units(double rounded, const char* what) {
  constexpr double limit = 9.2e18;  // below INT64_MAX, exactly representable as a double
  if (!(rounded >= -limit && rounded <= limit)) {
    throw std::range_error(std::string(what) + ": " + std::to_string(rounded) + " units do not fit a 64-bit count");
  }
  return static_cast<std::int64_t>(rounded);
}

inline std::int64_t floor_units(double units, const char* what) { return whole_units(std::floor(units), what); }
inline std::int64_t ceil_units(double units, const char* what) { return whole_units(std::ceil(units), what); }

}  // namespace truckflow::models::detail
