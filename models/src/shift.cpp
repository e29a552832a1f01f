// ShiftCalendar: working days of the week and the daily shift window, which may run past midnight.
#include "shift.hpp"

#include <stdexcept>

namespace truckflow::models::detail {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

ShiftCalendar::ShiftCalendar(const ShiftDesc& shift, Date start)
    : length_(engine::hours(shift.hours_per_day)),
      offset_(engine::hours(shift.start_hour)),
      days_per_week_(shift.days_per_week),
      first_weekday_(std::chrono::weekday(std::chrono::sys_days(start)).iso_encoding() - 1),
      always_(shift.hours_per_day >= 24.0 && shift.days_per_week >= 7) {
  if (!(shift.hours_per_day > 0.0) || days_per_week_ < 1) {
    throw std::invalid_argument("a shift needs some hours on some days");
  }
}

bool ShiftCalendar::works_on(std::int64_t day) const {
  const std::int64_t weekday = (static_cast<std::int64_t>(first_weekday_) + day % 7 + 7) % 7;
  return weekday < days_per_week_;
}

engine::Time ShiftCalendar::shift_end(engine::Time t) const {
  if (always_) return engine::Time::max();
  const Stretch& found = stretch(t);
  return found.in_shift ? found.to : t;
}

engine::Time ShiftCalendar::next_start(engine::Time t) const {
  if (always_) return t;
  const Stretch& found = stretch(t);
  return found.in_shift ? t : found.to;
}

const ShiftCalendar::Stretch& ShiftCalendar::stretch(engine::Time t) const {
  if (last_.from <= t && t < last_.to) return last_;
  const std::int64_t day_ticks = engine::days(1).ticks();
  const std::int64_t today = floor_div(t.ticks(), day_ticks);
  // A shift starting yesterday may still run; one starting today may have begun.
  for (std::int64_t day = today - 1; day <= today; ++day) {
    if (!works_on(day)) continue;
    const engine::Time begin = engine::Time::from_ticks(day * day_ticks) + offset_;
    if (begin <= t && t < begin + length_) return last_ = Stretch{begin, begin + length_, true};
  }
  // Between shifts: from the end of the last shift (or `t`, if none ended in the week before) to
  // the next start.
  engine::Time from = t;
  for (std::int64_t day = today; day >= today - 7; --day) {
    const engine::Time end = engine::Time::from_ticks(day * day_ticks) + offset_ + length_;
    if (works_on(day) && end <= t) {
      from = end;
      break;
    }
  }
  for (std::int64_t day = today;; ++day) {
    if (!works_on(day)) continue;
    const engine::Time begin = engine::Time::from_ticks(day * day_ticks) + offset_;
    if (begin >= t) return last_ = Stretch{from, begin, false};
  }
}

}  // namespace truckflow::models::detail
