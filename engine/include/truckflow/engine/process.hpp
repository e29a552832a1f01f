// Processes: lazy C++20 coroutines, started by Simulation::spawn or awaited inline, and the
// handles through which other processes wait for, query or interrupt a spawned one.
#pragma once

#include <any>
#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/kernel.hpp"

namespace truckflow::engine {

template <typename T>
class Process;
template <typename T>
class ProcessHandle;
class Simulation;

namespace detail {

/// What every process coroutine's promise holds: nothing but behaviour. A frame finds the process
/// it runs in through `running` (the kernel sets it on every resume), and the outcome of an inline
/// child goes back to its awaiter through the process state.
class PromiseBase {
 public:
  /// A frame shares its pool block with the ProcessState placed before it (see ProcessState).
  /// Frames are rounded to 16 bytes so that they stay 16-aligned.
  static void* operator new(std::size_t bytes) { return ProcessState::allocate_with_frame(round_up(bytes)); }
  static void operator delete(void* frame, std::size_t bytes) noexcept {
    ProcessState::frame_destroyed(frame, round_up(bytes));
  }

  std::suspend_always initial_suspend() const noexcept { return {}; }
  void unhandled_exception() const noexcept { running.process->error = std::current_exception(); }

#ifndef NDEBUG
  // Debug builds refuse foreign awaitables at compile time. (Release builds skip this check: it
  // would cost every frame a reference per co_await.)
  template <typename A>
  A&& await_transform(A&& awaitable) const noexcept {
    static_assert(engine_awaitable<A>,
                  "a truckflow Process may only co_await engine awaitables: sim.timeout(), events, "
                  "processes and their handles, resource / container / store requests, any_of, all_of");
    return std::forward<A>(awaitable);
  }
#endif

 protected:
  /// A top-level frame finished: records the outcome in the process state.
  static void publish_outcome(ProcessState& process) noexcept {
    const bool failed = static_cast<bool>(process.error);
    process.status = failed ? ProcessState::Status::failed : ProcessState::Status::succeeded;
  }

