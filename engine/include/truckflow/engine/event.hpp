// Events (one-shot occurrences processes wait for) and the any_of / all_of conditions.
#pragma once

#include <concepts>
#include <cstddef>
#include <exception>
#include <optional>
#include <ranges>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/kernel.hpp"
#include "truckflow/engine/process.hpp"
#include "truckflow/engine/timeout.hpp"

namespace truckflow::engine {

class Simulation;

namespace detail {
template <typename T>
class ValueSignal : public Signal {
 public:
  using Signal::Signal;
  std::optional<T> value;
};
template <>
class ValueSignal<void> : public Signal {
 public:
  using Signal::Signal;
};

template <typename T>
class EventAwaiter : public SignalAwaiter {
 public:
  using SignalAwaiter::SignalAwaiter;
  T await_resume() const {
    finish_wait();
    if constexpr (!std::is_void_v<T>) return *static_cast<const ValueSignal<T>&>(*signal()).value;
  }
};
}  // namespace detail

/// A one-shot event with an optional value: pending until `succeed` or `fail`, then processed at
/// the current time, when every process waiting on it resumes (in the order they began waiting).
/// `co_await event` returns the value (a copy) or rethrows the failure; waiting on an event that
/// was already processed returns at once. Copies share one event. Create with `sim.event<T>()`.
template <typename T = void>
class Event : public detail::EngineAwaitable {
 public:
  /// An empty handle; using it throws `std::logic_error`.
  Event() noexcept = default;

  bool is_triggered() const { return core().is_triggered(); }
  bool is_processed() const { return core().is_processed(); }
  bool has_failed() const { return core().state() == detail::Signal::State::failed; }

  /// Throws `std::logic_error` if the event was already triggered.
  template <typename U = T>
  requires(!std::is_void_v<U>) void succeed(U value) {
    auto& signal = core();
    signal.require_pending();
    signal.value.emplace(std::move(value));
    signal.succeed();
  }
  void succeed() requires std::is_void_v<T> { core().succeed(); }
  /// Waiters get `error` rethrown. Throws `std::logic_error` if the event was already triggered.
  void fail(std::exception_ptr error) { core().fail(std::move(error)); }
  template <typename E>
  requires std::derived_from<E, std::exception>
  void fail(E error) { fail(std::make_exception_ptr(std::move(error))); }

  /// The value; throws `std::logic_error` unless the event succeeded.
  template <typename U = T>
  requires(!std::is_void_v<U>) const U& value() const {
    const auto& signal = core();
    if (signal.state() != detail::Signal::State::succeeded) {
      throw std::logic_error("Event::value(): the event has not succeeded");
    }
    return *signal.value;
  }

  detail::EventAwaiter<T> operator co_await() const { return detail::EventAwaiter<T>(detail::SignalRef(&core())); }
  detail::SignalRef signal() const { return detail::SignalRef(&core()); }

 private:
  friend class Simulation;
  explicit Event(detail::Kernel& kernel) : signal_(new detail::ValueSignal<T>(kernel)) {}
  detail::ValueSignal<T>& core() const {
    if (!signal_) throw std::logic_error("empty Event (default-constructed or moved from): nothing to wait for");
    return static_cast<detail::ValueSignal<T>&>(*signal_);
  }

  detail::SignalRef signal_;
};

namespace detail {

/// A timer signal for a timeout used inside any_of / all_of (which processes build as they wait).
inline SignalRef signal_of(const Timeout& timeout) {
  Kernel* const kernel = running.kernel;
  if (kernel == nullptr) throw std::logic_error("a timeout can only be an any_of / all_of operand inside a process");
  SignalRef timer(new Signal(*kernel));
  timer->succeed_at(timeout.deadline(kernel->now()));
  timer->make_disposable_timer();
  return timer;
}
template <typename T>
SignalRef signal_of(const Event<T>& event) {
  return event.signal();
}
template <typename T>
SignalRef signal_of(const ProcessHandle<T>& handle) {
  return handle.done_signal();
}

template <typename X>
concept condition_operand = requires(const X& x) {
  { signal_of(x) } -> std::same_as<SignalRef>;
};

/// Waits until any one (or all) of several signals has fired.
class ConditionAwaiter : public Waiter {
 public:
  enum class Mode { any, all };

