// The kernel: the clock, the agenda, the state of every process and signal, and the loop that
// fires them. Public types (Simulation, Process, Event, Resource...) are thin faces over it.
#pragma once

#include <any>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truckflow/engine/detail/agenda.hpp"
#include "truckflow/engine/detail/frame_pool.hpp"
#include "truckflow/engine/detail/intrusive_list.hpp"
#include "truckflow/engine/detail/trivial_vector.hpp"
#include "truckflow/engine/errors.hpp"
#include "truckflow/engine/time.hpp"

namespace truckflow::engine {

/// Same-time events fire in priority order (lower value first), then in the order scheduled.
enum class Priority : std::uint8_t { urgent = 0, high = 64, normal = 128, low = 192 };

/// What the observer hook sees of each event as it fires.
struct EventRecord {
  enum class Kind : std::uint8_t { process_resume, signal };
  Time time;
  Priority priority;
  std::uint64_t sequence;  ///< insertion sequence: unique and increasing
  Kind kind;
  std::uint64_t process_id;  ///< the resumed process; 0 for a signal
};

namespace detail {

class Kernel;
class Signal;

/// A pending wait that an interrupt can withdraw its process from (unlinking it from a queue).
class Waiter {
 public:
  virtual void withdraw() noexcept = 0;

 protected:
  Waiter() = default;
  Waiter(const Waiter&) = default;
  Waiter& operator=(const Waiter&) = default;
  ~Waiter() = default;
};

/// A process waiting on a timer: nothing to unlink, the superseded agenda entry goes stale.
class TimerWait final : public Waiter {
 public:
  void withdraw() noexcept override {}
};
inline TimerWait timer_wait;

class ProcessState;

/// Who holds a Lease, without keeping that process's state alive (a lease can sit in its holder's
/// own result: a counted reference to the state would be a cycle). The process points to it while
/// it runs and clears it when it finishes, so a holder is either running or gone. Reference-counted
/// by the process and by every lease it holds.
struct HolderTag {
  ProcessState* process = nullptr;  ///< null once the process has finished (or was abandoned)
  std::uint32_t refs = 0;
};
void release(HolderTag& tag) noexcept;

/// Per-process data that most processes never need, allocated on first use.
struct ProcessExtras {
  ProcessExtras() = default;
  ProcessExtras(const ProcessExtras&) = delete;
  ProcessExtras& operator=(const ProcessExtras&) = delete;
  ~ProcessExtras();

  std::string name;
  std::deque<std::any> interrupts;  ///< causes not yet raised, oldest first
  std::shared_ptr<void> result;     ///< what a finished Process<T> returned (T non-void)
  Signal* done = nullptr;           ///< fires when the process finishes (owning reference)
  HolderTag* holder = nullptr;      ///< names it in the leases it holds (owning reference)
};

/// What outlives a kernel on behalf of everything that may outlive it (process states, resources,
/// containers, stores): whether the kernel is still there. Reference-counted (single-threaded, like
/// the kernel); the kernel holds one reference and clears `kernel` when it shuts down.
class KernelLink {
 public:
  Kernel* kernel = nullptr;
  std::uint32_t refs = 0;
};

/// An owning reference to a KernelLink.
class KernelRef {
 public:
  KernelRef() noexcept = default;
  explicit KernelRef(KernelLink* link) noexcept : link_(link) {
    if (link_ != nullptr) ++link_->refs;
  }
  KernelRef(const KernelRef& other) noexcept : KernelRef(other.link_) {}
  KernelRef(KernelRef&& other) noexcept : link_(std::exchange(other.link_, nullptr)) {}
  KernelRef& operator=(KernelRef other) noexcept {
    std::swap(link_, other.link_);
    return *this;
  }
  ~KernelRef() {
    if (link_ != nullptr && --link_->refs == 0) delete link_;
  }
  /// The kernel, or null once it is gone.
  Kernel* get() const noexcept { return link_ != nullptr ? link_->kernel : nullptr; }
  /// The kernel; throws `std::logic_error` naming `what` once the simulation was destroyed.
  Kernel& require(const char* what) const;

