// Resource: n identical units (chargers, dispensers, assembly lines) that processes acquire
// through RAII leases, with FIFO or priority queueing and optional preemption.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "truckflow/engine/detail/awaitable.hpp"
#include "truckflow/engine/detail/intrusive_list.hpp"
#include "truckflow/engine/detail/kernel.hpp"
#include "truckflow/engine/statistics.hpp"

namespace truckflow::engine {

class Simulation;
class Resource;

/// The cause of the `Interrupted` raised in a process whose unit was taken by preemption.
struct Preempted {
  std::uint64_t by_process_id;  ///< the process that took the unit
  Time usage_since;             ///< when the preempted process had acquired it
  const Resource* resource;
};

/// Use of one unit of a Resource. Move-only; the unit returns to the resource when the lease is
/// destroyed (on every path: return, exception, interrupt) or on `release()`. A lease may leave the
/// process that acquired it (returned from it, kept in a struct, passed through a Store). Its
/// holder, whom a preemption interrupts, is the acquirer until the lease is handed over: a join
/// that returns it (`co_await handle` of a `Process<Lease>`) or a `Store<Lease>` get makes the
/// receiving process the holder, and `adopt()` does so anywhere else (a lease passed to a spawned
/// process, or kept inside a struct). Moves alone do not change the holder. A lease whose holder
/// has finished is not preempted.
class Lease : public detail::ListNode {
 public:
  Lease() noexcept = default;
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&& other) noexcept;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();

  /// False once released, moved from, or preempted.
  bool is_held() const noexcept { return resource_ != nullptr; }
  /// Returns the unit now. Throws `std::logic_error` if the lease is not held (released twice,
  /// moved from, or preempted).
  void release();
  Time acquired_at() const noexcept { return since_; }
  int priority() const noexcept { return priority_; }
  /// The running process becomes the holder (a preemption interrupts it). Call it in a process
  /// that receives a lease other than by a join or a Store get. Throws `std::logic_error` outside
  /// a process.
  void adopt();

 private:
  friend class Resource;
  friend class AcquireAwaiter;
  void take_from(Lease& other) noexcept;
  /// Sets the holder's tag (a counted reference to the tag, not to the process).
  void set_owner(detail::HolderTag* owner) noexcept;

  Resource* resource_ = nullptr;
  detail::HolderTag* owner_ = nullptr;  ///< counted reference, or null
  Time since_;
  int priority_ = 0;
  std::uint64_t order_ = 0;
};

/// `co_await resource.acquire(...)`: waits for a unit and returns a Lease on it.
class AcquireAwaiter : public detail::QueuedWait<AcquireAwaiter> {
 public:
  AcquireAwaiter(Resource& resource, int priority, bool preempt) noexcept
      : resource_(&resource), priority_(priority), preempt_(preempt) {}
  AcquireAwaiter(AcquireAwaiter&& other) noexcept
      : QueuedWait(other), resource_(other.resource_), priority_(other.priority_), preempt_(other.preempt_) {}
  AcquireAwaiter& operator=(AcquireAwaiter&&) = delete;
  ~AcquireAwaiter();

  Lease await_resume() {
    detail::Kernel::end_wait();
    return std::move(lease_);
  }
  void withdraw() noexcept override;

 private:
  friend class Resource;
  friend class PatientAcquireAwaiter;
  friend class detail::QueuedWait<AcquireAwaiter>;
  bool try_now();
  void enqueue();

  Resource* resource_;
  int priority_;
  bool preempt_;
  bool granted_ = false;                 ///< a unit was granted (it may have been preempted since)
  detail::HolderTag* holder_ = nullptr;  ///< the requesting process's tag (held by its extras)
  std::uint64_t order_ = 0;
  Lease lease_;
};

/// `co_await resource.acquire(patience)`: a Lease, or nothing if no unit was granted within the
/// patience (the request then leaves the queue: reneging). A unit granted in time and preempted
/// before the process resumed comes back as a lease that is no longer held (not as a renege); the
/// preemption's `Interrupted` is raised at the next wait.
class PatientAcquireAwaiter : public AcquireAwaiter {
 public:
  PatientAcquireAwaiter(Resource& resource, Duration patience, int priority)
      : AcquireAwaiter(resource, priority, false) {
    set_patience(patience);
  }
  std::optional<Lease> await_resume();
};

enum class Queueing : std::uint8_t {
  fifo,      ///< first come, first served
  priority,  ///< lowest priority value first; FIFO among equals
};

