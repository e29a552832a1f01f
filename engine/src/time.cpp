// Out-of-line parts of the time types: checked conversions, formatting and calendar arithmetic.
#include "truckflow/engine/time.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace truckflow::engine {

namespace detail {

void throw_time_overflow(const char* operation) {
  throw TimeOverflow(std::string("simulated time overflow in ") + operation +
                     ": the result is outside the 64-bit microsecond range (about ±292,000 years)");
}

void throw_division_by_zero() { throw std::domain_error("a duration divided by zero"); }

std::int64_t round_ticks(double units, std::int64_t ticks_per_unit, const char* unit_name) {
  if (std::isnan(units)) {
    throw std::domain_error(std::string(unit_name) + "(): NaN is not a duration");
  }
  const double ticks = std::nearbyint(units * static_cast<double>(ticks_per_unit));
  // 2^63 is exactly representable; anything at or beyond it does not fit in int64.
  constexpr double limit = 9223372036854775808.0;
  if (!(ticks < limit && ticks >= -limit)) {
    throw TimeOverflow(std::string(unit_name) + "(" + std::to_string(units) +
                       "): the duration is outside the 64-bit microsecond range");
  }
  return static_cast<std::int64_t>(ticks);
}

}  // namespace detail

Duration seconds(double s) {
  return Duration::from_ticks(detail::round_ticks(s, Duration::ticks_per_second, "seconds"));
}
Duration minutes(double m) {
  return Duration::from_ticks(detail::round_ticks(m, 60 * Duration::ticks_per_second, "minutes"));
}
Duration hours(double h) {
  return Duration::from_ticks(detail::round_ticks(h, 3600 * Duration::ticks_per_second, "hours"));
}
Duration days(double d) {
  return Duration::from_ticks(detail::round_ticks(d, 86400 * Duration::ticks_per_second, "days"));
}

std::string to_string(Duration d) {
  const std::int64_t ticks = d.ticks();
  // Work on the magnitude as unsigned so that the most negative value is formatted correctly.
  const bool negative = ticks < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(ticks) : static_cast<std::uint64_t>(ticks);
  const auto per_second = static_cast<std::uint64_t>(Duration::ticks_per_second);
  std::string text;
  if (negative) text.push_back('-');
  text += std::to_string(magnitude / per_second);
  std::uint64_t fraction = magnitude % per_second;
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(fraction));
    std::string decimals(digits);
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    text += "." + decimals;
  }
  return text + " s";
}

std::string to_string(Time t) { return "t=" + to_string(t.since_epoch()); }

std::ostream& operator<<(std::ostream& os, Duration d) { return os << to_string(d); }
std::ostream& operator<<(std::ostream& os, Time t) { return os << to_string(t); }

namespace {

constexpr std::int64_t ticks_per_day = 86400 * Duration::ticks_per_second;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int parse_digits(std::string_view text, std::size_t pos, std::size_t count, bool& ok) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') {
      ok = false;
      return 0;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string iso_date(std::chrono::year_month_day date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Epoch::Epoch(std::chrono::year_month_day date) {
  if (!date.ok()) throw std::invalid_argument("invalid epoch date " + engine::iso_date(date));
  start_ = std::chrono::sys_days(date);
}

Epoch Epoch::from_iso_date(std::string_view text) {
  bool ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int year = parse_digits(text, 0, 4, ok);
  const int month = parse_digits(text, 5, 2, ok);
  const int day = parse_digits(text, 8, 2, ok);
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!ok || !date.ok()) {
    throw std::invalid_argument("'" + std::string(text) + "' is not a valid ISO date (expected YYYY-MM-DD)");
  }
  return Epoch(date);
}

std::chrono::year_month_day Epoch::date() const noexcept { return std::chrono::year_month_day(start_); }

std::chrono::year_month_day Epoch::date_of(Time t) const noexcept {
  const std::int64_t day_offset = floor_div(t.ticks(), ticks_per_day);
  return std::chrono::year_month_day(start_ + std::chrono::days(day_offset));
}

Time Epoch::time_of(std::chrono::year_month_day date) const {
  if (!date.ok()) throw std::invalid_argument("invalid date " + engine::iso_date(date));
  const std::int64_t day_offset = (std::chrono::sys_days(date) - start_).count();
  return Time::from_ticks(detail::checked_mul(day_offset, ticks_per_day, "Epoch::time_of"));
}

std::string Epoch::iso8601(Time t) const {
  const std::int64_t day_offset = floor_div(t.ticks(), ticks_per_day);
  const std::int64_t in_day = t.ticks() - day_offset * ticks_per_day;
  const std::int64_t whole_seconds = in_day / Duration::ticks_per_second;
  const std::int64_t micros = in_day % Duration::ticks_per_second;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "T%02lld:%02lld:%02lld", static_cast<long long>(whole_seconds / 3600),
                static_cast<long long>(whole_seconds / 60 % 60), static_cast<long long>(whole_seconds % 60));
  std::string text = engine::iso_date(date_of(t)) + buffer;
  if (micros != 0) {
    std::snprintf(buffer, sizeof buffer, ".%06lld", static_cast<long long>(micros));
    text += buffer;
  }
  return text;
}

std::string Epoch::iso_date() const { return engine::iso_date(date()); }

}  // namespace truckflow::engine
