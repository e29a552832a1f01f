// Values that change over time, as steps: each value holds from its point until the next point
// (the last holds for good). A price path or capacity step by date (TimePath), a tariff by time
// of day (DayProfile). Plain values, filled by the scenario loader; no YAML.
#pragma once

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>
#include <vector>

namespace truckflow::models {

using Date = std::chrono::year_month_day;

/// A value by date, e.g. a diesel price of 7.2 CNY/L from 2026-01-01 and 6.9 from 2028-01-01.
template <typename V>
class TimePath {
 public:
  struct Point {
    Date from;  ///< the value holds from the start of this day
    V value;
    bool operator==(const Point&) const = default;
  };

  TimePath() = default;
  /// The same value at every date.
  explicit TimePath(V value) : points_{{std::chrono::year::min() / std::chrono::January / 1, std::move(value)}} {}
  /// Points in strictly increasing order of date (std::invalid_argument if not, or if empty).
  explicit TimePath(std::vector<Point> points) : points_(std::move(points)) {
    if (points_.empty()) throw std::invalid_argument("a time path needs at least one point");
    for (std::size_t i = 1; i < points_.size(); ++i) {
      if (std::chrono::sys_days(points_[i].from) <= std::chrono::sys_days(points_[i - 1].from)) {
        throw std::invalid_argument("the points of a time path must be in increasing order of date");
      }
    }
  }

  /// The value at `date`: that of the last point on or before it. Before the first point there
  /// is none: std::out_of_range (the scenario loader checks that a path starts on or before the
  /// run's start date).
  const V& at(Date date) const {
    const auto after = std::upper_bound(
        points_.begin(), points_.end(), std::chrono::sys_days(date),
        [](std::chrono::sys_days day, const Point& point) { return day < std::chrono::sys_days(point.from); });
    if (after == points_.begin()) throw std::out_of_range("a time path has no value before its first point");
    return std::prev(after)->value;
  }
  const std::vector<Point>& points() const noexcept { return points_; }
  bool empty() const noexcept { return points_.empty(); }
  bool operator==(const TimePath&) const = default;

 private:
  std::vector<Point> points_;
};

/// A value by time of day, the same every day, e.g. an electricity tariff of 0.3 CNY/kWh from
/// 00:00, 1.0 from 08:00 and 0.3 again from 22:00. The first point is at 00:00, so every time of
/// day has a value.
template <typename V>
class DayProfile {
 public:
  struct Point {
    std::chrono::minutes from;  ///< since midnight, 0 to 1439
    V value;
    bool operator==(const Point&) const = default;
  };

  DayProfile() = default;
  /// The same value all day.
  explicit DayProfile(V value) : points_{{std::chrono::minutes{0}, std::move(value)}} {}
  /// Points from 00:00, in strictly increasing order, before 24:00 (std::invalid_argument if not).
  explicit DayProfile(std::vector<Point> points) : points_(std::move(points)) {
    if (points_.empty() || points_.front().from != std::chrono::minutes{0}) {
      throw std::invalid_argument("a day profile starts at 00:00");
    }
    for (std::size_t i = 1; i < points_.size(); ++i) {
      if (points_[i].from <= points_[i - 1].from || points_[i].from >= std::chrono::hours{24}) {
        throw std::invalid_argument("the points of a day profile must increase within the day");
      }
    }
  }

  /// The value at `time_of_day` (any duration: taken modulo a day, so a time since any midnight
  /// works too).
  const V& at(std::chrono::minutes time_of_day) const {
    if (points_.empty()) throw std::out_of_range("an empty day profile has no value");
    const std::chrono::minutes day{24 * 60};
    const std::chrono::minutes t = ((time_of_day % day) + day) % day;
    const auto after = std::upper_bound(points_.begin(), points_.end(), t,
                                        [](std::chrono::minutes m, const Point& point) { return m < point.from; });
    return std::prev(after)->value;
  }
  const std::vector<Point>& points() const noexcept { return points_; }
  bool operator==(const DayProfile&) const = default;

 private:
  std::vector<Point> points_;
};

}  // namespace truckflow::models