 private:
  KernelLink* link_ = nullptr;
};

/// A process awaiting another inline: the awaiting frame, the running child, and the frame below.
struct InlineFrame {
  std::coroutine_handle<> parent;
  std::coroutine_handle<> child;
  InlineFrame* previous = nullptr;
};

/// The bookkeeping of one spawned process: a coroutine started by `Simulation::spawn`, together
/// with the stack of processes it awaits inline. Reference-counted: the kernel holds one reference
/// until the process finishes, each agenda entry, each ProcessHandle and each Lease one.
///
/// It lives in the same pool block as its top-level coroutine frame, just before it (the promise's
/// operator new allocates both and constructs the state; see `PromiseBase`): one allocation per
/// process, no pointer from the state to the frame, and the state's busy fields sit next to the
/// frame's first bytes, so a resume touches two or three adjacent cache lines. Every process frame
/// has one (an inline child's simply stays unused). Destroying the frame frees the block only if
/// nothing references the state; otherwise the block goes when the last reference does.
class ProcessState {
 public:
  enum class Status : std::uint8_t { created, running, succeeded, failed, abandoned };
  /// Process ids are 56-bit (a spawn also takes one of the 2^56 event sequence numbers).
  static constexpr std::uint64_t max_id = (std::uint64_t{1} << 56) - 1;

  ProcessState() noexcept = default;
  ProcessState(const ProcessState&) = delete;
  ProcessState& operator=(const ProcessState&) = delete;

  ProcessExtras& extras() {
    if (!extras_) extras_ = std::make_unique<ProcessExtras>();
    return *extras_;
  }
  /// The name given at spawn, or "process#<id>".
  std::string name() const;
  bool is_finished() const noexcept { return status == Status::succeeded || status == Status::failed; }
  /// The top-level frame, owned by the kernel until the process finishes (it follows the state).
  std::coroutine_handle<> frame() const noexcept;
  /// The innermost frame: where the process resumes.
  std::coroutine_handle<> resume_point() const noexcept { return inline_top != nullptr ? inline_top->child : frame(); }

  /// The state placed before `frame` (a frame allocated by a process promise).
  static ProcessState& of_frame(void* frame) noexcept;
  /// Allocates a pool block for a process frame of `frame_bytes` (a multiple of 16), constructs the
  /// state at its start and returns where the frame goes.
  static void* allocate_with_frame(std::size_t frame_bytes);
  /// The frame (of `frame_bytes`) was destroyed: frees the block, or leaves it to the last reference.
  static void frame_destroyed(void* frame, std::size_t frame_bytes) noexcept;
  /// The last reference went (after the frame was destroyed): destroys the state and frees the block.
  void free_block() noexcept;

