// A size-class pool for coroutine frames and process states: allocating and freeing a block is a
// free-list pop or push, and blocks of one size are reused without returning to malloc.
#pragma once

#include <cstddef>
#include <cstdint>

namespace truckflow::engine::detail {

/// Returns a block of at least `bytes` bytes. Sizes are rounded up to a multiple of 8, and each
/// size has its own chunks, so a block is aligned to 16 when `bytes` is a multiple of 16 and to 8
/// otherwise. Blocks up to `pool_max_block_bytes` come from the calling thread's free lists; larger
/// ones from `::operator new`. Memory in the pool is kept for reuse until the program exits; the
/// free blocks of a thread that exits are reused by the threads that need them next.
void* pool_allocate(std::size_t bytes);
/// Returns a block obtained from `pool_allocate(bytes)` with the same `bytes`.
void pool_deallocate(void* block, std::size_t bytes) noexcept;

inline constexpr std::size_t pool_max_block_bytes = 1024;

/// Blocks handed out and not yet returned by the calling thread (frees of blocks allocated on
/// another thread count on the freeing thread): lets tests check that every frame is destroyed.
std::int64_t pool_live_blocks() noexcept;

/// Chunks the pool has taken from the system, over all threads (for tests of reuse).
std::size_t pool_chunks();

}  // namespace truckflow::engine::detail
