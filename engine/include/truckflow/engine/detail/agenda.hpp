// The pending-event set: entries ordered by (time, priority, insertion sequence).
#pragma once

#include <cstddef>
#include <cstdint>

#include "truckflow/engine/detail/event_set.hpp"
#include "truckflow/engine/detail/trivial_vector.hpp"

namespace truckflow::engine::detail {

/// The agenda: an event set (a heap), plus a FIFO for entries due at the current time with the
/// default priority (resources handing a slot to the next waiter, events triggered now). Entries
/// enter that FIFO in increasing sequence, so it is sorted, and `pop` merges it with the heap by the
/// full order; it empties before time can advance. Zero-delay wake-ups thus cost O(1) instead of
/// O(log n).
///
/// Firing is split in two so that the heap can fuse a pop with the push that usually follows it
/// (the process that fires schedules its next entry at once): `take_before` returns the earliest
/// entry and, when it comes from the heap, leaves it in place, marked as taken. The first push to
/// the heap then takes its place (`replace_top`: one sift down from the root instead of a pop and
/// a push; the pushed entry may be due at any time), and `settle` pops it if no push came. Only
/// pushes, `size`, `empty` and `next_after_take` see the agenda with an entry taken; every other
/// operation settles first, so a taken entry is never seen again.
template <EventSet Heap>
class BasicAgenda {
 public:
  bool empty() const noexcept { return size() == 0; }
  std::size_t size() const noexcept { return heap_.size() - (top_taken_ ? 1 : 0) + (fifo_.size() - fifo_head_); }

  /// `now_fast_path` says the entry is due now with the FIFO's priority.
  void push(const AgendaEntry& entry, bool now_fast_path) {
    if (now_fast_path) {
      fifo_.push_back(entry);
    } else if (top_taken_) {
      top_taken_ = false;
      heap_.replace_top(entry);
    } else {
      heap_.push(entry);
    }
  }

  const AgendaEntry& top() {
    settle();
    if (fifo_head_ == fifo_.size()) return heap_.top();
    if (heap_.empty() || earlier(fifo_[fifo_head_], heap_.top())) return fifo_[fifo_head_];
    return heap_.top();
  }

  AgendaEntry pop() {
    settle();
    if (fifo_first()) return pop_fifo();
    return heap_.pop();
  }

  /// If the earliest entry is due before `limit`: removes it, copies it to `out` and returns true.
  /// One from the heap stays there, taken, until the next push to the heap or `settle`.
  bool take_before(std::int64_t limit, AgendaEntry& out) {
    settle();
    if (fifo_head_ != fifo_.size()) {
      const AgendaEntry& first = fifo_[fifo_head_];
      if (heap_.empty() || earlier(first, heap_.top())) {
        if (first.time >= limit) return false;
        out = pop_fifo();
        return true;
      }
    } else if (heap_.empty()) {
      return false;
    }
    const AgendaEntry& top = heap_.top();
    if (top.time >= limit) return false;
    out = top;
    top_taken_ = true;
    return true;
  }

  /// Completes the removal of a taken entry that no push replaced.
  void settle() {
    if (top_taken_) {
      top_taken_ = false;
      heap_.pop();
    }
  }

  /// The earliest entry once the taken one is gone (null if none), without settling: a hint for
  /// prefetching while the taken entry fires. Call right after `take_before`.
  const AgendaEntry* next_after_take() {
    const AgendaEntry* heap_next = nullptr;
    if (top_taken_) {
      heap_next = heap_.second();
    } else if (!heap_.empty()) {
      heap_next = &heap_.top();
    }
    if (fifo_head_ == fifo_.size()) return heap_next;
    if (heap_next == nullptr || earlier(fifo_[fifo_head_], *heap_next)) return &fifo_[fifo_head_];
    return heap_next;
  }

  /// Calls `f` on every entry, in no particular order.
  template <typename F>
  void for_each(F f) {
    settle();
    heap_.for_each(f);
    for (std::size_t i = fifo_head_; i < fifo_.size(); ++i) f(fifo_[i]);
  }

  void clear() noexcept {
    top_taken_ = false;
    heap_.clear();
    fifo_.clear();
    fifo_head_ = 0;
  }

  /// Removes every entry for which `remove(entry)` is true (the order of the rest is unchanged).
  template <typename F>
  void erase_if(F remove) {
    settle();
    heap_.erase_if(remove);
    std::size_t kept = 0;
    for (std::size_t i = fifo_head_; i < fifo_.size(); ++i) {
      if (!remove(fifo_[i])) fifo_[kept++] = fifo_[i];
    }
    fifo_.resize_down(kept);
    fifo_head_ = 0;
  }

 private:
  static constexpr std::size_t fifo_kept_capacity = 4096;

  bool fifo_first() { return fifo_head_ != fifo_.size() && (heap_.empty() || earlier(fifo_[fifo_head_], heap_.top())); }
  AgendaEntry pop_fifo() noexcept {
    const AgendaEntry entry = fifo_[fifo_head_++];
    if (fifo_head_ == fifo_.size()) {
      // A burst (such as thousands of processes spawned at once) should not pin its memory.
      fifo_.clear_and_trim(fifo_kept_capacity);
      fifo_head_ = 0;
    }
    return entry;
  }

  Heap heap_;
  TrivialVector<AgendaEntry> fifo_;
  std::size_t fifo_head_ = 0;
  bool top_taken_ = false;
};

/// The agenda the kernel uses; swap the heap here. Measured inside the kernel (docs/performance.md),
/// the binary heap beat the 4-ary one by about 10% on the hold model and lost by 4% on the resource
/// cycle, so it is the default. The radix heap (radix_heap.hpp) and the calendar queue
/// (calendar_queue.hpp) are faster alone at 16,000 entries and more, but were not measurably faster
/// in the kernel on this machine, and take more memory (performance.md has the figures).
using Agenda = BasicAgenda<BinaryHeap>;

}  // namespace truckflow::engine::detail