  // Rarely used, first; the fields every resume touches last, next to the frame.
  std::unique_ptr<ProcessExtras> extras_;
  /// Why the process (or the inline child it awaits) failed. Kept here, not in the extras, so that
  /// recording a failure never allocates.
  std::exception_ptr error;
  KernelRef kernel;              ///< the kernel it was spawned in (null once that is gone)
  std::uint32_t live_index = 0;  ///< position in the kernel's registry of unfinished processes
  std::uint32_t refs = 0;
  std::uint64_t pending_seq = 0;  ///< sequence of this process's live agenda entry, 0 if none
  std::uint64_t id : 56 = 0;
  Status status : 3 = Status::created;
  bool woken_by_interrupt : 1 = false;     ///< the current wait ended with an interrupt to raise
  bool has_pending_interrupt : 1 = false;  ///< extras_->interrupts is not empty
  Waiter* wait = nullptr;                  ///< the pending wait an interrupt would withdraw
  InlineFrame* inline_top = nullptr;       ///< the innermost inline await, null when running the top frame
};

/// Where a process's frame starts in its block: right after the state, kept 16-aligned.
inline constexpr std::size_t process_frame_offset = (sizeof(ProcessState) + 15) & ~std::size_t{15};
static_assert(sizeof(void*) != 8 || process_frame_offset == 64,
              "ProcessState should fit one cache line (64 bytes): it sits before every process frame "
              "(see docs/design.md, 'Keeping a suspended process small')");

inline std::coroutine_handle<> ProcessState::frame() const noexcept {
  return std::coroutine_handle<>::from_address(const_cast<char*>(reinterpret_cast<const char*>(this)) +
                                               process_frame_offset);
}

inline ProcessState& ProcessState::of_frame(void* frame) noexcept {
  return *std::launder(reinterpret_cast<ProcessState*>(static_cast<char*>(frame) - process_frame_offset));
}

inline void* ProcessState::allocate_with_frame(std::size_t frame_bytes) {
  void* const block = pool_allocate(process_frame_offset + frame_bytes);
  ::new (block) ProcessState();
  return static_cast<char*>(block) + process_frame_offset;
}

inline void ProcessState::frame_destroyed(void* frame, std::size_t frame_bytes) noexcept {
  ProcessState& state = of_frame(frame);
  if (state.refs == 0) {
    state.~ProcessState();
    pool_deallocate(&state, process_frame_offset + frame_bytes);
  } else {
    // Handles (or entries) still read the state. The frame's memory is dead now; it keeps the
    // frame's size until the block is freed (see free_block).
    ::new (frame) std::size_t(frame_bytes);
  }
}

inline void ProcessState::free_block() noexcept {
  void* const dead_frame = frame().address();
  const std::size_t frame_bytes = *std::launder(static_cast<std::size_t*>(dead_frame));
  this->~ProcessState();
  pool_deallocate(this, process_frame_offset + frame_bytes);
}

/// The kernel and process whose coroutine is executing on this thread (both null between events).
/// Awaitables find their process here, which keeps coroutine frames small.
struct Running {
  Kernel* kernel = nullptr;
  ProcessState* process = nullptr;
};
inline thread_local Running running;

class SignalWaiter;

/// A one-shot occurrence processes wait for: the state behind an Event, the completion of a
/// process, a timer inside any_of. Triggering schedules it; when the kernel fires it, its waiters
/// resume in the order they started waiting. Reference-counted like ProcessState.
class Signal : public ListNode {  // linked in its kernel's registry of signals
 public:
  enum class State : std::uint8_t { pending, succeeded, failed };

  explicit Signal(Kernel& kernel) noexcept;
  Signal(const Signal&) = delete;
  Signal& operator=(const Signal&) = delete;
  virtual ~Signal();

  static void* operator new(std::size_t bytes) { return pool_allocate(bytes); }
  static void operator delete(void* block, std::size_t bytes) noexcept { pool_deallocate(block, bytes); }

  /// Throws `std::logic_error` if the simulation was destroyed.
  Kernel& kernel() const;
  State state() const noexcept { return state_; }
  bool is_triggered() const noexcept { return state_ != State::pending; }
  /// True once fired: waiting on it returns at once.
  bool is_processed() const noexcept { return processed_; }
  const std::exception_ptr& error() const noexcept { return error_; }

  /// Throws `std::logic_error` if the signal was already triggered.
  void require_pending() const;
  /// Triggers with success; the signal fires at the current time. Throws if already triggered.
  void succeed();
  /// Triggers with failure; waiters get `error` rethrown. Throws if already triggered.
  void fail(std::exception_ptr error);
  /// Triggers with success at `at` (>= now): a timer.
  void succeed_at(Time at);
  /// Settles a pending signal as already fired, without an event (for outcomes known in the past).
  void settle(std::exception_ptr error) noexcept;