 private:
  static constexpr std::size_t round_up(std::size_t bytes) noexcept { return (bytes + 15) & ~std::size_t{15}; }
};

/// Returns to the awaiting frame (inline await) or hands the outcome to the kernel (top level).
struct FinalAwaiter {
  bool await_ready() const noexcept { return false; }
  template <typename P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> frame) const noexcept {
    ProcessState& process = *running.process;
    if (InlineFrame* const top = process.inline_top) {
      process.inline_top = top->previous;
      return top->parent;
    }
    frame.promise().publish(process);
    return std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

/// Where a finished process's value waits for its joiners. A copyable value is copied to each
/// joiner; a move-only one (a Lease) is moved to the first, and is gone after that.
template <typename T>
using ResultSlot = std::optional<T>;

template <typename T>
class Promise : public PromiseBase {
 public:
  Process<T> get_return_object() noexcept;
  FinalAwaiter final_suspend() const noexcept { return {}; }
  /// Everything that allocates happens here, in the body (where a failure fails the process), so
  /// that publishing at the final suspension cannot throw.
  template <typename U>
  void return_value(U&& value) {
    if (running.process->inline_top == nullptr) {
      running.process->extras();
      shared = std::make_shared<ResultSlot<T>>(std::forward<U>(value));
    } else {
      result.emplace(std::forward<U>(value));
    }
  }
  void publish(ProcessState& process) noexcept {
    if (shared) process.extras_->result = std::move(shared);
    publish_outcome(process);
  }

  std::optional<T> result;                ///< the value of an inline child, for its awaiter
  std::shared_ptr<ResultSlot<T>> shared;  ///< the value of a spawned process, for its joiners
};

template <>
class Promise<void> : public PromiseBase {
 public:
  Process<void> get_return_object() noexcept;
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void return_void() const noexcept {}
  static void publish(ProcessState& process) noexcept { publish_outcome(process); }
};

/// `co_await child()`: runs the child in the awaiting process and returns its value.
template <typename T>
class InlineAwaiter {
 public:
  explicit InlineAwaiter(std::coroutine_handle<Promise<T>> child) noexcept : child_(child) {}
  bool await_ready() const {
    if (!child_) throw std::logic_error("co_await on an empty Process (moved from, or already spawned)");
    return false;
  }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept {
    ProcessState& process = *running.process;
    frame_ = InlineFrame{parent, child_, process.inline_top};
    process.inline_top = &frame_;
    return child_;
  }
  T await_resume() const {
    ProcessState& process = *running.process;
    if (process.error) std::rethrow_exception(std::exchange(process.error, nullptr));
    if constexpr (!std::is_void_v<T>) return std::move(*child_.promise().result);
  }

 private:
  std::coroutine_handle<Promise<T>> child_;
  InlineFrame frame_;
};

/// Whether joins may copy a T. std::is_copy_constructible is true for a container of move-only
/// values (its copy constructor is declared, only its body fails), so containers are looked into.
template <typename T>
constexpr bool copyable_result() {
  if constexpr (!std::is_copy_constructible_v<T>) {
    return false;
  } else if constexpr (requires { typename T::value_type; }) {
    using Item = std::remove_cv_t<typename T::value_type>;
    if constexpr (std::is_same_v<Item, T>) {
      return true;
    } else {
      return copyable_result<Item>();
    }
  } else {
    return true;
  }
}

/// The value of a finished process for one joiner: a copy, or for a move-only T, the value itself
/// (then gone). Throws `std::logic_error` if a move-only value was already taken.
template <typename T>
T take_result(const ProcessState& process) {
  auto& slot = *static_cast<ResultSlot<T>*>(process.extras_->result.get());
  if (!slot) throw std::logic_error(process.name() + ": its move-only value was already taken by another join");
  if constexpr (copyable_result<T>()) {
    return *slot;
  } else {
    T value = std::move(*slot);
    slot.reset();
    if constexpr (requires { value.adopt(); }) value.adopt();  // a Lease: the joiner holds it now
    return value;
  }
}

/// `co_await handle`: waits for a spawned process to finish.
template <typename T>
class JoinAwaiter : public SignalAwaiter {
 public:
  /// Holds a counted reference: the handles may all be dropped while the join waits.
  JoinAwaiter(SignalRef done, ProcessState& process) noexcept : SignalAwaiter(std::move(done)), process_(&process) {
    Kernel::add_ref(process);
  }
  JoinAwaiter(JoinAwaiter&& other) noexcept
      : SignalAwaiter(std::move(other)), process_(std::exchange(other.process_, nullptr)) {}
  JoinAwaiter& operator=(JoinAwaiter&&) = delete;
  ~JoinAwaiter() {
    if (process_ != nullptr) Kernel::release(*process_);
  }
  T await_resume() const {
    finish_wait();
    if constexpr (!std::is_void_v<T>) return take_result<T>(*process_);
  }

 private:
  ProcessState* process_;
};

}  // namespace detail

/// A process: a coroutine that models something with a life over simulated time.
///
/// A function returning `Process<T>` is lazy: calling it creates the coroutine without running
/// it. Start it with `sim.spawn(f(...))` (it runs alongside the others from the current time), or
/// `co_await f(...)` from inside another process (it runs inline, and the awaiting process continues
/// with its return value, or its exception, when it ends). Inside, `co_await` engine awaitables
/// only. Take long-lived world objects by reference and small values by value; never a `const&`
/// to a temporary, and never write a capturing lambda as a coroutine.
template <typename T = void>
class [[nodiscard]] Process : public detail::EngineAwaitable {
 public:
  using promise_type = detail::Promise<T>;
  using value_type = T;

