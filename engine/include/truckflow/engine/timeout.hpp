// Timeout: `co_await sim.timeout(d)` suspends the process for a simulated duration.
#pragma once

#include <coroutine>
#include <cstdint>
#include <stdexcept>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/kernel.hpp"

namespace truckflow::engine {

/// Resumes the awaiting process `delay` after the moment it starts waiting. Costs one agenda
/// entry and no allocation. Create with `sim.timeout(d)`.
class Timeout : public detail::EngineAwaitable {
 public:
  /// Throws `std::invalid_argument` for a negative delay.
  explicit Timeout(Duration delay, Priority priority = Priority::normal) : delay_(delay), priority_(priority) {
    if (delay < Duration::zero()) {
      throw std::invalid_argument("timeout: negative delay " + to_string(delay) + " (simulated time cannot go back)");
    }
  }

  Duration delay() const noexcept { return delay_; }
  Priority priority() const noexcept { return priority_; }
  /// When a wait starting at `now` ends; throws `TimeOverflow` past the last representable time.
  Time deadline(Time now) const {
    std::int64_t end = 0;
    if (__builtin_add_overflow(now.ticks(), delay_.ticks(), &end)) [[unlikely]] {
      throw TimeOverflow("timeout(" + to_string(delay_) + ") at " + to_string(now) +
                         " would end beyond the last representable time (about 292,000 years)");
    }
    return Time::from_ticks(end);
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> /*frame*/) const {
    detail::Kernel& kernel = *detail::running.kernel;
    detail::ProcessState& process = *detail::running.process;
    if (detail::Kernel::interrupt_pending(process)) return false;
    kernel.schedule(process, deadline(kernel.now()), priority_);
    process.wait = &detail::timer_wait;
    return true;
  }
  static void await_resume() { detail::Kernel::end_wait(); }

 private:
  Duration delay_;
  Priority priority_;
};

}  // namespace truckflow::engine
