// The HDF5 superblock of a file image built in memory. Internal to output/.
#pragma once

#include <cstdint>
#include <vector>

namespace truckflow::output::detail {

/// Jenkins' lookup3 hash ("hashlittle", initial value 0): the checksum of HDF5's metadata.
std::uint32_t metadata_checksum(const unsigned char* data, std::size_t size);

/// Recomputes the checksum of the version 2 or 3 superblock at the start of `image`.
/// H5Fget_file_image (HDF5 1.10) clears the superblock's status flags in the copy it returns
/// without updating the checksum, so the copy would not open. Throws `std::logic_error` if `image`
/// does not start with such a superblock.
void reseal_superblock(std::vector<char>& image);

}  // namespace truckflow::output::detail
