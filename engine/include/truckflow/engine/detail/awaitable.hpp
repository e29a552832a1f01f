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
  void on_signal(Signal& /*signal*/) noexcept override { signal_->kernel().resume(*process_); }

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

}  // namespace truckflow::engine::detail
