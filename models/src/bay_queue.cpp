// BayQueue: the earliest free bay takes each arrival.
#include "bay_queue.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace truckflow::models::detail {

BayQueue::BayQueue(std::size_t bays) : free_at_(bays, engine::Time::zero()) {
  if (bays == 0) throw std::invalid_argument("BayQueue: at least one bay");  // the scenario ensures it
}

engine::Time BayQueue::assign(engine::Time now, engine::Duration service, const ShiftCalendar& shift) {
  const engine::Time start = shift.next_start(std::max(now, free_at()));
  occupy_until(start + service);
  ++served_;
  wait_hours_ += (start - shift.next_start(now)).to_hours();  // a truck arriving between shifts waits from the opening
  return start;
}

void BayQueue::occupy_until(engine::Time until) {
  const std::size_t n = free_at_.size();
  if (ring_) {
    const std::size_t last = (first_ == 0 ? n : first_) - 1;
    if (!(until < free_at_[last])) {
      free_at_[first_] = until;
      if (++first_ == n) first_ = 0;
      return;
    }
    make_heap();
  }
  // The front bay's new free time, sifted down in place (a pop and a push in one pass).
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

void BayQueue::make_heap() noexcept {
  // The ring in order from its first bay is sorted, hence a min-heap already.
  std::rotate(free_at_.begin(), free_at_.begin() + static_cast<std::ptrdiff_t>(first_), free_at_.end());
  first_ = 0;
  ring_ = false;
}

void BayQueue::add(std::size_t more, engine::Time now) {
  if (ring_) make_heap();
  for (std::size_t b = 0; b < more; ++b) {
    free_at_.push_back(now);
    std::ranges::push_heap(free_at_, std::greater<>{});
  }
}

}  // namespace truckflow::models::detail
