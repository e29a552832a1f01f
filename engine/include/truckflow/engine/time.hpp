// Simulated time: strong 64-bit integer tick types (1 tick = 1 microsecond) and calendar dates.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace truckflow::engine {

/// Thrown when a time or duration computation leaves the 64-bit tick range.
class TimeOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

namespace detail {
[[noreturn]] void throw_time_overflow(const char* operation);

constexpr std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* operation) {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) throw_time_overflow(operation);
  return result;
}
constexpr std::int64_t checked_sub(std::int64_t a, std::int64_t b, const char* operation) {
  std::int64_t result = 0;
  if (__builtin_sub_overflow(a, b, &result)) throw_time_overflow(operation);
  return result;
}
constexpr std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* operation) {
  std::int64_t result = 0;
  if (__builtin_mul_overflow(a, b, &result)) throw_time_overflow(operation);
  return result;
}
[[noreturn]] void throw_division_by_zero();
constexpr std::int64_t checked_div(std::int64_t a, std::int64_t b) {
  if (b == 0) throw_division_by_zero();
  if (b == -1 && a == std::numeric_limits<std::int64_t>::min()) throw_time_overflow("duration / -1");
  return a / b;
}
template <std::integral I>
constexpr std::int64_t scale_ticks(I count, std::int64_t ticks_per_unit, const char* operation) {
  if constexpr (std::is_unsigned_v<I>) {
    if (count > static_cast<std::make_unsigned_t<std::int64_t>>(std::numeric_limits<std::int64_t>::max())) {
      throw_time_overflow(operation);
    }
  }
  return checked_mul(static_cast<std::int64_t>(count), ticks_per_unit, operation);
}
/// Rounds `units * ticks_per_unit` to the nearest tick; NaN, infinities and out-of-range values throw.
std::int64_t round_ticks(double units, std::int64_t ticks_per_unit, const char* unit_name);
}  // namespace detail

/// A signed span of simulated time, counted in integer ticks of one microsecond.
class Duration {
 public:
  using Rep = std::int64_t;
  static constexpr Rep ticks_per_second = 1'000'000;

  constexpr Duration() noexcept = default;
  static constexpr Duration from_ticks(Rep ticks) noexcept { return Duration(ticks); }
  static constexpr Duration zero() noexcept { return Duration(0); }
  static constexpr Duration max() noexcept { return Duration(std::numeric_limits<Rep>::max()); }

  constexpr Rep ticks() const noexcept { return ticks_; }
  constexpr double to_seconds() const noexcept {
    return static_cast<double>(ticks_) / static_cast<double>(ticks_per_second);
  }
  constexpr double to_hours() const noexcept { return to_seconds() / 3600.0; }
  constexpr double to_days() const noexcept { return to_seconds() / 86400.0; }

  constexpr auto operator<=>(const Duration&) const noexcept = default;

  constexpr Duration operator-() const { return Duration(detail::checked_sub(0, ticks_, "negate")); }
  constexpr Duration& operator+=(Duration other) {
    ticks_ = detail::checked_add(ticks_, other.ticks_, "duration + duration");
    return *this;
  }
  constexpr Duration& operator-=(Duration other) {
    ticks_ = detail::checked_sub(ticks_, other.ticks_, "duration - duration");
    return *this;
  }
  friend constexpr Duration operator+(Duration a, Duration b) { return a += b; }
  friend constexpr Duration operator-(Duration a, Duration b) { return a -= b; }
  friend constexpr Duration operator*(Duration d, std::int64_t k) {
    return Duration(detail::checked_mul(d.ticks_, k, "duration * integer"));
  }
  friend constexpr Duration operator*(std::int64_t k, Duration d) { return d * k; }
  /// Integer division, truncating towards zero like `std::chrono`; dividing by zero throws
  /// `std::domain_error`.
  friend constexpr Duration operator/(Duration d, std::int64_t k) { return Duration(detail::checked_div(d.ticks_, k)); }
  /// How many whole `b` fit in `a` (truncating); `b` must not be zero.
  friend constexpr Rep operator/(Duration a, Duration b) { return detail::checked_div(a.ticks_, b.ticks_); }

 private:
  constexpr explicit Duration(Rep ticks) noexcept : ticks_(ticks) {}
  Rep ticks_ = 0;
};

