// Checks on paths shared by the writing and the reading side of results files, and writing a
// file's bytes with every failure reported. Internal to output/.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace truckflow::output::detail {

/// Raised by the checks of a results file's structure that HDF5 does not make itself; the message
/// says what is damaged and where.
class Damaged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws `std::invalid_argument(refusal + "is not a regular file")` unless `path` is a regular
/// file (symbolic links followed). Checked before a file is opened, so that a FIFO or a device is
/// refused instead of blocking the read.
void require_regular_file(const std::string& path, const std::string& refusal);

/// Where `file` (of `size` bytes) holds the HDF5 signature: at 0, or at 512, 1024, 2048... after a
/// user block, as the HDF5 format allows; nothing if it holds none.
std::optional<std::uintmax_t> hdf5_signature_offset(std::istream& file, std::uintmax_t size);

/// Creates (or truncates) `path` and writes `bytes` to it; throws `std::runtime_error` naming the
/// file and the system's reason ("No space left on device", "File too large", ...) if any write,
/// or the close, fails.
void write_file(const std::string& path, std::string_view bytes);

}  // namespace truckflow::output::detail
