// The kernel's event loop, process lifecycle, interrupts and signals.
#include "truckflow/engine/detail/kernel.hpp"

#include <cstddef>
#include <stdexcept>
#include <utility>

namespace truckflow::engine::detail {

ProcessExtras::~ProcessExtras() {
  if (done != nullptr) release(*done);
  if (holder != nullptr) {
    holder->process = nullptr;
    release(*holder);
  }
}

void release(HolderTag& tag) noexcept {
  if (--tag.refs == 0) delete &tag;
}

HolderTag& Kernel::make_holder_tag(ProcessState& process) {
  ProcessExtras& extras = process.extras();
  if (extras.holder == nullptr) {
    extras.holder = new HolderTag{&process, 1};
  }
  return *extras.holder;
}

void Kernel::drop_holder_tag(ProcessState& process) noexcept {
  if (process.extras_ && process.extras_->holder != nullptr) {
    process.extras_->holder->process = nullptr;
    detail::release(*std::exchange(process.extras_->holder, nullptr));
  }
}

Kernel& KernelRef::require(const char* what) const {
  Kernel* const kernel = get();
  if (kernel == nullptr) throw std::logic_error(std::string(what) + " belongs to a simulation that was destroyed");
  return *kernel;
}

std::string ProcessState::name() const {
  if (extras_ && !extras_->name.empty()) return extras_->name;
  return "process#" + std::to_string(id);
}

// ---------------------------------------------------------------------------------------------
// Signals

Signal::Signal(Kernel& kernel) noexcept : kernel_(&kernel) { kernel.signals_.push_back(*this); }

Signal::~Signal() {
  if (kernel_ != nullptr) kernel_->signals_.remove(*this);
}

Kernel& Signal::kernel() const {
  if (kernel_ == nullptr) throw std::logic_error("the simulation this event belongs to was destroyed");
  return *kernel_;
}

void release(Signal& signal) noexcept {
  if (--signal.refs == 0) {
    delete &signal;
  } else {
    signal.on_reference_dropped();
  }
}

void Signal::on_reference_dropped() noexcept {
  // The last reference is the agenda entry's (a timer is scheduled once): nobody waits or can.
  if (!disposable_timer_ || refs != 1 || pending_seq == 0 || kernel_ == nullptr || !waiters_.empty()) return;
  pending_seq = 0;
  kernel_->note_stale();
}

void Signal::require_pending() const {
  if (state_ != State::pending) throw std::logic_error("event already triggered: an event succeeds or fails once");
}

void Signal::succeed() {
  Kernel& k = kernel();
  require_pending();
  state_ = State::succeeded;
  k.schedule(*this, k.now(), Priority::normal);
}

void Signal::fail(std::exception_ptr error) {
  if (!error) throw std::invalid_argument("Event::fail needs an exception");
  Kernel& k = kernel();
  require_pending();
  state_ = State::failed;
  error_ = std::move(error);
  k.schedule(*this, k.now(), Priority::normal);
}

void Signal::succeed_at(Time at) {
  Kernel& k = kernel();
  require_pending();
  state_ = State::succeeded;
  k.schedule(*this, at, Priority::normal);
}

void Signal::settle(std::exception_ptr error) noexcept {
  state_ = error ? State::failed : State::succeeded;
  error_ = std::move(error);
  processed_ = true;
}

void Signal::add_waiter(SignalWaiter& waiter) noexcept { waiters_.push_back(waiter); }

void Signal::remove_waiter(SignalWaiter& waiter) noexcept {
  if (waiter.is_linked()) waiters_.remove(waiter);
}

void Signal::fire() {
  processed_ = true;
  const SignalRef keep_alive(this);  // a resumed waiter may drop the last outside reference
  // Decided now, when the outcome is delivered: a waiter that withdrew in the meantime (it was
  // interrupted, or another operand of its any_of fired first) takes nothing.
  if (state_ == State::failed && waiters_.empty()) on_unobserved_failure();
  while (SignalWaiter* waiter = waiters_.pop_front()) waiter->on_signal(*this);
}

/// The completion of a process: a failure nobody waits for when it fires ends `run()`.
class DoneSignal final : public Signal {
 public:
  DoneSignal(Kernel& kernel, std::string process_name) : Signal(kernel), process_name_(std::move(process_name)) {}