  ConditionAwaiter(Mode mode, std::vector<SignalRef> signals)
      : mode_(mode), signals_(std::move(signals)), operands_(signals_.size()) {
    if (mode_ == Mode::any && signals_.empty()) throw std::invalid_argument("any_of needs at least one operand");
  }
  ConditionAwaiter(ConditionAwaiter&& other) noexcept
      : mode_(other.mode_), signals_(std::move(other.signals_)), operands_(std::move(other.operands_)) {}
  ConditionAwaiter& operator=(ConditionAwaiter&&) = delete;
  ~ConditionAwaiter() { unlink_all(); }

  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> /*frame*/) {
    ProcessState& process = *running.process;
    process_ = &process;
    if (Kernel::interrupt_pending(process) || evaluate()) return false;
    for (std::size_t i = 0; i < signals_.size(); ++i) {
      operands_[i].owner = this;
      if (!signals_[i]->is_processed()) signals_[i]->add_waiter(operands_[i]);
    }
    process.wait = this;
    return true;
  }
  void withdraw() noexcept override { unlink_all(); }

 protected:
  /// In await_resume: raises an interrupt or an operand's failure; else the index that fired.
  std::size_t finish_wait() const {
    Kernel::end_wait();
    if (error_) std::rethrow_exception(error_);
    return index_;
  }

 private:
  struct Operand final : SignalWaiter {
    ConditionAwaiter* owner = nullptr;
    void on_signal(Signal& signal) noexcept override { owner->operand_fired(signal); }
  };

  /// True when the condition is decided (satisfied, or failed through an operand).
  bool evaluate() noexcept {
    bool all_processed = true;
    for (std::size_t i = 0; i < signals_.size(); ++i) {
      const Signal& signal = *signals_[i];
      if (!signal.is_processed()) {
        all_processed = false;
        continue;
      }
      if (signal.state() == Signal::State::failed || mode_ == Mode::any) {
        index_ = i;
        error_ = signal.error();
        return true;
      }
    }
    return mode_ == Mode::all && all_processed;
  }
  void operand_fired(Signal& fired) noexcept {
    if (!evaluate()) return;
    unlink_all();
    fired.kernel().resume_from_callback(*process_);
  }
  void unlink_all() noexcept {
    for (std::size_t i = 0; i < operands_.size(); ++i) signals_[i]->remove_waiter(operands_[i]);
  }

  Mode mode_;
  std::vector<SignalRef> signals_;
  std::vector<Operand> operands_;
  ProcessState* process_ = nullptr;
  std::size_t index_ = 0;
  std::exception_ptr error_;
};

}  // namespace detail

/// `co_await any_of(...)` returns the index of the operand that fired first (the lowest index if
/// several had already fired), or rethrows that operand's failure.
class AnyOf : public detail::ConditionAwaiter, public detail::EngineAwaitable {
 public:
  explicit AnyOf(std::vector<detail::SignalRef> signals) : ConditionAwaiter(Mode::any, std::move(signals)) {}
  std::size_t await_resume() const { return finish_wait(); }
};

/// `co_await all_of(...)` returns when every operand has succeeded, or rethrows the first failure.
class AllOf : public detail::ConditionAwaiter, public detail::EngineAwaitable {
 public:
  explicit AllOf(std::vector<detail::SignalRef> signals) : ConditionAwaiter(Mode::all, std::move(signals)) {}
  void await_resume() const { finish_wait(); }
};

/// Operands: `Event`s, `ProcessHandle`s and `Timeout`s (`sim.timeout(d)`), in any mix.
template <detail::condition_operand... Operands>
AnyOf any_of(const Operands&... operands) {
  return AnyOf(std::vector<detail::SignalRef>{detail::signal_of(operands)...});
}
template <detail::condition_operand... Operands>
AllOf all_of(const Operands&... operands) {
  return AllOf(std::vector<detail::SignalRef>{detail::signal_of(operands)...});
}
/// The same over a range of operands, e.g. a `std::vector<ProcessHandle<>>`.
template <std::ranges::input_range R>
requires detail::condition_operand<std::ranges::range_value_t<R>> AnyOf any_of(const R& operands) {
  std::vector<detail::SignalRef> signals;
  for (const auto& operand : operands) signals.push_back(detail::signal_of(operand));
  return AnyOf(std::move(signals));
}
template <std::ranges::input_range R>
requires detail::condition_operand<std::ranges::range_value_t<R>> AllOf all_of(const R& operands) {
  std::vector<detail::SignalRef> signals;
  for (const auto& operand : operands) signals.push_back(detail::signal_of(operand));
  return AllOf(std::move(signals));
}

}  // namespace truckflow::engine
