// The frame pool: per-thread free lists per 8-byte size class, each class carved from its own
// 64 KiB chunks (so blocks of a size that is a multiple of 16 stay 16-aligned).
#include "truckflow/engine/detail/frame_pool.hpp"

#include <array>
#include <mutex>
#include <new>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define TRUCKFLOW_POISON(address, size) ASAN_POISON_MEMORY_REGION(address, size)
#define TRUCKFLOW_UNPOISON(address, size) ASAN_UNPOISON_MEMORY_REGION(address, size)
#else
#define TRUCKFLOW_POISON(address, size) ((void)(address), (void)(size))
#define TRUCKFLOW_UNPOISON(address, size) ((void)(address), (void)(size))
#endif

namespace truckflow::engine::detail {

namespace {

constexpr std::size_t granule = 8;
constexpr std::size_t chunk_alignment = 16;
constexpr std::size_t class_count = pool_max_block_bytes / granule;
constexpr std::size_t chunk_bytes = std::size_t{64} * 1024;

struct FreeBlock {
  FreeBlock* next;
};

/// What a thread leaves behind when it exits, per size class: its free list and the unused rest of
/// its current chunk. The next thread that runs out of blocks of that class adopts them.
struct Leftovers {
  std::vector<FreeBlock*> free_lists;
  std::vector<std::pair<std::byte*, std::size_t>> bump_rests;
};

/// Chunks are never returned: a block freed on one thread may sit in another thread's free list,
/// so a chunk can only be released when no thread can use it again, i.e. at exit. They stay
/// reachable from this registry, so leak checkers do not report them. The memory of threads that
/// have exited is kept here for reuse (see Leftovers).
class ChunkRegistry {
 public:
  std::byte* new_chunk() {
    const std::lock_guard lock(mutex_);
    return new_chunk_locked();
  }
  std::size_t chunk_count() {
    const std::lock_guard lock(mutex_);
    return chunks_.size();
  }
  /// Keeps a exiting thread's free list and bump rest of one class. Never throws: what cannot be
  /// kept is simply not reused.
  void leave(std::size_t size_class, FreeBlock* free_list, std::byte* bump, std::size_t bump_left) noexcept {
    const std::lock_guard lock(mutex_);
    Leftovers& left = leftovers_[size_class];
    try {
      if (free_list != nullptr) left.free_lists.push_back(free_list);
      if (bump_left >= (size_class + 1) * granule) left.bump_rests.emplace_back(bump, bump_left);
    } catch (...) {
    }
  }
  /// A free list left by an exited thread for this class, or null.
  FreeBlock* adopt_free_list(std::size_t size_class) {
    const std::lock_guard lock(mutex_);
    auto& lists = leftovers_[size_class].free_lists;
    if (lists.empty()) return nullptr;
    FreeBlock* list = lists.back();
    lists.pop_back();
    return list;
  }
  /// The rest of a chunk left by an exited thread for this class; {null, 0} if there is none.
  std::pair<std::byte*, std::size_t> adopt_bump_rest(std::size_t size_class) {
    const std::lock_guard lock(mutex_);
    auto& rests = leftovers_[size_class].bump_rests;
    if (rests.empty()) return {nullptr, 0};
    const auto rest = rests.back();
    rests.pop_back();
    return rest;
  }

  /// One block, for a thread whose own pool is already gone (its thread_local objects are being
  /// destroyed after the pool: a thread_local Simulation freeing its frames, say).
  void* take_one(std::size_t size_class) {
    const std::size_t block_bytes = (size_class + 1) * granule;
    const std::lock_guard lock(mutex_);
    Leftovers& left = leftovers_[size_class];
    if (!left.free_lists.empty()) {
      FreeBlock* block = left.free_lists.back();
      TRUCKFLOW_UNPOISON(block, block_bytes);
      if (block->next != nullptr) {
        left.free_lists.back() = block->next;
      } else {
        left.free_lists.pop_back();
      }
      return block;
    }
    if (left.bump_rests.empty()) left.bump_rests.emplace_back(new_chunk_locked(), chunk_bytes);
    auto& [rest, rest_left] = left.bump_rests.back();
    std::byte* block = rest;
    rest += block_bytes;
    rest_left -= block_bytes;
    if (rest_left < block_bytes) left.bump_rests.pop_back();
    return block;
  }
  /// Returns one block from a thread whose own pool is gone.
  void give_back(std::size_t size_class, void* block) noexcept {
    auto* free_block = static_cast<FreeBlock*>(block);
    const std::lock_guard lock(mutex_);
    auto& lists = leftovers_[size_class].free_lists;
    if (lists.empty()) {
      try {
        lists.push_back(nullptr);
      } catch (...) {
        return;  // not reused: the memory stays in its chunk
      }
    }
    free_block->next = lists.back();
    lists.back() = free_block;
    TRUCKFLOW_POISON(block, (size_class + 1) * granule);
  }

