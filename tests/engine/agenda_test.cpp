// The agenda orders entries by (time, priority, sequence), merging its now-FIFO with its heap.
#include "truckflow/engine/detail/agenda.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

#include "truckflow/engine/random.hpp"

namespace truckflow::engine::detail {
namespace {

AgendaEntry entry(std::int64_t time, std::uint64_t priority, std::uint64_t seq) {
  return {time, (priority << sequence_bits) | seq, seq};
}

template <typename Heap>
class HeapTest : public ::testing::Test {};
using Heaps = ::testing::Types<BinaryHeap, QuaternaryHeap>;
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
