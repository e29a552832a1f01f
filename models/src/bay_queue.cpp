// BayQueue: the earliest free bay takes each arrival.
#include "bay_queue.hpp"

#include <algorithm>
#include <functional>

namespace truckflow::models::detail {

BayQueue::BayQueue(std::size_t bays) : free_at_(bays, engine::Time::zero()) {}

engine::Time BayQueue::assign(engine::Time now, engine::Duration service, const ShiftCalendar& shift) {
  const engine::Time start = shift.next_start(std::max(now, free_at()));
  occupy_until(start + service);
  ++served_;
  wait_hours_ += (start - shift.next_start(now)).to_hours();  // a truck arriving between shifts waits from the opening
  return start;
}

void BayQueue::occupy_until(engine::Time until) {
  // The front bay's new free time, sifted down in place (a pop and a push in one pass).
  const std::size_t n = free_at_.size();
  std::size_t hole = 0;
  for (std::size_t child = 1; child < n; child = 2 * hole + 1) {
    // Which child frees first is a coin toss: chosen without a branch, which would often mispredict.
    if (child + 1 < n) child += static_cast<std::size_t>(free_at_[child + 1] < free_at_[child]);
    if (!(free_at_[child] < until)) break;
    free_at_[hole] = free_at_[child];
    hole = child;
  }
  free_at_[hole] = until;
}

void BayQueue::add(std::size_t more, engine::Time now) {
  for (std::size_t b = 0; b < more; ++b) {
    free_at_.push_back(now);
    std::ranges::push_heap(free_at_, std::greater<>{});
  }
}

}  // namespace truckflow::models::detail
