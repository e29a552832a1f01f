// A radix heap: an event set for integer times, filed in buckets by their highest differing bit.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "truckflow/engine/detail/event_set.hpp"
#include "truckflow/engine/detail/trivial_vector.hpp"

namespace truckflow::engine::detail {

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

}  // namespace truckflow::engine::detail
