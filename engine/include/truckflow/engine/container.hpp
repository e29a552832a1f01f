// Container: a continuous level with a capacity (kg of hydrogen, kWh, litres) with blocking
// put and get, FIFO among waiters.
#pragma once

#include <cmath>
#include <concepts>
#include <coroutine>
#include <cstdint>
#include <optional>
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

   protected:
    Container* container_;
    Amount amount_;
    bool is_put_;
    bool served_ = false;

   private:
    friend class Container;
    friend class detail::QueuedWait<Request>;
    bool try_now() { return container_->try_now(*this); }
    void enqueue() { container_->enqueue(*this); }
  };

  /// A put or get with a patience: `co_await` returns the amount, or nothing if the request was
  /// not served within the patience (it then leaves the queue).
  class PatientRequest : public Request {
   public:
    PatientRequest(Container& container, Amount amount, bool is_put, Duration patience)
        : Request(container, amount, is_put) {
      this->set_patience(patience);
    }
    std::optional<Amount> await_resume() {
      detail::Kernel::end_wait();
      if (this->served_) return this->amount_;
      this->withdraw();
      if (this->container_ != nullptr) ++this->container_->reneges_;
      return std::nullopt;
    }
  };

  /// Waits until the level is at most (or at least) a threshold; `co_await` returns the level at
  /// the moment the condition held. Level waits take nothing: every waiter whose condition holds
  /// after a change is woken, in the order they began waiting. The level may change again before
  /// the woken process runs (at the same instant).
  class LevelWait : public detail::QueuedWait<LevelWait> {
   public:
    LevelWait(Container& container, Amount threshold, bool at_most, std::optional<Duration> patience)
        : container_(&container), threshold_(threshold), at_most_(at_most) {
      if (!is_finite(threshold)) throw std::invalid_argument("Container level wait: the threshold must be finite");
      if (patience) this->set_patience(*patience);
    }
    LevelWait(LevelWait&& other) noexcept
        : detail::QueuedWait<LevelWait>(other),
          container_(other.container_),
          threshold_(other.threshold_),
          at_most_(other.at_most_) {}
    LevelWait& operator=(LevelWait&&) = delete;
    ~LevelWait() { withdraw(); }

    /// The level when the condition held; with a patience that ran out, empty.
    std::optional<Amount> await_resume() {
      detail::Kernel::end_wait();
      if (met_) return level_;
      withdraw();
      return std::nullopt;
    }
    void withdraw() noexcept override {
      if (container_ != nullptr && this->is_linked()) container_->level_waiters_.remove(*this);
    }

   private:
    friend class Container;
    friend class detail::QueuedWait<LevelWait>;
    bool holds(Amount level) const { return at_most_ ? level <= threshold_ : level >= threshold_; }
    bool try_now() {
      if (!holds(container_->level_)) return false;
      met_ = true;
      level_ = container_->level_;
      return true;
    }
    void enqueue() { container_->level_waiters_.push_back(*this); }

    Container* container_;
    Amount threshold_;
    Amount level_{};
    bool at_most_;
    bool met_ = false;
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
    while (LevelWait* wait = level_waiters_.pop_front()) wait->container_ = nullptr;
  }

  /// `co_await put(a)`: 0 < a <= capacity, else `std::invalid_argument`.
  Request put(Amount amount) { return Request(*this, amount, true); }
  /// `co_await get(a)`: 0 < a <= capacity, else `std::invalid_argument`.
  Request get(Amount amount) { return Request(*this, amount, false); }
  /// `co_await put(a, patience)` / `get(a, patience)` return `std::optional<Amount>`: empty if not
  /// served within `patience` (>= 0), when the request leaves the queue and counts in `reneges()`.
  PatientRequest put(Amount amount, Duration patience) { return PatientRequest(*this, amount, true, patience); }
  PatientRequest get(Amount amount, Duration patience) { return PatientRequest(*this, amount, false, patience); }

  /// `co_await level_at_most(x)`: waits until the level is <= x (a station orders a refill when
  /// its storage falls to a threshold) and returns that level. With a patience, returns nothing if
  /// the level did not get there in time.
  LevelWait level_at_most(Amount threshold, std::optional<Duration> patience = std::nullopt) {
    return LevelWait(*this, threshold, true, patience);
  }
  /// `co_await level_at_least(x)`: waits until the level is >= x; as `level_at_most`.
  LevelWait level_at_least(Amount threshold, std::optional<Duration> patience = std::nullopt) {
    return LevelWait(*this, threshold, false, patience);
  }

  /// Changes the capacity (a station's tank grows with the station): finite, > 0 and >= the
  /// level, else `std::invalid_argument`. Waiting puts that now fit are served.
  void set_capacity(Amount capacity) {
    if (!(is_finite(capacity) && capacity > Amount{0} && capacity >= level_)) {
      throw std::invalid_argument("Container::set_capacity: the capacity must be finite, > 0 and >= the level " +
                                  std::to_string(level_) + ", got " + std::to_string(capacity));
    }
    capacity_ = capacity;
    serve_waiters();
  }

  Amount level() const noexcept { return level_; }
  Amount capacity() const noexcept { return capacity_; }
  std::size_t putters_waiting() const noexcept { return putters_.size(); }
  std::size_t getters_waiting() const noexcept { return getters_.size(); }
  std::size_t level_waiters() const noexcept { return level_waiters_.size(); }
  /// Puts and gets that gave up waiting (patience ran out) since creation or the last reset.
  std::uint64_t reneges() const noexcept { return reneges_; }

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
    reneges_ = 0;
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
    request.served_ = true;
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
    // After every change, so that a crossing undone by the next hand-over is still seen.
    notify_level_waiters();
  }

  /// Serves the request at once if it is first in line and can proceed.
  bool try_now(Request& request) {
    auto& queue = request.is_put_ ? putters_ : getters_;
    if (!queue.empty() || !(request.is_put_ ? fits(request.amount_) : holds(request.amount_))) return false;
    apply(request);
    serve_waiters();
    return true;
  }
  /// Wakes the level waiters whose condition holds at the current level, in the order they began
  /// waiting.
  void notify_level_waiters() noexcept {
    if (level_waiters_.empty()) return;
    for (auto it = level_waiters_.begin(); it != level_waiters_.end();) {
      LevelWait& wait = *it;
      ++it;  // advance before `wait` is unlinked
      if (!wait.holds(level_)) continue;
      level_waiters_.remove(wait);
      wait.met_ = true;
      wait.level_ = level_;
      kernel_.get()->wake(*wait.process_);
    }
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
  detail::IntrusiveList<LevelWait> level_waiters_;
  TimeWeighted level_history_;
  Tally get_wait_;
  Tally put_wait_;
  std::uint64_t reneges_ = 0;
};

}  // namespace truckflow::engine
