// HDF5's global heap, checked before HDF5 reads it. Variable-length text is kept there, and
// HDF5 checksums neither the heap nor (outside chunks) the references into it, and trusts both:
// a damaged size or index made it read out of bounds. Internal to output/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "files.hpp"

namespace truckflow::output::detail {

class GlobalHeaps {
 public:
  /// Finds every global heap collection in `file` (the whole file; `base` is the offset of its
  /// superblock, which addresses count from) and checks its layout: objects with distinct indices
  /// (in any order), each within the collection, then free space to its end. Throws `Damaged`.
  GlobalHeaps(const std::vector<char>& file, std::uint64_t base);

  /// Checks `count` references to heap objects (16 bytes each: length, collection address, object
  /// index, as variable-length text is stored) at `offset` in the file: each names an object of
  /// that length, or is empty. Throws `Damaged` naming `variable`.
  void check_references(std::uint64_t offset, std::uint64_t count, const std::string& variable) const;

 private:
  const std::vector<char>& file_;
  std::uint64_t base_;
  std::map<std::uint64_t, std::map<std::uint64_t, std::uint64_t>> object_sizes_;  ///< collection -> index -> size
};

}  // namespace truckflow::output::detail