 private:
  std::byte* new_chunk_locked() {
    auto* chunk = static_cast<std::byte*>(::operator new (chunk_bytes, std::align_val_t{chunk_alignment}));
    try {
      chunks_.push_back(chunk);
    } catch (...) {
      ::operator delete (chunk, std::align_val_t{chunk_alignment});
      throw;
    }
    return chunk;
  }

  std::mutex mutex_;
  std::vector<std::byte*> chunks_;
  std::array<Leftovers, class_count> leftovers_;
};

ChunkRegistry& registry() {
  static auto* instance = new ChunkRegistry;  // intentionally never destroyed (see above)
  return *instance;
}

/// Set when this thread's pool has been destroyed (at thread exit, before thread_local objects
/// constructed earlier, such as a thread_local Simulation). Trivially destructible, so it can
/// still be read then.
thread_local bool pool_gone = false;

struct ThreadPool {
  ThreadPool() = default;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  /// The thread exits: its free blocks and chunk rests go back to the registry for other threads.
  ~ThreadPool() {
    pool_gone = true;
    for (std::size_t c = 0; c < class_count; ++c) {
      registry().leave(c, free[c], bump[c], bump_left[c]);
      free[c] = nullptr;
      bump_left[c] = 0;
    }
  }

  std::array<FreeBlock*, class_count> free{};
  std::array<std::byte*, class_count> bump{};
  std::array<std::size_t, class_count> bump_left{};
  std::int64_t live = 0;
};

thread_local ThreadPool pool;

std::size_t class_of(std::size_t bytes) { return (bytes + granule - 1) / granule - 1; }

/// Refills an empty size class: a free list or chunk rest left by an exited thread, else a new chunk.
void refill(std::size_t size_class) {
  if (FreeBlock* list = registry().adopt_free_list(size_class)) {
    pool.free[size_class] = list;
    return;
  }
  auto [rest, left] = registry().adopt_bump_rest(size_class);  // holds at least one block
  if (rest == nullptr) {
    rest = registry().new_chunk();
    left = chunk_bytes;
  }
  pool.bump[size_class] = rest;
  pool.bump_left[size_class] = left;
}

}  // namespace

void* pool_allocate(std::size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (bytes > pool_max_block_bytes) {
    // nothrow and an explicit throw: the same std::bad_alloc, and testable under AddressSanitizer
    // (whose throwing operator new aborts instead).
    void* block = ::operator new(bytes, std::nothrow);
    if (block == nullptr) throw std::bad_alloc();
    if (!pool_gone) ++pool.live;  // counted once the allocation has succeeded
    return block;
  }
  const std::size_t size_class = class_of(bytes);
  const std::size_t block_bytes = (size_class + 1) * granule;
  if (pool_gone) return registry().take_one(size_class);  // not counted: the thread is ending
  if (pool.free[size_class] == nullptr && pool.bump_left[size_class] < block_bytes) refill(size_class);
  ++pool.live;
  if (FreeBlock* block = pool.free[size_class]) {
    TRUCKFLOW_UNPOISON(block, block_bytes);
    pool.free[size_class] = block->next;
    return block;
  }
  void* block = pool.bump[size_class];
  pool.bump[size_class] += block_bytes;
  pool.bump_left[size_class] -= block_bytes;
  return block;
}

void pool_deallocate(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes == 0) bytes = 1;
  if (bytes > pool_max_block_bytes) {
    if (!pool_gone) --pool.live;
    ::operator delete(block);
    return;
  }
  const std::size_t size_class = class_of(bytes);
  if (pool_gone) {
    registry().give_back(size_class, block);
    return;
  }
  --pool.live;
  auto* free_block = static_cast<FreeBlock*>(block);
  free_block->next = pool.free[size_class];
  pool.free[size_class] = free_block;
  TRUCKFLOW_POISON(block, (size_class + 1) * granule);
}

std::int64_t pool_live_blocks() noexcept { return pool.live; }

std::size_t pool_chunks() { return registry().chunk_count(); }

}  // namespace truckflow::engine::detail