  void add_waiter(SignalWaiter& waiter) noexcept;
  void remove_waiter(SignalWaiter& waiter) noexcept;
  bool has_waiters() const noexcept { return !waiters_.empty(); }

  /// Called by the kernel: marks the signal processed and notifies each waiter in order. A failure
  /// that fires with no waiter to take it is handed to `on_unobserved_failure`.
  void fire();

  /// A timer made for an any_of / all_of: once nothing but its agenda entry holds it, the entry is
  /// cancelled (nobody can observe it any more).
  void make_disposable_timer() noexcept { disposable_timer_ = true; }
  /// Called when a reference is dropped: cancels a disposable timer nobody holds any more.
  void on_reference_dropped() noexcept;

  std::uint64_t pending_seq = 0;
  std::uint32_t refs = 0;

 protected:
  /// The signal failed and nobody was waiting when it fired. By default nothing happens (an event
  /// that fails unwatched is the model's business); a process's completion reports it to `run()`.
  virtual void on_unobserved_failure() {}

 private:
  friend class Kernel;
  Kernel* kernel_;  ///< null once the kernel is gone
  IntrusiveList<SignalWaiter> waiters_;
  std::exception_ptr error_;
  State state_ = State::pending;
  bool processed_ = false;
  bool disposable_timer_ = false;
};

/// Something waiting on a Signal.
class SignalWaiter : public ListNode {
 public:
  /// The signal fired; the waiter has already been unlinked. A waiter that resumes a process
  /// routes what that throws to the kernel (`Kernel::resume_from_callback`).
  virtual void on_signal(Signal& signal) noexcept = 0;

 protected:
  SignalWaiter() = default;
  SignalWaiter(const SignalWaiter&) = default;
  SignalWaiter& operator=(const SignalWaiter&) = default;
  ~SignalWaiter() = default;
};

void release(Signal& signal) noexcept;

/// An owning reference to a Signal.
class SignalRef {
 public:
  SignalRef() noexcept = default;
  explicit SignalRef(Signal* signal) noexcept : signal_(signal) {
    if (signal_ != nullptr) ++signal_->refs;
  }
  SignalRef(const SignalRef& other) noexcept : SignalRef(other.signal_) {}
  SignalRef(SignalRef&& other) noexcept : signal_(std::exchange(other.signal_, nullptr)) {}
  SignalRef& operator=(SignalRef other) noexcept {
    std::swap(signal_, other.signal_);
    return *this;
  }
  ~SignalRef() {
    if (signal_ != nullptr) release(*signal_);
  }
  Signal* get() const noexcept { return signal_; }
  Signal* operator->() const noexcept { return signal_; }
  Signal& operator*() const noexcept { return *signal_; }
  explicit operator bool() const noexcept { return signal_ != nullptr; }

 private:
  Signal* signal_ = nullptr;
};

/// The event loop and everything it owns.
class Kernel {
 public:
  Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;
  ~Kernel();

  Time now() const noexcept { return now_; }
  std::uint64_t events_processed() const noexcept { return events_processed_; }
  /// Agenda entries, including superseded ones not yet discarded.
  std::size_t pending_entries() const noexcept { return agenda_.size(); }
  /// Superseded entries still in the agenda. They are dropped when reached, or all at once when
  /// they are more than half of the agenda (and at least `compaction_floor`), so a long timer that
  /// is interrupted or loses an any_of does not keep its entry until its deadline.
  std::size_t stale_entries() const noexcept { return stale_; }
  static constexpr std::size_t compaction_floor = 1024;
  /// An entry was superseded or cancelled: counts it, and compacts the agenda when due.
  void note_stale() noexcept {
    if (shutting_down_ || closed_) return;  // the agenda is being released as a whole
    ++stale_;
    if (stale_ >= compaction_floor && 2 * stale_ > agenda_.size()) compact();
  }
  std::size_t live_processes() const noexcept { return live_.size(); }
  /// A reference that tells, for as long as it is held, whether this kernel still exists.
  KernelRef link() const noexcept { return KernelRef(link_); }

