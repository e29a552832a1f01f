// What may be co_awaited inside a process, and the wait on a single signal that several
// awaitables share.
#pragma once

#include <coroutine>
#include <cstdint>
#include <stdexcept>
#include <type_traits>

#include "truckflow/engine/detail/kernel.hpp"

namespace truckflow::engine::detail {

/// Base of every engine type a process may co_await; processes refuse anything else at compile time,
/// since a foreign awaitable would suspend the process without the kernel knowing how to resume it.
struct EngineAwaitable {};

template <typename A>
concept engine_awaitable = std::is_base_of_v<EngineAwaitable, std::remove_cvref_t<A>>;

/// Waits for one signal: the core of `co_await event` and `co_await handle`.
class SignalAwaiter : public Waiter, public SignalWaiter {
 public:
  explicit SignalAwaiter(SignalRef signal) noexcept : signal_(std::move(signal)) {}
  SignalAwaiter(SignalAwaiter&& other) noexcept : signal_(std::move(other.signal_)) {}
  SignalAwaiter& operator=(SignalAwaiter&&) = delete;
  ~SignalAwaiter() {
    if (is_linked()) signal_->remove_waiter(*this);
  }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> /*frame*/) {
    ProcessState& process = *running.process;
    if (Kernel::interrupt_pending(process) || signal_->is_processed()) return false;
    process_ = &process;
    signal_->add_waiter(*this);
    process.wait = this;
    return true;
  }

  void withdraw() noexcept override { signal_->remove_waiter(*this); }
  void on_signal(Signal& signal) noexcept override { signal.kernel().resume_from_callback(*process_); }

 protected:
  /// In await_resume: raises the interrupt that ended the wait, or the signal's error.
  void finish_wait() const {
    Kernel::end_wait();
    if (signal_->state() == Signal::State::failed) std::rethrow_exception(signal_->error());
  }
  const SignalRef& signal() const noexcept { return signal_; }

 private:
  SignalRef signal_;
  ProcessState* process_ = nullptr;
};

/// The shape every queued wait shares (a resource's, a container's, a store's): the process is
/// served at once if it can be, otherwise it joins the queue, where an interrupt may withdraw it.
/// `Derived` provides `bool try_now()` (serve at once; false if it must queue), `void enqueue()`
/// and `void withdraw() noexcept`.
///
/// A wait may have a patience: if it is not served within it, the process resumes anyway (a timer
/// entry, superseded when the wait is served first), and the awaitable's `await_resume` sees that
/// it was not served, leaves the queue and says so (reneging).
template <typename Derived>
class QueuedWait : public Waiter, public ListNode, public EngineAwaitable {
 public:
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> /*frame*/) {
    ProcessState& process = *running.process;
    Kernel& kernel = *running.kernel;
    process_ = &process;
    requested_at_ = kernel.now();
    auto& self = static_cast<Derived&>(*this);
    if (Kernel::interrupt_pending(process) || self.try_now()) return false;
    if (patience_ticks_ == 0) return false;  // no patience at all: not served, and gone at once
    // A deadline past the end of time is no deadline. Scheduled before queueing: if it throws,
    // the wait has not begun.
    if (patience_ticks_ > 0 && patience_ticks_ <= Time::max().ticks() - requested_at_.ticks()) {
      kernel.schedule(process, requested_at_ + Duration::from_ticks(patience_ticks_), Priority::normal);
    }
    self.enqueue();
    process.wait = this;
    return true;
  }

 protected:
  QueuedWait() = default;
  /// Copies the patience only: awaitables are only moved before they are awaited.
  QueuedWait(const QueuedWait& other) noexcept
      : Waiter(), ListNode(), EngineAwaitable(), patience_ticks_(other.patience_ticks_) {}
  QueuedWait& operator=(const QueuedWait&) = delete;
  ~QueuedWait() = default;

  /// Waits at most `patience` (>= 0, else `std::invalid_argument`).
  void set_patience(Duration patience) {
    if (patience < Duration::zero()) {
      throw std::invalid_argument("patience must be >= 0, got " + to_string(patience));
    }
    patience_ticks_ = patience.ticks();
  }

  ProcessState* process_ = nullptr;   ///< the waiting process (set when the wait starts)
  Time requested_at_;                 ///< when the wait started
  std::int64_t patience_ticks_ = -1;  ///< -1: wait as long as it takes
};

}  // namespace truckflow::engine::detail
