// A calendar queue: the near future in a small heap, the rest in buckets of fixed width.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>

#include "truckflow/engine/detail/event_set.hpp"
#include "truckflow/engine/detail/trivial_vector.hpp"

namespace truckflow::engine::detail {

/// An event set after Brown's calendar queue (1988), for integer times that mostly move forward,
/// which a simulation's agenda is. Time is cut into windows of 2^shift ticks; a ring of K slots
/// holds the K windows that follow the current one, each slot an unsorted list of chunks; entries
/// beyond the ring wait in a binary heap (`far_`). Only the current window is sorted, in a small
/// binary heap (`near_`) that stays in cache: a push into a later window is an append, and the
/// sift of a pop or a replacement runs through a few dozen entries instead of all of them. When
/// the near heap runs empty, the next occupied slot (found in a bitmap) is poured into it, and the
/// entries of `far_` that the ring now covers move into their slots.
///
/// Entries keep their exact order (time, then key): the windows only decide where an entry waits,
/// and the heaps order those of the same window, so a simulation run on this set gives the same
/// results as on a plain heap.
///
/// The set tunes itself, checked every 4n pops (at least 4,096): below 2,048 entries it is a plain
/// heap (the near heap takes everything) until it holds 6,144 again; the slots follow the number
/// of entries (about 16 a slot); the width keeps the near heap at a few dozen entries on average,
/// unless a thirty-second or more of the entries already go beyond the ring, and widens when more
/// than a sixteenth go there. A change re-files the entries chunk by chunk (O(n), amortised over
/// the 4n pops). Allocation failures leave the set consistent: a push that cannot allocate leaves
/// it as it was, a retune that cannot is skipped, and a window that cannot pull all it covers from
/// the far heap ends the ring sooner.
class CalendarQueue {
 public:
  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }

  const AgendaEntry& top() {
    if (near_.empty()) advance();
    return near_.top();
  }

  void push(const AgendaEntry& entry) {
    if (size_ == 0 && !all_near_) anchor(bits(entry.time));
    place(entry);
    ++size_;
  }

  AgendaEntry pop() {
    if (near_.empty()) advance();
    if (pops_ >= next_check_) retune();
    near_entries_ += near_.size();
    const AgendaEntry first = near_.pop();
    --size_;
    ++pops_;
    trim_near();
    return first;
  }

  /// Pop then push. Requires a non-empty set. If filing the new entry throws, the earliest entry
  /// is gone and the new one not added (as after a pop and a failed push).
  void replace_top(const AgendaEntry& entry) {
    if (near_.empty()) advance();
    if (pops_ >= next_check_) retune();
    ++pops_;
    const std::uint64_t u = bits(entry.time);
    if (all_near_) {
      // How far ahead entries are scheduled, once the set may soon turn into a calendar: the
      // width it starts with (see `retune`).
      if (size_ >= heap_below) {
        const std::uint64_t from = bits(near_.top().time);
        delay_bits_ += static_cast<std::uint64_t>(std::bit_width(u > from ? u - from : 0));
        ++delays_;
      }
      near_.replace_top(entry);
      return;
    }
    near_entries_ += near_.size();
    if (u < window_end_) {
      near_.replace_top(entry);
      return;
    }
    near_.pop();
    --size_;
    trim_near();
    place(entry);
    ++size_;
  }

  /// The entry after the top when the current window holds it (null otherwise): a hint.
  const AgendaEntry* second() {
    if (near_.empty() && size_ != 0) advance();
    return near_.size() >= 2 ? near_.second() : nullptr;
  }

  void clear() noexcept {
    near_.clear();
    far_.clear();
    chunks_.clear();
    free_ = none;
    std::fill(heads_.begin(), heads_.end(), none);
    std::fill(occupied_.begin(), occupied_.end(), std::uint64_t{0});
    bucketed_ = 0;
    size_ = 0;
    all_near_ = true;
  }

  template <typename F>
  void for_each(F f) const {
    near_.for_each(f);
    far_.for_each(f);
    for (const std::uint32_t head : heads_) {
      for (std::uint32_t c = head; c != none; c = chunks_[c].next) {
        for (std::uint32_t i = 0; i < chunks_[c].count; ++i) f(chunks_[c].entries[i]);
      }
    }
  }

