// Resource: grants, releases, queueing and preemption.
#include "truckflow/engine/resource.hpp"

#include <stdexcept>
#include <utility>

#include "truckflow/engine/simulation.hpp"

namespace truckflow::engine {

// ---------------------------------------------------------------------------------------------
// Lease

void Lease::set_owner(detail::HolderTag* owner) noexcept {
  if (owner != nullptr) ++owner->refs;
  if (owner_ != nullptr) detail::release(*owner_);
  owner_ = owner;
}

void Lease::adopt() {
  detail::ProcessState* const process = detail::running.process;
  if (process == nullptr) throw std::logic_error("Lease::adopt(): only a running process can adopt a lease");
  set_owner(&detail::Kernel::holder_tag(*process));
}

void Lease::take_from(Lease& other) noexcept {
  resource_ = other.resource_;
  // The counted reference to the holder's tag moves with the lease.
  if (owner_ != nullptr) detail::release(*owner_);
  owner_ = std::exchange(other.owner_, nullptr);
  since_ = other.since_;
  priority_ = other.priority_;
  order_ = other.order_;
  if (resource_ != nullptr) resource_->holders_.replace(other, *this);
  other.resource_ = nullptr;
}

Lease::Lease(Lease&& other) noexcept { take_from(other); }

Lease& Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    if (resource_ != nullptr) resource_->release(*this);
    take_from(other);
  }
  return *this;
}

Lease::~Lease() {
  if (resource_ != nullptr) resource_->release(*this);
  set_owner(nullptr);
}

void Lease::release() {
  if (resource_ == nullptr) {
    throw std::logic_error("Lease::release(): the lease is not held (released twice, moved from, or preempted)");
  }
  resource_->release(*this);
}

// ---------------------------------------------------------------------------------------------
// AcquireAwaiter

AcquireAwaiter::~AcquireAwaiter() {
  if (is_linked()) resource_->remove_waiter(*this);
}

bool AcquireAwaiter::try_now() { return resource_->try_acquire(*this); }
void AcquireAwaiter::enqueue() { resource_->enqueue(*this); }
void AcquireAwaiter::withdraw() noexcept {
  if (resource_ != nullptr && is_linked()) resource_->remove_waiter(*this);
}

