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

/// Chunks are never returned: a block freed on one thread may sit in another thread's free list,
/// so a chunk can only be released when no thread can use it again, i.e. at exit. They stay
/// reachable from this registry, so leak checkers do not report them.
class ChunkRegistry {
 public:
  std::byte* new_chunk() {
    auto* chunk = static_cast<std::byte*>(::operator new (chunk_bytes, std::align_val_t{chunk_alignment}));
    const std::lock_guard lock(mutex_);
    chunks_.push_back(chunk);
    return chunk;
  }

 private:
  std::mutex mutex_;
  std::vector<std::byte*> chunks_;
};

ChunkRegistry& registry() {
  static auto* instance = new ChunkRegistry;  // intentionally never destroyed (see above)
  return *instance;
}

struct ThreadPool {
  std::array<FreeBlock*, class_count> free{};
  std::array<std::byte*, class_count> bump{};
  std::array<std::size_t, class_count> bump_left{};
  std::int64_t live = 0;
};

thread_local ThreadPool pool;

std::size_t class_of(std::size_t bytes) { return (bytes + granule - 1) / granule - 1; }

}  // namespace

void* pool_allocate(std::size_t bytes) {
  ++pool.live;
  if (bytes == 0) bytes = 1;
  if (bytes > pool_max_block_bytes) return ::operator new(bytes);
  const std::size_t size_class = class_of(bytes);
  const std::size_t block_bytes = (size_class + 1) * granule;
  if (FreeBlock* block = pool.free[size_class]) {
    TRUCKFLOW_UNPOISON(block, block_bytes);
    pool.free[size_class] = block->next;
    return block;
  }
  if (pool.bump_left[size_class] < block_bytes) {
    pool.bump[size_class] = registry().new_chunk();
    pool.bump_left[size_class] = chunk_bytes;
  }
  void* block = pool.bump[size_class];
  pool.bump[size_class] += block_bytes;
  pool.bump_left[size_class] -= block_bytes;
  return block;
}

void pool_deallocate(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  --pool.live;
  if (bytes == 0) bytes = 1;
  if (bytes > pool_max_block_bytes) {
    ::operator delete(block);
    return;
  }
  const std::size_t size_class = class_of(bytes);
  auto* free_block = static_cast<FreeBlock*>(block);
  free_block->next = pool.free[size_class];
  pool.free[size_class] = free_block;
  TRUCKFLOW_POISON(block, (size_class + 1) * granule);
}

std::int64_t pool_live_blocks() noexcept { return pool.live; }

}  // namespace truckflow::engine::detail
