// Bays served first come, first served, when each truck's time in the bay is known as it arrives
// (loading and unloading, and a station's chargers and swap lanes): each arrival takes the bay that
// frees first, and its start is known at once, so the queue needs no event of its own (the workload
// recursion of a c-server FCFS queue). A site's bays start work only in its shifts.
// Internal to models/.
#pragma once

#include <cstdint>
#include <vector>

#include "truckflow/engine/time.hpp"

#include "shift.hpp"

namespace truckflow::models::detail {

class BayQueue {
 public:
  /// At least one bay (std::invalid_argument otherwise).
  explicit BayQueue(std::size_t bays);

  /// A truck arriving `now` for `service`: when its service starts, within a shift of `shift` (a
  /// service started in a shift may run past its end). Arrivals must come in time order (they do:
  /// each is called at its arrival). The wait counted starts at the shift's opening for a truck
  /// arriving between shifts.
  engine::Time assign(engine::Time now, engine::Duration service, const ShiftCalendar& shift);

  /// When the bay that frees first is free (it may be in the past).
  engine::Time free_at() const noexcept { return free_at_[first_]; }
  /// The bay that frees first is taken until `until` (for a service whose start the caller works out
  /// from `free_at`).
  void occupy_until(engine::Time until);
  /// `more` bays, free from `now`.
  void add(std::size_t more, engine::Time now);
  std::size_t bays() const noexcept { return free_at_.size(); }
  /// When each bay is free, in no particular order.
  const std::vector<engine::Time>& free_times() const noexcept { return free_at_; }

  std::int64_t served() const noexcept { return served_; }
  double wait_hours() const noexcept { return wait_hours_; }

 private:
  /// Gives up the ring (below) for good: a heap from now on.
  void make_heap() noexcept;

  // One free time per bay. While every bay taken frees no earlier than all the others (as when
  // every service takes the same time, a site's loading or unloading), they are a ring in order
  // from `first_`: the bay that frees first is taken and goes last, without a comparison. Once
  // one would not go last, they become a min-heap (the bay that frees first in front, first_ 0).
  std::vector<engine::Time> free_at_;
  std::size_t first_ = 0;
  bool ring_ = true;
  std::int64_t served_ = 0;
  double wait_hours_ = 0.0;
};

}  // namespace truckflow::models::detail