 private:
  void on_unobserved_failure() override { kernel().report_failure(error(), process_name_); }
  std::string process_name_;
};

// ---------------------------------------------------------------------------------------------
// Scheduling

Kernel::Kernel() : link_(new KernelLink) {
  link_->kernel = this;
  link_->refs = 1;
}

Kernel::~Kernel() {
  shutdown();
  link_->kernel = nullptr;
  if (--link_->refs == 0) delete link_;
}

void Kernel::throw_before_now(Time at) const {
  throw std::logic_error("cannot schedule at " + to_string(at) + ", before the current time " + to_string(now_));
}

void Kernel::throw_sequences_exhausted() {
  throw std::overflow_error("event sequence numbers exhausted (2^56 events)");
}

void Kernel::schedule(Signal& signal, Time at, Priority priority) {
  const std::uint64_t seq = push(at, priority, reinterpret_cast<std::uintptr_t>(&signal) | signal_tag,
                                 at == now_ && priority == Priority::normal);
  if (seq == 0) return;
  const bool superseded = signal.pending_seq != 0;
  signal.pending_seq = seq;
  ++signal.refs;
  if (superseded) note_stale();
}

bool Kernel::is_live(const AgendaEntry& entry) const noexcept {
  const std::uint64_t seq = entry.key & sequence_mask;
  return (entry.target & signal_tag) != 0 ? reinterpret_cast<Signal*>(entry.target & ~signal_tag)->pending_seq == seq
                                          : reinterpret_cast<ProcessState*>(entry.target)->pending_seq == seq;
}

void Kernel::compact() noexcept {
  // Live entries keep their (time, priority, sequence) keys, so the firing order is unchanged.
  // The stale ones are collected first and released after: releasing may free a target.
  TrivialVector<AgendaEntry> dropped;
  agenda_.erase_if([&](const AgendaEntry& entry) {
    if (is_live(entry)) return false;
    try {
      dropped.push_back(entry);
    } catch (...) {
      return false;  // no memory to hold it: it stays, and is dropped when reached
    }
    return true;
  });
  stale_ -= dropped.size();
  for (const AgendaEntry& entry : dropped) release_entry(entry);
}

void Kernel::release_entry(const AgendaEntry& entry) noexcept {
  if ((entry.target & signal_tag) != 0) {
    detail::release(*reinterpret_cast<Signal*>(entry.target & ~signal_tag));
  } else {
    release(*reinterpret_cast<ProcessState*>(entry.target));
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

ProcessState& Kernel::create_process(std::coroutine_handle<> frame, std::string name, Priority start) {
  // The state was constructed with the frame (see ProcessState). Everything that can throw happens
  // before the process is registered; if it throws, the frame (already taken from its Process) is
  // destroyed here, and the state with it, so nothing leaks and nothing is counted.
  ProcessState& process = ProcessState::of_frame(frame.address());
  try {
    if (shutting_down_ || closed_) {
      throw std::logic_error("cannot spawn a process: the simulation is being destroyed");
    }
    if (live_.size() >= std::uint32_t(-1)) throw std::length_error("too many live processes (2^32)");
    if (next_process_id_ > ProcessState::max_id) throw std::overflow_error("process ids exhausted (2^56 processes)");
    if (!name.empty()) process.extras().name = std::move(name);
    live_.reserve_one_more();
    // Through the heap, not the now-FIFO: a burst of spawns would otherwise hold a second copy of
    // the agenda while the processes start and schedule their next events.
    process.pending_seq = push(now_, start, reinterpret_cast<std::uintptr_t>(&process), false);
  } catch (...) {
    frame.destroy();
    throw;
  }
  process.kernel = link();
  process.id = next_process_id_++;
  process.refs = 2;  // the kernel's, until the process finishes, and the agenda entry's
  process.live_index = static_cast<std::uint32_t>(live_.size());
  live_.push_back(&process);
  return process;
}

void Kernel::release(ProcessState& process) noexcept {
  if (--process.refs == 0) process.free_block();
}

void Kernel::unregister(ProcessState& process) noexcept {
  ProcessState* const last = live_.back();
  live_[process.live_index] = last;
  last->live_index = process.live_index;
  live_.pop_back();
}

void Kernel::resume(ProcessState& process) {
  process.wait = nullptr;
  process.status = ProcessState::Status::running;
  const Running previous = std::exchange(running, Running{this, &process});
  process.resume_point().resume();
  running = previous;
  if (process.is_finished()) finish(process);
}

void Kernel::finish(ProcessState& process) {
  unregister(process);
  drop_holder_tag(process);
  process.frame().destroy();  // the kernel's reference keeps the state (and its block) until below
  const bool failed = process.status == ProcessState::Status::failed;
  // Releases the kernel's reference however this ends (scheduling the done signal may throw).
  const struct Release {
    ProcessState& process;
    ~Release() { Kernel::release(process); }
  } release_at_end{process};
  if (process.extras_ && process.extras_->done != nullptr) {
    // Whether anyone takes a failure is decided when the signal fires (DoneSignal), not now.
    Signal& done = *process.extras_->done;
    if (failed) {
      done.fail(process.error);
    } else {
      done.succeed();
    }
  } else if (failed) {
    report_failure(process.error, process.name());
  }
}

void Kernel::report_failure(std::exception_ptr error, std::string process_name) {
  failures_.push_back({std::move(error), std::move(process_name), now_});
  attention_ = true;
}

Signal& Kernel::done_signal(ProcessState& process) {
  ProcessExtras& extras = process.extras();
  if (extras.done == nullptr) {
    extras.done = new DoneSignal(*this, process.name());
    ++extras.done->refs;
    // The completion of a process that already finished is in the past.
    if (process.is_finished()) extras.done->settle(process.error);
  }
  return *extras.done;
}

void Kernel::interrupt(ProcessState& process, std::any cause) {
  if (process.is_finished()) {
    throw std::logic_error("cannot interrupt " + process.name() + ": it has already finished");
  }
  if (process.status == ProcessState::Status::abandoned) {
    throw std::logic_error("cannot interrupt " + process.name() + ": its simulation was destroyed");
  }
  if (&process == running.process) throw std::logic_error(process.name() + " cannot interrupt itself");
  process.extras().interrupts.push_back(std::move(cause));
  process.has_pending_interrupt = true;
  if (process.wait != nullptr) {
    schedule(process, now_, Priority::urgent);  // first: if it throws, the process is still waiting
    std::exchange(process.wait, nullptr)->withdraw();
    process.woken_by_interrupt = true;
  }
  // Otherwise the process is running or about to resume: the interrupt is raised at its next wait.
}

void Kernel::raise_interrupt(ProcessState& process) {
  process.woken_by_interrupt = false;
  auto& causes = process.extras_->interrupts;
  std::any cause = std::move(causes.front());
  causes.pop_front();
  process.has_pending_interrupt = !causes.empty();
  throw Interrupted(std::move(cause));
}

// ---------------------------------------------------------------------------------------------
// Running

void Kernel::notify_observer(const AgendaEntry& entry, EventRecord::Kind kind, std::uint64_t process_id) noexcept {
  // An observer that throws fails the run; the event itself is still delivered, so no process
  // is lost half-dispatched and every reference is released.
  try {
    observer_(EventRecord{now_, static_cast<Priority>(entry.key >> sequence_bits), entry.key & sequence_mask, kind,
                          process_id});
  } catch (...) {
    fail_run(std::current_exception());
  }
}

bool Kernel::dispatch_signal(const AgendaEntry& entry) {
  auto* signal = reinterpret_cast<Signal*>(entry.target & ~signal_tag);
  const bool live = signal->pending_seq == (entry.key & sequence_mask);
  if (live) {
    signal->pending_seq = 0;
    record(entry, EventRecord::Kind::signal, 0);
    try {
      signal->fire();
    } catch (...) {
      fail_run(std::current_exception());
    }
  } else {
    --stale_;
  }
  detail::release(*signal);
  return live;
}

inline bool Kernel::dispatch_process(const AgendaEntry& entry) {
  auto* process = reinterpret_cast<ProcessState*>(entry.target);
  const bool live = process->pending_seq == (entry.key & sequence_mask);
  if (live) {
    process->pending_seq = 0;
    record(entry, EventRecord::Kind::process_resume, process->id);
    resume_from_callback(*process);
  } else {
    --stale_;
  }
  release(*process);
  return live;
}

void Kernel::throw_pending_failure() {
  if (fatal_) std::rethrow_exception(fatal_);
  if (failures_.empty()) return;
  Failure failure = std::move(failures_.front());
  failures_.pop_front();
  std::string message = "unknown exception";
  try {
    std::rethrow_exception(failure.error);
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  try {
    std::rethrow_exception(failure.error);
  } catch (...) {
    std::throw_with_nested(ProcessError(std::move(failure.process_name), failure.time, message));
  }
}

namespace {
/// Below this many live processes their states and frames stay in cache: no prefetch.
constexpr std::size_t prefetch_threshold = 4096;
}  // namespace

inline bool Kernel::fire_next(std::int64_t limit) {
  AgendaEntry entry;
  // Taken, not popped: if the event schedules a new heap entry (a process firing usually does),
  // that entry replaces this one in the heap in one sift (see BasicAgenda).
  while (agenda_.take_before(limit, entry)) {
    // While this event runs, fetch what the next one will touch: with 10^5 processes their states
    // and frames are rarely in cache. A process's busy bytes run from its state's reference count
    // to the first locals of its frame, which follows the state: three cache lines at most. (A hint
    // only: for a signal, or an entry that this event displaces from the top, the fetch is wasted.)
    const AgendaEntry* const following = live_.size() >= prefetch_threshold ? agenda_.next_after_take() : nullptr;
    if (following != nullptr) {
      const char* const next = reinterpret_cast<const char*>(following->target & ~signal_tag);
      __builtin_prefetch(next + offsetof(ProcessState, refs));
      __builtin_prefetch(next + offsetof(ProcessState, refs) + 64);
      __builtin_prefetch(next + offsetof(ProcessState, refs) + 128);
    }
    const bool live = (entry.target & signal_tag) != 0 ? dispatch_signal(entry) : dispatch_process(entry);
    agenda_.settle();
    if (live) return true;
  }
  return false;
}

bool Kernel::step(Time limit) {
  if (fatal_ || !failures_.empty()) throw_pending_failure();
  if (!fire_next(limit.ticks())) return false;
  if (fatal_ || !failures_.empty()) throw_pending_failure();
  return true;
}

bool Kernel::run_before(Time limit) {
  stop_requested_ = false;
  const std::int64_t end = limit.ticks();
  for (;;) {
    // Between events, in this order: a failure to report, then a stop.
    if (fatal_ || !failures_.empty()) throw_pending_failure();
    if (stop_requested_) break;
    attention_ = false;
    bool fired = false;
    while ((fired = fire_next(end)) && !attention_) {
    }
    if (!fired) break;
  }
  return std::exchange(stop_requested_, false);
}

std::optional<Time> Kernel::next_event_time() {
  while (!agenda_.empty()) {
    const AgendaEntry& top = agenda_.top();
    if (is_live(top)) return Time::from_ticks(top.time);
    const AgendaEntry stale = agenda_.pop();
    --stale_;
    release_entry(stale);
  }
  return std::nullopt;
}

void Kernel::shutdown() noexcept {
  if (closed_) return;
  // Destroying a frame runs the destructors of its locals: leases are released (possibly waking
  // other processes, harmlessly), waits are withdrawn from their queues.
  shutting_down_ = true;
  TrivialVector<ProcessState*> live;
  live.swap(live_);
  for (ProcessState* process : live) {
    process->status = ProcessState::Status::abandoned;
    process->wait = nullptr;
    drop_holder_tag(*process);
  }
  for (ProcessState* process : live) process->frame().destroy();
  closed_ = true;
  agenda_.for_each([this](const AgendaEntry& entry) { release_entry(entry); });
  agenda_.clear();
  stale_ = 0;
  for (ProcessState* process : live) release(*process);
  failures_.clear();
  // Events that outlive the simulation (held by handles elsewhere) must not reach back into it.
  while (Signal* signal = signals_.pop_front()) signal->kernel_ = nullptr;
}

}  // namespace truckflow::engine::detail