  /// Removes every entry for which `remove(entry)` is true: O(n). Emptied chunks are freed.
  template <typename F>
  void erase_if(F remove) {
    near_.erase_if(remove);
    far_.erase_if(remove);
    bucketed_ = 0;
    for (std::size_t slot = 0; slot < heads_.size(); ++slot) {
      std::uint32_t* link = &heads_[slot];
      while (*link != none) {
        Chunk& chunk = chunks_[*link];
        std::uint32_t kept = 0;
        for (std::uint32_t i = 0; i < chunk.count; ++i) {
          if (!remove(chunk.entries[i])) chunk.entries[kept++] = chunk.entries[i];
        }
        chunk.count = kept;
        bucketed_ += kept;
        if (kept == 0) {
          const std::uint32_t emptied = *link;
          *link = chunk.next;
          release(emptied);
        } else {
          link = &chunk.next;
        }
      }
      if (heads_[slot] == none) occupied_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    }
    size_ = near_.size() + far_.size() + bucketed_;
  }

  /// Whether the set is a plain heap now (small, or at the end of the tick range); the window
  /// width in ticks and the number of slots otherwise. For tests and benchmarks.
  bool is_plain_heap() const noexcept { return all_near_; }
  std::uint64_t window_ticks() const noexcept { return std::uint64_t{1} << shift_; }
  std::size_t slots() const noexcept { return heads_.size(); }

 private:
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint64_t max_bits = std::numeric_limits<std::uint64_t>::max();
  static constexpr std::size_t min_slots = 256;
  static constexpr std::size_t max_slots = std::size_t{1} << 20;
  static constexpr std::size_t entries_per_slot = 16;  ///< the slot count's aim, over all entries
  static constexpr std::size_t calendar_from = 6144;   ///< a plain heap below this many entries...
  static constexpr std::size_t heap_below = 2048;      ///< ...until it falls below this many again
  static constexpr std::size_t kept_room = 4096;       ///< room a draining heap keeps
  static constexpr std::uint32_t chunk_entries = 5;    ///< 5 × 24 + 8 = 128 bytes a chunk
  static constexpr std::uint64_t check_every_pops = 4096;
  static constexpr std::uint64_t dense_window = 128;  ///< a larger near heap on average: narrower
  static constexpr std::uint64_t sparse_window = 4;   ///< fewer pops a window on average: wider

  struct Chunk {
    AgendaEntry entries[chunk_entries];
    std::uint32_t next;
    std::uint32_t count;
  };

  /// Times as unsigned values in the same order, so that windows are bit ranges.
  static std::uint64_t bits(std::int64_t time) noexcept {
    return static_cast<std::uint64_t>(time) ^ (std::uint64_t{1} << 63);
  }

  std::size_t slot_of(std::uint64_t u) const noexcept {
    return static_cast<std::size_t>(u >> shift_) & (heads_.size() - 1);
  }
  static std::uint64_t window_base_for(std::uint64_t u, int shift) noexcept {
    return u & ~((std::uint64_t{1} << shift) - 1);
  }
  std::uint64_t window_base(std::uint64_t u) const noexcept { return window_base_for(u, shift_); }
  std::uint64_t ring_ticks() const noexcept { return static_cast<std::uint64_t>(heads_.size()) << shift_; }

  /// An empty set starts its ring at the window of its first entry.
  void anchor(std::uint64_t u) noexcept {
    window_end_ = u;
    if (!set_ring_end()) all_near_ = true;
  }

  /// A burst due at one time (thousands of processes started at once) passes through the near
  /// heap, and the far heap can fill while the window is tuned; the room they took is given back
  /// as they drain.
  static void trim(BinaryHeap& heap) noexcept {
    if (heap.capacity() > kept_room && 5 * heap.size() < 4 * heap.capacity()) {
      heap.shrink_to(std::max(kept_room, heap.size() + heap.size() / 8));
    }
  }
  void trim_near() noexcept { trim(near_); }

  /// The ring covers the K windows from the current one on; if that would pass the end of the tick
  /// range, false: the set must turn into a plain heap (see `gather_near`).
  bool set_ring_end() noexcept {
    const std::uint64_t base = window_base(window_end_);
    if (base > max_bits - ring_ticks()) return false;
    ring_end_ = base + ring_ticks();
    return true;
  }

