// The frame pool: the blocks of a thread that exits are reused by the next thread; the live count
// only moves when an allocation succeeds.
#include "truckflow/engine/detail/frame_pool.hpp"

#include <gtest/gtest.h>
#include <limits>
#include <new>
#include <optional>
#include <thread>
#include <vector>

#include "truckflow/engine.hpp"

#if defined(__SANITIZE_ADDRESS__)
// An impossible allocation throws std::bad_alloc under AddressSanitizer too, as it does without it.
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }
#endif

namespace truckflow::engine::detail {
namespace {

void allocate_and_free(std::size_t count, std::size_t bytes) {
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < count; ++i) blocks.push_back(pool_allocate(bytes));
  for (void* block : blocks) pool_deallocate(block, bytes);
}

TEST(FramePoolTest, AFinishedThreadsMemoryIsReusedByTheNextThread) {
  constexpr std::size_t count = 20'000;  // 20,000 blocks of 200 bytes: about 62 chunks of 64 KiB
  constexpr std::size_t bytes = 200;
  std::thread(allocate_and_free, count, bytes).join();
  const std::size_t chunks_after_first = pool_chunks();
  for (int i = 0; i < 3; ++i) std::thread(allocate_and_free, count, bytes).join();
  EXPECT_EQ(pool_chunks(), chunks_after_first) << "each new worker thread took fresh chunks";
}

TEST(FramePoolTest, AFailedAllocationIsNotCounted) {
  const std::int64_t before = pool_live_blocks();
  EXPECT_THROW((void)pool_allocate(std::numeric_limits<std::size_t>::max() / 2), std::bad_alloc);
  EXPECT_EQ(pool_live_blocks(), before);
}

Process<> sleeper(Simulation& sim) { co_await sim.timeout(days(1)); }

void thread_local_simulation() {
  // Constructed before the thread's pool is first used, so destroyed after it at thread exit.
  thread_local std::optional<Simulation> sim;
  sim.emplace();
  for (int i = 0; i < 20'000; ++i) sim->spawn(sleeper(*sim));
  sim->run_until(Time::zero() + seconds(1));
}

// Found in review: frames freed after the thread's pool was destroyed (by a thread_local
// Simulation) went onto the dead pool's lists and were never reused.
TEST(FramePoolTest, FramesFreedAfterTheThreadsPoolIsGoneAreReused) {
  std::thread(thread_local_simulation).join();
  const std::size_t chunks_after_first = pool_chunks();
  for (int i = 0; i < 3; ++i) std::thread(thread_local_simulation).join();
  EXPECT_EQ(pool_chunks(), chunks_after_first);
}

}  // namespace
}  // namespace truckflow::engine::detail
