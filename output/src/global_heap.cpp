// Global heap collections ("GCOL") and references into them, as the HDF5 file format lays them out
// (8-byte addresses and lengths, as truckflow writes them).
#include "global_heap.hpp"

#include <algorithm>
#include <string_view>

namespace truckflow::output::detail {

namespace {

constexpr std::string_view signature = "GCOL";
constexpr std::uint64_t collection_header_bytes = 16;  // signature, version, 3 reserved, size
constexpr std::uint64_t object_header_bytes = 16;      // index, reference count, 4 reserved, size
constexpr std::uint64_t reference_bytes = 16;          // length, collection address, index

std::uint64_t little_endian(const std::vector<char>& file, std::uint64_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= std::uint64_t{static_cast<unsigned char>(file[at + i])} << (8 * i);
  return value;
}

std::uint64_t aligned(std::uint64_t n) { return (n + 7) / 8 * 8; }

}  // namespace

GlobalHeaps::GlobalHeaps(const std::vector<char>& file, std::uint64_t base) : file_(file), base_(base) {
  const std::string_view bytes(file.data(), file.size());
  for (std::size_t at = bytes.find(signature); at != std::string_view::npos; at = bytes.find(signature, at + 1)) {
    const auto damaged = [&](const std::string& what) {
      return Damaged("the global heap collection at byte " + std::to_string(at) + " " + what);
    };
    // "GCOL" inside other data, or in a user block before the superblock.
    if (at < base || at + collection_header_bytes > file.size() || file[at + 4] != 1) continue;
    const std::uint64_t size = little_endian(file, at + 8, 8);
    if (size < collection_header_bytes || size > file.size() - at) throw damaged("has an impossible size");
    const std::uint64_t end = at + size;
    std::map<std::uint64_t, std::uint64_t>& sizes = object_sizes_[at - base];
    for (std::uint64_t object = at + collection_header_bytes; object < end;) {
      if (end - object < object_header_bytes) break;  // too little left for an object: free space
      const std::uint64_t index = little_endian(file, object, 2);
      const std::uint64_t object_size = little_endian(file, object + 8, 8);
      if (index == 0) {  // the free space, to the end of the collection
        if (object_size != end - object) throw damaged("has free space of the wrong size");
        break;
      }
      // Objects may be in any order (HDF5 reuses freed indices; netCDF-C's files have them out of
      // order); each index once.
      if (sizes.contains(index)) throw damaged("has object " + std::to_string(index) + " twice");
      if (object_size > end - object - object_header_bytes ||
          aligned(object_size) > end - object - object_header_bytes) {
        throw damaged("has object " + std::to_string(index) + " overrunning it");
      }
      sizes.emplace(index, object_size);
      object += object_header_bytes + aligned(object_size);
    }
  }
}

void GlobalHeaps::check_references(std::uint64_t offset, std::uint64_t count, const std::string& variable) const {
  const std::uint64_t start = base_ + offset;
  if (start > file_.size() || count > (file_.size() - start) / reference_bytes) {
    throw Damaged("the text of '" + variable + "' lies outside the file");
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t at = start + i * reference_bytes;
    const std::uint64_t length = little_endian(file_, at, 4);
    const std::uint64_t collection = little_endian(file_, at + 4, 8);
    const std::uint64_t index = little_endian(file_, at + 12, 4);
    if (length == 0 && collection == 0 && index == 0) continue;  // empty text
    const auto it = object_sizes_.find(collection);
    const auto object = it == object_sizes_.end() ? nullptr : &it->second;
    if (object == nullptr || !object->contains(index) || object->at(index) != length) {
      throw Damaged("value " + std::to_string(i) + " of '" + variable + "' refers to no text in the global heap");
    }
  }
}

}  // namespace truckflow::output::detail