  void place(const AgendaEntry& entry) {
    const std::uint64_t u = bits(entry.time);
    if (all_near_ || u < window_end_) {
      near_.push(entry);
    } else if (u < ring_end_) {
      const std::size_t slot = slot_of(u);
      Chunk& chunk = room_in(slot);
      chunk.entries[chunk.count++] = entry;
      ++bucketed_;
    } else {
      far_.push(entry);
      ++placed_far_;
    }
    ++placed_;
  }

  /// The slot's chunk with room for one more entry (a new one linked in front if need be).
  Chunk& room_in(std::size_t slot) {
    const std::uint32_t head = heads_[slot];
    if (head != none && chunks_[head].count < chunk_entries) return chunks_[head];
    std::uint32_t c = free_;
    if (c != none) {
      free_ = chunks_[c].next;
    } else {
      chunks_.reserve_one_more();  // may throw: nothing changed yet
      c = static_cast<std::uint32_t>(chunks_.size());
      chunks_.push_back(Chunk{});
    }
    chunks_[c].next = head;
    chunks_[c].count = 0;
    heads_[slot] = c;
    occupied_[slot / 64] |= std::uint64_t{1} << (slot % 64);
    return chunks_[c];
  }

  void release(std::uint32_t c) noexcept {
    chunks_[c].next = free_;
    free_ = c;
  }

  /// The first occupied slot from `from` on, going round the ring. Requires bucketed_ > 0.
  std::size_t next_occupied(std::size_t from) const noexcept {
    std::size_t word = from / 64;
    std::uint64_t found = occupied_[word] & (max_bits << (from % 64));
    // Back at `from`'s word, its bits below `from` count too (the ring's last windows).
    while (found == 0) {
      word = (word + 1) & (occupied_.size() - 1);
      found = occupied_[word];
    }
    return word * 64 + static_cast<std::size_t>(std::countr_zero(found));
  }

  /// The near heap ran empty: pours the next occupied window into it, pulling the entries of
  /// `far_` that the ring then covers. Requires a non-empty set.
  [[gnu::noinline]] void advance() {
    if (bucketed_ == 0) {
      // Everything left is beyond the ring: move the ring to the earliest of it.
      window_end_ = bits(far_.top().time);
      if (!set_ring_end()) return gather_near();
      pull_far();
    }
    const std::size_t from = slot_of(window_end_);
    const std::size_t found = next_occupied(from);
    const std::uint64_t ahead = static_cast<std::uint64_t>((found - from) & (heads_.size() - 1));
    const std::uint64_t start = window_base(window_end_) + (ahead << shift_);
    const std::uint64_t end = start + window_ticks();  // no overflow: start < ring_end_
    if (end > max_bits - ring_ticks()) return gather_near();
    pour(found);
    window_end_ = end;
    set_ring_end();
    pull_far();
  }

  /// Moves a slot's entries into the near heap and frees its chunks.
  [[gnu::noinline]] void pour(std::size_t slot) {
    std::size_t count = 0;
    for (std::uint32_t c = heads_[slot]; c != none; c = chunks_[c].next) count += chunks_[c].count;
    near_.reserve(near_.size() + count);  // may throw: nothing changed yet
    std::uint32_t c = heads_[slot];
    while (c != none) {
      const Chunk& chunk = chunks_[c];
      for (std::uint32_t i = 0; i < chunk.count; ++i) near_.push(chunk.entries[i]);
      const std::uint32_t next = chunk.next;
      release(c);
      c = next;
    }
    heads_[slot] = none;
    occupied_[slot / 64] &= ~(std::uint64_t{1} << (slot % 64));
    bucketed_ -= count;
    ++pours_;
  }

  /// Moves the entries of `far_` that the ring covers (up to `ring_end_`) into their slots. If a
  /// chunk cannot be had, the ring ends at the first entry left in `far_`.
  [[gnu::noinline]] void pull_far() {
    const std::uint64_t target = ring_end_;
    try {
      while (!far_.empty()) {
        const std::uint64_t u = bits(far_.top().time);
        if (u >= target) break;
        Chunk& chunk = room_in(slot_of(u));
        chunk.entries[chunk.count++] = far_.top();
        ++bucketed_;
        far_.pop();
      }
      trim(far_);
    } catch (...) {
      ring_end_ = bits(far_.top().time);
      throw;
    }
  }

