// The superblock's checksum: lookup3, as HDF5's H5_checksum_lookup3.
#include "superblock.hpp"

#include <stdexcept>

namespace truckflow::output::detail {

namespace {

constexpr std::uint32_t rotate(std::uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

void mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
  a -= c, a ^= rotate(c, 4), c += b;
  b -= a, b ^= rotate(a, 6), a += c;
  c -= b, c ^= rotate(b, 8), b += a;
  a -= c, a ^= rotate(c, 16), c += b;
  b -= a, b ^= rotate(a, 19), a += c;
  c -= b, c ^= rotate(b, 4), b += a;
}

void final_mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
  c ^= b, c -= rotate(b, 14);
  a ^= c, a -= rotate(c, 11);
  b ^= a, b -= rotate(a, 25);
  c ^= b, c -= rotate(b, 16);
  a ^= c, a -= rotate(c, 4);
  b ^= a, b -= rotate(a, 14);
  c ^= b, c -= rotate(b, 24);
}

/// Bytes [0, 4) of `data` as a little-endian word, with only the first `count` of them.
std::uint32_t word(const unsigned char* data, std::size_t count) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < count && i < 4; ++i) value |= static_cast<std::uint32_t>(data[i]) << (8 * i);
  return value;
}

}  // namespace

std::uint32_t metadata_checksum(const unsigned char* data, std::size_t size) {
  std::uint32_t a = 0xdeadbeef + static_cast<std::uint32_t>(size);
  std::uint32_t b = a;
  std::uint32_t c = a;
  for (; size > 12; size -= 12, data += 12) {
    a += word(data, 4);
    b += word(data + 4, 4);
    c += word(data + 8, 4);
    mix(a, b, c);
  }
  if (size == 0) return c;
  a += word(data, size);
  if (size > 4) b += word(data + 4, size - 4);
  if (size > 8) c += word(data + 8, size - 8);
  final_mix(a, b, c);
  return c;
}

void reseal_superblock(std::vector<char>& image) {
  // Signature (8 bytes), version, size of offsets, size of lengths, flags, then four addresses.
  constexpr std::size_t fixed_bytes = 12;
  const auto* bytes = reinterpret_cast<const unsigned char*>(image.data());
  if (image.size() < fixed_bytes || (bytes[8] != 2 && bytes[8] != 3)) {
    throw std::logic_error("results file: the image does not start with a version 2 or 3 superblock");
  }
  const std::size_t checksummed = fixed_bytes + 4 * std::size_t{bytes[9]};
  if (image.size() < checksummed + 4) throw std::logic_error("results file: the image ends inside its superblock");
  const std::uint32_t checksum = metadata_checksum(bytes, checksummed);
  for (std::size_t i = 0; i < 4; ++i) image[checksummed + i] = static_cast<char>((checksum >> (8 * i)) & 0xff);
}

}  // namespace truckflow::output::detail
