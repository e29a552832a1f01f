// Event sets: the entries of the pending-event set, their order, and the d-ary heaps that hold them.
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
  std::size_t capacity() const noexcept { return entries_.capacity(); }
  void shrink_to(std::size_t n) noexcept { entries_.shrink_to(n); }
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
    for (std::size_t i = (kept - 2) / Arity + 1; i-- > 0;) sift_down(i, entries_[i]);  // from the last parent up
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
  void replace_top(const AgendaEntry& entry) noexcept { sift_down(0, entry); }

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
  /// Puts `entry` at `hole`, then moves it down to its place below (`hole`'s own entry is
  /// overwritten, so `entry` is a copy): the whole of `replace_top`, and one step of rebuilding.
  void sift_down(std::size_t hole, const AgendaEntry entry) noexcept {
    const std::size_t n = entries_.size();
    for (std::size_t child = hole * Arity + 1; child < n; child = hole * Arity + 1) {
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

  TrivialVector<AgendaEntry> entries_;
};

using BinaryHeap = DaryHeap<2>;
using QuaternaryHeap = DaryHeap<4>;

}  // namespace truckflow::engine::detail
