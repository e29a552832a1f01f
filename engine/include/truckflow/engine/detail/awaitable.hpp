// What may be co_awaited inside a process, and the wait on a single signal that several
// awaitables share.
#pragma once

#include <coroutine>
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
template <typename Derived>
class QueuedWait : public Waiter, public ListNode, public EngineAwaitable {
 public:
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> /*frame*/) {
    ProcessState& process = *running.process;
    process_ = &process;
    requested_at_ = running.kernel->now();
    auto& self = static_cast<Derived&>(*this);
    if (Kernel::interrupt_pending(process) || self.try_now()) return false;
    self.enqueue();
    process.wait = this;
    return true;
  }

 protected:
  QueuedWait() = default;
  /// Copies nothing of the wait itself: awaitables are only moved before they are awaited.
  QueuedWait(const QueuedWait& /*other*/) noexcept : Waiter(), ListNode(), EngineAwaitable() {}
  QueuedWait& operator=(const QueuedWait&) = delete;
  ~QueuedWait() = default;

  ProcessState* process_ = nullptr;  ///< the waiting process (set when the wait starts)
  Time requested_at_;                ///< when the wait started
};

}  // namespace truckflow::engine::detail