  /// The set turns into a plain heap: everything moves into the near heap, which takes every
  /// later push too, until a retune finds the set large again. For small sets, and near the end of
  /// the tick range, where the ring cannot cover its K windows.
  [[gnu::noinline]] void gather_near() {
    near_.reserve(size_);  // may throw: nothing changed yet
    for (std::size_t slot = 0; slot < heads_.size(); ++slot) {
      for (std::uint32_t c = heads_[slot]; c != none; c = chunks_[c].next) {
        for (std::uint32_t i = 0; i < chunks_[c].count; ++i) near_.push(chunks_[c].entries[i]);
      }
    }
    while (!far_.empty()) near_.push(far_.pop());
    chunks_.clear_and_trim(0);
    free_ = none;
    std::fill(heads_.begin(), heads_.end(), none);
    std::fill(occupied_.begin(), occupied_.end(), std::uint64_t{0});
    bucketed_ = 0;
    all_near_ = true;
  }

  /// Every 4n pops: more slots as entries grow (fewer as they shrink), and a window
  /// narrower when the poured windows were crowded (unless many entries already went beyond the
  /// ring), or wider when they were thin or most entries went beyond the ring.
  [[gnu::noinline]] void retune() {
    const std::uint64_t pops = pops_ - last_check_;
    last_check_ = pops_;
    next_check_ = pops_ + std::max<std::uint64_t>(check_every_pops, 4 * size_);
    const std::size_t aim = std::clamp<std::size_t>(std::bit_ceil(std::max<std::size_t>(size_ / entries_per_slot, 1)),
                                                    min_slots, max_slots);
    std::size_t slots = heads_.size();
    if (aim >= 2 * slots || 8 * aim <= slots) slots = aim;
    int shift = shift_;
    // The near heap's size at a pop is what a sift costs; pours are the windows' overhead. Entries
    // that wait beyond the ring cost nothing while they wait; entries pushed there (a push and a
    // pull through the far heap, two sifts) are what a short ring costs. So: narrower when the near
    // heap is large and few entries go beyond the ring, wider when windows are thin or more than
    // a sixteenth go beyond it while the near heap is not large. Narrowing, and widening for thin
    // windows, aim straight at a near heap of about 32 on average or 16 pops a window (a factor
    // of four or more); widening for the ring's reach doubles the width.
    const std::uint64_t mean_near = near_entries_ / pops;
    if (mean_near > dense_window && 32 * placed_far_ < placed_) {
      shift -= static_cast<int>(std::bit_width(mean_near / 32)) - 1;
    } else if (pops < sparse_window * pours_) {
      shift += static_cast<int>(std::bit_width(16 * pours_ / pops)) - 1;
    } else if (16 * placed_far_ > placed_ && mean_near < dense_window / 2) {
      ++shift;
    }
    // The ring's span, slots << shift, must fit in 64 bits.
    shift = std::clamp(shift, 0, 63 - std::countr_zero(slots));
    try {
      if (all_near_) {
        // n entries scheduled about D ticks ahead come due at about n / D a tick: a window of
        // 32 D / n ticks holds about 32. D is taken from the mean bit width of the delays seen (a
        // geometric mean, which falls short of the mean by about one bit for exponential delays).
        const int delay_bits = delays_ > 0 ? static_cast<int>(delay_bits_ / delays_) : shift_;
        delay_bits_ = 0;
        delays_ = 0;
        const int start_shift =
            std::clamp(6 + delay_bits - static_cast<int>(std::bit_width(size_)), 0, 63 - std::countr_zero(aim));
        if (size_ >= calendar_from) refile(aim, start_shift);
      } else if (size_ < heap_below) {
        gather_near();
      } else if (slots != heads_.size() || shift != shift_) {
        refile(slots, shift);
      }
    } catch (const std::bad_alloc&) {
      // Tuning is optional: keep the set as it is.
    }
    // Counted afresh from here (a re-filing's own placements do not count).
    pours_ = 0;
    near_entries_ = 0;
    placed_ = 0;
    placed_far_ = 0;
  }

