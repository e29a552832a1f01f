// The calendar queue pops in exactly a binary heap's order while it retunes its windows and slots,
// at the ends of the tick range, and through erase, clear and reuse.
#include "truckflow/engine/detail/calendar_queue.hpp"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

#include "truckflow/engine/detail/agenda.hpp"
#include "truckflow/engine/random.hpp"

namespace truckflow::engine::detail {
namespace {

AgendaEntry entry(std::int64_t time, std::uint64_t priority, std::uint64_t seq) {
  return {time, (priority << sequence_bits) | seq, seq};
}

/// Pops both sets to the end, comparing every entry.
void expect_same_order(CalendarQueue& calendar, BinaryHeap& reference) {
  ASSERT_EQ(calendar.size(), reference.size());
  while (!reference.empty()) {
    ASSERT_FALSE(calendar.empty());
    ASSERT_EQ(calendar.pop().target, reference.pop().target);
  }
  EXPECT_TRUE(calendar.empty());
}

TEST(CalendarQueueTest, FollowsTheHeapThroughChangingDensityAndSize) {
  // A hold model whose delays shrink from hours to microseconds and grow back, while the number of
  // entries rises from 100 to about 90,000: the windows and slots must retune several times, and
  // every pop (and every hint of the next one) must still be the heap's.
  Stream rng(21);
  CalendarQueue calendar;
  BinaryHeap reference;
  std::uint64_t seq = 0;
  const auto push_both = [&](const AgendaEntry& e) {
    calendar.push(e);
    reference.push(e);
  };
  for (int i = 0; i < 100; ++i) push_both(entry(rng.uniform_int(0, 1'000'000), 128, ++seq));
  std::vector<std::uint64_t> widths{calendar.window_ticks()};
  std::vector<std::size_t> slot_counts;
  const double means[] = {3.6e9, 1e6, 1e3, 1.0, 1e5, 1e8};
  for (const double mean : means) {
    for (int step = 0; step < 150'000; ++step) {
      const AgendaEntry& top = calendar.top();
      ASSERT_EQ(top.target, reference.top().target);
      const std::int64_t now = top.time;
      if (const AgendaEntry* hint = calendar.second(); hint != nullptr) {
        ASSERT_EQ(hint->target, reference.second()->target);
      }
      const double roll = rng.uniform();
      const auto later = [&] {
        return entry(now + static_cast<std::int64_t>(rng.exponential(mean)),
                     static_cast<std::uint64_t>(rng.uniform_int(0, 3)) * 64, ++seq);
      };
      if (roll < 0.45) {  // the kernel's usual step: the fired entry replaced by its successor
        const AgendaEntry e = later();
        calendar.replace_top(e);
        reference.pop();
        reference.push(e);
      } else if (roll < 0.70 && step < 75'000 && reference.size() < 60'000) {
        push_both(later());
        push_both(later());
      } else if (roll < 0.75) {
        push_both(entry(now, 0, ++seq));  // due now, urgent: before what is due now already
      } else if (reference.size() > 50) {
        ASSERT_EQ(calendar.pop().target, reference.pop().target);
      }
      ASSERT_EQ(calendar.size(), reference.size());
    }
    widths.push_back(calendar.window_ticks());
    slot_counts.push_back(calendar.slots());
  }
  // The tuning really moved: windows narrowed for dense phases and widened for sparse ones.
  EXPECT_GT(*std::max_element(widths.begin(), widths.end()), 64 * *std::min_element(widths.begin(), widths.end()));
  EXPECT_GT(*std::max_element(slot_counts.begin(), slot_counts.end()), 256U);
  EXPECT_FALSE(calendar.is_plain_heap());
  // Shrunk to a few hundred entries it turns into a plain heap, and grown again into a calendar.
  const auto hold_steps = [&](int steps) {
    for (int step = 0; step < steps; ++step) {
      const AgendaEntry e = entry(calendar.top().time + static_cast<std::int64_t>(rng.exponential(1e6)), 128, ++seq);
      ASSERT_EQ(calendar.top().target, reference.top().target);
      calendar.replace_top(e);
      reference.pop();
      reference.push(e);
    }
  };
  while (reference.size() > 500) ASSERT_EQ(calendar.pop().target, reference.pop().target);
  hold_steps(400'000);  // past the next check, due within 4n pops of the last (n about 90,000)
  EXPECT_TRUE(calendar.is_plain_heap());
  for (int i = 0; i < 20'000; ++i) push_both(entry(reference.top().time + rng.uniform_int(0, 10'000'000), 128, ++seq));
  hold_steps(50'000);
  EXPECT_FALSE(calendar.is_plain_heap());
  expect_same_order(calendar, reference);
}

TEST(CalendarQueueTest, KeepsOrderAtBothEndsOfTheTickRange) {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  CalendarQueue calendar;
  BinaryHeap reference;
  std::uint64_t seq = 0;
  const auto push_both = [&](std::int64_t time, std::uint64_t priority) {
    const AgendaEntry e = entry(time, priority, ++seq);
    calendar.push(e);
    reference.push(e);
  };
  Stream rng(22);
  for (int i = 0; i < 2000; ++i) {
    push_both(min + rng.uniform_int(0, 1000), 128);
    push_both(rng.uniform_int(-1000, 1000), 128);
    push_both(max - rng.uniform_int(0, 1'000'000), static_cast<std::uint64_t>(rng.uniform_int(0, 3)));
    push_both(max, static_cast<std::uint64_t>(rng.uniform_int(0, 3)));
  }
  // Pop half, pushing entries at the end of time as the set nears it (the near heap takes over).
  for (int i = 0; i < 4000; ++i) {
    ASSERT_EQ(calendar.pop().target, reference.pop().target);
  }
  for (int i = 0; i < 6000; ++i) {
    ASSERT_EQ(calendar.pop().target, reference.pop().target);
    push_both(max - rng.uniform_int(0, 10), static_cast<std::uint64_t>(rng.uniform_int(0, 3)));
  }
  expect_same_order(calendar, reference);
  // Emptied at the end of time, it works from the start of time again.
  for (int i = 0; i < 500; ++i) push_both(rng.uniform_int(0, 100'000'000), 128);
  expect_same_order(calendar, reference);
}

TEST(CalendarQueueTest, ACalendarRunsIntoTheEndOfTheTickRange) {
  // 12,000 entries held with delays of about a second, started close enough to the largest time
  // to reach it: the set turns into a calendar, then back into a plain heap where its ring no
  // longer fits, and every pop must still be the heap's. Delays that would overflow are cut at
  // the largest time.
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CalendarQueue calendar;
  BinaryHeap reference;
  Stream rng(25);
  std::uint64_t seq = 0;
  for (int i = 0; i < 12'000; ++i) {
    const AgendaEntry e = entry(max - 20'000'000 + rng.uniform_int(0, 1'000'000), 128, ++seq);
    calendar.push(e);
    reference.push(e);
  }
  bool was_calendar = false;
  for (int step = 0; step < 600'000; ++step) {
    const std::int64_t now = calendar.top().time;
    ASSERT_EQ(calendar.top().target, reference.top().target);
    const auto delay = static_cast<std::int64_t>(rng.exponential(1e6));
    const AgendaEntry e = entry(now > max - delay ? max : now + delay, static_cast<std::uint64_t>(step % 4), ++seq);
    calendar.replace_top(e);
    reference.pop();
    reference.push(e);
    was_calendar = was_calendar || !calendar.is_plain_heap();
  }
  EXPECT_TRUE(was_calendar);
  EXPECT_EQ(reference.top().time, max);  // the clock reached the end
  expect_same_order(calendar, reference);
}

TEST(CalendarQueueTest, ThousandsDueAtTheLargestTimeComeOutInOrder) {
  // More than enough to turn into a calendar, all in the very last window of the tick range.
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CalendarQueue calendar;
  BinaryHeap reference;
  Stream rng(26);
  for (std::uint64_t seq = 1; seq <= 10'240; ++seq) {
    const AgendaEntry e = entry(max, static_cast<std::uint64_t>(rng.uniform_int(0, 3)), seq);
    calendar.push(e);
    reference.push(e);
  }
  expect_same_order(calendar, reference);
}

TEST(CalendarQueueTest, ServesTheAgendaAsTheBinaryHeapDoes) {
  // The kernel's use: take the earliest, push zero or more entries (due now to the FIFO, or later),
  // settle; at 20,000 entries, so the set is a calendar for most of the run.
  BasicAgenda<CalendarQueue> calendar;
  BasicAgenda<BinaryHeap> reference;
  Stream rng(27);
  std::uint64_t seq = 0;
  for (int i = 0; i < 20'000; ++i) {
    const AgendaEntry e = entry(rng.uniform_int(0, 100'000'000), 128, ++seq);
    calendar.push(e, false);
    reference.push(e, false);
  }
  for (int i = 0; i < 300'000; ++i) {
    AgendaEntry taken{};
    AgendaEntry expected{};
    ASSERT_TRUE(calendar.take_before(std::numeric_limits<std::int64_t>::max(), taken));
    ASSERT_TRUE(reference.take_before(std::numeric_limits<std::int64_t>::max(), expected));
    ASSERT_EQ(taken.target, expected.target);
    const AgendaEntry* hint = calendar.next_after_take();
    const AgendaEntry* expected_hint = reference.next_after_take();
    if (hint != nullptr) {
      ASSERT_NE(expected_hint, nullptr);
      ASSERT_EQ(hint->target, expected_hint->target);
    }
    const auto pushes = rng.uniform_int(0, 2);
    for (std::int64_t k = 0; k < pushes; ++k) {
      const bool due_now = rng.uniform() < 0.2;
      const std::uint64_t priority = due_now ? 128 : static_cast<std::uint64_t>(rng.uniform_int(0, 3)) * 64;
      const AgendaEntry e = entry(due_now ? taken.time : taken.time + rng.uniform_int(0, 20'000), priority, ++seq);
      calendar.push(e, due_now);
      reference.push(e, due_now);
    }
    calendar.settle();
    reference.settle();
    ASSERT_EQ(calendar.size(), reference.size());
    if (reference.empty()) break;
  }
  while (!reference.empty()) ASSERT_EQ(calendar.pop().target, reference.pop().target);
  EXPECT_TRUE(calendar.empty());
}

TEST(CalendarQueueTest, ManyEntriesDueAtOneInstantComeOutByPriorityThenSequence) {
  CalendarQueue calendar;
  BinaryHeap reference;
  Stream rng(23);
  std::uint64_t seq = 0;
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 5000; ++i) {
      const AgendaEntry e = entry(round * 1000, static_cast<std::uint64_t>(rng.uniform_int(0, 3)), ++seq);
      calendar.push(e);
      reference.push(e);
    }
    for (int i = 0; i < 2500; ++i) ASSERT_EQ(calendar.pop().target, reference.pop().target);
  }
  expect_same_order(calendar, reference);
}

TEST(CalendarQueueTest, EraseVisitAndClearKeepTheRestInOrder) {
  CalendarQueue calendar;
  BinaryHeap reference;
  Stream rng(24);
  std::uint64_t seq = 0;
  const auto push_both = [&](const AgendaEntry& e) {
    calendar.push(e);
    reference.push(e);
  };
  for (int i = 0; i < 20'000; ++i) push_both(entry(rng.uniform_int(0, 10'000'000), 128, ++seq));
  // Run as a hold model until the set is a calendar, with entries near, in the ring and (one in
  // ten) far beyond it.
  for (int i = 0; i < 100'000; ++i) {
    const std::int64_t now = calendar.top().time;
    ASSERT_EQ(calendar.top().target, reference.top().target);
    const std::int64_t delay = i % 10 == 0 ? rng.uniform_int(0, 1'000'000'000'000) : rng.uniform_int(0, 10'000'000);
    const AgendaEntry e = entry(now + delay, 128, ++seq);
    calendar.replace_top(e);
    reference.pop();
    reference.push(e);
  }
  ASSERT_FALSE(calendar.is_plain_heap());
  // Remove a third, some from every chunk.
  std::vector<AgendaEntry> all;
  while (!reference.empty()) all.push_back(reference.pop());
  for (const AgendaEntry& e : all) {
    if (e.target % 3 != 0) reference.push(e);
  }
  calendar.erase_if([](const AgendaEntry& e) { return e.target % 3 == 0; });
  std::size_t visited = 0;
  calendar.for_each([&](const AgendaEntry& e) {
    EXPECT_NE(e.target % 3, 0U);
    ++visited;
  });
  EXPECT_EQ(visited, reference.size());
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(calendar.pop().target, reference.pop().target);
  EXPECT_FALSE(calendar.is_plain_heap());
  calendar.erase_if([](const AgendaEntry&) { return true; });
  EXPECT_TRUE(calendar.empty());
  reference.clear();
  for (int i = 0; i < 3000; ++i) {
    const AgendaEntry e = entry(rng.uniform_int(0, 1'000'000), 128, ++seq);
    calendar.push(e);
    reference.push(e);
  }
  calendar.clear();
  EXPECT_TRUE(calendar.empty());
  reference.clear();
  for (int i = 0; i < 3000; ++i) {
    const AgendaEntry e = entry(rng.uniform_int(-5'000'000, 5'000'000), 128, ++seq);
    calendar.push(e);
    reference.push(e);
  }
  expect_same_order(calendar, reference);
}

}  // namespace
}  // namespace truckflow::engine::detail