/// Exact constructors from integer counts (overflow throws `TimeOverflow`).
template <std::integral I>
constexpr Duration microseconds(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, 1, "microseconds()"));
}
template <std::integral I>
constexpr Duration milliseconds(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, 1'000, "milliseconds()"));
}
template <std::integral I>
constexpr Duration seconds(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, Duration::ticks_per_second, "seconds()"));
}
template <std::integral I>
constexpr Duration minutes(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, 60 * Duration::ticks_per_second, "minutes()"));
}
template <std::integral I>
constexpr Duration hours(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, 3600 * Duration::ticks_per_second, "hours()"));
}
template <std::integral I>
constexpr Duration days(I n) {
  return Duration::from_ticks(detail::scale_ticks(n, 86400 * Duration::ticks_per_second, "days()"));
}
/// Constructors from real numbers, rounded to the nearest tick. NaN throws `std::domain_error`,
/// values outside the tick range throw `TimeOverflow`.
Duration seconds(double s);
Duration minutes(double m);
Duration hours(double h);
Duration days(double d);

/// An instant of simulated time: ticks since the simulation's epoch (time zero).
class Time {
 public:
  using Rep = std::int64_t;

  constexpr Time() noexcept = default;
  static constexpr Time from_ticks(Rep ticks) noexcept { return Time(ticks); }
  static constexpr Time zero() noexcept { return Time(0); }
  static constexpr Time max() noexcept { return Time(std::numeric_limits<Rep>::max()); }

  constexpr Rep ticks() const noexcept { return ticks_; }
  constexpr Duration since_epoch() const noexcept { return Duration::from_ticks(ticks_); }
  constexpr double to_seconds() const noexcept { return since_epoch().to_seconds(); }
  constexpr double to_hours() const noexcept { return since_epoch().to_hours(); }
  constexpr double to_days() const noexcept { return since_epoch().to_days(); }

  constexpr auto operator<=>(const Time&) const noexcept = default;

  constexpr Time& operator+=(Duration d) {
    ticks_ = detail::checked_add(ticks_, d.ticks(), "time + duration");
    return *this;
  }
  constexpr Time& operator-=(Duration d) {
    ticks_ = detail::checked_sub(ticks_, d.ticks(), "time - duration");
    return *this;
  }
  friend constexpr Time operator+(Time t, Duration d) { return t += d; }
  friend constexpr Time operator+(Duration d, Time t) { return t += d; }
  friend constexpr Time operator-(Time t, Duration d) { return t -= d; }
  friend constexpr Duration operator-(Time a, Time b) {
    return Duration::from_ticks(detail::checked_sub(a.ticks_, b.ticks_, "time - time"));
  }

 private:
  constexpr explicit Time(Rep ticks) noexcept : ticks_(ticks) {}
  Rep ticks_ = 0;
};

/// "1.5 s", "-3 s", "0.000001 s": seconds with up to six decimals, trailing zeros dropped.
std::string to_string(Duration d);
/// "t=1.5 s".
std::string to_string(Time t);
std::ostream& operator<<(std::ostream& os, Duration d);
std::ostream& operator<<(std::ostream& os, Time t);

/// Maps simulated time to civil dates (proleptic Gregorian calendar, days of exactly 86,400 s, no
/// time zone): time zero is midnight at the start of the epoch's date.
class Epoch {
 public:
  /// 1970-01-01.
  Epoch() noexcept = default;
  /// Throws `std::invalid_argument` if `date` is not a valid calendar date.
  explicit Epoch(std::chrono::year_month_day date);
  /// Parses "YYYY-MM-DD"; throws `std::invalid_argument` naming the text on any other input.
  static Epoch from_iso_date(std::string_view text);

  std::chrono::year_month_day date() const noexcept;
  /// The calendar date on which instant `t` falls.
  std::chrono::year_month_day date_of(Time t) const noexcept;
  /// Midnight at the start of `date`. Throws `std::invalid_argument` for invalid dates.
  Time time_of(std::chrono::year_month_day date) const;
  /// "2026-01-01T08:00:00", with ".ffffff" when `t` is not a whole second.
  std::string iso8601(Time t) const;
  /// "2026-01-01".
  std::string iso_date() const;

 private:
  std::chrono::sys_days start_{};
};

/// "2026-01-31".
std::string iso_date(std::chrono::year_month_day date);

}  // namespace truckflow::engine