std::optional<Lease> PatientAcquireAwaiter::await_resume() {
  detail::Kernel::end_wait();
  if (granted_) return std::optional<Lease>(std::move(lease_));
  // The patience ran out first: leave the queue.
  if (is_linked()) withdraw();
  if (resource_ != nullptr) ++resource_->reneges_;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Resource

Resource::Resource(Simulation& sim, std::size_t capacity) : Resource(sim, Options{capacity}) {}

Resource::Resource(Simulation& sim, Options options)
    : kernel_(sim.kernel().link()),
      capacity_(options.capacity),
      queueing_(options.queueing),
      statistics_(options.statistics),
      busy_(sim.now(), 0.0),
      queue_(sim.now(), 0.0),
      capacity_history_(sim.now(), static_cast<double>(options.capacity)) {
  if (capacity_ == 0) throw std::invalid_argument("Resource capacity must be at least 1");
}

Resource::~Resource() {
  // Waiters stay blocked (an interrupt still frees them); leases become no-ops.
  while (AcquireAwaiter* waiter = waiters_.pop_front()) waiter->resource_ = nullptr;
  while (Lease* lease = holders_.pop_front()) lease->resource_ = nullptr;
}

double Resource::utilization() const {
  const Time now = kernel().now();
  const double capacity = capacity_history_.mean(now);
  return capacity > 0.0 ? busy_.mean(now) / capacity : 0.0;
}

void Resource::reset_statistics() {
  const Time now = kernel().now();
  busy_.reset(now);
  queue_.reset(now);
  capacity_history_.reset(now);
  wait_seconds_.reset();
  reneges_ = 0;
}

void Resource::set_capacity(std::size_t capacity) {
  detail::Kernel& k = kernel();
  capacity_ = capacity;
  capacity_history_.update(k.now(), static_cast<double>(capacity));
  serve_waiters();
  record_levels();
}

void Resource::record_levels() noexcept {
  const detail::Kernel* const kernel = kernel_.get();
  if (!statistics_ || kernel == nullptr) return;  // no clock once the simulation is gone
  const Time now = kernel->now();
  busy_.update(now, static_cast<double>(in_use_));
  queue_.update(now, static_cast<double>(waiters_.size()));
}

bool Resource::try_acquire(AcquireAwaiter& request) {
  // The holder tag is made now, in the requesting process (it may allocate), so that granting
  // later, in a release that must not throw, allocates nothing.
  request.holder_ = &detail::Kernel::holder_tag(*request.process_);
  request.order_ = next_order_++;
  if (in_use_ < capacity_) {
    grant(request, request.requested_at_);  // the request is made now
    record_levels();
    return true;
  }
  // Preemption swaps one holder for another, so it too needs the units in use to be within the
  // capacity (after a lowered capacity, the holders above it must release first).
  if (request.preempt_ && in_use_ <= capacity_) {
    if (Lease* victim = preemption_victim(request)) {
      detail::ProcessState& owner = *victim->owner_->process;
      const Time since = victim->since_;
      holders_.remove(*victim);
      victim->resource_ = nullptr;
      --in_use_;
      ++preemptions_;
      grant(request, kernel().now());
      record_levels();
      kernel().interrupt(owner, Preempted{request.process_->id, since, this});
      return true;
    }
  }
  return false;
}

Lease* Resource::preemption_victim(const AcquireAwaiter& request) {
  Lease* victim = nullptr;
  for (Lease& holder : holders_) {
    const detail::ProcessState* const owner = holder.owner_ != nullptr ? holder.owner_->process : nullptr;
    if (owner == nullptr || owner == request.process_ || owner->is_finished()) continue;
    if (victim == nullptr || holder.priority_ > victim->priority_ ||
        (holder.priority_ == victim->priority_ && holder.order_ > victim->order_)) {
      victim = &holder;
    }
  }
  return victim != nullptr && victim->priority_ > request.priority_ ? victim : nullptr;
}

void Resource::enqueue(AcquireAwaiter& request) {
  if (queueing_ == Queueing::priority) {
    for (AcquireAwaiter& waiter : waiters_) {
      if (waiter.priority_ > request.priority_) {
        waiters_.insert_before(waiter, request);
        record_levels();
        return;
      }
    }
  }
  waiters_.push_back(request);
  record_levels();
}

void Resource::remove_waiter(AcquireAwaiter& request) noexcept {
  waiters_.remove(request);
  record_levels();
}

void Resource::grant(AcquireAwaiter& request, Time now) {
  ++in_use_;
  ++grants_;
  if (statistics_) wait_seconds_.add((now - request.requested_at_).to_seconds());
  request.granted_ = true;
  Lease& lease = request.lease_;
  lease.resource_ = this;
  lease.set_owner(request.holder_);
  lease.since_ = now;
  lease.priority_ = request.priority_;
  lease.order_ = request.order_;
  holders_.push_back(lease);
}

void Resource::release(Lease& lease) noexcept {
  holders_.remove(lease);
  lease.resource_ = nullptr;
  --in_use_;
  serve_waiters();
  record_levels();
}

void Resource::serve_waiters() noexcept {
  // Hand free units straight to the next waiters: each holds its unit now and resumes shortly.
  // (Once the simulation is gone there is no waiter: its frames were destroyed.)
  detail::Kernel* const kernel = kernel_.get();
  while (kernel != nullptr && in_use_ < capacity_ && !waiters_.empty()) {
    AcquireAwaiter& next = *waiters_.pop_front();
    grant(next, kernel->now());
    kernel->wake(*next.process_);
  }
}

}  // namespace truckflow::engine