  // Scheduling. `at` must not be earlier than now. A process or signal has at most one live entry:
  // scheduling it again supersedes the previous one.
  void schedule(ProcessState& process, Time at, Priority priority) {
    const std::uint64_t seq =
        push(at, priority, reinterpret_cast<std::uintptr_t>(&process), at == now_ && priority == Priority::normal);
    if (seq == 0) return;
    const bool superseded = process.pending_seq != 0;
    process.pending_seq = seq;
    ++process.refs;
    if (superseded) [[unlikely]]
      note_stale();  // after the new entry is accounted for: compaction keeps it
  }
  void schedule(Signal& signal, Time at, Priority priority);
  /// The wait of `process` is over: it resumes now, after events already due now. Never throws:
  /// called where a unit, a level or an item is handed over (often from a destructor); if the
  /// entry cannot be scheduled, the run fails (see `fail_run`).
  void wake(ProcessState& process) noexcept {
    process.wait = nullptr;
    try {
      schedule(process, now_, Priority::normal);
    } catch (...) {
      fail_run(std::current_exception());
    }
  }
  /// Resumes `process` from a callback that must not throw (a signal waking its waiters): what
  /// goes wrong in the kernel on the way fails the run instead of terminating the program.
  void resume_from_callback(ProcessState& process) noexcept {
    try {
      resume(process);
    } catch (...) {
      fail_run(std::current_exception());
    }
  }
  /// The run cannot go on (the kernel could not schedule or record something where no caller
  /// could be told): every later step throws `error`. The simulation can still be destroyed.
  void fail_run(std::exception_ptr error) noexcept {
    if (!fatal_) fatal_ = std::move(error);
    stop_requested_ = true;
    attention_ = true;
  }

  // Processes.
  /// Registers a new process whose top-level frame is `frame`; it starts at the current time, with
  /// `start` priority among the events due now. On failure (allocation) the frame is destroyed.
  ProcessState& create_process(std::coroutine_handle<> frame, std::string name, Priority start);
  /// Runs `process` until its next wait (or its end).
  void resume(ProcessState& process);
  void interrupt(ProcessState& process, std::any cause);
  /// At the start of a wait: true (and the wait must not suspend) if an interrupt is pending.
  static bool interrupt_pending(ProcessState& process) noexcept {
    if (!process.has_pending_interrupt) return false;
    process.woken_by_interrupt = true;
    return true;
  }
  /// At the end of a wait: raises the interrupt that ended it, if any.
  static void end_wait() {
    ProcessState& process = *running.process;
    if (process.woken_by_interrupt) raise_interrupt(process);
  }
  /// The signal that fires when `process` finishes (created on first use).
  Signal& done_signal(ProcessState& process);
  /// The tag that names `process` in the leases it holds (created on first use).
  static HolderTag& holder_tag(ProcessState& process) {
    if (process.extras_ && process.extras_->holder != nullptr) return *process.extras_->holder;
    return make_holder_tag(process);
  }
  static HolderTag& make_holder_tag(ProcessState& process);
  /// The process is finished or abandoned: its leases no longer name it.
  static void drop_holder_tag(ProcessState& process) noexcept;
  static void add_ref(ProcessState& process) noexcept { ++process.refs; }
  static void release(ProcessState& process) noexcept;

  // Running.
  /// Fires the next live event due strictly before `limit`; false if there is none.
  bool step(Time limit);
  /// Fires events due before `limit` until there are none or `stop()` is called.
  /// Returns true if stopped.
  bool run_before(Time limit);
  void stop() noexcept {
    stop_requested_ = true;
    attention_ = true;
  }
  /// Advances the clock to `t` (>= now) with no event in between.
  void advance_to(Time t) noexcept { now_ = t; }
  /// Time of the next live event, discarding superseded entries on the way.
  std::optional<Time> next_event_time();
  void set_observer(std::function<void(const EventRecord&)> observer) { observer_ = std::move(observer); }
  /// Destroys the frame of every unfinished process and empties the agenda. Idempotent.
  void shutdown() noexcept;