  Process(Process&& other) noexcept : frame_(std::exchange(other.frame_, {})) {}
  Process& operator=(Process&& other) noexcept {
    if (this != &other) {
      reset();
      frame_ = std::exchange(other.frame_, {});
    }
    return *this;
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() { reset(); }

  /// Runs this process inline in the awaiting one.
  detail::InlineAwaiter<T> operator co_await() && noexcept { return detail::InlineAwaiter<T>(frame_); }

 private:
  friend promise_type;
  friend class Simulation;
  explicit Process(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}
  std::coroutine_handle<promise_type> release() {
    if (!frame_) throw std::logic_error("cannot spawn an empty Process (moved from, or already spawned)");
    return std::exchange(frame_, {});
  }
  void reset() noexcept {
    if (frame_) std::exchange(frame_, {}).destroy();
  }

  std::coroutine_handle<promise_type> frame_;
};

namespace detail {
template <typename T>
Process<T> Promise<T>::get_return_object() noexcept {
  return Process<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Process<void> Promise<void>::get_return_object() noexcept {
  return Process<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

/// A shared reference to a spawned process: wait for it (`co_await handle` returns its value or
/// rethrows its exception), interrupt it, or query its state. Handles keep the process's
/// bookkeeping (not its coroutine frame) alive; they may outlive the process and the simulation.
template <typename T = void>
class ProcessHandle : public detail::EngineAwaitable {
 public:
  ProcessHandle() noexcept = default;
  ProcessHandle(const ProcessHandle& other) noexcept : state_(other.state_) {
    if (state_ != nullptr) detail::Kernel::add_ref(*state_);
  }
  ProcessHandle(ProcessHandle&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  ProcessHandle& operator=(ProcessHandle other) noexcept {
    std::swap(state_, other.state_);
    return *this;
  }
  ~ProcessHandle() {
    if (state_ != nullptr) detail::Kernel::release(*state_);
  }

  explicit operator bool() const noexcept { return state_ != nullptr; }
  /// Started or waiting to start, and not finished.
  bool is_alive() const noexcept {
    return state_ != nullptr && (state_->status == detail::ProcessState::Status::created ||
                                 state_->status == detail::ProcessState::Status::running);
  }
  bool is_finished() const noexcept { return state_ != nullptr && state_->is_finished(); }
  bool has_failed() const noexcept {
    return state_ != nullptr && state_->status == detail::ProcessState::Status::failed;
  }
  std::uint64_t id() const { return require().id; }
  std::string name() const { return require().name(); }

  /// Raises `Interrupted(cause)` in the process at its current wait (or, if it is not waiting
  /// right now, at its next one). Throws `std::logic_error` if the process has finished or if a
  /// process interrupts itself.
  void interrupt(std::any cause = {}) const { kernel().interrupt(require(), std::move(cause)); }

  /// The returned value. Throws `std::logic_error` unless the process finished successfully (and,
  /// for a move-only value, unless a join has already taken it).
  template <typename U = T>
  requires(!std::is_void_v<U>) const U& value() const {
    const detail::ProcessState& state = require();
    if (state.status != detail::ProcessState::Status::succeeded) {
      throw std::logic_error(state.name() + " has no value: it has not finished successfully");
    }
    const auto& slot = *static_cast<const detail::ResultSlot<U>*>(state.extras_->result.get());
    if (!slot) throw std::logic_error(state.name() + ": its move-only value was already taken by a join");
    return *slot;
  }

  detail::JoinAwaiter<T> operator co_await() const {
    detail::ProcessState& state = require();
    return detail::JoinAwaiter<T>(detail::SignalRef(&kernel().done_signal(state)), state);
  }

  /// The signal that fires when the process finishes (for any_of / all_of).
  detail::SignalRef done_signal() const { return detail::SignalRef(&kernel().done_signal(require())); }

 private:
  friend class Simulation;
  explicit ProcessHandle(detail::ProcessState& state) noexcept : state_(&state) { detail::Kernel::add_ref(state); }
  detail::ProcessState& require() const {
    if (state_ == nullptr) throw std::logic_error("empty ProcessHandle");
    return *state_;
  }
  detail::Kernel& kernel() const {
    const detail::ProcessState& state = require();
    detail::Kernel* const kernel = state.kernel.get();
    if (kernel == nullptr || state.status == detail::ProcessState::Status::abandoned) {
      throw std::logic_error(state.name() + " belongs to a simulation that was destroyed");
    }
    return *kernel;
  }

  detail::ProcessState* state_ = nullptr;
};

}  // namespace truckflow::engine