/// A pool of `capacity` identical units. A unit freed by a release goes straight to the next
/// waiter. Keeps time-weighted statistics of busy units and queue length and a tally of waits
/// (all switchable off).
///
/// A Resource should outlive the processes using it; if it is destroyed first, its waiters stay
/// blocked until interrupted or destroyed, and outstanding leases become no-ops. A Resource may
/// outlive its Simulation: what needs the clock then throws `std::logic_error`.
class Resource {
 public:
  struct Options {
    std::size_t capacity = 1;
    Queueing queueing = Queueing::fifo;
    bool statistics = true;
  };

  /// Throws `std::invalid_argument` if `capacity` is 0.
  Resource(Simulation& sim, std::size_t capacity);
  Resource(Simulation& sim, Options options);
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;
  ~Resource();

  /// `co_await acquire(priority, preempt)`. `priority` orders the queue under priority queueing
  /// (lower first). With `preempt`, if no unit is free, the unit of the least important holder
  /// (highest priority value, latest request) is taken if that holder's priority is strictly
  /// worse; the holder gets `Interrupted` with a `Preempted` cause and its lease stops being held.
  AcquireAwaiter acquire(int priority = 0, bool preempt = false) noexcept {
    return AcquireAwaiter(*this, priority, preempt);
  }
  /// `co_await acquire(patience, priority)` returns `std::optional<Lease>`: empty if no unit was
  /// granted within `patience` (>= 0, else `std::invalid_argument`), when the request leaves the
  /// queue and counts in `reneges()`. A zero patience takes a free unit or gives up at once.
  PatientAcquireAwaiter acquire(Duration patience, int priority = 0) {
    return PatientAcquireAwaiter(*this, patience, priority);
  }

  /// Changes the number of units now (a charger breaks, two dispensers are added); 0 is allowed
  /// (everything out of service). More units go at once to the waiters, in queue order. Fewer
  /// units take nothing from the holders: they keep their units until they release them, and no
  /// unit is granted until fewer than the new capacity are in use.
  void set_capacity(std::size_t capacity);

  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t in_use() const noexcept { return in_use_; }
  /// Units free now (0 while more are held than the capacity, after it was lowered).
  std::size_t available() const noexcept { return capacity_ > in_use_ ? capacity_ - in_use_ : 0; }
  std::size_t queue_length() const noexcept { return waiters_.size(); }

  bool has_statistics() const noexcept { return statistics_; }
  /// Time-average of busy units over the time-average of the capacity, since creation or the last
  /// reset (0 if the capacity was 0 throughout).
  double utilization() const;
  /// The capacity over time.
  const TimeWeighted& capacity_history() const noexcept { return capacity_history_; }
  /// Requests that gave up waiting (patience ran out) since creation or the last reset.
  std::uint64_t reneges() const noexcept { return reneges_; }
  /// Busy units over time.
  const TimeWeighted& busy_units() const noexcept { return busy_; }
  /// Waiting requests over time.
  const TimeWeighted& queue() const noexcept { return queue_; }
  /// Seconds from request to grant, per granted request (immediate grants count as 0).
  const Tally& wait_seconds() const noexcept { return wait_seconds_; }
  std::uint64_t grants() const noexcept { return grants_; }
  std::uint64_t preemptions() const noexcept { return preemptions_; }
  /// Forgets the statistics so far (warm-up deletion).
  void reset_statistics();

 private:
  friend class AcquireAwaiter;
  friend class PatientAcquireAwaiter;
  friend class Lease;
  void serve_waiters() noexcept;
  bool try_acquire(AcquireAwaiter& request);
  void enqueue(AcquireAwaiter& request);
  void remove_waiter(AcquireAwaiter& request) noexcept;
  void grant(AcquireAwaiter& request, Time now);
  void release(Lease& lease) noexcept;
  Lease* preemption_victim(const AcquireAwaiter& request);
  void record_levels() noexcept;

  detail::Kernel& kernel() const { return kernel_.require("this Resource"); }

  detail::KernelRef kernel_;
  std::size_t capacity_;
  std::size_t in_use_ = 0;
  Queueing queueing_;
  bool statistics_;
  std::uint64_t next_order_ = 0;
  detail::IntrusiveList<AcquireAwaiter> waiters_;
  detail::IntrusiveList<Lease> holders_;
  TimeWeighted busy_;
  TimeWeighted queue_;
  TimeWeighted capacity_history_;
  Tally wait_seconds_;
  std::uint64_t grants_ = 0;
  std::uint64_t preemptions_ = 0;
  std::uint64_t reneges_ = 0;
};

}  // namespace truckflow::engine