  // For tests of limits that take too long to reach: the next insertion sequence and process id.
  void set_next_sequence_for_testing(std::uint64_t seq) noexcept { next_seq_ = seq; }
  void set_next_process_id_for_testing(std::uint64_t id) noexcept { next_process_id_ = id; }

 private:
  friend class Signal;
  static constexpr std::uintptr_t signal_tag = 1;

  /// Returns the new entry's sequence, or 0 if the kernel is shut down. `now_fast_path`: the entry
  /// is due now with normal priority and may skip the heap. (Inline: every wait calls it.)
  std::uint64_t push(Time at, Priority priority, std::uintptr_t target, bool now_fast_path) {
    if (closed_) return 0;
    if (at < now_) [[unlikely]]
      throw_before_now(at);
    const std::uint64_t seq = next_seq_++;
    if (seq > sequence_mask) [[unlikely]]
      throw_sequences_exhausted();
    const std::uint64_t key = (std::uint64_t{static_cast<std::uint8_t>(priority)} << sequence_bits) | seq;
    agenda_.push({at.ticks(), key, target}, now_fast_path);
    return seq;
  }
  [[noreturn]] void throw_before_now(Time at) const;
  [[noreturn]] static void throw_sequences_exhausted();
  /// Fires the next live event due before `limit` (discarding superseded entries on the way);
  /// false if there is none.
  bool fire_next(std::int64_t limit);
  bool dispatch_signal(const AgendaEntry& entry);
  bool dispatch_process(const AgendaEntry& entry);
  /// The clock moves to the entry's time; the observer, if any, sees the event.
  void record(const AgendaEntry& entry, EventRecord::Kind kind, std::uint64_t process_id) {
    now_ = Time::from_ticks(entry.time);
    ++events_processed_;
    if (observer_) [[unlikely]]
      notify_observer(entry, kind, process_id);
  }
  void notify_observer(const AgendaEntry& entry, EventRecord::Kind kind, std::uint64_t process_id) noexcept;
  void finish(ProcessState& process);
  friend class DoneSignal;
  void report_failure(std::exception_ptr error, std::string process_name);
  void unregister(ProcessState& process) noexcept;
  void throw_pending_failure();
  [[noreturn]] static void raise_interrupt(ProcessState& process);
  void release_entry(const AgendaEntry& entry) noexcept;
  bool is_live(const AgendaEntry& entry) const noexcept;
  void compact() noexcept;

  struct Failure {
    std::exception_ptr error;
    std::string process_name;
    Time time;
  };

  Time now_;
  std::uint64_t next_seq_ = 1;
  std::uint64_t next_process_id_ = 1;
  std::uint64_t events_processed_ = 0;
  Agenda agenda_;
  TrivialVector<ProcessState*> live_;
  IntrusiveList<Signal> signals_;  ///< every signal alive, told when the kernel goes
  std::deque<Failure> failures_;
  std::exception_ptr fatal_;  ///< see fail_run
  std::size_t stale_ = 0;     ///< superseded entries still in the agenda
  KernelLink* link_;          ///< the kernel's own reference
  std::function<void(const EventRecord&)> observer_;
  bool stop_requested_ = false;
  /// Set by whatever run_before must look at between events (a stop, a failure to report, a
  /// fatal error), so that its loop tests one flag per event instead of three conditions.
  bool attention_ = false;
  bool shutting_down_ = false;  ///< frames are being destroyed: no new processes
  bool closed_ = false;         ///< the agenda is gone: nothing is scheduled any more
};

}  // namespace detail
}  // namespace truckflow::engine
