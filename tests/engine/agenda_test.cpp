// The agenda orders entries by (time, priority, sequence), merging its now-FIFO with its heap.
#include "truckflow/engine/detail/agenda.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <type_traits>
#include <vector>

#include "truckflow/engine/detail/calendar_queue.hpp"
#include "truckflow/engine/detail/radix_heap.hpp"
#include "truckflow/engine/random.hpp"

namespace truckflow::engine::detail {
namespace {

AgendaEntry entry(std::int64_t time, std::uint64_t priority, std::uint64_t seq) {
  return {time, (priority << sequence_bits) | seq, seq};
}

template <typename Heap>
class HeapTest : public ::testing::Test {};
using Heaps = ::testing::Types<BinaryHeap, QuaternaryHeap, RadixHeap, CalendarQueue>;
TYPED_TEST_SUITE(HeapTest, Heaps);

TYPED_TEST(HeapTest, PopsInOrderForRandomInput) {
  static_assert(EventSet<TypeParam>);
  Stream rng(11);
  TypeParam heap;
  std::vector<AgendaEntry> expected;
  for (std::uint64_t seq = 1; seq <= 5000; ++seq) {
    const AgendaEntry e = entry(rng.uniform_int(0, 50), static_cast<std::uint64_t>(rng.uniform_int(0, 3)), seq);
    heap.push(e);
    expected.push_back(e);
  }
  std::sort(expected.begin(), expected.end(), earlier);
  for (const AgendaEntry& e : expected) {
    ASSERT_FALSE(heap.empty());
    const AgendaEntry got = heap.pop();
    ASSERT_EQ(got.target, e.target);
  }
  EXPECT_TRUE(heap.empty());
}

TYPED_TEST(HeapTest, ReplaceTopIsPopThenPush) {
  Stream rng(12);
  TypeParam fused;
  TypeParam reference;
  std::uint64_t seq = 0;
  for (int i = 0; i < 1000; ++i) {
    const AgendaEntry e = entry(rng.uniform_int(0, 100), 128, ++seq);
    fused.push(e);
    reference.push(e);
  }
  for (int i = 0; i < 20'000; ++i) {
    // The replacement is due no earlier than the top, as in the kernel, or anywhere (a heap
    // operation must not depend on it).
    const std::int64_t base = i % 2 == 0 ? fused.top().time : 0;
    const AgendaEntry e =
        entry(base + rng.uniform_int(0, 100), static_cast<std::uint64_t>(rng.uniform_int(0, 3)), ++seq);
    // `second` is a hint: a radix heap gives it only when at hand, the d-ary heaps always.
    const AgendaEntry* second = fused.second();
    if constexpr (!std::is_same_v<TypeParam, RadixHeap> && !std::is_same_v<TypeParam, CalendarQueue>) {
      ASSERT_NE(second, nullptr);
    }
    const std::uintptr_t expected_second = second != nullptr ? second->target : 0;
    ASSERT_EQ(fused.top().target, reference.pop().target);
    if (second != nullptr) {
      ASSERT_EQ(reference.top().target, expected_second);
    }
    fused.replace_top(e);
    reference.push(e);
  }
  while (!reference.empty()) ASSERT_EQ(fused.pop().target, reference.pop().target);
  EXPECT_TRUE(fused.empty());
}

TEST(AgendaTest, TakenEntryIsReplacedByTheNextHeapPushOrSettled) {
  // Random firing as the kernel does it: take the earliest, push zero or more later entries (to
  // the heap or, due now, to the FIFO), settle. The order must be that of a plain pop and push.
  Stream rng(13);
  Agenda fused;
  Agenda reference;
  std::uint64_t seq = 0;
  for (int i = 0; i < 500; ++i) {
    const AgendaEntry e = entry(rng.uniform_int(0, 50), 128, ++seq);
    fused.push(e, false);
    reference.push(e, false);
  }
  std::int64_t now = 0;
  int hints = 0;
  int takes = 0;
  for (int i = 0; i < 20'000 && !reference.empty(); ++i, ++takes) {
    AgendaEntry taken{};
    ASSERT_TRUE(fused.take_before(1'000'000, taken));
    const AgendaEntry expected = reference.pop();
    ASSERT_EQ(taken.target, expected.target);
    ASSERT_EQ(fused.size(), reference.size());
    now = taken.time;
    const AgendaEntry* next = fused.next_after_take();  // a hint: may be absent, never wrong
    if (next != nullptr) {
      ++hints;
      ASSERT_FALSE(reference.empty());
      EXPECT_EQ(next->target, reference.top().target);
    }
    const auto pushes = rng.uniform_int(0, 2);
    for (std::int64_t k = 0; k < pushes; ++k) {
      const bool due_now = rng.uniform() < 0.3;
      const std::uint64_t priority = due_now ? 128 : static_cast<std::uint64_t>(rng.uniform_int(0, 3)) * 64;
      const AgendaEntry e = entry(due_now ? now : now + rng.uniform_int(0, 20), priority, ++seq);
      fused.push(e, due_now);
      reference.push(e, due_now);
    }
    fused.settle();
    ASSERT_EQ(fused.size(), reference.size());
  }
  EXPECT_GT(hints, takes / 2);  // the hint is there most of the time
  AgendaEntry taken{};
  EXPECT_FALSE(fused.take_before(0, taken));  // nothing is due before time 0
  while (!reference.empty()) ASSERT_EQ(fused.pop().target, reference.pop().target);
  EXPECT_TRUE(fused.empty());
}

TEST(AgendaTest, OperationsSettleATakenEntryFirst) {
  Agenda agenda;
  for (std::uint64_t seq = 1; seq <= 10; ++seq) agenda.push(entry(static_cast<std::int64_t>(seq), 128, seq), false);
  AgendaEntry taken{};
  ASSERT_TRUE(agenda.take_before(100, taken));
  EXPECT_EQ(taken.target, 1U);
  EXPECT_EQ(agenda.size(), 9U);
  EXPECT_EQ(agenda.top().target, 2U);  // the taken entry is gone, not seen again
  std::size_t seen = 0;
  agenda.for_each([&](const AgendaEntry& e) {
    EXPECT_NE(e.target, 1U);
    ++seen;
  });
  EXPECT_EQ(seen, 9U);
  ASSERT_TRUE(agenda.take_before(100, taken));
  EXPECT_EQ(taken.target, 2U);
  agenda.erase_if([](const AgendaEntry& e) { return e.target == 2; });  // already gone
  EXPECT_EQ(agenda.size(), 8U);
  EXPECT_EQ(agenda.pop().target, 3U);
}

TEST(AgendaTest, FifoEntriesMergeWithHeapEntriesByFullOrder) {
  Agenda agenda;
  agenda.push(entry(5, 128, 1), false);  // heap, due at 5
  agenda.push(entry(5, 0, 2), false);    // urgent, due at 5
  agenda.push(entry(5, 128, 3), true);   // FIFO, due at 5
  agenda.push(entry(5, 128, 4), true);
  agenda.push(entry(5, 128, 5), false);  // heap again, after the FIFO ones
  agenda.push(entry(4, 192, 6), false);  // earlier time wins over everything
  std::vector<std::uintptr_t> order;
  while (!agenda.empty()) order.push_back(agenda.pop().target);
  EXPECT_EQ(order, (std::vector<std::uintptr_t>{6, 2, 1, 3, 4, 5}));
}

TEST(TrivialVectorTest, GrowsAndTrims) {
  TrivialVector<int> v;
  for (int i = 0; i < 10'000; ++i) v.push_back(i);
  EXPECT_EQ(v.size(), 10'000U);
  EXPECT_EQ(v[9'999], 9'999);
  v.pop_back();
  EXPECT_EQ(v.back(), 9'998);
  v.clear_and_trim(100);
  EXPECT_TRUE(v.empty());
  v.push_back(1);
  EXPECT_EQ(v.front(), 1);
}

TEST(AgendaTest, EraseIfRemovesEntriesAndKeepsTheOrderOfTheRest) {
  Agenda agenda;
  Stream draws(5);
  for (std::uint64_t seq = 1; seq <= 2000; ++seq) {
    const bool due_now = seq % 7 == 0;  // the FIFO holds entries due now (time 0), in sequence
    agenda.push(entry(due_now ? 0 : static_cast<std::int64_t>(draws.uniform(0.0, 100.0)), 128, seq), due_now);
  }
  agenda.erase_if([](const AgendaEntry& e) { return e.target % 3 == 0; });
  EXPECT_EQ(agenda.size(), 2000U - 666U);
  AgendaEntry previous = agenda.pop();
  EXPECT_NE(previous.target % 3, 0U);
  while (!agenda.empty()) {
    const AgendaEntry next = agenda.pop();
    EXPECT_NE(next.target % 3, 0U);
    EXPECT_TRUE(earlier(previous, next));
    previous = next;
  }
}

}  // namespace
}  // namespace truckflow::engine::detail
