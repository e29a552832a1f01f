// Store: discrete items (battery packs, orders, finished trucks) with blocking put and get and
// an optional filter on get.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/intrusive_list.hpp"
#include "truckflow/engine/detail/kernel.hpp"
#include "truckflow/engine/simulation.hpp"
#include "truckflow/engine/statistics.hpp"

namespace truckflow::engine {

/// Up to `capacity` items of type T, kept in arrival order. `co_await put(item)` waits for room
/// (putters are served first come, first served). `co_await get()` waits for an item and returns
/// the oldest; `co_await get(filter)` returns the oldest item the filter accepts. Getters are
/// served in arrival order, each taking the oldest item it accepts; a getter whose filter accepts
/// nothing present does not hold back the getters behind it.
///
/// A Store should outlive the processes using it; if destroyed first, its waiters stay blocked
/// until interrupted or destroyed.
template <typename T>
class Store {
 public:
  using Filter = std::function<bool(const T&)>;
  static constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();

  class PutRequest : public detail::QueuedWait<PutRequest> {
   public:
    PutRequest(Store& store, T item) : store_(&store), item_(std::move(item)) {}
    PutRequest(PutRequest&& other) noexcept
        : detail::QueuedWait<PutRequest>(other), store_(other.store_), item_(std::move(other.item_)) {}
    PutRequest& operator=(PutRequest&&) = delete;
    ~PutRequest() { withdraw(); }
    void await_resume() const { detail::Kernel::end_wait(); }
    void withdraw() noexcept override {
      if (store_ != nullptr && this->is_linked()) store_->putters_.remove(*this);
    }

   private:
    friend class Store;
    friend class detail::QueuedWait<PutRequest>;
    bool try_now() { return store_->try_put(*this); }
    void enqueue() { store_->putters_.push_back(*this); }

    Store* store_;
    std::optional<T> item_;
  };

  class GetRequest : public detail::QueuedWait<GetRequest> {
   public:
    GetRequest(Store& store, Filter filter) : store_(&store), filter_(std::move(filter)) {}
    GetRequest(GetRequest&& other) noexcept
        : detail::QueuedWait<GetRequest>(other), store_(other.store_), filter_(std::move(other.filter_)) {}
    GetRequest& operator=(GetRequest&&) = delete;
    ~GetRequest() { withdraw(); }
    /// The item taken. An item with `adopt()` (a Lease) is adopted by the taking process.
    T await_resume() {
      detail::Kernel::end_wait();
      if constexpr (requires { item_->adopt(); }) item_->adopt();
      return std::move(*item_);
    }
    void withdraw() noexcept override {
      if (store_ != nullptr && this->is_linked()) store_->getters_.remove(*this);
    }

   protected:
    Store* store_;
    Filter filter_;
    std::optional<T> item_;

   private:
    friend class Store;
    friend class detail::QueuedWait<GetRequest>;
    bool try_now() { return store_->try_get(*this); }
    void enqueue() { store_->getters_.push_back(*this); }
    bool accepts(const T& item) const { return !filter_ || filter_(item); }
  };

  /// A get with a patience: `co_await` returns the item, or nothing if none was taken within the
  /// patience (the request then leaves the queue).
  class PatientGetRequest : public GetRequest {
   public:
    PatientGetRequest(Store& store, Filter filter, Duration patience) : GetRequest(store, std::move(filter)) {
      this->set_patience(patience);
    }
    std::optional<T> await_resume() {
      detail::Kernel::end_wait();
      if (this->item_) {
        if constexpr (requires { this->item_->adopt(); }) this->item_->adopt();
        return std::move(this->item_);
      }
      this->withdraw();
      if (this->store_ != nullptr) ++this->store_->reneges_;
      return std::nullopt;
    }
  };

  /// Throws `std::invalid_argument` if `capacity` is 0.
  explicit Store(Simulation& sim, std::size_t capacity = unlimited, bool statistics = true)
      : kernel_(sim.kernel().link()), capacity_(capacity), statistics_(statistics), size_history_(sim.now(), 0.0) {
    if (capacity == 0) throw std::invalid_argument("Store capacity must be at least 1");
  }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  /// Waiters stay blocked (an interrupt still frees them).
  ~Store() {
    while (PutRequest* request = putters_.pop_front()) request->store_ = nullptr;
    while (GetRequest* request = getters_.pop_front()) request->store_ = nullptr;
  }

