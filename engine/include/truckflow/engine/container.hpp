// Container: a continuous level with a capacity (kg of hydrogen, kWh, litres) with blocking
// put and get, FIFO among waiters.
#pragma once

#include <cmath>
#include <concepts>
#include <coroutine>
#include <stdexcept>
#include <string>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/intrusive_list.hpp"
#include "truckflow/engine/detail/kernel.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/engine/statistics.hpp"

namespace truckflow::engine {

/// A level between 0 and a capacity, in whatever unit `Amount` counts (use an integer type for
/// exact accounting, `double` otherwise). `co_await put(a)` waits until `a` fits, `co_await get(a)`
/// until `a` is there; each side is served strictly first come, first served (a large request at
/// the head holds back smaller ones behind it). For floating-point amounts, a request is served
/// when it is within 1e-12 × capacity of fitting, and the level is clamped to [0, capacity].
///
/// A Container should outlive the processes using it; if destroyed first, its waiters stay blocked
/// until interrupted or destroyed.
template <typename Amount = double>
requires std::is_arithmetic_v<Amount>
class Container {
 public:
  /// One put or get waiting its turn.
  class Request : public detail::QueuedWait<Request> {
   public:
    Request(Container& container, Amount amount, bool is_put)
        : container_(&container), amount_(amount), is_put_(is_put) {
      container.check_amount(amount, is_put ? "put" : "get");
    }
    Request(Request&& other) noexcept
        : detail::QueuedWait<Request>(other),
          container_(other.container_),
          amount_(other.amount_),
          is_put_(other.is_put_) {}
    Request& operator=(Request&&) = delete;
    ~Request() { withdraw(); }

    /// The amount put or got.
    Amount await_resume() const {
      detail::Kernel::end_wait();
      return amount_;
    }
    void withdraw() noexcept override {
      if (container_ != nullptr && this->is_linked()) container_->remove(*this);
    }

   private:
    friend class Container;
    friend class detail::QueuedWait<Request>;
    bool try_now() { return container_->try_now(*this); }
    void enqueue() { container_->enqueue(*this); }

    Container* container_;
    Amount amount_;
    bool is_put_;
  };

  /// Throws `std::invalid_argument` unless 0 < capacity and 0 <= initial <= capacity (finite).
  Container(Simulation& sim, Amount capacity, Amount initial = Amount{0}, bool statistics = true)
      : kernel_(sim.kernel().link()),
        capacity_(capacity),
        level_(initial),
        statistics_(statistics),
        level_history_(sim.now(), static_cast<double>(initial)) {
    if (!(is_finite(capacity) && capacity > Amount{0})) {
      throw std::invalid_argument("Container capacity must be finite and > 0");
    }
    if (!(is_finite(initial) && initial >= Amount{0} && initial <= capacity)) {
      throw std::invalid_argument("Container initial level must be within [0, capacity]");
    }
  }
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;
  /// Waiters stay blocked (an interrupt still frees them).
  ~Container() {
    while (Request* request = putters_.pop_front()) request->container_ = nullptr;
    while (Request* request = getters_.pop_front()) request->container_ = nullptr;
  }

  /// `co_await put(a)`: 0 < a <= capacity, else `std::invalid_argument`.
  Request put(Amount amount) { return Request(*this, amount, true); }
  /// `co_await get(a)`: 0 < a <= capacity, else `std::invalid_argument`.
  Request get(Amount amount) { return Request(*this, amount, false); }

  Amount level() const noexcept { return level_; }
  Amount capacity() const noexcept { return capacity_; }
  std::size_t putters_waiting() const noexcept { return putters_.size(); }
  std::size_t getters_waiting() const noexcept { return getters_.size(); }

  bool has_statistics() const noexcept { return statistics_; }
  /// The level over time.
  const TimeWeighted& level_history() const noexcept { return level_history_; }
  /// Seconds from request to completion, per completed get / put.
  const Tally& get_wait_seconds() const noexcept { return get_wait_; }
  const Tally& put_wait_seconds() const noexcept { return put_wait_; }
  void reset_statistics() {
    level_history_.reset(kernel_.require("this Container").now());
    get_wait_.reset();
    put_wait_.reset();
  }

 private:
  static bool is_finite(Amount a) {
    if constexpr (std::is_floating_point_v<Amount>) return std::isfinite(a);
    return true;
  }
  Amount slack() const {
    if constexpr (std::is_floating_point_v<Amount>) return capacity_ * Amount(1e-12);
    return Amount{0};
  }
  void check_amount(Amount amount, const char* what) const {
    if (!(is_finite(amount) && amount > Amount{0} && amount <= capacity_)) {
      throw std::invalid_argument(std::string("Container::") + what + ": the amount must be > 0 and <= the capacity " +
                                  std::to_string(capacity_) + ", got " + std::to_string(amount));
    }
  }
  bool fits(Amount amount) const { return level_ + amount <= capacity_ + slack(); }
  bool holds(Amount amount) const { return level_ + slack() >= amount; }

  void apply(Request& request) {
    if (request.is_put_) {
      level_ = level_ + request.amount_;
      if (level_ > capacity_) level_ = capacity_;
    } else {
      level_ = level_ - request.amount_;
      if (level_ < Amount{0}) level_ = Amount{0};
    }
    if (const detail::Kernel* kernel = kernel_.get(); statistics_ && kernel != nullptr) {
      const Time now = kernel->now();
      (request.is_put_ ? put_wait_ : get_wait_).add((now - request.requested_at_).to_seconds());
      level_history_.update(now, static_cast<double>(level_));
    }
  }

  /// Serves the request at once if it is first in line and can proceed.
  bool try_now(Request& request) {
    auto& queue = request.is_put_ ? putters_ : getters_;
    if (!queue.empty() || !(request.is_put_ ? fits(request.amount_) : holds(request.amount_))) return false;
    apply(request);
    serve_waiters();
    return true;
  }
  void enqueue(Request& request) { (request.is_put_ ? putters_ : getters_).push_back(request); }
  void remove(Request& request) noexcept {
    (request.is_put_ ? putters_ : getters_).remove(request);
    // A withdrawn head may have been holding back the requests behind it.
    serve_waiters();
  }
  void serve_waiters() noexcept {
    bool progress = true;
    while (progress) {
      progress = false;
      if (!putters_.empty() && fits(putters_.front().amount_)) {
        Request& request = *putters_.pop_front();
        apply(request);
        kernel_.get()->wake(*request.process_);
        progress = true;
      }
      if (!getters_.empty() && holds(getters_.front().amount_)) {
        Request& request = *getters_.pop_front();
        apply(request);
        kernel_.get()->wake(*request.process_);
        progress = true;
      }
    }
  }

  detail::KernelRef kernel_;
  Amount capacity_;
  Amount level_;
  bool statistics_;
  detail::IntrusiveList<Request> putters_;
  detail::IntrusiveList<Request> getters_;
  TimeWeighted level_history_;
  Tally get_wait_;
  Tally put_wait_;
};

}  // namespace truckflow::engine