  /// Re-files the ring's entries for a new slot count and width (not when the new ring would pass
  /// the end of the tick range). A narrower window also ends the current one sooner: what the near
  /// heap holds beyond its new end goes to the ring. The top stays where it is. Entries move chunk
  /// by chunk, each freed once read, so the set never holds a second copy of the ring. Room is
  /// made before anything changes, so a failure leaves the set as it was (pulling from `far_` at
  /// the end may stop early, which leaves it consistent).
  [[gnu::noinline]] void refile(std::size_t slots, int shift) {
    const std::uint64_t span = static_cast<std::uint64_t>(slots) << shift;
    std::uint64_t window_end = window_end_;
    if (!near_.empty()) {
      // The ring must fit below the end of the tick range from the top's window on (which also
      // keeps that window's end from wrapping round to 0).
      const std::uint64_t top_base = window_base_for(bits(near_.top().time), shift);
      if (top_base > max_bits - span) return;
      const std::uint64_t top_window_end = top_base + (std::uint64_t{1} << shift);
      window_end = all_near_ ? top_window_end : std::min(window_end, top_window_end);
    }
    if (window_base_for(window_end, shift) > max_bits - span) return;
    TrivialVector<std::uint32_t> heads;
    TrivialVector<std::uint64_t> occupied;
    heads.reserve(slots);
    occupied.reserve(slots / 64);
    // Beyond the chunks there are: the near heap's entries, and one partly filled chunk a slot.
    chunks_.reserve(chunks_.size() + near_.size() / chunk_entries + std::min(slots, size_) + 1);
    far_.reserve(far_.size() + bucketed_ + near_.size());
    // Nothing below allocates.
    for (std::size_t i = 0; i < slots; ++i) heads.push_back(none);
    for (std::size_t i = 0; i < slots / 64; ++i) occupied.push_back(0);
    heads_.swap(heads);  // `heads` holds the old ring now
    occupied_.swap(occupied);
    bucketed_ = 0;
    shift_ = shift;
    all_near_ = false;
    window_end_ = window_end;
    set_ring_end();  // checked above
    near_.erase_if([&](const AgendaEntry& e) {
      if (bits(e.time) < window_end) return false;
      place(e);
      return true;
    });
    for (const std::uint32_t head : heads) {
      for (std::uint32_t c = head; c != none;) {
        const Chunk chunk = chunks_[c];
        release(c);
        for (std::uint32_t i = 0; i < chunk.count; ++i) place(chunk.entries[i]);
        c = chunk.next;
      }
    }
    pull_far();
  }

  BinaryHeap near_;  ///< entries due before `window_end_`
  BinaryHeap far_;   ///< entries due from `ring_end_` on
  TrivialVector<Chunk> chunks_;
  TrivialVector<std::uint32_t> heads_;     ///< a slot's newest chunk (`none`: empty)
  TrivialVector<std::uint64_t> occupied_;  ///< one bit a slot: it holds entries
  std::uint32_t free_ = none;              ///< freed chunks, linked by `next`
  std::uint64_t window_end_ = 0;           ///< as `bits`: the near heap holds what is due before it
  std::uint64_t ring_end_ = 0;             ///< as `bits`: the ring holds what is due before it
  int shift_ = 20;                         ///< windows of 2^20 ticks (about a second) to start
  bool all_near_ = true;                   ///< a plain heap: the near heap takes every entry
  std::size_t bucketed_ = 0;
  std::size_t size_ = 0;
  std::uint64_t pops_ = 0;
  std::uint64_t last_check_ = 0;
  std::uint64_t next_check_ = check_every_pops;
  std::uint64_t pours_ = 0;         ///< windows poured since the last check
  std::uint64_t near_entries_ = 0;  ///< the near heap's size summed over the pops since then
  std::uint64_t delay_bits_ = 0;    ///< bit widths of the delays seen as a plain heap, summed
  std::uint64_t delays_ = 0;
  std::uint64_t placed_ = 0;      ///< entries placed since the last check (pushes and replacements)
  std::uint64_t placed_far_ = 0;  ///< of which beyond the ring
};

}  // namespace truckflow::engine::detail
