// The pending-event set: entries ordered by (time, priority, insertion sequence).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>

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

/// `earlier` as one comparison of 128-bit numbers (the time, made unsigned in the same order,
/// above the key), which compilers evaluate without a branch in a few instructions: for
/// comparisons whose outcome is unpredictable.
inline bool earlier_bits(const AgendaEntry& a, const AgendaEntry& b) noexcept {
  __extension__ using Order = unsigned __int128;
  const auto order = [](const AgendaEntry& e) {
    return (static_cast<Order>(static_cast<std::uint64_t>(e.time) ^ (std::uint64_t{1} << 63)) << 64) | e.key;
  };
  return order(a) < order(b);
}

/// What an event set offers the agenda; any structure with these operations can replace the heap
/// (see `Agenda` below), e.g. a calendar queue, and be measured with bench/.
/// `top` and `second` may reorganise the set (a radix heap sorts lazily), so they are not const.
template <typename S>
concept EventSet = requires(S set, const S& const_set, const AgendaEntry& entry) {
  { const_set.empty() } -> std::same_as<bool>;
  { const_set.size() } -> std::same_as<std::size_t>;
  { set.top() } -> std::same_as<const AgendaEntry&>;
  set.push(entry);
  { set.pop() } -> std::same_as<AgendaEntry>;
  set.replace_top(entry);
  { set.second() } -> std::same_as<const AgendaEntry*>;
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
  void reserve(std::size_t n) { entries_.reserve(n); }
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

  /// Replaces the earliest entry with `entry` (pop then push, fused): `entry` is sifted down from
  /// the root, which saves moving the last entry there and sifting `entry` up from the bottom.
  /// Requires a non-empty heap.
  void replace_top(const AgendaEntry& entry) noexcept {
    const std::size_t n = entries_.size();
    std::size_t hole = 0;
    for (std::size_t child = 1; child < n; child = hole * Arity + 1) {
      std::size_t best = child;
      if constexpr (Arity == 2) {
        // Which child is earlier is a coin toss: chosen without a branch, which would mispredict
        // half the time (one level in two of every sift).
        if (child + 1 < n) best += static_cast<std::size_t>(earlier_bits(entries_[child + 1], entries_[child]));
      } else {
        const std::size_t end = std::min(child + Arity, n);
        for (std::size_t c = child + 1; c < end; ++c) {
          if (earlier(entries_[c], entries_[best])) best = c;
        }
      }
      if (!earlier(entries_[best], entry)) break;
      entries_[hole] = entries_[best];
      hole = best;
    }
    entries_[hole] = entry;
  }

  /// The entry that would be on top once the top is gone (null if none): the earlier of the
  /// root's children. A hint for prefetching, so chosen without a branch (which of the two comes
  /// first is a coin toss that a branch would mispredict half the time).
  const AgendaEntry* second() const noexcept {
    const std::size_t n = entries_.size();
    if (n < 3) return n == 2 ? &entries_[1] : nullptr;
    if constexpr (Arity == 2) {
      const AgendaEntry& left = entries_[1];
      const AgendaEntry& right = entries_[2];
      return &entries_[1 + static_cast<std::size_t>(earlier_bits(right, left))];
    } else {
      std::size_t best = 1;
      const std::size_t end = std::min<std::size_t>(1 + Arity, n);
      for (std::size_t c = 2; c < end; ++c) {
        if (earlier(entries_[c], entries_[best])) best = c;
      }
      return &entries_[best];
    }
  }

  AgendaEntry pop() noexcept {
    const AgendaEntry first = entries_.front();
    const AgendaEntry last = entries_.back();
    entries_.pop_back();
    if (!entries_.empty()) replace_top(last);  // the last entry, sifted down from the root
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

/// A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990): an event set for integer times that
/// rarely go back, which a simulation's agenda is. Entries sit in buckets by the highest bit in
/// which their time differs from `last_`, a time no bucketed entry is earlier than: bucket 0 holds
/// the entries due exactly at `last_`, in a small binary heap (ties are ordered by key); bucket
/// b > 0 those whose time first differs from it in bit b - 1, unsorted. A push is an append,
/// without a comparison against other entries. When bucket 0 runs empty, the first bucket that is
/// not is scanned for its earliest time, which becomes `last_`, and its entries move to lower
/// buckets: an entry moves down a few times in its life (at most 64), each move part of a
/// sequential scan, instead of being sifted through the levels of a heap on every push and pop.
///
/// `last_` advances only when the set is read (`top`, `pop`, `second`). Reading can run ahead of
/// the clock (the agenda compares the heap's top with its now-FIFO, the kernel looks past the end
/// of a `run_until`), so an entry can then be pushed earlier than `last_`: it goes to a binary heap
/// of such early entries, which are all due before every bucketed one and so come out first.
class RadixHeap {
 public:
  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  const AgendaEntry& top() {
    if (!early_.empty()) return early_.top();
    refill();
    return due_.top();
  }

  void push(const AgendaEntry& entry) {
    if (size_ == 0) last_ = entry.time;
    if (entry.time < last_) {
      early_.push(entry);
    } else {
      file(entry);
    }
    ++size_;
  }

  AgendaEntry pop() {
    if (!early_.empty()) {
      --size_;
      return early_.pop();
    }
    refill();
    --size_;
    return due_.pop();
  }

  /// Pop then push. Requires a non-empty set.
  void replace_top(const AgendaEntry& entry) {
    pop();
    push(entry);
  }

  /// The entry after the top, when it is at hand without much work (null otherwise): a hint.
  const AgendaEntry* second() {
    if (!early_.empty()) {
      if (early_.size() >= 2) return early_.second();
      return due_.empty() ? nullptr : &due_.top();  // not refilled: that would move `last_` on
    }
    refill();
    if (due_.size() >= 2) return due_.second();
    if (due_.size() == 1 && occupied_ != 0) {
      const TrivialVector<AgendaEntry>& next = buckets_[static_cast<std::size_t>(std::countr_zero(occupied_))];
      if (next.size() <= scan_limit) return &*std::min_element(next.begin(), next.end(), earlier);
    }
    return nullptr;
  }

  void clear() noexcept {
    early_.clear();
    due_.clear();
    for (TrivialVector<AgendaEntry>& bucket : buckets_) bucket.clear();
    occupied_ = 0;
    size_ = 0;
  }

  template <typename F>
  void for_each(F f) const {
    early_.for_each(f);
    due_.for_each(f);
    for (const TrivialVector<AgendaEntry>& bucket : buckets_) {
      for (const AgendaEntry& e : bucket) f(e);
    }
  }

  template <typename F>
  void erase_if(F remove) {
    early_.erase_if(remove);
    due_.erase_if(remove);
    size_ = early_.size() + due_.size();
    for (std::size_t b = 0; b < buckets_.size(); ++b) {
      TrivialVector<AgendaEntry>& bucket = buckets_[b];
      std::size_t kept = 0;
      for (const AgendaEntry& e : bucket) {
        if (!remove(e)) bucket[kept++] = e;
      }
      bucket.resize_down(kept);
      size_ += kept;
      if (kept == 0) occupied_ &= ~(std::uint64_t{1} << b);
    }
  }

 private:
  /// Scanned for `second` when at most this long: longer scans cost more than a missed prefetch.
  static constexpr std::size_t scan_limit = 16;
  /// A bucket emptied by a refill keeps at most this much room: the entries it held now fill lower
  /// buckets, and room kept in every bucket would add up to several times the entries.
  static constexpr std::size_t kept_capacity = 256;

  /// Times as unsigned values in the same order, so that bit patterns compare like times.
  static std::uint64_t bits(std::int64_t time) noexcept {
    return static_cast<std::uint64_t>(time) ^ (std::uint64_t{1} << 63);
  }

  /// Files an entry due no earlier than `last_` into its bucket.
  void file(const AgendaEntry& entry) {
    const std::uint64_t differ = bits(entry.time) ^ bits(last_);
    if (differ == 0) {
      due_.push(entry);
      return;
    }
    // Bucket b > 0 is buckets_[b - 1]; bit b - 1 of `occupied_` says it holds entries.
    const auto b = static_cast<std::size_t>(63 - std::countl_zero(differ));
    buckets_[b].push_back(entry);
    occupied_ |= std::uint64_t{1} << b;
  }

  /// When no entry is due at `last_`: moves `last_` to the earliest entry and re-files the first
  /// non-empty bucket, whose entries all go to lower ones. If an allocation fails on the way, the
  /// entries are put back (the room they left holds them) and the set is as it was.
  void refill() {
    if (!due_.empty() || occupied_ == 0) return;
    const auto b = static_cast<std::size_t>(std::countr_zero(occupied_));
    TrivialVector<AgendaEntry>& bucket = buckets_[b];
    const std::int64_t last = last_;
    std::int64_t earliest = bucket[0].time;
    for (const AgendaEntry& e : bucket) earliest = std::min(earliest, e.time);
    last_ = earliest;
    occupied_ &= ~(std::uint64_t{1} << b);
    try {
      // Every entry lands below b, so filing does not touch this bucket.
      while (!bucket.empty()) {
        file(bucket.back());
        bucket.pop_back();
      }
    } catch (...) {
      // Buckets below b and due_ were empty before: all they hold now came from this bucket.
      for (std::size_t lower = 0; lower < b; ++lower) {
        for (const AgendaEntry& e : buckets_[lower]) bucket.push_back(e);
        buckets_[lower].clear();
      }
      due_.for_each([&](const AgendaEntry& e) { bucket.push_back(e); });
      due_.clear();
      occupied_ = (occupied_ & ~((std::uint64_t{1} << b) - 1)) | (std::uint64_t{1} << b);
      last_ = last;
      throw;
    }
    bucket.clear_and_trim(kept_capacity);
  }

  BinaryHeap early_;  ///< entries pushed earlier than `last_`
  BinaryHeap due_;    ///< bucket 0: entries due at `last_`
  std::array<TrivialVector<AgendaEntry>, 64> buckets_;
  std::uint64_t occupied_ = 0;
  std::int64_t last_ = 0;
  std::size_t size_ = 0;
};

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
/// cycle, so it is the default. The radix heap is faster alone from 1,000 entries up, but slower in
/// the kernel's small models and no faster measurably on the default scenario, with more memory.
using Agenda = BasicAgenda<BinaryHeap>;

}  // namespace truckflow::engine::detail
