// The pending-event set: entries ordered by (time, priority, insertion sequence).
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>

#include "truckflow/engine/detail/trivial_vector.hpp"

namespace truckflow::engine::detail {

/// One pending event. `key` packs the priority (top 8 bits) above the insertion sequence (low 56
/// bits), so (time, key) orders entries by time, then priority, then first-scheduled-first.
/// `target` is a tagged pointer to what fires (see Kernel).
struct AgendaEntry {
  std::int64_t time;
  std::uint64_t key;
  std::uintptr_t target;
};

inline constexpr int sequence_bits = 56;
inline constexpr std::uint64_t sequence_mask = (std::uint64_t{1} << sequence_bits) - 1;

constexpr bool earlier(const AgendaEntry& a, const AgendaEntry& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.key < b.key);
}

/// What an event set offers the agenda; any structure with these operations can replace the heap
/// (see `Agenda` below), e.g. a calendar queue, and be measured with bench/.
template <typename S>
concept EventSet = requires(S set, const S& const_set, const AgendaEntry& entry) {
  { const_set.empty() } -> std::same_as<bool>;
  { const_set.size() } -> std::same_as<std::size_t>;
  { const_set.top() } -> std::same_as<const AgendaEntry&>;
  set.push(entry);
  { set.pop() } -> std::same_as<AgendaEntry>;
  set.clear();
  set.erase_if([](const AgendaEntry&) { return false; });
};

/// A d-ary min-heap of entries held by value. Binary (the agenda's default, see `Agenda`) and
/// 4-ary (half the depth, its four children side by side in memory: the measured alternative) are
/// both in use; performance.md has the figures.
template <std::size_t Arity>
class DaryHeap {
  static_assert(Arity >= 2);

 public:
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }
  const AgendaEntry& top() const noexcept { return entries_.front(); }
  void clear() noexcept { entries_.clear(); }
  template <typename F>
  void for_each(F f) const {
    for (const AgendaEntry& e : entries_) f(e);
  }
  /// Removes every entry for which `remove(entry)` is true, then restores the heap: O(n).
  template <typename F>
  void erase_if(F remove) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (!remove(entries_[i])) entries_[kept++] = entries_[i];
    }
    entries_.resize_down(kept);
    if (kept < 2) return;
    for (std::size_t i = (kept - 2) / Arity + 1; i-- > 0;) sift_down(i);  // from the last parent up
  }

  void push(const AgendaEntry& entry) {
    std::size_t hole = entries_.size();
    entries_.push_back(entry);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / Arity;
      if (!earlier(entry, entries_[parent])) break;
      entries_[hole] = entries_[parent];
      hole = parent;
    }
    entries_[hole] = entry;
  }

  AgendaEntry pop() noexcept {
    const AgendaEntry first = entries_.front();
    const AgendaEntry last = entries_.back();
    entries_.pop_back();
    const std::size_t n = entries_.size();
    if (n == 0) return first;
    std::size_t hole = 0;
    for (std::size_t child = 1; child < n; child = hole * Arity + 1) {
      std::size_t best = child;
      if constexpr (Arity == 2) {
        // One comparison without a loop: measured about 15% faster than the general loop.
        if (child + 1 < n && earlier(entries_[child + 1], entries_[child])) ++best;
      } else {
        const std::size_t end = std::min(child + Arity, n);
        for (std::size_t c = child + 1; c < end; ++c) {
          if (earlier(entries_[c], entries_[best])) best = c;
        }
      }
      if (!earlier(entries_[best], last)) break;
      entries_[hole] = entries_[best];
      hole = best;
    }
    entries_[hole] = last;
    return first;
  }

 private:
  /// Moves the entry at `hole` down to its place below (used to rebuild the heap).
  void sift_down(std::size_t hole) noexcept {
    const std::size_t n = entries_.size();
    const AgendaEntry entry = entries_[hole];
    for (std::size_t child = hole * Arity + 1; child < n; child = hole * Arity + 1) {
      std::size_t best = child;
      const std::size_t end = std::min(child + Arity, n);
      for (std::size_t c = child + 1; c < end; ++c) {
        if (earlier(entries_[c], entries_[best])) best = c;
      }
      if (!earlier(entries_[best], entry)) break;
      entries_[hole] = entries_[best];
      hole = best;
    }
    entries_[hole] = entry;
  }

  TrivialVector<AgendaEntry> entries_;
};

using BinaryHeap = DaryHeap<2>;
using QuaternaryHeap = DaryHeap<4>;

/// The agenda: an event set (a heap), plus a FIFO for entries due at the current time with the default priority
/// (resources handing a slot to the next waiter, events triggered now). Entries enter that FIFO in
/// increasing sequence, so it is sorted, and `pop` merges it with the heap by the full order; it
/// empties before time can advance. Zero-delay wake-ups thus cost O(1) instead of O(log n).
template <EventSet Heap>
class BasicAgenda {
 public:
  bool empty() const noexcept { return heap_.empty() && fifo_head_ == fifo_.size(); }
  std::size_t size() const noexcept { return heap_.size() + (fifo_.size() - fifo_head_); }

  /// `now_fast_path` says the entry is due now with the FIFO's priority.
  void push(const AgendaEntry& entry, bool now_fast_path) {
    if (now_fast_path) {
      fifo_.push_back(entry);
    } else {
      heap_.push(entry);
    }
  }

  const AgendaEntry& top() const noexcept {
    if (fifo_head_ == fifo_.size()) return heap_.top();
    if (heap_.empty() || earlier(fifo_[fifo_head_], heap_.top())) return fifo_[fifo_head_];
    return heap_.top();
  }

  AgendaEntry pop() noexcept {
    if (fifo_head_ != fifo_.size() && (heap_.empty() || earlier(fifo_[fifo_head_], heap_.top()))) {
      const AgendaEntry entry = fifo_[fifo_head_++];
      if (fifo_head_ == fifo_.size()) {
        // A burst (such as thousands of processes spawned at once) should not pin its memory.
        fifo_.clear_and_trim(fifo_kept_capacity);
        fifo_head_ = 0;
      }
      return entry;
    }
    return heap_.pop();
  }

  /// Calls `f` on every entry, in no particular order.
  template <typename F>
  void for_each(F f) const {
    heap_.for_each(f);
    for (std::size_t i = fifo_head_; i < fifo_.size(); ++i) f(fifo_[i]);
  }

  void clear() noexcept {
    heap_.clear();
    fifo_.clear();
    fifo_head_ = 0;
  }

  /// Removes every entry for which `remove(entry)` is true (the order of the rest is unchanged).
  template <typename F>
  void erase_if(F remove) {
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
  Heap heap_;
  TrivialVector<AgendaEntry> fifo_;
  std::size_t fifo_head_ = 0;
};

/// The agenda the kernel uses; swap the heap here. Measured inside the kernel (docs/performance.md),
/// the binary heap beat the 4-ary one by about 10% on the hold model and lost by 4% on the resource
/// cycle, so it is the default.
using Agenda = BasicAgenda<BinaryHeap>;

}  // namespace truckflow::engine::detail
