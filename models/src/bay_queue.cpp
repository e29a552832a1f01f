// BayQueue: the earliest free bay takes each arrival.
#include "bay_queue.hpp"

#include <algorithm>

namespace truckflow::models::detail {

BayQueue::BayQueue(std::size_t bays) {
  for (std::size_t b = 0; b < bays; ++b) free_at_.push(engine::Time::zero());
}

engine::Time BayQueue::assign(engine::Time now, engine::Duration service, const ShiftCalendar& shift) {
  const engine::Time start = shift.next_start(std::max(now, free_at_.top()));
  occupy_until(start + service);
  ++served_;
  wait_hours_ += (start - now).to_hours();
  return start;
}

void BayQueue::occupy_until(engine::Time until) {
  free_at_.pop();
  free_at_.push(until);
}

void BayQueue::add(std::size_t more, engine::Time now) {
  for (std::size_t b = 0; b < more; ++b) free_at_.push(now);
}

}  // namespace truckflow::models::detail
