// When a site works: its shift each working day, and the next time work starts. Internal to models/.
#pragma once

#include <chrono>

#include "truckflow/engine/time.hpp"
#include "truckflow/models/description.hpp"

namespace truckflow::models::detail {

class ShiftCalendar {
 public:
  /// `start` is the run's first day (time zero is midnight at its start).
  ShiftCalendar(const ShiftDesc& shift, Date start);

  /// When the shift that covers `t` ends; `t` itself when no shift covers it. A shift of 24 hours
  /// on 7 days never ends: the end of time.
  engine::Time shift_end(engine::Time t) const;
  /// The start of the next shift at or after `t` (`t` when one covers it).
  engine::Time next_start(engine::Time t) const;
  bool always() const noexcept { return always_; }

 private:
  /// A stretch of time with one answer: inside one shift, which ends at `to`, or between shifts,
  /// the next starting at `to`.
  struct Stretch {
    engine::Time from = engine::Time::max();
    engine::Time to = engine::Time::max();
    bool in_shift = false;
  };
  /// The stretch holding `t`: the one found last when it holds `t` (a site asks about nearly the
  /// same times over and over, as its trucks come and go), found anew otherwise.
  const Stretch& stretch(engine::Time t) const;
  bool works_on(std::int64_t day) const;  // day 0 is the run's first day
  engine::Duration length_;
  engine::Duration offset_;  // from midnight
  std::int64_t days_per_week_;
  unsigned first_weekday_;  // of the run's first day, Monday = 0
  bool always_;
  mutable Stretch last_;  // a cache: each run has its own calendars
};

}  // namespace truckflow::models::detail
