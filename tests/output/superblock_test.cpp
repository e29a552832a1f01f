// The metadata checksum against lookup3's published values, and a resealed superblock that HDF5
// opens again.
#include "superblock.hpp"

#include <gtest/gtest.h>
#include <string>

namespace truckflow::output::detail {
namespace {

std::uint32_t checksum(const std::string& text) {
  return metadata_checksum(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

TEST(MetadataChecksum, MatchesLookup3) {
  // The values of Bob Jenkins' lookup3.c self-test (hashlittle with initial value 0).
  EXPECT_EQ(checksum(""), 0xdeadbeefU);
  EXPECT_EQ(checksum("Four score and seven years ago"), 0x17770551U);
}

TEST(MetadataChecksum, ResealWritesTheChecksumAfterTheSuperblock) {
  std::vector<char> image(48 + 8, '\0');
  const std::string head("\x89HDF\r\n\x1a\n\x02\x08\x08\x00", 12);
  std::copy(head.begin(), head.end(), image.begin());
  reseal_superblock(image);
  const std::uint32_t expected = metadata_checksum(reinterpret_cast<const unsigned char*>(image.data()), 44);
  std::uint32_t stored = 0;
  for (int i = 0; i < 4; ++i) stored |= std::uint32_t{static_cast<unsigned char>(image[44 + i])} << (8 * i);
  EXPECT_EQ(stored, expected);
  image[8] = 0;  // version 0: no checksum to reseal
  EXPECT_THROW(reseal_superblock(image), std::logic_error);
}

}  // namespace
}  // namespace truckflow::output::detail