  PutRequest put(T item) { return PutRequest(*this, std::move(item)); }
  GetRequest get() { return GetRequest(*this, Filter{}); }
  GetRequest get(Filter filter) { return GetRequest(*this, std::move(filter)); }
  /// `co_await get(patience)` / `get(filter, patience)` return `std::optional<T>`: empty if no item
  /// was taken within `patience` (>= 0), when the request leaves the queue and counts in `reneges()`.
  PatientGetRequest get(Duration patience) { return PatientGetRequest(*this, Filter{}, patience); }
  PatientGetRequest get(Filter filter, Duration patience) {
    return PatientGetRequest(*this, std::move(filter), patience);
  }

  /// Serves the waiting getters again. Filters are evaluated when an item arrives or a getter
  /// starts waiting; a filter that reads something else (a truck's state of charge, a clock) is
  /// not told when that changes: call `recheck()` after changing it.
  void recheck() { serve_waiters(); }

  std::size_t size() const noexcept { return items_.size(); }
  std::size_t capacity() const noexcept { return capacity_; }
  /// The items held, oldest first.
  const std::deque<T>& items() const noexcept { return items_; }
  std::size_t putters_waiting() const noexcept { return putters_.size(); }
  std::size_t getters_waiting() const noexcept { return getters_.size(); }
  /// Gets that gave up waiting (patience ran out) since creation or the last reset.
  std::uint64_t reneges() const noexcept { return reneges_; }

  bool has_statistics() const noexcept { return statistics_; }
  /// Items held over time.
  const TimeWeighted& size_history() const noexcept { return size_history_; }
  /// Seconds from request to completion, per completed get / put.
  const Tally& get_wait_seconds() const noexcept { return get_wait_; }
  const Tally& put_wait_seconds() const noexcept { return put_wait_; }
  void reset_statistics() {
    size_history_.reset(kernel_.require("this Store").now());
    get_wait_.reset();
    put_wait_.reset();
    reneges_ = 0;
  }

 private:
  void record(Tally& waits, Time requested_at) {
    const detail::Kernel* const kernel = kernel_.get();
    if (!statistics_ || kernel == nullptr) return;
    const Time now = kernel->now();
    waits.add((now - requested_at).to_seconds());
    size_history_.update(now, static_cast<double>(items_.size()));
  }
  bool try_put(PutRequest& request) {
    if (!putters_.empty() || items_.size() >= capacity_) return false;
    items_.push_back(std::move(*request.item_));
    record(put_wait_, request.requested_at_);
    serve_waiters();
    return true;
  }
  /// Gives the oldest accepted item to `request`; false if there is none.
  bool take_for(GetRequest& request) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (request.accepts(*it)) {
        request.item_.emplace(std::move(*it));
        items_.erase(it);
        record(get_wait_, request.requested_at_);
        return true;
      }
    }
    return false;
  }
  bool try_get(GetRequest& request) {
    if (!take_for(request)) return false;
    serve_waiters();
    return true;
  }
  void serve_waiters() {
    bool progress = true;
    while (progress) {
      progress = false;
      while (!putters_.empty() && items_.size() < capacity_) {
        PutRequest& request = *putters_.pop_front();
        items_.push_back(std::move(*request.item_));
        record(put_wait_, request.requested_at_);
        kernel_.get()->wake(*request.process_);
        progress = true;
      }
      for (auto it = getters_.begin(); it != getters_.end() && !items_.empty();) {
        GetRequest& request = *it;
        ++it;  // advance before `request` may be unlinked
        if (take_for(request)) {
          getters_.remove(request);
          kernel_.get()->wake(*request.process_);
          progress = true;
        }
      }
    }
  }

  detail::KernelRef kernel_;
  std::size_t capacity_;
  bool statistics_;
  std::deque<T> items_;
  detail::IntrusiveList<PutRequest> putters_;
  detail::IntrusiveList<GetRequest> getters_;
  TimeWeighted size_history_;
  Tally get_wait_;
  Tally put_wait_;
  std::uint64_t reneges_ = 0;
};

}  // namespace truckflow::engine
